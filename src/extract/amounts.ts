/**
 * Money amounts and their bounds: 1000万元(含)以下 → upper 1000万元 inclusive; 1000万元以上 →
 * lower 1000万元 inclusive; 1万元—200万元(含) → [1万元, 200万元]; 超过500万元 → lower exclusive;
 * 20万元（不含）以下, 500万元以下（不含）, 100万元至500万元(不含) → the number is outside the band.
 * Bound words follow 民法典 第一千二百五十九条 (以上/以下/以内 include the number; 不满/超过 exclude
 * it); a bracketed mark (含) / (不含) wherever it stands overrides that. Vocabulary: data/limits.json.
 */
import type { Amount } from '../model.js';
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

export interface AmountBound {
  amount: Amount;
  inclusive: boolean;
}

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

/** Inclusion from a mark, else the default. */
function marked(mark: string | undefined, dflt: boolean): boolean {
  if (mark === LIMITS.exclusionMark) return false;
  if (mark === LIMITS.inclusionMark) return true;
  return dflt;
}

/** A range: 1万元—200万元(含), 100万元至500万元(不含), 100万元(不含)至500万元 — both ends included unless marked. */
const RANGE_RE = new RegExp(`${AMOUNT}(?:${MARK})?${RANGE_SEP}${AMOUNT}(?:${MARK})?`, 'gu');
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
    out.push({
      lower: { amount: amount(m[1]!, m[2]!), inclusive: marked(m[3], true) },
      upper: { amount: amount(m[4]!, m[5]!), inclusive: marked(m[6], true) },
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
    if (word && ABOVE.includes(word)) mention = { lower: { amount: a, inclusive: marked(mark, true) }, upper: null, raw: m[0], index: at };
    else if (word && BELOW.includes(word)) mention = { lower: null, upper: { amount: a, inclusive: marked(mark, true) }, raw: m[0], index: at };
    else if (before && LIMITS.exclusiveAbove.includes(before)) mention = { lower: { amount: a, inclusive: marked(mark, false) }, upper: null, raw: m[0], index: at };
    else if (before && LIMITS.exclusiveBelow.includes(before)) mention = { lower: null, upper: { amount: a, inclusive: marked(mark, false) }, raw: m[0], index: at };
    else if (before === '不超过' || before === '不高于') mention = { lower: null, upper: { amount: a, inclusive: true }, raw: m[0], index: at };
    else if (before === '不低于' || before === '不少于') mention = { lower: { amount: a, inclusive: true }, upper: null, raw: m[0], index: at };
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
