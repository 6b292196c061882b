/**
 * Numbers in queries and texts are the same number however written: 一次 = 1次, 两次 = 2次, 十五个工作日 =
 * 15个工作日, 二〇二一年 = 2021年 (full-width digits are already half width: tokenize/normalise). Found where a
 * number is a count or an amount — a Chinese numeral followed by a measure word (data/query-words.json
 * measureWords), or a year written digit by digit — never in words such as 一般, 统一, 一致, 三重一大.
 *
 * At index time the word index holds each such number in Arabic digits beside the text's own words (terms.ts); at
 * query time each number is also looked for in its other spellings (search.ts). Quoted phrases are matched as
 * written. Pure.
 */
import vocab from '../../data/query-words.json' with { type: 'json' };
import { parseChineseNumeral, toChineseNumeral } from '../text/numerals.js';

const MEASURES = [...vocab.measureWords].sort((a, b) => b.length - a.length);
const MEASURE = MEASURES.join('|');
/** A Chinese numeral (shortest first, so that 五千 + 万元 is preferred to 五千万 + 元) and its measure word. */
const CN = new RegExp(`([零〇一二两三四五六七八九十百千万亿]+?)(${MEASURE})`, 'gu');
/** Arabic digits and a measure word (1次, 15个工作日, 2021年). */
const AR = new RegExp(`(?<![\\d.])(\\d+)(${MEASURE})`, 'gu');
/** A year or number written digit by digit with 〇/零 (二〇二一): no measure word needed. */
const DIGITWISE = /[〇零一二三四五六七八九]{2,}/gu;

export interface NumeralSpan {
  start: number;
  end: number;
  /** As written. */
  text: string;
  /** In Arabic digits: 1次, 2021年. */
  canonical: string;
  /** Every spelling (canonical, Chinese positional, digit by digit for years, 两 for 2), the written one included. */
  spellings: string[];
}

function spellingsOf(value: number, measure: string): string[] {
  const out = new Set<string>([`${value}${measure}`]);
  const year = value >= 1000 && value <= 2999 && (measure === '年' || measure === '');
  if (Number.isInteger(value) && value <= 9999 && !year) out.add(`${toChineseNumeral(value)}${measure}`);
  if (value === 2) out.add(`两${measure}`);
  if (year) {
    const digits = [...String(value)].map((d) => '〇一二三四五六七八九'[Number(d)]).join('');
    out.add(`${digits}${measure}`);
    out.add(`${digits.replace(/〇/g, '零')}${measure}`);
  }
  return [...out];
}

/** Numbers of a (normalised) text, in order, not overlapping. */
export function numeralSpans(text: string): NumeralSpan[] {
  const found: NumeralSpan[] = [];
  const add = (start: number, written: string, value: number, measure: string) => {
    if (!Number.isFinite(value)) return;
    const end = start + written.length;
    if (found.some((f) => f.start < end && start < f.end)) return;
    const spellings = spellingsOf(value, measure);
    if (!spellings.includes(written)) spellings.push(written);
    found.push({ start, end, text: written, canonical: `${value}${measure}`, spellings });
  };
  for (const m of text.matchAll(CN)) {
    // A numeral glued to the word before it (统一次, 唯一个) is no count: only numerals that start a word-ish run.
    const before = m.index > 0 ? text[m.index - 1]! : '';
    if (/[零〇一二两三四五六七八九十百千万亿]/u.test(before)) continue;
    if (m[1]!.length === 1 && before && /[统唯万之逐专单第同]/u.test(before)) continue;
    // Digits side by side without 〇/零 (三五年: three to five years) are a range, not a number.
    if (/^[一二两三四五六七八九]{2,3}$/u.test(m[1]!)) continue;
    add(m.index, m[0], parseChineseNumeral(m[1]!), m[2]!);
  }
  for (const m of text.matchAll(AR)) add(m.index, m[0], Number(m[1]), m[2]!);
  for (const m of text.matchAll(DIGITWISE)) if (/[〇零]/u.test(m[0]) || m[0].length >= 4) add(m.index, m[0], parseChineseNumeral(m[0]), '');
  return found.sort((a, b) => a.start - b.start);
}

/** The text with each number in Arabic digits (not offset-preserving: for index terms only). */
export function canonicalNumerals(text: string): string {
  let out = '';
  let at = 0;
  for (const s of numeralSpans(text)) {
    out += text.slice(at, s.start) + s.canonical;
    at = s.end;
  }
  return out + text.slice(at);
}
