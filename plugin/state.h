/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the tutor keeps between passes: per connection (conversation data)
 * and per frame (store.c), both in file scope. Texts are not stored:
 * they are looked up at display time, so a language change applies on
 * re-dissection. Nor are the values texts quote (values.h): TLS's fields
 * show them again whenever the message is shown. */
#ifndef TLSTUTOR_STATE_H
#define TLSTUTOR_STATE_H

#include <epan/packet.h>

#include "flow.h"
#include "values.h"

typedef struct {
    guint32 number;          /* 1, 2, ... in order of first annotation; 0 before */
    tt_flow flow;            /* everything else the tutor knows about it */
    address client_addr;
    guint32 client_port;
    guint sides_known : 1;
} tt_conn;

/* One annotated message. Kept for every one of a capture: keep it small. */
typedef struct {
    tt_annotation a;
    guint32 conn;
    int start;
    int length;
    gint8 ds_index;          /* position in pinfo->data_src; -1: none */
} tt_item;

typedef struct {
    guint count;
    tt_item *items;
} tt_frame;

#endif
