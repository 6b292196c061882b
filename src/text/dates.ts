/** Dates as written in official documents (2021年4月20日, 二〇二一年四月二十日, 2021-04-20) → ISO 'YYYY-MM-DD'. */
import { parseNumber } from './numerals.js';

const NUM = '[0-9０-９]{1,4}|[〇○Ｏ零一二三四五六七八九十]{1,4}'; // ○ (U+25CB) and Ｏ stand for 〇 in many typed dates (二○○六年)
export const DATE_RE = new RegExp(`((?:${NUM}))\\s*年\\s*((?:${NUM}))\\s*月\\s*((?:${NUM}))\\s*日|(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})`, 'g');

export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

export function findDates(s: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of s.matchAll(DATE_RE)) {
    const [y, mo, d] = m[1] ? [m[1], m[2]!, m[3]!] : [m[4]!, m[5]!, m[6]!];
    const year = parseNumber(y);
    const month = parseNumber(mo);
    const day = parseNumber(d);
    if (!(year >= 1949 && year <= 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31)) continue;
    out.push({ iso: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, index: m.index!, length: m[0].length });
  }
  return out;
}
