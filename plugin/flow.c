/* The classic TLS 1.2 walk-through as rules. Steps are given only where the
 * tutor is sure: a full TLS 1.2 handshake whose ClientHello it saw. */
#include "flow.h"

#include <string.h>

enum { CLIENT = 0, SERVER = 1 };

static void add_note(tt_annotation *a, tt_phrase_id note)
{
    for (int i = 0; i < TT_MAX_NOTES; i++) {
        if (a->notes[i] == note)
            return;
        if (a->notes[i] == TT_NO_NOTE) {
            a->notes[i] = note;
            return;
        }
    }
}

/* Steps of the full TLS 1.2 handshake apply; otherwise say why not. */
static unsigned full_flow_step(const tt_flow *f, tt_annotation *a, unsigned step)
{
    if (!f->started) {
        add_note(a, TT_PHRASE_NOTE_MIDSTREAM);
        return 0;
    }
    if (f->version == TT_TLS13 || f->hrr) {
        add_note(a, TT_PHRASE_NOTE_TLS13);
        return 0;
    }
    if (f->renegotiating) {
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
        return 0;
    }
    if (f->abbreviated) {
        add_note(a, TT_PHRASE_NOTE_RESUMED);
        return 0;
    }
    return step;
}

static void client_hello(tt_flow *f, tt_annotation *a)
{
    if (!f->any_seen) {
        f->started = true;
        a->text = TT_TEXT_CLIENT_HELLO;
        a->step = 1;
    } else if (f->hrr && f->client_hellos == 1) {
        a->text = TT_TEXT_CLIENT_HELLO_AFTER_HRR;
        add_note(a, TT_PHRASE_NOTE_TLS13);
    } else {
        f->renegotiating = true;
        a->text = TT_TEXT_CLIENT_HELLO_AGAIN;
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
    }
    f->client_hellos++;
}

static void server_hello(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    if (ev->hrr_random) {
        f->hrr = true;
        a->msg = TT_MSG_HELLO_RETRY_REQUEST;
        a->text = TT_TEXT_HELLO_RETRY_REQUEST;
        add_note(a, TT_PHRASE_NOTE_TLS13);
        return;
    }
    f->server_hello_seen = true;
    if (ev->version)
        f->version = ev->version;
    a->text = f->version == TT_TLS13 ? TT_TEXT_SERVER_HELLO_13 : TT_TEXT_SERVER_HELLO;
    /* ServerHello is step 2 in TLS 1.2 and 1.3 alike, unless a retry came first. */
    if (!f->started)
        add_note(a, TT_PHRASE_NOTE_MIDSTREAM);
    else if (f->hrr)
        add_note(a, TT_PHRASE_NOTE_TLS13);
    else if (f->renegotiating)
        add_note(a, TT_PHRASE_NOTE_RENEGOTIATION);
    else
        a->step = 2;
}

static void finished(tt_flow *f, int side, tt_annotation *a)
{
    f->finished[side] = true;
    a->msg = TT_MSG_FINISHED;
    a->text = side == CLIENT ? TT_TEXT_FINISHED_CLIENT : TT_TEXT_FINISHED_SERVER;
    a->step = full_flow_step(f, a, side == CLIENT ? 11 : 13);
}

static void handshake(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;
    bool server = side == SERVER;

    if (ev->sslv2) {
        /* SSLv2 type 1 is CLIENT-HELLO; other SSLv2 messages are not explained. */
        if (ev->hs_type == 1) {
            a->msg = TT_MSG_CLIENT_HELLO;
            client_hello(f, a);
        } else {
            a->cannot_tell = true;
        }
        return;
    }
    a->msg = tt_msg_from_handshake_type(ev->hs_type);
    switch (a->msg) {
    case TT_MSG_CLIENT_HELLO: client_hello(f, a); return;
    case TT_MSG_SERVER_HELLO: server_hello(f, ev, a); return;
    case TT_MSG_FINISHED: finished(f, side, a); return;
    case TT_MSG_CERTIFICATE:
        a->text = server ? TT_TEXT_CERTIFICATE_SERVER : TT_TEXT_CERTIFICATE_CLIENT;
        a->step = full_flow_step(f, a, server ? 3 : 7);
        return;
    case TT_MSG_SERVER_KEY_EXCHANGE:
        a->text = TT_TEXT_SERVER_KEY_EXCHANGE;
        a->step = server ? full_flow_step(f, a, 4) : 0;
        return;
    case TT_MSG_CERTIFICATE_REQUEST:
        a->text = TT_TEXT_CERTIFICATE_REQUEST;
        a->step = server ? full_flow_step(f, a, 5) : 0;
        return;
    case TT_MSG_SERVER_HELLO_DONE:
        a->text = TT_TEXT_SERVER_HELLO_DONE;
        a->step = server ? full_flow_step(f, a, 6) : 0;
        return;
    case TT_MSG_CLIENT_KEY_EXCHANGE:
        a->text = TT_TEXT_CLIENT_KEY_EXCHANGE;
        a->step = server ? 0 : full_flow_step(f, a, 8);
        return;
    case TT_MSG_CERTIFICATE_VERIFY:
        a->text = server ? TT_TEXT_CERTIFICATE_VERIFY_SERVER : TT_TEXT_CERTIFICATE_VERIFY_CLIENT;
        a->step = server ? 0 : full_flow_step(f, a, 9);
        if (server || f->version == TT_TLS13)
            add_note(a, TT_PHRASE_NOTE_TLS13);
        return;
    case TT_MSG_NEW_SESSION_TICKET:
        a->text = f->version == TT_TLS13 ? TT_TEXT_NEW_SESSION_TICKET_13 : TT_TEXT_NEW_SESSION_TICKET;
        return;
    case TT_MSG_HELLO_REQUEST: a->text = TT_TEXT_HELLO_REQUEST; return;
    case TT_MSG_CERTIFICATE_STATUS: a->text = TT_TEXT_CERTIFICATE_STATUS; return;
    case TT_MSG_ENCRYPTED_EXTENSIONS: a->text = TT_TEXT_ENCRYPTED_EXTENSIONS; return;
    case TT_MSG_END_OF_EARLY_DATA: a->text = TT_TEXT_END_OF_EARLY_DATA; return;
    case TT_MSG_KEY_UPDATE: a->text = TT_TEXT_KEY_UPDATE; return;
    case TT_MSG_UNKNOWN: a->cannot_tell = true; return;
    default: a->text = TT_TEXT_OTHER; return;
    }
}

static bool encrypted_handshake(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    /* TLS shows a fragment of a longer message, and an undecrypted message,
     * both as a handshake item without a type. Decrypted data, or a side
     * that has not changed cipher yet, is not encrypted: a fragment. */
    if (ev->decrypted || !f->ccs[side])
        return false;
    a->encrypted = true;
    /* In TLS 1.2 the first handshake record after a side's ChangeCipherSpec
     * can only be that side's Finished. Anything else is not guessed. */
    if (f->ccs[side] && !f->finished[side] && f->version != TT_TLS13 && !f->hrr) {
        finished(f, side, a);
        add_note(a, TT_PHRASE_NOTE_ENCRYPTED);
        return true;
    }
    a->msg = TT_MSG_ENCRYPTED_HANDSHAKE;
    a->text = TT_TEXT_ENCRYPTED_HANDSHAKE;
    a->cannot_tell = true;
    add_note(a, TT_PHRASE_NOTE_KEYLOG);
    return true;
}

static void change_cipher_spec(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    a->msg = TT_MSG_CHANGE_CIPHER_SPEC;
    /* TLS 1.2 has no ChangeCipherSpec before the ServerHello; TLS 1.3's
     * compatibility one can come first from the client. */
    if (f->version == TT_TLS13 || f->hrr || (f->started && !f->server_hello_seen)) {
        a->text = TT_TEXT_CHANGE_CIPHER_SPEC_COMPAT;
        f->ccs[side] = true;
        return;
    }
    if (side == SERVER && !f->ccs[CLIENT] && f->started)
        f->abbreviated = true;
    a->text = side == CLIENT ? TT_TEXT_CHANGE_CIPHER_SPEC_CLIENT : TT_TEXT_CHANGE_CIPHER_SPEC_SERVER;
    a->step = full_flow_step(f, a, side == CLIENT ? 10 : 12);
    f->ccs[side] = true;
}

static bool application_data(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    int side = ev->from_client ? CLIENT : SERVER;

    /* Only the first record per direction, and only where the version is
     * known to be TLS 1.2 or older: in TLS 1.3 such records may still be
     * encrypted handshake messages. */
    if (f->app_data[side] || !f->server_hello_seen || f->version == TT_TLS13 || f->hrr)
        return false;
    f->app_data[side] = true;
    a->msg = TT_MSG_APPLICATION_DATA;
    a->text = side == CLIENT ? TT_TEXT_APPLICATION_DATA_CLIENT : TT_TEXT_APPLICATION_DATA_SERVER;
    a->step = full_flow_step(f, a, 14);
    return true;
}

bool tt_flow_next(tt_flow *f, const tt_event *ev, tt_annotation *a)
{
    memset(a, 0, sizeof *a);
    a->msg = TT_MSG_UNKNOWN;
    a->text = TT_TEXT_UNKNOWN;
    a->from_client = ev->from_client;
    for (int i = 0; i < TT_MAX_NOTES; i++)
        a->notes[i] = TT_NO_NOTE;

    switch (ev->kind) {
    case TT_EV_HANDSHAKE: handshake(f, ev, a); break;
    case TT_EV_ENCRYPTED_HANDSHAKE:
        if (!encrypted_handshake(f, ev, a))
            return false;
        break;
    case TT_EV_CHANGE_CIPHER_SPEC: change_cipher_spec(f, ev, a); break;
    case TT_EV_APPLICATION_DATA:
        if (!application_data(f, ev, a))
            return false;
        break;
    default: return false;
    }
    f->any_seen = true;
    a->seq = ++f->seq;
    return true;
}
