/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The values come from TLS's own fields (collect.c); the names of suites and
 * groups from TLS's own value tables, reached through its field
 * registrations since the tables themselves are not exported. */
#include "carries.h"

#include <epan/tap.h>

#include "parts.h"

#include "catalog.h"
#include "flow.h"
#include "groups.h"
#include "suite.h"

static int hf_carries = -1;
static int hf_suites_offered = -1;
static int hf_suites_grease = -1;
static int hf_sni = -1;
static int hf_suite = -1;
static int hf_kx = -1;
static int hf_auth = -1;
static int hf_cipher = -1;
static int hf_hash = -1;

static int hf_cert_count = -1;
static int hf_cert_subject = -1;
static int hf_cert_issuer = -1;

static expert_field ei_no_fs = EI_INIT;
static expert_field ei_weak = EI_INIT;
static expert_field ei_expired = EI_INIT;
static expert_field ei_not_yet_valid = EI_INIT;
static expert_field ei_self_signed = EI_INIT;
static expert_field ei_weak_signature = EI_INIT;
static int expert_tap = -1;
static int proto_ws_expert = -1;

static int tls_suite_hf = -1;
static int tls_group_hf = -1;
static int tls_sig_alg_hf = -1;

void carries_register(int proto)
{
    static hf_register_info hf[] = {
        { &hf_carries, { "Carries", "tlstutor.carries", FT_STRING, BASE_NONE, NULL, 0x0,
            "One value this message carries, quoted from this capture, with what it is for", HFILL } },
        { &hf_suites_offered, { "Cipher suites offered", "tlstutor.suites_offered", FT_UINT32, BASE_DEC, NULL, 0x0,
            "On the ClientHello: how many cipher suites the client offers", HFILL } },
        { &hf_suites_grease, { "Cipher suites offered that are GREASE", "tlstutor.suites_grease", FT_UINT32, BASE_DEC, NULL, 0x0,
            "On the ClientHello, only when there are some: how many of the cipher suites offered are GREASE "
            "values (RFC 8701), which mean nothing; tlstutor.suites_offered counts them too, as on the wire", HFILL } },
        { &hf_sni, { "Server name (SNI)", "tlstutor.sni", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ClientHello: the server name the client asks for (server_name extension)", HFILL } },
        { &hf_suite, { "Cipher suite chosen", "tlstutor.suite", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: the name of the cipher suite the server chose", HFILL } },
        { &hf_kx, { "Key exchange", "tlstutor.kx", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: the key exchange of the chosen suite (RSA, DHE, ECDHE; TLS 1.3: from key_share)", HFILL } },
        { &hf_auth, { "Authentication", "tlstutor.auth", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: how the server is authenticated (RSA, ECDSA, ...; TLS 1.3: certificate or PSK)", HFILL } },
        { &hf_cipher, { "Bulk cipher", "tlstutor.cipher", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: the symmetric cipher and mode of the chosen suite (AES-128-GCM, ...)", HFILL } },
        { &hf_hash, { "Hash", "tlstutor.hash", FT_STRING, BASE_NONE, NULL, 0x0,
            "On the ServerHello: the MAC/PRF hash of the chosen suite (SHA-256, ...)", HFILL } },
        { &hf_cert_count, { "Certificates", "tlstutor.cert_count", FT_UINT32, BASE_DEC, NULL, 0x0,
            "On a Certificate message: how many certificates it carries", HFILL } },
        { &hf_cert_subject, { "Certificate subject", "tlstutor.cert_subject", FT_STRING, BASE_NONE, NULL, 0x0,
            "On a Certificate message: each certificate's subject, in order: its common name (CN), "
            "else its organisation (O), else the whole name as Wireshark shows it", HFILL } },
        { &hf_cert_issuer, { "Certificate issuer", "tlstutor.cert_issuer", FT_STRING, BASE_NONE, NULL, 0x0,
            "On a Certificate message: each certificate's issuer, in order: its common name (CN), "
            "else its organisation (O), else the whole name as Wireshark shows it", HFILL } },
    };
    static ei_register_info ei[] = {
        { &ei_no_fs, { "tlstutor.expert.no_forward_secrecy", PI_SECURITY, PI_NOTE,
            "No forward secrecy: RSA key exchange", EXPFILL } },
        { &ei_weak, { "tlstutor.expert.weak_suite", PI_SECURITY, PI_WARN,
            "Weak cipher suite (NULL, EXPORT, RC4, DES, 3DES or anonymous)", EXPFILL } },
        { &ei_expired, { "tlstutor.expert.cert_expired", PI_SECURITY, PI_WARN,
            "Certificate expired at capture time", EXPFILL } },
        { &ei_not_yet_valid, { "tlstutor.expert.cert_not_yet_valid", PI_SECURITY, PI_WARN,
            "Certificate not yet valid at capture time", EXPFILL } },
        { &ei_self_signed, { "tlstutor.expert.self_signed", PI_SECURITY, PI_WARN,
            "The sender's certificate is self-signed", EXPFILL } },
        { &ei_weak_signature, { "tlstutor.expert.weak_signature", PI_SECURITY, PI_WARN,
            "Certificate signed with SHA-1 or MD5", EXPFILL } },
    };
    proto_register_field_array(proto, hf, array_length(hf));
    expert_register_field_array(expert_register_protocol(proto), ei, array_length(ei));
}

void carries_init(void)
{
    tls_suite_hf = proto_registrar_get_id_byname("tls.handshake.ciphersuite");
    tls_group_hf = proto_registrar_get_id_byname("tls.handshake.extensions_key_share_group");
    tls_sig_alg_hf = proto_registrar_get_id_byname("tls.handshake.sig_hash_alg");
}

/* A value's name from a TLS field's own table, or NULL. */
static const char *value_name(int hf, guint32 v)
{
    header_field_info *hfi = hf > 0 ? proto_registrar_get_nth((guint)hf) : NULL;

    if (!hfi || !hfi->strings)
        return NULL;
    if (hfi->display & BASE_EXT_STRING)
        return try_val_to_str_ext(v, (value_string_ext *)hfi->strings);
    if (hfi->display & (BASE_RANGE_STRING | BASE_VAL64_STRING | BASE_CUSTOM | BASE_UNIT_STRING))
        return NULL;
    return try_val_to_str(v, (const value_string *)hfi->strings);
}

const char *carries_suite_name(guint32 v, wmem_allocator_t *pool)
{
    const char *n = value_name(tls_suite_hf, v);
    return n ? n : wmem_strdup_printf(pool, "0x%04x", v);
}

static const char *version_text(unsigned v, wmem_allocator_t *pool)
{
    const char *n = tt_version_name(v);
    return n ? wmem_strdup_printf(pool, "%s (0x%04x)", n, v) : wmem_strdup_printf(pool, "0x%04x", v);
}

/* A named group's name: GREASE (RFC 8701), the tutor's own (groups.def:
 * the same in every Wireshark), TLS's, or its number. */
static const char *group_name(unsigned v, wmem_allocator_t *pool)
{
    const tt_group *g = tt_group_find(v);
    const char *n;

    if (tt_is_grease(v))
        return "GREASE";
    if (g)
        return g->name;
    n = value_name(tls_group_hf, v);
    return n ? n : wmem_strdup_printf(pool, "0x%04x", v);
}

/* The key_share groups; with sizes, each entry's key_exchange length. */
static const char *join_groups(const tt_hello *h, bool sizes, wmem_allocator_t *pool, tt_lang lang)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(pool, "");

    for (unsigned i = 0; i < h->n_groups && i < TT_MAX_SMALL; i++) {
        if (i)
            wmem_strbuf_append(buf, ", ");
        wmem_strbuf_append(buf, group_name(h->groups[i], pool));
        if (sizes && i < h->n_share_lengths && h->share_lengths[i] == 1)
            wmem_strbuf_append(buf, tt_phrase(TT_PHRASE_CARRIES_SHARE_SIZE_ONE, lang));
        else if (sizes && i < h->n_share_lengths)
            wmem_strbuf_append_printf(buf, tt_phrase(TT_PHRASE_CARRIES_SHARE_SIZE, lang), h->share_lengths[i]);
    }
    return wmem_strbuf_get_str(buf);
}

static const char *hex(const uint8_t *p, unsigned n, wmem_allocator_t *pool)
{
    wmem_strbuf_t *buf = wmem_strbuf_new(pool, "");

    for (unsigned i = 0; i < n; i++)
        wmem_strbuf_append_printf(buf, "%02x", p[i]);
    return wmem_strbuf_get_str(buf);
}

static const char *utc_date(gint64 t, wmem_allocator_t *pool)
{
    GDateTime *dt = g_date_time_new_from_unix_utc(t);
    char *text;
    const char *out;

    if (!dt)
        return "?";
    text = g_date_time_format(dt, "%Y-%m-%d %H:%M:%S UTC");
    out = wmem_strdup(pool, text ? text : "?");
    g_free(text);
    g_date_time_unref(dt);
    return out;
}

/* The catalogue holds the format strings; tests/catalog_check.c checks that
 * both languages take the same arguments in the same order. */
static gboolean lines_wanted;  /* tlstutor.carries is looked at: set per item */

/* A carries line; its text is made only when someone looks at them. */
#define LINE(text) do { \
        if (lines_wanted) \
            parts_add_text(tree, hf_carries, TT_PHRASE_LABEL_CARRIES, TT_SPLIT_LIST, tvb, start, length, \
                           (text), lang); \
    } while (0)
#define P(id) tt_phrase(TT_PHRASE_##id, lang)
#define FMT(...) wmem_strdup_printf(pool, __VA_ARGS__)

/* How far gmt_unix_time may be from the capture's time and still be the
 * sender's clock: clocks are off by minutes, and a random value falls
 * within a day of it once in about 25,000. */
#define CLOCK_SLACK (24 * 60 * 60)

/* A random's two parts as RFC 5246 7.4.1.2 names them: gmt_unix_time, the
 * first 4 bytes, read as a time and set against the capture's; random_bytes,
 * the other 28, quoted by their first 8. TLS 1.3 (RFC 8446 4.1.2) and most
 * stacks today fill all 32 at random, which the capture's own time shows. */
static const char *random_line(tt_phrase_id row, const tt_hello *h, packet_info *pinfo, tt_lang lang)
{
    wmem_allocator_t *pool = pinfo->pool;
    gint64 t = (gint64)(((guint32)h->random[0] << 24) | ((guint32)h->random[1] << 16) |
                        ((guint32)h->random[2] << 8) | h->random[3]);
    gint64 off = t - (gint64)pinfo->abs_ts.secs;

    return FMT(tt_phrase(row, lang), hex(h->random, 4, pool), utc_date(t, pool),
               off >= -CLOCK_SLACK && off <= CLOCK_SLACK ? P(RANDOM_TIME_CLOCK) : P(RANDOM_TIME_RANDOM),
               hex(h->random + 4, 8, pool));
}

/* A post-quantum hybrid's key share in its parts, in the draft's order:
 * the client's is the KEM's encapsulation key and the ECDH value, the
 * server's the KEM's ciphertext and the ECDH value; *first and *second
 * get them in wire order. */
static void pq_parts(const tt_group *g, bool server, const char **first, const char **second,
                     wmem_allocator_t *pool, tt_lang lang)
{
    const char *kem = server ? FMT(P(CARRIES_PQ_PART_CIPHERTEXT), g->kem, g->kem_ciphertext)
                             : FMT(P(CARRIES_PQ_PART_KEY), g->kem, g->kem_key);
    const char *ecdh = FMT(P(CARRIES_PQ_PART_ECDH), g->ecdh, g->ecdh_len);

    *first = g->ecdh_first ? ecdh : kem;
    *second = g->ecdh_first ? kem : ecdh;
}

/* The first post-quantum hybrid of a hello's key shares, once per message:
 * what it is, its size here; in a ServerHello, that the server chose it. */
static const char *pq_line(const tt_hello *h, bool server, wmem_allocator_t *pool, tt_lang lang)
{
    for (unsigned i = 0; i < h->n_groups && i < TT_MAX_SMALL && i < h->n_share_lengths; i++) {
        const tt_group *g = tt_group_find(h->groups[i]);
        unsigned len = h->share_lengths[i], want;
        const char *first, *second, *code;

        if (!g)
            continue;
        want = tt_group_share_len(g, server);
        code = FMT("0x%04x", g->code);
        if (len != want)
            return FMT(P(CARRIES_PQ_SHARE_ODD), g->name, code, g->ref, g->ecdh, g->kem, len, want);
        pq_parts(g, server, &first, &second, pool, lang);
        return server ? FMT(P(CARRIES_PQ_CHOSEN), g->name, code, g->ref, len, first, second, g->kem, g->ecdh)
                      : FMT(P(CARRIES_PQ_SHARE), g->name, code, g->ref, len, first, second, g->kem);
    }
    return NULL;
}

/* RFC 8879 3. */
static const char *cert_comp_name(unsigned v, wmem_allocator_t *pool)
{
    switch (v) {
    case 1: return "zlib (1)";
    case 2: return "brotli (2)";
    case 3: return "zstd (3)";
    default: return wmem_strdup_printf(pool, "%u", v);
    }
}

static void client_hello(const tt_hello *h, bool in_record, tvbuff_t *tvb, int start, int length,
                         packet_info *pinfo, proto_tree *tree, tt_lang lang)
{
    wmem_allocator_t *pool = pinfo->pool;
    wmem_strbuf_t *first = wmem_strbuf_new(pool, "");
    unsigned shown = 0;
    const char *pq;

    if (h->n_versions) {
        wmem_strbuf_t *v = wmem_strbuf_new(pool, "");
        for (unsigned i = 0; i < h->n_versions && i < TT_MAX_SMALL; i++) {
            const char *n = tt_version_name(h->versions[i]);
            if (!n)
                continue;   /* GREASE and unknown values */
            wmem_strbuf_append_printf(v, "%s%s", wmem_strbuf_get_len(v) ? ", " : "", n);
        }
        LINE(FMT(P(CARRIES_VERSIONS_SV), wmem_strbuf_get_str(v),
                                           version_text(h->legacy_version, pool)));
    } else {
        LINE(FMT(P(CARRIES_VERSION_LEGACY), version_text(h->legacy_version, pool)));
    }
    if (h->has_random)
        LINE(random_line(TT_PHRASE_CARRIES_CLIENT_RANDOM, h, pinfo, lang));
    LINE(h->session_id_len ? FMT(P(CARRIES_SESSION_ID_CH), h->session_id_len)
                                                     : P(CARRIES_SESSION_ID_EMPTY));
    /* The first three real suites: GREASE values are counted, not named. */
    for (unsigned i = 0; i < h->n_suites && shown < 3 && i < TT_MAX_SUITES; i++)
        if (!tt_is_grease(h->suites[i]))
            wmem_strbuf_append_printf(first, "%s%s", shown++ ? ", " : "", carries_suite_name(h->suites[i], pool));
    LINE(h->grease_suites ? FMT(P(CARRIES_SUITES_GREASE), h->n_suites, h->grease_suites,
                                h->n_suites - h->grease_suites, wmem_strbuf_get_str(first))
                          : FMT(P(CARRIES_SUITES), h->n_suites, wmem_strbuf_get_str(first)));
    LINE(FMT(P(CARRIES_COMPRESSION), h->n_comp, h->comp));
    if (h->sni)
        LINE(FMT(P(CARRIES_SNI), h->sni));
    if (h->ech)
        LINE(P(CARRIES_ECH));
    if (h->alpn)
        LINE(FMT(P(CARRIES_ALPN), h->alpn));
    if (h->n_groups)
        LINE(FMT(P(CARRIES_GROUPS), join_groups(h, true, pool, lang)));
    if ((pq = pq_line(h, false, pool, lang)) != NULL)
        LINE(pq);
    if (h->n_cert_comp) {
        wmem_strbuf_t *algs = wmem_strbuf_new(pool, "");
        for (unsigned i = 0; i < h->n_cert_comp && i < G_N_ELEMENTS(h->cert_comp); i++)
            wmem_strbuf_append_printf(algs, "%s%s", i ? ", " : "", cert_comp_name(h->cert_comp[i], pool));
        LINE(FMT(P(CARRIES_CERT_COMP_OFFERED), wmem_strbuf_get_str(algs)));
    }
    /* DTLS (RFC 6347 4.2.1): empty until a HelloVerifyRequest asks. */
    if (h->has_cookie)
        LINE(h->cookie_len ? FMT(P(CARRIES_COOKIE), h->cookie_len) : P(CARRIES_COOKIE_EMPTY));
    if (h->grease_suites || h->grease_extensions || h->grease_shares || h->grease_groups ||
        h->grease_versions || h->grease_sig_algs || h->grease_alpn)
        LINE(FMT(P(CARRIES_GREASE), h->grease_suites, h->grease_extensions, h->grease_groups,
                 h->grease_shares, h->grease_versions, h->grease_sig_algs, h->grease_alpn));
    if (in_record)   /* QUIC has no records: NOTE_QUIC_INITIAL says what carries it */
        LINE(P(CARRIES_RECORD_LAYER));

    parts_add_uint(tree, hf_suites_offered, TT_PHRASE_LABEL_SUITES_OFFERED, tvb, start, length, h->n_suites, lang);
    if (h->grease_suites)
        parts_add_uint(tree, hf_suites_grease, TT_PHRASE_LABEL_SUITES_GREASE, tvb, start, length,
                       h->grease_suites, lang);
    if (h->sni)
        parts_add_string(tree, hf_sni, TT_PHRASE_LABEL_SNI, tvb, start, length, h->sni, NULL, lang);
}

/* What a TLS 1.2 suite's key exchange means for a later eavesdropper: who
 * holds the long-term secret (RFC 5246 F.1.1.2; RFC 4279 2, 4), or that a
 * man in the middle needs none (anonymous, RFC 5246 F.1.1.1). */
static const char *secrecy_of(const tt_suite *s, tt_lang lang)
{
    switch (tt_suite_kx(s)) {
    case TT_KX_DHE_SIGNED:
    case TT_KX_DHE_PSK: return P(FORWARD_SECRECY);
    case TT_KX_RSA:
    case TT_KX_STATIC_DH: return P(NO_FORWARD_SECRECY);
    case TT_KX_PSK: return P(NO_FORWARD_SECRECY_PSK);
    case TT_KX_RSA_PSK: return P(NO_FORWARD_SECRECY_RSA_PSK);
    case TT_KX_ANON: return P(NOT_AUTHENTICATED);
    default: return s->forward_secret ? P(FORWARD_SECRECY) : P(KX_NOT_TAKEN_APART);
    }
}

/* "ECDHE" for an elliptic curve group, "DHE" for a finite field one,
 * "ECDHE+ML-KEM-768" for a post-quantum hybrid. */
static const char *kx_of_group(const tt_hello *h, wmem_allocator_t *pool)
{
    const char *n = h->n_groups ? value_name(tls_group_hf, h->groups[0]) : NULL;
    const tt_group *g = h->n_groups ? tt_group_find(h->groups[0]) : NULL;

    if (g)
        return wmem_strdup_printf(pool, "ECDHE+%s", g->kem);

    if (!n)
        return h->n_groups ? wmem_strdup_printf(pool, "0x%04x", h->groups[0]) : "?";
    return g_str_has_prefix(n, "ffdhe") ? "DHE" : "ECDHE";
}

static void hello_retry_request(const tt_hello *h, tvbuff_t *tvb, int start, int length,
                                wmem_allocator_t *pool, proto_tree *tree, tt_lang lang)
{
    /* RFC 9849 7.2.1: a server that accepts ECH confirms it in its
     * HelloRetryRequest's encrypted_client_hello. */
    if (h->n_versions)
        LINE(FMT(P(CARRIES_VERSION_CHOSEN), version_text(h->versions[0], pool)));
    LINE(P(CARRIES_HRR_RANDOM));
    if (h->n_suites)
        LINE(FMT(P(CARRIES_SUITE_CHOSEN_ALONE), carries_suite_name(h->suites[0], pool)));
    if (h->n_groups)
        LINE(FMT(P(CARRIES_HRR_GROUP), join_groups(h, false, pool, lang)));
    if (h->ech)
        LINE(P(CARRIES_ECH_HRR));
}

static void server_hello(const tt_item *it, const tt_hello *h, tvbuff_t *tvb, int start, int length,
                         packet_info *pinfo, proto_tree *tree, proto_item *mi, tt_lang lang)
{
    wmem_allocator_t *pool = pinfo->pool;
    const char *name;
    tt_suite s;
    bool parsed;
    guint chosen = it->a.version ? it->a.version : h->legacy_version;

    LINE(FMT(P(CARRIES_VERSION_CHOSEN), version_text(chosen, pool)));
    /* TLS 1.3's random has no time field (RFC 8446 4.1.3). */
    if (h->has_random && tt_tls_version(chosen) == TT_TLS13)
        LINE(FMT(P(CARRIES_SERVER_RANDOM_13), hex(h->random, 8, pool)));
    else if (h->has_random)
        LINE(random_line(TT_PHRASE_CARRIES_SERVER_RANDOM, h, pinfo, lang));
    if (!h->session_id_len)
        LINE(P(CARRIES_SESSION_ID_EMPTY));
    else
        LINE(FMT(it->a.echoes_session_id ? P(CARRIES_SESSION_ID_ECHO) : P(CARRIES_SESSION_ID_NEW),
                                           h->session_id_len));
    if (!h->n_suites)
        return;
    name = carries_suite_name(h->suites[0], pool);
    LINE(it->a.suite_position
         ? FMT(P(CARRIES_SUITE_CHOSEN), name, it->a.suite_position, it->a.client_suites)
         : FMT(P(CARRIES_SUITE_CHOSEN_ALONE), name));
    parsed = tt_suite_parse(name, &s);
    if (parsed && s.tls13) {
        const char *kx = kx_of_group(h, pool);
        const char *group = h->n_groups ? join_groups(h, false, pool, lang) : "?";
        bool psk = it->a.flow == TT_FLOW_13_PSK;
        LINE(FMT(P(CARRIES_SUITE_PARTS_13), name, s.cipher, s.hash,
                                           FMT("%s %s", kx, group), psk ? P(AUTH_PSK) : P(AUTH_CERTIFICATE)));
        g_strlcpy(s.kx, kx, sizeof s.kx);
        g_strlcpy(s.auth, psk ? "PSK" : "certificate", sizeof s.auth);
    } else if (parsed) {
        LINE(FMT(P(CARRIES_SUITE_PARTS_12), name, s.kx, secrecy_of(&s, lang),
                                           s.auth, s.cipher, s.hash[0] ? s.hash : "-"));
    }
    if (parsed && s.tls13) {
        const char *pq = pq_line(h, true, pool, lang);
        if (pq)
            LINE(pq);
    }
    LINE(FMT(P(CARRIES_COMPRESSION_CHOSEN), h->comp));

    parts_add_string(tree, hf_suite, TT_PHRASE_LABEL_SUITE, tvb, start, length, name, NULL, lang);
    if (!parsed)
        return;
    parts_add_string(tree, hf_kx, TT_PHRASE_LABEL_KX, tvb, start, length, s.kx, NULL, lang);
    parts_add_string(tree, hf_auth, TT_PHRASE_LABEL_AUTH, tvb, start, length, s.auth, NULL, lang);
    parts_add_string(tree, hf_cipher, TT_PHRASE_LABEL_CIPHER, tvb, start, length, s.cipher, NULL, lang);
    if (s.hash[0])
        parts_add_string(tree, hf_hash, TT_PHRASE_LABEL_HASH, tvb, start, length, s.hash, NULL, lang);
    if (!s.tls13 && !s.forward_secret && strcmp(s.kx, "RSA") == 0)
        expert_add_info_format(pinfo, mi, &ei_no_fs, "%s", P(EXPERT_NO_FORWARD_SECRECY));
    if (s.weak)
        expert_add_info_format(pinfo, mi, &ei_weak, P(EXPERT_WEAK_SUITE), name);
}


static const char *or_unknown(const char *s)
{
    return s ? s : "?";
}

/* A subject or issuer for the fields and expert infos: the name alone. */
static const char *name_text(const tt_name *n)
{
    return n->kind == TT_NAME_EMPTY ? "" : or_unknown(n->text);
}

/* The same for a carries line, saying what the name is when not a common
 * name: "?" only when the tutor could not read it. */
static const char *name_line(const tt_name *n, wmem_allocator_t *pool, tt_lang lang)
{
    switch (n->kind) {
    case TT_NAME_O:
        return FMT("%s%s", n->text, P(CERT_NAME_O));
    case TT_NAME_DN:
        return FMT("%s%s", n->text, P(CERT_NAME_DN));
    case TT_NAME_EMPTY:
        return P(CERT_NAME_EMPTY);
    default:
        return or_unknown(n->text);
    }
}

/* Self-signed: the whole names are the same (a CA may share a common name
 * with another). */
static bool self_signed(const tt_cert *c)
{
    return c->subject.dn && c->issuer.dn && *c->subject.dn && strcmp(c->subject.dn, c->issuer.dn) == 0;
}

static void certificates(const tt_item *it, const tt_certs *cs, tvbuff_t *tvb, int start, int length,
                         packet_info *pinfo, proto_tree *tree, proto_item *mi, tt_lang lang)
{
    wmem_allocator_t *pool = pinfo->pool;
    gint64 now = (gint64)pinfo->abs_ts.secs;

    LINE(FMT(P(CARRIES_CERT_COUNT), cs->n));
    for (unsigned i = 0; i < cs->n && i < TT_MAX_CERTS; i++) {
        const tt_cert *c = &cs->certs[i];
        const char *who = name_text(&c->subject);
        bool self = self_signed(c);

        LINE(self ? FMT(P(CARRIES_CERT_SELF_SIGNED), i + 1, name_line(&c->subject, pool, lang))
                  : FMT(P(CARRIES_CERT), i + 1, name_line(&c->subject, pool, lang),
                        name_line(&c->issuer, pool, lang)));
        if (i == 0 && c->sans)
            LINE(FMT(P(CARRIES_CERT_SANS), c->sans));
        if (c->has_validity) {
            bool expired = now > c->not_after, early = now < c->not_before;
            LINE(FMT(P(CARRIES_CERT_VALIDITY), i + 1, utc_date(c->not_before, pool),
                                               utc_date(c->not_after, pool),
                                               expired ? P(EXPIRED) : early ? P(NOT_YET_VALID) : P(VALID)));
            if (expired)
                expert_add_info_format(pinfo, mi, &ei_expired, P(EXPERT_CERT_EXPIRED), who);
            else if (early)
                expert_add_info_format(pinfo, mi, &ei_not_yet_valid, P(EXPERT_CERT_NOT_YET_VALID), who);
        }
        if (c->key_bits)
            LINE(FMT(P(CARRIES_CERT_KEY), i + 1, or_unknown(c->key_alg), c->key_bits,
                                               or_unknown(c->sig_alg)));
        else
            LINE(FMT(P(CARRIES_CERT_KEY_NOSIZE), i + 1, or_unknown(c->key_alg),
                                               or_unknown(c->sig_alg)));
        /* A root's signature on itself is not checked; the others' are. */
        if (c->weak_sig && !self)
            expert_add_info_format(pinfo, mi, &ei_weak_signature, P(EXPERT_WEAK_SIGNATURE),
                                   or_unknown(c->sig_alg), who);
        if (i == 0 && self)
            expert_add_info_format(pinfo, mi, &ei_self_signed, P(EXPERT_SELF_SIGNED), who);
    }
    if (!it->a.from_client)
        LINE(P(CARRIES_CERT_CHECK));
    parts_add_uint(tree, hf_cert_count, TT_PHRASE_LABEL_CERT_COUNT, tvb, start, length, cs->n, lang);
    for (unsigned i = 0; i < cs->n && i < TT_MAX_CERTS; i++) {
        parts_add_string(tree, hf_cert_subject, TT_PHRASE_LABEL_CERT_SUBJECT, tvb, start, length,
                         name_text(&cs->certs[i].subject), NULL, lang);
        parts_add_string(tree, hf_cert_issuer, TT_PHRASE_LABEL_CERT_ISSUER, tvb, start, length,
                         name_text(&cs->certs[i].issuer), NULL, lang);
    }
}


/* TLS SignatureScheme names (RFC 8446 4.2.3); TLS's own field shows them
 * through a custom function, not a table the tutor can reach. */
static const value_string sig_schemes[] = {
    { 0x0201, "rsa_pkcs1_sha1" }, { 0x0203, "ecdsa_sha1" },
    { 0x0401, "rsa_pkcs1_sha256" }, { 0x0501, "rsa_pkcs1_sha384" }, { 0x0601, "rsa_pkcs1_sha512" },
    { 0x0403, "ecdsa_secp256r1_sha256" }, { 0x0503, "ecdsa_secp384r1_sha384" },
    { 0x0603, "ecdsa_secp521r1_sha512" },
    { 0x0804, "rsa_pss_rsae_sha256" }, { 0x0805, "rsa_pss_rsae_sha384" }, { 0x0806, "rsa_pss_rsae_sha512" },
    { 0x0807, "ed25519" }, { 0x0808, "ed448" },
    { 0x0809, "rsa_pss_pss_sha256" }, { 0x080a, "rsa_pss_pss_sha384" }, { 0x080b, "rsa_pss_pss_sha512" },
    { 0, NULL }
};

static const char *named(int hf, guint32 v, wmem_allocator_t *pool)
{
    const char *n = value_name(hf, v);

    if (!n && hf == tls_sig_alg_hf)
        n = try_val_to_str(v, sig_schemes);
    return n ? wmem_strdup_printf(pool, "%s (0x%04x)", n, v) : wmem_strdup_printf(pool, "0x%04x", v);
}

/* ServerKeyExchange, CertificateRequest, ClientKeyExchange, CertificateVerify, Finished. */
static void other_messages(const tt_item *it, const tt_msgvals *v, tvbuff_t *tvb, int start, int length,
                           wmem_allocator_t *pool, proto_tree *tree, tt_lang lang)
{
    const char *sig = v->has_sig_alg ? named(tls_sig_alg_hf, v->sig_alg, pool) : "?";

    switch (it->a.msg) {
    case TT_MSG_SERVER_KEY_EXCHANGE:
        /* Signed only with a certificate's key (RFC 5246 7.4.3); anonymous
         * and PSK suites send their values unsigned (RFC 8422 5.4, RFC 4279
         * 3, RFC 5489 2). Other suites: the values are not explained. */
        if (it->a.text == TT_TEXT_SERVER_KEY_EXCHANGE) {
            if (v->has_curve)
                LINE(FMT(P(CARRIES_SKE_EC), named(tls_group_hf, v->curve, pool), sig));
            else if (v->p_len)
                LINE(FMT(P(CARRIES_SKE_DH), v->p_len * 8, sig));
        } else if (it->a.text == TT_TEXT_SERVER_KEY_EXCHANGE_ANON ||
                   it->a.text == TT_TEXT_SERVER_KEY_EXCHANGE_DHE_PSK) {
            if (v->has_curve)
                LINE(FMT(P(CARRIES_SKE_EC_UNSIGNED), named(tls_group_hf, v->curve, pool)));
            else if (v->p_len)
                LINE(FMT(P(CARRIES_SKE_DH_UNSIGNED), v->p_len * 8));
        }
        break;
    case TT_MSG_CERTIFICATE_REQUEST:
        LINE(FMT(P(CARRIES_CR), v->n_cert_types, v->n_sig_algs, v->n_dnames));
        break;
    case TT_MSG_CLIENT_KEY_EXCHANGE:
        if (v->has_epms)
            LINE(FMT(P(CARRIES_CKE_RSA), v->epms_len));
        else if (v->has_pub)
            LINE(FMT(P(CARRIES_CKE_DH), v->pub_len));
        /* SSL 3.0 has no PRF: its master secret mixes MD5 and SHA-1 (RFC 6101 6.1). */
        if (it->a.version != TT_SSL30)
            LINE(it->a.ems ? P(CARRIES_MASTER_SECRET_EMS) : P(CARRIES_MASTER_SECRET));
        break;
    case TT_MSG_CERTIFICATE_VERIFY:
        if (v->has_sig_alg)
            LINE(FMT(P(CARRIES_SIG_ALG), sig));
        break;
    case TT_MSG_FINISHED:
        if (v->has_verify)
            LINE(FMT(P(CARRIES_VERIFY_DATA), v->verify_len));
        break;
    case TT_MSG_ENCRYPTED_EXTENSIONS:
        /* RFC 9849 7.1: retry_configs, from a server that did not accept ECH. */
        if (v->ech)
            LINE(P(CARRIES_ECH_RETRY));
        break;
    case TT_MSG_QUIC_CONNECTION_CLOSE: {
        /* RFC 9000 19.19, 20.1; RFC 9001 4.8: 0x100 + a TLS alert. */
        const char *code = FMT("0x%" PRIx64, v->close_code);
        if (!v->has_close)
            break;
        if (v->close_app)
            LINE(FMT(P(CARRIES_QUIC_CLOSE_APP), code));
        else if (v->close_code == 0)
            LINE(P(CARRIES_QUIC_CLOSE_NO_ERROR));
        else if (v->close_code >= 0x100 && v->close_code <= 0x1ff)
            LINE(FMT(P(CARRIES_QUIC_CLOSE_ALERT), code, (unsigned)(v->close_code - 0x100),
                     tt_alert_name((int)(v->close_code - 0x100)) ? tt_alert_name((int)(v->close_code - 0x100))
                                                                 : "?"));
        else
            LINE(FMT(P(CARRIES_QUIC_CLOSE_ERROR), code));
        break;
    }
    case TT_MSG_HELLO_VERIFY_REQUEST:
        if (v->has_cookie && v->cookie_len && it->a.text == TT_TEXT_HELLO_VERIFY_REQUEST)
            LINE(FMT(P(CARRIES_HVR_COOKIE), v->cookie_len));
        break;
    case TT_MSG_COMPRESSED_CERTIFICATE:
        if (v->has_cert_comp)
            LINE(FMT(P(CARRIES_CERT_COMPRESSED), cert_comp_name(v->cert_comp_alg, pool),
                     v->uncompressed_len, v->compressed_len));
        break;
    default:
        break;
    }
}

/* The message is one byte, its record six, in DTLS fourteen (RFC 5246
 * 6.2.1, 7.1; RFC 6347 4.1): the sizes and the value as this record has
 * them. */
static void change_cipher_spec(const tt_record *r, tvbuff_t *tvb, int start, int length,
                               wmem_allocator_t *pool, proto_tree *tree, tt_lang lang)
{
    if (r->length == 1 && r->has_value)
        LINE(FMT(P(CARRIES_CCS_RECORD), r->content_type, r->value, r->header, r->header + r->length));
    else
        LINE(FMT(P(CARRIES_CCS_RECORD_ODD), r->content_type, r->length, r->header, r->header + r->length));
}

void carries_render(const tt_item *it, const tt_values *values, tvbuff_t *tvb, int start, int length,
                    packet_info *pinfo, proto_tree *tree, proto_item *mi, tt_lang lang)
{
    wmem_allocator_t *pool = pinfo->pool;

    if (!values || it->a.retransmission)
        return;  /* not read on this pass (no tree), or told at the first copy */
    lines_wanted = tree && proto_field_is_referenced(tree, hf_carries);
    if (values->captured < values->whole) {
        LINE(FMT(P(CARRIES_CUT), values->captured, values->whole));
        return;
    }
    if (values->record && it->a.msg == TT_MSG_CHANGE_CIPHER_SPEC)
        change_cipher_spec(values->record, tvb, start, length, pinfo->pool, tree, lang);
    if (values->vals)
        other_messages(it, values->vals, tvb, start, length, pinfo->pool, tree, lang);
    if (values->certs && it->a.msg == TT_MSG_CERTIFICATE)
        certificates(it, values->certs, tvb, start, length, pinfo, tree, mi, lang);
    if (it->a.msg == TT_MSG_COMPRESSED_CERTIFICATE && it->a.text != TT_TEXT_OTHER) {
        /* Certificates where this Wireshark decompresses them. */
        if (values->certs && values->certs->n)
            certificates(it, values->certs, tvb, start, length, pinfo, tree, mi, lang);
        else if (lines_wanted)
            LINE(P(CARRIES_CERT_COMPRESSED_UNREAD));
    }
    if (!values->hello)
        return;
    if (it->a.msg == TT_MSG_CLIENT_HELLO)
        client_hello(values->hello, it->a.transport != TT_TRANSPORT_QUIC, tvb, start, length, pinfo, tree, lang);
    else if (it->a.msg == TT_MSG_SERVER_HELLO)
        server_hello(it, values->hello, tvb, start, length, pinfo, tree, mi, lang);
    else if (it->a.msg == TT_MSG_HELLO_RETRY_REQUEST)
        hello_retry_request(values->hello, tvb, start, length, pinfo->pool, tree, lang);
}

/* Expert infos looked at as a whole: Analyze > Expert Information and
 * -z expert (a tap), or a filter on _ws.expert. */
gboolean carries_expert_wanted(proto_tree *tree)
{
    /* Registered after the handoffs (expert_packet_init). */
    if (expert_tap <= 0)
        expert_tap = find_tap_id("expert");
    if (proto_ws_expert <= 0)
        proto_ws_expert = proto_get_id_by_filter_name("_ws.expert");
    return (expert_tap > 0 && have_tap_listener(expert_tap)) ||
           (proto_ws_expert > 0 && proto_field_is_referenced(tree, proto_ws_expert));
}

gboolean carries_values_wanted(proto_tree *tree)
{
    static const int *const fields[] = { &hf_carries, &hf_sni, &hf_cert_count, &hf_cert_subject,
                                         &hf_cert_issuer, &ei_expired.hf, &ei_not_yet_valid.hf,
                                         &ei_self_signed.hf, &ei_weak_signature.hf };

    if (!tree)
        return FALSE;
    if (PTREE_DATA(tree)->visible || parts_wanted(tree))
        return TRUE;
    for (size_t i = 0; i < G_N_ELEMENTS(fields); i++)
        if (*fields[i] > 0 && proto_field_is_referenced(tree, *fields[i]))
            return TRUE;
    return carries_expert_wanted(tree);
}
