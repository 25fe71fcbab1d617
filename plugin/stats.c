/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Connections counted by what the tutor learned about them. A connection's
 * class can change as its handshake goes on (a handshake that was going
 * well fails, the server asks for a client certificate): each change moves
 * the connection's count from the old node to the new one, so every
 * category always adds up to the number of connections. */
#include "stats.h"

#include <epan/stats_tree.h>

#include "carries.h"
#include "compat.h"
#include "render.h"
#include "state.h"
#include "tutor.h"

typedef enum { CAT_FLOW, CAT_VERSION, CAT_SUITE, CAT_OUTCOME, CAT_ROUND_TRIPS, CAT_AUTH, CAT_KEYS, CAT_COUNT } category;

static const tt_phrase_id category_titles[CAT_COUNT] = {
    TT_PHRASE_STATS_BY_FLOW, TT_PHRASE_STATS_BY_VERSION, TT_PHRASE_STATS_BY_SUITE,
    TT_PHRASE_STATS_BY_OUTCOME, TT_PHRASE_STATS_BY_ROUND_TRIPS, TT_PHRASE_STATS_CLIENT_AUTH, TT_PHRASE_STATS_KEYS,
};

typedef struct {
    gchar *node[CAT_COUNT];   /* where the connection is counted now */
    gchar *suite;             /* the chosen suite, once the ServerHello is seen */
    gboolean hidden;          /* an encrypted message was not decrypted */
    gboolean decrypted;       /* a Finished was seen decrypted */
    guint round_trips;        /* the handshake's, once it completed; 0 before */
} conn_class;

typedef struct {
    tt_lang lang;             /* fixed when the statistics start */
    int total;
    int category[CAT_COUNT];
    GHashTable *conns;        /* connection number -> conn_class */
} tree_state;

static GHashTable *states;    /* stats_tree * -> tree_state *: several windows may be open */

static void conn_class_free(gpointer p)
{
    conn_class *c = (conn_class *)p;

    for (int i = 0; i < CAT_COUNT; i++)
        g_free(c->node[i]);
    g_free(c->suite);
    g_free(c);
}

static void state_free(gpointer p)
{
    tree_state *ts = (tree_state *)p;

    g_hash_table_destroy(ts->conns);
    g_free(ts);
}

static void stats_init(stats_tree *st)
{
    tree_state *ts = g_new0(tree_state, 1);

    ts->lang = tutor_language();
    ts->conns = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, conn_class_free);
    ts->total = stats_tree_create_node(st, tt_phrase(TT_PHRASE_STATS_CONNECTIONS, ts->lang),
                                       0, STAT_DT_INT, FALSE);
    for (int i = 0; i < CAT_COUNT; i++)
        ts->category[i] = stats_tree_create_node(st, tt_phrase(category_titles[i], ts->lang),
                                                 0, STAT_DT_INT, TRUE);
    if (!states)
        states = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, state_free);
    g_hash_table_replace(states, st, ts);
}

static void stats_cleanup(stats_tree *st)
{
    if (states)
        g_hash_table_remove(states, st);
}

static tt_phrase_id outcome(const tt_annotation *a, gboolean hidden)
{
    if (a->failed_alert != TT_NO_ALERT)
        return TT_PHRASE_STATS_FAILED;
    if (a->closed)
        return TT_PHRASE_STATS_CLOSED;
    /* SSL 2.0's finished messages are encrypted and Wireshark cannot
     * decrypt them: past the records a finished handshake needs, say so. */
    if (a->flow == TT_FLOW_SSL2 && a->ssl2_maybe_complete)
        return TT_PHRASE_STATS_SSL2_CANNOT_TELL;
    /* QUIC without keys: the client's Finished hides in a Handshake packet
     * that may as well hold only an ACK. */
    if (a->transport == TT_TRANSPORT_QUIC && hidden && !a->complete)
        return TT_PHRASE_STATS_QUIC_CANNOT_TELL;
    return a->complete ? TT_PHRASE_STATS_COMPLETED : TT_PHRASE_STATS_UNFINISHED;
}

/* The node each category counts this connection under, as known at this item. */
static const char *node_name(category cat, const tt_item *it, const conn_class *c,
                             tt_lang lang, wmem_allocator_t *pool)
{
    switch (cat) {
    case CAT_FLOW:
        return it->a.flow_known ? render_flow_kind(it, lang, pool)
                                : tt_phrase(TT_PHRASE_STATS_NOT_KNOWN, lang);
    case CAT_VERSION:
        return it->a.flow_known && tt_version_name(it->a.version)
            ? tt_version_name(it->a.version) : tt_phrase(TT_PHRASE_STATS_NOT_KNOWN, lang);
    case CAT_SUITE:
        if (!c->suite && it->a.flow_known && it->a.flow == TT_FLOW_SSL2)
            return tt_phrase(TT_PHRASE_STATS_SSL2_CIPHER_KIND, lang);
        return c->suite ? c->suite : tt_phrase(TT_PHRASE_STATS_NOT_KNOWN, lang);
    case CAT_OUTCOME:
        return tt_phrase(outcome(&it->a, c->hidden), lang);
    case CAT_ROUND_TRIPS:
        if (!c->round_trips)
            return tt_phrase(TT_PHRASE_STATS_ROUND_TRIPS_NOT_KNOWN, lang);
        if (c->round_trips == 1)
            return tt_phrase(TT_PHRASE_STATS_ONE_ROUND_TRIP, lang);
        return wmem_strdup_printf(pool, tt_phrase(TT_PHRASE_STATS_ROUND_TRIPS, lang), c->round_trips);
    case CAT_AUTH:
        /* SSL 2.0 asks for a certificate only after the keys, encrypted. */
        if (it->a.flow == TT_FLOW_SSL2 && it->a.ssl2_keys && !it->a.client_auth)
            return tt_phrase(TT_PHRASE_STATS_SSL2_AUTH_HIDDEN, lang);
        /* TLS 1.3's CertificateRequest is encrypted (RFC 8446 4.3.2). */
        if (tt_tls_version(it->a.version) == TT_TLS13 && c->hidden && !it->a.client_auth)
            return tt_phrase(TT_PHRASE_STATS_AUTH_HIDDEN_13, lang);
        return tt_phrase(it->a.client_auth ? TT_PHRASE_STATS_AUTH_ASKED
                                           : TT_PHRASE_STATS_AUTH_NOT_ASKED, lang);
    case CAT_KEYS:
        if (it->a.flow == TT_FLOW_SSL2)
            return tt_phrase(c->hidden ? TT_PHRASE_STATS_KEYS_SSL2 : TT_PHRASE_STATS_KEYS_NONE, lang);
        return tt_phrase(c->hidden ? TT_PHRASE_STATS_KEYS_HIDDEN
                         : c->decrypted ? TT_PHRASE_STATS_KEYS_DECRYPTED
                         : TT_PHRASE_STATS_KEYS_NONE, lang);
    default:
        return "?";
    }
}

static tap_packet_status stats_packet(stats_tree *st, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *data, tap_flags_t flags _U_)
{
    const tt_frame *frame = (const tt_frame *)data;
    tree_state *ts = states ? (tree_state *)g_hash_table_lookup(states, st) : NULL;

    if (!ts)
        return TAP_PACKET_DONT_REDRAW;
    for (guint i = 0; i < frame->count; i++) {
        const tt_item *it = &frame->items[i];
        conn_class *c = (conn_class *)g_hash_table_lookup(ts->conns, GUINT_TO_POINTER(it->conn));

        if (!c) {
            c = g_new0(conn_class, 1);
            g_hash_table_insert(ts->conns, GUINT_TO_POINTER(it->conn), c);
            increase_stat_node(st, tt_phrase(TT_PHRASE_STATS_CONNECTIONS, ts->lang), 0, FALSE, 1);
        }
        if (it->a.msg == TT_MSG_SERVER_HELLO && it->a.has_suite && !c->suite)
            c->suite = g_strdup(carries_suite_name(it->a.suite, pinfo->pool));
        c->hidden |= it->a.encrypted;
        c->decrypted |= it->a.msg == TT_MSG_FINISHED && !it->a.encrypted;
        if (it->a.handshake_round_trips)
            c->round_trips = it->a.handshake_round_trips;
        for (int cat = 0; cat < CAT_COUNT; cat++) {
            const char *now = node_name((category)cat, it, c, ts->lang, pinfo->pool);

            if (g_strcmp0(now, c->node[cat]) == 0)
                continue;
            if (c->node[cat])
                increase_stat_node(st, c->node[cat], ts->category[cat], FALSE, -1);
            increase_stat_node(st, now, ts->category[cat], FALSE, 1);
            g_free(c->node[cat]);
            c->node[cat] = g_strdup(now);
        }
    }
    return TAP_PACKET_REDRAW;
}

void stats_register(void)
{
    stats_tree_register_plugin(TT_TAP, "tlstutor", "TLS Handshake Tutor",
                               TL_REQUIRES_PROTO_TREE, stats_packet, stats_init, stats_cleanup);
}
