# SPDX-License-Identifier: GPL-2.0-or-later
"""docs/flows.md is what the tutor does: every step the tutor gives on every
bundled capture (with and without keys) is the message the document lists
under that number for that flow, and the Japanese half numbers the same
steps as the English half."""
import re

import pytest

from tshark import ROOT
from test_unchanged import EXPLAINED, keys_of

DOC = (ROOT / "docs" / "flows.md").read_text()
ENGLISH, JAPANESE = DOC.split("\n# 日本語", 1)


def sections(text):
    """heading -> list of (number, line) of its numbered list."""
    out = {}
    for part in re.split(r"\n## ", text)[1:]:
        heading, _, body = part.partition("\n")
        out[heading] = [(int(n), line) for n, line in re.findall(r"^(\d+)\. (.*)$", body, re.M)]
    return out


def english_flows():
    """flow name (as tlstutor.flow shows it) -> {step: (msg, sender)}."""
    flows = {}
    for heading, items in sections(ENGLISH).items():
        names = re.findall(r"`([^`]+)`", heading)
        if not items or not names:
            continue
        steps = {}
        for n, line in items:
            m = re.match(r"([A-Za-z]+)(?: \(([a-z]+))?", line)
            msg = "ApplicationData" if line.startswith("Application data") else m.group(1)
            steps[n] = (msg, m.group(2))
        for name in names:
            flows[name] = steps
    return flows


FLOWS = english_flows()


def test_document_has_every_flow():
    assert set(FLOWS) >= {"TLS 1.2 full handshake", "TLS 1.2 resumed by session ID",
                          "TLS 1.2 resumed by session ticket", "TLS 1.3 full handshake",
                          "TLS 1.3 full handshake with HelloRetryRequest",
                          "TLS 1.3 resumed with a pre-shared key (PSK)"}
    assert [n for n, _ in sections(ENGLISH)["A. `TLS 1.2 full handshake`"]] == list(range(1, 15))


def test_japanese_numbers_the_same_steps():
    en = [[n for n, _ in items] for items in sections(ENGLISH).values() if items]
    ja = [[n for n, _ in items] for items in sections(JAPANESE).values() if items]
    assert en == ja


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", EXPLAINED)
def test_steps_match_the_document(tshark, pcap, with_keys):
    # The port preference only where the capture needs it, as in test_oracle
    # (every other capture is on port 443 alone): the PDML is then the one
    # messages() runs for the capture anyway. Messages without a step, which
    # -Y tlstutor adds to -Y tlstutor.step, are passed over below.
    extra = ["-o", "tlstutor.ports:443,8443"] if "8443" in pcap else []
    keys = keys_of(pcap) if with_keys else None
    msgs = tshark.messages(pcap, keys=keys, extra=extra)
    flows = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "fields",
                        "-E", "occurrence=a", "-E", "aggregator=|", "-e", "frame.number",
                        "-e", "tlstutor.msg", "-e", "tlstutor.flow", *extra,
                        *tshark.opts(keys)]).stdout
    flow_of = {}
    for line in flows.splitlines():
        frame, names, fl = (line.split("\t") + ["", ""])[:3]
        flow_of[int(frame)] = fl.split("|") if fl else []
    if any(f.startswith("SSL 2.0") for fl in flow_of.values() for f in fl):
        # SSL 2.0 has no numbered steps (docs/flows.md G).
        assert all(m.step is None for m in msgs)
        return
    checked = 0
    for m in msgs:
        if m.step is None:
            continue
        if m.step == 1 and m.msg == "ClientHello":   # before any flow is known
            assert all(doc[1] == ("ClientHello", "client") for doc in FLOWS.values())
            checked += 1
            continue
        if m.step in (2, 3) and m.msg in ("HelloVerifyRequest", "ClientHello"):
            # DTLS's cookie exchange, also before the version is chosen (I).
            assert FLOWS["DTLS 1.2 full handshake with HelloVerifyRequest"][m.step] == (m.msg, m.sender)
            checked += 1
            continue
        frame_flows = [f.split(",")[0].split("、")[0] for f in flow_of.get(m.frame, [])]
        assert frame_flows, m
        for flow in set(frame_flows):
            # SSL 3.0, TLS 1.0 and 1.1 follow flow A (docs/flows.md F), DTLS
            # without a HelloVerifyRequest A and B (I).
            doc = FLOWS[re.sub(r"^(SSL 3\.0|TLS 1\.[01]|DTLS 1\.[02]) (?!.*HelloVerifyRequest)", "TLS 1.2 ", flow)]
            msg, sender = doc[m.step]
            # RFC 8879 4: a CompressedCertificate takes the Certificate's
            # place and step (docs/flows.md, messages without a step).
            assert msg == m.msg or (msg, m.msg) == ("Certificate", "CompressedCertificate"), (flow, m)
            assert sender in (None, m.sender, "either"), (flow, m)
        checked += 1
    assert checked > 0
