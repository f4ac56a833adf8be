/** The registry of check adapters the cases name by id. One adapter per capability function. */
import type { CheckAdapter } from '../types.js';
import { bounceAdapter } from './bounce.js';
import { blacklistAdapter, domainAuthAdapter, domainMxAdapter, ptrAdapter, recipientMxAdapter, spfIpAdapter } from './domain.js';
import { explainAdapter } from './explain.js';
import { limitsAdapter } from './limits.js';
import { logsAdapter } from './logs.js';
import { probeLoginAdapter, probeMxAdapter, probeReceiveAdapter, probeSendAdapter, spamFolderAdapter } from './probe.js';
import { settingsAdapter } from './settings.js';
import { messageAdapter } from './message.js';
import { queueAdapter } from './queue.js';

/**
 * Every check the doctor can run, each wrapping a capability (explain, bounce, probe, settings, domain, logs, queue,
 * message …) behind the same adapter shape.
 */
export const CHECK_ADAPTERS: readonly CheckAdapter[] = [
  explainAdapter, bounceAdapter, probeSendAdapter, probeReceiveAdapter, probeLoginAdapter, probeMxAdapter, spamFolderAdapter,
  settingsAdapter, domainMxAdapter, recipientMxAdapter, domainAuthAdapter, ptrAdapter, blacklistAdapter, spfIpAdapter,
  logsAdapter, limitsAdapter, messageAdapter, queueAdapter,
];

export function adapterById(id: string, list: readonly CheckAdapter[] = CHECK_ADAPTERS): CheckAdapter | undefined {
  return list.find((a) => a.id === id);
}
