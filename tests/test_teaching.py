# SPDX-License-Identifier: GPL-2.0-or-later
"""Teaching pictures and counts: the text ladder (-z tlstutor,ladder), the
Flow Graph (-z flow,tlstutor,standard) and the statistics tree
(-z tlstutor,tree), in both languages, against the tutor's own fields."""
import re

import pytest

from test_unchanged import CAPTURES, keys_of

ECDHE_LADDER_EN = """
=== TLS Handshake Tutor: ladder ===

Connection 1: TLS 1.2 full handshake
Round trips of the handshake, counted from the ClientHello: 2 (docs/flows.md J)
  frame  time       rt    192.0.2.1:33206                                            192.0.2.2:443
      1  +0.000000        |-- TCP SYN: may I connect? (TCP's own handshake, before TLS) -------->|
      2  +0.000020        |<- TCP SYN-ACK: yes, and here is my own SYN --------------------------|
      3  +0.000033        |-- TCP ACK: got your SYN-ACK; TCP's connection is open -------------->|
      4  +0.000182     1  |-- 1 ClientHello: client says hello and offers its options ---------->|
      6  +0.001136     1  |<- 2 ServerHello: server chooses the version and cipher suite --------|
      6  +0.001136     1  |<- 3 Certificate: server sends its certificate -----------------------|
      6  +0.001136     1  |<- 4 ServerKeyExchange: server sends its key exchange parameters -----|
      6  +0.001136     1  |<- 6 ServerHelloDone: server is done with its hello ------------------|
      8  +0.001676     2  |-- 8 ClientKeyExchange: client sends its key exchange --------------->|
      8  +0.001676     2  |-- 10 ChangeCipherSpec: client switches to encryption --------------->|
      8  +0.001676     2  |-- 11 Finished: client sends a check value over the handshake ------->|
      9  +0.001878     2  |<- NewSessionTicket: server hands the client a session ticket --------|
      9  +0.001878     2  |<- 12 ChangeCipherSpec: server switches to encryption ----------------|
      9  +0.001878     2  |<- 13 Finished: server sends a check value over the handshake --------|
     10  +0.001957     3  |-- 14 ApplicationData: client's first application data, encrypted --->|
     11  +0.002003     3  |<- 14 ApplicationData: server's first application data, encrypted ----|
     12  +0.002020        |<- Alert: encrypted alert --------------------------------------------|
     14  +0.002035        |-- Alert: encrypted alert ------------------------------------------->|
     15  +0.002040        |-- TCP FIN: I have no more data to send ----------------------------->|
     16  +0.002059        |<- TCP FIN: I have no more data to send ------------------------------|

"""

CLIENT_CERT_LADDER_JA = """
=== TLS Handshake Tutor: ラダー図 ===

接続 1: TLS 1.2 完全なハンドシェイク、クライアント認証あり
ハンドシェイクの往復数(ClientHelloから数えて): 2 (docs/flows.md J)
フレーム  経過時間   往復  192.0.2.1:41494                                                    192.0.2.2:443
      1  +0.000000        |-- TCP SYN: 接続してもいいですか?(TLSの前の、TCP自身のハンドシェイク) ------->|
      2  +0.000029        |<- TCP SYN-ACK: いいですよ。こちらのSYNも送ります ----------------------------|
      3  +0.000043        |-- TCP ACK: SYN-ACKを受け取りました。TCPの接続が確立 ------------------------>|
      4  +0.000302     1  |-- 1 ClientHello: クライアントのあいさつと提案 ------------------------------>|
      6  +0.001086     1  |<- 2 ServerHello: サーバーがバージョンと暗号スイートを決定 -------------------|
      8  +0.001094     1  |<- 3 Certificate: サーバーがサーバー証明書を送る -----------------------------|
      8  +0.001094     1  |<- 4 ServerKeyExchange: サーバーが鍵交換のパラメータを送る -------------------|
      8  +0.001094     1  |<- 5 CertificateRequest: サーバーがクライアント証明書を要求 ------------------|
      8  +0.001094     1  |<- 6 ServerHelloDone: サーバーのあいさつ終了 ---------------------------------|
     11  +0.002292     2  |-- 7 Certificate: クライアントがクライアント証明書を送る -------------------->|
     11  +0.002292     2  |-- 8 ClientKeyExchange: クライアントが鍵交換の値を送る ---------------------->|
     11  +0.002292     2  |-- 9 CertificateVerify: クライアントが証明書の秘密鍵の所有を証明 ------------>|
     11  +0.002292     2  |-- 10 ChangeCipherSpec: クライアントが暗号化に切り替え ---------------------->|
     11  +0.002292     2  |-- 11 Finished: クライアントがハンドシェイクの検証値を送る ------------------>|
     13  +0.003089     2  |<- NewSessionTicket: サーバーがセッションチケットを渡す ----------------------|
     13  +0.003089     2  |<- 12 ChangeCipherSpec: サーバーが暗号化に切り替え ---------------------------|
     13  +0.003089     2  |<- 13 Finished: サーバーがハンドシェイクの検証値を送る -----------------------|
     14  +0.003233     3  |-- 14 ApplicationData: クライアントの最初のアプリケーションデータ(暗号化) --->|
     15  +0.003276     3  |<- 14 ApplicationData: サーバーの最初のアプリケーションデータ(暗号化) --------|
     16  +0.003298        |<- Alert: 警告 close_notify --------------------------------------------------|
     18  +0.003312        |-- Alert: 警告 close_notify ------------------------------------------------->|
     19  +0.003318        |-- TCP FIN: こちらから送るデータはもうありません ---------------------------->|
     20  +0.003346        |<- TCP FIN: こちらから送るデータはもうありません -----------------------------|

"""


def zrun(tshark, pcap, stat, keys=None, lang=None, extra=()):
    args = ["-r", tshark.pcap(pcap), "-q", "-z", stat, *tshark.opts(keys, lang, extra)]
    return tshark.run(args).stdout


def test_ladder_english(tshark):
    assert zrun(tshark, "tls12-ecdhe-rsa.pcapng", "tlstutor,ladder") == ECDHE_LADDER_EN


def test_ladder_japanese_with_keys(tshark):
    out = zrun(tshark, "tls12-client-cert.pcapng", "tlstutor,ladder",
               keys="tls12-client-cert.keys", lang="ja")
    assert out == CLIENT_CERT_LADDER_JA


def test_ladder_says_so_when_nothing_is_in_scope(tshark):
    out = zrun(tshark, "tls12-port8443.pcapng", "tlstutor,ladder")
    assert out == "\n=== TLS Handshake Tutor: ladder ===\nNo TLS handshake in the port scope.\n\n"
    ja = zrun(tshark, "tls12-port8443.pcapng", "tlstutor,ladder", lang="ja")
    assert "ポート範囲内にTLSハンドシェイクはありません。" in ja


# frame, time since the connection's first packet, round trip (blank for
# TCP's arrows and where the tutor gives none), arrow with its label
RUNG = re.compile(r"^\s*(\d+)  ([+-]\d+\.\d{6})  ( {0,3}\d+| {4})  \|(--|<-) (.*?) -+(->|--)\|$")


def ladder_arrows(out):
    """(connection, frame, time, from_client, label) of every arrow, TCP's too."""
    arrows, conn = [], None
    for line in out.splitlines():
        m = re.match(r"^(?:Connection|接続) (\d+): ", line)
        if m:
            conn = int(m.group(1))
        m = RUNG.match(line)
        if m:
            assert (m.group(4) == "--") == (m.group(6) == "->"), line
            arrows.append((conn, int(m.group(1)), m.group(2), m.group(4) == "--", m.group(5)))
    return arrows


def ladder_round_trips(out):
    """(connection, frame, round trip or None) of every TLS arrow."""
    trips, conn = [], None
    for line in out.splitlines():
        m = re.match(r"^(?:Connection|接続) (\d+): ", line)
        if m:
            conn = int(m.group(1))
        m = RUNG.match(line)
        if m and not m.group(5).startswith("TCP "):
            trips.append((conn, int(m.group(1)), int(m.group(3)) if m.group(3).strip() else None))
    return trips


def ladder_rungs(out):
    """(connection, frame, from_client, label) of every TLS arrow (TCP's are
    the arrows whose label starts with "TCP ")."""
    return [(conn, frame, client, label) for conn, frame, _, client, label in ladder_arrows(out)
            if not label.startswith("TCP ")]


def labels(messages):
    return [(m.conn, m.frame, m.sender == "client", m.label) for m in
            sorted(messages, key=lambda m: (m.conn, m.frame, m.seq))]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_ladder_has_one_arrow_per_message(tshark, pcap, with_keys, lang):
    keys = keys_of(pcap) if with_keys else None
    out = zrun(tshark, pcap, "tlstutor,ladder", keys=keys, lang=lang)
    assert ladder_rungs(out) == labels(tshark.messages(pcap, keys=keys, lang=lang))


def flow_graph_comments(out):
    """The comment column (the tutor's "says" line) of every arrow, in order."""
    return [line.split("|")[-1] for line in out.splitlines()
            if re.match(r"^(\d+\s*)?\|\d+\.\d+\|", line)]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", ["tls12-ecdhe-rsa.pcapng", "tls12-client-cert.pcapng",
                                  "tls13-hrr.pcapng", "tls12-no-ticket-two-conns.pcapng"])
def test_flow_graph_draws_every_message(tshark, pcap, lang):
    keys = keys_of(pcap)
    out = zrun(tshark, pcap, "flow,tlstutor,standard", keys=keys, lang=lang)
    says = [m.says for m in sorted(tshark.messages(pcap, keys=keys, lang=lang),
                                   key=lambda m: (m.frame, m.conn, m.seq))]
    assert flow_graph_comments(out) == says


def test_flow_graph_arrows_between_ports(tshark):
    out = zrun(tshark, "tls12-ecdhe-rsa.pcapng", "flow,tlstutor,standard").splitlines()
    assert out[2].startswith("|0.000182152|         1 ClientHello: clien ")
    assert out[3] == "|         |(33206)  ------------------>  (443)    |"
    assert out[5] == "|         |(33206)  <------------------  (443)    |"


def stats(out):
    """{top node: {child: count}} and {top node: count} from -z tlstutor,tree."""
    tree, tops, top = {}, {}, None
    for line in out.splitlines():
        parts = re.split(r"\s{2,}", line.rstrip())
        if len(parts) < 2 or not parts[1].isdigit():
            continue
        if line.startswith(" "):
            tree[top][parts[0].strip()] = int(parts[1])
        else:
            top = parts[0]
            tops[top] = int(parts[1])
            tree[top] = {}
    return tops, tree


def test_stats_two_connections_one_resumed(tshark):
    tops, tree = stats(zrun(tshark, "tls12-resumed-id.pcapng", "tlstutor,tree",
                            keys="tls12-resumed-id.keys"))
    assert tops["TLS connections"] == 2
    assert tree["By handshake flow"] == {"TLS 1.2 full handshake": 1,
                                         "TLS 1.2 resumed by session ID": 1,
                                         "not known (no ServerHello)": 0}
    assert tree["By negotiated version"] == {"TLS 1.2": 2, "not known (no ServerHello)": 0}
    assert tree["By chosen cipher suite"] == {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256": 2,
                                              "not known (no ServerHello)": 0}
    assert tree["By outcome"] == {"handshake completed": 2, "not finished in this capture": 0}
    assert tree["Client authentication"] == {"not asked": 2}
    assert tree["Keys"] == {"encrypted handshake decrypted (key log loaded)": 2,
                            "no encrypted handshake message seen": 0}


def test_stats_without_keys_and_with_client_auth(tshark):
    _, tree = stats(zrun(tshark, "tls12-client-cert.pcapng", "tlstutor,tree"))
    assert tree["Client authentication"] == {"server asked for a client certificate": 1,
                                             "not asked": 0}
    assert tree["Keys"] == {"encrypted handshake not decrypted (no key log)": 1,
                            "no encrypted handshake message seen": 0}


@pytest.mark.parametrize("pcap,keys,auth,outcome", [
    # TLS 1.3 asks for a client certificate in an encrypted CertificateRequest.
    ("tls13-client-auth.pcapng", None, "cannot tell (TLS 1.3 asks in an encrypted CertificateRequest)",
     "handshake completed"),
    ("tls13-client-auth.pcapng", "tls13-client-auth.keys", "server asked for a client certificate",
     "handshake completed"),
    # QUIC without keys: the client's Finished may be in any Handshake packet.
    ("quic-ngtcp2.pcapng", None, "cannot tell (TLS 1.3 asks in an encrypted CertificateRequest)",
     "QUIC without a key log: finished or not, cannot tell"),
    ("quic-ngtcp2.pcapng", "quic-ngtcp2.keys", "not asked", "handshake completed"),
])
def test_stats_say_what_cannot_be_told(tshark, pcap, keys, auth, outcome):
    _, tree = stats(zrun(tshark, pcap, "tlstutor,tree", keys=keys))
    assert {k for k, v in tree["Client authentication"].items() if v} == {auth}
    assert {k for k, v in tree["By outcome"].items() if v} == {outcome}


def test_stats_failed_and_closed(tshark):
    _, failed = stats(zrun(tshark, "tls12-alert-unknown-ca.pcapng", "tlstutor,tree"))
    assert failed["By outcome"] == {"failed (fatal alert)": 1, "not finished in this capture": 0}
    _, closed = stats(zrun(tshark, "tls12-closed-mid-handshake.pcapng", "tlstutor,tree"))
    assert closed["By outcome"] == {"closed before the handshake finished": 1,
                                    "not finished in this capture": 0}


def test_stats_japanese(tshark):
    tops, tree = stats(zrun(tshark, "tls13-hrr.pcapng", "tlstutor,tree",
                            keys="tls13-hrr.keys", lang="ja"))
    assert tops["TLS接続"] == 1
    assert tree["ハンドシェイクの流れ別"] == {
        "TLS 1.3 HelloRetryRequestを伴う完全なハンドシェイク": 1, "不明(ServerHelloなし)": 0}
    assert tree["選ばれた暗号スイート別"] == {"TLS_AES_256_GCM_SHA384": 1, "不明(ServerHelloなし)": 0}
    assert tree["鍵"] == {"暗号化されたハンドシェイクを復号(鍵ログあり)": 1,
                         "暗号化されたハンドシェイクメッセージなし": 0}


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_stats_categories_add_up(tshark, pcap, with_keys):
    keys = keys_of(pcap) if with_keys else None
    tops, tree = stats(zrun(tshark, pcap, "tlstutor,tree", keys=keys))
    conns = {m.conn for m in tshark.messages(pcap, keys=keys)}
    assert tops.get("TLS connections", 0) == len(conns)
    for top, children in tree.items():
        if top != "TLS connections":
            assert sum(children.values()) == len(conns), top
