/**
 * The peers' words counted once and read back (peers.bin, src/align/peer-terms.ts) give the same alignment and the
 * same review as a peer model counted from scratch; a file of other peers, another layout, or damaged, is refused
 * (with why), and the model is then counted from the words again.
 */
import { describe, expect, it } from 'vitest';
import { decodePeerTerms, encodePeerTerms, PEER_TERMS_LAYOUT, type PeerTerms } from '../../src/align/peer-terms.js';
import { alignAgainst, buildPeerModel, peerData, type PeerData } from '../../src/align/peers.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { refId, type AlignmentLink, type RuleDocument } from '../../src/model.js';
import { analyse } from '../../src/pipeline.js';
import { reviewDraft } from '../../src/review/index.js';
import { corpus } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

const KEY = 'test-key';
const link = (l: AlignmentLink) => `${refId(l.a)} ↔ ${refId(l.b)} ${l.pass} ${l.score} ${l.confidence} ${l.reason}`;

/** Peer data as a review reads it back: peers.json's content through JSON, the counted terms through their bytes. */
function readBack(documents: RuleDocument[]): { data: PeerData; terms: PeerTerms } {
  const fresh = buildPeerModel(documents);
  const terms = decodePeerTerms(encodePeerTerms(fresh.terms, KEY), KEY);
  if (typeof terms === 'string') throw new Error(terms);
  return { data: { ...(JSON.parse(JSON.stringify(peerData(fresh))) as PeerData), terms }, terms };
}

function sameTerms(a: PeerTerms, b: PeerTerms): void {
  expect(b.features.size).toBe(a.features.size);
  expect([...b.tfStart]).toEqual([...a.tfStart]);
  expect([...b.tfIds]).toEqual([...a.tfIds]);
  expect([...b.tfValues]).toEqual([...a.tfValues]);
  expect([...b.counts.df]).toEqual([...a.counts.df]);
  expect([...b.counts.docCount]).toEqual([...a.counts.docCount]);
  expect([...b.postIds]).toEqual([...a.postIds]);
  for (let id = 0; id < a.features.size; id += 97) {
    expect(b.features.text(id)).toBe(a.features.text(id));
    expect(b.features.lookup(a.features.text(id))).toBe(id);
    expect(b.features.isPhrase(id)).toBe(a.features.isPhrase(id));
  }
  expect(b.features.lookup('草案里才有的词')).toBeUndefined();
}

describe('peer terms read back from their bytes', () => {
  const seeds = corpus();
  const draft = loadDocuments(['tests/fixtures/review/xinhe-draft.txt'], '.').documents[0]!;

  for (const seed of seeds.map((d) => d.id)) {
    it(`${seed} against the other four seeds: the same links (passes, scores, reasons) as a model counted afresh`, () => {
      const doc = seeds.find((d) => d.id === seed)!;
      const rest = seeds.filter((d) => d !== doc);
      const fresh = buildPeerModel(rest);
      const { data, terms } = readBack(rest);
      sameTerms(fresh.terms, terms);
      const read = buildPeerModel(rest, {}, data);
      expect(read.terms).toBe(terms); // used, not counted again
      const [x, y] = [alignAgainst(fresh, doc), alignAgainst(read, doc)];
      expect(y.links.length).toBeGreaterThan(50);
      expect(y.links.map(link)).toEqual(x.links.map(link));
      expect(y.budget).toEqual(x.budget);
      expect(JSON.stringify(y.families)).toBe(JSON.stringify(x.families));
    });
  }

  it('50 synthetic peers: the review of a draft is the same with the model read back as with one counted afresh', () => {
    const peers = Array.from({ length: 50 }, (_, k) => recombined(seeds, k + 1).doc);
    const { data } = readBack(peers);
    const fresh = reviewDraft(analyse(peers), draft);
    const read = analyse(peers, { precomputed: { peers: data } });
    expect(read.peers.terms).toBe(data.terms);
    const review = reviewDraft(read, draft);
    expect(review.articles.filter((a) => a.status !== 'new').length).toBeGreaterThan(30);
    expect(JSON.stringify(review)).toBe(JSON.stringify(fresh));
  });

  it('keeps feature ids in 16 bits and term frequencies as places in a palette, and reads back the same numbers, with a palette of more than 256 values too', () => {
    const terms = buildPeerModel(seeds.slice(1)).terms;
    const bytes = encodePeerTerms(terms, KEY);
    // (32 bits each for the ids and the frequencies before: 16 and 8 now)
    const head = new TextDecoder().decode(bytes.subarray(8, 8 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true)));
    expect(head).toMatch(/\["tfIds","u16",/u);
    expect(head).toMatch(/\["tfValues","u8",/u);
    sameTerms(terms, decodePeerTerms(bytes, KEY) as PeerTerms);
    const varied = { ...terms, tfValues: Float32Array.from(terms.tfValues, (v, k) => v + (k % 700) / 64) };
    expect(new Set(varied.tfValues).size).toBeGreaterThan(256);
    sameTerms(varied, decodePeerTerms(encodePeerTerms(varied, KEY), KEY) as PeerTerms);
  });

  it('refuses bytes of other peers, another layout or damaged ones, saying why; the model is then counted again', () => {
    const rest = seeds.slice(1);
    const bytes = encodePeerTerms(buildPeerModel(rest).terms, KEY);
    expect(encodePeerTerms(buildPeerModel(rest).terms, KEY)).toEqual(bytes); // same peers, same bytes
    expect(decodePeerTerms(bytes, 'another key')).toMatch(/other peers/u);
    const flipped = bytes.slice();
    flipped[flipped.length - 100]! ^= 1;
    expect(decodePeerTerms(flipped, KEY)).toMatch(/damaged/u);
    expect(decodePeerTerms(bytes.subarray(0, bytes.length - 8), KEY)).toMatch(/damaged/u);
    expect(decodePeerTerms(bytes.subarray(0, 6), KEY)).toMatch(/damaged/u);
    expect(decodePeerTerms(new TextEncoder().encode('{"formatVersion":3}'), KEY)).toMatch(/damaged|not a peer terms file/u);
    const layout = bytes.slice();
    const head = new TextDecoder().decode(layout.subarray(8, 8 + new DataView(layout.buffer).getUint32(4, true)));
    layout.set(new TextEncoder().encode(head.replace(`"layout":${PEER_TERMS_LAYOUT}`, '"layout":9')), 8);
    expect(decodePeerTerms(layout, KEY)).toMatch(/layout 9/u);
    // Terms of another peer set handed in are not used: the model counts its own words.
    const { data } = readBack(seeds.slice(2));
    const model = buildPeerModel(rest, {}, { ...peerData(buildPeerModel(rest)), terms: data.terms! });
    expect(model.terms).not.toBe(data.terms);
    sameTerms(buildPeerModel(rest).terms, model.terms);
  });
});
