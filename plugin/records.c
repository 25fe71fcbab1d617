/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "records.h"

#include "catalog.h"
#include "flow.h"
#include "parts.h"

static int hf_record_number = -1;
static int hf_records_in_frame = -1;
static int hf_content_type = -1;
static int hf_version = -1;
static int hf_length = -1;
static int hf_epoch = -1;
static int hf_segment_count = -1;
static int hf_segment = -1;
static int hf_fragment_count = -1;
static int hf_fragment = -1;
static gint ett_record = -1;

/* TLS ContentType (RFC 8446 5.1; heartbeat RFC 6520, tls12_cid RFC 9146,
 * ack RFC 9147): the RFC's names, the same in every language. */
static const value_string content_types[] = {
    { 20, "change_cipher_spec" },
    { 21, "alert" },
    { 22, "handshake" },
    { 23, "application_data" },
    { 24, "heartbeat" },
    { 25, "tls12_cid" },
    { 26, "ack" },
    { 0, NULL }
};

/* Version names: tt_version_name's, taken from it once. */
static value_string *versions;

static void make_versions(void)
{
    GArray *vs = g_array_new(TRUE, TRUE, sizeof(value_string));

    for (guint32 v = 0; v <= G_MAXUINT16; v++) {
        value_string one = { v, tt_version_name(v) };
        if (one.strptr)
            g_array_append_val(vs, one);
    }
    versions = (value_string *)(void *)g_array_free(vs, FALSE);   /* kept for the program's life */
}

void records_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_record_number, { "Record in frame", "tlstutor.record.number", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Which TLS (DTLS) record of the frame carries the message: 1, 2, ... in the order Wireshark shows the frame's records; messages that share a record share its number. Absent in QUIC, which has no records (RFC 9001 4)", HFILL } },
        { &hf_records_in_frame, { "Records in frame", "tlstutor.records_in_frame", FT_UINT32, BASE_DEC, NULL, 0x0,
            "How many TLS (DTLS) records Wireshark shows in this frame, on each message of the frame", HFILL } },
        { &hf_content_type, { "Record content type", "tlstutor.record.content_type", FT_UINT8, BASE_DEC, VALS(content_types), 0x0,
            "The content type in the header of the record that carries the message, as on the wire (tls.record.content_type; a TLS 1.3 encrypted record's outer type, application_data, tls.record.opaque_type); absent in an SSLv2-format record", HFILL } },
        { &hf_version, { "Record version", "tlstutor.record.version", FT_UINT16, BASE_HEX, NULL, 0x0,
            "The version in the header of the record that carries the message (tls.record.version): TLS 1.3's records say TLS 1.2 (0x0303), a ClientHello's often TLS 1.0 (RFC 8446 5.1)", HFILL } },
        { &hf_length, { "Record length", "tlstutor.record.length", FT_UINT16, BASE_DEC, NULL, 0x0,
            "The length in the header of the record that carries the message: the bytes after the header (tls.record.length; at most 2^14 of plaintext, RFC 5246 6.2.1)", HFILL } },
        { &hf_epoch, { "Record epoch", "tlstutor.record.epoch", FT_UINT16, BASE_DEC, NULL, 0x0,
            "DTLS: the epoch in the header of the record that carries the message (dtls.record.epoch, RFC 6347 4.1)", HFILL } },
        { &hf_segment_count, { "TCP segments of the record", "tlstutor.segment_count", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Where the record that carries the message came in more than one TCP segment (Wireshark reassembled it): how many", HFILL } },
        { &hf_segment, { "TCP segment in frame", "tlstutor.segment", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "Where the record that carries the message came in more than one TCP segment: the frame of each segment, in order (tcp.segment)", HFILL } },
        { &hf_fragment_count, { "Fragments of the message", "tlstutor.fragment_count", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Where a handshake message was split over several records (TLS: tls.handshake.fragments; DTLS: dtls.fragments): how many fragments", HFILL } },
        { &hf_fragment, { "Fragment in frame", "tlstutor.fragment", FT_FRAMENUM, BASE_NONE, NULL, 0x0,
            "Where a handshake message was split over several records: the frame of each fragment's record, in order (tls.handshake.fragment, dtls.fragment)", HFILL } },
    };
    static gint *ett[] = { &ett_record };

    make_versions();
    hf[3].hfinfo.strings = VALS(versions);
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
}

const char *records_content_type_name(unsigned type)
{
    return try_val_to_str(type, content_types);
}

const char *records_frame_list(const tt_frames *frames, wmem_allocator_t *pool)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(pool, "");

    for (unsigned i = 0; i < frames->n; i++)
        wmem_strbuf_append_printf(buf, "%s%u", i ? ", " : "", frames->frames[i]);
    return wmem_strbuf_get_str(buf);
}

/* "handshake (22)", as Wireshark shows a named value: the Japanese line's
 * value is the English line's. */
static proto_item *add_named(proto_tree *tree, int hf, tt_phrase_id label, tvbuff_t *tvb, int start,
                             int length, guint32 value, const char *name, const char *fmt, tt_lang lang)
{
    char shown[64];

    g_snprintf(shown, sizeof shown, fmt, name ? name : "Unknown", value);
    return parts_add_uint_shown(tree, hf, label, tvb, start, length, value, shown, lang);
}

static void add_frames(proto_tree *tree, int hf_count, tt_phrase_id count_label, int hf, tt_phrase_id label,
                       const tt_frames *frames, tvbuff_t *tvb, int start, int length, tt_lang lang)
{
    if (frames->n < 2)
        return;
    parts_add_uint(tree, hf_count, count_label, tvb, start, length, frames->n, lang);
    for (unsigned i = 0; i < frames->n; i++)
        parts_add_uint(tree, hf, label, tvb, start, length, frames->frames[i], lang);
}

static gboolean any_referenced(proto_tree *tree);

void records_render(const tt_values *values, tvbuff_t *tvb, int start, int length,
                    proto_tree *tree, tt_lang lang)
{
    const tt_carrier *r = values ? values->carrier : NULL;
    proto_item *pi;
    proto_tree *rt;

    if (!r || !tree || !any_referenced(tree))
        return;
    pi = parts_add_uint(tree, hf_record_number, TT_PHRASE_LABEL_RECORD_NUMBER, tvb, start, length, r->number, lang);
    rt = proto_item_add_subtree(pi, ett_record);
    parts_add_uint(rt, hf_records_in_frame, TT_PHRASE_LABEL_RECORDS_IN_FRAME, tvb, start, length, r->in_frame, lang);
    if (r->has_content_type)
        add_named(rt, hf_content_type, TT_PHRASE_LABEL_RECORD_CONTENT_TYPE, tvb, start, length, r->content_type,
                  records_content_type_name(r->content_type), "%s (%u)", lang);
    if (r->has_version)
        add_named(rt, hf_version, TT_PHRASE_LABEL_RECORD_VERSION, tvb, start, length, r->version,
                  tt_version_name(r->version), "%s (0x%04x)", lang);
    if (r->has_length)
        parts_add_uint(rt, hf_length, TT_PHRASE_LABEL_RECORD_LENGTH, tvb, start, length, r->length, lang);
    if (r->has_epoch)
        parts_add_uint(rt, hf_epoch, TT_PHRASE_LABEL_RECORD_EPOCH, tvb, start, length, r->epoch, lang);
    add_frames(rt, hf_segment_count, TT_PHRASE_LABEL_SEGMENT_COUNT, hf_segment, TT_PHRASE_LABEL_SEGMENT,
               &r->segments, tvb, start, length, lang);
    add_frames(rt, hf_fragment_count, TT_PHRASE_LABEL_FRAGMENT_COUNT, hf_fragment, TT_PHRASE_LABEL_FRAGMENT,
               &values->fragments, tvb, start, length, lang);
}

void records_notes(wmem_strbuf_t *buf, const tt_values *values, const char *sep, tt_lang lang,
                   wmem_allocator_t *pool)
{
    const tt_carrier *r = values ? values->carrier : NULL;

    if (r && r->segments.n >= 2) {
        wmem_strbuf_append(buf, sep);
        wmem_strbuf_append_printf(buf, tt_phrase(TT_PHRASE_NOTE_TCP_SEGMENTS, lang), r->segments.n,
                                  records_frame_list(&r->segments, pool));
    }
    /* DTLS's fragments have their own note (NOTE_DTLS_FRAGMENTS). */
    if (r && !r->has_epoch && values->fragments.n >= 2) {
        wmem_strbuf_append(buf, sep);
        wmem_strbuf_append_printf(buf, tt_phrase(TT_PHRASE_NOTE_RECORD_FRAGMENTS, lang), values->fragments.n,
                                  records_frame_list(&values->fragments, pool));
    }
}

static const int *const fields[] = { &hf_record_number, &hf_records_in_frame, &hf_content_type, &hf_version,
                                     &hf_length, &hf_epoch, &hf_segment_count, &hf_segment,
                                     &hf_fragment_count, &hf_fragment };

/* Whether a filter, a column or a visible tree asks for any record line. */
static gboolean any_referenced(proto_tree *tree)
{
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        if (*fields[i] > 0 && proto_field_is_referenced(tree, *fields[i]))
            return TRUE;
    return FALSE;
}

gboolean records_wanted(proto_tree *tree)
{
    static int hf_explain = -1;

    if (!tree)
        return FALSE;
    /* The explanation's notes say how the record came. */
    if (hf_explain <= 0)
        hf_explain = proto_registrar_get_id_byname("tlstutor.explain");
    return (hf_explain > 0 && proto_field_is_referenced(tree, hf_explain)) || any_referenced(tree);
}
