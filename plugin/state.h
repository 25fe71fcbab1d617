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
    tt_flow flow;
    address client_addr;
    guint32 client_port;
    guint sides_known : 1;
    guint midstream_reported : 1;
    guint sh_ems : 1;        /* the first ServerHello accepted extended_master_secret */
    guint sh_seen : 1;
    /* The first ClientHello's suites (file scope), until its ServerHello. */
    guint16 ch_n_suites;     /* 0: none seen */
    guint16 *ch_suites;      /* the first MIN(ch_n_suites, TT_MAX_SUITES) */
} tt_conn;

/* One annotated message. Kept for every one of a capture: keep it small. */
typedef struct {
    tt_annotation a;
    /* What its texts need from its connection's earlier messages, whose
     * values are not kept. */
    guint16 suite;           /* ServerHello, HelloRetryRequest: the chosen suite */
    guint16 suite_position;  /* ServerHello: its 1-based place in the client's list, 0 unknown */
    guint16 client_suites;   /* ServerHello: how many the client offered */
    guint32 conn;
    int start;
    int length;
    gint8 ds_index;          /* position in pinfo->data_src; -1: none */
    guint8 report_midstream : 1; /* the connection's first item, started mid-way */
    guint8 has_suite : 1;
    guint8 echoes_session_id : 1; /* ServerHello */
    guint8 ems : 1;          /* ClientKeyExchange: the ServerHello accepted extended_master_secret */
} tt_item;

typedef struct {
    guint count;
    tt_item *items;
} tt_frame;

#endif
