/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "split.h"

#include <stdint.h>
#include <string.h>

bool tt_split_needed(const char *label, const char *text)
{
    return strlen(label) + 2 + strlen(text) >= TT_LINE_MAX;
}

size_t tt_split_first_max(const char *label)
{
    size_t used = strlen(label) + 2, room = used < TT_LINE_MAX - 1 ? TT_LINE_MAX - 1 - used : 0;

    return room < TT_PIECE_MAX ? room : TT_PIECE_MAX;
}

/* The code point at s, and its length in *n (a stray byte counts as one). */
static uint32_t decode(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;

    if (u[0] >= 0xE0 && u[0] < 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
        *n = 3;
        return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    }
    if (u[0] >= 0xC0 && u[0] < 0xE0 && (u[1] & 0xC0) == 0x80) {
        *n = 2;
        return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    }
    if (u[0] >= 0xF0 && (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80 && (u[3] & 0xC0) == 0x80) {
        *n = 4;
        return (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3F) << 12 |
               (uint32_t)(u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    }
    *n = 1;
    return u[0];
}

static bool is_space(uint32_t c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == 0x3000;
}

/* What may not start a line: closing brackets and punctuation. */
static bool is_closer(uint32_t c)
{
    return (c && c < 0x80 && strchr(").,;:!?]}", (int)c)) ||
           c == 0x3001 || c == 0x3002 || c == 0x300D || c == 0x300F || c == 0x3011 ||
           c == 0xFF09 || c == 0xFF0C || c == 0xFF0E || c == 0xFF1A || c == 0xFF1B ||
           c == 0xFF01 || c == 0xFF1F || c == 0xFF3D;
}

/* What may not end a line: opening brackets. */
static bool is_opener(uint32_t c)
{
    return c == '(' || c == '[' || c == '{' || c == 0x300C || c == 0x300E || c == 0x3010 ||
           c == 0xFF08 || c == 0xFF3B;
}

typedef enum { LATIN, KANJI, KATAKANA, HIRAGANA, OTHER } script;

static script script_of(uint32_t c)
{
    if (c < 0x80)
        return LATIN;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x3005 && c <= 0x3007))
        return KANJI;
    if ((c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FE) ||
        (c >= 0x31F0 && c <= 0x31FF) || (c >= 0xFF66 && c <= 0xFF9F))
        return KATAKANA;
    if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E)
        return HIRAGANA;
    return OTHER;
}

/* Whether the next piece would start with closing punctuation. */
static bool closer_next(const char *text, size_t at)
{
    size_t n;
    uint32_t c;

    while (text[at] && is_space(c = decode(text + at, &n)))
        at += n;
    return text[at] && is_closer(decode(text + at, &n));
}

/* Whether a word boundary lies between the characters a and b (see split.h). */
static bool word_break(uint32_t a, uint32_t b)
{
    script sa = script_of(a), sb = script_of(b);

    if (is_space(a) || is_space(b))
        return true;
    if ((a < 0x80 && b < 0x80) || is_opener(a))
        return false;   /* English: only at a space */
    if (is_closer(a))   /* but not "(CA)|の": a piece would start with a particle */
        return a >= 0x80 || sb != HIRAGANA;
    if (is_opener(b))
        return true;
    if (sa == HIRAGANA && sb == HIRAGANA)
        return a == 0x3092;   /* を is always a particle */
    return sa != sb && sb != HIRAGANA;
}

/* The end of the first (first) or last match of one of breaks that fits in
 * max bytes and is not followed by closing punctuation; 0: none. strstr,
 * not a loop per byte: this runs for every long text of every message shown. */
static size_t find_break(const char *text, const char *const *breaks, bool first, size_t max)
{
    size_t best = 0;

    for (const char *const *b = breaks; *b; b++) {
        size_t bl = strlen(*b);
        for (const char *q = strstr(text, *b); q && (size_t)(q - text) + bl <= max;
             q = strstr(q + 1, *b)) {
            size_t end = (size_t)(q - text) + bl;
            if (closer_next(text, end))
                continue;
            if (first) {
                if (!best || end < best)
                    best = end;
                break;
            }
            if (end > best)
                best = end;
        }
    }
    return best;
}

/* The last word boundary that fits in max bytes; 0: none. */
static size_t find_word_break(const char *text, size_t max)
{
    size_t best = 0, n;
    uint32_t a = 0, b;

    for (size_t at = 0; text[at] && at <= max; at += n) {
        b = decode(text + at, &n);
        if (at > 0 && word_break(a, b) && !closer_next(text, at))
            best = at;
        a = b;
    }
    return best;
}

size_t tt_split_next(const char *text, tt_split_kind kind, size_t max)
{
    static const char *const sentences[] = { ". ", "。", NULL };
    static const char *const items[] = { ", ", "、", "。", NULL };
    static const char *const clauses[] = { ", ", "; ", ": ", ". ", "、", "。", "」", "）", NULL };
    size_t end, len = strnlen(text, max + 1);

    if (kind == TT_SPLIT_SENTENCES && (end = find_break(text, sentences, true, max)))
        return end;
    if (len <= max)
        return len;
    if ((kind == TT_SPLIT_LIST && (end = find_break(text, items, false, max))) ||
        (end = find_break(text, clauses, false, max)) || (end = find_word_break(text, max)))
        return end;
    end = max;
    while (end > 0 && ((unsigned char)text[end] & 0xC0) == 0x80)  /* not inside a character */
        end--;
    if (!end)
        decode(text, &end);
    return end;
}
