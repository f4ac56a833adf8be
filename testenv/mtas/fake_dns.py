#!/usr/bin/python3
"""Tiny loopback DNS server that answers every query NXDOMAIN (the name does not exist).

Only for MTAs that insist on a DNS lookup for a domain without a static route (Haraka's MX lookup of nohost.test):
they get a real NXDOMAIN from 127.0.0.1 instead of asking the machine's resolver. Stdlib only, UDP.

Usage: fake_dns.py --listen 127.0.0.1:PORT [--log FILE]
"""
import argparse
import socket
import struct
import sys


def question_end(msg):
    """Offset just past the first question (name, type, class), or None if the query is malformed."""
    i = 12
    while i < len(msg):
        n = msg[i]
        if n == 0:
            return i + 5 if i + 5 <= len(msg) else None
        if n & 0xC0:
            return None  # no compression in a question we answer
        i += 1 + n
    return None


def nxdomain(query):
    if len(query) < 12:
        return None
    qid, flags, qd = struct.unpack("!HHH", query[:6])
    if flags & 0x8000 or qd != 1:
        return None
    end = question_end(query)
    if end is None:
        return None
    # QR, opcode copied, AA, RD copied, RA, RCODE 3 (NXDOMAIN); one question, no records
    rflags = 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | 0x0080 | 3
    return struct.pack("!HHHHHH", qid, rflags, 1, 0, 0, 0) + query[12:end]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", required=True)
    ap.add_argument("--log")
    a = ap.parse_args()
    host, port = a.listen.rsplit(":", 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((host, int(port)))
    log = open(a.log, "a", buffering=1) if a.log else sys.stdout
    while True:
        q, peer = s.recvfrom(4096)
        r = nxdomain(q)
        if r:
            s.sendto(r, peer)
            end = question_end(q)
            labels, i = [], 12
            while i < end - 5:
                labels.append(q[i + 1:i + 1 + q[i]].decode("ascii", "replace"))
                i += 1 + q[i]
            qtype = struct.unpack("!H", q[end - 4:end - 2])[0]
            print(f"{peer[0]}:{peer[1]} {'.'.join(labels)} type {qtype} -> NXDOMAIN", file=log)


if __name__ == "__main__":
    main()
