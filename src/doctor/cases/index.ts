/** The seven cases of seed 000, in its order. */
import type { DoctorCase } from '../types.js';
import { clientReceiveCase } from './client-receive.js';
import { clientSendCase } from './client-send.js';
import { lostMessageCase } from './lost-message.js';
import { phpMailCase } from './php-mail.js';
import { vpsReceiveCase } from './vps-receive.js';
import { vpsSendCase } from './vps-send.js';
import { webmailCase } from './webmail.js';

/** The seven cases of mail that is not sent or received, in the order the help articles give them. */
export const DOCTOR_CASES: readonly DoctorCase[] = [
  clientSendCase, clientReceiveCase, webmailCase, phpMailCase, vpsSendCase, vpsReceiveCase, lostMessageCase,
];

/** The doctor case with this id, or undefined. */
export function caseById(id: string): DoctorCase | undefined {
  return DOCTOR_CASES.find((c) => c.id === id);
}
