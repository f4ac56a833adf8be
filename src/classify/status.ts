/**
 * Enhanced status codes (RFC 3463 and later registry entries) and reply codes → reason.
 * `strong` codes name one cause precisely and win over wording; the others are a fallback when the text says
 * nothing more specific (e.g. 5.7.1 is used for almost any refusal).
 */
import type { Reason } from '../core/finding.js';

export interface StatusRule {
  reason: Reason;
  strong?: boolean;
}

/** Keyed by "class-less" code: subject.detail, e.g. "1.1" for 4.1.1 and 5.1.1. */
export const STATUS_DETAIL: Readonly<Record<string, StatusRule>> = {
  '0.0': { reason: 'onhold' },
  '1.0': { reason: 'userunknown' },
  '1.1': { reason: 'userunknown' },
  '1.2': { reason: 'hostunknown', strong: true },
  '1.3': { reason: 'userunknown' },
  '1.4': { reason: 'filtered' },
  '1.5': { reason: 'delivered' },
  '1.6': { reason: 'hasmoved', strong: true },
  '1.7': { reason: 'rejected', strong: true },
  '1.8': { reason: 'rejected', strong: true },
  '1.9': { reason: 'systemerror' },
  '1.10': { reason: 'notaccept' },
  '1.351': { reason: 'userunknown' },
  '2.0': { reason: 'filtered' },
  '2.1': { reason: 'filtered' },
  '2.2': { reason: 'mailboxfull', strong: true },
  '2.3': { reason: 'exceedlimit', strong: true },
  '2.4': { reason: 'filtered' },
  '3.0': { reason: 'systemerror' },
  '3.1': { reason: 'systemfull', strong: true },
  '3.2': { reason: 'notaccept' },
  '3.3': { reason: 'systemerror' },
  '3.4': { reason: 'mesgtoobig', strong: true },
  '3.5': { reason: 'systemerror' },
  '4.0': { reason: 'networkerror' },
  '4.1': { reason: 'expired' },
  '4.2': { reason: 'expired' },
  '4.3': { reason: 'systemerror' },
  '4.4': { reason: 'hostunknown' },
  '4.5': { reason: 'systemfull' },
  '4.6': { reason: 'networkerror' },
  '4.7': { reason: 'expired' },
  '5.0': { reason: 'syntaxerror' },
  '5.1': { reason: 'syntaxerror' },
  '5.2': { reason: 'syntaxerror' },
  '5.3': { reason: 'syntaxerror' },
  '5.4': { reason: 'syntaxerror' },
  '5.5': { reason: 'syntaxerror' },
  '5.6': { reason: 'syntaxerror' },
  '6.0': { reason: 'contenterror' },
  '6.1': { reason: 'contenterror' },
  '6.2': { reason: 'contenterror' },
  '6.3': { reason: 'contenterror' },
  '6.4': { reason: 'contenterror' },
  '6.5': { reason: 'contenterror' },
  '6.6': { reason: 'contenterror' },
  '6.7': { reason: 'contenterror' },
  '6.8': { reason: 'contenterror' },
  '6.9': { reason: 'contenterror' },
  '6.10': { reason: 'contenterror' },
  '7.0': { reason: 'securityerror' },
  '7.1': { reason: 'securityerror' },
  '7.2': { reason: 'policyviolation' },
  '7.3': { reason: 'securityerror' },
  '7.4': { reason: 'securityerror' },
  '7.5': { reason: 'securityerror' },
  '7.6': { reason: 'securityerror' },
  '7.7': { reason: 'securityerror' },
  '7.8': { reason: 'securityerror' },
  '7.9': { reason: 'securityerror' },
  '7.10': { reason: 'failedstarttls', strong: true },
  '7.11': { reason: 'failedstarttls', strong: true },
  '7.12': { reason: 'securityerror' },
  '7.13': { reason: 'suspend', strong: true },
  '7.14': { reason: 'securityerror' },
  '7.15': { reason: 'securityerror' },
  '7.16': { reason: 'mesgtoobig' },
  '7.17': { reason: 'suspend' },
  '7.18': { reason: 'suspend' },
  '7.19': { reason: 'userunknown' },
  '7.20': { reason: 'authfailure', strong: true },
  '7.21': { reason: 'authfailure', strong: true },
  '7.22': { reason: 'authfailure', strong: true },
  '7.23': { reason: 'authfailure', strong: true },
  '7.24': { reason: 'authfailure', strong: true },
  '7.25': { reason: 'requireptr', strong: true },
  '7.26': { reason: 'authfailure', strong: true },
  '7.27': { reason: 'notaccept', strong: true },
  '7.28': { reason: 'badreputation' },
  '7.29': { reason: 'authfailure' },
  '7.30': { reason: 'authfailure' },
  // Microsoft Exchange Online extensions (5.7.5xx, 5.7.6xx).
  '7.501': { reason: 'spamdetected' },
  '7.502': { reason: 'spamdetected' },
  '7.503': { reason: 'spamdetected' },
  '7.509': { reason: 'authfailure', strong: true },
  '7.510': { reason: 'blocked' },
  '7.511': { reason: 'blocked' },
  '7.512': { reason: 'spamdetected' },
  '7.515': { reason: 'authfailure', strong: true },
  '7.606': { reason: 'blocked', strong: true },
  '7.650': { reason: 'badreputation', strong: true },
};

/**
 * Outside a bounce: "no answer from host" (X.4.1) and "bad connection" (X.4.2) describe this attempt's
 * connection, not a queue that gave up (Sisimai's "expired" reading, kept for bounces).
 */
export const LIVE_STATUS_DETAIL: Readonly<Record<string, StatusRule>> = {
  '4.1': { reason: 'networkerror' },
  '4.2': { reason: 'networkerror' },
};

/** Reply codes that still tell something when no status and no wording decided. */
export const REPLY_FALLBACK: Readonly<Record<number, Reason>> = {
  421: 'systemerror',
  450: 'systemerror',
  451: 'systemerror',
  452: 'systemfull',
  500: 'syntaxerror',
  501: 'syntaxerror',
  502: 'syntaxerror',
  503: 'syntaxerror',
  504: 'syntaxerror',
  521: 'notaccept',
  523: 'mesgtoobig',
  530: 'securityerror',
  535: 'securityerror',
  551: 'hasmoved',
  552: 'mailboxfull',
  553: 'rejected',
  554: 'onhold',
  556: 'notaccept',
};

const MS_6XX = /^7\.6[0-4]\d$/;

/** The rule for a status; `live` (not inside a bounce) applies LIVE_STATUS_DETAIL first. */
export function statusRule(status: string, live = false): StatusRule | undefined {
  const dot = status.indexOf('.');
  if (dot < 0) return undefined;
  const detail = status.slice(dot + 1);
  const r = (live ? LIVE_STATUS_DETAIL[detail] : undefined) ?? STATUS_DETAIL[detail];
  if (r) return r;
  if (MS_6XX.test(detail)) return { reason: 'blocked', strong: true };
  const sub = detail.split('.')[0];
  if (sub === '7') return { reason: 'securityerror' };
  if (sub === '6') return { reason: 'contenterror' };
  return undefined;
}
