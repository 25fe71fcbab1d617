#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Client that opens with an SSLv2-compatible ClientHello (RFC 5246 appendix E.2).

    sslv2_hello.py HOST PORT KEYLOG

Sends, over a plain TCP socket, one ClientHello in the SSL 2.0 record format
that TLS servers accepted from old clients:

    2-byte record header   0x80 | length>>8, length & 0xff (high bit set: no padding)
    msg_type               1 (CLIENT-HELLO)
    version                0x0303 (the highest version the client offers: TLS 1.2)
    cipher_spec_length     12 (four 3-byte cipher specs)
    session_id_length      0
    challenge_length       32
    cipher_specs           0x00c02f, 0x00009c, 0x00002f, 0x0000ff (TLS suites as
                           0x00XXXX: ECDHE-RSA-AES128-GCM-SHA256, AES128-GCM-SHA256,
                           AES128-SHA, TLS_EMPTY_RENEGOTIATION_INFO_SCSV)
    challenge              32 random bytes (the server uses them, left-padded with
                           zeros to 32, as ClientHello.random)

No extensions are possible in this format. The script reads whatever the server
answers for one second (a TLS ServerHello ... ServerHelloDone), prints the TLS
records it got, then closes its sending side (FIN, shutdown(SHUT_WR)) without
sending anything else, and reads until the server closes too.

KEYLOG gets only a comment line: the client never derives a secret.
"""
import os
import socket
import sys
import time

CIPHER_SPECS = [0x00c02f, 0x00009c, 0x00002f, 0x0000ff]


def sslv2_client_hello():
    specs = b"".join(c.to_bytes(3, "big") for c in CIPHER_SPECS)
    challenge = os.urandom(32)
    body = (bytes([1]) + (0x0303).to_bytes(2, "big") + len(specs).to_bytes(2, "big")
            + (0).to_bytes(2, "big") + len(challenge).to_bytes(2, "big") + specs + challenge)
    assert len(body) < 0x8000
    return (0x8000 | len(body)).to_bytes(2, "big") + body


def records(buf):
    """(content type, version, length) of the complete TLS records in buf."""
    out = []
    while len(buf) >= 5 and len(buf) >= 5 + int.from_bytes(buf[3:5], "big"):
        n = 5 + int.from_bytes(buf[3:5], "big")
        out.append((buf[0], buf[1:3].hex(), n - 5, buf[5] if buf[0] in (21, 22) and n > 5 else None))
        buf = buf[n:]
    return out


def main():
    host, port, keylog = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(keylog, "w") as f:
        f.write("# no secrets: sslv2_hello.py sends an SSLv2-format ClientHello and never derives a key\n")
    hello = sslv2_client_hello()
    sock = socket.create_connection((host, port), timeout=1)
    sock.sendall(hello)
    print("sent SSLv2-format ClientHello (%d bytes): %s" % (len(hello), hello.hex()))
    buf = b""
    deadline = time.monotonic() + 1
    while time.monotonic() < deadline:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            data = sock.recv(65536)
        except socket.timeout:
            break
        if not data:
            print("server closed first")
            break
        buf += data
    print("server sent %d bytes; records (type, version, length, first byte): %s" % (len(buf), records(buf)))
    sock.shutdown(socket.SHUT_WR)
    sock.settimeout(5)
    rest = b""
    while True:
        try:
            data = sock.recv(65536)
        except socket.timeout:
            break
        if not data:
            break
        rest += data
    print("after our FIN the server sent %d bytes%s" % (len(rest), (": " + rest.hex()) if rest else ""))
    sock.close()


if __name__ == "__main__":
    main()
