/**
 * Money amounts and their bounds: 1000万元(含)以下 → upper 1000万元 inclusive; 1000万元以上 →
 * lower 1000万元 inclusive; 1万元—200万元(含) → [1万元, 200万元]; 超过500万元 → lower exclusive;
 * 20万元（不含）以下, 500万元以下（不含）, 100万元至500万元(不含) → the number is outside the band;
 * 200万元以上至1000万元（含） → [200万元, 1000万元] (a range whose ends carry bound words).
 * Bound words follow 民法典 第一千二百五十九条 (以上/以下/以内 include the number; 不满/超过 exclude
 * it); a bracketed mark (含) / (不含) wherever it stands overrides that. Each bound says which decided
 * (`basis`: 'mark' or 'word'), so the bands of one article can be read together (thresholds.ts).
 * Vocabulary: data/limits.json.
 */
import type { Amount, AmountBound } from '../model.js';
import { RANGE_SEP, readNumber } from './numbers.js';
import { LIMITS, alternation, escapeRe } from './vocab.js';

type Unit = Amount['unit'];
const UNITS = LIMITS.amountUnits as Record<Unit, number>;
const AMOUNT_NUM = '(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+?)';
const UNIT_RE = alternation(Object.keys(UNITS));
/** A bracketed mark: (含), （不含）, （含2000万元）, （不含本数）. Group: 含 or 不含. */
const MARK = `[（(](${escapeRe(LIMITS.exclusionMark)}|${escapeRe(LIMITS.inclusionMark)})[^）)]{0,12}[）)]`;
const AMOUNT = `(${AMOUNT_NUM})(${UNIT_RE})`;
const ABOVE = LIMITS.inclusiveAbove;
const BELOW = LIMITS.inclusiveBelow;
const PREFIXES = [...LIMITS.exclusiveAbove, ...LIMITS.exclusiveBelow, '不超过', '不高于', '不低于', '不少于'];

export type { AmountBound };

export interface AmountMention {
  lower: AmountBound | null;
  upper: AmountBound | null;
  /** The words read, e.g. '1000万元(含)以下'. */
  raw: string;
  index: number;
}

export function amount(value: string, unit: string): Amount {
  const v = readNumber(value);
  const u = unit as Unit;
  return { value: v, unit: u, yuan: v * UNITS[u] };
}

/** A bound from a mark, else from the word's default (民法典 第一千二百五十九条). */
function bound(a: Amount, mark: string | undefined, dflt: boolean): AmountBound {
  if (mark === LIMITS.exclusionMark) return { amount: a, inclusive: false, basis: 'mark' };
  if (mark === LIMITS.inclusionMark) return { amount: a, inclusive: true, basis: 'mark' };
  return { amount: a, inclusive: dflt, basis: 'word' };
}

/**
 * A range: 1万元—200万元(含), 100万元至500万元(不含), 100万元(不含)至500万元, 200万元以上至1000万元（含） — both
 * ends included unless marked (an end's bound word, 以上 before 至, says the same).
 */
const RANGE_RE = new RegExp(
  `${AMOUNT}(?:${MARK})?(?:${alternation(LIMITS.inclusiveAbove)})?(?:${MARK})?${RANGE_SEP}${AMOUNT}(?:${MARK})?(?:${alternation(LIMITS.inclusiveBelow)})?(?:${MARK})?`,
  'gu',
);
/** A mark naming its amount: （不含50万元）, (含2000万元). Groups: the mark, the amount's number and unit. */
const NAMED_MARK = new RegExp(`[（(](${escapeRe(LIMITS.exclusionMark)}|${escapeRe(LIMITS.inclusionMark)})${AMOUNT}[）)]`, 'u');
/** One bounded amount: [prefix] amount [mark] [bound word] [mark]. */
const ONE_RE = new RegExp(`(${alternation(PREFIXES)})?${AMOUNT}(?:${MARK})?(${alternation([...ABOVE, ...BELOW])})?(?:${MARK})?`, 'gu');

/**
 * Bounded amounts in a text. An amount with no bound word (拨付100万元) is not a threshold and
 * is left out.
 */
export function findAmounts(text: string): AmountMention[] {
  const out: AmountMention[] = [];
  const taken: [number, number][] = [];
  for (const m of text.matchAll(RANGE_RE)) {
    const low = amount(m[1]!, m[2]!);
    const high = amount(m[5]!, m[6]!);
    let lowMark: string | undefined = m[4] ?? m[3];
    let highMark: string | undefined = m[8] ?? m[7];
    // A mark that names an amount is about that amount wherever it stands: 50万元至300万元（不含50万元） leaves 50万元
    // out and 300万元 in (the range's own default).
    const named = NAMED_MARK.exec(m[0]);
    if (named && amount(named[2]!, named[3]!).yuan === low.yuan && low.yuan !== high.yuan && (m[7] === named[1] || m[8] === named[1])) {
      lowMark = named[1];
      highMark = m[7] && m[8] ? (m[8] === named[1] ? m[7] : m[8]) : undefined;
    }
    out.push({
      lower: bound(low, lowMark, true),
      upper: bound(high, highMark, true),
      raw: m[0],
      index: m.index!,
    });
    taken.push([m.index!, m.index! + m[0].length]);
  }
  for (const m of text.matchAll(ONE_RE)) {
    const at = m.index!;
    if (taken.some(([a, b]) => at < b && at + m[0].length > a)) continue;
    const [, before, value, unit, markBefore, word, markAfter] = m;
    const a = amount(value!, unit!);
    if (!Number.isFinite(a.value)) continue;
    const mark = markAfter ?? markBefore;
    let mention: AmountMention | null = null;
    if (word && ABOVE.includes(word)) mention = { lower: bound(a, mark, true), upper: null, raw: m[0], index: at };
    else if (word && BELOW.includes(word)) mention = { lower: null, upper: bound(a, mark, true), raw: m[0], index: at };
    else if (before && LIMITS.exclusiveAbove.includes(before)) mention = { lower: bound(a, mark, false), upper: null, raw: m[0], index: at };
    else if (before && LIMITS.exclusiveBelow.includes(before)) mention = { lower: null, upper: bound(a, mark, false), raw: m[0], index: at };
    else if (before === '不超过' || before === '不高于') mention = { lower: null, upper: bound(a, undefined, true), raw: m[0], index: at };
    else if (before === '不低于' || before === '不少于') mention = { lower: bound(a, undefined, true), upper: null, raw: m[0], index: at };
    if (mention) out.push(mention);
  }
  out.sort((x, y) => x.index - y.index);
  // 50万元以上100万元以下: a lower bound right before an upper bound is one band.
  const merged: AmountMention[] = [];
  for (const m of out) {
    const prev = merged[merged.length - 1];
    if (prev && prev.lower && !prev.upper && !m.lower && m.upper) {
      const gap = text.slice(prev.index + prev.raw.length, m.index);
      if (/^(?:、|，|,|至|到|且|并)?$/u.test(gap)) {
        merged[merged.length - 1] = { lower: prev.lower, upper: m.upper, raw: text.slice(prev.index, m.index + m.raw.length), index: prev.index };
        continue;
      }
    }
    merged.push(m);
  }
  return merged;
}
