# SPDX-License-Identifier: GPL-2.0-or-later
"""Synthetic non-TLS sessions for the mixed capture: DNS, HTTP, SMTP, other
TCP and UDP. Each builder returns [(ns since the session's start, frame)].

TCP sessions are complete and consistent (handshake, data segmented at 1448
bytes and acknowledged, FIN both ways), so Wireshark's TCP analysis and
reassembly do the same work as on a real capture.
"""
import struct

from pcapng import fix_checksums

MSS = 1448
CLIENT_MAC = bytes.fromhex("020000000001")
GATEWAY_MAC = bytes.fromhex("0200000000fe")
WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo "
         "lima mike november oscar papa quebec romeo sierra tango uniform "
         "victor whiskey xray yankee zulu").split()
DOMAINS = ["example.com", "example.net", "example.org", "bench.test"]


class Packets:
    """Builds Ethernet/IPv4 frames between one client and one server."""

    def __init__(self, client_ip, server_ip):
        self.ips = (client_ip, server_ip)
        self.ip_id = [1, 1]
        self.out = []

    def ip(self, t_ns, from_client, proto, l4):
        src, dst = self.ips if from_client else self.ips[::-1]
        side = 0 if from_client else 1
        ttl = 64 if from_client else 57
        hdr = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), self.ip_id[side],
                          0x4000, ttl, proto, 0, src, dst)
        self.ip_id[side] = (self.ip_id[side] + 1) & 0xFFFF
        macs = GATEWAY_MAC + CLIENT_MAC if from_client else CLIENT_MAC + GATEWAY_MAC
        frame = bytearray(macs + b"\x08\x00" + hdr + l4)
        fix_checksums(frame)
        self.out.append((t_ns, bytes(frame)))


def udp_exchange(rng, client_ip, server_ip, sport, dport, messages, rtt_ns):
    """messages: [(from_client, payload)]; each answer comes one RTT later."""
    p = Packets(client_ip, server_ip)
    t = 0
    for from_client, payload in messages:
        ports = (sport, dport) if from_client else (dport, sport)
        p.ip(t, from_client, 17, struct.pack("!HHHH", *ports, 8 + len(payload), 0) + payload)
        t += rtt_ns // 2 + rng.randrange(20_000)
    return p.out


def tcp_session(rng, client_ip, server_ip, sport, dport, exchanges, rtt_ns):
    """exchanges: [(from_client, payload)] sent in order over one connection."""
    p = Packets(client_ip, server_ip)
    seq = [rng.getrandbits(32), rng.getrandbits(32)]        # client, server
    half = rtt_ns // 2
    t = 0

    def seg(from_client, flags, payload=b"", options=b""):
        s = 0 if from_client else 1
        ports = (sport, dport) if from_client else (dport, sport)
        ack = seq[1 - s] if flags & 0x10 else 0
        off = (20 + len(options)) // 4 << 4
        hdr = struct.pack("!HHIIBBHHH", *ports, seq[s], ack, off, flags, 64240, 0, 0)
        p.ip(t, from_client, 6, hdr + options + payload)
        seq[s] = (seq[s] + len(payload) + (1 if flags & 0x03 else 0)) & 0xFFFFFFFF

    syn_opts = struct.pack("!BBH", 2, 4, 1460) + b"\x01\x03\x03\x07" + b"\x01\x01\x04\x02"
    seg(True, 0x02, options=syn_opts)
    t += half
    seg(False, 0x12, options=syn_opts)
    t += half
    seg(True, 0x10)
    for from_client, payload in exchanges:
        t += rng.randrange(50_000, 200_000)
        for i in range(0, len(payload), MSS):
            chunk = payload[i:i + MSS]
            last = i + MSS >= len(payload)
            seg(from_client, 0x18 if last else 0x10, chunk)
            t += 12_000
        t += half
        seg(not from_client, 0x10)
    t += rng.randrange(100_000, 1_000_000)
    seg(True, 0x11)
    t += half
    seg(False, 0x11)
    t += half
    seg(True, 0x10)
    return p.out


def hostname(rng):
    return f"{rng.choice(WORDS)}{rng.randrange(100)}.{rng.choice(DOMAINS)}"


def dns(rng, client_ip, server_ip, rtt_ns):
    name = hostname(rng)
    qtype = rng.choice((1, 1, 1, 28))
    qid = rng.getrandbits(16)
    qname = b"".join(bytes([len(x)]) + x.encode() for x in name.split(".")) + b"\0"
    question = qname + struct.pack("!HH", qtype, 1)
    query = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + question
    rdata = rng.randbytes(4 if qtype == 1 else 16)
    answer = struct.pack("!HHHIH", 0xC00C, qtype, 1, rng.randrange(30, 86400), len(rdata)) + rdata
    response = struct.pack("!HHHHHH", qid, 0x8180, 1, 1, 0, 0) + question + answer
    return udp_exchange(rng, client_ip, server_ip, rng.randrange(32768, 61000), 53,
                        [(True, query), (False, response)], rtt_ns)


def http(rng, client_ip, server_ip, rtt_ns):
    host = hostname(rng)
    exchanges = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        path = "/" + "/".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 4)))
        req = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench/1.0\r\n"
               f"Accept: */*\r\nConnection: keep-alive\r\n\r\n").encode()
        body = (" ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 3000)))).encode()
        resp = (f"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        exchanges += [(True, req), (False, resp)]
    return tcp_session(rng, client_ip, server_ip, rng.randrange(32768, 61000), 80,
                       exchanges, rtt_ns)


def smtp(rng, client_ip, server_ip, rtt_ns):
    frm, to = f"{rng.choice(WORDS)}@example.com", f"{rng.choice(WORDS)}@example.org"
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(20, 400)))
    lines = [(False, "220 mail.example.org ESMTP\r\n"), (True, "EHLO client.example.com\r\n"),
             (False, "250 mail.example.org\r\n"), (True, f"MAIL FROM:<{frm}>\r\n"),
             (False, "250 OK\r\n"), (True, f"RCPT TO:<{to}>\r\n"), (False, "250 OK\r\n"),
             (True, "DATA\r\n"), (False, "354 go ahead\r\n"),
             (True, f"Subject: bench\r\n\r\n{body}\r\n.\r\n"), (False, "250 queued\r\n"),
             (True, "QUIT\r\n"), (False, "221 bye\r\n")]
    return tcp_session(rng, client_ip, server_ip, rng.randrange(32768, 61000), 25,
                       [(c, s.encode()) for c, s in lines], rtt_ns)


def other_tcp(rng, client_ip, server_ip, rtt_ns):
    """A bulk transfer of opaque bytes on an unassigned port."""
    exchanges = [(True, rng.randbytes(rng.randrange(20, 200)))]
    exchanges += [(False, rng.randbytes(rng.randrange(500, 30000)))]
    return tcp_session(rng, client_ip, server_ip, rng.randrange(32768, 61000), 47000,
                       exchanges, rtt_ns)


def ntp(rng, client_ip, server_ip, rtt_ns):
    req = bytes([0x23]) + bytes(39) + rng.randbytes(8)
    resp = bytes([0x24, 2, 6, 0xE9]) + rng.randbytes(44)
    return udp_exchange(rng, client_ip, server_ip, 123, 123, [(True, req), (False, resp)], rtt_ns)


def syslog(rng, client_ip, server_ip, rtt_ns):
    msgs = [(True, f"<{rng.randrange(8, 191)}>Nov 27 04:00:00 host{rng.randrange(50)} "
                   f"app[{rng.randrange(1, 65535)}]: {' '.join(rng.choices(WORDS, k=8))}".encode())
            for _ in range(rng.randrange(1, 5))]
    return udp_exchange(rng, client_ip, server_ip, rng.randrange(32768, 61000), 514, msgs, rtt_ns)


def other_udp(rng, client_ip, server_ip, rtt_ns):
    # A fixed first byte outside 0x80-0xBF keeps RTP/RTCP heuristics off the random bytes.
    msgs = [(i % 2 == 0, b"\x17" + rng.randbytes(rng.randrange(40, 1200)))
            for i in range(rng.randrange(2, 8))]
    return udp_exchange(rng, client_ip, server_ip, rng.randrange(32768, 61000), 40000, msgs, rtt_ns)


# kind -> (builder, relative weight per session)
KINDS = {
    "dns": (dns, 50),
    "http": (http, 12),
    "smtp": (smtp, 2),
    "other-tcp": (other_tcp, 6),
    "ntp": (ntp, 8),
    "syslog": (syslog, 8),
    "other-udp": (other_udp, 6),
}
