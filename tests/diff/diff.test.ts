import { describe, expect, it } from 'vitest';
import { commonShare, DEFAULT_CUTOFF, diffTexts } from '../../src/diff/index.js';
import { articleBodyText } from '../../src/report/articles.js';
import { seed } from '../helpers/docs.js';

const join = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
const changed = (parts: { text: string; changed: boolean }[]) => parts.filter((p) => p.changed).map((p) => p.text);

describe('diffTexts', () => {
  const huairou = articleBodyText(seed('huairou-2021').articles.find((a) => a.ordinal === 41)!);
  const tongzhou = articleBodyText(seed('tongzhou-2022').articles.find((a) => a.ordinal === 46)!);

  it('the parts of each side join back to the texts exactly (怀柔 四十一 vs 通州 四十六)', () => {
    const d = diffTexts(huairou, tongzhou);
    expect(join(d.left)).toBe(huairou);
    expect(join(d.right)).toBe(tongzhou);
    expect(d.similarity).toBeGreaterThan(0.3);
    expect(d.similarity).toBeLessThan(1);
  });

  it('marks whole words: 每周 → 每月 is one change, not 周 → 月', () => {
    const d = diffTexts('区政府常务会议一般每周召开1次。', '区政府常务会议一般每月召开1次。');
    expect(changed(d.left)).toEqual(['每周']);
    expect(changed(d.right)).toEqual(['每月']);
    expect(d.changes).toBe(1);
  });

  it('full-width and half-width punctuation, item renumbering and the level word are not differences', () => {
    expect(diffTexts('由区长主持,一般每周召开1次。', '由区长主持，一般每周召开１次。').changes).toBe(0);
    expect(diffTexts('（一）传达贯彻精神；\n（二）部署工作。', '（二）传达贯彻精神；\n（三）部署工作。').changes).toBe(0);
    expect(diffTexts('区长召集和主持区政府全体会议。', '县长召集和主持县政府全体会议。', { levels: ['区', '县'] }).changes).toBe(0);
  });

  it('folds unchanged runs shorter than minEqual between two changes into one mark', () => {
    const a = '区政府常务会议一般每周召开1次，星期一上午为例会时间。';
    const b = '区政府常务会议一般每月召开2次，星期一上午为例会时间。';
    const fine = diffTexts(a, b, { minEqual: 1 });
    const merged = diffTexts(a, b, { minEqual: 3 });
    expect(fine.changes).toBe(2); // 每周 → 每月, 1 → 2, with 召开 unchanged between
    expect(merged.changes).toBe(1);
    expect(changed(merged.right)).toEqual(['每月召开2']);
    expect(join(merged.left)).toBe(a);
    expect(join(merged.right)).toBe(b);
  });

  it(`below the cut-off (${DEFAULT_CUTOFF}) the texts are shown whole, unmarked; identical texts have similarity 1`, () => {
    const d = diffTexts('区政府常务会议一般每周召开1次。', '严格遵守保密纪律，坚决维护国家安全。');
    expect(d.marked).toBe(false);
    expect(d.left).toEqual([{ text: '区政府常务会议一般每周召开1次。', changed: false }]);
    expect(d.similarity).toBeLessThan(DEFAULT_CUTOFF);
    expect(diffTexts(huairou, huairou)).toMatchObject({ similarity: 1, changes: 0, marked: true });
  });

  it('characters granularity is available and gives more, smaller marks than words', () => {
    const w = diffTexts(huairou, tongzhou, { minEqual: 1, cutoff: 0 });
    const c = diffTexts(huairou, tongzhou, { minEqual: 1, cutoff: 0, granularity: 'char' });
    expect(c.changes).toBeGreaterThan(w.changes);
    expect(join(c.right)).toBe(tongzhou);
  });
});

describe('diffTexts at scale (decision 0070)', () => {
  const texts = ['区政府常务会议一般每周召开1次。', '区政府常务会议一般每月召开1次，由区长召集并主持。', '区政府工作人员请假，应当报区长批准。', '各部门应当及时报送材料。', ''];

  it('the same text gives what a diff would: similarity 1, one unchanged part each side', () => {
    for (const t of texts) {
      const d = diffTexts(t, t);
      expect(d).toEqual({ similarity: 1, marked: true, left: t ? [{ text: t, changed: false }] : [], right: t ? [{ text: t, changed: false }] : [], changes: 0 });
    }
  });

  it('the pre-check bound is never below the similarity, and a pair it skips is below the cut-off', () => {
    for (const a of texts)
      for (const b of texts) {
        const exact = diffTexts(a, b);
        const pre = diffTexts(a, b, { precheck: true });
        if (pre.estimated) {
          expect(pre.similarity).toBeGreaterThanOrEqual(exact.similarity - 1e-12);
          expect(pre.similarity).toBeLessThan(DEFAULT_CUTOFF);
          expect(exact.marked).toBe(false);
        } else expect(pre).toEqual(exact);
      }
  });
});

describe('commonShare (the review\'s similarity figure, without building a diff)', () => {
  const docs = ['huairou-2021', 'tongzhou-2022', 'chaoyang-2015'].map((id) => seed(id));
  // Articles of two districts paired by number: related, unrelated and near-identical pairs alike.
  const pairs = docs[0]!.articles.slice(0, 60).map((a, k) => [articleBodyText(a), articleBodyText((k % 2 ? docs[1]! : docs[2]!).articles[k % docs[1]!.articles.length]!)] as const);

  it('is the share of characters an in-order matching of equal tokens covers: never below the diff\'s, the same for single characters', () => {
    let above = 0;
    for (const [a, b] of pairs) {
      const share = commonShare(a, b);
      const diffed = diffTexts(a, b, { cutoff: 0 }).similarity;
      expect(share).toBeGreaterThanOrEqual(diffed - 1e-12);
      expect(share - diffed).toBeLessThan(0.1);
      if (share > diffed + 1e-12) above++;
      // One character a token: every matching of the same length covers the same characters.
      expect(commonShare(a, b, { granularity: 'char' })).toBeCloseTo(diffTexts(a, b, { cutoff: 0, granularity: 'char' }).similarity, 12);
    }
    expect(above).toBeLessThan(pairs.length / 2);
  });

  it('reads punctuation widths, item numbers and the level word as diffTexts does', () => {
    expect(commonShare('由区长主持,一般每周召开1次。', '由区长主持，一般每周召开１次。')).toBe(1);
    expect(commonShare('（一）传达贯彻精神；', '（二）传达贯彻精神；')).toBe(1);
    expect(commonShare('由区长主持', '由县长主持', { levels: ['区', '县'] })).toBe(1);
    expect(commonShare('每周召开', '每月召开')).toBeCloseTo(4 / 8, 12); // 召开 on both sides: 4 of 8 characters
    expect(commonShare('', '')).toBe(1);
    expect(commonShare('常务会议', '')).toBe(0);
  });
});

describe('commonShare with its common start and end matched as they stand and the tokens the other side lacks left out', () => {
  it('gives the figure of the whole table for article pairs of the seeds, with item numbers and level words', async () => {
    const { corpus } = await import('../helpers/docs.js');
    const { articleBody } = await import('../../src/classify/index.js');
    const docs = corpus();
    let pairs = 0;
    for (const x of docs.slice(0, 3))
      for (const y of docs)
        for (const a of x.articles) {
          if (x === y) continue;
          const b = y.articles[a.index];
          if (!b) continue;
          const [s, t] = [articleBody(a), articleBody(b)];
          for (const levels of [undefined, ['区', '县'] as [string, string]]) expect(commonShare(s, t, { levels })).toBe(commonShare(s, t, { levels, whole: true }));
          pairs++;
        }
    expect(pairs).toBeGreaterThan(500);
  });

  it('gives the figure of the whole table for random texts with repeated words and item numbers (property)', async () => {
    const fc = (await import('fast-check')).default;
    const piece = fc.constantFrom('常务会议', '每周', '召开', '1次', '（一）', '（二）', '1、', '十一、', '，', '。', '区长', '县长', '主持', '\n', '会议');
    const text = fc.array(piece, { maxLength: 25 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, text, (s, t) => {
        expect(commonShare(s, t)).toBe(commonShare(s, t, { whole: true }));
        expect(commonShare(s, t, { levels: ['区', '县'] })).toBe(commonShare(s, t, { levels: ['区', '县'], whole: true }));
      }),
      { numRuns: 1500, seed: 5 },
    );
  });
});
