#!/usr/bin/python3
# dns-filter.py LISTEN_IP UPSTREAM_IP DEAD_SUFFIX PIDFILE
# A forwarding "resolver" on LISTEN_IP:53 (UDP) in front of NSD (UPSTREAM_IP:53) that never answers a query for
# a name under DEAD_SUFFIX: the resolver policyd-spf uses, so that the SPF lookup of a sender domain whose DNS is
# dead times out (pyspf -> "temperror") while every other name resolves as usual.
import os, socket, sys, threading
listen, upstream, dead, pidfile = sys.argv[1], sys.argv[2], sys.argv[3].lower().strip('.'), sys.argv[4]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind((listen, 53))
with open(pidfile, 'w') as f: f.write(f'{os.getpid()}\n')
def qname(pkt):
    i, labels = 12, []
    while i < len(pkt) and pkt[i] and len(labels) < 128:
        n = pkt[i]; labels.append(pkt[i + 1:i + 1 + n].decode('ascii', 'replace')); i += 1 + n
    return '.'.join(labels).lower()
def relay(pkt, addr):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(5)
    try: u.sendto(pkt, (upstream, 53)); s.sendto(u.recv(65535), addr)
    except OSError: pass
    finally: u.close()
while True:
    pkt, addr = s.recvfrom(65535)
    name = qname(pkt)
    if name == dead or name.endswith('.' + dead): continue
    threading.Thread(target=relay, args=(pkt, addr), daemon=True).start()
