#!/usr/bin/python3
"""Collect the DSNs that each MTA delivered to its local test sender and file them by case.

Usage:
  harvest.py ROOT OUTDIR     write OUTDIR/<mta>/<case>.eml (final DSN) and <case>.delay.eml
                             (delay warning), OUTDIR/index.json and OUTDIR/SUMMARY.md
  harvest.py --check ROOT    print progress; exit 0 once every MTA has a final DSN for every case

Mailboxes (written by the MTAs themselves):
  exim      ROOT/mail/exim/new/*            (Exim appendfile, maildir)
  opensmtpd ROOT/mail/opensmtpd/new/*       (OpenSMTPD maildir action)
  sendmail  ROOT/mail/sendmail/sender.mbox  (sendmail *file* mailer via alias, mbox)
  postfix   ROOT/mail/postfix/sender/new/*  (Postfix virtual(8), maildir)
  haraka    ROOT/dovecot/mail/haraka.mta.test/sender/new/*  (Haraka's outbound over LMTP to Dovecot, maildir)
  dma       ROOT/mail/dma/nobody            (dma's own local delivery via the alias sender: nobody, mbox)
  courier   ROOT/dovecot/mail/courier.mta.test/sender/new/*  (Courier's ESMTP to Haraka, then LMTP to Dovecot)
The case is read from the X-Bounce-Case header of the returned original message (send_cases.py
sets it), falling back to the DSN's Final-Recipient. Delay warning vs. final DSN is decided by the
per-recipient "Action:" field of the message/delivery-status part (OpenSMTPD 6.8's expiry notice
says "Action: delayed" / "Status: 4.4.7" / "Envelope expired"; it is the final notice and is
filed as final).

Every recipient a DSN reports (its message/delivery-status blocks, in their order; without such a part,
the case's addresses named in the notice's text) is listed in index.json with its own Action, Status,
Diagnostic-Code and kind, so a message whose recipients fail at different times (one refused at once,
one at queue expiry) gives one file per notice, each naming only its own recipients. --check waits until
every (case, recipient) of expected-reasons.tsv has been reported in a final notice by every MTA.
"""
import email
import email.policy
import glob
import json
import mailbox
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from send_cases import CASES, MTA_SKIP  # noqa: E402

MTAS = ["exim", "opensmtpd", "sendmail", "postfix", "haraka", "dma", "courier"]
FAIL_CASES = [c for c in CASES if c != "control-ok"]
RCPT2CASE = {v.lower(): k for k, v in CASES.items() if isinstance(v, str)}


def case_recipients(case):
    r = CASES.get(case, [])
    return [r] if isinstance(r, str) else list(r)


def expected_failures(mta=None):
    """(case, recipient) pairs that must be reported as failed: expected-reasons.tsv, the cases' labels (without the
    cases the MTA cannot have, send_cases.MTA_SKIP)."""
    pairs = []
    with open(os.path.join(HERE, "expected-reasons.tsv")) as fh:
        for line in fh.read().strip().split("\n")[1:]:
            case, rcpt = line.split("\t")[:2]
            if case not in MTA_SKIP.get(mta, {}):
                pairs.append((case, rcpt.lower()))
    return pairs


def messages(root, mta):
    """Yield (source-name, raw bytes) of every message in the MTA's test mailbox."""
    mbox = {"sendmail": "mail/sendmail/sender.mbox", "dma": "mail/dma/nobody"}.get(mta)
    if mbox:
        path = os.path.join(root, mbox)
        if os.path.exists(path):
            box = mailbox.mbox(path, create=False)
            for i, key in enumerate(box.keys()):
                yield f"{os.path.basename(path)}#{i}", box.get_bytes(key)
        return
    pattern = {"exim": "mail/exim/new/*", "opensmtpd": "mail/opensmtpd/new/*",
               "postfix": "mail/postfix/sender/new/*", "haraka": "dovecot/mail/haraka.mta.test/sender/new/*",
               "courier": "dovecot/mail/courier.mta.test/sender/new/*"}[mta]
    for f in sorted(glob.glob(os.path.join(root, pattern)), key=os.path.getmtime):
        with open(f, "rb") as fh:
            yield os.path.basename(f), fh.read()


def dsn_blocks(msg):
    """Header blocks of the first message/delivery-status part: [per-message, per-recipient...] (or [])."""
    for part in msg.walk():
        if part.get_content_type() == "message/delivery-status":
            payload = part.get_payload()
            blocks = []
            if isinstance(payload, list):  # parsed as a list of header blocks
                blocks = [dict((k.lower(), str(v)) for k, v in b.items()) for b in payload]
            else:
                text = part.get_payload(decode=True) or b""
                for chunk in re.split(rb"\r?\n\r?\n", text):
                    b = email.message_from_bytes(chunk)
                    blocks.append(dict((k.lower(), str(v)) for k, v in b.items()))
            return [b for b in blocks if b]
    return []


# A notice in one text part (dma) goes on with the returned message: its headers start after an empty line
RETURNED_HEADERS = re.compile(r"\n\s*\n(?:Received|Return-Path|DKIM-Signature|Message-I[dD]|From|To|Subject|Date):[ \t]")


def report_text(msg):
    """The notice's own text parts (not the returned message or its headers), decoded."""
    if not msg.is_multipart():
        text = (msg.get_payload(decode=True) or b"").decode("utf-8", "replace")
        m = RETURNED_HEADERS.search(text)
        return text[:m.start()] if m else text
    out = []
    for part in msg.walk():
        ct = part.get_content_type()
        if ct in ("message/rfc822", "text/rfc822-headers", "message/rfc822-headers"):
            break
        if part.get_content_maintype() == "text" or ct == "message/delivery-status":
            payload = part.get_payload(decode=True)
            if payload:
                out.append(payload.decode("utf-8", "replace"))
    return "\n".join(out)


def address(field):
    return field.split(";", 1)[-1].strip().strip("<>").lower()


def recipients(msg, case, expired_notice):
    """Every recipient the notice reports, in its order: address, action, status, diagnostic, kind."""
    out = []
    for b in dsn_blocks(msg):
        addr = address(b.get("final-recipient") or b.get("original-recipient") or "")
        if not addr:
            continue
        action = b.get("action", "").strip().lower()
        status = b.get("status", "").strip()
        expired = expired_notice and status.startswith("4.4.7")
        out.append({"address": addr, "action": action, "status": status,
                    "diagnostic": " ".join(b.get("diagnostic-code", "").split()),
                    "kind": "delay" if action == "delayed" and not expired else "final"})
    if not out:  # no delivery-status part: the case's addresses that the notice's text names
        text = report_text(msg).lower()
        found = sorted((text.find(a.lower()), a.lower()) for a in case_recipients(case) if a.lower() in text)
        out = [{"address": a, "action": "", "status": "", "diagnostic": "", "kind": "final"} for _, a in found]
    return out


def classify(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    text = raw.decode("utf-8", "replace")
    blocks = [b for b in dsn_blocks(msg) if "action" in b]
    f = blocks[0] if blocks else {}
    m = re.search(r"^X-Bounce-Case:\s*(\S+)", text, re.M)
    case = m.group(1) if m else None
    if not case:
        rcpt = address(f.get("final-recipient", ""))
        case = RCPT2CASE.get(rcpt, "unknown-case")
    action = f.get("action", "").strip().lower()
    status = f.get("status", "").strip()
    expired_notice = "Envelope expired" in text and status.startswith("4.4.7")
    rcpts = recipients(msg, case, expired_notice)
    if rcpts and all(r["kind"] == "delay" for r in rcpts):
        kind = "delay"
    elif rcpts or action or msg.get_content_type() == "multipart/report" or expired_notice:
        kind = "final"
    else:
        kind = "other"
    return {
        "case": case, "kind": kind, "action": action, "status": status,
        "diagnostic": " ".join(f.get("diagnostic-code", "").split()),
        "subject": " ".join(str(msg.get("Subject", "")).split()),
        "from": str(msg.get("From", "")), "content_type": msg.get_content_type(),
        "recipients": rcpts,
    }


def scan(root):
    out = {}
    for mta in MTAS:
        out[mta] = [(src, raw, classify(raw)) for src, raw in messages(root, mta)]
    return out


def check(root):
    data = scan(root)
    done = True
    for mta in MTAS:
        want = expected_failures(mta)
        got = {(c["case"], r["address"]) for _, _, c in data[mta] for r in c["recipients"] if r["kind"] == "final"}
        delays = sum(1 for _, _, c in data[mta] if c["kind"] == "delay")
        missing = [f"{case}/{rcpt.split('@')[0]}" for case, rcpt in want if (case, rcpt) not in got]
        print(f"  {mta:9s} {len(data[mta]):2d} msgs, final {len(want) - len(missing)}/{len(want)} recipients, "
              f"delay warnings {delays}" + (f", waiting for: {' '.join(missing)}" if missing else ""))
        done = done and not missing
    return 0 if done else 1


def write(root, outdir):
    data = scan(root)
    index = []
    for mta in MTAS:
        d = os.path.join(outdir, mta)
        os.makedirs(d, exist_ok=True)
        used = set()
        for src, raw, c in data[mta]:
            base = c["case"] + ("" if c["kind"] == "final" else "." + c["kind"])
            name, n = base, 1
            while name in used:
                n += 1
                name = f"{base}-{n}"
            used.add(name)
            with open(os.path.join(d, name + ".eml"), "wb") as fh:
                fh.write(raw)
            index.append(dict(mta=mta, file=f"{mta}/{name}.eml", source=src, **c))
    with open(os.path.join(outdir, "index.json"), "w") as fh:
        json.dump(index, fh, indent=1)
    # summary table: MTA x case
    lines = ["# Collected DSNs", "",
             "F = final DSN (`<case>.eml`), W = delay warning (`<case>.delay.eml`), F2 = two final notices "
             "(`<case>.eml`, `<case>-2.eml`), - = none, n/a = a case the MTA cannot have (send_cases.py MTA_SKIP).", "",
             "| case | " + " | ".join(MTAS) + " |", "|---|" + "---|" * len(MTAS)]
    for case in list(CASES):
        row = []
        for mta in MTAS:
            if case in MTA_SKIP.get(mta, {}):
                row.append("n/a")
                continue
            kinds = [e["kind"] for e in index if e["mta"] == mta and e["case"] == case]
            nf, nw = kinds.count("final"), kinds.count("delay")
            cell = ("F" if nf else "") + (str(nf) if nf > 1 else "") + ("W" if nw else "") + (str(nw) if nw > 1 else "")
            cell += "?" if "other" in kinds else ""
            row.append(cell or "-")
        lines.append(f"| {case} | " + " | ".join(row) + " |")
    lines += ["", "| file | recipient | Action | Status | Subject | Diagnostic-Code |", "|---|---|---|---|---|---|"]
    for e in index:
        for r in e["recipients"] or [{"address": "", "action": e["action"], "status": e["status"], "diagnostic": e["diagnostic"]}]:
            diag = r["diagnostic"][:110].replace("|", "\\|")
            lines.append(f"| {e['file']} | {r['address']} | {r['action']} | {r['status']} | {e['subject'][:60]} | {diag} |")
    with open(os.path.join(outdir, "SUMMARY.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(index)} messages to {outdir}")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    sys.exit(write(sys.argv[1], sys.argv[2]))
