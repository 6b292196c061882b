/**
 * Chinese and Arabic numerals as written in rule documents:
 * 七十六 → 76, 一百零三 → 103, 两 → 2, 〇/零 → 0, ５ (full width) → 5, 二〇二一 (digit by digit) → 2021.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, Ｏ: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that may make up a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟';

/** Full-width digits and Latin letters to half width (Ａ→A, ５→5); other characters unchanged. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Parse a Chinese numeral (positional 七十六 or digit-by-digit 二〇二一). NaN if not a numeral. */
export function parseChineseNumeral(s: string): number {
  if (s.length === 0) return NaN;
  for (const c of s) if (!(c in DIGITS) && !(c in UNITS) && !(c in BIG_UNITS)) return NaN;
  // Digit by digit, as in years: 二〇二一
  if (s.length > 1 && [...s].every((c) => c in DIGITS)) {
    return Number([...s].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      digit = DIGITS[c]!;
    } else if (c in UNITS) {
      // 十 alone at the start means 一十
      section += (digit ?? 1) * UNITS[c]!;
      digit = null;
    } else {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * BIG_UNITS[c]!;
      section = 0;
      digit = null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Parse a number written in Arabic (half or full width) or Chinese numerals. NaN if neither. */
export function parseNumber(s: string): number {
  const half = toHalfWidth(s.trim());
  if (/^\d+(\.\d+)?$/.test(half)) return Number(half);
  return parseChineseNumeral(half);
}

/** Write n (1..9999) as a Chinese numeral the way article labels do: 76 → 七十六, 103 → 一百零三. */
export function toChineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot write ${n} as a Chinese numeral`);
  if (n < 10) return d[n]!;
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  const parts: string[] = [];
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let zero = false;
  let started = false;
  digits.forEach((v, i) => {
    if (v === 0) {
      if (started) zero = true;
      return;
    }
    if (zero) parts.push('零');
    zero = false;
    started = true;
    parts.push(d[v]! + units[i]);
  });
  return parts.join('');
}
