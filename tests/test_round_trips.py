# SPDX-License-Identifier: GPL-2.0-or-later
"""Round trips (docs/flows.md J) on every bundled capture, with and without
its key log: tlstutor.round_trip on each message, tlstutor.handshake_round_trips
on the message that completes the handshake, and tlstutor.round_trips_why
in both languages. Read from the PDML runs other tests share.

The spec is one line per capture: the tutor's frames in order, separated by
spaces, one character per message of the frame (its round trip, "-" where it
has none), "/N" after a frame whose message completes the handshake in N
round trips, " | " between connections. Each line was counted by hand from
the capture's frames (pcaps/README.md, tests/flow_specs.py) with the rule of
docs/flows.md J: A and F 2, B 1, C and E 1, D 2, DTLS with its cookie 3,
QUIC after a Retry 2; the messages of each flight in its round trip; a TLS
1.3 client's ChangeCipherSpec in the middle of the server's flight (GnuTLS)
and tickets before the client's Finished move nothing; after the handshake
only the first application data of each side over TCP and DTLS."""
import pytest

from test_teaching import ladder_round_trips, zrun
from wsversion import at_least

from test_unchanged import EXPLAINED, keys_of

VN_FIRST = "-" if at_least(4, 4) else "1 1"

# capture: spec, or (spec with the key log, spec without)
SPECS = {
    "browser-chromium-h3.pcapng": ("1 111 11 2/1 - -", "1 11 2"),
    "browser-chromium-resumed.pcapng": ("1 111111 22/1 2 - - 2 - | 1 1111 22/1 - 2 2 -",
                                        "1 111111 22/1 - | 1 1111 22/1"),
    "browser-chromium-tcp.pcapng": ("1 111111 1 22/1 2 2 -", "1 111111 1 22/1 - -"),
    "browser-firefox-tcp.pcapng": ("1 111111 22/1 2 - - 2 -", "1 111111 22/1 - -"),
    "dtls10-openssl.pcapng": "1 1 2 2222 333 333/3 4 4 - -",
    "dtls12-fragmented.pcapng": "1 1 2 2 2 22 333 333/3 4 4 - -",
    "dtls12-gnutls.pcapng": "1 1 2 2 2 2 2 333 3 3 3/3 4 4 -",
    "dtls12-no-cookie.pcapng": "1 1 1 1 1 222 2 2 2/2 3 3 -",
    "dtls12-openssl.pcapng": "1 1 2 2222 333 333/3 4 4 - -",
    "dtls12-retransmit.pcapng": "1 1 2 2222 333 3 3 3 3 3 3 3 333/3 4 4 - -",
    "quic-0rtt.pcapng": ("1 111 11 2/1 - - | 11 111 2/1 - -", "1 11 2 | 11 11 2"),
    "quic-ngtcp2.pcapng": ("1 111 11 2/1 - -", "1 11 2"),
    "quic-retry.pcapng": ("1 1 22 222 3/2 - -", "1 1 22 3"),
    # Wireshark 4.4 and later do not show the first ClientHello, of a version
    # they do not know (tests/flow_specs.py): nothing to count from.
    "quic-version-negotiation.pcapng": (VN_FIRST + " | 1 111 11 2/1 - -", VN_FIRST + " | 1 11 2"),
    "sslv2-client-hello.pcapng": "1 111 2",
    "sslv2-handshake.pcapng": "1 1 22 22 3 3",
    "tls10.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls11.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-alert-handshake-failure.pcapng": "1 1",
    "tls12-alert-unknown-ca.pcapng": "1 1111 2",
    "tls12-anon-dh.pcapng": "1 111 222 222/2 3 3 - -",
    "tls12-cert-no-cn.pcapng": "1 1 111 222 222/2 3 3 - -",
    "tls12-client-cert.pcapng": "1 1 1111 22222 222/2 3 3 - -",
    "tls12-closed-mid-handshake.pcapng": "1 1111 2",
    "tls12-coalesced.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-dhe.pcapng": "1 11 11 222 222/2 3 3 - -",
    "tls12-ecdhe-psk.pcapng": "1 111 222 222/2 3 3 - -",
    "tls12-ecdhe-rsa.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-expired-cert.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-gnutls.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-hello-request.pcapng": "1 1111 222 222/2 3 - - --- -- 5 - -",
    "tls12-long-chain.pcapng": "1 1 1 11 222 222/2 3 3 - -",
    "tls12-maxfrag.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-no-ticket-two-conns.pcapng": "1 1111 222 22/2 3 3 - - | 1 1111 222 22/2 3 3 - -",
    "tls12-null.pcapng": "1 111 222 222/2 3 3 - -",
    "tls12-same-port-twice.pcapng": "1 1111 222 22/2 3 3 - - | 1 1111 222 22/2 3 3 - -",
    "tls12-port8443.pcapng": "",
    "tls12-psk.pcapng": "1 11 222 222/2 3 3 - -",
    "tls12-renegotiation.pcapng": "1 1111 222 222/2 - ---- --- --- 5 5 - -",
    "tls12-resumed-id.pcapng": "1 1111 222 22/2 3 3 - - | 1 111 22/1 2 2 - -",
    "tls12-resumed-ticket.pcapng": "1 1111 222 222/2 3 3 - - | 1 111 22/1 2 2 - -",
    "tls12-rsa.pcapng": "1 111 222 222/2 3 3 - -",
    "tls12-self-signed.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-sha1-cert.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-ticket.pcapng": "1 1111 222 222/2 3 3 - -",
    "tls12-weak-3des.pcapng": "1 111 222 222/2 3 3 - -",
    "tls13-alert-protocol-version.pcapng": "1 1",
    "tls13-cert-compressed.pcapng": ("1 111 1 11 22/1 2 - - 2 - -", "1 111 1 11 22/1 -"),
    "tls13-chromium-mlkem.pcapng": ("1 111 111 22/1 2 - - 2 -", "1 111 111 22/1 -"),
    "tls13-chromium.pcapng": ("1 111111 22/1 2 - - 2 -", "1 111111 22/1 -"),
    "tls13-client-auth.pcapng": ("1 1111 111 2 222/1 2 - - 2 - -", "1 1111 111 2 2--/1 -"),
    "tls13-early-data.pcapng": ("1 111111 22/1 2 - - 2 - - | 111 1111 22/1 - 2 - -",
                                "1 111111 22/1 - | 111 1111 2-/1"),
    "tls13-gnutls-hrr.pcapng": ("1 1 1 2 22222 3 33 33/2 3 - -", "1 1 1 2 22222 3 33 3-/2"),
    "tls13-gnutls.pcapng": ("1 11 1 1111 2/1 -- 2 2 - -", "1 11 1 1111 2/1"),
    "tls13-hrr.pcapng": ("1 11 22 22222 3/2 3 - - 3 - -", "1 11 22 22222 3/2 -"),
    "tls13-keyupdate.pcapng": ("1 111111 22/1 - - - 2 - 2 - -", "1 111111 22/1"),
    "tls13-psk.pcapng": ("1 111111 22/1 2 - - 2 - - | 1 1111 22/1 2 - 2 - -",
                         "1 111111 22/1 - | 1 1111 22/1 -"),
    "tls13.pcapng": ("1 111111 22/1 2 - - 2 - -", "1 111111 22/1 -"),
}


def field(item, name):
    for f in item.findall("field"):
        if f.get("name") == name:
            return f.get("show")
    return None


def tutor_items(tshark, pcap, keys, lang=None):
    """[(frame, [message items])] of the shared PDML run."""
    frames = []
    for packet in tshark.pdml(pcap, keys=keys, lang=lang).iter("packet"):
        items = [item for proto in packet.findall("proto") if proto.get("name") == "tlstutor"
                 for item in proto.findall("field") if item.get("name") == "tlstutor.message"]
        if items:
            frames.append(items)
    return frames


def spec_of(frames):
    conns = {}
    for items in frames:
        conn = field(items[0], "tlstutor.conn")
        text = "".join(field(i, "tlstutor.round_trip") or "-" for i in items)
        totals = [field(i, "tlstutor.handshake_round_trips") for i in items]
        text += "".join(f"/{t}" for t in totals if t)
        conns.setdefault(conn, []).append(text)
    return " | ".join(" ".join(frames) for frames in conns.values())


CASES = [(pcap, keys) for pcap in EXPLAINED for keys in dict.fromkeys((keys_of(pcap), None))]


def test_every_capture_has_a_spec():
    assert sorted(SPECS) == sorted(EXPLAINED)


@pytest.mark.parametrize("pcap,keys", CASES, ids=[f"{p}-{'keys' if k else 'nokeys'}" for p, k in CASES])
def test_round_trips_as_counted_by_hand(tshark, pcap, keys):
    spec = SPECS[pcap]
    if isinstance(spec, tuple):
        spec = spec[0] if keys else spec[1]
    assert spec_of(tutor_items(tshark, pcap, keys)) == spec


# Why, in both languages: the flow's reason first, then the extras, then
# what comes before the ClientHello on the connection's transport.
WHY = [
    ("tls13-hrr.pcapng", 1,
     "This TLS 1.3 handshake took one round trip more than usual: the server found no key share it could use in the first ClientHello and asked for another with a HelloRetryRequest, so the client had to send its ClientHello again (RFC 8446, 4.1.1, 4.1.4). Not counted here: before the ClientHello, TCP's own handshake (SYN, SYN-ACK, ACK) took one round trip more (RFC 9293, 3.5), unless TCP Fast Open carried the ClientHello in the SYN (RFC 7413).",
     'このTLS 1.3のハンドシェイクは通常より1往復多くかかりました。サーバーは最初のClientHelloに使える鍵共有を見つけられず、HelloRetryRequestで別のものを求めたので、クライアントはClientHelloを送り直しました(RFC 8446 4.1.1、4.1.4)。ここには数えていませんが、ClientHelloの前にTCP自身のハンドシェイク(SYN、SYN-ACK、ACK)がもう1往復かかっています(RFC 9293 3.5)。ただしTCP Fast OpenでClientHelloをSYNに載せた場合は別です(RFC 7413)。'),
    ("dtls12-openssl.pcapng", 1,
     "A full handshake up to TLS 1.2 takes two round trips. In the first the client offers and the server answers with its hello and, as its cipher suite requires, its certificate and key exchange; in the second the client sends its key exchange and Finished and waits for the server's Finished before it sends application data (RFC 5246, 7.3). The DTLS cookie exchange added one round trip before the handshake proper: the server's HelloVerifyRequest makes the client prove that it receives datagrams at its address before the server does any costly work (RFC 6347, 4.2.1). DTLS runs over UDP, which has no handshake of its own (RFC 768): nothing comes before the ClientHello.",
     'TLS 1.2までの完全なハンドシェイクは2往復かかります。1往復目でクライアントが提案し、サーバーがハローと、暗号スイートが求めるなら証明書と鍵交換で答えます。2往復目でクライアントが鍵交換とFinishedを送り、サーバーのFinishedを待ってからアプリケーションデータを送ります(RFC 5246 7.3)。DTLSのクッキー交換で、本来のハンドシェイクの前に1往復増えました。サーバーはHelloVerifyRequestで、手間のかかる処理の前に、クライアントがそのアドレスでデータグラムを受け取れることを確かめます(RFC 6347 4.2.1)。DTLSは自身のハンドシェイクを持たないUDP(RFC 768)の上で動くので、ClientHelloの前には何もありません。'),
    ("quic-0rtt.pcapng", 2,
     "A TLS 1.3 resumption with a pre-shared key takes one round trip, like a full handshake: resuming saves the certificate and its signature, not a round trip (RFC 8446, 2.2). The client did not wait for any of them to send data: it sent 0-RTT early data with its first flight (RFC 8446, 2.3; over QUIC, RFC 9001, 4.6). The early data can be replayed by an attacker, so only requests safe to repeat belong there (RFC 8446, 8). QUIC has no transport handshake before this one: QUIC's handshake is this TLS handshake, carried in its packets (RFC 9000, 7), so nothing comes before the ClientHello.",
     '事前共有鍵(PSK)によるTLS 1.3の再開も、完全なハンドシェイクと同じく1往復です。再開で省けるのは証明書とその署名で、往復は減りません(RFC 8446 2.2)。ただしクライアントはそれを待たずにデータを送りました。最初のフライトと一緒に0-RTTのアーリーデータを送ったのです(RFC 8446 2.3、QUICではRFC 9001 4.6)。アーリーデータは攻撃者に再送(リプレイ)されうるので、繰り返しても安全な要求だけに使います(RFC 8446 8)。QUICではこの前にトランスポートのハンドシェイクはありません。QUICのハンドシェイクは、そのパケットで運ばれるこのTLSハンドシェイクそのものなので(RFC 9000 7)、ClientHelloの前には何もありません。'),
    ("tls12-resumed-id.pcapng", 2,
     "A resumed TLS 1.2 handshake takes one round trip: the server answers the ClientHello with its ServerHello, ChangeCipherSpec and Finished at once, with no certificate and no key exchange, and the client can send application data right after its own Finished (RFC 5246, 7.3, Figure 2). Not counted here: before the ClientHello, TCP's own handshake (SYN, SYN-ACK, ACK) took one round trip more (RFC 9293, 3.5), unless TCP Fast Open carried the ClientHello in the SYN (RFC 7413).",
     '再開したTLS 1.2のハンドシェイクは1往復です。サーバーはClientHelloに、証明書も鍵交換もなしで、ServerHello、ChangeCipherSpec、Finishedをまとめて返し、クライアントは自分のFinishedのすぐ後にアプリケーションデータを送れます(RFC 5246 7.3 図2)。ここには数えていませんが、ClientHelloの前にTCP自身のハンドシェイク(SYN、SYN-ACK、ACK)がもう1往復かかっています(RFC 9293 3.5)。ただしTCP Fast OpenでClientHelloをSYNに載せた場合は別です(RFC 7413)。'),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap,conn,en,ja", WHY, ids=[w[0] for w in WHY])
def test_why_so_many_round_trips(tshark, pcap, conn, en, ja, lang):
    whys = [field(i, "tlstutor.round_trips_why") for items in tutor_items(tshark, pcap, keys_of(pcap), lang)
            for i in items if field(i, "tlstutor.conn") == str(conn) and field(i, "tlstutor.handshake_round_trips")]
    assert whys == [en if lang == "en" else ja]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", ["tls13-gnutls-hrr.pcapng", "dtls12-retransmit.pcapng", "quic-retry.pcapng",
                                  "tls12-resumed-ticket.pcapng"])
def test_ladder_shows_the_round_trips(tshark, pcap, lang):
    """The ladder's rt column and the count above each connection say what
    the fields say (with the key log)."""
    keys = keys_of(pcap)
    out = zrun(tshark, pcap, "tlstutor,ladder", keys=keys, lang=lang)
    fields = [(int(field(i, "tlstutor.conn")), int(field(i, "tlstutor.round_trip") or 0) or None)
              for items in tutor_items(tshark, pcap, keys, lang) for i in items]
    assert [(conn, rt) for conn, _, rt in ladder_round_trips(out)] == fields
    totals = [int(field(i, "tlstutor.handshake_round_trips")) for items in tutor_items(tshark, pcap, keys, lang)
              for i in items if field(i, "tlstutor.handshake_round_trips")]
    label = "Round trips of the handshake, counted from the ClientHello: " if lang == "en" else \
        "ハンドシェイクの往復数(ClientHelloから数えて): "
    assert [int(line[len(label):].split()[0]) for line in out.splitlines() if line.startswith(label)] == totals
