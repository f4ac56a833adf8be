/**
 * The commands an admin runs on a queue, per MTA, as data. mailmedic only suggests them (it never changes a
 * queue); deleting is offered only for a named selection, with a warning beside it.
 */
import type { QueueMta } from './types.js';

/**
 * What an admin may want to do with a queue (list, flush, show, hold, release, requeue, thaw, delete …); queueCommand
 * gives the command for an MTA, where it has one.
 */
export type QueueAction = 'list' | 'flush' | 'flushDomain' | 'deliverOne' | 'show' | 'hold' | 'release' | 'releaseAll' | 'requeue' | 'thaw' |
  'thawAll' | 'deleteOne' | 'deleteBySender' | 'deleteFrozenBounces';

const TEMPLATES: Record<QueueMta, Partial<Record<QueueAction, string>>> = {
  postfix: {
    list: 'postqueue{c} -p', flush: 'postqueue{c} -f', flushDomain: 'postqueue{c} -s {domain}', deliverOne: 'postqueue{c} -i {id}',
    show: 'postcat{c} -vq {id}', hold: 'postsuper{c} -h {id}', release: 'postsuper{c} -H {id}', releaseAll: 'postsuper{c} -H ALL',
    requeue: 'postsuper{c} -r {id}', deleteOne: 'postsuper{c} -d {id}',
    deleteBySender: "postqueue{c} -j | jq -r 'select(.sender == \"{sender}\") | .queue_id' | postsuper{c} -d -",
  },
  exim: {
    list: 'exim -bp', flush: 'exim -qff', flushDomain: 'exim -Rff {domain}', deliverOne: 'exim -M {id}', show: 'exim -Mvl {id}',
    hold: 'exim -Mf {id}', thaw: 'exim -Mt {id}', thawAll: 'exiqgrep -z -i | xargs exim -Mt', deleteOne: 'exim -Mrm {id}',
    deleteBySender: 'exiqgrep -i -f "^<{sender}>$" | xargs exim -Mrm', deleteFrozenBounces: 'exiqgrep -z -i -f "^<>$" | xargs exim -Mrm',
  },
  sendmail: {
    list: 'mailq', flush: 'sendmail -q -v', flushDomain: 'sendmail -qR{domain} -v', deliverOne: 'sendmail -qI{id} -v', show: 'mailq -qI{id}',
  },
};

/** The command for an action, or undefined when the MTA has none. `configDir`: Postfix's -c. */
export function queueCommand(mta: QueueMta, action: QueueAction, args: { id?: string; domain?: string; sender?: string; configDir?: string } = {}): string | undefined {
  const t = TEMPLATES[mta][action];
  if (!t) return undefined;
  return t.replace(/\{c\}/g, args.configDir ? ` -c ${args.configDir}` : '').replace(/\{id\}/g, args.id ?? 'QUEUE_ID')
    .replace(/\{domain\}/g, args.domain ?? 'example.com').replace(/\{sender\}/g, args.sender ?? 'sender@example.com');
}

export function isDeletion(action: QueueAction): boolean {
  return action === 'deleteOne' || action === 'deleteBySender' || action === 'deleteFrozenBounces';
}
