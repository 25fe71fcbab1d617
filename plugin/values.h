/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The values messages carry, read from TLS's own fields whenever a message
 * is shown (the packet's pool), for the texts to quote. What a text needs
 * from an earlier message is kept in the item instead (state.h). */
#ifndef TLSTUTOR_VALUES_H
#define TLSTUTOR_VALUES_H

#include <stdbool.h>
#include <stdint.h>

#define TT_MAX_SUITES 128
#define TT_MAX_SMALL 16

typedef struct {
    uint16_t legacy_version;
    uint16_t n_versions;               /* supported_versions entries */
    uint16_t n_suites;                 /* all of them, even past TT_MAX_SUITES */
    uint16_t n_groups;                 /* key_share groups (ServerHello: the one chosen) */
    uint8_t n_comp;
    uint8_t comp;                      /* the first (ServerHello: the chosen) method */
    uint8_t session_id_len;
    bool has_random : 1;
    bool ems : 1;                      /* carries extended_master_secret (RFC 7627) */
    uint8_t random[32];                /* its parts are quoted: gmt_unix_time and random_bytes */
    const char *sni;                   /* NULL when absent */
    const char *alpn;                  /* protocols joined by ", ", NULL when absent */
    /* The first MIN(n, TT_MAX_SMALL or TT_MAX_SUITES) of each list. */
    const uint16_t *versions;
    const uint16_t *groups;
    const uint16_t *suites;
    /* Read only while the texts are looked at (the details, collect.c). */
    const uint16_t *share_lengths;     /* each key_share entry's key_exchange length, beside groups */
    uint16_t n_share_lengths;
    /* GREASE values (RFC 8701) among the suites, extensions, key shares,
     * supported_groups, supported_versions, signature_algorithms and ALPN. */
    uint8_t grease_suites, grease_extensions, grease_shares, grease_groups, grease_versions,
            grease_sig_algs, grease_alpn;
    bool ech : 1;                      /* carries encrypted_client_hello (0xfe0d) */
    uint8_t n_cert_comp;               /* compress_certificate algorithms offered */
    uint16_t cert_comp[4];             /* the first 4 */
    bool has_cookie : 1;               /* DTLS ClientHello: its cookie's length is read */
    uint8_t cookie_len;
} tt_hello;

/* Values of ServerKeyExchange, CertificateRequest, ClientKeyExchange,
 * CertificateVerify, Finished, CompressedCertificate, DTLS's
 * HelloVerifyRequest and QUIC's CONNECTION_CLOSE. */
typedef struct {
    uint16_t curve;                    /* named group */
    uint16_t p_len;                    /* DH prime, bytes */
    uint16_t sig_alg;                  /* the first signature algorithm */
    uint16_t n_sig_algs;
    uint16_t epms_len;                 /* RSA-encrypted premaster secret, bytes */
    uint16_t pub_len;                  /* client's (EC)DH public value, bytes */
    uint16_t n_dnames;
    uint16_t verify_len;
    uint8_t n_cert_types;
    uint16_t cert_comp_alg;            /* CompressedCertificate: its algorithm */
    uint32_t uncompressed_len;         /* CompressedCertificate: the Certificate's length */
    uint32_t compressed_len;           /* CompressedCertificate: the compressed bytes */
    uint8_t cookie_len;                /* HelloVerifyRequest: the cookie, bytes */
    uint64_t close_code;               /* QUIC CONNECTION_CLOSE: its error code ... */
    bool close_app : 1;                /* ... the application's (frame type 0x1d) */
    bool has_close : 1;
    bool has_cookie : 1;
    bool has_cert_comp : 1;
    bool ech : 1;                      /* EncryptedExtensions: encrypted_client_hello (retry_configs) */
    bool has_curve : 1;
    bool has_sig_alg : 1;
    bool has_epms : 1;
    bool has_pub : 1;
    bool has_verify : 1;
} tt_msgvals;

#define TT_MAX_CERTS 8

/* What a certificate's subject or issuer is called: its common name (CN),
 * else its organisation (O), else the whole name. */
typedef enum { TT_NAME_UNREAD, TT_NAME_EMPTY, TT_NAME_CN, TT_NAME_O, TT_NAME_DN } tt_name_kind;

typedef struct {
    const char *text;                  /* as kind says; NULL when unread or empty */
    const char *dn;                    /* the whole name as Wireshark shows it, most specific
                                        * part first ("id-at-organizationalUnitName=Tutor Lab
                                        * CA,id-at-countryName=JP"); NULL when unread */
    tt_name_kind kind;
} tt_name;

/* One certificate of a Certificate message, as Wireshark's X.509 fields show it. */
typedef struct {
    tt_name subject;
    tt_name issuer;
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

/* A ChangeCipherSpec's record, as TLS's record fields show it. */
typedef struct {
    uint8_t content_type;
    uint8_t value;                     /* the message's byte (RFC 5246 7.1: 1) */
    bool has_value;
    uint16_t length;                   /* tls.record.length: the bytes after the header */
    uint8_t header;                    /* the header: 5 bytes, DTLS 13 (RFC 6347 4.1) */
} tt_record;

/* Frame numbers, in order: the TCP segments a record came in, or the
 * records a handshake message was split over (one frame per fragment). */
typedef struct {
    unsigned n;
    const uint32_t *frames;
} tt_frames;

/* The TLS or DTLS record that carries a message, as TLS's record fields
 * show it, and how it arrived (RFC 5246 6.2, RFC 8446 5.1, RFC 6347 4.1).
 * QUIC carries no records (RFC 9001 4): none there. */
typedef struct tt_carrier {
    uint16_t number;                   /* 1, 2, ... among the frame's records, in tree order */
    uint16_t in_frame;                 /* how many records the frame shows */
    uint8_t content_type;              /* on the wire: a TLS 1.3 encrypted record's outer type (23) */
    bool has_content_type : 1;         /* an SSLv2-format record has none */
    bool has_version : 1;
    bool has_length : 1;               /* tls.record.length is read while the texts look */
    bool has_epoch : 1;                /* DTLS */
    uint16_t version;
    uint16_t length;                   /* the bytes after the header */
    uint16_t epoch;
    tt_frames segments;                /* the TCP segments it came in, where more than one */
    const struct tt_carrier *const *all;  /* the frame's records, in_frame of them */
} tt_carrier;

/* One message's values, as many as it has (NULL where none). A message the
 * capture holds only in part (a snapshot length, a capture that ends) has
 * none: only how much of it is there. */
typedef struct {
    const tt_hello *hello;
    const tt_certs *certs;
    const tt_msgvals *vals;
    const tt_record *record;           /* ChangeCipherSpec */
    uint32_t captured, whole;          /* captured < whole: cut; both 0 otherwise */
    const tt_carrier *carrier;         /* its record: TLS and DTLS */
    tt_frames fragments;               /* TLS: the records it was split over, where more than one */
} tt_values;

#endif
