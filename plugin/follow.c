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
 * packet tells whether the next ones need them (in tshark that does not
 * change within a pass). A new pass starts with all marked. */
#include "follow.h"

#include <string.h>

#include <epan/proto.h>
#include <wsutil/wmem/wmem_user_cb.h>

#include "compat.h"

static dissector_handle_t tutor_handle;
static GArray *wanted_ids;       /* the field ids the tutor reads */
/* The protocols whose fields the tutor reads: TLS, DTLS, QUIC. */
static int read_protos[3] = { -1, -1, -1 };
static gboolean in_tshark;       /* reads every pass in order */
static gboolean always;          /* preference: ask for the fields anyway */
static guint32 read_upto;        /* frames 1..read_upto were read in order */

static gboolean asks_for_fields(void)
{
    return !in_tshark || always;
}

static header_field_info **marked;  /* the fields to mark, looked up once */
static header_field_info **parents; /* and their protocols (NULL: none) */
static gboolean *detail;           /* only the texts need it */
static gboolean details_on = TRUE; /* mark those too */
static gboolean dissected;         /* a packet since the pool was last freed */
static guint n_marked;
static GHashTable *pools;          /* packet pools that mark again when freed */

/* As a display filter marks its fields (proto_tree_prime_with_hfid, which
 * libwireshark does not export). */
static void mark_referenced(void)
{
    for (guint i = 0; i < n_marked; i++) {
        header_field_info *hf = marked[i];

        if (detail[i] && !details_on) {
            /* Between packets only the tutor's mark can be left: a filter
             * marks its fields again before each packet. */
            if (hf->ref_type == HF_REF_TYPE_DIRECT)
                hf->ref_type = HF_REF_TYPE_NONE;
            continue;
        }
        if (hf->ref_type == HF_REF_TYPE_NONE || hf->ref_type == HF_REF_TYPE_INDIRECT)
            hf->ref_type = HF_REF_TYPE_DIRECT;
        if (parents[i] && parents[i]->ref_type == HF_REF_TYPE_NONE)
            parents[i]->ref_type = HF_REF_TYPE_INDIRECT;
    }
}

static tt_cb_bool mark_again(wmem_allocator_t *pool, wmem_cb_event_t event, void *data _U_)
{
    if (event == WMEM_CB_DESTROY_EVENT) {  /* no next packet; maybe after shutdown */
        if (pools)
            g_hash_table_remove(pools, pool);
        details_on = TRUE;  /* a next pass, if any, starts with all */
        if (pools)
            mark_referenced();
        return FALSE;
    }
    /* Freed twice without a packet between: the dissection ended (4.0
     * keeps the pool for the next one, tshark -2's second pass). */
    if (!dissected)
        details_on = TRUE;
    dissected = FALSE;
    mark_referenced();
    return TRUE;  /* stays for the pool's next packet */
}

/* After this the field registrations are gone: mark nothing any more. */
static void follow_shutdown(void)
{
    n_marked = 0;
    g_free(marked);
    g_free(parents);
    g_free(detail);
    marked = parents = NULL;
    detail = NULL;
    if (pools)
        g_hash_table_destroy(pools);
    pools = NULL;
}

static void apply(void)
{
    GArray *copy = NULL;

    if (asks_for_fields() && wanted_ids) {
        copy = g_array_sized_new(FALSE, FALSE, sizeof(int), wanted_ids->len);
        g_array_append_vals(copy, wanted_ids->data, wanted_ids->len);
    }
    set_postdissector_wanted_hfids(tutor_handle, copy);  /* takes ownership */
    if (!asks_for_fields())
        mark_referenced();
}

void follow_handoff(dissector_handle_t handle, GArray *wanted, GArray *details, int proto_tls,
                    int proto_dtls, int proto_quic)
{
    const char *program = g_get_prgname();  /* set by ws_log_init() */

    tutor_handle = handle;
    wanted_ids = wanted;
    marked = g_new0(header_field_info *, wanted->len);
    parents = g_new0(header_field_info *, wanted->len);
    detail = g_new0(gboolean, wanted->len);
    for (guint i = 0; i < wanted->len; i++) {
        int id = g_array_index(wanted, int, i);
        header_field_info *hf = proto_registrar_get_nth((guint)id);
        if (!hf)
            continue;
        for (guint j = 0; j < details->len; j++)
            detail[n_marked] |= g_array_index(details, int, j) == id;
        parents[n_marked] = hf->parent != -1 ? proto_registrar_get_nth(hf->parent) : NULL;
        marked[n_marked++] = hf;
    }
    g_array_free(details, TRUE);
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

void follow_details_wanted(gboolean wanted)
{
    details_on = wanted;
}

void follow_init(void)
{
    read_upto = 0;
    details_on = TRUE;
    if (!asks_for_fields())
        mark_referenced();
}

tt_follow follow_frame(packet_info *pinfo, proto_tree *tree)
{
    guint32 num = pinfo->num;

    dissected = TRUE;
    if (tree && !asks_for_fields() && pools && !g_hash_table_contains(pools, pinfo->pool)) {
        g_hash_table_add(pools, pinfo->pool);
        wmem_register_callback(pinfo->pool, mark_again, NULL);
    }
    if (num <= read_upto && PINFO_FD_VISITED(pinfo))
        return TT_FOLLOW_CACHED;
    /* Next in order, or (num == read_upto) a first-pass frame that reuses
     * the number of one a read filter dropped. */
    if (num > read_upto + 1)
        return TT_FOLLOW_NOT_YET;
    /* Their fields exist only in a tree. */
    for (size_t i = 0; !tree && i < G_N_ELEMENTS(read_protos); i++)
        if (read_protos[i] > 0 && wmem_list_find(pinfo->layers, GINT_TO_POINTER(read_protos[i])))
            return TT_FOLLOW_NOT_YET;
    read_upto = num;
    return TT_FOLLOW_READ;
}
