/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Takes a cipher suite's IANA name apart: key exchange, authentication,
 * bulk cipher and MAC/hash. Pure C, no Wireshark. */
#ifndef TLSTUTOR_SUITE_H
#define TLSTUTOR_SUITE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char kx[24];        /* "ECDHE", "DHE", "RSA", "" for TLS 1.3 (from key_share) */
    char auth[24];      /* "RSA", "ECDSA", "anonymous", "PSK", "" for TLS 1.3 */
    char cipher[40];    /* "AES-128-GCM", "ChaCha20-Poly1305", "3DES-EDE-CBC", "NULL" */
    char hash[16];      /* "SHA-256", "SHA-1", "MD5" */
    bool tls13;         /* a TLS 1.3 suite: only cipher and hash in the name */
    bool forward_secret;/* ephemeral (EC)DH, or any TLS 1.3 suite */
    bool weak;          /* NULL, EXPORT, RC4, DES, 3DES or anonymous */
    bool export_kx;     /* an EXPORT key exchange (RSA_EXPORT, DHE_DSS_EXPORT ...) */
} tt_suite;

/* What a TLS 1.2 (and older) suite's key exchange means for the messages
 * that follow the ServerHello (RFC 5246 7.4.2, 7.4.3; RFC 4279; RFC 5489;
 * RFC 8422 5.4). */
typedef enum {
    TT_KX_UNKNOWN,      /* not taken apart, TLS 1.3, EXPORT, SRP, ...: say nothing suite-specific */
    TT_KX_RSA,          /* RSA: certificate, no ServerKeyExchange */
    TT_KX_DHE_SIGNED,   /* DHE_RSA, DHE_DSS, ECDHE_RSA, ECDHE_ECDSA: signed ServerKeyExchange */
    TT_KX_STATIC_DH,    /* DH_RSA, DH_DSS, ECDH_RSA, ECDH_ECDSA: DH value in the certificate */
    TT_KX_ANON,         /* DH_anon, ECDH_anon: unsigned ServerKeyExchange, no certificate */
    TT_KX_PSK,          /* PSK: no certificate, ServerKeyExchange only for a hint */
    TT_KX_RSA_PSK,      /* RSA_PSK: certificate, ServerKeyExchange only for a hint */
    TT_KX_DHE_PSK,      /* DHE_PSK, ECDHE_PSK: unsigned ServerKeyExchange with hint and DH value */
} tt_kx_kind;

/* The kind of a suite parse() took apart; TT_KX_UNKNOWN for TLS 1.3 suites. */
tt_kx_kind tt_suite_kx(const tt_suite *s);
/* Whether its bulk cipher is NULL: records are authenticated, not encrypted. */
bool tt_suite_null_cipher(const tt_suite *s);

/* false when the name is not a cipher suite name it can take apart. */
bool tt_suite_parse(const char *name, tt_suite *out);

#endif
