#!/bin/sh
# Stop everything start.sh started for ROOT (PIDs from this ROOT's pid files only), then drop the netns.
# Usage:  ROOT=/tmp/mf1 ./stop.sh
: "${ROOT:?set ROOT to the folder given to start.sh}"
F=$(cd "$ROOT" 2>/dev/null && pwd) || { echo "no such ROOT" >&2; exit 1; }
pidof_file() { [ -s "$1" ] && p=$(head -n 1 "$1" | tr -cd 0-9) && [ -n "$p" ] && kill -0 "$p" 2>/dev/null && echo "$p"; }
PIDS=""
# Postfix first (stops accepting/delivering), then the filters and servers, rsyslogd last
# each master's children are waited for too (they get re-parented when their master exits)
kids() { ps -o pid= --ppid "$1" 2>/dev/null | tr -d ' '; }
if P=$(pidof_file "$F/postfix-spool/pid/master.pid"); then
  PIDS="$PIDS $P $(kids "$P")"
  "$F/bin/nsrun" -l postfix -c "$F/postfix" stop 2>/dev/null
fi
for pf in "$F/amavis/home/amavisd.pid" "$F/run/opendkim.pid" "$F/run/dovecot/master.pid" \
          "$F/nsd/run/nsd.pid" "$F/nsd/run-dnsns/nsd.pid" "$F/run/blackhole.pid" "$F/run/fake-remotes.pid" \
          "$F/run/policyd-spf.pid" "$F/run/dns-filter.pid" "$F/run/opendmarc/opendmarc.pid" "$F/run/clamav/clamav-milter.pid" "$F/run/clamav/clamd.pid" \
          "$F/run/spamass/spamass-milter.pid" "$F/run/spamd.pid" "$F/run/rspamd/rspamd.pid"; do
  P=$(pidof_file "$pf") || continue
  K=$(kids "$P")
  kill "$P" 2>/dev/null && PIDS="$PIDS $P $K"
done
# wait (max 15 s) until they are gone; zombies (<defunct>, not yet reaped by PID 1) count as gone
gone() { [ ! -d /proc/$1 ] || grep -q '^State:.*Z' /proc/$1/status 2>/dev/null; }
i=0
for P in $PIDS; do
  until gone "$P"; do i=$((i+1)); [ $i -gt 150 ] && { echo "pid $P still running" >&2; break; }; sleep 0.1; done
done
P=$(pidof_file "$F/run/rsyslogd.pid") && { kill "$P"; i=0; until gone "$P"; do i=$((i+1)); [ $i -gt 50 ] && break; sleep 0.1; done; }
mountpoint -q "$F/run/netns" 2>/dev/null && umount "$F/run/netns"
rm -f "$F/run/started"
echo "stopped (ROOT=$F)"
exit 0
