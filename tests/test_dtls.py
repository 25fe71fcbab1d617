# SPDX-License-Identifier: GPL-2.0-or-later
"""DTLS (docs/flows.md I): what DTLS changes, exactly, in both languages, on
the bundled DTLS captures: the HelloVerifyRequest and the ClientHello with
its cookie, a message reassembled from fragments, copies sent again
(tlstutor.retransmission), epochs; the values quoted; the version chosen;
the UDP port scope. The message sequences themselves are in
tests/flow_specs.py."""
import pytest

from test_quic import annotated_frames, server_on_port
from test_rfc_texts import Case, message_fields
from test_unchanged import EXPLAINED, keys_of

DTLS = [p for p in EXPLAINED if p.startswith("dtls")]

CASES = [
    Case('hello_verify_request', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('HelloVerifyRequest', 'server', 1), 'tlstutor.explain',
         en="Over UDP anyone can send a datagram with someone else's source address. A server that answered every ClientHello with its certificate and began the key exchange could be made to send large answers to a victim, or to spend its own work and memory on fake clients. So a DTLS server may first answer with this small message carrying a cookie, a value it can check later without keeping anything about the client (for example a keyed hash of the client's address and hello). Only a client that really receives datagrams at that address gets the cookie. The client sends its ClientHello again with the cookie; the server checks it and only then answers with its ServerHello. This message and the first ClientHello are left out of the handshake hash that the Finished messages check.",
         ja='UDPでは、誰でも他人の送信元アドレスを名乗ってデータグラムを送れます。すべてのClientHelloに証明書を返して鍵交換を始めるサーバーは、被害者に大きな応答を送りつけさせられたり、偽のクライアントのために自分の処理やメモリを使わされたりします。そこでDTLSのサーバーは、まずクッキーを載せたこの小さなメッセージで答えることができます。クッキーは、クライアントについて何も覚えておかずに後で確かめられる値です(たとえばクライアントのアドレスとハローの鍵付きハッシュ)。そのアドレスで本当にデータグラムを受け取れるクライアントだけがクッキーを手にします。クライアントはクッキーを付けてClientHelloを送り直し、サーバーはそれを確かめてから初めてServerHelloで答えます。このメッセージと最初のClientHelloは、Finishedが確かめるハンドシェイクのハッシュには含めません。',
    ),
    Case('hello_verify_request_says', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('HelloVerifyRequest', 'server', 1), 'tlstutor.says',
         en='Server: before I do any work for you, send your hello again with this cookie.',
         ja='サーバー: 処理を始める前に、このクッキーを付けてもう一度あいさつを送ってください。',
    ),
    Case('client_hello_with_cookie', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('ClientHello', 'client', 2), 'tlstutor.explain',
         en='The client sends its ClientHello again, now with the cookie from the HelloVerifyRequest, and with the same version, random, session ID, cipher suites and compression methods as the first. Getting its cookie back shows the server that the client receives datagrams at the address it claims. The server checks the cookie and answers with its ServerHello; the handshake hash that the Finished messages check starts with this ClientHello.',
         ja='クライアントは、HelloVerifyRequestで受け取ったクッキーを付けて、最初と同じバージョン、クライアントランダム、セッションID、暗号スイート、圧縮方式のClientHelloを送り直します。クッキーが戻ってきたことで、サーバーはクライアントが名乗ったアドレスで本当にデータグラムを受け取れると分かります。サーバーはクッキーを確かめてServerHelloで答えます。Finishedが確かめるハンドシェイクのハッシュは、このClientHelloから始まります。',
    ),
    Case('client_hello_with_cookie_says', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('ClientHello', 'client', 2), 'tlstutor.says',
         en='Client: hello again, and here is your cookie.',
         ja='クライアント: もう一度こんにちは。受け取ったクッキーを返します。',
    ),
    Case('first_client_hello_dtls_note', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('ClientHello', 'client', 1), 'tlstutor.explain',
         en='The ClientHello opens the handshake. It lists what the client supports (versions, cipher suites in order of preference, extensions such as the server name) and carries the client random, which later goes into the key calculation. The server picks one option of each kind and answers with a ServerHello. DTLS is TLS made to run over datagrams (UDP), which can be lost, arrive out of order or twice (RFC 6347, 1, 4). Each record carries an epoch and a sequence number of its own; each handshake message carries a message_seq and may be cut into fragments; a side that gets no answer sends its last flight again. Its version numbers count down: DTLS 1.0 is 0xfeff, DTLS 1.2 0xfefd (4.1). DTLS 1.2 is built on TLS 1.2, DTLS 1.0 on TLS 1.1.',
         ja='ClientHelloはハンドシェイクの始まりです。クライアントが使えるもの(バージョン、優先順の暗号スイート、サーバー名などの拡張)を並べ、後で鍵の計算に使うクライアントランダムを運びます。サーバーはそれぞれから一つを選び、ServerHelloで答えます。DTLSは、失われたり、順序が入れ替わったり、二度届いたりするデータグラム(UDP)の上で動くようにしたTLSです(RFC 6347 1、4)。各レコードはエポックと自分のシーケンス番号を運び、各ハンドシェイクメッセージはmessage_seqを持ち、断片に分けられることもあります。返事が来ない側は最後のフライトをもう一度送ります。バージョン番号は逆向きに数え、DTLS 1.0は0xfeff、DTLS 1.2は0xfefdです(4.1)。DTLS 1.2はTLS 1.2を、DTLS 1.0はTLS 1.1をもとにしています。',
    ),
    Case('server_retransmits', '#14 DTLS', 'dtls12-retransmit.pcapng', None, ('ServerHello', 'server', 2), 'tlstutor.explain',
         en="DTLS runs over UDP, which can lose datagrams. A side that has sent a flight (its messages up to the point where it waits for the other side) starts a timer; when the timer runs out without an answer, or when the other side's previous flight arrives again (a sign that its own answer was lost), it sends its whole flight again. A copy of a handshake message keeps its message_seq, so the receiver can tell it from a new message; only the records get new sequence numbers. The tutor explained this message at its first copy, so this one has no step.",
         ja='DTLSはデータグラムが失われることのあるUDPの上で動きます。フライト(相手の応答を待つまでに送る一連のメッセージ)を送った側はタイマーを始め、応答のないままタイマーが切れたとき、または相手の前のフライトがもう一度届いたとき(自分の応答が失われたしるし)に、フライト全体を送り直します。ハンドシェイクメッセージの写しは同じmessage_seqを持つので、受け手は新しいメッセージと区別できます。新しくなるのはレコードのシーケンス番号だけです。チューターはこのメッセージを最初の一通で説明したので、この写しには手順番号がありません。',
    ),
    Case('client_retransmits_says', '#14 DTLS', 'dtls12-retransmit.pcapng', None, ('ClientKeyExchange', 'client', 2), 'tlstutor.says',
         en='Client: I am sending this again.',
         ja='クライアント: これをもう一度送ります。',
    ),
    Case('ccs_epoch', '#14 DTLS', 'dtls12-openssl.pcapng', None, ('ChangeCipherSpec', 'client', 1), 'tlstutor.explain',
         en="ChangeCipherSpec is not a handshake message: it is the only message of its own protocol, the change cipher spec protocol (record content type 20), and it is a single byte, the value 1. It tells the server that the client's next record, the Finished, is protected with the newly agreed cipher suite and keys. In DTLS every record names its epoch, a counter that starts at 0 and goes up by one with each ChangeCipherSpec its sender sends (RFC 6347, 4.1). From here on this side's records (its Finished first) say the new epoch, so the receiver can tell which keys protect a record even when datagrams arrive out of order.",
         ja='ChangeCipherSpecはハンドシェイクプロトコルのメッセージではなく、暗号仕様変更プロトコル(レコードのコンテンツタイプ20)のただ一つのメッセージで、値1の1バイトだけです。クライアントの次のレコード(Finished)から、合意した暗号スイートと鍵で保護することをサーバーに伝えます。DTLSでは、すべてのレコードがエポックを名乗ります。エポックは0から始まり、送り手がChangeCipherSpecを送るたびに一つ増える数です(RFC 6347 4.1)。ここから先、この側のレコード(最初はFinished)は新しいエポックを名乗るので、データグラムの順序が入れ替わっても、受け手はどの鍵がレコードを保護しているか分かります。',
    ),
    Case('reassembled_certificate', '#14 DTLS', 'dtls12-fragmented.pcapng', None, ('Certificate', 'server', 1), 'tlstutor.explain',
         en="The server sends its certificate, usually followed by the certificates of the intermediate certificate authorities (CA). The client checks the chain against the root certificates it already trusts and checks that the name matches the server it wanted. Checking the signatures of the chain needs no contact with the CA, but many clients also fetch a missing intermediate certificate or ask whether the certificate was revoked (OCSP, CRL), unless the server staples that answer (CertificateStatus). The certificate also gives the client the server's public key. DTLS cut this message into fragments, each with its fragment_offset and fragment_length, so that each fits in a datagram (RFC 6347, 4.2.3). Wireshark put them back together in this frame, and the tutor explains the message here, once. The Finished messages hash it as if it had been sent in one piece (4.2.6).",
         ja='サーバーは自分のサーバー証明書を、通常は中間認証局(CA)の証明書と一緒に送ります。クライアントは手元で信頼しているルート証明書までの証明書チェーンを検証し、接続したかったサーバーの名前と一致するかを確かめます。チェーンの署名の検証には認証局への問い合わせは要りませんが、多くのクライアントは足りない中間証明書を取りに行ったり、証明書が失効していないかを問い合わせたり(OCSP、CRL)します。サーバーがその答えを添付していれば(CertificateStatus)問い合わせは不要です。証明書によってクライアントはサーバーの公開鍵も得ます。DTLSはこのメッセージを、それぞれがデータグラムに収まるよう、fragment_offsetとfragment_lengthを持つ断片に分けました(RFC 6347 4.2.3)。Wiresharkはこのフレームで断片を組み立て直したので、チューターはこのメッセージをここで一度だけ説明します。Finishedは、このメッセージが一つにまとめて送られたものとしてハッシュします(4.2.6)。',
    ),
    Case('maybe_retransmitted_finished', '#14 DTLS', 'dtls12-retransmit.pcapng', None, ('EncryptedHandshake', 'client', 1), 'tlstutor.explain',
         en='This record holds handshake data that is encrypted, and its place in the connection does not tell which message it is (it could be a renegotiation, or several messages). The tutor does not guess. In DTLS it may also be a copy of an earlier message that its sender sent again (RFC 6347, 4.2.4). To read encrypted messages, load the key log: Edit > Preferences > Protocols > TLS > (Pre)-Master-Secret log filename, or tshark -o tls.keylog_file:FILE (browsers and curl write one when SSLKEYLOGFILE is set); editcap --inject-secrets tls,FILE embeds it in a pcapng.',
         ja='このレコードには暗号化されたハンドシェイクのデータがあり、接続の中での位置からは、どのメッセージか分かりません(再ネゴシエーションや複数のメッセージの可能性があります)。チューターは推測しません。DTLSでは、送り手が送り直した前のメッセージの写しである可能性もあります(RFC 6347 4.2.4)。暗号化されたメッセージを読むには鍵ログを読み込みます。編集 > 設定 > Protocols > TLS > (Pre)-Master-Secret log filename で指定するか、tshark -o tls.keylog_file:ファイル を使います(ブラウザやcurlは環境変数SSLKEYLOGFILEがあると鍵ログを書き出します)。editcap --inject-secrets tls,ファイル でpcapngに埋め込むこともできます。',
    ),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_dtls_text(tshark, case, lang):
    fields = message_fields(tshark, case.pcap, case.keys, lang, *case.message)
    assert fields.get(case.field, []) == [getattr(case, lang)]


def rows(tshark, pcap, *fields, keys=None, extra=()):
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields", "-E", "occurrence=a",
                      "-E", "aggregator=|", *[a for f in fields for a in ("-e", f)],
                      *tshark.opts(keys, extra=extra)]).stdout
    return [line.split("\t") for line in out.splitlines()]


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
def test_retransmitted_copies(tshark, with_keys):
    """The client's lost flight (frames 6-8) and the server's first flight
    (9-12) sent again: each copy named, marked, without a step; nothing
    else marked. Without keys the client's second Finished cannot be told."""
    keys = "dtls12-retransmit.keys" if with_keys else None
    # A boolean prints 1 in 4.0, True from 4.4 on.
    got = [(int(f), m, "1" if r in ("1", "True") else r)
           for f, m, r in rows(tshark, "dtls12-retransmit.pcapng", "frame.number",
                               "tlstutor.msg", "tlstutor.retransmission", keys=keys) if r]
    finished = [(8, "Finished", "1")] if with_keys else []
    assert got == [(6, "ClientKeyExchange", "1"), (7, "ChangeCipherSpec", "1"), *finished,
                   (9, "ServerHello", "1"), (10, "Certificate", "1"), (11, "ServerKeyExchange", "1"),
                   (12, "ServerHelloDone", "1")]
    for pcap in DTLS:
        if pcap != "dtls12-retransmit.pcapng":
            assert not [r for r in rows(tshark, pcap, "tlstutor.retransmission") if r[0]], pcap


def test_each_message_explained_once(tshark):
    """Every (sender, message) of a DTLS connection has one explained copy
    with a step; the others are marked copies (with keys: every message
    readable)."""
    for pcap in DTLS:
        seen = set()
        for frame, sender, msg, step, copy in rows(tshark, pcap, "frame.number", "tlstutor.sender",
                                                   "tlstutor.msg", "tlstutor.step",
                                                   "tlstutor.retransmission", keys=keys_of(pcap)):
            if copy:
                continue
            for s, m in zip(sender.split("|"), msg.split("|")):
                if m in ("ClientHello", "ApplicationData", "Alert"):
                    continue   # two hellos with a cookie exchange; data and alerts not counted
                assert (s, m) not in seen, (pcap, frame, m)
                seen.add((s, m))


@pytest.mark.parametrize("lang,carries", [
    ("en", ["Cookie: empty (the server has not asked for one)",
            "Cookie: 20 bytes, for the client to send back in its next ClientHello",
            "Cookie: 20 bytes, sent back from the HelloVerifyRequest",
            "Record: content type 20 (ChangeCipherSpec), 1 byte of content, the message (the value 1)"
            " + 13 bytes of record header = 14 bytes"]),
    ("ja", ["クッキー: 空(サーバーはまだ求めていません)",
            "クッキー: 20バイト。クライアントが次のClientHelloで返すためのものです",
            "クッキー: 20バイト。HelloVerifyRequestで受け取ったものを返しています",
            "レコード: コンテンツタイプ20(ChangeCipherSpec)、内容1バイト、メッセージそのもの(値1)"
            " + レコードヘッダー13バイト = 14バイト"]),
])
def test_values_quoted(tshark, lang, carries):
    """The cookies as dtls12-openssl has them (OpenSSL's 20 bytes), and the
    ChangeCipherSpec's record with DTLS's 13-byte header."""
    first = message_fields(tshark, "dtls12-openssl.pcapng", None, lang, "ClientHello", "client", 1)
    hvr = message_fields(tshark, "dtls12-openssl.pcapng", None, lang, "HelloVerifyRequest", "server", 1)
    second = message_fields(tshark, "dtls12-openssl.pcapng", None, lang, "ClientHello", "client", 2)
    ccs = message_fields(tshark, "dtls12-openssl.pcapng", None, lang, "ChangeCipherSpec", "client", 1)
    assert carries[0] in first["tlstutor.carries"]
    assert hvr["tlstutor.carries"] == [carries[1]]
    assert carries[2] in second["tlstutor.carries"]
    assert ccs["tlstutor.carries"] == [carries[3]]


def test_version_chosen_and_deprecated(tshark):
    """DTLS's own version names; DTLS 1.0 is deprecated (RFC 8996)."""
    for pcap, version in (("dtls12-openssl.pcapng", "DTLS 1.2"), ("dtls10-openssl.pcapng", "DTLS 1.0"),
                          ("dtls12-no-cookie.pcapng", "DTLS 1.2")):
        sh = message_fields(tshark, pcap, None, "en", "ServerHello", "server", 1)
        assert sh["tlstutor.version"] == [version]
    out = tshark.run(["-r", tshark.pcap("dtls10-openssl.pcapng"), "-Y", "tlstutor.expert.deprecated",
                      "-T", "fields", "-e", "frame.number"]).stdout
    assert out.split() == ["4"]
    out = tshark.run(["-r", tshark.pcap("dtls12-openssl.pcapng"), "-Y", "tlstutor.expert.deprecated"]).stdout
    assert out == ""


def test_udp_port_scope(tshark):
    """UDP 443 by default; CoAP's DTLS port 5684 after tlstutor.udp_ports or
    Decode As on the tutor's UDP table."""
    on_443 = tshark.pcap("dtls12-openssl.pcapng")
    on_5684 = server_on_port(tshark, "dtls12-openssl.pcapng", 5684)
    every = list(range(1, 11))
    assert annotated_frames(tshark, on_443) == every
    assert annotated_frames(tshark, on_443, "-o", "tlstutor.udp_ports:5684") == []
    assert annotated_frames(tshark, on_5684) == []
    assert annotated_frames(tshark, on_5684, "-o", "tlstutor.udp_ports:5684") == every
    assert annotated_frames(tshark, on_5684, "-d", "tlstutor.udp_port==5684,tlstutor") == every
