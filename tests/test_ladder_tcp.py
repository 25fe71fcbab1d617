# SPDX-License-Identifier: GPL-2.0-or-later
"""The whole conversation in the ladder (issue #15, item 2): TCP's opening
(SYN, SYN-ACK, the ACK of the SYN-ACK) and closing (FIN, RST) drawn around the
TLS arrows, and every arrow's time since the connection's first packet.

The oracle is plain tshark without the plugin: TCP's flags, raw sequence
numbers and frame.time_relative of every frame. The rule the oracle applies
is RFC 9293's (3.5 opening, 3.6 FIN, 3.5.2 RST), written here again from the
fields, not read from the plugin."""
from decimal import ROUND_HALF_UP, Decimal
import re

import pytest

from test_teaching import ladder_arrows, zrun
from test_unchanged import keys_of

HEADER = re.compile(r"^\s*(?:frame|フレーム)\s+(?:time|経過時間)\s+(?:rt|往復)\s+(\S+)\s+(\S+)$")
NOTE = {"en": "(TCP handshake not in the capture)",
        "ja": "(TCPのハンドシェイクはキャプチャに含まれていません)"}
KIND = [("TCP SYN-ACK:", "SYN-ACK"), ("TCP SYN:", "SYN"), ("TCP ACK:", "ACK"),
        ("TCP FIN:", "FIN"), ("TCP RST:", "RST")]
FIELDS = ["frame.number", "frame.time_relative", "tcp.stream", "ip.src", "tcp.srcport",
          "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack", "tcp.flags.fin", "tcp.flags.reset",
          "tcp.seq_raw", "tcp.ack_raw"]


def frames(tshark, pcap):
    """Every frame as plain tshark (no plugin) shows it: a dict of FIELDS."""
    args = ["-r", tshark.pcap(pcap), "-T", "fields", "-E", "occurrence=f"]
    for f in FIELDS:
        args += ["-e", f]
    out = tshark.run(args, plugin=False).stdout
    rows = [dict(zip(FIELDS, line.split("\t"))) for line in out.splitlines()]
    for r in rows:  # booleans: 1/0 on 4.0, True/False from 4.4 on
        for f in ("tcp.flags.syn", "tcp.flags.ack", "tcp.flags.fin", "tcp.flags.reset"):
            r[f] = r[f] in ("1", "True")
    return rows


def tcp_steps(segments):
    """(frame, sender, kind) of the segments RFC 9293 names: the SYN, its
    answer SYN-ACK, the SYN's sender's first segment acknowledging the SYN-ACK
    (acknowledgment number = the SYN-ACK's sequence number + 1), and each
    sender's first FIN and first RST."""
    steps, syn, synack, acked, fins, rsts = [], None, None, False, set(), set()
    for s in segments:
        me = (s["ip.src"], s["tcp.srcport"])
        if s["tcp.flags.reset"]:
            if me not in rsts:
                rsts.add(me)
                steps.append((s, "RST"))
            continue
        if s["tcp.flags.syn"] and not s["tcp.flags.ack"] and syn is None and synack is None:
            syn = me
            steps.append((s, "SYN"))
        elif s["tcp.flags.syn"] and s["tcp.flags.ack"] and syn and me != syn and synack is None:
            synack = int(s["tcp.seq_raw"])
            steps.append((s, "SYN-ACK"))
        elif (not s["tcp.flags.syn"] and s["tcp.flags.ack"] and synack is not None and not acked
              and me == syn and int(s["tcp.ack_raw"]) == (synack + 1) % 2**32):
            acked = True
            steps.append((s, "ACK"))
        elif s["tcp.flags.fin"] and me not in fins:
            fins.add(me)
            steps.append((s, "FIN"))
    return steps


def since(rel, frame, first):
    d = (Decimal(rel[frame]) - Decimal(rel[first])).quantize(Decimal("0.000001"), ROUND_HALF_UP)
    return f"{'-' if d < 0 else '+'}{abs(d):.6f}"


def connections(out):
    """{number: (client endpoint, whether the note is there)} of the ladder."""
    conns, num = {}, None
    for line in out.splitlines():
        m = re.match(r"^(?:Connection|接続) (\d+): ", line)
        if m:
            num = int(m.group(1))
        m = HEADER.match(line)
        if m:
            conns[num] = [m.group(1), False]
        if line.strip() in NOTE.values():
            conns[num][1] = True
    return conns


def expected(tshark, pcap, out):
    """The arrows the ladder must show, from plain tshark: its own TLS arrows
    (frame, sender, label) kept, TCP's computed; and every arrow's time."""
    rows = frames(tshark, pcap)
    rel = {int(r["frame.number"]): r["frame.time_relative"] for r in rows}
    arrows = ladder_arrows(out)
    want, notes = [], {}
    for num, (client, _) in connections(out).items():
        tls = [a for a in arrows if a[0] == num and not a[4].startswith("TCP ")]
        ip, port = client.rsplit(":", 1)
        segs = [r for r in rows if r["tcp.stream"] and
                port in (r["tcp.srcport"], r["tcp.dstport"])]
        streams = {r["tcp.stream"] for r in segs}
        assert len(streams) <= 1, streams
        first = int(segs[0]["frame.number"]) if segs else tls[0][1]
        tcp = [(num, int(s["frame.number"]), s["ip.src"] == ip and s["tcp.srcport"] == port, kind)
               for s, kind in tcp_steps(segs)]
        notes[num] = bool(segs) and not any(kind == "SYN" for *_, kind in tcp)
        merged = []
        for a in tls:
            while tcp and (tcp[0][1] < a[1] or (tcp[0][1] == a[1] and tcp[0][3] not in ("FIN", "RST"))):
                merged.append(tcp.pop(0))
            merged.append((num, a[1], a[3], a[4]))
        merged += tcp
        want += [(n, f, since(rel, f, first), c, k) for n, f, c, k in merged]
    return want, notes


def shown(out):
    """The ladder's arrows, TCP's labels reduced to their kind."""
    def kind(label):
        return next((k for prefix, k in KIND if label.startswith(prefix)), label)
    return [(n, f, t, c, kind(label)) for n, f, t, c, label in ladder_arrows(out)]


CASES = ["tls12-ecdhe-rsa.pcapng", "tls12-client-cert.pcapng", "tls12-closed-mid-handshake.pcapng",
         "tls12-no-ticket-two-conns.pcapng", "tls13-early-data.pcapng",
         "browser-chromium-tcp.pcapng", "malformed/midstream-certificate.pcapng",
         "malformed/midstream-client-key-exchange.pcapng", "sslv2-handshake.pcapng",
         "quic-ngtcp2.pcapng", "dtls12-openssl.pcapng"]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", CASES)
def test_tcp_arrows_and_times_match_plain_tshark(tshark, pcap, lang):
    keys = keys_of(pcap) if "/" not in pcap else None
    out = zrun(tshark, pcap, "tlstutor,ladder", keys=keys, lang=lang)
    want, notes = expected(tshark, pcap, out)
    assert want and shown(out) == want
    assert {n: note for n, (_, note) in connections(out).items()} == notes
    assert out.count(NOTE[lang]) == sum(notes.values())


def test_the_cases_hold_every_kind(tshark):
    """The oracle test above is only as good as its captures: together they
    hold every kind of TCP arrow, connections with and without TCP's opening,
    and connections without TCP (QUIC, DTLS)."""
    kinds, notes, no_tcp = set(), set(), 0
    for pcap in CASES:
        out = zrun(tshark, pcap, "tlstutor,ladder", keys=keys_of(pcap) if "/" not in pcap else None,
                   lang="en")
        want, seen = expected(tshark, pcap, out)
        kinds |= {k for *_, k in want if k in {"SYN", "SYN-ACK", "ACK", "FIN", "RST"}}
        notes |= set(seen.values())
        no_tcp += not any(k in ("SYN", "FIN", "RST") for *_, k in want) and not any(seen.values())
    assert kinds == {"SYN", "SYN-ACK", "ACK", "FIN", "RST"}
    assert notes == {True, False}
    assert no_tcp >= 2


# Checked by hand against `tshark -r X -T fields -e frame.number
# -e frame.time_relative -e tcp.flags.str` (times rounded to the microsecond).
EXACT = {
    ("tls12-closed-mid-handshake.pcapng", "en"): """
=== TLS Handshake Tutor: ladder ===

Connection 1: TLS 1.2 full handshake, closed before the handshake finished
  frame  time       rt    192.0.2.1:40546                                               192.0.2.2:443
      1  +0.000000        |-- TCP SYN: may I connect? (TCP's own handshake, before TLS) ----------->|
      2  +0.000034        |<- TCP SYN-ACK: yes, and here is my own SYN -----------------------------|
      3  +0.000049        |-- TCP ACK: got your SYN-ACK; TCP's connection is open ----------------->|
      4  +0.000097     1  |-- 1 ClientHello: client says hello and offers its options ------------->|
      6  +0.001213     1  |<- 2 ServerHello: server chooses the version and cipher suite -----------|
      6  +0.001213     1  |<- 3 Certificate: server sends its certificate --------------------------|
      6  +0.001213     1  |<- 4 ServerKeyExchange: server sends its key exchange parameters --------|
      6  +0.001213     1  |<- 6 ServerHelloDone: server is done with its hello ---------------------|
      8  +0.001301     2  |-- ConnectionClosed: connection closed before the handshake finished --->|
      8  +0.001301        |-- TCP FIN: I have no more data to send -------------------------------->|
      9  +0.001336        |<- TCP FIN: I have no more data to send ---------------------------------|

""",
    ("tls12-closed-mid-handshake.pcapng", "ja"): """
=== TLS Handshake Tutor: ラダー図 ===

接続 1: TLS 1.2 完全なハンドシェイク、ハンドシェイク完了前に切断
フレーム  経過時間   往復  192.0.2.1:40546                                                192.0.2.2:443
      1  +0.000000        |-- TCP SYN: 接続してもいいですか?(TLSの前の、TCP自身のハンドシェイク) --->|
      2  +0.000034        |<- TCP SYN-ACK: いいですよ。こちらのSYNも送ります ------------------------|
      3  +0.000049        |-- TCP ACK: SYN-ACKを受け取りました。TCPの接続が確立 -------------------->|
      4  +0.000097     1  |-- 1 ClientHello: クライアントのあいさつと提案 -------------------------->|
      6  +0.001213     1  |<- 2 ServerHello: サーバーがバージョンと暗号スイートを決定 ---------------|
      6  +0.001213     1  |<- 3 Certificate: サーバーがサーバー証明書を送る -------------------------|
      6  +0.001213     1  |<- 4 ServerKeyExchange: サーバーが鍵交換のパラメータを送る ---------------|
      6  +0.001213     1  |<- 6 ServerHelloDone: サーバーのあいさつ終了 -----------------------------|
      8  +0.001301     2  |-- ConnectionClosed: ハンドシェイク完了前に接続が閉じられた ------------->|
      8  +0.001301        |-- TCP FIN: こちらから送るデータはもうありません ------------------------>|
      9  +0.001336        |<- TCP FIN: こちらから送るデータはもうありません -------------------------|

""",
    ("malformed/midstream-certificate.pcapng", "en"): """
=== TLS Handshake Tutor: ladder ===

Connection 1: handshake (version not chosen yet)
  frame  time       rt    192.0.2.1:40000                                         192.0.2.2:443
                          (TCP handshake not in the capture)
      1  +0.000000        |<- Certificate: server sends its certificate ----------------------|
      1  +0.000000        |<- ServerKeyExchange: server sends its key exchange parameters ----|
      1  +0.000000        |<- ServerHelloDone: server is done with its hello -----------------|
      3  +0.002000        |-- ClientKeyExchange: client sends its key exchange -------------->|
      3  +0.002000        |-- ChangeCipherSpec: client switches to encryption --------------->|
      3  +0.002000        |-- Finished: client sends a check value over the handshake ------->|
      4  +0.003000        |<- NewSessionTicket: server hands the client a session ticket -----|
      4  +0.003000        |<- ChangeCipherSpec: server switches to encryption ----------------|
      4  +0.003000        |<- Finished: server sends a check value over the handshake --------|
      7  +0.006000        |<- Alert: encrypted alert -----------------------------------------|
      9  +0.008000        |-- Alert: encrypted alert ---------------------------------------->|
     10  +0.009000        |-- TCP FIN: I have no more data to send -------------------------->|
     11  +0.010000        |<- TCP FIN: I have no more data to send ---------------------------|

""",
    ("quic-ngtcp2.pcapng", "en"): """
=== TLS Handshake Tutor: ladder ===

Connection 1: TLS 1.3 full handshake
  frame  time       rt    192.0.2.1:37437                                           192.0.2.2:443
      1  +0.000000     1  |-- 1 ClientHello: client says hello and offers its options --------->|
      2  +0.003115     1  |<- 2 ServerHello: server chooses TLS 1.3 and sends its key share ----|
      2  +0.003115     1  |<- HandshakePacket: server's QUIC Handshake packet, encrypted -------|
      4  +0.004524     2  |-- HandshakePacket: client's QUIC Handshake packet, encrypted ------>|

""",
    ("dtls12-openssl.pcapng", "ja"): """
=== TLS Handshake Tutor: ラダー図 ===

接続 1: DTLS 1.2 HelloVerifyRequestを伴う完全なハンドシェイク
ハンドシェイクの往復数(ClientHelloから数えて): 3 (docs/flows.md J)
フレーム  経過時間   往復  192.0.2.1:56157                                                    192.0.2.2:443
      1  +0.000000     1  |-- 1 ClientHello: クライアントのあいさつと提案 ------------------------------>|
      2  +0.000457     1  |<- 2 HelloVerifyRequest: サーバーがクライアントにアドレスの証明を求める ------|
      3  +0.000495     2  |-- 3 ClientHello: クライアントがサーバーのクッキーを付けて再びあいさつ ------>|
      4  +0.001481     2  |<- 4 ServerHello: サーバーがバージョンと暗号スイートを決定 -------------------|
      4  +0.001481     2  |<- 5 Certificate: サーバーがサーバー証明書を送る -----------------------------|
      4  +0.001481     2  |<- 6 ServerKeyExchange: サーバーが鍵交換のパラメータを送る -------------------|
      4  +0.001481     2  |<- 8 ServerHelloDone: サーバーのあいさつ終了 ---------------------------------|
      5  +0.002109     3  |-- 10 ClientKeyExchange: クライアントが鍵交換の値を送る --------------------->|
      5  +0.002109     3  |-- 12 ChangeCipherSpec: クライアントが暗号化に切り替え ---------------------->|
      5  +0.002109     3  |-- 13 Finished: クライアントがハンドシェイクの検証値を送る ------------------>|
      6  +0.002282     3  |<- NewSessionTicket: サーバーがセッションチケットを渡す ----------------------|
      6  +0.002282     3  |<- 14 ChangeCipherSpec: サーバーが暗号化に切り替え ---------------------------|
      6  +0.002282     3  |<- 15 Finished: サーバーがハンドシェイクの検証値を送る -----------------------|
      7  +0.002407     4  |-- 16 ApplicationData: クライアントの最初のアプリケーションデータ(暗号化) --->|
      8  +0.989918     4  |<- 16 ApplicationData: サーバーの最初のアプリケーションデータ(暗号化) --------|
      9  +2.991987        |-- Alert: 暗号化されたアラート ---------------------------------------------->|
     10  +2.992116        |<- Alert: 暗号化されたアラート -----------------------------------------------|

""",
}


@pytest.mark.parametrize("pcap,lang", list(EXACT))
def test_exact_ladder(tshark, pcap, lang):
    assert zrun(tshark, pcap, "tlstutor,ladder", lang=lang) == EXACT[(pcap, lang)]


ACK_CARRIES_HELLO = {
    "en": "      3  +0.000182        |-- TCP ACK: got your SYN-ACK; this segment already carries the ClientHello --->|",
    "ja": "      3  +0.000182        |-- TCP ACK: SYN-ACKを受け取りました。このセグメントはもうClientHelloを運んでいます --->|",
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_opening_ack_may_carry_the_client_hello(tshark, lang):
    """Without its pure ACK (frame 3 deleted), the ClientHello's segment is
    the first to acknowledge the SYN-ACK: it completes TCP's opening and the
    ladder says it carries the ClientHello, drawn right before it."""
    cut = tshark.data / "ecdhe-without-ack.pcapng"
    if not cut.exists():
        tshark.run([tshark.pcap("tls12-ecdhe-rsa.pcapng"), str(cut), "3"], program="editcap")
        cut.chmod(0o666)
    lines = zrun(tshark, cut.name, "tlstutor,ladder", lang=lang).splitlines()
    at = lines.index(ACK_CARRIES_HELLO[lang])
    assert lines[at + 1].startswith("      3  +0.000182     1  |-- 1 ClientHello: ")
    assert [line[:9] for line in lines[at - 2:at]] == ["      1  ", "      2  "]
