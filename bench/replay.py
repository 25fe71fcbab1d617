# SPDX-License-Identifier: GPL-2.0-or-later
"""Replays the bundled captures' TCP connections as new, distinct connections.

A template is one bundled capture (all its connections: a resumption needs the
earlier connection from the same client). A replay gives it a new client
address, new client ports and new initial sequence numbers for both sides;
sequence, acknowledgement and SACK numbers move by the same offsets, so TCP
analysis and reassembly see consistent streams. Payloads, TCP options such as
timestamps, and relative timing are kept. Checksums are recomputed.
"""
import functools
import hashlib
import hmac
import struct
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from pcapng import fix_checksums, read_packets

U32 = 0xFFFFFFFF


@dataclass
class Template:
    name: str
    packets: list            # (ns since the template's first packet, frame bytes)
    client_ip: bytes
    server_port: int
    client_ports: list       # one per TCP connection, in order of their SYNs
    start_ns: int            # when the original capture started

    @property
    def connections(self):
        return len(self.client_ports)

    @property
    def duration_ns(self):
        return self.packets[-1][0]


def load_templates(pcap_dir):
    """The bundled TCP captures (TLS and SSL); the UDP ones (DTLS, QUIC) are
    left out here: QUIC templates come from load_quic_templates."""
    templates = []
    for path in sorted(Path(pcap_dir).glob("*.pcapng")):
        pkts = list(read_packets(path))
        if any(frame[23] != 6 for _, frame in pkts):
            if all(frame[23] == 17 for _, frame in pkts):
                continue                                  # DTLS or QUIC
            raise ValueError(f"{path.name}: neither TCP nor UDP only")
        t0 = pkts[0][0]
        client_ip, server_port, ports = None, None, []
        for _, frame in pkts:
            ihl = (frame[14] & 0x0F) * 4
            tcp = 14 + ihl
            flags = frame[tcp + 13]
            if flags & 0x12 == 0x02:                      # SYN without ACK
                client_ip = frame[26:30]
                sport, dport = struct.unpack_from("!HH", frame, tcp)
                server_port = dport
                ports.append(sport)
        if client_ip is None:
            raise ValueError(f"{path.name}: no SYN, cannot tell the client")
        templates.append(Template(path.stem, [(t - t0, f) for t, f in pkts],
                                  client_ip, server_port, ports, t0))
    return templates


@dataclass
class Replay:
    template: Template
    start_ns: int
    client_ip: bytes
    port_map: dict           # template client port -> new client port
    isn: dict                # (template client port, "c"|"s") -> offset


def new_replay(rng, template, start_ns, client_ip):
    ports = rng.sample(range(32768, 61000), template.connections)
    port_map = dict(zip(template.client_ports, ports))
    isn = {(p, side): rng.getrandbits(32) for p in template.client_ports for side in "cs"}
    return Replay(template, start_ns, client_ip, port_map, isn)


def frames(replay):
    """Yields (absolute ns, rewritten frame) for every packet of the replay."""
    t = replay.template
    for rel, orig in t.packets:
        frame = bytearray(orig)
        ihl = (frame[14] & 0x0F) * 4
        tcp = 14 + ihl
        from_client = frame[26:30] == t.client_ip
        if from_client:
            cport = struct.unpack_from("!H", frame, tcp)[0]
            frame[26:30] = replay.client_ip
            struct.pack_into("!H", frame, tcp, replay.port_map[cport])
            own, peer = replay.isn[(cport, "c")], replay.isn[(cport, "s")]
        else:
            cport = struct.unpack_from("!H", frame, tcp + 2)[0]
            frame[30:34] = replay.client_ip
            struct.pack_into("!H", frame, tcp + 2, replay.port_map[cport])
            own, peer = replay.isn[(cport, "s")], replay.isn[(cport, "c")]
        seq, ack = struct.unpack_from("!II", frame, tcp + 4)
        flags = frame[tcp + 13]
        struct.pack_into("!I", frame, tcp + 4, (seq + own) & U32)
        if flags & 0x10:
            struct.pack_into("!I", frame, tcp + 8, (ack + peer) & U32)
        _shift_sack(frame, tcp, peer)
        fix_checksums(frame)
        yield replay.start_ns + rel, bytes(frame)


def _shift_sack(frame, tcp, offset):
    """SACK blocks acknowledge the peer's data: they move with the peer's ISN."""
    end = tcp + (frame[tcp + 12] >> 4) * 4
    pos = tcp + 20
    while pos < end:
        kind = frame[pos]
        if kind == 0:
            break
        if kind == 1:
            pos += 1
            continue
        olen = frame[pos + 1]
        if kind == 5:
            for b in range(pos + 2, pos + olen, 4):
                v = struct.unpack_from("!I", frame, b)[0]
                struct.pack_into("!I", frame, b, (v + offset) & U32)
        pos += max(olen, 2)


# QUIC (UDP). Wireshark finds a QUIC connection by its connection IDs before
# its addresses (RFC 9000 5.2): replays that kept the template's IDs would all
# be taken for the first one (the same Initial DCID is the same connection,
# and CRYPTO data at offsets already seen is a retransmission). So every
# replay gets new connection IDs of the same lengths, and its Initial packets
# are decrypted and encrypted again with the keys of the new client DCID
# (RFC 9001 5.2: anyone can derive them). Handshake, 0-RTT and 1-RTT packets
# get the new IDs in their headers only: their keys come from the handshake,
# so their authentication tags no longer match, which no one sees without the
# key log (the benchmark has none). The connection IDs quoted inside the
# transport parameters (RFC 9000 7.3) and NEW_CONNECTION_ID frames keep the
# template's values; Wireshark 4.0 does not check them against the headers.

@dataclass
class QuicTemplate:
    name: str
    packets: list            # (ns since the template's first packet, frame bytes)
    client_ip: bytes
    server_port: int
    client_ports: list       # one per QUIC connection (client UDP port), in order
    cids: list               # every connection ID in the headers, longest first
    first_dcids: dict        # client port -> DCID of its first Initial (the Initial keys')
    start_ns: int

    @property
    def connections(self):
        return len(self.client_ports)


def _quic_cids(udp_payload, known):
    """Connection IDs in one UDP datagram's long headers (coalesced packets
    included); a short header's DCID is one of those already known."""
    out, pos = [], 0
    while pos < len(udp_payload):
        first = udp_payload[pos]
        if not first & 0x80:
            break                                         # short header: to the end
        dlen = udp_payload[pos + 5]
        dcid = udp_payload[pos + 6:pos + 6 + dlen]
        slen = udp_payload[pos + 6 + dlen]
        scid = udp_payload[pos + 7 + dlen:pos + 7 + dlen + slen]
        out += [dcid, scid]
        ptype = (first >> 4) & 3
        p = pos + 7 + dlen + slen
        if struct.unpack_from("!I", udp_payload, pos + 1)[0] == 0 or ptype == 3:
            break                                         # Version Negotiation, Retry
        if ptype == 0:                                    # Initial: token
            tlen, p = _varint(udp_payload, p)
            p += tlen
        length, p = _varint(udp_payload, p)
        pos = p + length
    return [c for c in out if c and c not in known]


def _varint(b, p):
    v = b[p] & 0x3F
    n = 1 << (b[p] >> 6)
    for i in range(1, n):
        v = (v << 8) | b[p + i]
    return v, p + n


def load_quic_templates(paths):
    templates = []
    for path in paths:
        pkts = list(read_packets(path))
        t0 = pkts[0][0]
        client_ip, server_port, ports, cids, first_dcids = None, None, [], [], {}
        for _, frame in pkts:
            ihl = (frame[14] & 0x0F) * 4
            if frame[23] != 17:
                raise ValueError(f"{path.name}: non-UDP packet")
            udp = 14 + ihl
            sport, dport = struct.unpack_from("!HH", frame, udp)
            if client_ip is None:                         # the first datagram is the client's
                client_ip, server_port = frame[26:30], dport
            if frame[26:30] == client_ip and sport not in ports:
                ports.append(sport)
                dlen = frame[udp + 8 + 5]
                first_dcids[sport] = frame[udp + 8 + 6:udp + 8 + 6 + dlen]
            cids += _quic_cids(frame[udp + 8:], cids)
        templates.append(QuicTemplate(Path(path).stem, [(t - t0, f) for t, f in pkts],
                                      client_ip, server_port, ports,
                                      sorted(set(cids), key=lambda c: (-len(c), c)),
                                      first_dcids, t0))
    return templates


@dataclass
class QuicReplay:
    template: QuicTemplate
    start_ns: int
    client_ip: bytes
    port_map: dict           # template client port -> new client port
    cid_map: dict            # template connection ID -> new one, same length


def new_quic_replay(rng, template, start_ns, client_ip):
    ports = rng.sample(range(32768, 61000), template.connections)
    return QuicReplay(template, start_ns, client_ip, dict(zip(template.client_ports, ports)),
                      {c: rng.randbytes(len(c)) for c in template.cids})


def quic_frames(replay):
    """Yields (absolute ns, rewritten frame) for every datagram of the replay."""
    t = replay.template
    for rel, orig in t.packets:
        frame = bytearray(orig)
        udp = 14 + (frame[14] & 0x0F) * 4
        from_client = frame[26:30] == t.client_ip
        if from_client:
            frame[26:30] = replay.client_ip
            port = udp
        else:
            frame[30:34] = replay.client_ip
            port = udp + 2
        cport = struct.unpack_from("!H", frame, port)[0]
        struct.pack_into("!H", frame, port, replay.port_map[cport])
        frame[udp + 8:] = quic_rewrite(bytes(frame[udp + 8:]), replay.cid_map,
                                       t.first_dcids[cport], from_client)
        fix_checksums(frame)
        yield replay.start_ns + rel, bytes(frame)


def quic_rewrite(dgram, cid_map, client_dcid, from_client):
    """The datagram with new connection IDs; Initial packets protected again.
    client_dcid: the template connection's original client DCID (its
    Initial keys come from it)."""
    out, pos = bytearray(), 0
    while pos < len(dgram):
        first = dgram[pos]
        if not first & 0x80:                              # short header: DCID, then the rest
            for old, new in cid_map.items():
                if dgram[pos + 1:pos + 1 + len(old)] == old:
                    return bytes(out + dgram[pos:pos + 1] + new + dgram[pos + 1 + len(old):])
            return bytes(out + dgram[pos:])
        dlen = dgram[pos + 5]
        dcid = dgram[pos + 6:pos + 6 + dlen]
        slen = dgram[pos + 6 + dlen]
        scid = dgram[pos + 7 + dlen:pos + 7 + dlen + slen]
        p = pos + 7 + dlen + slen
        version = struct.unpack_from("!I", dgram, pos + 1)[0]
        header = (dgram[pos:pos + 6] + cid_map.get(dcid, dcid) + bytes([slen])
                  + cid_map.get(scid, scid))
        ptype = (first >> 4) & 3
        if version == 0 or ptype == 3:                    # Version Negotiation, Retry
            return bytes(out + header + dgram[p:])
        pn_start = p
        if ptype == 0:
            tlen, pn_start = _varint(dgram, pn_start)
            pn_start += tlen
        length, pn_start = _varint(dgram, pn_start)
        end = pn_start + length
        if ptype == 0:
            if version != 1:
                raise ValueError(f"QUIC version {version:#x}: only version 1's Initial "
                                 "keys are known")
            out += _reprotect_initial(dgram[pos:end], pn_start - pos, client_dcid,
                                      cid_map[client_dcid], from_client, cid_map)
        else:
            out += header + dgram[p:end]
        pos = end
    return bytes(out)


def _reprotect_initial(packet, pn_off, old_dcid, new_dcid, from_client, cid_map):
    """An Initial packet decrypted with the Initial keys of the template
    connection's original client DCID and encrypted with those of the
    replay's (RFC 9001 5.2-5.4). The IDs keep their lengths, so every offset
    in the header stays where it was."""
    side = "client in" if from_client else "server in"
    key, iv, hp = _initial_keys(old_dcid, side)
    mask = _hp_mask(hp, packet[pn_off + 4:pn_off + 20])
    first = packet[0] ^ (mask[0] & 0x0F)
    pn_len = (first & 3) + 1
    pn = bytes(b ^ m for b, m in zip(packet[pn_off:pn_off + pn_len], mask[1:]))
    payload = AESGCM(key).decrypt(_nonce(iv, pn), packet[pn_off + pn_len:],
                                  bytes([first]) + packet[1:pn_off] + pn)
    dlen = packet[5]
    slen = packet[6 + dlen]
    dcid, scid = packet[6:6 + dlen], packet[7 + dlen:7 + dlen + slen]
    header = bytearray(packet[:pn_off] + pn)
    header[0] = first
    header[6:6 + dlen] = cid_map.get(dcid, dcid)
    header[7 + dlen:7 + dlen + slen] = cid_map.get(scid, scid)
    key, iv, hp = _initial_keys(new_dcid, side)
    sealed = AESGCM(key).encrypt(_nonce(iv, pn), payload, bytes(header))
    mask = _hp_mask(hp, (bytes(header[pn_off:]) + sealed)[4:20])
    header[0] ^= mask[0] & 0x0F
    for i in range(pn_len):
        header[pn_off + i] ^= mask[1 + i]
    return bytes(header) + sealed


_INITIAL_SALT_V1 = bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a")


def _hkdf_expand_label(secret, label, length):
    full = b"tls13 " + label.encode()
    info = struct.pack("!HB", length, len(full)) + full + b"\0"
    out, block, i = b"", b"", 1
    while len(out) < length:
        block = hmac.new(secret, block + info + bytes([i]), hashlib.sha256).digest()
        out += block
        i += 1
    return out[:length]


@functools.lru_cache(maxsize=4096)
def _initial_keys(client_dcid, side):
    """(key, iv, header protection key) of one side's Initial packets."""
    initial = hmac.new(_INITIAL_SALT_V1, client_dcid, hashlib.sha256).digest()
    secret = _hkdf_expand_label(initial, side, 32)
    return (_hkdf_expand_label(secret, "quic key", 16), _hkdf_expand_label(secret, "quic iv", 12),
            _hkdf_expand_label(secret, "quic hp", 16))


def _hp_mask(hp, sample):
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    return enc.update(bytes(sample)) + enc.finalize()


def _nonce(iv, pn):
    """Packet numbers here are small: the truncated number is the full one."""
    return bytes(a ^ b for a, b in zip(iv, bytes(len(iv) - len(pn)) + pn))
