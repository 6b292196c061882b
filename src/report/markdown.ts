/** Markdown helpers shared by the report renderers. */

/** A value as a Markdown table cell: pipes escaped, newlines as <br>, empty as —. */
export function mdCell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return String(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function mdTable(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}
