# SPDX-License-Identifier: GPL-2.0-or-later
"""In tshark the tutor reads TLS's fields only when tshark builds a protocol
tree anyway (a filter, -V, -T fields/pdml, statistics), so it never makes
tshark build one; it gives the same answers whichever option builds the tree,
and the follow_always preference makes it follow a plain `tshark -r` too."""
import pytest

from test_unchanged import EXPLAINED, keys_of
from tshark import parse_pdml
from wsversion import at_least


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_plain_summary_is_tsharks_own(tshark, pcap):
    args = ["-r", tshark.pcap(pcap)]
    assert tshark.run(args).stdout == tshark.run(args, plugin=False).stdout


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", EXPLAINED)
def test_second_pass_reads_what_the_first_pass_could_not(tshark, pcap, with_keys):
    # -2 without a filter: tshark's first pass builds no tree, so the tutor
    # reads every frame on the second pass, in order.
    keys = keys_of(pcap) if with_keys else None
    late = parse_pdml(tshark.run(["-r", tshark.pcap(pcap), "-2", "-T", "pdml",
                                  *tshark.opts(keys)]).stdout)
    assert late == tshark.messages(pcap, keys=keys)


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_fields_without_filter_equal_fields_with_filter(tshark, pcap):
    args = ["-r", tshark.pcap(pcap), "-T", "fields", "-e", "frame.number",
            "-e", "tlstutor.step", "-e", "tlstutor.says", "-E", "occurrence=a"]
    plain = [line for line in tshark.run(args).stdout.splitlines()
             if line.split("\t", 1)[1].strip()]
    assert plain == tshark.run(args + ["-Y", "tlstutor"]).stdout.splitlines()
    assert plain or pcap == "tls12-port8443.pcapng"  # outside the port scope


def test_follow_always_annotates_plain_summary(tshark):
    args = ["-r", tshark.pcap("tls12-ecdhe-rsa.pcapng"), "-o", "tlstutor.follow_always:TRUE"]
    lines = tshark.run(args).stdout.splitlines()
    # From 4.4 on TLS's own Info names the server (SNI) too.
    sni = " (SNI=server.tutor.test)" if at_least(4, 4) else ""
    assert lines[3].endswith(f"Client Hello{sni} [1 ClientHello: client says hello and offers its options]")
    ja = tshark.run(args + ["-o", "tlstutor.language:ja"]).stdout
    assert "[3 Certificate: サーバーがサーバー証明書を送る]" in ja


@pytest.mark.parametrize("lang,texts", [
    ("en", ["No forward secrecy: RSA key exchange",
            "Encrypted handshake messages in this connection: load a key log to see them"]),
    ("ja", ["前方秘匿性なし: RSA鍵交換",
            "この接続には暗号化されたハンドシェイクメッセージがあります。見るには鍵ログを読み込んでください"])])
def test_expert_tap_speaks_with_a_filter(tshark, lang, texts):
    """README: -z expert's tap needs no tree, so alone it lists none of the
    tutor's expert infos (TCP's are made without a tree); with a filter
    (-z expert,tlstutor) tshark builds one and the tutor speaks."""
    args = ["-r", tshark.pcap("tls12-rsa.pcapng"), "-q", "-o", f"tlstutor.language:{lang}"]
    alone = tshark.run(args + ["-z", "expert"]).stdout
    assert "TLS Tutor" not in alone and "Connection finish (FIN)" in alone
    tutor = [" ".join(line.split()) for line in tshark.run(args + ["-z", "expert,tlstutor"]).stdout.splitlines()
             if "TLS Tutor" in line]
    assert tutor == [f"1 Security TLS Tutor {texts[0]}", f"1 Decryption TLS Tutor {texts[1]}"]
