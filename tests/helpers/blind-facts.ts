/** A folder of blind documents (<name>.txt or .html with <name>.json beside it), read and scored against their expectations. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { extractDocumentFacts } from '../../src/extract/index.js';
import { SCORED_KINDS, addAttributes, scoreAttributes, scoreDocument, total, type AttributeScore, type GoldFacts, type KindScore, type ScoredKind } from '../../src/extract/score.js';
import { loadDocument } from '../../src/io/corpus.js';
import type { RuleDocument } from '../../src/model.js';

export interface ScoredFolder {
  entries: { doc: RuleDocument; gold: GoldFacts }[];
  perKind: Record<ScoredKind, KindScore[]>;
  attrs: Record<ScoredKind, AttributeScore>;
}

export function scoreFolder(dir: string): ScoredFolder {
  const files = readdirSync(dir).filter((f) => /\.(?:txt|html?)$/u.test(f) && existsSync(join(dir, f.replace(/\.[^.]+$/u, '.json'))));
  const entries = files.map((f) => {
    const id = f.replace(/\.[^.]+$/u, '');
    return { doc: loadDocument(join(dir, f), id), gold: JSON.parse(readFileSync(join(dir, `${id}.json`), 'utf8')) as GoldFacts };
  });
  const perKind: Record<ScoredKind, KindScore[]> = { meetings: [], thresholds: [], deadlines: [], leave: [] };
  const attrs: Record<ScoredKind, AttributeScore> = { meetings: {}, thresholds: {}, deadlines: {}, leave: {} };
  for (const { doc, gold } of entries) {
    const facts = extractDocumentFacts(doc);
    const s = scoreDocument(gold, facts);
    const a = scoreAttributes(gold, facts);
    for (const k of SCORED_KINDS) {
      perKind[k].push(s[k]);
      addAttributes(attrs[k], a[k]);
    }
  }
  return { entries, perKind, attrs };
}

/**
 * One test per kind: the expected facts counted as written (gold), and at most `missed` of them missed and `extra`
 * facts found besides — a review's after-fix figures, held as a regression.
 */
export function afterFixFigures(perKind: Record<ScoredKind, KindScore[]>, gold: Record<ScoredKind, number>, missed: Record<ScoredKind, number>, extra: Record<ScoredKind, number>, label = '%s: at the after-fix figures'): void {
  it.each(SCORED_KINDS)(label, (kind) => {
    const t = total(perKind[kind]);
    expect(t.gold).toBe(gold[kind]);
    expect(t.missed.length, JSON.stringify(t.missed)).toBeLessThanOrEqual(missed[kind]);
    expect(t.spurious.length, JSON.stringify(t.spurious)).toBeLessThanOrEqual(extra[kind]);
  });
}
