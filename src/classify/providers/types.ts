/**
 * Provider knowledge as data: which remote hosts and recipient domains belong to a mailbox provider or mail
 * gateway, and how its documented error texts and codes map to reasons. Most tables follow the public error
 * pages of each provider as collected by Sisimai's rhost modules (BSD-2-Clause, https://sisimai.org); each file
 * names its sources.
 */
import type { Reason } from '../../core/finding.js';

/**
 * One documented answer. `phrase` (lowercase literal) must occur in the diagnostic; `status` narrows it to an
 * enhanced status: "5.7.1" exactly, "x.7.1" in either class, or a range of the last number "5.7.606-649".
 */
export interface ProviderRule {
  reason: Reason;
  /** Lowercase literal the diagnostic must contain ('' for any text). */
  phrase: string;
  status?: string;
  /** The SMTP command it was said at (RCPT, DATA, …), when that decides. */
  command?: string;
  /** Reply code it applies to ("550"); "x21" matches 421 and 521. */
  reply?: string;
}

/**
 * An error code the provider writes into its answers ("AUP#CXBL", "LPN007_416", " IB108", "RCP-P2"): `find`
 * captures it (group 1), `reasons` maps the exact code, `ranges` numeric codes within [low, high].
 */
export interface ProviderCodes {
  find: RegExp;
  reasons?: Readonly<Record<string, Reason>>;
  ranges?: readonly (readonly [number, number, Reason])[];
  /** Match the code against the end of the captured text (FrancePTT's "…_416" suffixes). */
  suffix?: boolean;
  /** Reply code the code must come with, per code (Outlook.com's RP-001 only with 421). */
  reply?: Readonly<Record<string, string>>;
}

/** One mailbox provider: how to recognise it (host suffixes, hosted domains) and its own codes and rules. */
export interface Provider {
  /** Stable id, used in rules: "provider:microsoft". */
  id: string;
  name: string;
  /** Remote (or reporting) host names that belong to it, as suffixes (".protection.outlook.com"). */
  hosts: readonly string[];
  /** Recipient domains it hosts. */
  domains: readonly string[];
  codes?: ProviderCodes;
  rules: readonly ProviderRule[];
}
