/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every text of the catalogue (texts, phrases, alerts), in both languages,
 * on the tree line that shows it ("Label: text", the label in that language),
 * cut into pieces as parts.c cuts it (split.c), with its format arguments
 * filled with the longest values the bundled captures give. Fails when a
 * piece does not fit, when a text that is never cut does not fit its line,
 * when a piece ends inside a word (inside_word below), or when a phrase is
 * on no line of this check. Exits non-zero and says which text is wrong. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "catalog.h"
#include "split.h"

/* ---- Where a cut is inside a word: the specification split.c is held to. */

static uint32_t decode(const char *s, size_t *n)
{
    const unsigned char *u = (const unsigned char *)s;

    if ((u[0] & 0xF0) == 0xE0 && u[1] && u[2]) {
        *n = 3;
        return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    }
    if ((u[0] & 0xE0) == 0xC0 && u[1]) {
        *n = 2;
        return (uint32_t)(u[0] & 0x1F) << 6 | (u[1] & 0x3F);
    }
    *n = 1;
    return u[0];
}

/* The character that ends just before text + at. */
static uint32_t char_before(const char *text, size_t at)
{
    size_t start = at - 1, n;

    while (start > 0 && ((unsigned char)text[start] & 0xC0) == 0x80)
        start--;
    return decode(text + start, &n);
}

static bool one_of(uint32_t c, const uint32_t *set)
{
    for (; *set; set++)
        if (c == *set)
            return true;
    return false;
}

static const uint32_t closers[] = { ')', ']', '}', '.', ',', ';', ':', '!', '?', 0x3001 /* 、 */,
    0x3002 /* 。 */, 0x300D /* 」 */, 0x300F /* 』 */, 0x3011 /* 】 */, 0xFF09 /* ） */,
    0xFF0C /* ， */, 0xFF0E /* ． */, 0xFF1A /* ： */, 0xFF1B /* ； */, 0xFF01 /* ！ */,
    0xFF1F /* ？ */, 0xFF3D /* ］ */, 0 };
static const uint32_t openers[] = { '(', '[', '{', 0x300C /* 「 */, 0x300E /* 『 */,
    0x3010 /* 【 */, 0xFF08 /* （ */, 0xFF3B /* ［ */, 0 };

typedef enum { LATIN, KANJI, KATAKANA, HIRAGANA, OTHER } script;

static script script_of(uint32_t c)
{
    if (c < 0x80)
        return LATIN;
    if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3005 /* 々 */)
        return KANJI;
    if ((c >= 0x30A1 && c <= 0x30FA) || c == 0x30FC /* ー */)
        return KATAKANA;
    if (c >= 0x3041 && c <= 0x3096)
        return HIRAGANA;
    return OTHER;
}

/* Whether a cut at text + at, between the characters a (before) and b
 * (after), falls inside a word.
 * In every language a cut is wrong where the next piece would start with
 * closing punctuation (b, or the first character after spaces, one of
 * ) ] . , ; : ! ? 、 。 」 ） ...) or the piece end with an opening bracket.
 * English (a and b both ASCII): a piece ends at a space; any other cut is
 * inside a word ("session k" / "eys.").
 * Japanese (a or b not ASCII) has no spaces between words. A cut is inside a
 * word unless:
 *   - a or b is a space;
 *   - a is closing punctuation (、 。 」 ） ...; an ASCII ')' not before
 *     hiragana: "(CA)|の" starts a piece with the particle of "(CA)");
 *   - b is an opening bracket;
 *   - a and b are of different scripts (kanji, katakana, hiragana, Latin,
 *     other) and b is not hiragana: a hiragana after another script is the
 *     okurigana or the particle of the word before ("導|きます",
 *     "シークレット|を"); two kanji or two katakana are one word;
 *   - a is the particle を, which is never part of a word.
 */
static bool inside_word(const char *text, size_t at)
{
    uint32_t a = char_before(text, at), b, next;
    size_t n, skip = at;

    while (text[skip] == ' ')
        skip++;
    next = decode(text + skip, &n);
    b = decode(text + at, &n);
    if (one_of(next, closers) || one_of(a, openers))
        return true;
    if (a == ' ' || b == ' ')
        return false;
    if (a < 0x80 && b < 0x80)
        return true;
    if (one_of(a, closers))
        return a < 0x80 && script_of(b) == HIRAGANA;
    if (one_of(b, openers))
        return false;
    if (a == 0x3092 /* を */)
        return false;
    return script_of(a) == script_of(b) || script_of(b) == HIRAGANA;
}

/* ---- The lines. */

static const char *const phrase_names[] = {
#define PHRASE(id, en, ja) #id,
#include "texts.def"
};

static bool on_a_line[TT_PHRASE_COUNT];
static bool marking = true;  /* off while phrases are checked alone */
static int lines, pieces;

/* A phrase, marked as checked on a line of the tree. */
static const char *phrase(tt_phrase_id id, tt_lang lang)
{
    if (marking)
        on_a_line[id] = true;
    return tt_phrase(id, lang);
}

static const char *lang_name(tt_lang lang)
{
    return lang == TT_LANG_JA ? "ja" : "en";
}

/* Cuts the line "label: text" as parts.c does (label NULL: a piece line of
 * its own) and counts the faults. Lines that parts.c never cuts must fit. */
static int check_line(const char *what, tt_lang lang, const char *label, tt_split_kind kind,
                      bool may_cut, const char *text)
{
    size_t at = 0, len = strlen(text);
    int bad = 0;

    lines++;
    if (label ? !tt_split_needed(label, text) : len <= TT_PIECE_MAX)
        return 0;
    if (!may_cut) {
        printf("FAIL %s (%s): \"%s: %s\" is longer than a line shows\n", what, lang_name(lang),
               label ? label : "(a line of its own)", text);
        return 1;
    }
    for (bool first = true; at < len; first = false) {
        size_t max = first && label ? tt_split_first_max(label) : TT_PIECE_MAX;
        size_t n = tt_split_next(text + at, kind, max);
        pieces++;
        if (n == 0 || n > max) {
            printf("FAIL %s (%s): a piece of %zu bytes where %zu fit: \"%s\"\n", what,
                   lang_name(lang), n, max, text + at);
            return bad + 1;
        }
        at += n;
        if (at < len && inside_word(text, at)) {
            size_t from = at - (n < 60 ? n : 60), to = at + 30 < len ? at + 30 : len;
            while (((unsigned char)text[from] & 0xC0) == 0x80)
                from++;
            while (to < len && ((unsigned char)text[to] & 0xC0) == 0x80)
                to--;
            printf("FAIL %s (%s): piece ends inside a word: \"%.*s|%.*s\"\n", what, lang_name(lang),
                   (int)(at - from), text + from, (int)(to - at), text + at);
            bad++;
        }
    }
    return bad;
}

/* ---- Format arguments: the longest values of each kind that the bundled
 * captures give (tshark -V, with and without their keys, on every capture in
 * pcaps/ and pcaps/malformed/, December 2026). */
#define NAME "selfsigned.tutor.test"   /* SNI, subject, subjectAltName: tls12-self-signed */
#define ISSUER "tutor-long-int-2"      /* tls12-long-chain */
#define SUITE "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"  /* offered in tls12-gnutls */
#define FIRST_SUITES "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, " SUITE \
                     ", TLS_ECDHE_ECDSA_WITH_AES_256_CCM"       /* tls12-gnutls's first three */
#define SUITE_FS "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"        /* chosen in tls12-renegotiation */
#define SUITE_RSA "TLS_RSA_WITH_AES_128_GCM_SHA256"             /* tls12-rsa */
#define SUITE_3DES "TLS_RSA_WITH_3DES_EDE_CBC_SHA"              /* tls12-weak-3des */
#define SUITE_13 "TLS_CHACHA20_POLY1305_SHA256"                 /* offered in tls13 */
#define VERSIONS "TLS 1.3, TLS 1.2, TLS 1.1, TLS 1.0"           /* tls13-client-auth */
#define VERSION "TLS 1.2 (0x0303)"
#define RANDOM "0641cc63565c043d"
#define RANDOM4 "fe51fde6"                                      /* tls12-ecdhe-rsa */
#define ORG "Tutor Web Org"                                     /* tls12-cert-no-cn */
#define DN "id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP"  /* tls12-cert-no-cn */
#define GROUPS "x25519, secp384r1"                              /* tls13-gnutls-hrr */
#define GROUP "secp256r1 (0x0017)"                              /* tls12-client-cert */
#define SIG "rsa_pss_rsae_sha256 (0x0804)"                      /* tls12-dhe */
#define CERT_SIG "SHA-256 with RSA"
#define DATE "2026-11-27 02:21:28 UTC"
#define ALPN "h2, http/1.1"   /* tls13-chromium */
/* tls13-chromium, tls13-chromium-mlkem, tls13-cert-compressed */
#define FIRST_REAL "TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256"
#define PQ_KEY "the ML-KEM-1024 encapsulation key (1568 bytes)"  /* groups.def's longest */
#define PQ_CT "the ML-KEM-1024 ciphertext (1568 bytes)"
#define PQ_ECDH "the X25519 public key (32 bytes)"
#define PQ_REF "draft-tls-westerbaan-xyber768d00"

#define MAX_ARGS 8

typedef struct {
    const char *value;
    int phrase1;      /* 0: value; else the phrase of id phrase1 - 1, in the line's language,
                       * after the value if there is one */
} arg;
#define V(s) { s, 0 }
#define P(id) { NULL, TT_PHRASE_##id + 1 }
#define VP(s, id) { s, TT_PHRASE_##id + 1 }   /* a value and a phrase: "Tutor Web Org (organisation, O; ...)" */

static const struct {
    tt_phrase_id id;
    arg args[MAX_ARGS];
} formats[] = {
    { TT_PHRASE_CARRIES_VERSIONS_SV, { V(VERSIONS), V(VERSION) } },
    { TT_PHRASE_CARRIES_VERSION_LEGACY, { V(VERSION) } },
    { TT_PHRASE_CARRIES_CLIENT_RANDOM, { V(RANDOM4), V(DATE), P(RANDOM_TIME_RANDOM), V(RANDOM) } },
    { TT_PHRASE_CARRIES_SERVER_RANDOM, { V(RANDOM4), V(DATE), P(RANDOM_TIME_CLOCK), V(RANDOM) } },
    { TT_PHRASE_CARRIES_SERVER_RANDOM_13, { V(RANDOM) } },
    { TT_PHRASE_CARRIES_CCS_RECORD, { V("20"), V("1"), V("13"), V("14") } },
    { TT_PHRASE_CARRIES_CCS_RECORD_ODD, { V("20"), V("2"), V("13"), V("15") } },
    { TT_PHRASE_CARRIES_COOKIE, { V("255") } },
    { TT_PHRASE_CARRIES_QUIC_CLOSE_ALERT, { V("0x128"), V("40"), V("handshake_failure") } },
    { TT_PHRASE_CARRIES_QUIC_CLOSE_ERROR, { V("0x3fffffffffffffff") } },
    { TT_PHRASE_CARRIES_QUIC_CLOSE_APP, { V("0x3fffffffffffffff") } },
    { TT_PHRASE_CARRIES_HVR_COOKIE, { V("255") } },
    { TT_PHRASE_CARRIES_SESSION_ID_CH, { V("32") } },
    { TT_PHRASE_CARRIES_SESSION_ID_NEW, { V("32") } },
    { TT_PHRASE_CARRIES_SESSION_ID_ECHO, { V("32") } },
    { TT_PHRASE_CARRIES_SUITES, { V("31"), V(FIRST_SUITES) } },
    { TT_PHRASE_CARRIES_COMPRESSION, { V("1"), V("0") } },
    { TT_PHRASE_CARRIES_COMPRESSION_CHOSEN, { V("0") } },
    { TT_PHRASE_CARRIES_SNI, { V(NAME) } },
    { TT_PHRASE_CARRIES_ALPN, { V(ALPN) } },
    { TT_PHRASE_CARRIES_GROUPS, { V(GROUPS) } },
    { TT_PHRASE_CARRIES_VERSION_CHOSEN, { V(VERSION) } },
    { TT_PHRASE_CARRIES_SUITE_CHOSEN, { V(SUITE), V("28"), V("31") } },
    { TT_PHRASE_CARRIES_HRR_GROUP, { V(GROUPS) } },
    { TT_PHRASE_CARRIES_SUITE_CHOSEN_ALONE, { V(SUITE) } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V(SUITE_FS), V("ECDHE"), P(FORWARD_SECRECY), V("RSA"),
                                          V("AES-256-GCM"), V("SHA-384") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V(SUITE_RSA), V("RSA"), P(NO_FORWARD_SECRECY), V("RSA"),
                                          V("AES-128-GCM"), V("SHA-256") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V(SUITE_3DES), V("RSA"), P(NO_FORWARD_SECRECY), V("RSA"),
                                          V("3DES-EDE-CBC"), V("SHA-1") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V("TLS_PSK_WITH_AES_128_GCM_SHA256"), V("PSK"),   /* tls12-psk */
                                          P(NO_FORWARD_SECRECY_PSK), V("PSK"), V("AES-128-GCM"), V("SHA-256") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V("TLS_RSA_PSK_WITH_AES_256_GCM_SHA384"), V("RSA"),
                                          P(NO_FORWARD_SECRECY_RSA_PSK), V("PSK"), V("AES-256-GCM"), V("SHA-384") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V("TLS_DH_anon_WITH_AES_128_GCM_SHA256"), V("DH"), /* tls12-anon-dh */
                                          P(NOT_AUTHENTICATED), V("anonymous"), V("AES-128-GCM"), V("SHA-256") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_12, { V("TLS_SRP_SHA_RSA_WITH_AES_256_CBC_SHA"), V("SRP"),
                                          P(KX_NOT_TAKEN_APART), V("SHA_RSA"), V("AES-256-CBC"), V("SHA-1") } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_13, { V(SUITE_13), V("CHACHA20-POLY1305"), V("SHA-256"),
                                          V("ECDHE secp256r1"), P(AUTH_CERTIFICATE) } },
    { TT_PHRASE_CARRIES_SUITE_PARTS_13, { V(SUITE_13), V("CHACHA20-POLY1305"), V("SHA-256"),
                                          V("ECDHE secp256r1"), P(AUTH_PSK) } },
    { TT_PHRASE_CARRIES_SKE_EC, { V(GROUP), V(SIG) } },
    { TT_PHRASE_CARRIES_SKE_DH, { V("2048"), V(SIG) } },
    { TT_PHRASE_CARRIES_SKE_EC_UNSIGNED, { V("x25519 (0x001d)") } },      /* tls12-ecdhe-psk */
    { TT_PHRASE_CARRIES_SKE_DH_UNSIGNED, { V("1024") } },                 /* tls12-anon-dh */
    { TT_PHRASE_CARRIES_CR, { V("3"), V("20"), V("1") } },
    { TT_PHRASE_CARRIES_CKE_RSA, { V("256") } },
    { TT_PHRASE_CARRIES_CKE_DH, { V("256") } },
    { TT_PHRASE_CARRIES_SIG_ALG, { V(SIG) } },
    { TT_PHRASE_CARRIES_VERIFY_DATA, { V("48") } },
    { TT_PHRASE_CARRIES_CUT, { V("1448"), V("5012") } },  /* no bundled capture is cut */
    { TT_PHRASE_CARRIES_CERT_COUNT, { V("3") } },
    { TT_PHRASE_CARRIES_CERT, { V("3"), V(NAME), V(ISSUER) } },
    { TT_PHRASE_CARRIES_CERT, { V("1"), VP(ORG, CERT_NAME_O), VP(DN, CERT_NAME_DN) } },
    { TT_PHRASE_CARRIES_CERT, { V("1"), P(CERT_NAME_EMPTY), P(CERT_NAME_EMPTY) } },
    { TT_PHRASE_CARRIES_CERT_SELF_SIGNED, { V("1"), V(NAME) } },
    { TT_PHRASE_CARRIES_CERT_SANS, { V(NAME) } },
    { TT_PHRASE_CARRIES_CERT_VALIDITY, { V("3"), V(DATE), V(DATE), P(VALID) } },
    { TT_PHRASE_CARRIES_CERT_VALIDITY, { V("3"), V(DATE), V(DATE), P(EXPIRED) } },
    { TT_PHRASE_CARRIES_CERT_VALIDITY, { V("3"), V(DATE), V(DATE), P(NOT_YET_VALID) } },
    { TT_PHRASE_CARRIES_CERT_KEY, { V("3"), V("RSA"), V("4096"), V(CERT_SIG) } },
    { TT_PHRASE_CARRIES_CERT_KEY_NOSIZE, { V("3"), V("RSA"), V(CERT_SIG) } },
    { TT_PHRASE_EXPERT_WEAK_SUITE, { V(SUITE_3DES) } },
    { TT_PHRASE_EXPERT_CERT_EXPIRED, { V(NAME) } },
    { TT_PHRASE_EXPERT_CERT_NOT_YET_VALID, { V(NAME) } },
    { TT_PHRASE_EXPERT_SELF_SIGNED, { V(NAME) } },
    { TT_PHRASE_EXPERT_WEAK_SIGNATURE, { V("SHA-1 with RSA"), V(NAME) } },
    { TT_PHRASE_CARRIES_SUITES_GREASE, { V("16"), V("1"), V("15"), V(FIRST_REAL) } },
    { TT_PHRASE_CARRIES_GREASE, { V("1"), V("2"), V("1"), V("1"), V("1"), V("1"), V("0") } },
    { TT_PHRASE_CARRIES_SHARE_SIZE, { V("1216") } },
    { TT_PHRASE_CARRIES_PQ_PART_KEY, { V("ML-KEM-1024"), V("1568") } },
    { TT_PHRASE_CARRIES_PQ_PART_CIPHERTEXT, { V("ML-KEM-1024"), V("1568") } },
    { TT_PHRASE_CARRIES_PQ_PART_ECDH, { V("X25519"), V("32") } },
    { TT_PHRASE_CARRIES_PQ_SHARE, { V("SecP384r1MLKEM1024"), V("0x11ed"), V(PQ_REF), V("1665"), V(PQ_ECDH),
                                    V(PQ_KEY), V("ML-KEM-1024") } },
    { TT_PHRASE_CARRIES_PQ_CHOSEN, { V("SecP384r1MLKEM1024"), V("0x11ed"), V(PQ_REF), V("1665"), V(PQ_ECDH),
                                     V(PQ_CT), V("ML-KEM-1024"), V("X25519") } },
    { TT_PHRASE_CARRIES_PQ_SHARE_ODD, { V("X25519Kyber768Draft00"), V("0x6399"), V(PQ_REF), V("X25519"),
                                        V("ML-KEM-1024"), V("1665"), V("1665") } },
    { TT_PHRASE_CARRIES_CERT_COMP_OFFERED, { V("zlib (1), brotli (2), zstd (3)") } },
    { TT_PHRASE_CARRIES_CERT_COMPRESSED, { V("brotli (2)"), V("16777215"), V("16777215") } },
    { TT_PHRASE_LADDER_CONNECTION, { V("1"), V("TLS 1.3 full handshake with HelloRetryRequest") } },
    /* Records and segments (records.c, records_view.c). */
    { TT_PHRASE_NOTE_TCP_SEGMENTS, { V("12"), V("1000001, 1000002, 1000003, 1000004, 1000005, 1000006") } },
    { TT_PHRASE_NOTE_RECORD_FRAGMENTS, { V("32"), V("1000001, 1000001, 1000001, 1000002, 1000002") } },
    { TT_PHRASE_RECORDS_BYTES, { V("16384") } },
    { TT_PHRASE_RECORDS_EPOCH, { V("65535") } },
    { TT_PHRASE_RECORDS_SEGMENTS, { V("6, 8, 10") } },
    { TT_PHRASE_RECORDS_FRAGMENTS, { V("14 CertificateVerify"), V("4"), V("4, 5, 6, 7") } },
    { TT_PHRASE_STATS_ROUND_TRIPS, { V("2") } },
    { TT_PHRASE_LADDER_ROUND_TRIPS, { V("2") } },
};

/* The phrase with its conversions replaced by the arguments of row r; NULL
 * when the row does not give one argument per conversion. */
static const char *fill(size_t r, tt_lang lang, char *out, size_t size)
{
    const char *f = phrase(formats[r].id, lang);
    size_t k = 0, used = 0;

    for (; *f && k + 1 < size; f++) {
        const arg *a = &formats[r].args[used];
        const char *v;
        if (f[0] != '%' || !f[1]) {
            out[k++] = *f;
            continue;
        }
        if (used == MAX_ARGS || (!a->value && !a->phrase1))
            return NULL;
        v = a->phrase1 ? phrase((tt_phrase_id)(a->phrase1 - 1), lang) : "";
        used++;
        f++;
        k += (size_t)snprintf(out + k, size - k, "%s%s", a->value ? a->value : "", v);
        if (k >= size)
            return NULL;
    }
    out[k] = '\0';
    return used == MAX_ARGS || (!formats[r].args[used].value && !formats[r].args[used].phrase1) ? out : NULL;
}

static bool starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A phrase on its line; a format phrase once per row of formats[]. */
static int check_phrase(tt_phrase_id id, tt_lang lang, const char *label, tt_split_kind kind,
                        bool may_cut)
{
    char text[2048];
    int bad = 0, rows = 0;

    for (size_t r = 0; r < sizeof formats / sizeof formats[0]; r++) {
        if (formats[r].id != id)
            continue;
        rows++;
        if (!fill(r, lang, text, sizeof text)) {
            printf("FAIL phrase %s: row %zu of formats[] does not match its conversions\n",
                   phrase_names[id], r);
            bad++;
        } else {
            bad += check_line(phrase_names[id], lang, label, kind, may_cut, text);
        }
    }
    if (!rows && strchr(tt_phrase(id, lang), '%')) {
        printf("FAIL phrase %s takes arguments: give it a row in formats[]\n", phrase_names[id]);
        return bad + 1;
    }
    return rows ? bad : check_line(phrase_names[id], lang, label, kind, may_cut, phrase(id, lang));
}

/* An explanation alone and followed by each note (render.c joins them with
 * a space in English), so that the joint is checked too. */
static int check_explanation(const char *what, tt_lang lang, const char *text)
{
    const char *label = phrase(TT_PHRASE_LABEL_EXPLAIN, lang);
    char joined[4096];
    int bad = check_line(what, lang, label, TT_SPLIT_SENTENCES, true, text);

    for (int id = 0; id < TT_PHRASE_COUNT; id++)
        if (starts(phrase_names[id], "NOTE_")) {
            snprintf(joined, sizeof joined, "%s%s%s", text, lang == TT_LANG_JA ? "" : " ",
                     phrase((tt_phrase_id)id, lang));
            bad += check_line(phrase_names[id], lang, label, TT_SPLIT_SENTENCES, true, joined);
        }
    return bad;
}

/* The message line: "Handshake message: 14 CertificateVerify: short". */
static int check_short(const char *what, tt_lang lang, const char *name, const char *shrt)
{
    char line[4200];

    snprintf(line, sizeof line, "14 %s: %s", name, shrt);
    return check_line(what, lang, phrase(TT_PHRASE_LABEL_MESSAGE, lang), TT_SPLIT_LIST, false, line);
}

static int check_texts(tt_lang lang, const char *longest_msg)
{
    char what[64];
    int bad = 0;

    for (int id = 0; id < TT_TEXT_COUNT; id++) {
        snprintf(what, sizeof what, "text %d", id);
        bad += check_short(what, lang, longest_msg, tt_text(id, TT_PART_SHORT, lang));
        bad += check_line(what, lang, phrase(TT_PHRASE_LABEL_SAYS, lang), TT_SPLIT_SENTENCES, true,
                          tt_text(id, TT_PART_SAYS, lang));
        bad += check_explanation(what, lang, tt_text(id, TT_PART_EXPLAIN, lang));
        bad += check_line(what, lang, phrase(TT_PHRASE_LABEL_REFERENCE, lang), TT_SPLIT_LIST, false,
                          tt_text_ref(id));
    }
    return bad;
}

static int check_alerts(tt_lang lang)
{
    static const tt_phrase_id speakers[] = { TT_PHRASE_SPEAKER_CLIENT, TT_PHRASE_SPEAKER_SERVER };
    static const tt_phrase_id levels[] = { TT_PHRASE_ALERT_FATAL, TT_PHRASE_ALERT_WARNING };
    char what[64], text[4096];
    int bad = 0;

    for (int i = 0; i < tt_alert_count(); i++) {
        int code = tt_alert_code(i);
        snprintf(what, sizeof what, "alert %d", code);
        for (size_t l = 0; l < 2; l++) {
            snprintf(text, sizeof text, "%s %s", phrase(levels[l], lang), tt_alert_name(code));
            bad += check_short(what, lang, "Alert", text);
        }
        for (size_t s = 0; s < 2; s++) {
            snprintf(text, sizeof text, "%s%s", phrase(speakers[s], lang),
                     tt_alert_text(code, TT_PART_SAYS, lang));
            bad += check_line(what, lang, phrase(TT_PHRASE_LABEL_SAYS, lang), TT_SPLIT_SENTENCES,
                              true, text);
        }
        bad += check_explanation(what, lang, tt_alert_text(code, TT_PART_EXPLAIN, lang));
        bad += check_line(what, lang, phrase(TT_PHRASE_LABEL_REFERENCE, lang), TT_SPLIT_LIST, false,
                          tt_alert_ref(code));
    }
    snprintf(text, sizeof text, "%s %s", phrase(TT_PHRASE_ALERT_FATAL, lang),
             phrase(TT_PHRASE_ALERT_UNKNOWN, lang));
    return bad + check_short("unknown alert", lang, "Alert", text);
}

/* The longest flow line render_flow_name makes: every addition at once. */
static int check_flows(tt_lang lang)
{
    char text[1024];
    int bad = 0;

    for (int id = 0; id < TT_PHRASE_COUNT; id++) {
        if (!starts(phrase_names[id], "FLOW_") || strcmp(phrase_names[id], "FLOW_CLIENT_AUTH") == 0 ||
            strcmp(phrase_names[id], "FLOW_EARLY_DATA") == 0 || strcmp(phrase_names[id], "FLOW_FAILED") == 0 ||
            strcmp(phrase_names[id], "FLOW_CLOSED") == 0)
            continue;
        snprintf(text, sizeof text, "TLS 1.3 %s%s%s%sunsupported_extension%s",
                 phrase((tt_phrase_id)id, lang), phrase(TT_PHRASE_FLOW_CLIENT_AUTH, lang),
                 phrase(TT_PHRASE_FLOW_EARLY_DATA, lang), phrase(TT_PHRASE_FLOW_FAILED, lang),
                 phrase(TT_PHRASE_FLOW_CLOSED, lang));
        bad += check_line(phrase_names[id], lang, phrase(TT_PHRASE_LABEL_FLOW, lang), TT_SPLIT_LIST,
                          true, text);
    }
    return bad;
}

/* Every phrase on the line that shows it. */
static int check_phrases(tt_lang lang)
{
    /* Wireshark's own label of an expert info line, English in every language. */
    static const char expert[] = "Expert Info (Warning/Security)";
    char line[512];
    int bad = 0;

    for (int i = 0; i < TT_PHRASE_COUNT; i++) {
        tt_phrase_id id = (tt_phrase_id)i;
        const char *name = phrase_names[id];
        /* Every phrase alone, as a piece line: the ladder and statistics
         * lines too, which no tree shows. */
        marking = false;
        bad += check_phrase(id, lang, NULL, TT_SPLIT_SENTENCES, true);
        marking = true;
        if (starts(name, "CARRIES_"))
            bad += check_phrase(id, lang, phrase(TT_PHRASE_LABEL_CARRIES, lang), TT_SPLIT_LIST, true);
        else if (starts(name, "SKIPPED_"))
            bad += check_phrase(id, lang, phrase(TT_PHRASE_LABEL_SKIPPED, lang), TT_SPLIT_SENTENCES, true);
        else if (starts(name, "RT_WHY_"))
            bad += check_phrase(id, lang, phrase(TT_PHRASE_LABEL_ROUND_TRIPS_WHY, lang), TT_SPLIT_SENTENCES, true);
        else if (starts(name, "EXPERT_"))
            bad += check_phrase(id, lang, expert, TT_SPLIT_LIST, false);
        else if (starts(name, "SENDER_"))
            bad += check_phrase(id, lang, phrase(TT_PHRASE_LABEL_SENDER, lang), TT_SPLIT_LIST, false);
        else if (starts(name, "LABEL_")) {
            /* A label with the longest value a line of the tree gives it. */
            snprintf(line, sizeof line, "%s: %s", phrase(id, lang), SUITE);
            bad += check_line(name, lang, NULL, TT_SPLIT_LIST, false, line);
        }
    }
    /* Expert infos that add to a phrase: render.c's "%s: %s". */
    snprintf(line, sizeof line, "%s: %s %s", phrase(TT_PHRASE_EXPERT_FAILED, lang),
             phrase(TT_PHRASE_ALERT_FATAL, lang), "unsupported_extension");
    bad += check_line("EXPERT_FAILED", lang, expert, TT_SPLIT_LIST, false, line);
    snprintf(line, sizeof line, "%s: TLS 1.0", phrase(TT_PHRASE_EXPERT_DEPRECATED, lang));
    bad += check_line("EXPERT_DEPRECATED", lang, expert, TT_SPLIT_LIST, false, line);
    return bad + check_flows(lang);
}

/* What each rule of split.h gives, on small texts and limits. */
static int check_examples(void)
{
    static const struct {
        const char *text;
        tt_split_kind kind;
        size_t max, expected;
    } examples[] = {
        { "One. Two three.", TT_SPLIT_SENTENCES, 100, 5 },    /* a sentence: "One. " */
        { "a, b, c, d", TT_SPLIT_LIST, 7, 6 },                  /* items that fit: "a, b, " */
        { "aaa, bbb ccc ddd", TT_SPLIT_SENTENCES, 14, 5 },      /* a clause before a space */
        { "aaaa bbbb cccc dddd", TT_SPLIT_SENTENCES, 12, 10 },  /* English: the last space */
        { "鍵交換プレマスターシークレットを持ち", TT_SPLIT_SENTENCES, 27, 9 },  /* "鍵交換|プレ" */
        { "ことをすべて", TT_SPLIT_SENTENCES, 12, 9 },          /* after を: "ことを|すべて" */
        { "証明書(CA)の証明書", TT_SPLIT_SENTENCES, 15, 9 },   /* not "(CA)|の" */
        { "「Encrypted Alert」と表示", TT_SPLIT_SENTENCES, 24, 21 },  /* after 」 */
        { "aaaaaaaaaa", TT_SPLIT_LIST, 4, 4 },                 /* no word boundary: bytes */
        { "アアアアアア", TT_SPLIT_LIST, 7, 6 },               /* ... whole characters */
    };
    int bad = 0;

    for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++) {
        size_t n = tt_split_next(examples[i].text, examples[i].kind, examples[i].max);
        if (n != examples[i].expected) {
            printf("FAIL example \"%s\" at %zu bytes: piece of %zu bytes, not %zu\n",
                   examples[i].text, examples[i].max, n, examples[i].expected);
            bad++;
        }
    }
    return bad;
}

int main(void)
{
    const char *longest_msg = "";
    int bad = check_examples();

    for (int m = 0; m < TT_MSG_COUNT; m++)
        if (strlen(tt_msg_name(m)) > strlen(longest_msg))
            longest_msg = tt_msg_name(m);
    for (int lang = 0; lang < TT_LANG_COUNT; lang++) {
        bad += check_texts(lang, longest_msg);
        bad += check_alerts(lang);
        bad += check_phrases(lang);
    }
    /* A phrase no line above shows (the ladders and statistics print theirs
     * whole) is a phrase this check does not know how the tree shows. */
    for (int id = 0; id < TT_PHRASE_COUNT; id++)
        if (!on_a_line[id] && !starts(phrase_names[id], "LADDER_") && !starts(phrase_names[id], "STATS_") &&
            !starts(phrase_names[id], "RECORDS_")) {
            printf("FAIL phrase %s: on no line of this check; say which line shows it\n", phrase_names[id]);
            bad++;
        }
    printf("%d lines split into %d pieces, %d bad\n", lines, pieces, bad);
    return bad != 0;
}
