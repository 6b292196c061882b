/**
 * The third blind review (issue 12): five documents written by a colleague who had not seen the code, with the facts,
 * structure and metadata expected of them written before the first run (tests/fixtures/heldout-3/, README.md there).
 * First-run and after-fix figures: docs/decisions/0050-blind-review-3.md. The thresholds below are the after-fix
 * figures; they are regression figures now, no longer blind.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/index.js';
import { SCORED_KINDS, checkDocument, total, type ScoredKind } from '../../src/extract/score.js';
import { scoreFolder } from '../helpers/blind-facts.js';
import { HELDOUT3_DIR } from '../helpers/docs.js';

const { entries, perKind, attrs } = scoreFolder(HELDOUT3_DIR);

/** After-fix figures (decision 0050): precision and recall per kind; attribute agreements as [agreeing, compared]. */
const AFTER_FIX: Record<ScoredKind, { p: number; r: number; gold: number }> = {
  meetings: { p: 1, r: 1, gold: 28 },
  thresholds: { p: 1, r: 1, gold: 27 },
  deadlines: { p: 1, r: 1, gold: 69 },
  leave: { p: 1, r: 1, gold: 51 },
};
const ATTRIBUTES_AT_LEAST: Record<ScoredKind, Record<string, number>> = {
  meetings: { frequency: 28, quorum: 28, chair: 27, regularTime: 28 },
  thresholds: { bandEdges: 33, decidedBy: 27, amountFree: 27 },
  deadlines: { bound: 69, per: 69, measure: 69 },
  leave: { verb: 51, recipient: 51, condition: 5 },
};

describe('third blind review: five documents of other levels and habits', () => {
  it('all five are read (province, city, banner 决定, traditional characters, web page)', () => {
    expect(entries.map((e) => e.doc.id).sort()).toEqual(['city-mayor', 'county-decision', 'district-web', 'guowuyuan-style', 'traditional']);
  });

  it.each(SCORED_KINDS)('%s: precision and recall at the after-fix figures', (kind) => {
    const t = total(perKind[kind]);
    expect(t.gold).toBe(AFTER_FIX[kind].gold);
    expect({ kind, missed: t.missed, spurious: t.spurious }).toEqual({ kind, missed: [], spurious: [] });
    expect(t.precision).toBeGreaterThanOrEqual(AFTER_FIX[kind].p);
    expect(t.recall).toBeGreaterThanOrEqual(AFTER_FIX[kind].r);
  });

  it.each(SCORED_KINDS)('%s: attribute accuracy (frequency, quorum, band edges, deciders, verb, recipient, amountFree, condition)', (kind) => {
    for (const [name, least] of Object.entries(ATTRIBUTES_AT_LEAST[kind])) {
      const [agree, compared] = attrs[kind][name] ?? [0, 0];
      expect(compared, `${kind} ${name} compared`).toBeGreaterThanOrEqual(least);
      expect(agree, `${kind} ${name}: ${agree}/${compared}`).toBeGreaterThanOrEqual(least);
    }
  });

  it('structure and metadata are right for every document (chapters, articles, labels, titles; title, jurisdiction, issuer, number, year, date)', () => {
    for (const { doc, gold } of entries) {
      const { structure, metadata } = checkDocument(gold, doc);
      const wrong = [...structure.fields, ...metadata.fields].filter((f) => !f.right);
      expect({ doc: doc.id, wrong }).toEqual({ doc: doc.id, wrong: [] });
      expect(structure.fields.length + metadata.fields.length).toBe(11);
    }
  });

  it('every fact quotes its document exactly; the traditional text is quoted in its own characters', () => {
    for (const { doc } of entries) {
      for (const f of extractFacts(doc)) {
        expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
        const a = doc.articles.find((x) => x.key === f.citation.key)!;
        expect(f.citation.span.start).toBeGreaterThanOrEqual(a.span.start);
        expect(f.citation.span.end).toBeLessThanOrEqual(a.span.end);
      }
    }
    const trad = entries.find((e) => e.doc.id === 'traditional')!.doc;
    const quotes = extractFacts(trad).map((f) => f.citation.quote);
    expect(quotes.length).toBeGreaterThan(20);
    expect(quotes.some((q) => q.includes('區政府常務會議'))).toBe(true);
    expect(quotes.some((q) => q.includes('区政府常务会议'))).toBe(false);
  });
});
