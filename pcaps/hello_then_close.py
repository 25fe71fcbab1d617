#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""TLS 1.2 client that walks away in the middle of the handshake.

    hello_then_close.py HOST PORT SNI KEYLOG

Python's ssl module (OpenSSL) writes a real ClientHello into a memory BIO; this
script sends it over a plain TCP socket, reads the server's first flight up to
and including ServerHelloDone, then closes its side of the TCP connection (FIN,
shutdown(SHUT_WR)) without sending anything else: no ClientKeyExchange, no
alert. It then reads whatever the server still sends until the server closes
too, so the capture ends with FIN both ways rather than a RST.

KEYLOG gets OpenSSL's key log header only: the client never derives a secret.
"""
import socket
import ssl
import sys
import time


def main():
    host, port, sni, keylog = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.keylog_filename = keylog
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    tls = ctx.wrap_bio(incoming, outgoing, server_hostname=sni)
    try:
        tls.do_handshake()
    except ssl.SSLWantReadError:
        pass
    hello = outgoing.read()
    assert hello[:1] == b"\x16" and hello[5:6] == b"\x01", "not a ClientHello record"

    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(hello)
    # Read records until the ServerHelloDone (handshake type 14) is complete.
    buf, hs, types = b"", b"", []
    deadline = time.monotonic() + 5
    while 14 not in types:
        if time.monotonic() > deadline:
            sys.exit("no ServerHelloDone within 5 s; got handshake types %s" % types)
        data = sock.recv(65536)
        if not data:
            sys.exit("server closed before ServerHelloDone; got %s" % types)
        buf += data
        while len(buf) >= 5 and len(buf) >= 5 + int.from_bytes(buf[3:5], "big"):
            n = 5 + int.from_bytes(buf[3:5], "big")
            ctype, body, buf = buf[0], buf[5:n], buf[n:]
            if ctype != 22:
                sys.exit("unexpected record content type %d" % ctype)
            hs += body
            while len(hs) >= 4 and len(hs) >= 4 + int.from_bytes(hs[1:4], "big"):
                m = 4 + int.from_bytes(hs[1:4], "big")
                types.append(hs[0])
                hs = hs[m:]
    print("server flight: handshake types %s; closing (FIN), no ClientKeyExchange" % types)
    sock.shutdown(socket.SHUT_WR)
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
