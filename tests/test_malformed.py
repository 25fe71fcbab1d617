# SPDX-License-Identifier: GPL-2.0-or-later
"""Malformed and unusual input: the captures of pcaps/malformed/ (made by
make.py there from the TLS bytes of tls12-ecdhe-rsa.pcapng, and for the
DTLS and QUIC files from dtls12-openssl.pcapng and quic-ngtcp2.pcapng). For
each, the exact tutor messages (frame, msg, sender, seq, step, encrypted), their texts
in English and Japanese, the tutor's expert infos, and that the tutor changes
nothing else in Wireshark's output (no "Malformed", no "Dissector bug"),
with tshark exiting 0 in time.

The expected values say what a correct tutor must say, reasoned from what the
capture holds (pcaps/malformed/README.md); where the plugin does not yet do
so, a test is marked xfail(strict) in XFAIL with the bug it shows (none now)."""
import filecmp
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_unchanged import strip_tutor
from tshark import PCAPS
from wsversion import at_least

C, S = "client", "server"
MAL = PCAPS / "malformed"
REF, REF_KEYS = "tls12-ecdhe-rsa.pcapng", "tls12-ecdhe-rsa.keys"
TOO_SLOW = 60  # seconds; tshark needs about 1 s for any of these files

# The reference connection (the source of the TLS bytes), in order:
# name -> (msg, sender, step, encrypted without keys).
ROLES = {
    "CH": ("ClientHello", C, 1, False),
    "SH": ("ServerHello", S, 2, False),
    "CERT": ("Certificate", S, 3, False),
    "SKE": ("ServerKeyExchange", S, 4, False),
    "SHD": ("ServerHelloDone", S, 6, False),
    "CKE": ("ClientKeyExchange", C, 8, False),
    "CCCS": ("ChangeCipherSpec", C, 10, False),
    "CFIN": ("Finished", C, 11, True),
    "NST": ("NewSessionTicket", S, None, False),
    "SCCS": ("ChangeCipherSpec", S, 12, False),
    "SFIN": ("Finished", S, 13, True),
    "CAPP": ("ApplicationData", C, 14, False),
    "SAPP": ("ApplicationData", S, 14, False),
    "SALERT": ("Alert", S, None, True),
    "CALERT": ("Alert", C, None, True),
}
REF_FRAMES = {"CH": 4, "SH": 6, "CERT": 6, "SKE": 6, "SHD": 6, "CKE": 8, "CCCS": 8, "CFIN": 8,
              "NST": 9, "SCCS": 9, "SFIN": 9, "CAPP": 10, "SAPP": 11, "SALERT": 12, "CALERT": 14}
ORDER = list(ROLES)


def row(frame, role, step="ref", experts=(), midstream_note=False):
    """One expected message: a role of the reference connection at a frame.
    step: "ref" keeps the reference's step; None: no step. experts: tutor
    expert infos besides the key-log hint (which follows the reference)."""
    msg, sender, ref_step, enc = ROLES[role]
    return dict(frame=frame, role=role, msg=msg, sender=sender,
                step=ref_step if step == "ref" else step, enc=enc,
                experts=list(experts), midstream_note=midstream_note)


def like_ref(frames, roles=ORDER):
    """The reference connection's messages at other frames."""
    return [row(frames[r], r) for r in roles]


def other(frame, msg, sender, label, experts=(), enc=False):
    """A message with no counterpart in the reference: its exact labels."""
    return dict(frame=frame, role=None, msg=msg, sender=sender, step=None, enc=enc,
                experts=list(experts), label=label, midstream_note=False)


def frames_from(shift=0, **moved):
    """Reference frames for a capture with one more frame before the
    server's first flight (shift=1); moved: roles at other frames."""
    out = {r: f if f < 5 else f + shift for r, f in REF_FRAMES.items()}
    out.update(moved)
    return out


SKE_UNKNOWN_SUITE = {"en": "ServerKeyExchange: server sends its key exchange parameters",
                     "ja": "ServerKeyExchange: サーバーが鍵交換のパラメータを送る"}
CLOSED = {"en": "ConnectionClosed: connection closed before the handshake finished",
          "ja": "ConnectionClosed: ハンドシェイク完了前に接続が閉じられた"}
UNKNOWN = {"en": "Unknown: a handshake message the tutor cannot identify",
           "ja": "Unknown: チューターが識別できないハンドシェイクメッセージ"}

# A plaintext handshake type where only encrypted records can be.
AFTER_CCS = {"en": "Unknown: plaintext where only encrypted data can be: cannot tell",
             "ja": "Unknown: 暗号化されているはずの場所に平文: 判断できません"}

# capture -> expected messages (one connection, conn 1), without keys.
SPECS = {
    # Capture ends inside the Certificate: only the hellos can be explained.
    "truncated-mid-certificate": like_ref(REF_FRAMES, ["CH", "SH"]),
    # Snapshot length 400: the server's first flight is cut inside the
    # Certificate; what follows is whole and keeps its steps. From 4.4 on TLS
    # names the cut Certificate (its header is there): the tutor names it and
    # quotes none of its values (test_cut_message_quotes_no_values).
    "truncated-snaplen": like_ref(REF_FRAMES, [r for r in ORDER if r not in (
        ("SKE", "SHD") if at_least(4, 4) else ("CERT", "SKE", "SHD"))]),
    # The Certificate record claims 16384 bytes: it never completes; the
    # client's FIN (frame 8) ends the handshake.
    "record-length-beyond-data": like_ref(REF_FRAMES, ["CH", "SH"]) + [
        other(8, "ConnectionClosed", C, CLOSED, experts=["failed"])],
    # The ClientHello's handshake length exceeds its record: TLS shows only a
    # fragment, never a ClientHello; the tutor says nothing.
    "handshake-length-beyond-record": [],
    # The ServerHello's handshake length is 4 bytes short: TLS dissects the
    # ServerHello (malformed) and reads the 4 bytes as the start of a huge
    # message that swallows the rest of the server's handshake records.
    "handshake-length-too-short": like_ref(
        REF_FRAMES, [r for r in ORDER if r not in ("CERT", "SKE", "SHD", "NST")]),
    # The ServerKeyExchange record says 100 of its 300 bytes: TLS keeps the
    # rest of the message pending and completes it with the server's next
    # handshake records, across its ChangeCipherSpec.
    "record-length-too-short": like_ref(REF_FRAMES, ["CH", "SH", "CERT", "CKE", "CCCS", "CFIN",
                                                     "SCCS", "SFIN"]) + [
        other(9, "Unknown", S, AFTER_CCS, experts=["cannot_tell"]),
        other(9, "EncryptedHandshake", S,
              {"en": "EncryptedHandshake: encrypted handshake message, cannot tell which",
               "ja": "EncryptedHandshake: 暗号化されたハンドシェイクメッセージ(種類は不明)"},
              experts=["cannot_tell"], enc=True),
    ] + like_ref(REF_FRAMES, ["CAPP", "SAPP", "SALERT", "CALERT"]),
    # Zero-length records carry no message: the rest is the reference, and
    # the client's first application data is the record that has data.
    "zero-length-records": like_ref(REF_FRAMES),
    "garbage": [],
    "http": [],
    # Odd TCP segments: reassembled, annotated as the reference.
    "split-segments": like_ref(frames_from(CH=6, SH=8, CERT=49, SKE=49, SHD=49, CKE=51, CCCS=51,
                                           CFIN=51, NST=52, SCCS=52, SFIN=52, CAPP=53, SAPP=54,
                                           SALERT=55, CALERT=57)),
    # Mid-connection starts: no step anywhere; the first message says why.
    "midstream-certificate": [
        # Without the ServerHello the suite is unknown: the ServerKeyExchange
        # is not said to be signed (test_midstream_key_exchange_is_not_guessed).
        row(1, "CERT", None, ["midstream"], True),
        other(1, "ServerKeyExchange", "server", SKE_UNKNOWN_SUITE),
        row(1, "SHD", None, midstream_note=True), row(3, "CKE", None, midstream_note=True),
        row(3, "CCCS", None, midstream_note=True), row(3, "CFIN", None, midstream_note=True),
        row(4, "NST", None, midstream_note=True), row(4, "SCCS", None, midstream_note=True),
        row(4, "SFIN", None, midstream_note=True), row(7, "SALERT"), row(9, "CALERT")],
    "midstream-client-key-exchange": [
        row(1, "CKE", None, ["midstream"], True), row(1, "CCCS", None, midstream_note=True),
        row(1, "CFIN", None, midstream_note=True), row(2, "NST", None, midstream_note=True),
        row(2, "SCCS", None, midstream_note=True), row(2, "SFIN", None, midstream_note=True),
        row(5, "SALERT"), row(7, "CALERT")],
    # The retransmitted ClientHello (frame 5) is not a second ClientHello.
    "retransmitted-client-hello": like_ref(frames_from(1)),
    # Without out-of-order reassembly (Wireshark's default) the server's
    # first flight is lost: no ServerHello, so no flow and no steps after the
    # ClientHello, and TLS 1.2 texts (the ClientHello offers only TLS 1.2).
    "out-of-order-server-flight": [row(4, "CH"), row(9, "CKE", None), row(9, "CCCS", None),
                                   row(9, "CFIN", None), row(10, "NST"), row(10, "SCCS", None),
                                   row(10, "SFIN", None), row(13, "SALERT"), row(15, "CALERT")],
    # Type 99 between ServerHello and Certificate: Unknown, cannot tell, no
    # step; the flow goes on around it.
    "unknown-handshake-type": like_ref(REF_FRAMES, ["CH", "SH"]) + [
        other(6, "Unknown", S, UNKNOWN, experts=["cannot_tell"])] +
        like_ref(REF_FRAMES, ORDER[2:]),
    # A record of content type 99 (frame 5) is no message: nothing there.
    "unknown-content-type": like_ref(frames_from(1)),
}

def dtls(frame, msg, sender, step):
    """A DTLS message (UDP 443, docs/flows.md I): its name and step; its
    words are the DTLS capture's, checked in test_dtls.py."""
    return dict(frame=frame, role=None, msg=msg, sender=sender, step=step, enc=False,
                experts=[], label=None, midstream_note=False)


DTLS_HELLOS = [dtls(1, "ClientHello", C, 1), dtls(2, "HelloVerifyRequest", S, 2), dtls(3, "ClientHello", C, 3)]
# DTLS: what Wireshark shows as a message, the tutor names, and nothing
# more: a ClientHello cut by the snapshot length is still one (its values
# are not quoted); a HelloVerifyRequest whose cookie length runs past the
# message is one (the cookie quoted as long as it is); a Certificate
# fragment that runs past its message is never reassembled, so no
# Certificate is named; overlapping fragments reassembled are one.
SPECS.update({
    "dtls-client-hello-cut": [dtls(1, "ClientHello", C, 1)],
    "dtls-cookie-length-past-end": DTLS_HELLOS,
    "dtls-fragment-past-message": DTLS_HELLOS + [
        dtls(4, "ServerHello", S, 4), dtls(4, "ServerKeyExchange", S, 6), dtls(4, "ServerHelloDone", S, 8)],
    "dtls-overlapping-fragments": DTLS_HELLOS + [
        dtls(4, "ServerHello", S, 4), dtls(5, "Certificate", S, 5), dtls(5, "ServerKeyExchange", S, 6),
        dtls(5, "ServerHelloDone", S, 8)],
})
# Datagrams that are no TLS message (a record longer than its datagram,
# which the DTLS heuristic rejects; broken QUIC): nothing said, nothing
# changed in Wireshark's output (the tests below that run on every file).
UDP_FILES = ["dtls-record-length-beyond-datagram", "quic-initial-garbage",
             "quic-initial-truncated", "quic-bogus-version", "quic-short-header-alone"]
SPECS.update({name: [] for name in UDP_FILES})

# Files whose TLS bytes still decrypt with the source's key log, and what
# the key log changes there (the same messages, none encrypted, no hint).
WITH_KEYS = ["split-segments", "retransmitted-client-hello", "unknown-handshake-type",
             "unknown-content-type", "zero-length-records", "truncated-snaplen"]

EXTRA = {"out-of-order-server-flight": []}
OOO = ["-o", "tcp.reassemble_out_of_order:TRUE"]
XFAIL = {}

EXPERT_TEXT = {
    "keylog": {"en": "Encrypted handshake messages in this connection: load a key log to see them",
               "ja": "この接続には暗号化されたハンドシェイクメッセージがあります。見るには鍵ログを読み込んでください"},
    "cannot_tell": {"en": "The tutor cannot tell which handshake message this is",
                    "ja": "チューターはこれがどのハンドシェイクメッセージか判断できません"},
    "midstream": {"en": "The capture starts after this connection's handshake began: steps cannot be known",
                  "ja": "キャプチャが接続のハンドシェイクの途中から始まっているため、手順番号は分かりません"},
    "failed": {"en": "The handshake failed: connection closed before the handshake finished",
               "ja": "ハンドシェイクが失敗しました: ハンドシェイク完了前に接続が閉じられた"},
}
# Where TCP carried a record in several segments the explanation says so
# (test_records.py); the reference capture's came in one.
SEGMENTS_NOTE = {
    "en": re.compile(r" TCP carried this message's TLS record in \d+ segments \(frames [\d, ]+\).*?RFC 8446, 5\.1\)\."),
    "ja": re.compile(r"TCPはこのメッセージを運ぶTLSレコードを\d+個のセグメント\(フレーム[\d, ]+\).*?RFC 8446 5\.1\)。"),
}


def without_segments(explain, lang):
    return SEGMENTS_NOTE[lang].sub("", explain)


NOTE_MIDSTREAM = {
    "en": " The capture does not show this connection's ClientHello, so the tutor cannot tell this message's step.",
    "ja": "このキャプチャには接続のClientHelloがないため、チューターはこのメッセージの手順番号を判断できません。",
}

CAPTURES = sorted(SPECS)


def pcap(name):
    return f"malformed/{name}.pcapng"


def cases(names):
    """pytest params, xfail(strict) where the plugin has a known bug."""
    return [pytest.param(n, marks=pytest.mark.xfail(reason=XFAIL[n], strict=True))
            if n in XFAIL else n for n in names]


def expected_rows(name, with_keys, rows=None):
    rows = SPECS[name] if rows is None else rows
    out = []
    hinted = False
    for seq, r in enumerate(rows, start=1):
        enc = r["enc"] and not with_keys
        experts = list(r["experts"])
        if enc and not hinted:   # the connection's first encrypted item carries the hint
            hinted = True
            experts.insert(0, "keylog")
        out.append((r["frame"], r["msg"], r["sender"], seq, r["step"], enc, 1, experts))
    return out


@pytest.fixture(scope="module")
def reference(tshark):
    """The source connection's messages by role, per language and key log."""
    out = {}
    for lang in ("en", "ja"):
        for keys in (None, REF_KEYS):
            msgs = tshark.messages(REF, keys=keys, lang=lang)
            assert [(m.msg, m.sender, m.step) for m in msgs] == \
                [ROLES[r][:3] for r in ORDER], "the source capture changed: update ROLES"
            out[lang, keys] = dict(zip(ORDER, msgs))
    return out


def test_every_capture_has_a_spec_and_a_readme_entry():
    files = sorted(p.name[:-len(".pcapng")] for p in MAL.glob("*.pcapng"))
    assert files == CAPTURES
    readme = (MAL / "README.md").read_text()
    for name in CAPTURES:
        assert f"`{name}.pcapng`" in readme


def check_messages(tshark, reference, name, lang, keys, extra=()):
    start = time.monotonic()
    msgs = tshark.messages(pcap(name), keys=keys, lang=lang, extra=extra)
    assert time.monotonic() - start < TOO_SLOW
    got = [(m.frame, m.msg, m.sender, m.seq, m.step, m.encrypted, m.conn,
            [e for e in m.expert]) for m in msgs]
    want = [w[:7] + ([EXPERT_TEXT[e][lang] for e in w[7]],) for w in expected_rows(name, keys is not None)]
    assert got == want
    ref = reference[lang, keys]
    for m, r in zip(msgs, SPECS[name]):
        if r["role"] is None:
            # label None: the tutor's own words for it are open, its name is not
            assert m.label == r["label"][lang] if r["label"] else \
                m.label.startswith((f"{m.step} " if m.step else "") + m.msg + ": ")
            continue
        rm = ref[r["role"]]
        unnumbered = rm.label.split(" ", 1)[1] if rm.step else rm.label
        assert m.label == (f"{m.step} " if m.step else "") + unnumbered
        assert m.says == rm.says
        explain = without_segments(m.explain, lang)
        if r["midstream_note"]:
            assert explain.count(NOTE_MIDSTREAM[lang]) == 1
            assert explain.replace(NOTE_MIDSTREAM[lang], "", 1) == rm.explain
        else:
            assert explain == rm.explain


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", cases(CAPTURES))
def test_messages(tshark, reference, name, lang):
    check_messages(tshark, reference, name, lang, None, EXTRA.get(name, ()))


@pytest.mark.parametrize("lang,says", [
    ("en", "Server: here are my parameters for the key exchange."),
    ("ja", "サーバー: 鍵交換のためのパラメータです。")])
def test_midstream_key_exchange_is_not_guessed(tshark, lang, says):
    """A capture that starts after the ServerHello does not show the suite:
    the ServerKeyExchange may be signed (ECDHE_RSA) or not (anonymous, PSK),
    so the tutor says neither."""
    ske = [m for m in tshark.messages(pcap("midstream-certificate"), lang=lang)
           if m.msg == "ServerKeyExchange"]
    assert [m.says for m in ske] == [says]
    assert NOTE_MIDSTREAM[lang] in ske[0].explain


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("name", cases(WITH_KEYS))
def test_messages_with_keys(tshark, reference, name, lang):
    check_messages(tshark, reference, name, lang, REF_KEYS)


@pytest.mark.parametrize("keys", [None, REF_KEYS], ids=["nokeys", "keys"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_out_of_order_reassembled(tshark, reference, lang, keys):
    """With TCP's out-of-order reassembly on, the flight is whole again at
    frame 7 (the segment captured second) and every step is there."""
    msgs = tshark.messages(pcap("out-of-order-server-flight"), keys=keys, lang=lang, extra=OOO)
    want = expected_rows(None, keys is not None, like_ref(frames_from(1)))
    assert [(m.frame, m.msg, m.sender, m.seq, m.step, m.encrypted, m.conn) for m in msgs] == \
        [w[:7] for w in want]
    ref = reference[lang, keys]
    assert [(m.label, m.says, without_segments(m.explain, lang)) for m in msgs] == \
        [(ref[r].label, ref[r].says, ref[r].explain) for r in ORDER]


def message_items(tshark, path, keys=None, skipped=False):
    """(frame, msg, pos, size) of every tutor message item, from PDML;
    skipped: (frame, msg, [tlstutor.skipped lines]) instead."""
    out = []
    for packet in tshark.pdml(path, keys).iter("packet"):
        geninfo = next(p for p in packet.findall("proto") if p.get("name") == "geninfo")
        frame = int(next(f.get("show") for f in geninfo.findall("field") if f.get("name") == "num"))
        for item in packet.iter("field"):
            if item.get("name") == "tlstutor.message":
                msg = next(f.get("show") for f in item if f.get("name") == "tlstutor.msg")
                if skipped:
                    out.append((frame, msg, [f.get("show") for f in item
                                             if f.get("name") == "tlstutor.skipped"]))
                else:
                    out.append((frame, msg, int(item.get("pos")), int(item.get("size"))))
    return out


@pytest.mark.parametrize("keys", [None, REF_KEYS], ids=["nokeys", "keys"])
def test_zero_length_record_is_not_the_first_application_data(tshark, keys):
    """Frame 10 holds a zero-length application data record (bytes 54-58)
    and then the client's real first one (header at 59, 76 bytes of data at
    64): step 14 selects the record that carries data."""
    items = [i for i in message_items(tshark, pcap("zero-length-records"), keys)
             if i[:2] == (10, "ApplicationData")]
    assert items == [(10, "ApplicationData", 64, 76)]


def test_unknown_type_selects_its_bytes(tshark):
    """The type-99 message (record at 124, message at 129, 8 bytes) is what
    the Unknown item selects."""
    items = [i for i in message_items(tshark, pcap("unknown-handshake-type")) if i[1] == "Unknown"]
    assert items == [(6, "Unknown", 129, 8)]


@pytest.mark.parametrize("name", [
    "midstream-certificate", "split-segments",
    "midstream-client-key-exchange", "out-of-order-server-flight"])
def test_skipped_steps_only_where_seen(tshark, name):
    """A skipped step (tlstutor.skipped) is said only where the capture shows
    the messages around it: as in the reference where the server's first flight
    is there (midstream-certificate starts at it), nowhere where it is not."""
    ref = {msg_role: lines for msg_role, lines in zip(
        ORDER, [lines for _, _, lines in message_items(tshark, REF, skipped=True)])}
    flight_seen = name in ("midstream-certificate", "split-segments")
    want = [(r["frame"], r["msg"], ref[r["role"]] if flight_seen and r["role"] else []) for r in SPECS[name]]
    assert message_items(tshark, pcap(name), skipped=True) == want


EXPERT_FIELDS = ["tlstutor.expert.cannot_tell", "tlstutor.expert.midstream",
                 "tlstutor.expert.failed", "tlstutor.expert.keylog"]


def expert_frames(tshark, name, field, extra=()):
    out = tshark.run(["-r", tshark.pcap(pcap(name)), "-Y", field, "-T", "fields",
                      "-e", "frame.number", *extra]).stdout
    return [int(x) for x in out.split()]


@pytest.mark.parametrize("name", CAPTURES)
def test_expert_filters(tshark, name):
    """The expert infos as display filters (language-independent): on
    exactly the frames of the expected messages that carry them."""
    for field in EXPERT_FIELDS:
        kind = field.rsplit(".", 1)[1]
        want = sorted({w[0] for w in expected_rows(name, False) if kind in w[7]})
        assert expert_frames(tshark, name, field, EXTRA.get(name, ())) == want, field


@pytest.mark.parametrize("name", CAPTURES)
def test_no_step_without_a_client_hello(tshark, name):
    """Where the capture has no ClientHello, no message gets a step."""
    msgs = tshark.messages(pcap(name))
    if not any(m.msg == "ClientHello" for m in msgs):
        assert [m for m in msgs if m.step is not None] == []


@pytest.mark.parametrize("name", ["garbage", "http", "handshake-length-beyond-record"] + UDP_FILES)
def test_nothing_said_where_there_is_no_tls_message(tshark, name):
    """No tutor item at all (no "ServerHello" for random bytes or HTTP), in
    any output: PDML, fields, verbose."""
    path = tshark.pcap(pcap(name))
    assert tshark.messages(pcap(name)) == []
    assert "TLS Handshake Tutor" not in tshark.run(["-r", path, "-V"]).stdout
    assert tshark.run(["-r", path, "-T", "fields", "-e", "tlstutor.msg",
                       "-Y", "tlstutor"]).stdout == ""


@pytest.mark.parametrize("two_pass", [False, True], ids=["1pass", "2pass"])
@pytest.mark.parametrize("name", CAPTURES)
def test_wireshark_output_unchanged(tshark, name, two_pass):
    """With the plugin, -V differs from tshark alone only by the tutor's
    subtree; the tutor's own lines hold no Malformed or Dissector bug; the
    same frames are malformed; stderr is the same; both exit 0 in time."""
    args = ["-r", tshark.pcap(pcap(name)), "-V"] + (["-2"] if two_pass else [])
    with_plugin = tshark.run(args)            # check=True: exit status 0
    without = tshark.run(args, plugin=False)
    # How long tshark ran, also where another test ran the same command first.
    assert with_plugin.seconds + without.seconds < 2 * TOO_SLOW
    assert strip_tutor(with_plugin.stdout) == without.stdout
    tutor_lines = set(with_plugin.stdout.splitlines()) - set(without.stdout.splitlines())
    assert not [l for l in tutor_lines if "Malformed" in l or "Dissector bug" in l or "Exception" in l]
    assert with_plugin.stderr == without.stderr
    fields = ["-r", tshark.pcap(pcap(name)), "-Y", "_ws.malformed", "-T", "fields",
              "-e", "frame.number", "-e", "_ws.malformed"]
    assert tshark.run(fields).stdout == tshark.run(fields, plugin=False).stdout


@pytest.mark.parametrize("name", CAPTURES)
def test_two_passes_say_the_same(tshark, name):
    assert [(m.key(), m.label, m.explain, m.expert) for m in tshark.messages(pcap(name), two_pass=True)] == \
        [(m.key(), m.label, m.explain, m.expert) for m in tshark.messages(pcap(name))]


def test_make_py_reproduces_the_captures(tmp_path):
    """make.py is deterministic and the committed files are its output
    (needs Debian's python3-scapy for /usr/bin/python3)."""
    res = subprocess.run(["/usr/bin/python3", str(MAL / "make.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    made = sorted(p.name for p in tmp_path.glob("*.pcapng"))
    assert made == sorted(p.name for p in MAL.glob("*.pcapng"))
    match, mismatch, errors = filecmp.cmpfiles(tmp_path, MAL, made, shallow=False)
    assert (mismatch, errors) == ([], [])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_plaintext_after_change_cipher_spec_says_why(tshark, lang):
    [m] = [m for m in tshark.messages(pcap("record-length-too-short"), lang=lang)
           if m.frame == 9 and m.msg == "Unknown"]
    assert m.step is None
    assert m.says == {
        "en": "(A handshake message type where this side already sends only encrypted records.)",
        "ja": "(この送り手はすでに暗号化したレコードしか送らないはずの場所に、"
              "ハンドシェイクメッセージの種類が見えています。)"}[lang]
    assert m.explain.startswith({
        "en": "After a side's ChangeCipherSpec everything it sends is encrypted, and no key log "
              "decrypted these bytes, yet Wireshark reads a plaintext handshake message type in them.",
        "ja": "ChangeCipherSpecの後、その送り手が送るものはすべて暗号化されていて、"
              "鍵ログでも復号されていないのに、Wiresharkはこのバイト列に平文のハンドシェイク"
              "メッセージの種類を読み取っています。"}[lang])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_cut_message_quotes_no_values(tshark, lang):
    """A message the capture holds only in part (snapshot length 400) is
    named where TLS names it (4.4 and later) with how much of it is there,
    never with values read from the part (4.4 counted 0 certificates)."""
    args = ["-r", tshark.pcap(pcap("truncated-snaplen")), "-Y", 'tlstutor.msg == "Certificate"',
            "-T", "fields", "-e", "tlstutor.msg", "-e", "tlstutor.carries",
            "-e", "tlstutor.cert_count", "-E", "occurrence=a", "-E", "aggregator=\x1e",
            *tshark.opts(lang=lang)]
    out = tshark.run(args).stdout
    if not at_least(4, 4):
        assert out == ""
        return
    text = {"en": "The capture holds only 271 of this message's 845 bytes (cut when it was "
                  "captured, for example by a snapshot length): what it carries cannot be read",
            "ja": "このキャプチャにあるのはこのメッセージの最初の271バイトだけです(全体は845バイト。"
                  "キャプチャ時に、例えばスナップショット長のために切り詰められました)。運んでいる値は読めません"}
    msgs, carries, cert_count = out.rstrip("\n").split("\t")   # not splitlines: \x1e
    # Frame 6: the ServerHello's lines, then the Certificate's one line.
    assert msgs.split("\x1e") == ["ServerHello", "Certificate"]
    assert carries.split("\x1e")[-1] == text[lang]
    assert carries.count(text[lang][:20]) == 1 and cert_count == ""
