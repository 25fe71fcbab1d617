# SPDX-License-Identifier: GPL-2.0-or-later
"""Records and segments: which record of the frame carries each message and
that record's header (tlstutor.record.*), how many records the frame holds,
and where a record came in several TCP segments (tlstutor.segment) or a
handshake message in several records (tlstutor.fragment); the notes in the
explanation, and -z tlstutor,records. Exact values on the bundled captures,
checked against TLS's and TCP's own fields (tls.record.*, tcp.segment) of
the same PDML, in both languages."""
import pytest

from test_unchanged import CAPTURES, keys_of

RECORD_FIELDS = ["tlstutor.msg", "tlstutor.record.number", "tlstutor.records_in_frame",
                 "tlstutor.record.content_type", "tlstutor.record.version", "tlstutor.record.length",
                 "tlstutor.record.epoch", "tlstutor.segment", "tlstutor.fragment"]


def fields(tshark, pcap, keys=None, names=RECORD_FIELDS, extra=()):
    """{frame: [column, ...]} of -T fields, without -V: a tree nobody sees,
    with only the fields the filter and -e name (the TEXT need)."""
    args = ["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields", "-e", "frame.number",
            *[a for n in names for a in ("-e", n)], "-E", "occurrence=a", *tshark.opts(keys), *extra]
    out = {}
    for line in tshark.run(args).stdout.split("\n"):   # not splitlines: it splits at \x1e
        if not line:
            continue
        cols = line.split("\t")
        out[int(cols[0])] = cols[1:]
    return out


def test_long_chain_certificate_in_three_segments(tshark):
    """tls12-long-chain (pcaps/README.md): the Certificate's record came in
    frames 6, 8, 10; the ServerKeyExchange's in 10 and 12, and frame 12
    shows two records (the ServerHelloDone in one segment)."""
    got = fields(tshark, "tls12-long-chain.pcapng")
    assert got[4] == ["ClientHello", "1", "1", "22", "0x0301", "209", "", "", ""]
    assert got[6] == ["ServerHello", "1", "1", "22", "0x0303", "65", "", "", ""]
    assert got[10] == ["Certificate", "1", "1", "22", "0x0303", "3978", "", "6,8,10", ""]
    assert got[12] == ["ServerKeyExchange,ServerHelloDone", "1,2", "2,2", "22,22", "0x0303,0x0303",
                       "556,4", "", "10,12", ""]
    assert got[14] == ["ClientKeyExchange,ChangeCipherSpec,Finished", "1,2,3", "3,3,3",
                       "22,20,22", "0x0303,0x0303,0x0303", "37,1,40", "", "", ""]


def test_maxfrag_certificate_over_two_records(tshark):
    """tls12-maxfrag: five records in frame 6; the Certificate is shown in
    the third, joined from fragments in records 2 and 3 (both frame 6)."""
    got = fields(tshark, "tls12-maxfrag.pcapng", "tls12-maxfrag.keys")
    assert got[6] == ["ServerHello,Certificate,ServerKeyExchange,ServerHelloDone", "1,3,4,5", "5,5,5,5",
                      "22,22,22,22", "0x0303,0x0303,0x0303,0x0303", "65,333,300,4", "", "", "6,6"]
    assert got[8] == ["ClientKeyExchange,ChangeCipherSpec,Finished", "1,2,3", "3,3,3", "22,20,22",
                      "0x0303,0x0303,0x0303", "37,1,40", "", "", ""]


def test_coalesced_four_messages_one_record(tshark):
    got = fields(tshark, "tls12-coalesced.pcapng")
    assert got[6] == ["ServerHello,Certificate,ServerKeyExchange,ServerHelloDone", "1,1,1,1", "1,1,1,1",
                      "22,22,22,22", "0x0303,0x0303,0x0303,0x0303", "1214,1214,1214,1214", "", "", ""]


def test_tls13_records_say_application_data(tshark):
    """TLS 1.3 (RFC 8446 5.2): encrypted records say application_data (23)
    and TLS 1.2 on the wire, with keys as without."""
    for keys, names in [("tls13.keys", "ServerHello,ChangeCipherSpec,EncryptedExtensions,Certificate,"
                                       "CertificateVerify,Finished"),
                        (None, "ServerHello,ChangeCipherSpec,EncryptedHandshake,EncryptedRecord,"
                               "EncryptedRecord,EncryptedRecord")]:
        got = fields(tshark, "tls13.pcapng", keys)
        assert got[6] == [names, "1,2,3,4,5,6", "6,6,6,6,6,6", "22,20,23,23,23,23",
                          ",".join(["0x0303"] * 6), "122,1,23,865,281,69", "", "", ""]


def test_dtls_records_with_epoch_and_fragments(tshark):
    got = fields(tshark, "dtls12-fragmented.pcapng", "dtls12-fragmented.keys")
    assert got[1] == ["ClientHello", "1", "1", "22", "0xfeff", "218", "0", "", ""]
    assert got[7] == ["Certificate", "1", "2", "22", "0xfefd", "198", "0", "", "4,5,6,7"]


def test_quic_has_no_records(tshark):
    """RFC 9001 4: QUIC carries the handshake in CRYPTO frames, not records."""
    got = fields(tshark, "quic-ngtcp2.pcapng")
    assert got and all(cols[0] and not any(cols[1:]) for cols in got.values())


def tls_records(packet):
    """(content type on the wire, version, length) of each TLS/DTLS record
    of a PDML packet, in document order: TLS's own fields."""
    out = []
    for f in packet.iter("field"):
        if f.get("name") not in ("tls.record", "dtls.record"):
            continue
        kids = {}
        for c in f:
            name = c.get("name", "").split(".")[-1]
            kids.setdefault(name, c.get("show"))
        ctype = kids.get("opaque_type", kids.get("content_type"))
        out.append((ctype, kids.get("version"), kids.get("length")))
    return out


@pytest.mark.parametrize("pcap", [p for p in CAPTURES if not p.startswith("quic")])
def test_record_fields_agree_with_tls_fields(tshark, pcap):
    """Every message's record fields are those of the record TLS shows at
    that place; its segments are TCP's (tcp.segment) of the frame."""
    keys = keys_of(pcap)
    checked = 0
    for packet in tshark.pdml(pcap, keys).iter("packet"):
        records = tls_records(packet)
        segments = [f.get("show") for f in packet.iter("field") if f.get("name") == "tcp.segment"]
        frame = next(f.get("show") for f in packet.iter("field") if f.get("name") == "num")
        for msg in (f for f in packet.iter("field") if f.get("name") == "tlstutor.message"):
            v = {}
            for f in msg.iter("field"):
                v.setdefault(f.get("name"), []).append(f.get("show"))
            if "tlstutor.record.number" not in v:
                continue
            n = int(v["tlstutor.record.number"][0])
            assert v["tlstutor.records_in_frame"] == [str(len(records))], (pcap, frame)
            ctype, version, length = records[n - 1]
            assert v.get("tlstutor.record.content_type", [None])[0] == ctype, (pcap, frame, n)
            assert int(v["tlstutor.record.version"][0], 16) == int(version, 16), (pcap, frame, n)
            assert v.get("tlstutor.record.length", [None])[0] == length, (pcap, frame, n)
            if "tlstutor.segment" in v:
                # The record's segments: TCP's, the last one this frame.
                assert v["tlstutor.segment"][-1] == frame
                assert set(v["tlstutor.segment"]) <= set(segments) and len(v["tlstutor.segment"]) >= 2
            checked += 1
    # QUIC only (the browser's HTTP/3), or outside the port scope.
    assert checked or pcap in ("browser-chromium-h3.pcapng", "tls12-port8443.pcapng")


@pytest.mark.parametrize("lang,segment_note,fragment_note", [
    ("en", "TCP carried this message's TLS record in 3 segments (frames 6, 8, 10), and Wireshark put them back together here",
     "Its sender split this handshake message over 2 TLS records (fragments in frames 6, 6)"),
    ("ja", "TCPはこのメッセージを運ぶTLSレコードを3個のセグメント(フレーム6, 8, 10)で運び",
     "送り手はこのハンドシェイクメッセージを2個のTLSレコードに分けて送りました(断片のフレーム: 6, 6)")])
def test_explanation_says_how_the_message_came(tshark, lang, segment_note, fragment_note):
    chain = {(m.frame, m.msg): m for m in tshark.messages("tls12-long-chain.pcapng", lang=lang)}
    assert segment_note in chain[10, "Certificate"].explain
    assert "(frames 10, 12)" in chain[12, "ServerKeyExchange"].explain or lang == "ja"
    assert "(フレーム10, 12)" in chain[12, "ServerKeyExchange"].explain or lang == "en"
    for key in [(6, "ServerHello"), (12, "ServerHelloDone"), (14, "ClientKeyExchange")]:
        assert "TCP" not in chain[key].explain, key
    maxfrag = {(m.frame, m.msg): m for m in tshark.messages("tls12-maxfrag.pcapng", lang=lang)}
    assert fragment_note in maxfrag[6, "Certificate"].explain
    assert "2^14" not in maxfrag[6, "ServerHello"].explain


def test_explanation_without_a_visible_tree(tshark):
    """-e tlstutor.explain alone asks for TCP's segments too: the same text as -V."""
    pcap = "tls12-long-chain.pcapng"
    got = fields(tshark, pcap, names=["tlstutor.explain"], extra=["-E", "aggregator=\x1e"])
    full = [m.explain for m in tshark.messages(pcap) if m.frame == 12]
    assert got[12] == ["\x1e".join(full)]


LONG_CHAIN_EN = [
    "     10      1/1  |<- handshake(22) TLS 1.2 3978 bytes: 3 Certificate [TCP segments in frames 6, 8, 10] -------|",
    "     12      1/2  |<- handshake(22) TLS 1.2 556 bytes: 4 ServerKeyExchange [TCP segments in frames 10, 12] ----|",
    "     12      2/2  |<- handshake(22) TLS 1.2 4 bytes: 6 ServerHelloDone ----------------------------------------|",
    "     14      2/3  |-- change_cipher_spec(20) TLS 1.2 1 byte: 10 ChangeCipherSpec ----------------------------->|",
]


def records_view(tshark, pcap, keys=None, lang="en"):
    args = ["-r", tshark.pcap(pcap), "-q", "-z", "tlstutor,records", *tshark.opts(keys, lang)]
    return tshark.run(args).stdout.splitlines()


def test_records_view_english(tshark):
    out = records_view(tshark, "tls12-long-chain.pcapng")
    assert out[1] == "=== TLS Handshake Tutor: records ==="
    assert out[3] == "Connection 1: TLS 1.2 full handshake"
    assert out[4].split() == ["frame", "record", "192.0.2.1:41510", "192.0.2.2:443"]
    for line in LONG_CHAIN_EN:
        assert line in out
    # One arrow per record: 15 records in the frames the tutor annotates.
    assert sum(1 for line in out if "|--" in line or "|<-" in line) == 15


def test_records_view_japanese_and_records_without_message(tshark):
    out = records_view(tshark, "tls12-maxfrag.pcapng", "tls12-maxfrag.keys", "ja")
    assert out[1] == "=== TLS Handshake Tutor: レコード ==="
    arrows = [line.split(None, 2)[:2] + [line.split("|")[1][3:].rstrip(" -")]
              for line in out if "|--" in line or "|<-" in line]
    assert arrows[1:6] == [
        ["6", "1/5", "handshake(22) TLS 1.2 65バイト: 2 ServerHello"],
        ["6", "2/5", "handshake(22) TLS 1.2 512バイト: チューターが説明するメッセージなし"],
        ["6", "3/5", "handshake(22) TLS 1.2 333バイト: 3 Certificate [3 Certificateは2個のレコードから(フレーム6, 6)]"],
        ["6", "4/5", "handshake(22) TLS 1.2 300バイト: 4 ServerKeyExchange"],
        ["6", "5/5", "handshake(22) TLS 1.2 4バイト: 6 ServerHelloDone"],
    ]


def test_records_view_quic_and_dtls(tshark):
    quic = records_view(tshark, "quic-ngtcp2.pcapng")
    assert "QUIC carries the handshake messages in CRYPTO frames, without TLS records (RFC 9001, 4): " \
           "no records to show." in quic
    assert not any("|--" in line for line in quic)
    dtls = records_view(tshark, "dtls12-fragmented.pcapng", "dtls12-fragmented.keys")
    assert any(line.startswith("      7      1/2  |<- handshake(22) DTLS 1.2 198 bytes, epoch 0: 5 Certificate "
                               "[5 Certificate from 4 records in frames 4, 5, 6, 7] ") for line in dtls)


@pytest.mark.parametrize("pcap", [p for p in CAPTURES if not p.startswith("quic")])
def test_fields_without_a_visible_tree_equal_the_tree(tshark, pcap):
    """-T fields (a tree nobody sees: TCP's and TLS's items only because the
    record fields ask for them, packet after packet) gives what PDML shows."""
    keys = keys_of(pcap)
    names = RECORD_FIELDS[1:]
    want = {}
    for packet in tshark.pdml(pcap, keys).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        cols = [[f.get("show") for f in packet.iter("field") if f.get("name") == n] for n in names]
        if any(cols):
            want[frame] = [",".join(c) for c in cols]
    got = {n: cols for n, cols in fields(tshark, pcap, keys, names).items() if any(cols)}
    assert got == want


def test_small_record_cut_by_its_sender(tshark):
    """pcaps/malformed/split-segments: a ClientHello that would fit in one
    segment, cut into three by its sender: the note says how it came, not
    that it did not fit."""
    for lang, note in [("en", "TCP carried this message's TLS record in 3 segments (frames 4, 5, 6)"),
                       ("ja", "TLSレコードを3個のセグメント(フレーム4, 5, 6)で運び")]:
        hello = tshark.messages("malformed/split-segments.pcapng", lang=lang)[0]
        assert hello.msg == "ClientHello" and note in hello.explain
        assert "did not fit" not in hello.explain
