/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Each handshake drawn as a ladder of arrows: tshark's `-z tlstutor,ladder`
 * (text, one ladder per connection, in the tutor's language) and, where
 * seqana.h allows, the Flow Graph (`-z flow,tlstutor,standard`). */
#ifndef TLSTUTOR_LADDER_H
#define TLSTUTOR_LADDER_H

void ladder_register(int proto);

#endif
