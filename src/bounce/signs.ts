/**
 * Is a message a bounce at all? Structure first — a delivery report, a returned message under a null sender,
 * an MTA's own text block, X-Failed-Recipients — then the words mail systems put in senders and subjects, in
 * the languages they localise them to (Exchange/Outlook, Gmail, Postfix and Exim templates, Japanese and
 * Chinese providers). Data, not code: a new language is a new line.
 */
import { header, type HeaderList } from '../mime/parse.js';

/** Subjects that only bounces have, whoever sent or forwarded them (lowercase fragments). */
export const BOUNCE_ONLY_SUBJECT: readonly string[] = [
  'returned mail: see transcript', 'undelivered mail returned to sender', 'delivery status notification (failure)',
  'delivery status notification (delay)', 'mail delivery failed', 'undeliverable:', 'undeliverable mail', 'failure notice',
  'returned mail:', 'delivery failure', 'non-delivery report', 'non delivery report', 'mail delivery failure',
  'message delivery failure', 'delivery notification: delivery has failed', 'delivery has failed', 'could not send message for past',
  'message not delivered', 'undelivered mail', 'returned to sender', 'mail system error - returned mail', 'nondeliverable mail',
  // Polish
  'niedostarczona', 'niedostarczone', 'nie dostarczono', 'nie można dostarczyć', 'nie mozna dostarczyc', 'zwrot wiadomości',
  'powiadomienie o stanie dostarczenia (niepowodzenie)', 'wiadomość niedostarczona', 'błąd dostarczenia',
  // German
  'unzustellbar', 'nicht zustellbar', 'benachrichtung zum übermittlungsstatus (fehler)', 'benachrichtigung zum übermittlungsstatus (fehler)',
  'fehler bei der zustellung', 'zustellung fehlgeschlagen', 'unzustellbare nachricht', 'übermittlungsfehler',
  // French
  'non remis', 'échec de la remise', 'echec de la remise', "notification d'état de remise (échec)", 'message non délivré',
  'message non delivre', 'non distribuable', 'impossible de remettre', 'retour de message', 'erreur de distribution',
  // Spanish, Portuguese, Italian
  'no se puede entregar', 'no entregado', 'error en la entrega', 'notificación de estado de entrega (error)',
  'não é possível entregar', 'nao e possivel entregar', 'não entregue', 'falha na entrega', 'não foi possível entregar',
  'non recapitabile', 'impossibile recapitare', 'mancato recapito', 'notifica stato di consegna (errore)', 'consegna non riuscita',
  // Dutch, Scandinavian, Finnish
  'onbestelbaar', 'kan niet worden bezorgd', 'niet afgeleverd', 'kan inte levereras', 'olevererbart', 'ej levererat',
  'kan ikke leveres', 'ikke levert', 'kunne ikke leveres', 'ei voitu toimittaa', 'toimittamaton',
  // Czech, Slovak, Hungarian, Romanian, Turkish, Russian, Ukrainian
  'nedoručitelné', 'nedoručiteľné', 'nelze doručit', 'kézbesíthetetlen', 'nem kézbesíthető', 'nu poate fi livrat',
  'teslim edilemedi', 'teslim edilemeyen', 'не доставлено', 'недоставленное сообщение', 'невозможно доставить',
  'ошибка доставки', 'не може бути доставлено',
  // Japanese, Chinese, Korean
  'メールエラー', 'エラー通知', '配信エラー', '不達', '配信不能', '送信エラー', 'メール配送エラー', '配送できません', '返送',
  '退信', '系统退信', '无法投递', '投递失败', '退回', '邮件投递失败', '전달되지 않음', '배달 실패', '반송',
];

/** Senders (lowercase fragments of From) that mail systems use for their notices. */
export const BOUNCE_FROM: readonly string[] = [
  'mailer-daemon', 'postmaster', 'post_master', 'mail delivery', 'mail-daemon', 'maildaemon', 'mdaemon', 'mail administrator',
  'nobody@', 'no-reply@', 'bounce', 'mail delivery subsystem', 'mail delivery system', 'microsoftexchange', 'mailer daemon',
  'mail system', 'system administrator', 'e-postmaster', 'administrateur de messagerie', 'e-mail-zustellungssystem',
];

/** The mail-system senders that say "bounce" on their own, whatever the subject. */
export const STRICT_BOUNCE_FROM: readonly string[] = [
  'mailer-daemon', 'postmaster', 'post_master', 'mail delivery', 'mailer daemon', 'microsoftexchange329e71ec88ae4615bbc36ab6ce41109e',
];

/** Subject words that, from a mail-system sender, mean a delivery notice (lowercase fragments). */
export const BOUNCE_SUBJECT: readonly string[] = [
  'undeliver', 'delivery fail', 'delivery status', 'returned mail', 'failure notice', 'failed delivery', 'delivery notification',
  'nondeliverable', 'non-deliverable', 'mail delivery', 'could not be delivered', 'not delivered', 'mail system error',
  'returned to sender', 'delivery problem', 'niedostarcz', 'warning: could not send', 'error sending', 'delayed mail',
  'rejected', 'bounce', 'delivery report', 'unzustellbar', 'non remis', 'failure', 'error', 'problem', 'zustellung', 'remise',
  'entrega', 'recapit', 'delivery delayed', 'delayed', 'warning', 'returned', 'zwrot', 'dostarcz',
];

/** Words of a mailing-list or a challenge-response system's notices (never delivery failures). */
export const NOTICE_SUBJECT: readonly string[] = [
  'awaits moderator approval', 'waiting for moderator approval', 'post to moderated list',
  'confirm your subscription', 'subscription confirmation', 'please confirm', 'confirm your email', 'verify your email',
  'verification required', 'please verify', 'sender verification', 'challenge', 'is protected by', 'request for authorization',
  'mailing list', 'welcome to the', 'you are now subscribed', 'unsubscribe confirmation', 'potwierdź subskrypcję',
];

/** Does a header say the message is an automatic notice about delivery (RFC 3834's failure form, or the null sender)? */
export function nullSender(h: HeaderList): boolean {
  const rp = header(h, 'return-path');
  return rp !== undefined && rp.replace(/\s/g, '') === '<>';
}

export function includesAny(hay: string, needles: readonly string[]): string | undefined {
  for (const n of needles) if (hay.includes(n)) return n;
  return undefined;
}
