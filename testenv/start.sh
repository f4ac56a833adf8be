#!/usr/bin/env bash
# Start the loopback test mail environment: NSD (DNS), Dovecot (IMAP/POP3 + SASL), Postfix (SMTP/submission/smtps).
# Usage: testenv/start.sh ROOT   — ROOT is a scratch folder (created). Writes ROOT/env.json with the ports.
# Everything binds 127.0.0.1 only and delivers nothing outward. Needs root and .ci/install-system.sh's packages.
set -euo pipefail
# Daemons must not inherit our open descriptors (e.g. a caller's flock lock file would stay locked forever).
for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ] && eval "exec $fd>&-" 2>/dev/null; done || true
HERE=$(cd "$(dirname "$0")" && pwd)
F=${1:?usage: testenv/start.sh ROOT}
mkdir -p "$F"; chmod 755 "$F"; F=$(cd "$F" && pwd)
DNS_PORT=${MAILMEDIC_DNS_PORT:-5353}
rm -rf "$F/postfix" "$F/dovecot" "$F/nsd"
cp -r "$HERE/postfix" "$HERE/dovecot" "$F/"
mkdir -p "$F/nsd/zones" "$F/nsd/run" "$F/certs" "$F/run" "$F/postfix-spool" "$F/postfix-data" "$F/vmail"
cp "$HERE"/zones/*.zone "$F/nsd/zones/"
# Extra zones a test run generated (e.g. DKIM keys made at test time) may be dropped into $F/extra-zones first.
[ -d "$F/extra-zones" ] && cp "$F"/extra-zones/*.zone "$F/nsd/zones/" 2>/dev/null || true
{
  cat <<X
server:
  ip-address: 127.0.0.1@$DNS_PORT
  port: $DNS_PORT
  do-ip6: no
  username: ""
  chroot: ""
  zonesdir: "$F/nsd/zones"
  database: ""
  zonelistfile: "$F/nsd/run/zone.list"
  xfrdfile: "$F/nsd/run/xfrd.state"
  xfrdir: "$F/nsd/run"
  pidfile: "$F/nsd/run/nsd.pid"
  logfile: "$F/nsd/nsd.log"
  server-count: 1
  hide-version: yes
remote-control:
  control-enable: no
X
  for z in "$F"/nsd/zones/*.zone; do
    n=$(basename "$z" .zone)
    printf 'zone:\n  name: "%s"\n  zonefile: "%s"\n' "$n" "$n.zone"
  done
} > "$F/nsd/nsd.conf"
find "$F/postfix" "$F/dovecot" -type f -exec sed -i "s#@ROOT@#$F#g" {} +
id vmail >/dev/null 2>&1 || useradd -r -M -d "$F/vmail" -s /usr/sbin/nologin vmail
# Certificates: a good one for mail.example.test; the probe tests add broken ones with certs.sh.
[ -f "$F/certs/key.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=mail.example.test" \
  -addext "subjectAltName=DNS:mail.example.test,DNS:localhost,IP:127.0.0.1" \
  -keyout "$F/certs/key.pem" -out "$F/certs/cert.pem" 2>/dev/null
[ -x "$HERE/certs.sh" ] && "$HERE/certs.sh" "$F/certs"
chmod 600 "$F"/certs/*key*.pem
chown vmail:vmail "$F/vmail"; chown postfix "$F/postfix-data"
chown root:dovecot "$F/dovecot/users"; chmod 640 "$F/dovecot/users"
postconf -c "$F/postfix" -e "virtual_uid_maps = static:$(id -u vmail)" "virtual_gid_maps = static:$(id -g vmail)"
sed -i "s/^first_valid_uid = .*/first_valid_uid = $(id -u vmail)/" "$F/dovecot/dovecot.conf"
touch "$F/maillog"
nsd -c "$F/nsd/nsd.conf"
setsid dovecot -c "$F/dovecot/dovecot.conf" </dev/null >/dev/null 2>&1
postfix -c "$F/postfix" set-permissions >/dev/null 2>&1 || true
postfix -c "$F/postfix" start >/dev/null 2>&1 || { tail -5 "$F/maillog" >&2; exit 1; }
PORTS=$(grep -oE '^127\.0\.0\.1:[0-9]+' "$F/postfix/master.cf" | cut -d: -f2 | tr '\n' ' ')
for p in $DNS_PORT 1430 1100 9930 9950 $PORTS; do
  i=0; until ss -ltn | grep -q "127.0.0.1:$p "; do i=$((i+1)); [ $i -gt 200 ] && { echo "port $p not up" >&2; exit 1; }; sleep 0.05; done
done
cat > "$F/env.json" <<X
{ "root": "$F", "host": "127.0.0.1", "dnsPort": $DNS_PORT, "smtp": 2525, "submission": 5870, "smtps": 4650,
  "imap": 1430, "imaps": 9930, "pop3": 1100, "pop3s": 9950, "maillog": "$F/maillog", "dovecotLog": "$F/dovecot.log",
  "certs": "$F/certs", "users": { "alice@example.test": "alicepass", "bob@example.test": "bobpass" },
  "smtpNoTls": 2526, "smtpExpiredCert": 2527, "smtpWrongNameCert": 2528, "smtpAuthBeforeTls": 2529,
  "smtpCaSigned": 2530, "caCert": "$F/certs/ca.pem" }
X
echo "mail test env up in $F"
