# SPDX-License-Identifier: GPL-2.0-or-later
"""Expected tutor messages for the captures of every handshake shape, as
text: one line per message, "frame sender msg step [E]" (sender C or S, step
"-" for none, E: recognised while encrypted, EK: encrypted even with the key
log, which cannot decrypt it), "--" between connections.
Checked by hand against the frame tables of pcaps/README.md (plain Wireshark)
and the numbered flows of docs/flows.md."""

from wsversion import at_least

VN_FIRST = ("2 S VersionNegotiation -" if at_least(4, 4) else
            "1 C ClientHello 1\n2 S VersionNegotiation -") + "\n--"

# DTLS from OpenSSL: a HelloVerifyRequest, then one datagram per flight up
# to the client's Finished. {E}: " E" without keys.
DTLS_FIRST_FLIGHTS = """
            1 C ClientHello 1
            2 S HelloVerifyRequest 2
            3 C ClientHello 3
            4 S ServerHello 4
            4 S Certificate 5
            4 S ServerKeyExchange 6
            4 S ServerHelloDone 8
            5 C ClientKeyExchange 10
            5 C ChangeCipherSpec 12
            5 C Finished 13{E}"""
# DTLS 1.2 and 1.0 from OpenSSL.
DTLS_OPENSSL = DTLS_FIRST_FLIGHTS + """
            6 S NewSessionTicket -
            6 S ChangeCipherSpec 14
            6 S Finished 15{E}
            7 C ApplicationData 16
            8 S ApplicationData 16
            9 C Alert -{E}
            10 S Alert -{E}
"""
DTLS_RETRANSMIT = DTLS_FIRST_FLIGHTS + """
            6 C ClientKeyExchange -
            7 C ChangeCipherSpec -
            {F8}
            9 S ServerHello -
            10 S Certificate -
            11 S ServerKeyExchange -
            12 S ServerHelloDone -
            13 S NewSessionTicket -
            13 S ChangeCipherSpec 14
            13 S Finished 15{E}
            14 C ApplicationData 16
            15 S ApplicationData 16
            16 C Alert -{E}
            17 S Alert -{E}
"""

SHAPES = {
    "tls13-client-auth.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedHandshake - E
            6 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            10 C ChangeCipherSpec 9
            11 C EncryptedHandshake - E
            11 C EncryptedRecord - E
            11 C EncryptedRecord - E
            13 C EncryptedRecord - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedExtensions 4
            6 S CertificateRequest 5
            8 S Certificate 6
            8 S CertificateVerify 7
            8 S Finished 8
            10 C ChangeCipherSpec 9
            11 C Certificate 10
            11 C CertificateVerify 11
            11 C Finished 12
            13 C ApplicationData 14
            14 S NewSessionTicket 13
            15 S NewSessionTicket 13
            17 S ApplicationData 14
            18 S Alert -
            20 C Alert -
        """,
    },
    "tls13-psk.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedHandshake - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            8 C ChangeCipherSpec 9
            8 C EncryptedHandshake - E
            9 C EncryptedRecord - E
            --
            22 C ClientHello 1
            24 S ServerHello 2
            24 S ChangeCipherSpec 3
            24 S EncryptedHandshake - E
            24 S EncryptedRecord - E
            26 C ChangeCipherSpec 6
            26 C EncryptedHandshake - E
            27 C EncryptedRecord - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedExtensions 4
            6 S Certificate 6
            6 S CertificateVerify 7
            6 S Finished 8
            8 C ChangeCipherSpec 9
            8 C Finished 12
            9 C ApplicationData 14
            10 S NewSessionTicket 13
            11 S NewSessionTicket 13
            12 S ApplicationData 14
            13 S Alert -
            15 C Alert -
            --
            22 C ClientHello 1
            24 S ServerHello 2
            24 S ChangeCipherSpec 3
            24 S EncryptedExtensions 4
            24 S Finished 5
            26 C ChangeCipherSpec 6
            26 C Finished 8
            27 C ApplicationData 10
            28 S NewSessionTicket 9
            29 S ApplicationData 10
            30 S Alert -
            32 C Alert -
        """,
    },
    "tls13-early-data.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedHandshake - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            8 C ChangeCipherSpec 9
            8 C EncryptedHandshake - E
            9 C EncryptedRecord - E
            --
            24 C ClientHello 1
            24 C ChangeCipherSpec -
            24 C EarlyData - E
            26 S ServerHello 2
            26 S ChangeCipherSpec 3
            26 S EncryptedHandshake - E
            26 S EncryptedRecord - E
            28 C EncryptedHandshake - E
            28 C EncryptedRecord - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedExtensions 4
            6 S Certificate 6
            6 S CertificateVerify 7
            6 S Finished 8
            8 C ChangeCipherSpec 9
            8 C Finished 12
            9 C ApplicationData 14
            10 S NewSessionTicket 13
            11 S NewSessionTicket 13
            13 S ApplicationData 14
            15 C Alert -
            17 S Alert -
            --
            24 C ClientHello 1
            24 C ChangeCipherSpec -
            24 C EarlyData -
            26 S ServerHello 2
            26 S ChangeCipherSpec 3
            26 S EncryptedExtensions 4
            26 S Finished 5
            28 C EndOfEarlyData 7
            28 C Finished 8
            29 S NewSessionTicket 9
            31 S ApplicationData 10
            33 C Alert -
            34 S Alert -
        """,
    },
    "tls13-keyupdate.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedHandshake - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            6 S EncryptedRecord - E
            8 C ChangeCipherSpec 9
            8 C EncryptedHandshake - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            6 S EncryptedExtensions 4
            6 S Certificate 6
            6 S CertificateVerify 7
            6 S Finished 8
            8 C ChangeCipherSpec 9
            8 C Finished 12
            9 S NewSessionTicket 13
            10 S NewSessionTicket 13
            12 C KeyUpdate 15
            14 C ApplicationData 14
            16 S KeyUpdate 15
            17 S ApplicationData 14
            19 S Alert -
            20 C Alert -
        """,
    },
    "tls12-renegotiation.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11 E
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13 E
            11 C EncryptedHandshake - E
            12 S EncryptedHandshake - E
            12 S EncryptedHandshake - E
            12 S EncryptedHandshake - E
            12 S EncryptedHandshake - E
            14 C EncryptedHandshake - E
            14 C ChangeCipherSpec -
            14 C EncryptedHandshake - E
            15 S EncryptedHandshake - E
            15 S ChangeCipherSpec -
            15 S EncryptedHandshake - E
            17 C ApplicationData 14
            18 S ApplicationData 14
            20 S Alert - E
            22 C Alert - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13
            11 C ClientHello -
            12 S ServerHello -
            12 S Certificate -
            12 S ServerKeyExchange -
            12 S ServerHelloDone -
            14 C ClientKeyExchange -
            14 C ChangeCipherSpec -
            14 C Finished -
            15 S NewSessionTicket -
            15 S ChangeCipherSpec -
            15 S Finished -
            17 C ApplicationData 14
            18 S ApplicationData 14
            20 S Alert -
            22 C Alert -
        """,
    },
    "tls12-hello-request.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11 E
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13 E
            10 C ApplicationData 14
            12 S EncryptedHandshake - E
            13 C EncryptedHandshake - E
            15 S EncryptedHandshake - E
            15 S ChangeCipherSpec -
            15 S EncryptedHandshake - E
            16 C ChangeCipherSpec -
            16 C EncryptedHandshake - E
            18 S ApplicationData 14
            20 C Alert - E
            22 S Alert - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13
            10 C ApplicationData 14
            12 S HelloRequest -
            13 C ClientHello -
            15 S ServerHello -
            15 S ChangeCipherSpec -
            15 S Finished -
            16 C ChangeCipherSpec -
            16 C Finished -
            18 S ApplicationData 14
            20 C Alert -
            22 S Alert -
        """,
    },
    "tls12-alert-handshake-failure.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S Alert -
        """,
        "keys": """
            4 C ClientHello 1
            6 S Alert -
        """,
    },
    "tls12-alert-unknown-ca.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C Alert -
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C Alert -
        """,
    },
    "tls13-alert-protocol-version.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S Alert -
        """,
        "keys": """
            4 C ClientHello 1
            6 S Alert -
        """,
    },
    "tls12-closed-mid-handshake.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ConnectionClosed -
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ConnectionClosed -
        """,
    },
    "tls10.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11 E
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13 E
            10 C ApplicationData 14
            11 S ApplicationData 14
            12 S Alert - E
            14 C Alert - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13
            10 C ApplicationData 14
            11 S ApplicationData 14
            12 S Alert -
            14 C Alert -
        """,
    },
    "tls11.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11 E
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13 E
            10 C ApplicationData 14
            11 S ApplicationData 14
            12 S Alert - E
            14 C Alert - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S Certificate 3
            6 S ServerKeyExchange 4
            6 S ServerHelloDone 6
            8 C ClientKeyExchange 8
            8 C ChangeCipherSpec 10
            8 C Finished 11
            9 S NewSessionTicket -
            9 S ChangeCipherSpec 12
            9 S Finished 13
            10 C ApplicationData 14
            11 S ApplicationData 14
            12 S Alert -
            14 C Alert -
        """,
    },
    "tls13-gnutls.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            8 C ChangeCipherSpec 9
            9 S EncryptedHandshake - E
            9 S EncryptedRecord - E
            9 S EncryptedRecord - E
            9 S EncryptedRecord - E
            10 C EncryptedHandshake - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S ServerHello 2
            6 S ChangeCipherSpec 3
            8 C ChangeCipherSpec 9
            9 S EncryptedExtensions 4
            9 S Certificate 6
            9 S CertificateVerify 7
            9 S Finished 8
            10 C Finished 12
            11 S NewSessionTicket 13
            11 S NewSessionTicket 13
            12 C ApplicationData 14
            13 S ApplicationData 14
            15 C Alert -
            16 S Alert -
        """,
    },
    # SSL 2.0 (docs/flows.md G): no steps; Wireshark does not decrypt SSL 2.0,
    # so the encrypted records stay encrypted with the (secret-less) key log.
    "sslv2-handshake.pcapng": {
        "nokeys": """
            4 C CLIENT-HELLO -
            6 S SERVER-HELLO -
            8 C CLIENT-MASTER-KEY -
            8 C EncryptedRecord - EK
            9 S EncryptedRecord - EK
            9 S EncryptedRecord - EK
            10 C EncryptedRecord - EK
            11 S EncryptedRecord - EK
        """,
        "keys": """
            4 C CLIENT-HELLO -
            6 S SERVER-HELLO -
            8 C CLIENT-MASTER-KEY -
            8 C EncryptedRecord - EK
            9 S EncryptedRecord - EK
            9 S EncryptedRecord - EK
            10 C EncryptedRecord - EK
            11 S EncryptedRecord - EK
        """,
    },
    "tls13-gnutls-hrr.pcapng": {
        "nokeys": """
            4 C ClientHello 1
            6 S HelloRetryRequest 2
            8 S ChangeCipherSpec 3
            10 C ClientHello 5
            11 S ServerHello 6
            11 S EncryptedHandshake - E
            11 S EncryptedRecord - E
            11 S EncryptedRecord - E
            11 S EncryptedRecord - E
            12 C ChangeCipherSpec 4
            13 S EncryptedRecord - E
            13 S EncryptedRecord - E
            14 C EncryptedHandshake - E
            14 C EncryptedRecord - E
        """,
        "keys": """
            4 C ClientHello 1
            6 S HelloRetryRequest 2
            8 S ChangeCipherSpec 3
            10 C ClientHello 5
            11 S ServerHello 6
            11 S EncryptedExtensions 7
            11 S Certificate 9
            11 S CertificateVerify 10
            11 S Finished 11
            12 C ChangeCipherSpec 4
            13 S NewSessionTicket 15
            13 S NewSessionTicket 15
            14 C Finished 14
            14 C ApplicationData 16
            15 S ApplicationData 16
            17 C Alert -
            18 S Alert -
        """,
    },
    # QUIC (docs/flows.md H): no records, no ChangeCipherSpec; without keys
    # only the hellos (Initial packets) are read, and the first Handshake
    # packet of each side is named. Frame tables: pcaps/README.md.
    "quic-ngtcp2.pcapng": {
        "nokeys": """
            1 C ClientHello 1
            2 S ServerHello 2
            2 S HandshakePacket - E
            4 C HandshakePacket - E
        """,
        "keys": """
            1 C ClientHello 1
            2 S ServerHello 2
            2 S EncryptedExtensions 4
            2 S Certificate 6
            3 S CertificateVerify 7
            3 S Finished 8
            5 C Finished 12
            9 S NewSessionTicket 13
            11 C ConnectionClose -
        """,
    },
    # Frame 12: the ClientHello's Initial and a 0-RTT packet (the request)
    # in one datagram; each connection ends with the client's
    # CONNECTION_CLOSE (HTTP/3's H3_NO_ERROR), in a 1-RTT packet.
    "quic-0rtt.pcapng": {
        "nokeys": """
            1 C ClientHello 1
            2 S ServerHello 2
            2 S HandshakePacket - E
            4 C HandshakePacket - E
            --
            12 C ClientHello 1
            12 C EarlyData - E
            13 S ServerHello 2
            13 S HandshakePacket - E
            16 C HandshakePacket - E
        """,
        "keys": """
            1 C ClientHello 1
            2 S ServerHello 2
            2 S EncryptedExtensions 4
            2 S Certificate 6
            3 S CertificateVerify 7
            3 S Finished 8
            4 C Finished 12
            8 S NewSessionTicket 13
            11 C ConnectionClose -
            --
            12 C ClientHello 1
            12 C EarlyData -
            13 S ServerHello 2
            13 S EncryptedExtensions 4
            13 S Finished 5
            17 C Finished 8
            19 S NewSessionTicket 9
            21 C ConnectionClose -
        """,
    },
    # The server answers the first Initial with a Retry (frame 2); the
    # client's second Initial (frame 3) holds the same ClientHello at the
    # same CRYPTO offset, which Wireshark takes for a retransmission and does
    # not show again.
    "quic-retry.pcapng": {
        "nokeys": """
            1 C ClientHello 1
            2 S Retry -
            4 S ServerHello 2
            4 S HandshakePacket - E
            6 C HandshakePacket - E
        """,
        "keys": """
            1 C ClientHello 1
            2 S Retry -
            4 S ServerHello 2
            4 S EncryptedExtensions 4
            5 S Certificate 6
            5 S CertificateVerify 7
            5 S Finished 8
            7 C Finished 12
            13 S NewSessionTicket 13
            14 C ConnectionClose -
        """,
    },
    # The first ClientHello's version (0x1a2a3a4a, reserved to exercise
    # version negotiation) is refused (frame 2: Version Negotiation); the
    # client starts again from another port. Wireshark 4.0 decrypts that
    # first Initial anyway (with version 1's keys) and shows its ClientHello;
    # 4.4 and later do not (VN_FIRST).
    "quic-version-negotiation.pcapng": {
        "nokeys": VN_FIRST + """
            3 C ClientHello 1
            4 S ServerHello 2
            4 S HandshakePacket - E
            6 C HandshakePacket - E
        """,
        "keys": VN_FIRST + """
            3 C ClientHello 1
            4 S ServerHello 2
            4 S EncryptedExtensions 4
            4 S Certificate 6
            5 S CertificateVerify 7
            5 S Finished 8
            7 C Finished 12
            10 S NewSessionTicket 13
            15 C ConnectionClose -
        """,
    },
    # DTLS (docs/flows.md I), on UDP 443. With a HelloVerifyRequest the steps
    # are TLS 1.2's two places on; without keys the Finished messages are
    # named by their epoch and the alerts are encrypted. A fragmented
    # message is annotated where Wireshark reassembles it (dtls12-fragmented:
    # the Certificate in frame 7, the ServerKeyExchange in frame 9); a
    # message sent again is named again with no step (test_dtls.py checks
    # tlstutor.retransmission).
    **{name: {k: DTLS_OPENSSL.format(E=" E" if k == "nokeys" else "") for k in ("nokeys", "keys")}
       for name in ("dtls12-openssl.pcapng", "dtls10-openssl.pcapng")},
    "dtls12-no-cookie.pcapng": {k: """
            1 C ClientHello 1
            2 S ServerHello 2
            3 S Certificate 3
            4 S ServerKeyExchange 4
            5 S ServerHelloDone 6
            6 C ClientKeyExchange 8
            6 C ChangeCipherSpec 10
            6 C Finished 11{E}
            7 S NewSessionTicket -
            8 S ChangeCipherSpec 12
            9 S Finished 13{E}
            10 C ApplicationData 14
            11 S ApplicationData 14
            12 C Alert -{E}
        """.format(E=" E" if k == "nokeys" else "") for k in ("nokeys", "keys")},
    "dtls12-gnutls.pcapng": {k: """
            1 C ClientHello 1
            2 S HelloVerifyRequest 2
            3 C ClientHello 3
            4 S ServerHello 4
            5 S Certificate 5
            6 S ServerKeyExchange 6
            7 S ServerHelloDone 8
            8 C ClientKeyExchange 10
            8 C ChangeCipherSpec 12
            8 C Finished 13{E}
            9 S NewSessionTicket -
            10 S ChangeCipherSpec 14
            11 S Finished 15{E}
            12 C ApplicationData 16
            13 S ApplicationData 16
            14 C Alert -{E}
        """.format(E=" E" if k == "nokeys" else "") for k in ("nokeys", "keys")},
    "dtls12-fragmented.pcapng": {k: """
            1 C ClientHello 1
            2 S HelloVerifyRequest 2
            3 C ClientHello 3
            4 S ServerHello 4
            7 S Certificate 5
            9 S ServerKeyExchange 6
            9 S ServerHelloDone 8
            10 C ClientKeyExchange 10
            10 C ChangeCipherSpec 12
            10 C Finished 13{E}
            11 S NewSessionTicket -
            11 S ChangeCipherSpec 14
            11 S Finished 15{E}
            12 C ApplicationData 16
            13 S ApplicationData 16
            14 C Alert -{E}
            15 S Alert -{E}
        """.format(E=" E" if k == "nokeys" else "") for k in ("nokeys", "keys")},
    # The client's third datagram (frame 5) was lost on its way: the client
    # sends its flight again (frames 6-8), the server its own (9-12). Without
    # keys the client's second Finished (frame 8) cannot be told from any
    # other encrypted handshake record.
    "dtls12-retransmit.pcapng": {
        "nokeys": DTLS_RETRANSMIT.format(E=" E", F8="8 C EncryptedHandshake - E"),
        "keys": DTLS_RETRANSMIT.format(E="", F8="8 C Finished -"),
    },
    # Chromium against OpenSSL 3.0 (issue #14): flow C as OpenSSL's own,
    # the server's first flight in one segment; Chromium sends its request
    # before the tickets arrive, and closes without close_notify.
    "tls13-chromium.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            10 C ChangeCipherSpec 9
            10 C EncryptedHandshake - E
            11 C EncryptedRecord - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            8 S Certificate 6
            8 S CertificateVerify 7
            8 S Finished 8
            10 C ChangeCipherSpec 9
            10 C Finished 12
            11 C ApplicationData 14
            12 S NewSessionTicket 13
            14 S NewSessionTicket 13
            16 S ApplicationData 14
            18 S Alert -
        """,
    },
    # The same browser against OpenSSL 3.5, which chooses X25519MLKEM768: the
    # ServerHello's 1120-byte key share moves the server's flight into two
    # segments.
    "tls13-chromium-mlkem.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            10 S EncryptedRecord - E
            10 S EncryptedRecord - E
            10 S EncryptedRecord - E
            12 C ChangeCipherSpec 9
            12 C EncryptedHandshake - E
            13 C EncryptedRecord - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            10 S Certificate 6
            10 S CertificateVerify 7
            10 S Finished 8
            12 C ChangeCipherSpec 9
            12 C Finished 12
            13 C ApplicationData 14
            14 S NewSessionTicket 13
            15 S NewSessionTicket 13
            16 S ApplicationData 14
            17 S Alert -
        """,
    },
    # OpenSSL 3.5 on both sides: the server's certificate as a
    # CompressedCertificate (RFC 8879), at the Certificate's step 6.
    "tls13-cert-compressed.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            10 S EncryptedRecord - E
            12 S EncryptedRecord - E
            12 S EncryptedRecord - E
            14 C ChangeCipherSpec 9
            14 C EncryptedHandshake - E
            15 C EncryptedRecord - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            10 S CompressedCertificate 6
            12 S CertificateVerify 7
            12 S Finished 8
            14 C ChangeCipherSpec 9
            14 C Finished 12
            15 C ApplicationData 14
            16 S NewSessionTicket 13
            17 S NewSessionTicket 13
            19 S ApplicationData 14
            20 S Alert -
            22 C Alert -
        """,
    },
    # Real browsers (pcaps/make_browser_captures.sh). Chromium over HTTP/3:
    # its ClientHello is reassembled from CRYPTO frames of two Initial
    # packets (frames 1 and 3), annotated where Wireshark shows it.
    "browser-chromium-h3.pcapng": {
        "nokeys": """
            3 C ClientHello 1
            4 S ServerHello 2
            4 S HandshakePacket - E
            6 C HandshakePacket - E
        """,
        "keys": """
            3 C ClientHello 1
            4 S ServerHello 2
            4 S EncryptedExtensions 4
            4 S Certificate 6
            5 S CertificateVerify 7
            5 S Finished 8
            9 C Finished 12
            11 S NewSessionTicket 13
            20 C ConnectionClose -
        """,
    },
    # caddy (Go) sends its ticket before the client's Finished.
    "browser-chromium-tcp.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            10 S EncryptedRecord - E
            12 C ChangeCipherSpec 9
            12 C EncryptedHandshake - E
            13 C EncryptedRecord - E
            14 C EncryptedRecord - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            8 S Certificate 6
            8 S CertificateVerify 7
            8 S Finished 8
            10 S NewSessionTicket 13
            12 C ChangeCipherSpec 9
            12 C Finished 12
            13 C ApplicationData 14
            16 S ApplicationData 14
            25 S Alert -
        """,
    },
    "browser-firefox-tcp.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            10 C ChangeCipherSpec 9
            10 C EncryptedHandshake - E
            11 C EncryptedRecord - E
            12 C EncryptedRecord - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            8 S Certificate 6
            8 S CertificateVerify 7
            8 S Finished 8
            10 C ChangeCipherSpec 9
            10 C Finished 12
            11 C ApplicationData 14
            14 S NewSessionTicket 13
            16 S NewSessionTicket 13
            18 S ApplicationData 14
            26 C Alert -
        """,
    },
    "browser-chromium-resumed.pcapng": {
        "nokeys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedHandshake - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            8 S EncryptedRecord - E
            10 C ChangeCipherSpec 9
            10 C EncryptedHandshake - E
            11 C EncryptedRecord - E
            --
            25 C ClientHello 1
            28 S ServerHello 2
            28 S ChangeCipherSpec 3
            28 S EncryptedHandshake - E
            28 S EncryptedRecord - E
            30 C ChangeCipherSpec 6
            30 C EncryptedHandshake - E
        """,
        "keys": """
            5 C ClientHello 1
            8 S ServerHello 2
            8 S ChangeCipherSpec 3
            8 S EncryptedExtensions 4
            8 S Certificate 6
            8 S CertificateVerify 7
            8 S Finished 8
            10 C ChangeCipherSpec 9
            10 C Finished 12
            11 C ApplicationData 14
            13 S NewSessionTicket 13
            14 S NewSessionTicket 13
            15 S ApplicationData 14
            16 S Alert -
            --
            25 C ClientHello 1
            28 S ServerHello 2
            28 S ChangeCipherSpec 3
            28 S EncryptedExtensions 4
            28 S Finished 5
            30 C ChangeCipherSpec 6
            30 C Finished 8
            31 S NewSessionTicket 9
            32 C ApplicationData 10
            33 S ApplicationData 10
            34 S Alert -
        """,
    },
}
