/* What the tutor keeps between passes: per connection (conversation data)
 * and per frame (store.c), both in file scope. Texts are not stored:
 * they are looked up at display time, so a language change applies on
 * re-dissection. */
#ifndef TLSTUTOR_STATE_H
#define TLSTUTOR_STATE_H

#include <epan/packet.h>

#include "flow.h"
#include "values.h"

typedef struct {
    guint32 number;          /* 1, 2, ... in order of first annotation; 0 before */
    tt_flow flow;
    gboolean sides_known;
    address client_addr;
    guint32 client_port;
    gboolean midstream_reported;
    const tt_hello *client_hello;  /* the first ClientHello's values */
    const tt_hello *server_hello;  /* the first ServerHello's values */
} tt_conn;

typedef enum { TT_VALUES_NONE, TT_VALUES_HELLO, TT_VALUES_CERTS, TT_VALUES_MSG } tt_values_kind;

/* One annotated message. Kept for every one of a capture: keep it small. */
typedef struct {
    const void *values;      /* what it carries, as values_kind says */
    tt_annotation a;
    guint32 conn;
    int start;
    int length;
    gint8 ds_index;          /* position in pinfo->data_src; -1: none */
    guint8 values_kind : 2;  /* tt_values_kind */
    guint8 report_midstream : 1; /* the connection's first item, started mid-way */
} tt_item;

/* Hellos: the values they carry; NULL for other items. */
static inline const tt_hello *tt_item_hello(const tt_item *it)
{
    return it->values_kind == TT_VALUES_HELLO ? (const tt_hello *)it->values : NULL;
}

/* Certificate: its certificates. */
static inline const tt_certs *tt_item_certs(const tt_item *it)
{
    return it->values_kind == TT_VALUES_CERTS ? (const tt_certs *)it->values : NULL;
}

/* ServerKeyExchange, CertificateRequest, ClientKeyExchange,
 * CertificateVerify, Finished: their values. */
static inline const tt_msgvals *tt_item_vals(const tt_item *it)
{
    return it->values_kind == TT_VALUES_MSG ? (const tt_msgvals *)it->values : NULL;
}

typedef struct {
    guint count;
    tt_item *items;
} tt_frame;

#endif
