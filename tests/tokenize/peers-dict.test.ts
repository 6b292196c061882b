/**
 * The peers' dictionary `rulecmp build` writes (OUT/peers-dict.bin) and the cutter a review starts from it: every
 * text a review cuts — the draft, its lines and articles with the layout squeezed out, the peers' texts, documents
 * in characters the peers never use — must come out exactly as jieba's full dictionary cuts it.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownCacheDir } from '../helpers/cache.js';
import { Jieba } from '@node-rs/jieba';
import { charsetCutter, charsetDictionary, peersDictWords, primeCutter, readPeersDict } from '../../src/io/querydict.js';
import { getTokenizer, userDictText } from '../../src/tokenize/index.js';

const read = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(new URL(f, dir), 'utf8'));
const seeds = read(new URL('../../corpus/', import.meta.url));
const others = [...read(new URL('../fixtures/heldout-3/', import.meta.url)), ...read(new URL('../fixtures/heldout/', import.meta.url)), readFileSync(new URL('../fixtures/review/xinhe-draft.txt', import.meta.url), 'utf8')];

ownCacheDir('peersdict');
/** jieba's whole dictionary, for the texts the peers' one hands over. */
const wholeDictionary = () => (t: string) => getTokenizer('node-rs').cut(t);

/** What a review cuts of a document: each line and each line without its spaces (an article's text, as the review compares it). */
const linesOf = (text: string) => text.split('\n').flatMap((l) => [l, l.replace(/[\s\u3000]+/gu, '')]).filter((t) => t);
/** The whole text, and squeezed: last, since a text of many characters outside the dictionary switches to the full one. */
const wholeOf = (text: string) => [text, text.replace(/[\s\u3000]+/gu, '')];

describe('the peers dictionary: the words made of the peers\' characters, and the words around any other character looked up', () => {
  const full = getTokenizer('node-rs');
  const differing = (cut: (t: string) => string[], texts: string[]) => texts.filter((t) => cut(t).join('|') !== full.cut(t).join('|'));

  it('is a fraction of jieba\'s dictionary for the four peers, and cuts each left-out seed, the other documents of the genre and the peers exactly as the full dictionary', () => {
    for (let k = 0; k < seeds.length; k++) {
      const peers = seeds.filter((_, i) => i !== k);
      const file = charsetDictionary(peers, userDictText());
      const words = peersDictWords(file, userDictText());
      expect(words).toBeGreaterThan(50_000);
      expect(words).toBeLessThan(200_000); // of 349,046
      const cut = charsetCutter(Buffer.from(file), userDictText(), wholeDictionary)!;
      expect(differing(cut, [...linesOf(seeds[k]!), ...others.flatMap(linesOf), ...peers.flatMap((p) => p.split('\n')), ...wholeOf(seeds[k]!), ...others.flatMap(wholeOf)])).toEqual([]);
    }
  }, 120_000);

  it('cuts any stretch of any of those texts the same way (property), characters the peers never use included', () => {
    const cut = charsetCutter(Buffer.from(charsetDictionary(seeds.slice(0, 2), userDictText())), userDictText(), wholeDictionary)!;
    const texts = [...seeds, ...others];
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 400 }), (t, start, length) => {
        const text = texts[t % texts.length]!;
        const s = text.slice(start % text.length, (start % text.length) + length);
        expect(cut(s)).toEqual(full.cut(s));
      }),
      { numRuns: 400, seed: 7 },
    );
  }, 120_000);

  it('cuts the same when primed with the draft (its words around other characters built in up front), for the draft, texts it was not primed with, and a prime mostly of other characters', () => {
    const peers = seeds.slice(1);
    const file = Buffer.from(charsetDictionary(peers, userDictText()));
    for (const draft of [seeds[0]!, ...others]) {
      const cut = charsetCutter(file, userDictText(), wholeDictionary, draft)!;
      expect(differing(cut, [...linesOf(draft), ...wholeOf(draft), ...others.flatMap(linesOf), ...peers.flatMap((p) => p.split('\n'))])).toEqual([]);
    }
    // A prime with more other characters than a text may have: not primed, the same cuts all the same.
    const other = charsetCutter(Buffer.from(charsetDictionary(['常务会议'], userDictText())), userDictText(), wholeDictionary, seeds[0]!)!;
    expect(differing(other, linesOf(seeds[1]!).slice(0, 40))).toEqual([]);
  }, 120_000);

  it('falls back to the full dictionary for a text mostly of other characters, and is refused when made for another dictionary', () => {
    const file = charsetDictionary(['常务会议'], userDictText());
    const cut = charsetCutter(Buffer.from(file), userDictText(), wholeDictionary)!;
    expect(differing(cut, seeds.slice(0, 2))).toEqual([]);
    const head = file.indexOf(' ') + 1; // the dictionary's id after the magic word
    expect(charsetCutter(Buffer.concat([file.subarray(0, head), Buffer.from('0000000000000000'), file.subarray(head + 16)]), userDictText(), wholeDictionary)).toBeNull();
    expect(charsetCutter(Buffer.from('not a dictionary\n'), userDictText(), wholeDictionary)).toBeNull();
    // Cut short (a copy interrupted): refused, not used with words missing.
    expect(charsetCutter(Buffer.from(file).subarray(0, file.length - 10), userDictText(), wholeDictionary)).toBeNull();
  }, 60_000);

  it('cuts the pieces of the draft it was primed with from the few words whose every pair of characters is in the draft, and the texts it is told of the same way', () => {
    const peers = seeds.slice(1);
    const file = charsetDictionary(peers, userDictText());
    const all = peersDictWords(file, userDictText());
    const draft = seeds[0]!;
    const dict = readPeersDict(file, userDictText())!;
    // (Given no words around characters the peers never use: the pieces here are those without any.)
    const small = primeCutter(dict, draft, { lines: '', freq: 0 }, Jieba);
    expect(small.words()).toBeLessThan(all / 10); // 113k words in all for these peers
    const pieces = [...draft.split('\n'), ...draft.split(/[，。；]/u)].filter((t) => t && [...t].every((c) => dict.inside[c.charCodeAt(0)]));
    expect(pieces.length).toBeGreaterThan(300);
    expect(pieces.every((t) => small.fits(t))).toBe(true);
    expect(pieces.filter((t) => small.cut(t).join('|') !== full.cut(t).join('|'))).toEqual([]);
    // A peer's article is not a piece of the draft: not taken until told of, then cut exactly.
    const told = peers.map((p) => p.split('\n').filter((l) => l.length > 40)[5]!);
    expect(told.some((t) => !small.fits(t))).toBe(true);
    small.extend(told);
    expect(told.every((t) => small.fits(t))).toBe(true);
    expect(differing(small.cut, told)).toEqual([]);
    // Through the cutter a review uses: the draft primed, the peers' texts told, then every one cut as the full dictionary does.
    const cut = charsetCutter(file, userDictText(), wholeDictionary, draft)!;
    cut.expect!(told);
    expect(differing(cut, [...pieces, ...told, ...linesOf(draft)])).toEqual([]);
  }, 120_000);

  it('treats every kind of space as a break no word crosses: pieces with other spaces cut as the full dictionary does', () => {
    const draft = seeds[0]!;
    const cut = charsetCutter(charsetDictionary(seeds.slice(1), userDictText()), userDictText(), wholeDictionary, draft)!;
    const spaced = draft.split('\n').filter((l) => l.length > 20).slice(0, 30).flatMap((l) => ['\u3000', '\u00a0', '\u2003', '\t', ' '].map((sp, k) => l.slice(0, 5 + k) + sp + l.slice(5 + k)));
    expect(differing(cut, spaced)).toEqual([]);
  }, 60_000);
});
