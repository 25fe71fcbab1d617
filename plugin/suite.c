/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cipher suite names follow "TLS_<kx>[_<auth>]_WITH_<cipher>_<mac>" (TLS 1.2
 * and older, RFC 5246 appendix C) or "TLS_<cipher>_<hash>" (TLS 1.3). */
#include "suite.h"

#include <stdio.h>
#include <string.h>

static void copy(char *dst, size_t n, const char *src, size_t len)
{
    if (len >= n)
        len = n - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

static const struct { const char *iana, *name; } hashes[] = {
    { "SHA384", "SHA-384" }, { "SHA256", "SHA-256" }, { "SHA", "SHA-1" }, { "MD5", "MD5" },
    { "CCM_8", "CCM-8" }, { "CCM", "CCM" },
};

static const struct { const char *iana, *name; bool weak; } ciphers[] = {
    { "AES_128_GCM", "AES-128-GCM", false }, { "AES_256_GCM", "AES-256-GCM", false },
    { "AES_128_CCM_8", "AES-128-CCM-8", false }, { "AES_128_CCM", "AES-128-CCM", false },
    { "AES_256_CCM_8", "AES-256-CCM-8", false }, { "AES_256_CCM", "AES-256-CCM", false },
    { "AES_128_CBC", "AES-128-CBC", false }, { "AES_256_CBC", "AES-256-CBC", false },
    { "CHACHA20_POLY1305", "ChaCha20-Poly1305", false },
    { "CAMELLIA_128_CBC", "Camellia-128-CBC", false }, { "CAMELLIA_256_CBC", "Camellia-256-CBC", false },
    { "CAMELLIA_128_GCM", "Camellia-128-GCM", false }, { "CAMELLIA_256_GCM", "Camellia-256-GCM", false },
    { "ARIA_128_GCM", "ARIA-128-GCM", false }, { "ARIA_256_GCM", "ARIA-256-GCM", false },
    { "ARIA_128_CBC", "ARIA-128-CBC", false }, { "ARIA_256_CBC", "ARIA-256-CBC", false },
    { "SEED_CBC", "SEED-CBC", false },
    { "3DES_EDE_CBC", "3DES-EDE-CBC", true }, { "DES_CBC", "DES-CBC", true },
    { "DES40_CBC", "DES40-CBC", true }, { "DES_CBC_40", "DES-CBC-40", true },
    { "RC4_128", "RC4-128", true }, { "RC4_40", "RC4-40", true },
    { "RC2_CBC_40", "RC2-CBC-40", true }, { "IDEA_CBC", "IDEA-CBC", true },
    { "NULL", "NULL", true },
};

static bool parse_cipher_and_mac(const char *s, tt_suite *out)
{
    for (size_t i = 0; i < sizeof ciphers / sizeof ciphers[0]; i++) {
        size_t n = strlen(ciphers[i].iana);
        if (strncmp(s, ciphers[i].iana, n) != 0)
            continue;
        if (s[n] == '\0') {
            /* AEAD suites named without a MAC (TLS_..._AES_128_CCM). */
            copy(out->cipher, sizeof out->cipher, ciphers[i].name, strlen(ciphers[i].name));
            out->weak |= ciphers[i].weak;
            return true;
        }
        if (s[n] != '_')
            continue;
        for (size_t j = 0; j < sizeof hashes / sizeof hashes[0]; j++) {
            if (strcmp(s + n + 1, hashes[j].iana) == 0) {
                copy(out->cipher, sizeof out->cipher, ciphers[i].name, strlen(ciphers[i].name));
                copy(out->hash, sizeof out->hash, hashes[j].name, strlen(hashes[j].name));
                out->weak |= ciphers[i].weak;
                return true;
            }
        }
    }
    return false;
}

bool tt_suite_parse(const char *name, tt_suite *out)
{
    const char *with, *kx;
    char kxauth[48];

    memset(out, 0, sizeof *out);
    if (!name || strncmp(name, "TLS_", 4) != 0)
        return false;
    with = strstr(name, "_WITH_");
    if (with && with < name + 4)
        return false;  /* "TLS_WITH_...": no key exchange before _WITH_ (found by fuzzing) */
    if (!with) {
        /* TLS 1.3: the key exchange comes from key_share, authentication
         * from the certificate (or the PSK). */
        out->tls13 = true;
        out->forward_secret = true;
        return parse_cipher_and_mac(name + 4, out);
    }
    kx = name + 4;
    copy(kxauth, sizeof kxauth, kx, (size_t)(with - kx));
    if (strstr(kxauth, "EXPORT")) {
        out->weak = true;
        out->export_kx = true;
    }
    /* "ECDHE_RSA", "DHE_DSS", "RSA", "ECDH_anon", "RSA_EXPORT", "PSK", "ECDHE_PSK" */
    {
        char *sep = strchr(kxauth, '_');
        if (sep) {
            *sep = '\0';
            copy(out->kx, sizeof out->kx, kxauth, strlen(kxauth));
            copy(out->auth, sizeof out->auth, sep + 1, strlen(sep + 1));
        } else {
            copy(out->kx, sizeof out->kx, kxauth, strlen(kxauth));
            copy(out->auth, sizeof out->auth, kxauth, strlen(kxauth));
        }
    }
    if (strcmp(out->auth, "anon") == 0) {
        strcpy(out->auth, "anonymous");
        out->weak = true;
    }
    if (strcmp(out->auth, "EXPORT") == 0)
        copy(out->auth, sizeof out->auth, out->kx, strlen(out->kx));
    out->forward_secret = strcmp(out->kx, "DHE") == 0 || strcmp(out->kx, "ECDHE") == 0;
    return parse_cipher_and_mac(with + 6, out);
}

static bool is(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

tt_kx_kind tt_suite_kx(const tt_suite *s)
{
    bool cert_auth;

    if (s->tls13 || s->export_kx)
        return TT_KX_UNKNOWN;
    cert_auth = is(s->auth, "RSA") || is(s->auth, "DSS") || is(s->auth, "ECDSA");
    if (is(s->kx, "RSA") && is(s->auth, "RSA"))
        return TT_KX_RSA;
    if (is(s->kx, "RSA") && is(s->auth, "PSK"))
        return TT_KX_RSA_PSK;
    if ((is(s->kx, "DHE") || is(s->kx, "ECDHE")) && cert_auth)
        return TT_KX_DHE_SIGNED;
    if ((is(s->kx, "DHE") || is(s->kx, "ECDHE")) && is(s->auth, "PSK"))
        return TT_KX_DHE_PSK;
    if ((is(s->kx, "DH") || is(s->kx, "ECDH")) && cert_auth)
        return TT_KX_STATIC_DH;
    if ((is(s->kx, "DH") || is(s->kx, "ECDH")) && is(s->auth, "anonymous"))
        return TT_KX_ANON;
    if (is(s->kx, "PSK") && is(s->auth, "PSK"))
        return TT_KX_PSK;
    return TT_KX_UNKNOWN;
}

bool tt_suite_null_cipher(const tt_suite *s)
{
    return !s->tls13 && is(s->cipher, "NULL");
}
