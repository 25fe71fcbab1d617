/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tutor learns a connection by reading its frames in order, from TLS's
 * fields. There are two ways to have those fields in the tree:
 *
 * - Asking for them (set_postdissector_wanted_hfids) makes every first pass
 *   build a protocol tree for every packet. The GUI and sharkd need that:
 *   after their first pass they dissect frames in any order, and a frame
 *   not read then can never be read in order again.
 * - tshark reads frames in order on every pass, and builds a tree only when
 *   something needs one (a filter, -V, -T fields/pdml, a tap, a custom
 *   column). There the fields are only marked as referenced, as a display
 *   filter's fields are, so TLS keeps them whenever tshark builds a tree
 *   anyway. Without a tree the tutor reads nothing and costs nothing; a
 *   later pass with a tree (-2) picks up where the reading stopped.
 *
 * A mark stays until a tree that held the field is reset (proto_tree_reset
 * clears it). epan_dissect_reset and epan_dissect_cleanup reset the tree
 * before they free the packet pool, so a callback on each packet pool marks
 * the fields again for the next packet.
 *
 * The fields only the texts quote (a certificate's names, the SNI, ...)
 * are marked only while someone looks at the texts or expert infos: each
 * packet tells whether the next ones of its pass need them (a pass keeps
 * its filter). A new pass starts with all marked, since nobody can tell
 * before its first packet what it needs.
 *
 * The GUI and sharkd are asked for one field: that is what makes their
 * first pass build a tree for every packet. The tutor marks the flow's
 * fields itself while frames are new to it (the first pass, a live
 * capture's new frames). Later passes (a filter, a column, a statistics
 * dialog, all frames in the order the GUI likes) read the tutor's cache;
 * when one of them looks at the texts, the tutor marks every field it
 * reads, as above. A shown frame needs no mark: a visible tree keeps every
 * item. Passes may interleave (the GUI paints rows while it filters), so
 * each packet pool keeps its own wish and the marks serve them all. */
#include "follow.h"

#include <string.h>

#include <epan/proto.h>
#include <wsutil/wmem/wmem_user_cb.h>

#include "compat.h"

static dissector_handle_t tutor_handle;
/* The protocols whose fields the tutor reads: TLS, DTLS, QUIC. */
static int read_protos[3] = { -1, -1, -1 };
static gboolean in_tshark;       /* reads every pass in order */
static gboolean always;          /* preference: ask for the fields anyway */
static guint32 read_upto;        /* frames 1..read_upto were read in order */

static gboolean asks_for_fields(void)
{
    return !in_tshark || always;
}

static header_field_info **marked;  /* the fields to mark, looked up once: */
static guint n_flow, n_marked;      /* first the flow's, then the texts' */
static header_field_info **parents; /* their protocols, each once, the */
static guint n_flow_parents, n_parents; /* flow's first */
static gboolean flow_on = TRUE;    /* the flow's fields are marked */
static gboolean details_on = TRUE; /* the texts' fields are marked */
static gboolean dissected;         /* a packet since the pool was last freed */
static gboolean first_pass;        /* the last packet was seen for the first time */
static gboolean touched;           /* it had items of referenced fields */
/* Packet pools that mark again when freed -> whether their last packet
 * wanted the texts' fields (GINT_TO_POINTER(1 + wish)). */
static GHashTable *pools;
static guint wishing;              /* how many of them want them */
static wmem_allocator_t *last_pool;  /* the last one told, and its wish */
static gboolean last_wish;

/* As a display filter marks its fields (proto_tree_prime_with_hfid, which
 * libwireshark does not export). Between packets only the tutor's mark
 * can be left to take back: a filter marks its fields again before each
 * packet. This runs after most TLS packets: it is kept short. */
static void mark_referenced(void)
{
    static guint last_on = G_MAXUINT;   /* the fields marked by the last call */
    guint on = details_on ? n_marked : flow_on ? n_flow : 0;

    for (guint i = 0; i < on; i++)
        if (marked[i]->ref_type == HF_REF_TYPE_NONE || marked[i]->ref_type == HF_REF_TYPE_INDIRECT)
            marked[i]->ref_type = HF_REF_TYPE_DIRECT;
    /* The others were taken back then, unless fewer are marked now. */
    for (guint i = on; i < n_marked && on < last_on; i++)
        if (marked[i]->ref_type == HF_REF_TYPE_DIRECT)
            marked[i]->ref_type = HF_REF_TYPE_NONE;
    last_on = on;
    for (guint i = 0; i < (details_on ? n_parents : flow_on ? n_flow_parents : 0); i++)
        if (parents[i]->ref_type == HF_REF_TYPE_NONE)
            parents[i]->ref_type = HF_REF_TYPE_INDIRECT;
}

static tt_cb_bool mark_again(wmem_allocator_t *pool, wmem_cb_event_t event, void *data _U_)
{
    gboolean flow, details;

    if (event == WMEM_CB_DESTROY_EVENT) {  /* no next packet; maybe after shutdown */
        if (pools && GPOINTER_TO_INT(g_hash_table_lookup(pools, pool)) == 2)
            wishing--;
        if (pools)
            g_hash_table_remove(pools, pool);
        if (pool == last_pool)
            last_pool = NULL;   /* a new pool may get its address */
        flow_on = details_on = TRUE;  /* a next pass, if any, starts with all */
        if (pools)
            mark_referenced();
        return FALSE;
    }
    /* Freed twice without a packet between: the dissection ended (4.0
     * keeps the pool for the next one, tshark -2's second pass). */
    if (!dissected) {
        flow = details = TRUE;
    } else {
        /* Only a tree that held marked fields cleared their marks. A pass
         * may begin without a free between (sharkd keeps its pool from one
         * request to the next): each packet tells. The GUI needs the flow's
         * fields only for frames it has not seen yet (after one, at once:
         * a live capture's new frames may come between a filter's). */
        flow = !asks_for_fields() || first_pass || (!touched && flow_on);
        details = wishing > 0;
    }
    if (touched || flow != flow_on || details != details_on) {
        flow_on = flow;
        details_on = details;
        mark_referenced();
    }
    dissected = touched = FALSE;
    return TRUE;  /* stays for the pool's next packet */
}

/* After this the field registrations are gone: mark nothing any more. */
static void follow_shutdown(void)
{
    n_marked = 0;
    g_free(marked);
    g_free(parents);
    marked = parents = NULL;
    n_flow = n_parents = n_flow_parents = 0;
    if (pools)
        g_hash_table_destroy(pools);
    pools = NULL;
    wishing = 0;
    last_pool = NULL;
}

static void apply(void)
{
    GArray *one = NULL;

    /* One field is enough to have a tree on every packet of the first
     * pass; the tutor marks the others itself, only where needed. */
    if (asks_for_fields() && n_flow) {
        one = g_array_new(FALSE, FALSE, sizeof(int));
        g_array_append_val(one, marked[0]->id);
    }
    set_postdissector_wanted_hfids(tutor_handle, one);  /* takes ownership */
    mark_referenced();
}

static void add_parent(header_field_info *hf)
{
    header_field_info *parent = hf->parent != -1 ? proto_registrar_get_nth(hf->parent) : NULL;

    for (guint i = 0; parent && i < n_parents; i++)
        if (parents[i] == parent)
            return;
    if (parent)
        parents[n_parents++] = parent;
}

void follow_handoff(dissector_handle_t handle, GArray *wanted, GArray *details, int proto_tls,
                    int proto_dtls, int proto_quic)
{
    const char *program = g_get_prgname();  /* set by ws_log_init() */

    tutor_handle = handle;
    marked = g_new0(header_field_info *, wanted->len);
    parents = g_new0(header_field_info *, wanted->len);
    /* The flow's fields first, then the texts'. */
    for (int texts = 0; texts <= 1; texts++) {
        for (guint i = 0; i < wanted->len; i++) {
            int id = g_array_index(wanted, int, i);
            header_field_info *hf = proto_registrar_get_nth((guint)id);
            gboolean detail = FALSE;

            for (guint j = 0; j < details->len; j++)
                detail |= g_array_index(details, int, j) == id;
            if (!hf || detail != texts)
                continue;
            marked[n_marked++] = hf;
            add_parent(hf);
        }
        if (!texts) {
            n_flow = n_marked;
            n_flow_parents = n_parents;
        }
    }
    g_array_free(details, TRUE);
    g_array_free(wanted, TRUE);
    pools = g_hash_table_new(g_direct_hash, g_direct_equal);
    register_shutdown_routine(follow_shutdown);
    read_protos[0] = proto_tls;
    read_protos[1] = proto_dtls;
    read_protos[2] = proto_quic;
    in_tshark = program && strcmp(program, "tshark") == 0;
    apply();
}

void follow_set_always(gboolean value)
{
    if (value == always || !tutor_handle)
        return;
    always = value;
    apply();
}

/* The pool's packets mark the fields again when it is freed. */
static void watch_pool(packet_info *pinfo, gboolean wish)
{
    int old;

    if (!pools || (pinfo->pool == last_pool && wish == last_wish))
        return;   /* tshark: one pool, one wish, every packet */
    old = GPOINTER_TO_INT(g_hash_table_lookup(pools, pinfo->pool));  /* 0: new */
    if (!old)
        wmem_register_callback(pinfo->pool, mark_again, NULL);
    wishing = wishing + (wish ? 1 : 0) - (old == 2 ? 1 : 0);
    g_hash_table_insert(pools, pinfo->pool, GINT_TO_POINTER(1 + wish));
    last_pool = pinfo->pool;
    last_wish = wish;
}

void follow_details_wanted(packet_info *pinfo, proto_tree *tree, gboolean wanted)
{
    /* A visible tree has every item anyway. */
    if (tree)
        watch_pool(pinfo, wanted && !PTREE_DATA(tree)->visible);
}

gboolean follow_values_readable(proto_tree *tree)
{
    return tree && (PTREE_DATA(tree)->visible || details_on);
}

void follow_init(void)
{
    read_upto = 0;
    flow_on = details_on = TRUE;
    mark_referenced();
}

gboolean follow_in_tshark(void)
{
    return in_tshark;
}

gboolean follow_touched(void)
{
    return touched;
}

tt_follow follow_frame(packet_info *pinfo, proto_tree *tree)
{
    guint32 num = pinfo->num;

    dissected = TRUE;
    first_pass = !PINFO_FD_VISITED(pinfo);
    /* The tree keeps a table of the referenced fields it holds items of;
     * its reset clears their marks. Not the layers: 4.6 takes TLS out of
     * them where it asked TCP for more data, after adding its items. */
    touched = tree && PTREE_DATA(tree)->interesting_hfids &&
              g_hash_table_size(PTREE_DATA(tree)->interesting_hfids) > 0;
    if (num <= read_upto && PINFO_FD_VISITED(pinfo))
        return TT_FOLLOW_CACHED;
    /* Next in order, or (num == read_upto) a first-pass frame that reuses
     * the number of one a read filter dropped. */
    if (num > read_upto + 1)
        return TT_FOLLOW_NOT_YET;
    /* A new frame in a pass that began on seen ones, without the marks:
     * read in order on a later pass (a filter) rather than half. */
    if (tree && !flow_on && !details_on && !PTREE_DATA(tree)->visible)
        return TT_FOLLOW_NOT_YET;
    /* Their fields exist only in a tree. */
    for (size_t i = 0; !tree && i < G_N_ELEMENTS(read_protos); i++)
        if (read_protos[i] > 0 && wmem_list_find(pinfo->layers, GINT_TO_POINTER(read_protos[i])))
            return TT_FOLLOW_NOT_YET;
    read_upto = num;
    return TT_FOLLOW_READ;
}
