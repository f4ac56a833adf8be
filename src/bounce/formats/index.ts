/**
 * The table of bounce formats, tried in order on messages that carry no usable RFC 3464 part (and used to
 * enrich DSNs whose Diagnostic-Code is missing). A new format is a new file and one line here.
 */
import type { BounceFormat } from '../types.js';
import { amazonsesJson } from './amazonses.js';
import { courier } from './courier.js';
import { dma } from './dma.js';
import { domino } from './domino.js';
import { exchange } from './exchange.js';
import { exim } from './exim.js';
import { fml } from './fml.js';
import { generic } from './generic.js';
import { gmail } from './gmail.js';
import { googlegroups } from './googlegroups.js';
import { imailserver } from './imailserver.js';
import { kddi } from './kddi.js';
import { mms } from './mms.js';
import { messagingserver } from './messagingserver.js';
import { notes } from './notes.js';
import { opensmtpd } from './opensmtpd.js';
import { postfix } from './postfix.js';
import { qmail } from './qmail.js';
import { sendmail } from './sendmail.js';
import { vtext } from './vtext.js';
import { yahoo } from './yahoo.js';

/**
 * The MTA- and provider-specific bounce formats, in the order they are tried (first match reads the message); also
 * searched for a DSN recipient's diagnostic in the MTA's own text. The generic reader comes after them
 * (FALLBACK_FORMAT).
 */
export const BOUNCE_FORMATS: readonly BounceFormat[] = [
  amazonsesJson, googlegroups, vtext, kddi, mms, imailserver, notes, fml, domino, dma, gmail, yahoo, exchange, opensmtpd, courier, messagingserver, qmail, exim, postfix, sendmail,
];

/** Tried last, only for messages that look like bounces. */
export const FALLBACK_FORMAT: BounceFormat = generic;
