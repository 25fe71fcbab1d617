# SPDX-License-Identifier: GPL-2.0-or-later
"""Every explanation names its source: tlstutor.reference, the line right
after the explanation, holds the RFC sections (or IANA registry) of the
catalogue row the explanation comes from (the alert's row for an alert)."""
import re

import pytest

from test_unchanged import EXPLAINED, keys_of

# "RFC 5246, 7.4.9", "RFC 8446, 5, D.4", "IANA TLS HandshakeType registry",
# "draft-hickman-netscape-ssl-00, 5.5.1" (SSL 2.0 has no RFC), several
# joined by "; ".
SECTION = r"[0-9A-Z]+(?:\.[0-9]+)*"
SOURCE = (rf"(?:RFC [1-9][0-9]*, {SECTION}(?:, {SECTION})*|draft-[a-z0-9-]+, {SECTION}(?:, {SECTION})*"
          rf"|IANA [A-Z][A-Za-z0-9 ]* registry)")
REFERENCE = re.compile(rf"{SOURCE}(?:; {SOURCE})*")


def messages_with_lines(tshark, pcap, keys, lang=None):
    """(frame, message name, [field names of its lines], {field: [values]})
    of every tutor message of the capture; the values also hold the message
    line itself, as "tlstutor.message"."""
    for packet in tshark.pdml(pcap, keys, lang).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        for proto in packet.findall("proto"):
            if proto.get("name") != "tlstutor":
                continue
            for item in proto.findall("field"):
                names = [f.get("name") for f in item.findall("field")]
                values = {"tlstutor.message": [item.get("show")]}
                for f in item.findall("field"):
                    values.setdefault(f.get("name"), []).append(f.get("show"))
                yield frame, values["tlstutor.msg"][0], names, values


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_every_explanation_names_its_source(tshark, pcap):
    explained = 0
    for frame, msg, names, values in messages_with_lines(tshark, pcap, keys_of(pcap)):
        if "tlstutor.explain" not in names:
            assert "tlstutor.reference" not in names, (frame, msg)
            continue
        explained += 1
        assert len(values["tlstutor.reference"]) == 1, (frame, msg)
        assert names[names.index("tlstutor.explain") + 1] == "tlstutor.reference", (frame, msg)
        assert REFERENCE.fullmatch(values["tlstutor.reference"][0]), (frame, msg, values["tlstutor.reference"])
    if pcap != "tls12-port8443.pcapng":   # out of the port scope: no tutor
        assert explained


def references(tshark, pcap, keys=None, lang=None):
    return [(frame, msg, values["tlstutor.reference"][0])
            for frame, msg, _, values in messages_with_lines(tshark, pcap, keys, lang)]


def test_known_references(tshark):
    ecdhe = references(tshark, "tls12-ecdhe-rsa.pcapng", "tls12-ecdhe-rsa.keys")
    assert (4, "ClientHello", "RFC 5246, 7.4.1.2; RFC 8446, 4.1.2") in ecdhe
    assert (6, "Certificate", "RFC 5246, 7.4.2; RFC 5280, 6; RFC 6125, 6; RFC 6066, 8") in ecdhe
    # The server's Finished also rests on 7.3: in a resumed handshake it comes first.
    assert [r for r in ecdhe if r[1] == "Finished"] == [
        (8, "Finished", "RFC 5246, 7.4.9"), (9, "Finished", "RFC 5246, 7.3, 7.4.9")]
    # The same without keys (the encrypted Finished), and in Japanese.
    assert [r for r in references(tshark, "tls12-ecdhe-rsa.pcapng") if r[1] == "Finished"] == \
        [(8, "Finished", "RFC 5246, 7.4.9"), (9, "Finished", "RFC 5246, 7.3, 7.4.9")]
    assert references(tshark, "tls12-ecdhe-rsa.pcapng", "tls12-ecdhe-rsa.keys", "ja") == ecdhe
    tls13 = references(tshark, "tls13.pcapng", "tls13.keys")
    assert [r[2] for r in tls13 if r[1] == "Finished"] == ["RFC 8446, 4.4.4", "RFC 8446, 4.4.4, 7.1"]
    # An alert names its own row's sources, not the generic alert text's.
    alerts = [r for r in references(tshark, "tls12-alert-unknown-ca.pcapng", "tls12-alert-unknown-ca.keys")
              if r[1] == "Alert"]
    assert alerts and alerts[0][2] == "RFC 5246, 7.2.2; RFC 8446, 6.2"


def test_reference_without_a_visible_tree(tshark):
    """-T fields -e tlstutor.reference and a filter on it get the same
    values as the full tree."""
    pcap = "tls12-ecdhe-rsa.pcapng"
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields", "-e", "frame.number",
                      "-e", "tlstutor.msg", "-e", "tlstutor.reference", "-E", "aggregator=|"]).stdout
    fields = []
    for line in out.splitlines():
        frame, msgs, refs = line.split("\t")
        fields += [(int(frame), m, r) for m, r in zip(msgs.split("|"), refs.split("|"))]
    assert fields == references(tshark, pcap)
    found = tshark.run(["-r", tshark.pcap(pcap), "-Y", 'tlstutor.reference == "RFC 5246, 7.4.9"',
                        "-T", "fields", "-e", "frame.number"]).stdout.split()
    assert found == ["8"]
