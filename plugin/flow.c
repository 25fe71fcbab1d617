/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The handshake flows as rules and one table of step numbers. A step is
 * given only where the tutor is sure: the connection's ClientHello is in the
 * capture, it is not a renegotiation, and the message's role in the flow is
 * known. docs/flows.md lists the same numbers for students. */
#include "flow.h"

#include <string.h>

enum { CLIENT = 0, SERVER = 1 };

/* What a message is in the flow, independent of the flow's numbering. */
typedef enum {
    R_NONE, R_CH, R_HRR, R_HVR, R_CH2, R_SH, R_SCCS, R_CCCS, R_EE, R_CR, R_SCERT, R_SKE,
    R_SHD, R_CCERT, R_CKE, R_SCV, R_CCV, R_SFIN, R_CFIN, R_NST, R_EOED, R_APP, R_KU,
    R_COUNT
} role;

/* Step numbers per flow and role: the numbered lists of docs/flows.md. */
static const unsigned char steps[TT_FLOW_COUNT][R_COUNT] = {
    /* DTLS's cookie exchange comes before the ServerHello (docs/flows.md I);
     * step_of moves the later steps of every flow two places on. */
    [TT_FLOW_UNKNOWN] = { [R_CH] = 1, [R_HVR] = 2, [R_CH2] = 3 },
    [TT_FLOW_12_FULL] = {
        [R_CH] = 1, [R_SH] = 2, [R_SCERT] = 3, [R_SKE] = 4, [R_CR] = 5, [R_SHD] = 6,
        [R_CCERT] = 7, [R_CKE] = 8, [R_CCV] = 9, [R_CCCS] = 10, [R_CFIN] = 11,
        [R_SCCS] = 12, [R_SFIN] = 13, [R_APP] = 14 },
    [TT_FLOW_12_RESUMED_ID] = {
        [R_CH] = 1, [R_SH] = 2, [R_SCCS] = 3, [R_SFIN] = 4, [R_CCCS] = 5, [R_CFIN] = 6,
        [R_APP] = 7 },
    [TT_FLOW_12_RESUMED_TICKET] = {
        [R_CH] = 1, [R_SH] = 2, [R_SCCS] = 3, [R_SFIN] = 4, [R_CCCS] = 5, [R_CFIN] = 6,
        [R_APP] = 7 },
    [TT_FLOW_13_FULL] = {
        [R_CH] = 1, [R_SH] = 2, [R_SCCS] = 3, [R_EE] = 4, [R_CR] = 5, [R_SCERT] = 6,
        [R_SCV] = 7, [R_SFIN] = 8, [R_CCCS] = 9, [R_CCERT] = 10, [R_CCV] = 11,
        [R_CFIN] = 12, [R_NST] = 13, [R_APP] = 14, [R_KU] = 15 },
    [TT_FLOW_13_HRR] = {
        [R_CH] = 1, [R_HRR] = 2, [R_SCCS] = 3, [R_CCCS] = 4, [R_CH2] = 5, [R_SH] = 6,
        [R_EE] = 7, [R_CR] = 8, [R_SCERT] = 9, [R_SCV] = 10, [R_SFIN] = 11,
        [R_CCERT] = 12, [R_CCV] = 13, [R_CFIN] = 14, [R_NST] = 15, [R_APP] = 16,
        [R_KU] = 17 },
    [TT_FLOW_13_PSK] = {
        [R_CH] = 1, [R_SH] = 2, [R_SCCS] = 3, [R_EE] = 4, [R_SFIN] = 5, [R_CCCS] = 6,
        [R_EOED] = 7, [R_CFIN] = 8, [R_NST] = 9, [R_APP] = 10, [R_KU] = 11 },
    /* SSL 2.0 has no steps: its messages after the session keys are
     * encrypted and Wireshark cannot decrypt them (docs/flows.md G). */
    [TT_FLOW_SSL2] = { 0 },
};

const char *tt_transport_name(tt_transport transport)
{
    static const char *const names[TT_TRANSPORT_COUNT] = { "tcp", "quic", "dtls" };

    return (unsigned)transport < TT_TRANSPORT_COUNT ? names[transport] : "?";
}

const char *tt_version_name(unsigned version)
{
    switch (version) {
    case TT_SSL20: return "SSL 2.0";
    case TT_SSL30: return "SSL 3.0";
    case 0x0301: return "TLS 1.0";
    case 0x0302: return "TLS 1.1";
    case TT_TLS12: return "TLS 1.2";
    case TT_TLS13: return "TLS 1.3";
    case TT_DTLS10: return "DTLS 1.0";
    case TT_DTLS12: return "DTLS 1.2";
    case TT_DTLS13: return "DTLS 1.3";
    default: return NULL;
    }
}

unsigned tt_tls_version(unsigned version)
{
    switch (version) {
    case TT_DTLS10: return 0x0302;
    case TT_DTLS12: return TT_TLS12;
    case TT_DTLS13: return TT_TLS13;
    default: return version;
    }
}

void tt_flow_init(tt_flow *f)
{
    memset(f, 0, sizeof *f);
    f->failed_alert = TT_NO_ALERT;
}

static void add_phrase(uint8_t *list, int n, tt_phrase_id p)
{
    for (int i = 0; i < n; i++) {
        if (list[i] == p)
            return;
        if (list[i] == TT_NO_NOTE) {
            list[i] = (uint8_t)p;
            return;
        }
    }
}

static void add_note(tt_annotation *a, tt_phrase_id note)
{
    add_phrase(a->notes, TT_MAX_NOTES, note);
}

static void add_skipped(tt_annotation *a, tt_phrase_id skipped)
{
    add_phrase(a->skipped, TT_MAX_SKIPPED, skipped);
}

static bool is13(const tt_flow *f)
{
    return tt_tls_version(f->version) == TT_TLS13 || f->hrr;
}

static bool dtls(const tt_flow *f)
{
    return f->transport == TT_TRANSPORT_DTLS;
}

/* The step of a role in this connection's flow, or 0 with a note saying why
 * there is none. */
static unsigned step_of(const tt_flow *f, tt_annotation *a, role r)
{
    if (!f->started) {
        add_note(a, TT_PHRASE_NOTE_MIDSTREAM);
        return 0;
    }
    /* Application data belongs to the connection, not to a renegotiation. */
    if (f->renegotiating && r != R_APP) {
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
        return 0;
    }
    if (f->cookie_exchange && r != R_CH && r != R_HVR && r != R_CH2 && steps[f->flow][r])
        return steps[f->flow][r] + 2u;
    return steps[f->flow][r];
}

bool tt_same_session_id(const uint8_t *a, unsigned a_len, const uint8_t *b, unsigned b_len)
{
    return a_len > 0 && a_len == b_len && a_len <= 32 && memcmp(a, b, a_len) == 0;
}

static void client_hello(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    a->msg = TT_MSG_CLIENT_HELLO;
    if (!f->any_seen) {
        f->started = true;
        a->text = TT_TEXT_CLIENT_HELLO;
        a->step = step_of(f, a, R_CH);
    } else if (f->hrr && f->client_hellos == 1) {
        a->text = TT_TEXT_CLIENT_HELLO_AFTER_HRR;
        a->step = step_of(f, a, R_CH2);
    } else if (f->cookie_exchange && f->client_hellos == 1 && !f->server_hello_seen) {
        a->text = TT_TEXT_CLIENT_HELLO_WITH_COOKIE;
        a->step = step_of(f, a, R_CH2);
    } else if (f->retry && f->client_hellos == 1 && !f->server_hello_seen) {
        /* The same ClientHello in a new Initial (RFC 9000 17.2.5.3): one
         * TLS message, already numbered. */
        a->text = TT_TEXT_CLIENT_HELLO_AFTER_RETRY;
    } else {
        f->renegotiating = true;
        a->text = TT_TEXT_CLIENT_HELLO_AGAIN;
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
    }
    if (ev->sslv2)
        add_note(a, TT_PHRASE_NOTE_SSLV2);
    /* It says what carries both hellos. */
    if (f->transport == TT_TRANSPORT_QUIC && f->client_hellos == 0)
        add_note(a, TT_PHRASE_NOTE_QUIC_INITIAL);
    if (dtls(f) && f->client_hellos == 0)
        add_note(a, TT_PHRASE_NOTE_DTLS);
    if (f->client_hellos == 0) {
        f->ch_session_id_len = ev->session_id_len <= 32 ? ev->session_id_len : 0;
        memcpy(f->ch_session_id, ev->session_id, f->ch_session_id_len);
        f->ch_ticket = ev->ticket_offered;
        f->ch_early_data = ev->early_data_offered;
        f->ch_offers_13 = ev->offers_tls13;
    }
    f->client_hellos++;
}

/* A full TLS 1.2 ServerHello says what comes next: a certificate, or with
 * anonymous and PSK suites none (RFC 5246 7.4.2; RFC 4279 2, 3; RFC 5489). */
static tt_text_id server_hello_text(const tt_flow *f)
{
    switch (f->kx) {
    case TT_KX_RSA:
    case TT_KX_DHE_SIGNED:
    case TT_KX_STATIC_DH:
    case TT_KX_RSA_PSK:
        return TT_TEXT_SERVER_HELLO;
    case TT_KX_ANON: return TT_TEXT_SERVER_HELLO_ANON;
    case TT_KX_PSK:
    case TT_KX_DHE_PSK: return TT_TEXT_SERVER_HELLO_PSK;
    default: return TT_TEXT_SERVER_HELLO_GENERIC;
    }
}

/* What the ServerKeyExchange holds depends on the suite (RFC 5246 7.4.3;
 * RFC 8422 5.4; RFC 4279 2, 3, 4; RFC 5489 2). */
static tt_text_id server_key_exchange_text(const tt_flow *f)
{
    switch (f->kx) {
    case TT_KX_DHE_SIGNED: return TT_TEXT_SERVER_KEY_EXCHANGE;
    case TT_KX_ANON: return TT_TEXT_SERVER_KEY_EXCHANGE_ANON;
    case TT_KX_PSK:
    case TT_KX_RSA_PSK: return TT_TEXT_SERVER_KEY_EXCHANGE_PSK;
    case TT_KX_DHE_PSK: return TT_TEXT_SERVER_KEY_EXCHANGE_DHE_PSK;
    default: return TT_TEXT_SERVER_KEY_EXCHANGE_GENERIC;
    }
}

/* Why a ServerHelloDone came without a ServerKeyExchange; none where the
 * suite does not tell. */
static void skipped_server_key_exchange(const tt_flow *f, tt_annotation *a)
{
    switch (f->kx) {
    case TT_KX_RSA: add_skipped(a, TT_PHRASE_SKIPPED_SERVER_KEY_EXCHANGE); return;
    case TT_KX_STATIC_DH: add_skipped(a, TT_PHRASE_SKIPPED_SKE_STATIC_DH); return;
    case TT_KX_PSK:
    case TT_KX_RSA_PSK: add_skipped(a, TT_PHRASE_SKIPPED_SKE_PSK); return;
    default: return;
    }
}

/* Suites whose server sends no certificate (RFC 5246 7.4.2; RFC 4279 2, 3). */
static bool no_server_certificate(const tt_flow *f)
{
    return f->kx == TT_KX_ANON || f->kx == TT_KX_PSK || f->kx == TT_KX_DHE_PSK;
}

static void server_hello(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (ev->hrr_random) {
        f->hrr = true;
        f->rt_answer_unseen = true;
        f->flow = TT_FLOW_13_HRR;
        a->msg = TT_MSG_HELLO_RETRY_REQUEST;
        a->text = TT_TEXT_HELLO_RETRY_REQUEST;
        a->step = step_of(f, a, R_HRR);
        return;
    }
    f->server_hello_seen = true;
    if (ev->version)
        f->version = ev->version;
    f->kx = ev->kx;
    f->null_cipher = ev->null_cipher && tt_tls_version(ev->version) != TT_TLS13;
    a->show_version = true;
    if (f->renegotiating) {
        a->text = server_hello_text(f);
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
        return;
    }
    if (tt_tls_version(f->version) == TT_TLS13) {
        if (f->hrr)
            f->flow = TT_FLOW_13_HRR;
        else if (ev->psk_accepted)
            f->flow = TT_FLOW_13_PSK;
        else
            f->flow = TT_FLOW_13_FULL;
        if (f->transport == TT_TRANSPORT_QUIC) {
            a->text = f->flow == TT_FLOW_13_PSK ? TT_TEXT_SERVER_HELLO_13_PSK : TT_TEXT_SERVER_HELLO_13_QUIC;
            add_note(a, TT_PHRASE_NOTE_LEGACY_VERSION_QUIC);
        } else {
            a->text = f->flow == TT_FLOW_13_PSK ? TT_TEXT_SERVER_HELLO_13_PSK : TT_TEXT_SERVER_HELLO_13;
            add_note(a, TT_PHRASE_NOTE_LEGACY_VERSION);
        }
    } else if (f->version != 0 && tt_same_session_id(ev->session_id, ev->session_id_len,
                                                   f->ch_session_id, f->ch_session_id_len)) {
        /* RFC 5246 7.4.1.3 / RFC 5077 3.4: echoing the session ID resumes. */
        f->flow = f->ch_ticket ? TT_FLOW_12_RESUMED_TICKET : TT_FLOW_12_RESUMED_ID;
        a->text = TT_TEXT_SERVER_HELLO_RESUMED;
    } else {
        f->flow = TT_FLOW_12_FULL;
        a->text = server_hello_text(f);
    }
    if (f->version && tt_tls_version(f->version) < TT_TLS12)
        add_note(a, TT_PHRASE_NOTE_DEPRECATED);
    a->step = step_of(f, a, R_SH);
}

static void finished(tt_flow *f, int side, tt_annotation *a)
{
    if (side == SERVER && !f->finished[SERVER])
        f->rt_server_finished = f->round_trip;
    f->finished[side] = true;
    a->msg = TT_MSG_FINISHED;
    if (is13(f))
        a->text = side == CLIENT ? TT_TEXT_FINISHED_CLIENT_13 : TT_TEXT_FINISHED_SERVER_13;
    else if (f->null_cipher)
        a->text = side == CLIENT ? TT_TEXT_FINISHED_CLIENT_NULL : TT_TEXT_FINISHED_SERVER_NULL;
    else
        a->text = side == CLIENT ? TT_TEXT_FINISHED_CLIENT : TT_TEXT_FINISHED_SERVER;
    a->step = step_of(f, a, side == CLIENT ? R_CFIN : R_SFIN);
    if (f->flow == TT_FLOW_13_PSK && side == SERVER)
        add_skipped(a, TT_PHRASE_SKIPPED_PSK_CERTIFICATE);
    if ((f->flow == TT_FLOW_13_FULL || f->flow == TT_FLOW_13_HRR) && side == CLIENT && !f->seen_cr)
        add_skipped(a, TT_PHRASE_SKIPPED_CLIENT_CERTIFICATE);
    if (f->finished[CLIENT] && f->finished[SERVER])
        f->complete = true;
}

/* A TLS 1.3 CompressedCertificate takes the Certificate's place (RFC 8879 4). */
static void certificate(tt_flow *f, const tt_event *ev, int side, tt_annotation *a)
{
    bool compressed = a->msg == TT_MSG_COMPRESSED_CERTIFICATE;

    if (side == SERVER) {
        a->text = compressed ? TT_TEXT_CERTIFICATE_COMPRESSED_SERVER
                : is13(f) ? TT_TEXT_CERTIFICATE_SERVER_13 : TT_TEXT_CERTIFICATE_SERVER;
        a->step = step_of(f, a, R_SCERT);
        if (is13(f) && !f->seen_cr)
            add_skipped(a, TT_PHRASE_SKIPPED_CERTIFICATE_REQUEST);
        return;
    }
    a->text = compressed ? TT_TEXT_CERTIFICATE_COMPRESSED_CLIENT : TT_TEXT_CERTIFICATE_CLIENT;
    a->step = step_of(f, a, R_CCERT);
    /* An empty list (3 bytes in TLS 1.2, 4 with TLS 1.3's context) says
     * "none"; nobody compresses an empty list. */
    if (compressed || ev->hs_length > (is13(f) ? 4u : 3u))
        f->client_auth = true;
}

/* A DTLS side resends a flight that got no answer, each handshake message
 * with the message_seq it had (RFC 6347 4.2.2, 4.2.4): a message_seq the
 * side already used is a copy, explained at its first. Datagrams may come
 * out of order, so every number seen is kept, not only the highest. */
static bool dtls_copy(tt_flow *f, const tt_event *ev, int side)
{
    uint64_t bit;

    if (!dtls(f) || !ev->has_message_seq || ev->message_seq >= 64)
        return false;
    bit = UINT64_C(1) << ev->message_seq;
    if (f->seqs_seen[side] & bit)
        return true;
    f->seqs_seen[side] |= bit;
    return false;
}

static void retransmission(tt_annotation *a, int side, tt_msg_id msg)
{
    a->msg = msg;
    a->text = side == CLIENT ? TT_TEXT_DTLS_RETRANSMISSION_CLIENT : TT_TEXT_DTLS_RETRANSMISSION_SERVER;
    a->retransmission = true;
}

/* Whether the side has changed cipher for this record: in DTLS the record's
 * epoch says so, whatever order the datagrams came in (RFC 6347 4.1). */
static bool after_ccs(const tt_flow *f, const tt_event *ev, int side)
{
    return dtls(f) ? ev->epoch > 0 : f->ccs[side];
}

static void handshake(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;
    bool server = side == SERVER;

    if (dtls_copy(f, ev, side)) {
        retransmission(a, side, tt_msg_from_handshake_type(ev->hs_type));
        return;
    }
    /* Up to TLS 1.2 everything a side sends after its ChangeCipherSpec is
     * encrypted: a plaintext type there, without decryption, is bytes that
     * are not what they seem (a damaged or misassembled record). Not with
     * a NULL cipher, which only authenticates (RFC 5246 6.2.3, A.5): there
     * the type shows in clear. */
    if (after_ccs(f, ev, side) && !ev->decrypted && !is13(f) && !f->renegotiating && !f->null_cipher) {
        a->text = TT_TEXT_HANDSHAKE_AFTER_CCS;
        a->cannot_tell = true;
        return;
    }
    a->msg = tt_msg_from_handshake_type(ev->hs_type);
    switch (a->msg) {
    case TT_MSG_CLIENT_HELLO: client_hello(f, ev, a); return;
    case TT_MSG_SERVER_HELLO: server_hello(f, ev, a); return;
    case TT_MSG_HELLO_VERIFY_REQUEST:
        /* RFC 6347 4.2.1: DTLS only, from the server, before its ServerHello. */
        if (!dtls(f) || !server || f->server_hello_seen || f->renegotiating) {
            a->text = TT_TEXT_OTHER;
            return;
        }
        f->cookie_exchange = true;
        f->rt_answer_unseen = true;
        a->text = TT_TEXT_HELLO_VERIFY_REQUEST;
        a->step = step_of(f, a, R_HVR);
        return;
    case TT_MSG_FINISHED: finished(f, side, a); return;
    case TT_MSG_CERTIFICATE: certificate(f, ev, side, a); return;
    case TT_MSG_COMPRESSED_CERTIFICATE:
        if (is13(f))
            certificate(f, ev, side, a);
        else
            a->text = TT_TEXT_OTHER;   /* RFC 8879 3: TLS 1.3 only */
        return;
    case TT_MSG_SERVER_KEY_EXCHANGE:
        f->seen_ske = true;
        a->text = server_key_exchange_text(f);
        a->step = server ? step_of(f, a, R_SKE) : 0;
        return;
    case TT_MSG_CERTIFICATE_REQUEST:
        f->seen_cr = true;
        a->text = TT_TEXT_CERTIFICATE_REQUEST;
        a->step = server ? step_of(f, a, R_CR) : 0;
        return;
    case TT_MSG_SERVER_HELLO_DONE:
        f->seen_shd = true;
        a->text = no_server_certificate(f) ? TT_TEXT_SERVER_HELLO_DONE_NO_CERT : TT_TEXT_SERVER_HELLO_DONE;
        a->step = server ? step_of(f, a, R_SHD) : 0;
        if (!f->seen_ske)
            skipped_server_key_exchange(f, a);
        if (!f->seen_cr)
            add_skipped(a, TT_PHRASE_SKIPPED_CERTIFICATE_REQUEST);
        return;
    case TT_MSG_CLIENT_KEY_EXCHANGE:
        a->text = TT_TEXT_CLIENT_KEY_EXCHANGE;
        a->step = server ? 0 : step_of(f, a, R_CKE);
        /* Only where the server's whole first flight was seen. */
        if (!f->seen_cr && f->seen_shd)
            add_skipped(a, TT_PHRASE_SKIPPED_CLIENT_CERTIFICATE);
        return;
    case TT_MSG_CERTIFICATE_VERIFY:
        a->text = server ? TT_TEXT_CERTIFICATE_VERIFY_SERVER : TT_TEXT_CERTIFICATE_VERIFY_CLIENT;
        a->step = step_of(f, a, server ? R_SCV : R_CCV);
        return;
    case TT_MSG_NEW_SESSION_TICKET:
        a->text = is13(f) ? TT_TEXT_NEW_SESSION_TICKET_13 : TT_TEXT_NEW_SESSION_TICKET;
        a->step = step_of(f, a, R_NST);
        return;
    case TT_MSG_ENCRYPTED_EXTENSIONS:
        a->text = TT_TEXT_ENCRYPTED_EXTENSIONS;
        a->step = step_of(f, a, R_EE);
        if (f->transport == TT_TRANSPORT_QUIC)
            add_note(a, TT_PHRASE_NOTE_QUIC_HANDSHAKE);
        return;
    case TT_MSG_END_OF_EARLY_DATA:
        a->text = TT_TEXT_END_OF_EARLY_DATA;
        a->step = step_of(f, a, R_EOED);
        return;
    case TT_MSG_KEY_UPDATE:
        a->text = server ? TT_TEXT_KEY_UPDATE_SERVER : TT_TEXT_KEY_UPDATE_CLIENT;
        a->step = step_of(f, a, R_KU);
        return;
    case TT_MSG_HELLO_REQUEST: a->text = TT_TEXT_HELLO_REQUEST; return;
    case TT_MSG_CERTIFICATE_STATUS: a->text = TT_TEXT_CERTIFICATE_STATUS; return;
    case TT_MSG_UNKNOWN: a->cannot_tell = true; return;
    default: a->text = TT_TEXT_OTHER; return;
    }
}

/* ---- SSL 2.0 (draft-hickman-netscape-ssl-00; docs/flows.md G) ----------
 * Its message codes share numbers with TLS's handshake types but not their
 * meanings: they are named from SSL 2.0's own table. Wireshark shows the
 * code only of CLIENT-HELLO, CLIENT-MASTER-KEY and SERVER-HELLO, the
 * messages sent in the clear; every other record it shows as "Encrypted
 * Data" (TT_EV_SSL2_RECORD). Once the session keys are agreed (after
 * CLIENT-MASTER-KEY, or at a SERVER-HELLO that found the session), every
 * message of both sides is encrypted (5.4). */

/* The shortest handshake needs this many encrypted messages from each side,
 * each in a record of its own (5.2.1, 5.4): CLIENT-FINISHED from the client,
 * SERVER-VERIFY and SERVER-FINISHED from the server. */
static const unsigned ssl2_needed[2] = { 1, 2 };

/* An encrypted SSL 2.0 record: which message it holds cannot be told. Each
 * side's records are annotated as far as the shortest handshake needs and
 * one more (the first that may be application data); later ones could be
 * anything. */
static bool ssl2_encrypted(tt_flow *f, int side, tt_annotation *a)
{
    if (f->ssl2_encrypted[side] > ssl2_needed[side])
        return false;
    f->ssl2_encrypted[side]++;
    if (f->ssl2_encrypted[CLIENT] >= ssl2_needed[CLIENT] &&
        f->ssl2_encrypted[SERVER] >= ssl2_needed[SERVER])
        f->ssl2_maybe_complete = true;
    a->msg = TT_MSG_ENCRYPTED_RECORD;
    a->text = side == CLIENT ? TT_TEXT_SSL2_ENCRYPTED_CLIENT : TT_TEXT_SSL2_ENCRYPTED_SERVER;
    a->encrypted = true;
    a->cannot_tell = true;
    return true;
}

/* A record Wireshark shows as "Encrypted Data". Only in a connection known
 * to be SSL 2.0: elsewhere such a record is bytes that merely look like one. */
static bool ssl2_record(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (!f->ssl2)
        return false;
    if (f->ssl2_keys)
        return ssl2_encrypted(f, ev->from_client ? CLIENT : SERVER, a);
    /* Before the keys only an ERROR may come in the clear besides the
     * hellos and CLIENT-MASTER-KEY, and Wireshark does not decode it. */
    a->msg = TT_MSG_UNKNOWN;
    a->text = TT_TEXT_SSL2_UNREADABLE;
    a->cannot_tell = true;
    return true;
}

/* An SSLv2-format record whose message code Wireshark shows. */
static bool ssl2_message(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    /* RFC 5246 E.2: a TLS (or SSL 3.0) ClientHello in the SSL 2.0 record
     * format, offering 3.0 or later; an SSL 2.0 CLIENT-HELLO offers 0x0002. */
    if (ev->hs_type == 1 && !f->ssl2 && (ev->version == 0 || ev->version >= TT_SSL30)) {
        client_hello(f, ev, a);
        return true;
    }
    if (f->ssl2_keys) {
        /* After the keys the first data byte is ciphertext: a code read
         * there is chance, not a message. */
        if (!ssl2_encrypted(f, side, a))
            return false;
        add_note(a, TT_PHRASE_NOTE_SSL2_TYPE_BY_CHANCE);
        return true;
    }
    a->msg = tt_msg_from_ssl2_type(ev->hs_type);
    switch (ev->hs_type) {
    case 1:
        if (!f->any_seen)
            f->started = true;
        f->ssl2 = true;
        f->client_hellos++;
        a->text = TT_TEXT_SSL2_CLIENT_HELLO;
        return true;
    case 4:
        if (!f->server_hello_seen) {
            f->server_hello_seen = true;
            f->ssl2 = true;
            f->flow = TT_FLOW_SSL2;
            f->version = TT_SSL20;
            a->show_version = true;
        }
        /* 5.6.1: a hit resumes the session: no certificate, no
         * CLIENT-MASTER-KEY, and both sides encrypt from here on. */
        f->ssl2_keys |= ev->ssl2_session_id_hit;
        a->text = ev->ssl2_session_id_hit ? TT_TEXT_SSL2_SERVER_HELLO_HIT : TT_TEXT_SSL2_SERVER_HELLO;
        add_note(a, TT_PHRASE_NOTE_SSL2_PROHIBITED);
        return true;
    case 2:
        f->ssl2 = true;
        f->ssl2_keys = true;
        a->text = TT_TEXT_SSL2_CLIENT_MASTER_KEY;
        return true;
    case 0:
        a->text = TT_TEXT_SSL2_ERROR;
        return true;
    default:
        /* CLIENT-FINISHED, SERVER-VERIFY ... are only ever sent encrypted
         * (5.5, 5.6): one in the clear is not what it seems. */
        a->text = a->msg == TT_MSG_UNKNOWN ? TT_TEXT_UNKNOWN : TT_TEXT_SSL2_NOT_IN_CLEAR;
        a->cannot_tell = true;
        return true;
    }
}

static bool encrypted_handshake(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    /* TLS shows a fragment of a longer message, and an undecrypted message,
     * both as a handshake item without a type. Decrypted data, or a side
     * that has not changed cipher yet, is not encrypted: a fragment. */
    if (ev->decrypted || !after_ccs(f, ev, side))
        return false;
    a->encrypted = true;
    /* In TLS 1.2 the first handshake record after a side's ChangeCipherSpec
     * can only be that side's Finished. Anything else is not guessed. */
    if (!f->finished[side] && !is13(f) && !f->renegotiating) {
        finished(f, side, a);
        add_note(a, TT_PHRASE_NOTE_ENCRYPTED);
        return true;
    }
    a->msg = TT_MSG_ENCRYPTED_HANDSHAKE;
    a->text = TT_TEXT_ENCRYPTED_HANDSHAKE;
    a->cannot_tell = true;
    if (dtls(f))
        add_note(a, TT_PHRASE_NOTE_DTLS_MAYBE_RETRANSMISSION);
    add_note(a, TT_PHRASE_NOTE_KEYLOG);
    return true;
}

static void change_cipher_spec(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;
    bool first = !f->ccs[side];

    a->msg = TT_MSG_CHANGE_CIPHER_SPEC;
    /* DTLS: a side's second ChangeCipherSpec outside a renegotiation is part
     * of a flight sent again (RFC 6347 4.2.4). */
    if (dtls(f) && !first && !f->renegotiating) {
        retransmission(a, side, TT_MSG_CHANGE_CIPHER_SPEC);
        return;
    }
    f->ccs[side] = true;
    if (dtls(f) && first)
        add_note(a, TT_PHRASE_NOTE_DTLS_EPOCH);
    /* TLS 1.2 has no ChangeCipherSpec before the ServerHello; TLS 1.3's
     * compatibility one can come first from the client. */
    if (is13(f) || (f->started && !f->server_hello_seen && f->ch_offers_13)) {
        a->text = TT_TEXT_CHANGE_CIPHER_SPEC_COMPAT;
        if (first && (f->hrr || f->server_hello_seen))
            a->step = step_of(f, a, side == CLIENT ? R_CCCS : R_SCCS);
        return;
    }
    if (!first && f->complete)
        f->renegotiating = true;   /* a second ChangeCipherSpec: a new handshake */
    if (side == SERVER && !f->ccs[CLIENT] && f->flow == TT_FLOW_12_FULL && f->started &&
        !f->renegotiating) {
        /* The server changed cipher first: an abbreviated (resumed) handshake
         * that the ServerHello did not announce by echoing a session ID. */
        f->flow = f->ch_ticket ? TT_FLOW_12_RESUMED_TICKET : TT_FLOW_12_RESUMED_ID;
    }
    if (f->null_cipher)
        a->text = side == CLIENT ? TT_TEXT_CHANGE_CIPHER_SPEC_CLIENT_NULL : TT_TEXT_CHANGE_CIPHER_SPEC_SERVER_NULL;
    else
        a->text = side == CLIENT ? TT_TEXT_CHANGE_CIPHER_SPEC_CLIENT : TT_TEXT_CHANGE_CIPHER_SPEC_SERVER;
    a->step = first ? step_of(f, a, side == CLIENT ? R_CCCS : R_SCCS) : 0;
    if (side == SERVER && (f->flow == TT_FLOW_12_RESUMED_ID || f->flow == TT_FLOW_12_RESUMED_TICKET))
        add_skipped(a, TT_PHRASE_SKIPPED_RESUMED);
}

/* A PSK resumption's flights hold no certificate or signature (RFC 8446
 * 2.2, 4.3.2), and their texts must not promise any. */
static tt_text_id opaque_flight_text(const tt_flow *f, int side)
{
    bool psk = f->flow == TT_FLOW_13_PSK;

    if (side == CLIENT)
        return psk ? TT_TEXT_ENCRYPTED_FLIGHT_CLIENT_13_PSK : TT_TEXT_ENCRYPTED_FLIGHT_CLIENT_13;
    return psk ? TT_TEXT_ENCRYPTED_FLIGHT_SERVER_13_PSK : TT_TEXT_ENCRYPTED_FLIGHT_SERVER_13;
}

/* TLS 1.3 without keys: records whose real type is hidden. The first
 * encrypted record of each side is surely handshake; the rest of that side's
 * first flight may be handshake or already application data. Later records
 * are not annotated: the tutor cannot tell what they are. */
static bool opaque_record(tt_flow *f, int side, tt_annotation *a)
{
    int other = 1 - side;

    if (!f->server_hello_seen && side == CLIENT && f->ch_early_data) {
        f->early_data_sent = true;
        a->msg = TT_MSG_EARLY_DATA;
        a->text = TT_TEXT_EARLY_DATA;
        a->encrypted = true;
        return true;
    }
    if (!f->server_hello_seen)
        return false;
    /* A side's first flight ends when the other side has answered. */
    if (f->opaque_seen[other])
        f->opaque_flight_done[other] = true;
    if (f->opaque_flight_done[side])
        return false;
    a->encrypted = true;
    if (!f->opaque_seen[side]) {
        f->opaque_seen[side] = true;
        /* The server's first flight ends with its Finished (RFC 8446 2). */
        if (side == SERVER)
            f->rt_server_finished = f->round_trip;
        a->msg = TT_MSG_ENCRYPTED_HANDSHAKE;
        a->text = opaque_flight_text(f, side);
    } else {
        a->msg = TT_MSG_ENCRYPTED_RECORD;
        a->text = TT_TEXT_ENCRYPTED_RECORD_13;
        a->cannot_tell = true;
    }
    if (side == CLIENT)
        f->complete = true;   /* the client's flight ends with its Finished */
    add_note(a, TT_PHRASE_NOTE_KEYLOG);
    return true;
}

/* QUIC without keys: a Handshake packet may hold handshake messages or only
 * an ACK. The first of each side after the ServerHello is named; what it
 * holds, and whether the handshake finished, cannot be told. */
static bool quic_handshake_packet(tt_flow *f, int side, tt_annotation *a)
{
    if (!f->server_hello_seen || f->opaque_seen[side])
        return false;
    f->opaque_seen[side] = true;
    a->msg = TT_MSG_QUIC_HANDSHAKE_PACKET;
    a->text = side == CLIENT ? TT_TEXT_QUIC_HANDSHAKE_PACKET_CLIENT : TT_TEXT_QUIC_HANDSHAKE_PACKET_SERVER;
    a->encrypted = true;
    add_note(a, TT_PHRASE_NOTE_KEYLOG);
    return true;
}

/* ---- QUIC's own packets and frames (docs/flows.md H) ------------------ */

/* 0-RTT packets: the client's early data (RFC 9001 4.6.1), the first one. */
static bool quic_0rtt(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (!ev->from_client || f->early_data_sent)
        return false;
    f->early_data_sent = true;
    a->msg = TT_MSG_EARLY_DATA;
    a->text = TT_TEXT_QUIC_EARLY_DATA;
    a->encrypted = ev->opaque;
    if (a->encrypted)
        add_note(a, TT_PHRASE_NOTE_KEYLOG);
    return true;
}

/* The server's answer to a version it does not speak (RFC 9000 6): the
 * client starts a new connection; this one ends here. */
static bool quic_version_negotiation(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (ev->from_client || f->version_negotiated || f->server_hello_seen)
        return false;
    f->version_negotiated = true;
    a->msg = TT_MSG_VERSION_NEGOTIATION;
    a->text = TT_TEXT_QUIC_VERSION_NEGOTIATION;
    return true;
}

/* At most one Retry, before the handshake (RFC 9000 17.2.5.2). */
static bool quic_retry(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (ev->from_client || f->retry || f->server_hello_seen)
        return false;
    f->retry = true;
    f->rt_answer_unseen = true;
    a->msg = TT_MSG_RETRY;
    a->text = TT_TEXT_QUIC_RETRY;
    return true;
}

/* CONNECTION_CLOSE (RFC 9000 10.2, 19.19), the first of each side. An
 * error code of type 0x1c ends a handshake that has not finished; 0x100
 * to 0x1ff is a TLS alert (RFC 9001 4.8), which the flow's name then says. */
static bool quic_close(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;
    bool error = !ev->close_app && ev->close_code != 0;

    if (f->quic_closed[side])
        return false;
    f->quic_closed[side] = true;
    a->msg = TT_MSG_QUIC_CONNECTION_CLOSE;
    if (error)
        a->text = side == CLIENT ? TT_TEXT_QUIC_CLOSE_ERROR_CLIENT : TT_TEXT_QUIC_CLOSE_ERROR_SERVER;
    else
        a->text = side == CLIENT ? TT_TEXT_QUIC_CLOSE_CLIENT : TT_TEXT_QUIC_CLOSE_SERVER;
    if (error && !f->complete && f->failed_alert == TT_NO_ALERT && !f->closed) {
        a->failure = true;
        if (ev->close_code >= 0x100 && ev->close_code <= 0x1ff)
            f->failed_alert = (int)(ev->close_code - 0x100);
        else
            f->closed = true;
    }
    return true;
}

static bool application_data(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    if (ev->opaque)
        return opaque_record(f, side, a);
    if (side == CLIENT && f->ch_early_data && !f->server_hello_seen) {
        f->early_data_sent = true;
        a->msg = TT_MSG_EARLY_DATA;
        a->text = TT_TEXT_EARLY_DATA;
        return true;
    }
    /* Only the first record per direction, and only where the version is
     * known: before the ServerHello such a record cannot be placed. */
    if (f->app_data[side] || !f->server_hello_seen)
        return false;
    f->app_data[side] = true;
    a->msg = TT_MSG_APPLICATION_DATA;
    if (f->null_cipher && !is13(f))
        a->text = side == CLIENT ? TT_TEXT_APPLICATION_DATA_CLIENT_NULL : TT_TEXT_APPLICATION_DATA_SERVER_NULL;
    else
        a->text = side == CLIENT ? TT_TEXT_APPLICATION_DATA_CLIENT : TT_TEXT_APPLICATION_DATA_SERVER;
    a->step = step_of(f, a, R_APP);
    return true;
}

static void alert(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    a->msg = TT_MSG_ALERT;
    if (!ev->alert_known) {
        a->encrypted = true;
        a->cannot_tell = !f->complete;
        a->text = TT_TEXT_ENCRYPTED_ALERT;
        add_note(a, TT_PHRASE_NOTE_KEYLOG);
        return;
    }
    a->alert_desc = (int)ev->alert_desc;
    a->alert_level = ev->alert_level;
    a->text = TT_TEXT_ALERT;
    /* Before the handshake is over a fatal alert ends it; so does, in TLS
     * 1.3, any alert but close_notify and user_canceled (RFC 8446 6). A
     * TLS 1.2 warning (unrecognized_name, no_certificate) does not (RFC
     * 6066 3, RFC 6101 5.6.6). */
    if (!f->complete && f->failed_alert == TT_NO_ALERT && ev->alert_desc != 0 &&
        (ev->alert_level == 2 || (is13(f) && ev->alert_desc != 90))) {
        f->failed_alert = (int)ev->alert_desc;
        a->failure = true;
    }
}

static bool tcp_close(tt_flow *f, tt_annotation *a)
{
    if (f->closed || f->complete || !f->started || f->failed_alert != TT_NO_ALERT)
        return false;
    /* SSL 2.0 after enough encrypted records: finished or not, cannot be told. */
    if (f->ssl2 && f->ssl2_maybe_complete)
        return false;
    f->closed = true;
    a->msg = TT_MSG_CONNECTION_CLOSED;
    a->text = f->ssl2 ? TT_TEXT_SSL2_CONNECTION_CLOSED : TT_TEXT_CONNECTION_CLOSED;
    a->failure = true;
    return true;
}

/* Where the ServerHello's suite stood in the client's list, and whether
 * its session ID echoes the ClientHello's. */
static void place_in_client_list(const tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    a->client_suites = (uint16_t)(f->ch_n_suites > UINT16_MAX ? UINT16_MAX : f->ch_n_suites);
    for (unsigned i = 0; a->has_suite && i < f->ch_n_suites && i < TT_MAX_SUITES; i++)
        if (f->ch_suites[i] == a->suite) {
            a->suite_position = (uint16_t)(i + 1);
            break;
        }
    a->echoes_session_id = tt_same_session_id(ev->session_id, ev->session_id_len,
                                              f->ch_session_id, f->ch_session_id_len);
}

/* Keeps, from the hellos, what later messages' texts need: the first
 * ClientHello's suites for the ServerHello; whether the first ServerHello
 * accepted extended_master_secret, which a server includes only when the
 * client offered it (RFC 7627): then the master secret hashes the
 * handshake. */
static void remember_hellos(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (ev->hello_read && a->msg == TT_MSG_CLIENT_HELLO && !f->ch_kept) {
        f->ch_kept = true;
        f->ch_n_suites = ev->n_suites;
        if (ev->suites)
            memcpy(f->ch_suites, ev->suites,
                   (ev->n_suites < TT_MAX_SUITES ? ev->n_suites : TT_MAX_SUITES) * sizeof(uint16_t));
    }
    if (ev->hello_read && (a->msg == TT_MSG_SERVER_HELLO || a->msg == TT_MSG_HELLO_RETRY_REQUEST) &&
        ev->has_suite) {
        a->suite = ev->suite;
        a->has_suite = true;
    }
    if (ev->hello_read && a->msg == TT_MSG_SERVER_HELLO && f->ch_kept)
        place_in_client_list(f, ev, a);
    if (ev->hello_read && a->msg == TT_MSG_SERVER_HELLO && !f->sh_seen) {
        f->sh_seen = true;
        f->sh_ems = ev->ems;
    }
    if (a->msg == TT_MSG_CLIENT_KEY_EXCHANGE)
        a->ems = f->sh_seen && f->sh_ems;
}

/* ---- Round trips (docs/flows.md J) ------------------------------------
 * A round trip is a flight of the client and the server's answer: the
 * client's first record after the server's answer is over starts the next
 * one, counted from the ClientHello, on every record fed, annotated or not.
 * A server message in the middle of its flight does not end the answer: the
 * client's TLS 1.3 ChangeCipherSpec may come between the ServerHello and the
 * rest (RFC 8446 D.4), tickets may come before the client's Finished (4.6.1).
 * A DTLS copy answers nothing new. The handshake took as many round trips as
 * the one that brought the server's Finished: after it the client has all
 * it needs to send application data (RFC 5246 7.3, RFC 8446 2). After the
 * handshake only the first application data of each side is numbered, where
 * every record is fed (not QUIC's 1-RTT packets): later numbers could miss
 * exchanges. */
static bool mid_flight(const tt_flow *f, tt_msg_id msg)
{
    switch (msg) {
    case TT_MSG_ENCRYPTED_RECORD: /* TLS 1.3 without keys: may be a ticket */
        return !f->ssl2;
    case TT_MSG_SERVER_HELLO:
    case TT_MSG_CERTIFICATE:
    case TT_MSG_COMPRESSED_CERTIFICATE:
    case TT_MSG_SERVER_KEY_EXCHANGE:
    case TT_MSG_CERTIFICATE_REQUEST:
    case TT_MSG_CERTIFICATE_STATUS:
    case TT_MSG_ENCRYPTED_EXTENSIONS:
    case TT_MSG_CERTIFICATE_VERIFY:
    case TT_MSG_CHANGE_CIPHER_SPEC:
    case TT_MSG_NEW_SESSION_TICKET:
    case TT_MSG_UNKNOWN:          /* a fragment: the rest follows */
        return true;
    default:
        return false;
    }
}

static void count_round_trip(tt_flow *f, const tt_event *ev, tt_annotation *a, bool was_started,
                             bool was_complete)
{
    if (!f->started)
        return;
    if (!was_started) {
        f->round_trip = 1;
    } else if (a->retransmission) {
        /* changes nothing */
    } else if (ev->from_client && f->rt_answered) {
        f->rt_answered = false;
        f->rt_answer_unseen = false;
        if (f->round_trip < UINT8_MAX)
            f->round_trip++;
    } else if (!ev->from_client && f->rt_answer_unseen && a->msg == TT_MSG_SERVER_HELLO) {
        /* The client's answer to a Retry is a new Initial that Wireshark
         * 4.0 does not show: this ServerHello answers it all the same. */
        f->rt_answered = false;
        f->rt_answer_unseen = false;
        if (f->round_trip < UINT8_MAX)
            f->round_trip++;
    }
    if (!ev->from_client && !a->retransmission && !mid_flight(f, (tt_msg_id)a->msg))
        f->rt_answered = true;
    if (!was_complete || (a->msg == TT_MSG_APPLICATION_DATA && f->transport != TT_TRANSPORT_QUIC))
        a->round_trip = f->round_trip;
    if (!was_complete && f->complete)
        a->handshake_round_trips = f->rt_server_finished;
}

unsigned tt_round_trip_reasons(const tt_annotation *a, tt_phrase_id out[TT_MAX_RT_REASONS])
{
    unsigned n = 0;

    if (!a->handshake_round_trips)
        return 0;
    switch (a->flow) {
    case TT_FLOW_12_FULL: out[n++] = TT_PHRASE_RT_WHY_12_FULL; break;
    case TT_FLOW_12_RESUMED_ID:
    case TT_FLOW_12_RESUMED_TICKET: out[n++] = TT_PHRASE_RT_WHY_12_RESUMED; break;
    case TT_FLOW_13_FULL: out[n++] = TT_PHRASE_RT_WHY_13_FULL; break;
    case TT_FLOW_13_HRR: out[n++] = TT_PHRASE_RT_WHY_13_HRR; break;
    case TT_FLOW_13_PSK: out[n++] = TT_PHRASE_RT_WHY_13_PSK; break;
    default: return 0;
    }
    if (a->cookie_exchange)
        out[n++] = TT_PHRASE_RT_WHY_COOKIE;
    if (a->retry)
        out[n++] = TT_PHRASE_RT_WHY_RETRY;
    if (a->early_data)
        out[n++] = TT_PHRASE_RT_WHY_EARLY_DATA;
    out[n++] = a->transport == TT_TRANSPORT_QUIC ? TT_PHRASE_RT_WHY_QUIC
             : a->transport == TT_TRANSPORT_DTLS ? TT_PHRASE_RT_WHY_UDP : TT_PHRASE_RT_WHY_TCP;
    return n;
}

bool tt_flow_next(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    bool was_started = f->started, was_complete = f->complete, shown = true;

    memset(a, 0, sizeof *a);
    a->msg = TT_MSG_UNKNOWN;
    a->text = TT_TEXT_UNKNOWN;
    a->from_client = ev->from_client;
    a->transport = ev->transport < TT_TRANSPORT_COUNT ? ev->transport : TT_TRANSPORT_TCP;
    a->alert_desc = TT_NO_ALERT;
    for (int i = 0; i < TT_MAX_NOTES; i++)
        a->notes[i] = TT_NO_NOTE;
    for (int i = 0; i < TT_MAX_SKIPPED; i++)
        a->skipped[i] = TT_NO_NOTE;

    if (!f->any_seen)
        f->transport = a->transport;
    switch (ev->kind) {
    case TT_EV_HANDSHAKE:
        if (!ev->sslv2)
            handshake(f, ev, a);
        else
            shown = ssl2_message(f, ev, a);
        if (ev->reassembled && !a->retransmission)
            add_note(a, TT_PHRASE_NOTE_DTLS_FRAGMENTS);
        break;
    case TT_EV_SSL2_RECORD:
        shown = ssl2_record(f, ev, a);
        break;
    case TT_EV_ENCRYPTED_HANDSHAKE:
        shown = encrypted_handshake(f, ev, a);
        break;
    case TT_EV_CHANGE_CIPHER_SPEC: change_cipher_spec(f, ev, a); break;
    case TT_EV_APPLICATION_DATA:
        shown = application_data(f, ev, a);
        break;
    case TT_EV_ALERT: alert(f, ev, a); break;
    case TT_EV_QUIC_HANDSHAKE_PACKET:
        shown = quic_handshake_packet(f, ev->from_client ? CLIENT : SERVER, a);
        break;
    case TT_EV_QUIC_0RTT:
        shown = quic_0rtt(f, ev, a);
        break;
    case TT_EV_QUIC_VERSION_NEGOTIATION:
        shown = quic_version_negotiation(f, ev, a);
        break;
    case TT_EV_QUIC_RETRY:
        shown = quic_retry(f, ev, a);
        break;
    case TT_EV_QUIC_CLOSE:
        shown = quic_close(f, ev, a);
        break;
    case TT_EV_CLOSE:
        shown = tcp_close(f, a);
        break;
    default: shown = false; break;
    }
    count_round_trip(f, ev, a, was_started, was_complete);
    if (!shown)
        return false;
    /* No key log hint for SSL 2.0: Wireshark does not decrypt it at all. */
    if (a->encrypted && !f->keylog_hinted && !f->ssl2) {
        f->keylog_hinted = true;
        a->keylog_hint = true;
    }
    f->any_seen = true;
    a->seq = ++f->seq;
    a->flow_known = f->server_hello_seen || f->hrr;
    a->flow = f->flow;
    a->version = f->version;
    a->client_auth = f->client_auth;
    a->early_data = f->early_data_sent;
    a->failed_alert = f->failed_alert;
    a->closed = f->closed;
    a->complete = f->complete;
    a->cookie_exchange = f->cookie_exchange;
    a->retry = f->retry;
    a->ssl2_keys = f->ssl2_keys;
    a->ssl2_maybe_complete = f->ssl2_maybe_complete;
    /* A Version Negotiation packet answers an Initial that Wireshark may not
     * show (a version it does not know): nothing began before the capture. */
    if (!f->started && !f->midstream_reported && ev->kind != TT_EV_QUIC_VERSION_NEGOTIATION) {
        a->report_midstream = true;
        f->midstream_reported = true;
    }
    remember_hellos(f, ev, a);
    return true;
}
