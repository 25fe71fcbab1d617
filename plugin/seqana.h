/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The part of epan/sequence_analysis.h (the Flow Graph, `-z flow,NAME`) the
 * tutor uses. libwireshark exports register_seq_analysis and
 * sequence_analysis_create_sai_with_addresses, but no Wireshark version
 * installs this header, and its structs change between versions, so the
 * declarations below are copied from Wireshark's own header (GPL-2.0-or-later,
 * like the plugin), one block per version:
 *
 * - 4.0: tag v4.0.17, as in Debian 12's wireshark_4.0.17.orig.tar.bz2.
 *   packaging/check-seqana-layout.sh checks it field by field (offsetof and
 *   sizeof) against that source package.
 * - 4.4: v4.4.5's header (from a copy of 4.4.5's installed-for-build
 *   headers, its ws_version.h saying 4.4.5; the same text as
 *   wireshark/wireshark commit 311ca847, whose release is not recorded with
 *   it, and, but for one #include line, as 4.4.0's). It differs from 4.0's
 *   in bool for gboolean (has_color_filter, display, any_addr: 1 byte each,
 *   not 4) and in seq_analysis_info_t's new occurrence[] array.
 * - 4.6: as 4.4, plus free_info_ptr at the end of seq_analysis_item_t (a
 *   callback that frees info_ptr, where 4.4 g_free()s info_ptr itself), as
 *   in Wireshark's later header that has it (read from a stored copy whose
 *   commit and tag are not recorded). Which 4.6.x first has the field is
 *   not known here; the plugin neither allocates items nor touches it, so
 *   its presence changes nothing for the plugin.
 *
 * No 4.4 or 4.6 source package is on the Debian mirror this project
 * reaches, so check-seqana-layout.sh cannot run for them. Their layouts were
 * instead read off Debian's own builds (libwireshark18 4.4.19-0+deb13u1,
 * libwireshark19 4.6.9-1+b1, x86-64) with objdump: the sizes
 * sequence_analysis_create_sai_with_addresses and sequence_analysis_info_new
 * allocate (item 0x88, info 0x410 for 4.4; item 0x90, info 0x410 for
 * 4.6), and the offsets the library's own functions use: port_src 0x20,
 * port_dst 0x40, frame_label 0x48, time_str 0x50, comment 0x58, conv_num
 * 0x60, has_color_filter 0x6c and display 0x6d (one byte each), src_node
 * 0x70, dst_node 0x74, info_ptr 0x80, 4.6's free_info_ptr 0x88; info's
 * any_addr 0x8 (one byte), items 0x10, num_nodes 0x408. All agree with
 * the declarations below (line_style, written by the plugin, sits between
 * dst_node and info_type as the only place left for it).
 * packaging/build-other-versions.sh compares the two sizes again on every
 * run.
 *
 * In every version Wireshark frees an item's frame_label, time_str and
 * comment with g_free(); info_ptr with g_free() (4.0, 4.4) or with
 * free_info_ptr when set (4.6). The plugin sets no info_ptr.
 *
 * TT_HAVE_SEQANA is defined only for 4.0, 4.4 and 4.6, whose layouts are
 * known; others get no Flow Graph (the plugin's own `-z tlstutor,ladder`
 * works everywhere). 4.2's header (v4.2.4) has 4.0's layout, but no Debian
 * suite ships 4.2 to compile against, so it is left out. */
#ifndef TLSTUTOR_SEQANA_H
#define TLSTUTOR_SEQANA_H

#include "compat.h"

#if WIRESHARK_VERSION_MAJOR == 4 && WIRESHARK_VERSION_MINOR == 0
#define TT_HAVE_SEQANA 1

#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>

#define MAX_NUM_NODES 40

typedef struct _seq_analysis_item {
    guint32 frame_number;
    address src_addr;
    guint16 port_src;
    address dst_addr;
    guint16 port_dst;
    gchar *frame_label;
    gchar *time_str;
    gchar *comment;
    guint16 conv_num;
    unsigned fg_color;
    unsigned bg_color;
    gboolean has_color_filter;
    gboolean display;
    guint src_node;
    guint dst_node;
    guint16 line_style;
    guint32 info_type;
    gpointer info_ptr;
} seq_analysis_item_t;

typedef struct _seq_analysis_info {
    const char *name;
    gboolean any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
    guint32 num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, guint tap_flags,
                                         tap_packet_cb tap_func);
WS_DLL_PUBLIC seq_analysis_item_t *sequence_analysis_create_sai_with_addresses(packet_info *pinfo,
                                                                              seq_analysis_info_t *sainfo);

#elif WIRESHARK_VERSION_MAJOR == 4 && (WIRESHARK_VERSION_MINOR == 4 || WIRESHARK_VERSION_MINOR == 6)
#define TT_HAVE_SEQANA 1

#include <epan/address.h>
#include <epan/packet_info.h>
#include <epan/tap.h>

#define MAX_NUM_NODES 40

typedef enum _ga_info_type {
    GA_INFO_TYPE_NONE = 0,
    GA_INFO_TYPE_RTP
} ga_info_type;

#if WIRESHARK_VERSION_MINOR >= 6
typedef void (*ga_info_ptr_free_cb)(void *info_ptr);
#endif

typedef struct _seq_analysis_item {
    uint32_t frame_number;
    address src_addr;
    uint16_t port_src;
    address dst_addr;
    uint16_t port_dst;
    char *frame_label;
    char *time_str;
    char *comment;
    uint16_t conv_num;
    unsigned fg_color;
    unsigned bg_color;
    bool has_color_filter;
    bool display;
    unsigned src_node;
    unsigned dst_node;
    uint16_t line_style;
    ga_info_type info_type;
    void *info_ptr;
#if WIRESHARK_VERSION_MINOR >= 6
    ga_info_ptr_free_cb free_info_ptr;
#endif
} seq_analysis_item_t;

typedef struct _seq_analysis_info {
    const char *name;
    bool any_addr;
    int nconv;
    GQueue *items;
    GHashTable *ht;
    address nodes[MAX_NUM_NODES];
    uint8_t occurrence[MAX_NUM_NODES];
    uint32_t num_nodes;
} seq_analysis_info_t;

WS_DLL_PUBLIC void register_seq_analysis(const char *name, const char *ui_name, const int proto_id,
                                         const char *tap_listener, unsigned tap_flags,
                                         tap_packet_cb tap_func);
WS_DLL_PUBLIC seq_analysis_item_t *sequence_analysis_create_sai_with_addresses(packet_info *pinfo,
                                                                              seq_analysis_info_t *sainfo);
#endif

#endif
