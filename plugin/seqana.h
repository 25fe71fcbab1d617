/* The part of epan/sequence_analysis.h (the Flow Graph, `-z flow,NAME`) the
 * tutor uses. No Wireshark version installs that header, and its structs
 * change between versions, so these declarations copy Wireshark 4.0's
 * exactly (checked field by field against 4.0.17's source by
 * packaging/check-seqana-layout.sh). TT_HAVE_SEQANA is defined only for the
 * versions whose layout has been checked; others get no Flow Graph (the
 * plugin's own `-z tlstutor,ladder` works everywhere). */
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
#endif

#endif
