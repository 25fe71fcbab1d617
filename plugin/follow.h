/* SPDX-License-Identifier: GPL-2.0-or-later */
/* When the tutor reads a frame, and how it gets TLS's fields without making
 * tshark build a protocol tree for every packet. */
#ifndef TLSTUTOR_FOLLOW_H
#define TLSTUTOR_FOLLOW_H

#include <epan/packet.h>

typedef enum {
    TT_FOLLOW_CACHED,  /* read before, in order: show what was cached */
    TT_FOLLOW_READ,    /* next in order and TLS's fields are there: read it now */
    TT_FOLLOW_NOT_YET  /* not read in order: nothing can be said about it */
} tt_follow;

/* Takes the field ids the tutor reads and those of them only the texts
 * need (GArrays of int, freed here) and the
 * postdissector's handle; call from the handoff. */
void follow_handoff(dissector_handle_t handle, GArray *wanted, GArray *details, int proto_tls,
                    int proto_dtls, int proto_quic);
/* After follow_frame: whether this packet's tree held items of referenced
 * fields, the tutor's or others' (else it has nothing to read). */
gboolean follow_touched(void);
/* Whether the packets after this one, in this packet's pass, need the
 * fields only the texts quote (someone looks at the texts or expert infos). */
void follow_details_wanted(packet_info *pinfo, proto_tree *tree, gboolean wanted);
/* Whether this dissection has the fields the texts quote: a visible tree, or
 * they were marked (a pass whose first packets showed it needs them). */
gboolean follow_values_readable(proto_tree *tree);
/* The "always follow in tshark" preference changed. */
void follow_set_always(gboolean always);
/* A new capture file. */
void follow_init(void);
/* tshark: its filters, columns and taps are set before a pass starts and
 * stay for all of it, and nobody sees what it does not print (no status
 * bar, no packet list). */
gboolean follow_in_tshark(void);
/* What to do with this frame on this pass. */
tt_follow follow_frame(packet_info *pinfo, proto_tree *tree);

#endif
