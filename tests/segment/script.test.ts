/**
 * Traditional characters read as simplified one for one: the table read from opencc-js's dictionary data must give,
 * for every character, what OpenCC's own t → cn converter gives for it (kept as written when that is not one unit).
 */
import { Converter } from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { toSimplified, traditionalCount } from '../../src/text/script.js';

describe('toSimplified', () => {
  it('gives OpenCC\'s t → cn answer for every Han character of the BMP and every compatibility ideograph', () => {
    const convert = Converter({ from: 't', to: 'cn' });
    const differ: string[] = [];
    let changed = 0;
    for (const [lo, hi] of [[0x3400, 0x9fff], [0xf900, 0xfaff]] as const) {
      for (let c = lo; c <= hi; c++) {
        const ch = String.fromCharCode(c);
        const theirs = convert(ch);
        const expected = theirs.length === 1 ? theirs : ch;
        const mine = toSimplified(ch);
        if (mine !== expected) differ.push(`${ch}: ${mine} ≠ ${expected}`);
        if (mine !== ch) changed++;
      }
    }
    expect(differ).toEqual([]);
    expect(changed).toBeGreaterThan(2500);
  });

  it('keeps length and offsets, and counts the characters it changed', () => {
    const text = '第一條　區政府常務會議由區長召集和主持，豈有此理';
    const s = toSimplified(text);
    expect(s).toBe('第一条　区政府常务会议由区长召集和主持，岂有此理');
    expect(s.length).toBe(text.length);
    expect(traditionalCount(text)).toBe(8); // 條 區 務 會 議 區 長 豈
    expect(toSimplified('区政府常务会议')).toBe('区政府常务会议');
  });
});
