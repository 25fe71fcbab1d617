/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tshark's `-z tlstutor,records`: each handshake as a ladder with one arrow
 * per TLS (DTLS) record of the frames the tutor annotates, beside the
 * ladder's one per message: the record's header and the messages inside,
 * and where it came in several TCP segments. Fed by its own tap, whose
 * data is the frame with its messages' values (records.h). */
#ifndef TLSTUTOR_RECORDS_VIEW_H
#define TLSTUTOR_RECORDS_VIEW_H

#include <epan/packet.h>

#include "state.h"

/* The tap (from the protocol's registration) and the view (a tap plugin). */
void records_view_register_tap(void);
void records_view_register(void);
/* Whether the view is open: it reads the records' lengths, which TLS shows
 * only while someone looks (fields.def's TEXT). */
gboolean records_view_listening(void);
/* Gives the view a frame the tutor annotated, with its values (the packet's pool). */
void records_view_queue(packet_info *pinfo, const tt_frame *frame, const tt_values *values);

#endif
