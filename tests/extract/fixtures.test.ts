import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractDocumentFacts, extractFacts } from '../../src/extract/index.js';
import { SCORED_KINDS, scoreDocument, total, type GoldFacts, type KindScore } from '../../src/extract/score.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { corpus, HELDOUT_DIR } from '../helpers/docs.js';

const FIXTURES = new URL('../fixtures/facts/', import.meta.url);

function scoreAll(docs: ReturnType<typeof corpus>, dir: URL | string): Record<string, KindScore> {
  const per: Record<string, KindScore[]> = {};
  for (const doc of docs) {
    const path = typeof dir === 'string' ? join(dir, `${doc.id}.json`) : new URL(`${doc.id}.json`, dir);
    const gold = JSON.parse(readFileSync(path, 'utf8')) as GoldFacts;
    const s = scoreDocument(gold, extractDocumentFacts(doc));
    for (const k of SCORED_KINDS) (per[k] ??= []).push(s[k]);
  }
  return Object.fromEntries(SCORED_KINDS.map((k) => [k, total(per[k]!)]));
}

describe('extractors against the hand-read fixtures', () => {
  const scores = scoreAll(corpus(), FIXTURES);
  it.each(SCORED_KINDS)('seed corpus, %s: precision and recall 1.00, as the README claims', (kind) => {
    const s = scores[kind]!;
    expect(s.gold).toBeGreaterThan(0);
    expect({ kind, missed: s.missed }).toEqual({ kind, missed: [] });
    expect(s.precision, JSON.stringify(s.spurious)).toBe(1);
    expect(s.recall).toBe(1);
  });

  // Documents in heldout/ (.txt or .html) with their facts read by hand in <id>.json (others there serve the
  // classifier tests), as in scripts/eval-facts.ts: a county, a city (CRLF web copy), a district (HTML page), and from
  // the second blind review a county of 2008 (CRLF, 第X条 without chapters) and a district's web text (一、 / 十一. labels).
  const heldFiles = readdirSync(HELDOUT_DIR)
    .filter((f) => /\.(?:txt|html?)$/u.test(f) && existsSync(join(HELDOUT_DIR, f.replace(/\.[^.]+$/u, '.json'))))
    .map((f) => join(HELDOUT_DIR, f));
  const heldDocs = loadDocuments(heldFiles, HELDOUT_DIR).documents;
  const held = scoreAll(heldDocs, HELDOUT_DIR);

  it('held-out documents of every level (county, city, district; text and HTML) are all scored', () => {
    expect(heldDocs.map((d) => d.id).sort()).toEqual(expect.arrayContaining(['guangshan-2008', 'huoshan-2023', 'jiangning-2022', 'qingshan-county', 'xiling-2019', 'zhuzhou-2022']));
  });

  it.each(SCORED_KINDS)('held-out documents (not seeds) together, %s: precision and recall 1.00, as the README claims', (kind) => {
    const s = held[kind]!;
    expect(s.gold).toBeGreaterThan(0);
    expect({ kind, missed: s.missed }).toEqual({ kind, missed: [] });
    expect(s.precision, JSON.stringify(s.spurious)).toBe(1);
    expect(s.recall).toBe(1);
  });

  it('the frequencies the issue names: 常务会议 and 全体会议 in each seed', () => {
    const rate = (id: string, meeting: string) => {
      const f = extractFacts(corpus().find((d) => d.id === id)!, ['meeting']).find((x) => x.kind === 'meeting' && x.meeting === meeting && x.frequency);
      const fr = f?.kind === 'meeting' ? f.frequency : null;
      return fr && `${fr.min}-${fr.max}/${fr.per}`;
    };
    expect(rate('huairou-2021', '常务会议')).toBe('1-1/week');
    expect(rate('taobei-2020', '常务会议')).toBe('1-1/month');
    expect(rate('chaoyang-2015', '常务会议')).toBe('2-2/quarter');
    expect(rate('chenggong-2022', '常务会议')).toBe('1-1/week');
    expect(rate('tongzhou-2022', '常务会议')).toBe('1-1/week');
    expect(rate('huairou-2021', '全体会议')).toBe('1-1/year');
    expect(rate('taobei-2020', '全体会议')).toBe('1-1/half-year');
    expect(rate('chaoyang-2015', '全体会议')).toBe('1-2/year');
    expect(rate('chenggong-2022', '全体会议')).toBe('1-2/year');
    expect(rate('tongzhou-2022', '全体会议')).toBe('1-1/year');
  });

  it('every fact quotes the document exactly: text.slice(span) is the quote, inside the cited article', () => {
    for (const doc of [...corpus(), ...heldDocs]) {
      for (const f of extractFacts(doc)) {
        expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
        const a = doc.articles.find((x) => x.ordinal === f.citation.ordinal)!;
        expect(f.citation.span.start).toBeGreaterThanOrEqual(a.span.start);
        expect(f.citation.span.end).toBeLessThanOrEqual(a.span.end);
        expect(f.citation.label).toBe(a.label);
        expect(f.citation.district).toBe(doc.meta.jurisdiction.name);
      }
    }
  });

  it('fixture files exist for every seed', () => {
    for (const doc of corpus()) expect(existsSync(new URL(`${doc.id}.json`, FIXTURES)), doc.id).toBe(true);
  });
});
