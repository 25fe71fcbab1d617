#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Writes the benchmark captures, deterministically from a seed.

  bench/out/tls.pcapng    the bundled captures' connections replayed until
                          about --tls-connections TLS connections (every shape,
                          picked at random), each with its own client address,
                          ports and sequence numbers, arriving as a Poisson
                          process so connections overlap in time.
  bench/out/mixed.pcapng  about --mixed-packets packets, a tenth of them TLS on
                          TCP port 443 (replays as above), 3 % QUIC on UDP port
                          443 (the bundled QUIC captures replayed with new
                          addresses, ports and connection IDs), the rest DNS,
                          HTTP, SMTP, other TCP and UDP (traffic.py).

Same seed, same options: byte-identical files.
"""
import argparse
import random
import struct
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import traffic                                             # noqa: E402
from pcapng import Writer                                  # noqa: E402
from replay import (frames, load_quic_templates, load_templates,  # noqa: E402
                    new_quic_replay, new_replay, quic_frames)

HERE = Path(__file__).resolve().parent
TLS_SHARE = 0.10
QUIC_SHARE = 0.03
QUIC_CAPTURES = ("quic-ngtcp2", "quic-0rtt")   # complete handshakes (0-RTT: with a resumption)


def addr(base, n):
    """The n-th address after base (a 4-byte address), skipping .0 and .255."""
    host = struct.unpack("!I", base)[0] + n // 254 * 256 + n % 254 + 1
    return struct.pack("!I", host)


def write_sorted(path, sessions):
    """sessions: iterable of lists of (ns, frame); merged in time order."""
    pkts = []
    for i, sess in enumerate(sessions):
        pkts += [(ts, i, j, f) for j, (ts, f) in enumerate(sess)]
    pkts.sort(key=lambda p: p[:3])
    w = Writer(path)
    for ts, _, _, frame in pkts:
        w.packet(ts, frame)
    w.close()
    return len(pkts)


def gen_tls(rng, templates, target, start_ns, rate):
    """Replays until `target` TCP connections; returns (sessions, stats)."""
    sessions, per_template, conns, t = [], Counter(), 0, start_ns
    base = bytes([198, 18, 0, 0])
    while conns < target:
        tpl = rng.choice(templates)
        t += int(rng.expovariate(rate) * 1e9)
        rep = new_replay(rng, tpl, t, addr(base, len(sessions)))
        sessions.append(list(frames(rep)))
        per_template[tpl.name] += tpl.connections
        conns += tpl.connections
    return sessions, per_template, conns


def gen_mixed(rng, templates, quic_tpls, target_packets, start_ns, rate):
    tls_tpls = [t for t in templates if t.server_port == 443]
    kinds = list(traffic.KINDS)
    weights = [traffic.KINDS[k][1] for k in kinds]
    clients = [addr(bytes([198, 19, 0, 0]), i) for i in range(4000)]
    servers = [addr(bytes([203, 0, 113, 0]), i) for i in range(200)]
    resolvers = [bytes([203, 0, 113, 53]), bytes([203, 0, 113, 54])]
    sessions, by_kind, total, t = [], Counter(), 0, start_ns
    packets = Counter()
    tls_base, quic_base = bytes([198, 18, 0, 0]), bytes([198, 18, 128, 0])
    while total < target_packets:
        t += int(rng.expovariate(rate) * 1e9)
        if packets["tls"] < TLS_SHARE * total:
            rep = new_replay(rng, rng.choice(tls_tpls), t, addr(tls_base, by_kind["tls"]))
            sess = list(frames(rep))
            kind = "tls"
        elif packets["quic"] < QUIC_SHARE * total:
            rep = new_quic_replay(rng, rng.choice(quic_tpls), t,
                                  addr(quic_base, by_kind["quic"]))
            sess = list(quic_frames(rep))
            kind = "quic"
        else:
            kind = rng.choices(kinds, weights)[0]
            server = rng.choice(resolvers if kind == "dns" else servers)
            rtt = rng.randrange(1_000_000, 80_000_000)
            sess = [(t + rel, f) for rel, f in
                    traffic.KINDS[kind][0](rng, rng.choice(clients), server, rtt)]
        sessions.append(sess)
        by_kind[kind] += 1
        packets[kind] += len(sess)
        total += len(sess)
    return sessions, by_kind, packets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small captures for development")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--tls-connections", type=int)
    ap.add_argument("--mixed-packets", type=int)
    ap.add_argument("--pcaps", default=str(HERE.parent / "pcaps"))
    ap.add_argument("--out", default=str(HERE / "out"))
    a = ap.parse_args()
    n_tls = a.tls_connections or (2000 if a.quick else 20000)
    n_mixed = a.mixed_packets or (40000 if a.quick else 400000)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    templates = load_templates(a.pcaps)                 # TCP only
    quic_tpls = load_quic_templates([Path(a.pcaps) / f"{n}.pcapng" for n in QUIC_CAPTURES])
    # Start where the newest bundled capture started: its certificates are
    # valid then (a fixed older date would make them "not yet valid").
    start = max(t.start_ns for t in templates)

    rng = random.Random(a.seed)
    sessions, per_tpl, conns = gen_tls(rng, templates, n_tls, start, rate=100.0)
    path = out / "tls.pcapng"
    n = write_sorted(path, sessions)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {n} packets, "
          f"{conns} TCP connections from {len(sessions)} replays of "
          f"{len(per_tpl)} captures")
    for name, c in sorted(per_tpl.items()):
        print(f"  {name:40} {c:6} connections")

    rng = random.Random(a.seed + 1)
    sessions, by_kind, packets = gen_mixed(rng, templates, quic_tpls, n_mixed, start, rate=1000.0)
    path = out / "mixed.pcapng"
    n = write_sorted(path, sessions)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {n} packets, "
          f"TLS on TCP 443: {packets['tls']} packets ({100 * packets['tls'] / n:.1f} %), "
          f"QUIC on UDP 443: {packets['quic']} packets ({100 * packets['quic'] / n:.1f} %)")
    for kind, c in sorted(by_kind.items()):
        print(f"  {kind:12} {c:7} sessions {packets[kind]:8} packets "
              f"({100 * packets[kind] / n:4.1f} %)")


if __name__ == "__main__":
    main()
