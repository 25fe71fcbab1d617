/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cipher suite names taken apart as a textbook does. Exits non-zero and says
 * which name went wrong otherwise. */
#include <stdio.h>
#include <string.h>

#include "suite.h"

static const struct {
    const char *name, *kx, *auth, *cipher, *hash;
    int fs, weak, tls13, ok;
} cases[] = {
    { "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES-128-GCM", "SHA-256", 1, 0, 0, 1 },
    { "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE", "RSA", "AES-256-GCM", "SHA-384", 1, 0, 0, 1 },
    { "TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA", "RSA", "AES-128-GCM", "SHA-256", 0, 0, 0, 1 },
    { "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE", "RSA", "AES-128-GCM", "SHA-256", 1, 0, 0, 1 },
    { "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE", "ECDSA", "ChaCha20-Poly1305", "SHA-256", 1, 0, 0, 1 },
    { "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE", "RSA", "AES-128-CBC", "SHA-1", 1, 0, 0, 1 },
    { "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RSA", "RSA", "3DES-EDE-CBC", "SHA-1", 0, 1, 0, 1 },
    { "TLS_RSA_WITH_RC4_128_MD5", "RSA", "RSA", "RC4-128", "MD5", 0, 1, 0, 1 },
    { "TLS_RSA_WITH_NULL_SHA256", "RSA", "RSA", "NULL", "SHA-256", 0, 1, 0, 1 },
    { "TLS_DH_anon_WITH_AES_128_CBC_SHA", "DH", "anonymous", "AES-128-CBC", "SHA-1", 0, 1, 0, 1 },
    { "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "RSA", "RSA", "DES40-CBC", "SHA-1", 0, 1, 0, 1 },
    { "TLS_PSK_WITH_AES_128_CCM_8", "PSK", "PSK", "AES-128-CCM-8", "", 0, 0, 0, 1 },
    { "TLS_AES_128_GCM_SHA256", "", "", "AES-128-GCM", "SHA-256", 1, 0, 1, 1 },
    { "TLS_AES_256_GCM_SHA384", "", "", "AES-256-GCM", "SHA-384", 1, 0, 1, 1 },
    { "TLS_CHACHA20_POLY1305_SHA256", "", "", "ChaCha20-Poly1305", "SHA-256", 1, 0, 1, 1 },
    { "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "", "", "", "", 0, 0, 0, 0 },
    { "Unknown (0x1234)", "", "", "", "", 0, 0, 0, 0 },
    { "", "", "", "", "", 0, 0, 0, 0 },
    /* Nothing before _WITH_: once read 47 bytes past the name (libFuzzer). */
    { "TLS_WITH_", "", "", "", "", 0, 0, 0, 0 },
    { "TLS_WITH_AES_128_GCM_SHA256", "", "", "", "", 0, 0, 0, 0 },
};

/* The key exchange kinds the flow uses to choose its texts. */
static const struct {
    const char *name;
    tt_kx_kind kx;
    int null_cipher;
} kinds[] = {
    { "TLS_RSA_WITH_AES_128_GCM_SHA256", TT_KX_RSA, 0 },
    { "TLS_RSA_WITH_NULL_SHA256", TT_KX_RSA, 1 },
    { "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", TT_KX_DHE_SIGNED, 0 },
    { "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", TT_KX_DHE_SIGNED, 0 },
    { "TLS_ECDHE_ECDSA_WITH_NULL_SHA", TT_KX_DHE_SIGNED, 1 },
    { "TLS_DH_RSA_WITH_AES_128_CBC_SHA", TT_KX_STATIC_DH, 0 },
    { "TLS_DH_DSS_WITH_AES_256_GCM_SHA384", TT_KX_STATIC_DH, 0 },
    { "TLS_ECDH_ECDSA_WITH_AES_128_CBC_SHA", TT_KX_STATIC_DH, 0 },
    { "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", TT_KX_STATIC_DH, 0 },
    { "TLS_DH_anon_WITH_AES_128_GCM_SHA256", TT_KX_ANON, 0 },
    { "TLS_ECDH_anon_WITH_NULL_SHA", TT_KX_ANON, 1 },
    { "TLS_PSK_WITH_AES_128_GCM_SHA256", TT_KX_PSK, 0 },
    { "TLS_PSK_WITH_NULL_SHA256", TT_KX_PSK, 1 },
    { "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256", TT_KX_RSA_PSK, 0 },
    { "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", TT_KX_DHE_PSK, 0 },
    { "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256", TT_KX_DHE_PSK, 0 },
    /* Nothing suite-specific: export, SRP, Kerberos, TLS 1.3. */
    { "TLS_RSA_EXPORT_WITH_RC4_40_MD5", TT_KX_UNKNOWN, 0 },
    { "TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA", TT_KX_UNKNOWN, 0 },
    { "TLS_SRP_SHA_RSA_WITH_AES_128_CBC_SHA", TT_KX_UNKNOWN, 0 },
    { "TLS_KRB5_WITH_3DES_EDE_CBC_SHA", TT_KX_UNKNOWN, 0 },
    { "TLS_AES_128_GCM_SHA256", TT_KX_UNKNOWN, 0 },
};

int main(void)
{
    int bad = 0;
    size_t n = sizeof cases / sizeof cases[0];

    for (size_t i = 0; i < n; i++) {
        tt_suite s;
        int ok = tt_suite_parse(cases[i].name, &s);
        if (ok != cases[i].ok || (ok && (strcmp(s.kx, cases[i].kx) || strcmp(s.auth, cases[i].auth) ||
                                         strcmp(s.cipher, cases[i].cipher) || strcmp(s.hash, cases[i].hash) ||
                                         s.forward_secret != cases[i].fs || s.weak != cases[i].weak ||
                                         s.tls13 != cases[i].tls13))) {
            printf("FAIL %s: ok=%d kx=%s auth=%s cipher=%s hash=%s fs=%d weak=%d tls13=%d\n",
                   cases[i].name, ok, s.kx, s.auth, s.cipher, s.hash, s.forward_secret, s.weak, s.tls13);
            bad++;
        }
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        tt_suite s;
        bool ok = tt_suite_parse(kinds[i].name, &s);
        if (!ok || tt_suite_kx(&s) != kinds[i].kx || tt_suite_null_cipher(&s) != (kinds[i].null_cipher != 0)) {
            printf("FAIL kind %s: ok=%d kx=%d null=%d\n", kinds[i].name, ok, ok ? (int)tt_suite_kx(&s) : -1,
                   ok ? tt_suite_null_cipher(&s) : -1);
            bad++;
        }
    }
    if (tt_suite_parse(NULL, &(tt_suite){0})) {
        printf("FAIL NULL name\n");
        bad++;
    }
    printf("%zu suite names checked, %d bad\n", n, bad);
    return bad != 0;
}
