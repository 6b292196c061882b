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

  it('refuses a document that is one of its peers', () => {
    const peers = buildPeerModel(docs.slice(1));
    expect(() => alignAgainst(peers, docs[1]!)).toThrow(/already one of the peers/);
  });
});
