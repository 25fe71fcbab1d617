/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The handshake logic (plugin/flow.c) on event sequences that no bundled
 * capture holds: TLS 1.2 texts chosen by the suite's key exchange (static
 * DH, PSK with a hint, RSA_PSK, suites not taken apart) and its NULL cipher; SSL 2.0 (docs/flows.md G) with a session hit, a TLS
 * ClientHello in the SSLv2 format answered in SSL 2.0, records Wireshark
 * cannot read before and after the keys, a message code that is chance, a
 * close before and after the records a finished handshake needs; what the
 * ServerHello's and ClientKeyExchange's texts keep from earlier hellos; a
 * CompressedCertificate in TLS 1.3 (both sides) and in TLS 1.2; DTLS
 * (docs/flows.md I) with datagrams out of order, lost and sent again,
 * and a HelloVerifyRequest where it cannot be one. Exits non-zero and says
 * which check failed otherwise; QUIC's Retry, 0-RTT, Version Negotiation
 * and CONNECTION_CLOSE (docs/flows.md H); round trips (docs/flows.md J)
 * where the capture misses the client's answer to a Retry, around DTLS
 * copies, after the handshake and without its start. */
#include <stdio.h>
#include <string.h>

#include "flow.h"

enum { C = 1, S = 0 };

static int bad;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s:%d: %s\n", __func__, __LINE__, #cond);             \
            bad++;                                                             \
        }                                                                      \
    } while (0)

/* An SSLv2-format record whose message code Wireshark shows. */
static bool ssl2(tt_flow *f, int from_client, unsigned code, unsigned version, bool hit,
                 tt_annotation *a)
{
    tt_event ev;

    memset(&ev, 0, sizeof ev);
    ev.kind = TT_EV_HANDSHAKE;
    ev.sslv2 = true;
    ev.from_client = from_client;
    ev.hs_type = code;
    ev.version = version;
    ev.ssl2_session_id_hit = hit;
    return tt_flow_next(f, &ev, a);
}

/* A record Wireshark shows as "Encrypted Data", or a TCP close. */
static bool other(tt_flow *f, tt_event_kind kind, int from_client, tt_annotation *a)
{
    tt_event ev;

    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.sslv2 = kind == TT_EV_SSL2_RECORD;
    ev.from_client = from_client;
    return tt_flow_next(f, &ev, a);
}

static bool encrypted_record(const tt_annotation *a, int from_client)
{
    return a->msg == TT_MSG_ENCRYPTED_RECORD && a->encrypted && a->cannot_tell && !a->keylog_hint &&
           a->step == 0 && a->from_client == from_client &&
           a->text == (from_client ? TT_TEXT_SSL2_ENCRYPTED_CLIENT : TT_TEXT_SSL2_ENCRYPTED_SERVER);
}

static bool has_note(const tt_annotation *a, tt_phrase_id p)
{
    for (int i = 0; i < TT_MAX_NOTES; i++)
        if (a->notes[i] == p)
            return true;
    return false;
}

/* A new session, as in pcaps/sslv2-handshake.pcapng, but with more records
 * than are annotated, and the close after them. */
static void full(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_SSL20, false, &a) && a.msg == TT_MSG_SSL2_CLIENT_HELLO && a.step == 0 &&
          !a.flow_known && a.text == TT_TEXT_SSL2_CLIENT_HELLO);
    CHECK(ssl2(&f, S, 4, TT_SSL20, false, &a) && a.msg == TT_MSG_SSL2_SERVER_HELLO &&
          a.flow == TT_FLOW_SSL2 && a.version == TT_SSL20 && a.show_version && !a.ssl2_keys &&
          a.text == TT_TEXT_SSL2_SERVER_HELLO && has_note(&a, TT_PHRASE_NOTE_SSL2_PROHIBITED));
    CHECK(!strcmp(tt_version_name(a.version), "SSL 2.0"));
    CHECK(ssl2(&f, C, 2, 0, false, &a) && a.msg == TT_MSG_SSL2_CLIENT_MASTER_KEY && a.ssl2_keys);
    /* Client: one record needed, two annotated; server: two needed, three. */
    CHECK(other(&f, TT_EV_SSL2_RECORD, C, &a) && encrypted_record(&a, C) && !a.ssl2_maybe_complete);
    CHECK(other(&f, TT_EV_SSL2_RECORD, S, &a) && encrypted_record(&a, S) && !a.ssl2_maybe_complete);
    CHECK(other(&f, TT_EV_SSL2_RECORD, S, &a) && encrypted_record(&a, S) && a.ssl2_maybe_complete);
    CHECK(other(&f, TT_EV_SSL2_RECORD, C, &a) && encrypted_record(&a, C));
    CHECK(!other(&f, TT_EV_SSL2_RECORD, C, &a));
    CHECK(other(&f, TT_EV_SSL2_RECORD, S, &a) && encrypted_record(&a, S));
    CHECK(!other(&f, TT_EV_SSL2_RECORD, S, &a));
    /* Finished or not cannot be told: the close is not a failure. */
    CHECK(!other(&f, TT_EV_CLOSE, S, &a));
    CHECK(!f.complete && !f.closed && f.failed_alert == TT_NO_ALERT);
}

/* SESSION-ID-HIT: no CLIENT-MASTER-KEY; encrypted from the SERVER-HELLO on. */
static void session_hit(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_SSL20, false, &a));
    CHECK(ssl2(&f, S, 4, TT_SSL20, true, &a) && a.text == TT_TEXT_SSL2_SERVER_HELLO_HIT && a.ssl2_keys);
    CHECK(other(&f, TT_EV_SSL2_RECORD, C, &a) && encrypted_record(&a, C));
    /* A code Wireshark reads from ciphertext is chance, not a message. */
    CHECK(ssl2(&f, S, 4, TT_SSL20, false, &a) && encrypted_record(&a, S) &&
          has_note(&a, TT_PHRASE_NOTE_SSL2_TYPE_BY_CHANCE));
}

/* Before the keys: a record Wireshark cannot read (perhaps an ERROR), then
 * the close, which comes before the handshake could have finished. */
static void closed_before_the_keys(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_SSL20, false, &a));
    CHECK(other(&f, TT_EV_SSL2_RECORD, S, &a) && a.msg == TT_MSG_UNKNOWN && a.cannot_tell &&
          !a.encrypted && a.text == TT_TEXT_SSL2_UNREADABLE);
    CHECK(other(&f, TT_EV_CLOSE, S, &a) && a.msg == TT_MSG_CONNECTION_CLOSED && a.failure &&
          a.text == TT_TEXT_SSL2_CONNECTION_CLOSED);
    /* A code only ever sent encrypted, in the clear: not what it seems. */
    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_SSL20, false, &a));
    CHECK(ssl2(&f, S, 5, 0, false, &a) && a.msg == TT_MSG_SSL2_SERVER_VERIFY && a.cannot_tell &&
          a.text == TT_TEXT_SSL2_NOT_IN_CLEAR);
    CHECK(ssl2(&f, S, 0, 0, false, &a) && a.msg == TT_MSG_SSL2_ERROR && a.text == TT_TEXT_SSL2_ERROR);
}

/* Too few encrypted records when TCP closes: surely not finished. */
static void closed_too_early(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_SSL20, false, &a));
    CHECK(ssl2(&f, S, 4, TT_SSL20, false, &a));
    CHECK(ssl2(&f, C, 2, 0, false, &a));
    CHECK(other(&f, TT_EV_SSL2_RECORD, C, &a));
    CHECK(other(&f, TT_EV_SSL2_RECORD, S, &a));
    CHECK(other(&f, TT_EV_CLOSE, C, &a) && a.closed && a.text == TT_TEXT_SSL2_CONNECTION_CLOSED);
}

/* RFC 5246 E.2: an SSLv2-format ClientHello offering TLS is a TLS ClientHello
 * (step 1); an SSL 2.0 server may still answer in SSL 2.0. */
static void tls_hello_answered_in_ssl2(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(ssl2(&f, C, 1, TT_TLS12, false, &a) && a.msg == TT_MSG_CLIENT_HELLO && a.step == 1 &&
          has_note(&a, TT_PHRASE_NOTE_SSLV2));
    CHECK(ssl2(&f, S, 4, TT_SSL20, false, &a) && a.msg == TT_MSG_SSL2_SERVER_HELLO &&
          a.flow == TT_FLOW_SSL2 && a.version == TT_SSL20 && a.step == 0);
}

/* Elsewhere a record that looks like SSLv2 "Encrypted Data" is not explained. */
static void not_ssl2(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(!other(&f, TT_EV_SSL2_RECORD, C, &a));
    CHECK(!other(&f, TT_EV_SSL2_RECORD, S, &a));
    CHECK(f.seq == 0);
}

/* ---- TLS 1.2: texts chosen by the ServerHello's suite ------------------ */

static bool tls(tt_flow *f, int from_client, unsigned type, tt_kx_kind kx, bool null_cipher,
                bool decrypted, tt_annotation *a)
{
    tt_event ev;

    memset(&ev, 0, sizeof ev);
    ev.kind = TT_EV_HANDSHAKE;
    ev.from_client = from_client;
    ev.hs_type = type;
    ev.hs_length = type == 11 ? 1000 : 40;
    ev.decrypted = decrypted;
    if (type == 2) {
        ev.version = TT_TLS12;
        ev.kx = kx;
        ev.null_cipher = null_cipher;
    }
    return tt_flow_next(f, &ev, a);
}

static bool has_skipped(const tt_annotation *a, tt_phrase_id p)
{
    for (int i = 0; i < TT_MAX_SKIPPED; i++)
        if (a->skipped[i] == p)
            return true;
    return false;
}

/* One full TLS 1.2 handshake per row: the server's first flight as the
 * suite has it, then the client's and the server's Finished in clear (not
 * decrypted: with a NULL cipher that is the real message, otherwise bytes
 * that are not what they seem). */
static const struct {
    const char *suite;
    tt_kx_kind kx;
    bool null_cipher;
    bool cert, ske;            /* the server sends Certificate, ServerKeyExchange */
    tt_text_id sh, ske_text, shd, fin_client, fin_server;
    int skipped;               /* the ServerHelloDone's skipped ServerKeyExchange line, or -1 */
} suites[] = {
    { "TLS_RSA_WITH_AES_128_GCM_SHA256", TT_KX_RSA, false, true, false, TT_TEXT_SERVER_HELLO, 0,
      TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_PHRASE_SKIPPED_SERVER_KEY_EXCHANGE },
    { "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TT_KX_DHE_SIGNED, false, true, true, TT_TEXT_SERVER_HELLO,
      TT_TEXT_SERVER_KEY_EXCHANGE, TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    /* Static DH: no OpenSSL 3 stack offers it, so no capture. */
    { "TLS_DH_RSA_WITH_AES_128_GCM_SHA256", TT_KX_STATIC_DH, false, true, false, TT_TEXT_SERVER_HELLO, 0,
      TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_PHRASE_SKIPPED_SKE_STATIC_DH },
    { "TLS_DH_anon_WITH_AES_128_GCM_SHA256", TT_KX_ANON, false, false, true, TT_TEXT_SERVER_HELLO_ANON,
      TT_TEXT_SERVER_KEY_EXCHANGE_ANON, TT_TEXT_SERVER_HELLO_DONE_NO_CERT, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    { "TLS_PSK_WITH_AES_128_GCM_SHA256 (no hint)", TT_KX_PSK, false, false, false, TT_TEXT_SERVER_HELLO_PSK, 0,
      TT_TEXT_SERVER_HELLO_DONE_NO_CERT, TT_TEXT_HANDSHAKE_AFTER_CCS, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_PHRASE_SKIPPED_SKE_PSK },
    { "TLS_PSK_WITH_AES_128_GCM_SHA256 (hint)", TT_KX_PSK, false, false, true, TT_TEXT_SERVER_HELLO_PSK,
      TT_TEXT_SERVER_KEY_EXCHANGE_PSK, TT_TEXT_SERVER_HELLO_DONE_NO_CERT, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    { "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256 (no hint)", TT_KX_RSA_PSK, false, true, false, TT_TEXT_SERVER_HELLO, 0,
      TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_PHRASE_SKIPPED_SKE_PSK },
    { "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", TT_KX_DHE_PSK, false, false, true, TT_TEXT_SERVER_HELLO_PSK,
      TT_TEXT_SERVER_KEY_EXCHANGE_DHE_PSK, TT_TEXT_SERVER_HELLO_DONE_NO_CERT, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    /* Unknown (SRP, export, a name not taken apart): nothing suite-specific. */
    { "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", TT_KX_UNKNOWN, false, true, true, TT_TEXT_SERVER_HELLO_GENERIC,
      TT_TEXT_SERVER_KEY_EXCHANGE_GENERIC, TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS,
      TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    { "0x1234 without a ServerKeyExchange", TT_KX_UNKNOWN, false, true, false, TT_TEXT_SERVER_HELLO_GENERIC, 0,
      TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_HANDSHAKE_AFTER_CCS, TT_TEXT_HANDSHAKE_AFTER_CCS, -1 },
    /* NULL cipher: the Finished's type shows in clear, and it is the Finished. */
    { "TLS_RSA_WITH_NULL_SHA256", TT_KX_RSA, true, true, false, TT_TEXT_SERVER_HELLO, 0,
      TT_TEXT_SERVER_HELLO_DONE, TT_TEXT_FINISHED_CLIENT_NULL, TT_TEXT_FINISHED_SERVER_NULL,
      TT_PHRASE_SKIPPED_SERVER_KEY_EXCHANGE },
    { "TLS_PSK_WITH_NULL_SHA256", TT_KX_PSK, true, false, false, TT_TEXT_SERVER_HELLO_PSK, 0,
      TT_TEXT_SERVER_HELLO_DONE_NO_CERT, TT_TEXT_FINISHED_CLIENT_NULL, TT_TEXT_FINISHED_SERVER_NULL,
      TT_PHRASE_SKIPPED_SKE_PSK },
};

static void by_suite(void)
{
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++) {
        tt_flow f;
        tt_annotation a;
        bool null_cipher = suites[i].null_cipher;
        int bad_before = bad;

        tt_flow_init(&f);
        CHECK(tls(&f, C, 1, TT_KX_UNKNOWN, false, false, &a) && a.step == 1);
        CHECK(tls(&f, S, 2, suites[i].kx, null_cipher, false, &a) && a.text == suites[i].sh && a.step == 2);
        if (suites[i].cert)
            CHECK(tls(&f, S, 11, TT_KX_UNKNOWN, false, false, &a) && a.text == TT_TEXT_CERTIFICATE_SERVER);
        if (suites[i].ske)
            CHECK(tls(&f, S, 12, TT_KX_UNKNOWN, false, false, &a) && a.text == suites[i].ske_text && a.step == 4);
        CHECK(tls(&f, S, 14, TT_KX_UNKNOWN, false, false, &a) && a.text == suites[i].shd && a.step == 6);
        if (suites[i].skipped >= 0)
            CHECK(has_skipped(&a, (tt_phrase_id)suites[i].skipped));
        CHECK(!has_skipped(&a, TT_PHRASE_SKIPPED_SERVER_KEY_EXCHANGE) ||
              suites[i].skipped == TT_PHRASE_SKIPPED_SERVER_KEY_EXCHANGE);
        CHECK(!has_skipped(&a, TT_PHRASE_SKIPPED_SKE_PSK) || suites[i].skipped == TT_PHRASE_SKIPPED_SKE_PSK);
        CHECK(!has_skipped(&a, TT_PHRASE_SKIPPED_SKE_STATIC_DH) ||
              suites[i].skipped == TT_PHRASE_SKIPPED_SKE_STATIC_DH);
        CHECK(tls(&f, C, 16, TT_KX_UNKNOWN, false, false, &a) && a.step == 8);
        CHECK(other(&f, TT_EV_CHANGE_CIPHER_SPEC, C, &a) && a.step == 10 &&
              a.text == (null_cipher ? TT_TEXT_CHANGE_CIPHER_SPEC_CLIENT_NULL : TT_TEXT_CHANGE_CIPHER_SPEC_CLIENT));
        CHECK(tls(&f, C, 20, TT_KX_UNKNOWN, false, false, &a) && a.text == suites[i].fin_client &&
              a.step == (null_cipher ? 11 : 0) && a.cannot_tell == !null_cipher);
        CHECK(other(&f, TT_EV_CHANGE_CIPHER_SPEC, S, &a) && a.step == 12 &&
              a.text == (null_cipher ? TT_TEXT_CHANGE_CIPHER_SPEC_SERVER_NULL : TT_TEXT_CHANGE_CIPHER_SPEC_SERVER));
        CHECK(tls(&f, S, 20, TT_KX_UNKNOWN, false, false, &a) && a.text == suites[i].fin_server &&
              a.step == (null_cipher ? 13 : 0));
        CHECK(other(&f, TT_EV_APPLICATION_DATA, C, &a) && a.step == 14 &&
              a.text == (null_cipher ? TT_TEXT_APPLICATION_DATA_CLIENT_NULL : TT_TEXT_APPLICATION_DATA_CLIENT));
        CHECK(other(&f, TT_EV_APPLICATION_DATA, S, &a) &&
              a.text == (null_cipher ? TT_TEXT_APPLICATION_DATA_SERVER_NULL : TT_TEXT_APPLICATION_DATA_SERVER));
        if (bad != bad_before)
            printf("  (suite %s)\n", suites[i].suite);
    }
}

/* ---- What the ServerHello and ClientKeyExchange texts need from the
 * hellos before them (kept by the flow, since their values are not) ------ */

static const uint16_t offered[] = { 0x1301, 0xc02f, 0xc030, 0x009c };
static const uint8_t sid_a[3] = { 1, 2, 3 }, sid_b[3] = { 9, 9, 9 };

/* One row per case: what the hellos carry, what the items say. */
static const struct {
    const char *name;
    bool ch_read, sh_read;     /* the hellos' values are in the capture */
    bool midstream;            /* the capture starts at the ServerHello */
    bool has_suite;
    uint16_t suite;
    const uint8_t *sh_sid;     /* the ServerHello's session ID (3 bytes), NULL: empty */
    bool sh_ems;
    uint16_t position, client_suites;
    bool echoes, cke_ems, sh_midstream;
} hello_rows[] = {
    { "suite third of four, new session ID, EMS", true, true, false, true, 0xc030, sid_b, true, 3, 4, false, true, false },
    { "suite not offered, echoed session ID", true, true, false, true, 0x0035, sid_a, false, 0, 4, true, false, false },
    { "ServerHello cut: no suite, no EMS", true, false, false, false, 0, NULL, true, 0, 0, false, false, false },
    { "ClientHello cut: no position", false, true, false, true, 0xc02f, sid_a, true, 0, 0, false, true, false },
    { "capture starts at the ServerHello", false, true, true, true, 0xc02f, NULL, false, 0, 0, false, false, true },
};

static void hellos(void)
{
    for (size_t i = 0; i < sizeof hello_rows / sizeof hello_rows[0]; i++) {
        tt_flow f;
        tt_annotation a;
        tt_event ev;
        int bad_before = bad;

        tt_flow_init(&f);
        memset(&ev, 0, sizeof ev);
        ev.kind = TT_EV_HANDSHAKE;
        if (!hello_rows[i].midstream) {
            ev.from_client = true;
            ev.hs_type = 1;
            ev.hello_read = hello_rows[i].ch_read;
            ev.suites = hello_rows[i].ch_read ? offered : NULL;
            ev.n_suites = hello_rows[i].ch_read ? 4 : 0;
            memcpy(ev.session_id, sid_a, sizeof sid_a);
            ev.session_id_len = sizeof sid_a;
            CHECK(tt_flow_next(&f, &ev, &a) && !a.report_midstream);
        }
        memset(&ev, 0, sizeof ev);
        ev.kind = TT_EV_HANDSHAKE;
        ev.hs_type = 2;
        ev.version = TT_TLS12;
        ev.kx = TT_KX_RSA;
        ev.hello_read = hello_rows[i].sh_read;
        ev.has_suite = hello_rows[i].has_suite;
        ev.suite = hello_rows[i].suite;
        ev.ems = hello_rows[i].sh_ems;
        if (hello_rows[i].sh_sid) {
            memcpy(ev.session_id, hello_rows[i].sh_sid, 3);
            ev.session_id_len = 3;
        }
        CHECK(tt_flow_next(&f, &ev, &a) && a.msg == TT_MSG_SERVER_HELLO);
        CHECK(a.has_suite == hello_rows[i].has_suite && a.suite == hello_rows[i].suite);
        CHECK(a.suite_position == hello_rows[i].position && a.client_suites == hello_rows[i].client_suites);
        CHECK(a.echoes_session_id == hello_rows[i].echoes);
        CHECK(a.report_midstream == hello_rows[i].sh_midstream);
        CHECK(tls(&f, S, 11, TT_KX_UNKNOWN, false, false, &a) && !a.report_midstream);
        CHECK(tls(&f, C, 16, TT_KX_UNKNOWN, false, false, &a) && a.ems == hello_rows[i].cke_ems);
        if (bad != bad_before)
            printf("  (hellos: %s)\n", hello_rows[i].name);
    }
}

/* ---- CompressedCertificate (RFC 8879) ----------------------------------- */

static bool tls13(tt_flow *f, int from_client, unsigned type, tt_annotation *a)
{
    tt_event ev;

    memset(&ev, 0, sizeof ev);
    ev.kind = TT_EV_HANDSHAKE;
    ev.from_client = from_client;
    ev.hs_type = type;
    ev.hs_length = 400;
    ev.decrypted = type != 1 && type != 2;
    if (type == 2)
        ev.version = TT_TLS13;
    return tt_flow_next(f, &ev, a);
}

/* In TLS 1.3 it takes the step of the Certificate it replaces, the
 * server's (as in pcaps/tls13-cert-compressed.pcapng) or the client's;
 * in TLS 1.2, which RFC 8879 does not cover, it has none. */
static void compressed_certificate(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(tls13(&f, C, 1, &a) && a.step == 1);
    CHECK(tls13(&f, S, 2, &a) && a.step == 2);
    CHECK(tls13(&f, S, 8, &a) && a.step == 4);
    CHECK(tls13(&f, S, 13, &a) && a.step == 5);
    CHECK(tls13(&f, S, 25, &a) && a.msg == TT_MSG_COMPRESSED_CERTIFICATE && a.step == 6 &&
          a.text == TT_TEXT_CERTIFICATE_COMPRESSED_SERVER);
    CHECK(tls13(&f, S, 15, &a) && a.step == 7);
    CHECK(tls13(&f, S, 20, &a) && a.step == 8);
    CHECK(tls13(&f, C, 25, &a) && a.msg == TT_MSG_COMPRESSED_CERTIFICATE && a.step == 10 &&
          a.text == TT_TEXT_CERTIFICATE_COMPRESSED_CLIENT && f.client_auth);

    tt_flow_init(&f);
    CHECK(tls(&f, C, 1, TT_KX_DHE_SIGNED, false, false, &a));
    CHECK(tls(&f, S, 2, TT_KX_DHE_SIGNED, false, false, &a));
    CHECK(tls(&f, S, 25, TT_KX_DHE_SIGNED, false, false, &a) && a.msg == TT_MSG_COMPRESSED_CERTIFICATE &&
          a.step == 0 && a.text == TT_TEXT_OTHER);
}

/* An event of DTLS or QUIC; a ServerHello chooses DTLS 1.2 or TLS 1.3. */
static tt_event event(tt_event_kind kind, tt_transport transport, int from_client, unsigned type)
{
    tt_event ev;

    memset(&ev, 0, sizeof ev);
    ev.kind = kind;
    ev.transport = transport;
    ev.from_client = from_client;
    ev.hs_type = type;
    ev.hs_length = 100;
    if (type == 2 && kind == TT_EV_HANDSHAKE) {
        ev.version = transport == TT_TRANSPORT_DTLS ? TT_DTLS12 : TT_TLS13;
        ev.kx = TT_KX_DHE_SIGNED;
    }
    return ev;
}

/* A DTLS handshake message: its message_seq and its record's epoch. */
static bool dtls_msg(tt_flow *f, int from_client, unsigned type, unsigned seq, unsigned epoch, bool decrypted,
                     tt_annotation *a)
{
    tt_event ev = event(TT_EV_HANDSHAKE, TT_TRANSPORT_DTLS, from_client, type);

    ev.has_message_seq = true;
    ev.message_seq = seq;
    ev.epoch = epoch;
    ev.decrypted = decrypted;
    return tt_flow_next(f, &ev, a);
}

static bool dtls_other(tt_flow *f, tt_event_kind kind, int from_client, unsigned epoch, tt_annotation *a)
{
    tt_event ev = event(kind, TT_TRANSPORT_DTLS, from_client, 0);

    ev.epoch = epoch;
    return tt_flow_next(f, &ev, a);
}

static bool copy_of(const tt_annotation *a, tt_msg_id msg, int from_client)
{
    return a->msg == msg && a->retransmission && a->step == 0 &&
           a->text == (from_client ? TT_TEXT_DTLS_RETRANSMISSION_CLIENT : TT_TEXT_DTLS_RETRANSMISSION_SERVER);
}

/* The cookie exchange moves the steps two places on; copies (the first
 * ClientHello, a flight, a ChangeCipherSpec) get no step; a message that
 * arrives before a lower message_seq is no copy; without keys the
 * Finished is told by its epoch even before the ChangeCipherSpec arrives,
 * and a later encrypted record may be a copy. */
static void dtls(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(dtls_msg(&f, C, 1, 0, 0, false, &a) && a.step == 1 && a.transport == TT_TRANSPORT_DTLS &&
          has_note(&a, TT_PHRASE_NOTE_DTLS));
    CHECK(dtls_msg(&f, C, 1, 0, 0, false, &a) && copy_of(&a, TT_MSG_CLIENT_HELLO, C) && !f.renegotiating);
    CHECK(dtls_msg(&f, S, 3, 0, 0, false, &a) && a.msg == TT_MSG_HELLO_VERIFY_REQUEST && a.step == 2 &&
          a.text == TT_TEXT_HELLO_VERIFY_REQUEST);
    CHECK(dtls_msg(&f, C, 1, 1, 0, false, &a) && a.step == 3 && a.text == TT_TEXT_CLIENT_HELLO_WITH_COOKIE &&
          !has_note(&a, TT_PHRASE_NOTE_DTLS));
    CHECK(dtls_msg(&f, S, 2, 1, 0, false, &a) && a.step == 4 && a.cookie_exchange);
    /* The Certificate's datagram comes after the ServerKeyExchange's. */
    CHECK(dtls_msg(&f, S, 12, 3, 0, false, &a) && a.step == 6 && !a.retransmission);
    CHECK(dtls_msg(&f, S, 11, 2, 0, false, &a) && a.step == 5 && !a.retransmission);
    CHECK(dtls_msg(&f, S, 14, 4, 0, false, &a) && a.step == 8);
    CHECK(dtls_msg(&f, C, 16, 2, 0, false, &a) && a.step == 10);
    /* The client's Finished (epoch 1) before its ChangeCipherSpec. */
    CHECK(dtls_other(&f, TT_EV_ENCRYPTED_HANDSHAKE, C, 1, &a) && a.msg == TT_MSG_FINISHED && a.step == 13 &&
          a.encrypted);
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, C, 0, &a) && a.step == 12 &&
          has_note(&a, TT_PHRASE_NOTE_DTLS_EPOCH));
    /* That flight lost: the server's flight again, then the client's. */
    CHECK(dtls_msg(&f, S, 2, 1, 0, false, &a) && copy_of(&a, TT_MSG_SERVER_HELLO, S) && !a.show_version);
    CHECK(dtls_msg(&f, C, 16, 2, 0, false, &a) && copy_of(&a, TT_MSG_CLIENT_KEY_EXCHANGE, C));
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, C, 0, &a) && copy_of(&a, TT_MSG_CHANGE_CIPHER_SPEC, C));
    CHECK(dtls_other(&f, TT_EV_ENCRYPTED_HANDSHAKE, C, 1, &a) && a.cannot_tell &&
          has_note(&a, TT_PHRASE_NOTE_DTLS_MAYBE_RETRANSMISSION));
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, S, 0, &a) && a.step == 14);
    CHECK(dtls_other(&f, TT_EV_ENCRYPTED_HANDSHAKE, S, 1, &a) && a.msg == TT_MSG_FINISHED && a.step == 15 &&
          f.complete);
    CHECK(dtls_other(&f, TT_EV_APPLICATION_DATA, C, 1, &a) && a.step == 16);

    /* No cookie exchange: TLS 1.2's numbers; a plaintext type in epoch 0
     * after the ChangeCipherSpec (a flight sent again) is no oddity, one in
     * epoch 1 without decryption is. */
    tt_flow_init(&f);
    CHECK(dtls_msg(&f, C, 1, 0, 0, false, &a) && a.step == 1);
    CHECK(dtls_msg(&f, S, 2, 0, 0, false, &a) && a.step == 2 && !a.cookie_exchange);
    CHECK(dtls_msg(&f, C, 16, 1, 0, false, &a) && a.step == 8);
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, C, 0, &a) && a.step == 10);
    CHECK(dtls_msg(&f, C, 16, 1, 0, false, &a) && copy_of(&a, TT_MSG_CLIENT_KEY_EXCHANGE, C));
    CHECK(dtls_msg(&f, C, 20, 2, 1, false, &a) && a.text == TT_TEXT_HANDSHAKE_AFTER_CCS && a.cannot_tell);
    CHECK(dtls_msg(&f, C, 20, 3, 1, true, &a) && a.msg == TT_MSG_FINISHED && a.step == 11);

    /* A HelloVerifyRequest over TCP, from the client, or after the
     * ServerHello is no cookie exchange. */
    tt_flow_init(&f);
    CHECK(tls(&f, C, 1, TT_KX_DHE_SIGNED, false, false, &a));
    CHECK(tls(&f, S, 3, TT_KX_DHE_SIGNED, false, false, &a) && a.msg == TT_MSG_HELLO_VERIFY_REQUEST &&
          a.text == TT_TEXT_OTHER && a.step == 0 && !f.cookie_exchange);
    tt_flow_init(&f);
    CHECK(dtls_msg(&f, C, 1, 0, 0, false, &a));
    CHECK(dtls_msg(&f, C, 3, 1, 0, false, &a) && a.text == TT_TEXT_OTHER && !f.cookie_exchange);
    CHECK(dtls_msg(&f, S, 2, 0, 0, false, &a) && a.step == 2);
    CHECK(dtls_msg(&f, S, 3, 1, 0, false, &a) && a.text == TT_TEXT_OTHER && !f.cookie_exchange);

    /* DTLS 1.0 is deprecated (RFC 8996) and built on TLS 1.1. */
    CHECK(tt_tls_version(TT_DTLS10) == 0x0302 && tt_tls_version(TT_DTLS12) == TT_TLS12 &&
          tt_tls_version(TT_TLS12) == TT_TLS12);
}

static bool quic_ev(tt_flow *f, tt_event_kind kind, int from_client, unsigned hs_type, tt_annotation *a)
{
    tt_event ev = event(kind, TT_TRANSPORT_QUIC, from_client, hs_type);

    ev.decrypted = true;
    return tt_flow_next(f, &ev, a);
}

static bool quic_close_ev(tt_flow *f, int from_client, bool app, uint64_t code, tt_annotation *a)
{
    tt_event ev = event(TT_EV_QUIC_CLOSE, TT_TRANSPORT_QUIC, from_client, 0);

    ev.close_app = app;
    ev.close_code = code;
    return tt_flow_next(f, &ev, a);
}

/* QUIC's own packets (docs/flows.md H): a Retry, then the same ClientHello
 * without a step and no renegotiation; one Retry, one 0-RTT mark, one
 * CONNECTION_CLOSE per side; a TLS alert as a QUIC error fails the
 * handshake with the alert's name, another error closes it; a Version
 * Negotiation packet first is no capture started mid-connection. */
static void quic(void)
{
    tt_flow f;
    tt_annotation a;

    tt_flow_init(&f);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 1, &a) && a.step == 1);
    CHECK(quic_ev(&f, TT_EV_QUIC_0RTT, C, 0, &a) && a.msg == TT_MSG_EARLY_DATA && a.step == 0 &&
          a.text == TT_TEXT_QUIC_EARLY_DATA);
    CHECK(!quic_ev(&f, TT_EV_QUIC_0RTT, C, 0, &a));
    CHECK(quic_ev(&f, TT_EV_QUIC_RETRY, S, 0, &a) && a.msg == TT_MSG_RETRY && a.step == 0);
    CHECK(!quic_ev(&f, TT_EV_QUIC_RETRY, S, 0, &a));
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 1, &a) && a.text == TT_TEXT_CLIENT_HELLO_AFTER_RETRY && a.step == 0 &&
          !f.renegotiating);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, S, 2, &a) && a.step == 2 && a.early_data);
    CHECK(!quic_ev(&f, TT_EV_QUIC_RETRY, S, 0, &a));
    CHECK(quic_close_ev(&f, S, false, 0x100 + 40, &a) && a.msg == TT_MSG_QUIC_CONNECTION_CLOSE && a.failure &&
          a.text == TT_TEXT_QUIC_CLOSE_ERROR_SERVER && f.failed_alert == 40 && a.failed_alert == 40);
    CHECK(!quic_close_ev(&f, S, false, 0, &a));
    CHECK(quic_close_ev(&f, C, false, 0, &a) && !a.failure && a.text == TT_TEXT_QUIC_CLOSE_CLIENT);

    tt_flow_init(&f);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 1, &a));
    CHECK(quic_close_ev(&f, S, false, 0xa, &a) && a.failure && f.closed && f.failed_alert == TT_NO_ALERT);

    /* An application's close (0x1d) is no error, whatever its code. */
    tt_flow_init(&f);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 1, &a));
    CHECK(quic_close_ev(&f, C, true, 0x10c, &a) && !a.failure && a.text == TT_TEXT_QUIC_CLOSE_CLIENT);

    tt_flow_init(&f);
    CHECK(quic_ev(&f, TT_EV_QUIC_VERSION_NEGOTIATION, S, 0, &a) && a.msg == TT_MSG_VERSION_NEGOTIATION &&
          !a.report_midstream && a.step == 0);
    CHECK(!quic_ev(&f, TT_EV_QUIC_VERSION_NEGOTIATION, S, 0, &a));
    CHECK(!quic_ev(&f, TT_EV_QUIC_VERSION_NEGOTIATION, C, 0, &a));
}

/* Round trips: the ClientHello after a Retry that Wireshark 4.0 does not
 * show still counts (its ServerHello answers a new round trip); a DTLS copy
 * starts none; after the handshake only the first application data of a
 * side is numbered, not over QUIC; nothing without the ClientHello. */
static void round_trips(void)
{
    tt_flow f;
    tt_annotation a;
    tt_phrase_id why[TT_MAX_RT_REASONS];

    tt_flow_init(&f);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 1, &a) && a.round_trip == 1);
    CHECK(quic_ev(&f, TT_EV_QUIC_RETRY, S, 0, &a) && a.round_trip == 1);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, S, 2, &a) && a.round_trip == 2);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, S, 8, &a) && a.round_trip == 2);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, S, 20, &a) && a.round_trip == 2 && !a.handshake_round_trips);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, C, 20, &a) && a.round_trip == 3 && a.handshake_round_trips == 2);
    CHECK(tt_round_trip_reasons(&a, why) == 3 && why[0] == TT_PHRASE_RT_WHY_13_FULL &&
          why[1] == TT_PHRASE_RT_WHY_RETRY && why[2] == TT_PHRASE_RT_WHY_QUIC);
    CHECK(quic_ev(&f, TT_EV_HANDSHAKE, S, 4, &a) && a.round_trip == 0 && !a.handshake_round_trips);
    CHECK(quic_close_ev(&f, C, true, 0, &a) && a.round_trip == 0);

    /* A DTLS 1.2 full handshake whose client sends its last flight twice. */
    tt_flow_init(&f);
    CHECK(dtls_msg(&f, C, 1, 0, 0, false, &a) && a.round_trip == 1);
    CHECK(dtls_msg(&f, S, 3, 0, 0, false, &a) && a.round_trip == 1);
    CHECK(dtls_msg(&f, C, 1, 1, 0, false, &a) && a.round_trip == 2);
    CHECK(dtls_msg(&f, S, 2, 1, 0, false, &a) && a.round_trip == 2);
    CHECK(dtls_msg(&f, S, 14, 2, 0, false, &a) && a.round_trip == 2);
    CHECK(dtls_msg(&f, C, 16, 2, 0, false, &a) && a.round_trip == 3);
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, C, 0, &a) && a.round_trip == 3);
    CHECK(dtls_msg(&f, C, 20, 3, 1, true, &a) && a.round_trip == 3);
    CHECK(dtls_msg(&f, C, 16, 2, 0, false, &a) && a.retransmission && a.round_trip == 3);
    CHECK(dtls_other(&f, TT_EV_CHANGE_CIPHER_SPEC, S, 0, &a) && a.round_trip == 3);
    CHECK(dtls_msg(&f, S, 20, 3, 1, true, &a) && a.round_trip == 3 && a.handshake_round_trips == 3);
    CHECK(tt_round_trip_reasons(&a, why) == 3 && why[0] == TT_PHRASE_RT_WHY_12_FULL &&
          why[1] == TT_PHRASE_RT_WHY_COOKIE && why[2] == TT_PHRASE_RT_WHY_UDP);
    /* application data, the first of each side, then none */
    CHECK(dtls_other(&f, TT_EV_APPLICATION_DATA, C, 1, &a) && a.round_trip == 4);
    CHECK(dtls_other(&f, TT_EV_APPLICATION_DATA, S, 1, &a) && a.round_trip == 4);
    CHECK(!dtls_other(&f, TT_EV_APPLICATION_DATA, C, 1, &a));
    CHECK(dtls_other(&f, TT_EV_ALERT, C, 1, &a) && a.round_trip == 0);

    /* A capture that starts after the ClientHello counts nothing. */
    tt_flow_init(&f);
    CHECK(tls13(&f, S, 2, &a) && a.round_trip == 0);
    CHECK(tls13(&f, S, 20, &a) && a.round_trip == 0);
    CHECK(tls13(&f, C, 20, &a) && a.round_trip == 0 && !a.handshake_round_trips);
    CHECK(tt_round_trip_reasons(&a, why) == 0);
}

int main(void)
{
    full();
    session_hit();
    closed_before_the_keys();
    closed_too_early();
    tls_hello_answered_in_ssl2();
    not_ssl2();
    by_suite();
    hellos();
    compressed_certificate();
    dtls();
    quic();
    round_trips();
    printf("flow checks: %d failed\n", bad);
    return bad != 0;
}
