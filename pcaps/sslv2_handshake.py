#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes a pure SSL 2.0 connection, byte by byte, from the SSL 2.0
specification (draft-hickman-netscape-ssl-00, "The SSL Protocol", 1995).

    sslv2_handshake.py CERT.pem KEY.pem OUT.pcapng KEYLOG

No TLS stack on Debian 12 speaks SSL 2.0 any more (OpenSSL removed it in
1.1.0, GnuTLS never had it, RFC 6176 forbids negotiating it), so this
capture is synthetic: the script plays both sides and writes the packets
itself. Everything in it follows the specification and is real where the
specification says what it is:

    TCP      three-way handshake, client 192.0.2.1:PORT, server 192.0.2.2:443
    client   CLIENT-HELLO (4.1, 5.5.1): version 0x0002, five cipher specs, no
             session ID, a 16-byte challenge
    server   SERVER-HELLO (5.6.1): session-id-hit 0, certificate type 1
             (X.509), version 0x0002, the DER of CERT.pem (a real self-signed
             certificate made by openssl), two export cipher specs, a 16-byte
             connection-id
    client   CLIENT-MASTER-KEY (5.5.2): cipher kind
             SSL_CK_RC4_128_EXPORT40_WITH_MD5, the master key's 11 clear bytes,
             its 5 secret bytes encrypted with the certificate's RSA key
             (PKCS#1 block type 2, by `openssl pkeyutl`), no key argument;
             then, in the same TCP segment, CLIENT-FINISHED (5.5.4), encrypted
    server   SERVER-VERIFY (5.6.2) and SERVER-FINISHED (5.6.3), encrypted
    client   an HTTP/1.0 GET request, encrypted
    server   the HTTP response, encrypted; then the server closes (FIN),
             the client closes too (FIN), the server acknowledges

Encryption as the specification defines it (4.1.1, 5.5.2): session keys
KEY-MATERIAL-0/1 = MD5(MASTER-KEY, "0"/"1", CHALLENGE, CONNECTION-ID), RC4
with the sender's write key over MAC-DATA + ACTUAL-DATA, where MAC-DATA =
MD5(write key, ACTUAL-DATA, SEQUENCE-NUMBER) and the sequence numbers count
every record from the hellos on. The script checks its own work: it decrypts
the encrypted key again with KEY.pem, and each encrypted record again with
the receiver's keys, and it checks the MACs.

The master key, challenge, connection-id, session ID, ports and initial
sequence numbers come from random.Random with a fixed seed, so the encrypted
records are the same on every run (only the certificate and the RSA block,
which openssl makes anew, change). Wireshark names an SSLv2 record by its
first data byte; an encrypted record whose first byte happened to be 1, 2 or 4
could look like a CLIENT-HELLO, CLIENT-MASTER-KEY or SERVER-HELLO to it, so
the script fails if any encrypted record starts with a byte from 0 to 8: with
this seed none does, and Wireshark shows each as "Encrypted Data".

KEYLOG gets only comment lines: there is no key log format for SSL 2.0, and
Wireshark does not decrypt SSL 2.0.
"""
import hashlib
import random
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scapy.all import IP, TCP, Ether

CLIENT, SERVER = "192.0.2.1", "192.0.2.2"
CLIENT_MAC, SERVER_MAC = "02:00:00:00:00:01", "02:00:00:00:00:02"
PORT = 443
MOD = 1 << 32
SEED = 19950209

# Message codes and constants (appendix C).
MT_CLIENT_HELLO, MT_CLIENT_MASTER_KEY, MT_CLIENT_FINISHED = 1, 2, 3
MT_SERVER_HELLO, MT_SERVER_VERIFY, MT_SERVER_FINISHED = 4, 5, 6
VERSION = 0x0002
CT_X509_CERTIFICATE = 1
CK_RC4_128_WITH_MD5 = 0x010080
CK_RC4_128_EXPORT40_WITH_MD5 = 0x020080
CK_RC2_128_CBC_WITH_MD5 = 0x030080
CK_RC2_128_CBC_EXPORT40_WITH_MD5 = 0x040080
CK_DES_192_EDE3_CBC_WITH_MD5 = 0x0700C0

CLIENT_SPECS = [CK_RC4_128_WITH_MD5, CK_DES_192_EDE3_CBC_WITH_MD5, CK_RC2_128_CBC_WITH_MD5,
                CK_RC4_128_EXPORT40_WITH_MD5, CK_RC2_128_CBC_EXPORT40_WITH_MD5]
# An export server: it keeps only the export cipher specs of the client's list.
SERVER_SPECS = [CK_RC4_128_EXPORT40_WITH_MD5, CK_RC2_128_CBC_EXPORT40_WITH_MD5]
CHOSEN = CK_RC4_128_EXPORT40_WITH_MD5
CLEAR_KEY_LENGTH = 11     # RC4_128_EXPORT40: 16-byte master key, 40 bits of it secret

REQUEST = b"GET / HTTP/1.0\r\nHost: server.tutor.test\r\n\r\n"
RESPONSE = (b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 15\r\n"
            b"Connection: close\r\n\r\nhello from ssl2\n")


def fail(msg):
    sys.exit("sslv2_handshake.py: " + msg)


def u16(n):
    return n.to_bytes(2, "big")


def spec_bytes(specs):
    return b"".join(s.to_bytes(3, "big") for s in specs)


def record(body):
    """A record with the 2-byte header (4.1): high bit set, no padding."""
    if not 0 < len(body) <= 0x7FFF:
        fail("record length %d" % len(body))
    return u16(0x8000 | len(body)) + body


class RC4:
    def __init__(self, key):
        s = list(range(256))
        j = 0
        for i in range(256):
            j = (j + s[i] + key[i % len(key)]) & 0xFF
            s[i], s[j] = s[j], s[i]
        self.s, self.i, self.j = s, 0, 0

    def crypt(self, data):
        s, out = self.s, bytearray()
        for b in data:
            self.i = (self.i + 1) & 0xFF
            self.j = (self.j + s[self.i]) & 0xFF
            s[self.i], s[self.j] = s[self.j], s[self.i]
            out.append(b ^ s[(s[self.i] + s[self.j]) & 0xFF])
        return bytes(out)


class Direction:
    """One direction's record layer: sequence number, and once the session
    keys exist, the MAC secret and the cipher."""

    def __init__(self):
        self.seq = 0
        self.key = None
        self.rc4 = None

    def start(self, key):
        self.key, self.rc4 = key, RC4(key)

    def mac(self, data):
        return hashlib.md5(self.key + data + struct.pack(">I", self.seq)).digest()

    def seal(self, data):
        """The record carrying data, in the clear before start(), encrypted after."""
        if self.rc4:
            body = self.rc4.crypt(self.mac(data) + data)
        else:
            body = data
        self.seq = (self.seq + 1) % MOD
        return record(body)

    def open(self, rec):
        """The receiving end: decrypts a record and checks its MAC."""
        body = rec[2:]
        if not self.rc4:
            self.seq = (self.seq + 1) % MOD
            return body
        plain = self.rc4.crypt(body)
        mac, data = plain[:16], plain[16:]
        if mac != self.mac(data):
            fail("MAC check failed")
        self.seq = (self.seq + 1) % MOD
        return data


def openssl(*args, data=None):
    res = subprocess.run(["openssl", *args], input=data, capture_output=True)
    if res.returncode != 0:
        fail("openssl %s: %s" % (" ".join(args), res.stderr.decode(errors="replace").strip()))
    return res.stdout


# ---- TCP and pcapng ----------------------------------------------------------

class Capture:
    """The packets of the file: (timestamp in ns, bytes)."""

    def __init__(self, t0):
        self.t = t0
        self.packets = []

    def add(self, frame, gap_us):
        self.t += gap_us * 1000
        self.packets.append((self.t, bytes(frame)))

    def write(self, path):
        def block(btype, body):
            body += b"\0" * (-len(body) % 4)
            return struct.pack("<II", btype, len(body) + 12) + body + struct.pack("<I", len(body) + 12)

        def option(code, value):
            return struct.pack("<HH", code, len(value)) + value + b"\0" * (-len(value) % 4)

        out = block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)
                    + option(4, b"pcaps/sslv2_handshake.py (synthetic SSL 2.0)") + option(0, b""))
        out += block(1, struct.pack("<HHI", 1, 0, 262144)
                     + option(9, b"\x09") + option(0, b""))          # Ethernet, ns timestamps
        for t, data in self.packets:
            out += block(6, struct.pack("<IIIII", 0, t >> 32, t & 0xFFFFFFFF, len(data), len(data)) + data)
        Path(path).write_bytes(out)


class Conn:
    """One TCP connection; keeps both sides' next sequence numbers."""

    def __init__(self, cap, cport, c_isn, s_isn):
        self.cap, self.cport = cap, cport
        self.next = {"client": c_isn, "server": s_isn}

    def _packet(self, side, flags, payload=b"", ack=True, options=()):
        other = "server" if side == "client" else "client"
        src, dst = (CLIENT, SERVER) if side == "client" else (SERVER, CLIENT)
        sport, dport = (self.cport, PORT) if side == "client" else (PORT, self.cport)
        smac, dmac = (CLIENT_MAC, SERVER_MAC) if side == "client" else (SERVER_MAC, CLIENT_MAC)
        tcp = TCP(sport=sport, dport=dport, seq=self.next[side] % MOD,
                  ack=self.next[other] % MOD if ack else 0, flags=flags, window=64240,
                  options=list(options))
        return Ether(src=smac, dst=dmac) / IP(src=src, dst=dst, flags="DF", id=0, ttl=64) / tcp / payload

    def handshake(self):
        self.cap.add(self._packet("client", "S", ack=False, options=[("MSS", 1460)]), 0)
        self.next["client"] += 1
        self.cap.add(self._packet("server", "SA", options=[("MSS", 1460)]), 150)
        self.next["server"] += 1
        self.cap.add(self._packet("client", "A"), 150)

    def send(self, side, payload, gap_us):
        self.cap.add(self._packet(side, "PA", payload), gap_us)
        self.next[side] += len(payload)

    def ack(self, side, gap_us):
        self.cap.add(self._packet(side, "A"), gap_us)

    def fin(self, side, gap_us):
        self.cap.add(self._packet(side, "FA"), gap_us)
        self.next[side] += 1


# ---- The SSL 2.0 connection ---------------------------------------------------

def main():
    if len(sys.argv) != 5:
        fail("usage: sslv2_handshake.py CERT.pem KEY.pem OUT.pcapng KEYLOG")
    cert_pem, key_pem, out, keylog = sys.argv[1:]
    rnd = random.Random(SEED)
    challenge = rnd.randbytes(16)
    connection_id = rnd.randbytes(16)
    session_id = rnd.randbytes(16)
    master_key = rnd.randbytes(16)
    clear_key, secret_key = master_key[:CLEAR_KEY_LENGTH], master_key[CLEAR_KEY_LENGTH:]
    cport = rnd.randrange(32768, 61000)
    c_isn, s_isn = rnd.randrange(MOD), rnd.randrange(MOD)

    certificate = openssl("x509", "-in", cert_pem, "-outform", "DER")
    with tempfile.TemporaryDirectory() as tmp:
        secret_file = Path(tmp) / "secret"
        secret_file.write_bytes(secret_key)
        encrypted_key = openssl("pkeyutl", "-encrypt", "-certin", "-inkey", cert_pem,
                                "-pkeyopt", "rsa_padding_mode:pkcs1", "-in", str(secret_file))
        enc_file = Path(tmp) / "encrypted"
        enc_file.write_bytes(encrypted_key)
        # The server's side: the secret part of the master key comes back.
        if openssl("pkeyutl", "-decrypt", "-inkey", key_pem, "-pkeyopt", "rsa_padding_mode:pkcs1",
                   "-in", str(enc_file)) != secret_key:
            fail("the encrypted key does not decrypt to the secret key bytes")

    # Session keys for RC4_128_EXPORT40_WITH_MD5 (5.5.2).
    km = [hashlib.md5(master_key + d + challenge + connection_id).digest() for d in (b"0", b"1")]
    client_read_key, client_write_key = km
    c2s, s2c = Direction(), Direction()              # the sender's record layers
    at_server, at_client = Direction(), Direction()  # the receivers' (to check)

    client_hello = (bytes([MT_CLIENT_HELLO]) + u16(VERSION) + u16(3 * len(CLIENT_SPECS)) + u16(0)
                    + u16(len(challenge)) + spec_bytes(CLIENT_SPECS) + challenge)
    server_hello = (bytes([MT_SERVER_HELLO, 0, CT_X509_CERTIFICATE]) + u16(VERSION)
                    + u16(len(certificate)) + u16(3 * len(SERVER_SPECS)) + u16(len(connection_id))
                    + certificate + spec_bytes(SERVER_SPECS) + connection_id)
    master = (bytes([MT_CLIENT_MASTER_KEY]) + CHOSEN.to_bytes(3, "big") + u16(len(clear_key))
              + u16(len(encrypted_key)) + u16(0) + clear_key + encrypted_key)

    recs = {}
    recs["CLIENT-HELLO"] = c2s.seal(client_hello)
    recs["SERVER-HELLO"] = s2c.seal(server_hello)
    recs["CLIENT-MASTER-KEY"] = c2s.seal(master)
    # From here on both directions are encrypted (5.4): the client after
    # sending its master key, the server after receiving it.
    c2s.start(client_write_key)
    s2c.start(client_read_key)
    recs["CLIENT-FINISHED"] = c2s.seal(bytes([MT_CLIENT_FINISHED]) + connection_id)
    recs["SERVER-VERIFY"] = s2c.seal(bytes([MT_SERVER_VERIFY]) + challenge)
    recs["SERVER-FINISHED"] = s2c.seal(bytes([MT_SERVER_FINISHED]) + session_id)
    recs["client data"] = c2s.seal(REQUEST)
    recs["server data"] = s2c.seal(RESPONSE)

    # Check: each receiver reads back what was sent.
    client_order = ["CLIENT-HELLO", "CLIENT-MASTER-KEY", "CLIENT-FINISHED", "client data"]
    server_order = ["SERVER-HELLO", "SERVER-VERIFY", "SERVER-FINISHED", "server data"]
    got = {}
    for name in client_order:
        if name == "CLIENT-FINISHED":
            at_server.start(client_write_key)
        got[name] = at_server.open(recs[name])
    for name in server_order:
        if name == "SERVER-VERIFY":
            at_client.start(client_read_key)
        got[name] = at_client.open(recs[name])
    if (got["CLIENT-FINISHED"][1:] != connection_id or got["SERVER-VERIFY"][1:] != challenge
            or got["client data"] != REQUEST or got["server data"] != RESPONSE):
        fail("an encrypted record does not decrypt to what was sent")
    for name in ("CLIENT-FINISHED", "SERVER-VERIFY", "SERVER-FINISHED", "client data", "server data"):
        if recs[name][2] <= 8:
            fail("encrypted record %s starts with %d: Wireshark could take it for an SSL 2.0 "
                 "message type (change SEED)" % (name, recs[name][2]))

    cap = Capture(time.time_ns() // 1_000_000 * 1_000_000)
    conn = Conn(cap, cport, c_isn, s_isn)
    conn.handshake()
    conn.send("client", recs["CLIENT-HELLO"], 300)
    conn.ack("server", 120)
    conn.send("server", recs["SERVER-HELLO"], 900)
    conn.ack("client", 120)
    conn.send("client", recs["CLIENT-MASTER-KEY"] + recs["CLIENT-FINISHED"], 1800)
    conn.send("server", recs["SERVER-VERIFY"] + recs["SERVER-FINISHED"], 2400)
    conn.send("client", recs["client data"], 400)
    conn.send("server", recs["server data"], 700)
    conn.fin("server", 150)
    conn.fin("client", 250)
    conn.ack("server", 120)
    cap.write(out)

    with open(keylog, "w") as f:
        f.write("# sslv2_handshake.py: no secrets here. There is no key log format for SSL 2.0 and\n"
                "# Wireshark does not decrypt SSL 2.0. (The master key comes from the script's\n"
                "# fixed seed; its 40 secret bits are the only part not sent in the clear.)\n")
    print("wrote %s: %d packets; records: %s" % (
        out, len(cap.packets), ", ".join("%s %d" % (n, len(r)) for n, r in recs.items())))


if __name__ == "__main__":
    main()
