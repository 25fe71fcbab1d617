/* SPDX-License-Identifier: GPL-2.0-or-later */
/* TCP's own part of a TLS connection, as the ladder draws it around the TLS
 * handshake: the segments that open the connection (RFC 9293 3.5: SYN,
 * SYN-ACK, the ACK of the SYN-ACK) and those that close or abort it (3.6:
 * FIN; 3.5.2: RST). Pure C, no Wireshark: ladder.c feeds it every TCP
 * segment of one connection in capture order. */
#ifndef TLSTUTOR_TCPSTEPS_H
#define TLSTUTOR_TCPSTEPS_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
    TT_TCP_OTHER,              /* not drawn: data, pure ACKs, retransmitted SYNs */
    TT_TCP_SYN,                /* the active opener's SYN (no ACK) */
    TT_TCP_SYN_ACK,            /* the answer: its own SYN and the ACK of the first */
    TT_TCP_ACK,                /* the opener's first segment acknowledging the SYN-ACK */
    TT_TCP_ACK_DATA,           /* ... which already carries data */
    TT_TCP_FIN,                /* a side's first FIN: it sends no more data */
    TT_TCP_RST,                /* a side's first RST: the connection is aborted */
} tt_tcp_step;

/* One segment, as TCP's header says. Sides are told apart by who sent the
 * connection's first segment the capture holds (the SYN when captured). */
typedef struct {
    bool syn, ack, fin, rst;
    bool from_first;           /* sent by the side that sent the first segment seen */
    uint32_t seq;              /* raw sequence number */
    uint32_t ack_no;           /* raw acknowledgment number */
    uint32_t payload;          /* bytes of data */
} tt_tcp_segment;

/* What is known of one connection's TCP so far. Zero-initialise. */
typedef struct {
    bool syn_seen;             /* its opening SYN is in the capture */
    bool syn_from_first;
    bool syn_ack_seen;
    uint32_t syn_ack_seq;
    bool acked;                /* the handshake's ACK was seen */
    bool fin_seen[2];          /* indexed by from_first */
    bool rst_seen[2];
} tt_tcp_track;

/* What the segment is in the ladder; updates *track. */
tt_tcp_step tt_tcp_next(tt_tcp_track *track, const tt_tcp_segment *seg);

/* Whether the connection's TCP handshake is in the capture: false for a
 * capture that starts after the SYN (the ladder then says so). */
bool tt_tcp_opening_seen(const tt_tcp_track *track);

#endif
