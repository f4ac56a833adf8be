import { cleanAddress } from '../dsn.js';
import type { BounceContext, BounceFormat, RawRecipient } from '../types.js';

interface SesRecipient { emailAddress?: string; status?: string; action?: string; diagnosticCode?: string }
interface SesJson {
  notificationType?: string; eventType?: string;
  bounce?: { bounceType?: string; bouncedRecipients?: SesRecipient[]; reportingMTA?: string; timestamp?: string };
  complaint?: { complainedRecipients?: SesRecipient[]; complaintFeedbackType?: string; timestamp?: string };
  delivery?: { recipients?: string[]; smtpResponse?: string; timestamp?: string };
  Message?: string;
}

function tryJson(text: string): SesJson | undefined {
  const i = text.indexOf('{');
  const j = text.lastIndexOf('}');
  if (i < 0 || j <= i || j - i > 4 * 1024 * 1024) return undefined;
  try {
    let o = JSON.parse(text.slice(i, j + 1)) as SesJson;
    if (typeof o.Message === 'string' && o.Message.startsWith('{')) o = JSON.parse(o.Message) as SesJson;
    return o;
  } catch {
    return undefined;
  }
}

/** The JSON document of the notification; tolerates the SNS footer and "!"+newline line splits of gateways. */
function jsonIn(text: string): SesJson | undefined {
  const sig = text.search(/\r?\n--\s*\r?\n/);
  const body = sig > 0 ? text.slice(0, sig) : text;
  return tryJson(body) ?? tryJson(body.replace(/!\r?\n /g, '').replace(/\r?\n/g, ''));
}

const SES_WORDS = ['notificationType', '"eventType"'];

/** Amazon SES notifications delivered by e-mail/SNS as JSON (Bounce, Complaint, Delivery). */
export const amazonsesJson: BounceFormat = {
  name: 'amazonses',
  detect: (ctx: BounceContext) => ctx.textMayContain(SES_WORDS) && (ctx.text.includes('notificationType') || ctx.text.includes('"eventType"')),
  decode(ctx) {
    const o = jsonIn(ctx.text);
    if (!o) return [];
    const kind = (o.notificationType ?? o.eventType ?? '').toLowerCase();
    const out: RawRecipient[] = [];
    if (kind === 'bounce' && o.bounce) {
      for (const b of o.bounce.bouncedRecipients ?? []) {
        if (!b.emailAddress) continue;
        const r: RawRecipient = { recipient: cleanAddress(b.emailAddress), rule: 'amazonses/json-bounce' };
        if (b.status) r.status = b.status;
        if (b.action) r.action = b.action;
        if (b.diagnosticCode) {
          r.diagnosticCode = b.diagnosticCode.replace(/^smtp;\s*/i, '');
          const rc = /^\s*([245]\d\d)\b/.exec(r.diagnosticCode);
          if (rc) r.replyCode = Number(rc[1]);
        }
        if (o.bounce.reportingMTA) r.lhost = o.bounce.reportingMTA.replace(/^dns;\s*/i, '');
        if (o.bounce.timestamp) r.date = o.bounce.timestamp;
        out.push(r);
      }
    } else if (kind === 'complaint' && o.complaint) {
      for (const c of o.complaint.complainedRecipients ?? []) {
        if (!c.emailAddress) continue;
        out.push({ recipient: cleanAddress(c.emailAddress), reason: 'feedback', feedbackType: o.complaint.complaintFeedbackType ?? 'abuse',
          rule: 'amazonses/json-complaint' });
      }
    } else if (kind === 'delivery' && o.delivery) {
      for (const a of o.delivery.recipients ?? []) {
        out.push({ recipient: cleanAddress(a), action: 'delivered', status: '2.6.0', rule: 'amazonses/json-delivery',
          ...(o.delivery.smtpResponse ? { diagnosticCode: o.delivery.smtpResponse } : {}) });
      }
    }
    return out;
  },
};
