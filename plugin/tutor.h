/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Registration of the TLS Handshake Tutor protocol and its postdissector. */
#ifndef TLSTUTOR_TUTOR_H
#define TLSTUTOR_TUTOR_H

#include "catalog.h"

/* The tap the tutor feeds on every pass: one tt_frame (state.h) per frame
 * it annotates. Its listeners ask for a tree (TL_REQUIRES_PROTO_TREE), so
 * that tshark builds one and the tutor follows (follow.c). */
#define TT_TAP "tlstutor"

void tlstutor_register(void);
void tlstutor_handoff(void);
/* The ladder, the Flow Graph and the statistics (a tap plugin). */
void tlstutor_register_taps(void);
/* The language chosen in the preferences. */
tt_lang tutor_language(void);

#endif
