#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Put the server's first TLS 1.2 flight into ONE TLS record.

OpenSSL writes every handshake message in its own record. Other stacks put
several messages in one record. This script takes a capture of one TLS 1.2
connection made by OpenSSL and rewrites the server's records

    [ServerHello] [Certificate] [ServerKeyExchange] [ServerHelloDone]

into a single record whose length covers all four messages. Only the 5-byte
headers of records 2..4 are removed and the first header's length is patched;
the handshake bytes are unchanged, so the Finished hashes still match and the
capture still decrypts with the original key log.

TCP is kept consistent: the server's later sequence numbers and the client's
acknowledgement numbers move back by the number of removed bytes; segment
boundaries stay where they were (a segment only gets shorter); IP total length
and IP/TCP checksums are recomputed. The pcapng file is rewritten block by
block: only the packet bytes inside each Enhanced Packet Block change, so the
section header, interface description (name, capture filter, nanosecond
timestamps), statistics and every timestamp stay exactly as dumpcap wrote them.

Usage: coalesce.py [--port 443] IN.pcapng OUT.pcapng
"""
import argparse
import struct
import sys

from scapy.all import IP, TCP, Ether, Raw, rdpcap

MOD = 1 << 32
HS_NAMES = {2: "ServerHello", 11: "Certificate", 12: "ServerKeyExchange", 14: "ServerHelloDone"}
WANTED = [2, 11, 12, 14]


def fail(msg):
    sys.exit("coalesce.py: " + msg)


def write_pcapng_with_new_data(infile, outfile, datas):
    """Copy a pcapng file, replacing the packet data of its Enhanced Packet Blocks in order."""
    with open(infile, "rb") as f:
        raw = f.read()
    out = bytearray()
    off, n, endian = 0, 0, None
    while off < len(raw):
        if endian is None or raw[off:off + 4] == b"\x0a\x0d\x0d\x0a":  # section header block
            endian = "<" if raw[off + 8:off + 12] == b"\x4d\x3c\x2b\x1a" else ">"
        btype, blen = struct.unpack(endian + "II", raw[off:off + 8])
        block = raw[off:off + blen]
        if btype in (2, 3):
            fail("obsolete/simple packet blocks are not handled")
        if btype == 6:  # Enhanced Packet Block
            iface, ts_hi, ts_lo, caplen, _origlen = struct.unpack(endian + "IIIII", block[8:28])
            options = block[28 + ((caplen + 3) & ~3):blen - 4]
            data = datas[n]
            n += 1
            body = struct.pack(endian + "IIIII", iface, ts_hi, ts_lo, len(data), len(data))
            body += data + b"\0" * (-len(data) % 4) + options
            block = struct.pack(endian + "II", 6, len(body) + 12) + body + struct.pack(endian + "I", len(body) + 12)
        out += block
        off += blen
    if n != len(datas):
        fail("pcapng has %d packet blocks, scapy read %d packets" % (n, len(datas)))
    with open(outfile, "wb") as f:
        f.write(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=443, help="server TCP port")
    ap.add_argument("infile")
    ap.add_argument("outfile")
    args = ap.parse_args()

    pkts = rdpcap(args.infile)
    if any(TCP not in p or IP not in p for p in pkts):
        fail("input must contain only TCP/IPv4 packets")
    conns = {(p[IP].src, p[TCP].sport, p[IP].dst, p[TCP].dport) for p in pkts}
    if len(conns) != 2:
        fail("input must contain exactly one TCP connection, found %d directions" % len(conns))
    for p in pkts:
        for opt in p[TCP].options:
            if opt[0] == "SAck":
                fail("SACK blocks present; not handled")

    is_srv = lambda p: p[TCP].sport == args.port
    synack = [p for p in pkts if is_srv(p) and p[TCP].flags.S and p[TCP].flags.A]
    if len(synack) != 1:
        fail("no single SYN/ACK from port %d" % args.port)
    base = (synack[0][TCP].seq + 1) % MOD  # relative offset 0 of the server stream

    # Reassemble the server->client byte stream (clean capture: in order, no retransmissions).
    stream = bytearray()
    for p in pkts:
        if not is_srv(p):
            continue
        data = bytes(p[TCP].payload)
        if not data:
            continue
        rel = (p[TCP].seq - base) % MOD
        if rel != len(stream):
            fail("server segment at relative seq %d, expected %d (retransmission or gap?)" % (rel, len(stream)))
        stream += data

    # Split the stream into TLS records.
    records = []  # (offset, content_type, length)
    off = 0
    while off + 5 <= len(stream):
        ctype, length = stream[off], int.from_bytes(stream[off + 3:off + 5], "big")
        records.append((off, ctype, length))
        off += 5 + length
    if off != len(stream):
        fail("server stream does not end on a record boundary")

    first = next((i for i, (o, t, _) in enumerate(records) if t == 22 and stream[o + 5] == 2), None)
    if first is None:
        fail("no ServerHello record")
    group = records[first:first + len(WANTED)]
    types = []
    for o, t, length in group:
        hs_len = int.from_bytes(stream[o + 6:o + 9], "big")
        if t != 22 or hs_len + 4 != length:
            fail("record at %d is not exactly one handshake message" % o)
        types.append(stream[o + 5])
    if types != WANTED:
        fail("server flight is %s, expected %s" % (types, WANTED))

    total = sum(length for _, _, length in group)
    if total > 1 << 14:
        fail("merged record would exceed 2^14 bytes")
    stream[group[0][0] + 3:group[0][0] + 5] = total.to_bytes(2, "big")
    deletions = [(o, 5) for o, _, _ in group[1:]]  # (start, length), ascending

    def new_offset(rel):
        """Map an old stream offset to the new one (inside a deletion: its start)."""
        shift = 0
        for start, n in deletions:
            if rel >= start + n:
                shift += n
            elif rel > start:
                shift += rel - start
        return rel - shift

    new_stream = bytearray()
    prev = 0
    for start, n in deletions:
        new_stream += stream[prev:start]
        prev = start + n
    new_stream += stream[prev:]
    assert len(new_stream) == len(stream) - 5 * len(deletions)

    out = []
    for p in pkts:
        q = p.copy()
        tcp = q[TCP]
        if is_srv(q):
            data = bytes(tcp.payload)
            rel = (tcp.seq - base) % MOD
            if not tcp.flags.S:
                tcp.seq = (base + new_offset(rel)) % MOD
            if data:
                new_data = bytes(new_stream[new_offset(rel):new_offset(rel + len(data))])
                if not new_data:
                    fail("a segment would become empty")
                tcp.remove_payload()
                tcp.add_payload(Raw(new_data))
        elif tcp.flags.A:
            rel = (tcp.ack - base) % MOD
            if rel <= len(stream) + 1:  # +1: the server's FIN
                tcp.ack = (base + new_offset(rel)) % MOD
        del q[IP].len
        del q[IP].chksum
        del q[TCP].chksum
        out.append(bytes(Ether(bytes(q))))

    write_pcapng_with_new_data(args.infile, args.outfile, out)
    print("coalesce.py: merged %s into one record of %d bytes; server stream %d -> %d bytes"
          % (", ".join(HS_NAMES[t] for t in types), total, len(stream), len(new_stream)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
