/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libFuzzer harness for the handshake logic (plugin/flow.c): any sequence of
 * events, in any order and with any field values, as a broken or hostile
 * capture could make tutor.c feed it, must give annotations that keep the
 * promises of flow.h: every id inside its table, seq counting 1, 2, ...,
 * notes and skipped steps either a phrase or TT_NO_NOTE. A broken promise
 * aborts, which libFuzzer reports as a crash. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flow.h"

#define REQUIRE(cond)                                                          \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "fuzz_flow: broken promise: %s\n", #cond);         \
            abort();                                                           \
        }                                                                      \
    } while (0)

typedef struct {
    const uint8_t *p;
    size_t n;
} input;

static unsigned byte(input *in)
{
    if (!in->n)
        return 0;
    in->n--;
    return *in->p++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    input in = { data, size };
    tt_flow flow;
    unsigned seq = 0;
    uint16_t suites[TT_MAX_SUITES];

    tt_flow_init(&flow);
    while (in.n > 0) {
        tt_event ev;
        tt_annotation a;
        unsigned flags;

        memset(&ev, 0, sizeof ev);
        ev.kind = (tt_event_kind)(byte(&in) % (TT_EV_QUIC_CLOSE + 1));
        flags = byte(&in) | byte(&in) << 8;
        if (flags & 4096)
            ev.kind = (tt_event_kind)(TT_EV_QUIC_CLOSE + 1);   /* not a kind, must be ignored */
        ev.from_client = flags & 1;
        ev.sslv2 = flags & 2;
        ev.hrr_random = flags & 4;
        ev.ticket_offered = flags & 8;
        ev.early_data_offered = flags & 16;
        ev.psk_accepted = flags & 32;
        ev.decrypted = flags & 64;
        ev.opaque = flags & 128;
        ev.alert_known = flags & 256;
        ev.ssl2_session_id_hit = flags & 2048;
        ev.hs_type = byte(&in);
        ev.hs_length = byte(&in) | byte(&in) << 8 | byte(&in) << 16;
        /* Versions near the real ones (SSL 2.0's 0x0002 too), and now and then any. */
        if (flags & 512)
            ev.version = byte(&in) << 8 | byte(&in);
        else if ((ev.version = 0x0300 + byte(&in) % 7) == 0x0306)
            ev.version = TT_SSL20;
        ev.alert_level = byte(&in);
        ev.alert_desc = byte(&in);
        /* DTLS and QUIC: any transport (the first event's is the flow's),
         * epochs, message_seq past what the flow keeps (64), close codes. */
        {
            unsigned more = byte(&in);
            ev.transport = (tt_transport)(more % (TT_TRANSPORT_COUNT + 1));
            ev.has_message_seq = more & 4;
            ev.reassembled = more & 8;
            ev.close_app = more & 16;
            ev.epoch = (more >> 5) % 3;
            ev.message_seq = byte(&in);
            ev.close_code = more & 128 ? 0x100u + byte(&in) : (uint64_t)byte(&in) << (byte(&in) % 56);
        }
        /* Lengths over 32 included: flow.c must not trust them. */
        ev.session_id_len = byte(&in) % 40;
        for (unsigned i = 0; i < ev.session_id_len && i < sizeof ev.session_id; i++)
            ev.session_id[i] = (uint8_t)(flags & 1024 ? i : byte(&in));

        /* A hello's suites: any count, even past what the list holds
         * (the list never holds more than TT_MAX_SUITES). */
        ev.hello_read = flags & 8192;
        ev.ems = flags & 16384;
        ev.n_suites = byte(&in) | byte(&in) << 8;
        for (unsigned i = 0; i < ev.n_suites && i < TT_MAX_SUITES; i++)
            suites[i] = (uint16_t)(byte(&in) << 8 | byte(&in));
        ev.suites = flags & 32768 ? NULL : suites;
        ev.has_suite = ev.n_suites & 1;
        ev.suite = ev.n_suites ? suites[0] : 0;

        if (!tt_flow_next(&flow, &ev, &a))
            continue;
        REQUIRE(a.seq == ++seq);
        REQUIRE((unsigned)a.msg < TT_MSG_COUNT);
        REQUIRE((unsigned)a.text < TT_TEXT_COUNT);
        REQUIRE((unsigned)a.flow < TT_FLOW_COUNT);
        REQUIRE(a.from_client == ev.from_client);
        for (int i = 0; i < TT_MAX_NOTES; i++)
            REQUIRE((unsigned)a.notes[i] <= TT_NO_NOTE);
        for (int i = 0; i < TT_MAX_SKIPPED; i++)
            REQUIRE((unsigned)a.skipped[i] <= TT_NO_NOTE);
        REQUIRE(a.alert_desc == TT_NO_ALERT || (a.alert_desc >= 0 && a.alert_desc < 256));
        REQUIRE(a.suite_position <= TT_MAX_SUITES && a.suite_position <= a.client_suites);
        REQUIRE(!a.suite_position || (a.has_suite && flow.ch_suites[a.suite_position - 1] == a.suite));
        REQUIRE(strlen(tt_msg_name(a.msg)) > 0);
        REQUIRE(strlen(tt_text(a.text, TT_PART_EXPLAIN, TT_LANG_JA)) > 0);
        if (a.version && tt_version_name(a.version))
            REQUIRE(strlen(tt_version_name(a.version)) > 0);
    }
    return 0;
}
