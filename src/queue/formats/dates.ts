/**
 * The arrival times of text listings ("Sat Dec  5 03:27:42", "Sat Dec  5 03:33") carry no year and no time
 * zone: read as the listing machine's local time (mailmedic's own, which is right for a live queue) in the
 * latest year that does not put them in the future.
 */
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** "Dec  5 03:27:42" or "Dec 5 03:33" (after the weekday) → ms since the epoch, or undefined. */
export function listingTime(month: string, day: string, hms: string, now: number): number | undefined {
  const mo = MONTHS.indexOf(month.toLowerCase());
  const [h, m, s] = hms.split(':').map(Number);
  const d = Number(day);
  if (mo < 0 || !(d >= 1 && d <= 31) || h === undefined || m === undefined || h > 23 || m > 59 || (s ?? 0) > 60) return undefined;
  const year = new Date(now).getFullYear();
  for (const y of [year, year - 1]) {
    const t = new Date(y, mo, d, h, m, s ?? 0).getTime();
    // A day of slack: the listing's clock or zone may run ahead of ours.
    if (t <= now + 86_400_000) return t;
  }
  return undefined;
}
