#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Check the test captures with tshark and (optionally) write pcaps/README.md.

    verify_captures.py --dir pcaps                      # check committed captures
    verify_captures.py --dir WORK --commands WORK/commands --readme WORK/README.md

Every capture is dissected twice (with its key log, and without), both with
tshark's two-pass mode (-2). The checks: handshake message types in frame
order (with keys / without keys), cipher suite and version, a close_notify
and a FIN from each side (no RST), the two TEST-NET
addresses and the server port, number of TCP connections, decrypted Finished
and application data only with keys, no malformed packets, no expert
warnings or errors, no bad IP/TCP checksum (checking enabled), file size, and a few per-capture properties (one record
for four messages, fragmented records, multi-segment Certificate, HRR random,
resumption). The UDP captures (DTLS, QUIC) have their own checks and tables
in verify_udp.py.

Any installed protocol whose filter name contains "tutor" (the project's own
plugin, if installed) is disabled, so that the tables show Wireshark's TLS
dissector only.
"""
import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import verify_udp

CLIENT_IP, SERVER_IP = "192.0.2.1", "192.0.2.2"
HRR_RANDOM = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c"
SIZE_LIMIT = 30000

HS_NAMES = {0: "HelloRequest", 1: "ClientHello", 2: "ServerHello", 4: "NewSessionTicket", 5: "EndOfEarlyData",
            8: "EncryptedExtensions", 11: "Certificate", 12: "ServerKeyExchange",
            13: "CertificateRequest", 14: "ServerHelloDone", 15: "CertificateVerify",
            16: "ClientKeyExchange", 20: "Finished", 24: "KeyUpdate", 25: "CompressedCertificate"}
CT_NAMES = {20: "CCS", 21: "Alert", 22: "HS", 23: "AppData"}
# SSL 2.0's message codes (draft-hickman-netscape-ssl-00, C.2): same field in
# Wireshark 4.0, other meanings.
SSL2_NAMES = {0: "ERROR", 1: "CLIENT-HELLO", 2: "CLIENT-MASTER-KEY", 3: "CLIENT-FINISHED",
              4: "SERVER-HELLO", 5: "SERVER-VERIFY", 6: "SERVER-FINISHED",
              7: "REQUEST-CERTIFICATE", 8: "CLIENT-CERTIFICATE"}

FULL_ECDHE = [1, 2, 11, 12, 14, 16, 20, 4, 20]
FULL_NO_TICKET = [1, 2, 11, 12, 14, 16, 20, 20]
TLS13_FULL = [1, 2, 8, 11, 15, 20, 20, 4, 4]
TLS13_PSK = [1, 2, 8, 20, 20, 4]
ALERT_NAMES = {0: "close_notify", 40: "handshake_failure", 48: "unknown_ca", 50: "decode_error",
               70: "protocol_version"}


def tls12_nokeys(types):
    """Without keys, a TLS 1.2 Finished is an untyped "Encrypted Handshake Message"."""
    return [t for t in types if t != 20]


# One entry per capture, in README order.
CAPTURES = [
    dict(name="tls12-ecdhe-rsa", title="TLS 1.2, ECDHE-RSA-AES128-GCM-SHA256",
         text="The reference full handshake: ECDHE key exchange signed with RSA, one "
              "NewSessionTicket (OpenSSL's default). OpenSSL writes every handshake message "
              "in its own TLS record; the server's first flight (4 records) fits in one TCP segment.",
         cipher="0xc02f", keys=FULL_ECDHE),
    dict(name="tls12-rsa", title="TLS 1.2, RSA key exchange (AES128-GCM-SHA256)",
         text="Static RSA key exchange: no ServerKeyExchange; the ClientKeyExchange carries the "
              "pre-master secret encrypted with the server's RSA key.",
         cipher="0x009c", keys=[1, 2, 11, 14, 16, 20, 4, 20]),
    dict(name="tls12-dhe", title="TLS 1.2, DHE-RSA-AES128-GCM-SHA256",
         text="Finite-field Diffie-Hellman (OpenSSL's automatic 2048-bit group). The larger "
              "ServerKeyExchange pushes the server flight into two TCP segments.",
         cipher="0x009e", keys=FULL_ECDHE),
    dict(name="tls12-client-cert", title="TLS 1.2, client certificate (ECDHE)",
         text="The server asks for a certificate (`-Verify 1`): CertificateRequest from the "
              "server; Certificate, ClientKeyExchange, CertificateVerify from the client. "
              "Both sides send their leaf plus the tutor-ca certificate (OpenSSL builds the chain "
              "from `-CAfile`), so both Certificate messages cross a TCP segment boundary.",
         cipher="0xc02f", keys=[1, 2, 11, 12, 13, 14, 11, 16, 15, 20, 4, 20]),
    dict(name="tls12-long-chain", title="TLS 1.2, long chain of 4096-bit certificates",
         text="The server sends three 4096-bit RSA certificates (server.tutor.test, "
              "tutor-long-int-2, tutor-long-int-1; the root tutor-long-root stays with the "
              "client). The Certificate message is ~4 KB and is reassembled from several TCP "
              "segments. Exempt from the 30 KB size limit (it is far below it anyway).",
         cipher="0xc02f", keys=FULL_ECDHE, size_limit=None, check="long_chain"),
    dict(name="tls12-maxfrag", title="TLS 1.2, handshake messages fragmented across records",
         text="`s_server -max_send_frag 512`: no server record carries more than 512 bytes of "
              "plaintext, so the Certificate message is split over two TLS records "
              "(Wireshark: \"Certificate (fragment)\" then \"Certificate (last fragment)\" with "
              "the reassembled Certificate).",
         cipher="0xc02f", keys=FULL_ECDHE, check="maxfrag"),
    dict(name="tls12-port8443", title="TLS 1.2 on TCP port 8443",
         text="Same as tls12-ecdhe-rsa, on port 8443, to test port scope. Wireshark 4.0 still "
              "dissects it as TLS (heuristic), so a port-scoped plugin must decide for itself.",
         cipher="0xc02f", keys=FULL_ECDHE, port=8443),
    dict(name="tls12-no-ticket-two-conns", title="TLS 1.2, two full handshakes, no ticket",
         text="Two consecutive TCP connections, each a full ECDHE handshake, `-no_ticket` on "
              "both sides: no session_ticket extension, no NewSessionTicket; the server's "
              "ChangeCipherSpec and Finished follow the client's Finished directly.",
         cipher="0xc02f", keys=FULL_NO_TICKET * 2, conns=2),
    dict(name="tls12-same-port-twice", title="TLS 1.2, two connections on the same ports",
         text="As tls12-no-ticket-two-conns, but both connections come from client port 50443 "
              "(`s_client -bind`), one after the other: the same addresses and ports twice. "
              "Wireshark's TCP starts a new conversation (and stream) at the second SYN and marks "
              "it \"TCP Port numbers reused\".",
         cipher="0xc02f", keys=FULL_NO_TICKET * 2, conns=2, check="same_port"),
    dict(name="tls12-ticket", title="TLS 1.2, one full handshake with NewSessionTicket",
         text="OpenSSL's default: the client sends an empty session_ticket extension, the "
              "server answers with NewSessionTicket before its ChangeCipherSpec. (The "
              "ServerHello's session ID is empty because the session lives in the ticket.)",
         cipher="0xc02f", keys=FULL_ECDHE),
    dict(name="tls12-gnutls", title="TLS 1.2, GnuTLS (gnutls-serv + gnutls-cli)",
         text="Another stack, forced to TLS 1.2 and ECDHE-RSA. GnuTLS 3.7.9 also writes one "
              "handshake message per record. gnutls-serv runs in echo mode, so the server's "
              "reply is the client's request echoed back; the client closes after 1 s "
              "(close_notify both ways, then FIN both ways). Key log from SSLKEYLOGFILE.",
         cipher="0xc030", keys=FULL_ECDHE),
    dict(name="tls12-coalesced", title="TLS 1.2, four handshake messages in ONE record (rewritten)",
         text="tls12-ecdhe-rsa.pcapng rewritten by `coalesce.py`: the server's ServerHello, "
              "Certificate, ServerKeyExchange and ServerHelloDone sit in a single TLS record "
              "(one record header whose length covers all four messages), as stacks other than "
              "OpenSSL do. The handshake bytes are unchanged, so the same key log decrypts it "
              "(`tls12-coalesced.keys` is a copy of `tls12-ecdhe-rsa.keys`). TCP sequence and "
              "acknowledgement numbers, IP lengths and checksums were recomputed; the server's "
              "stream is 15 bytes shorter. Only packet bytes changed: timestamps, frame count "
              "and the pcapng headers are dumpcap's.",
         cipher="0xc02f", keys=FULL_ECDHE, check="coalesced"),
    dict(name="tls13", title="TLS 1.3 (OpenSSL defaults)",
         text="A TLS 1.3 handshake with OpenSSL's defaults (X25519, TLS_AES_256_GCM_SHA384, "
              "middlebox-compatibility ChangeCipherSpec records). Without keys only "
              "ClientHello and ServerHello are visible; everything after is opaque "
              "Application Data. Two NewSessionTickets after the handshake.",
         cipher="0x1302", version="1.3", keys=[1, 2, 8, 11, 15, 20, 20, 4, 4], nokeys=[1, 2]),
    dict(name="tls13-hrr", title="TLS 1.3 with HelloRetryRequest",
         text="The client's key share is X25519, the server accepts only P-256: the server "
              "answers with a HelloRetryRequest (a ServerHello, `tls.handshake.type == 2`, "
              "with the special random of RFC 8446 4.1.3) and the client sends a second "
              "ClientHello.",
         cipher="0x1302", version="1.3", keys=[1, 2, 1, 2, 8, 11, 15, 20, 20, 4, 4],
         nokeys=[1, 2, 1, 2], check="hrr"),
    dict(name="tls12-resumed-id", title="TLS 1.2, resumption by session ID",
         text="Connection 1: full handshake with `-no_ticket`, session saved with `-sess_out`. "
              "Connection 2: `-sess_in`, the client offers the session ID, the server accepts: "
              "abbreviated handshake (ServerHello, server ChangeCipherSpec + Finished, then "
              "the client's).",
         cipher="0xc02f", keys=FULL_NO_TICKET + [1, 2, 20, 20], conns=2, check="resumed"),
    dict(name="tls12-resumed-ticket", title="TLS 1.2, resumption by session ticket",
         text="Connection 1: full handshake, the server issues a NewSessionTicket, saved with "
              "`-sess_out`. Connection 2: `-sess_in`, the client sends the ticket in its "
              "ClientHello, the server accepts it: abbreviated handshake, no new ticket.",
         cipher="0xc02f", keys=FULL_ECDHE + [1, 2, 20, 20], conns=2, check="resumed"),
    # ---- Added later (make_captures.sh --new makes only these) ----
    dict(name="tls13-client-auth", title="TLS 1.3, client certificate",
         text="`s_server -Verify 1`: the server's encrypted flight carries a CertificateRequest "
              "after EncryptedExtensions; the client answers with Certificate, CertificateVerify "
              "and Finished (all encrypted with the handshake keys). Without keys the server's "
              "CertificateRequest and the client's certificate are invisible.",
         cipher="0x1302", version="1.3", keys=[1, 2, 8, 13, 11, 15, 20, 11, 15, 20, 4, 4], nokeys=[1, 2]),
    dict(name="tls13-psk", title="TLS 1.3, resumption with a PSK (two connections)",
         text="Connection 1: full TLS 1.3 handshake, the client saves the last NewSessionTicket "
              "(`-sess_out`). Connection 2: `-sess_in`, the client offers the ticket as a PSK "
              "(pre_shared_key extension, psk_dhe_ke), the server accepts (pre_shared_key in its "
              "ServerHello): no Certificate, no CertificateVerify; the server issues one new ticket.",
         cipher="0x1302", version="1.3", keys=TLS13_FULL + TLS13_PSK, nokeys=[1, 2, 1, 2], conns=2,
         check="psk"),
    dict(name="tls13-early-data", title="TLS 1.3, 0-RTT early data",
         text="`s_server -early_data` in its default mode (it does not read early data with "
              "`-HTTP`; it sends what arrives on its stdin, here a FIFO the script writes the reply "
              "into). Connection 1: full handshake, ticket saved. Connection 2: `-sess_in` and "
              "`-early_data early.txt`: the ClientHello (early_data extension) is followed in the "
              "same TCP segment by a ChangeCipherSpec and the GET request as 0-RTT Application "
              "Data (encrypted with the client_early_traffic_secret); the server accepts "
              "(early_data in EncryptedExtensions), the client sends EndOfEarlyData then Finished. "
              "In both connections the client sends the first close_notify (its stdin ends).",
         cipher="0x1302", version="1.3", keys=TLS13_FULL + [1, 2, 8, 20, 5, 20, 4],
         nokeys=[1, 2, 1, 2], conns=2, check="early_data"),
    dict(name="tls13-keyupdate", title="TLS 1.3, KeyUpdate",
         text="After the handshake the client gets the line `K` on its stdin (s_client command: "
              "KeyUpdate with update_requested) and sends a KeyUpdate, then the GET request under "
              "its next traffic key. The server answers the request for an update with its own "
              "KeyUpdate (update_not_requested) before the HTTP response. Both KeyUpdates and "
              "everything after them decrypt with the key log (Wireshark derives the next "
              "secrets itself; the key log holds only *_TRAFFIC_SECRET_0).",
         cipher="0x1302", version="1.3", keys=TLS13_FULL + [24, 24], nokeys=[1, 2], check="keyupdate"),
    dict(name="tls12-renegotiation", title="TLS 1.2, client-initiated renegotiation",
         text="After the handshake the client gets the line `R` on its stdin (s_client command: "
              "renegotiate): a second full handshake (ClientHello ... Finished, with a new "
              "NewSessionTicket) runs inside the encrypted connection, then the HTTP exchange. "
              "OpenSSL 3 servers refuse client-initiated renegotiation unless "
              "`-client_renegotiation`. Without keys the whole second handshake is \"Encrypted "
              "Handshake Message\" plus a ChangeCipherSpec in each direction. The key log has two "
              "CLIENT_RANDOM lines, one per handshake.",
         cipher="0xc02f", keys=FULL_ECDHE * 2, nokeys=[1, 2, 11, 12, 14, 16, 4], finished=4, handshakes=2,
         check="renegotiation"),
    dict(name="tls12-hello-request", title="TLS 1.2, server-initiated renegotiation (HelloRequest)",
         text="s_server in its default mode (stdin from a FIFO). After the GET arrives the server "
              "gets the line `r` (s_server command: renegotiate): it sends an encrypted "
              "HelloRequest; the client answers with a new ClientHello offering its session "
              "ticket and the server resumes it, so the renegotiation is abbreviated (ServerHello, "
              "ChangeCipherSpec, Finished; ChangeCipherSpec, Finished). Then the server sends the "
              "reply. The client sends the first close_notify. Two CLIENT_RANDOM lines in the key log (the "
              "second handshake has its own randoms, same master secret).",
         cipher="0xc02f", keys=FULL_ECDHE + [0, 1, 2, 20, 20], nokeys=[1, 2, 11, 12, 14, 16, 4],
         finished=4, handshakes=2, check="hello_request"),
    dict(name="tls12-alert-handshake-failure", title="TLS 1.2, fatal handshake_failure alert (no shared cipher suite)",
         text="The server allows only ECDHE-RSA-AES128-GCM-SHA256, the client offers only "
              "ECDHE-RSA-AES256-GCM-SHA384 (and the signalling suite TLS_EMPTY_RENEGOTIATION_INFO_SCSV): the server "
              "answers the ClientHello with a plaintext fatal alert handshake_failure (40) and "
              "closes; no ServerHello. The key log is empty (just OpenSSL's comment line): no "
              "secret was ever derived. No close_notify; FIN both ways (in either order).",
         cipher=None, keys=[1], nokeys=[1], finished=0, handshakes=0, http=False,
         alerts=[("S", 40)]),
    dict(name="tls12-alert-unknown-ca", title="TLS 1.2, fatal unknown_ca alert from the client",
         text="The client verifies the server against `tutor-other-ca` (`-CAfile other-ca.pem "
              "-verify_return_error`), which did not sign the server's certificate: after the "
              "server's first flight the client sends a plaintext fatal alert unknown_ca (48) "
              "instead of its ClientKeyExchange, and closes. Empty key log.",
         cipher="0xc02f", keys=[1, 2, 11, 12, 14], nokeys=[1, 2, 11, 12, 14], finished=0, handshakes=0,
         http=False, alerts=[("C", 48)]),
    dict(name="tls13-alert-protocol-version", title="TLS 1.3-only server, TLS 1.2-only client: protocol_version alert",
         text="`s_server -tls1_3`, `s_client -tls1_2`: the ClientHello has no supported_versions "
              "extension (legacy version TLS 1.2 only), the server answers with a plaintext fatal "
              "alert protocol_version (70). No ServerHello, empty key log, FIN both ways.",
         cipher=None, keys=[1], nokeys=[1], finished=0, handshakes=0, http=False,
         alerts=[("S", 70)]),
    dict(name="tls12-closed-mid-handshake", title="TLS 1.2, client closes TCP after the server's first flight",
         text="`hello_then_close.py`: Python's ssl module (OpenSSL) builds a real ClientHello in "
              "memory, the script sends it, reads the server's flight up to ServerHelloDone, then "
              "closes its sending side (FIN) without ClientKeyExchange and without any alert. The "
              "server runs with `-ignore_unexpected_eof`: by default OpenSSL 3 answers that FIN "
              "with a fatal decode_error alert (50); with the option it just closes (FIN). No "
              "alert at all in the file. The key log holds only Python's comment line: the client "
              "never derived a secret.",
         cipher="0xc02f", keys=[1, 2, 11, 12, 14], nokeys=[1, 2, 11, 12, 14], finished=0, handshakes=0,
         http=False, alerts=[], check="closed_mid"),
    dict(name="tls10", title="TLS 1.0, ECDHE-RSA-AES128-SHA",
         text="`-tls1` on both sides, `@SECLEVEL=0` (OpenSSL 3 refuses TLS 1.0 otherwise: its "
              "ServerKeyExchange signature is MD5+SHA-1). Record versions 0x0301, AES-128-CBC with "
              "HMAC-SHA1, encrypt_then_mac negotiated (OpenSSL's default for CBC suites). Each "
              "Application Data write becomes two records (OpenSSL's empty-fragment countermeasure "
              "against BEAST: the first record holds no data, only padding and MAC).",
         cipher="0xc013", version="1.0", keys=FULL_ECDHE),
    dict(name="tls11", title="TLS 1.1, ECDHE-RSA-AES128-SHA",
         text="`-tls1_1` on both sides, `@SECLEVEL=0`. Record versions 0x0302; CBC records carry an "
              "explicit IV, so no empty-fragment record as in TLS 1.0. encrypt_then_mac negotiated.",
         cipher="0xc013", version="1.1", keys=FULL_ECDHE),
    dict(name="tls13-gnutls", title="TLS 1.3, GnuTLS (gnutls-serv + gnutls-cli)",
         text="GnuTLS 3.7.9 on both sides, TLS 1.3 only, otherwise defaults: the client sends key "
              "shares for SECP256R1 and X25519, the server picks SECP256R1; "
              "TLS_AES_256_GCM_SHA384; CertificateVerify rsa_pss_rsae_sha256. Unlike OpenSSL, the "
              "server's ServerHello + ChangeCipherSpec and its encrypted flight may go in separate "
              "TCP segments, and the client sends its ChangeCipherSpec in a segment of its own. "
              "Two NewSessionTickets in one segment; GnuTLS may send them before the client's "
              "Finished arrives (a race: both orders are accepted by the checks). Echo mode "
              "(the server's Application Data is the request echoed back), the client closes "
              "after 1 s. SSLKEYLOGFILE key log.",
         cipher="0x1302", version="1.3", keys=TLS13_FULL, nokeys=[1, 2],
         alt_keys=[[1, 2, 8, 11, 15, 20, 4, 4, 20]]),
    dict(name="tls13-gnutls-hrr", title="TLS 1.3, GnuTLS with HelloRetryRequest",
         text="gnutls-serv allows only SECP256R1; gnutls-cli prefers X25519, SECP384R1, SECP256R1 "
              "and sends key shares for its first two groups of different kinds (X25519, "
              "SECP384R1) only: HelloRetryRequest, then the server's compatibility "
              "ChangeCipherSpec, a second ClientHello with a SECP256R1 share, the server's flight "
              "(no second ChangeCipherSpec). Here the server's two NewSessionTickets come before "
              "the client's Finished, which shares a TCP segment with the GET request (a race: "
              "both orders are accepted by the checks).",
         cipher="0x1302", version="1.3", keys=[1, 2, 1, 2, 8, 11, 15, 20, 4, 4, 20],
         alt_keys=[[1, 2, 1, 2, 8, 11, 15, 20, 20, 4, 4]], nokeys=[1, 2, 1, 2], check="hrr"),
    dict(name="tls12-expired-cert", title="TLS 1.2, expired server certificate",
         text="The server's certificate (CN and SAN server.tutor.test, RSA 2048, signed by tutor-ca "
              "with SHA-256, made with `openssl ca -startdate/-enddate`) is valid from "
              "2020-01-01 00:00:00 UTC to 2021-01-01 00:00:00 UTC, long before the capture. The "
              "client verifies without `-verify_return_error`: it reports \"certificate has "
              "expired\" (X509 error 10) and goes on; nothing on the wire shows its complaint. "
              "Otherwise as tls12-ecdhe-rsa.",
         cipher="0xc02f", keys=FULL_ECDHE, check="expired"),
    dict(name="tls12-self-signed", title="TLS 1.2, self-signed server certificate",
         text="The server sends a single certificate whose subject and issuer are both "
              "CN=selfsigned.tutor.test (RSA 2048, SHA-256, SAN DNS:selfsigned.tutor.test, "
              "CA:FALSE). The client sends SNI selfsigned.tutor.test and verifies without "
              "`-verify_return_error`: \"self-signed certificate\" (X509 error 18), and goes on.",
         cipher="0xc02f", keys=FULL_ECDHE, check="self_signed"),
    dict(name="tls12-weak-3des", title="TLS 1.2, TLS_RSA_WITH_3DES_EDE_CBC_SHA (weak cipher suite)",
         text="OpenSSL 3.0 on Debian 12 has no 3DES cipher suite at all (`DES-CBC3-SHA:@SECLEVEL=0` "
              "and `ECDHE-RSA-DES-CBC3-SHA:@SECLEVEL=0`: \"no cipher match\"), so GnuTLS 3.7.9 on "
              "both sides, each allowing only TLS 1.2, RSA key exchange, 3DES-CBC and HMAC-SHA1: "
              "the ClientHello offers that one suite (plus the renegotiation SCSV). Static RSA key "
              "exchange (no ServerKeyExchange), 64-bit-block CBC records (Sweet32). Echo mode as "
              "in tls12-gnutls. SSLKEYLOGFILE key log.",
         cipher="0x000a", keys=[1, 2, 11, 14, 16, 20, 4, 20]),
    dict(name="tls12-sha1-cert", title="TLS 1.2, server certificate signed with SHA-1",
         text="tutor-ca signed the server's certificate with sha1WithRSAEncryption "
              "(`openssl x509 -req -sha1`). OpenSSL 3.0 refuses it at its default security "
              "level (the server: \"ca md too weak\"; the client: X509 error 68) so both sides "
              "run at `@SECLEVEL=0`, and the client then verifies it with `-verify_return_error`.",
         cipher="0xc02f", keys=FULL_ECDHE, check="sha1_cert"),
    dict(name="sslv2-client-hello", title="SSLv2-format ClientHello answered with TLS 1.2",
         text="`sslv2_hello.py` sends a ClientHello in the SSL 2.0 record format that TLS servers "
              "accept from old clients (RFC 5246 appendix E.2): a 2-byte record header with the high "
              "bit set (0x8035, length 53), msg_type 1, version 0x0303, cipher_spec_length 12, "
              "session_id_length 0, challenge_length 32, four 3-byte cipher specs (0x00c02f, "
              "0x00009c, 0x00002f, 0x0000ff) and a 32-byte challenge; no extensions are possible. "
              "Wireshark shows it as \"SSLv2 Record Layer: Client Hello\" (record version 0x0002, "
              "`tls.handshake.type == 1`, `tls.handshake.cipherspec`, `tls.handshake.challenge`; no "
              "`tls.record.content_type`). OpenSSL 3.0 `s_server` answers in the TLS 1.2 record "
              "format: ServerHello, Certificate, ServerHelloDone, each in its own record. Without "
              "signature_algorithms it assumes SHA-1 signatures, allowed only at `@SECLEVEL=0`, and "
              "it agrees to no ECDHE suite (\"no shared cipher\"), so the server allows only "
              "AES128-GCM-SHA256 (RSA key exchange, no ServerKeyExchange). After one second the "
              "client closes (FIN) without ClientKeyExchange or alert; the server "
              "(`-ignore_unexpected_eof`) closes too. The key log holds only the script's comment "
              "line.",
         cipher="0x009c", keys=[1, 2, 11, 14], nokeys=[1, 2, 11, 14], finished=0, handshakes=0,
         http=False, alerts=[], check="sslv2"),
    dict(name="sslv2-handshake", title="SSL 2.0 handshake and data (synthetic)",
         text="A pure SSL 2.0 connection. No TLS stack here speaks SSL 2.0 (OpenSSL removed it in 1.1.0, "
              "GnuTLS never had it, RFC 6176 forbids negotiating it), so `sslv2_handshake.py` plays both "
              "sides and writes every byte from the SSL 2.0 specification (draft-hickman-netscape-ssl-00); "
              "only the certificate is made by openssl (a self-signed version 1 certificate, RSA 1024, "
              "md5WithRSAEncryption, CN=server.tutor.test). TCP handshake; CLIENT-HELLO (version 0x0002, "
              "five cipher specs, 16-byte challenge, no session ID); SERVER-HELLO (session-id-hit 0, the "
              "certificate, the two export cipher specs the server keeps, a 16-byte connection-id); "
              "CLIENT-MASTER-KEY (SSL2_RC4_128_EXPORT40_WITH_MD5: 11 clear bytes of the master key and "
              "its 5 secret bytes encrypted with the certificate's RSA key by `openssl pkeyutl`, "
              "PKCS#1) followed in the same segment by the encrypted CLIENT-FINISHED; the encrypted "
              "SERVER-VERIFY and SERVER-FINISHED in one segment; then an HTTP/1.0 request and its "
              "response, encrypted; the server closes (FIN), then the client. The encryption is the "
              "specification's (RC4 with MD5-derived session keys, MD5 MACs, sequence numbers from the "
              "hellos on); the script decrypts every record again and checks the MACs. The master key, "
              "challenge, connection-id, ports and TCP sequence numbers come from a fixed seed (the "
              "encrypted records are the same on every run); the script fails if an encrypted record "
              "starts with a byte from 0 to 8, which Wireshark could read as an SSL 2.0 message code. "
              "Wireshark 4.0 decodes the three messages sent in the clear and shows every encrypted "
              "record as \"Encrypted Data\" (it does not decrypt SSL 2.0). The key log holds only "
              "comment lines: there is no key log format for SSL 2.0.",
         cipher=None, keys=[1, 4, 2], nokeys=[1, 4, 2], finished=0, handshakes=0,
         http=False, alerts=[], ssl2=True, check="sslv2_handshake"),
    dict(name="tls12-cert-no-cn", title="TLS 1.2, certificate names without a common name",
         text="Neither name of the server's certificate has a common name (CN): its subject is "
              "C=JP, O=Tutor Web Org (SAN DNS:server.tutor.test), its issuer a CA named "
              "C=JP, OU=Tutor Lab CA, without an organisation either (RSA 2048, SHA-256). The "
              "server sends the CA's self-signed certificate after its own (`-cert_chain`), so "
              "that name is in the capture as a subject too; the client verifies against that "
              "CA with `-verify_return_error`. Otherwise as tls12-ecdhe-rsa.",
         cipher="0xc02f", keys=FULL_ECDHE, check="no_cn"),
    dict(name="tls12-anon-dh", title="TLS 1.2, TLS_DH_anon_WITH_AES_128_GCM_SHA256 (anonymous)",
         text="An anonymous cipher suite: no certificate on either side (`s_server -nocert`), the "
              "server's ServerKeyExchange carries finite-field Diffie-Hellman parameters without a "
              "signature (RFC 5246 7.4.3). OpenSSL 3.0 allows anonymous suites only at `@SECLEVEL=0`, "
              "on both sides; the client offers only that suite. With an anonymous suite OpenSSL picks "
              "a 1024-bit group. The client verifies nothing: there is no certificate.",
         cipher="0x00a6", keys=[1, 2, 12, 14, 16, 20, 4, 20]),
    dict(name="tls12-psk", title="TLS 1.2, TLS_PSK_WITH_AES_128_GCM_SHA256 (pre-shared key, no hint)",
         text="Plain PSK key exchange (RFC 4279 2): both sides hold the same 16-byte key (`-psk`, hex) "
              "and the client names it by its identity `tutor-client` in the ClientKeyExchange. The "
              "server has no certificate and gives no identity hint, so it sends neither Certificate "
              "nor ServerKeyExchange: its first flight is ServerHello and ServerHelloDone.",
         cipher="0x00a8", keys=[1, 2, 14, 16, 20, 4, 20]),
    dict(name="tls12-ecdhe-psk", title="TLS 1.2, TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
         text="ECDHE_PSK key exchange (RFC 5489): the ServerKeyExchange carries the identity hint "
              "`tutor-hint` (`-psk_hint`) and the server's ephemeral ECDH public value, not signed; "
              "the pre-shared key and the ECDH secret both go into the premaster secret. No "
              "certificate. CBC records with HMAC-SHA256.",
         cipher="0xc037", keys=[1, 2, 12, 14, 16, 20, 4, 20]),
    dict(name="tls12-null", title="TLS 1.2, TLS_RSA_WITH_NULL_SHA256 (no encryption)",
         text="A NULL-cipher suite (RFC 5246 A.5), allowed by OpenSSL 3.0 only at `@SECLEVEL=0` on "
              "both sides: RSA key exchange, and the records after each ChangeCipherSpec are "
              "authenticated with HMAC-SHA256 but not encrypted. The HTTP request and response "
              "travel in clear text inside Application Data records: Wireshark shows both "
              "Finished messages and the HTTP request and response without the key log too.",
         cipher="0x003b", keys=[1, 2, 11, 14, 16, 20, 4, 20], null=True),
    dict(name="tls13-chromium", title="TLS 1.3, Chromium against OpenSSL 3.0",
         text="Debian's Chromium 156, headless (`--dump-dom`), fetches https://server.tutor.test/hello.txt "
              "from `s_server -HTTP`; key log from SSLKEYLOGFILE. Its ClientHello is a browser's: "
              "GREASE values (RFC 8701) among the cipher suites, extensions, groups, key shares, "
              "supported_versions and signature algorithms; key shares for X25519MLKEM768 "
              "(0x11ec, 1216 bytes: an ML-KEM-768 encapsulation key and an X25519 share) and "
              "x25519; an encrypted_client_hello extension (0xfe0d) that is GREASE, since "
              "nothing here publishes an ECH configuration; compress_certificate (brotli). "
              "OpenSSL 3.0 knows none of these and chooses x25519 and TLS_AES_128_GCM_SHA256. "
              "Chromium opens a second connection at once (for /favicon.ico, or closed unused): the "
              "capture keeps only the first, the page's (`tshark -Y \"tcp.stream == 0\" -w`). "
              "Chromium closes with a FIN and no close_notify.",
         cipher="0x1301", version="1.3", alerts=[("S", 0)], keys=TLS13_FULL, nokeys=[1, 2]),
    dict(name="tls13-chromium-mlkem", title="TLS 1.3, Chromium against OpenSSL 3.5: X25519MLKEM768 chosen",
         text="The same browser against Debian 13's OpenSSL 3.5 (`get_openssl35.sh`), "
              "`-groups X25519MLKEM768:x25519`: the server chooses the post-quantum hybrid "
              "X25519MLKEM768 and its key share is 1120 bytes (an ML-KEM-768 ciphertext and an "
              "X25519 share). Wireshark 4.0 shows the group only as a number (4588, 0x11ec). "
              "Debian's OpenSSL has no brotli, Chromium offers only brotli: the certificate is "
              "not compressed. Only the first connection is kept, as in `tls13-chromium`.",
         cipher="0x1301", version="1.3", alerts=[("S", 0)], keys=TLS13_FULL, nokeys=[1, 2]),
    dict(name="tls13-cert-compressed", title="TLS 1.3, compressed certificate (OpenSSL 3.5)",
         text="OpenSSL 3.5 on both sides (`get_openssl35.sh`). The client offers certificate "
              "compression (compress_certificate, RFC 8879) and the server, started with "
              "`-cert_comp`, sends its chain (leaf + tutor-ca) as a CompressedCertificate "
              "(handshake type 25) instead of a Certificate. OpenSSL 3.5's default groups: the key "
              "share is X25519MLKEM768.",
         cipher="0x1302", version="1.3", keys=[1, 2, 8, 25, 15, 20, 20, 4, 4], nokeys=[1, 2],
         size_limit=40000),
]


# The UDP captures (DTLS, QUIC) come last, in README order too.
ALL_CAPTURES = CAPTURES + verify_udp.CAPTURES
# Real browsers (make_browser_captures.sh). Their own checks (check_browser):
# QUIC or TCP, HTTP/3, HTTP/2 or HTTP/1.1, and no close_notify/FIN rule.
TLS13_GO = [1, 2, 8, 11, 15, 20, 4, 20]   # Go (caddy) sends its ticket before the client's Finished arrives
BROWSER_CAPTURES = [
    dict(name="browser-chromium-h3", title="Chromium 156 over HTTP/3 (QUIC) to caddy 2.6.2",
         text="Debian's `chromium --headless=new --dump-dom` with `--origin-to-force-quic-on`: the only "
              "connection is QUIC version 1 on UDP 443 (the capture filter also takes TCP 443: there is "
              "no TCP fallback). The TLS 1.3 handshake travels in QUIC CRYPTO frames, not TLS records: "
              "Wireshark shows the messages as `tls.handshake.*` fields inside `quic` (a `tls` layer in "
              "a CRYPTO frame). The ClientHello (about 2 KB: X25519MLKEM768's 1216-byte key share) does "
              "not fit one datagram: Chromium cuts it into many small CRYPTO frames in shuffled order "
              "over two Initial packets, mixed with PING and PADDING frames (its \"chaos protection\"); "
              "Wireshark reassembles it in the second packet. Initial packets decrypt without a key "
              "(their keys come from the client's first destination connection ID), so ClientHello "
              "and ServerHello are visible without the key log; EncryptedExtensions, Certificate, "
              "CertificateVerify and both Finished are in Handshake packets, and the NewSessionTicket "
              "and HTTP/3 in 1-RTT (short header) packets, all readable only with the key log. "
              "The server's flight is coalesced: one datagram holds its Initial (ServerHello) and "
              "a Handshake packet; the next one the rest of the Handshake data and a 1-RTT packet. "
              "caddy (Go crypto/tls) does not compress certificates. The page arrives (HTTP/3 HEADERS "
              "and DATA from the server); Chromium closes with CONNECTION_CLOSE when it exits. (With "
              "`--ignore-certificate-errors` instead of a trusted CA, HTTP/3 fails: Chromium's QUIC "
              "still verifies the certificate and closes the connection in a Handshake packet, "
              "CONNECTION_CLOSE with crypto error 0x12e, i.e. TLS alert 46 certificate_unknown, "
              "\"CERTIFICATE_VERIFY_FAILED\"; the page load fails with ERR_QUIC_PROTOCOL_ERROR. Over "
              "TCP the same flag works. The certificate type does not matter: ECDSA P-256 works too.)",
         transport="quic", app="http3", keys=[1, 2, 8, 11, 15, 20, 20, 4], nokeys=[1, 2]),
    dict(name="browser-chromium-tcp", title="Chromium 156 over HTTP/2 (TLS over TCP) to caddy 2.6.2",
         text="The same page with `--disable-quic`: one TCP connection, TLS 1.3, ALPN h2. Chromium's "
              "ClientHello (about 1.9 KB) takes two TCP segments. caddy (Go crypto/tls) writes "
              "ServerHello, ChangeCipherSpec and the encrypted flight in one TCP segment and sends "
              "its NewSessionTicket without waiting for the client's Finished (so it usually comes "
              "first; both orders are accepted).",
         transport="tcp", app="http2", keys=TLS13_GO, alt_keys=[[1, 2, 8, 11, 15, 20, 20, 4]], nokeys=[1, 2]),
    dict(name="browser-firefox-tcp", title="Firefox ESR 153 over HTTP/2 (TLS over TCP) to nginx 1.22",
         text="Debian's `firefox-esr --headless --screenshot` with a profile whose cert9.db trusts the "
              "test CA and whose user.js switches off speculative connections (else Firefox opens a "
              "second connection at once). Firefox's NSS writes the SSLKEYLOGFILE key log. One TCP "
              "connection, TLS 1.3 (nginx 1.22 needs `ssl_protocols TLSv1.2 TLSv1.3`: its default "
              "has no TLS 1.3), ALPN h2. OpenSSL (nginx) sends two NewSessionTickets after the "
              "client's Finished. Firefox offers no GREASE, but record_size_limit (28), "
              "delegated_credentials (34), compress_certificate (27) and an ECH GREASE extension "
              "(0xfe0d).",
         transport="tcp", app="http2", keys=TLS13_FULL, nokeys=[1, 2]),
    dict(name="browser-chromium-resumed", title="Chromium 156, two TCP connections, the second resumes (TLS 1.3 PSK)",
         text="Chromium fetches `resumed.html` from nginx over HTTP/1.1 (nginx here without http2, "
              "`keepalive_timeout 0`, so it closes each connection after one response). 500 ms later "
              "the page's script fetches `/second.txt` (`--virtual-time-budget` makes `--dump-dom` "
              "wait for it): a second TLS connection, whose ClientHello offers a ticket from the "
              "first connection (pre_shared_key, psk_dhe_ke) and whose ServerHello accepts it "
              "(pre_shared_key, selected identity 0): no Certificate, no CertificateVerify. Network "
              "prediction is off in the profile's Preferences (else Chromium opens a spare "
              "connection at once and no resumption is needed).",
         transport="tcp", app="http", keys=TLS13_FULL + TLS13_PSK, nokeys=[1, 2, 1, 2], conns=2,
         check="psk"),
]
BROWSER_SIZE_LIMIT = 40000
QUIC_TYPES = {0: "Initial", 1: "0-RTT", 2: "Handshake", 3: "Retry"}


class Failure(Exception):
    pass


class Tshark:
    def __init__(self):
        self.disable = []
        out = self.run(["-G", "protocols"])
        for line in out.splitlines():
            cols = line.split("\t")
            if len(cols) >= 3 and "tutor" in cols[2].lower():
                self.disable += ["--disable-protocol", cols[2]]

    @staticmethod
    def run(args):
        env = dict(os.environ, TZ="UTC")
        p = subprocess.run(["tshark"] + args, capture_output=True, text=True, env=env)
        if p.returncode != 0:
            raise Failure("tshark %s failed: %s" % (" ".join(args), p.stderr.strip()))
        return p.stdout

    def read(self, pcap, keys, extra):
        args = ["-n", "-2", "-r", pcap, "-o", "ip.check_checksum:TRUE",
                "-o", "tcp.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE"] + self.disable
        if keys:
            args += ["-o", "tls.keylog_file:" + os.path.abspath(keys)]
        return self.run(args + extra)

    def fields(self, pcap, keys, fields, dfilter=None, extra=()):
        extra = list(extra) + ["-T", "fields", "-E", "separator=\t", "-E", "occurrence=a", "-E", "aggregator=,"]
        for f in fields:
            extra += ["-e", f]
        if dfilter:
            extra += ["-Y", dfilter]
        rows = []
        for line in self.read(pcap, keys, extra).splitlines():
            cols = line.split("\t")
            cols += [""] * (len(fields) - len(cols))
            rows.append(dict(zip(fields, cols)))
        return rows

    def pdml(self, pcap, keys, dfilter):
        return ET.fromstring(self.read(pcap, keys, ["-T", "pdml", "-Y", dfilter]))


def ints(s, base=10):
    return [int(x, base) for x in s.split(",") if x != ""]


def describe_records(packet):
    """Records of one frame as text: HS[Server Hello]; CCS; HS[...].

    A record whose bytes TCP reassembled from several frames is followed by
    "{frames 6+8+10}". Also returns the largest number of complete handshake
    messages found in one record of the frame.
    """
    parts = []
    most = 0
    segments = None
    for proto in packet.findall("proto"):
        seg = proto.find("field[@name='tcp.segments']")
        if seg is not None:
            segments = [f.get("show") for f in seg.findall("field[@name='tcp.segment']")]
            continue
        if proto.get("name") != "tls":
            continue
        for rec in proto.iter("field"):
            if rec.get("name") != "tls.record":
                continue
            ct = opaque = None
            msgs = []
            if [c.get("show") for c in rec
                    if c.get("name") == "tls.record.version"] == ["0x0002"]:
                # SSLv2 record format: no content type, the message type is in the record.
                label = rec.get("showname", "").replace("SSLv2 Record Layer: ", "")
                text = "SSLv2[%s]" % label
                if segments:
                    text += " {frames %s}" % "+".join(segments)
                parts.append(text)
                continue
            after_fragments = False
            for child in rec:
                n = child.get("name")
                if n == "tls.record.content_type":
                    ct = int(child.get("show"))
                elif n == "tls.record.opaque_type":
                    opaque = int(child.get("show"))
                elif n == "tls.handshake.fragments":
                    after_fragments = True
                elif n == "tls.handshake":
                    label = child.get("showname", "").replace("Handshake Protocol: ", "")
                    if after_fragments:
                        label = "reassembled " + label
                    msgs.append(label)
            if ct is None and opaque is not None:
                text = "AppData(opaque)"
            else:
                text = ("enc-" if opaque is not None else "") + CT_NAMES.get(ct, str(ct))
                if msgs:
                    text += "[" + ", ".join(msgs) + "]"
            if segments:
                text += " {frames %s}" % "+".join(segments)
            parts.append(text)
            most = max(most, sum(1 for m in msgs if "fragment)" not in m))
        segments = None
    return "; ".join(parts), most


def check_capture(ts, d, spec, problems):
    name = spec["name"]
    pcap = os.path.join(d, name + ".pcapng")
    keys = os.path.join(d, name + ".keys")
    port = spec.get("port", 443)
    conns = spec.get("conns", 1)
    version = spec.get("version", "1.2")
    want_keys = spec["keys"]
    # A NULL cipher encrypts nothing: Wireshark reads every record without keys.
    null = spec.get("null", False)
    want_nokeys = spec.get("nokeys", want_keys if null else tls12_nokeys(want_keys))

    def need(cond, msg):
        if not cond:
            problems.append("%s: %s" % (name, msg))
        return cond

    for f in (pcap, keys):
        if not need(os.path.isfile(f), "missing " + os.path.basename(f)):
            return None
    size = os.path.getsize(pcap)
    limit = spec.get("size_limit", SIZE_LIMIT)
    if limit:
        need(size < limit, "file is %d bytes (limit %d)" % (size, limit))

    fields = ["frame.number", "ip.src", "ip.dst", "tcp.srcport", "tcp.dstport", "tcp.len",
              "tcp.flags.syn", "tcp.flags.ack", "tcp.reassembled_in", "tls.record.content_type",
              "tls.handshake.type", "http.request", "http.response", "_ws.col.Info"]
    with_k = ts.fields(pcap, keys, fields)
    without = ts.fields(pcap, None, fields)
    need(len(with_k) == len(without), "frame count differs with/without keys")

    # Addresses, ports, connections.
    for r in with_k:
        ends = {(r["ip.src"], r["tcp.srcport"]), (r["ip.dst"], r["tcp.dstport"])}
        if not need((SERVER_IP, str(port)) in ends and {a for a, _ in ends} == {CLIENT_IP, SERVER_IP},
                    "frame %s is not %s <-> %s:%d" % (r["frame.number"], CLIENT_IP, SERVER_IP, port)):
            break
    syns = [r for r in with_k if r["tcp.flags.syn"] in ("1", "True") and r["tcp.flags.ack"] in ("0", "False")]
    need(len(syns) == conns, "%d TCP connections, expected %d" % (len(syns), conns))
    fins = ts.fields(pcap, None, ["frame.number"], "tcp.flags.fin == 1")
    rsts = ts.fields(pcap, None, ["frame.number"], "tcp.flags.reset == 1")
    need(len(fins) == 2 * conns and not rsts, "not closed cleanly: %d FIN, %d RST" % (len(fins), len(rsts)))
    alerts = ts.fields(pcap, keys, ["ip.src", "tls.alert_message.desc"], "tls.alert_message")
    got_alerts = sorted(("C" if r["ip.src"] == CLIENT_IP else "S", int(d))
                        for r in alerts for d in r["tls.alert_message.desc"].split(","))
    want_alerts = sorted(spec.get("alerts", [("C", 0), ("S", 0)] * conns))
    need(got_alerts == want_alerts, "alerts %s, expected %s%s" % (
        got_alerts, want_alerts, "" if "alerts" in spec else " (one close_notify from each side per connection)"))

    # Handshake message types in frame order.
    got_k = [t for r in with_k for t in ints(r["tls.handshake.type"])]
    got_n = [t for r in without for t in ints(r["tls.handshake.type"])]
    # (alt_keys: other orders a racing peer may produce, e.g. GnuTLS's server
    # sending its NewSessionTickets before or after the client's Finished.)
    need(got_k in [want_keys] + spec.get("alt_keys", []),
         "with keys: handshake types %s, expected %s" % (got_k, want_keys))
    need(got_n in [want_nokeys] + spec.get("alt_nokeys", []), "without keys: handshake types %s, expected %s" % (got_n, want_nokeys))
    finished = spec.get("finished", 2 * conns)
    need(got_k.count(20) == finished, "with keys: %d Finished, expected %d" % (got_k.count(20), finished))
    if null:
        need(got_n.count(20) == finished, "without keys: %d Finished, expected %d (NULL cipher)" % (
            got_n.count(20), finished))
    else:
        need(20 not in got_n, "without keys: a Finished was visible")

    # Application data decrypted in both directions, only with keys.
    http_k = [r for r in with_k if r["http.request"] or r["http.response"]]
    if spec.get("http", True):
        need({r["ip.src"] for r in http_k} == {CLIENT_IP, SERVER_IP},
             "with keys: no decrypted HTTP in both directions")
    else:
        need(not http_k, "with keys: HTTP found in a capture without application data")
        need(not [r for r in with_k if "23" in r["tls.record.content_type"].split(",")],
             "Application Data records in a capture whose handshake never completes")
    http_n = [r for r in without if r["http.request"] or r["http.response"]]
    if null:
        need({r["ip.src"] for r in http_n} == {CLIENT_IP, SERVER_IP},
             "without keys: no HTTP in clear in both directions (NULL cipher)")
    else:
        need(not http_n, "without keys: HTTP visible")

    # Cipher suite and version (every ServerHello, including a HelloRetryRequest).
    sh = ts.fields(pcap, keys, ["tls.handshake.ciphersuite", "tls.handshake.version",
                                "tls.handshake.extensions.supported_version",
                                "tls.handshake.session_id", "tls.handshake.random", "tls.resumed"],
                   "tls.handshake.type == 2 && !(tls.record.version == 0x0002)")
    need(bool(sh) == (spec["cipher"] is not None), "%d ServerHello, expected %s" % (
        len(sh), "none" if spec["cipher"] is None else "some"))
    legacy = {"1.0": "0x0301", "1.1": "0x0302"}.get(version, "0x0303")
    for r in sh:
        need(r["tls.handshake.ciphersuite"] == spec["cipher"],
             "ServerHello cipher suite %s, expected %s" % (r["tls.handshake.ciphersuite"], spec["cipher"]))
        need(r["tls.handshake.version"] == legacy, "ServerHello legacy version " + r["tls.handshake.version"])
        sv = r["tls.handshake.extensions.supported_version"]
        need(sv == ("0x0304" if version == "1.3" else ""), "ServerHello supported_version %r" % sv)

    # Key log lines.
    with open(keys) as f:
        labels = [line.split()[0] for line in f if line.strip() and not line.startswith("#")]
    handshakes = spec.get("handshakes", conns)
    if version != "1.3" or not handshakes:
        # (OpenSSL adds an "RSA" line for RSA key exchange.)
        need([l for l in labels if l != "RSA"] == ["CLIENT_RANDOM"] * handshakes, "key log labels %s" % labels)
    else:
        need("CLIENT_HANDSHAKE_TRAFFIC_SECRET" in labels and "SERVER_TRAFFIC_SECRET_0" in labels,
             "key log labels %s" % labels)

    # No malformed packets, no expert warnings or errors, with and without keys.
    for k in (keys, None):
        tag = "with keys" if k else "without keys"
        out = ts.read(pcap, k, ["-q", "-z", "expert"])
        for bad in ("Errors (", "Warns (", "Malformed"):
            need(bad not in out, "%s: expert output contains %r" % (tag, bad))
        mal = ts.fields(pcap, k, ["frame.number"], "_ws.malformed || _ws.expert.severity >= warning"
                        " || ip.checksum.status == 0 || tcp.checksum.status == 0")
        need(not mal, "%s: malformed/warning frames %s" % (tag, [r["frame.number"] for r in mal]))

    # Capture-specific properties.
    check = spec.get("check")
    pd = ts.pdml(pcap, keys, "tcp.len > 0")
    records, most = {}, {}
    for p in pd.findall("packet"):
        num = p.find("proto[@name='geninfo']/field[@name='num']").get("show")
        records[num], most[num] = describe_records(p)
    multi = sorted((int(n) for n, m in most.items() if m > 1))
    if check == "coalesced":
        need(len(multi) == 1, "expected exactly one frame with a multi-message record, got %s" % multi)
    else:
        need(not multi, "frames %s have a record holding several handshake messages" % multi)
    if check == "coalesced":
        rows = ts.fields(pcap, keys, ["frame.number", "tls.record.content_type", "tls.record.length",
                                      "tls.handshake.type", "tls.handshake.length"],
                         "tls.handshake.type == 2")
        r = rows[0] if len(rows) == 1 else None
        if need(r is not None, "expected one ServerHello frame"):
            need(ints(r["tls.record.content_type"]) == [22], "ServerHello frame has records %s, expected one"
                 % r["tls.record.content_type"])
            need(ints(r["tls.handshake.type"]) == [2, 11, 12, 14], "one-record messages %s" % r["tls.handshake.type"])
            need(ints(r["tls.record.length"]) == [sum(x + 4 for x in ints(r["tls.handshake.length"]))],
                 "record length does not cover the four messages")
    elif check == "maxfrag":
        rows = ts.fields(pcap, keys, ["frame.number", "ip.src", "tls.record.content_type", "tls.record.length",
                                      "tls.handshake.fragment.count"], "tls.handshake.type == 2")
        r = rows[0]
        need(all(x <= 512 for x in ints(r["tls.record.length"])), "server record longer than 512 bytes")
        need(any(x >= 2 for x in ints(r["tls.handshake.fragment.count"])), "no handshake fragmented across records")
    elif check == "long_chain":
        rows = ts.fields(pcap, keys, ["frame.number", "tcp.segment.count", "tls.handshake.certificate_length"],
                         "tls.handshake.type == 11")
        r = rows[0]
        need(len(ints(r["tls.handshake.certificate_length"])) == 3, "expected 3 certificates")
        need(any(x >= 3 for x in ints(r["tcp.segment.count"])), "Certificate not spread over >= 3 TCP segments")
        bits = ts.fields(pcap, keys, ["pkcs1.modulus"], "tls.handshake.type == 11")
        mods = [m for m in bits[0]["pkcs1.modulus"].split(",") if m]
        need(len(mods) == 3 and all(len(m.replace(":", "")) in (1024, 1026) for m in mods),
             "certificates are not all 4096-bit RSA")
    elif check == "hrr":
        need(sh and sh[0]["tls.handshake.random"] == HRR_RANDOM, "first ServerHello is not a HelloRetryRequest")
        need(len(sh) == 2 and sh[1]["tls.handshake.random"] != HRR_RANDOM, "second ServerHello missing")
    elif check == "resumed":
        need(len(sh) == 2 and sh[1]["tls.resumed"] != "" and sh[0]["tls.resumed"] == "",
             "second connection is not marked as resumed (tls.resumed)")
    elif check in ("psk", "early_data"):
        ext = ts.fields(pcap, None, ["frame.number", "tls.handshake.extension.type"], "tls.handshake.type == 2")
        need(len(ext) == 2 and "41" not in ext[0]["tls.handshake.extension.type"].split(",")
             and "41" in ext[1]["tls.handshake.extension.type"].split(","),
             "pre_shared_key (41) should be in the second ServerHello only")
        if check == "early_data":
            need("CLIENT_EARLY_TRAFFIC_SECRET" in labels, "no CLIENT_EARLY_TRAFFIC_SECRET in the key log")
            ch = [r for r in with_k if "1" in r["tls.handshake.type"].split(",")]
            need(len(ch) == 2 and ch[1]["http.request"] != "",
                 "the second ClientHello's frame does not carry the decrypted early GET request")
            ee = ts.fields(pcap, keys, ["frame.number"], "tls.handshake.extension.type == 42 && tls.handshake.type == 8")
            need(len(ee) == 1, "server did not accept early data (early_data in EncryptedExtensions)")
    elif check == "keyupdate":
        ku = [r["ip.src"] for r in with_k if "24" in r["tls.handshake.type"].split(",")]
        need(ku == [CLIENT_IP, SERVER_IP], "KeyUpdate senders %s, expected client then server" % ku)
    elif check == "renegotiation":
        ch = [r for r in with_k if "1" in r["tls.handshake.type"].split(",")]
        need(len(ch) == 2 and ch[1]["ip.src"] == CLIENT_IP and "23" not in ch[1]["tls.record.content_type"]
             and ch[1]["frame.number"] not in [r["frame.number"] for r in without if "1" in r["tls.handshake.type"].split(",")],
             "second ClientHello is not an encrypted handshake record")
    elif check == "same_port":
        need(len({r["tcp.srcport"] for r in syns}) == 1, "the SYNs come from different client ports")
        reused = ts.fields(pcap, None, ["frame.number"], "tcp.analysis.reused_ports")
        need(len(reused) == 1, "Wireshark did not see the ports reused")
    elif check == "hello_request":
        hr = [r["ip.src"] for r in with_k if "0" in r["tls.handshake.type"].split(",")]
        need(hr == [SERVER_IP], "expected one HelloRequest from the server, got %s" % hr)
    elif check in ("closed_mid", "sslv2"):
        cli = [r for r in with_k if r["ip.src"] == CLIENT_IP and r["tcp.len"] not in ("", "0")]
        need(len(cli) == 1 and cli[0]["tls.handshake.type"] == "1",
             "the client sent more than its ClientHello: %s" % [r["frame.number"] for r in cli])
        first_fin = ts.fields(pcap, None, ["ip.src"], "tcp.flags.fin == 1")
        need(first_fin and first_fin[0]["ip.src"] == CLIENT_IP, "the client's FIN is not the first")
        if check == "sslv2":
            v2 = ts.fields(pcap, None, ["frame.number", "tls.record.version", "tls.record.content_type",
                                        "tls.handshake.version", "tls.handshake.challenge_length"],
                           "tls.handshake.type == 1")
            need(len(v2) == 1 and v2[0]["tls.record.version"] == "0x0002" and v2[0]["tls.record.content_type"] == ""
                 and v2[0]["tls.handshake.version"] == "0x0303" and v2[0]["tls.handshake.challenge_length"] == "32",
                 "the ClientHello is not an SSLv2-format record offering TLS 1.2: %s" % v2)
            rv = ts.fields(pcap, None, ["tls.record.version"], "ip.src == %s && tls.record" % SERVER_IP)
            need(rv and all(set(r["tls.record.version"].split(",")) == {"0x0303"} for r in rv),
                 "the server's records are not all TLS 1.2 records")
    elif check == "sslv2_handshake":
        rows = ts.fields(pcap, None, ["frame.number", "ip.src", "tls.record.version", "tls.handshake.type",
                                      "tls.handshake.version", "tls.handshake.cipherspec",
                                      "tls.handshake.session_id_hit", "tls.handshake.challenge_length",
                                      "tls.handshake.connection_id_length", "tls.handshake.clear_key_length",
                                      "tls.handshake.encrypted_key_length", "x509sat.uTF8String",
                                      "x509af.algorithm.id", "_ws.col.Info"], "tls")
        need(all(set(r["tls.record.version"].split(",")) == {"0x0002"} for r in rows),
             "not every record is in the SSLv2 format")
        by_type = {t: r for r in rows for t in ints(r["tls.handshake.type"])}
        ch, sh2, cmk = by_type.get(1, {}), by_type.get(4, {}), by_type.get(2, {})
        need(ch.get("ip.src") == CLIENT_IP and ch.get("tls.handshake.version") == "0x0002"
             and ch.get("tls.handshake.cipherspec") == "0x010080,0x0700c0,0x030080,0x020080,0x040080"
             and ch.get("tls.handshake.challenge_length") == "16",
             "CLIENT-HELLO is not version 0x0002 with five cipher specs and a 16-byte challenge: %s" % ch)
        need(sh2.get("ip.src") == SERVER_IP and sh2.get("tls.handshake.version") == "0x0002"
             and sh2.get("tls.handshake.session_id_hit") in ("0", "False")
             and sh2.get("tls.handshake.cipherspec") == "0x020080,0x040080"
             and sh2.get("tls.handshake.connection_id_length") == "16"
             and sh2.get("x509sat.uTF8String") == "server.tutor.test,server.tutor.test"
             and sh2.get("x509af.algorithm.id", "").startswith("1.2.840.113549.1.1.4,"),
             "SERVER-HELLO is not SSL 2.0 with the self-signed MD5 certificate, two export "
             "cipher specs and a 16-byte connection-id: %s" % sh2)
        need(cmk.get("ip.src") == CLIENT_IP and cmk.get("tls.handshake.cipherspec") == "0x020080"
             and cmk.get("tls.handshake.clear_key_length") == "11"
             and cmk.get("tls.handshake.encrypted_key_length") == "128",
             "CLIENT-MASTER-KEY is not RC4_128_EXPORT40 with 11 clear and 128 encrypted key bytes: %s" % cmk)
        enc = {who: sum(r["_ws.col.Info"].count("Encrypted Data") for r in rows if r["ip.src"] == ip)
               for who, ip in (("client", CLIENT_IP), ("server", SERVER_IP))}
        need(enc == {"client": 2, "server": 3},
             "encrypted records %s, expected 2 from the client and 3 from the server" % enc)
        first_fin = ts.fields(pcap, None, ["ip.src"], "tcp.flags.fin == 1")
        need(first_fin and first_fin[0]["ip.src"] == SERVER_IP, "the server's FIN is not the first")
    elif check == "no_cn":
        crt = ts.fields(pcap, None, ["x509if.oid", "x509sat.uTF8String", "x509sat.printableString",
                                     "tls.handshake.certificate_length"], "tls.handshake.type == 11")
        c = crt[0] if len(crt) == 1 else {}
        oids = c.get("x509if.oid", "").split(",")
        need(len(ints(c.get("tls.handshake.certificate_length", ""))) == 2 and "2.5.4.3" not in oids
             and c.get("x509sat.uTF8String", "").split(",") == ["Tutor Lab CA", "Tutor Web Org", "Tutor Lab CA", "Tutor Lab CA"],
             "expected two certificates whose names have no CN (issuer OU=Tutor Lab CA, subject "
             "O=Tutor Web Org, then the CA's own): %s" % c)
    elif check in ("expired", "self_signed", "sha1_cert"):
        crt = ts.fields(pcap, None, ["x509af.utcTime", "x509sat.uTF8String",
                                     "x509af.algorithm.id", "tls.handshake.certificate_length"],
                        "tls.handshake.type == 11")
        need(len(crt) == 1, "expected one Certificate message")
        c = crt[0] if crt else {}
        ncert = len(ints(c.get("tls.handshake.certificate_length", "")))
        cns = c.get("x509sat.uTF8String", "").split(",")
        algs = c.get("x509af.algorithm.id", "").split(",")
        if check == "expired":   # (x509af.notBefore/notAfter hold the CHOICE index; the times are utcTime)
            times = c.get("x509af.utcTime", "").split(",")
            need(ncert == 1 and len(times) == 2 and times[0].startswith("2020-01-01 00:00:00")
                 and times[1].startswith("2021-01-01 00:00:00"),
                 "server certificate validity %s, expected 2020-01-01 .. 2021-01-01" % times)
        elif check == "self_signed":
            need(ncert == 1 and cns == ["selfsigned.tutor.test"] * 2,
                 "expected one certificate, issuer = subject = selfsigned.tutor.test: %d, %s" % (ncert, cns))
        else:
            need(ncert == 1 and algs and algs[0] == "1.2.840.113549.1.1.5",
                 "server certificate signature algorithm %s, expected sha1WithRSAEncryption" % algs)

    return dict(with_k=with_k, without=without, records=records, size=size, got_k=got_k, got_n=got_n)


def is_grease(v):
    """RFC 8701: 0x0a0a, 0x1a1a, ... 0xfafa."""
    return (v & 0x0f0f) == 0x0a0a and (v >> 8) == (v & 0xff)


def hexes(s):
    return ["0x%04x" % int(x, 0) for x in s.split(",") if x != ""]


def describe_datagram(packet):
    """QUIC packets of one UDP datagram as text: Initial[ACK, CRYPTO x3: Client Hello]; 1-RTT[...]."""
    parts = []
    for proto in packet.findall("proto"):
        if proto.get("name") != "quic":
            continue
        ptype = proto.find(".//field[@name='quic.long.packet_type']")
        if ptype is not None:
            kind = QUIC_TYPES.get(int(ptype.get("show")), ptype.get("show"))
        elif proto.find(".//field[@name='quic.short']") is not None or \
                proto.find("field[@name='quic.header_form']") is None:
            kind = "1-RTT"
        else:
            kind = "?"
        frames, msgs = [], []
        for fr in proto.findall("field[@name='quic.frame']"):
            label = fr.get("showname", "").split(" ")[0]
            frames.append(label)
            for tls in fr.iter("proto"):
                if tls.get("name") != "tls":
                    continue
                for hs in tls.iter("field"):
                    if hs.get("name") == "tls.handshake":
                        msgs.append(hs.get("showname", "").replace("Handshake Protocol: ", ""))
        if not frames:
            parts.append("%s[not decrypted]" % kind)
            continue
        counted = []
        for f in frames:
            if f in ("PADDING", "PING") and counted and counted[-1][0] == f:
                counted[-1][1] += 1
            elif counted and counted[-1][0] == f and f == "CRYPTO":
                counted[-1][1] += 1
            else:
                counted.append([f, 1])
        crypto = frames.count("CRYPTO")
        shown = sorted({f for f in frames if f not in ("PADDING", "PING", "CRYPTO")})
        text = ", ".join(shown + (["CRYPTO x%d" % crypto] if crypto > 1 else ["CRYPTO"] if crypto else [])
                         + (["PING x%d" % frames.count("PING")] if frames.count("PING") else [])
                         + (["PADDING"] if "PADDING" in frames else []))
        if msgs:
            text += ": " + ", ".join(msgs)
        parts.append("%s[%s]" % (kind, text))
    return "; ".join(parts)


def client_hello_facts(ts, pcap):
    """ClientHello and ServerHello fields of the first connection (Initial/plaintext: no keys needed)."""
    ch = ts.fields(pcap, None, ["frame.number", "tls.handshake.ciphersuite", "tls.handshake.extension.type",
                                "tls.handshake.extensions_supported_group", "tls.handshake.extensions_key_share_group",
                                "tls.handshake.extensions.supported_version", "tls.handshake.extensions_alpn_str",
                                "tls.handshake.extensions_server_name", "tls.compress_certificate.algorithm"],
                   "tls.handshake.type == 1")
    sh = ts.fields(pcap, None, ["frame.number", "tls.handshake.ciphersuite", "tls.handshake.extension.type",
                                "tls.handshake.extensions_key_share_group"], "tls.handshake.type == 2")
    return ch, sh


def check_browser(ts, d, spec, problems):
    name = spec["name"]
    pcap = os.path.join(d, name + ".pcapng")
    keys = os.path.join(d, name + ".keys")
    quic = spec["transport"] == "quic"
    conns = spec.get("conns", 1)

    def need(cond, msg):
        if not cond:
            problems.append("%s: %s" % (name, msg))
        return cond

    for f in (pcap, keys):
        if not need(os.path.isfile(f), "missing " + os.path.basename(f)):
            return None
    size = os.path.getsize(pcap)
    need(size < BROWSER_SIZE_LIMIT, "file is %d bytes (limit %d)" % (size, BROWSER_SIZE_LIMIT))

    fields = ["frame.number", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "udp.length", "tcp.srcport",
              "tcp.dstport", "tcp.len", "tcp.flags.syn", "tcp.flags.ack", "tcp.reassembled_in",
              "tls.record.content_type", "tls.handshake.type", "quic.long.packet_type", "quic.connection.number",
              "http.request", "http.response", "http2.type", "http3.frame_type", "_ws.col.Info"]
    with_k = ts.fields(pcap, keys, fields)
    without = ts.fields(pcap, None, fields)
    need(len(with_k) == len(without), "frame count differs with/without keys")
    sport, dport = ("udp.srcport", "udp.dstport") if quic else ("tcp.srcport", "tcp.dstport")
    for r in with_k:
        ends = {(r["ip.src"], r[sport]), (r["ip.dst"], r[dport])}
        if not need((SERVER_IP, "443") in ends and {a for a, _ in ends} == {CLIENT_IP, SERVER_IP},
                    "frame %s is not %s <-> %s:443 over %s" % (r["frame.number"], CLIENT_IP, SERVER_IP,
                                                              "UDP" if quic else "TCP")):
            break
    if quic:
        got_conns = len({c for r in with_k for c in r["quic.connection.number"].split(",") if c})
    else:
        got_conns = len([r for r in with_k if r["tcp.flags.syn"] in ("1", "True")
                         and r["tcp.flags.ack"] in ("0", "False")])
    need(got_conns == conns, "%d connections, expected %d" % (got_conns, conns))

    got_k = [t for r in with_k for t in ints(r["tls.handshake.type"])]
    got_n = [t for r in without for t in ints(r["tls.handshake.type"])]
    need(got_k in [spec["keys"]] + spec.get("alt_keys", []),
         "with keys: handshake types %s, expected %s" % (got_k, spec["keys"]))
    need(got_n == spec["nokeys"], "without keys: handshake types %s, expected %s" % (got_n, spec["nokeys"]))

    # TLS 1.3 everywhere; the key log has the TLS 1.3 secrets.
    ch, sh = client_hello_facts(ts, pcap)
    need(len(ch) == conns and len(sh) == conns, "%d ClientHello, %d ServerHello, expected %d each"
         % (len(ch), len(sh), conns))
    for r in sh:
        need(r["tls.handshake.ciphersuite"] in ("0x1301", "0x1302", "0x1303"),
             "ServerHello cipher suite %s is not a TLS 1.3 suite" % r["tls.handshake.ciphersuite"])
    with open(keys) as f:
        labels = [line.split()[0] for line in f if line.strip() and not line.startswith("#")]
    need(labels.count("CLIENT_HANDSHAKE_TRAFFIC_SECRET") == conns and labels.count("SERVER_TRAFFIC_SECRET_0") == conns,
         "key log labels %s" % labels)

    # The page arrived: application protocol in both directions, only with keys.
    app = spec["app"]
    if app == "http3":
        hdrs = {r["ip.src"] for r in with_k if "1" in r["http3.frame_type"].split(",")}
        data = {r["ip.src"] for r in with_k if "0" in r["http3.frame_type"].split(",")}
        need(hdrs == {CLIENT_IP, SERVER_IP} and SERVER_IP in data,
             "with keys: no HTTP/3 HEADERS both ways and DATA from the server")
        need(not [r for r in without if r["http3.frame_type"]], "without keys: HTTP/3 visible")
        one_rtt = [r for r in with_k if r["frame.number"] and "Protected Payload" in r["_ws.col.Info"]]
        need(bool(one_rtt), "no 1-RTT packets")
    elif app == "http2":
        hdrs = {r["ip.src"] for r in with_k if "1" in r["http2.type"].split(",")}
        data = {r["ip.src"] for r in with_k if "0" in r["http2.type"].split(",")}
        need(hdrs == {CLIENT_IP, SERVER_IP} and SERVER_IP in data,
             "with keys: no HTTP/2 HEADERS both ways and DATA from the server")
        need(not [r for r in without if r["http2.type"]], "without keys: HTTP/2 visible")
    else:
        req = [r for r in with_k if r["http.request"]]
        need(len(req) == conns and {r["ip.src"] for r in with_k if r["http.response"]} == {SERVER_IP},
             "with keys: expected %d HTTP requests and their responses" % conns)
        need(not [r for r in without if r["http.request"] or r["http.response"]], "without keys: HTTP visible")

    # No malformed packets, no bad checksum, no expert warning or error above
    # TCP; without keys QUIC may only warn that it cannot decrypt Handshake and
    # 1-RTT packets.
    no_secrets = "Failed to create decryption context: Secrets are not available"
    for k in (keys, None):
        tag = "with keys" if k else "without keys"
        mal = ts.fields(pcap, k, ["frame.number"], "_ws.malformed || ip.checksum.status == 0"
                        " || tcp.checksum.status == 0 || udp.checksum.status == 0")
        need(not mal, "%s: malformed/bad checksum frames %s" % (tag, [r["frame.number"] for r in mal]))
        warned, section = [], None
        for line in ts.read(pcap, k, ["-q", "-z", "expert,warn"]).splitlines():
            if line.startswith(("Errors (", "Warns (")):
                section = line
            elif line.startswith(("Notes (", "Chats (", "Comments (")):
                section = None
            elif section and line.strip() and not line.strip().startswith(("Frequency", "=")):
                _, _, proto, summary = line.split(None, 3)
                # (TCP's warnings are the browsers' and the network's doing: a RST
                # when Chromium exits, a D-SACK after a spurious retransmission.)
                if proto != "TCP" and not (quic and not k and summary.strip() == no_secrets):
                    warned.append(summary.strip())
        need(not warned, "%s: expert warnings/errors %s" % (tag, warned))

    if quic:
        # Where each message travels: ClientHello and ServerHello in Initial
        # packets, the rest of the handshake in Handshake packets. (A 1-RTT
        # packet has no quic.long.packet_type, so the tickets are not checked.)
        for r in with_k:
            kinds = set(r["quic.long.packet_type"].split(","))
            for t in ints(r["tls.handshake.type"]):
                where = {1: "0", 2: "0", 8: "2", 11: "2", 15: "2", 20: "2"}.get(t)
                need(where is None or where in kinds,
                     "frame %s: %s not in a QUIC %s packet (packet types %s)" % (
                         r["frame.number"], HS_NAMES.get(t, t), QUIC_TYPES.get(int(where or 0)),
                         r["quic.long.packet_type"]))
        frag = ts.fields(pcap, None, ["frame.number", "quic.crypto.fragment.count"], "tls.handshake.type == 1")
        need(frag and frag[0]["quic.crypto.fragment.count"] not in ("", "1"),
             "the ClientHello is not reassembled from several CRYPTO frames")

    if spec.get("check") == "psk":
        ext_ch = [r["tls.handshake.extension.type"].split(",") for r in ch]
        ext_sh = [r["tls.handshake.extension.type"].split(",") for r in sh]
        need(len(ext_ch) == 2 and "41" not in ext_ch[0] and ext_ch[1][-1] == "41",
             "pre_shared_key (41) should be the last extension of the second ClientHello only")
        need(len(ext_sh) == 2 and "41" not in ext_sh[0] and "41" in ext_sh[1],
             "pre_shared_key (41) should be in the second ServerHello only")
        sel = ts.fields(pcap, None, ["tls.handshake.extensions.psk.identity.selected"], "tls.handshake.type == 2")
        need([r["tls.handshake.extensions.psk.identity.selected"] for r in sel] == ["", "0"],
             "the second ServerHello does not select PSK identity 0")

    # Per frame: records (TCP) or QUIC packets (UDP), with and without keys.
    described = {}
    for tag, k in (("k", keys), ("n", None)):
        pd = ts.pdml(pcap, k, "udp" if quic else "tcp.len > 0")
        for p in pd.findall("packet"):
            num = p.find("proto[@name='geninfo']/field[@name='num']").get("show")
            described[(tag, num)] = describe_datagram(p) if quic else describe_records(p)[0]
    return dict(with_k=with_k, without=without, described=described, size=size, got_k=got_k, got_n=got_n,
                ch=ch, sh=sh, quic=quic)


def hello_lines(res):
    """README lines about each ClientHello/ServerHello (from the file, without keys)."""
    out = []
    for i, (c, s) in enumerate(zip(res["ch"], res["sh"])):
        conn = "Connection %d: " % (i + 1) if len(res["ch"]) > 1 else ""
        suites = hexes(c["tls.handshake.ciphersuite"])
        exts = [int(x) for x in c["tls.handshake.extension.type"].split(",") if x]
        groups = hexes(c["tls.handshake.extensions_supported_group"])
        shares = hexes(c["tls.handshake.extensions_key_share_group"])
        grease = sorted({v for v in [int(x, 16) for x in suites + groups + shares] + exts
                         + [int(x, 16) for x in hexes(c["tls.handshake.extensions.supported_version"])]
                         if is_grease(v)})
        out.append("%sClientHello (frame %s): %d cipher suites %s; extensions in order %s; "
                   "supported_groups %s; key_share groups %s; supported_versions %s; ALPN %s; SNI %s; "
                   "certificate compression algorithms %s; GREASE values %s." % (
                       conn, c["frame.number"], len(suites), " ".join(suites),
                       " ".join(str(e) for e in exts), " ".join(groups), " ".join(shares),
                       " ".join(hexes(c["tls.handshake.extensions.supported_version"])),
                       c["tls.handshake.extensions_alpn_str"].replace(",", " ") or "none",
                       c["tls.handshake.extensions_server_name"] or "none",
                       " ".join(hexes(c["tls.compress_certificate.algorithm"])) or "none (no extension 27)",
                       " ".join("0x%04x" % g for g in grease) or "none"))
        out.append("%sServerHello (frame %s): cipher suite %s, extensions %s, key_share group %s." % (
            conn, s["frame.number"], s["tls.handshake.ciphersuite"],
            " ".join(x for x in s["tls.handshake.extension.type"].split(",") if x),
            " ".join(hexes(s["tls.handshake.extensions_key_share_group"])) or "none"))
    return out


def browser_frame_table(res):
    quic = res["quic"]
    what = "QUIC packets in the datagram" if quic else "TLS records"
    lines = ["| Frame | Dir | %s len | %s (with keys) | %s (without keys) | Info with keys |" % (
             "UDP" if quic else "TCP", what, what), "|---:|---|---:|---|---|---|"]
    for r in res["with_k"]:
        n = r["frame.number"]
        if not quic and r["tcp.len"] in ("", "0"):
            continue
        ln = str(int(r["udp.length"]) - 8) if quic else r["tcp.len"]
        dk, dn = res["described"].get(("k", n), ""), res["described"].get(("n", n), "")
        if not quic and r["tcp.reassembled_in"] and not dk:
            dk = dn = "(bytes of a record completed in frame %s)" % r["tcp.reassembled_in"]
        lines.append("| %s | %s | %s | %s | %s | %s |" % (n, direction(r), ln, dk.replace("|", "\\|"),
                                                         dn.replace("|", "\\|"), info(r)))
    return "\n".join(lines)


def direction(r):
    return "C→S" if r["ip.src"] == CLIENT_IP else "S→C"


def info(r):
    i = r["_ws.col.Info"].strip()
    if r["tls.record.content_type"] == "" and r["tcp.reassembled_in"]:
        return "TCP segment (PDU reassembled in frame %s)" % r["tcp.reassembled_in"]
    return i.replace("|", "\\|")


def frame_table(res):
    lines = ["| Frame | Dir | TCP len | TLS records (with keys) | Info with keys | Info without keys |",
             "|---:|---|---:|---|---|---|"]
    nok = {r["frame.number"]: r for r in res["without"]}
    for r in res["with_k"]:
        if r["tcp.len"] in ("", "0"):
            continue
        n = r["frame.number"]
        recs = res["records"].get(n, "")
        if r["tcp.reassembled_in"]:
            more = "bytes of a record completed in frame %s" % r["tcp.reassembled_in"]
            recs = recs + "; + start of a record completed in frame %s" % r["tcp.reassembled_in"] \
                if recs else "(only " + more + ")"
        lines.append("| %s | %s | %s | %s | %s | %s |" % (n, direction(r), r["tcp.len"], recs.replace("|", "\\|"),
                                                         info(r), info(nok[n])))
    return "\n".join(lines)


README_HEAD = """\
# Test captures

Generated by `make_captures.sh` (do not edit by hand: the prose lives in
`verify_captures.py`, the commands are logged by `make_captures.sh` while it
runs). Regenerate everything with

    sudo pcaps/make_captures.sh

or only some captures with `sudo pcaps/make_captures.sh NAME...`, or only the
captures added after the first set (from `tls13-client-auth` on in the table
below) with `sudo pcaps/make_captures.sh --new`; the other files are then left
byte-identical. Check the committed files with
`python3 pcaps/verify_captures.py --dir pcaps`.

Every capture is a real TLS connection between real TLS stacks (OpenSSL 3.0
`s_server`/`s_client`, GnuTLS 3.7 `gnutls-serv`/`gnutls-cli`, and in
`tls12-closed-mid-handshake` Python's `ssl` module, i.e. OpenSSL, driven by
`hello_then_close.py`) on Debian 12, except `tls12-coalesced.pcapng`, which is
a rewritten copy of `tls12-ecdhe-rsa.pcapng`, the client side of
`sslv2-client-hello.pcapng`: `sslv2_hello.py` writes its SSLv2-format
ClientHello byte by byte on a plain socket (the server is OpenSSL's `s_server`),
and `sslv2-handshake.pcapng`, which is synthetic: no stack here speaks SSL 2.0,
so `sslv2_handshake.py` writes both sides of it from the SSL 2.0 specification,
without a network (its section says how). The DTLS and QUIC captures at the
end (UDP; see "DTLS and QUIC captures (UDP)" below) come from OpenSSL,
GnuTLS, caddy 2.6.2 (quic-go) and ngtcp2's `gtlsclient`.

## How the captures are made

- **Network**: two network namespaces created for the run and deleted after it,
  joined by a veth pair. Client `192.0.2.1` (veth-c, MAC 02:00:00:00:00:01),
  server `192.0.2.2` (veth-s, MAC 02:00:00:00:00:02); TEST-NET-1 addresses that
  exist only inside those namespaces. MTU 1500; TSO, GSO, GRO and checksum
  offload off (`ethtool -K ... tso off gso off gro off tx off`), so segments are
  at most 1448 bytes of payload (MSS 1460 minus TCP timestamps) and checksums are
  correct. IPv6 disabled in both namespaces.
- **Capture**: `dumpcap` in the client namespace on veth-c, capture filter
  `tcp port <port>` (`udp port <port>` for DTLS and QUIC), pcapng, Ethernet link type. Each file holds only the TLS
  connection(s) of its case.
- **Certificates** (generated by the script, not kept): CA `CN=tutor-ca`
  (RSA 2048), server `CN=server.tutor.test` (SAN DNS:server.tutor.test, RSA 2048),
  client `CN=client.tutor.test` (RSA 2048); long chain `CN=tutor-long-root` ->
  `CN=tutor-long-int-1` -> `CN=tutor-long-int-2` -> `CN=server.tutor.test`, all
  RSA 4096. Clients verify the server (`-CAfile`, `-verify_return_error`,
  `-verify_hostname server.tutor.test`) and send SNI `server.tutor.test`.
  Exceptions: `tls12-expired-cert` (tutor-ca signed, valid 2020-01-01 to
  2021-01-01) and `tls12-self-signed` (CN=selfsigned.tutor.test, self-signed),
  whose clients verify without `-verify_return_error` and go on, and
  `tls12-sha1-cert` (tutor-ca signed with SHA-1, `@SECLEVEL=0`), and
  `tls12-cert-no-cn`, whose names have no common name: server `C=JP, O=Tutor
  Web Org` (SAN DNS:server.tutor.test) issued by the CA `C=JP, OU=Tutor Lab CA`.
  `tls12-anon-dh`, `tls12-psk` and `tls12-ecdhe-psk` use no certificate at all
  (`s_server -nocert`; anonymous Diffie-Hellman, or the pre-shared key
  `00112233445566778899aabbccddeeff` with the identity `tutor-client`): their
  clients verify nothing. `tls12-null` encrypts nothing (NULL cipher), so
  Wireshark reads it without the key log too.
- **Traffic**: the client sends `GET /hello.txt HTTP/1.0` (Host header), the
  server answers a 15-byte `text/plain` body (`s_server -HTTP` serving a file
  that holds the whole response), then it closes: close_notify both ways, FIN both
  ways. So every connection whose handshake completes has Application Data in
  both directions. (Where s_server runs in its default mode instead of `-HTTP`,
  the script writes the same file into its stdin, a FIFO; the sections below say
  where, and when the client sends the first close_notify.) The failed handshakes (`*-alert-*`, `tls12-closed-mid-handshake`, `sslv2-client-hello`) have
  no Application Data and no close_notify.
- **Keys**: `<name>.keys` is the NSS key log written by the client
  (`s_client -keylogfile`, `SSLKEYLOGFILE` for gnutls-cli). Open a capture with
  `tshark -r X.pcapng -o tls.keylog_file:X.keys`, or in Wireshark set
  Preferences > Protocols > TLS > (Pre)-Master-Secret log filename. To embed
  the keys in a copy: `editcap --inject-secrets tls,X.keys X.pcapng X-dsb.pcapng`.
  When the handshake fails before any secret exists, `X.keys` holds only the
  comment line the stack writes when it opens the file.
- Timestamps, TCP ports, randoms, keys and certificates change with every
  regeneration, and so can frame numbers: a pure ACK may come earlier or later,
  and in TLS 1.3 the client's first Application Data races the server's
  NewSessionTickets. The tables below always describe the files next to them
  (they are written from these files); `verify_captures.py` checks the message
  sequence, not frame numbers.

### Network set-up (`host$` runs in the initial namespace, PID is the script's)

```sh
{network}
```

### Certificates and the served file

```sh
{certs}
```

with this `openssl.cnf`:

```ini
{cnf}
```

## Reading the tables

One row per frame that carries TCP payload (bare SYN/ACK/FIN frames are left
out). All columns come from tshark 4.0.17 with `-2` (two passes), with the
project's plugin disabled. "TLS records" lists the records tshark decodes in
that frame, separated by `;`: `HS[...]` a handshake record and the messages in
it (as tshark names them), `SSLv2[...]` a record in the SSLv2 format
(`sslv2-client-hello`, `sslv2-handshake`; `SSLv2[Encrypted Data]` is one
Wireshark cannot read), `CCS` ChangeCipherSpec, `AppData`, `Alert`,
`enc-X` a TLS 1.3 record sent as opaque Application Data whose inner content
type, once decrypted with the key log, is X (`enc-HS[Finished]`, `enc-AppData`,
`enc-Alert`). A record that began in an earlier TCP segment is listed in the
frame where TCP reassembly completes it, followed by `{frames a+b+c}`, the
frames its bytes came from; "+ start of a record completed in frame N" marks a
frame whose last bytes begin such a record.

{udp_note}
## Files

| File | Size (bytes) | What |
|---|---:|---|
"""


BROWSER_HEAD = """
## browser-setup

The `browser-*` captures come from `make_browser_captures.sh`: real browsers
from Debian 12 (chromium 156, firefox-esr 153) fetch a tiny page from Debian 12's
caddy 2.6.2 (HTTP/3 over QUIC and HTTP/2) or nginx 1.22 (HTTP/2, HTTP/1.1), in
the same two namespaces, veth pair, addresses, MTU and offload settings as
above. The server's certificate is `CN=www.tutor.test` (SAN DNS:www.tutor.test,
RSA 2048) from the CA `CN=tutor-browser-ca`; the browsers trust that CA through
an NSS database (Chromium: `$HOME/.pki/nssdb`; Firefox: the profile's
`cert9.db`), so no certificate error is ignored. They find `www.tutor.test` at
192.0.2.2 through `--host-resolver-rules` (Chromium, every other name fails) or
a hosts file bind-mounted over `/etc/hosts` in a private mount namespace
(Firefox). Capture filter `udp port 443 or tcp port 443`. Key logs from
`SSLKEYLOGFILE` (Chromium's BoringSSL and Firefox's NSS both write it). What
differs from the other captures: ClientHellos of 1.9-2 KB (Chromium offers
X25519MLKEM768, 0x11ec, whose key share alone is 1216 bytes; Wireshark 4.0
shows it only as a number), GREASE values (Chromium), TLS 1.3 handshakes
inside QUIC CRYPTO frames (`browser-chromium-h3`), and connections that end
as the browsers and servers choose (with or without close_notify, a FIN or a
RST when the browser exits; tshark's TCP warnings about them are allowed, no
other warning is). In the QUIC table a datagram may hold
several QUIC packets (coalesced), each listed as `Type[frames: TLS messages]`;
`1-RTT` is a short-header packet, `[not decrypted]` one tshark cannot read
without the key log.

Made with (in this order; `.` stands for the scratch directory, an absolute
path in the real files and commands):

```sh
%s
```
"""


def old_commands(old_readme):
    """{capture name: its "Made with" command block} from an existing README.md."""
    out = {}
    if not old_readme:
        return out
    with open(old_readme) as f:
        text = f.read()
    for sec in text.split("\n## ")[1:]:
        name = sec.split("\n", 1)[0].strip()
        i = sec.find("Made with")
        j = sec.find("```sh\n", i)
        if i < 0 or j < 0:
            continue
        k = sec.find("\n```", j + 6)
        out[name] = sec[j + 6:k]
    # The set-up blocks at the top (for a run that does not make them again).
    for key, title, fence in (("network", "### Network set-up", "```sh\n"),
                              ("certs", "### Certificates and the served file", "```sh\n"),
                              ("openssl.cnf", "with this `openssl.cnf`", "```ini\n")):
        i = text.find(title)
        j = text.find(fence, i)
        if i >= 0 and j >= 0:
            out[key] = text[j + len(fence):text.find("\n```", j + len(fence))]
    return out


def write_readme(path, d, commands_dir, results, old_readme=None):
    old = old_commands(old_readme)

    def slurp(name):
        p = os.path.join(commands_dir, name)
        key = name[:-4] if name.endswith(".txt") else name
        if not os.path.exists(p) and key in old:
            return old[key]
        with open(p) as f:
            return f.read().rstrip("\n")
    head = README_HEAD
    for key, fname in (("network", "network.txt"), ("certs", "certs.txt"), ("cnf", "openssl.cnf")):
        head = head.replace("{" + key + "}", slurp(fname))
    head = head.replace("{udp_note}", verify_udp.README_NOTE.lstrip("\n"))
    out = [head]
    for spec in ALL_CAPTURES + BROWSER_CAPTURES:
        res = results[spec["name"]]
        out.append("| [`%s.pcapng`](#%s) | %d | %s |\n" % (spec["name"], spec["name"], res["size"], spec["title"]))
    out.append("\nEach `.pcapng` has its `.keys` beside it.\n")
    for spec in ALL_CAPTURES:
        name, res = spec["name"], results[spec["name"]]
        out.append("\n## %s\n\n" % name)
        out.append("**%s.** %s\n\n" % (spec["title"], spec["text"]))
        want, nok = res["got_k"], res["got_n"]   # (verified: the expected sequences)
        names = SSL2_NAMES if spec.get("ssl2") else verify_udp.HS_NAMES if res.get("udp") else HS_NAMES
        out.append("Handshake messages with keys: %s.  \n" % ", ".join(names[t] for t in want))
        out.append("Without keys: %s.%s\n\n" % (", ".join(names[t] for t in nok), "  \nAlerts: %s." % (
            ", ".join("%s %s (%d)" % ("client" if who == "C" else "server", ALERT_NAMES[a], a)
                      for who, a in spec["alerts"]) or "none") if "alerts" in spec else ""))
        out.append("Made with (in this order; `server$`/`client$`: run with `ip netns exec` in the "
                   "server/client namespace, from the scratch directory holding the certificates; "
                   "`host$`: no namespace):\n\n```sh\n%s\n```\n\n" % slurp(name + ".txt"))
        out.append((verify_udp.frame_table(res) if res.get("udp") else frame_table(res)) + "\n")
    out.append(BROWSER_HEAD % slurp("browser-setup.txt"))
    for spec in BROWSER_CAPTURES:
        name, res = spec["name"], results[spec["name"]]
        out.append("\n## %s\n\n" % name)
        out.append("**%s.** %s\n\n" % (spec["title"], spec["text"]))
        out.append("Handshake messages with keys: %s.  \n" % ", ".join(HS_NAMES[t] for t in res["got_k"]))
        out.append("Without keys: %s.\n\n" % ", ".join(HS_NAMES[t] for t in res["got_n"]))
        out.append("".join("- %s\n" % line for line in hello_lines(res)) + "\n")
        out.append("Made with (in this order; `server$`/`client$`: run with `ip netns exec` in the "
                   "server/client namespace, from the scratch directory `.` set up in "
                   "[browser-setup](#browser-setup)):\n\n```sh\n%s\n```\n\n" % slurp(name + ".txt"))
        out.append(browser_frame_table(res) + "\n")
    out.append("\n## Regenerating\n\n"
               "    sudo pcaps/make_captures.sh             # everything; KEEP_WORK=1 keeps the scratch directory\n"
               "    sudo pcaps/make_captures.sh --new       # only the captures added after the first set\n"
               "    sudo pcaps/make_captures.sh NAME...     # only these (--list prints the names)\n\n"
               "Needs (Debian 12 packages): openssl, gnutls-bin, tshark, wireshark-common (dumpcap),\n"
               "iproute2 (ip, ss), ethtool, procps (sysctl), coreutils, python3-scapy (found as\n"
               "`/usr/bin/python3` even when another python3 is first on PATH; `PYTHON=` overrides),\n"
               "and for the QUIC captures caddy, ngtcp2-client (`gtlsclient`) and util-linux\n"
               "(`unshare`, `mount`).\n"
               "It runs as root (network namespaces, capture), creates two namespaces named\n"
               "`tutor-cli-PID`/`tutor-srv-PID` and deletes them on exit, writes only into\n"
               "`pcaps/`, and replaces the files there only if every capture passes\n"
               "`verify_captures.py`. With `--new` or names it writes only the selected\n"
               "captures and README.md (the others are verified from `pcaps/` and their\n"
               "commands are copied from the existing README.md).\n\n"
               "    sudo pcaps/make_browser_captures.sh     # the browser captures (browser-*)\n\n"
               "Needs also chromium, firefox-esr, caddy, nginx-light or nginx, libnss3-tools\n"
               "(certutil), util-linux (unshare, mount). It writes only the browser captures and\n"
               "README.md (the other captures are verified from `pcaps/` and keep their commands).\n")
    with open(path, "w") as f:
        f.write("".join(out))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, help="directory holding the captures and key logs")
    ap.add_argument("--commands", help="directory of <name>.txt command logs (for --readme)")
    ap.add_argument("--readme", help="write README.md here")
    ap.add_argument("--only", action="append", help="check only this capture (repeatable)")
    ap.add_argument("--old-readme", help="for --readme: take the commands of captures that have no "
                    "<name>.txt in --commands from this existing README.md")
    args = ap.parse_args()
    if args.readme and args.only:
        sys.exit("--readme needs every capture: do not combine it with --only")

    ts = Tshark()
    problems, results = [], {}
    for spec in ALL_CAPTURES + BROWSER_CAPTURES:
        if args.only and spec["name"] not in args.only:
            continue
        try:
            if spec in BROWSER_CAPTURES:
                res = check_browser(ts, args.dir, spec, problems)
            elif spec.get("transport") in ("dtls", "quic"):
                res = verify_udp.check(ts, args.dir, spec, problems, SIZE_LIMIT)
            else:
                res = check_capture(ts, args.dir, spec, problems)
        except Failure as e:
            problems.append("%s: %s" % (spec["name"], e))
            continue
        if res:
            results[spec["name"]] = res
            print("ok   %-28s %6d bytes" % (spec["name"], res["size"]) if not any(
                p.startswith(spec["name"] + ":") for p in problems) else "FAIL %s" % spec["name"])
    for p in problems:
        print("FAIL " + p, file=sys.stderr)
    if problems:
        sys.exit(1)
    if args.readme:
        if not args.commands:
            sys.exit("--readme needs --commands")
        write_readme(args.readme, args.dir, args.commands, results, args.old_readme)
        print("wrote " + args.readme)


if __name__ == "__main__":
    main()
