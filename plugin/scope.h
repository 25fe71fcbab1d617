/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which connections the tutor explains: the ports preferences and the
 * plugin's own Decode As tables, "tlstutor.port" for TCP (TLS) and
 * "tlstutor.udp_port" for UDP (QUIC, DTLS). */
#ifndef TLSTUTOR_SCOPE_H
#define TLSTUTOR_SCOPE_H

#include <epan/packet.h>
#include <epan/prefs.h>

#define TLSTUTOR_PORT_TABLE "tlstutor.port"
#define TLSTUTOR_UDP_PORT_TABLE "tlstutor.udp_port"

void scope_register(int proto, module_t *module);
void scope_apply(void);
/* True when this frame's connection is in scope; *server_port gets the port
 * that put it there (0 when both or neither port is in scope). */
gboolean scope_frame_in_scope(const packet_info *pinfo, guint32 *server_port);

#endif
