# SPDX-License-Identifier: GPL-2.0-or-later
"""What browsers send, named and explained (issue #14, part 4), exactly, in
both languages, on real captures: Chromium 156 against OpenSSL 3.0
(tls13-chromium: GREASE, an X25519MLKEM768 key share the server does not
choose, a GREASE encrypted_client_hello, brotli certificate compression),
against OpenSSL 3.5 (tls13-chromium-mlkem: the server chooses
X25519MLKEM768), and OpenSSL 3.5 on both sides (tls13-cert-compressed: a
CompressedCertificate, RFC 8879). A case picks one message and one field as
tests/test_rfc_texts.py does: for a repeated field (tlstutor.carries) the
expected line must be one of the message's lines."""
import pytest

from test_rfc_texts import Case, message_fields
from wsversion import at_least

CHROMIUM = ("tls13-chromium.pcapng", "tls13-chromium.keys")
MLKEM = ("tls13-chromium-mlkem.pcapng", "tls13-chromium-mlkem.keys")
COMPRESSED = ("tls13-cert-compressed.pcapng", "tls13-cert-compressed.keys")

GREASE_EN = ("GREASE values (RFC 8701) in this ClientHello: cipher suites 1, extensions 2, supported groups 1, "
             "key shares 1, versions 1, signature algorithms 1, ALPN 0. They are reserved values that mean nothing "
             "(0x0A0A, 0x1A1A ... 0xFAFA: two equal bytes ending in hex A), mixed in at random so that servers stay "
             "tolerant of values they do not know: a server must ignore them and never choose one, and a server that "
             "breaks on them fails at once, where it is noticed and fixed, rather than when a real new value comes")
GREASE_JA = ("このClientHelloのGREASE値(RFC 8701): 暗号スイート1個、拡張2個、supported_groups 1個、鍵共有1個、バージョン1個、"
             "署名アルゴリズム1個、ALPN 0個。意味を持たない予約値(0x0A0A、0x1A1A … 0xFAFA: 16進で末尾がAの同じバイト二つ)で、"
             "サーバーが知らない値に寛容であり続けるよう、クライアントが無作為に混ぜます。サーバーはこれを無視し、"
             "決して選んではなりません。これでつまずくサーバーは、本物の新しい値が来たときではなく今すぐ失敗するので、"
             "気付かれて直されます")
PQ_SHARE_EN = ("X25519MLKEM768 (0x11ec, draft-ietf-tls-ecdhe-mlkem) is a post-quantum hybrid: its key share, 1216 bytes "
               "here, is the ML-KEM-768 encapsulation key (1184 bytes) followed by the X25519 public key (32 bytes); the "
               "ML-KEM-768 part makes it this large. The shared secret stays safe while either part holds, so that a "
               "recording of this connection cannot be decrypted once a quantum computer can break elliptic curves "
               "(\"harvest now, decrypt later\")")
PQ_SHARE_JA = ("X25519MLKEM768(0x11ec、draft-ietf-tls-ecdhe-mlkem)はポスト量子ハイブリッド方式です。その鍵共有の値は、"
               "ここでは1216バイトで、ML-KEM-768のカプセル化鍵(1184バイト)の後にX25519の公開鍵(32バイト)が続きます。"
               "これほど大きいのはML-KEM-768の部分のためです。共有する秘密はどちらかの部分が破られない限り安全なので、"
               "この接続を記録しておき、楕円曲線を破れる量子コンピューターができてから復号する(「今収集し、後で解読する」)"
               "ことはできません")
ECH_EN = ("encrypted_client_hello (0xfe0d, RFC 9849): with real ECH the client encrypts its real ClientHello, real "
          "server name included, to a public key the site publishes (in DNS), and the server name in clear (SNI) is "
          "the outer one, a public name shared by many sites; a client without such a key may send GREASE ECH "
          "instead, random bytes of the same shape, and then the server name in clear is the real one. This "
          "ClientHello alone cannot tell which of the two it is")
ECH_JA = ("encrypted_client_hello(0xfe0d、RFC 9849): 本物のECHでは、クライアントは本当のサーバー名を含む本当のClientHelloを、"
          "サイトが(DNSで)公開する公開鍵で暗号化し、平文のサーバー名(SNI)は多くのサイトが共有する外側の公開名になります。"
          "そのような鍵を持たないクライアントは代わりにGREASEのECH、つまり同じ形の乱数を送ることがあり、そのときは平文の"
          "サーバー名が本当の名前です。このClientHelloだけでは、どちらなのか判断できません")
CH = ("ClientHello", "client", 1)
SH = ("ServerHello", "server", 1)
CC = ("CompressedCertificate", "server", 1)
# Its record came in two TCP segments (test_records.py).
SEGMENTS_8_10 = {
    "en": " TCP carried this message's TLS record in 2 segments (frames 8, 10), and Wireshark put them back "
          "together here, in the frame of the last one. TCP carries a stream of bytes and may cut it anywhere, into "
          "segments no larger than the network allows: on Ethernet about 1460 bytes at most (RFC 9293, 3.7.1). One "
          "TLS record can hold up to 2^14 = 16384 bytes of plaintext (RFC 5246, 6.2.1; RFC 8446, 5.1).",
    "ja": "TCPはこのメッセージを運ぶTLSレコードを2個のセグメント(フレーム8, 10)で運び、Wiresharkは最後のセグメントの"
          "フレームであるここで組み立て直しました。TCPはバイトの流れを運び、それをどこででも区切ることができます。"
          "セグメントはネットワークが許す大きさまでで、イーサネットでは約1460バイトまでです(RFC 9293 3.7.1)。"
          "TLSレコード一つには平文で最大2^14 = 16384バイトまで入ります(RFC 5246 6.2.1、RFC 8446 5.1)。",
}

CASES = [
    # GREASE (RFC 8701): named in lists, counted, explained once.
    Case('grease_explained_once', 'GREASE', *CHROMIUM, CH, 'tlstutor.carries', en=GREASE_EN, ja=GREASE_JA),
    Case('real_suites_counted', 'GREASE', *CHROMIUM, CH, 'tlstutor.carries',
         en="Cipher suites offered: 16, 1 of them GREASE, so 15 real ones; first TLS_AES_128_GCM_SHA256, "
            "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256",
         ja="提示された暗号スイート: 16個。うち1個はGREASEなので、実際の暗号スイートは15個。先頭はTLS_AES_128_GCM_SHA256, "
            "TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256"),
    Case('suites_offered_is_the_count_on_the_wire', 'GREASE', *CHROMIUM, CH, 'tlstutor.suites_offered',
         en="16", ja="16"),
    Case('suites_grease_field', 'GREASE', *CHROMIUM, CH, 'tlstutor.suites_grease', en="1", ja="1"),
    # Named groups: GREASE, the hybrid by the tutor's own table, each share's size.
    Case('key_share_groups_named_with_sizes', 'groups', *CHROMIUM, CH, 'tlstutor.carries',
         en="key_share groups: GREASE (1 byte), X25519MLKEM768 (1216 bytes), x25519 (32 bytes)",
         ja="key_shareのグループ: GREASE(1バイト), X25519MLKEM768(1216バイト), x25519(32バイト)"),
    Case('hybrid_share_explained', 'groups', *CHROMIUM, CH, 'tlstutor.carries', en=PQ_SHARE_EN, ja=PQ_SHARE_JA),
    Case('hybrid_share_explained_openssl_client', 'groups', *COMPRESSED, CH, 'tlstutor.carries',
         en=PQ_SHARE_EN, ja=PQ_SHARE_JA),
    Case('server_without_the_hybrid_chooses_x25519', 'groups', *CHROMIUM, SH, 'tlstutor.carries',
         en="TLS_AES_128_GCM_SHA256 = AES-128-GCM bulk cipher + SHA-256 hash; key exchange by key_share (ECDHE "
            "x25519, forward secrecy); authentication by the server's certificate and its CertificateVerify signature",
         ja="TLS_AES_128_GCM_SHA256 = 共通鍵暗号AES-128-GCM + ハッシュSHA-256。鍵交換はkey_share(ECDHE x25519、前方秘匿性あり)。"
            "認証はサーバー証明書とCertificateVerifyの署名"),
    Case('server_chooses_the_hybrid', 'groups', *MLKEM, SH, 'tlstutor.carries',
         en="The server chose X25519MLKEM768 (0x11ec, draft-ietf-tls-ecdhe-mlkem), the post-quantum hybrid: its key "
            "share, 1120 bytes here, is the ML-KEM-768 ciphertext (1088 bytes) followed by the X25519 public key "
            "(32 bytes). The client recovers the ML-KEM-768 secret from the ciphertext with its private key, both "
            "sides compute the X25519 secret, and the two secrets joined take the place of the (EC)DHE secret in the "
            "key schedule",
         ja="サーバーはポスト量子ハイブリッド方式のX25519MLKEM768(0x11ec、draft-ietf-tls-ecdhe-mlkem)を選びました。"
            "その鍵共有の値は、ここでは1120バイトで、ML-KEM-768の暗号文(1088バイト)の後にX25519の公開鍵(32バイト)が"
            "続きます。クライアントは自分の秘密鍵で暗号文からML-KEM-768の秘密を取り出し、双方がX25519の秘密を計算します。"
            "二つの秘密をつなげたものが、鍵の計算で(EC)DHEの秘密の代わりになります"),
    Case('hybrid_in_the_suite_parts', 'groups', *MLKEM, SH, 'tlstutor.carries',
         en="TLS_AES_128_GCM_SHA256 = AES-128-GCM bulk cipher + SHA-256 hash; key exchange by key_share "
            "(ECDHE+ML-KEM-768 X25519MLKEM768, forward secrecy); authentication by the server's certificate and its "
            "CertificateVerify signature",
         ja="TLS_AES_128_GCM_SHA256 = 共通鍵暗号AES-128-GCM + ハッシュSHA-256。鍵交換はkey_share(ECDHE+ML-KEM-768 "
            "X25519MLKEM768、前方秘匿性あり)。認証はサーバー証明書とCertificateVerifyの署名"),
    Case('hybrid_kx_field', 'groups', *MLKEM, SH, 'tlstutor.kx', en="ECDHE+ML-KEM-768", ja="ECDHE+ML-KEM-768"),
    # encrypted_client_hello (RFC 9849).
    Case('ech_outer_name_cannot_tell', 'ECH', *CHROMIUM, CH, 'tlstutor.carries', en=ECH_EN, ja=ECH_JA),
    # Certificate compression (RFC 8879).
    Case('compress_certificate_offered_brotli', 'RFC 8879', *CHROMIUM, CH, 'tlstutor.carries',
         en="compress_certificate (27, RFC 8879): the client accepts a certificate compressed with brotli (2)",
         ja="compress_certificate(27、RFC 8879): クライアントはbrotli (2)で圧縮された証明書を受け付けます"),
    Case('compress_certificate_offered_zlib_zstd', 'RFC 8879', *COMPRESSED, CH, 'tlstutor.carries',
         en="compress_certificate (27, RFC 8879): the client accepts a certificate compressed with zlib (1), zstd (3)",
         ja="compress_certificate(27、RFC 8879): クライアントはzlib (1), zstd (3)で圧縮された証明書を受け付けます"),
    Case('compressed_certificate_step', 'review F10', *COMPRESSED, CC, 'tlstutor.step', en="6", ja="6"),
    Case('compressed_certificate_line', 'review F10', *COMPRESSED, CC, 'tlstutor.message',
         en="6 CompressedCertificate: server sends its certificate, compressed and encrypted",
         ja="6 CompressedCertificate: サーバーがサーバー証明書を圧縮し、暗号化して送る"),
    Case('compressed_certificate_says', 'review F10', *COMPRESSED, CC, 'tlstutor.says',
         en="Server: here is my certificate, compressed as you allowed (and encrypted).",
         ja="サーバー: これが私のサーバー証明書です。あなたが認めた方式で圧縮し、暗号化してあります。"),
    Case('compressed_certificate_explained', 'review F10', *COMPRESSED, CC, 'tlstutor.explain',
         en="A CompressedCertificate takes the place of the Certificate message: the client offered compression "
            "algorithms in its compress_certificate extension (zlib, brotli or zstd), and the server compressed its "
            "Certificate message with one of them to save bytes (certificate chains are large and compress well). It "
            "exists only in TLS 1.3 and travels encrypted with the handshake keys, like the Certificate it replaces. "
            "The client decompresses it, checks that the result is as long as uncompressed_length says, and then "
            "checks the certificate chain and the name as usual. Wireshark shows the certificates inside only with a "
            "key log, and only if it can decompress them." + SEGMENTS_8_10["en"],
         ja="CompressedCertificateはCertificateメッセージの代わりです。クライアントがcompress_certificate拡張で圧縮方式"
            "(zlib、brotli、zstd)を示し、サーバーはそのうちの一つでCertificateメッセージを圧縮して、バイト数を節約しました"
            "(証明書チェーンは大きく、よく縮みます)。TLS 1.3だけのもので、置き換えるCertificateと同じく、ハンドシェイク用の"
            "鍵で暗号化されて送られます。クライアントはこれを展開し、結果がuncompressed_lengthの示す長さであることを"
            "確かめてから、いつもどおり証明書チェーンと名前を検証します。Wiresharkが中の証明書を表示するのは、鍵ログがあり、"
            "しかも展開できるときだけです。" + SEGMENTS_8_10["ja"]),
    Case('compressed_certificate_reference', 'review F10', *COMPRESSED, CC, 'tlstutor.reference',
         en="RFC 8879, 3, 4; RFC 8446, 4.4.2", ja="RFC 8879, 3, 4; RFC 8446, 4.4.2"),
    Case('compressed_certificate_sizes', 'review F10', *COMPRESSED, CC, 'tlstutor.carries',
         en="Compressed with zlib (1): the Certificate message of 1592 bytes (uncompressed_length) travels as "
            "1408 bytes",
         ja="証明書の圧縮方式: zlib (1)。1592バイトのCertificateメッセージ(uncompressed_length)が1408バイトになって"
            "送られます"),
    # 4.0 and 4.4 do not decompress a CompressedCertificate, and the tutor
    # says so; 4.6 does (zlib), and the tutor quotes the certificates inside.
    Case('compressed_certificate_not_decompressed', 'review F10', *COMPRESSED, CC, 'tlstutor.carries',
         en="This Wireshark does not decompress it: the certificates inside cannot be quoted",
         ja="このWiresharkはこれを展開しないので、中の証明書は引用できません")
    if not at_least(4, 6) else
    Case('compressed_certificate_decompressed', 'review F10', *COMPRESSED, CC, 'tlstutor.carries',
         en="Certificate 1: RSA public key of 2048 bits, signed with SHA-256 with RSA",
         ja="証明書1: RSA公開鍵 2048ビット、署名はSHA-256 with RSA"),
]


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_browser_text(tshark, case, lang):
    fields = message_fields(tshark, case.pcap, case.keys, lang, *case.message)
    want = getattr(case, lang)
    got = fields.get(case.field, [])
    if case.field == "tlstutor.carries":
        assert want in got
    else:
        assert got == [want]


ONCE = {"en": ("GREASE values (RFC 8701)", "X25519MLKEM768 (0x11ec", "encrypted_client_hello (0xfe0d"),
        "ja": ("このClientHelloのGREASE値", "X25519MLKEM768(0x11ec", "encrypted_client_hello(0xfe0d")}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_once_per_client_hello(tshark, lang):
    """GREASE, the hybrid and ECH are explained once per ClientHello."""
    lines = message_fields(tshark, *CHROMIUM, lang, *CH)["tlstutor.carries"]
    for start in ONCE[lang]:
        assert sum(line.startswith(start) for line in lines) == 1, start


@pytest.mark.parametrize("pcap,keys", [COMPRESSED, ("tls13.pcapng", "tls13.keys")])
def test_no_grease_no_ech_where_none_is_sent(tshark, pcap, keys):
    """OpenSSL sends neither GREASE nor ECH: no such line, no suites_grease."""
    fields = message_fields(tshark, pcap, keys, "en", *CH)
    assert not [line for line in fields["tlstutor.carries"] if "GREASE" in line or "encrypted_client_hello" in line]
    assert "tlstutor.suites_grease" not in fields


def test_no_hybrid_line_where_the_server_chose_x25519(tshark):
    lines = message_fields(tshark, *CHROMIUM, "en", *SH)["tlstutor.carries"]
    assert not [line for line in lines if "post-quantum" in line]
