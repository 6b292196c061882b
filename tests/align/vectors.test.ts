/** The exact-text pass's plain text: the same as the regular expression it replaces, on real text and on any string. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/align/vectors.js';
import { corpus } from '../helpers/docs.js';

const byRegex = (text: string) => text.replace(/[\s\p{P}\p{S}]+/gu, '');

describe('plainText', () => {
  it('drops spaces, punctuation and symbols from every article of the seeds exactly as /[\\s\\p{P}\\p{S}]+/gu does', () => {
    const texts = corpus().flatMap((d) => [d.text, ...d.articles.map((a) => a.text)]);
    expect(texts.length).toBeGreaterThan(400);
    expect(texts.filter((t) => plainText(t) !== byRegex(t))).toEqual([]);
    expect(plainText('第一条　区政府（含各部门）应当：①依法行政；②公开透明。')).toBe('第一条区政府含各部门应当①依法行政②公开透明') // ① is a number (No), kept;
  });

  it('and on any string, characters outside the BMP and lone surrogates included (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('，', '。', ' ', '\n', '、', '《', '》', '😀', '𠀀', '\uD800', '\uDC00', '¥', '+', 'a', '区', '1'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })) }), (s) => {
        expect(plainText(s)).toBe(byRegex(s));
      }),
      { numRuns: 5000, seed: 3 },
    );
  });
});
