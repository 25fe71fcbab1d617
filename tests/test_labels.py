# SPDX-License-Identifier: GPL-2.0-or-later
"""With tlstutor.language:ja every line of the tutor's tree is labelled in
Japanese (はい/いいえ for booleans, クライアント/サーバー for the sender), while
field names, registered names and values stay the same; in English every
line is Wireshark's own "Name: value"."""
import re

import pytest

from test_unchanged import CAPTURES, keys_of

LABELS = {  # field: (registered name, Japanese label)
    "tlstutor.message": ("Handshake message", "ハンドシェイクメッセージ"),
    "tlstutor.msg": ("Message", "メッセージ"),
    "tlstutor.retransmission": ("Retransmission", "再送"),
    "tlstutor.sender": ("Sender", "送り手"),
    "tlstutor.seq": ("Position in connection", "接続内の位置"),
    "tlstutor.step": ("Step", "手順"),
    "tlstutor.says": ("Says", "発言"),
    "tlstutor.explain": ("Explanation", "説明"),
    "tlstutor.reference": ("Reference", "出典"),
    "tlstutor.encrypted": ("Recognised while encrypted", "暗号化されたまま識別"),
    "tlstutor.conn": ("Connection", "接続"),
    "tlstutor.transport": ("Transport", "トランスポート"),
    "tlstutor.version": ("Version chosen", "選ばれたバージョン"),
    "tlstutor.flow": ("Handshake flow", "ハンドシェイクの流れ"),
    "tlstutor.skipped": ("Skipped step", "省かれた手順"),
    "tlstutor.round_trip": ("Round trip", "往復"),
    "tlstutor.handshake_round_trips": ("Handshake round trips", "ハンドシェイクの往復数"),
    "tlstutor.round_trips_why": ("Why so many round trips", "往復数の理由"),
    "tlstutor.carries": ("Carries", "運ぶ値"),
    "tlstutor.suites_offered": ("Cipher suites offered", "提示された暗号スイートの数"),
    "tlstutor.suites_grease": ("Cipher suites offered that are GREASE", "提示された暗号スイートのうちGREASEの数"),
    "tlstutor.sni": ("Server name (SNI)", "サーバー名(SNI)"),
    "tlstutor.suite": ("Cipher suite chosen", "選ばれた暗号スイート"),
    "tlstutor.kx": ("Key exchange", "鍵交換"),
    "tlstutor.auth": ("Authentication", "認証"),
    "tlstutor.cipher": ("Bulk cipher", "共通鍵暗号"),
    "tlstutor.hash": ("Hash", "ハッシュ"),
    "tlstutor.cert_count": ("Certificates", "証明書の枚数"),
    "tlstutor.cert_subject": ("Certificate subject", "証明書の主体(subject)"),
    "tlstutor.cert_issuer": ("Certificate issuer", "証明書の発行者(issuer)"),
    "tlstutor.record.number": ("Record in frame", "フレーム内のレコード"),
    "tlstutor.records_in_frame": ("Records in frame", "フレーム内のレコード数"),
    "tlstutor.record.content_type": ("Record content type", "レコードのコンテンツタイプ"),
    "tlstutor.record.version": ("Record version", "レコードのバージョン"),
    "tlstutor.record.length": ("Record length", "レコードの長さ"),
    "tlstutor.record.epoch": ("Record epoch", "レコードのエポック"),
    "tlstutor.segment_count": ("TCP segments of the record", "レコードを運んだTCPセグメントの数"),
    "tlstutor.segment": ("TCP segment in frame", "TCPセグメントのフレーム"),
    "tlstutor.fragment_count": ("Fragments of the message", "メッセージの断片の数"),
    "tlstutor.fragment": ("Fragment in frame", "断片のフレーム"),
}
# Lines whose value is tutor text: in Japanese the value is Japanese too.
TEXTS = {"tlstutor.message", "tlstutor.says", "tlstutor.explain", "tlstutor.flow",
         "tlstutor.skipped", "tlstutor.carries", "tlstutor.round_trips_why"}
# Values shown in Japanese words; the field's value stays the same.
SHOWN_JA = {"True": "はい", "False": "いいえ", "client": "クライアント", "server": "サーバー"}


def lines(tshark, pcap, keys, lang):
    """(field, value, line shown) of every line of the tutor's subtrees
    except the pieces under a long text (test_gui_lines.py)."""
    out = []
    for proto in tshark.pdml(pcap, keys, lang).iter("proto"):
        if proto.get("name") == "tlstutor":
            for field in proto.iter("field"):
                name = field.get("name")
                if name.startswith("tlstutor.") and name != "tlstutor.part" and \
                        not name.startswith("tlstutor.expert"):
                    out.append((name, field.get("show"), field.get("showname")))
    return out


@pytest.mark.parametrize("pcap", CAPTURES)
def test_every_line_is_labelled_in_the_chosen_language(tshark, pcap):
    keys = keys_of(pcap)
    en, ja = lines(tshark, pcap, keys, "en"), lines(tshark, pcap, keys, "ja")
    assert [f for f, _, _ in en] == [f for f, _, _ in ja]
    for (field, en_value, en_shown), (_, ja_value, ja_shown) in zip(en, ja):
        name, label = LABELS[field]
        assert en_shown.startswith(f"{name}: ")      # Wireshark's own label
        assert ja_shown.startswith(f"{label}: "), ja_shown
        if field in TEXTS:
            continue
        assert ja_value == en_value                   # the field's value
        shown = en_shown[len(name) + 2:]
        assert ja_shown == f"{label}: {SHOWN_JA.get(shown, shown)}"


def tutor_blocks(out):
    """{first line: [lines]} of each message in tshark -V's tutor subtrees,
    without brackets and without the lines below a message's lines (pieces,
    expert info details)."""
    blocks, current = {}, None
    for part in out.split("[TLS Handshake Tutor]\n")[1:]:
        for line in part.split("\n\n")[0].splitlines():
            line = re.sub(r"^( *)\[(.*)\]$", r"\1\2", line)
            if not line.startswith(" " * 8):
                current = blocks.setdefault(line.strip(), [])
            elif not line.startswith(" " * 12):
                current.append(line.strip())
    return blocks


def test_japanese_tree_exact(tshark):
    """The ClientHello and the encrypted client Finished of tls12-ecdhe-rsa
    as tshark -V prints them in Japanese: every label exact; the lines of
    tutor text show the field's value (or its first sentence)."""
    pcap = "tls12-ecdhe-rsa.pcapng"
    blocks = tutor_blocks(tshark.run(["-r", tshark.pcap(pcap), "-V", *tshark.opts(lang="ja")]).stdout)
    msgs = {(m.frame, m.msg): m for m in tshark.messages(pcap, lang="ja")}
    hello, finished = msgs[4, "ClientHello"], msgs[8, "Finished"]
    carries = [line for line in blocks[f"ハンドシェイクメッセージ: {hello.label}"] if line.startswith("運ぶ値: ")]
    assert len(carries) == 7
    assert blocks[f"ハンドシェイクメッセージ: {hello.label}"] == [
        "メッセージ: ClientHello",
        "送り手: クライアント",
        "接続内の位置: 1",
        "手順: 1",
        "往復: 1",
        f"発言: {hello.says}",
        f"説明: {hello.explain.split('。')[0]}。",
        "出典: RFC 5246, 7.4.1.2; RFC 8446, 4.1.2",
        "暗号化されたまま識別: いいえ",
        "接続: 1",
        "トランスポート: tcp",
        *carries,
        "提示された暗号スイートの数: 28",
        "サーバー名(SNI): server.tutor.test",
        "フレーム内のレコード: 1",
    ]
    assert blocks[f"ハンドシェイクメッセージ: {finished.label}"] == [
        "メッセージ: Finished",
        "送り手: クライアント",
        "接続内の位置: 8",
        "手順: 11",
        "往復: 2",
        f"発言: {finished.says}",
        f"説明: {finished.explain.split('。')[0]}。",
        "出典: RFC 5246, 7.4.9",
        "暗号化されたまま識別: はい",
        "接続: 1",
        "トランスポート: tcp",
        "ハンドシェイクの流れ: TLS 1.2 完全なハンドシェイク",
        "フレーム内のレコード: 3",
        *finished_experts(blocks[f"ハンドシェイクメッセージ: {finished.label}"]),
    ]


def finished_experts(lines):
    """Wireshark labels its expert info lines itself (in English)."""
    return [line for line in lines if line.startswith("Expert Info (")]


def test_english_output_keeps_wiresharks_labels(tshark):
    """The same frames in English: Wireshark's labels, True/False, client."""
    args = ["-r", tshark.pcap("tls12-ecdhe-rsa.pcapng"), "-V", "-Y", "frame.number == 8"]
    out = tshark.run(args).stdout
    for line in ["        [Sender: client]", "        [Position in connection: 8]", "        [Step: 11]",
                 "        [Reference: RFC 5246, 7.4.9]", "        [Recognised while encrypted: True]"]:
        assert line + "\n" in out
