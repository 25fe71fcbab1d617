/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The logic that decides what each record of a connection is and where it
 * stands in the handshake: which message, which flow, which step, which
 * text. Pure C, no Wireshark: tutor.c feeds it events in capture order, once.
 * A tt_flow is everything the tutor keeps about one connection: every rule
 * that depends on earlier messages lives here.
 * The flows and their step numbers are documented in docs/flows.md. */
#ifndef TLSTUTOR_FLOW_H
#define TLSTUTOR_FLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "catalog.h"
#include "suite.h"
#include "values.h"

#define TT_SSL20 0x0002          /* SSL 2.0's version number (draft-hickman-netscape-ssl-00, C.1) */
#define TT_SSL30 0x0300
#define TT_TLS12 0x0303
#define TT_TLS13 0x0304
#define TT_DTLS10 0xfeff         /* DTLS counts down: one's complement of 1.0 (RFC 6347 4.1) */
#define TT_DTLS12 0xfefd
#define TT_DTLS13 0xfefc
#define TT_NO_NOTE TT_PHRASE_COUNT
#define TT_MAX_NOTES 3
#define TT_MAX_SKIPPED 3
#define TT_NO_ALERT (-1)
#define TT_MAX_RT_REASONS 4

typedef enum {
    TT_EV_HANDSHAKE,           /* a handshake message whose type TLS shows */
    TT_EV_ENCRYPTED_HANDSHAKE, /* a handshake item without type (encrypted or a fragment) */
    TT_EV_CHANGE_CIPHER_SPEC,
    TT_EV_APPLICATION_DATA,    /* one record of application data (or opaque TLS 1.3 record) */
    TT_EV_ALERT,
    TT_EV_CLOSE,               /* TCP FIN or RST */
    TT_EV_SSL2_RECORD,         /* an SSLv2-format record whose type TLS does not show ("Encrypted Data") */
    TT_EV_QUIC_HANDSHAKE_PACKET, /* a QUIC Handshake packet Wireshark could not decrypt */
    TT_EV_QUIC_0RTT,           /* a QUIC 0-RTT packet (opaque: not decrypted) */
    TT_EV_QUIC_VERSION_NEGOTIATION,
    TT_EV_QUIC_RETRY,
    TT_EV_QUIC_CLOSE,          /* a CONNECTION_CLOSE frame */
} tt_event_kind;

/* What carries the handshake messages (the value of tlstutor.transport). */
typedef enum {
    TT_TRANSPORT_TCP,          /* TLS records over TCP */
    TT_TRANSPORT_QUIC,         /* CRYPTO frames of QUIC packets, no records (RFC 9001 4) */
    TT_TRANSPORT_DTLS,         /* DTLS records over UDP (RFC 6347) */
    TT_TRANSPORT_COUNT
} tt_transport;

typedef struct {
    tt_event_kind kind;
    tt_transport transport;
    bool from_client;
    unsigned hs_type;          /* TT_EV_HANDSHAKE: the handshake type */
    bool sslv2;                /* the type comes from an SSLv2-format record (an SSL 2.0 message code) */
    bool ssl2_session_id_hit;  /* SSL 2.0 SERVER-HELLO: SESSION-ID-HIT is non-zero */
    unsigned hs_length;        /* the handshake message's length field, if known */
    bool hrr_random;           /* ServerHello whose random is RFC 8446's HRR value */
    unsigned version;          /* ServerHello: the chosen version; SSLv2-format
                                * CLIENT-HELLO: the version offered; 0 if unknown */
    uint8_t session_id[32];    /* hellos: the session ID */
    unsigned session_id_len;
    bool ticket_offered;       /* ClientHello: a non-empty session_ticket extension */
    bool early_data_offered;   /* ClientHello: the early_data extension */
    bool offers_tls13;         /* ClientHello: supported_versions lists TLS 1.3 */
    bool psk_accepted;         /* ServerHello: the pre_shared_key extension */
    bool hello_read;           /* hellos: the values below are in the capture */
    const uint16_t *suites;    /* ClientHello: its suites, the first MIN(n_suites, TT_MAX_SUITES) */
    unsigned n_suites;         /* ... all of them */
    bool has_suite;            /* ServerHello, HelloRetryRequest: the chosen suite is known */
    uint16_t suite;
    bool ems;                  /* ServerHello: extended_master_secret (RFC 7627) */
    tt_kx_kind kx;             /* ServerHello: the chosen suite's key exchange
                                * (TT_KX_UNKNOWN when it cannot be told) */
    bool null_cipher;          /* ServerHello: the chosen suite's cipher is NULL */
    bool decrypted;            /* handshake items: TLS decrypted data in this frame */
    bool opaque;               /* APPLICATION_DATA: TLS 1.3 record not decrypted */
    bool alert_known;          /* ALERT: level and description readable */
    unsigned alert_level, alert_desc;
    /* DTLS (RFC 6347 4.1, 4.2.2, 4.2.3) */
    unsigned epoch;            /* the record's epoch: 0 before the side's ChangeCipherSpec */
    bool has_message_seq;      /* handshake messages: message_seq is readable */
    unsigned message_seq;
    bool reassembled;          /* Wireshark put the message together from fragments */
    /* QUIC_CLOSE: the frame's kind and error code (RFC 9000 19.19) */
    bool close_app;            /* type 0x1d: the application's code */
    uint64_t close_code;
} tt_event;

typedef enum {
    TT_FLOW_UNKNOWN,           /* before the ServerHello */
    TT_FLOW_12_FULL,           /* also SSL 3.0, TLS 1.0 and 1.1 */
    TT_FLOW_12_RESUMED_ID,
    TT_FLOW_12_RESUMED_TICKET,
    TT_FLOW_13_FULL,
    TT_FLOW_13_HRR,
    TT_FLOW_13_PSK,
    TT_FLOW_SSL2,              /* SSL 2.0: no numbered steps */
    TT_FLOW_COUNT
} tt_flow_kind;

/* Kept for every annotated message of a capture (state.h), hence packed. */
typedef struct {
    uint8_t msg;               /* tt_msg_id */
    uint8_t step;              /* 0: no place in the numbered flow */
    uint16_t text;             /* tt_text_id; unused for alerts (alert_desc says) */
    uint16_t seq;              /* 1, 2, ... within the connection */
    bool from_client : 1;
    bool encrypted : 1;        /* named without being read (no key log) */
    bool cannot_tell : 1;      /* the tutor cannot tell what this is */
    bool keylog_hint : 1;      /* the connection's first encrypted item */
    bool failure : 1;          /* this item ended the handshake */
    bool show_version : 1;     /* the ServerHello: version chosen */
    /* The flow as known at this message (flow_known false before ServerHello). */
    bool flow_known : 1;
    bool client_auth : 1;
    bool early_data : 1;
    bool closed : 1;
    bool complete : 1;         /* both sides have finished the handshake */
    bool ssl2_keys : 1;        /* SSL 2.0: session keys agreed, every later record encrypted */
    bool ssl2_maybe_complete : 1; /* SSL 2.0: enough encrypted records for a finished
                                   * handshake; whether it finished cannot be told */
    bool report_midstream : 1; /* the connection's first item, started mid-way */
    uint8_t transport : 2;     /* tt_transport */
    bool retransmission : 1;   /* DTLS: a copy of a message already annotated */
    bool cookie_exchange : 1;  /* DTLS: the flow began with a HelloVerifyRequest */
    bool retry : 1;            /* QUIC: a Retry came before the ServerHello */
    /* What its texts need from the connection's earlier messages, whose
     * values are not kept. */
    bool has_suite : 1;        /* ServerHello, HelloRetryRequest: suite is the chosen suite */
    bool echoes_session_id : 1;/* ServerHello: its session ID is the ClientHello's */
    bool ems : 1;              /* ClientKeyExchange: the ServerHello accepted extended_master_secret */
    uint16_t suite;
    uint16_t suite_position;   /* ServerHello: its 1-based place in the client's list, 0 unknown */
    uint16_t client_suites;    /* ServerHello: how many the client offered */
    int16_t alert_desc;        /* TT_NO_ALERT, or the alert's description */
    uint8_t alert_level;
    uint8_t flow;              /* tt_flow_kind */
    uint16_t version;
    int16_t failed_alert;      /* TT_NO_ALERT, or the fatal alert that ended it */
    /* Round trips of the TLS handshake, counted from the ClientHello
     * (docs/flows.md J); 0 where they cannot be counted. */
    uint8_t round_trip;        /* the round trip this message belongs to */
    uint8_t handshake_round_trips; /* on the message that completes the handshake:
                                    * how many it took */
    uint8_t notes[TT_MAX_NOTES];      /* tt_phrase_id; TT_NO_NOTE where unused */
    uint8_t skipped[TT_MAX_SKIPPED];  /* tt_phrase_id; TT_NO_NOTE where unused */
} tt_annotation;
_Static_assert(TT_NO_NOTE <= UINT8_MAX, "phrase ids fit tt_annotation's notes");

/* What the tutor knows about one connection so far. Zero-initialise. */
typedef struct {
    unsigned seq;
    tt_transport transport;    /* as the first event said */
    bool any_seen;
    bool started;              /* the first message seen was the ClientHello */
    bool server_hello_seen;
    bool hrr;
    bool renegotiating;
    bool complete;             /* both sides finished the handshake */
    bool keylog_hinted;
    bool closed;
    tt_flow_kind flow;
    unsigned version;          /* negotiated version, 0 while unknown */
    unsigned client_hellos;
    uint8_t ch_session_id[32];
    unsigned ch_session_id_len;
    bool ch_ticket, ch_early_data, early_data_sent;
    bool ch_offers_13;
    bool seen_ske, seen_cr, seen_shd, client_auth;
    tt_kx_kind kx;             /* the last ServerHello's suite: key exchange */
    bool null_cipher;          /* ... and whether it encrypts nothing */
    int failed_alert;          /* set to TT_NO_ALERT by tt_flow_init */
    bool ccs[2];               /* indexed by side: 0 client, 1 server */
    bool finished[2];
    bool app_data[2];
    bool opaque_flight_done[2];/* TLS 1.3 without keys: first flight over */
    bool opaque_seen[2];       /* TLS 1.3 without keys: the side's first opaque record, or
                                * in QUIC its first Handshake packet, was annotated */
    bool ssl2;                 /* an SSL 2.0 CLIENT-HELLO or SERVER-HELLO was seen */
    bool ssl2_keys;            /* SSL 2.0: the session keys are agreed (5.4) */
    bool ssl2_maybe_complete;
    unsigned ssl2_encrypted[2];/* SSL 2.0: encrypted records annotated, per side */
    bool midstream_reported;
    /* The first ClientHello's suites, for the ServerHello's texts. */
    bool ch_kept;
    unsigned ch_n_suites;      /* all of them; the first TT_MAX_SUITES kept */
    uint16_t ch_suites[TT_MAX_SUITES];
    bool sh_seen;              /* the first ServerHello ... */
    bool sh_ems;               /* ... accepted extended_master_secret */
    /* DTLS */
    bool cookie_exchange;      /* a HelloVerifyRequest came before the ServerHello */
    /* QUIC */
    bool retry;                /* a Retry came before the ServerHello */
    bool version_negotiated;   /* a Version Negotiation packet was annotated */
    bool quic_closed[2];       /* per side: its CONNECTION_CLOSE was annotated */
    uint64_t seqs_seen[2];     /* per side: bit n set once message_seq n was annotated */
    /* Round trips (docs/flows.md J) */
    uint8_t round_trip;        /* the current one, 0 before the ClientHello */
    bool rt_answered;          /* the server's answer to the current round trip is over */
    bool rt_answer_unseen;     /* a HelloRetryRequest, HelloVerifyRequest or Retry
                                * was sent: the client's answer may not show */
    uint8_t rt_server_finished;/* the round trip of the server's Finished */
} tt_flow;

void tt_flow_init(tt_flow *flow);
/* Feeds one event; returns false when the event gets no annotation: an
 * application data record after the first or whose meaning cannot be known,
 * a fragment of a handshake message (annotated once reassembled), a TCP
 * close that ends nothing. */
bool tt_flow_next(tt_flow *flow, const tt_event *ev, tt_annotation *out);

/* Why a completed handshake took its round trips: up to TT_MAX_RT_REASONS
 * phrases, the flow's first, from the annotation of the message that
 * completed it. Returns how many. */
unsigned tt_round_trip_reasons(const tt_annotation *a, tt_phrase_id out[TT_MAX_RT_REASONS]);

/* Whether a ServerHello's session ID echoes the ClientHello's (non-empty). */
bool tt_same_session_id(const uint8_t *a, unsigned a_len, const uint8_t *b, unsigned b_len);

/* The TLS version a DTLS version is built on (RFC 4347 1, RFC 6347 1,
 * RFC 9147 1): DTLS 1.0 on TLS 1.1, 1.2 on 1.2, 1.3 on 1.3; any other
 * version as it is. Rules compare versions through it. */
unsigned tt_tls_version(unsigned version);

/* "tcp", "quic", "dtls": the value of tlstutor.transport, the same in every language. */
const char *tt_transport_name(tt_transport transport);

/* "TLS 1.2" and the like; NULL for an unknown version. */
const char *tt_version_name(unsigned version);

#endif
