/* What the tutor keeps between passes: per connection (conversation data)
 * and per frame (proto data), both in file scope. Texts are not stored:
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

typedef struct {
    const tt_hello *hello;   /* hellos: the values they carry */
    const tt_certs *certs;   /* Certificate: its certificates */
    const tt_msgvals *vals;  /* other messages' values */
    tt_annotation a;
    guint32 conn;
    int start;
    int length;
    gint8 ds_index;          /* position in pinfo->data_src; -1: none */
    gboolean report_midstream : 1; /* the connection's first item, started mid-way */
} tt_item;

typedef struct {
    guint count;
    tt_item *items;
} tt_frame;

#endif
