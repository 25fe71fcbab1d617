/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Walks the protocol tree rather than sorting field arrays: the tree keeps
 * the order of messages across data sources (a ChangeCipherSpec in the frame
 * between a reassembled ClientKeyExchange and a Finished). */
#include "collect.h"

#include "carries.h"
#include "compat.h"

#include <string.h>

#include <epan/oids.h>

#include "groups.h"

/* The fields read (fields.def), by id. */
typedef enum {
#define FIELD(id, name, need) F_##id,
#include "fields.def"
    F_COUNT,
    F_NONE = F_COUNT           /* a node that is none of them */
} field;

typedef enum { FLOW, TEXT, SEEN } need;

static const struct { const char *name; need need; } fields[] = {
#define FIELD(id, name, need) { name, need },
#include "fields.def"
};

static int field_id[F_COUNT];  /* the first copy's id; -1 when this Wireshark lacks it */

/* Extension types (IANA TLS ExtensionType registry). */
#define EXT_EXTENDED_MASTER_SECRET 23
#define EXT_SESSION_TICKET 35
#define EXT_PRE_SHARED_KEY 41
#define EXT_EARLY_DATA 42
#define EXT_ENCRYPTED_CLIENT_HELLO 0xfe0d

/* RFC 8446 4.1.3: a ServerHello with this random is a HelloRetryRequest. */
static const guint8 hrr_random[32] = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02,
    0x1E, 0x65, 0xB8, 0x91, 0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E,
    0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
};

/* Some TLS fields are registered more than once under one name (the
 * ClientHello's and the ServerHello's tls.handshake.version, for one): every
 * copy maps to its row. */
static GArray *wanted;
static GArray *details;        /* the part of wanted only the texts need */
/* Lookup by field id, for every node of every tree walked: slot[id] is 0
 * for fields the tutor does not read, else 1 + the row in fields.def. */
static GByteArray *slot;
_Static_assert(F_COUNT < G_MAXUINT8, "rows fit slot's bytes");
/* One array of events for every frame: most TLS packets carry a message
 * or two, and growing a new array of these large events cost more than
 * reading them. */
static GArray *events;
static GPtrArray *carriers;     /* the same for the frame's records */

/* The first registration of a field name: the name may lead to any copy. */
static header_field_info *first_copy(const char *name)
{
    header_field_info *first = proto_registrar_get_byname(name);

    while (first && first->same_name_prev_id > 0 && proto_registrar_get_nth((guint)first->same_name_prev_id))
        first = proto_registrar_get_nth((guint)first->same_name_prev_id);
    return first;
}

/* Maps every copy of a name to row f and asks for it as the row needs. */
static void map_copies(field f, header_field_info *first)
{
    for (header_field_info *h = first; h; h = h->same_name_next) {
        if ((guint)h->id >= slot->len) {
            guint old = slot->len;
            g_byte_array_set_size(slot, (guint)h->id + 1);
            memset(slot->data + old, 0, slot->len - old);
        }
        slot->data[h->id] = (guint8)(f + 1);
        if (fields[f].need == SEEN)
            continue;
        g_array_append_val(wanted, h->id);
        if (fields[f].need == TEXT)
            g_array_append_val(details, h->id);
    }
}

/* Looks a row's name up and asks for every copy, and for its DTLS copy
 * (fields.def). A field Wireshark renamed or removed is warned about, since
 * the tutor would quietly say less (tests/test_versions.py fails on the
 * warning); a missing DTLS copy only leaves DTLS without that value. */
static void look_up(field f)
{
    header_field_info *first = first_copy(fields[f].name);

    field_id[f] = -1;
    if (!first) {
        ws_warning("TLS Handshake Tutor: this Wireshark has no field %s", fields[f].name);
        return;
    }
    field_id[f] = first->id;
    map_copies(f, first);
    if (g_str_has_prefix(fields[f].name, "tls.")) {
        char *dtls = g_strconcat("d", fields[f].name, NULL);
        header_field_info *copy = first_copy(dtls);
        if (copy)
            map_copies(f, copy);
        g_free(dtls);
    }
}

/* Which row a tree node is; F_NONE for any other node, and for a node
 * without field_info (4.6 builds such nodes in trees made for filters). */
static field field_of(const field_info *fi)
{
    guint id;

    if (!fi || !fi->hfinfo)
        return F_NONE;
    id = (guint)fi->hfinfo->id;
    return id < slot->len && slot->data[id] ? (field)(slot->data[id] - 1) : F_NONE;
}

static gboolean is_type(field f)
{
#ifdef TT_FIELD_SSL2_TYPE
    return f == F_HS_TYPE || f == F_SSL2_HS_TYPE;
#else
    return f == F_HS_TYPE;
#endif
}

void collect_init(void)
{
    if (!slot) {
        slot = g_byte_array_new();
        wanted = g_array_new(FALSE, FALSE, sizeof(int));
        details = g_array_new(FALSE, FALSE, sizeof(int));
        events = g_array_sized_new(FALSE, FALSE, sizeof(collected_event), 8);
        carriers = g_ptr_array_sized_new(8);
    }
    for (int f = 0; f < F_COUNT; f++)
        look_up((field)f);
}

static GArray *copy_ids(const GArray *ids)
{
    GArray *copy = g_array_new(FALSE, FALSE, sizeof(int));

    g_array_append_vals(copy, ids->data, ids->len);
    return copy;
}

GArray *collect_detail_hfids(void)
{
    return copy_ids(details);
}

GArray *collect_wanted_hfids(void)
{
    return copy_ids(wanted);
}

typedef struct {
    packet_info *pinfo;
    GArray *events;
    gboolean record_has_type;  /* the current record is TLS, not SSLv2 */
    gboolean record_opaque;    /* TLS 1.3 record whose real type TLS could not see */
    guint32 content_type;      /* the current record's */
    gint record_length;        /* the current record's tls.record.length, -1 unknown */
    int decrypted;             /* frame_has_decrypted_data, once known; -1 before */
    tt_transport transport;
    int quic_packet_type;      /* the current QUIC packet's long header type; -1: short or none */
    guint32 epoch;             /* DTLS: the current record's epoch */
    /* Records and how they arrived (tt_carrier): only read, never ruled on. */
    tt_carrier *carrier;       /* the current record; NULL outside one */
    GPtrArray *carriers;       /* tt_carrier *, every record of the frame (reused) */
    const proto_node *segments[2];  /* TCP's reassembled PDUs shown in the frame */
    tt_frames fragments;       /* the records of the next reassembled handshake message */
} walk_state;

/* A hello's values while its subtree is read; keep_hello() copies them out. */
typedef struct {
    unsigned n_versions;
    uint16_t versions[TT_MAX_SMALL];
    gboolean has_random;
    uint8_t random[32];
    unsigned session_id_len;
    uint8_t session_id[32];
    unsigned n_suites;
    uint16_t suites[TT_MAX_SUITES];
    unsigned n_comp;
    unsigned comp;
    unsigned n_groups;
    uint16_t groups[TT_MAX_SMALL];
    unsigned n_share_lengths;
    uint16_t share_lengths[TT_MAX_SMALL];
    gboolean ems;
    gboolean ech;
    unsigned n_cert_comp;
    uint16_t cert_comp[4];
    unsigned grease_suites, grease_extensions, grease_shares, grease_groups, grease_versions,
             grease_sig_algs;
    gboolean has_cookie;       /* DTLS: the cookie's length, read while the texts look */
    unsigned cookie_len;
} hello_acc;

/* What a handshake message's subtree tells: its type and, for a ServerHello,
 * the version and whether it is a HelloRetryRequest. */
typedef struct {
    const field_info *type;
    guint32 length;
    guint32 version;
    guint32 supported_version;
    gboolean hrr;
    guint32 last_ext_type;
    gboolean ticket, early_data, psk;
    gboolean ssl2_session_id_hit;      /* SSL 2.0 SERVER-HELLO */
    hello_acc hello;                   /* what a hello carries */
    tt_msgvals vals;                   /* what other messages carry */
    const field_info *comp;            /* the first compression method */
    const field_info *sni;
    const field_info *alpn[8];
    guint n_alpn;
    /* DTLS: the message's sequence number and this item's fragment of it. */
    gboolean has_seq, has_fragment;
    guint32 message_seq, fragment_offset, fragment_length;
} hs_facts;

static void add_small(uint16_t *list, unsigned *n, unsigned max, guint32 v)
{
    if (*n < max)
        list[*n] = (uint16_t)v;
    (*n)++;
}

/* The 2-byte value at offset off of an item's bytes. */
static gboolean u16_at(const field_info *fi, gint off, guint32 *v)
{
    if (!fi->ds_tvb || fi->start + off < 0 || !tvb_bytes_exist(fi->ds_tvb, fi->start + off, 2))
        return FALSE;
    *v = tvb_get_ntohs(fi->ds_tvb, fi->start + off);
    return TRUE;
}

static void read_handshake(const proto_node *node, hs_facts *facts)
{
    for (const proto_node *c = node->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        guint8 random[32];
        guint32 v16;

        if (fi && fi->hfinfo) {
            field id = field_of(fi);
            if (is_type(id) && !facts->type)
                facts->type = fi;
            else if (id == F_HS_LENGTH && !facts->length)
                facts->length = tt_fi_uint(fi);
            else if (id == F_MESSAGE_SEQ && !facts->has_seq) {
                facts->message_seq = tt_fi_uint(fi);
                facts->has_seq = TRUE;
            } else if (id == F_FRAGMENT_OFFSET && !facts->has_fragment) {
                facts->fragment_offset = tt_fi_uint(fi);
                facts->has_fragment = TRUE;
            } else if (id == F_FRAGMENT_LENGTH && !facts->fragment_length)
                facts->fragment_length = tt_fi_uint(fi);
            else if (id == F_COOKIE_LENGTH)
                facts->hello.has_cookie = TRUE;
            else if (id == F_COOKIE)
                facts->hello.cookie_len = (unsigned)MAX(fi->length, 0);
            else if (id == F_SSL2_SESSION_ID_HIT && fi->ds_tvb && fi->length == 1 &&
                     tvb_bytes_exist(fi->ds_tvb, fi->start, 1))
                /* The byte itself: the field is a boolean, whose value
                 * type differs between Wireshark versions. */
                facts->ssl2_session_id_hit = tt_tvb_get_u8(fi->ds_tvb, fi->start) != 0;
            else if (id == F_SESSION_ID && fi->ds_tvb && fi->length > 0 && fi->length <= 32 &&
                     tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length)) {
                tvb_memcpy(fi->ds_tvb, facts->hello.session_id, fi->start, fi->length);
                facts->hello.session_id_len = (guint)fi->length;
            } else if (id == F_EXT_TYPE) {
                facts->last_ext_type = tt_fi_uint(fi);
                facts->early_data |= facts->last_ext_type == EXT_EARLY_DATA;
                facts->psk |= facts->last_ext_type == EXT_PRE_SHARED_KEY;
                facts->hello.ems |= facts->last_ext_type == EXT_EXTENDED_MASTER_SECRET;
                facts->hello.ech |= facts->last_ext_type == EXT_ENCRYPTED_CLIENT_HELLO;
                facts->hello.grease_extensions += tt_is_grease(facts->last_ext_type);
                /* The extension's length follows its type on the wire. */
                facts->ticket |= facts->last_ext_type == EXT_SESSION_TICKET &&
                                 u16_at(fi, 2, &v16) && v16 > 0;
            }
            else if (id == F_VERSION)
                facts->version = tt_fi_uint(fi);
            else if (id == F_SUPPORTED_VERSION) {
                if (!facts->supported_version)
                    facts->supported_version = tt_fi_uint(fi);
                add_small(facts->hello.versions, &facts->hello.n_versions, TT_MAX_SMALL, tt_fi_uint(fi));
                facts->hello.grease_versions += tt_is_grease(tt_fi_uint(fi));
            } else if (id == F_SUITES && fi->ds_tvb && fi->start >= 0) {
                /* A list of 2-byte values exactly as long as the item, read
                 * as far as the capture has it, in one go. */
                gint n = MIN(fi->length, tvb_captured_length_remaining(fi->ds_tvb, fi->start));
                const guint8 *b = n >= 2 ? tvb_get_ptr(fi->ds_tvb, fi->start, n) : NULL;

                for (gint off = 0; b && off + 2 <= n; off += 2) {
                    v16 = (guint32)(b[off] << 8 | b[off + 1]);   /* network order */
                    add_small(facts->hello.suites, &facts->hello.n_suites, TT_MAX_SUITES, v16);
                    facts->hello.grease_suites += tt_is_grease(v16);
                }
            } else if (id == F_COMP) {
                if (!facts->hello.n_comp) {
                    facts->hello.comp = tt_fi_uint(fi);
                    facts->comp = fi;
                }
                facts->hello.n_comp++;
            } else if (id == F_GROUP || id == F_SELECTED_GROUP) {
                add_small(facts->hello.groups, &facts->hello.n_groups, TT_MAX_SMALL, tt_fi_uint(fi));
                facts->hello.grease_shares += tt_is_grease(tt_fi_uint(fi));
            } else if (id == F_SHARE_LENGTH)
                add_small(facts->hello.share_lengths, &facts->hello.n_share_lengths, TT_MAX_SMALL,
                          tt_fi_uint(fi));
            else if (id == F_SUPPORTED_GROUP)
                facts->hello.grease_groups += tt_is_grease(tt_fi_uint(fi));
            else if (id == F_CERT_COMP_ALG) {
                /* The ClientHello's offer, or the CompressedCertificate's algorithm. */
                add_small(facts->hello.cert_comp, &facts->hello.n_cert_comp, 4, tt_fi_uint(fi));
                facts->vals.cert_comp_alg = (uint16_t)tt_fi_uint(fi);
                facts->vals.has_cert_comp = TRUE;
            } else if (id == F_UNCOMPRESSED_LEN)
                facts->vals.uncompressed_len = tt_fi_uint(fi);
            else if (id == F_COMPRESSED_LEN)
                facts->vals.compressed_len = tt_fi_uint(fi);
            else if (id == F_SNI && !facts->sni)
                facts->sni = fi;
            else if (id == F_ALPN && facts->n_alpn < G_N_ELEMENTS(facts->alpn))
                facts->alpn[facts->n_alpn++] = fi;
            else if (id == F_CURVE) {
                facts->vals.curve = tt_fi_uint(fi);
                facts->vals.has_curve = TRUE;
            } else if (id == F_P_LEN)
                facts->vals.p_len = tt_fi_uint(fi);
            else if (id == F_SIG_ALG) {
                facts->hello.grease_sig_algs += tt_is_grease(tt_fi_uint(fi));
                if (!facts->vals.has_sig_alg)
                    facts->vals.sig_alg = tt_fi_uint(fi);
                facts->vals.has_sig_alg = TRUE;
                facts->vals.n_sig_algs++;
            } else if (id == F_EPMS_LEN) {
                facts->vals.epms_len = tt_fi_uint(fi);
                facts->vals.has_epms = TRUE;
            } else if (id == F_CLIENT_POINT_LEN || id == F_YC_LEN) {
                facts->vals.pub_len = tt_fi_uint(fi);
                facts->vals.has_pub = TRUE;
            } else if (id == F_CERT_TYPES_COUNT)
                facts->vals.n_cert_types = tt_fi_uint(fi);
            else if (id == F_DNAME_LEN)
                facts->vals.n_dnames++;
            else if (id == F_VERIFY_DATA) {
                facts->vals.verify_len = (unsigned)fi->length;
                facts->vals.has_verify = TRUE;
            }
            else if (id == F_RANDOM && fi->length == 32 && fi->ds_tvb &&
                     tvb_bytes_exist(fi->ds_tvb, fi->start, 32)) {
                tvb_memcpy(fi->ds_tvb, random, fi->start, 32);
                facts->hrr = memcmp(random, hrr_random, 32) == 0;
                memcpy(facts->hello.random, random, 32);
                facts->hello.has_random = TRUE;
            }
        }
        /* A suite list is read from its bytes, certificates by
         * keep_certificates: their many items need no second look. */
        if (!fi || (field_of(fi) != F_SUITES && field_of(fi) != F_CERT))
            read_handshake(c, facts);
    }
}

/* Whether a data source holds what TLS decrypted ("Decrypted TLS"). The
 * frame's own bytes (the first source) never are: their name is not made,
 * which costs a printf. */
static gboolean is_decrypted_source(packet_info *pinfo, const struct data_source *src)
{
    char *name;
    gboolean decrypted;

    if (pinfo->data_src && src == pinfo->data_src->data)
        return FALSE;
    name = tt_data_source_name(src);
    decrypted = g_str_has_prefix(name, "Decrypted");

    wmem_free(NULL, name);
    return decrypted;
}

/* Whether TLS shows this item in data it decrypted. */
static gboolean in_decrypted_data(packet_info *pinfo, const field_info *fi)
{
    for (GSList *s = pinfo->data_src; fi && s; s = s->next) {
        const struct data_source *src = (const struct data_source *)s->data;
        if (get_data_source_tvb(src) == fi->ds_tvb)
            return is_decrypted_source(pinfo, src);
    }
    return FALSE;
}

/* Whether TLS decrypted anything in this frame (a message reassembled from
 * decrypted records sits in its own data source). */
static gboolean frame_has_decrypted_data(packet_info *pinfo)
{
    for (GSList *s = pinfo->data_src; s; s = s->next)
        if (is_decrypted_source(pinfo, (const struct data_source *)s->data))
            return TRUE;
    return FALSE;
}

static void add_event(walk_state *st, tt_event_kind kind, const field_info *where)
{
    collected_event ce;

    memset(&ce, 0, sizeof ce);
    ce.ev.kind = kind;
    ce.ev.transport = st->transport;
    ce.ev.epoch = st->epoch;
    ce.where = where;
    ce.carrier = st->carrier;
    g_array_append_val(st->events, ce);
}


/* ---- Certificates: Wireshark's X.509 fields, read in tree order ---- */

typedef enum { X_NONE, X_SIG, X_SPKI, X_NOT_BEFORE, X_NOT_AFTER } x_ctx;

/* DER contents of the OIDs the tutor names in words. */
static const struct { guint8 der[9]; guint len; const char *words; gboolean weak; } algs[] = {
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b }, 9, "SHA-256 with RSA", FALSE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0c }, 9, "SHA-384 with RSA", FALSE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0d }, 9, "SHA-512 with RSA", FALSE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a }, 9, "RSA-PSS", FALSE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x05 }, 9, "SHA-1 with RSA", TRUE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x04 }, 9, "MD5 with RSA", TRUE },
    { { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 }, 9, "RSA", FALSE },
    { { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02 }, 8, "ECDSA with SHA-256", FALSE },
    { { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x03 }, 8, "ECDSA with SHA-384", FALSE },
    { { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x04 }, 8, "ECDSA with SHA-512", FALSE },
    { { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x01 }, 7, "ECDSA with SHA-1", TRUE },
    { { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 }, 7, "EC", FALSE },
    { { 0x2b, 0x65, 0x70 }, 3, "Ed25519", FALSE },
    { { 0x2b, 0x65, 0x71 }, 3, "Ed448", FALSE },
};
static const guint8 oid_common_name[] = { 0x55, 0x04, 0x03 };          /* 2.5.4.3, CN */
static const guint8 oid_organization[] = { 0x55, 0x04, 0x0a };         /* 2.5.4.10, O */

static const char *alg_words(const field_info *fi, gboolean *weak, wmem_allocator_t *pool)
{
    guint8 der[64];
    guint len = fi->length > 0 && fi->length <= (gint)sizeof der ? (guint)fi->length : 0;

    if (!len || !fi->ds_tvb || !tvb_bytes_exist(fi->ds_tvb, fi->start, (gint)len))
        return NULL;
    tvb_memcpy(fi->ds_tvb, der, fi->start, len);
    for (size_t i = 0; i < G_N_ELEMENTS(algs); i++)
        if (algs[i].len == len && memcmp(algs[i].der, der, len) == 0) {
            *weak = algs[i].weak;
            return algs[i].words;
        }
    return oid_encoded2string(pool, der, len);
}

static gboolean is_oid(const field_info *fi, const guint8 *der)
{
    return fi->length == 3 && fi->ds_tvb && tvb_bytes_exist(fi->ds_tvb, fi->start, 3) &&
           tvb_memeql(fi->ds_tvb, fi->start, der, 3) == 0;
}

static gboolean is_x509_string(field f)
{
    return f == F_X_UTF8 || f == F_X_PRINTABLE || f == F_X_IA5 || f == F_X_TELETEX ||
           f == F_X_BMP || f == F_X_UNIVERSAL;
}

/* Days from 1970-01-01 to a civil date (proleptic Gregorian calendar). */
static gint64 days_from_civil(gint64 y, unsigned m, unsigned d)
{
    gint64 era;
    unsigned yoe, doy, doe;

    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = (unsigned)(y - era * 400);
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (gint64)doe - 719468;
}

/* Wireshark shows utcTime as "2026-11-27 02:21:28 (UTC)". */
static gboolean parse_time(const char *s, gint64 *out)
{
    int y, mo, d, h, mi, sec;

    if (!s || sscanf(s, "%d-%d-%d %d:%d:%d", &y, &mo, &d, &h, &mi, &sec) != 6 ||
        mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60)
        return FALSE;
    *out = days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + sec;
    return TRUE;
}

typedef struct {
    tt_certs *certs;
    tt_cert buf[TT_MAX_CERTS];         /* certs->certs until kept */
    tt_cert *cur;
    wmem_strbuf_t *sans;
    wmem_allocator_t *pool;
} cert_walk;

/* A subject or issuer while its subtree is read. */
typedef struct {
    wmem_allocator_t *pool;
    wmem_array_t *rdns;                /* its parts' texts, in the certificate's order */
    wmem_strbuf_t *rdn;                /* the part being read */
    const proto_node *rdn_node;        /* and its x509if.RDNSequence_item */
    const char *cn, *o;
    const char **decoded;              /* cn or o, just taken from the bytes */
} name_walk;

/* An attribute's value as x509if shows it in a name: the text of the BER
 * element after the attribute type's OID (which the OID item does not
 * include), by tvb_format_text; NULL when its bytes are not there. */
static const char *attribute_value(const field_info *oid, wmem_allocator_t *pool)
{
    tvbuff_t *tvb = oid->ds_tvb;
    gint off = oid->start + oid->length;
    guint len;

    guint8 tag;

    if (!tvb || oid->start < 0 || !tvb_bytes_exist(tvb, off, 2))
        return NULL;
    /* What x509if takes for a string (BER's octet string check): any
     * application or private tag, or a universal OCTET STRING, UTF8String
     * or NumericString ... BMPString. None of these is 64 KB long. */
    tag = tt_tvb_get_u8(tvb, off);
    if ((tag & 0x1f) == 0x1f ||
        ((tag & 0xc0) == 0x00 && (tag & 0x1f) != 4 && (tag & 0x1f) != 12 && (tag & 0x1f) < 18) ||
        (tag & 0xc0) == 0x80)
        return NULL;
    len = tt_tvb_get_u8(tvb, off + 1);
    off += 2;
    if (len == 0x81 && tvb_bytes_exist(tvb, off, 1))
        len = tt_tvb_get_u8(tvb, off++);
    else if (len == 0x82 && tvb_bytes_exist(tvb, off, 2)) {
        len = tvb_get_ntohs(tvb, off);
        off += 2;
    } else if (len >= 0x80)
        return NULL;
    if (!tvb_bytes_exist(tvb, off, (gint)len))
        return NULL;
    return tvb_format_text(pool, tvb, off, (gint)len);
}

static void end_rdn(name_walk *nw)
{
    const char *text;

    if (!nw->rdn)
        return;
    text = wmem_strbuf_get_str(nw->rdn);
    wmem_array_append_one(nw->rdns, text);
    nw->rdn = NULL;
}

/* "type=value", the attribute's part of the name. Attributes of one RDN
 * (one x509if.RDNSequence_item) are joined by "+", as x509if does. */
static void add_attribute(name_walk *nw, const field_info *oid, const proto_node *rdn_node)
{
    guint8 der[64];
    guint len = oid->length > 0 && oid->length <= (gint)sizeof der ? (guint)oid->length : 0;
    const char *value;

    if (!len || !oid->ds_tvb || !tvb_bytes_exist(oid->ds_tvb, oid->start, (gint)len))
        return;
    tvb_memcpy(oid->ds_tvb, der, oid->start, len);
    value = attribute_value(oid, nw->pool);
    if (nw->rdn && rdn_node && rdn_node == nw->rdn_node)
        wmem_strbuf_append_c(nw->rdn, '+');
    else {
        end_rdn(nw);
        nw->rdn = wmem_strbuf_new(nw->pool, "");
        nw->rdn_node = rdn_node;
    }
    wmem_strbuf_append_printf(nw->rdn, "%s=%s", oid_resolved_from_encoded(nw->pool, der, (gint)len),
                              value ? value : "");
    nw->decoded = NULL;
    if (value && is_oid(oid, oid_common_name) && !nw->cn)
        nw->decoded = &nw->cn;
    else if (value && is_oid(oid, oid_organization) && !nw->o)
        nw->decoded = &nw->o;
    if (nw->decoded)
        *nw->decoded = value;
}

static void read_name_node(name_walk *nw, const proto_node *node, const proto_node *rdn_node)
{
    for (const proto_node *c = node->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        field id = field_of(fi);

        if (id == F_X_RDN)
            rdn_node = c;
        else if (id == F_X_OID)
            add_attribute(nw, fi, rdn_node);
        else if (is_x509_string(id) && nw->decoded) {
            /* The value as its string type decodes it (a BMPString's
             * UTF-16, say), rather than as bytes. */
            const char *v = fvalue_get_string(TT_FI_VALUE(fi));
            if (v)
                *nw->decoded = wmem_strdup(nw->pool, v);
            nw->decoded = NULL;
        }
        read_name_node(nw, c, rdn_node);
    }
}

/* x509if builds a name's text most specific part first: the RDNs in
 * reverse order, joined by ",". */
static void read_name(const proto_node *node, tt_name *name, wmem_allocator_t *pool)
{
    name_walk nw;
    wmem_strbuf_t *dn = wmem_strbuf_new(pool, "");

    memset(&nw, 0, sizeof nw);
    nw.pool = pool;
    nw.rdns = wmem_array_new(pool, sizeof(const char *));
    read_name_node(&nw, node, NULL);
    end_rdn(&nw);
    for (guint i = wmem_array_get_count(nw.rdns); i > 0; i--)
        wmem_strbuf_append_printf(dn, "%s%s", wmem_strbuf_get_len(dn) ? "," : "",
                                  *(const char **)wmem_array_index(nw.rdns, i - 1));
    name->dn = wmem_strbuf_finalize(dn);
    name->kind = nw.cn ? TT_NAME_CN : nw.o ? TT_NAME_O : *name->dn ? TT_NAME_DN : TT_NAME_EMPTY;
    name->text = nw.cn ? nw.cn : nw.o ? nw.o : *name->dn ? name->dn : NULL;
}

static void read_cert_node(cert_walk *w, const proto_node *node, x_ctx ctx)
{
    for (const proto_node *c = node->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        field id = field_of(fi);
        x_ctx inner = ctx;

        if (id == F_CERT) {
            w->certs->n++;
            w->cur = w->certs->n <= TT_MAX_CERTS ? &w->buf[w->certs->n - 1] : NULL;
            inner = X_NONE;
        } else if (!w->cur) {
            /* past TT_MAX_CERTS, or before the first certificate: only count */
        } else if (id == F_X_ISSUER || id == F_X_SUBJECT) {
            tt_name *name = id == F_X_ISSUER ? &w->cur->issuer : &w->cur->subject;
            if (name->kind == TT_NAME_UNREAD)
                read_name(c, name, w->pool);
            continue;   /* a name holds nothing else the texts quote */
        } else if (id == F_X_SIG) {
            inner = X_SIG;
        } else if (id == F_X_SPKI) {
            inner = X_SPKI;
        } else if (id == F_X_NOT_BEFORE) {
            inner = X_NOT_BEFORE;
        } else if (id == F_X_NOT_AFTER) {
            inner = X_NOT_AFTER;
        } else if (id == F_X_ALG && (ctx == X_SIG || ctx == X_SPKI)) {
            gboolean weak = FALSE;
            const char *words = alg_words(fi, &weak, w->pool);
            if (ctx == X_SIG && !w->cur->sig_alg) {
                w->cur->sig_alg = words;
                w->cur->weak_sig = weak;
            } else if (ctx == X_SPKI && !w->cur->key_alg) {
                w->cur->key_alg = words;
            }
        } else if (id == F_X_UTC && (ctx == X_NOT_BEFORE || ctx == X_NOT_AFTER)) {
            gint64 t;
            if (parse_time(fvalue_get_string(TT_FI_VALUE(fi)), &t)) {
                if (ctx == X_NOT_BEFORE)
                    w->cur->not_before = t;
                else {
                    w->cur->not_after = t;
                    w->cur->has_validity = TRUE;
                }
            }
        } else if (id == F_X_GEN && (ctx == X_NOT_BEFORE || ctx == X_NOT_AFTER)) {
            const nstime_t *t = fvalue_get_time(TT_FI_VALUE(fi));
            if (t && ctx == X_NOT_BEFORE)
                w->cur->not_before = t->secs;
            else if (t) {
                w->cur->not_after = t->secs;
                w->cur->has_validity = TRUE;
            }
        } else if (id == F_X_MODULUS && !w->cur->key_bits && fi->length > 0) {
            gint len = fi->length;
            if (fi->ds_tvb && tvb_bytes_exist(fi->ds_tvb, fi->start, 1) &&
                tt_tvb_get_u8(fi->ds_tvb, fi->start) == 0)
                len--;   /* DER's leading zero of a positive integer */
            w->cur->key_bits = (unsigned)len * 8;
        } else if (id == F_X_DNS && w->certs->n == 1) {
            const char *v = fvalue_get_string(TT_FI_VALUE(fi));
            if (v && wmem_strbuf_get_len(w->sans) < 200)
                wmem_strbuf_append_printf(w->sans, "%s%s", wmem_strbuf_get_len(w->sans) ? ", " : "", v);
        }
        read_cert_node(w, c, inner);
    }
}

static tt_certs *keep_certificates(const proto_node *node, wmem_allocator_t *pool)
{
    cert_walk w;

    memset(&w, 0, sizeof w);
    w.pool = pool;
    w.certs = wmem_new0(pool, tt_certs);
    w.sans = wmem_strbuf_new(NULL, "");
    read_cert_node(&w, node, X_NONE);
    if (wmem_strbuf_get_len(w.sans) && w.certs->n)
        w.buf[0].sans = wmem_strdup(pool, wmem_strbuf_get_str(w.sans));
    wmem_strbuf_destroy(w.sans);
    w.certs->certs = (tt_cert *)wmem_memdup(pool, w.buf,
                                            MIN(w.certs->n, TT_MAX_CERTS) * sizeof(tt_cert));
    return w.certs;
}

/* A hello's values for the texts: its lists in one block, exactly as long
 * as they are. */
static tt_hello *keep_hello(hs_facts *facts, wmem_allocator_t *pool)
{
    const hello_acc *a = &facts->hello;
    tt_hello *h = wmem_new0(pool, tt_hello);
    unsigned nv = MIN(a->n_versions, TT_MAX_SMALL), ng = MIN(a->n_groups, TT_MAX_SMALL);
    unsigned ns = MIN(a->n_suites, TT_MAX_SUITES), nl = MIN(a->n_share_lengths, TT_MAX_SMALL);
    uint16_t *lists = (uint16_t *)wmem_alloc(pool, (nv + ng + ns + nl + 1) * sizeof(uint16_t));

    memcpy(lists, a->versions, nv * sizeof(uint16_t));
    memcpy(lists + nv, a->groups, ng * sizeof(uint16_t));
    memcpy(lists + nv + ng, a->suites, ns * sizeof(uint16_t));
    h->versions = lists;
    h->groups = lists + nv;
    h->suites = lists + nv + ng;
    memcpy(lists + nv + ng + ns, a->share_lengths, nl * sizeof(uint16_t));
    h->share_lengths = lists + nv + ng + ns;
    h->n_share_lengths = (uint16_t)nl;
    h->grease_suites = (uint8_t)MIN(a->grease_suites, G_MAXUINT8);
    h->grease_extensions = (uint8_t)MIN(a->grease_extensions, G_MAXUINT8);
    h->grease_shares = (uint8_t)MIN(a->grease_shares, G_MAXUINT8);
    h->grease_groups = (uint8_t)MIN(a->grease_groups, G_MAXUINT8);
    h->grease_versions = (uint8_t)MIN(a->grease_versions, G_MAXUINT8);
    h->grease_sig_algs = (uint8_t)MIN(a->grease_sig_algs, G_MAXUINT8);
    h->ech = a->ech;
    h->has_cookie = a->has_cookie;
    h->cookie_len = (uint8_t)MIN(a->cookie_len, G_MAXUINT8);   /* at most 255 (RFC 6347 4.3.2) */
    h->n_cert_comp = (uint8_t)MIN(a->n_cert_comp, G_MAXUINT8);
    memcpy(h->cert_comp, a->cert_comp, sizeof h->cert_comp);
    h->n_versions = (uint16_t)MIN(a->n_versions, G_MAXUINT16);
    h->n_groups = (uint16_t)MIN(a->n_groups, G_MAXUINT16);
    h->n_suites = (uint16_t)MIN(a->n_suites, G_MAXUINT16);
    h->n_comp = (uint8_t)MIN(a->n_comp, G_MAXUINT8);
    h->comp = (uint8_t)a->comp;
    h->session_id_len = (uint8_t)a->session_id_len;
    h->has_random = a->has_random;
    memcpy(h->random, a->random, sizeof h->random);
    h->ems = a->ems;
    h->legacy_version = (uint16_t)facts->version;
    h->sni = facts->sni ? wmem_strdup(pool, fvalue_get_string(TT_FI_VALUE(facts->sni))) : NULL;
    if (facts->n_alpn) {
        wmem_strbuf_t *buf = wmem_strbuf_new(pool, "");
        for (guint i = 0; i < facts->n_alpn; i++) {
            const field_info *fi = facts->alpn[i];
            guint8 id[2];
            if (i)
                wmem_strbuf_append(buf, ", ");
            /* RFC 8701 2: two bytes 0x?A 0x?A are a GREASE identifier. */
            if (fi->length == 2 && fi->ds_tvb && tvb_bytes_exist(fi->ds_tvb, fi->start, 2)) {
                tvb_memcpy(fi->ds_tvb, id, fi->start, 2);
                if (tt_is_grease_alpn(id, 2)) {
                    wmem_strbuf_append(buf, "GREASE");
                    h->grease_alpn++;
                    continue;
                }
            }
            wmem_strbuf_append(buf, fvalue_get_string(TT_FI_VALUE(fi)));
        }
        h->alpn = wmem_strbuf_finalize(buf);
    }
    return h;
}

/* Whether a field's own value table names v. */
static gboolean table_names(const header_field_info *hfi, guint8 v)
{
    if (!hfi->strings)
        return FALSE;
    if (hfi->display & BASE_EXT_STRING)
        return try_val_to_str_ext(v, (value_string_ext *)hfi->strings) != NULL;
    if (hfi->display & (BASE_RANGE_STRING | BASE_VAL64_STRING | BASE_CUSTOM | BASE_UNIT_STRING))
        return FALSE;
    return try_val_to_str(v, (const value_string *)hfi->strings) != NULL;
}

/* Whether TLS's own table of handshake types (any copy of the field) names v. */
static gboolean known_handshake_type(guint8 v)
{
    for (int f = 0; f < F_COUNT; f++) {
        if (!is_type((field)f) || field_id[f] < 0)
            continue;
        for (header_field_info *h = proto_registrar_get_nth((guint)field_id[f]); h; h = h->same_name_next)
            if (table_names(h, v))
                return TRUE;
    }
    return FALSE;
}

/* A handshake item without a type is a fragment, ciphertext, or (TLS 4.0
 * labels it "Encrypted Handshake Message" too) one whole plaintext message
 * of a type TLS does not know: its 4-byte header's length then covers the
 * item exactly. Sets *type to that type. */
static gboolean unknown_type_message(const field_info *fi, guint8 *type)
{
    if (!fi || !fi->ds_tvb || fi->length < 4 || !tvb_bytes_exist(fi->ds_tvb, fi->start, 4))
        return FALSE;
    *type = tt_tvb_get_u8(fi->ds_tvb, fi->start);
    return (guint32)fi->length == 4 + tvb_get_ntoh24(fi->ds_tvb, fi->start + 1) &&
           !known_handshake_type(*type);
}

/* Whether the capture holds less of a handshake message than its header (4
 * bytes, DTLS 12) and length say (Wireshark 4.4 and later still name the
 * type of a message cut by a snapshot length); *captured gets what it
 * holds. */
static gboolean message_cut(const field_info *fi, guint32 header, guint32 length, guint32 *captured)
{
    gint have;

    if (!fi || !fi->ds_tvb || fi->start < 0)
        return FALSE;
    have = tvb_captured_length_remaining(fi->ds_tvb, fi->start);
    if (have < 0 || (guint32)have >= header + length)
        return FALSE;
    *captured = (guint32)have;
    return TRUE;
}

/* What the flow needs from a hello's values: the ClientHello's suites, the
 * ServerHello's chosen suite with its key exchange and whether it encrypts
 * (a suite whose name cannot be taken apart stays TT_KX_UNKNOWN: the texts
 * then say nothing that depends on it), and extended_master_secret. */
static void hello_facts(tt_event *ev, const tt_hello *h, wmem_allocator_t *pool)
{
    tt_suite s;

    ev->hello_read = true;
    ev->ems = h->ems;
    if (ev->hs_type == 1) {
        ev->suites = h->suites;
        ev->n_suites = h->n_suites;
    } else if (ev->hs_type == 2 && h->n_suites) {
        ev->suite = h->suites[0];
        ev->has_suite = true;
        if (tt_suite_parse(carries_suite_name(h->suites[0], pool), &s)) {
            ev->kx = tt_suite_kx(&s);
            ev->null_cipher = tt_suite_null_cipher(&s);
        }
    }
}

static void add_handshake(walk_state *st, const proto_node *node)
{
    hs_facts facts;
    collected_event *ce;
    guint8 unknown_type;
    guint32 suite, header;

    memset(&facts, 0, sizeof facts);
    read_handshake(node, &facts);
    if (!facts.type && st->record_has_type && unknown_type_message(PNODE_FINFO(node), &unknown_type)) {
        /* flow.c names it Unknown and says it cannot tell. */
        add_event(st, TT_EV_HANDSHAKE, PNODE_FINFO(node));
        ce = &g_array_index(st->events, collected_event, st->events->len - 1);
        ce->ev.hs_type = unknown_type;
        ce->ev.hs_length = (unsigned)PNODE_FINFO(node)->length - 4;
        return;
    }
    if (!facts.type) {
        /* TLS shows a handshake it could not decrypt without a type. */
        add_event(st, TT_EV_ENCRYPTED_HANDSHAKE, PNODE_FINFO(node));
        ce = &g_array_index(st->events, collected_event, st->events->len - 1);
        ce->ev.decrypted = in_decrypted_data(st->pinfo, PNODE_FINFO(node));
        return;
    }
    add_event(st, TT_EV_HANDSHAKE, PNODE_FINFO(node));
    ce = &g_array_index(st->events, collected_event, st->events->len - 1);
    ce->fragments = st->fragments;   /* TLS's reassembled item follows its fragments' list */
    st->fragments.n = 0;
    ce->ev.hs_type = tt_fi_uint(facts.type);
    ce->ev.hs_length = facts.length;
    /* A DTLS fragment (RFC 6347 4.2.3): kept only where its record shows
     * the message reassembled (walk). */
    ce->fragment = st->transport == TT_TRANSPORT_DTLS && facts.has_fragment &&
                   (facts.fragment_offset != 0 || facts.fragment_length != facts.length);
    /* DTLS: its 12-byte header (RFC 6347 4.2.2); a message reassembled from
     * fragments is whole by then, and the item shows only the last. */
    header = st->transport == TT_TRANSPORT_DTLS ? 12 : 4;
    if (st->record_has_type && !ce->fragment && message_cut(PNODE_FINFO(node), header, facts.length, &ce->captured))
        ce->whole = header + facts.length;
    if (st->decrypted < 0)
        st->decrypted = frame_has_decrypted_data(st->pinfo);
    ce->ev.decrypted = st->decrypted;
    ce->ev.sslv2 = !st->record_has_type;
    ce->ev.epoch = st->epoch;
    ce->ev.has_message_seq = facts.has_seq;
    ce->ev.message_seq = facts.message_seq;
    ce->is_client_hello = ce->ev.hs_type == 1;
    memcpy(ce->ev.session_id, facts.hello.session_id, facts.hello.session_id_len);
    ce->ev.session_id_len = facts.hello.session_id_len;
    if (ce->ev.hs_type == 1) {
        ce->ev.ticket_offered = facts.ticket;
        ce->ev.early_data_offered = facts.early_data;
        for (unsigned i = 0; i < facts.hello.n_versions && i < TT_MAX_SMALL; i++)
            ce->ev.offers_tls13 |= facts.hello.versions[i] == TT_TLS13;
    }
    if (ce->ev.hs_type == 2 && !ce->ev.sslv2 && facts.comp && u16_at(facts.comp, -2, &suite)) {
        /* The chosen suite sits just before the compression method. TLS
         * shows it with the field of the ClientHello's list, which the
         * tutor does not ask for: asking would make TLS create an item for
         * every suite of every ClientHello. */
        facts.hello.suites[0] = (uint16_t)suite;
        facts.hello.n_suites = 1;
    }
    if (ce->ev.sslv2 && (ce->ev.hs_type == 1 || ce->ev.hs_type == 4)) {
        /* SSL 2.0's hellos: the version tells an SSL 2.0 CLIENT-HELLO from a
         * TLS ClientHello in the SSLv2 format (RFC 5246 E.2). */
        ce->ev.version = facts.version;
        ce->ev.ssl2_session_id_hit = facts.ssl2_session_id_hit;
    }
    if (ce->ev.hs_type == 2 && !ce->ev.sslv2) {
        ce->ev.hrr_random = facts.hrr;
        ce->ev.version = facts.supported_version ? facts.supported_version : facts.version;
        ce->ev.psk_accepted = facts.psk;
    }
    if ((ce->ev.hs_type == 1 || ce->ev.hs_type == 2) && !ce->ev.sslv2)
        ce->hello = keep_hello(&facts, st->pinfo->pool);
    /* A CompressedCertificate (25) holds certificates where Wireshark
     * decompresses it. */
    if ((ce->ev.hs_type == 11 || ce->ev.hs_type == 25) && !ce->ev.sslv2)
        ce->certs = keep_certificates(node, st->pinfo->pool);
    if ((ce->ev.hs_type == 3 || ce->ev.hs_type == 8 || ce->ev.hs_type == 12 || ce->ev.hs_type == 13 ||
         ce->ev.hs_type == 15 || ce->ev.hs_type == 16 || ce->ev.hs_type == 20 || ce->ev.hs_type == 25) &&
        !ce->ev.sslv2) {
        ce->vals = wmem_new(st->pinfo->pool, tt_msgvals);
        *ce->vals = facts.vals;
        ce->vals->ech = facts.hello.ech;   /* EncryptedExtensions: retry_configs */
        ce->vals->has_cookie = facts.hello.has_cookie;   /* HelloVerifyRequest */
        ce->vals->cookie_len = (uint8_t)MIN(facts.hello.cookie_len, G_MAXUINT8);
    }
    if (ce->whole) {
        /* Its type is in the capture, not all its values: the texts quote
         * none of them rather than what a cut list shows. */
        ce->hello = NULL;
        ce->certs = NULL;
        ce->vals = NULL;
    }
    if (ce->hello)
        hello_facts(&ce->ev, ce->hello, st->pinfo->pool);
}

static void add_alert(walk_state *st, const proto_node *node)
{
    collected_event *ce;
    gboolean level = FALSE, desc = FALSE;

    add_event(st, TT_EV_ALERT, PNODE_FINFO(node));
    ce = &g_array_index(st->events, collected_event, st->events->len - 1);
    for (const proto_node *c = node->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        if (!fi || !fi->hfinfo)
            continue;
        if (field_of(fi) == F_ALERT_LEVEL) {
            ce->ev.alert_level = tt_fi_uint(fi);
            level = TRUE;
        } else if (field_of(fi) == F_ALERT_DESC) {
            ce->ev.alert_desc = tt_fi_uint(fi);
            desc = TRUE;
        }
    }
    /* An encrypted alert has neither. */
    ce->ev.alert_known = level && desc;
}

/* A ChangeCipherSpec, with its record's content type and length for the
 * texts (the record is its 5-byte header and the message). */
static void add_ccs(walk_state *st, const field_info *fi)
{
    collected_event *ce;
    tt_record *r;

    add_event(st, TT_EV_CHANGE_CIPHER_SPEC, fi);
    if (st->record_length < 0 || !st->record_has_type)
        return;   /* tls.record.length is asked for only while the texts are looked at */
    ce = &g_array_index(st->events, collected_event, st->events->len - 1);
    r = wmem_new0(st->pinfo->pool, tt_record);
    r->content_type = (uint8_t)st->content_type;
    r->length = (uint16_t)st->record_length;
    r->header = st->transport == TT_TRANSPORT_DTLS ? 13 : 5;
    if (fi->length >= 1 && fi->ds_tvb && tvb_bytes_exist(fi->ds_tvb, fi->start, 1)) {
        r->value = tt_tvb_get_u8(fi->ds_tvb, fi->start);
        r->has_value = TRUE;
    }
    ce->record = r;
}

static gboolean present(proto_tree *tree, int hf)
{
    GPtrArray *fis = hf > 0 ? proto_get_finfo_ptr_array(tree, hf) : NULL;

    return fis && fis->len > 0;
}

/* Whether a record is in the SSLv2 format: TLS gives such records the
 * generated version 0x0002 and no content type. */
static gboolean is_ssl2_record(const proto_node *record)
{
    for (const proto_node *c = record->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        if (fi && fi->hfinfo && field_of(fi) == F_RECORD_VERSION)
            return tt_fi_uint(fi) == 0x0002;
    }
    return FALSE;
}

/* The frames of a reassembly's pieces (tcp.segment, tls.handshake.fragment,
 * dtls.fragment: FT_FRAMENUM items) that overlap bytes [start, end) of the
 * reassembled data; all of them when end < 0. */
static tt_frames piece_frames(walk_state *st, const proto_node *list, field piece, gint start, gint end)
{
    wmem_array_t *frames = wmem_array_new(st->pinfo->pool, sizeof(guint32));
    tt_frames out;

    for (const proto_node *c = list->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        guint32 frame;

        if (field_of(fi) != piece || (end >= 0 && (fi->start >= end || fi->start + fi->length <= start)))
            continue;
        frame = tt_fi_uint(fi);
        wmem_array_append_one(frames, frame);
    }
    out.n = wmem_array_get_count(frames);
    out.frames = (const uint32_t *)wmem_array_get_raw(frames);
    return out;
}

/* A DTLS message is annotated once, where Wireshark shows it whole: right
 * after its last fragment's item, the record holds the reassembled
 * fragments (walk marks that one). Other fragments are dropped. */
static void drop_fragments(walk_state *st, guint from)
{
    for (guint i = from; i < st->events->len;) {
        if (g_array_index(st->events, collected_event, i).fragment)
            g_array_remove_index(st->events, i);
        else
            i++;
    }
}

static void reassembled_here(walk_state *st, const proto_node *fragments)
{
    collected_event *last;

    if (!st->events->len)
        return;
    last = &g_array_index(st->events, collected_event, st->events->len - 1);
    if (last->fragment) {
        last->fragment = FALSE;
        last->ev.reassembled = true;
        last->fragments = piece_frames(st, fragments, F_DTLS_FRAGMENT, 0, -1);
    }
}

/* A new record: its header is read from its items as the walk meets them.
 * A record in data TCP reassembled came in the segments over its bytes. */
static void start_record(walk_state *st, const field_info *fi)
{
    tt_carrier *r = wmem_new0(st->pinfo->pool, tt_carrier);

    g_ptr_array_add(st->carriers, r);
    r->number = (uint16_t)MIN(st->carriers->len, G_MAXUINT16);
    for (size_t i = 0; fi && i < G_N_ELEMENTS(st->segments) && st->segments[i]; i++) {
        const field_info *pdu = PNODE_FINFO(st->segments[i]);
        if (pdu && pdu->ds_tvb == fi->ds_tvb)
            r->segments = piece_frames(st, st->segments[i], F_TCP_SEGMENT, fi->start, fi->start + fi->length);
    }
    if (r->segments.n < 2)
        r->segments.n = 0;   /* in one segment: nothing to say */
    st->carrier = r;
    st->fragments.n = 0;
}

/* A record header's item: the tutor's copy of it (tlstutor.record.*). */
static void record_item(walk_state *st, field id, const field_info *fi)
{
    tt_carrier *r = st->carrier;

    if (!r)
        return;
    if (id == F_OPAQUE_TYPE || (id == F_CONTENT_TYPE && !r->has_content_type)) {
        /* With keys TLS shows the real type after the outer one. */
        r->content_type = (uint8_t)tt_fi_uint(fi);
        r->has_content_type = TRUE;
    } else if (id == F_RECORD_VERSION && !r->has_version) {
        r->version = (uint16_t)tt_fi_uint(fi);
        r->has_version = TRUE;
    } else if (id == F_RECORD_LENGTH && !r->has_length) {
        r->length = (uint16_t)tt_fi_uint(fi);
        r->has_length = TRUE;
    } else if (id == F_EPOCH && !r->has_epoch) {
        r->epoch = (uint16_t)tt_fi_uint(fi);
        r->has_epoch = TRUE;
    }
}

/* Every record of the frame knows how many there are, and the others. */
static void finish_records(walk_state *st)
{
    guint n = st->carriers->len;
    tt_carrier **all;

    if (!n)
        return;
    /* The values keep them: in the packet's pool. */
    all = (tt_carrier **)wmem_memdup(st->pinfo->pool, st->carriers->pdata, n * sizeof(tt_carrier *));
    for (guint i = 0; i < n; i++) {
        all[i]->in_frame = (uint16_t)MIN(n, G_MAXUINT16);
        all[i]->all = (const tt_carrier *const *)all;
    }
}

static void walk(walk_state *st, const proto_node *node)
{
    for (const proto_node *c = node->first_child; c; c = c->next) {
        const field_info *fi = PNODE_FINFO(c);
        field id = field_of(fi);

        if (id == F_RECORD) {
            guint before = st->events->len;

            st->record_has_type = FALSE;
            st->record_opaque = FALSE;
            st->record_length = -1;
            st->epoch = 0;
            start_record(st, fi);
            walk(st, c);
            drop_fragments(st, before);
            /* An SSLv2 record whose type TLS does not show ("Encrypted Data"). */
            if (st->events->len == before && !st->record_has_type && is_ssl2_record(c)) {
                add_event(st, TT_EV_SSL2_RECORD, fi);
                g_array_index(st->events, collected_event, st->events->len - 1).ev.sslv2 = true;
            }
            st->carrier = NULL;
        } else if (id == F_OPAQUE_TYPE) {
            /* Without keys a TLS 1.3 record shows only its outer (opaque) type;
             * with keys TLS adds the real content type after it. */
            st->record_has_type = TRUE;
            st->record_opaque = TRUE;
            record_item(st, id, fi);
        } else if (id == F_CONTENT_TYPE) {
            st->record_has_type = TRUE;
            st->record_opaque = FALSE;
            st->content_type = tt_fi_uint(fi);
            record_item(st, id, fi);
        } else if (id == F_RECORD_LENGTH) {
            st->record_length = (gint)tt_fi_uint(fi);
            record_item(st, id, fi);
        } else if (id == F_RECORD_VERSION) {
            record_item(st, id, fi);
        } else if (id == F_EPOCH) {
            st->epoch = tt_fi_uint(fi);
            record_item(st, id, fi);
        } else if (id == F_HS_FRAGMENTS) {
            st->fragments = piece_frames(st, c, F_HS_FRAGMENT, 0, -1);
        } else if (id == F_FRAGMENTS) {
            reassembled_here(st, c);
        } else if (id == F_ALERT) {
            add_alert(st, c);
        } else if (id == F_HANDSHAKE) {
            add_handshake(st, c);
        } else if (is_type(id)) {
            /* An SSLv2 record has its type without a handshake item. */
            add_handshake(st, c->parent);
        } else if (id == F_CCS) {
            add_ccs(st, fi);
        } else if (id == F_APP_DATA) {
            /* A zero-length record ("<MISSING>") carries no application data. */
            if (fi->length == 0)
                continue;
            add_event(st, TT_EV_APPLICATION_DATA, fi);
            g_array_index(st->events, collected_event, st->events->len - 1).ev.opaque =
                st->record_opaque;
        } else {
            walk(st, c);
        }
    }
}

/* QUIC's own items, in tree order: a packet's header form, type and
 * version, then Wireshark's note that it could not decrypt it, then its
 * frames. Long header packet types (RFC 9000 17.2): */
#define QUIC_0RTT 1
#define QUIC_HANDSHAKE 2
#define QUIC_RETRY 3

static gboolean is_quic_item(field f)
{
    return f == F_QUIC_HEADER_FORM || f == F_QUIC_PACKET_TYPE || f == F_QUIC_UNDECRYPTED ||
           f == F_QUIC_VERSION || f == F_QUIC_CLOSE_ERROR || f == F_QUIC_CLOSE_APP_ERROR;
}

static void quic_item(walk_state *st, field f, const field_info *fi)
{
    collected_event *last = st->events->len ? &g_array_index(st->events, collected_event, st->events->len - 1)
                                            : NULL;

    if (f == F_QUIC_HEADER_FORM) {
        st->quic_packet_type = -1;
    } else if (f == F_QUIC_PACKET_TYPE) {
        st->quic_packet_type = (int)tt_fi_uint(fi);
        if (st->quic_packet_type == QUIC_0RTT)
            add_event(st, TT_EV_QUIC_0RTT, fi);
        else if (st->quic_packet_type == QUIC_RETRY)
            add_event(st, TT_EV_QUIC_RETRY, fi);
    } else if (f == F_QUIC_VERSION && tt_fi_uint(fi) == 0) {
        add_event(st, TT_EV_QUIC_VERSION_NEGOTIATION, fi);
    } else if (f == F_QUIC_UNDECRYPTED && st->quic_packet_type == QUIC_HANDSHAKE) {
        add_event(st, TT_EV_QUIC_HANDSHAKE_PACKET, fi);
        st->quic_packet_type = -1;   /* one per packet */
    } else if (f == F_QUIC_UNDECRYPTED && st->quic_packet_type == QUIC_0RTT && last &&
               last->ev.kind == TT_EV_QUIC_0RTT) {
        last->ev.opaque = true;      /* its data stays encrypted */
    } else if (f == F_QUIC_CLOSE_ERROR || f == F_QUIC_CLOSE_APP_ERROR) {
        add_event(st, TT_EV_QUIC_CLOSE, fi);
        last = &g_array_index(st->events, collected_event, st->events->len - 1);
        last->ev.close_app = f == F_QUIC_CLOSE_APP_ERROR;
        last->ev.close_code = tt_fi_uint64(fi);
        last->vals = wmem_new0(st->pinfo->pool, tt_msgvals);
        last->vals->close_app = last->ev.close_app;
        last->vals->close_code = last->ev.close_code;
        last->vals->has_close = TRUE;
    }
}

/* TLS's items in QUIC: under the QUIC packet's CRYPTO frame when the tree
 * is shown, at the top when only the fields asked for are there. */
static void walk_quic(walk_state *st, const proto_node *node)
{
    for (const proto_node *c = node->first_child; c; c = c->next) {
        field f = field_of(PNODE_FINFO(c));

        if (f == F_TLS)
            walk(st, c);
        else if (is_quic_item(f))
            quic_item(st, f, PNODE_FINFO(c));
        else
            walk_quic(st, c);
    }
}

GArray *collect_frame(packet_info *pinfo, proto_tree *tree)
{
    walk_state st;

    g_array_set_size(events, 0);
    st.pinfo = pinfo;
    st.events = events;
    st.record_has_type = TRUE;
    st.record_opaque = FALSE;
    st.content_type = 0;
    st.record_length = -1;
    st.decrypted = -1;
    st.epoch = 0;
    st.carrier = NULL;
    g_ptr_array_set_size(carriers, 0);
    st.carriers = carriers;
    st.segments[0] = st.segments[1] = NULL;
    st.fragments.n = 0;
    /* TLS's items over UDP are QUIC's; DTLS's sit under a dtls item. */
    st.transport = pinfo->ptype == PT_UDP ? TT_TRANSPORT_QUIC : TT_TRANSPORT_TCP;
    if (!tree)
        return st.events;
    st.quic_packet_type = -1;
    /* TCP's reassembled PDUs: at the top, right after TCP's tree (where
     * TCP moves them) or wherever a tree nobody sees left them. */
    for (const proto_node *c = tree->first_child; c; c = c->next)
        if (field_of(PNODE_FINFO(c)) == F_TCP_SEGMENTS && !st.segments[1])
            st.segments[st.segments[0] ? 1 : 0] = c;
    for (const proto_node *c = tree->first_child; c; c = c->next) {
        field f = field_of(PNODE_FINFO(c));
        if (f == F_TLS)
            walk(&st, c);
        else if (f == F_DTLS && pinfo->ptype == PT_UDP) {
            st.transport = TT_TRANSPORT_DTLS;
            walk(&st, c);
        } else if (f == F_QUIC)
            walk_quic(&st, c);
        else if (is_quic_item(f))
            quic_item(&st, f, PNODE_FINFO(c));
        else if (!PNODE_FINFO(c) && st.transport == TT_TRANSPORT_QUIC)
            walk_quic(&st, c);   /* 4.6: a sparse tree's QUIC items under a node without field_info */
    }
    finish_records(&st);
    /* After the frame's TLS records: TCP's FIN or RST ends the connection. */
    if (present(tree, field_id[F_TCP_FIN]) || present(tree, field_id[F_TCP_RST]))
        add_event(&st, TT_EV_CLOSE, NULL);
    return st.events;
}
