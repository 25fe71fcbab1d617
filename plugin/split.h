/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where a long tutor text is cut into lines that the GUI shows whole.
 * Pure C, no Wireshark: tests/split_check.c splits the whole catalogue
 * with it. parts.c puts the pieces in the tree. */
#ifndef TLSTUTOR_SPLIT_H
#define TLSTUTOR_SPLIT_H

#include <stdbool.h>
#include <stddef.h>

/* The GUI cuts a tree line after this many bytes, its terminating NUL
 * included (Wireshark's ITEM_LABEL_LENGTH; parts.c checks that they agree). */
#define TT_LINE_MAX 240
/* The most a piece shown on a line of its own may take, with a margin. */
#define TT_PIECE_MAX (TT_LINE_MAX - 16)

typedef enum {
    /* Explanations: one sentence per piece (after ". " or "。"). */
    TT_SPLIT_SENTENCES,
    /* Lists quoting the capture: as many items as fit (after ", ", "、", "。"). */
    TT_SPLIT_LIST,
} tt_split_kind;

/* Whether the line "label: text" is longer than the GUI shows. */
bool tt_split_needed(const char *label, const char *text);
/* Room for the first piece, shown on the line "label: piece". */
size_t tt_split_first_max(const char *label);
/* The length in bytes of the next piece of text, at most max bytes (unless
 * max cannot hold one character). The piece ends, in this order of choice:
 * 1. sentences: after the first sentence that fits;
 * 2. at the text's end, if it fits;
 * 3. lists: after the last item that fits (", " "、" "。");
 * 4. after the last clause that fits: ", " "; " ": " ". " "、" "。" "」" "）";
 * 5. at the last word boundary that fits: a space; in Japanese also a change
 *    of script (kanji, katakana, hiragana, Latin) that does not put hiragana
 *    first (the okurigana or particle of the word before), or a hiragana
 *    after the particle を; never inside a kanji or katakana word;
 * 6. at the last whole UTF-8 character that fits: only text quoted from a
 *    capture (a 200-byte host name) has no better place.
 * No piece starts with closing punctuation nor ends with an opening bracket.
 * The caller strips the spaces around a piece. */
size_t tt_split_next(const char *text, tt_split_kind kind, size_t max);

#endif
