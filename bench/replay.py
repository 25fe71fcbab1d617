# SPDX-License-Identifier: GPL-2.0-or-later
"""Replays the bundled captures' TCP connections as new, distinct connections.

A template is one bundled capture (all its connections: a resumption needs the
earlier connection from the same client). A replay gives it a new client
address, new client ports and new initial sequence numbers for both sides;
sequence, acknowledgement and SACK numbers move by the same offsets, so TCP
analysis and reassembly see consistent streams. Payloads, TCP options such as
timestamps, and relative timing are kept. Checksums are recomputed.
"""
import struct
from dataclasses import dataclass
from pathlib import Path

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
    templates = []
    for path in sorted(Path(pcap_dir).glob("*.pcapng")):
        pkts = list(read_packets(path))
        t0 = pkts[0][0]
        client_ip, server_port, ports = None, None, []
        for _, frame in pkts:
            ihl = (frame[14] & 0x0F) * 4
            if frame[23] != 6:
                raise ValueError(f"{path.name}: non-TCP packet")
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
