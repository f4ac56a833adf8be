#!/usr/bin/env bash
# Stop the loopback test mail environment started by start.sh ROOT, and wait until its daemons are gone
# (a restart right after must not find Dovecot "already running").
F=${1:?usage: testenv/stop.sh ROOT}
pids=()
for f in "$F/postfix-data/master.pid" "$F/postfix-spool/pid/master.pid" "$F/run/dovecot/master.pid" "$F/nsd/run/nsd.pid"; do
  [ -f "$f" ] && pids+=("$(tr -d ' \n' < "$f")")
done
postfix -c "$F/postfix" stop >/dev/null 2>&1
[ -f "$F/run/dovecot/master.pid" ] && kill "$(cat "$F/run/dovecot/master.pid")" 2>/dev/null
[ -f "$F/nsd/run/nsd.pid" ] && kill "$(cat "$F/nsd/run/nsd.pid")" 2>/dev/null
for i in $(seq 1 100); do
  alive=0
  for p in "${pids[@]}"; do [ -n "$p" ] && kill -0 "$p" 2>/dev/null && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null && alive=1; done
  [ $alive -eq 0 ] && break
  sleep 0.05
done
exit 0
