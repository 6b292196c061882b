/** A readable outline of one segmented document (what `rulecmp segment` prints). Pure: document → text. */
import type { RuleDocument } from '../model.js';

export function outline(doc: RuleDocument): string {
  const m = doc.meta;
  const j = m.jurisdiction;
  const out: string[] = [];
  out.push(`${doc.id}  ${m.title ?? '(untitled)'}`);
  const place = [j.province, j.city !== j.province ? j.city : null, j.district].filter(Boolean).join(' ');
  const field = (k: string, v: string | number | null | undefined) => v !== null && v !== undefined && v !== '' && out.push(`  ${k.padEnd(14)}${v}`);
  field('jurisdiction', place || null);
  field('issuer', m.issuer);
  field('doc number', m.docNumber);
  field('issued', m.dates.issued);
  field('published', m.dates.published);
  field('adopted', m.dates.adopted);
  field('printed', m.dates.printed);
  field('validity', m.validity);
  for (const r of m.repeals) field('repeals', [r.title && `《${r.title}》`, r.docNumber, r.date].filter(Boolean).join(' '));
  field('source', `${m.source.path} (${m.source.format}, ${m.source.encoding}${m.source.bom ? ', BOM' : ''}, ${m.source.bytes} bytes)`);
  out.push(`  ${doc.chapters.length} chapters, ${doc.articles.length} articles`);
  for (const c of doc.chapters) {
    const range = c.articleRange ? articleRangeLabel(doc, c.articleRange) : 'no articles';
    out.push(`    ${c.label} ${c.title}  ${range}`);
  }
  if (doc.chapters.length === 0 && doc.articles.length) out.push(`    ${articleRangeLabel(doc, [doc.articles[0]!.ordinal, doc.articles.at(-1)!.ordinal])}`);
  if (doc.diagnostics.length) {
    out.push(`  diagnostics:`);
    for (const d of doc.diagnostics) out.push(`    ${d.severity} ${d.code}: ${d.message}`);
  }
  return out.join('\n') + '\n';
}

function articleRangeLabel(doc: RuleDocument, [a, b]: [number, number]): string {
  const label = (n: number) => doc.articles.find((x) => x.ordinal === n)?.label.replace(/[、，,．.\s]+$/, '') ?? String(n);
  return a === b ? label(a) : `${label(a)}–${label(b)}`;
}
