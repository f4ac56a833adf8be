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
Usage: fake_remote.py [--port 40025] [--rules rules.json] [--log FILE]
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
    def __init__(self, rules, reader, writer):
        self.rules, self.r, self.w = rules, reader, writer
        self.peer = "%s:%s" % writer.get_extra_info("peername")[:2]
        self.reset()

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
        await self.reply(f"220 {HOSTNAME} ESMTP fake_remote ready")
        while True:
            line = await self.readline()
            log(self.peer, ">", line)
            verb = line[:4].upper()
            arg = line[5:] if len(line) > 4 else ""
            if verb in ("EHLO",):
                self.reset()
                await self.reply(f"250 {HOSTNAME}\n250 PIPELINING\n250 8BITMIME\n250 ENHANCEDSTATUSCODES\n250 SIZE 52428800")
            elif verb == "HELO":
                self.reset()
                await self.reply(f"250 {HOSTNAME}")
            elif line.upper().startswith("MAIL FROM:"):
                self.reset()
                self.mail_from = line[10:].strip()
                await self.reply("250 2.1.0 Ok")
            elif line.upper().startswith("RCPT TO:"):
                if self.mail_from is None:
                    await self.reply("503 5.5.1 Error: need MAIL command")
                    continue
                rcpt = line[8:].strip().split()[0].strip("<>")
                stage, text = self.rules.get(localpart(rcpt), ["ok", "250 2.1.5 Ok"])
                if stage == "rcpt":
                    await self.reply(text.format(rcpt=rcpt))
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
                        verdict = text.format(rcpt=rcpt)
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

    async def handle(reader, writer):
        s = Session(rules, reader, writer)
        log(s.peer, "*", "connect")
        try:
            await s.run()
        except (ConnectionResetError, asyncio.TimeoutError, BrokenPipeError):
            pass
        finally:
            log(s.peer, "*", "disconnect")
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", a.port)
    log("-", "*", f"fake_remote listening on 127.0.0.1:{a.port}")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
