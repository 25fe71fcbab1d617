/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fields, subtrees and expert infos of the tutor. Every item is generated:
 * none of it is bytes on the wire. */
#include "render.h"

#include <string.h>

#include <epan/expert.h>

#include "carries.h"
#include "catalog.h"
#include "flow.h"
#include "follow.h"
#include "parts.h"
#include "records.h"

static int proto_tlstutor = -1;
static int hf_message = -1;
static int hf_msg = -1;
static int hf_sender = -1;
static int hf_seq = -1;
static int hf_step = -1;
static int hf_says = -1;
static int hf_explain = -1;
static int hf_reference = -1;
static int hf_encrypted = -1;
static int hf_conn = -1;
static int hf_transport = -1;
static int hf_retransmission = -1;
static int hf_version = -1;
static int hf_flow = -1;
static int hf_skipped = -1;
static int hf_round_trip = -1;
static int hf_handshake_round_trips = -1;
static int hf_round_trips_why = -1;

static gint ett_tutor = -1;
static gint ett_message = -1;

static expert_field ei_keylog = EI_INIT;
static expert_field ei_cannot_tell = EI_INIT;
static expert_field ei_midstream = EI_INIT;
static expert_field ei_failed = EI_INIT;
static expert_field ei_deprecated = EI_INIT;
static expert_field ei_client_auth = EI_INIT;

void render_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_message, { "Handshake message", "tlstutor.message", FT_STRING, BASE_NONE, NULL, 0x0,
            "One message of the handshake as the tutor explains it: step, name and short form", HFILL } },
        { &hf_msg, { "Message", "tlstutor.msg", FT_STRING, BASE_NONE, NULL, 0x0,
            "The message's RFC name without spaces (ClientHello, ServerHello, ...), the same in every language", HFILL } },
        { &hf_sender, { "Sender", "tlstutor.sender", FT_STRING, BASE_NONE, NULL, 0x0,
            "Who sends the message: client or server", HFILL } },
        { &hf_seq, { "Position in connection", "tlstutor.seq", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Position of the message in this connection's handshake: 1, 2, 3, ...", HFILL } },
        { &hf_step, { "Step", "tlstutor.step", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Step of this handshake's numbered flow (TLS 1.2: 1 ClientHello ... 14 application data; others in docs/flows.md); absent where the message has no step", HFILL } },
        { &hf_says, { "Says", "tlstutor.says", FT_STRING, BASE_NONE, NULL, 0x0,
            "The message as one conversational line", HFILL } },
        { &hf_explain, { "Explanation", "tlstutor.explain", FT_STRING, BASE_NONE, NULL, 0x0,
            "What the message is for and what the other side does next", HFILL } },
        { &hf_reference, { "Reference", "tlstutor.reference", FT_STRING, BASE_NONE, NULL, 0x0,
            "The sources the explanation rests on, to check it against: RFC sections (\"RFC 5246, 7.4.9; RFC 8446, 4.4.4\") or an IANA registry", HFILL } },
        { &hf_encrypted, { "Recognised while encrypted", "tlstutor.encrypted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "True when the tutor named the message without reading it: its content (in TLS 1.3 also its type) is encrypted and no key log decrypted it (an encrypted Finished, an encrypted alert, a TLS 1.3 opaque record). Application data is False: its record type is always readable and its content is not explained", HFILL } },
        { &hf_conn, { "Connection", "tlstutor.conn", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Which TLS connection of the file the message belongs to: 1, 2, ... in order of appearance", HFILL } },
        { &hf_transport, { "Transport", "tlstutor.transport", FT_STRING, BASE_NONE, NULL, 0x0,
            "What carries the connection's handshake messages: tcp (TLS records over TCP), quic (CRYPTO frames of QUIC packets, RFC 9001) or dtls (DTLS records over UDP, RFC 6347), the same in every language", HFILL } },
        { &hf_retransmission, { "Retransmission", "tlstutor.retransmission", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
            "DTLS: present (True) on a copy of a message already explained, sent again because an answer did not come (RFC 6347 4.2.4); absent elsewhere", HFILL } },
        { &hf_version, { "Version chosen", "tlstutor.version", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: the protocol version really chosen (supported_versions counts, not legacy_version)", HFILL } },
        { &hf_flow, { "Handshake flow", "tlstutor.flow", FT_STRING, BASE_NONE, NULL, 0x0,
            "The shape of this connection's handshake as known at this message (see docs/flows.md)", HFILL } },
        { &hf_skipped, { "Skipped step", "tlstutor.skipped", FT_STRING, BASE_NONE, NULL, 0x0,
            "An optional step of the textbook flow that this handshake skipped, and why", HFILL } },
        { &hf_round_trip, { "Round trip", "tlstutor.round_trip", FT_UINT32, BASE_DEC, NULL, 0x0,
            "Which round trip of the TLS handshake the message belongs to: 1 for the ClientHello and the server's answer, 2 from the client's next flight, ...; TCP's own handshake before it is not counted; absent where it cannot be counted (start not captured, after the handshake but for the first application data)", HFILL } },
        { &hf_handshake_round_trips, { "Handshake round trips", "tlstutor.handshake_round_trips", FT_UINT32, BASE_DEC, NULL, 0x0,
            "On the message that completes the handshake: how many round trips it took, up to the one that brought the server's Finished (TLS 1.2 full: 2, TLS 1.3: 1)", HFILL } },
        { &hf_round_trips_why, { "Why so many round trips", "tlstutor.round_trips_why", FT_STRING, BASE_NONE, NULL, 0x0,
            "Beside tlstutor.handshake_round_trips: why this handshake took that many round trips, and what came before it on its transport", HFILL } },
    };
    static gint *ett[] = { &ett_tutor, &ett_message };
    static ei_register_info ei[] = {
        { &ei_keylog, { "tlstutor.expert.keylog", PI_DECRYPTION, PI_NOTE,
            "Encrypted handshake messages in this connection: a key log would show them", EXPFILL } },
        { &ei_failed, { "tlstutor.expert.failed", PI_SEQUENCE, PI_WARN,
            "The handshake failed: a fatal alert or a close before it finished", EXPFILL } },
        { &ei_deprecated, { "tlstutor.expert.deprecated", PI_SECURITY, PI_WARN,
            "Deprecated protocol version (SSL 3.0, TLS 1.0, TLS 1.1 or DTLS 1.0), or prohibited (SSL 2.0)", EXPFILL } },
        { &ei_client_auth, { "tlstutor.expert.client_auth", PI_SECURITY, PI_CHAT,
            "The server asks for a client certificate (client authentication)", EXPFILL } },
        { &ei_cannot_tell, { "tlstutor.expert.cannot_tell", PI_UNDECODED, PI_NOTE,
            "The tutor cannot tell which handshake message this is", EXPFILL } },
        { &ei_midstream, { "tlstutor.expert.midstream", PI_SEQUENCE, PI_NOTE,
            "The capture starts after the connection's handshake began: steps cannot be known", EXPFILL } },
    };
    expert_module_t *expert;

    proto_tlstutor = proto;
    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    expert = expert_register_protocol(proto);
    expert_register_field_array(expert, ei, array_length(ei));
    carries_register(proto);
    parts_register(proto);
    records_register(proto);
}

/* The tvb TLS showed the message in, found again on this pass. */
static tvbuff_t *item_tvb(const tt_item *it, packet_info *pinfo)
{
    const struct data_source *src;
    tvbuff_t *tvb;

    if (it->ds_index < 0)
        return NULL;
    src = (const struct data_source *)g_slist_nth_data(pinfo->data_src, (guint)it->ds_index);
    if (!src)
        return NULL;
    tvb = get_data_source_tvb(src);
    if (!tvb || it->start < 0 || it->length < 0 ||
        !tvb_bytes_exist(tvb, it->start, it->length))
        return NULL;
    return tvb;
}

static const char *speaker(const tt_item *it, tt_lang lang)
{
    return tt_phrase(it->a.from_client ? TT_PHRASE_SPEAKER_CLIENT : TT_PHRASE_SPEAKER_SERVER, lang);
}

/* An alert's texts come from alerts.def, keyed by its description. */
static const char *alert_part(const tt_item *it, tt_part part, tt_lang lang, wmem_allocator_t *pool)
{
    const char *name = tt_alert_name(it->a.alert_desc);
    const char *level = tt_phrase(it->a.alert_level == 2 ? TT_PHRASE_ALERT_FATAL : TT_PHRASE_ALERT_WARNING, lang);

    if (part == TT_PART_SHORT)
        return wmem_strdup_printf(pool, "%s %s", level,
                                  name ? name : tt_phrase(TT_PHRASE_ALERT_UNKNOWN, lang));
    if (!name)
        return part == TT_PART_SAYS
            ? wmem_strdup_printf(pool, "%s(%s %d)", speaker(it, lang),
                                 tt_phrase(TT_PHRASE_ALERT_UNKNOWN, lang), it->a.alert_desc)
            : tt_text(TT_TEXT_ALERT, TT_PART_EXPLAIN, lang);
    if (part == TT_PART_SAYS)
        return wmem_strdup_printf(pool, "%s%s", speaker(it, lang), tt_alert_text(it->a.alert_desc, part, lang));
    return tt_alert_text(it->a.alert_desc, part, lang);
}

const char *render_text(const tt_item *it, tt_part part, tt_lang lang, wmem_allocator_t *pool)
{
    if (it->a.alert_desc != TT_NO_ALERT)
        return alert_part(it, part, lang, pool);
    return tt_text(it->a.text, part, lang);
}

const char *render_label(const tt_item *it, tt_lang lang, wmem_allocator_t *pool)
{
    const char *name = tt_msg_name(it->a.msg);
    const char *shrt = render_text(it, TT_PART_SHORT, lang, pool);

    /* Joined by hand, not printf: this runs for every message of every
     * filtered pass (the Info column). */
    char step[8], *d = step + sizeof step;
    size_t ls, ln = strlen(name), lt = strlen(shrt);
    char *out, *p;

    /* "7 ": the step's digits, written backwards. */
    if (it->a.step) {
        *--d = ' ';
        for (unsigned v = it->a.step; v; v /= 10)
            *--d = (char)('0' + v % 10);
    }
    ls = (size_t)(step + sizeof step - d);
    p = out = (char *)wmem_alloc(pool, ls + ln + 2 + lt + 1);
    memcpy(p, d, ls);
    memcpy(p += ls, name, ln);
    memcpy(p += ln, ": ", 2);
    memcpy(p += 2, shrt, lt + 1);
    return out;
}

static const char *explanation(const tt_item *it, const tt_values *values, tt_lang lang,
                               wmem_allocator_t *pool)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(pool, render_text(it, TT_PART_EXPLAIN, lang, pool));
    const char *sep = lang == TT_LANG_JA ? "" : " ";

    for (int i = 0; i < TT_MAX_NOTES; i++) {
        if (it->a.notes[i] == TT_NO_NOTE)
            continue;
        wmem_strbuf_append(buf, sep);
        wmem_strbuf_append(buf, tt_phrase(it->a.notes[i], lang));
    }
    if (it->a.failure && it->a.msg == TT_MSG_ALERT) {
        wmem_strbuf_append(buf, sep);
        wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_NOTE_FAILED, lang));
    }
    records_notes(buf, values, sep, lang, pool);
    return wmem_strbuf_get_str(buf);
}

const char *render_reference(const tt_item *it)
{
    const char *ref = it->a.alert_desc != TT_NO_ALERT ? tt_alert_ref(it->a.alert_desc) : NULL;

    /* An alert the catalogue does not know is explained by the ALERT row. */
    if (!ref && it->a.alert_desc != TT_NO_ALERT)
        return tt_text_ref(TT_TEXT_ALERT);
    return ref ? ref : tt_text_ref(it->a.text);
}

/* "TLS 1.3 full handshake": the version and the kind of flow. */
const char *render_flow_kind(const tt_item *it, tt_lang lang, wmem_allocator_t *pool)
{
    static const tt_phrase_id kinds[TT_FLOW_COUNT] = {
        [TT_FLOW_UNKNOWN] = TT_PHRASE_FLOW_UNKNOWN,
        [TT_FLOW_12_FULL] = TT_PHRASE_FLOW_FULL,
        [TT_FLOW_12_RESUMED_ID] = TT_PHRASE_FLOW_RESUMED_ID,
        [TT_FLOW_12_RESUMED_TICKET] = TT_PHRASE_FLOW_RESUMED_TICKET,
        [TT_FLOW_13_FULL] = TT_PHRASE_FLOW_FULL,
        [TT_FLOW_13_HRR] = TT_PHRASE_FLOW_HRR,
        [TT_FLOW_13_PSK] = TT_PHRASE_FLOW_PSK,
        [TT_FLOW_SSL2] = TT_PHRASE_FLOW_SSL2,
    };
    /* DTLS's cookie exchange moves the numbers on (docs/flows.md I). */
    static const tt_phrase_id with_cookie[TT_FLOW_COUNT] = {
        [TT_FLOW_12_FULL] = TT_PHRASE_FLOW_FULL_HVR,
        [TT_FLOW_12_RESUMED_ID] = TT_PHRASE_FLOW_RESUMED_ID_HVR,
        [TT_FLOW_12_RESUMED_TICKET] = TT_PHRASE_FLOW_RESUMED_TICKET_HVR,
    };
    tt_flow_kind flow = it->a.flow < TT_FLOW_COUNT ? (tt_flow_kind)it->a.flow : TT_FLOW_UNKNOWN;
    const char *version = tt_version_name(flow == TT_FLOW_13_HRR ? TT_TLS13 : it->a.version);
    const char *kind = tt_phrase(it->a.cookie_exchange && with_cookie[flow] ? with_cookie[flow] : kinds[flow], lang);

    if (version && it->a.flow != TT_FLOW_UNKNOWN)
        return wmem_strdup_printf(pool, "%s %s", version, kind);
    return kind;
}

/* "TLS 1.3 full handshake, client authenticated", from the cached facts. */
const char *render_flow_name(const tt_item *it, tt_lang lang, wmem_allocator_t *pool)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(pool, render_flow_kind(it, lang, pool));

    if (it->a.client_auth)
        wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_FLOW_CLIENT_AUTH, lang));
    if (it->a.early_data)
        wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_FLOW_EARLY_DATA, lang));
    if (it->a.failed_alert != TT_NO_ALERT) {
        const char *name = tt_alert_name(it->a.failed_alert);
        wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_FLOW_FAILED, lang));
        if (name)
            wmem_strbuf_append(buf, name);
        else
            wmem_strbuf_append_printf(buf, "alert %d", it->a.failed_alert);
    }
    if (it->a.closed)
        wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_FLOW_CLOSED, lang));
    return wmem_strbuf_get_str(buf);
}

/* The connection's count, on the message that completed its handshake. */
static void round_trips(const tt_item *it, tvbuff_t *tvb, int start, int length, packet_info *pinfo,
                        proto_tree *mt, tt_lang lang)
{
    tt_phrase_id why[TT_MAX_RT_REASONS];
    unsigned n = tt_round_trip_reasons(&it->a, why);
    wmem_strbuf_t *buf;

    parts_add_uint(mt, hf_handshake_round_trips, TT_PHRASE_LABEL_HANDSHAKE_ROUND_TRIPS, tvb, start, length,
                   it->a.handshake_round_trips, lang);
    if (!n || !proto_field_is_referenced(mt, hf_round_trips_why))
        return;
    buf = wmem_strbuf_new(pinfo->pool, tt_phrase(why[0], lang));
    for (unsigned i = 1; i < n; i++) {
        wmem_strbuf_append(buf, lang == TT_LANG_JA ? "" : " ");
        wmem_strbuf_append(buf, tt_phrase(why[i], lang));
    }
    parts_add_text(mt, hf_round_trips_why, TT_PHRASE_LABEL_ROUND_TRIPS_WHY, TT_SPLIT_SENTENCES, tvb, start,
                   length, wmem_strbuf_get_str(buf), lang);
}

/* lbl: the label, when already made. */
static void info(const tt_item *it, const char *lbl, packet_info *pinfo, tt_lang lang,
                 gboolean info_column)
{
    if (info_column && pinfo->cinfo)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%s]", lbl ? lbl : render_label(it, lang, pinfo->pool));
}

/* The expert infos that need no values: also where nobody looks at the
 * tree (the Expert column, the severity the GUI shows for the file). */
static void experts(const tt_item *it, packet_info *pinfo, proto_item *mi, tt_lang lang)
{
    if (it->a.msg == TT_MSG_CERTIFICATE_REQUEST)
        expert_add_info_format(pinfo, mi, &ei_client_auth, "%s",
                               tt_phrase(TT_PHRASE_EXPERT_CLIENT_AUTH, lang));
    if (it->a.keylog_hint)
        expert_add_info_format(pinfo, mi, &ei_keylog, "%s",
                               tt_phrase(TT_PHRASE_EXPERT_ENCRYPTED, lang));
    if (it->a.failure)
        expert_add_info_format(pinfo, mi, &ei_failed, "%s: %s",
                               tt_phrase(TT_PHRASE_EXPERT_FAILED, lang),
                               render_text(it, TT_PART_SHORT, lang, pinfo->pool));
    /* SSL 2.0 is more than deprecated: RFC 6176 prohibits it. */
    if (it->a.show_version && it->a.version && tt_tls_version(it->a.version) < TT_TLS12)
        expert_add_info_format(pinfo, mi, &ei_deprecated, "%s: %s",
                               tt_phrase(it->a.version == TT_SSL20 ? TT_PHRASE_EXPERT_PROHIBITED
                                                                   : TT_PHRASE_EXPERT_DEPRECATED, lang),
                               tt_version_name(it->a.version) ? tt_version_name(it->a.version) : "?");
    if (it->a.cannot_tell)
        expert_add_info_format(pinfo, mi, &ei_cannot_tell, "%s",
                               tt_phrase(TT_PHRASE_EXPERT_CANNOT_TELL, lang));
    if (it->a.report_midstream)
        expert_add_info_format(pinfo, mi, &ei_midstream, "%s",
                               tt_phrase(TT_PHRASE_EXPERT_MIDSTREAM, lang));
}

static void render_item(const tt_item *it, const tt_values *values, packet_info *pinfo,
                        proto_tree *tree, tt_lang lang, gboolean info_column)
{
    tvbuff_t *tvb = item_tvb(it, pinfo);
    int start = tvb ? it->start : 0;
    int length = tvb ? it->length : 0;
    const char *lbl = render_label(it, lang, pinfo->pool);
    proto_item *mi;
    proto_tree *mt;

    info(it, lbl, pinfo, lang, info_column);

    mi = parts_add_string(tree, hf_message, TT_PHRASE_LABEL_MESSAGE, tvb, start, length, lbl, NULL, lang);
    mt = proto_item_add_subtree(mi, ett_message);

    parts_add_string(mt, hf_msg, TT_PHRASE_LABEL_MSG, tvb, start, length, tt_msg_name(it->a.msg), NULL, lang);
    parts_add_string(mt, hf_sender, TT_PHRASE_LABEL_SENDER, tvb, start, length,
                     it->a.from_client ? "client" : "server",
                     tt_phrase(it->a.from_client ? TT_PHRASE_SENDER_CLIENT : TT_PHRASE_SENDER_SERVER, lang),
                     lang);
    parts_add_uint(mt, hf_seq, TT_PHRASE_LABEL_SEQ, tvb, start, length, it->a.seq, lang);
    if (it->a.step)
        parts_add_uint(mt, hf_step, TT_PHRASE_LABEL_STEP, tvb, start, length, it->a.step, lang);
    if (it->a.round_trip)
        parts_add_uint(mt, hf_round_trip, TT_PHRASE_LABEL_ROUND_TRIP, tvb, start, length,
                       it->a.round_trip, lang);
    /* Texts are made only where someone looks: a visible tree or a filter. */
    if (proto_field_is_referenced(mt, hf_says))
        parts_add_text(mt, hf_says, TT_PHRASE_LABEL_SAYS, TT_SPLIT_SENTENCES, tvb, start, length,
                       render_text(it, TT_PART_SAYS, lang, pinfo->pool), lang);
    if (proto_field_is_referenced(mt, hf_explain))
        parts_add_text(mt, hf_explain, TT_PHRASE_LABEL_EXPLAIN, TT_SPLIT_SENTENCES, tvb, start, length,
                       explanation(it, values, lang, pinfo->pool), lang);
    if (proto_field_is_referenced(mt, hf_reference))
        parts_add_text(mt, hf_reference, TT_PHRASE_LABEL_REFERENCE, TT_SPLIT_LIST, tvb, start, length,
                       render_reference(it), lang);
    parts_add_boolean(mt, hf_encrypted, TT_PHRASE_LABEL_ENCRYPTED, tvb, start, length, it->a.encrypted, lang);
    parts_add_uint(mt, hf_conn, TT_PHRASE_LABEL_CONN, tvb, start, length, it->conn, lang);
    parts_add_string(mt, hf_transport, TT_PHRASE_LABEL_TRANSPORT, tvb, start, length,
                     tt_transport_name((tt_transport)it->a.transport), NULL, lang);
    if (it->a.retransmission)
        parts_add_boolean(mt, hf_retransmission, TT_PHRASE_LABEL_RETRANSMISSION, tvb, start, length, TRUE, lang);
    if (it->a.show_version && tt_version_name(it->a.version))
        parts_add_string(mt, hf_version, TT_PHRASE_LABEL_VERSION, tvb, start, length,
                         tt_version_name(it->a.version), NULL, lang);
    if ((it->a.flow_known || it->a.failure) && proto_field_is_referenced(mt, hf_flow))
        parts_add_text(mt, hf_flow, TT_PHRASE_LABEL_FLOW, TT_SPLIT_LIST, tvb, start, length,
                       render_flow_name(it, lang, pinfo->pool), lang);
    for (int i = 0; i < TT_MAX_SKIPPED; i++)
        if (it->a.skipped[i] != TT_NO_NOTE)
            parts_add_text(mt, hf_skipped, TT_PHRASE_LABEL_SKIPPED, TT_SPLIT_SENTENCES, tvb, start, length,
                           tt_phrase(it->a.skipped[i], lang), lang);
    if (it->a.handshake_round_trips)
        round_trips(it, tvb, start, length, pinfo, mt, lang);
    carries_render(it, values, tvb, start, length, pinfo, mt, mi, lang);
    records_render(values, tvb, start, length, mt, lang);
    experts(it, pinfo, mi, lang);
}

/* Whether a filter, a column or a tap asks for one of the tutor's fields
 * (they are primed before each packet), not only for its protocol. */
static gboolean fields_referenced(const packet_info *pinfo)
{
    static GPtrArray *fields;
    static header_field_info *proto;
    static int in_pass[2] = { -1, -1 };   /* tshark: the answer for its passes */
    int *known = &in_pass[PINFO_FD_VISITED(pinfo) ? 1 : 0];
    gboolean any = FALSE;

    /* A filter that marks a field marks its protocol too: most packets
     * stop here. */
    if (!proto)
        proto = proto_registrar_get_nth((guint)proto_tlstutor);
    if (proto->ref_type == HF_REF_TYPE_NONE)
        return FALSE;
    /* tshark marks the same fields before every packet of a pass. */
    if (*known >= 0)
        return *known;
    if (!fields) {
        void *cookie = NULL;

        fields = g_ptr_array_new();
        for (header_field_info *hf = proto_get_first_protocol_field(proto_tlstutor, &cookie); hf;
             hf = proto_get_next_protocol_field(proto_tlstutor, &cookie))
            g_ptr_array_add(fields, hf);
    }
    for (guint i = 0; i < fields->len && !any; i++)
        any = ((header_field_info *)g_ptr_array_index(fields, i))->ref_type != HF_REF_TYPE_NONE;
    if (follow_in_tshark())
        *known = any;
    return any;
}

gboolean render_fields_wanted(const packet_info *pinfo, proto_tree *tree)
{
    return tree && (PTREE_DATA(tree)->visible || fields_referenced(pinfo) || carries_expert_wanted(tree));
}

void render_frame(const tt_frame *frame, const tt_values *values, tvbuff_t *tvb,
                  packet_info *pinfo, proto_tree *tree, gboolean looked_at, tt_lang lang,
                  gboolean info_column)
{
    proto_item *ti = NULL;
    proto_tree *tt;

    if (tree && proto_field_is_referenced(tree, proto_tlstutor))
        ti = proto_tree_add_item(tree, proto_tlstutor, tvb, 0, 0, ENC_NA);
    /* Nobody looks at the tutor's lines (the GUI's first pass, a filter
     * on tlstutor or on other fields): the Info column, the expert infos
     * (under the tutor's item) and what a filter on tlstutor needs. */
    if (!tree || !looked_at) {
        /* The GUI shows the file's worst expert info in its status bar;
         * tshark shows them only where asked (then looked_at is set). */
        gboolean with_experts = !follow_in_tshark();

        for (guint i = 0; i < frame->count; i++) {
            info(&frame->items[i], NULL, pinfo, lang, info_column);
            if (with_experts)
                experts(&frame->items[i], pinfo, ti, lang);
        }
        return;
    }
    if (!ti)
        ti = proto_tree_add_item(tree, proto_tlstutor, tvb, 0, 0, ENC_NA);
    proto_item_set_generated(ti);
    tt = proto_item_add_subtree(ti, ett_tutor);
    for (guint i = 0; i < frame->count; i++)
        render_item(&frame->items[i], values ? &values[i] : NULL, pinfo, tt, lang, info_column);
}
