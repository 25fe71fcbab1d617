/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The postdissector, glue only: reading frames in order (follow.c), it
 * turns TLS's results into events (collect.c), gives them to the
 * connection's flow (flow.c, which holds every rule and everything the
 * tutor knows about a connection) and caches the annotations per frame
 * (store.c); on every pass it rebuilds the tree from the cache (render.c)
 * and feeds the taps. A message's place in the flow can only be decided in
 * order, hence the cache; the values its texts quote are read again from
 * the fields of whichever pass shows it. What stays here is what needs
 * Wireshark: which side is the client, by address, and the numbering of
 * connections across the file. */
#include "tutor.h"

#include <string.h>

#include <epan/conversation.h>
#include <epan/packet.h>
#include <epan/prefs.h>
#include <epan/tap.h>

#include "carries.h"
#include "collect.h"
#include "compat.h"
#include "follow.h"
#include "ladder.h"
#include "records.h"
#include "records_view.h"
#include "render.h"
#include "scope.h"
#include "state.h"
#include "stats.h"
#include "store.h"

static int proto_tlstutor = -1;
static dissector_handle_t tutor_handle;
static int tutor_tap = -1;
static guint32 connections_seen;

static gint pref_language = TT_LANG_EN;
static tt_pref_bool pref_info_column = TRUE;
static tt_pref_bool pref_follow_always = FALSE;

static const enum_val_t language_values[] = {
    { "en", "English", TT_LANG_EN },
    { "ja", "日本語 (Japanese)", TT_LANG_JA },
    { NULL, NULL, -1 }
};

/* The conversations of recent frames and their connections, by port: the
 * lookup is the dearest call the tutor makes per TLS frame, and most
 * frames belong to one of a few connections. */
#define RECENT 64
static struct {
    conversation_t *conv;
    tt_conn *conn;
} recent[RECENT];
static guint32 last_num;     /* the frame dissected before this one */

static void forget_recent(void)
{
    memset(recent, 0, sizeof recent);
}

static void tutor_init(void)
{
    connections_seen = 0;
    forget_recent();         /* the file's conversations are gone */
    last_num = 0;
    follow_init();
}

static guint recent_slot(const packet_info *pinfo)
{
    return (pinfo->srcport + pinfo->destport) % RECENT;   /* both directions */
}

/* The connection of this frame, if a recent one. find_or_create_conversation(),
 * which TLS itself calls on its frames, sets the conversation it finds to
 * the frame in last_frame: a new connection on the same ports gets a new
 * conversation, and only that one moves (otherwise: no match, the tutor
 * looks it up). The client's address and port guard the rest. */
static tt_conn *recent_connection(packet_info *pinfo)
{
    const conversation_t *conv = recent[recent_slot(pinfo)].conv;
    tt_conn *c = recent[recent_slot(pinfo)].conn;

    if (!conv || conv->last_frame != pinfo->num || !c->sides_known)
        return NULL;
    if ((pinfo->srcport == c->client_port && addresses_equal(&pinfo->src, &c->client_addr)) ||
        (pinfo->destport == c->client_port && addresses_equal(&pinfo->dst, &c->client_addr)))
        return c;
    return NULL;
}

/* create: else only a connection the tutor already follows (NULL if none). */
static tt_conn *connection_of(packet_info *pinfo, gboolean create)
{
    conversation_t *conv;
    tt_conn *conn = recent_connection(pinfo);

    if (conn)
        return conn;
    conv = create ? find_or_create_conversation(pinfo) : find_conversation_pinfo(pinfo, 0);
    conn = conv ? (tt_conn *)conversation_get_proto_data(conv, proto_tlstutor) : NULL;
    if (!conn && create) {
        conn = wmem_new0(wmem_file_scope(), tt_conn);
        tt_flow_init(&conn->flow);
        conversation_add_proto_data(conv, proto_tlstutor, conn);
    }
    if (conn) {
        recent[recent_slot(pinfo)].conv = conv;
        recent[recent_slot(pinfo)].conn = conn;
    }
    return conn;
}

static void set_client(tt_conn *conn, const address *addr, guint32 port)
{
    copy_address_wmem(wmem_file_scope(), &conn->client_addr, addr);
    conn->client_port = port;
    conn->sides_known = TRUE;
}

/* The client is who sent the ClientHello; before one is seen (a capture that
 * starts mid-connection), the side whose port is not in scope. */
static gboolean from_client(tt_conn *conn, packet_info *pinfo,
                            const collected_event *ce, guint32 server_port)
{
    if (!conn->sides_known) {
        if (ce->is_client_hello)
            set_client(conn, &pinfo->src, pinfo->srcport);
        else if (server_port == pinfo->destport)
            set_client(conn, &pinfo->src, pinfo->srcport);
        else if (server_port == pinfo->srcport)
            set_client(conn, &pinfo->dst, pinfo->destport);
        else /* both ports in scope: the lower one is taken as the server's */
            set_client(conn, pinfo->srcport > pinfo->destport ? &pinfo->src : &pinfo->dst,
                       MAX(pinfo->srcport, pinfo->destport));
    }
    return addresses_equal(&pinfo->src, &conn->client_addr) &&
           pinfo->srcport == conn->client_port;
}

static int data_source_index(packet_info *pinfo, const field_info *fi)
{
    int i = 0;

    if (!fi)
        return -1;
    for (GSList *s = pinfo->data_src; s; s = s->next, i++)
        if (get_data_source_tvb((const struct data_source *)s->data) == fi->ds_tvb)
            return i;
    return -1;
}

static tt_values values_of(const collected_event *ce)
{
    tt_values v = { ce->hello, ce->certs, ce->vals, ce->record, ce->captured, ce->whole,
                    ce->carrier, ce->fragments };
    return v;
}

/* Reads the frame's events into the flow; *values gets each item's values
 * (the packet's pool). */
static tt_frame read_frame(packet_info *pinfo, proto_tree *tree, guint32 server_port,
                           tt_values **values)
{
    GArray *events = collect_frame(pinfo, tree);
    tt_item *items = wmem_alloc_array(pinfo->pool, tt_item, events->len);
    tt_values *vals = wmem_alloc_array(pinfo->pool, tt_values, events->len);
    guint n = 0;
    tt_frame frame = { 0, NULL };
    tt_conn *conn = NULL;

    for (guint i = 0; i < events->len; i++) {
        collected_event *ce = &g_array_index(events, collected_event, i);
        tt_item item;
        int ds;

        if (!conn && ce->ev.kind == TT_EV_CLOSE) {
            /* A close counts only for a connection the tutor already follows. */
            conn = connection_of(pinfo, FALSE);
            if (!conn)
                continue;
        }
        if (!conn)
            conn = connection_of(pinfo, TRUE);
        ce->ev.from_client = from_client(conn, pinfo, ce, server_port);
        memset(&item, 0, sizeof item);
        if (!tt_flow_next(&conn->flow, &ce->ev, &item.a))
            continue;
        /* Numbered at its first annotation: connections the tutor says
         * nothing about do not use up numbers. */
        if (!conn->number)
            conn->number = ++connections_seen;
        item.conn = conn->number;
        ds = data_source_index(pinfo, ce->where);
        item.ds_index = (gint8)(ds <= G_MAXINT8 ? ds : -1);
        item.start = ce->where ? ce->where->start : 0;
        item.length = ce->where ? ce->where->length : 0;
        items[n] = item;
        vals[n++] = values_of(ce);
    }
    *values = vals;
    if (!n)
        return frame;
    return store_put(pinfo->num, items, n);
}

/* A frame read on an earlier pass: its values, read again from this
 * pass's tree and matched to the items by where TLS showed them. */
static tt_values *values_again(const tt_frame *frame, packet_info *pinfo, proto_tree *tree)
{
    GArray *events = collect_frame(pinfo, tree);
    tt_values *values = wmem_alloc0_array(pinfo->pool, tt_values, frame->count);
    gboolean *used = wmem_alloc0_array(pinfo->pool, gboolean, events->len);

    for (guint i = 0; i < frame->count; i++) {
        const tt_item *it = &frame->items[i];
        for (guint j = 0; j < events->len; j++) {
            const collected_event *ce = &g_array_index(events, collected_event, j);
            if (used[j] || !ce->where || ce->where->start != it->start ||
                data_source_index(pinfo, ce->where) != it->ds_index)
                continue;
            used[j] = TRUE;
            values[i] = values_of(ce);
            break;
        }
    }
    return values;
}

static int dissect_tutor(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    tt_frame frame, *tapped;
    tt_values *values = NULL;
    guint32 server_port;
    tt_follow how = follow_frame(pinfo, tree);

    /* A frame number seen twice in a row: tshark gives a frame a read
     * filter dropped the next one's number, and that frame may have been
     * the one that opened a new conversation on the same ports. */
    if (pinfo->num == last_num)
        forget_recent();
    last_num = pinfo->num;
    gboolean looked_at = render_fields_wanted(pinfo, tree);

    /* Whether the next packets need the fields only texts quote (a shown
     * frame has them all). */
    if (tree)
        follow_details_wanted(pinfo, tree, records_view_listening() ||
                              (!PTREE_DATA(tree)->visible && looked_at &&
                               (carries_values_wanted(tree) || records_wanted(tree))));
    switch (how) {
    case TT_FOLLOW_READ:
        /* No item of a field the tutor reads (or anyone's): nothing to read.
         * A recent connection's ports are in scope (a change of scope
         * dissects the file again, which forgets them). */
        server_port = 0;
        if (!follow_touched() || (!recent_connection(pinfo) && !scope_frame_in_scope(pinfo, &server_port)))
            return 0;
        frame = read_frame(pinfo, tree, server_port, &values);
        break;
    case TT_FOLLOW_CACHED:
        frame = store_get(pinfo->num);
        /* Else the texts go without the values they quote (a pass that
         * interleaved with another and started without them). */
        if (frame.count && follow_values_readable(tree))
            values = values_again(&frame, pinfo, tree);
        break;
    default:
        return 0;
    }
    if (!frame.count)
        return 0;
    render_frame(&frame, values, tvb, pinfo, tree, looked_at, (tt_lang)pref_language, pref_info_column);
    /* Tap data lives until the taps have run, at the end of the packet. */
    tapped = wmem_new(pinfo->pool, tt_frame);
    *tapped = frame;
    tap_queue_packet(tutor_tap, pinfo, tapped);
    records_view_queue(pinfo, tapped, values);
    return tvb_captured_length(tvb);
}

tt_lang tutor_language(void)
{
    return pref_language == TT_LANG_JA ? TT_LANG_JA : TT_LANG_EN;
}

static void tutor_prefs_apply(void)
{
    scope_apply();
    follow_set_always(pref_follow_always);
}

void tlstutor_register(void)
{
    module_t *module;

    proto_tlstutor = proto_register_protocol("TLS Handshake Tutor", "TLS Tutor", "tlstutor");
    render_register(proto_tlstutor);

    module = prefs_register_protocol(proto_tlstutor, tutor_prefs_apply);
    prefs_register_enum_preference(module, "language", "Language",
        "Language of the tutor's explanations (en: English, ja: Japanese)",
        &pref_language, language_values, FALSE);
    prefs_register_bool_preference(module, "info_column", "Show in the Info column",
        "Append the tutor's short form of each message to the Info column",
        &pref_info_column);
    prefs_register_bool_preference(module, "follow_always", "Always follow in tshark",
        "tshark: follow every capture even when no filter, -V, -T fields/pdml or "
        "statistics asks for the tutor (tshark then builds a protocol tree for "
        "every packet, which is slower). The GUI and sharkd always follow.",
        &pref_follow_always);
    scope_register(proto_tlstutor, module);

    tutor_handle = register_dissector("tlstutor", dissect_tutor, proto_tlstutor);
    register_init_routine(tutor_init);
    store_register();
    tutor_tap = register_tap(TT_TAP);
    records_view_register_tap();
}

void tlstutor_register_taps(void)
{
    ladder_register(proto_tlstutor);
    records_view_register();
    stats_register();
}

void tlstutor_handoff(void)
{
    collect_init();
    carries_init();
    register_postdissector(tutor_handle);
    follow_handoff(tutor_handle, collect_wanted_hfids(), collect_detail_hfids(),
                   proto_get_id_by_filter_name("tls"), proto_get_id_by_filter_name("dtls"),
                   proto_get_id_by_filter_name("quic"));
    scope_apply();
}
