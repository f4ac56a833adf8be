#!/usr/bin/python3
"""Submit one test message per failure case to an MTA over SMTP on loopback.

Usage: send_cases.py MTA PORT [CASE ...]
  MTA   exim | opensmtpd | sendmail | postfix | haraka | dma | courier  (sender is sender@MTA.mta.test, the MTA's
        local domain)
  PORT  the MTA's SMTP port on 127.0.0.1; for dma and courier, which run no SMTP server here, "-": the message is piped
        to their sendmail program inside nsrun.sh (dma -f sender rcpt... with the route of the recipients' domain;
        Courier's sendmail -f sender@courier.mta.test rcpt...)
  Cases an MTA cannot have (MTA_SKIP) are left out unless named.
Each message has one recipient; the case name is in Subject, Message-ID and X-Bounce-Case, so
the DSN that comes back can be matched to its case (harvest.py).
"""
import os
import smtplib
import subprocess
import sys
import time
from email.message import EmailMessage
from email.utils import formatdate

# case -> recipient. The remote.test answers come from fake_remote.py, down.test is routed to a
# closed port, nohost.test to a name that does not resolve.
CASES = {
    "unknown-user":      "unknown@remote.test",      # RCPT 550 5.1.1
    "mailbox-full":      "fullbox@remote.test",      # RCPT 552 5.2.2
    "mailbox-full-temp": "quota@remote.test",        # RCPT 452 4.2.2 until queue lifetime expires
    "relay-denied":      "relay@remote.test",        # RCPT 554 5.7.1
    "message-too-big":   "toobig@remote.test",       # end of DATA 552 5.3.4
    "spam-rejected":     "spam@remote.test",         # end of DATA 550 5.7.1
    "conn-refused":      "someone@down.test",        # TCP connection refused until expiry
    "host-not-found":    "someone@nohost.test",      # name lookup fails
    "greylist":          "greylist@remote.test",     # RCPT 450 4.2.0 greylisted until the queue lifetime ends
    "spf-fail":          "spf@remote.test",          # RCPT 550 5.7.23 SPF fail (policyd-spf wording)
    "dmarc-reject":      "dmarc@remote.test",        # end of DATA 550 5.7.1 DMARC (Gmail wording)
    "no-ptr":            "noptr@remote.test",        # RCPT 550 5.7.25 no reverse hostname (Postfix wording)
    "rbl-listed":        "rbl@remote.test",          # RCPT 554 5.7.1 blocked using zen.spamhaus.org
    "sender-rejected":   "badsender@remote.test",    # RCPT 553 5.1.8 sender domain not found
    "virus":             "virus@remote.test",        # end of DATA 554 amavisd-new INFECTED
    "amavis-spam":       "amavisspam@remote.test",   # end of DATA 554 amavisd-new SPAM
    "account-disabled":  "disabled@remote.test",     # RCPT 550 5.2.1 account disabled
    "rate-limited":      "ratelimit@remote.test",    # RCPT 450 4.7.1 rate limit until the queue lifetime ends
    "multiline-gmail":   "gmailuser@remote.test",    # RCPT multi-line 550-5.1.1 (Gmail wording)
    "exchange-unknown":  "exchuser@remote.test",     # RCPT 550 5.1.10 RESOLVER.ADR.RecipientNotFound
    "polish-unknown":    "polski@remote.test",       # RCPT 550 5.1.1 in Polish
    "german-unknown":    "deutsch@remote.test",      # RCPT 550 5.1.1 in German
    "size-per-mailbox":  "mboxsize@remote.test",     # end of DATA 552 5.2.3
    "has-moved":         "moved@remote.test",        # RCPT 551 5.1.6
    "null-mx":           "nullmx@remote.test",       # RCPT 556 5.1.10
    "relay-exchange":    "relay2@remote.test",       # RCPT 550 5.7.1 Unable to relay
    "policy-attachment": "policy@remote.test",       # end of DATA 550 5.7.1 local policy
    "two-recipients":    ["unknown@remote.test", "fullbox@remote.test"],  # one message, two failures
    # mta-corpus branch: whole-host behaviours (fake_remote.py HOST_PROFILES on 127.0.0.3-6) ...
    "greeting-refused":  "someone@refuse.test",      # 554 5.7.1 instead of the 220 greeting
    "too-many-connections": "someone@busy.test",     # 421 4.7.0 too many connections at the greeting, until expiry
    "greeting-timeout":  "someone@silent.test",      # connection accepted, no greeting ever: timeout until expiry
    "mail-from-rejected": "someone@badsender.test",  # MAIL FROM 553 5.1.8 (Sendmail wording)
    # ... and more real wordings per recipient
    "greylist-milter":   "greylist2@remote.test",    # RCPT 451 4.7.1 milter-greylist, until expiry
    "virus-clamav":      "clamav@remote.test",       # end of DATA 554 5.7.1 Virus found (OpenSMTPD filter-clamav)
    "dmarc-opendmarc":   "opendmarc@remote.test",    # end of DATA 550 5.7.1 rejected by DMARC policy (OpenDMARC)
    "dmarc-gmail":       "gmaildmarc@remote.test",   # end of DATA multi-line 550-5.7.26 (Gmail)
    "ptr-gmail":         "gmailptr@remote.test",     # end of DATA multi-line 550-5.7.25 (Gmail)
    "disabled-gmail":    "gmaildisabled@remote.test",  # RCPT multi-line 550-5.2.1 disabled (Gmail)
    "rate-gmail":        "gmailrate@remote.test",    # RCPT multi-line 450-4.2.1 receiving rate (Gmail), until expiry
    "content-gmail":     "gmailcontent@remote.test",   # end of DATA multi-line 552-5.7.0 blocked content (Gmail)
    "policy-exchange":   "orgpolicy@remote.test",    # end of DATA 550 5.7.1 TRANSPORT.RULES.RejectMessage
    "system-full":       "sysfull@remote.test",      # RCPT 452 4.3.1 Insufficient system storage, until expiry
    "mailbox-full-dovecot": "dovecotfull@remote.test",  # RCPT 552 5.2.2 Quota exceeded (Dovecot LMTP wording)
    "spam-rspamd":       "rspamd@remote.test",       # end of DATA 554 5.7.1 Spam message rejected (rspamd)
    # dovecot.test: a real Dovecot 2.3 behind LMTP (testenv/mtas/conf/dovecot), its own replies
    "dovecot-quota":     "full@dovecot.test",        # end of DATA 552 5.2.2 Quota exceeded (mailbox for user is full)
    "dovecot-quota-temp": "tempfull@dovecot.test",   # the same as 452 4.2.2 (quota_full_tempfail), until expiry
    "dovecot-unknown":   "nouser@dovecot.test",      # RCPT 550 5.1.1 User doesn't exist
    # one message, three recipients: refused for good, refused for now (until expiry), accepted
    "mixed-three":       ["unknown@remote.test", "quota@remote.test", "ok@remote.test"],
    # one message, two refused differently and one accepted (the DSN must list the two, in order, not the third)
    "two-fail-one-ok":   ["gmailuser@remote.test", "gmaildisabled@remote.test", "ok@remote.test"],
    # local.test: the MTA's OWN local delivery fails (each MTA's config makes local.test a local domain)
    "local-quota":       "overquota@local.test",     # mailbox over its quota (Exim appendfile quota, Postfix mailbox_size_limit)
    "local-toobig":      "bigmsg@local.test",        # over the local transport's message_size_limit (Exim)
    "local-fail-alias":  "failalias@local.test",     # alias closed with a text (Exim :fail:, Postfix error: transport)
    "local-unknown":     "nouser@local.test",        # no such local user, found after the message was accepted
    "local-pipe-exit1":  "pipe1@local.test",         # alias/MDA to a command that exits 1
    "local-pipe-nouser": "pipe67@local.test",        # ... that exits 67 (EX_NOUSER)
    "local-pipe-tempfail": "pipe75@local.test",      # ... that exits 75 (EX_TEMPFAIL), until the queue lifetime ends
    "local-noperm":      "noperm@local.test",        # mailbox file (folder) the delivery user may not write
    "control-ok":        "ok@remote.test",           # accepted: must NOT bounce
}
LOCAL_CASES = [c for c in CASES if c.startswith("local-")]

# Cases an MTA cannot turn into a notice here, with the reason (harvest.py does not wait for them).
DMA_TEMP = "dma retries a temporary failure for five days (compiled in, MAX_TIMEOUT), so it never bounces within a run"
MTA_SKIP = {
    "dma": {
        **{c: DMA_TEMP for c in ("mailbox-full-temp", "conn-refused", "greylist", "rate-limited", "too-many-connections",
                                 "greeting-timeout", "greylist-milter", "rate-gmail", "system-full", "mixed-three")},
        "host-not-found": "dma sends everything to its one smarthost (no per-domain routes); without one it asks DNS "
                          "on port 53 for MX records, which cannot be pointed at a loopback fake",
        **{c: "dma speaks SMTP only, not LMTP (dovecot.test is Dovecot's LMTP)"
           for c in ("dovecot-quota", "dovecot-quota-temp", "dovecot-unknown")},
        **{c: "dma delivers locally only to the machine's /var/mail/<user> (no quota, size limit or program "
              "aliases): not made to fail here" for c in LOCAL_CASES},
    },
    "exim": {},
    "postfix": {
        "local-toobig": "Postfix checks message_size_limit when it receives a message (smtpd, cleanup); local(8) has no "
                        "size limit of its own besides mailbox_size_limit (local-quota)",
        "local-fail-alias": "Postfix aliases have no failing form, and smtpd refuses at RCPT an address whose transport "
                            "is error:5.1.1 text (550 5.1.1 ... Recipient address rejected): no bounce",
    },
    "sendmail": {
        "local-quota": "sendmail's local mailer (mail.local) writes the machine's /var/mail, not used here; its *file* "
                       "mailer has no size limit",
        "local-toobig": "a mailer's size limit (M=) is checked at RCPT when the client gives SIZE=: refused in the "
                        "SMTP dialogue, no bounce",
        "local-fail-alias": "sendmail's aliases have no failing form; error: in virtusertable/access refuses at RCPT",
        "local-unknown": "sendmail refuses an unknown local user at RCPT (550 5.1.1 User unknown): no bounce",
    },
    "opensmtpd": {
        "local-quota": "OpenSMTPD's delivery agents have no quota or size limit",
        "local-toobig": "OpenSMTPD's delivery agents have no quota or size limit",
        "local-fail-alias": "OpenSMTPD expands aliases (error:code text too) when the recipient is given: refused at "
                            "RCPT, no bounce",
        "local-unknown": "local.test users come from a virtual table: an unknown one is refused at RCPT, no bounce",
    },
    "courier": {
        "host-not-found": "Courier resolves a domain without a static route with its own DNS client, which asks the "
                          "nameservers of resolv.conf on port 53: no loopback fake can answer it",
        **{c: "Courier's ESMTP module speaks SMTP, not LMTP (dovecot.test is Dovecot's LMTP)"
           for c in ("dovecot-quota", "dovecot-quota-temp", "dovecot-unknown")},
        **{c: "Courier's local deliveries need its authdaemond (not run here: its bounces leave by ESMTP)"
           for c in LOCAL_CASES},
    },
    "haraka": {c: "Haraka has no local delivery agent (it relays; a mailbox server behind it delivers)"
               for c in LOCAL_CASES},
}
# dma: the smarthost of each recipient domain (ROOT/dma/routes/<domain>, made by setup.sh)
DMA_ROUTES = {"remote.test": "127.0.0.1", "refuse.test": "127.0.0.3", "badsender.test": "127.0.0.4"}


def cases_for(mta):
    return [c for c in CASES if c not in MTA_SKIP.get(mta, {})]


def build(mta, case, rcpt):
    m = EmailMessage()
    sender = f"sender@{mta}.mta.test"
    m["From"] = f"Bounce Test Sender <{sender}>"
    m["To"] = rcpt
    m["Subject"] = f"bounce test {case} via {mta}"
    m["Date"] = formatdate(localtime=True)
    m["Message-ID"] = f"<{case}.{mta}.{int(time.time())}@{mta}.mta.test>"
    m["X-Bounce-Case"] = case
    body = (f"This is a test message for the '{case}' bounce case, submitted to {mta} on loopback.\n"
            + ("Its local delivery on this MTA is expected to fail.\n" if case.startswith("local-") else
               "It is addressed to a fake remote server and is expected to bounce.\n"))
    if case == "message-too-big":
        # a moderately large body (~60 KB) so the DSN shows how each MTA truncates returned content
        body += "".join(f"filler line {i:05d} " + "x" * 40 + "\n" for i in range(1000))
    m.set_content(body)
    return sender, m


def submit_dma(case, sender, msg, rcpts):
    """dma has no SMTP server: its sendmail program reads the message (as a local mail program would call it)."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.environ["ROOT"]
    domain = rcpts[0].rsplit("@", 1)[1]
    env = dict(os.environ, DMA_ROUTE=domain)
    r = subprocess.run([os.path.join(here, "nsrun.sh"), "--dma", "dma.mta.test", f"{root}/pkg/dma/usr/sbin/dma",
                        "-f", sender.split("@")[0], *rcpts], input=msg.as_bytes(), env=env,
                       capture_output=True, timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"dma exited {r.returncode}: {r.stderr.decode(errors='replace').strip()}")


def submit_courier(case, sender, msg, rcpts):
    """Courier runs no SMTP server here: its sendmail program (submit) queues the message for courierd."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.environ["ROOT"]
    r = subprocess.run([os.path.join(here, "nsrun.sh"), "--courier", "courier.mta.test",
                        f"{root}/pkg/courier/usr/sbin/sendmail", "-f", sender, *rcpts], input=msg.as_bytes(),
                       capture_output=True, timeout=30)
    if r.returncode != 0:
        raise RuntimeError(f"courier sendmail exited {r.returncode}: {r.stderr.decode(errors='replace').strip()}")


PROGRAM_SUBMIT = {"dma": submit_dma, "courier": submit_courier}


def main():
    mta, port = sys.argv[1], sys.argv[2]
    cases = sys.argv[3:] or cases_for(mta)
    for case in cases:
        rcpt = CASES[case]
        rcpts = rcpt if isinstance(rcpt, list) else [rcpt]
        sender, msg = build(mta, case, ", ".join(rcpts))
        if mta in PROGRAM_SUBMIT:
            PROGRAM_SUBMIT[mta](case, sender, msg, rcpts)
            print(f"{mta}: submitted {case:18s} -> {rcpt}")
            continue
        port = int(port)
        with smtplib.SMTP("127.0.0.1", port, local_hostname="client.test", timeout=30) as s:
            try:
                s.send_message(msg, from_addr=sender, to_addrs=rcpts)
                print(f"{mta}: submitted {case:18s} -> {rcpt}")
            except smtplib.SMTPException as e:
                print(f"{mta}: REFUSED at submission {case} -> {rcpt}: {e}")


if __name__ == "__main__":
    main()
