/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tutor's tree lines as a student reads them.
 * Labels: every line is labelled in the chosen language. Field names, the
 * registered (English) names and the values stay the same in every language:
 * only the text of a line changes, and only in Japanese, so the English
 * output is Wireshark's own. The catalogue's LABEL_<FIELD> phrases hold the
 * labels; their English is the registered name (tests/test_registration.py).
 * Pieces: the GUI cuts a tree line after ITEM_LABEL_LENGTH (240) bytes, about
 * 240 characters of English but only 80 of Japanese. A long text keeps its
 * whole value in its own field and is shown piece by piece (split.h): the
 * first piece on its own line, the others under it (tlstutor.part), so every
 * word can be read in the GUI and none is printed twice. */
#ifndef TLSTUTOR_PARTS_H
#define TLSTUTOR_PARTS_H

#include <epan/packet.h>

#include "catalog.h"
#include "split.h"

void parts_register(int proto);
/* Whether someone looks at the pieces (a visible tree, tlstutor.part). */
gboolean parts_wanted(proto_tree *tree);
/* The label a line of field hf shows: its registered name in English. */
const char *parts_label(int hf, tt_phrase_id label, tt_lang lang);

/* A generated line "label: value" of an FT_STRING field; shown, if not NULL,
 * replaces the value in the Japanese text (the sender's クライアント). */
proto_item *parts_add_string(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                             int start, int length, const char *value, const char *shown,
                             tt_lang lang);
proto_item *parts_add_uint(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                           int start, int length, guint32 value, tt_lang lang);
/* An unsigned value with a name; shown is the value as Wireshark shows it
 * in English ("handshake (22)"), which the Japanese line shows too. */
proto_item *parts_add_uint_shown(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                                 int start, int length, guint32 value, const char *shown, tt_lang lang);
/* In Japanese はい / いいえ. */
proto_item *parts_add_boolean(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb,
                              int start, int length, gboolean value, tt_lang lang);
/* A line of tutor text, in pieces when it is too long for one line:
 * sentences one per piece, a list (a carries line, which quotes the
 * capture: escaped as Wireshark escapes any such text) as many items as fit. */
proto_item *parts_add_text(proto_tree *tree, int hf, tt_phrase_id label, tt_split_kind kind,
                           tvbuff_t *tvb, int start, int length, const char *text, tt_lang lang);

#endif
