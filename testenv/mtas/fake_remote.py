#!/usr/bin/python3
"""Tiny loopback SMTP "remote" server that answers a chosen reply per recipient.

Stdlib only (asyncio). Listens on 127.0.0.1 only. Decides the reply by the
recipient's local part (the part before '@', case-insensitive), either at RCPT
time or at the end of DATA, so a sending MTA gets real SMTP failures to bounce:

    unknown@...   RCPT  550 5.1.1  user unknown
    fullbox@...   RCPT  552 5.2.2  mailbox full (permanent)
    quota@...     RCPT  452 4.2.2  mailbox full (temporary -> delay warning, bounce at queue expiry)
    relay@...     RCPT  554 5.7.1  relay access denied
    toobig@...    DATA  552 5.3.4  message too big
    spam@...      DATA  550 5.7.1  rejected as spam
    anything else       250        accepted (and discarded)

Override or extend with --rules FILE (JSON: {"localpart": ["rcpt"|"data", "CODE text"]}).
A reply text may name {rcpt}, {sender} (the MAIL FROM address), {sender_domain} and {client} (the
connecting IP). A reply with several lines ("550-... / 550 ...") is sent as a multi-line reply.

Besides these per-recipient rules, a listening address can play one whole-host profile (HOST_PROFILES):
    rules            the per-recipient rules above (127.0.0.1)
    refuse-greeting  greets with 554 (a client host refused at connect), then 503 until QUIT
    reject-sender    refuses MAIL FROM with 553 5.1.8
    busy             greets with 421 4.7.0 too many connections and closes
    silent           accepts the connection and never greets (the client times out), closes after 30 s

Usage: fake_remote.py [--listen IP:PORT[:PROFILE] ...] [--port 40025] [--rules rules.json] [--log FILE]
  (without --listen: 127.0.0.1:PORT with the per-recipient rules)
"""
import argparse
import asyncio
import datetime
import json
import sys

DEFAULT_RULES = {
    "unknown": ["rcpt", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table"],
    "fullbox": ["rcpt", "552 5.2.2 <{rcpt}>: Recipient address rejected: Mailbox full, quota exceeded"],
    "quota":   ["rcpt", "452 4.2.2 <{rcpt}>: Recipient address rejected: Mailbox full, try again later"],
    "relay":   ["rcpt", "554 5.7.1 <{rcpt}>: Relay access denied"],
    "toobig":  ["data", "552 5.3.4 Error: message file too big"],
    "spam":    ["data", "550 5.7.1 Message rejected as spam (score 27.3 > 5.0)"],
    # Added for mailmedic's corpus: texts as real servers write them (Postfix restrictions, postgrey,
    # policyd-spf, amavisd-new, Gmail, Exchange, a Polish and a German server).
    "greylist":  ["rcpt", "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/remote.test.html"],
    "spf":       ["rcpt", "550 5.7.23 <{rcpt}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=sender@mta.test;ip=127.0.0.1;r=<UNKNOWN>"],
    "dmarc":     ["data", "550 5.7.1 Unauthenticated email from mta.test is not accepted due to domain's DMARC policy. Please contact the administrator of mta.test domain if this was a legitimate mail."],
    "noptr":     ["rcpt", "550 5.7.25 Client host rejected: cannot find your reverse hostname, [127.0.0.1]"],
    "rbl":       ["rcpt", "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1"],
    "badsender": ["rcpt", "553 5.1.8 <sender@mta.test>: Sender address rejected: Domain not found"],
    "virus":     ["data", "554 5.7.0 Reject, id=04711-02 - INFECTED: Eicar-Signature"],
    "amavisspam": ["data", "554 5.7.0 Reject, id=08154-11 - SPAM"],
    "disabled":  ["rcpt", "550 5.2.1 <{rcpt}>: Recipient address rejected: Account disabled"],
    "ratelimit": ["rcpt", "450 4.7.1 <{rcpt}>: Recipient address rejected: Too many messages, rate limit exceeded, try again later"],
    "gmailuser": ["rcpt", "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550-5.1.1 double-checking the recipient's email address for typos or\n550-5.1.1 unnecessary spaces. For more information, go to\n550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1-20020a17090 - gsmtp"],
    "exchuser":  ["rcpt", "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient {rcpt} not found by SMTP address lookup"],
    "polski":    ["rcpt", "550 5.1.1 <{rcpt}>: Skrzynka odbiorcy nie istnieje"],
    "deutsch":   ["rcpt", "550 5.1.1 <{rcpt}>: Benutzer unbekannt"],
    "mboxsize":  ["data", "552 5.2.3 Message exceeds the maximum size allowed for this recipient"],
    "moved":     ["rcpt", "551 5.1.6 User has moved; please try <new.address@elsewhere.test>"],
    "nullmx":    ["rcpt", "556 5.1.10 <{rcpt}>: Recipient address rejected: Domain remote.test does not accept mail (nullMX)"],
    "relay2":    ["rcpt", "550 5.7.1 Unable to relay for {rcpt}"],
    "policy":    ["data", "550 5.7.1 Message rejected due to local policy: executable attachments are not allowed"],
    # More for the mta-corpus branch. Wordings of real software and providers: milter-greylist, OpenDMARC,
    # OpenSMTPD's filter-clamav, Postfix (smtpd insufficient storage), Gmail (multi-line), Exchange transport rules,
    # Dovecot's LMTP quota reply, rspamd's milter.
    "greylist2":  ["rcpt", "451 4.7.1 Greylisting in action, please come back in 00:05:00"],
    "clamav":     ["data", "554 5.7.1 Virus found"],
    "opendmarc":  ["data", "550 5.7.1 rejected by DMARC policy for {sender_domain}"],
    "gmaildmarc": ["data", "550-5.7.26 Unauthenticated email from {sender_domain} is not accepted due to\n"
                           "550-5.7.26 domain's DMARC policy. Please contact the administrator of\n"
                           "550-5.7.26 {sender_domain} domain if this was a legitimate mail. Please\n"
                           "550-5.7.26 visit  https://support.google.com/mail/answer/2451690 to learn\n"
                           "550 5.7.26 about the DMARC initiative. z2si1584129pfn.61 - gsmtp"],
    "gmailptr":   ["data", "550-5.7.25 [{client}] The IP address sending this message does not have a\n"
                           "550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not\n"
                           "550-5.7.25 point to the sending IP. As a policy, Gmail does not accept messages\n"
                           "550-5.7.25 from IPs with missing PTR records. Please visit\n"
                           "550-5.7.25  https://support.google.com/mail/answer/81126#ip-rdns to learn more.\n"
                           "550 5.7.25 b5si2287417wrq.42 - gsmtp"],
    "gmaildisabled": ["rcpt", "550-5.2.1 The email account that you tried to reach is disabled. Learn more at\n"
                              "550 5.2.1  https://support.google.com/mail/?p=DisabledUser h7si1187823wmb.93 - gsmtp"],
    "gmailrate":  ["rcpt", "450-4.2.1 The user you are trying to contact is receiving mail at a rate that\n"
                           "450-4.2.1 prevents additional messages from being delivered. Please resend your\n"
                           "450-4.2.1 message at a later time. If the user is able to receive mail at that\n"
                           "450-4.2.1 time, your message will be delivered. For more information, please\n"
                           "450-4.2.1 visit\n"
                           "450 4.2.1  https://support.google.com/mail/?p=ReceivingRate p131si8414989oif.118 - gsmtp"],
    "gmailcontent": ["data", "552-5.7.0 This message was blocked because its content presents a potential\n"
                             "552-5.7.0 security issue. Please visit\n"
                             "552-5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our\n"
                             "552 5.7.0 message content and attachment content guidelines. rm2si6163886pbc.77 - gsmtp"],
    "orgpolicy":  ["data", "550 5.7.1 TRANSPORT.RULES.RejectMessage; the message was rejected by organization policy"],
    "sysfull":    ["rcpt", "452 4.3.1 Insufficient system storage"],
    "dovecotfull": ["rcpt", "552 5.2.2 <{rcpt}> Quota exceeded (mailbox for user is full)"],
    "rspamd":     ["data", "554 5.7.1 Spam message rejected"],
}

# Whole-host behaviours, one per listening address (--listen IP:PORT:PROFILE).
HOST_PROFILES = {
    "rules": {},
    # Postfix with smtpd_delay_reject = no and a client restriction: the refusal replaces the 220 greeting
    # (logged as "NOQUEUE: reject: CONNECT from ..."); RFC 5321 3.1: then 503 to anything but QUIT.
    "refuse-greeting": {"greeting": "554 5.7.1 <unknown[{client}]>: Client host rejected: Access denied",
                        "after_greeting": "503 5.5.1 Error: access denied for unknown[{client}]"},
    # Sendmail's check_mail for a sender domain that does not resolve
    "reject-sender": {"mail": "553 5.1.8 <{sender}>... Domain of sender address {sender} does not exist"},
    # Postfix anvil (smtpd_client_connection_count_limit): 421 and the connection is closed
    "busy": {"greeting": "421 4.7.0 mx.remote.test Error: too many connections from {client}", "close": True},
    # accepts the TCP connection but never greets
    "silent": {"silent": 30},
}

HOSTNAME = "mx.remote.test"
LOG = sys.stdout


def log(peer, direction, line):
    ts = datetime.datetime.now().strftime("%H:%M:%S.%f")[:-3]
    LOG.write(f"{ts} {peer} {direction} {line}\n")
    LOG.flush()


def localpart(addr):
    addr = addr.strip().strip("<>")
    return addr.split("@", 1)[0].lower()


class Session:
    def __init__(self, rules, profile, reader, writer):
        self.rules, self.profile, self.r, self.w = rules, profile, reader, writer
        self.client = writer.get_extra_info("peername")[0]
        self.peer = "%s:%s" % writer.get_extra_info("peername")[:2]
        self.reset()

    def fill(self, text, rcpt=""):
        words = (self.mail_from or "").split()
        sender = words[0].strip("<>") if words else ""
        return (text.replace("{rcpt}", rcpt).replace("{sender_domain}", sender.rsplit("@", 1)[-1])
                .replace("{sender}", sender).replace("{client}", self.client))

    def reset(self):
        self.mail_from, self.rcpts = None, []

    async def reply(self, text):
        log(self.peer, "<", text)
        lines = text.split("\n")
        out = "".join(f"{l[:3]}-{l[4:]}\r\n" for l in lines[:-1]) + lines[-1] + "\r\n"
        self.w.write(out.encode())
        await self.w.drain()

    async def readline(self):
        line = await asyncio.wait_for(self.r.readline(), timeout=300)
        if not line:
            raise ConnectionResetError
        return line.decode("utf-8", "replace").rstrip("\r\n")

    async def run(self):
        p = self.profile
        if p.get("silent"):
            log(self.peer, "*", f"silent: no greeting, closing after {p['silent']} s")
            await asyncio.sleep(p["silent"])
            return
        if p.get("greeting"):
            await self.reply(self.fill(p["greeting"]))
            if p.get("close"):
                return
        else:
            await self.reply(f"220 {HOSTNAME} ESMTP fake_remote ready")
        while True:
            line = await self.readline()
            log(self.peer, ">", line)
            verb = line[:4].upper()
            arg = line[5:] if len(line) > 4 else ""
            if p.get("after_greeting") and verb != "QUIT":
                await self.reply(self.fill(p["after_greeting"]))
                continue
            if verb in ("EHLO",):
                self.reset()
                await self.reply(f"250 {HOSTNAME}\n250 PIPELINING\n250 8BITMIME\n250 ENHANCEDSTATUSCODES\n250 SIZE 52428800")
            elif verb == "HELO":
                self.reset()
                await self.reply(f"250 {HOSTNAME}")
            elif line.upper().startswith("MAIL FROM:"):
                self.reset()
                self.mail_from = line[10:].strip()
                if p.get("mail"):
                    await self.reply(self.fill(p["mail"]))
                    self.mail_from = None
                    continue
                await self.reply("250 2.1.0 Ok")
            elif line.upper().startswith("RCPT TO:"):
                if self.mail_from is None:
                    await self.reply("503 5.5.1 Error: need MAIL command")
                    continue
                rcpt = line[8:].strip().split()[0].strip("<>")
                stage, text = self.rules.get(localpart(rcpt), ["ok", "250 2.1.5 Ok"])
                if stage == "rcpt":
                    await self.reply(self.fill(text, rcpt))
                else:
                    self.rcpts.append(rcpt)
                    await self.reply("250 2.1.5 Ok")
            elif verb == "DATA":
                if not self.rcpts:
                    await self.reply("554 5.5.1 Error: no valid recipients")
                    continue
                await self.reply("354 End data with <CR><LF>.<CR><LF>")
                size = 0
                while True:
                    raw = await asyncio.wait_for(self.r.readline(), timeout=300)
                    if not raw:
                        raise ConnectionResetError
                    if raw in (b".\r\n", b".\n"):
                        break
                    size += len(raw)
                log(self.peer, ">", f"[{size} bytes of message data]")
                verdict = None
                for rcpt in self.rcpts:
                    stage, text = self.rules.get(localpart(rcpt), ["ok", ""])
                    if stage == "data":
                        verdict = self.fill(text, rcpt)
                        break
                await self.reply(verdict or "250 2.0.0 Ok: queued as FAKE%06d" % (size % 1000000))
                self.reset()
            elif verb == "RSET":
                self.reset()
                await self.reply("250 2.0.0 Ok")
            elif verb == "NOOP":
                await self.reply("250 2.0.0 Ok")
            elif verb == "QUIT":
                await self.reply("221 2.0.0 Bye")
                break
            else:
                await self.reply("502 5.5.2 Error: command not recognized")


async def main():
    global LOG
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", action="append", default=[], help="IP:PORT[:PROFILE] (repeatable)")
    ap.add_argument("--port", type=int, default=40025)
    ap.add_argument("--rules")
    ap.add_argument("--log")
    a = ap.parse_args()
    rules = dict(DEFAULT_RULES)
    if a.rules:
        with open(a.rules) as f:
            rules.update(json.load(f))
    if a.log:
        LOG = open(a.log, "a")
    listens = a.listen or [f"127.0.0.1:{a.port}:rules"]

    def handler(profile):
        async def handle(reader, writer):
            s = Session(rules, profile, reader, writer)
            log(s.peer, "*", "connect")
            try:
                await s.run()
            except (ConnectionResetError, asyncio.TimeoutError, BrokenPipeError):
                pass
            finally:
                log(s.peer, "*", "disconnect")
                writer.close()
        return handle

    servers = []
    for spec in listens:
        ip, port, *rest = spec.split(":")
        name = rest[0] if rest else "rules"
        if name not in HOST_PROFILES:
            sys.exit(f"unknown host profile {name!r} (known: {', '.join(HOST_PROFILES)})")
        if not ip.startswith("127."):
            sys.exit(f"{ip}: fake_remote listens on loopback only")
        servers.append(await asyncio.start_server(handler(HOST_PROFILES[name]), ip, int(port)))
        log("-", "*", f"fake_remote listening on {ip}:{port} ({name})")
    await asyncio.gather(*(srv.serve_forever() for srv in servers))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
