/**
 * CSV per RFC 4180: fields with a comma, quote, CR or LF are quoted, quotes doubled, records
 * end with CRLF. Files start with a UTF-8 byte-order mark so that Excel opens Chinese text
 * correctly (other readers skip it; say so in the README).
 */

export const BOM = '\uFEFF';

/**
 * One field. Text that a spreadsheet would run as a formula (it begins with = + - @, or a tab or CR) gets a
 * leading apostrophe (OWASP's CSV-injection advice); numbers stay numbers (-1.5 is not text).
 */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (typeof v !== 'number' && /^[=+\-@\t\r]/u.test(s) && !/^[-+]?\d+(\.\d+)?$/u.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvTable(header: string[], rows: unknown[][]): string {
  return BOM + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
