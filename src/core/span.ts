/** Lengths of time as people type them in a look-back or a mute: "90m", "36h", "7d". */

const DAY = 86_400_000;

/** A look-back or mute length: "90m", "36h", "7d", between 1 minute and 400 days; undefined when it is not one. */
export function parseSpan(v: unknown): number | undefined {
  const m = typeof v === 'string' ? /^\s*(\d{1,6})\s*(m|h|d)\s*$/i.exec(v) : null;
  if (!m) return undefined;
  const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: DAY }[m[2]!.toLowerCase() as 'm' | 'h' | 'd'];
  return ms >= 60_000 && ms <= 400 * DAY ? ms : undefined;
}
