/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A postdissector sits in no dissector table, so Decode As cannot reach it.
 * Tables of our own holding a handle that does nothing give users Decode As
 * (GUI and -d tlstutor.port==8443,tlstutor); the range preferences
 * tlstutor.ports (TCP: TLS) and tlstutor.udp_ports (UDP: QUIC, DTLS) fill
 * them. The tables are the single truth. */
#include "scope.h"

static dissector_handle_t scope_handle;

typedef struct {
    const char *table_name;
    dissector_table_t table;
    range_t *pref;
    range_t *applied;
} port_scope;

static port_scope tcp_scope = { TLSTUTOR_PORT_TABLE, NULL, NULL, NULL };
static port_scope udp_scope = { TLSTUTOR_UDP_PORT_TABLE, NULL, NULL, NULL };

/* QUIC's port (RFC 9114 3.1: HTTP/3 on UDP 443). */
#define DEFAULT_PORTS "443"

static int dissect_nothing(tvbuff_t *tvb _U_, packet_info *pinfo _U_,
                           proto_tree *tree _U_, void *data _U_)
{
    return 0;
}

static void register_scope(port_scope *s, int proto, module_t *module, const char *ui_name,
                           const char *pref_name, const char *title, const char *description)
{
    /* Not "tlstutor.port" through dissector_add_uint_with_preference: a
     * preference named after the module aborts start-up, see facts. */
    s->table = register_dissector_table(s->table_name, ui_name, proto, FT_UINT16, BASE_DEC);
    dissector_table_allow_decode_as(s->table);
    range_convert_str(wmem_epan_scope(), &s->pref, DEFAULT_PORTS, 65535);
    prefs_register_range_preference(module, pref_name, title, description, &s->pref, 65535);
}

void scope_register(int proto, module_t *module)
{
    scope_handle = create_dissector_handle(dissect_nothing, proto);
    register_scope(&tcp_scope, proto, module, "TLS Handshake Tutor TCP port", "ports", "TCP ports",
        "TCP ports of the TLS servers whose handshakes the tutor explains "
        "(Decode As on \"TLS Handshake Tutor TCP port\" adds more)");
    register_scope(&udp_scope, proto, module, "TLS Handshake Tutor UDP port", "udp_ports", "UDP ports",
        "UDP ports of the QUIC and DTLS servers whose TLS handshakes the tutor explains "
        "(Decode As on \"TLS Handshake Tutor UDP port\" adds more)");
}

static void apply(port_scope *s)
{
    if (s->applied) {
        dissector_delete_uint_range(s->table_name, s->applied, scope_handle);
        wmem_free(wmem_epan_scope(), s->applied);
    }
    dissector_add_uint_range(s->table_name, s->pref, scope_handle);
    s->applied = range_copy(wmem_epan_scope(), s->pref);
}

void scope_apply(void)
{
    apply(&tcp_scope);
    apply(&udp_scope);
}

static gboolean port_in_scope(const port_scope *s, guint32 port)
{
    return dissector_get_uint_handle(s->table, port) == scope_handle;
}

gboolean scope_frame_in_scope(const packet_info *pinfo, guint32 *server_port)
{
    const port_scope *s = pinfo->ptype == PT_TCP ? &tcp_scope : pinfo->ptype == PT_UDP ? &udp_scope : NULL;
    gboolean src, dst;

    *server_port = 0;
    if (!s)
        return FALSE;
    src = port_in_scope(s, pinfo->srcport);
    dst = port_in_scope(s, pinfo->destport);
    if (src != dst)
        *server_port = src ? pinfo->srcport : pinfo->destport;
    return src || dst;
}
