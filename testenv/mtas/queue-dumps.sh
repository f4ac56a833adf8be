#!/bin/bash
# queue-dumps.sh OUTDIR — fill the queues of Exim, Sendmail and Postfix (testenv/mtas, as root) with mail that
# waits: greylisted and over-quota recipients, a host that refuses connections, a burst of 40 messages from one
# sender, bounces that cannot be returned (a MAILER-DAEMON backlog), a held Postfix message; then save what each
# MTA's own queue listing says: postqueue -j and -p, exim -bp, sendmail's mailq. About 30 s.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${1:?usage: queue-dumps.sh OUTDIR}
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
ROOT=$(mktemp -d /tmp/mtas-queue.XXXXXX); export ROOT
trap '"$HERE/stop.sh" >/dev/null 2>&1 || true; rm -rf "$ROOT"' EXIT
"$HERE/setup.sh" >/dev/null
"$HERE/start.sh" >/dev/null
PY=/usr/bin/python3
send() { # mta port from to...
  "$PY" - "$@" <<'PYX'
import smtplib, sys, time
from email.message import EmailMessage
mta, port, frm, *rcpts = sys.argv[1:]
m = EmailMessage(); m["From"] = frm or "<>"; m["To"] = ", ".join(rcpts); m["Subject"] = f"queue test via {mta}"
m["Message-ID"] = f"<q{time.time_ns()}@{mta}.mta.test>"; m.set_content("queued on purpose\n")
with smtplib.SMTP("127.0.0.1", int(port), local_hostname="client.test", timeout=30) as s:
    s.send_message(m, from_addr=frm, to_addrs=rcpts)
PYX
}
for mp in exim:40125 sendmail:40325 postfix:40425; do
  mta=${mp%%:*}; port=${mp##*:}
  send "$mta" "$port" "sender@$mta.mta.test" greylist@remote.test
  send "$mta" "$port" "sender@$mta.mta.test" quota@remote.test ratelimit@remote.test
  send "$mta" "$port" "sender@$mta.mta.test" someone@down.test
  for i in $(seq 1 40); do send "$mta" "$port" "newsletter@$mta.mta.test" "list$i@down.test"; done
  # A sender whose server keeps greylisting: the bounce for the unknown recipient waits in the queue.
  for i in 1 2 3; do send "$mta" "$port" "greylist@remote.test" "unknown@remote.test" || true; done
done
# Sendmail's and Exim's queue runners empty their queues of these within seconds here (1-minute lifetime, short
# retry rules): list them now; Exim again at the end, when its undeliverable bounces are frozen.
nsenter -t "$(cat "$ROOT/exim/daemon.pid")" -m -u "$ROOT/pkg/exim/usr/sbin/exim4" -bp > "$OUT/exim-bp.txt"
"$ROOT/pkg/sendmail/usr/libexec/sendmail/sendmail" -C "$ROOT/sendmail/sendmail.cf" -bp 2>/dev/null > "$OUT/sendmail-mailq.txt" || true
sleep 12
# Hold one Postfix message (the first for someone@down.test).
id=$(postqueue -c "$ROOT/postfix" -j | "$PY" -c 'import json,sys
for l in sys.stdin:
    m=json.loads(l)
    if any(r["address"]=="someone@down.test" for r in m["recipients"]): print(m["queue_id"]); break')
[ -n "$id" ] && postsuper -c "$ROOT/postfix" -h "$id" >/dev/null 2>&1
postqueue -c "$ROOT/postfix" -j > "$OUT/postfix-postqueue-j.jsonl"
postqueue -c "$ROOT/postfix" -p > "$OUT/postfix-postqueue-p.txt"
nsenter -t "$(cat "$ROOT/exim/daemon.pid")" -m -u "$ROOT/pkg/exim/usr/sbin/exim4" -bp > "$OUT/exim-bp-frozen.txt"
wc -l "$OUT"/*
