/* Every difference between the Wireshark versions the plugin builds for
 * (4.0, 4.2, 4.4, 4.6) lives here. See ../shared notes for the list. */
#ifndef TLSTUTOR_COMPAT_H
#define TLSTUTOR_COMPAT_H

#include <wireshark.h>
#include <epan/proto.h>
#include <epan/ftypes/ftypes.h>

/* field_info's value: embedded in 4.0, a pointer from 4.2 on. */
#if WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR < 2
#define TT_FI_VALUE(fi) ((fvalue_t *)&(fi)->value)
#else
#define TT_FI_VALUE(fi) ((fi)->value)
#endif

/* An unsigned field's value; fvalue_get_uinteger takes no const in 4.0. */
static inline guint32 tt_fi_uint(const field_info *fi)
{
    return fvalue_get_uinteger(TT_FI_VALUE(fi));
}

/* Bool preferences: gboolean until 4.2, bool from 4.4 on. */
#if WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR < 4
typedef gboolean tt_pref_bool;
#else
typedef bool tt_pref_bool;
#endif

/* A boolean or 64-bit field's value. */
static inline guint64 tt_fi_uint64(const field_info *fi)
{
    return fvalue_get_uinteger64(TT_FI_VALUE(fi));
}

#endif
