# SPDX-License-Identifier: GPL-2.0-or-later
"""The tutor's fields are the same in a single pass, with -2, and when frames
are dissected again in any order, as the GUI does (sharkd)."""
import json
import random

import pytest

from test_unchanged import CAPTURES, keys_of

FILTERS = ["tlstutor.step == 3", "tlstutor.msg == \"Finished\"", "tlstutor.encrypted",
           "tlstutor.sender == \"client\" && tlstutor.seq > 2", "tlstutor.conn == 2"]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_two_pass_equals_single_pass(tshark, pcap, with_keys, lang):
    keys = keys_of(pcap) if with_keys else None
    single = tshark.messages(pcap, keys=keys, lang=lang)
    assert tshark.messages(pcap, keys=keys, lang=lang, two_pass=True) == single


def frames(tshark, pcap, flt, two_pass=False):
    args = ["-r", tshark.pcap(pcap), "-Y", flt, "-T", "fields", "-e", "frame.number"]
    return tshark.run(args + (["-2"] if two_pass else [])).stdout.split()


@pytest.mark.parametrize("flt", FILTERS)
def test_filters_match_same_frames_in_both_modes(tshark, flt):
    for pcap in CAPTURES:
        assert frames(tshark, pcap, flt) == frames(tshark, pcap, flt, two_pass=True), pcap


def test_filters_select_expected_frames(tshark):
    pcap = "tls12-ecdhe-rsa.pcapng"
    cert = [m.frame for m in tshark.messages(pcap) if m.step == 3]
    assert len(cert) == 1
    assert frames(tshark, pcap, "tlstutor.step == 3") == [str(cert[0])]


def sharkd_trees(tshark, pcap, order, keys=None, before=()):
    """Loads the capture in sharkd (the GUI's engine), sends the requests
    before, asks for frames in the given order and returns each frame's
    tutor subtree labels."""
    reqs = [{"jsonrpc": "2.0", "id": 1, "method": "load",
             "params": {"file": tshark.pcap(pcap)}}]
    if keys:
        reqs.append({"jsonrpc": "2.0", "id": 2, "method": "setconf",
                     "params": {"name": "tls.keylog_file", "value": tshark.pcap(keys)}})
    reqs += before
    for i, n in enumerate(order):
        reqs.append({"jsonrpc": "2.0", "id": 100 + i, "method": "frame",
                     "params": {"frame": n, "proto": True}})
    out = tshark.run(["-"], stdin="\n".join(json.dumps(r) for r in reqs) + "\n",
                     program="sharkd").stdout
    trees = {}
    for line in out.splitlines():
        if not line.startswith("{"):
            continue
        resp = json.loads(line)
        rid = resp.get("id", 0)
        if rid >= 100:
            nodes = resp["result"]["tree"]
            tutor = [n for n in nodes if n.get("l", "").startswith("TLS Handshake Tutor")]
            trees[order[rid - 100]] = json.dumps(tutor, sort_keys=True)
    return trees


@pytest.mark.parametrize("pcap", ["tls12-ecdhe-rsa.pcapng", "tls12-client-cert.pcapng",
                                  "tls12-maxfrag.pcapng"])
def test_random_order_redissection_keeps_annotations(tshark, pcap):
    count = int(tshark.run(["-r", tshark.pcap(pcap), "-T", "fields", "-e", "frame.number"])
                .stdout.split()[-1])
    forward = list(range(1, count + 1))
    shuffled = forward[:]
    random.Random(7).shuffle(shuffled)
    reference = sharkd_trees(tshark, pcap, forward)
    assert sum(1 for t in reference.values() if t != "[]") >= 5
    assert sharkd_trees(tshark, pcap, shuffled) == reference
    assert sharkd_trees(tshark, pcap, forward[::-1]) == reference


# Fields whose values come from TLS's items that only the texts quote: the
# GUI's first pass does not make those items (issue #16), a later pass that
# filters on them must.
VALUE_FIELDS = ["tlstutor.sni", "tlstutor.cert_subject", "tlstutor.cert_issuer", "tlstutor.carries",
                "tlstutor.segment", "tlstutor.fragment", "tlstutor.record.length"]
SEGMENTS_NOTE = {"en": "Wireshark put them back together", "ja": "組み立て直しました"}


def sharkd_frames(tshark, pcap, filters, lang):
    """The frames sharkd gives for each filter, one filter pass after the
    other after loading, as the GUI's display filter does."""
    reqs = [{"jsonrpc": "2.0", "id": 1, "method": "setconf",
             "params": {"name": "tlstutor.language", "value": lang}},
            {"jsonrpc": "2.0", "id": 2, "method": "load", "params": {"file": tshark.pcap(pcap)}}]
    reqs += [{"jsonrpc": "2.0", "id": 10 + i, "method": "frames", "params": {"filter": f}}
             for i, f in enumerate(filters)]
    out = tshark.run(["-"], stdin="\n".join(json.dumps(r) for r in reqs) + "\n",
                     program="sharkd").stdout
    got = {}
    for line in out.splitlines():
        if line.startswith("{") and json.loads(line).get("id", 0) >= 10:
            resp = json.loads(line)
            got[filters[resp["id"] - 10]] = [str(f["num"]) for f in resp["result"]]
    return got


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", ["tls12-ecdhe-rsa.pcapng", "tls12-alert-unknown-ca.pcapng",
                                  "browser-chromium-tcp.pcapng", "dtls12-fragmented.pcapng",
                                  "quic-ngtcp2.pcapng"])
def test_gui_filters_on_quoted_values_match_tshark(tshark, pcap, lang):
    note = f'tlstutor.explain contains "{SEGMENTS_NOTE[lang]}"'
    filters = VALUE_FIELDS + [note]
    fields = tshark.run(["-r", tshark.pcap(pcap), "-o", f"tlstutor.language:{lang}", "-Y", "tlstutor",
                         "-T", "fields", "-E", "occurrence=f", "-E", "separator=\t", "-e", "frame.number",
                         "-e", "tlstutor.explain"] + [a for f in VALUE_FIELDS for a in ("-e", f)]).stdout
    expected = {f: [] for f in filters}
    for line in fields.splitlines():
        cols = line.split("\t")
        for f, value in zip(VALUE_FIELDS, cols[2:]):
            if value:
                expected[f].append(cols[0])
        if SEGMENTS_NOTE[lang] in cols[1]:
            expected[note].append(cols[0])
    assert sharkd_frames(tshark, pcap, filters, lang) == expected
    # What each capture shows, so that the comparison cannot pass on nothing.
    shown = {f for f, frames in expected.items() if frames}
    assert "tlstutor.carries" in shown and "tlstutor.sni" in shown
    if pcap.startswith("tls12"):
        assert "tlstutor.cert_subject" in shown
    if pcap.startswith("browser"):
        assert {"tlstutor.segment", note} <= shown
    if pcap.startswith("dtls"):
        assert "tlstutor.fragment" in shown


def test_random_order_after_a_filter_on_values(tshark):
    """A filter pass that marks the texts' fields, then frames in any order:
    the same trees as in order."""
    pcap = "tls12-ecdhe-rsa.pcapng"
    count = int(tshark.run(["-r", tshark.pcap(pcap), "-T", "fields", "-e", "frame.number"])
                .stdout.split()[-1])
    forward = list(range(1, count + 1))
    shuffled = forward[:]
    random.Random(11).shuffle(shuffled)
    before = [{"jsonrpc": "2.0", "id": 3, "method": "frames",
               "params": {"filter": "tlstutor.cert_subject"}}]
    assert sharkd_trees(tshark, pcap, shuffled, before=before) == sharkd_trees(tshark, pcap, forward)
