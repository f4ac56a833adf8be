#!/usr/bin/python3
# Two misbehaving "remote MX" servers for Postfix's smtp client (loopback only):
#   127.0.0.1:PORT_REFUSE  greets with "554 5.7.1 ... go away" (Postfix: "refused to talk to me")
#   127.0.0.1:PORT_DROP    accepts the connection and hangs up before any greeting ("lost connection")
# Usage: fake-remotes.py PORT_REFUSE PORT_DROP PIDFILE
import os, socket, sys, threading
refuse, drop, pidfile = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

def serve(port, handle):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", port)); s.listen(16)
    while True:
        c, _ = s.accept()
        try: handle(c)
        except OSError: pass
        finally: c.close()

def refuser(c):
    c.sendall(b"554 5.7.1 mx.refuser.test: your IP has a poor reputation, go away\r\n")
    c.settimeout(5)
    try:
        while c.recv(512): c.sendall(b"503 5.5.1 go away\r\n")
    except OSError: pass

def dropper(c):
    pass  # closed at once by serve()

with open(pidfile, "w") as f: f.write(f"{os.getpid()}\n")
threading.Thread(target=serve, args=(refuse, refuser), daemon=True).start()
serve(drop, dropper)
