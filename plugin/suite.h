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
} tt_suite;

/* false when the name is not a cipher suite name it can take apart. */
bool tt_suite_parse(const char *name, tt_suite *out);

#endif
