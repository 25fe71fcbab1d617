/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "groups.h"

#include <stddef.h>

static const tt_group groups[] = {
#define GROUP(code, name, ecdh, ecdh_len, kem, kem_key, kem_ct, first, ref) \
    { code, name, ecdh, ecdh_len, kem, kem_key, kem_ct, first, ref },
#include "groups.def"
};

const tt_group *tt_group_find(unsigned code)
{
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (groups[i].code == code)
            return &groups[i];
    return NULL;
}

unsigned tt_group_share_len(const tt_group *g, bool server)
{
    return g ? g->ecdh_len + (server ? g->kem_ciphertext : g->kem_key) : 0;
}

unsigned tt_group_count(void)
{
    return (unsigned)(sizeof groups / sizeof groups[0]);
}

const tt_group *tt_group_at(unsigned i)
{
    return i < tt_group_count() ? &groups[i] : NULL;
}

bool tt_is_grease(unsigned v)
{
    return v <= 0xffff && (v & 0x0f0f) == 0x0a0a && (v >> 8) == (v & 0xff);
}

bool tt_is_grease_alpn(const unsigned char *id, unsigned len)
{
    return id && len == 2 && id[0] == id[1] && (id[0] & 0x0f) == 0x0a;
}
