# SPDX-License-Identifier: GPL-2.0-or-later
"""Minimal pcapng reading and writing (Ethernet only) and Internet checksums.

Plain stdlib: the generator writes several hundred thousand packets, and
per-packet scapy objects would make that minutes instead of seconds.
"""
import struct
from array import array

LINKTYPE_ETHERNET = 1
_BYTE_ORDER_MAGIC = 0x1A2B3C4D


def read_packets(path):
    """Yields (timestamp in ns, frame bytes) for every Enhanced Packet Block."""
    data = open(path, "rb").read()
    pos, endian, tsres = 0, "<", {}
    while pos + 12 <= len(data):
        btype = struct.unpack_from(endian + "I", data, pos)[0]
        if btype == 0x0A0D0D0A:                        # section header
            magic = struct.unpack_from("<I", data, pos + 8)[0]
            endian = "<" if magic == _BYTE_ORDER_MAGIC else ">"
            tsres = {}
        blen = struct.unpack_from(endian + "I", data, pos + 4)[0]
        body = data[pos + 8:pos + blen - 4]
        if btype == 1:                                 # interface description
            linktype = struct.unpack_from(endian + "H", body, 0)[0]
            if linktype != LINKTYPE_ETHERNET:
                raise ValueError(f"{path}: link type {linktype}, only Ethernet is handled")
            tsres[len(tsres)] = _tsresol_ns(body[8:], endian)
        elif btype == 6:                               # enhanced packet
            iface, hi, lo, caplen = struct.unpack_from(endian + "IIII", body, 0)
            ticks = (hi << 32) | lo
            num, den = tsres[iface]
            yield ticks * num // den, bytes(body[20:20 + caplen])
        pos += blen


def _tsresol_ns(options, endian):
    """(numerator, denominator) turning interface ticks into nanoseconds."""
    pos = 0
    while pos + 4 <= len(options):
        code, olen = struct.unpack_from(endian + "HH", options, pos)
        if code == 0:
            break
        if code == 9:
            v = options[pos + 4]
            if v & 0x80:
                return 10 ** 9, 2 ** (v & 0x7F)
            exp = v
            return (10 ** 9, 10 ** exp) if exp <= 9 else (1, 10 ** (exp - 9))
        pos += 4 + ((olen + 3) & ~3)
    return 1000, 1                                     # default: microseconds


class Writer:
    """Writes one section with one Ethernet interface, nanosecond timestamps."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.count = 0
        shb = struct.pack("<IHHq", _BYTE_ORDER_MAGIC, 1, 0, -1)
        self._block(0x0A0D0D0A, shb)
        tsresol = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
        self._block(1, struct.pack("<HHI", LINKTYPE_ETHERNET, 0, 262144) + tsresol)

    def _block(self, btype, body):
        blen = 12 + len(body)
        self.f.write(struct.pack("<II", btype, blen) + body + struct.pack("<I", blen))

    def packet(self, ts_ns, frame):
        pad = b"\0" * (-len(frame) % 4)
        body = struct.pack("<IIIII", 0, ts_ns >> 32, ts_ns & 0xFFFFFFFF,
                           len(frame), len(frame)) + frame + pad
        self._block(6, body)
        self.count += 1

    def close(self):
        self.f.close()


def checksum(data):
    """Internet checksum (RFC 1071), packed in native order by the caller."""
    if len(data) % 2:
        data = bytes(data) + b"\0"
    s = sum(array("H", bytes(data)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def fix_checksums(frame):
    """Recomputes the IPv4 header checksum and the TCP or UDP checksum in place."""
    ihl = (frame[14] & 0x0F) * 4
    total = struct.unpack_from("!H", frame, 16)[0]
    frame[24:26] = b"\0\0"
    struct.pack_into("=H", frame, 24, checksum(frame[14:14 + ihl]))
    proto = frame[23]
    l4 = 14 + ihl
    l4len = total - ihl
    off = {6: 16, 17: 6}.get(proto)
    if off is None:
        return
    frame[l4 + off:l4 + off + 2] = b"\0\0"
    pseudo = bytes(frame[26:34]) + struct.pack("!BBH", 0, proto, l4len)
    c = checksum(pseudo + bytes(frame[l4:l4 + l4len]))
    if proto == 17 and c == 0:
        c = 0xFFFF
    struct.pack_into("=H", frame, l4 + off, c)
