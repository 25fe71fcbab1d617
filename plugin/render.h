/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Builds the tutor's subtree, Info column text and expert infos from the
 * cached annotations, on every pass. */
#ifndef TLSTUTOR_RENDER_H
#define TLSTUTOR_RENDER_H

#include <epan/packet.h>

#include "state.h"

void render_register(int proto);
/* Whether anyone looks at the tutor's lines: a visible tree, a filter,
 * column or tap on one of its fields, the expert infos as a whole. */
gboolean render_fields_wanted(const packet_info *pinfo, proto_tree *tree);
/* values: each item's values (NULL, or entries of NULL, where not read);
 * looked_at: render_fields_wanted(tree), asked once per packet. */
void render_frame(const tt_frame *frame, const tt_values *values, tvbuff_t *tvb,
                  packet_info *pinfo, proto_tree *tree, gboolean looked_at, tt_lang lang,
                  gboolean info_column);
/* "3 Certificate: server sends its certificate" (the Info column's form). */
const char *render_label(const tt_item *it, tt_lang lang, wmem_allocator_t *pool);
/* The item's short form, conversational line or explanation. */
const char *render_text(const tt_item *it, tt_part part, tt_lang lang, wmem_allocator_t *pool);
/* The sources its explanation rests on: the alert's row or the text's row. */
const char *render_reference(const tt_item *it);
/* "TLS 1.2 full handshake": version and kind of flow, as known at this item. */
const char *render_flow_kind(const tt_item *it, tt_lang lang, wmem_allocator_t *pool);
/* The same with client authentication, early data, failure or close. */
const char *render_flow_name(const tt_item *it, tt_lang lang, wmem_allocator_t *pool);

#endif
