/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A postdissector sits in no dissector table, so Decode As cannot reach it.
 * A table of our own holding a handle that does nothing gives users Decode As
 * (GUI and -d tlstutor.port==8443,tlstutor); the range preference
 * tlstutor.ports fills that table. The table is the single truth. */
#include "scope.h"

static dissector_table_t port_table;
static dissector_handle_t scope_handle;
static range_t *ports_pref;
static range_t *ports_applied;

#define DEFAULT_PORTS "443"

static int dissect_nothing(tvbuff_t *tvb _U_, packet_info *pinfo _U_,
                           proto_tree *tree _U_, void *data _U_)
{
    return 0;
}

void scope_register(int proto, module_t *module)
{
    /* Not "tlstutor.port" through dissector_add_uint_with_preference: a
     * preference named after the module aborts start-up, see facts. */
    port_table = register_dissector_table(TLSTUTOR_PORT_TABLE,
        "TLS Handshake Tutor TCP port", proto, FT_UINT16, BASE_DEC);
    dissector_table_allow_decode_as(port_table);
    scope_handle = create_dissector_handle(dissect_nothing, proto);

    range_convert_str(wmem_epan_scope(), &ports_pref, DEFAULT_PORTS, 65535);
    prefs_register_range_preference(module, "ports", "TCP ports",
        "TCP ports of the TLS servers whose handshakes the tutor explains "
        "(Decode As on \"TLS Handshake Tutor TCP port\" adds more)",
        &ports_pref, 65535);
}

void scope_apply(void)
{
    if (ports_applied) {
        dissector_delete_uint_range(TLSTUTOR_PORT_TABLE, ports_applied, scope_handle);
        wmem_free(wmem_epan_scope(), ports_applied);
    }
    dissector_add_uint_range(TLSTUTOR_PORT_TABLE, ports_pref, scope_handle);
    ports_applied = range_copy(wmem_epan_scope(), ports_pref);
}

static gboolean port_in_scope(guint32 port)
{
    return dissector_get_uint_handle(port_table, port) == scope_handle;
}

gboolean scope_frame_in_scope(const packet_info *pinfo, guint32 *server_port)
{
    gboolean src, dst;

    *server_port = 0;
    if (pinfo->ptype != PT_TCP)
        return FALSE;
    src = port_in_scope(pinfo->srcport);
    dst = port_in_scope(pinfo->destport);
    if (src != dst)
        *server_port = src ? pinfo->srcport : pinfo->destport;
    return src || dst;
}
