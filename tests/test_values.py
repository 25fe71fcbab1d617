# SPDX-License-Identifier: GPL-2.0-or-later
"""The values the tutor quotes are Wireshark's own: for every hello of every
capture, the tutor's typed fields equal TLS's fields for the same message,
and the cipher suite is taken apart as a textbook does, in both languages."""
import datetime
import re
import xml.etree.ElementTree as ET

import pytest

from test_unchanged import EXPLAINED, keys_of

SCOPE = ["-o", "tlstutor.ports:443,8443"]


def for_capture(pcap, text):
    """TLS's field names as the capture's protocol has them: DTLS registers
    them again as dtls.*."""
    return re.sub(r"\btls\.", "dtls.", text) if pcap.startswith("dtls") else text


def per_frame(tshark, pcap, flt, *names):
    args = ["-r", tshark.pcap(pcap), "-Y", for_capture(pcap, flt), "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", "-e", "frame.number",
            *sum((["-e", for_capture(pcap, n)] for n in names), []), *SCOPE]
    return [line.split("\t") for line in tshark.run(args).stdout.splitlines()]


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_client_hello_values_are_wiresharks(tshark, pcap):
    # Frames with exactly one ClientHello (tls.handshake.type == 1, plain TLS).
    for frame, suites, sni, offered, tutor_sni in per_frame(
            tshark, pcap, "tls.handshake.type == 1 && tlstutor.suites_offered",
            "tls.handshake.ciphersuite", "tls.handshake.extensions_server_name",
            "tlstutor.suites_offered", "tlstutor.sni"):
        assert int(offered) == len(suites.split("|")), frame
        assert tutor_sni == sni, frame


def suite_names(tshark, pcap, keys=None):
    """frame -> name of the cipher suite in the ServerHello, from TLS's PDML."""
    import xml.etree.ElementTree as ET
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", for_capture(pcap, "tls.handshake.type == 2"), "-T", "pdml",
                      *tshark.opts(keys)], plugin=False).stdout
    names = {}
    for packet in ET.fromstring(out).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        for f in packet.iter("field"):
            if f.get("name") == for_capture(pcap, "tls.handshake.ciphersuite"):
                names[frame] = re.match(r"Cipher Suite: (\S+) \(0x", f.get("showname")).group(1)
    return names


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_chosen_suite_is_wiresharks(tshark, pcap):
    expected = suite_names(tshark, pcap)
    got = {int(f): s for f, s in per_frame(tshark, pcap, "tlstutor.suite", "tlstutor.suite")}
    # HelloRetryRequests carry a suite too but are not ServerHellos to the
    # tutor; a DTLS ServerHello sent again is told at its first copy.
    hrr = {int(r[0]) for r in per_frame(tshark, pcap, 'tlstutor.msg == "HelloRetryRequest"')}
    copies = {int(r[0]) for r in per_frame(tshark, pcap, 'tlstutor.msg == "ServerHello" && tlstutor.retransmission')}
    assert got == {f: s for f, s in expected.items() if f not in hrr | copies}


SUITES = {  # capture -> (suite, kx, auth, cipher, hash)
    "tls12-ecdhe-rsa.pcapng": ("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE", "RSA", "AES-128-GCM", "SHA-256"),
    "tls12-rsa.pcapng": ("TLS_RSA_WITH_AES_128_GCM_SHA256", "RSA", "RSA", "AES-128-GCM", "SHA-256"),
    "tls12-dhe.pcapng": ("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE", "RSA", "AES-128-GCM", "SHA-256"),
    "tls12-gnutls.pcapng": ("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE", "RSA", "AES-256-GCM", "SHA-384"),
    "tls10.pcapng": ("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE", "RSA", "AES-128-CBC", "SHA-1"),
    "tls13.pcapng": ("TLS_AES_256_GCM_SHA384", "ECDHE", "certificate", "AES-256-GCM", "SHA-384"),
}


@pytest.mark.parametrize("pcap", sorted(SUITES))
def test_suite_taken_apart(tshark, pcap):
    rows = per_frame(tshark, pcap, "tlstutor.suite", "tlstutor.suite", "tlstutor.kx",
                     "tlstutor.auth", "tlstutor.cipher", "tlstutor.hash")
    assert [tuple(r[1:]) for r in rows][:1] == [SUITES[pcap]]


def carries(tshark, pcap, msg, lang):
    out = tshark.messages(pcap, lang=lang)
    frame = next(m.frame for m in out if m.msg == msg)
    rows = per_frame(tshark, pcap, f'tlstutor.msg == "{msg}"', "tlstutor.carries")
    args = ["-r", tshark.pcap(pcap), "-Y", f"frame.number == {frame}", "-T", "fields",
            "-E", "occurrence=a", "-E", "aggregator=\x1f", "-e", "tlstutor.carries",
            "-o", f"tlstutor.language:{lang}"]
    return tshark.run(args).stdout.rstrip("\n").split("\x1f"), rows


def test_server_hello_carries_exact(tshark):
    en, _ = carries(tshark, "tls12-rsa.pcapng", "ServerHello", "en")
    assert en[0] == "Version chosen: TLS 1.2 (0x0303)"
    assert re.fullmatch(r"Server random: 32 bytes = [0-9a-f]{8} \(first 4: .*\) \+ [0-9a-f]{16}\.\.\. "
                        r"\(random_bytes: the other 28\)", en[1])
    assert en[2] == "Session ID: empty"
    assert en[3] == "Cipher suite chosen: TLS_RSA_WITH_AES_128_GCM_SHA256, number 23 of the 28 the client offered"
    assert en[4] == ("TLS_RSA_WITH_AES_128_GCM_SHA256 = RSA key exchange (no forward secrecy: whoever gets "
                     "the server's private key later can decrypt this capture) + RSA authentication + "
                     "AES-128-GCM bulk cipher + SHA-256 hash")
    ja, _ = carries(tshark, "tls12-rsa.pcapng", "ServerHello", "ja")
    assert ja[0] == "選ばれたバージョン: TLS 1.2 (0x0303)"
    assert ja[3] == "選ばれた暗号スイート: TLS_RSA_WITH_AES_128_GCM_SHA256。クライアントが提示したうちの23番目(全28個)"
    assert ja[4].startswith("TLS_RSA_WITH_AES_128_GCM_SHA256 = 鍵交換RSA(前方秘匿性なし")


def test_client_hello_carries_exact(tshark):
    en, _ = carries(tshark, "tls13.pcapng", "ClientHello", "en")
    assert en[0] == ("Versions offered: TLS 1.3, TLS 1.2, TLS 1.1, TLS 1.0 (supported_versions); "
                     "legacy_version says TLS 1.2 (0x0303)")
    assert en[3] == ("Cipher suites offered: 31, first TLS_AES_256_GCM_SHA384, "
                     "TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256")
    assert "Server name (SNI): server.tutor.test" in en[5]
    assert en[-2] == "key_share groups: x25519 (32 bytes)"
    assert en[-1].startswith("Two numbers, two layers: the record's content type is 22")
    ja, _ = carries(tshark, "tls13.pcapng", "ClientHello", "ja")
    assert ja[3] == ("提示された暗号スイート: 31個、先頭はTLS_AES_256_GCM_SHA384, "
                     "TLS_CHACHA20_POLY1305_SHA256, TLS_AES_128_GCM_SHA256")
    assert ja[-2] == "key_shareのグループ: x25519(32バイト)"


@pytest.mark.parametrize("lang,no_fs,client_auth", [
    ("en", "No forward secrecy: RSA key exchange", "The server asks for a client certificate (client authentication)"),
    ("ja", "前方秘匿性なし: RSA鍵交換", "サーバーがクライアント証明書を求めています(クライアント認証)")])
def test_teacher_expert_infos(tshark, lang, no_fs, client_auth):
    rsa = tshark.messages("tls12-rsa.pcapng", lang=lang)
    assert [m.msg for m in rsa if no_fs in m.expert] == ["ServerHello"]
    ecdhe = tshark.messages("tls12-ecdhe-rsa.pcapng", lang=lang)
    assert not [m for m in ecdhe if no_fs in m.expert]
    cc = tshark.messages("tls12-client-cert.pcapng", lang=lang)
    assert [m.msg for m in cc if client_auth in m.expert] == ["CertificateRequest"]


NO_CN = "tls12-cert-no-cn.pcapng"   # names without a common name


@pytest.mark.parametrize("with_keys", [False, True], ids=["nokeys", "keys"])
@pytest.mark.parametrize("pcap", [c for c in EXPLAINED if c != NO_CN])
def test_certificate_names_are_wiresharks(tshark, pcap, with_keys):
    """Our certificates' names hold only a common name (but NO_CN's, below),
    issuer before subject in each certificate: Wireshark's own x509sat
    strings give both."""
    keys = keys_of(pcap) if with_keys else None
    args = ["-r", tshark.pcap(pcap), "-Y", 'tlstutor.msg == "Certificate" && tlstutor.cert_count',
            "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=|", "-e", "frame.number",
            "-e", "tls.handshake.certificate_length", "-e", "x509sat.uTF8String",
            "-e", "tlstutor.cert_count", "-e", "tlstutor.cert_subject", "-e", "tlstutor.cert_issuer",
            *SCOPE, *tshark.opts(keys)]
    for line in tshark.run(args).stdout.splitlines():
        frame, lengths, names, count, subjects, issuers = line.split("\t")
        if count.count("|"):
            continue   # two Certificate messages in one frame: not this simple check
        # A CertificateRequest later in the frame adds its CA names: keep the certificates'.
        names = names.split("|")[:2 * int(count)]
        assert int(count) == len(lengths.split("|")), frame
        assert subjects.split("|") == names[1::2], frame
        assert issuers.split("|") == names[0::2], frame


def test_certificate_carries_exact(tshark):
    en, _ = carries(tshark, "tls12-client-cert.pcapng", "Certificate", "en")
    # The frame may hold more messages: from the Certificate's first line on.
    en = en[next(i for i, x in enumerate(en) if x.startswith("Certificates:")):]
    assert en[0] == "Certificates: 2 (the sender's own first, then the certificate authorities that issued it)"
    assert en[1] == "Certificate 1: subject server.tutor.test, issued by tutor-ca"
    assert en[2] == "Names the first certificate is valid for (subjectAltName): server.tutor.test"
    assert re.fullmatch(r"Certificate 1 valid from \S+ \S+ UTC to \S+ \S+ UTC: valid at the time of this capture", en[3])
    assert en[4] == "Certificate 1: RSA public key of 2048 bits, signed with SHA-256 with RSA"
    assert en[5] == "Certificate 2: subject tutor-ca, issued by itself (self-signed: a root CA's own certificate, trusted only if the client already has it, or else a certificate no CA vouches for)"
    assert en[8].startswith("The client checks this chain against the root certificates it already trusts")
    ja, _ = carries(tshark, "tls12-client-cert.pcapng", "Certificate", "ja")
    ja = ja[next(i for i, x in enumerate(ja) if x.startswith("証明書:")):]
    assert ja[1] == "証明書1: 主体(subject) server.tutor.test、発行者(issuer) tutor-ca"
    assert ja[8].startswith("クライアントはこの証明書チェーンを手元で信頼しているルート証明書と照合します")
    # The CA's own self-signed root in the chain is not a finding; a self-signed leaf would be.
    assert not [m for m in tshark.messages("tls12-client-cert.pcapng") if any("elf-signed" in e for e in m.expert)]


def message_lines(tshark, pcap, msg, keys=None, lang="en"):
    """The carries lines of every msg message, from the PDML of all the
    tutor's frames (shared with messages()): the tree is whole in PDML
    whichever frames a filter shows, and msg is picked below."""
    out = []
    for item in tshark.pdml(pcap, keys, lang).iter("field"):
        if item.get("name") == "tlstutor.message":
            sub = {f.get("name"): f for f in item.findall("field")}
            if sub["tlstutor.msg"].get("show") == msg:
                out.append([f.get("show") for f in item.findall("field") if f.get("name") == "tlstutor.carries"])
    return out


def wireshark_values(tshark, pcap, flt, *names, keys=None):
    args = ["-r", tshark.pcap(pcap), "-Y", for_capture(pcap, flt), "-T", "fields", "-E", "occurrence=a",
            "-E", "aggregator=|", *sum((["-e", for_capture(pcap, n)] for n in names), []),
            *tshark.opts(keys)]
    return [line.split("\t") for line in tshark.run(args, plugin=False).stdout.splitlines()]


def test_key_exchange_values_are_wiresharks(tshark):
    # RSA: the encrypted premaster secret's length is TLS's tls.handshake.epms_len.
    [[epms]] = wireshark_values(tshark, "tls12-rsa.pcapng", "tls.handshake.type == 16", "tls.handshake.epms_len")
    [cke] = message_lines(tshark, "tls12-rsa.pcapng", "ClientKeyExchange")
    assert cke[0].startswith(f"Encrypted premaster secret: {epms} bytes; the premaster secret is 48 bytes")
    assert cke[1].startswith('master secret = PRF(premaster secret, "extended master secret", '
                             'hash of the handshake messages up to this ClientKeyExchange)')
    # ECDHE: the client's public value's length is TLS's client_point_len.
    [[point]] = wireshark_values(tshark, "tls12-ecdhe-rsa.pcapng", "tls.handshake.type == 16",
                                 "tls.handshake.client_point_len")
    [cke] = message_lines(tshark, "tls12-ecdhe-rsa.pcapng", "ClientKeyExchange")
    assert cke[0].startswith(f"Client's (EC)DH public value: {point} bytes;")
    [ske] = message_lines(tshark, "tls12-ecdhe-rsa.pcapng", "ServerKeyExchange")
    assert ske == ["Key exchange group: x25519 (0x001d); the server's ephemeral public key for it is "
                   "signed with rsa_pss_rsae_sha256 (0x0804)"]
    [[p_len]] = wireshark_values(tshark, "tls12-dhe.pcapng", "tls.handshake.type == 12", "tls.handshake.p_len")
    [ske] = message_lines(tshark, "tls12-dhe.pcapng", "ServerKeyExchange", lang="ja")
    assert ske[0].startswith(f"Diffie-Hellmanのパラメータ: {int(p_len) * 8}ビットの素数pと生成元g")


def test_certificate_request_and_verify_values(tshark):
    [[count, dnames, algs]] = wireshark_values(
        tshark, "tls12-client-cert.pcapng", "tls.handshake.type == 13", "tls.handshake.cert_types_count",
        "tls.handshake.dname_len", "tls.handshake.sig_hash_alg")
    [cr] = message_lines(tshark, "tls12-client-cert.pcapng", "CertificateRequest")
    # Frame 8 also holds the ServerKeyExchange, whose one signature algorithm comes first.
    assert cr == [f"Accepted: certificate types: {count}, signature algorithms: {len(algs.split('|')) - 1}, "
                  f"CA names: {len(dnames.split('|'))} (the CAs whose certificates the server trusts)"]
    [cv] = message_lines(tshark, "tls12-client-cert.pcapng", "CertificateVerify")
    assert cv == ["Signature algorithm: rsa_pss_rsae_sha256 (0x0804)"]


def test_finished_verify_data_only_when_decrypted(tshark):
    assert message_lines(tshark, "tls12-ecdhe-rsa.pcapng", "Finished") == [[], []]
    with_keys = message_lines(tshark, "tls12-ecdhe-rsa.pcapng", "Finished", keys="tls12-ecdhe-rsa.keys")
    assert with_keys == [["verify_data: 12 bytes"]] * 2
    tls13 = message_lines(tshark, "tls13.pcapng", "Finished", keys="tls13.keys", lang="ja")
    assert tls13 == [["verify_data: 48バイト"]] * 2


FINDINGS = {  # capture -> expert infos of the tutor on frame 6, (English, Japanese)
    "tls12-expired-cert.pcapng": (["Certificate expired at capture time: server.tutor.test"],
                                  ["キャプチャ時点で期限切れの証明書: server.tutor.test"]),
    "tls12-self-signed.pcapng": (["Self-signed certificate: selfsigned.tutor.test"],
                                 ["自己署名の証明書: selfsigned.tutor.test"]),
    "tls12-sha1-cert.pcapng": (["Certificate signed with SHA-1 with RSA (weak hash): server.tutor.test"],
                               ["弱いハッシュ(SHA-1 with RSA)で署名された証明書: server.tutor.test"]),
    "tls12-weak-3des.pcapng": (["No forward secrecy: RSA key exchange",
                                "Weak cipher suite: TLS_RSA_WITH_3DES_EDE_CBC_SHA"],
                               ["前方秘匿性なし: RSA鍵交換", "弱い暗号スイート: TLS_RSA_WITH_3DES_EDE_CBC_SHA"]),
}


@pytest.mark.parametrize("pcap", sorted(FINDINGS))
def test_teacher_findings(tshark, pcap):
    for lang, expected in zip(("en", "ja"), FINDINGS[pcap]):
        found = [e for m in tshark.messages(pcap, lang=lang) if m.frame == 6 for e in m.expert]
        assert found == expected, lang


def test_expired_certificate_validity_line(tshark):
    [lines] = message_lines(tshark, "tls12-expired-cert.pcapng", "Certificate")
    validity = [x for x in lines if x.startswith("Certificate 1 valid from")]
    assert len(validity) == 1 and validity[0].endswith(": expired at the time of this capture")
    [lines] = message_lines(tshark, "tls12-expired-cert.pcapng", "Certificate", lang="ja")
    assert any(x.endswith(": このキャプチャの時点で期限切れ") for x in lines)


EMS = ('master secret = PRF(premaster secret, "extended master secret", hash of the handshake '
       'messages up to this ClientKeyExchange): both hellos carry extended_master_secret '
       '(RFC 7627), which ties the master secret to this handshake instead of to the two '
       'randoms alone')
CLASSIC = 'master secret = PRF(premaster secret, "master secret", client random + server random)'


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_master_secret_formula_follows_extended_master_secret(tshark, pcap):
    # RFC 7627: when the ServerHello carries extension 23 (which it may only
    # do when the ClientHello offered it), the master secret hashes the handshake.
    keys = keys_of(pcap)
    hellos = wireshark_values(tshark, pcap, "tls.handshake.type == 2 && !tls.handshake.extensions.supported_version",
                              "tls.handshake.extension.type", keys=keys)
    # (A DTLS copy sent again quotes nothing: told at its first copy.)
    for ckes in filter(None, message_lines(tshark, pcap, "ClientKeyExchange", keys=keys)):
        ems = "23" in hellos[0][0].split("|")
        assert ckes[-1] == (EMS if ems else CLASSIC)


@pytest.mark.parametrize("pcap", ["tls13-hrr.pcapng", "tls13-gnutls-hrr.pcapng"])
def test_hello_retry_request_values_are_wiresharks(tshark, pcap):
    [[random, version, suite, group]] = wireshark_values(
        tshark, pcap, "tls.handshake.extensions_key_share_selected_group", "tls.handshake.random",
        "tls.handshake.extensions.supported_version", "tls.handshake.ciphersuite",
        "tls.handshake.extensions_key_share_selected_group")
    assert random.startswith("cf21ad74e59a6111") and (version, suite, group) == ("0x0304", "0x1302", "23")
    [hrr] = message_lines(tshark, pcap, "HelloRetryRequest")
    assert hrr == [
        "Version chosen: TLS 1.3 (0x0304)",
        'Random: the fixed value cf21ad74e59a6111... (SHA-256 of "HelloRetryRequest"), '
        "which marks this ServerHello as a HelloRetryRequest",
        "Cipher suite chosen: TLS_AES_256_GCM_SHA384",
        "Key share group asked for: secp256r1; the client's first key_share had no share for the "
        "group the server chose, so the client sends a new ClientHello with a share for this one"]
    [ja] = message_lines(tshark, pcap, "HelloRetryRequest", lang="ja")
    assert ja[3] == ("要求された鍵共有のグループ: secp256r1。クライアントの最初のkey_shareには"
                     "サーバーが選んだグループの値がなかったので、クライアントはこのグループの値を"
                     "入れたClientHelloを送り直します")


# ---- What students read: the randoms' parts, ChangeCipherSpec's sizes and
# ---- certificate names without a common name (docs/lab Q9, Q12, Q25).

RANDOMS = {  # tls12-ecdhe-rsa: each hello's random line, (English, Japanese)
    "ClientHello": (
        "Client random: 32 bytes = fe51fde6 (first 4: gmt_unix_time in TLS 1.2 and earlier; as a time, "
        "2105-03-18 02:24:38 UTC, not this capture's time: random, as most stacks send today) + "
        "70f0fab29f306d1a... (random_bytes: the other 28)",
        "クライアントランダム: 32バイト = fe51fde6(先頭4バイト: TLS 1.2まではgmt_unix_time。時刻として読むと"
        "2105-03-18 02:24:38 UTC、このキャプチャの時刻ではないので乱数(今日の多くの実装と同じ)) + "
        "70f0fab29f306d1a...(random_bytes: 残り28バイト)"),
    "ServerHello": (
        "Server random: 32 bytes = 443519f2 (first 4: gmt_unix_time in TLS 1.2 and earlier; as a time, "
        "2006-04-06 13:38:58 UTC, not this capture's time: random, as most stacks send today) + "
        "4de52255e220a8f4... (random_bytes: the other 28)",
        "サーバーランダム: 32バイト = 443519f2(先頭4バイト: TLS 1.2まではgmt_unix_time。時刻として読むと"
        "2006-04-06 13:38:58 UTC、このキャプチャの時刻ではないので乱数(今日の多くの実装と同じ)) + "
        "4de52255e220a8f4...(random_bytes: 残り28バイト)"),
}


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_random_lines_exact(tshark, lang):
    i = 0 if lang == "en" else 1
    for msg, texts in RANDOMS.items():
        [lines] = message_lines(tshark, "tls12-ecdhe-rsa.pcapng", msg, lang=lang)
        assert lines[1] == texts[i]
    # TLS 1.3's ServerHello random has no time field (RFC 8446 4.1.3).
    [lines] = message_lines(tshark, "tls13.pcapng", "ServerHello", lang=lang)
    assert lines[1] == ("Server random: 32 bytes = b0a14cbdd3e1f36f... (TLS 1.3 has no gmt_unix_time: "
                        "all 32 are random)",
                        "サーバーランダム: 32バイト = b0a14cbdd3e1f36f...(TLS 1.3にはgmt_unix_timeがなく、"
                        "32バイトすべてが乱数)")[i]


SPLIT = re.compile(r"(Client|Server) random: 32 bytes = ([0-9a-f]{8}) \(first 4: gmt_unix_time in TLS 1\.2 "
                   r"and earlier; as a time, (.+) UTC, (.+)\) \+ ([0-9a-f]{16})\.\.\. "
                   r"\(random_bytes: the other 28\)")
WHOLE = re.compile(r"Server random: 32 bytes = ([0-9a-f]{16})\.\.\. \(TLS 1\.3 has no gmt_unix_time: "
                   r"all 32 are random\)")


@pytest.mark.parametrize("pcap", EXPLAINED)
def test_random_parts_are_wiresharks(tshark, pcap):
    """Every hello's random line quotes TLS's tls.handshake.random: its first
    4 bytes (gmt_unix_time) read as a time against the frame's, then the
    first 8 of the other 28 (random_bytes)."""
    keys = keys_of(pcap)
    wireshark = {int(f): (r.split("|"), float(t)) for f, r, t in wireshark_values(
        tshark, pcap, "tls.handshake.random", "frame.number", "tls.handshake.random",
        "frame.time_epoch", keys=keys)}
    seen = 0
    for packet in tshark.pdml(pcap, keys).iter("packet"):
        frame = int(next(f.get("show") for f in packet.iter("field") if f.get("name") == "num"))
        lines = [f.get("show") for f in packet.iter("field") if f.get("name") == "tlstutor.carries"
                 and re.match(r"(Client|Server) random", f.get("show"))]
        for line in lines:
            randoms, when = wireshark[frame]
            whole = WHOLE.fullmatch(line)
            if whole:
                assert whole[1] in (r[:16] for r in randoms), (frame, line)
                seen += 1
                continue
            m = SPLIT.fullmatch(line)
            assert m, line
            assert m[2] + m[5] in (r[:24] for r in randoms), (frame, line)
            t = int(m[2], 16)
            assert m[3] == datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
            assert m[4] == ("within a day of this capture's time: the sender's clock" if abs(t - when) <= 86400
                            else "not this capture's time: random, as most stacks send today")
            seen += 1
    # Out of the port scope; SSL 2.0 hellos have a challenge and a connection-id, no random.
    assert seen or pcap in ("tls12-port8443.pcapng", "sslv2-handshake.pcapng"), pcap


def crafted_capture(tshark, name):
    """A TLS 1.2 ClientHello and ServerHello whose gmt_unix_time is the
    capture's time (as stacks once sent it), then the client's
    ChangeCipherSpec in a record of 2 bytes, one more than the message."""
    from pathlib import Path

    from scapy.all import IP, TCP, Ether, wrpcap
    from scapy.layers.tls.handshake import TLSClientHello, TLSServerHello
    from scapy.layers.tls.record import TLS

    when = 1795746093   # 2026-11-27 02:21:33 UTC, the bundled captures' day
    c, s = "192.0.2.1", "192.0.2.2"
    hello = bytes(TLS(msg=[TLSClientHello(gmt_unix_time=when - 30, random_bytes=bytes(range(28)),
                                          ciphers=[0xc02f])]))
    answer = bytes(TLS(msg=[TLSServerHello(gmt_unix_time=when + 5, random_bytes=bytes(range(100, 128)),
                                           cipher=0xc02f)]))
    ccs = bytes([20, 3, 3, 0, 2, 1, 1])
    frames = [
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="S", seq=100),
        Ether() / IP(src=s, dst=c) / TCP(sport=443, dport=40000, flags="SA", seq=500, ack=101),
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="A", seq=101, ack=501),
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="PA", seq=101, ack=501) / hello,
        Ether() / IP(src=s, dst=c) / TCP(sport=443, dport=40000, flags="PA", seq=501,
                                          ack=101 + len(hello)) / answer,
        Ether() / IP(src=c, dst=s) / TCP(sport=40000, dport=443, flags="PA", seq=101 + len(hello),
                                          ack=501 + len(answer)) / ccs]
    for i, f in enumerate(frames):
        f.time = when + i / 1000
    path = Path(tshark.pcap(name))
    wrpcap(str(path), frames)
    path.chmod(0o644)
    return name


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_random_with_the_clock_and_odd_change_cipher_spec(tshark, lang):
    pcap = crafted_capture(tshark, "clock-random.pcap")
    [ch] = message_lines(tshark, pcap, "ClientHello", lang=lang)
    [ccs] = message_lines(tshark, pcap, "ChangeCipherSpec", lang=lang)
    if lang == "en":
        assert ch[1] == ("Client random: 32 bytes = 6b08e90f (first 4: gmt_unix_time in TLS 1.2 and earlier; "
                         "as a time, 2026-11-27 02:21:03 UTC, within a day of this capture's time: the "
                         "sender's clock) + 0001020304050607... (random_bytes: the other 28)")
        assert ccs == ["Record: content type 20 (ChangeCipherSpec), 2 bytes of content + 5 bytes of record "
                       "header = 7 bytes, where the message is 1 byte (the value 1)"]
    else:
        assert ch[1] == ("クライアントランダム: 32バイト = 6b08e90f(先頭4バイト: TLS 1.2まではgmt_unix_time。"
                         "時刻として読むと2026-11-27 02:21:03 UTC、このキャプチャの時刻から1日以内なので送り手の時計)"
                         " + 0001020304050607...(random_bytes: 残り28バイト)")
        assert ccs == ["レコード: コンテンツタイプ20(ChangeCipherSpec)、内容2バイト + レコードヘッダー5バイト = "
                       "7バイト。メッセージは本来1バイト(値1)です"]


CCS = ("Record: content type 20 (ChangeCipherSpec), 1 byte of content, the message (the value 1) + "
       "5 bytes of record header = 6 bytes",
       "レコード: コンテンツタイプ20(ChangeCipherSpec)、内容1バイト、メッセージそのもの(値1) + "
       "レコードヘッダー5バイト = 6バイト")


@pytest.mark.parametrize("lang", ["en", "ja"])
@pytest.mark.parametrize("pcap", ["tls12-ecdhe-rsa.pcapng", "tls13.pcapng"])
def test_change_cipher_spec_sizes(tshark, pcap, lang):
    """The message is one byte, its record six: TLS's own record shows the
    same (tls.record.length 1, the message's item 1 byte long, the record's 6)."""
    assert message_lines(tshark, pcap, "ChangeCipherSpec", lang=lang) == [[CCS[lang == "ja"]]] * 2
    out = tshark.run(["-r", tshark.pcap(pcap), "-Y", "tls.change_cipher_spec", "-T", "pdml"],
                     plugin=False).stdout
    records = [r for r in ET.fromstring(out).iter("field") if r.get("name") == "tls.record"
               and any(c.get("name") == "tls.change_cipher_spec" for c in r)]
    assert len(records) == 2
    for r in records:
        fields = {c.get("name"): c for c in r}
        assert (fields["tls.record.content_type"].get("show"), fields["tls.record.length"].get("show"),
                fields["tls.change_cipher_spec"].get("size"), r.get("size")) == ("20", "1", "1", "6")


NO_CN_LINES = (  # the names of NO_CN's two certificates, (English, Japanese)
    ["Certificate 1: subject Tutor Web Org (organisation, O; no common name, CN), issued by "
     "id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP (whole name; no common name, CN, "
     "nor organisation, O)",
     "Certificate 2: subject id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP (whole name; "
     "no common name, CN, nor organisation, O), issued by itself (self-signed: a root CA's own certificate, trusted only if the client already has it, or else a certificate no CA vouches for)"],
    ["証明書1: 主体(subject) Tutor Web Org(組織名O。共通名CNなし)、発行者(issuer) "
     "id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP(名前全体。共通名CNも組織名Oもなし)",
     "証明書2: 主体(subject) id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP"
     "(名前全体。共通名CNも組織名Oもなし)、自己署名(ルート認証局自身の証明書ならクライアントが既に持っている場合だけ信頼され、そうでなければ認証局の保証のない証明書)"])


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_names_without_common_name(tshark, lang):
    [lines] = message_lines(tshark, NO_CN, "Certificate", lang=lang)
    assert [x for x in lines if re.match(r"(Certificate |証明書)\d: (subject|主体)", x)] == NO_CN_LINES[lang == "ja"]
    assert not any("?" in x for x in lines)
    assert per_frame(tshark, NO_CN, "tlstutor.cert_count", "tlstutor.cert_subject", "tlstutor.cert_issuer") == [
        ["8", "Tutor Web Org|id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP",
         "id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP|"
         "id-at-organizationalUnitName=Tutor Lab CA,id-at-countryName=JP"]]


def test_names_without_common_name_are_wiresharks(tshark):
    """The whole name is the one Wireshark shows on its rdnSequence item (in
    its own PDML, without the plugin), issuer before subject; the
    organisation is the value of its id-at-organizationName part."""
    out = tshark.run(["-r", tshark.pcap(NO_CN), "-Y", "tls.handshake.type == 11", "-T", "pdml"],
                     plugin=False).stdout
    # The issuer's item is x509if's, the subject's x509af's (SubjectName).
    names = [m[1] for f in ET.fromstring(out).iter("field")
             if (m := re.fullmatch(r"rdnSequence: \d+ items? \((.*)\)", f.get("showname", "")))]
    [[_, subjects, issuers]] = per_frame(tshark, NO_CN, "tlstutor.cert_count", "tlstutor.cert_subject",
                                         "tlstutor.cert_issuer")
    assert issuers.split("|") == names[0::2]
    subject_o = re.search(r"id-at-organizationName=([^,+]*)", names[1])[1]
    assert subjects.split("|") == [subject_o, names[3]]
