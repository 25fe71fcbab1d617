/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The GUI cuts a tree line after ITEM_LABEL_LENGTH (240) bytes: about 240
 * characters of English but only 80 of Japanese. A long text keeps its whole
 * value in its own field and is shown piece by piece: the first piece on its
 * own line, the others under it (tlstutor.part), so every word can be read
 * in the GUI and none is printed twice. */
#ifndef TLSTUTOR_PARTS_H
#define TLSTUTOR_PARTS_H

#include <epan/packet.h>

void parts_register(int proto);
/* Whether someone looks at the pieces (a visible tree, tlstutor.part). */
gboolean parts_wanted(proto_tree *tree);
/* Sentences: cut after ". " and "。", one sentence per line. */
void parts_add_sentences(proto_tree *tree, proto_item *item, tvbuff_t *tvb, int start, int length,
                         const char *text);
/* Lists: cut after ", " and "、", as many items per line as fit. */
void parts_add_list(proto_tree *tree, proto_item *item, tvbuff_t *tvb, int start, int length,
                    const char *text);

#endif
