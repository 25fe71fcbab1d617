/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One arrow per record: "handshake(22) TLS 1.2 556 bytes: 4 ServerKeyExchange".
 * What the arrows show is copied out of the packet (its values live in the
 * packet's pool); the messages are the tutor's items (file scope). */
#include "records_view.h"

#include <stdio.h>
#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>
#include <epan/to_str.h>

#include "compat.h"
#include "drawing.h"
#include "flow.h"
#include "records.h"
#include "render.h"
#include "tutor.h"

#define TT_RECORDS_TAP "tlstutor_records"

static int records_tap = -1;

typedef struct {
    const tt_frame *frame;
    const tt_values *values;   /* NULL where not read */
} tapped_frame;

/* One arrow: a record of a frame, and the messages it carries. */
typedef struct {
    guint32 frame;
    tt_carrier header;         /* its copy: segments and all are not used */
    gboolean from_client;
    GPtrArray *items;          /* const tt_item *, file scope */
    gchar *segments;           /* "6, 8, 10", or NULL */
    GPtrArray *fragments;      /* gchar *: "3 Certificate" pieces, one per message split over records */
} arrow;

typedef struct {
    guint32 number;
    gboolean quic;             /* no records: QUIC (RFC 9001 4) */
    gchar *client, *server;
    const tt_item *last;       /* for the flow's name */
    GArray *arrows;
} view_conn;

typedef struct {
    GPtrArray *conns;
} view;

static void arrow_clear(arrow *a)
{
    g_ptr_array_free(a->items, TRUE);
    g_ptr_array_free(a->fragments, TRUE);
    g_free(a->segments);
}

static void conn_free(gpointer p)
{
    view_conn *c = (view_conn *)p;

    for (guint i = 0; i < c->arrows->len; i++)
        arrow_clear(&g_array_index(c->arrows, arrow, i));
    g_array_free(c->arrows, TRUE);
    g_free(c->client);
    g_free(c->server);
    g_free(c);
}

static view_conn *conn_of(view *v, const tt_item *it, packet_info *pinfo)
{
    view_conn *c;

    for (guint i = v->conns->len; i > 0; i--) {
        c = (view_conn *)g_ptr_array_index(v->conns, i - 1);
        if (c->number == it->conn)
            return c;
    }
    c = g_new0(view_conn, 1);
    c->number = it->conn;
    c->arrows = g_array_new(FALSE, FALSE, sizeof(arrow));
    c->client = it->a.from_client ? drawing_endpoint(&pinfo->src, pinfo->srcport)
                                  : drawing_endpoint(&pinfo->dst, pinfo->destport);
    c->server = it->a.from_client ? drawing_endpoint(&pinfo->dst, pinfo->destport)
                                  : drawing_endpoint(&pinfo->src, pinfo->srcport);
    g_ptr_array_add(v->conns, c);
    return c;
}

/* "3 Certificate": the message's step and name. */
static gchar *message_name(const tt_item *it)
{
    return it->a.step ? g_strdup_printf("%u %s", (unsigned)it->a.step, tt_msg_name((tt_msg_id)it->a.msg))
                      : g_strdup(tt_msg_name((tt_msg_id)it->a.msg));
}

/* The arrow of one record of the frame, with the messages it carries. */
static void add_arrow(view_conn *c, packet_info *pinfo, const tapped_frame *tf, const tt_carrier *r,
                      gboolean from_client)
{
    arrow a;

    memset(&a, 0, sizeof a);
    a.frame = pinfo->num;
    a.header = *r;
    a.header.segments.n = 0;
    a.header.segments.frames = NULL;
    a.header.all = NULL;
    a.from_client = from_client;
    a.items = g_ptr_array_new();
    a.fragments = g_ptr_array_new_with_free_func(g_free);
    if (r->segments.n >= 2)
        a.segments = g_strdup(records_frame_list(&r->segments, pinfo->pool));
    for (guint i = 0; i < tf->frame->count; i++) {
        const tt_values *val = &tf->values[i];
        if (val->carrier != r)
            continue;
        g_ptr_array_add(a.items, (gpointer)&tf->frame->items[i]);
        if (val->fragments.n >= 2) {
            gchar *name = message_name(&tf->frame->items[i]);
            g_ptr_array_add(a.fragments, g_strdup_printf("%s\t%u\t%s", name, val->fragments.n,
                                                         records_frame_list(&val->fragments, pinfo->pool)));
            g_free(name);
        }
    }
    g_array_append_val(c->arrows, a);
}

static void view_reset(void *tapdata)
{
    g_ptr_array_set_size(((view *)tapdata)->conns, 0);
}

static tap_packet_status view_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                     const void *data, tap_flags_t flags _U_)
{
    const tapped_frame *tf = (const tapped_frame *)data;
    const tt_carrier *first = NULL;
    view_conn *c;

    if (!tf->frame->count)
        return TAP_PACKET_DONT_REDRAW;
    c = conn_of((view *)tapdata, &tf->frame->items[0], pinfo);
    c->last = &tf->frame->items[tf->frame->count - 1];
    c->quic |= tf->frame->items[0].a.transport == TT_TRANSPORT_QUIC;
    for (guint i = 0; tf->values && i < tf->frame->count && !first; i++)
        first = tf->values[i].carrier;
    /* Every record of the frame, those without a message the tutor explains too. */
    for (guint k = 0; first && first->all && k < first->in_frame; k++)
        add_arrow(c, pinfo, tf, first->all[k], tf->frame->items[0].a.from_client);
    return TAP_PACKET_REDRAW;
}

/* "handshake(22) TLS 1.2 556 bytes: 4 ServerKeyExchange [TCP segments in frames 10, 12]" */
static gchar *arrow_label(const arrow *a, tt_lang lang)
{
    GString *s = g_string_new("");
    const char *type = records_content_type_name(a->header.content_type);
    const char *version = tt_version_name(a->header.version);

    if (a->header.has_content_type)
        g_string_append_printf(s, "%s(%u) ", type ? type : "?", a->header.content_type);
    if (a->header.has_version)
        g_string_append_printf(s, "%s ", version ? version : "?");
    if (a->header.has_length && a->header.length == 1)
        g_string_append(s, tt_phrase(TT_PHRASE_RECORDS_ONE_BYTE, lang));
    else if (a->header.has_length)
        g_string_append_printf(s, tt_phrase(TT_PHRASE_RECORDS_BYTES, lang), a->header.length);
    if (a->header.has_epoch) {
        g_string_append(s, ", ");
        g_string_append_printf(s, tt_phrase(TT_PHRASE_RECORDS_EPOCH, lang), a->header.epoch);
    }
    g_string_append(s, ": ");
    if (!a->items->len)
        g_string_append(s, tt_phrase(TT_PHRASE_RECORDS_NO_MESSAGE, lang));
    for (guint i = 0; i < a->items->len; i++) {
        gchar *name = message_name((const tt_item *)g_ptr_array_index(a->items, i));
        g_string_append_printf(s, "%s%s", i ? ", " : "", name);
        g_free(name);
    }
    if (a->segments) {
        g_string_append(s, " [");
        g_string_append_printf(s, tt_phrase(TT_PHRASE_RECORDS_SEGMENTS, lang), a->segments);
        g_string_append(s, "]");
    }
    for (guint i = 0; i < a->fragments->len; i++) {
        gchar **parts = g_strsplit((const gchar *)g_ptr_array_index(a->fragments, i), "\t", 3);
        g_string_append(s, " [");
        g_string_append_printf(s, tt_phrase(TT_PHRASE_RECORDS_FRAGMENTS, lang), parts[0],
                               (unsigned)g_ascii_strtoull(parts[1], NULL, 10), parts[2]);
        g_string_append(s, "]");
        g_strfreev(parts);
    }
    return g_string_free(s, FALSE);
}

static void print_conn(const view_conn *c, tt_lang lang, wmem_allocator_t *pool)
{
    const char *frame = tt_phrase(TT_PHRASE_LADDER_FRAME, lang);
    const char *record = tt_phrase(TT_PHRASE_RECORDS_RECORD, lang);
    gchar **labels = g_new0(gchar *, c->arrows->len + 1);
    int width = drawing_columns(c->client) + drawing_columns(c->server) + 2;

    for (guint i = 0; i < c->arrows->len; i++) {
        labels[i] = arrow_label(&g_array_index(c->arrows, arrow, i), lang);
        width = MAX(width, drawing_columns(labels[i]) + 10);
    }
    printf("\n");
    printf(tt_phrase(TT_PHRASE_LADDER_CONNECTION, lang), c->number, render_flow_name(c->last, lang, pool));
    printf("\n");
    if (c->quic && !c->arrows->len)
        printf("%s\n", tt_phrase(TT_PHRASE_RECORDS_QUIC, lang));
    else
        printf("%*s%s  %*s%s  %s%*s\n", MAX(0, 7 - drawing_columns(frame)), "", frame,
               MAX(0, 7 - drawing_columns(record)), "", record, c->client,
               width - drawing_columns(c->client), c->server);
    for (guint i = 0; i < c->arrows->len; i++) {
        const arrow *a = &g_array_index(c->arrows, arrow, i);
        gchar *place = g_strdup_printf("%u/%u", a->header.number, a->header.in_frame);
        int fill = width - 8 - drawing_columns(labels[i]);

        printf("%7u  %7s  %s %s ", a->frame, place, a->from_client ? "|--" : "|<-", labels[i]);
        drawing_dashes(fill);
        printf("%s\n", a->from_client ? "->|" : "--|");
        g_free(place);
    }
    g_strfreev(labels);
}

static void view_draw(void *tapdata)
{
    view *v = (view *)tapdata;
    tt_lang lang = tutor_language();
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);

    printf("\n=== %s ===\n", tt_phrase(TT_PHRASE_RECORDS_TITLE, lang));
    if (!v->conns->len)
        printf("%s\n", tt_phrase(TT_PHRASE_LADDER_NONE, lang));
    for (guint i = 0; i < v->conns->len; i++)
        print_conn((const view_conn *)g_ptr_array_index(v->conns, i), lang, pool);
    printf("\n");
    wmem_destroy_allocator(pool);
}

static void view_finish(void *tapdata)
{
    view *v = (view *)tapdata;

    g_ptr_array_free(v->conns, TRUE);
    g_free(v);
}

static tt_stat_init_ret view_init(const char *opt_arg _U_, void *userdata _U_)
{
    view *v = g_new0(view, 1);
    GString *err;

    v->conns = g_ptr_array_new_with_free_func(conn_free);
    err = register_tap_listener(TT_RECORDS_TAP, v, NULL, TL_REQUIRES_PROTO_TREE, view_reset,
                                view_packet, view_draw, view_finish);
    if (err) {
        fprintf(stderr, "tlstutor,records: %s\n", err->str);
        g_string_free(err, TRUE);
        view_finish(v);
        TT_STAT_INIT_RETURN(false);
    }
    TT_STAT_INIT_RETURN(true);
}

void records_view_register_tap(void)
{
    records_tap = register_tap(TT_RECORDS_TAP);
}

void records_view_register(void)
{
    static stat_tap_ui ui = {
        REGISTER_STAT_GROUP_GENERIC, "TLS Handshake Tutor records", "tlstutor,records",
        view_init, 0, NULL
    };

    register_stat_tap_ui(&ui, NULL);
}

gboolean records_view_listening(void)
{
    return records_tap >= 0 && have_tap_listener(records_tap);
}

void records_view_queue(packet_info *pinfo, const tt_frame *frame, const tt_values *values)
{
    tapped_frame *tf;

    if (!records_view_listening())
        return;
    tf = wmem_new(pinfo->pool, tapped_frame);
    tf->frame = frame;
    tf->values = values;
    tap_queue_packet(records_tap, pinfo, tf);
}
