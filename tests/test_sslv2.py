# SPDX-License-Identifier: GPL-2.0-or-later
"""SSL 2.0 told as SSL 2.0 (issue #13, point 12), on pcaps/sslv2-handshake.pcapng,
a pure SSL 2.0 connection written from the SSL 2.0 specification (see
pcaps/README.md): every message named as the specification names it, no
step, the flow "SSL 2.0 handshake", the version SSL 2.0 with the expert info
for a prohibited version, the encrypted records said to be encrypted and not
guessed, no claim that the handshake failed or was cut short; the same in the
ladder and the statistics, in English and Japanese. docs/flows.md G."""
import pytest

from test_teaching import stats, zrun

PCAP = "sslv2-handshake.pcapng"
KEYS = "sslv2-handshake.keys"     # comment lines only: there is no SSL 2.0 key log
C, S = "client", "server"

# (frame, msg, sender, seq, encrypted): Wireshark shows CLIENT-HELLO (4),
# SERVER-HELLO (6), CLIENT-MASTER-KEY (8) and five records as "Encrypted Data"
# (one in 8, two in 9, one in 10, one in 11).
SEQUENCE = [(4, "CLIENT-HELLO", C, 1, False), (6, "SERVER-HELLO", S, 2, False),
            (8, "CLIENT-MASTER-KEY", C, 3, False), (8, "EncryptedRecord", C, 4, True),
            (9, "EncryptedRecord", S, 5, True), (9, "EncryptedRecord", S, 6, True),
            (10, "EncryptedRecord", C, 7, True), (11, "EncryptedRecord", S, 8, True)]

TEXTS = {  # (msg, sender) -> language -> (label, says, explain), exactly as a student reads them
    ("CLIENT-HELLO", C): {
        "en": ("CLIENT-HELLO: client says hello in SSL 2.0 and offers its cipher "
               "kinds",
               "Client: hello, I speak SSL 2.0. Here are the cipher kinds I can use, "
               "and my challenge.",
               "The CLIENT-HELLO opens an SSL 2.0 handshake, in the clear. It "
               "carries the version the client speaks (0x0002 is SSL 2.0), its "
               "cipher specs (3-byte codes that name a cipher and its key size, such "
               "as SSL2_RC4_128_WITH_MD5), a session ID if it wants to resume an "
               "earlier session, and the challenge: 16 to 32 random bytes that the "
               "server must later send back encrypted, to prove that it holds the "
               "session keys. There are no extensions. The server answers with a "
               "SERVER-HELLO. RFC 6176 forbids this today: TLS clients must not send "
               "a hello whose version is below SSL 3.0."),
        "ja": ("CLIENT-HELLO: クライアントがSSL 2.0であいさつし、暗号の種類を提案",
               "クライアント: こんにちは、SSL 2.0で話します。使える暗号の種類(cipher "
               "spec)と、チャレンジを送ります。",
               "CLIENT-HELLOはSSL 2.0のハンドシェイクを平文で始めます。クライアントが"
               "話すバージョン(0x0002がSSL 2.0)、cipher spec(SSL2_RC4_128_WITH_MD5の"
               "ように暗号と鍵長を示す3バイトの番号)の一覧、以前のセッションを再開し"
               "たいときはそのセッションID、そしてチャレンジを運びます。チャレンジは1"
               "6〜32バイトの乱数で、サーバーは後でこれを暗号化して送り返し、セッショ"
               "ン鍵を持っていることを示します。拡張はありません。サーバーはSERVER-HE"
               "LLOで答えます。現在はRFC 6176により禁止されています: TLSクライアント"
               "はSSL 3.0より低いバージョンのhelloを送ってはなりません。"),
    },
    ("SERVER-HELLO", S): {
        "en": ("SERVER-HELLO: server answers in SSL 2.0 with its certificate",
               "Server: hello, SSL 2.0 it is. Here is my certificate, the cipher "
               "kinds I accept and a connection-id.",
               "The SERVER-HELLO fixes SSL 2.0 as the version and does in one "
               "message what TLS spreads over several: it carries the server's "
               "certificate itself (TLS has a Certificate message for it), the "
               "cipher specs the server accepts out of the client's, and the "
               "connection-id, 16 to 32 random bytes that go into the session keys. "
               "There is no ServerKeyExchange and no ServerHelloDone. SESSION-ID-HIT "
               "is 0: the server resumes no session, so the client now picks a "
               "cipher kind, makes a master key and sends it in a CLIENT-MASTER-KEY, "
               "encrypted with the RSA public key of this certificate. SSL 2.0 is "
               "broken and prohibited: RFC 6176 (2011) requires that TLS clients and "
               "servers never negotiate it. Its flaws (RFC 6176, section 2): MACs "
               "made with MD5; the handshake messages are not protected, so a "
               "man-in-the-middle can make both sides pick a weaker cipher than they "
               "would (a downgrade); one key serves both integrity and encryption, "
               "which is weak with the export ciphers; and a forged TCP FIN ends a "
               "session unnoticed."),
        "ja": ("SERVER-HELLO: サーバーがSSL 2.0で答え、証明書を送る",
               "サーバー: こんにちは、SSL 2.0にしましょう。私の証明書、受け入れる暗号"
               "の種類、接続ID(connection-id)を送ります。",
               "SERVER-HELLOはバージョンをSSL 2.0に決め、TLSでは複数のメッセージに分"
               "かれることを一つで行います。サーバー証明書そのもの(TLSではCertificate"
               "メッセージ)、クライアントの提案のうちサーバーが受け入れるcipher spec"
               "、そしてセッション鍵の計算に使う16〜32バイトの乱数である接続ID(connec"
               "tion-id)を運びます。ServerKeyExchangeもServerHelloDoneもありません。S"
               "ESSION-ID-HITは0で、サーバーはセッションを再開しません。そこでクライ"
               "アントは暗号の種類を選んでマスターキーを作り、この証明書のRSA公開鍵で"
               "暗号化してCLIENT-MASTER-KEYで送ります。SSL 2.0は破られており、禁止さ"
               "れています。RFC 6176(2011年)は、TLSのクライアントとサーバーがSSL 2.0"
               "を決して使わないよう求めています。欠陥(RFC 6176 2章): MACにMD5を使う"
               "。ハンドシェイクのメッセージが保護されないので、中間者が双方により弱"
               "い暗号を選ばせられる(ダウングレード)。完全性と暗号化に同じ鍵を使うの"
               "で、輸出用の弱い暗号では危うい。偽のTCP FINでセッションを気付かれずに"
               "終わらせられる。"),
    },
    ("CLIENT-MASTER-KEY", C): {
        "en": ("CLIENT-MASTER-KEY: client sends the master key, its secret part "
               "encrypted with the server's RSA key",
               "Client: I choose this cipher kind. Here is the master key; its "
               "secret part is encrypted with your RSA public key.",
               "The CLIENT-MASTER-KEY names the cipher kind the client chose from "
               "the server's list and carries the master key in two parts: "
               "CLEAR-KEY-DATA, sent in the clear, and ENCRYPTED-KEY-DATA, the "
               "secret part, encrypted with the RSA public key of the server's "
               "certificate (PKCS#1). The clear part is there for the export cipher "
               "kinds (..._EXPORT40_...), which the U.S. export rules of the time "
               "limited to 40 secret bits: of their 16 key bytes only 5 are secret, "
               "few enough to find by trying them all. Both sides make the session "
               "keys with MD5 from the master key, the challenge and the "
               "connection-id. Unlike TLS there is no ChangeCipherSpec: after this "
               "message everything both sides send is encrypted. Next the "
               "specification expects the client's CLIENT-FINISHED and the server's "
               "SERVER-VERIFY, both encrypted."),
        "ja": ("CLIENT-MASTER-KEY: クライアントがマスターキーを送る(秘密の部分はサー"
               "バーのRSA鍵で暗号化)",
               "クライアント: この暗号の種類にします。マスターキーを送ります。秘密の"
               "部分はあなたのRSA公開鍵で暗号化してあります。",
               "CLIENT-MASTER-KEYは、クライアントがサーバーの一覧から選んだ暗号の種類"
               "を示し、マスターキーを二つに分けて運びます。平文で送るCLEAR-KEY-DATA"
               "と、秘密の部分をサーバー証明書のRSA公開鍵で暗号化したENCRYPTED-KEY-DA"
               "TA(PKCS#1)です。平文の部分は輸出用の暗号の種類(..._EXPORT40_...)のた"
               "めにあり、当時の米国の輸出規制で秘密は40ビットに限られていました。鍵1"
               "6バイトのうち秘密は5バイトだけで、総当たりで見つけられます。双方はマ"
               "スターキー、チャレンジ、接続IDからMD5でセッション鍵を作ります。TLSと"
               "違ってChangeCipherSpecはなく、このメッセージの後は双方の送るものがす"
               "べて暗号化されます。次に仕様が期待するのは、クライアントのCLIENT-FINI"
               "SHEDとサーバーのSERVER-VERIFYで、どちらも暗号化されています。"),
    },
    ("EncryptedRecord", C): {
        "en": ("EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell",
               "(An encrypted SSL 2.0 record from the client.)",
               "Once the session keys are agreed every SSL 2.0 message is encrypted, "
               "its type included, and Wireshark does not decrypt SSL 2.0 (it shows "
               "\"Encrypted Data\"), so the tutor cannot tell which message this "
               "record holds. What the specification expects from the client, in "
               "this order: CLIENT-FINISHED (the connection-id, encrypted with the "
               "client's key), a CLIENT-CERTIFICATE if the server sent a "
               "REQUEST-CERTIFICATE, then application data; an ERROR can come at any "
               "point. Unlike TLS's Finished, CLIENT-FINISHED does not cover the "
               "handshake messages, so nothing detects a handshake changed on the "
               "way: a man-in-the-middle can strike the strong cipher kinds from the "
               "hellos (a downgrade attack)."),
        "ja": ("EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明",
               "(クライアントからの暗号化されたSSL 2.0レコードです。)",
               "セッション鍵が決まった後、SSL 2.0のメッセージは種類も含めてすべて暗号"
               "化され、WiresharkはSSL 2.0を復号しません(「Encrypted Data」と表示)。"
               "そのためチューターは、このレコードがどのメッセージか判断できません。"
               "仕様がクライアントに期待する順序: CLIENT-FINISHED(接続IDをクライアン"
               "トの鍵で暗号化したもの)、サーバーがREQUEST-CERTIFICATEを送った場合はC"
               "LIENT-CERTIFICATE、その後にアプリケーションデータ。ERRORはいつでも来"
               "ることがあります。TLSのFinishedと違い、CLIENT-FINISHEDはハンドシェイ"
               "クのメッセージを対象にしないので、途中で書き換えられたハンドシェイク"
               "を検出できません。中間者はhelloから強い暗号の種類を消せます(ダウング"
               "レード攻撃)。"),
    },
    ("EncryptedRecord", S): {
        "en": ("EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell",
               "(An encrypted SSL 2.0 record from the server.)",
               "Once the session keys are agreed every SSL 2.0 message is encrypted, "
               "its type included, and Wireshark does not decrypt SSL 2.0 (it shows "
               "\"Encrypted Data\"), so the tutor cannot tell which message this "
               "record holds. What the specification expects from the server, in "
               "this order: SERVER-VERIFY (the client's challenge, encrypted with "
               "the server's key: only a server that could decrypt the master key "
               "can make it, and that authenticates the server), a "
               "REQUEST-CERTIFICATE if it wants to know the client, SERVER-FINISHED "
               "(a new session ID), then application data; an ERROR can come at any "
               "point. The handshake is over once both sides have sent their "
               "finished message. SSL 2.0 has no alerts: a connection ends with a "
               "TCP FIN, which a man-in-the-middle can forge."),
        "ja": ("EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明",
               "(サーバーからの暗号化されたSSL 2.0レコードです。)",
               "セッション鍵が決まった後、SSL 2.0のメッセージは種類も含めてすべて暗号"
               "化され、WiresharkはSSL 2.0を復号しません(「Encrypted Data」と表示)。"
               "そのためチューターは、このレコードがどのメッセージか判断できません。"
               "仕様がサーバーに期待する順序: SERVER-VERIFY(クライアントのチャレンジ"
               "をサーバーの鍵で暗号化したもの。マスターキーを復号できたサーバーにし"
               "か作れないので、これでサーバーが認証されます)、クライアントを確認した"
               "い場合はREQUEST-CERTIFICATE、SERVER-FINISHED(新しいセッションID)、そ"
               "の後にアプリケーションデータ。ERRORはいつでも来ることがあります。双方"
               "がfinishedメッセージを送るとハンドシェイクは終わりです。SSL 2.0にはア"
               "ラートがなく、接続はTCPのFINで終わりますが、中間者もFINを偽造できます"
               "。"),
    },
}

FLOW = {"en": "SSL 2.0 handshake", "ja": "SSL 2.0 ハンドシェイク"}
PROHIBITED = {"en": "Prohibited protocol version (RFC 6176): SSL 2.0",
              "ja": "禁止されたプロトコルバージョンです(RFC 6176): SSL 2.0"}
CANNOT_TELL = {"en": "The tutor cannot tell which handshake message this is",
               "ja": "チューターはこれがどのハンドシェイクメッセージか判断できません"}

# What the tutor used to say of SSL 2.0, false for it, in either language.
FALSE_CLAIMS = ["answers in TLS", "Unknown", "closed before the handshake finished", "gave up",
                "(no ServerHello)", "key log", "failed", "TLS 1.", "Finished messages",
                "TLSで答えます", "ハンドシェイク完了前に切断", "諦めた", "ServerHelloなし", "鍵ログ",
                "失敗"]

LADDER = {
    "en": """
=== TLS Handshake Tutor: ladder ===

Connection 1: SSL 2.0 handshake
  frame  time       rt    192.0.2.1:37287                                                                                 192.0.2.2:443
      1  +0.000000        |-- TCP SYN: may I connect? (TCP's own handshake, before TLS) --------------------------------------------->|
      2  +0.000150        |<- TCP SYN-ACK: yes, and here is my own SYN ---------------------------------------------------------------|
      3  +0.000300        |-- TCP ACK: got your SYN-ACK; TCP's connection is open --------------------------------------------------->|
      4  +0.000600     1  |-- CLIENT-HELLO: client says hello in SSL 2.0 and offers its cipher kinds -------------------------------->|
      6  +0.001620     1  |<- SERVER-HELLO: server answers in SSL 2.0 with its certificate -------------------------------------------|
      8  +0.003540     2  |-- CLIENT-MASTER-KEY: client sends the master key, its secret part encrypted with the server's RSA key --->|
      8  +0.003540     2  |-- EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell --------------------------------->|
      9  +0.005940     2  |<- EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell ----------------------------------|
      9  +0.005940     2  |<- EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell ----------------------------------|
     10  +0.006340     3  |-- EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell --------------------------------->|
     11  +0.007040     3  |<- EncryptedRecord: encrypted SSL 2.0 record: which message, cannot tell ----------------------------------|
     12  +0.007190        |<- TCP FIN: I have no more data to send -------------------------------------------------------------------|
     13  +0.007440        |-- TCP FIN: I have no more data to send ------------------------------------------------------------------>|

""",
    "ja": """
=== TLS Handshake Tutor: ラダー図 ===

接続 1: SSL 2.0 ハンドシェイク
フレーム  経過時間   往復  192.0.2.1:37287                                                                      192.0.2.2:443
      1  +0.000000        |-- TCP SYN: 接続してもいいですか?(TLSの前の、TCP自身のハンドシェイク) ------------------------->|
      2  +0.000150        |<- TCP SYN-ACK: いいですよ。こちらのSYNも送ります ----------------------------------------------|
      3  +0.000300        |-- TCP ACK: SYN-ACKを受け取りました。TCPの接続が確立 ------------------------------------------>|
      4  +0.000600     1  |-- CLIENT-HELLO: クライアントがSSL 2.0であいさつし、暗号の種類を提案 -------------------------->|
      6  +0.001620     1  |<- SERVER-HELLO: サーバーがSSL 2.0で答え、証明書を送る -----------------------------------------|
      8  +0.003540     2  |-- CLIENT-MASTER-KEY: クライアントがマスターキーを送る(秘密の部分はサーバーのRSA鍵で暗号化) --->|
      8  +0.003540     2  |-- EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明 ------------------------->|
      9  +0.005940     2  |<- EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明 --------------------------|
      9  +0.005940     2  |<- EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明 --------------------------|
     10  +0.006340     3  |-- EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明 ------------------------->|
     11  +0.007040     3  |<- EncryptedRecord: 暗号化されたSSL 2.0レコード: どのメッセージか不明 --------------------------|
     12  +0.007190        |<- TCP FIN: こちらから送るデータはもうありません -----------------------------------------------|
     13  +0.007440        |-- TCP FIN: こちらから送るデータはもうありません ---------------------------------------------->|

""",
}

STATS = {
    "en": {
        "By handshake flow": {"SSL 2.0 handshake": 1, "not known (no ServerHello)": 0},
        "By negotiated version": {"SSL 2.0": 1, "not known (no ServerHello)": 0},
        "By chosen cipher suite": {"SSL 2.0 cipher kind (not a TLS cipher suite)": 1,
                                   "not known (no ServerHello)": 0},
        "By outcome": {"SSL 2.0, encrypted records followed: finished or not, cannot tell": 1,
                       "not finished in this capture": 0},
        "By handshake round trips": {"not known (not seen to finish, or its start not in the capture)": 1},
        "Client authentication": {"cannot tell (SSL 2.0 asks in an encrypted REQUEST-CERTIFICATE)": 1,
                                  "not asked": 0},
        "Keys": {"encrypted SSL 2.0 records (Wireshark does not decrypt SSL 2.0)": 1,
                 "no encrypted handshake message seen": 0},
    },
    "ja": {
        "ハンドシェイクの流れ別": {"SSL 2.0 ハンドシェイク": 1, "不明(ServerHelloなし)": 0},
        "合意したバージョン別": {"SSL 2.0": 1, "不明(ServerHelloなし)": 0},
        "選ばれた暗号スイート別": {"SSL 2.0の暗号の種類(TLSの暗号スイートではない)": 1,
                                 "不明(ServerHelloなし)": 0},
        "結果別": {"SSL 2.0、暗号化レコードが続いた: 完了したかは判断できない": 1,
                  "このキャプチャでは未完了": 0},
        "ハンドシェイクの往復数別": {"不明(完了が見えない、または始まりがキャプチャにない)": 1},
        "クライアント認証": {"判断できない(SSL 2.0では暗号化されたREQUEST-CERTIFICATEで求める)": 1,
                         "要求なし": 0},
        "鍵": {"暗号化されたSSL 2.0レコード(WiresharkはSSL 2.0を復号しない)": 1,
              "暗号化されたハンドシェイクメッセージなし": 0},
    },
}


def fields(tshark, *names, lang=None, keys=None):
    args = ["-r", tshark.pcap(PCAP), "-Y", "tlstutor", "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-e", "frame.number", *sum((["-e", n] for n in names), [])]
    out = tshark.run(args + tshark.opts(keys, lang)).stdout
    return [line.split("\t") for line in out.splitlines()]


@pytest.mark.parametrize("two_pass", [False, True], ids=["1pass", "2pass"])
@pytest.mark.parametrize("keys", [None, KEYS], ids=["nokeys", "keys"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_messages_named_as_ssl2_without_steps(tshark, lang, keys, two_pass):
    msgs = tshark.messages(PCAP, keys=keys, lang=lang, two_pass=two_pass)
    assert [(m.frame, m.msg, m.sender, m.seq, m.encrypted) for m in msgs] == SEQUENCE
    assert all(m.step is None and m.conn == 1 for m in msgs)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_exact_texts(tshark, lang):
    for m in tshark.messages(PCAP, lang=lang):
        assert (m.label, m.says, m.explain) == TEXTS[(m.msg, m.sender)][lang], m


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_expert_infos(tshark, lang):
    expert = [(m.frame, m.msg, m.expert) for m in tshark.messages(PCAP, lang=lang)]
    assert expert == [(4, "CLIENT-HELLO", []), (6, "SERVER-HELLO", [PROHIBITED[lang]]),
                      (8, "CLIENT-MASTER-KEY", [])] + \
        [(f, "EncryptedRecord", [CANNOT_TELL[lang]]) for f in (8, 9, 9, 10, 11)]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_flow_and_version(tshark, lang):
    rows = fields(tshark, "tlstutor.msg", "tlstutor.flow", "tlstutor.version", "tlstutor.step",
                  "tlstutor.skipped", lang=lang)
    flow = FLOW[lang]
    assert rows == [
        ["4", "CLIENT-HELLO", "", "", "", ""],     # no flow before the server answers
        ["6", "SERVER-HELLO", flow, "SSL 2.0", "", ""],
        ["8", "CLIENT-MASTER-KEY|EncryptedRecord", f"{flow}|{flow}", "", "", ""],
        ["9", "EncryptedRecord|EncryptedRecord", f"{flow}|{flow}", "", "", ""],
        ["10", "EncryptedRecord", flow, "", "", ""],
        ["11", "EncryptedRecord", flow, "", "", ""]]


def test_filters(tshark):
    def frames(dfilter):
        out = tshark.run(["-r", tshark.pcap(PCAP), "-Y", dfilter, "-T", "fields",
                          "-e", "frame.number"]).stdout
        return [int(f) for f in out.split()]
    assert frames('tlstutor.msg == "SERVER-HELLO"') == [6]
    assert frames('tlstutor.version == "SSL 2.0"') == [6]
    assert frames("tlstutor.encrypted == 1") == [8, 9, 10, 11]
    assert frames("tlstutor.expert.deprecated") == [6]
    assert frames("tlstutor.step || tlstutor.expert.keylog || tlstutor.expert.failed") == []
    # TLS's own names for the same numbers are not the tutor's.
    assert frames('tlstutor.msg == "NewSessionTicket" || tlstutor.msg == "ServerHello"') == []


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_ladder(tshark, lang):
    assert zrun(tshark, PCAP, "tlstutor,ladder", lang=lang) == LADDER[lang]


@pytest.mark.parametrize("keys", [None, KEYS], ids=["nokeys", "keys"])
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_statistics(tshark, lang, keys):
    tops, tree = stats(zrun(tshark, PCAP, "tlstutor,tree", keys=keys, lang=lang))
    assert tops[{"en": "TLS connections", "ja": "TLS接続"}[lang]] == 1
    assert {top: children for top, children in tree.items() if children} == STATS[lang]


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_no_false_claims(tshark, lang):
    """Nothing the tutor says of this capture claims what is false for SSL 2.0:
    TLS answers, Unknown messages, a failed or cut-short handshake, no
    ServerHello, a key log that would help."""
    said = []
    for m in tshark.messages(PCAP, lang=lang):
        said += [m.label, m.says, m.explain, *m.expert]
    said += [row[1] for row in fields(tshark, "tlstutor.flow", lang=lang)]
    said.append(zrun(tshark, PCAP, "tlstutor,ladder", lang=lang))
    _, tree = stats(zrun(tshark, PCAP, "tlstutor,tree", lang=lang))
    said += [name for children in tree.values() for name, n in children.items() if n]
    for claim in FALSE_CLAIMS:
        assert not [s for s in said if claim in s], claim


@pytest.mark.parametrize("lang,note,not_said", [
    ("en", "a TLS server that accepts this format answers with a TLS ServerHello, an SSL 2.0 "
           "server would answer with an SSL 2.0 SERVER-HELLO", "the server answers in TLS"),
    ("ja", "この形式を受け付けるTLSサーバーはTLSのServerHelloで答え、SSL 2.0のサーバーならSSL 2.0の"
           "SERVER-HELLOで答えます", "サーバーはTLSで答えます")], ids=["en", "ja"])
def test_sslv2_format_client_hello_does_not_foretell_the_answer(tshark, lang, note, not_said):
    """An SSLv2-format ClientHello offering TLS (RFC 5246 E.2) is a TLS
    ClientHello; at that point the tutor does not know how the server answers."""
    msgs = tshark.messages("sslv2-client-hello.pcapng", lang=lang)
    ch = msgs[0]
    assert (ch.msg, ch.step) == ("ClientHello", 1)
    assert note in ch.explain and not_said not in ch.explain
    assert [m.msg for m in msgs] == ["ClientHello", "ServerHello", "Certificate", "ServerHelloDone",
                                     "ConnectionClosed"]
