#!/bin/sh
# Drive a realistic mix of mail through the set-up started by start.sh, then print the maillog.
# Usage:  ROOT=/tmp/mf1 ./traffic.sh        (takes ~30-40 s; only 127.0.0.x addresses are used)
# Clients use different 127.0.0.x source addresses (swaks --local-interface):
#   .5  partner MTA (PTR mx1.partner.test, forward-confirmed)   .6  PTR without A record (dyn-127-0-0-6.isp.test)
#   .2  listed in zen.dnsbl.test + bl.dnsbl.test (rank 5)      .3  listed in bl.dnsbl.test only (rank 2 < 3)
#   .7  pregreets   .8  hangs up   .9  relay attempt   .10 via the MX port with a dead DNSBL   .66 SASL brute force
#   127.0.0.1 = the "internal" user alice on submission
#   filter MX (3xx40: policyd-spf, opendmarc, clamav-milter, spamass-milter, rspamd): .5 partner, .21 shop.test's
#   own sender (SPF pass), .22 not allowed for shop.test (softfail), .23 not allowed for bank.test (fail),
#   .24 sender at nospf.test (no SPF record), .25 sender at slowdns.test (its DNS never answers: temperror)
set -u
: "${ROOT:?set ROOT to the folder given to start.sh}"
F=$(cd "$ROOT" && pwd)
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
# run inside a private mount namespace whose /etc/resolv.conf lists loopback name servers only
# (belt and braces: every client below uses numeric addresses)
if [ -z "${_TRAFFIC_NS:-}" ]; then exec "$F/bin/nsrun" env _TRAFFIC_NS=1 ROOT="$F" /bin/sh "$SELF" "$@"; fi
. "$F/.recipe-filters"
PB=${PORT_BASE%00}
MX=${PB}25 MX_DEADBL=${PB}28 SUB=${PB}87 IMAPS=${PB}93 FMX=${PB}40
W="$F/traffic"; mkdir -p "$W"; rm -f "$W/authfail.count"
T0=$(date +%s)
say() { printf '%s [+%ss] %s\n' "$(date +%T)" "$(( $(date +%s) - T0 ))" "$*"; }
# swaks, printing only the interesting server replies / errors of the transaction
sw() { # label, swaks args...
  l=$1; shift
  out=$(swaks --timeout 60 "$@" 2>&1); rc=$?
  res=$(printf '%s\n' "$out" | grep -E '^ *<(\*\*|~\*) |queued as|^\*\*\*|^ *<~? *2[0-9][0-9] .*(Ok|discarded)' | tail -n 2 | tr '\n' ' ')
  say "$l -> rc=$rc $res"
}
GTUBE='XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X'
printf 'MZ\220\0\3\0\0\0\4\0\0\0\377\377\0\0This program cannot be run in DOS mode.\r\n' > "$W/invoice.exe"
printf 'Hello Alice,\n\nplease find the December invoice attached.\n\nRegards,\nPartner Billing\n' > "$W/body.txt"

say "phase 1: new clients through postscreen (each waits the 6 s greet wait), submission traffic, SASL brute force"
# 1. clean inbound (STARTTLS) from a host with forward-confirmed reverse DNS -> PASS NEW -> amavis Passed CLEAN -> virtual
sw "clean inbound .5 -> alice" --server 127.0.0.1 --port $MX --local-interface 127.0.0.5 --tls \
   --helo mx1.partner.test --from billing@partner.test --to alice@example.test \
   --header 'Subject: Invoice 2025-1204' --body "$W/body.txt" &
sleep 0.3
# 2. banned attachment (.exe) from a client whose PTR has no A record -> amavis Blocked BANNED (discarded, quarantined)
sw "banned .exe .6 -> alice" --server 127.0.0.1 --port $MX --local-interface 127.0.0.6 \
   --helo dyn-127-0-0-6.isp.test --from accounts@partner.test --to alice@example.test \
   --header 'Subject: Your overdue invoice' --body 'See attachment.' --attach-name invoice.exe --attach "@$W/invoice.exe" &
sleep 0.3
# 3. DNSBL-listed client -> postscreen "DNSBL rank 5", RCPT rejected 550 5.7.1
sw "dnsbl-listed .2 -> alice" --server 127.0.0.1 --port $MX --local-interface 127.0.0.2 \
   --helo bulk-mailer.test --from offers@bulk-mailer.test --to alice@example.test --body 'cheap pills' &
sleep 0.3
# 4. listed in one list only (rank 2 < threshold 3) -> passes, mail to bob is clean
sw "low-rank .3 -> bob" --server 127.0.0.1 --port $MX --local-interface 127.0.0.3 \
   --helo smtp.newsletter.test --from news@newsletter.test --to bob@example.test \
   --header 'Subject: Monthly newsletter' --body 'Nothing special this month.' &
sleep 0.3
# 5. pregreet: talks before the banner -> PREGREET, then postscreen rejects the RCPT (550 5.5.1 Protocol error)
/usr/bin/python3 - $MX <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
s = socket.socket(); s.bind(("127.0.0.7", 0)); s.settimeout(30); s.connect(("127.0.0.1", port))
s.sendall(b"EHLO spambot.test\r\n")            # before the 220 banner: a PREGREET (postscreen discards it)
f = s.makefile("rb")
def reply():
    lines = []
    while True:
        l = f.readline()
        if not l: return lines
        lines.append(l.decode(errors="replace").rstrip())
        if l[3:4] == b" ": return lines
banner = reply()
s.sendall(b"EHLO spambot.test\r\n"); ehlo = reply()
s.sendall(b"MAIL FROM:<winner@lottery.test>\r\n"); mail = reply()
s.sendall(b"RCPT TO:<alice@example.test>\r\n"); rcpt = reply()
s.sendall(b"QUIT\r\n"); reply(); s.close()
print(time.strftime("%T"), "pregreet .7 -> RCPT:", rcpt[-1] if rcpt else "(closed)", flush=True)
PY
sleep 0.3
# 6. hangup: connects, disconnects during the greet wait -> HANGUP
/usr/bin/python3 - $MX <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.8", 0)); s.settimeout(10); s.connect(("127.0.0.1", int(sys.argv[1])))
first = s.recv(512); time.sleep(1.2); s.close()
print(time.strftime("%T"), "hangup .8 after banner part", first[:40], flush=True)
PY
sleep 0.3
# 7. relay attempt -> 554 5.7.1 Relay access denied
sw "relay attempt .9" --server 127.0.0.1 --port $MX --local-interface 127.0.0.9 \
   --helo [127.0.0.9] --from spammer@relay-abuse.test --to victim@elsewhere.test --quit-after RCPT &
sleep 0.3
# 8. through the MX port whose DNSBL list includes a dead DNSBL -> "warning: dnsblog reply timeout 10s for ..."
sw "dead-dnsbl port .10 -> bob" --server 127.0.0.1 --port $MX_DEADBL --local-interface 127.0.0.10 \
   --helo mail.slowsender.test --from hello@slowsender.test --to bob@example.test \
   --header 'Subject: Lunch on Friday?' --body 'Are you free?' &
DEADBL_AT=$(date +%s)
# 9. submission: alice (authenticated, DKIM-signed by opendkim), 4 messages
( sw "submission alice -> bob" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
     --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test \
     --from alice@example.test --to bob@example.test --header 'Subject: Team meeting' --body 'Meeting at 10.'
  sw "submission alice -> billing@partner.test (sent)" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
     --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test \
     --from alice@example.test --to billing@partner.test --header 'Subject: Re: Invoice 2025-1204' --body 'Paid, thanks.'
  sw "submission alice -> nobody@partner.test (bounces)" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
     --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test \
     --from alice@example.test --to nobody@partner.test --header 'Subject: Hello?' --body 'Anyone there?'
  sw "submission alice -> carol@unreachable.test (deferred)" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
     --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test \
     --from alice@example.test --to carol@unreachable.test --header 'Subject: Project files' --body 'See you.'
) &
# 10. SASL brute force on submission: 20 wrong logins from 127.0.0.66, 4 connections in parallel
for w in 1 2 3 4; do
  ( for n in 1 2 3 4 5; do
      u=$(echo "admin info test alice postmaster" | cut -d' ' -f$n)
      out=$(swaks --timeout 30 --server 127.0.0.1 --port $SUB --local-interface 127.0.0.66 --tls \
            --auth LOGIN --auth-user "$u@example.test" --auth-password "Passw0rd$w$n" \
            --helo ylmf-pc --from "$u@example.test" --to "$u@example.test" --quit-after AUTH 2>&1)
      printf '%s\n' "$out" | grep -q '535 ' && echo x >> "$W/authfail.count"
    done ) &
done
wait
say "SASL brute force: $(wc -l < "$W/authfail.count" 2>/dev/null || echo 0) x '535 Authentication failed'"

say "phase 2: known client .5 again (PASS OLD): GTUBE to alice and to bob, unknown user"
sw "GTUBE .5 -> alice (Blocked SPAM)" --server 127.0.0.1 --port $MX --local-interface 127.0.0.5 \
   --helo mx1.partner.test --from promo@partner.test --to alice@example.test \
   --header 'Subject: You won!' --body "$GTUBE"
sw "GTUBE .5 -> bob (spam lover: Passed SPAM)" --server 127.0.0.1 --port $MX --local-interface 127.0.0.5 \
   --helo mx1.partner.test --from promo@partner.test --to bob@example.test \
   --header 'Subject: You won!' --body "$GTUBE"
sw "unknown user .5 -> nosuchuser" --server 127.0.0.1 --port $MX --local-interface 127.0.0.5 \
   --helo mx1.partner.test --from billing@partner.test --to nosuchuser@example.test --quit-after RCPT

say "phase 2b: a local forward (three legs), outbound answers (remote deferral, full mailbox, unverified TLS, refusal at greeting, dropped connection), a big provider's relay on our own RBL"
# 2b.1 .12 has FCrDNS as mail-wr1-f54.google.com and is on own.dnsbl.test, which the MX smtpd checks itself:
#      three messages refused (the first waits for postscreen's greet wait), a likely false positive
( for n in 1 2 3; do
    sw "google relay .12 -> alice #$n (own RBL)" --server 127.0.0.1 --port $MX --local-interface 127.0.0.12 \
       --helo mail-wr1-f54.google.com --from "friend$n@gmail.com" --to alice@example.test --body 'Hi Alice!' --quit-after RCPT
  done ) &
# 2b.2 local(8) alias fwd@mail.example.test -> sales@partner.test: smtpd -> amavis -> local "forwarded as" -> amavis -> smtp
sw "local forward .5 -> fwd@mail.example.test" --server 127.0.0.1 --port $MX --local-interface 127.0.0.5 \
   --helo mx1.partner.test --from billing@partner.test --to fwd@mail.example.test --header 'Subject: Order 77' --body 'Order 77 confirmed.'
# 2b.3 submission: what remote servers answer (and don't) to our mail
# 2b.4 one message to twelve recipients at a destination that never answers: a pile of deferred mail for one domain
sw "submission alice -> 12 recipients @unreachable.test (deferred pile)" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
   --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test --from alice@example.test \
   --to team1@unreachable.test,team2@unreachable.test,team3@unreachable.test,team4@unreachable.test,team5@unreachable.test,team6@unreachable.test,team7@unreachable.test,team8@unreachable.test,team9@unreachable.test,team10@unreachable.test,team11@unreachable.test,team12@unreachable.test \
   --header 'Subject: Minutes' --body 'Minutes attached.'
for r in busy@partner.test full@partner.test dave@secure.partner.test x@refuser.test y@dropper.test; do
  sw "submission alice -> $r" --server 127.0.0.1 --port $SUB --tls --auth PLAIN \
     --auth-user alice@example.test --auth-password alicepass --helo alice-laptop.example.test \
     --from alice@example.test --to "$r" --header "Subject: Hello $r" --body 'Hello.'
done
wait

say "phase 2c: the filter MX (SPF by policyd-spf; milters opendmarc, clamav-milter, spamass-milter, rspamd)"
# a. SPF temperror: policyd-spf's resolver never answers for slowdns.test (bin/dns-filter.py) -> Received-SPF:
#    Temperror (accepted: TempError_Defer = False); NSD itself serves slowdns.test to opendmarc and rspamd
( sw "filter MX: SPF temperror .25 slowdns.test -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.25 \
   --helo mail.slowdns.test --from info@slowdns.test --to alice@example.test --header 'Subject: Slow DNS' --body 'Hello.' ) &
SLOW=$!
# b. SPF pass + DMARC pass (partner.test, p=reject, aligned) -> delivered
sw "filter MX: SPF pass, DMARC pass .5 partner.test -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.5 \
   --helo mx1.partner.test --from billing@partner.test --to alice@example.test --header 'Subject: Invoice 2025-1205' --body "@$W/body.txt"
# c. SPF softfail + DMARC fail with p=none -> delivered (monitoring policy)
sw "filter MX: SPF softfail, DMARC fail p=none .22 shop.test -> bob" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.22 \
   --helo mail.shop.test --from news@shop.test --to bob@example.test --header 'Subject: Our December sale' --body 'Sale!'
# d. SPF fail -> policyd-spf rejects at RCPT (550 5.7.23)
sw "filter MX: SPF fail .23 bank.test -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.23 \
   --helo mail.bank-secure.test --from ceo@bank.test --to alice@example.test --header 'Subject: Urgent transfer' --body 'Pay now.'
# e. SPF none -> delivered
sw "filter MX: SPF none .24 nospf.test -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to alice@example.test --header 'Subject: Coffee?' --body 'Coffee on Monday?'
# f. phishing in bank.test's name: envelope sender shop.test (SPF pass, not aligned), From: bank.test (p=reject),
#    no DKIM -> opendmarc rejects, three times (three messages)
for r in alice bob alice; do
  sw "filter MX: DMARC fail p=reject (From: bank.test) .21 -> $r" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.21 \
     --helo mail.shop.test --from bounce@shop.test --to "$r@example.test" --header 'From: Bank Security <security@bank.test>' \
     --header 'Subject: Verify your account' --body 'Click here.'
done
# g. EICAR attachment -> clamav-milter rejects (clamd: Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND)
sw "filter MX: EICAR .24 -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to alice@example.test --header 'Subject: Document' \
   --body 'See attachment.' --attach-name document.com --attach "@$F/clamav/eicar.com"
# h. GTUBE -> spamd 1000 points -> spamass-milter rejects (-r 15)
sw "filter MX: GTUBE .24 -> bob (spamass-milter)" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to bob@example.test --header 'Subject: You won!' --body "$GTUBE"
# i. rspamd's local rules: reject, add header, greylist (soft reject)
sw "filter MX: rspamd reject .24 -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to alice@example.test --header 'Subject: Cheap watches' --body 'Rolex!'
sw "filter MX: rspamd add header .24 -> bob" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to bob@example.test --header 'Subject: Crypto opportunity' --body 'Invest.'
sw "filter MX: rspamd greylist .24 -> alice" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
   --helo mail.nospf.test --from hello@nospf.test --to alice@example.test --header 'Subject: Limited offer' --body 'Today only.'
wait $SLOW
# j. clamd dies (stopped here): clamav-milter cannot scan -> OnFail Defer -> mail tempfailed, twice
P=$(cat "$F/run/clamav/clamd.pid" 2>/dev/null) && kill "$P" 2>/dev/null
i=0; while [ -S "$F/run/clamav/clamd.sock" ] && [ $i -lt 50 ]; do i=$((i+1)); sleep 0.1; done
say "clamd stopped"
for r in alice bob; do
  sw "filter MX: clamd down .24 -> $r" --server 127.0.0.1 --port $FMX --local-interface 127.0.0.24 \
     --helo mail.nospf.test --from hello@nospf.test --to "$r@example.test" --header 'Subject: Minutes' --body 'Minutes attached.'
done
wait

say "phase 3: IMAP (Dovecot) login ok + failed login; waiting for the queue to settle"
out=$(curl -sS -k --max-time 10 --user 'alice@example.test:alicepass' "imaps://127.0.0.1:$IMAPS/INBOX" -X 'SEARCH ALL' 2>&1)
say "IMAP alice INBOX: $out"
out=$(curl -sS -k --max-time 10 --user 'alice@example.test:guess123' "imaps://127.0.0.1:$IMAPS/INBOX" -X 'SEARCH ALL' 2>&1)
say "IMAP wrong password: $out"
# wait until nothing is in flight (incoming/active/maildrop empty twice in a row 0.5 s apart), max 60 s;
# amavis works while the message sits in Postfix's active queue, so this also waits for amavis
i=0 quiet=0
while [ $quiet -lt 2 ]; do
  n=$(find "$F/postfix-spool/incoming" "$F/postfix-spool/active" "$F/postfix-spool/maildrop" -type f 2>/dev/null | wc -l)
  if [ "$n" -eq 0 ]; then quiet=$((quiet+1)); else quiet=0; fi
  i=$((i+1)); [ $i -gt 120 ] && { say "queue did not settle"; break; }; sleep 0.5
done
# the dead DNSBL: postscreen gives up after 10 s ("dnsblog reply timeout"), the resolver in dnsblog after
# ~15 s (2 name servers x timeout:5 attempts:3 in dns/resolv.conf) -> wait for both lines (max 25 s)
while [ $(( $(date +%s) - DEADBL_AT )) -lt 25 ] && ! grep -q 'lookup error for DNS query [0-9.]*bl.dead-dnsbl' "$F/maillog"; do
  sleep 0.5; done
sleep 1
say "queue now (deferred): $(find "$F/postfix-spool/deferred" -type f | wc -l) message(s); quarantine: $(ls "$F/amavis/quarantine" | tr '\n' ' ')"

# the administrator at work: hold and release one deferred message, requeue another, delete a third
say "phase 4: postsuper (hold/release busy@, requeue y@dropper.test, delete carol@unreachable.test)"
qid_of() { "$F/bin/nsrun" postqueue -c "$F/postfix" -j 2>/dev/null | grep -F "\"address\": \"$1\"" | head -n 1 | sed 's/.*"queue_id": "\([0-9A-Za-z]*\)".*/\1/'; }
PS() { "$F/bin/nsrun" -l postsuper -c "$F/postfix" "$@" 2>&1; }
q=$(qid_of busy@partner.test); [ -n "$q" ] && { PS -h "$q"; sleep 1; PS -H "$q"; }
q=$(qid_of y@dropper.test); [ -n "$q" ] && { PS -r "$q"; "$F/bin/nsrun" -l postqueue -c "$F/postfix" -f; }
q=$(qid_of carol@unreachable.test); [ -n "$q" ] && PS -d "$q"
sleep 2

# DKIM check of what bob received from alice, resolving the key from NSD inside the DNS namespace
m=$(grep -l '^DKIM-Signature:' "$F"/vmail/example.test/bob/new/* 2>/dev/null | head -n 1)
if [ -n "$m" ]; then
  r=$("$F/bin/nsrun" -n perl -MMail::DKIM::Verifier -e '
    my $v = Mail::DKIM::Verifier->new; while (<STDIN>) { s/\r?\n\z/\r\n/; $v->PRINT($_) } $v->CLOSE;
    print $v->result_detail' < "$m" 2>&1)
  say "DKIM verification of $(basename "$m"): $r"
fi
for u in alice bob; do say "Maildir $u: $(ls "$F/vmail/example.test/$u/new" 2>/dev/null | wc -l) new, $(ls "$F/vmail/example.test/$u/cur" 2>/dev/null | wc -l) cur"; done

printf '\n==================== %s/maillog (%s lines) ====================\n' "$F" "$(wc -l < "$F/maillog")"
cat "$F/maillog"
