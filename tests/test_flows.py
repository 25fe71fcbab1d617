"""For every bundled capture, the exact sequence of tutor messages per
connection: (frame, msg, sender, seq, step), with and without keys, in both
languages. The specs follow the textbook's 14 steps and the frame table in
pcaps/README.md (written by plain Wireshark, without the plugin)."""
import re

import pytest

from test_unchanged import keys_of

C, S = "client", "server"


def tls12_full(ch=4, sh=6, server_flight=(("Certificate", 6, 3), ("ServerKeyExchange", 6, 4),
               ("ServerHelloDone", 6, 6)), client_flight=8, server_finish=9, app=(10, 11),
               ticket=True):
    """A full TLS 1.2 handshake: (frame, msg, sender, step, encrypted without keys)."""
    seq = [(ch, "ClientHello", C, 1, False), (sh, "ServerHello", S, 2, False)]
    seq += [(f, m, S, step, False) for m, f, step in server_flight]
    if isinstance(client_flight, int):
        client_flight = [("ClientKeyExchange", client_flight, 8)]
    seq += [(f, m, C, step, False) for m, f, step in client_flight]
    last = client_flight[-1][1]
    seq += [(last, "ChangeCipherSpec", C, 10, False), (last, "Finished", C, 11, True)]
    if ticket:
        seq.append((server_finish, "NewSessionTicket", S, None, False))
    seq += [(server_finish, "ChangeCipherSpec", S, 12, False),
            (server_finish, "Finished", S, 13, True),
            (app[0], "ApplicationData", C, 14, False), (app[1], "ApplicationData", S, 14, False)]
    return seq


def tls12_resumed(ch=21, sh=23, client_finish=25, app=(26, 28)):
    """Abbreviated handshake: the server changes cipher first; no full-flow steps."""
    return [(ch, "ClientHello", C, 1, False), (sh, "ServerHello", S, 2, False),
            (sh, "ChangeCipherSpec", S, None, False), (sh, "Finished", S, None, True),
            (client_finish, "ChangeCipherSpec", C, None, False),
            (client_finish, "Finished", C, None, True),
            (app[0], "ApplicationData", C, None, False), (app[1], "ApplicationData", S, None, False)]


TLS13_HELLOS = [(4, "ClientHello", C, 1, False), (6, "ServerHello", S, 2, False),
                (6, "ChangeCipherSpec", S, None, False), (8, "ChangeCipherSpec", C, None, False)]
TLS13_DECRYPTED = [(6, "EncryptedExtensions", S, None), (6, "Certificate", S, None),
                   (6, "CertificateVerify", S, None), (6, "Finished", S, None),
                   (8, "Finished", C, None), (10, "NewSessionTicket", S, None),
                   (11, "NewSessionTicket", S, None)]
HRR_HELLOS = [(4, "ClientHello", C, 1, False), (6, "HelloRetryRequest", S, None, False),
              (6, "ChangeCipherSpec", S, None, False), (8, "ChangeCipherSpec", C, None, False),
              (8, "ClientHello", C, None, False), (9, "ServerHello", S, None, False)]
HRR_DECRYPTED = [(9, "EncryptedExtensions", S, None), (9, "Certificate", S, None),
                 (9, "CertificateVerify", S, None), (9, "Finished", S, None),
                 (10, "Finished", C, None), (12, "NewSessionTicket", S, None),
                 (13, "NewSessionTicket", S, None)]

# capture -> list of connections, each a list of
# (frame, msg, sender, step, encrypted without keys); for TLS 1.3 a pair
# (messages seen without keys, messages added by the keys).
SPECS = {
    "tls12-ecdhe-rsa.pcapng": [tls12_full()],
    "tls12-ticket.pcapng": [tls12_full()],
    "tls12-gnutls.pcapng": [tls12_full()],
    "tls12-maxfrag.pcapng": [tls12_full()],
    "tls12-coalesced.pcapng": [tls12_full()],
    "tls12-port8443.pcapng": [tls12_full()],
    "tls12-rsa.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerHelloDone", 6, 6)))],
    "tls12-dhe.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerKeyExchange", 8, 4),
                                                   ("ServerHelloDone", 8, 6)),
                                    client_flight=10, server_finish=11, app=(12, 13))],
    "tls12-long-chain.pcapng": [tls12_full(server_flight=(("Certificate", 10, 3),
                                                          ("ServerKeyExchange", 12, 4),
                                                          ("ServerHelloDone", 12, 6)),
                                           client_flight=14, server_finish=15, app=(16, 17))],
    "tls12-client-cert.pcapng": [tls12_full(
        server_flight=(("Certificate", 8, 3), ("ServerKeyExchange", 8, 4),
                       ("CertificateRequest", 8, 5), ("ServerHelloDone", 8, 6)),
        client_flight=[("Certificate", 11, 7), ("ClientKeyExchange", 11, 8),
                       ("CertificateVerify", 11, 9)],
        server_finish=13, app=(14, 15))],
    "tls12-no-ticket-two-conns.pcapng": [
        tls12_full(ticket=False),
        tls12_full(ch=21, sh=23, server_flight=(("Certificate", 23, 3), ("ServerKeyExchange", 23, 4),
                                                ("ServerHelloDone", 23, 6)),
                   client_flight=25, server_finish=26, app=(27, 28), ticket=False)],
    "tls12-resumed-id.pcapng": [tls12_full(ticket=False), tls12_resumed()],
    "tls12-resumed-ticket.pcapng": [tls12_full(), tls12_resumed()],
    "tls13.pcapng": [(TLS13_HELLOS, TLS13_DECRYPTED)],
    "tls13-hrr.pcapng": [(HRR_HELLOS, HRR_DECRYPTED)],
}

SCOPE = {"tls12-port8443.pcapng": ["-o", "tlstutor.ports:8443"]}


def expected(pcap, with_keys):
    """(frame, msg, sender, seq, step, encrypted, conn), seq counted per connection."""
    out = []
    for conn, spec in enumerate(SPECS[pcap], start=1):
        if isinstance(spec, tuple):   # TLS 1.3: keys add messages, in frame order
            plain, decrypted = spec
            rows = list(plain) + ([(*d, False) for d in decrypted] if with_keys else [])
            order = {r: i for i, r in enumerate(plain)}
            # within a frame, decrypted messages follow the plain ones
            rows.sort(key=lambda r: (r[0], order.get(r, len(plain))))
        else:
            rows = spec
        for seq, (frame, msg, sender, step, enc) in enumerate(rows, start=1):
            out.append((frame, msg, sender, seq, step, enc and not with_keys, conn))
    return out


def test_every_capture_has_a_spec():
    from test_unchanged import CAPTURES
    assert sorted(SPECS) == CAPTURES


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", sorted(SPECS))
def test_exact_sequence(tshark, pcap, with_keys, lang):
    msgs = tshark.messages(pcap, keys=keys_of(pcap) if with_keys else None, lang=lang,
                           extra=SCOPE.get(pcap, []))
    got = [(m.frame, m.msg, m.sender, m.seq, m.step, m.encrypted, m.conn) for m in msgs]
    assert got == expected(pcap, with_keys)


JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.mark.parametrize("pcap", sorted(SPECS))
def test_texts_in_both_languages(tshark, pcap):
    extra = SCOPE.get(pcap, [])
    en = tshark.messages(pcap, lang="en", extra=extra)
    ja = tshark.messages(pcap, lang="ja", extra=extra)
    assert [m.key() for m in en] == [m.key() for m in ja]
    for e, j in zip(en, ja):
        assert e.says and e.explain and not JAPANESE.search(e.says + e.explain + e.label)
        assert JAPANESE.search(j.says) and JAPANESE.search(j.explain) and JAPANESE.search(j.label)
        prefix = f"{e.step} {e.msg}: " if e.step else f"{e.msg}: "
        assert e.label.startswith(prefix) and j.label.startswith(prefix)


SAYS = {  # (msg, sender) -> (English, Japanese), exactly as a student reads them
    ("Certificate", S): ("Server: here is my certificate.", "サーバ: これが私のサーバ証明書です。"),
    ("ServerHelloDone", S): ("Server: that is all from me for now; your turn.",
                             "サーバ: こちらからは以上です。あなたの番です。"),
    ("CertificateRequest", S): ("Server: please show me your certificate too.",
                                "サーバ: あなたの証明書も見せてください。"),
    ("ChangeCipherSpec", C): ("Client: from now on, everything I send is encrypted with the keys we agreed.",
                              "クライアント: これから送るものは、合意した鍵ですべて暗号化します。"),
}


@pytest.mark.parametrize("lang,col", [("en", 0), ("ja", 1)])
def test_exact_says(tshark, lang, col):
    msgs = tshark.messages("tls12-client-cert.pcapng", lang=lang)
    for (msg, sender), texts in SAYS.items():
        found = [m.says for m in msgs if m.msg == msg and m.sender == sender]
        assert found and set(found) == {texts[col]}, (msg, sender)
    short = {m.step: m.label for m in msgs if m.step}
    assert short[3] == {"en": "3 Certificate: server sends its certificate",
                        "ja": "3 Certificate: サーバがサーバ証明書を送る"}[lang]
    assert short[11].startswith("11 Finished: ")


@pytest.mark.parametrize("lang,keylog,expert", [
    ("en", "tshark -o tls.keylog_file:FILE", "load a key log to see it"),
    ("ja", "鍵ログを読み込みます", "鍵ログを読み込んでください")])
def test_encrypted_finished_says_how_to_see_it(tshark, lang, keylog, expert):
    msgs = tshark.messages("tls12-ecdhe-rsa.pcapng", lang=lang)
    fins = [m for m in msgs if m.msg == "Finished"]
    assert [m.encrypted for m in fins] == [True, True]
    for m in fins:
        assert keylog in m.explain
        assert any(expert in e for e in m.expert)
    with_keys = tshark.messages("tls12-ecdhe-rsa.pcapng", keys="tls12-ecdhe-rsa.keys", lang=lang)
    for m in with_keys:
        assert not m.encrypted and not m.expert


@pytest.mark.parametrize("lang,note", [("en", "abbreviated handshake"), ("ja", "簡略化ハンドシェイク")])
def test_resumed_connection_says_why_no_steps(tshark, lang, note):
    msgs = [m for m in tshark.messages("tls12-resumed-id.pcapng", lang=lang) if m.conn == 2]
    for m in msgs:
        if m.step is None:
            assert note in m.explain, m


@pytest.mark.parametrize("lang,note", [("en", "TLS 1.3"), ("ja", "TLS 1.3")])
def test_tls13_messages_say_why_no_steps(tshark, lang, note):
    msgs = tshark.messages("tls13.pcapng", keys="tls13.keys", lang=lang)
    for m in msgs:
        if m.step is None and m.msg not in ("NewSessionTicket",):
            assert note in m.explain, m
    assert [m.msg for m in msgs if m.msg == "ChangeCipherSpec"] == ["ChangeCipherSpec"] * 2
    compat = {"en": "middlebox", "ja": "ミドルボックス"}[lang]
    assert all(compat in m.explain for m in msgs if m.msg == "ChangeCipherSpec")


def test_capture_starting_mid_handshake(tshark):
    """Frames from the ServerHello on: messages are named, sides come from the
    port, but no step is given and an expert info says why."""
    cut = tshark.data / "midstream.pcapng"
    tshark.run(["-r", tshark.pcap("tls12-ecdhe-rsa.pcapng"), "-w", str(cut), "-Y", "frame.number >= 6"])
    msgs = tshark.messages("midstream.pcapng")
    assert [(m.msg, m.sender, m.step, m.encrypted) for m in msgs] == [
        ("ServerHello", S, None, False), ("Certificate", S, None, False),
        ("ServerKeyExchange", S, None, False), ("ServerHelloDone", S, None, False),
        ("ClientKeyExchange", C, None, False), ("ChangeCipherSpec", C, None, False),
        ("Finished", C, None, True), ("NewSessionTicket", S, None, False),
        ("ChangeCipherSpec", S, None, False), ("Finished", S, None, True),
        ("ApplicationData", C, None, False), ("ApplicationData", S, None, False)]
    assert "does not show this connection's ClientHello" in msgs[0].explain
    assert any("starts after" in e for e in msgs[0].expert)
    assert sum(1 for m in msgs for e in m.expert if "starts after" in e) == 1
