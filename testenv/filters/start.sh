#!/bin/sh
# Start the filtering loopback mail set-up (no systemd, all on 127.0.0.1):
#   rsyslogd -> one maillog | NSD (+ DNS network namespace, black-hole resolver) | amavisd-new + SpamAssassin |
#   opendkim | Dovecot | Postfix with postscreen, DNSBLs, content_filter and milter.
# Usage:  ROOT=/tmp/mf1 PORT_BASE=34700 ./start.sh     (PORT_BASE: 10000..59900, multiple of 100)
# On first use it copies the config templates next to this script into ROOT and replaces @ROOT@ and @PB@.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
: "${ROOT:?set ROOT to a scratch folder}"
T0=$(date +%s%N)
el() { echo "$(( ($(date +%s%N) - T0) / 1000000 ))ms"; }
mkdir -p "$ROOT"; F=$(cd "$ROOT" && pwd)
case $F in *[!A-Za-z0-9/._-]*) echo "ROOT path must be plain ([A-Za-z0-9/._-])" >&2; exit 2;; esac
if [ -f "$F/.recipe-filters" ]; then   # configs already made for this ROOT: keep their ports
  WANT=${PORT_BASE:-}; . "$F/.recipe-filters"
  [ -z "$WANT" ] || [ "$WANT" = "$PORT_BASE" ] || { echo "ROOT was set up with PORT_BASE=$PORT_BASE; use a fresh ROOT for $WANT" >&2; exit 2; }
fi
PORT_BASE=${PORT_BASE:-34700}
case $PORT_BASE in [1-5][0-9][0-9]00) ;; *) echo "PORT_BASE must be 10000..59900 and a multiple of 100" >&2; exit 2;; esac
PB=${PORT_BASE%00}

# --- 0. ports must be free (TCP: postfix 25 26 28 30 40 65 87, amavis 24, opendkim 91, dovecot 10 43 93 95,
#        nsd 53, fake remotes 96 97; 99 must stay closed: it is the "unreachable" destination)
if [ ! -f "$F/run/started" ]; then
  for o in 10 24 25 26 28 30 40 43 53 65 87 91 93 95 96 97 99; do
    if [ -n "$(ss -Hltn "sport = :$PB$o")" ]; then echo "port $PB$o (tcp) is in use; pick another PORT_BASE" >&2; exit 1; fi
  done
  if [ -n "$(ss -Hlun "sport = :${PB}53")" ]; then echo "port ${PB}53 (udp) is in use" >&2; exit 1; fi
fi

# --- 1. configs from the templates
if [ ! -f "$F/.recipe-filters" ]; then
  for d in postfix dovecot nsd dns amavis opendkim rsyslog bin opendmarc policyd-spf rspamd clamav; do cp -r "$HERE/$d" "$F/"; done
  find "$F/postfix" "$F/dovecot" "$F/nsd" "$F/dns" "$F/amavis" "$F/opendkim" "$F/rsyslog" "$F/bin" "$F/opendmarc" \
    "$F/policyd-spf" "$F/rspamd" "$F/clamav" -type f \
    -exec sed -i "s#@ROOT@#$F#g; s#@PB@#$PB#g" {} +
  echo "PORT_BASE=$PORT_BASE" > "$F/.recipe-filters"
fi
id vmail >/dev/null 2>&1 || useradd -r -M -d /nonexistent -s /usr/sbin/nologin vmail
mkdir -p "$F/certs" "$F/run/dovecot" "$F/run/hostdev" "$F/nsd/run" "$F/nsd/run-dnsns" "$F/postfix-spool" \
  "$F/postfix-data" "$F/vmail" "$F/spool-mail" "$F/amavis/home/tmp" "$F/amavis/home/var" "$F/amavis/home/db" \
  "$F/amavis/quarantine" "$F/opendkim/keys" "$F/rsyslog/work"
[ -f "$F/certs/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mail.example.test" \
  -addext "subjectAltName=DNS:mail.example.test,DNS:localhost,IP:127.0.0.1" \
  -keyout "$F/certs/key.pem" -out "$F/certs/cert.pem" 2>/dev/null
chmod 600 "$F/certs/key.pem"
[ -f "$F/opendkim/keys/sel.private" ] || opendkim-genkey -b 2048 -h sha256 -d example.test -s sel -D "$F/opendkim/keys"
chown -R opendkim:opendkim "$F/opendkim/keys"; chmod 700 "$F/opendkim/keys"; chmod 600 "$F/opendkim/keys/sel.private"
chmod 644 "$F/opendkim/keys/sel.txt"
chown vmail:vmail "$F/vmail"; chown postfix "$F/postfix-data"
chown root:dovecot "$F/dovecot/users"; chmod 640 "$F/dovecot/users"
chown -R amavis:amavis "$F/amavis/home" "$F/amavis/quarantine"
# the filter MX's milters: each gets a run folder of its own user (sockets, pid files)
mkdir -p "$F/run/opendmarc" "$F/run/clamav" "$F/run/spamass" "$F/run/rspamd" "$F/rspamd/db" "$F/clamav/db" "$F/clamav/tmp"
chown opendmarc:opendmarc "$F/run/opendmarc"; chown clamav:clamav "$F/run/clamav" "$F/clamav/tmp"
chown spamass-milter:spamass-milter "$F/run/spamass"; chown _rspamd:_rspamd "$F/run/rspamd" "$F/rspamd/db"
# clamd's only signature: the MD5 of the EICAR test file, made here with sigtool (no freshclam, no network);
# named like the official one ("Win.Test.EICAR_HDB-1"; clamd adds ".UNOFFICIAL" for a local database)
if [ ! -f "$F/clamav/db/test.hdb" ]; then
  printf '%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*' > "$F/clamav/eicar.com"
  sigtool --md5 "$F/clamav/eicar.com" | sed 's/:[^:]*$/:Win.Test.EICAR_HDB-1/' > "$F/clamav/db/test.hdb"
fi
chmod 755 "$F/clamav" "$F/clamav/db"; chmod 644 "$F/clamav/db/test.hdb"
for p in /etc/spamassassin/*.pre; do ln -sf "$p" "$F/amavis/sa/"; done
postconf -c "$F/postfix" -e "virtual_uid_maps = static:$(id -u vmail)" "virtual_gid_maps = static:$(id -g vmail)"
sed -i "s/^first_valid_uid = .*/first_valid_uid = $(id -u vmail)/" "$F/dovecot/dovecot.conf"
# Postfix daemon_directory: copies of the real daemons (1.7 MB) + wrappers that enter the DNS network namespace
L="$F/postfix-libexec"; mkdir -p "$L"
cp -p /usr/lib/postfix/sbin/* "$L/"
rm -f "$L/dnsblog"
printf '#!/bin/sh\nexec /usr/bin/nsenter --net=%s/run/netns /usr/lib/postfix/sbin/dnsblog "$@"\n' "$F" > "$L/dnsblog"
printf '#!/bin/sh\nexec /usr/bin/nsenter --net=%s/run/netns /usr/lib/postfix/sbin/smtpd "$@"\n' "$F" > "$L/smtpd-dnsns"
chmod 755 "$L/dnsblog" "$L/smtpd-dnsns"
touch "$F/maillog" "$F/syslog"; chmod 640 "$F/maillog" "$F/syslog"
echo "prepared: $(el)"

# --- 2. DNS network namespace: only "lo"; kept alive by the bind mount on $F/run/netns
if ! mountpoint -q "$F/run/netns" 2>/dev/null; then
  : > "$F/run/netns"
  unshare --net="$F/run/netns" /usr/sbin/ip link set lo up
fi

# --- 3. rsyslogd (in the netns: it cannot send anything anywhere), socket $F/run/log.sock
#     LOG_TZ: the zone its stamps are written in (default Europe/Warsaw: a log whose offset is not the machine's)
"$F/bin/nsrun" -n env TZ="${LOG_TZ:-Europe/Warsaw}" rsyslogd -f "$F/rsyslog/rsyslog.conf" -i "$F/run/rsyslogd.pid"
i=0; until [ -S "$F/run/log.sock" ]; do i=$((i+1)); [ $i -gt 100 ] && { echo "rsyslogd socket not up" >&2; exit 1; }; sleep 0.05; done

# --- 4. amavisd-new first: SpamAssassin needs several seconds to load its rules; the rest starts meanwhile
TA=$(date +%s%N)
"$F/bin/nsrun" -l amavisd -c "$F/amavis/amavisd.conf" </dev/null >"$F/run/amavisd.start.log" 2>&1

# --- 5. NSD twice (host loopback :${PB}53 for dig; 127.0.0.1:53 inside the netns for the daemons) and the
#        black-hole "name server" 127.0.0.2:53 in the netns (reads queries, never answers)
nsd -c "$F/nsd/nsd.conf"
"$F/bin/nsrun" -n nsd -c "$F/nsd/nsd-dnsns.conf"
"$F/bin/nsrun" -n setsid perl -MIO::Socket::INET -e '
  my $s = IO::Socket::INET->new(LocalAddr => "127.0.0.2", LocalPort => 53, Proto => "udp") or die "bind: $!";
  open(my $p, ">", $ARGV[0]) or die; print $p "$$\n"; close $p;
  1 while defined $s->recv(my $b, 4096);' "$F/run/blackhole.pid" </dev/null >/dev/null 2>&1 &

# --- 5b. two misbehaving remote MXs for Postfix's smtp client (refuser.test, dropper.test in postfix/transport)
setsid /usr/bin/python3 "$F/bin/fake-remotes.py" ${PB}96 ${PB}97 "$F/run/fake-remotes.pid" </dev/null >"$F/run/fake-remotes.log" 2>&1 &

# --- 6. opendkim (daemonises), 7. Dovecot (keeps stdout open -> setsid + redirect), 8. Postfix
"$F/bin/nsrun" -l opendkim -x "$F/opendkim/opendkim.conf"
setsid "$F/bin/nsrun" -l dovecot -c "$F/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1
# --- 6b. the filter MX's policy server and milters, all in the DNS namespace (their lookups go to NSD), all
#         reached by unix socket: policyd-spf (per connection, as spawn(8) would), opendmarc, clamd +
#         clamav-milter, spamd + spamass-milter, rspamd (proxy worker in milter mode)
"$F/bin/nsrun" -n setsid /usr/bin/python3 "$F/bin/dns-filter.py" 127.0.0.4 127.0.0.1 slowdns.test "$F/run/dns-filter.pid" \
  </dev/null >/dev/null 2>&1 &
setsid "$F/bin/nsrun" -r "$F/dns/resolv-spf.conf" -nl /usr/bin/python3 "$F/bin/unix-spawn.py" "$F/run/policyd-spf.sock" "$F/run/policyd-spf.pid" nobody \
  /usr/bin/policyd-spf "$F/policyd-spf/policyd-spf.conf" </dev/null >/dev/null 2>"$F/run/policyd-spf.log" &
"$F/bin/nsrun" -nl opendmarc -c "$F/opendmarc/opendmarc.conf"
setsid "$F/bin/nsrun" -nl clamd -c "$F/clamav/clamd.conf" </dev/null >"$F/run/clamd.start.log" 2>&1 &
"$F/bin/nsrun" -nl spamd -d -r "$F/run/spamd.pid" --socketpath="$F/run/spamd.sock" --socketmode=0666 -u debian-spamd \
  -s mail -L -x --max-children=2 --siteconfigpath="$F/amavis/sa" --helper-home-dir=/tmp 2>"$F/run/spamd.start.log"
"$F/bin/nsrun" -nl setpriv --reuid=spamass-milter --regid=spamass-milter --init-groups sh -c 'umask 000; exec spamass-milter -f \
  -p "$1/run/spamass/spamass.sock" -P "$1/run/spamass/spamass-milter.pid" -i 127.0.0.1 -r 15 -- -U "$1/run/spamd.sock"' sh "$F"
# rspamd takes ~9 s before it daemonises (configuration and Lua modules): launched in the background, waited for
# by its socket below, while Postfix and the rest start
"$F/bin/nsrun" -nl rspamd -c /etc/rspamd/rspamd.conf -u _rspamd -g _rspamd --var=LOCAL_CONFDIR="$F/rspamd" \
  --var=DBDIR="$F/rspamd/db" --var=RUNDIR="$F/run/rspamd" --var=LOGDIR="$F/run/rspamd" </dev/null >"$F/run/rspamd.start.log" 2>&1 &
"$F/bin/nsrun" -l postfix -c "$F/postfix" start
echo "all started: $(el)"

# --- 9. wait for every listener (amavis last; it is the slow one)
waitport() { # proto port timeout_s
  i=0; until [ -n "$(ss -Hl$1n "src 127.0.0.1:$2")" ]; do
    i=$((i+1)); [ $i -gt $(($3*20)) ] && { echo "port $2/$1 not up after $3 s" >&2; exit 1; }; sleep 0.05; done
}
for o in 25 26 28 30 40 65 87 91 10 43 93 95 53 96 97; do waitport t $PB$o 20; done
# the filter MX's unix sockets; clamav-milter only starts once clamd answers, so it is started here
waitsock() { i=0; until [ -S "$1" ]; do i=$((i+1)); [ $i -gt $(($2*20)) ] && { echo "socket $1 not up after $2 s" >&2; exit 1; }; sleep 0.05; done; }
waitsock "$F/run/clamav/clamd.sock" 30
setsid "$F/bin/nsrun" -nl clamav-milter -c "$F/clamav/clamav-milter.conf" </dev/null >"$F/run/clamav-milter.start.log" 2>&1 &
for s in policyd-spf.sock opendmarc/opendmarc.sock clamav/clamav-milter.sock spamd.sock spamass/spamass.sock rspamd/rspamd-milter.sock; do
  waitsock "$F/run/$s" 60; done
waitport u ${PB}53 20
# inside the DNS namespace: NSD on 127.0.0.1:53 and the black hole on 127.0.0.2:53
i=0; until [ "$(nsenter --net="$F/run/netns" ss -Hlun | grep -cE ' 127\.0\.0\.[12]:53 ')" -ge 2 ]; do
  i=$((i+1)); [ $i -gt 200 ] && { echo "DNS namespace listeners not up" >&2; exit 1; }; sleep 0.05; done
# amavisd binds its port before SpamAssassin has compiled its rules; it is ready when its children exist
waitport t ${PB}24 30
i=0; until [ -s "$F/amavis/home/amavisd.pid" ] && ps -o args= --ppid "$(cat "$F/amavis/home/amavisd.pid")" | grep -q 'virgin child'; do
  i=$((i+1)); [ $i -gt 3600 ] && { echo "amavisd not ready after 180 s" >&2; exit 1; }; sleep 0.05; done
echo "amavisd+SpamAssassin ready $(( ($(date +%s%N) - TA) / 1000000 ))ms after launch"
touch "$F/run/started"
echo "mail filter env up in $(el) (ROOT=$F, PORT_BASE=$PORT_BASE)"
