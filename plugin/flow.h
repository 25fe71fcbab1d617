/* The logic that decides what each record of a connection is and where it
 * stands in the handshake: which message, which step, which text.
 * Pure C, no Wireshark: tutor.c feeds it events in capture order, once. */
#ifndef TLSTUTOR_FLOW_H
#define TLSTUTOR_FLOW_H

#include <stdbool.h>

#include "catalog.h"

#define TT_TLS13 0x0304
#define TT_NO_NOTE TT_PHRASE_COUNT
#define TT_MAX_NOTES 2

typedef enum {
    TT_EV_HANDSHAKE,           /* a handshake message whose type TLS shows */
    TT_EV_ENCRYPTED_HANDSHAKE, /* a handshake record TLS could not decrypt */
    TT_EV_CHANGE_CIPHER_SPEC,
    TT_EV_APPLICATION_DATA,    /* one record of application data */
} tt_event_kind;

typedef struct {
    tt_event_kind kind;
    bool from_client;
    unsigned hs_type;    /* TT_EV_HANDSHAKE: the handshake type */
    bool sslv2;          /* the type comes from an SSLv2-format record */
    bool hrr_random;     /* ServerHello whose random is RFC 8446's HRR value */
    unsigned version;    /* ServerHello: the chosen version, 0 if unknown */
    bool decrypted;      /* TT_EV_ENCRYPTED_HANDSHAKE: shown in decrypted data */
} tt_event;

typedef struct {
    tt_msg_id msg;
    tt_text_id text;
    unsigned step;       /* 0: no place in the numbered flow */
    unsigned seq;        /* 1, 2, ... within the connection */
    bool from_client;
    bool encrypted;      /* recognised without being decrypted */
    bool cannot_tell;    /* the tutor cannot tell what this is */
    tt_phrase_id notes[TT_MAX_NOTES]; /* TT_NO_NOTE where unused */
} tt_annotation;

/* What the tutor knows about one connection so far. Zero-initialise. */
typedef struct {
    unsigned seq;
    bool any_seen;
    bool started;        /* the first message seen was the ClientHello */
    bool server_hello_seen;
    bool hrr;
    bool abbreviated;    /* resumed: the server changed cipher first */
    bool renegotiating;
    unsigned client_hellos;
    unsigned version;    /* negotiated version, 0 while unknown */
    bool ccs[2];         /* indexed by side: 0 client, 1 server */
    bool finished[2];
    bool app_data[2];
} tt_flow;

/* Feeds one event; returns false when the event gets no annotation: an
 * application data record after the first or whose meaning cannot be known
 * yet, or a fragment of a handshake message (annotated once reassembled). */
bool tt_flow_next(tt_flow *flow, const tt_event *ev, tt_annotation *out);

#endif
