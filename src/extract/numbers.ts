/**
 * Reading numbers as the genre writes them: Arabic (5, ５, 1000) and Chinese (一, 两, 十五,
 * 一百), ranges (1至2, 一至二, 1—2, 1-2), and shares (半数, 一半, 三分之二).
 */
import { parseNumber } from '../text/numerals.js';

/** One number, Arabic or Chinese (no 万/亿: those belong to amount units here). */
export const NUM = '(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千]+)';

/** Range separators: 1至2, 1到2, 1—2, 1-2, 1～2. */
export const RANGE_SEP = '(?:至|到|[-－—–~～])';

/** Parse a number matched by NUM. */
export function readNumber(s: string): number {
  return parseNumber(s.replace('．', '.'));
}

/** 'a至b' or 'a' → [min, max]. */
export function readRange(s: string): [number, number] {
  const parts = s.split(new RegExp(RANGE_SEP));
  const a = readNumber(parts[0]!);
  const b = parts.length > 1 ? readNumber(parts[1]!) : a;
  return [a, b];
}
