/**
 * The fourth blind review: three documents written by a colleague who had not seen the code — a county's rules copied
 * out of a PDF (hard line breaks, page footers, a running header), a county-level city whose chapters are headed 一、
 * over 第X条 articles, an autonomous prefecture with 节 sections — with the facts, structure and metadata expected of
 * them written before the first run (tests/fixtures/heldout-4/, README.md there). First-run and after-fix figures:
 * docs/decisions/0050-blind-review-3.md, addendum. The thresholds below are the after-fix figures: regression figures
 * now, no longer blind.
 */
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/extract/index.js';
import { SCORED_KINDS, checkDocument, total, type ScoredKind } from '../../src/extract/score.js';
import { scoreFolder } from '../helpers/blind-facts.js';
import { HELDOUT4_DIR } from '../helpers/docs.js';

const { entries, perKind, attrs } = scoreFolder(HELDOUT4_DIR);

/** After-fix figures: expected facts per kind, and what is still missed (one: a count the rules bound, 只召开1次). */
const GOLD: Record<ScoredKind, number> = { meetings: 16, thresholds: 24, deadlines: 85, leave: 30 };
const MISSED: Record<ScoredKind, number> = { meetings: 0, thresholds: 0, deadlines: 1, leave: 0 };

describe('fourth blind review: a PDF copy, a county-level city, an autonomous prefecture', () => {
  it('all three are read', () => {
    expect(entries.map((e) => e.doc.id).sort()).toEqual(['autonomous-prefecture', 'county-level-city', 'county-pdf']);
  });

  it.each(SCORED_KINDS)('%s: nothing spurious, and only what is known to be missed', (kind) => {
    const t = total(perKind[kind]);
    expect(t.gold).toBe(GOLD[kind]);
    expect(t.spurious).toEqual([]);
    expect(t.missed).toHaveLength(MISSED[kind]);
  });

  it('attributes of every paired fact agree (frequency, quorum, chair, band edges, deciders, bound, verb, recipient, condition)', () => {
    for (const kind of SCORED_KINDS)
      for (const [name, [agree, compared]] of Object.entries(attrs[kind])) expect(`${kind} ${name} ${agree}/${compared}`).toBe(`${kind} ${name} ${compared}/${compared}`);
    expect(attrs.leave.condition).toEqual([4, 4]);
  });

  it('structure and metadata are right for every document', () => {
    for (const { doc, gold } of entries) {
      const { structure, metadata } = checkDocument(gold, doc);
      const wrong = [...structure.fields, ...metadata.fields].filter((f) => !f.right);
      expect({ doc: doc.id, wrong }).toEqual({ doc: doc.id, wrong: [] });
      expect(structure.fields.length + metadata.fields.length).toBe(11);
    }
  });

  it("the PDF copy's page furniture stays out of the articles' words, and every fact quotes its document", () => {
    const pdf = entries.find((e) => e.doc.id === 'county-pdf')!.doc;
    for (const a of pdf.articles) {
      expect(a.text).not.toMatch(/— \d+ —/u);
      expect(a.text).not.toContain('缙云县人民政府文件');
    }
    for (const { doc } of entries)
      for (const f of extractFacts(doc)) expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
  });
});
