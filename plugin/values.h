/* The values a hello carries, read from TLS's own fields on the first pass
 * and kept (file scope) so that the texts can quote them on every pass.
 * Lists are kept at their length: this is memory per connection. */
#ifndef TLSTUTOR_VALUES_H
#define TLSTUTOR_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#define TT_MAX_SUITES 128
#define TT_MAX_SMALL 16

typedef struct {
    unsigned legacy_version;
    unsigned n_versions;               /* supported_versions entries */
    uint16_t versions[TT_MAX_SMALL];
    bool has_random;
    uint8_t random[32];
    unsigned session_id_len;
    uint8_t session_id[32];
    unsigned n_suites;                 /* all of them, even past TT_MAX_SUITES */
    uint16_t *suites;                  /* the first MIN(n_suites, TT_MAX_SUITES) */
    unsigned n_comp;
    unsigned comp;                     /* the first (ServerHello: the chosen) method */
    const char *sni;                   /* NULL when absent */
    const char *alpn;                  /* protocols joined by ", ", NULL when absent */
    unsigned n_groups;                 /* key_share groups (ServerHello: the one chosen) */
    uint16_t groups[TT_MAX_SMALL];
    /* ServerHello only, filled from the connection's ClientHello. */
    unsigned suite_position;           /* 1-based place in the client's list, 0 unknown */
    unsigned client_suites;
    bool echoes_session_id;
    bool ems;                          /* carries extended_master_secret (RFC 7627) */
} tt_hello;

/* Values of ServerKeyExchange, CertificateRequest, ClientKeyExchange,
 * CertificateVerify and Finished. */
typedef struct {
    bool has_curve;
    unsigned curve;                    /* named group */
    unsigned p_len;                    /* DH prime, bytes */
    bool has_sig_alg;
    unsigned sig_alg;                  /* the first signature algorithm */
    unsigned n_sig_algs;
    bool has_epms;
    unsigned epms_len;                 /* RSA-encrypted premaster secret, bytes */
    bool has_pub;
    unsigned pub_len;                  /* client's (EC)DH public value, bytes */
    unsigned n_cert_types;
    unsigned n_dnames;
    bool has_verify;
    unsigned verify_len;
    /* ClientKeyExchange only: the ServerHello accepted extended_master_secret. */
    bool ems;
} tt_msgvals;

#define TT_MAX_CERTS 8

/* One certificate of a Certificate message, as Wireshark's X.509 fields show it. */
typedef struct {
    const char *subject_cn;            /* NULL when absent */
    const char *issuer_cn;
    const char *sig_alg;               /* in words ("SHA-256 with RSA") or the OID */
    const char *key_alg;               /* "RSA", "EC", ... or the OID */
    unsigned key_bits;                 /* RSA modulus size, 0 unknown */
    bool weak_sig;                     /* SHA-1 or MD5 signature */
    bool has_validity;
    int64_t not_before, not_after;     /* seconds since the epoch, UTC */
    const char *sans;                  /* DNS names joined by ", " (first certificate) */
} tt_cert;

typedef struct {
    unsigned n;                        /* all of them, even past TT_MAX_CERTS */
    tt_cert *certs;                    /* the first MIN(n, TT_MAX_CERTS) */
} tt_certs;

#endif
