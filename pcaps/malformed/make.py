#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Makes the malformed-input captures of pcaps/malformed/ (see README.md there).

The TLS bytes come from real stacks: the records of the bundled captures
pcaps/tls12-ecdhe-rsa.pcapng (OpenSSL 3.0, TLS 1.2 ECDHE-RSA) and
pcaps/tls13.pcapng are read, taken apart into records, and rewritten
(lengths changed, records cut, inserted, dropped or split across segments).
The DTLS and QUIC files (dtls-*, quic-*) take their datagrams from
pcaps/dtls12-openssl.pcapng and pcaps/quic-ngtcp2.pcapng and write them anew
as UDP datagrams (client port 40000; server port 443).
TCP and IP around them are written anew: client 192.0.2.1, server 192.0.2.2
port 443, fixed ports and initial sequence numbers, one millisecond between
packets from the source capture's first timestamp, so the certificates are
valid at the capture's time. Random bytes come from random.Random with a fixed
seed. Running it twice gives the same files, byte for byte.

Usage: /usr/bin/python3 pcaps/malformed/make.py [--out DIR] [NAME...]
(scapy from Debian's python3-scapy)
"""
import argparse
import random
import struct
import sys
from decimal import Decimal
from pathlib import Path

from scapy.all import IP, TCP, UDP, Ether, rdpcap

HERE = Path(__file__).resolve().parent
PCAPS = HERE.parent
CLIENT, SERVER = "192.0.2.1", "192.0.2.2"
CLIENT_MAC, SERVER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
MOD = 1 << 32
SEED = 20240607

HANDSHAKE, CCS, ALERT, APPDATA = 22, 20, 21, 23


# ---- Reading the source captures -----------------------------------------

class Source:
    """The TLS records of one bundled capture of one connection, per side."""

    def __init__(self, name):
        pkts = rdpcap(str(PCAPS / name))
        self.t0 = int(Decimal(str(pkts[0].time)) * 1_000_000_000)
        self.records = {}
        for side, is_side in (("client", lambda p: p[TCP].dport == 443),
                              ("server", lambda p: p[TCP].sport == 443)):
            stream = b"".join(bytes(p[TCP].payload) for p in pkts if is_side(p))
            recs, off = [], 0
            while off + 5 <= len(stream):
                length = int.from_bytes(stream[off + 3:off + 5], "big")
                recs.append(stream[off:off + 5 + length])
                off += 5 + length
            if off != len(stream):
                sys.exit("make.py: %s %s stream does not end on a record" % (name, side))
            self.records[side] = recs

    def find(self, side, ctype, hs_type=None, nth=0):
        """The nth record of a content type (and plaintext handshake type)."""
        hits = [r for r in self.records[side]
                if r[0] == ctype and (hs_type is None or r[5] == hs_type)]
        return hits[nth]


class Tls12:
    """Named records of the TLS 1.2 ECDHE-RSA source (OpenSSL: one message a record)."""

    def __init__(self):
        s = Source("tls12-ecdhe-rsa.pcapng")
        self.t0 = s.t0
        c, v = s.records["client"], s.records["server"]
        kinds = [(r[0], r[5] if r[0] == HANDSHAKE else None) for r in c]
        assert kinds[:3] == [(22, 1), (22, 16), (20, None)], kinds
        assert [(r[0], r[5] if r[0] == HANDSHAKE else None) for r in v][:6] == \
            [(22, 2), (22, 11), (22, 12), (22, 14), (22, 4), (20, None)]
        self.ch, self.cke, self.c_ccs, self.c_fin, self.c_app, self.c_alert = c
        (self.sh, self.cert, self.ske, self.shd, self.nst, self.s_ccs, self.s_fin,
         self.s_app, self.s_alert) = v


def record(ctype, body, version=b"\x03\x03"):
    return bytes([ctype]) + version + len(body).to_bytes(2, "big") + body


def with_record_length(rec, length):
    return rec[:3] + length.to_bytes(2, "big") + rec[5:]


def with_handshake_length(rec, length):
    return rec[:6] + length.to_bytes(3, "big") + rec[9:]


# ---- Writing TCP connections and pcapng ----------------------------------

class Capture:
    """Packets of one file: (timestamp ns, bytes, original length)."""

    def __init__(self, t0):
        self.t = t0
        self.packets = []

    def add(self, frame, gap_ms=1, caplen=None):
        self.t += gap_ms * 1_000_000
        data = bytes(frame)
        self.packets.append((self.t, data[:caplen] if caplen else data, len(data)))

    def write(self, path):
        def block(btype, body):
            body += b"\0" * (-len(body) % 4)
            return struct.pack("<II", btype, len(body) + 12) + body + struct.pack("<I", len(body) + 12)

        def option(code, value):
            return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)

        out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                    + option(4, b"pcaps/malformed/make.py") + option(0, b""))
        out += block(1, struct.pack("<HHI", 1, 0, 262144)
                     + option(9, b"\x09") + option(0, b""))          # Ethernet, ns timestamps
        for t, data, origlen in self.packets:
            out += block(6, struct.pack("<IIIII", 0, t >> 32, t & 0xFFFFFFFF, len(data), origlen) + data)
        path.write_bytes(out)


class Conn:
    """One TCP connection; keeps both sides' next sequence numbers."""

    def __init__(self, cap, cport=40000, c_isn=1000000, s_isn=2000000):
        self.cap, self.cport = cap, cport
        self.next = {"client": c_isn, "server": s_isn}

    def _packet(self, side, flags, seq, payload=b"", ack=True, options=()):
        other = "server" if side == "client" else "client"
        src, dst = (CLIENT, SERVER) if side == "client" else (SERVER, CLIENT)
        sport, dport = (self.cport, 443) if side == "client" else (443, self.cport)
        smac, dmac = (CLIENT_MAC, SERVER_MAC) if side == "client" else (SERVER_MAC, CLIENT_MAC)
        tcp = TCP(sport=sport, dport=dport, seq=seq % MOD, ack=self.next[other] % MOD if ack else 0,
                  flags=flags, window=64240, options=list(options))
        return Ether(src=smac, dst=dmac) / IP(src=src, dst=dst, flags="DF", id=0, ttl=64) / tcp / payload

    def handshake(self):
        self.cap.add(self._packet("client", "S", self.next["client"], ack=False,
                                  options=[("MSS", 1460)]))
        self.next["client"] += 1
        self.cap.add(self._packet("server", "SA", self.next["server"], options=[("MSS", 1460)]))
        self.next["server"] += 1
        self.cap.add(self._packet("client", "A", self.next["client"]))

    def send(self, side, payload, gap_ms=1, caplen=None, seq=None, record=True):
        """A data segment (PSH/ACK); seq given: at that sequence number, e.g. a
        retransmission. record=False: sent but not captured."""
        start = self.next[side] if seq is None else seq
        pkt = self._packet(side, "PA", start, payload)
        if seq is None:
            self.next[side] += len(payload)
        if record:
            self.cap.add(pkt, gap_ms, caplen)
        return pkt

    def segments(self, side, payload, sizes, gap_ms=1):
        """payload split into segments of the given sizes (the rest in one more)."""
        off = 0
        for n in sizes:
            self.send(side, payload[off:off + n], gap_ms)
            off += n
        if off < len(payload):
            self.send(side, payload[off:], gap_ms)

    def ack(self, side, gap_ms=1):
        self.cap.add(self._packet(side, "A", self.next[side]), gap_ms)

    def fin(self, side, gap_ms=1):
        self.cap.add(self._packet(side, "FA", self.next[side]), gap_ms)
        self.next[side] += 1


# ---- The captures ---------------------------------------------------------

def tls12_rest(conn, t, client_flight=None, server_finish=None, client_app=None, close=True):
    """Frames after the server's first flight, as in the source capture:
    client ACK, client's CKE+CCS+Finished, server's NST+CCS+Finished, one
    application data record each way, close_notify both ways, FIN both ways."""
    conn.ack("client")
    conn.send("client", client_flight or t.cke + t.c_ccs + t.c_fin)
    conn.send("server", server_finish or t.nst + t.s_ccs + t.s_fin)
    conn.send("client", client_app or t.c_app)
    conn.send("server", t.s_app)
    if close:
        conn.send("server", t.s_alert)
        conn.ack("client")
        conn.send("client", t.c_alert)
        conn.fin("client")
        conn.fin("server")
        conn.ack("client")


def tls12_connection(cap, t, client_hello=None, server_flight=None, **rest):
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", client_hello or t.ch)
    conn.ack("server")
    conn.send("server", server_flight or t.sh + t.cert + t.ske + t.shd)
    tls12_rest(conn, t, **rest)
    return conn


def truncated_mid_certificate(cap, t):
    """The capture ends inside the Certificate: the ServerHello and the first
    700 bytes of the Certificate record are the last bytes captured."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", t.ch)
    conn.ack("server")
    conn.send("server", t.sh + t.cert[:700])


def truncated_snaplen(cap, t):
    """Captured with a snapshot length of 400 bytes: only the frame of the
    server's first flight (1288 bytes) is cut, inside the Certificate."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", t.ch)
    conn.ack("server")
    conn.send("server", t.sh + t.cert + t.ske + t.shd, caplen=400)
    tls12_rest(conn, t)


def record_length_beyond_data(cap, t):
    """The Certificate record's header says 16384 bytes; the server sends only
    what the source has (Certificate, ServerKeyExchange, ServerHelloDone:
    1164 bytes), the client waits for the rest, gives up after 10 s and closes."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", t.ch)
    conn.ack("server")
    conn.send("server", t.sh + with_record_length(t.cert, 16384) + t.ske + t.shd)
    conn.ack("client")
    conn.fin("client", gap_ms=10000)
    conn.fin("server")
    conn.ack("client")


def handshake_length_beyond_record(cap, t):
    """The ClientHello's handshake header says 256 bytes more than its record
    holds and no record follows: the server waits, gives up after 10 s and closes."""
    conn = Conn(cap)
    conn.handshake()
    hs_len = int.from_bytes(t.ch[6:9], "big")
    conn.send("client", with_handshake_length(t.ch, hs_len + 256))
    conn.ack("server")
    conn.fin("server", gap_ms=10000)
    conn.fin("client")
    conn.ack("server")


def handshake_length_too_short(cap, t):
    """The ServerHello's handshake header says 4 bytes fewer than its record
    holds (its last extension, extended_master_secret 00 17 00 00, is left
    outside the message); the rest of the connection is unchanged."""
    hs_len = int.from_bytes(t.sh[6:9], "big")
    assert t.sh.endswith(b"\x00\x17\x00\x00")
    sh = with_handshake_length(t.sh, hs_len - 4)
    tls12_connection(cap, t, server_flight=sh + t.cert + t.ske + t.shd)


def record_length_too_short(cap, t):
    """The ServerKeyExchange record's header says 100 of its 300 bytes: the
    rest of the message is read as records."""
    ske = with_record_length(t.ske, 100)
    tls12_connection(cap, t, server_flight=t.sh + t.cert + ske + t.shd)


def zero_length_records(cap, t):
    """A zero-length handshake record before the ClientHello (same segment)
    and a zero-length application data record before the client's first
    application data (same segment). Everything else is the source."""
    tls12_connection(cap, t, client_hello=record(HANDSHAKE, b"") + t.ch,
                     client_app=record(APPDATA, b"") + t.c_app)


def garbage(cap, t):
    """A TCP connection to port 443 that carries random bytes both ways."""
    rnd = random.Random(SEED)
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", rnd.randbytes(517))
    conn.ack("server")
    conn.send("server", rnd.randbytes(1200))
    conn.ack("client")
    conn.fin("client")
    conn.fin("server")
    conn.ack("client")


def http(cap, t):
    """Plain HTTP/1.1 on port 443: a GET and its response."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", b"GET /hello.txt HTTP/1.1\r\nHost: server.tutor.test\r\n\r\n")
    conn.ack("server")
    body = b"hello, world!\r\n"
    conn.send("server", b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
              b"Connection: close\r\n\r\n%s" % (len(body), body))
    conn.ack("client")
    conn.fin("server")
    conn.fin("client")
    conn.ack("server")


def split_segments(cap, t):
    """The source connection with odd TCP segments: the ClientHello as record
    header + handshake type (6 bytes), the 3 bytes of the handshake length,
    then the rest; the ServerHello alone; the Certificate record's first 40
    bytes one byte a segment, then the rest of the flight in one segment."""
    conn = Conn(cap)
    conn.handshake()
    conn.segments("client", t.ch, [6, 3])
    conn.ack("server")
    conn.send("server", t.sh)
    conn.segments("server", t.cert + t.ske + t.shd, [1] * 40)
    tls12_rest(conn, t)


def midstream_certificate(cap, t):
    """The capture starts at the server's Certificate: no SYN, no hellos."""
    conn = Conn(cap)
    conn.next["client"] += 1 + len(t.ch)
    conn.next["server"] += 1 + len(t.sh)
    conn.send("server", t.cert + t.ske + t.shd)
    tls12_rest(conn, t)


def midstream_client_key_exchange(cap, t):
    """The capture starts at the client's ClientKeyExchange: no SYN, no hellos,
    no server Certificate."""
    conn = Conn(cap)
    conn.next["client"] += 1 + len(t.ch)
    conn.next["server"] += 1 + len(t.sh + t.cert + t.ske + t.shd)
    conn.send("client", t.cke + t.c_ccs + t.c_fin)
    conn.send("server", t.nst + t.s_ccs + t.s_fin)
    conn.send("client", t.c_app)
    conn.send("server", t.s_app)
    conn.send("server", t.s_alert)
    conn.ack("client")
    conn.send("client", t.c_alert)
    conn.fin("client")
    conn.fin("server")
    conn.ack("client")


def retransmitted_client_hello(cap, t):
    """The ClientHello is sent again (same bytes, same sequence number) 200 ms
    later, as TCP does when no ACK came; then the source connection."""
    conn = Conn(cap)
    conn.handshake()
    first = conn.next["client"]
    conn.send("client", t.ch)
    conn.send("client", t.ch, gap_ms=200, seq=first)
    conn.ack("server")
    conn.send("server", t.sh + t.cert + t.ske + t.shd)
    tls12_rest(conn, t)


def out_of_order_server_flight(cap, t):
    """The server's first flight in two segments (the ServerHello and 500
    bytes of the Certificate, then the rest) captured in the wrong order."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", t.ch)
    conn.ack("server")
    flight = t.sh + t.cert + t.ske + t.shd
    first_seq = conn.next["server"]
    first = conn.send("server", flight[:570], record=False)
    conn.send("server", flight[570:])
    cap.add(first)
    tls12_rest(conn, t)


def unknown_handshake_type(cap, t):
    """A handshake message of type 99 (not assigned) in its own record between
    the ServerHello and the Certificate, in the same segment."""
    odd = record(HANDSHAKE, bytes([99]) + (4).to_bytes(3, "big") + b"\xde\xad\xbe\xef")
    tls12_connection(cap, t, server_flight=t.sh + odd + t.cert + t.ske + t.shd)


def unknown_content_type(cap, t):
    """A record that looks like TLS (version 3.3, a length that fits) with
    content type 99, alone in a segment after the ClientHello."""
    conn = Conn(cap)
    conn.handshake()
    conn.send("client", t.ch)
    conn.send("client", record(99, random.Random(SEED + 1).randbytes(16)))
    conn.ack("server")
    conn.send("server", t.sh + t.cert + t.ske + t.shd)
    tls12_rest(conn, t)



# ---- DTLS and QUIC (UDP) ----------------------------------------------------

class Datagrams:
    """The UDP payloads of one bundled capture, in order: (side, bytes)."""

    def __init__(self, name, port):
        pkts = rdpcap(str(PCAPS / name))
        self.t0 = int(Decimal(str(pkts[0].time)) * 1_000_000_000)
        self.port = port
        self.all = [("client" if p[UDP].dport == port else "server", bytes(p[UDP].payload)) for p in pkts]

    def side(self, side):
        return [d for s, d in self.all if s == side]


def dtls_records(datagram):
    """The DTLS records of a datagram (13-byte header, 2-byte length at 11)."""
    recs, off = [], 0
    while off + 13 <= len(datagram):
        length = int.from_bytes(datagram[off + 11:off + 13], "big")
        recs.append(datagram[off:off + 13 + length])
        off += 13 + length
    assert off == len(datagram), "a datagram that does not end on a record"
    return recs


class Dtls12:
    """The first datagrams of dtls12-openssl.pcapng (OpenSSL, DTLS 1.2):
    ClientHello without cookie, HelloVerifyRequest, ClientHello with the
    cookie, the server's first flight (ServerHello, Certificate,
    ServerKeyExchange, ServerHelloDone, one record each, one datagram)."""

    def __init__(self):
        src = Datagrams("dtls12-openssl.pcapng", 443)
        self.t0 = src.t0
        (_, self.ch1), (_, self.hvr), (_, self.ch2), (_, flight) = src.all[:4]
        assert [d[0] for d in (self.ch1, self.hvr, self.ch2)] == [22] * 3
        assert (self.ch1[13], self.hvr[13], self.ch2[13]) == (1, 3, 1)
        self.sh, self.cert, self.ske, self.shd = dtls_records(flight)
        assert [r[13] for r in (self.sh, self.cert, self.ske, self.shd)] == [2, 11, 12, 14]


def dtls_record(rec, body=None, seq=None):
    """A DTLS record with another body and/or record sequence number."""
    body = rec[13:] if body is None else body
    seq = rec[5:11] if seq is None else seq.to_bytes(6, "big")
    return rec[:5] + seq + len(body).to_bytes(2, "big") + body


def dtls_fragment(rec, offset, length, record_seq):
    """A handshake fragment of the message in rec (which holds all of it)."""
    msg = rec[25:]
    header = rec[13:19] + offset.to_bytes(3, "big") + length.to_bytes(3, "big")
    return dtls_record(rec, header + msg[offset:offset + length], record_seq)


class Udp:
    """UDP datagrams between the client (port 40000) and the server port."""

    def __init__(self, cap, port, cport=40000):
        self.cap, self.port, self.cport = cap, port, cport

    def send(self, side, payload, gap_ms=1, caplen=None):
        src, dst = (CLIENT, SERVER) if side == "client" else (SERVER, CLIENT)
        sport, dport = (self.cport, self.port) if side == "client" else (self.port, self.cport)
        smac, dmac = (CLIENT_MAC, SERVER_MAC) if side == "client" else (SERVER_MAC, CLIENT_MAC)
        self.cap.add(Ether(src=smac, dst=dmac) / IP(src=src, dst=dst, flags="DF", id=0, ttl=64)
                     / UDP(sport=sport, dport=dport) / payload, gap_ms, caplen)


def dtls_start(cap):
    d = Dtls12()
    cap.t = d.t0
    return d, Udp(cap, 443)


def dtls_record_length_beyond_datagram(cap, t):
    """The first ClientHello alone, its record length 16384 (the datagram
    holds 218 bytes of it)."""
    d, udp = dtls_start(cap)
    udp.send("client", d.ch1[:11] + (16384).to_bytes(2, "big") + d.ch1[13:])


def dtls_client_hello_cut(cap, t):
    """The first ClientHello alone, captured with a snapshot length that cuts
    it after 100 bytes of UDP payload (the datagram on the wire was whole)."""
    d, udp = dtls_start(cap)
    udp.send("client", d.ch1, caplen=14 + 20 + 8 + 100)


def dtls_cookie_length_past_end(cap, t):
    """ClientHello, a HelloVerifyRequest whose cookie length says 200 (its
    cookie has 20 bytes, and the record and message lengths stay as they
    were), then the ClientHello that returns the real cookie."""
    d, udp = dtls_start(cap)
    assert d.hvr[25:28] == b"\xfe\xff\x14"      # server_version, cookie length 20
    udp.send("client", d.ch1)
    udp.send("server", d.hvr[:27] + bytes([200]) + d.hvr[28:])
    udp.send("client", d.ch2)


def dtls_hello_exchange(udp, d):
    udp.send("client", d.ch1)
    udp.send("server", d.hvr)
    udp.send("client", d.ch2)


def dtls_fragment_past_message(cap, t):
    """The hellos and the server's first flight, whose Certificate (one
    fragment: the whole message) says fragment offset 100: offset + length
    runs 100 bytes past the end of the message. The capture ends there."""
    d, udp = dtls_start(cap)
    dtls_hello_exchange(udp, d)
    cert = d.cert[:19] + (100).to_bytes(3, "big") + d.cert[22:]
    udp.send("server", d.sh + cert + d.ske + d.shd)


def dtls_overlapping_fragments(cap, t):
    """The hellos and the server's first flight with the Certificate in two
    fragments that overlap by 100 bytes (offset 0 length 500, offset 400 to
    the end; the same certificate bytes), in two datagrams; the records
    after it renumbered. The capture ends there."""
    d, udp = dtls_start(cap)
    dtls_hello_exchange(udp, d)
    seq = int.from_bytes(d.cert[5:11], "big")
    length = int.from_bytes(d.cert[14:17], "big")
    udp.send("server", d.sh + dtls_fragment(d.cert, 0, 500, seq))
    udp.send("server", dtls_fragment(d.cert, 400, length - 400, seq + 1)
             + dtls_record(d.ske, seq=seq + 2) + dtls_record(d.shd, seq=seq + 3))


class Quic:
    """Datagrams of quic-ngtcp2.pcapng: the client's first (its Initial with
    the ClientHello, 1200 bytes) and its last (a 1-RTT packet with
    CONNECTION_CLOSE)."""

    def __init__(self):
        src = Datagrams("quic-ngtcp2.pcapng", 443)
        self.t0 = src.t0
        client = src.side("client")
        self.initial, self.last = client[0], client[-1]
        assert self.initial[0] & 0xf0 == 0xc0 and self.initial[1:5] == b"\0\0\0\1"
        assert self.last[0] & 0x80 == 0

    def initial_header_end(self):
        """Offset of the packet number (after the Length field)."""
        b = self.initial
        off = 5
        off += 1 + b[off]            # DCID
        off += 1 + b[off]            # SCID
        n, off = varint(b, off)      # token length
        off += n
        _, off = varint(b, off)      # Length
        return off


def varint(b, off):
    size = 1 << (b[off] >> 6)
    return int.from_bytes(bytes([b[off] & 0x3f]) + b[off + 1:off + size], "big"), off + size


def quic_start(cap):
    q = Quic()
    cap.t = q.t0
    return q, Udp(cap, 443)


def quic_initial_garbage(cap, t):
    """The client's first Initial with everything after its Length field
    (packet number and protected payload) replaced by seeded random bytes:
    same sizes, nothing decrypts."""
    q, udp = quic_start(cap)
    end = q.initial_header_end()
    udp.send("client", q.initial[:end] + random.Random(SEED + 2).randbytes(len(q.initial) - end))


def quic_initial_truncated(cap, t):
    """The client's first Initial cut to its first 300 bytes: the datagram
    (UDP length 308) holds less than the packet's Length field says."""
    q, udp = quic_start(cap)
    udp.send("client", q.initial[:300])


def quic_bogus_version(cap, t):
    """The client's first Initial with version 0x0badf00d (not a QUIC
    version, not of the reserved 0x?a?a?a?a form) instead of 0x00000001."""
    q, udp = quic_start(cap)
    udp.send("client", q.initial[:1] + b"\x0b\xad\xf0\x0d" + q.initial[5:])


def quic_short_header_alone(cap, t):
    """Only the client's last datagram (a 1-RTT short-header packet): no
    connection known, no connection ID length known."""
    q, udp = quic_start(cap)
    udp.send("client", q.last)


CAPTURES = {
    "truncated-mid-certificate": truncated_mid_certificate,
    "truncated-snaplen": truncated_snaplen,
    "record-length-beyond-data": record_length_beyond_data,
    "handshake-length-beyond-record": handshake_length_beyond_record,
    "handshake-length-too-short": handshake_length_too_short,
    "record-length-too-short": record_length_too_short,
    "zero-length-records": zero_length_records,
    "garbage": garbage,
    "http": http,
    "split-segments": split_segments,
    "midstream-certificate": midstream_certificate,
    "midstream-client-key-exchange": midstream_client_key_exchange,
    "retransmitted-client-hello": retransmitted_client_hello,
    "out-of-order-server-flight": out_of_order_server_flight,
    "unknown-handshake-type": unknown_handshake_type,
    "unknown-content-type": unknown_content_type,
    "dtls-record-length-beyond-datagram": dtls_record_length_beyond_datagram,
    "dtls-client-hello-cut": dtls_client_hello_cut,
    "dtls-cookie-length-past-end": dtls_cookie_length_past_end,
    "dtls-fragment-past-message": dtls_fragment_past_message,
    "dtls-overlapping-fragments": dtls_overlapping_fragments,
    "quic-initial-garbage": quic_initial_garbage,
    "quic-initial-truncated": quic_initial_truncated,
    "quic-bogus-version": quic_bogus_version,
    "quic-short-header-alone": quic_short_header_alone,
}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE, help="folder to write to (default: this one)")
    ap.add_argument("names", nargs="*", help="captures to make (default: all)")
    args = ap.parse_args()
    unknown = set(args.names) - set(CAPTURES)
    if unknown:
        sys.exit("make.py: unknown capture(s): %s" % ", ".join(sorted(unknown)))
    t = Tls12()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, make in CAPTURES.items():
        if args.names and name not in args.names:
            continue
        cap = Capture(t.t0)
        make(cap, t)
        cap.write(args.out / (name + ".pcapng"))


if __name__ == "__main__":
    main()
