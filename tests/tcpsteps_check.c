/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which TCP segments the ladder draws (plugin/tcpsteps.c), on sequences no
 * bundled capture holds: a SYN sent again, an ACK that does not acknowledge
 * the SYN-ACK, a SYN-ACK without a SYN, FINs sent again, RSTs from both
 * sides, sequence numbers that wrap. Exits non-zero and says which check
 * failed otherwise. */
#include <stdio.h>
#include <string.h>

#include "tcpsteps.h"

static int bad;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s:%d: %s\n", __func__, __LINE__, #cond);             \
            bad++;                                                             \
        }                                                                      \
    } while (0)

/* flags: any of "SAFR"; first: sent by the first sender. */
static tt_tcp_step seg(tt_tcp_track *t, const char *flags, bool first, uint32_t seq,
                       uint32_t ack, uint32_t payload)
{
    tt_tcp_segment s;

    memset(&s, 0, sizeof s);
    s.syn = strchr(flags, 'S') != NULL;
    s.ack = strchr(flags, 'A') != NULL;
    s.fin = strchr(flags, 'F') != NULL;
    s.rst = strchr(flags, 'R') != NULL;
    s.from_first = first;
    s.seq = seq;
    s.ack_no = ack;
    s.payload = payload;
    return tt_tcp_next(t, &s);
}

static void opening_and_close(void)
{
    tt_tcp_track t = { 0 };

    CHECK(seg(&t, "S", true, 100, 0, 0) == TT_TCP_SYN);
    CHECK(seg(&t, "S", true, 100, 0, 0) == TT_TCP_OTHER);       /* sent again */
    CHECK(seg(&t, "SA", false, 0xffffffffu, 101, 0) == TT_TCP_SYN_ACK);
    CHECK(seg(&t, "A", false, 0, 101, 0) == TT_TCP_OTHER);      /* the server's */
    CHECK(seg(&t, "A", true, 101, 5, 0) == TT_TCP_OTHER);       /* acknowledges something else */
    CHECK(seg(&t, "A", true, 101, 0, 517) == TT_TCP_ACK_DATA);  /* wraps: 0xffffffff + 1 */
    CHECK(seg(&t, "A", true, 618, 0, 0) == TT_TCP_OTHER);
    CHECK(tt_tcp_opening_seen(&t));
    CHECK(seg(&t, "AF", false, 0, 618, 0) == TT_TCP_FIN);
    CHECK(seg(&t, "AF", false, 0, 618, 0) == TT_TCP_OTHER);     /* sent again */
    CHECK(seg(&t, "AF", true, 618, 1, 0) == TT_TCP_FIN);
    CHECK(seg(&t, "R", true, 619, 0, 0) == TT_TCP_RST);
    CHECK(seg(&t, "R", true, 619, 0, 0) == TT_TCP_OTHER);
    CHECK(seg(&t, "RA", false, 1, 619, 0) == TT_TCP_RST);
}

static void midstream(void)
{
    tt_tcp_track t = { 0 };

    CHECK(seg(&t, "A", true, 5000, 7000, 100) == TT_TCP_OTHER);
    CHECK(seg(&t, "SA", false, 6999, 5000, 0) == TT_TCP_OTHER);  /* no SYN before it */
    CHECK(seg(&t, "A", true, 5100, 7000, 0) == TT_TCP_OTHER);
    CHECK(!tt_tcp_opening_seen(&t));
    CHECK(seg(&t, "AF", true, 5100, 7000, 0) == TT_TCP_FIN);
}

static void pure_ack_opening(void)
{
    tt_tcp_track t = { 0 };

    CHECK(seg(&t, "A", true, 77, 88, 0) == TT_TCP_OTHER);       /* an old connection's last ACK */
    CHECK(seg(&t, "S", false, 1, 0, 0) == TT_TCP_SYN);          /* the first sender need not open */
    CHECK(seg(&t, "SA", false, 9, 2, 0) == TT_TCP_OTHER);       /* not from the other side */
    CHECK(seg(&t, "SA", true, 9, 2, 0) == TT_TCP_SYN_ACK);
    CHECK(seg(&t, "A", false, 2, 10, 0) == TT_TCP_ACK);
    CHECK(seg(&t, "A", false, 2, 10, 300) == TT_TCP_OTHER);     /* only the first */
}

int main(void)
{
    opening_and_close();
    midstream();
    pure_ack_opening();
    printf("tcpsteps checks: %d failed\n", bad);
    return bad != 0;
}
