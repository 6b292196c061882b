/**
 * One document aligned against a fixed peer set gives what the batch alignment gives for that document,
 * does not recompute the peers, and does not change when an unrelated document joins the peer run.
 */
import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/index.js';
import { alignAgainst, buildPeerModel, peerData } from '../../src/align/peers.js';
import { refId, type AlignmentLink, type RuleDocument } from '../../src/model.js';
import { analyse } from '../../src/pipeline.js';
import { corpus, editedSeed } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

/** A link as seen from `docId`'s side: its article, the counterpart, the pass and the score. */
const fromSide = (docId: string) => (l: AlignmentLink) => {
  const [x, y] = l.a.docId === docId ? [l.a, l.b] : [l.b, l.a];
  return `${refId(x)} ↔ ${refId(y)} ${l.pass} ${l.score}`;
};

describe('alignment against fixed peers', () => {
  const docs = corpus();
  const batch = align(docs);

  for (const seed of docs.map((d) => d.id)) {
    it(`${seed} against the other four: the same links, passes and scores as the batch alignment of all five`, () => {
      const doc = docs.find((d) => d.id === seed)!;
      const peers = buildPeerModel(docs.filter((d) => d !== doc));
      const one = alignAgainst(peers, doc);
      const expected = batch.links.filter((l) => l.a.docId === seed || l.b.docId === seed).map(fromSide(seed)).sort();
      expect(expected.length).toBeGreaterThan(100);
      expect(one.links.map(fromSide(seed)).sort()).toEqual(expected);
      expect(one.links.every((l) => l.a.docId === seed)).toBe(true);
    });
  }

  it('never links two peers (their alignment is not recomputed) and compares a small share of the pairs', () => {
    const [draft, ...rest] = docs as [RuleDocument, ...RuleDocument[]];
    const analysis = analyse(rest);
    expect(analysis.peers).toBe(analysis.peers); // built once per peer set
    const other = editedSeed('chaoyang-2015', '区政府常务会议一般每季度召开2次', '区政府常务会议一般每月召开1次');
    for (const doc of [draft, other]) {
      const one = alignAgainst(analysis.peers, doc);
      expect(one.links.every((l) => l.a.docId === doc.id && l.b.docId !== doc.id)).toBe(true);
      expect(one.budget.comparisons).toBeLessThan(one.budget.possiblePairs / 5);
    }
  });

  it('a peer model read back from what build writes (classification, words) aligns exactly as one computed afresh', () => {
    const [draft, ...rest] = docs as [RuleDocument, ...RuleDocument[]];
    const fresh = buildPeerModel(rest);
    const data = JSON.parse(JSON.stringify(peerData(fresh)));
    const read = buildPeerModel(rest, {}, data);
    expect(read.words).toEqual(fresh.words);
    expect(alignAgainst(read, draft).links.map(fromSide(draft.id))).toEqual(alignAgainst(fresh, draft).links.map(fromSide(draft.id)));
    // data of another peer set is not used
    const other = buildPeerModel(rest.slice(1), {}, data);
    expect(other.words.length).toBe(rest.slice(1).reduce((n, d) => n + d.articles.length, 0));
  });

  it('peers with articles in common (twins): each twin aligned as if alone — the same links, passes, scores and confidences as without sharing the work', () => {
    const [draft, ...rest] = docs as [RuleDocument, ...RuleDocument[]];
    // Recombined from the seeds: each article's words in several documents under other numbers and chapters, some in a county's wording.
    const peers = [...rest, ...Array.from({ length: 12 }, (_, k) => recombined(docs, k + 1, `synthetic-${k + 1}`, { county: k % 3 === 0 }).doc)];
    const model = buildPeerModel(peers);
    const twins = model.twins;
    const shared = twins.filter((t, k) => t !== k).length;
    expect(shared).toBeGreaterThan(twins.length / 4); // 363 of 1,268
    // A twin is an earlier article with the same body text, topics and title words.
    for (let k = 0; k < twins.length; k++) expect(twins[k]).toBeLessThanOrEqual(k);
    const alone = { ...model, twins: Int32Array.from(twins, (_, k) => k) };
    const full = (l: AlignmentLink) => `${refId(l.a)} ↔ ${refId(l.b)} ${l.pass} ${l.score} ${l.confidence} ${l.topic}`;
    for (const doc of [draft, editedSeed('chaoyang-2015', '区政府常务会议一般每季度召开2次', '区政府常务会议一般每月召开1次')]) {
      const withTwins = alignAgainst(model, doc);
      const without = alignAgainst(alone, doc);
      expect(withTwins.links.length).toBeGreaterThan(200);
      expect(withTwins.links.map(full)).toEqual(without.links.map(full));
      expect(withTwins.links.map((l) => l.reason)).toEqual(without.links.map((l) => l.reason));
    }
  });

  it('refuses a document that is one of its peers', () => {
    const peers = buildPeerModel(docs.slice(1));
    expect(() => alignAgainst(peers, docs[1]!)).toThrow(/already one of the peers/);
  });
});
