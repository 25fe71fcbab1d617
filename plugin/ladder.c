/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Each handshake as a ladder of arrows between client and server, labelled
 * with step, message and short form ("3 Certificate: server sends its
 * certificate"): the same label as the Info column, so the pictures and the
 * packet list agree. Over TCP the ladder also draws TCP's own opening (SYN,
 * SYN-ACK, ACK) and closing (FIN, RST) around it (tcpsteps.c says which
 * segments), and every arrow shows its time since the connection's first
 * packet. */
#include "ladder.h"

#include <stdio.h>

#include <epan/packet.h>
#include <epan/to_str.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/dissectors/packet-tcp.h>

#include "compat.h"
#include "drawing.h"
#include "tcpsteps.h"
#include "render.h"
#include "seqana.h"
#include "state.h"
#include "tutor.h"

/* ---- -z tlstutor,ladder: the plugin's own text drawing -------------------- */

/* One arrow. Rows of every kind share the columns (frame, time, arrow). */
typedef enum {
    ROW_TLS,                 /* a message the tutor annotates */
    ROW_TCP,                 /* a TCP segment that opens or closes the connection */
} row_kind;

typedef struct {
    row_kind kind;
    guint32 frame;
    nstime_t ts;             /* pinfo->abs_ts */
    gboolean from_client;    /* ROW_TCP in a tcp_conn: sent by the first sender */
    const tt_item *item;     /* ROW_TLS; file scope: valid until the file is closed */
    tt_tcp_step step;        /* ROW_TCP */
} row;

/* One TCP connection (TCP's stream index) as the "tcp" tap shows it: every
 * connection of the capture, of which only those the tutor annotates are
 * drawn. */
typedef struct {
    nstime_t first_ts;       /* its first segment in the capture */
    address first_addr;      /* who sent that segment */
    guint32 first_port;
    tt_tcp_track track;
    GArray *rows;            /* ROW_TCP */
} tcp_conn;

typedef struct {
    guint32 number;
    gchar *client;           /* "192.0.2.1:33206" */
    gchar *server;
    GArray *rows;            /* ROW_TLS */
    const tcp_conn *tcp;     /* NULL over QUIC and DTLS */
    gboolean client_first;   /* the client sent tcp's first segment */
} ladder_conn;

/* What the listener on the "tcp" tap keeps (its own tap data). */
typedef struct {
    GHashTable *conns;       /* TCP stream index + 1 -> tcp_conn * */
    /* The TCP segment of the frame the taps are at: the "tcp" tap is queued
     * before the tutor's (a postdissector), so its listener runs first. */
    guint32 frame;
    const tcp_conn *last;
    gboolean last_from_first;
} tcp_side;

typedef struct {
    GPtrArray *conns;        /* ladder_conn *, in order of first message */
    tcp_side *tcp;
} ladder;

static void conn_free(gpointer p)
{
    ladder_conn *c = (ladder_conn *)p;

    g_free(c->client);
    g_free(c->server);
    g_array_free(c->rows, TRUE);
    g_free(c);
}

static void tcp_conn_free(gpointer p)
{
    tcp_conn *t = (tcp_conn *)p;

    free_address(&t->first_addr);
    g_array_free(t->rows, TRUE);
    g_free(t);
}

static ladder_conn *conn_of(ladder *l, const tt_item *it, packet_info *pinfo)
{
    ladder_conn *c;

    /* Connections are numbered 1, 2, ... in order of first annotation. */
    for (guint i = l->conns->len; i > 0; i--) {
        c = (ladder_conn *)g_ptr_array_index(l->conns, i - 1);
        if (c->number == it->conn)
            return c;
    }
    c = g_new0(ladder_conn, 1);
    c->number = it->conn;
    c->rows = g_array_new(FALSE, FALSE, sizeof(row));
    if (it->a.from_client) {
        c->client = drawing_endpoint(&pinfo->src, pinfo->srcport);
        c->server = drawing_endpoint(&pinfo->dst, pinfo->destport);
    } else {
        c->client = drawing_endpoint(&pinfo->dst, pinfo->destport);
        c->server = drawing_endpoint(&pinfo->src, pinfo->srcport);
    }
    g_ptr_array_add(l->conns, c);
    return c;
}

/* The TCP connection of a message over TCP: the one whose segment this
 * frame holds. Which side is the client, the message's sender says. */
static void link_tcp(const tcp_side *ts, ladder_conn *c, const tt_item *it, packet_info *pinfo)
{
    if (c->tcp || it->a.transport != TT_TRANSPORT_TCP || ts->frame != pinfo->num || !ts->last)
        return;
    c->tcp = ts->last;
    c->client_first = ts->last_from_first == (gboolean)it->a.from_client;
}

static tcp_conn *tcp_conn_of(tcp_side *ts, const tcp_info_t *th, packet_info *pinfo)
{
    gpointer key = GUINT_TO_POINTER(th->th_stream + 1);
    tcp_conn *t = (tcp_conn *)g_hash_table_lookup(ts->conns, key);

    if (!t) {
        t = g_new0(tcp_conn, 1);
        t->first_ts = pinfo->abs_ts;
        copy_address(&t->first_addr, &pinfo->src);
        t->first_port = pinfo->srcport;
        t->rows = g_array_new(FALSE, FALSE, sizeof(row));
        g_hash_table_insert(ts->conns, key, t);
    }
    return t;
}

/* Every TCP segment of the capture: kept only where tcpsteps.c draws it. */
static tap_packet_status tcp_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                    const void *data, tap_flags_t flags _U_)
{
    tcp_side *ts = (tcp_side *)tapdata;
    const tcp_info_t *th = (const tcp_info_t *)data;
    tcp_conn *t;
    tt_tcp_segment seg;
    row r;

    if (!th)
        return TAP_PACKET_DONT_REDRAW;
    t = tcp_conn_of(ts, th, pinfo);
    memset(&seg, 0, sizeof seg);
    seg.syn = (th->th_flags & TH_SYN) != 0;
    seg.ack = (th->th_flags & TH_ACK) != 0;
    seg.fin = (th->th_flags & TH_FIN) != 0;
    seg.rst = (th->th_flags & TH_RST) != 0;
    seg.from_first = addresses_equal(&pinfo->src, &t->first_addr) &&
                     pinfo->srcport == t->first_port;
    seg.seq = th->th_rawseq;
    seg.ack_no = th->th_rawack;
    seg.payload = th->th_have_seglen ? th->th_seglen : 0;
    ts->frame = pinfo->num;
    ts->last = t;
    ts->last_from_first = seg.from_first;
    memset(&r, 0, sizeof r);
    r.step = tt_tcp_next(&t->track, &seg);
    if (r.step == TT_TCP_OTHER)
        return TAP_PACKET_DONT_REDRAW;
    r.kind = ROW_TCP;
    r.frame = pinfo->num;
    r.ts = pinfo->abs_ts;
    r.from_client = seg.from_first;
    g_array_append_val(t->rows, r);
    return TAP_PACKET_REDRAW;
}

static void ladder_reset(void *tapdata)
{
    ladder *l = (ladder *)tapdata;

    g_ptr_array_set_size(l->conns, 0);
    g_hash_table_remove_all(l->tcp->conns);
    l->tcp->frame = 0;
    l->tcp->last = NULL;
}

static tap_packet_status ladder_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                       const void *data, tap_flags_t flags _U_)
{
    ladder *l = (ladder *)tapdata;
    const tt_frame *frame = (const tt_frame *)data;

    for (guint i = 0; i < frame->count; i++) {
        row r = { ROW_TLS, pinfo->num, pinfo->abs_ts, frame->items[i].a.from_client,
                  &frame->items[i], TT_TCP_OTHER };
        ladder_conn *c = conn_of(l, r.item, pinfo);

        link_tcp(l->tcp, c, r.item, pinfo);
        g_array_append_val(c->rows, r);
    }
    return TAP_PACKET_REDRAW;
}

/* Whether a TCP row comes before the TLS rows of the same frame: the
 * opening's ACK before the data it carries, a FIN or RST after it. */
static gboolean tcp_row_first(const row *tcp, const row *tls)
{
    if (tcp->frame != tls->frame)
        return tcp->frame < tls->frame;
    return tcp->step != TT_TCP_FIN && tcp->step != TT_TCP_RST;
}

/* The connection's rows of every kind, in the order drawn. */
static GArray *rows_of(const ladder_conn *c)
{
    GArray *all = g_array_new(FALSE, FALSE, sizeof(row));
    guint n_tcp = c->tcp ? c->tcp->rows->len : 0, i = 0, j = 0;

    while (i < c->rows->len || j < n_tcp) {
        const row *tls = i < c->rows->len ? &g_array_index(c->rows, row, i) : NULL;
        row r;

        if (j < n_tcp) {
            r = g_array_index(c->tcp->rows, row, j);
            if (!tls || tcp_row_first(&r, tls)) {
                r.from_client = r.from_client == c->client_first;
                g_array_append_val(all, r);
                j++;
                continue;
            }
        }
        g_array_append_val(all, *tls);
        i++;
    }
    return all;
}

/* Whether the client's ClientHello is in the frame (rows[at] is the TCP ACK
 * that opened the connection). */
static gboolean frame_has_client_hello(const GArray *rows, guint at)
{
    guint32 frame = g_array_index(rows, row, at).frame;

    for (guint i = at + 1; i < rows->len && g_array_index(rows, row, i).frame == frame; i++) {
        const row *r = &g_array_index(rows, row, i);
        if (r->kind == ROW_TLS && r->item->a.from_client && r->item->a.msg == TT_MSG_CLIENT_HELLO)
            return TRUE;
    }
    return FALSE;
}

static const char *tcp_label(const GArray *rows, guint at, tt_lang lang)
{
    switch (g_array_index(rows, row, at).step) {
    case TT_TCP_SYN: return tt_phrase(TT_PHRASE_LADDER_TCP_SYN, lang);
    case TT_TCP_SYN_ACK: return tt_phrase(TT_PHRASE_LADDER_TCP_SYN_ACK, lang);
    case TT_TCP_ACK: return tt_phrase(TT_PHRASE_LADDER_TCP_ACK, lang);
    case TT_TCP_ACK_DATA:
        return tt_phrase(frame_has_client_hello(rows, at) ? TT_PHRASE_LADDER_TCP_ACK_HELLO
                                                          : TT_PHRASE_LADDER_TCP_ACK_DATA, lang);
    case TT_TCP_FIN: return tt_phrase(TT_PHRASE_LADDER_TCP_FIN, lang);
    case TT_TCP_RST: return tt_phrase(TT_PHRASE_LADDER_TCP_RST, lang);
    default: return "TCP";
    }
}

static const char *row_label(const GArray *rows, guint at, tt_lang lang, wmem_allocator_t *pool)
{
    const row *r = &g_array_index(rows, row, at);

    return r->kind == ROW_TLS ? render_label(r->item, lang, pool) : tcp_label(rows, at, lang);
}

/* "+0.000812": seconds since the connection's first packet, to the
 * microsecond (rounded), the resolution of the bundled captures. */
static const char *time_since(const nstime_t *ts, const nstime_t *first, wmem_allocator_t *pool)
{
    gint64 us = ((gint64)(ts->secs - first->secs) * 1000000000 + (ts->nsecs - first->nsecs));
    gboolean negative = us < 0;

    us = ((negative ? -us : us) + 500) / 1000;
    return wmem_strdup_printf(pool, "%c%" G_GINT64_FORMAT ".%06d", negative ? '-' : '+',
                              us / 1000000, (int)(us % 1000000));
}

static const tt_item *last_item(const ladder_conn *c)
{
    return g_array_index(c->rows, row, c->rows->len - 1).item;
}

/* The round-trip column: as wide as its heading in either language. */
#define RT_WIDTH 4

/* The handshake's round trips, once a message completed it. */
static guint handshake_round_trips(const ladder_conn *c)
{
    for (guint i = 0; i < c->rows->len; i++) {
        const row *r = &g_array_index(c->rows, row, i);

        if (r->item && r->item->a.handshake_round_trips)
            return r->item->a.handshake_round_trips;
    }
    return 0;
}

static void print_header(const ladder_conn *c, int time_width, int width, tt_lang lang,
                         wmem_allocator_t *pool)
{
    const char *frame = tt_phrase(TT_PHRASE_LADDER_FRAME, lang);

    printf("\n");
    printf(tt_phrase(TT_PHRASE_LADDER_CONNECTION, lang), c->number,
           render_flow_name(last_item(c), lang, pool));
    if (handshake_round_trips(c)) {
        printf("\n");
        printf(tt_phrase(TT_PHRASE_LADDER_ROUND_TRIPS, lang), handshake_round_trips(c));
    }
    printf("\n%*s%s  ", MAX(0, 7 - drawing_columns(frame)), "", frame);
    drawing_padded(tt_phrase(TT_PHRASE_LADDER_TIME, lang), time_width);
    printf("  ");
    drawing_padded(tt_phrase(TT_PHRASE_LADDER_ROUND_TRIP, lang), RT_WIDTH);
    printf("  %s%*s\n", c->client, width - drawing_columns(c->client), c->server);
    if (c->tcp && !tt_tcp_opening_seen(&c->tcp->track))
        printf("%*s%s\n", 7 + 2 + time_width + 2 + RT_WIDTH + 2, "",
               tt_phrase(TT_PHRASE_LADDER_TCP_NO_OPENING, lang));
}

static void print_conn(const ladder_conn *c, tt_lang lang, wmem_allocator_t *pool)
{
    GArray *rows = rows_of(c);
    const nstime_t *first = c->tcp ? &c->tcp->first_ts : &g_array_index(c->rows, row, 0).ts;
    const char **labels = wmem_alloc_array(pool, const char *, rows->len);
    const char **times = wmem_alloc_array(pool, const char *, rows->len);
    int width = drawing_columns(c->client) + drawing_columns(c->server) + 2;
    int time_width = drawing_columns(tt_phrase(TT_PHRASE_LADDER_TIME, lang));

    for (guint i = 0; i < rows->len; i++) {
        labels[i] = row_label(rows, i, lang, pool);
        times[i] = time_since(&g_array_index(rows, row, i).ts, first, pool);
        width = MAX(width, drawing_columns(labels[i]) + 10);
        time_width = MAX(time_width, drawing_columns(times[i]));
    }
    print_header(c, time_width, width, lang, pool);
    for (guint i = 0; i < rows->len; i++) {
        const row *r = &g_array_index(rows, row, i);
        int fill = width - 8 - drawing_columns(labels[i]);

        /* |-- label ------->|  or  |<- label ---------|  */
        printf("%7u  ", r->frame);
        drawing_padded(times[i], time_width);
        if (r->kind == ROW_TLS && r->item->a.round_trip)
            printf("  %*u  ", RT_WIDTH, (unsigned)r->item->a.round_trip);
        else
            printf("  %*s  ", RT_WIDTH, "");
        printf("%s %s ", r->from_client ? "|--" : "|<-", labels[i]);
        drawing_dashes(fill);
        printf("%s\n", r->from_client ? "->|" : "--|");
    }
    g_array_free(rows, TRUE);
}

static void ladder_draw(void *tapdata)
{
    ladder *l = (ladder *)tapdata;
    tt_lang lang = tutor_language();
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    printf("\n=== %s ===\n", tt_phrase(TT_PHRASE_LADDER_TITLE, lang));
    if (!l->conns->len)
        printf("%s\n", tt_phrase(TT_PHRASE_LADDER_NONE, lang));
    for (guint i = 0; i < l->conns->len; i++)
        print_conn((const ladder_conn *)g_ptr_array_index(l->conns, i), lang, pool);
    printf("\n");
    wmem_destroy_allocator(pool);
}

/* Each listener frees its own tap data: Wireshark removes all listeners in
 * one walk at the end (4.0), so neither may remove the other. */
static void tcp_finish(void *tapdata)
{
    tcp_side *ts = (tcp_side *)tapdata;

    g_hash_table_destroy(ts->conns);
    g_free(ts);
}

static void ladder_finish(void *tapdata)
{
    ladder *l = (ladder *)tapdata;

    g_ptr_array_free(l->conns, TRUE);
    g_free(l);
}

static tt_stat_init_ret ladder_init(const char *opt_arg _U_, void *userdata _U_)
{
    ladder *l = g_new0(ladder, 1);
    GString *err;

    l->conns = g_ptr_array_new_with_free_func(conn_free);
    l->tcp = g_new0(tcp_side, 1);
    l->tcp->conns = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, tcp_conn_free);
    /* TCP's segments first: ladder_packet links each connection to the
     * segment of its first message's frame. */
    err = register_tap_listener("tcp", l->tcp, NULL, TL_REQUIRES_NOTHING, NULL, tcp_packet,
                                NULL, tcp_finish);
    if (err) {
        tcp_finish(l->tcp);
        ladder_finish(l);
    } else {
        err = register_tap_listener(TT_TAP, l, NULL, TL_REQUIRES_PROTO_TREE, ladder_reset,
                                    ladder_packet, ladder_draw, ladder_finish);
        if (err) {
            remove_tap_listener(l->tcp);   /* calls tcp_finish */
            ladder_finish(l);
        }
    }
    if (err) {
        fprintf(stderr, "tlstutor,ladder: %s\n", err->str);
        g_string_free(err, TRUE);
        TT_STAT_INIT_RETURN(false);
    }
    TT_STAT_INIT_RETURN(true);
}

/* ---- the Flow Graph (-z flow,tlstutor,standard), where seqana.h allows ---- */

#ifdef TT_HAVE_SEQANA
static tap_packet_status flow_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    seq_analysis_info_t *sainfo = (seq_analysis_info_t *)tapdata;
    const tt_frame *frame = (const tt_frame *)data;
    tt_lang lang = tutor_language();

    for (guint i = 0; i < frame->count; i++) {
        const tt_item *it = &frame->items[i];
        seq_analysis_item_t *sai = sequence_analysis_create_sai_with_addresses(pinfo, sainfo);

        if (!sai)
            return TAP_PACKET_DONT_REDRAW;
        sai->frame_number = pinfo->num;
        sai->port_src = (guint16)pinfo->srcport;
        sai->port_dst = (guint16)pinfo->destport;
        /* Wireshark frees both with g_free (4.0, 4.4, 4.6: see seqana.h);
         * time_str it sets itself; info_ptr stays NULL. */
        sai->frame_label = g_strdup(render_label(it, lang, pinfo->pool));
        sai->comment = g_strdup(render_text(it, TT_PART_SAYS, lang, pinfo->pool));
        sai->conv_num = (guint16)it->conn;
        sai->line_style = 1;
        sai->display = TRUE;
        g_queue_push_tail(sainfo->items, sai);
    }
    return TAP_PACKET_REDRAW;
}
#endif

void ladder_register(int proto)
{
    static stat_tap_ui ui = {
        REGISTER_STAT_GROUP_GENERIC, "TLS Handshake Tutor ladder", "tlstutor,ladder",
        ladder_init, 0, NULL
    };

    register_stat_tap_ui(&ui, NULL);
#ifdef TT_HAVE_SEQANA
    register_seq_analysis("tlstutor", "TLS Handshake Tutor", proto, TT_TAP,
                          TL_REQUIRES_PROTO_TREE, flow_packet);
#else
    (void)proto;
#endif
}
