# SPDX-License-Identifier: GPL-2.0-or-later
"""The GUI cuts a tree line after 240 bytes (about 80 Japanese characters):
every tutor text that long is shown piece by piece instead, the first piece
on its field's own line and the others under it (tlstutor.part), and the
pieces give back the whole text."""
import re

import pytest

from test_unchanged import CAPTURES, keys_of

LIMIT = 240
NAMES = {"tlstutor.explain": "Explanation", "tlstutor.carries": "Carries"}


def long_texts(tshark, pcap, keys, lang):
    """(name, whole text, line shown, pieces under it) of every explanation
    and carries line."""
    for field in tshark.pdml(pcap, keys, lang).iter("field"):
        if field.get("name") in NAMES:
            parts = [p.get("show") for p in field.findall("field")
                     if p.get("name") == "tlstutor.part"]
            yield NAMES[field.get("name")], field.get("show"), field.get("showname"), parts


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", CAPTURES)
def test_long_lines_are_shown_in_pieces(tshark, pcap, lang):
    seen_long = 0
    for name, text, shown, parts in long_texts(tshark, pcap, keys_of(pcap), lang):
        if len(f"{name}: {text}".encode()) < LIMIT:
            assert shown == f"{name}: {text}"
            assert parts == []
            continue
        seen_long += 1
        assert shown.startswith(f"{name}: ") and "[truncated]" not in shown
        assert len(shown.encode()) < LIMIT
        assert len(parts) >= 1
        assert all(len(p.encode()) < LIMIT - 10 for p in parts)
        assert squash(shown[len(name) + 2:] + "".join(parts)) == squash(text)
    if lang == "ja" and pcap != "tls12-port8443.pcapng":
        assert seen_long, "every Japanese handshake has a long explanation"


def test_english_certificate_explanation_sentences(tshark):
    texts = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "en")
             if t.startswith("The server sends its certificate")}
    assert list(texts.values()) == [[
        "Explanation: The server sends its certificate, usually followed by the certificates of the "
        "intermediate certificate authorities (CA).",
        "The client checks the chain against the root certificates it already trusts and "
        "checks that the name matches the server it wanted; it does not contact the CA "
        "during the handshake.",
        "The certificate also gives the client the server's public key."]]


def test_japanese_certificate_explanation_sentences(tshark):
    texts = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "ja")
             if t.startswith("サーバーは自分のサーバー証明書")}
    assert list(texts.values()) == [[
        "Explanation: サーバーは自分のサーバー証明書を、通常は中間認証局(CA)の証明書と一緒に送ります。",
        "クライアントは手元で信頼しているルート証明書までの証明書チェーンを検証し、"
        "接続したかったサーバーの名前と一致するかを確かめます。",
        "ハンドシェイク中に認証局へ問い合わせることはしません。",
        "証明書によってクライアントはサーバーの公開鍵も得ます。"]]


def test_capture_text_in_pieces_is_escaped(tshark):
    """A long carries line quotes the capture (here an SNI with a terminal
    escape sequence): its pieces are escaped like Wireshark's own labels,
    so printing them cannot drive the terminal."""
    from pathlib import Path

    from scapy.all import IP, TCP, Ether, wrpcap
    from scapy.layers.tls.extensions import ServerName, TLS_Ext_ServerName
    from scapy.layers.tls.handshake import TLSClientHello
    from scapy.layers.tls.record import TLS

    sni = b"evil\x1b[2J" + b"a" * 200 + b".test"
    hello = TLS(msg=[TLSClientHello(ciphers=[0x1301, 0xc02f],
                                    ext=[TLS_Ext_ServerName(servernames=[ServerName(servername=sni)])])])
    c, s = "192.0.2.1", "192.0.2.2"
    path = Path(tshark.pcap("escape-sni.pcap"))
    wrpcap(str(path), [
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="S", seq=100),
        Ether() / IP(src=s, dst=c) / TCP(sport=443, dport=40000, flags="SA", seq=500, ack=101),
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="A", seq=101, ack=501),
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="PA", seq=101, ack=501) / bytes(hello)])
    path.chmod(0o644)
    out = tshark.run(["-r", str(path), "-V"]).stdout
    tutor = out[out.index("[TLS Handshake Tutor]"):]
    assert "\x1b" not in tutor
    assert "[Carries: Server name (SNI): evil\\033[2Jaaa" in tutor
    assert "[aaa.test, sent in clear text" in tutor
