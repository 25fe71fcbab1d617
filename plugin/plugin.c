/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plugin's entry points: a dissector (tutor.c) and tap listeners
 * (ladder.c, stats.c). */
#include <wireshark.h>

#include <epan/proto.h>
#include <epan/tap.h>

#include "compat.h"
#include "tutor.h"

#ifndef TLSTUTOR_VERSION
#define TLSTUTOR_VERSION "0.0.0"
#endif

WS_DLL_PUBLIC_DEF const char plugin_version[] = TLSTUTOR_VERSION;
WS_DLL_PUBLIC_DEF const int plugin_want_major = WIRESHARK_VERSION_MAJOR;
WS_DLL_PUBLIC_DEF const int plugin_want_minor = WIRESHARK_VERSION_MINOR;

WS_DLL_PUBLIC void plugin_register(void);

void plugin_register(void)
{
    static proto_plugin plug;
    static tap_plugin taps;

    plug.register_protoinfo = tlstutor_register;
    plug.register_handoff = tlstutor_handoff;
    proto_register_plugin(&plug);
    taps.register_tap_listener = tlstutor_register_taps;
    tap_register_plugin(&taps);
}

#ifdef TT_HAVE_PLUGIN_DESCRIBE
WS_DLL_PUBLIC uint32_t plugin_describe(void);
uint32_t plugin_describe(void)
{
    return WS_PLUGIN_DESC_DISSECTOR | WS_PLUGIN_DESC_TAP_LISTENER;
}
#endif
