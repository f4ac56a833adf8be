import { defineTextFormat } from './define.js';

/** KDDI / au one net (ezweb.ne.jp, dion.ne.jp): "Could not be delivered to: <rcpt>" then the cause in English. */
export const kddi = defineTextFormat({
  name: 'kddi',
  from: ['dion.ne.jp', 'ezweb.ne.jp', 'auone-net.jp'],
  text: ['could not be delivered to: <'],
  needTextAndHeader: true,
  decode(ctx) {
    const out = [];
    const t = ctx.errorText;
    for (const m of t.matchAll(/could not be delivered to:\s*<([^<>\s]{1,254}@[^<>\s]{1,254})>([^\n]*\n?[^\n]{0,300})/gi)) {
      out.push({ recipient: m[1]!.toLowerCase(), diagnosticCode: (m[0]).replace(/\s+/g, ' ').trim(), rule: 'kddi/could-not-be-delivered' });
    }
    return out;
  },
});
