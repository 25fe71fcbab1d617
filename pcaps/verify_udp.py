# SPDX-License-Identifier: GPL-2.0-or-later
"""The UDP captures of pcaps/ (DTLS and QUIC, both on port 443): their
specifications, checks and README tables, used by verify_captures.py.

Checks, each with the key log and without: the handshake message types in
frame order (a DTLS message cut into fragments counts once, at its first
fragment; a retransmitted message counts again), every frame UDP between
192.0.2.1 and 192.0.2.2 on the server port, no malformed frame, no bad
IP/UDP checksum. DTLS: the HelloVerifyRequest's cookie comes back in the
next ClientHello; cipher suite and version of the ServerHello; the
application data decrypts (as "Decrypted DTLS" data) only with keys; the
client's close_notify. QUIC: the packet types, HTTP/3 HEADERS and DATA only
with keys, the client's CONNECTION_CLOSE. Plus a few per-capture properties
(fragments, retransmission, Version Negotiation, 0-RTT, Retry).
"""
import os

CLIENT_IP, SERVER_IP = "192.0.2.1", "192.0.2.2"

HS_NAMES = {1: "ClientHello", 2: "ServerHello", 3: "HelloVerifyRequest", 4: "NewSessionTicket",
            8: "EncryptedExtensions", 11: "Certificate", 12: "ServerKeyExchange", 14: "ServerHelloDone",
            15: "CertificateVerify", 16: "ClientKeyExchange", 20: "Finished"}
CT_NAMES = {20: "CCS", 21: "Alert", 22: "HS", 23: "AppData"}
QUIC_LONG = {0: "Initial", 1: "0-RTT", 2: "Handshake", 3: "Retry"}
QUIC_FRAMES = {0: "PADDING", 1: "PING", 2: "ACK", 3: "ACK", 4: "RESET_STREAM", 5: "STOP_SENDING",
               6: "CRYPTO", 7: "NEW_TOKEN", 16: "MAX_DATA", 17: "MAX_STREAM_DATA", 18: "MAX_STREAMS",
               19: "MAX_STREAMS", 20: "DATA_BLOCKED", 21: "STREAM_DATA_BLOCKED", 22: "STREAMS_BLOCKED",
               23: "STREAMS_BLOCKED", 24: "NCI", 25: "RETIRE_CONNECTION_ID", 26: "PATH_CHALLENGE",
               27: "PATH_RESPONSE", 28: "CONNECTION_CLOSE", 29: "CONNECTION_CLOSE", 30: "HANDSHAKE_DONE"}

DTLS_FULL = [1, 3, 1, 2, 11, 12, 14, 16, 20, 4, 20]
QUIC_FULL = [1, 2, 8, 11, 15, 20, 20, 4]
QUIC_RESUMED = [1, 2, 8, 20, 20, 4]

DTLS_NOTE = ("Without keys the two Finished messages (epoch 1) are records whose handshake "
             "item has no type, and the application data stays encrypted.")

CAPTURES = [
    dict(name="dtls12-openssl", transport="dtls", port=443,
         title="DTLS 1.2, OpenSSL, HelloVerifyRequest (cookie)",
         text="`s_server -dtls1_2 -listen` and `s_client -dtls1_2` on UDP port 443 (s_server "
              "refuses `-HTTP` with DTLS, so the reply is written into its stdin, a FIFO). The "
              "server answers the first ClientHello (cookie length 0, message_seq 0) with a "
              "HelloVerifyRequest carrying a 20-byte cookie; the client sends its ClientHello again "
              "with that cookie (message_seq 1). Then a full ECDHE-RSA handshake "
              "(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256) with a NewSessionTicket; each flight is one "
              "datagram holding one record per message (ChangeCipherSpec is a record of its own; "
              "Finished is in epoch 1). The client sends the GET request, the server the reply, "
              "the client closes with close_notify. " + DTLS_NOTE,
         cipher="0xc02f", version="0xfefd", keys=DTLS_FULL, check="hvr"),
    dict(name="dtls12-no-cookie", transport="dtls", port=443,
         title="DTLS 1.2, GnuTLS, no HelloVerifyRequest",
         text="As dtls12-gnutls, but `gnutls-serv --nocookie`: the server answers the first "
              "ClientHello (message_seq 0, empty cookie) with its ServerHello (message_seq 0), "
              "no HelloVerifyRequest (RFC 6347 4.2.1 lets a server skip the cookie exchange; "
              "OpenSSL's s_server has no option for that). " + DTLS_NOTE,
         cipher="0xc030", version="0xfefd", keys=[1, 2, 11, 12, 14, 16, 20, 4, 20], check="no_cookie"),
    dict(name="dtls12-fragmented", transport="dtls", port=443,
         title="DTLS 1.2, handshake messages in fragments (-mtu 300)",
         text="As dtls12-openssl with `-mtu 300` on both sides: no datagram of the server's first "
              "flight exceeds 300 bytes of IP (its later NewSessionTicket, ChangeCipherSpec and "
              "Finished datagram does: OpenSSL 3.0 does not split that one). The server's Certificate is sent as four fragments (same message_seq and "
              "length, increasing fragment_offset), each in a record and datagram of its own, "
              "and the ServerKeyExchange as two; Wireshark shows \"Certificate (Fragment)\" "
              "and, at the last fragment, \"Certificate (Reassembled)\" with `dtls.fragments`, "
              "`dtls.fragment.count` and `dtls.reassembled.length`. Every fragment carries "
              "`dtls.handshake.type`: the sequence below counts a message once, at the fragment "
              "whose `dtls.handshake.fragment_offset` is 0. " + DTLS_NOTE,
         cipher="0xc02f", version="0xfefd", keys=DTLS_FULL, check="fragmented"),
    dict(name="dtls10-openssl", transport="dtls", port=443,
         title="DTLS 1.0, OpenSSL (ECDHE-RSA-AES128-SHA)",
         text="`-dtls1` on both sides and `@SECLEVEL=0` (as for tls10): record and ServerHello "
              "version 0xfeff, AES-128-CBC with HMAC-SHA1. HelloVerifyRequest as in dtls12-openssl "
              "(whose records also say 0xfeff until the ServerHello). " + DTLS_NOTE,
         cipher="0xc013", version="0xfeff", keys=DTLS_FULL, check="hvr"),
    dict(name="dtls12-gnutls", transport="dtls", port=443,
         title="DTLS 1.2, GnuTLS (gnutls-serv --udp + gnutls-cli --udp)",
         text="GnuTLS 3.7.9 on both sides, DTLS 1.2, ECDHE-RSA (TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384). GnuTLS's server also asks for a "
              "cookie (HelloVerifyRequest, a 16-byte cookie) and sends each message of its first "
              "flight in a datagram of its own (ServerHello, Certificate, ServerKeyExchange, "
              "ServerHelloDone), and so its NewSessionTicket, ChangeCipherSpec and Finished. "
              "Echo mode (the server's application data is the request echoed back); the client "
              "closes after 1 s with close_notify, then the server is stopped. SSLKEYLOGFILE key "
              "log. " + DTLS_NOTE,
         cipher="0xc030", version="0xfefd", keys=DTLS_FULL, check="hvr"),
    dict(name="dtls12-retransmit", transport="dtls", port=443,
         title="DTLS 1.2, a lost flight retransmitted",
         text="As dtls12-openssl, but the datagrams pass a relay in the server's namespace "
              "(`udp_drop_proxy.py`, on 192.0.2.2:443, to s_server on 127.0.0.1:443) that loses "
              "the client's third datagram: its ClientKeyExchange, ChangeCipherSpec and Finished, "
              "which the capture (on the client's side) still shows. About 1 s later the server's "
              "timer fires and it sends its whole flight again (ServerHello, Certificate, "
              "ServerKeyExchange, ServerHelloDone, now one datagram each, same message_seq 1-4, "
              "new record sequence numbers 5-8); the client answers the repeated flight by "
              "sending its own again (one datagram per record; message_seq 2 and 3 again, new "
              "record sequence numbers, the Finished as epoch 1 number 1). The client starts as "
              "soon as the repeated ServerHello arrives, so the two repeated flights interleave "
              "(the checks accept any order there). Wireshark 4.0 marks no retransmission: "
              "the copies look like new messages with the same `dtls.handshake.message_seq`. " + DTLS_NOTE,
         cipher="0xc02f", version="0xfefd", keys=[1, 3, 1, 2, 11, 12, 14, 16, 20, 2, 11, 12, 14, 16, 20, 4, 20],
         any_order=(9, 6), check="retransmit"),
    dict(name="quic-ngtcp2", transport="quic", port=443,
         title="QUIC v1 + HTTP/3, ngtcp2 client and caddy",
         text="`gtlsclient` (ngtcp2 0.12's example client with GnuTLS, package ngtcp2-client) asks "
              "caddy 2.6.2 (quic-go) for https://server.tutor.test/ over HTTP/3 on UDP port 443. "
              "TLS 1.3 (TLS_AES_128_GCM_SHA256) inside QUIC CRYPTO frames: the ClientHello in the "
              "client's Initial packet (padded to 1200 bytes), the ServerHello in the server's "
              "Initial, coalesced in one datagram with a Handshake packet that holds "
              "EncryptedExtensions, Certificate and (in the next datagram) CertificateVerify and "
              "Finished; the client's Finished in a Handshake packet; the server's "
              "NewSessionTicket in a 1-RTT (short header) packet with HANDSHAKE_DONE. Wireshark "
              "decrypts Initial packets without any key (their keys come from the client's first "
              "destination connection ID): without the key log only ClientHello and ServerHello "
              "show (as `tls.handshake.type` under `quic`); the other packets carry the expert "
              "warning \"Failed to create decryption context: Secrets are not available\" (and "
              "two short-header packets the note \"Unknown QUIC connection. Missing Initial Packet "
              "or migrated connection?\"). The client "
              "closes with CONNECTION_CLOSE (no error) after the response (\"hello from quic\").",
         keys=QUIC_FULL, nokeys=[1, 2], packets={"Initial", "Handshake", "1-RTT"}, check="h3"),
    dict(name="quic-version-negotiation", transport="quic", port=443,
         title="QUIC Version Negotiation, then QUIC v1",
         text="The client's first Initial names version 0x1a2a3a4a (a 0x?a?a?a?a version, reserved "
              "by RFC 9000 15 to exercise version negotiation; `gtlsclient -v 0x1a2a3a4a "
              "--preferred-versions v1`). The server answers with a Version Negotiation packet "
              "(`quic.version == 0`, `quic.supported_version`: 0x00000001, 0x709a50c4 (v2 draft), "
              "a GREASE version, 0xff00001d (draft-29)); the client starts again with version 1 "
              "(new connection IDs) and the handshake of quic-ngtcp2 follows. Wireshark 4.0 also "
              "decrypts the first Initial (unknown version) and shows its ClientHello.",
         keys=[1] + QUIC_FULL, nokeys=[1, 1, 2], packets={"Initial", "Handshake", "1-RTT", "VN"},
         check="vn"),
    dict(name="quic-0rtt", transport="quic", port=443,
         title="QUIC resumption with 0-RTT (two connections)",
         text="Connection 1 as quic-ngtcp2; the client saves the session ticket and the server's "
              "transport parameters (`--session-file`, `--tp-file`). Connection 2 resumes: the "
              "ClientHello (in an Initial packet, with pre_shared_key and early_data extensions) is "
              "coalesced in its datagram with a 0-RTT packet that carries the HTTP/3 request; the "
              "server accepts (no Certificate, no CertificateVerify; early_data in "
              "EncryptedExtensions) and answers the request. Without keys the 0-RTT packet, like "
              "every non-Initial packet, stays opaque.",
         keys=QUIC_FULL + QUIC_RESUMED, nokeys=[1, 2, 1, 2], packets={"Initial", "Handshake", "1-RTT", "0-RTT"},
         conns=2, check="0rtt"),
    dict(name="quic-retry", transport="quic", port=443,
         title="QUIC Retry (address validation), ngtcp2 client and server",
         text="`gtlsserver -V` (ngtcp2 0.12's example server with GnuTLS, package ngtcp2-server; "
              "`-V` performs address validation, RFC 9000 8.1.2) and the `gtlsclient` of "
              "quic-ngtcp2, one HTTP/3 GET of https://server.tutor.test/ (the server's document "
              "root holds index.html, \"hello from quic\"). The server answers the client's first "
              "Initial (token length 0, the ClientHello) with a Retry packet (RFC 9000 17.2.5: "
              "`quic.long.packet_type == 3`, no packet number, no frames) carrying a new source "
              "connection ID, a 78-byte `quic.retry_token` and a Retry Integrity Tag (Wireshark: "
              "\"[verified]\"). The client sends a second Initial to that connection ID, with the "
              "token in its Token field (`quic.token`), packet number 1 (packet numbers are not "
              "reset), and the same ClientHello again (RFC 9000 17.2.5.3): a CRYPTO frame at "
              "offset 0 with the same 379 bytes. Wireshark 4.0 keeps both Initials in one QUIC "
              "connection and takes that second CRYPTO frame for a retransmission (expert note "
              "\"This QUIC frame has a reused stream offset (retransmission?)\"): it does not "
              "dissect the ClientHello again, so only one ClientHello (`tls.handshake.type == 1`, "
              "in the first Initial) shows, with or without keys. Then a handshake as in quic-ngtcp2 "
              "(TLS 1.3, TLS_AES_128_GCM_SHA256): the ServerHello in the server's Initial, "
              "coalesced with a Handshake packet (EncryptedExtensions, the start of the "
              "Certificate); the next datagram ends the Certificate and holds CertificateVerify "
              "and Finished, plus a 1-RTT packet (the server's HTTP/3 control streams, sent "
              "before the handshake completes); the client's Finished in a Handshake packet "
              "coalesced with its request in a 1-RTT packet. ngtcp2 probes the path MTU: "
              "1-RTT datagrams holding only PING and PADDING (1406 and 1444 bytes of UDP "
              "payload) from both sides. The server sends HANDSHAKE_DONE, NEW_TOKEN and its "
              "NewSessionTicket only with the response, 14 ms after the client's Finished (in "
              "another run the client's loss timer fired first and it sent its Finished again, "
              "a Handshake packet that Wireshark also took for a retransmission: the datagrams "
              "after the server's first flight depend on timing). The client closes with "
              "CONNECTION_CLOSE (no error). "
              "Without the key log only ClientHello and ServerHello show.",
         keys=QUIC_FULL, nokeys=[1, 2], packets={"Initial", "Retry", "Handshake", "1-RTT"},
         check="retry"),
]
NAMES = [c["name"] for c in CAPTURES]


def ints(s):
    return [int(x) for x in s.split(",") if x != ""]


def frame_number(packet):
    return int(packet.find("proto[@name='geninfo']/field[@name='num']").get("show"))


def field(elem, name):
    f = elem.find("field[@name='%s']" % name)
    return None if f is None else f.get("show")


def protos(packet, name):
    """Every <proto name=...> in the packet, nested ones too (TLS inside QUIC)."""
    return [p for p in packet.iter("proto") if p.get("name") == name]


def ip_src(packet):
    return field(packet.find("proto[@name='ip']"), "ip.src")


# ---- DTLS ------------------------------------------------------------------

def dtls_messages(packet):
    """[(record dict, [message dicts])] of one frame."""
    out = []
    for proto in protos(packet, "dtls"):
        for rec in proto.findall("field[@name='dtls.record']"):
            r = dict(ct=field(rec, "dtls.record.content_type"), epoch=field(rec, "dtls.record.epoch"),
                     seq=field(rec, "dtls.record.sequence_number"),
                     reassembled=next((f.get("show") for f in rec.iter("field")
                                       if f.get("name") == "dtls.reassembled.length"), None))
            msgs = []
            for hs in rec.findall("field[@name='dtls.handshake']"):
                msgs.append(dict(type=field(hs, "dtls.handshake.type"), length=field(hs, "dtls.handshake.length"),
                                 message_seq=field(hs, "dtls.handshake.message_seq"),
                                 offset=field(hs, "dtls.handshake.fragment_offset"),
                                 frag_len=field(hs, "dtls.handshake.fragment_length"),
                                 cookie=field(hs, "dtls.handshake.cookie"),
                                 label=hs.get("showname", "").replace("Handshake Protocol: ", "").replace(
                                     "Handshake Protocol", "encrypted")))
            out.append((r, msgs))
    return out


def describe_dtls(packet):
    parts = []
    for r, msgs in dtls_messages(packet):
        text = "e%s#%s:%s" % (r["epoch"], r["seq"], CT_NAMES.get(int(r["ct"]), r["ct"]) if r["ct"] else "?")
        if msgs:
            shown = []
            for m in msgs:
                s = m["label"]
                if m["type"] is not None:
                    s += " seq=%s" % m["message_seq"]
                    if m["frag_len"] != m["length"]:
                        s += " frag %s+%s/%s" % (m["offset"], m["frag_len"], m["length"])
                shown.append(s)
            text += "[" + ", ".join(shown) + "]"
        parts.append(text)
    return "; ".join(parts)


def dtls_types(pdml):
    """Handshake types in frame order, each message once (fragment offset 0)."""
    return [int(m["type"]) for p in pdml.findall("packet") for _, msgs in dtls_messages(p)
            for m in msgs if m["type"] is not None and m["offset"] == "0"]


# ---- QUIC ------------------------------------------------------------------

def quic_packets(packet):
    """[(packet type name, [frame texts], [TLS messages])] of one datagram."""
    out = []
    for q in packet.findall("proto[@name='quic']"):
        version = next((f.get("show") for f in q.iter("field") if f.get("name") == "quic.version"), None)
        lpt = next((f.get("show") for f in q.iter("field") if f.get("name") == "quic.long.packet_type"), None)
        if version == "0x00000000":
            kind = "VN"
        elif lpt is not None:
            kind = QUIC_LONG[int(lpt)]
        elif any(f.get("name") == "quic.short" for f in q.iter("field")):
            kind = "1-RTT"
        else:
            kind = "?"
        frames, tls = [], []
        for fr in q.findall("field[@name='quic.frame']"):
            t = field(fr, "quic.frame_type")
            name = QUIC_FRAMES.get(int(t), "STREAM" if 8 <= int(t) <= 15 else "0x%x" % int(t)) if t else "?"
            if name == "CRYPTO":
                name += "(%s+%s)" % (field(fr, "quic.crypto.offset"), field(fr, "quic.crypto.length"))
                msgs = [hs.get("showname", "").replace("Handshake Protocol: ", "")
                        for tp in fr.iter("proto") if tp.get("name") == "tls"
                        for hs in tp.iter("field") if hs.get("name") == "tls.handshake"]
                if msgs:
                    name += "[" + ", ".join(msgs) + "]"
                    tls += msgs
            if frames and frames[-1][0] == name:
                frames[-1][1] += 1
            else:
                frames.append([name, 1])
        if kind == "VN":
            frames = [["versions " + ",".join(f.get("show") for f in q.iter("field")
                                              if f.get("name") == "quic.supported_version"), 1]]
        elif kind == "Retry":
            token = next((f for f in q.iter("field") if f.get("name") == "quic.retry_token"), None)
            frames = [["token %s bytes" % (token.get("size") if token is not None else "?"), 1]]
        elif not frames:
            frames = [["(encrypted)", 1]]
        out.append((kind, ["%s×%d" % (n, c) if c > 1 else n for n, c in frames], tls))
    return out


def describe_quic(packet):
    return "; ".join("%s[%s]" % (kind, ", ".join(frames)) for kind, frames, _ in quic_packets(packet))


def quic_types(pdml):
    return [int(f.get("show")) for p in pdml.findall("packet") for q in p.findall("proto[@name='quic']")
            for f in q.iter("field") if f.get("name") == "tls.handshake.type"]


# ---- Checks ------------------------------------------------------------------

def same(got, want, any_order=None, drop=()):
    """got == want (without the types in drop); any_order=(start, count):
    that slice of want may come in any order (two peers' retransmissions
    race)."""
    start, count = any_order or (0, 0)
    parts = [[t for t in part if t not in drop]
             for part in (want[:start], want[start:start + count], want[start + count:])]
    a, b = len(parts[0]), len(parts[0]) + len(parts[1])
    return len(got) == b + len(parts[2]) and got[:a] == parts[0] and \
        sorted(got[a:b]) == sorted(parts[1]) and got[b:] == parts[2]


def check(ts, d, spec, problems, size_limit):
    name, port = spec["name"], spec["port"]
    pcap = os.path.join(d, name + ".pcapng")
    keys = os.path.join(d, name + ".keys")

    def need(cond, msg):
        if not cond:
            problems.append("%s: %s" % (name, msg))
        return cond

    for f in (pcap, keys):
        if not need(os.path.isfile(f), "missing " + os.path.basename(f)):
            return None
    size = os.path.getsize(pcap)
    need(size < size_limit, "file is %d bytes (limit %d)" % (size, size_limit))
    udp = ["-o", "udp.check_checksum:TRUE"]
    base = ["frame.number", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "udp.length", "ip.len"]
    rows = ts.fields(pcap, keys, base + ["data.data"], extra=udp)
    for r in rows:
        ends = {(r["ip.src"], r["udp.srcport"]), (r["ip.dst"], r["udp.dstport"])}
        if not need((SERVER_IP, str(port)) in ends and {a for a, _ in ends} == {CLIENT_IP, SERVER_IP},
                    "frame %s is not UDP %s <-> %s:%d" % (r["frame.number"], CLIENT_IP, SERVER_IP, port)):
            break
    for k in (keys, None):
        tag = "with keys" if k else "without keys"
        bad = ts.fields(pcap, k, ["frame.number"], "_ws.malformed || ip.checksum.status == 0"
                        " || udp.checksum.status == 0", extra=udp)
        need(not bad, "%s: malformed or bad checksum in frames %s" % (tag, [r["frame.number"] for r in bad]))

    pd_k = ts.pdml(pcap, keys, "udp")
    pd_n = ts.pdml(pcap, None, "udp")
    if spec["transport"] == "dtls":
        got_k, got_n = dtls_types(pd_k), dtls_types(pd_n)
        want_n, drop = spec["keys"], (20,)   # (the Finished messages are encrypted)
        check_dtls(ts, pcap, keys, spec, pd_k, rows, need)
        describe = describe_dtls
    else:
        got_k, got_n = quic_types(pd_k), quic_types(pd_n)
        want_n, drop = spec["nokeys"], ()
        check_quic(ts, pcap, keys, spec, pd_k, pd_n, need)
        describe = describe_quic
    need(same(got_k, spec["keys"], spec.get("any_order")), "with keys: handshake types %s, expected %s" % (
        got_k, spec["keys"]))
    need(same(got_n, want_n, spec.get("any_order"), drop), "without keys: handshake types %s, expected %s" % (
        got_n, [t for t in want_n if t not in drop]))
    nok = {frame_number(p): p for p in pd_n.findall("packet")}
    table = []
    for p in pd_k.findall("packet"):
        n = frame_number(p)
        udp_len = next(f.get("show") for f in p.iter("field") if f.get("name") == "udp.length")
        table.append((n, "C→S" if ip_src(p) == CLIENT_IP else "S→C", int(udp_len) - 8,
                      describe(p), describe(nok[n])))
    return dict(size=size, got_k=got_k, got_n=got_n, table=table, udp=True)


def check_dtls(ts, pcap, keys, spec, pd_k, rows, need):
    msgs = [(frame_number(p), ip_src(p), r, m) for p in pd_k.findall("packet")
            for r, ms in dtls_messages(p) for m in ms]
    hvr = [x for x in msgs if x[3]["type"] == "3"]
    if spec.get("check") == "no_cookie":
        need(not hvr, "expected no HelloVerifyRequest")
    elif need(len(hvr) == 1 and hvr[0][1] == SERVER_IP and hvr[0][3]["cookie"],
            "expected one HelloVerifyRequest with a cookie from the server"):
        chs = [x for x in msgs if x[3]["type"] == "1"]
        need(len(chs) == 2 and chs[0][3]["cookie"] is None and chs[1][3]["cookie"] == hvr[0][3]["cookie"]
             and [c[3]["message_seq"] for c in chs] == ["0", "1"],
             "the second ClientHello does not return the cookie (message_seq 0 then 1)")
    sh = ts.fields(pcap, keys, ["dtls.handshake.ciphersuite", "dtls.handshake.version"], "dtls.handshake.type == 2")
    need(sh and all(r["dtls.handshake.ciphersuite"] == spec["cipher"] and r["dtls.handshake.version"] == spec["version"]
                    for r in sh), "ServerHello suite/version %s, expected %s %s" % (sh, spec["cipher"], spec["version"]))
    data = {r["ip.src"] for r in rows if r["data.data"]}
    need(data == {CLIENT_IP, SERVER_IP}, "with keys: decrypted application data from %s" % sorted(data))
    need(not ts.fields(pcap, None, ["frame.number"], "data"), "without keys: application data decrypted")
    alerts = ts.fields(pcap, keys, ["ip.src", "dtls.alert_message.desc"], "dtls.alert_message")
    got = sorted((r["ip.src"], r["dtls.alert_message.desc"]) for r in alerts)
    need(got in ([(CLIENT_IP, "0")], [(CLIENT_IP, "0"), (SERVER_IP, "0")]),
         "alerts %s, expected the client's close_notify (and maybe the server's)" % got)
    with open(keys) as f:
        labels = [line.split()[0] for line in f if line.strip() and not line.startswith("#")]
    need(labels == ["CLIENT_RANDOM"], "key log labels %s" % labels)
    c = spec.get("check")
    if c == "fragmented":
        frag = [(r, m) for _, _, r, m in msgs if m["type"] == "11"]
        need(len(frag) >= 3 and all(m["frag_len"] != m["length"] for _, m in frag)
             and any(r["reassembled"] == frag[0][1]["length"] for r, _ in frag),
             "the Certificate is not in >= 3 fragments reassembled by Wireshark")
        flight = {n for n, _, _, m in msgs if m["type"] in ("2", "11", "12", "14")}
        need(max(int(r["ip.len"]) for r in rows if int(r["frame.number"]) in flight) <= 300,
             "a datagram of the server's first flight is longer than 300 bytes of IP")
    elif c == "retransmit":
        seen = {}
        for n, src, r, m in msgs:
            if m["type"] is not None and m["offset"] == "0":
                seen.setdefault((src, m["type"], m["message_seq"]), []).append((n, r["seq"]))
        again = {k: v for k, v in seen.items() if len(v) > 1}
        need({(s, t) for s, t, _ in again} == {(SERVER_IP, t) for t in ("2", "11", "12", "14")} |
             {(CLIENT_IP, t) for t in ("16", "20")}
             and all(len({q for _, q in v}) == len(v) for v in again.values()),
             "expected the server's first flight and the client's second flight twice, with new record "
             "sequence numbers: %s" % again)


def check_quic(ts, pcap, keys, spec, pd_k, pd_n, need):
    kinds = {kind for p in pd_k.findall("packet") for kind, _, _ in quic_packets(p)}
    need(kinds == spec["packets"], "packet types %s, expected %s" % (sorted(kinds), sorted(spec["packets"])))
    h3 = ts.fields(pcap, keys, ["ip.src", "http3.frame_type"], "http3.frame_type")
    frames = {(r["ip.src"], t) for r in h3 for t in ints(r["http3.frame_type"])}
    need((CLIENT_IP, 1) in frames and (SERVER_IP, 1) in frames and (SERVER_IP, 0) in frames,
         "with keys: no HTTP/3 HEADERS both ways and DATA from the server")
    need(not ts.fields(pcap, None, ["frame.number"], "http3.frame_type"), "without keys: HTTP/3 visible")
    cc = ts.fields(pcap, keys, ["ip.src"], "quic.frame_type == 0x1c || quic.frame_type == 0x1d")
    need([r["ip.src"] for r in cc] == [CLIENT_IP] * spec.get("conns", 1),
         "expected one CONNECTION_CLOSE from the client per connection: %s" % cc)
    conns = ts.fields(pcap, None, ["quic.connection.number"])
    n = {x for r in conns for x in r["quic.connection.number"].split(",") if x}
    need(len(n) == spec.get("conns", 1) + (1 if spec.get("check") == "vn" else 0),
         "QUIC connections (Wireshark's count) %s" % sorted(n))
    with open(keys) as f:
        labels = {line.split()[0] for line in f if line.strip() and not line.startswith("#")}
    need({"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0",
          "SERVER_TRAFFIC_SECRET_0"} <= labels, "key log labels %s" % sorted(labels))
    c = spec.get("check")
    if c == "vn":
        first = ts.fields(pcap, None, ["quic.version", "tls.handshake.type"], "frame.number == 1")
        need(first and first[0]["quic.version"] == "0x1a2a3a4a", "first Initial's version %s" % first)
        vn = ts.fields(pcap, None, ["ip.src", "quic.supported_version"], "quic.version == 0")
        need(len(vn) == 1 and vn[0]["ip.src"] == SERVER_IP and "0x00000001" in vn[0]["quic.supported_version"],
             "expected one Version Negotiation from the server offering version 1: %s" % vn)
    elif c == "retry":
        # One Retry from the server, with a token; the client's next Initial
        # (the second) goes to the Retry's source connection ID and carries
        # that token, with a CRYPTO frame like the first Initial's (offset 0,
        # same length: the same ClientHello sent again). The first Initial
        # has no token.
        lp = ts.fields(pcap, None, ["frame.number", "ip.src", "quic.long.packet_type", "quic.retry_token",
                                    "quic.token_length", "quic.token", "quic.dcid", "quic.scid",
                                    "quic.crypto.offset", "quic.crypto.length"], "quic.long.packet_type")
        retry = [r for r in lp if r["quic.long.packet_type"].split(",")[0] == "3"]
        inits = [r for r in lp if r["ip.src"] == CLIENT_IP and r["quic.long.packet_type"].split(",")[0] == "0"]
        if need(len(retry) == 1 and retry[0]["ip.src"] == SERVER_IP and retry[0]["quic.retry_token"],
                "expected one Retry packet with a token from the server: %s" % retry):
            r = retry[0]
            after = [i for i in inits if int(i["frame.number"]) > int(r["frame.number"])]
            before = [i for i in inits if int(i["frame.number"]) < int(r["frame.number"])]
            need(len(before) == 1 and before[0]["quic.token_length"].split(",")[0] == "0",
                 "expected one client Initial without a token before the Retry: %s" % before)
            if need(after, "no client Initial after the Retry"):
                second = after[0]
                need(second["quic.token"].split(",")[0] == r["quic.retry_token"]
                     and second["quic.dcid"].split(",")[0] == r["quic.scid"],
                     "the Initial after the Retry (frame %s) does not carry its token to its source "
                     "connection ID" % second["frame.number"])
                need(before and second["quic.crypto.offset"].split(",")[:1] == ["0"]
                     and second["quic.crypto.length"].split(",")[:1] == before[0]["quic.crypto.length"].split(",")[:1],
                     "the Initial after the Retry does not resend the first ClientHello's CRYPTO frame "
                     "(offset 0, same length): %s" % second)
                sh = ts.fields(pcap, None, ["frame.number"], "tls.handshake.type == 2")
                need(sh and int(sh[0]["frame.number"]) > int(second["frame.number"]),
                     "the ServerHello does not follow the second Initial")
            tag = ts.pdml(pcap, None, "quic.long.packet_type == 3").iter("field")
            need(any(f.get("name") == "quic.retry_integrity_tag" and "[verified]" in f.get("showname", "")
                     for f in tag), "the Retry Integrity Tag is not verified")
    elif c == "0rtt":
        z = ts.fields(pcap, keys, ["ip.src", "http3.frame_type"], "quic.long.packet_type == 1")
        need(len(z) >= 1 and z[0]["ip.src"] == CLIENT_IP and "1" in z[0]["http3.frame_type"].split(","),
             "with keys: no 0-RTT packet carrying the client's HTTP/3 HEADERS: %s" % z)
        ext = ts.fields(pcap, None, ["tls.handshake.extension.type"], "tls.handshake.type == 1")
        need(len(ext) == 2 and "42" in ext[1]["tls.handshake.extension.type"].split(",")
             and "41" in ext[1]["tls.handshake.extension.type"].split(","),
             "the second ClientHello offers no pre_shared_key/early_data")


# ---- README ------------------------------------------------------------------

def frame_table(res):
    lines = ["| Frame | Dir | UDP len | With keys | Without keys |", "|---:|---|---:|---|---|"]
    for n, direction, length, with_k, without in res["table"]:
        lines.append("| %d | %s | %d | %s | %s |" % (n, direction, length, with_k.replace("|", "\\|"),
                                                     without.replace("|", "\\|")))
    return "\n".join(lines)


README_NOTE = """\

## DTLS and QUIC captures (UDP)

The captures from `dtls12-openssl` on run over UDP in the same two
namespaces; `dumpcap`'s filter is `udp port 443`: DTLS has no standard port and
runs on 443 in DTLS VPNs (OpenConnect, AnyConnect), where Wireshark tells it
from QUIC by its heuristics; QUIC's is caddy's HTTP/3. Their tables have one row per datagram. DTLS: one entry per record,
`eE#N:` its epoch and record sequence number, then the content type and the handshake messages as
Wireshark names them, each with its `message_seq` and, for a fragment,
`frag OFFSET+LENGTH/MESSAGE-LENGTH`; `encrypted` is a handshake record
Wireshark cannot read (no key log). QUIC: one entry per QUIC packet of the
datagram (Initial, 0-RTT, Handshake, 1-RTT for a short header, VN for Version
Negotiation, Retry with the length of its token), its frames (`CRYPTO(OFFSET+LENGTH)` with the TLS messages
Wireshark found in it, repeated frames as `×N`, `STREAM` for any stream
frame), `(encrypted)` where Wireshark has no key. The DTLS fields are
`dtls.record.content_type`, `dtls.record.epoch`,
`dtls.record.sequence_number`, `dtls.handshake.type`,
`dtls.handshake.length`, `dtls.handshake.message_seq`,
`dtls.handshake.fragment_offset`, `dtls.handshake.fragment_length`,
`dtls.handshake.cookie`, and at the last fragment `dtls.fragments`,
`dtls.fragment.count`, `dtls.reassembled.length`; the TLS messages inside
QUIC are `tls.handshake.*` fields under `quic` (no `tls.record.*`: QUIC has
no TLS records). A TLS message split across CRYPTO frames shows as
"(fragment)" where it begins, without `tls.handshake.type`, and whole, with
its type, in the frame where it completes ("(last fragment)"). `NCI` is
NEW_CONNECTION_ID.
"""
