#!/bin/bash
# Real rejections written by Dovecot's delivery agent itself (dovecot-lda 2.3 with the quota plugin and Pigeonhole
# Sieve, Debian packages dovecot-core and dovecot-sieve): a full mailbox (default and custom quota messages, storage
# and message-count limits; a message over quota_max_mail_size is not rejected by the LDA, it fails temporarily), a recipient's Sieve `reject` (English, Polish, multi-line,
# a header rule) — and two Sieve vacation auto-replies that are NOT bounces. Each case delivers one message with
# dovecot-lda as an unprivileged user; Dovecot hands its notice to `sendmail_path`, a script that keeps it.
# Nothing leaves the machine: no network is used at all.
#
#   sudo bash scripts/gen-mda-rejections.sh     # rewrites test/bounce/fixtures/real-mda/dovecot/*.eml and index.tsv
#
# The expected reading of each notice is in test/bounce/fixtures/real-mda/expected.tsv (decided by the case, not by
# the reader). Needs root (runs dovecot-lda as nobody); apt-get install dovecot-core dovecot-sieve.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=$ROOT/test/bounce/fixtures/real-mda/dovecot
LDA=/usr/lib/dovecot/dovecot-lda
[ -x "$LDA" ] || { echo "no $LDA: apt-get install dovecot-core dovecot-sieve" >&2; exit 1; }
[ -e /usr/lib/dovecot/modules/lib90_sieve_plugin.so ] || { echo "no Sieve plugin: apt-get install dovecot-sieve" >&2; exit 1; }
W=$(mktemp -d /tmp/mm-mda-XXXXXX)
chmod 755 "$W"
trap 'rm -rf "$W"' EXIT
mkdir -p "$OUT"
rm -f "$OUT"/*.eml
: > "$OUT/index.tsv"

# run CASE "extra dovecot.conf lines" "sieve script or empty" SUBJECT BODY-BYTES [FILL]
#   FILL: deliver one message first (a mailbox that already holds mail, for the message-count limit)
run() {
  local name=$1 extra=$2 sieve=$3 subject=$4 size=$5 fill=${6:-}
  local T=$W/$name
  mkdir -p "$T/home/anna" "$T/mail" "$T/out" "$T/run"
  cat > "$T/capture.sh" <<'C'
#!/bin/sh
# Dovecot's "sendmail" (-i -f SENDER -- RECIPIENT): keep the notice as the sender's mailbox would get it, with the
# Return-Path a delivery adds.
from=
while [ $# -gt 0 ]; do case $1 in -f) from=$2; shift 2;; --) shift; break;; *) shift;; esac; done
d=$(dirname "$0")/out
{ echo "Return-Path: <$(echo "$from" | tr -d '<>')>"; cat; } > "$d/$(date +%s%N).eml"
C
  chmod +x "$T/capture.sh"
  cat > "$T/dovecot.conf" <<C
base_dir = $T/run
log_path = $T/dovecot.log
ssl = no
mail_location = maildir:$T/mail
postmaster_address = postmaster@mx.example.test
hostname = mx.example.test
sendmail_path = $T/capture.sh
quota_full_tempfail = no
recipient_delimiter = +
protocol lda {
  mail_plugins = quota sieve
}
plugin {
  quota = maildir:User quota
  quota_rule = *:storage=100M
  sieve = file:$T/home/anna/sieve;active=$T/home/anna/.dovecot.sieve
  sieve_vacation_dont_check_recipient = yes
}
$extra
C
  [ -n "$sieve" ] && printf '%s\n' "$sieve" > "$T/home/anna/.dovecot.sieve"
  chown -R nobody:nogroup "$T"
  deliver() {
    runuser -u nobody -- env HOME="$T/home/anna" USER=anna "$LDA" -c "$T/dovecot.conf" -f jan.nowak@sender.example -a anna@mx.example.test
  }
  if [ -n "$fill" ]; then
    printf 'From: Ola <ola@friend.example>\nTo: anna@mx.example.test\nSubject: earlier\nMessage-ID: <earlier-%s@friend.example>\nDate: Sat, 05 Dec 2026 09:00:00 +0000\n\nhello\n' "$name" | deliver
  fi
  {
    printf 'From: Jan Nowak <jan.nowak@sender.example>\nTo: Anna <anna@mx.example.test>\nSubject: %s\n' "$subject"
    printf 'Message-ID: <%s-1@sender.example>\nDate: Sat, 05 Dec 2026 10:00:00 +0100\nMIME-Version: 1.0\n' "$name"
    printf 'Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\nDzień dobry,\n'
    head -c "$size" /dev/zero | tr '\0' 'x' | fold -w 76
    printf '\nPozdrawiam\nJan\n'
  } | deliver || true
  local n=0
  for f in "$T"/out/*.eml; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    local dst="$OUT/$name.eml"; [ $n -gt 1 ] && dst="$OUT/$name.$n.eml"
    cp "$f" "$dst"
    printf '%s\t%s\n' "$(basename "$dst")" "$(grep -m1 -F "msgid=<$name-1@" "$T/dovecot.log" | sed 's/^.*: msgid=/msgid=/')" >> "$OUT/index.tsv"
  done
  [ $n -gt 0 ] || { echo "$name: Dovecot wrote no notice; its log:" >&2; cat "$T/dovecot.log" >&2; exit 1; }
  echo "$name: $n notice(s)"
}

run quota-storage 'plugin {
  quota_rule = *:storage=1K
}' '' 'Faktura 12/2026' 3000
run quota-messages 'plugin {
  quota_rule = *:messages=1
}' '' 'Spotkanie w piątek' 200 fill
run quota-custom-pl 'plugin {
  quota_rule = *:storage=1K
  quota_exceeded_message = Skrzynka odbiorcy jest pełna. Wiadomość nie została dostarczona.
}' '' 'Oferta współpracy' 3000
run quota-custom-en 'plugin {
  quota_rule = *:storage=1K
  quota_exceeded_message = 552 5.2.2 Mailbox full: this account has used all of its disk space
}' '' 'Your order' 3000
run sieve-reject-en '' 'require "reject";
reject "I no longer read this address. Please write to my new address instead.";' 'Hello Anna' 200
run sieve-reject-pl '' 'require "reject";
reject "Nie przyjmuję już poczty na ten adres.";' 'Zapytanie' 200
run sieve-reject-rule '' 'require ["reject"];
if address :domain "from" "sender.example" {
  reject text:
Messages from your company are refused by my mail filter.
Contact me by phone if it is urgent.
.
;
}' 'Newsletter grudzień' 200
run vacation-en '' 'require "vacation";
vacation :days 1 :subject "Out of office" "I am away until 4 January and read no mail until then.";' 'Project status' 200
run vacation-pl '' 'require "vacation";
vacation :days 1 :subject "Urlop: odpowiedź automatyczna" "Jestem na urlopie do 4 stycznia. W pilnych sprawach proszę dzwonić do biura.";' 'Pytanie o fakturę' 200
echo "notices in $OUT"
