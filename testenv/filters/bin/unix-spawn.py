#!/usr/bin/python3
# unix-spawn.py SOCKET PIDFILE USER COMMAND [ARGS...]
# What Postfix spawn(8) does for a check_policy_service, on a unix socket: for every connection it runs COMMAND
# (as USER) with stdin/stdout on the connection. Here policyd-spf needs the DNS network namespace (NSD), which
# a spawn(8) child of the Postfix master (host namespace, unprivileged) cannot enter; this server runs inside it
# (bin/nsrun -nl) and Postfix connects to the socket by its path (paths work across network namespaces).
import os, pwd, signal, socket, sys
path, pidfile, user, cmd = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
pw = pwd.getpwnam(user)
try: os.unlink(path)
except FileNotFoundError: pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); s.bind(path); os.chmod(path, 0o666); s.listen(16)
with open(pidfile, 'w') as f: f.write(f'{os.getpid()}\n')
signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # children are reaped automatically
signal.signal(signal.SIGTERM, lambda *_: (os.unlink(path), os._exit(0)))
while True:
    c, _ = s.accept()
    if os.fork() == 0:
        s.close(); os.dup2(c.fileno(), 0); os.dup2(c.fileno(), 1); c.close()
        os.setgid(pw.pw_gid); os.setgroups([]); os.setuid(pw.pw_uid)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.execvp(cmd[0], cmd)
    c.close()
