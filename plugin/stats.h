/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics > TLS Handshake Tutor and `-z tlstutor,tree`: connections by
 * flow, version, chosen cipher suite, outcome, client authentication and
 * keys. */
#ifndef TLSTUTOR_STATS_H
#define TLSTUTOR_STATS_H

void stats_register(void);

#endif
