"""The GUI cuts a tree line after 240 bytes (about 80 Japanese characters):
every tutor text that long is shown piece by piece instead, the first piece
on its field's own line and the others under it (tlstutor.part), and the
pieces give back the whole text."""
import re
import xml.etree.ElementTree as ET

import pytest

from test_unchanged import CAPTURES, keys_of

LIMIT = 240
NAMES = {"tlstutor.explain": "Explanation", "tlstutor.carries": "Carries"}


def long_texts(tshark, pcap, keys, lang):
    """(name, whole text, line shown, pieces under it) of every explanation
    and carries line."""
    args = ["-r", tshark.pcap(pcap), "-Y", "tlstutor", "-T", "pdml", *tshark.opts(keys, lang)]
    for field in ET.fromstring(tshark.run(args).stdout).iter("field"):
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
             if t.startswith("サーバは自分のサーバ証明書")}
    assert list(texts.values()) == [[
        "Explanation: サーバは自分のサーバ証明書を、通常は中間認証局(CA)の証明書と一緒に送ります。",
        "クライアントは手元で信頼しているルート証明書までの証明書チェーンを検証し、"
        "接続したかったサーバの名前と一致するかを確かめます。",
        "ハンドシェイク中に認証局へ問い合わせることはしません。",
        "証明書によってクライアントはサーバの公開鍵も得ます。"]]
