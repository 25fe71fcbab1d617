# SPDX-License-Identifier: GPL-2.0-or-later
"""Wireshark stays as it was: with the plugin, tshark's output differs from
tshark alone only by the tutor's own subtree (and, by default, the tutor's
text appended to the Info column when the tutor follows)."""
import re

import pytest

from tshark import PCAPS

CAPTURES = sorted(p.name for p in PCAPS.glob("*.pcapng"))
# What the tutor explains: every bundled capture (TLS over TCP, QUIC, DTLS).
EXPLAINED = CAPTURES


def keys_of(pcap):
    k = pcap.replace(".pcapng", ".keys")
    return k if (PCAPS / k).exists() else None


def strip_tutor(verbose):
    """Removes the tutor's subtree ("[TLS Handshake Tutor]" and its indented lines)."""
    out, skipping = [], False
    for line in verbose.splitlines(keepends=True):
        if line.startswith("[TLS Handshake Tutor]"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "\t")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def test_there_are_captures():
    assert len(CAPTURES) >= 8


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_verbose_output_differs_only_by_tutor(tshark, pcap, with_keys):
    keys = keys_of(pcap) if with_keys else None
    args = ["-r", tshark.pcap(pcap), "-V", *tshark.opts(keys)]
    with_plugin = tshark.run(args).stdout
    without = tshark.run(args, plugin=False).stdout
    assert "TLS Handshake Tutor" not in without
    assert unaddressed(strip_tutor(with_plugin)) == unaddressed(without)


def unaddressed(verbose):
    """Wireshark 4.4's HTTP/3 prints a pointer into its expert infos
    ("HTTP3 encoded headers - bytes 0x55cf9b44fc40 pos 0 len 37"): it
    differs from run to run, plugin or not."""
    return re.sub(r"bytes 0x[0-9a-f]+ pos", "bytes 0x… pos", verbose)


@pytest.mark.parametrize("pcap", CAPTURES)
def test_tls_fields_unchanged(tshark, pcap):
    args = ["-r", tshark.pcap(pcap), "-T", "fields", "-e", "frame.number",
            "-e", "_ws.col.Protocol", "-e", "tls.record.content_type",
            "-e", "tls.handshake.type", "-e", "tls.handshake.ciphersuite",
            "-e", "tls.handshake.extensions_server_name"]
    assert tshark.run(args).stdout == tshark.run(args, plugin=False).stdout


@pytest.mark.parametrize("pcap", CAPTURES)
def test_summary_unchanged_when_info_column_is_off(tshark, pcap):
    args = ["-r", tshark.pcap(pcap)]
    off = tshark.run(args + ["-o", "tlstutor.info_column:FALSE"]).stdout
    assert off == tshark.run(args, plugin=False).stdout


def test_info_column_shows_short_form(tshark):
    # A filter makes tshark build a tree, so the tutor follows (test_follow.py).
    out = tshark.run(["-r", tshark.pcap("tls12-ecdhe-rsa.pcapng"), "-Y", "tls"]).stdout
    assert re.search(r"Certificate.* \[3 Certificate: server sends its certificate\]", out)
    ja = tshark.run(["-r", tshark.pcap("tls12-ecdhe-rsa.pcapng"), "-Y", "tls",
                     "-o", "tlstutor.language:ja"]).stdout
    assert "[3 Certificate: サーバーがサーバー証明書を送る]" in ja
