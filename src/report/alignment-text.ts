/** Plain-text views of an alignment for the terminal (pure: strings out). */
import { findArticle, refId, type Alignment, type AlignmentLink, type ArticleRef, type ClauseFamily, type RuleDocument, type Taxonomy } from '../model.js';
import { shortLabel } from './articles.js';
import { documentHeading } from './coverage.js';
import { linksBetween } from '../align/index.js';

interface Lookup {
  heading(docId: string): string;
  label(ref: ArticleRef): string;
  snippet(ref: ArticleRef, length?: number): string;
}

export function lookup(documents: RuleDocument[]): Lookup {
  const byId = new Map(documents.map((d) => [d.id, d]));
  const article = (r: ArticleRef) => { const d = byId.get(r.docId); return d ? findArticle(d.articles, r.key) : undefined; };
  return {
    heading: (id) => (byId.get(id) ? documentHeading(byId.get(id)!, documents) : id),
    label: (r) => shortLabel(r.label),
    snippet: (r, length = 48) => {
      const a = article(r);
      if (!a) return '';
      const body = (a.text.startsWith(a.label) ? a.text.slice(a.label.length) : a.text).replace(/\s+/g, '').trim();
      return body.length > length ? body.slice(0, length) + '…' : body;
    },
  };
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));

function linkLine(l: AlignmentLink, L: Lookup): string {
  return `    ${L.heading(l.a.docId)} ${L.label(l.a)} ↔ ${L.heading(l.b.docId)} ${L.label(l.b)}  [${l.pass}] score ${l.score.toFixed(2)}, confidence ${l.confidence.toFixed(2)}: ${l.reason}`;
}

/** One family: a line per member (district, label, opening words), then its links if asked. */
export function formatFamily(f: ClauseFamily, alignment: Alignment, L: Lookup, withLinks: boolean): string {
  const docs = new Set(f.members.map((m) => m.docId)).size;
  const out = [`${f.id}  ${f.topicName ?? '(no topic)'} — ${f.members.length} article${f.members.length > 1 ? 's' : ''} in ${docs} of ${alignment.documents.length} documents${f.members.length > 1 ? `, cohesion ${f.cohesion.toFixed(2)}` : ''}`];
  const linked = alignment.families.filter((g) => g !== f && g.matter === f.matter).map((g) => g.id);
  if (linked.length) out.push(`  one matter with ${linked.join(', ')}`);
  const width = Math.max(...f.members.map((m) => [...L.heading(m.docId)].length * 2)) + 2;
  const joined = new Map((f.joined ?? []).map((j) => [refId(j.article), j.reason]));
  for (const m of f.members) {
    out.push(`  ${pad(L.heading(m.docId), width)}${pad(L.label(m), 14)}${L.snippet(m)}`);
    if (joined.has(refId(m))) out.push(`  ${' '.repeat(width + 14)}(joined without a link: ${joined.get(refId(m))})`);
  }
  if (withLinks) {
    const keys = new Set(f.members.map(refId));
    const inner = alignment.links.filter((l) => keys.has(refId(l.a)) && keys.has(refId(l.b)));
    if (inner.length) out.push('  links:', ...inner.map((l) => linkLine(l, L)));
  }
  return out.join('\n');
}

/** For two documents: each article of the first with its counterparts in the second. */
export function formatPair(alignment: Alignment, docA: string, docB: string, documents: RuleDocument[], taxonomy: Taxonomy): string {
  const L = lookup(documents);
  const links = linksBetween(alignment, docA, docB);
  const a = documents.find((d) => d.id === docA)!;
  const topicOf = new Map(alignment.classification.assignments.map((x) => [refId(x.article), x.topics[0]?.topic ?? null]));
  const out = [`${L.heading(docA)} ↔ ${L.heading(docB)}: ${links.length} links`];
  for (const art of a.articles) {
    const mine = links.filter((l) => l.a.key === art.key);
    const topic = topicOf.get(refId({ docId: docA, key: art.key }));
    const name = topic ? taxonomy.byId.get(topic)?.name ?? topic : '—';
    const right = mine.length ? mine.map((l) => `${L.label(l.b)} [${l.pass} ${l.score.toFixed(2)}]`).join(', ') : '—';
    out.push(`  ${pad(shortLabel(art.label), 14)}${pad(name, 22)}→ ${right}`);
  }
  return out.join('\n');
}
