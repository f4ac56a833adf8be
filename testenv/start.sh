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
# Every port moves by MAILMEDIC_PORT_OFFSET (npm test picks one when the usual ports are taken).
OFF=${MAILMEDIC_PORT_OFFSET:-0}
DNS_PORT=${MAILMEDIC_DNS_PORT:-$((5353 + OFF))}
SMTPD_PORTS=$(grep -oE '^127\.0\.0\.1:[0-9]+' "$HERE/postfix/master.cf" | cut -d: -f2 | tr '\n' ' ')
DOVECOT_PORTS="1430 1100 9930 9950"
busy=""
for p in $DNS_PORT $(for q in $SMTPD_PORTS $DOVECOT_PORTS; do echo $((q + OFF)); done); do
  ss -Hltn "sport = :$p" | grep -q . && busy="$busy $p"
done
# DNS also needs UDP (mDNS daemons such as avahi hold 5353/udp on many desktops).
ss -Hlun "sport = :$DNS_PORT" | grep -q . && busy="$busy $DNS_PORT/udp"
if [ -n "$busy" ]; then
  echo "testenv: port(s)$busy already in use on this machine (another test run, or a mail/DNS server); stop it, or set MAILMEDIC_PORT_OFFSET=N to move every test port by N" >&2
  exit 3
fi
rm -rf "$F/postfix" "$F/dovecot" "$F/nsd"
cp -r "$HERE/postfix" "$HERE/dovecot" "$F/"
if [ "$OFF" != 0 ]; then
  for q in $SMTPD_PORTS; do sed -i -E "s/^127\.0\.0\.1:$q /127.0.0.1:$((q + OFF)) /" "$F/postfix/master.cf"; done
  for q in $DOVECOT_PORTS; do sed -i -E "s/^( *port = )$q\$/\1$((q + OFF))/" "$F/dovecot/dovecot.conf"; done
fi
P() { echo $(($1 + OFF)); }
mkdir -p "$F/nsd/zones" "$F/nsd/run" "$F/certs" "$F/run" "$F/postfix-spool" "$F/postfix-data" "$F/vmail"
cp "$HERE"/zones/*.zone "$F/nsd/zones/"
# Extra zones a test run generated (e.g. DKIM keys made at test time) may be dropped into $F/extra-zones first.
[ -d "$F/extra-zones" ] && cp "$F"/extra-zones/*.zone "$F/nsd/zones/" 2>/dev/null || true
# Signed zones for the DNSSEC chain walk and DANE tests: new keys each start; their TLSA records need the certificates.
[ -x "$HERE/certs.sh" ] && "$HERE/certs.sh" "$F/certs"
"$HERE/dnssec-zones.sh" "$F/nsd/zones" "$F/certs" "$F/dnssec"
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
for p in $DNS_PORT $(for q in $DOVECOT_PORTS; do P $q; done) $PORTS; do
  i=0; until ss -ltn | grep -q "127.0.0.1:$p "; do i=$((i+1)); [ $i -gt 200 ] && { echo "port $p not up" >&2; exit 1; }; sleep 0.05; done
done
cat > "$F/env.json" <<X
{ "root": "$F", "host": "127.0.0.1", "dnsPort": $DNS_PORT, "smtp": $(P 2525), "submission": $(P 5870), "smtps": $(P 4650),
  "imap": $(P 1430), "imaps": $(P 9930), "pop3": $(P 1100), "pop3s": $(P 9950), "maillog": "$F/maillog", "dovecotLog": "$F/dovecot.log",
  "certs": "$F/certs", "users": { "alice@example.test": "alicepass", "bob@example.test": "bobpass" },
  "smtpNoTls": $(P 2526), "smtpExpiredCert": $(P 2527), "smtpWrongNameCert": $(P 2528), "smtpAuthBeforeTls": $(P 2529),
  "smtpCaSigned": $(P 2530), "caCert": "$F/certs/ca.pem", "dnssecAnchor": "$F/dnssec/anchor.ds", "portOffset": $OFF }
X
echo "mail test env up in $F"
