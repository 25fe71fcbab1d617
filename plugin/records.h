/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Records and segments: which TLS (DTLS) record of the frame carries a
 * message and that record's header (tlstutor.record.*), and where a record
 * came in several TCP segments or a handshake message in several records
 * (tlstutor.segment, tlstutor.fragment), with a note in the explanation.
 * Read again from TLS's and TCP's items whenever a message is shown
 * (values.h's tt_carrier), never kept. */
#ifndef TLSTUTOR_RECORDS_H
#define TLSTUTOR_RECORDS_H

#include <epan/packet.h>

#include "state.h"

void records_register(int proto);
/* The record lines under a message (values may be NULL: not read). */
void records_render(const tt_values *values, tvbuff_t *tvb, int start, int length,
                    proto_tree *tree, tt_lang lang);
/* Notes for the explanation, each after sep: the segments, the fragments;
 * nothing where the message came whole. */
void records_notes(wmem_strbuf_t *buf, const tt_values *values, const char *sep, tt_lang lang,
                   wmem_allocator_t *pool);
/* Whether someone looks at what only the record items tell (these fields,
 * the explanation): then the next packets need TCP's and TLS's items. */
gboolean records_wanted(proto_tree *tree);
/* "handshake", "application_data": a content type's RFC name, or NULL. */
const char *records_content_type_name(unsigned type);
/* "6, 8, 10" (the packet's pool). */
const char *records_frame_list(const tt_frames *frames, wmem_allocator_t *pool);

#endif
