#!/usr/bin/env bash
# Stop the loopback test mail environment started by start.sh ROOT.
F=${1:?usage: testenv/stop.sh ROOT}
postfix -c "$F/postfix" stop >/dev/null 2>&1
[ -f "$F/run/dovecot/master.pid" ] && kill "$(cat "$F/run/dovecot/master.pid")" 2>/dev/null
[ -f "$F/nsd/run/nsd.pid" ] && kill "$(cat "$F/nsd/run/nsd.pid")" 2>/dev/null
sleep 0.3; exit 0
