/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with a quote (CSV injection). */
export function csvCell(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * CSV (RFC 4180, CRLF line ends) of a header row and data rows; cells a spreadsheet would run as a formula are
 * defused (see csvCell).
 */
export function renderCsv(columns: string[], rows: unknown[][]): string {
  return [columns, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
