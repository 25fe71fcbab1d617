/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Named groups the tutor names itself (groups.def), and GREASE values
 * (RFC 8701). Pure C, no Wireshark. */
#ifndef TLSTUTOR_GROUPS_H
#define TLSTUTOR_GROUPS_H

#include <stdbool.h>

typedef struct {
    unsigned code;
    const char *name;          /* "X25519MLKEM768" */
    const char *ecdh;          /* "X25519", "P-256", "P-384" */
    unsigned ecdh_len;         /* its public value, bytes */
    const char *kem;           /* "ML-KEM-768", "ML-KEM-1024", "Kyber768" */
    unsigned kem_key;          /* its encapsulation key, bytes (the client's) */
    unsigned kem_ciphertext;   /* its ciphertext, bytes (the server's) */
    bool ecdh_first;
    const char *ref;
} tt_group;

/* The row of groups.def for a code, or NULL. Every row is a post-quantum
 * hybrid. */
const tt_group *tt_group_find(unsigned code);
/* Bytes of a key_share entry of this group: a ClientHello's (the
 * encapsulation key and the ECDH value) or a ServerHello's (the
 * ciphertext and the ECDH value). */
unsigned tt_group_share_len(const tt_group *g, bool server);
/* For checks: the number of rows and row i. */
unsigned tt_group_count(void);
const tt_group *tt_group_at(unsigned i);

/* RFC 8701 2: 0x0A0A, 0x1A1A, ... 0xFAFA, in cipher suites, extensions,
 * named groups, signature algorithms and versions. */
bool tt_is_grease(unsigned v);
/* RFC 8701 2: the ALPN identifiers that are GREASE, two bytes of the same
 * 0x?A value. */
bool tt_is_grease_alpn(const unsigned char *id, unsigned len);

#endif
