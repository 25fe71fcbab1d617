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
void carries_render(const tt_item *it, tvbuff_t *tvb, int start, int length,
                    packet_info *pinfo, proto_tree *tree, proto_item *msg_item, tt_lang lang);

#endif
