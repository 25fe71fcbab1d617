/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reads what the TLS dissector found in one frame, in tree order, from the
 * fields the postdissector asked for: on the pass that reads the frame for
 * the flow, and again on a later pass for the values its texts quote. */
#ifndef TLSTUTOR_COLLECT_H
#define TLSTUTOR_COLLECT_H

#include <epan/packet.h>

#include "flow.h"
#include "values.h"

typedef struct {
    tt_event ev;               /* from_client is left for the caller */
    bool fragment;             /* DTLS: a fragment of a message (collect.c only) */
    bool is_client_hello;      /* the event that fixes the client's side */
    const field_info *where;   /* the bytes to point at */
    /* The values the texts quote, in the packet's pool. */
    tt_hello *hello;           /* hellos */
    tt_certs *certs;           /* Certificate: its certificates */
    tt_msgvals *vals;          /* key exchanges, CertificateRequest/Verify, Finished */
    tt_record *record;         /* ChangeCipherSpec: its record */
    guint32 captured, whole;   /* bytes of the message in the capture, and in all; 0, 0 if whole */
    tt_carrier *carrier;       /* the record that carries it; NULL outside records (QUIC, a close) */
    tt_frames fragments;       /* the records it was split over (tls.handshake.fragments) */
} collected_event;

/* Looks up TLS's field ids; call from the handoff. */
void collect_init(void);
/* The ids the postdissector must ask for (a GArray of int). */
GArray *collect_wanted_hfids(void);
/* Those of them only the texts need, not the flow (a GArray of int). */
GArray *collect_detail_hfids(void);
/* The events of this frame, in tree order, in an array the next call
 * reuses (not to be freed). */
GArray *collect_frame(packet_info *pinfo, proto_tree *tree);

#endif
