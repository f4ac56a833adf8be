/**
 * Gmail's own marks, where a delivered (or exported) message carries them: X-Gm-Spam and X-Gm-Phishy (0/1 on
 * messages Gmail delivered), X-Gmail-Labels (Google Takeout exports: "Spam", "Inbox", "Category …").
 */
import { tx } from '../../i18n/text.js';
import { headerFirst, type HeaderField } from '../../mime/header-fields.js';
import { cut } from '../util.js';
import type { SpamRuleHit, SpamVerdict } from './types.js';

export function readGmail(fields: readonly HeaderField[]): SpamVerdict | undefined {
  const spam = headerFirst(fields, 'x-gm-spam');
  const phishy = headerFirst(fields, 'x-gm-phishy');
  const labels = headerFirst(fields, 'x-gmail-labels');
  if (!spam && !phishy && !labels) return undefined;
  const v: SpamVerdict = { filter: 'gmail', product: 'Gmail', rules: [], headers: [] };
  const rules: SpamRuleHit[] = [];
  for (const f of [spam, phishy, labels]) if (f) v.headers.push({ name: f.name, value: cut(f.value, 500) });
  const flag = (f: HeaderField | undefined) => (f ? f.value.trim() : undefined);
  if (flag(spam) === '1') { v.spam = true; rules.push({ name: 'X-Gm-Spam: 1', meaning: tx('Gmail classified the message as spam.', 'Gmail zaklasyfikował wiadomość jako spam.') }); }
  else if (flag(spam) === '0') { v.spam = false; rules.push({ name: 'X-Gm-Spam: 0', meaning: tx('Gmail did not classify the message as spam.', 'Gmail nie zaklasyfikował wiadomości jako spam.') }); }
  if (flag(phishy) === '1') { v.spam = true; rules.push({ name: 'X-Gm-Phishy: 1', meaning: tx('Gmail considers the message phishing.', 'Gmail uznaje wiadomość za phishing.') }); }
  if (labels) {
    const list = labels.value.slice(0, 2000).split(',').map((l) => l.trim()).filter(Boolean);
    if (list.some((l) => /^spam$/i.test(l))) { v.spam = true; rules.push({ name: 'Label: Spam', meaning: tx('The message is in the Spam folder (label from an export).', 'Wiadomość jest w folderze Spam (etykieta z eksportu).') }); }
    else if (list.some((l) => /^(inbox|odebrane)$/i.test(l))) { v.spam ??= false; rules.push({ name: 'Label: Inbox', meaning: tx('The message is in the Inbox (label from an export).', 'Wiadomość jest w Odebranych (etykieta z eksportu).') }); }
    const cat = list.find((l) => /^category /i.test(l));
    if (cat) rules.push({ name: `Label: ${cut(cat, 40)}`, meaning: tx('Gmail sorted it into an inbox tab (Promotions, Updates, Social, Forums): not spam.', 'Gmail umieścił ją w karcie skrzynki (Oferty, Aktualizacje, Społeczności, Fora): to nie spam.') });
  }
  v.rules = rules;
  return v;
}
