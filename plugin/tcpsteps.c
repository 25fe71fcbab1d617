/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "tcpsteps.h"

/* The three-way handshake of RFC 9293 3.5: the SYN opens; the answer is a
 * SYN with ACK; the opener's first segment acknowledging that SYN (its
 * acknowledgment number is the SYN-ACK's sequence number plus one, a SYN
 * taking one number) completes it, and may already carry data. Anything
 * else during the opening (a retransmitted SYN) is not drawn. */
static tt_tcp_step opening(tt_tcp_track *t, const tt_tcp_segment *s)
{
    if (s->syn && !s->ack && !t->syn_seen && !t->syn_ack_seen) {
        t->syn_seen = true;
        t->syn_from_first = s->from_first;
        return TT_TCP_SYN;
    }
    if (s->syn && s->ack && t->syn_seen && !t->syn_ack_seen &&
        s->from_first != t->syn_from_first) {
        t->syn_ack_seen = true;
        t->syn_ack_seq = s->seq;
        return TT_TCP_SYN_ACK;
    }
    if (!s->syn && s->ack && t->syn_ack_seen && !t->acked &&
        s->from_first == t->syn_from_first && s->ack_no == t->syn_ack_seq + 1u) {
        t->acked = true;
        return s->payload ? TT_TCP_ACK_DATA : TT_TCP_ACK;
    }
    return TT_TCP_OTHER;
}

/* A side's first RST or FIN (RFC 9293 3.5.2, 3.6); a retransmitted FIN
 * is the same close and is not drawn again. */
static tt_tcp_step closing(tt_tcp_track *t, const tt_tcp_segment *s)
{
    int side = s->from_first ? 1 : 0;

    if (s->rst) {
        if (t->rst_seen[side])
            return TT_TCP_OTHER;
        t->rst_seen[side] = true;
        return TT_TCP_RST;
    }
    if (s->fin && !t->fin_seen[side]) {
        t->fin_seen[side] = true;
        return TT_TCP_FIN;
    }
    return TT_TCP_OTHER;
}

tt_tcp_step tt_tcp_next(tt_tcp_track *track, const tt_tcp_segment *seg)
{
    tt_tcp_step step = seg->rst ? TT_TCP_OTHER : opening(track, seg);

    return step != TT_TCP_OTHER ? step : closing(track, seg);
}

bool tt_tcp_opening_seen(const tt_tcp_track *track)
{
    return track->syn_seen;
}
