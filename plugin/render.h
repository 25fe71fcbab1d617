/* Builds the tutor's subtree, Info column text and expert infos from the
 * cached annotations, on every pass. */
#ifndef TLSTUTOR_RENDER_H
#define TLSTUTOR_RENDER_H

#include <epan/packet.h>

#include "state.h"

void render_register(int proto);
void render_frame(const tt_frame *frame, tvbuff_t *tvb, packet_info *pinfo,
                  proto_tree *tree, tt_lang lang, gboolean info_column);

#endif
