/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Each handshake as a ladder of arrows between client and server, labelled
 * with step, message and short form ("3 Certificate: server sends its
 * certificate"): the same label as the Info column, so the pictures and the
 * packet list agree. */
#include "ladder.h"

#include <stdio.h>

#include <epan/packet.h>
#include <epan/to_str.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "compat.h"
#include "render.h"
#include "seqana.h"
#include "state.h"
#include "tutor.h"

/* ---- -z tlstutor,ladder: the plugin's own text drawing -------------------- */

typedef struct {
    guint32 frame;
    const tt_item *item;     /* file scope: valid until the file is closed */
} rung;

typedef struct {
    guint32 number;
    gchar *client;           /* "192.0.2.1:33206" */
    gchar *server;
    GArray *rungs;
} ladder_conn;

typedef struct {
    GPtrArray *conns;        /* ladder_conn *, in order of first message */
} ladder;

static void conn_free(gpointer p)
{
    ladder_conn *c = (ladder_conn *)p;

    g_free(c->client);
    g_free(c->server);
    g_array_free(c->rungs, TRUE);
    g_free(c);
}

static gchar *endpoint(const address *addr, guint32 port)
{
    char *a = address_to_str(NULL, addr);
    gchar *s = g_strdup_printf(addr->type == AT_IPv6 ? "[%s]:%u" : "%s:%u", a, port);

    wmem_free(NULL, a);
    return s;
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
    c->rungs = g_array_new(FALSE, FALSE, sizeof(rung));
    if (it->a.from_client) {
        c->client = endpoint(&pinfo->src, pinfo->srcport);
        c->server = endpoint(&pinfo->dst, pinfo->destport);
    } else {
        c->client = endpoint(&pinfo->dst, pinfo->destport);
        c->server = endpoint(&pinfo->src, pinfo->srcport);
    }
    g_ptr_array_add(l->conns, c);
    return c;
}

static void ladder_reset(void *tapdata)
{
    ladder *l = (ladder *)tapdata;

    g_ptr_array_set_size(l->conns, 0);
}

static tap_packet_status ladder_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                       const void *data, tap_flags_t flags _U_)
{
    const tt_frame *frame = (const tt_frame *)data;

    for (guint i = 0; i < frame->count; i++) {
        rung r = { pinfo->num, &frame->items[i] };
        g_array_append_val(conn_of((ladder *)tapdata, r.item, pinfo)->rungs, r);
    }
    return TAP_PACKET_REDRAW;
}

/* Terminal columns of a UTF-8 string: East Asian wide characters take two. */
static int columns(const char *s)
{
    int n = 0;

    for (const char *p = s; *p; p = g_utf8_next_char(p))
        n += g_unichar_iswide(g_utf8_get_char(p)) ? 2 : 1;
    return n;
}

static void print_dashes(int n)
{
    for (int i = 0; i < n; i++)
        putchar('-');
}

static void print_conn(const ladder_conn *c, tt_lang lang, wmem_allocator_t *pool)
{
    const rung *last = &g_array_index(c->rungs, rung, c->rungs->len - 1);
    const char **labels = wmem_alloc_array(pool, const char *, c->rungs->len);
    int width = columns(c->client) + columns(c->server) + 2;

    for (guint i = 0; i < c->rungs->len; i++) {
        labels[i] = render_label(g_array_index(c->rungs, rung, i).item, lang, pool);
        width = MAX(width, columns(labels[i]) + 10);
    }
    printf("\n");
    printf(tt_phrase(TT_PHRASE_LADDER_CONNECTION, lang), c->number,
           render_flow_name(last->item, lang, pool));
    printf("\n%*s%s  %s%*s\n", MAX(0, 7 - columns(tt_phrase(TT_PHRASE_LADDER_FRAME, lang))), "",
           tt_phrase(TT_PHRASE_LADDER_FRAME, lang), c->client,
           width - columns(c->client), c->server);
    for (guint i = 0; i < c->rungs->len; i++) {
        const rung *r = &g_array_index(c->rungs, rung, i);
        int fill = width - 8 - columns(labels[i]);

        /* |-- label ------->|  or  |<- label ---------|  */
        printf("%7u  %s %s ", r->frame, r->item->a.from_client ? "|--" : "|<-", labels[i]);
        print_dashes(fill);
        printf("%s\n", r->item->a.from_client ? "->|" : "--|");
    }
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
    err = register_tap_listener(TT_TAP, l, NULL, TL_REQUIRES_PROTO_TREE, ladder_reset,
                                ladder_packet, ladder_draw, ladder_finish);
    if (err) {
        fprintf(stderr, "tlstutor,ladder: %s\n", err->str);
        g_string_free(err, TRUE);
        ladder_finish(l);
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
