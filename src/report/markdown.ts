/** Markdown helpers shared by the report renderers. */

/**
 * Document text for Markdown: the characters that start HTML (& < >) as entities, so a document that
 * contains <script> or <img onerror> shows as text wherever the Markdown is rendered.
 */
export function mdText(v: unknown): string {
  return String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A value as a Markdown table cell: HTML escaped, pipes escaped, newlines as <br>, empty as —. */
export function mdCell(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  return mdText(v).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

export function mdTable(header: string[], rows: unknown[][]): string {
  return [
    `| ${header.map(mdCell).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
  ].join('\n');
}
