# SPDX-License-Identifier: GPL-2.0-or-later
"""TLS 1.3 inside QUIC (docs/flows.md H): what QUIC changes, exactly, in
both languages (0-RTT packets, Version Negotiation, CONNECTION_CLOSE included), on the bundled QUIC captures; tlstutor.transport on every
message; the UDP port scope (tlstutor.udp_ports, Decode As). The message
sequences themselves are in tests/flow_specs.py."""
import pytest

from test_rfc_texts import Case, message_fields
from test_unchanged import EXPLAINED, keys_of

CASES = [
    Case('client_hello_in_an_initial_packet', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('ClientHello', 'client', 1), 'tlstutor.explain',
         en="The ClientHello opens the handshake. It lists what the client supports (versions, cipher suites in order of preference, extensions such as the server name) and carries the client random, which later goes into the key calculation. The server picks one option of each kind and answers with a ServerHello. In QUIC the hellos travel in CRYPTO frames of Initial packets, not in TLS records (RFC 9001, 4). Initial packets are protected with keys derived from the Destination Connection ID of the client's first Initial packet and a constant published in RFC 9001 (5.2): anyone who sees that packet can compute them, so this protection hides nothing from an observer (7), which is why Wireshark shows both hellos, the server name (SNI) included, without a key log.",
         ja='ClientHelloはハンドシェイクの始まりです。クライアントが使えるもの(バージョン、優先順の暗号スイート、サーバー名などの拡張)を並べ、後で鍵の計算に使うクライアントランダムを運びます。サーバーはそれぞれから一つを選び、ServerHelloで答えます。QUICではハローはTLSレコードではなく、InitialパケットのCRYPTOフレームで運ばれます(RFC 9001 4)。Initialパケットは、クライアントの最初のInitialパケットの宛先接続ID(Destination Connection ID)とRFC 9001で公開された定数から導いた鍵で保護されます(5.2)。その鍵はそのパケットを見た人なら誰でも計算できるので、この保護は観察者には何も隠しません(7)。そのためWiresharkは鍵ログなしで二つのハローを、サーバー名(SNI)も含めて表示できます。',
    ),
    Case('server_hello_without_records_or_ccs', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('ServerHello', 'server', 1), 'tlstutor.explain',
         en="In TLS 1.3 the hellos already carry both halves of the (EC)DHE key exchange (key_share), so there is no ServerKeyExchange or ClientKeyExchange and both sides compute the handshake keys right away. Every handshake message the server sends after it, certificate included, is encrypted. QUIC has no TLS records and no ChangeCipherSpec: RFC 9001 forbids TLS 1.3's middlebox compatibility mode (8.4), and the keys change with the type of QUIC packet instead (4). The ServerHello's legacy_version field still says TLS 1.2 (0x0303), as over TCP; the version really chosen is in the supported_versions extension.",
         ja='TLS 1.3では二つのハローがすでに(EC)DHE鍵交換の双方の値(key_share)を運ぶので、ServerKeyExchangeもClientKeyExchangeもなく、双方はすぐにハンドシェイク用の鍵を計算できます。この後にサーバーが送るハンドシェイクメッセージは、証明書も含めてすべて暗号化されます。QUICにはTLSレコードもChangeCipherSpecもありません。RFC 9001はTLS 1.3の中継機器向けの互換モードを禁じており(8.4)、鍵はQUICのパケットの種類とともに切り替わります(4)。ServerHelloのlegacy_versionは、TCPの上と同じく今でもTLS 1.2 (0x0303)と書かれています。実際に選ばれたバージョンはsupported_versions拡張にあります。',
    ),
    Case('encrypted_extensions_in_a_handshake_packet', '#14 QUIC', 'quic-ngtcp2.pcapng', 'quic-ngtcp2.keys', ('EncryptedExtensions', 'server', 1), 'tlstutor.explain',
         en="TLS 1.3 only. The extensions that are not needed to compute the keys (ALPN, server name acknowledgement, ...) are sent here, already encrypted with the handshake keys, instead of in the ServerHello. In QUIC the rest of the handshake, from EncryptedExtensions to both Finished messages, travels in CRYPTO frames of Handshake packets, protected with keys from the handshake secret (RFC 9001, 4): Wireshark shows it only with a key log. EncryptedExtensions also carries the server's QUIC transport parameters (quic_transport_parameters, RFC 9001, 8.2).",
         ja='TLS 1.3だけのメッセージです。鍵の計算に必要ない拡張(ALPN、サーバー名の確認など)は、ServerHelloではなくここで、ハンドシェイク用の鍵で暗号化して送られます。QUICでは、EncryptedExtensionsから双方のFinishedまでの残りのハンドシェイクは、ハンドシェイク用の鍵で保護されたHandshakeパケットのCRYPTOフレームで運ばれます(RFC 9001 4)。Wiresharkで見るには鍵ログが必要です。EncryptedExtensionsはサーバーのQUICのトランスポートパラメータ(quic_transport_parameters、RFC 9001 8.2)も運びます。',
    ),
    Case('servers_handshake_packet_without_keys', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('HandshakePacket', 'server', 1), 'tlstutor.explain',
         en="A QUIC Handshake packet is protected with keys from the TLS handshake secret, which only the two sides can compute. The server's Handshake packets carry CRYPTO frames with the rest of its handshake, from EncryptedExtensions to its Finished, and ACK frames; a packet may also hold only an ACK. Without a key log the tutor cannot tell which messages this one holds, so it names only the first Handshake packet of each side. To read encrypted messages, load the key log: Edit > Preferences > Protocols > TLS > (Pre)-Master-Secret log filename, or tshark -o tls.keylog_file:FILE (browsers and curl write one when SSLKEYLOGFILE is set); editcap --inject-secrets tls,FILE embeds it in a pcapng.",
         ja='QUICのHandshakeパケットは、TLSのハンドシェイク用の秘密から導いた鍵で保護されており、その鍵は両端にしか計算できません。サーバーのHandshakeパケットは、EncryptedExtensionsからFinishedまでのハンドシェイクの残りを運ぶCRYPTOフレームと、受信確認のACKフレームを運びます。ACKだけのパケットもあります。鍵ログがないとこのパケットにどのメッセージが入っているかは分からないので、チューターは各側の最初のHandshakeパケットだけに名前を付けます。暗号化されたメッセージを読むには鍵ログを読み込みます。編集 > 設定 > Protocols > TLS > (Pre)-Master-Secret log filename で指定するか、tshark -o tls.keylog_file:ファイル を使います(ブラウザやcurlは環境変数SSLKEYLOGFILEがあると鍵ログを書き出します)。editcap --inject-secrets tls,ファイル でpcapngに埋め込むこともできます。',
    ),
    Case('clients_handshake_packet_without_keys', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('HandshakePacket', 'client', 1), 'tlstutor.explain',
         en="A QUIC Handshake packet is protected with keys from the TLS handshake secret, which only the two sides can compute. The client's Handshake packets carry CRYPTO frames with its Finished (after its Certificate and CertificateVerify if the server asked for them) and ACK frames; its first one often holds only an ACK. Without a key log the tutor cannot tell which messages this one holds, or whether the handshake finished. To read encrypted messages, load the key log: Edit > Preferences > Protocols > TLS > (Pre)-Master-Secret log filename, or tshark -o tls.keylog_file:FILE (browsers and curl write one when SSLKEYLOGFILE is set); editcap --inject-secrets tls,FILE embeds it in a pcapng.",
         ja='QUICのHandshakeパケットは、TLSのハンドシェイク用の秘密から導いた鍵で保護されており、その鍵は両端にしか計算できません。クライアントのHandshakeパケットは、Finished(サーバーが求めたときはその前にCertificateとCertificateVerify)を運ぶCRYPTOフレームと、受信確認のACKフレームを運びます。最初のものはACKだけのことがよくあります。鍵ログがないと、このパケットにどのメッセージが入っているかも、ハンドシェイクが終わったかどうかも分かりません。暗号化されたメッセージを読むには鍵ログを読み込みます。編集 > 設定 > Protocols > TLS > (Pre)-Master-Secret log filename で指定するか、tshark -o tls.keylog_file:ファイル を使います(ブラウザやcurlは環境変数SSLKEYLOGFILEがあると鍵ログを書き出します)。editcap --inject-secrets tls,ファイル でpcapngに埋め込むこともできます。',
    ),
    Case('servers_handshake_packet_says', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('HandshakePacket', 'server', 1), 'tlstutor.says',
         en='Server: (encrypted) the rest of my handshake, or only an acknowledgement.',
         ja='サーバー: (暗号化して)ハンドシェイクの残り、または受信確認だけを送ります。',
    ),
    Case('clients_handshake_packet_says', '#14 QUIC', 'quic-ngtcp2.pcapng', None, ('HandshakePacket', 'client', 1), 'tlstutor.says',
         en='Client: (encrypted) my Finished, or only an acknowledgement.',
         ja='クライアント: (暗号化して)Finished、または受信確認だけを送ります。',
    ),    Case('early_data_in_0rtt_packets', '#14 QUIC', 'quic-0rtt.pcapng', None, ('EarlyData', 'client', 1), 'tlstutor.explain',
         en="With a ticket from an earlier connection, the client may send application data before the handshake finishes, in QUIC 0-RTT packets protected with keys derived from the pre-shared key. QUIC does not use TLS's EndOfEarlyData message. It saves a round trip, but an attacker could replay it, so servers should accept in it only requests that are safe to repeat. This is the first 0-RTT packet of the connection; the tutor does not mark the others. To read encrypted messages, load the key log: Edit > Preferences > Protocols > TLS > (Pre)-Master-Secret log filename, or tshark -o tls.keylog_file:FILE (browsers and curl write one when SSLKEYLOGFILE is set); editcap --inject-secrets tls,FILE embeds it in a pcapng.",
         ja='以前の接続のチケットがあれば、クライアントはハンドシェイクが終わる前に、事前共有鍵から導いた鍵で保護したQUICの0-RTTパケットでアプリケーションデータを送れます。QUICはTLSのEndOfEarlyDataメッセージを使いません。往復を一回省けますが、攻撃者に再送(リプレイ)されるおそれがあるため、サーバーは繰り返しても安全な要求だけを受け付けるべきです。これはこの接続の最初の0-RTTパケットで、チューターは他のものには印を付けません。暗号化されたメッセージを読むには鍵ログを読み込みます。編集 > 設定 > Protocols > TLS > (Pre)-Master-Secret log filename で指定するか、tshark -o tls.keylog_file:ファイル を使います(ブラウザやcurlは環境変数SSLKEYLOGFILEがあると鍵ログを書き出します)。editcap --inject-secrets tls,ファイル でpcapngに埋め込むこともできます。',
    ),
    Case('early_data_says', '#14 QUIC', 'quic-0rtt.pcapng', None, ('EarlyData', 'client', 1), 'tlstutor.says',
         en='Client: and here already is my request, in 0-RTT packets, encrypted with keys from our pre-shared key.',
         ja='クライアント: そしてもう要求を送ります。0-RTTパケットで、事前共有鍵から導いた鍵で暗号化しています。',
    ),
    Case('version_negotiation', '#14 QUIC', 'quic-version-negotiation.pcapng', None, ('VersionNegotiation', 'server', 1), 'tlstutor.explain',
         en="The client's first packet used a QUIC version this server does not support, so the server answers with a Version Negotiation packet listing the versions it does support. It holds no TLS message and is not protected by any key. The client abandons this attempt and, if it supports one of the listed versions, starts a new connection with it, with a new first packet and ClientHello, which the tutor explains as a connection of its own.",
         ja='クライアントの最初のパケットは、このサーバーが対応していないQUICのバージョンを使っていました。そこでサーバーは、対応しているバージョンを並べたVersion Negotiationパケットで答えます。TLSのメッセージは入っておらず、どの鍵でも保護されていません。クライアントはこの試みをやめ、並んだバージョンのどれかに対応していれば、そのバージョンで新しい接続を始めます。新しい最初のパケットとClientHelloを送るので、チューターはそれを別の接続として説明します。',
    ),
    Case('version_negotiation_says', '#14 QUIC', 'quic-version-negotiation.pcapng', None, ('VersionNegotiation', 'server', 1), 'tlstutor.says',
         en='Server: I do not speak the QUIC version you used; these are the ones I do.',
         ja='サーバー: あなたが使ったQUICのバージョンは話せません。私が話せるのはこれらです。',
    ),
    Case('connection_close', '#14 QUIC', 'quic-ngtcp2.pcapng', 'quic-ngtcp2.keys', ('ConnectionClose', 'client', 1), 'tlstutor.explain',
         en="A QUIC connection ends with a CONNECTION_CLOSE frame, inside a packet protected like the others. The frame says why: type 0x1c carries one of QUIC's own error codes (0 means no error), type 0x1d the application's code (HTTP/3's H3_NO_ERROR, 0x100, is a normal end). QUIC carries no TLS records, so it does not end with TLS's close_notify alert; a TLS alert would itself travel as a QUIC error code. The other side stops sending, and after a short wait both forget the connection.",
         ja='QUICの接続は、ほかと同じく保護されたパケットに入ったCONNECTION_CLOSEフレームで終わります。フレームは理由を示します。種類0x1cはQUIC自身のエラーコード(0はエラーなし)を、種類0x1dはアプリケーションのコード(HTTP/3のH3_NO_ERROR、0x100は正常な終わり)を運びます。QUICはTLSレコードを運ばないのでclose_notifyアラートはなく、TLSのアラートもQUICのエラーコードとして運ばれます。相手は送るのをやめ、少し待った後で双方が接続を忘れます。',
    ),
    Case('connection_close_says', '#14 QUIC', 'quic-ngtcp2.pcapng', 'quic-ngtcp2.keys', ('ConnectionClose', 'client', 1), 'tlstutor.says',
         en='Client: I am closing this connection.',
         ja='クライアント: この接続を閉じます。',
    ),
    Case('connection_close_app_code', '#14 QUIC', 'quic-ngtcp2.pcapng', 'quic-ngtcp2.keys', ('ConnectionClose', 'client', 1), 'tlstutor.carries',
         en="Frame type 0x1d, error code 0x100: the application's own code (for HTTP/3, 0x100 is H3_NO_ERROR, RFC 9114, 8.1)",
         ja='フレームの種類0x1d、エラーコード0x100: アプリケーション自身のコードです(HTTP/3では0x100がH3_NO_ERROR、RFC 9114 8.1)',
    ),
    Case('connection_close_no_error', '#14 QUIC', 'browser-chromium-h3.pcapng', 'browser-chromium-h3.keys', ('ConnectionClose', 'client', 1), 'tlstutor.carries',
         en='Frame type 0x1c, error code 0x0: NO_ERROR, the connection ends without an error',
         ja='フレームの種類0x1c、エラーコード0x0: NO_ERROR。エラーなしで接続が終わります',
    ),
    Case('retry', '#14 QUIC', 'quic-retry.pcapng', None, ('Retry', 'server', 1), 'tlstutor.explain',
         en="Over UDP a source address can be forged. Until a QUIC server has checked the client's address it may send at most three times the bytes it received, and a flood of forged Initial packets would still cost it work and memory. So a server may answer the first Initial with a Retry packet carrying a token; it holds no TLS message, and the server need keep nothing for it. Only a client that receives packets at its address gets the token. The client sends its Initial again, with the token, to the connection ID the Retry gave, and with the same ClientHello; the server checks the token and answers with its ServerHello. DTLS's HelloVerifyRequest does the same job.",
         ja='UDPでは送信元アドレスを偽れます。QUICのサーバーはクライアントのアドレスを確かめるまで、受け取ったバイト数の3倍までしか送れませんが、偽のInitialパケットが大量に来れば処理やメモリを使わされます。そこでサーバーは、最初のInitialにトークンを載せたRetryパケットで答えることができます。TLSのメッセージは入っておらず、サーバーはそのために何も覚えておく必要がありません。そのアドレスで本当にパケットを受け取れるクライアントだけがトークンを手にします。クライアントは、トークンを付け、Retryが示した接続IDに宛てて、同じClientHelloを入れたInitialを送り直します。サーバーはトークンを確かめてServerHelloで答えます。DTLSのHelloVerifyRequestも同じ役目を果たします。',
    ),
    Case('retry_says', '#14 QUIC', 'quic-retry.pcapng', None, ('Retry', 'server', 1), 'tlstutor.says',
         en='Server: before I go on, send your Initial again with this token.',
         ja='サーバー: 先へ進む前に、このトークンを付けてもう一度Initialを送ってください。',
    ),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_quic_text(tshark, case, lang):
    fields = message_fields(tshark, case.pcap, case.keys, lang, *case.message)
    assert fields.get(case.field, []) == [getattr(case, lang)]


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_transport_on_every_message(tshark, pcap):
    """quic exactly on the QUIC captures, dtls on the DTLS ones, tcp on all
    others (the TLS ones)."""
    extra = ["-o", "tlstutor.ports:443,8443"] if "8443" in pcap else []
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields",
                      "-E", "occurrence=a", "-E", "aggregator=|", "-e", "tlstutor.msg",
                      "-e", "tlstutor.transport", *tshark.opts(keys_of(pcap), extra=extra)]).stdout
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows
    # Wireshark's own word for the capture's transport.
    quic = tshark.run(["-r", tshark.pcap(pcap), "-Y", "quic"], plugin=False).stdout
    dtls = tshark.run(["-r", tshark.pcap(pcap), "-Y", "dtls"], plugin=False).stdout
    transport = "quic" if quic else "dtls" if dtls else "tcp"
    for msgs, transports in rows:
        assert transports.split("|") == [transport] * len(msgs.split("|"))


def test_no_record_layer_line_in_quic(tshark):
    """The ClientHello's "two numbers, two layers" line is about TLS records,
    which QUIC does not have; over TCP it is there."""
    quic = message_fields(tshark, "quic-ngtcp2.pcapng", None, "en", "ClientHello", "client", 1)
    tcp = message_fields(tshark, "tls13.pcapng", None, "en", "ClientHello", "client", 1)
    assert not [c for c in quic["tlstutor.carries"] if c.startswith("Two numbers, two layers")]
    assert [c for c in tcp["tlstutor.carries"] if c.startswith("Two numbers, two layers")]


def server_on_port(tshark, pcap, port):
    """A UDP capture with the server on another port instead of 443: the
    same packets, ports and UDP checksums rewritten (Wireshark finds QUIC
    and DTLS there by their heuristics; the tutor's scope is the question).
    test_dtls.py uses it too."""
    from scapy.all import UDP, rdpcap, wrpcap
    path = tshark.workdir / f"{pcap.removesuffix('.pcapng')}-{port}.pcap"
    if not path.exists():
        packets = rdpcap(tshark.pcap(pcap))
        for p in packets:
            udp = p[UDP]
            udp.sport = port if udp.sport == 443 else udp.sport
            udp.dport = port if udp.dport == 443 else udp.dport
            del udp.chksum
        wrpcap(str(path), packets)
        path.chmod(0o644)
    return str(path)


def annotated_frames(tshark, pcap, *args):
    out = tshark.run(["-r", pcap, "-Y", "tlstutor", "-T", "fields", "-e", "frame.number", *args]).stdout
    return [int(f) for f in out.split()]


def test_udp_port_scope(tshark):
    """UDP 443 by default; tlstutor.udp_ports or Decode As on the tutor's UDP
    table ("TLS Handshake Tutor UDP port") move it; the TCP preference is
    another scope."""
    on_443 = tshark.pcap("quic-ngtcp2.pcapng")
    on_8443 = server_on_port(tshark, "quic-ngtcp2.pcapng", 8443)
    assert annotated_frames(tshark, on_443) == [1, 2, 4]
    assert annotated_frames(tshark, on_443, "-o", "tlstutor.udp_ports:8443") == []
    assert annotated_frames(tshark, on_443, "-o", "tlstutor.ports:8443") == [1, 2, 4]
    assert annotated_frames(tshark, on_8443) == []
    assert annotated_frames(tshark, on_8443, "-o", "tlstutor.udp_ports:8443") == [1, 2, 4]
    assert annotated_frames(tshark, on_8443, "-d", "tlstutor.udp_port==8443,tlstutor") == [1, 2, 4]
