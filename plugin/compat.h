/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every difference between the Wireshark versions the plugin builds for
 * (4.0, 4.2, 4.4, 4.6) lives here. packaging/build-other-versions.sh
 * compiles the plugin against Debian's 4.4 and 4.6 headers to check them. */
#ifndef TLSTUTOR_COMPAT_H
#define TLSTUTOR_COMPAT_H

#include <wireshark.h>
#include <epan/packet.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

/* True when building against Wireshark maj.min or later. */
#define TT_WS_AT_LEAST(maj, min) \
    (WIRESHARK_VERSION_MAJOR > (maj) || \
     (WIRESHARK_VERSION_MAJOR == (maj) && WIRESHARK_VERSION_MINOR >= (min)))

/* field_info's value: embedded in 4.0, a pointer from 4.2 on. */
#if TT_WS_AT_LEAST(4, 2)
#define TT_FI_VALUE(fi) ((fi)->value)
#else
#define TT_FI_VALUE(fi) ((fvalue_t *)&(fi)->value)
#endif

/* An unsigned field's value; fvalue_get_uinteger takes no const in 4.0. */
static inline guint32 tt_fi_uint(const field_info *fi)
{
    return fvalue_get_uinteger(TT_FI_VALUE(fi));
}

/* A 64-bit unsigned field's value (QUIC's variable-length integers). */
static inline guint64 tt_fi_uint64(const field_info *fi)
{
    return fvalue_get_uinteger64(TT_FI_VALUE(fi));
}

/* Bool preferences: gboolean until 4.2, bool from 4.4 on. */
#if TT_WS_AT_LEAST(4, 4)
typedef bool tt_pref_bool;
#else
typedef gboolean tt_pref_bool;
#endif

/* What a wmem pool callback returns: gboolean until 4.2, bool from 4.4 on. */
#if TT_WS_AT_LEAST(4, 4)
typedef bool tt_cb_bool;
#else
typedef gboolean tt_cb_bool;
#endif

/* A string as Wireshark shows text it cannot trust (control characters
 * escaped): format_text in epan/strutil.h taking guchar until 4.2, in
 * wsutil/str_util.h taking char from 4.4 on. */
#if TT_WS_AT_LEAST(4, 4)
#include <wsutil/str_util.h>
#define tt_format_text(pool, s) format_text((pool), (s), strlen(s))
#else
#include <epan/strutil.h>
#define tt_format_text(pool, s) format_text((pool), (const guchar *)(s), strlen(s))
#endif

/* One byte of a tvb: tvb_get_uint8 from 4.4 on, where tvb_get_guint8 is
 * deprecated (an error under -Werror); tvb_get_guint8 before. */
#if TT_WS_AT_LEAST(4, 4)
#define tt_tvb_get_u8(tvb, offset) tvb_get_uint8((tvb), (offset))
#else
#define tt_tvb_get_u8(tvb, offset) tvb_get_guint8((tvb), (offset))
#endif

/* A data source's "Name (N bytes)", allocated in the NULL scope (free it with
 * wmem_free(NULL, ...)): get_data_source_name until 4.4,
 * get_data_source_description from 4.6 on (same text, same allocation). */
static inline char *tt_data_source_name(const struct data_source *src)
{
#if TT_WS_AT_LEAST(4, 6)
    return get_data_source_description(src);
#else
    return get_data_source_name(src);
#endif
}

/* What a stat_tap_ui's init callback returns: nothing until 4.4, whether
 * it started from 4.6 on. */
#if TT_WS_AT_LEAST(4, 6)
typedef bool tt_stat_init_ret;
#define TT_STAT_INIT_RETURN(ok) return (ok)
#else
typedef void tt_stat_init_ret;
#define TT_STAT_INIT_RETURN(ok) do { (void)(ok); return; } while (0)
#endif

/* Field names that differ (tests/test_versions.py checks every name the
 * built plugin holds against the running tshark's -G fields):
 * - an SSLv2 record's message type is a copy of tls.handshake.type until 4.2,
 *   tls.ssl2.handshake.type from 4.4 on;
 * - the RSA modulus is pkcs1.modulus until 4.4, pkixalgs.modulus in 4.6. */
#if TT_WS_AT_LEAST(4, 4)
#define TT_FIELD_SSL2_TYPE "tls.ssl2.handshake.type"
#endif
#if TT_WS_AT_LEAST(4, 6)
#define TT_FIELD_RSA_MODULUS "pkixalgs.modulus"
#else
#define TT_FIELD_RSA_MODULUS "pkcs1.modulus"
#endif

/* The "tcp" tap's data, tcp_info_t (epan/dissectors/packet-tcp.h, installed
 * in 4.0, 4.4 and 4.6): the members ladder.c reads (th_rawseq, th_rawack,
 * th_have_seglen, th_seglen, th_flags, th_stream) and the TH_* flags have the
 * same names and meaning in all three; only their types changed (gboolean
 * and guint to bool and uint32_t from 4.4 on; 4.6 adds flagkarn after ip_dst),
 * which compiling against each version's header takes care of. */

/* plugin_describe() and its WS_PLUGIN_DESC_* flags (wsutil/plugins.h),
 * optional from 4.4 on, absent before. */
#if TT_WS_AT_LEAST(4, 4)
#include <wsutil/plugins.h>
#define TT_HAVE_PLUGIN_DESCRIBE 1
#endif

#endif
