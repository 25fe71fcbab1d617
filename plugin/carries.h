/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a hello carries, as the tutor quotes it: tlstutor.carries lines and
 * the typed fields (tlstutor.suites_offered, tlstutor.sni, tlstutor.suite,
 * tlstutor.kx, tlstutor.auth, tlstutor.cipher, tlstutor.hash). */
#ifndef TLSTUTOR_CARRIES_H
#define TLSTUTOR_CARRIES_H

#include <epan/packet.h>
#include <epan/expert.h>

#include "state.h"

void carries_register(int proto);
/* Looks up TLS's value names; call from the handoff. */
void carries_init(void);
/* A cipher suite's IANA name, from TLS's own table. */
const char *carries_suite_name(guint32 v, wmem_allocator_t *pool);
/* values: the message's values, NULL when not read on this pass. */
void carries_render(const tt_item *it, const tt_values *values, tvbuff_t *tvb, int start, int length,
                    packet_info *pinfo, proto_tree *tree, proto_item *msg_item, tt_lang lang);
/* Whether someone looks at expert infos as a whole (a dialog, -z expert,
 * a filter on _ws.expert). */
gboolean carries_expert_wanted(proto_tree *tree);
/* Whether someone looks at what only the values tell (carries lines, the
 * certificate fields and expert infos, the SNI): then the next packets
 * need TLS's fields that only the texts quote. */
gboolean carries_values_wanted(proto_tree *tree);

#endif
