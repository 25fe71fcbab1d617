# SPDX-License-Identifier: GPL-2.0-or-later
"""The GUI cuts a tree line after 240 bytes (about 80 Japanese characters):
every tutor text that long is shown piece by piece instead, the first piece
on its field's own line and the others under it (tlstutor.part), and the
pieces give back the whole text, cut between words (tests/split_check.c
checks every text of the catalogue; these tests the lines tshark shows)."""
import re
import subprocess

import pytest

from test_unchanged import EXPLAINED, keys_of

LIMIT = 240
# The tutor's text lines and the label each shows, per language.
NAMES = {
    "en": {"tlstutor.says": "Says", "tlstutor.explain": "Explanation",
           "tlstutor.skipped": "Skipped step", "tlstutor.flow": "Handshake flow",
           "tlstutor.carries": "Carries"},
    "ja": {"tlstutor.says": "発言", "tlstutor.explain": "説明",
           "tlstutor.skipped": "省かれた手順", "tlstutor.flow": "ハンドシェイクの流れ",
           "tlstutor.carries": "運ぶ値"},
}
KANJI = r"[\u3400-\u4dbf\u4e00-\u9fff々]"
KATAKANA = r"[\u30a1-\u30faー]"


def long_texts(tshark, pcap, keys, lang):
    """(label, whole text, line shown, pieces under it) of every text line."""
    names = NAMES[lang]
    for field in tshark.pdml(pcap, keys, lang).iter("field"):
        if field.get("name") in names:
            parts = [p.get("show") for p in field.findall("field")
                     if p.get("name") == "tlstutor.part"]
            yield names[field.get("name")], field.get("show"), field.get("showname"), parts


def squash(text):
    return re.sub(r"\s+", "", text)


def cut_inside_a_word(before, after, lang):
    """The cut between two pieces falls inside a word: in English, any cut
    that is not at a space (the pieces are the text's words joined by one
    space); in Japanese, a cut between two kanji or two katakana, or one
    that starts a piece with hiragana (the particle or okurigana of the word
    before) anywhere but after punctuation or the particle を."""
    if lang == "en":
        return False  # checked by the caller: the pieces joined by spaces give the text
    a, b = before[-1], after[0]
    if re.fullmatch(KANJI, a) and re.fullmatch(KANJI, b):
        return True
    if re.fullmatch(KATAKANA, a) and re.fullmatch(KATAKANA, b):
        return True
    return bool(re.fullmatch(r"[\u3041-\u3096]", b)) and a not in "、。」）を"


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", EXPLAINED)
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
        pieces = [shown[len(name) + 2:], *parts]
        assert squash("".join(pieces)) == squash(text)
        if lang == "en":
            assert " ".join(pieces) == text
        for before, after in zip(pieces, pieces[1:]):
            assert not cut_inside_a_word(before, after, lang), (before, after)
    if lang == "ja" and pcap != "tls12-port8443.pcapng":
        assert seen_long, "every Japanese handshake has a long explanation"


def test_catalogue_is_cut_between_words(plugin_so):
    """Every text of the catalogue, in both languages, on its line, with the
    longest values of the bundled captures (the C check tests/split_check.c)."""
    res = subprocess.run([str(plugin_so.parent / "split_check")], capture_output=True, text=True)
    assert res.returncode == 0, res.stdout
    assert " 0 bad" in res.stdout


def test_english_certificate_explanation_sentences(tshark):
    texts = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "en")
             if t.startswith("The server sends its certificate")}
    assert list(texts.values()) == [[
        'Explanation: The server sends its certificate, usually followed by the certificates of the intermediate certificate authorities (CA).',
        'The client checks the chain against the root certificates it already trusts and checks that the name matches the server it wanted.',
        'Checking the signatures of the chain needs no contact with the CA, but many clients also fetch a missing intermediate certificate or ask whether the certificate was revoked (OCSP, CRL),',
        'unless the server staples that answer (CertificateStatus).',
        "The certificate also gives the client the server's public key."]]


def test_japanese_certificate_explanation_sentences(tshark):
    texts = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "ja")
             if t.startswith("サーバーは自分のサーバー証明書")}
    assert list(texts.values()) == [[
        '説明: サーバーは自分のサーバー証明書を、通常は中間認証局(CA)の証明書と一緒に送ります。',
        'クライアントは手元で信頼しているルート証明書までの証明書チェーンを検証し、接続したかったサーバーの名前と一致するかを確かめます。',
        'チェーンの署名の検証には認証局への問い合わせは要りませんが、多くのクライアントは足りない中間証明書を取りに行ったり、',
        '証明書が失効していないかを問い合わせたり(OCSP、CRL)します。',
        'サーバーがその答えを添付していれば(CertificateStatus)問い合わせは不要です。',
        '証明書によってクライアントはサーバーの公開鍵も得ます。']]


def test_sentence_longer_than_a_line_is_cut_at_a_clause(tshark):
    """The ClientKeyExchange's last sentence is longer than a line: it was
    cut inside "session k|eys" and "マス|ターシークレット"; now after a comma."""
    en = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "en")
          if t.startswith("With RSA key exchange the client makes")}
    assert list(en.values()) == [[
        "Explanation: With RSA key exchange the client makes the premaster secret (its highest version and 46 random bytes) and encrypts it with the server's public key from the certificate;",
        'with (EC)DHE it sends its own Diffie-Hellman public value.',
        'Either way both sides now hold the same premaster secret and derive the master secret from it (with the two randoms, or with a hash of the handshake when both hellos carry extended_master_secret),',
        'and from that the session keys.']]
    ja = {t: [s] + p for n, t, s, p in long_texts(tshark, "tls12-ecdhe-rsa.pcapng", None, "ja")
          if t.startswith("RSA鍵交換では、クライアントは")}
    assert list(ja.values()) == [[
        '説明: RSA鍵交換では、クライアントはプレマスターシークレット(プリマスターシークレットとも言います)を作ります。',
        '自分の最高のバージョンと46バイトの乱数からなり、これを証明書にあるサーバーの公開鍵で暗号化して送ります。',
        '(EC)DHEでは自分のDiffie-Hellman公開値を送ります。',
        'どちらの場合も双方が同じプレマスターシークレットを持ち、',
        'それと二つの乱数(両方のHelloがextended_master_secret拡張を含むときはハンドシェイクのハッシュ値)からマスターシークレットを、',
        'さらにそこからセッション鍵を導きます。']]


def test_japanese_skipped_step_in_pieces(tshark):
    """A Japanese skipped-step line longer than a line was shown
    "[truncated]": now in pieces, cut after a comma."""
    texts = [[s] + p for n, t, s, p in long_texts(tshark, "tls12-rsa.pcapng", None, "ja")
             if n == "省かれた手順" and t.startswith("ServerKeyExchange(手順4)")]
    assert texts and texts[0] == [
        '省かれた手順: ServerKeyExchange(手順4)なし: RSA鍵交換では、クライアントがプレマスターシークレットを証明書にあるサーバーの公開鍵で暗号化するので、',
        'サーバーが送るパラメータはありません。',
        'サーバーが証明書の秘密鍵を持っていることは、プレマスターシークレットを復号できたことで間接的に示され、',
        'サーバーのFinishedがそれを確かめます(前方秘匿性はありません)。']


def test_capture_text_in_pieces_is_escaped(tshark):
    """A long carries line quotes the capture (here an SNI with a terminal
    escape sequence): its pieces are escaped like Wireshark's own labels,
    so printing them cannot drive the terminal. The 215-byte name has no
    word boundary: the line is cut around it, at its clauses."""
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
    assert "[Carries: Server name (SNI):]\n" in tutor
    assert "[evil\\033[2J" + "a" * 200 + ".test,]\n" in tutor
    assert "[sent in clear text so that the server can pick the right certificate]\n" in tutor
