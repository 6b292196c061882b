/**
 * Search results as terminal text: one citation line and one snippet line per hit,
 * matches in colour when asked for (the CLI asks only when stdout is a terminal and
 * NO_COLOR is unset), plain otherwise.
 */
import type { HighlightedText, SearchHit, SearchResponse } from '../model.js';

const STYLE = { match: '\x1b[1;31m', cite: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

/** The label as cited: '四十一、' → '四十一', '第四十一条' unchanged. */
export function citeLabel(label: string): string {
  return label.replace(/[、.．,，:：\s]+$/u, '');
}

export function highlighted(h: HighlightedText, color: boolean): string {
  let out = h.cutStart ? '…' : '';
  let at = 0;
  for (const s of h.highlights) {
    out += h.text.slice(at, s.start);
    const match = h.text.slice(s.start, s.end);
    out += color ? `${STYLE.match}${match}${STYLE.reset}` : match;
    at = s.end;
  }
  return out + h.text.slice(at) + (h.cutEnd ? '…' : '');
}

/** 某区 四十一 · 第九章 会议制度 — the citation of a hit. */
export function citation(hit: SearchHit): string {
  const c = hit.citation;
  const where = [c.district ?? c.docId, citeLabel(c.label)].join(' ');
  return c.chapter ? `${where} · ${c.chapter.label} ${c.chapter.title}` : where;
}

/** What was searched for: quoted phrases in quotes, the terms of each part, space-separated. */
export function searchedFor(r: SearchResponse): string {
  const optional = new Set(r.optional ?? []);
  return r.parts.map((p) => (p.kind === 'phrase' ? `"${p.text}"` : p.terms.filter((t) => !optional.has(t.text)).map((t) => t.text).join(' '))).filter(Boolean).join(' ');
}

/** The question and function words a query's parts left out. */
const droppedWords = (r: SearchResponse): string[] => [...new Set(r.parts.flatMap((p) => p.dropped))];

/**
 * What a first line says was searched for: the query as typed, or — when words were left out or need not be held —
 * the words an article must hold, then those scored where present and those left out.
 */
function asked(r: SearchResponse): string {
  const dropped = droppedWords(r);
  if (!dropped.length && !r.optional?.length) return r.query.trim();
  const asides = [...(r.optional?.length ? [`scored where present: ${r.optional.join(' ')}`] : []), ...(dropped.length ? [`left out: ${dropped.join(' ')}`] : [])];
  return `${searchedFor(r)} (${asides.join('; ')})`;
}

/** How a hit says which other word it matched. */
function otherWords(hit: SearchResponse['hits'][number]): string {
  return (hit.alternatives ?? [])
    .map((x) => (x.level ? `${x.matched} for ${x.term} at the document's level` : `${x.kind === 'synonym' ? 'synonym ' : ''}${x.kind === 'split' ? x.matched.replace(' ', ' … ') : x.matched} for ${x.term}`))
    .join(', ');
}

/** The line suggesting --topic when the query is a topic name or close to one. */
export function topicHint(r: SearchResponse): string {
  const t = r.topics ?? [];
  if (!t.length) return '';
  const q = searchedFor(r);
  if (t.length === 1 && t[0]!.name === q) return `\n${q} is a topic (${t[0]!.id}): add --topic ${q} to keep its articles only.\n`;
  const list = t.map((x) => `${x.name} (${x.id})`).join(', ');
  return `\n${t.length === 1 ? 'A topic' : 'Topics'} close to ${q}: ${list} — add --topic ${t[0]!.name}${t.length > 1 ? ' (or another)' : ''} to keep ${t.length === 1 ? 'its' : 'one topic\'s'} articles only.\n`;
}

export function formatResponse(r: SearchResponse, color: boolean): string {
  const paint = (style: string, s: string) => (color ? `${style}${s}${STYLE.reset}` : s);
  const lines: string[] = [];
  const shown = r.hits.length < r.total ? `, best ${r.hits.length} shown` : '';
  const dropped = droppedWords(r);
  const full = r.total - (r.fallback ?? 0);
  const more = r.fallback ? `; ${r.fallback} more, in documents where no article has all of it, have part of it` : '';
  lines.push(
    r.partial
      ? `No article has all of ${asked(r)}; ${r.total} ${r.total === 1 ? 'has' : 'have'} part of it${shown}:`
      : `${full} ${full === 1 ? 'article matches' : 'articles match'} ${asked(r)}${more}${shown}:`,
  );
  // "words apart" says a part was not found as typed; a sentence with words left out never is.
  const apartMatters = !dropped.length;
  const width = String(r.hits.length).length;
  for (const hit of r.hits) {
    const c = hit.citation;
    const other = otherWords(hit);
    // Not as typed because of a synonym or another spelling: that note says it.
    const apart = hit.partial ? '  (part of the query)' : hit.verbatim || !apartMatters || other ? '' : '  (words apart)';
    const meta = `${c.docId} #${c.ordinal}  score ${hit.score.toFixed(2)}${apart}${other ? `  (${other})` : ''}`;
    lines.push('');
    lines.push(`${String(hit.rank).padStart(width)}. ${paint(STYLE.cite, citation(hit))}  ${paint(STYLE.dim, meta)}`);
    lines.push(`${' '.repeat(width + 2)}${highlighted(hit.snippet, color)}`);
  }
  return lines.join('\n') + '\n' + topicHint(r);
}

/** The per-district view: for each document its best article(s), then the documents with no match. */
export function formatByDistrict(r: SearchResponse, color: boolean): string {
  const paint = (style: string, s: string) => (color ? `${style}${s}${STYLE.reset}` : s);
  const districts = r.districts ?? [];
  const found = districts.filter((d) => d.hits.length);
  const missing = districts.filter((d) => !d.hits.length);
  const lines = [`${asked(r)}: ${found.length} of ${districts.length} documents have a match${r.partial ? ' (no article has all of it: part of it)' : ''}`];
  for (const d of found) {
    lines.push('');
    lines.push(paint(STYLE.cite, `${d.district ?? d.docId}  ${d.docId}${d.year ? ` (${d.year})` : ''}`) + paint(STYLE.dim, `  ${d.total} ${d.total === 1 ? 'article' : 'articles'}`));
    for (const hit of d.hits) {
      const c = hit.citation;
      const other = otherWords(hit);
      const notes = [hit.partial ? 'part of the query' : '', other].filter(Boolean).join('; ');
      const where = c.chapter ? `${citeLabel(c.label)} · ${c.chapter.label} ${c.chapter.title}` : citeLabel(c.label);
      lines.push(`  ${where}  ${paint(STYLE.dim, `#${c.ordinal}  rank ${hit.rank}  score ${hit.score.toFixed(2)}${notes ? `  (${notes})` : ''}`)}`);
      lines.push(`    ${highlighted(hit.snippet, color)}`);
    }
  }
  if (missing.length) {
    lines.push('');
    lines.push(`No match in ${missing.map((d) => `${d.district ?? d.docId} ${d.docId}`).join(', ')}`);
  }
  return lines.join('\n') + '\n' + topicHint(r);
}
