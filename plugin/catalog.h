/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The tutor's text catalogue (texts.def) and message names (messages.def).
 * Pure C, no Wireshark: usable from tests and fuzzers. */
#ifndef TLSTUTOR_CATALOG_H
#define TLSTUTOR_CATALOG_H

typedef enum { TT_LANG_EN = 0, TT_LANG_JA = 1, TT_LANG_COUNT } tt_lang;

typedef enum {
#define TEXT(id, ref, se, sj, ye, yj, ee, ej) TT_TEXT_##id,
#include "texts.def"
    TT_TEXT_COUNT
} tt_text_id;

typedef enum {
#define PHRASE(id, en, ja) TT_PHRASE_##id,
#include "texts.def"
    TT_PHRASE_COUNT
} tt_phrase_id;

typedef enum {
#define MSG(id, type, name) TT_MSG_##id,
#include "messages.def"
    TT_MSG_COUNT
} tt_msg_id;

typedef enum { TT_PART_SHORT, TT_PART_SAYS, TT_PART_EXPLAIN, TT_PART_COUNT } tt_part;

/* Bounds-checked lookups; an out-of-range id gives a visible "?" text. */
const char *tt_text(tt_text_id id, tt_part part, tt_lang lang);
const char *tt_phrase(tt_phrase_id id, tt_lang lang);
/* The RFC sections a text's explanation rests on ("RFC 5246, 7.4.9"), the
 * same in every language. */
const char *tt_text_ref(tt_text_id id);
const char *tt_msg_name(tt_msg_id id);
/* Alerts (alerts.def): the RFC name and texts of an alert description, or
 * NULL for a description the catalogue does not know. Parts: SAYS, EXPLAIN. */
const char *tt_alert_name(int desc);
const char *tt_alert_text(int desc, tt_part part, tt_lang lang);
const char *tt_alert_ref(int desc);
/* For checks: the number of alert rows and the code of row i. */
int tt_alert_count(void);
int tt_alert_code(int i);
/* The message for a handshake type, or TT_MSG_UNKNOWN. */
tt_msg_id tt_msg_from_handshake_type(unsigned type);
/* Where messages.def keeps SSL 2.0's message codes, apart from TLS's. */
#define TT_SSL2_MSG_BASE 0x100
/* The message for an SSL 2.0 message code, or TT_MSG_UNKNOWN. */
tt_msg_id tt_msg_from_ssl2_type(unsigned type);

#endif
