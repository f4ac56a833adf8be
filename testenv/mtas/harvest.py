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
The case is read from the X-Bounce-Case header of the returned original message (send_cases.py
sets it), falling back to the DSN's Final-Recipient. Delay warning vs. final DSN is decided by the
per-recipient "Action:" field of the message/delivery-status part (OpenSMTPD 6.8's expiry notice
says "Action: delayed" / "Status: 4.4.7" / "Envelope expired"; it is the final notice and is
filed as final).
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
from send_cases import CASES  # noqa: E402

MTAS = ["exim", "opensmtpd", "sendmail", "postfix"]
FAIL_CASES = [c for c in CASES if c != "control-ok"]
RCPT2CASE = {v.lower(): k for k, v in CASES.items() if isinstance(v, str)}


def messages(root, mta):
    """Yield (source-name, raw bytes) of every message in the MTA's test mailbox."""
    if mta == "sendmail":
        path = os.path.join(root, "mail/sendmail/sender.mbox")
        if os.path.exists(path):
            box = mailbox.mbox(path, create=False)
            for i, key in enumerate(box.keys()):
                yield f"sender.mbox#{i}", box.get_bytes(key)
        return
    pattern = {"exim": "mail/exim/new/*", "opensmtpd": "mail/opensmtpd/new/*",
               "postfix": "mail/postfix/sender/new/*"}[mta]
    for f in sorted(glob.glob(os.path.join(root, pattern)), key=os.path.getmtime):
        with open(f, "rb") as fh:
            yield os.path.basename(f), fh.read()


def dsn_fields(msg):
    """Per-recipient fields of the first message/delivery-status part (or {})."""
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
            for b in blocks[1:] + blocks[:1]:  # recipient block(s) first
                if "action" in b:
                    return b
            return blocks[0] if blocks else {}
    return {}


def classify(raw):
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    text = raw.decode("utf-8", "replace")
    f = dsn_fields(msg)
    m = re.search(r"^X-Bounce-Case:\s*(\S+)", text, re.M)
    case = m.group(1) if m else None
    if not case:
        rcpt = f.get("final-recipient", "").split(";")[-1].strip().strip("<>").lower()
        case = RCPT2CASE.get(rcpt, "unknown-case")
    action = f.get("action", "").strip().lower()
    status = f.get("status", "").strip()
    expired_notice = "Envelope expired" in text and status.startswith("4.4.7")
    if action == "delayed" and not expired_notice:
        kind = "delay"
    elif action or msg.get_content_type() == "multipart/report" or expired_notice:
        kind = "final"
    else:
        kind = "other"
    return {
        "case": case, "kind": kind, "action": action, "status": status,
        "diagnostic": " ".join(f.get("diagnostic-code", "").split()),
        "subject": " ".join(str(msg.get("Subject", "")).split()),
        "from": str(msg.get("From", "")), "content_type": msg.get_content_type(),
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
        finals = {c["case"] for _, _, c in data[mta] if c["kind"] == "final"}
        delays = {c["case"] for _, _, c in data[mta] if c["kind"] == "delay"}
        missing = [c for c in FAIL_CASES if c not in finals]
        print(f"  {mta:9s} {len(data[mta]):2d} msgs, final {len(finals)}/{len(FAIL_CASES)}, "
              f"delay warnings {len(delays)}" + (f", waiting for: {' '.join(missing)}" if missing else ""))
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
             "F = final DSN (`<case>.eml`), W = delay warning (`<case>.delay.eml`), - = none.", "",
             "| case | " + " | ".join(MTAS) + " |", "|---|" + "---|" * len(MTAS)]
    for case in list(CASES):
        row = []
        for mta in MTAS:
            kinds = [e["kind"] for e in index if e["mta"] == mta and e["case"] == case]
            cell = ("F" if "final" in kinds else "") + ("W" if "delay" in kinds else "")
            cell += "?" if "other" in kinds else ""
            row.append(cell or "-")
        lines.append(f"| {case} | " + " | ".join(row) + " |")
    lines += ["", "| file | Action | Status | Subject | Diagnostic-Code |", "|---|---|---|---|---|"]
    for e in index:
        diag = e["diagnostic"][:110].replace("|", "\\|")
        lines.append(f"| {e['file']} | {e['action']} | {e['status']} | {e['subject'][:60]} | {diag} |")
    with open(os.path.join(outdir, "SUMMARY.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"wrote {len(index)} messages to {outdir}")
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "--check":
        sys.exit(check(sys.argv[2]))
    sys.exit(write(sys.argv[1], sys.argv[2]))
