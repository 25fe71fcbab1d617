#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""A UDP relay that loses chosen datagrams, for a DTLS retransmission capture.

    udp_drop_proxy.py LISTEN_IP PORT SERVER_IP SERVER_PORT DROP [SECONDS]

Runs in the server's namespace: it receives the client's datagrams on
LISTEN_IP:PORT, forwards them to SERVER_IP:SERVER_PORT from one socket of its
own, and sends the server's answers back to the client. DROP is a comma list
of the client's datagram numbers (1 = the first) that it does not forward,
as if the network had lost them. The capture, made on the client's side,
still holds the lost datagrams. It exits after SECONDS (default 10) of
silence. One client at a time (the one that sent the first datagram).
"""
import select
import socket
import sys


def main():
    listen_ip, port, server_ip, server_port = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    drop = {int(x) for x in sys.argv[5].split(",") if x}
    idle = float(sys.argv[6]) if len(sys.argv) > 6 else 10.0
    front = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    front.bind((listen_ip, port))
    back = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    back.connect((server_ip, server_port))
    print("listening on %s:%d" % (listen_ip, port), flush=True)
    client, n = None, 0
    while True:
        ready, _, _ = select.select([front, back], [], [], idle)
        if not ready:
            return
        if front in ready:
            data, addr = front.recvfrom(65536)
            client = client or addr
            if addr == client:
                n += 1
                if n in drop:
                    print("client datagram %d (%d bytes) dropped" % (n, len(data)), flush=True)
                else:
                    back.send(data)
        if back in ready:
            data = back.recv(65536)
            if client:
                front.sendto(data, client)


if __name__ == "__main__":
    main()
