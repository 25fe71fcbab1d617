# SPDX-License-Identifier: GPL-2.0-or-later
"""The tutor names every handshake message as Wireshark does: for every frame
of every capture, the handshake types TLS shows (tls.handshake.type) are
exactly the tutor's handshake messages, in the same order; and without keys
the only extra messages are ones the tutor marks as recognised while
encrypted."""
from collections import defaultdict

import pytest

from test_unchanged import EXPLAINED, keys_of
from wsversion import at_least

# RFC 8446 / 5246 names, written here independently of the plugin's table.
RFC_NAMES = {0: "HelloRequest", 1: "ClientHello", 2: "ServerHello", 3: "HelloVerifyRequest",
             4: "NewSessionTicket",
             5: "EndOfEarlyData", 8: "EncryptedExtensions", 11: "Certificate",
             12: "ServerKeyExchange", 13: "CertificateRequest", 14: "ServerHelloDone",
             15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished",
             22: "CertificateStatus", 24: "KeyUpdate", 25: "CompressedCertificate"}
# SSL 2.0's message codes (draft-hickman-netscape-ssl-00, C.2): the same
# numbers, other messages. An SSLv2-format ClientHello offering SSL 3.0 or
# later (RFC 5246 E.2) is a TLS ClientHello.
SSL2_NAMES = {0: "ERROR", 1: "CLIENT-HELLO", 2: "CLIENT-MASTER-KEY", 3: "CLIENT-FINISHED",
              4: "SERVER-HELLO", 5: "SERVER-VERIFY", 6: "SERVER-FINISHED",
              7: "REQUEST-CERTIFICATE", 8: "CLIENT-CERTIFICATE"}
NOT_HANDSHAKE = {"ChangeCipherSpec", "ApplicationData", "Alert", "EarlyData", "ConnectionClosed",
                 "EncryptedRecord", "VersionNegotiation", "Retry", "ConnectionClose"}


# From 4.4 on an SSLv2-format record's type has a field of its own.
TYPE_FIELDS = ["tls.handshake.type", "tls.ssl2.handshake.type"] if at_least(4, 4) \
    else ["tls.handshake.type"]


def wireshark_types(tshark, pcap, keys, extra=()):
    args = ["-r", tshark.pcap(pcap), "-T", "fields", "-e", "frame.number",
            "-e", "tls.record.version", "-e", "tls.handshake.version",
            *[a for f in TYPE_FIELDS for a in ("-e", f)], "-Y", " or ".join(TYPE_FIELDS),
            *tshark.opts(keys), *extra]
    per_frame = {}
    for line in tshark.run(args).stdout.splitlines():
        frame, records, versions, *columns = line.split("\t")
        types = ",".join(c for c in columns if c)
        ssl2 = records != "" and set(records.split(",")) == {"0x0002"}
        offered = int(versions.split(",")[0], 16) if versions else 0

        def name(t):
            if ssl2 and not (t == 1 and offered >= 0x0300):
                return SSL2_NAMES.get(t, f"SSL 2.0 type {t}")
            return RFC_NAMES.get(t, f"type {t}")
        per_frame[int(frame)] = [name(int(t)) for t in types.split(",") if t]
    return per_frame


def dtls_types(tshark, pcap, keys):
    """DTLS: per frame, the messages Wireshark shows whole: a handshake item
    that is its whole message (fragment_offset 0, fragment_length = length),
    or the last fragment's item, which the record follows with the
    reassembled fragments (dtls.fragments). Read from the PDML of tshark
    without the plugin."""
    import xml.etree.ElementTree as ET
    out = tshark.run(["-r", tshark.pcap(pcap), "-T", "pdml", "-Y", "dtls.handshake.type",
                      *tshark.opts(keys)], plugin=False).stdout
    per_frame = {}
    for packet in ET.fromstring(out).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        names = []
        for record in packet.iter("field"):
            if record.get("name") != "dtls.record":
                continue
            children = list(record)
            for i, hs in enumerate(children):
                if hs.get("name") != "dtls.handshake":
                    continue
                v = {f.get("name"): f.get("show") for f in hs}
                if "dtls.handshake.type" not in v:
                    continue
                whole = v.get("dtls.handshake.fragment_offset") == "0" and \
                    v.get("dtls.handshake.fragment_length") == v.get("dtls.handshake.length")
                after = children[i + 1].get("name") if i + 1 < len(children) else None
                if whole or after == "dtls.fragments":
                    names.append(RFC_NAMES.get(int(v["dtls.handshake.type"]), "type " + v["dtls.handshake.type"]))
        if names:
            per_frame[frame] = names
    return per_frame


def tutor_handshake(msgs, keep_encrypted):
    per_frame = defaultdict(list)
    for m in msgs:
        if m.msg in NOT_HANDSHAKE or (m.encrypted and not keep_encrypted):
            continue
        per_frame[m.frame].append("ServerHello" if m.msg == "HelloRetryRequest" else m.msg)
    return dict(per_frame)


def in_scope(pcap):
    return ["-o", "tlstutor.ports:443,8443"] if "8443" in pcap else []


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", EXPLAINED)
def test_same_messages_as_wireshark(tshark, pcap, with_keys):
    keys = keys_of(pcap) if with_keys else None
    msgs = tshark.messages(pcap, keys=keys, extra=in_scope(pcap))
    assert msgs, "the tutor annotated nothing"
    shown = dtls_types(tshark, pcap, keys) if pcap.startswith("dtls") else \
        wireshark_types(tshark, pcap, keys, in_scope(pcap))
    assert tutor_handshake(msgs, keep_encrypted=False) == shown
    for m in msgs:
        assert m.msg != "Unknown", m
        # (Wireshark does not decrypt SSL 2.0: its records stay encrypted.)
        if m.encrypted and "SSL 2.0" not in m.label:
            assert not with_keys or keys is None, f"encrypted with keys loaded: {m}"


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_encrypted_finished_is_the_decrypted_one(tshark, pcap):
    """What the tutor recognised while encrypted is what TLS shows once keys
    are loaded: same frame, same message, same sender."""
    keys = keys_of(pcap)
    if not keys:
        pytest.skip("no key log")
    without = tshark.messages(pcap, extra=in_scope(pcap))
    with_keys = tshark.messages(pcap, keys=keys, extra=in_scope(pcap))
    enc = [(m.frame, m.msg, m.sender, m.step) for m in without if m.encrypted]
    dec = {(m.frame, m.msg, m.sender, m.step) for m in with_keys}
    # Named by what holds them, not by a message: TLS 1.3's first encrypted
    # record, its other records, a QUIC Handshake packet (which may hold
    # only an ACK).
    for e in enc:
        if e[1] not in ("EncryptedHandshake", "EncryptedRecord", "HandshakePacket"):
            assert e in dec


def encrypted_handshake_records(tshark, pcap):
    """frame -> number of records TLS shows as "Encrypted Handshake Message"
    (DTLS: as a handshake item without a type)."""
    import xml.etree.ElementTree as ET
    proto = "dtls" if pcap.startswith("dtls") else "tls"
    out = tshark.run(["-r", tshark.pcap(pcap), "-T", "pdml", "-Y", f"{proto}.record.content_type == 22"],
                     plugin=False).stdout
    counts = defaultdict(int)
    for packet in ET.fromstring(out).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        for f in packet.iter("field"):
            # DTLS shows such a record's item as "Handshake Protocol", no type.
            if f.get("name") == f"{proto}.handshake" and \
                    (f.get("showname", "").endswith("Encrypted Handshake Message") or
                     (proto == "dtls" and not any(c.get("name") == "dtls.handshake.type" for c in f))):
                counts[frame] += 1
    return dict(counts)


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_every_encrypted_handshake_record_is_explained(tshark, pcap):
    """Without keys, each record TLS shows as "Encrypted Handshake Message"
    gets exactly one tutor item marked encrypted (a Finished recognised by
    its place, or EncryptedHandshake: cannot tell)."""
    tutor = defaultdict(int)
    for m in tshark.messages(pcap, extra=in_scope(pcap)):
        if m.encrypted and m.msg in ("Finished", "EncryptedHandshake"):
            tutor[m.frame] += 1
    # TLS 1.3 hides handshake records as application data; those are checked
    # by the exact sequences of test_flows.
    expected = encrypted_handshake_records(tshark, pcap)
    assert {f: n for f, n in tutor.items() if f in expected or not chose_tls13(tshark, pcap)} == expected


def chose_tls13(tshark, pcap):
    """Whether a ServerHello of the capture chose TLS 1.3 (supported_versions)."""
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tls.handshake.type == 2", "-T", "fields",
                      "-e", "tls.handshake.extensions.supported_version"], plugin=False).stdout
    return "0x0304" in out
