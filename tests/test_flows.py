# SPDX-License-Identifier: GPL-2.0-or-later
"""For every bundled capture, the exact sequence of tutor messages per
connection: (frame, msg, sender, seq, step), with and without keys, in both
languages. The specs follow the textbook's 14 steps and the frame table in
pcaps/README.md (written by plain Wireshark, without the plugin)."""
import re

import pytest

from flow_specs import SHAPES
from test_unchanged import keys_of

C, S = "client", "server"


CLOSE = ((12, S), (14, C))   # close_notify alerts, encrypted: (frame, sender)


def alerts(frames, encrypted=True):
    return [(f, "Alert", who, None, encrypted) for f, who in frames]


def tls12_full(ch=4, sh=6, server_flight=(("Certificate", 6, 3), ("ServerKeyExchange", 6, 4),
               ("ServerHelloDone", 6, 6)), client_flight=8, server_finish=9, app=(10, 11),
               ticket=True, close=CLOSE, null_cipher=False):
    """A full TLS 1.2 handshake: (frame, msg, sender, step, encrypted without keys).
    null_cipher: nothing is encrypted (Wireshark reads the Finished and the
    alerts without keys)."""
    enc = not null_cipher
    seq = [(ch, "ClientHello", C, 1, False), (sh, "ServerHello", S, 2, False)]
    seq += [(f, m, S, step, False) for m, f, step in server_flight]
    if isinstance(client_flight, int):
        client_flight = [("ClientKeyExchange", client_flight, 8)]
    seq += [(f, m, C, step, False) for m, f, step in client_flight]
    last = client_flight[-1][1]
    seq += [(last, "ChangeCipherSpec", C, 10, False), (last, "Finished", C, 11, enc)]
    if ticket:
        seq.append((server_finish, "NewSessionTicket", S, None, False))
    seq += [(server_finish, "ChangeCipherSpec", S, 12, False),
            (server_finish, "Finished", S, 13, enc),
            (app[0], "ApplicationData", C, 14, False), (app[1], "ApplicationData", S, 14, False)]
    return seq + alerts(close, enc)


def tls12_resumed(ch=21, sh=23, client_finish=25, app=(26, 28), close=((29, S), (31, C))):
    """Abbreviated handshake (docs/flows.md B): the server changes cipher first."""
    return [(ch, "ClientHello", C, 1, False), (sh, "ServerHello", S, 2, False),
            (sh, "ChangeCipherSpec", S, 3, False), (sh, "Finished", S, 4, True),
            (client_finish, "ChangeCipherSpec", C, 5, False),
            (client_finish, "Finished", C, 6, True),
            (app[0], "ApplicationData", C, 7, False),
            (app[1], "ApplicationData", S, 7, False)] + alerts(close)


# TLS 1.3 (docs/flows.md C and D): without keys only the hellos and the
# compatibility ChangeCipherSpecs are readable; each side's first encrypted
# record is surely handshake, the rest of its first flight cannot be told.
def tls13_nokeys(hello, first_server, server_records, client_frame, client_records, ccs_step):
    return hello + [(first_server, "EncryptedHandshake", S, None, True)] + \
        [(first_server, "EncryptedRecord", S, None, True)] * server_records + \
        ([(client_frame, "ChangeCipherSpec", C, ccs_step, False)] if ccs_step else []) + \
        [(client_frame, "EncryptedHandshake", C, None, True)] + client_records


TLS13 = {
    "nokeys": tls13_nokeys(
        [(4, "ClientHello", C, 1, False), (6, "ServerHello", S, 2, False),
         (6, "ChangeCipherSpec", S, 3, False)], 6, 3, 8,
        [(9, "EncryptedRecord", C, None, True)], ccs_step=9),
    "keys": [(4, "ClientHello", C, 1, False), (6, "ServerHello", S, 2, False),
             (6, "ChangeCipherSpec", S, 3, False), (6, "EncryptedExtensions", S, 4, False),
             (6, "Certificate", S, 6, False), (6, "CertificateVerify", S, 7, False),
             (6, "Finished", S, 8, False), (8, "ChangeCipherSpec", C, 9, False),
             (8, "Finished", C, 12, False), (9, "ApplicationData", C, 14, False),
             (10, "NewSessionTicket", S, 13, False), (11, "NewSessionTicket", S, 13, False),
             (13, "ApplicationData", S, 14, False),
             (14, "Alert", S, None, False), (16, "Alert", C, None, False)],
}
HRR_HELLOS = [(4, "ClientHello", C, 1, False), (6, "HelloRetryRequest", S, 2, False),
              (6, "ChangeCipherSpec", S, 3, False), (8, "ChangeCipherSpec", C, 4, False),
              (8, "ClientHello", C, 5, False), (9, "ServerHello", S, 6, False)]
TLS13_HRR = {
    "nokeys": tls13_nokeys(HRR_HELLOS, 9, 3, 10, [(11, "EncryptedRecord", C, None, True)],
                           ccs_step=None),
    "keys": HRR_HELLOS + [
        (9, "EncryptedExtensions", S, 7, False), (9, "Certificate", S, 9, False),
        (9, "CertificateVerify", S, 10, False), (9, "Finished", S, 11, False),
        (10, "Finished", C, 14, False), (11, "ApplicationData", C, 16, False),
        (12, "NewSessionTicket", S, 15, False), (13, "NewSessionTicket", S, 15, False),
        (15, "ApplicationData", S, 16, False),
        (16, "Alert", S, None, False), (18, "Alert", C, None, False)],
}

# capture -> list of connections, each a list of
# (frame, msg, sender, step, encrypted without keys); for TLS 1.3 a pair
# (messages seen without keys, messages added by the keys).
# Two full handshakes without a ticket, one after the other.
TWO_NO_TICKET = [
    tls12_full(ticket=False),
    tls12_full(ch=21, sh=23, server_flight=(("Certificate", 23, 3), ("ServerKeyExchange", 23, 4),
                                            ("ServerHelloDone", 23, 6)),
               client_flight=25, server_finish=26, app=(27, 28), ticket=False,
               close=((29, S), (31, C)))]

SPECS = {
    "tls12-ecdhe-rsa.pcapng": [tls12_full()],
    "tls12-ticket.pcapng": [tls12_full()],
    "tls12-gnutls.pcapng": [tls12_full(close=((13, C), (14, S)))],
    "tls12-maxfrag.pcapng": [tls12_full()],
    "tls12-coalesced.pcapng": [tls12_full()],
    "tls12-port8443.pcapng": [tls12_full()],
    "tls12-rsa.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerHelloDone", 6, 6)))],
    "tls12-dhe.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerKeyExchange", 8, 4),
                                                   ("ServerHelloDone", 8, 6)),
                                    client_flight=10, server_finish=11, app=(12, 13),
                                    close=((14, S), (16, C)))],
    "tls12-long-chain.pcapng": [tls12_full(server_flight=(("Certificate", 10, 3),
                                                          ("ServerKeyExchange", 12, 4),
                                                          ("ServerHelloDone", 12, 6)),
                                           client_flight=14, server_finish=15, app=(16, 17),
                                           close=((18, S), (20, C)))],
    "tls12-client-cert.pcapng": [tls12_full(
        server_flight=(("Certificate", 8, 3), ("ServerKeyExchange", 8, 4),
                       ("CertificateRequest", 8, 5), ("ServerHelloDone", 8, 6)),
        client_flight=[("Certificate", 11, 7), ("ClientKeyExchange", 11, 8),
                       ("CertificateVerify", 11, 9)],
        server_finish=13, app=(14, 15), close=((16, S), (18, C)))],
    "tls12-no-ticket-two-conns.pcapng": TWO_NO_TICKET,
    # The same ports twice: the same frames as two-conns (pcaps/README.md).
    "tls12-same-port-twice.pcapng": TWO_NO_TICKET,
    "tls12-resumed-id.pcapng": [tls12_full(ticket=False), tls12_resumed()],
    "tls12-resumed-ticket.pcapng": [tls12_full(), tls12_resumed()],
    "tls12-expired-cert.pcapng": [tls12_full()],
    "tls12-self-signed.pcapng": [tls12_full()],
    "tls12-sha1-cert.pcapng": [tls12_full()],
    "tls12-cert-no-cn.pcapng": [tls12_full(server_flight=(("Certificate", 8, 3), ("ServerKeyExchange", 8, 4),
                                                          ("ServerHelloDone", 8, 6)),
                                           client_flight=10, server_finish=11, app=(12, 13),
                                           close=((14, S), (16, C)))],
    "tls12-weak-3des.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerHelloDone", 6, 6)),
                                          close=((13, C), (14, S)))],
    # Anonymous and PSK suites: no Certificate; PSK without a hint: no ServerKeyExchange.
    "tls12-anon-dh.pcapng": [tls12_full(server_flight=(("ServerKeyExchange", 6, 4), ("ServerHelloDone", 6, 6)))],
    "tls12-psk.pcapng": [tls12_full(server_flight=(("ServerHelloDone", 6, 6),))],
    "tls12-ecdhe-psk.pcapng": [tls12_full(server_flight=(("ServerKeyExchange", 6, 4), ("ServerHelloDone", 6, 6)))],
    "tls12-null.pcapng": [tls12_full(server_flight=(("Certificate", 6, 3), ("ServerHelloDone", 6, 6)),
                                     null_cipher=True)],
    "sslv2-client-hello.pcapng": [[
        (4, "ClientHello", C, 1, False), (6, "ServerHello", S, 2, False),
        (6, "Certificate", S, 3, False), (6, "ServerHelloDone", S, 6, False),
        (8, "ConnectionClosed", C, None, False)]],
    "tls13.pcapng": [TLS13],
    "tls13-hrr.pcapng": [TLS13_HRR],
}

SCOPE = {"tls12-port8443.pcapng": ["-o", "tlstutor.ports:8443"]}


def parse_shape(text):
    """flow_specs text -> list of connections of (frame, msg, sender, step, enc)."""
    conns, rows = [], []
    for line in text.strip().splitlines():
        words = line.split()
        if words == ["--"]:
            conns.append(rows)
            rows = []
            continue
        frame, who, msg, step = words[:4]
        rows.append((int(frame), msg, C if who == "C" else S,
                     None if step == "-" else int(step),
                     {(): False, ("E",): True, ("EK",): "always"}[tuple(words[4:])]))
    return conns + [rows]


for _pcap, _texts in SHAPES.items():
    _keys, _nokeys = parse_shape(_texts["keys"]), parse_shape(_texts["nokeys"])
    SPECS[_pcap] = [{"keys": k, "nokeys": n} for k, n in zip(_keys, _nokeys)]


def expected(pcap, with_keys):
    """(frame, msg, sender, seq, step, encrypted, conn), seq counted per connection.
    A row's encrypted is True (without keys only), False, or "always" (a key
    log cannot decrypt it: SSL 2.0)."""
    out = []
    for conn, spec in enumerate(SPECS[pcap], start=1):
        if isinstance(spec, dict):   # TLS 1.3: the keys change what can be seen
            rows = spec["keys" if with_keys else "nokeys"]
        else:
            rows = spec
        for seq, (frame, msg, sender, step, enc) in enumerate(rows, start=1):
            out.append((frame, msg, sender, seq, step,
                        enc == "always" or (enc is True and not with_keys), conn))
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
    ("Certificate", S): ("Server: here is my certificate.", "サーバー: これが私のサーバー証明書です。"),
    ("ServerHelloDone", S): ("Server: that is all from me for now; your turn.",
                             "サーバー: こちらからは以上です。あなたの番です。"),
    ("CertificateRequest", S): ("Server: please show me your certificate too.",
                                "サーバー: あなたの証明書も見せてください。"),
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
                        "ja": "3 Certificate: サーバーがサーバー証明書を送る"}[lang]
    assert short[11].startswith("11 Finished: ")


@pytest.mark.parametrize("lang,keylog,expert", [
    ("en", "tshark -o tls.keylog_file:FILE", "load a key log to see them"),
    ("ja", "鍵ログを読み込みます", "鍵ログを読み込んでください")])
def test_encrypted_finished_says_how_to_see_it(tshark, lang, keylog, expert):
    msgs = tshark.messages("tls12-ecdhe-rsa.pcapng", lang=lang)
    fins = [m for m in msgs if m.msg == "Finished"]
    assert [m.encrypted for m in fins] == [True, True]
    for m in fins:
        assert keylog in m.explain
    # The hint to load keys comes once per connection, on its first encrypted message.
    hints = [m for m in msgs for e in m.expert if expert in e]
    assert hints == [fins[0]]
    with_keys = tshark.messages("tls12-ecdhe-rsa.pcapng", keys="tls12-ecdhe-rsa.keys", lang=lang)
    for m in with_keys:
        assert not m.encrypted and not m.expert


def fields(tshark, pcap, *names, keys=None, lang=None):
    args = ["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-e", "frame.number", *sum((["-e", n] for n in names), [])]
    out = tshark.run(args + tshark.opts(keys, lang)).stdout
    return [line.split("\t") for line in out.splitlines()]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_flow_names(tshark, lang):
    flows = {
        "tls12-ecdhe-rsa.pcapng": {"en": ["TLS 1.2 full handshake"], "ja": ["TLS 1.2 完全なハンドシェイク"]},
        "tls12-client-cert.pcapng": {"en": ["TLS 1.2 full handshake",
                                            "TLS 1.2 full handshake, client authenticated"],
                                     "ja": ["TLS 1.2 完全なハンドシェイク",
                                            "TLS 1.2 完全なハンドシェイク、クライアント認証あり"]},
        "tls12-resumed-id.pcapng": {"en": ["TLS 1.2 full handshake", "TLS 1.2 resumed by session ID"],
                                    "ja": ["TLS 1.2 完全なハンドシェイク", "TLS 1.2 セッションIDによる再開"]},
        "tls12-resumed-ticket.pcapng": {"en": ["TLS 1.2 full handshake", "TLS 1.2 resumed by session ticket"],
                                        "ja": ["TLS 1.2 完全なハンドシェイク", "TLS 1.2 セッションチケットによる再開"]},
        "tls13.pcapng": {"en": ["TLS 1.3 full handshake"], "ja": ["TLS 1.3 完全なハンドシェイク"]},
        "tls13-hrr.pcapng": {"en": ["TLS 1.3 full handshake with HelloRetryRequest"],
                             "ja": ["TLS 1.3 HelloRetryRequestを伴う完全なハンドシェイク"]},
    }
    for pcap, names in flows.items():
        seen = []
        for row in fields(tshark, pcap, "tlstutor.flow", lang=lang):
            for flow in row[1].split("|") if row[1] else []:
                if flow not in seen:
                    seen.append(flow)
        assert seen == names[lang], pcap


def test_version_chosen_on_server_hello(tshark):
    rows = fields(tshark, "tls13.pcapng", "tlstutor.msg", "tlstutor.version")
    assert [r for r in rows if r[2]] == [["6", "ServerHello|ChangeCipherSpec|EncryptedHandshake|"
                                          "EncryptedRecord|EncryptedRecord|EncryptedRecord", "TLS 1.3"]]
    sh = [m for m in tshark.messages("tls13.pcapng") if m.msg == "ServerHello"][0]
    assert "legacy_version" in sh.explain and "supported_versions" in sh.explain
    rows = fields(tshark, "tls12-rsa.pcapng", "tlstutor.version")
    assert [r for r in rows if r[1]] == [["6", "TLS 1.2"]]


@pytest.mark.parametrize("lang,texts", [
    ("en", {"SKE": "No ServerKeyExchange (step 4)", "CR": "No CertificateRequest",
            "CC": "No client Certificate or CertificateVerify"}),
    ("ja", {"SKE": "ServerKeyExchange(手順4)なし", "CR": "CertificateRequestなし",
            "CC": "クライアントのCertificateとCertificateVerifyなし"})])
def test_skipped_steps(tshark, lang, texts):
    def skipped(pcap):
        rows = fields(tshark, pcap, "tlstutor.msg", "tlstutor.skipped", lang=lang)
        return [(r[0], [x[:len(t)] for x in r[2].split("|") if x for t in texts.values() if x.startswith(t)])
                for r in rows if r[2]]
    assert skipped("tls12-rsa.pcapng") == [("6", [texts["SKE"], texts["CR"]]), ("8", [texts["CC"]])]
    assert skipped("tls12-ecdhe-rsa.pcapng") == [("6", [texts["CR"]]), ("8", [texts["CC"]])]
    assert skipped("tls12-client-cert.pcapng") == []
    resumed = fields(tshark, "tls12-resumed-id.pcapng", "tlstutor.skipped", lang=lang)
    assert [r[0] for r in resumed if r[1] and ("resumed" in r[1] or "再開" in r[1])] == ["23"]


@pytest.mark.parametrize("lang,compat,encrypted", [
    ("en", "middlebox", "travels encrypted"), ("ja", "ミドルボックス", "暗号化されて送られます")])
def test_tls13_texts_explain_the_differences(tshark, lang, compat, encrypted):
    msgs = tshark.messages("tls13.pcapng", keys="tls13.keys", lang=lang)
    assert all(compat in m.explain for m in msgs if m.msg == "ChangeCipherSpec")
    cert = [m for m in msgs if m.msg == "Certificate"][0]
    assert encrypted in cert.explain
    sh = [m for m in msgs if m.msg == "ServerHello"][0]
    assert "key_share" in sh.explain


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
        ("ApplicationData", C, None, False), ("ApplicationData", S, None, False),
        ("Alert", S, None, True), ("Alert", C, None, True)]
    assert "does not show this connection's ClientHello" in msgs[0].explain
    assert any("starts after" in e for e in msgs[0].expert)
    assert sum(1 for m in msgs for e in m.expert if "starts after" in e) == 1


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_flow_names_of_other_shapes(tshark, lang):
    flows = {
        ("tls13-client-auth.pcapng", True): {
            "en": ["TLS 1.3 full handshake", "TLS 1.3 full handshake, client authenticated"],
            "ja": ["TLS 1.3 完全なハンドシェイク", "TLS 1.3 完全なハンドシェイク、クライアント認証あり"]},
        ("tls13-psk.pcapng", False): {
            "en": ["TLS 1.3 full handshake", "TLS 1.3 resumed with a pre-shared key (PSK)"],
            "ja": ["TLS 1.3 完全なハンドシェイク", "TLS 1.3 事前共有鍵(PSK)による再開"]},
        ("tls13-early-data.pcapng", True): {
            "en": ["TLS 1.3 full handshake",
                   "TLS 1.3 resumed with a pre-shared key (PSK), with 0-RTT early data"],
            "ja": ["TLS 1.3 完全なハンドシェイク",
                   "TLS 1.3 事前共有鍵(PSK)による再開、0-RTTアーリーデータあり"]},
        ("tls12-alert-handshake-failure.pcapng", False): {
            "en": ["handshake (version not chosen yet), failed: handshake_failure"],
            "ja": ["ハンドシェイク(バージョン未決定)、失敗: handshake_failure"]},
        ("tls12-alert-unknown-ca.pcapng", False): {
            "en": ["TLS 1.2 full handshake", "TLS 1.2 full handshake, failed: unknown_ca"],
            "ja": ["TLS 1.2 完全なハンドシェイク", "TLS 1.2 完全なハンドシェイク、失敗: unknown_ca"]},
        ("tls12-closed-mid-handshake.pcapng", False): {
            "en": ["TLS 1.2 full handshake", "TLS 1.2 full handshake, closed before the handshake finished"],
            "ja": ["TLS 1.2 完全なハンドシェイク", "TLS 1.2 完全なハンドシェイク、ハンドシェイク完了前に切断"]},
        ("tls10.pcapng", False): {"en": ["TLS 1.0 full handshake"], "ja": ["TLS 1.0 完全なハンドシェイク"]},
        ("tls11.pcapng", False): {"en": ["TLS 1.1 full handshake"], "ja": ["TLS 1.1 完全なハンドシェイク"]},
        ("tls13-gnutls-hrr.pcapng", False): {
            "en": ["TLS 1.3 full handshake with HelloRetryRequest"],
            "ja": ["TLS 1.3 HelloRetryRequestを伴う完全なハンドシェイク"]},
    }
    for (pcap, with_keys), names in flows.items():
        seen = []
        keys = keys_of(pcap) if with_keys else None
        for row in fields(tshark, pcap, "tlstutor.flow", keys=keys, lang=lang):
            for flow in row[1].split("|") if row[1] else []:
                if flow not in seen:
                    seen.append(flow)
        assert seen == names[lang], pcap


ALERTS = {  # capture -> (frame, sender, says in English, says in Japanese)
    "tls12-alert-handshake-failure.pcapng": (6, S, "Server: I cannot agree on any cipher suite or parameters with you; I am ending the handshake.", "サーバー: "),
    "tls12-alert-unknown-ca.pcapng": (8, C, "Client: your certificate chain does not lead to any certificate authority I trust; I am ending the connection.", "クライアント: "),
    "tls13-alert-protocol-version.pcapng": (6, S, "Server: I do not support the TLS version you want; I am ending the handshake.", "サーバー: "),
}


@pytest.mark.parametrize("pcap", sorted(ALERTS))
def test_alerts_explained_and_failure_reported(tshark, pcap):
    frame, sender, says_en, speaker_ja = ALERTS[pcap]
    name = {"tls12-alert-handshake-failure.pcapng": "handshake_failure",
            "tls12-alert-unknown-ca.pcapng": "unknown_ca",
            "tls13-alert-protocol-version.pcapng": "protocol_version"}[pcap]
    en = [m for m in tshark.messages(pcap) if m.msg == "Alert"]
    ja = [m for m in tshark.messages(pcap, lang="ja") if m.msg == "Alert"]
    assert [(m.frame, m.sender, m.step, m.encrypted) for m in en] == [(frame, sender, None, False)]
    assert en[0].label == f"Alert: fatal {name}"
    assert ja[0].label == f"Alert: 致命的 {name}"
    assert en[0].says == says_en
    assert ja[0].says.startswith(speaker_ja) and JAPANESE.search(ja[0].says)
    assert "The handshake failed here" in en[0].explain
    assert "ハンドシェイクはここで失敗しました" in ja[0].explain
    assert en[0].expert == [f"The handshake failed: fatal {name}"]
    assert ja[0].expert == [f"ハンドシェイクが失敗しました: 致命的 {name}"]


def test_close_notify_at_the_end_is_not_a_failure(tshark):
    msgs = tshark.messages("tls12-ecdhe-rsa.pcapng", keys="tls12-ecdhe-rsa.keys")
    alerts = [m for m in msgs if m.msg == "Alert"]
    assert [m.label for m in alerts] == ["Alert: warning close_notify"] * 2
    assert all(not m.expert for m in alerts)
    nokeys = [m for m in tshark.messages("tls12-ecdhe-rsa.pcapng") if m.msg == "Alert"]
    assert [m.label for m in nokeys] == ["Alert: encrypted alert"] * 2
    assert all("close_notify" in m.explain for m in nokeys)


def test_same_ports_twice_with_a_read_filter(tshark):
    """A new connection on the ports of an old one is a new connection, from
    step (1) again, also where a read filter drops its SYN and tshark gives
    the dropped frames' number to the next ones (the tutor keeps the last
    connections by port, checked against the conversation TCP found)."""
    pcap = "tls12-same-port-twice.pcapng"
    args = ["-r", tshark.pcap(pcap), "-o", f"tls.keylog_file:{tshark.pcap(keys_of(pcap))}",
            "-Y", "tlstutor", "-T", "fields", "-e", "tcp.stream", "-e", "tlstutor.conn",
            "-e", "tlstutor.step", "-E", "occurrence=a"]
    one = [("1", "1"), ("1,1,1,1", "2,3,4,6"), ("1,1,1", "8,10,11"), ("1,1", "12,13"), ("1", "14"),
           ("1", "14"), ("1", ""), ("1", "")]
    want = [("0", c, s) for c, s in one] + [("1", c.replace("1", "2"), s) for c, s in one]
    for extra in ([], ["-2", "-R", "tcp.stream == 0 || tls"]):
        rows = [tuple(line.split("\t")) for line in tshark.run(args + extra).stdout.splitlines()]
        assert rows == want, extra


def test_closed_mid_handshake(tshark):
    msgs = tshark.messages("tls12-closed-mid-handshake.pcapng")
    last = msgs[-1]
    assert (last.frame, last.msg, last.sender, last.step) == (8, "ConnectionClosed", C, None)
    assert last.expert == ["The handshake failed: connection closed before the handshake finished"]
    assert sum(1 for m in msgs if m.msg == "ConnectionClosed") == 1


@pytest.mark.parametrize("pcap,version", [("tls10.pcapng", "TLS 1.0"), ("tls11.pcapng", "TLS 1.1")])
def test_deprecated_versions(tshark, pcap, version):
    sh = [m for m in tshark.messages(pcap) if m.msg == "ServerHello"][0]
    assert f"Deprecated protocol version: {version}" in sh.expert
    assert "RFC 8996" in sh.explain
    ja = [m for m in tshark.messages(pcap, lang="ja") if m.msg == "ServerHello"][0]
    assert f"非推奨のプロトコルバージョンです: {version}" in ja.expert


def test_keylog_hint_once_per_connection_in_tls13(tshark):
    msgs = tshark.messages("tls13-psk.pcapng")
    hints = [(m.conn, m.msg) for m in msgs for e in m.expert if "key log" in e]
    assert hints == [(1, "EncryptedHandshake"), (2, "EncryptedHandshake")]
    assert tshark.messages("tls13-psk.pcapng", keys="tls13-psk.keys")[0].expert == []


@pytest.mark.parametrize("pcap", ["tls13.pcapng", "tls12-ecdhe-rsa.pcapng"])
def test_keys_embedded_in_the_pcapng(tshark, pcap):
    """editcap --inject-secrets: the capture decrypts with no preference set."""
    dsb = tshark.data / pcap.replace(".pcapng", "-dsb.pcapng")
    tshark.run([f"--inject-secrets=tls,{tshark.pcap(keys_of(pcap))}",
                tshark.pcap(pcap), str(dsb)], program="editcap")
    embedded = tshark.messages(dsb.name)
    assert embedded == tshark.messages(pcap, keys=keys_of(pcap))
    assert not any(m.encrypted for m in embedded)


@pytest.mark.parametrize("lang,note", [("en", "old SSLv2 record format"), ("ja", "古いSSLv2のレコード形式")])
def test_sslv2_client_hello(tshark, lang, note):
    ch = tshark.messages("sslv2-client-hello.pcapng", lang=lang)[0]
    assert (ch.msg, ch.step) == ("ClientHello", 1)
    assert note in ch.explain
