/**
 * How often a meeting meets, and its quorum, read from the genre's phrases:
 * 一般每周召开1次 → {1,1,week}; 每年召开1至2次 → {1,2,year}; 每两周召开一次 → {1,1,week, every 2};
 * 根据工作需要召开 / 不定期 → irregular; 必要时随时召开 kept as a qualifier.
 * Quorum: 半数以上 / 二分之一以上 → ≥ 0.5 (inclusive); 超过半数 → > 0.5 (exclusive), per 民法典 第一千二百五十九条;
 * 三分之二以上 → ≥ 2/3. 每季度至少召开一次 → at least 1 a quarter, no upper bound.
 * Vocabulary: data/meetings.json.
 */
import type { Frequency, Quorum } from '../model.js';
import { NUM, RANGE_SEP, readNumber, readRange } from './numbers.js';
import type { Piece } from './text.js';
import { clauses } from './text.js';
import { IRREGULAR, MEETINGS, alternation } from './vocab.js';

type Period = NonNullable<Frequency['per']>;
const PERIODS = MEETINGS.periods as Record<string, Period>;
const PER_YEAR = MEETINGS.perYear as Record<Period, number>;
const HOLD = alternation(MEETINGS.holdVerbs);

const FRACTIONAL = MEETINGS.fractionalPeriods as unknown as Record<string, [Period, number]>;
const AT_LEAST = ['至少', '不少于', '不低于'];
const AT_MOST = ['最多', '不超过', '不多于'];
const BOUND = alternation([...AT_LEAST, ...AT_MOST]);
/** 每周召开1次, 每两周召开一次, 每季度至少召开一次, 每年召开1至2次, 每月召开2次以上. */
const FREQ_RE = new RegExp(
  `每(?:(${NUM})个?)?(${alternation([...Object.keys(PERIODS), ...Object.keys(FRACTIONAL)])})(?:[^，,。；;]{0,6}?)(${BOUND})?(?:${HOLD})(?:会议)?(${BOUND})?(${NUM}(?:${RANGE_SEP}${NUM})?)次(以上|及以上)?`,
  'u',
);
const CONVENE = alternation(MEETINGS.conveneVerbs);
/** 根据工作需要召集和主持: a meeting with no rate that someone convenes when needed. */
const CONVENED_WHEN_NEEDED_RE = new RegExp(`(?:${IRREGULAR})[^，,。；;]{0,4}?(?:${CONVENE})`, 'u');
/** … also as a clause of its own before the chair (根据工作需要，由省长召集和主持; 根据工作需要确定，由分管副县长主持). */
const WHEN_NEEDED_BY_RE = new RegExp(`(?:${IRREGULAR})(?:确定|安排)?[，,]?由[^，,。；;]{1,40}?(?:${CONVENE})`, 'u');
const HOLD_RE = new RegExp(`(?:${HOLD})`, 'u');
const IRREGULAR_RE = new RegExp(`(?:${IRREGULAR})`, 'u');
const ON_CALL_RE = new RegExp(`(?:${alternation(MEETINGS.onCall)})`, 'u');
const QUALIFIER_RE = new RegExp(`(?:${alternation(MEETINGS.qualifiers)})`, 'gu');
const EXTRA_RE = new RegExp(`(?:${alternation(MEETINGS.extraSessionCues)})`, 'u');

export function perYear(min: number | null, max: number | null, per: Period | null, every = 1): Frequency['perYear'] {
  if ((min === null && max === null) || per === null) return null;
  const k = PER_YEAR[per] / every;
  const round = (x: number) => Math.round(x * 100) / 100;
  // 至少 N: no upper bound; 最多 N: from none.
  return { min: min === null ? 0 : round(min * k), max: max === null ? null : round(max * k) };
}

/**
 * The frequency stated in a sentence about a meeting, or null if it states none. The
 * sentence is expected to be about the meeting already (the caller decides the subject).
 */
export function readFrequency(sentence: Piece): Frequency | null {
  const cls = clauses(sentence);
  const m = sentence.text.match(FREQ_RE);
  const qualifiers: string[] = [];
  const extra = (): void => {
    for (let i = 0; i < cls.length; i++) {
      const c = cls[i]!.text.replace(/[，,。；;：:]$/u, '');
      if (!EXTRA_RE.test(c)) continue;
      const prev = cls[i - 1]?.text.replace(/[，,。；;：:]$/u, '');
      // 根据工作需要,可临时召开: the condition is part of the qualifier
      qualifiers.push(prev && /^可/u.test(c) && IRREGULAR_RE.test(prev) ? `${prev},${c}` : c);
    }
  };
  if (m) {
    const clause = cls.find((c) => c.text.includes(m[0])) ?? sentence;
    for (const q of clause.text.matchAll(QUALIFIER_RE)) if (!qualifiers.includes(q[0])) qualifiers.push(q[0]);
    extra();
    const fraction = FRACTIONAL[m[2]!];
    const every = (m[1] ? readNumber(m[1]) : 1) * (fraction ? fraction[1] : 1);
    const per = fraction ? fraction[0] : PERIODS[m[2]!]!;
    const [lo, hi] = readRange(m[5]!);
    // 至少 / 以上: no upper bound; 最多 / 不超过: no lower bound (民法典 第一千二百五十九条: 以上 includes the number).
    const bound = m[3] ?? m[4];
    const atLeast = (bound !== undefined && AT_LEAST.includes(bound)) || m[6] !== undefined;
    const atMost = bound !== undefined && AT_MOST.includes(bound);
    const min = atMost ? null : lo;
    const max = atLeast ? null : hi;
    return { min, max, per, every, perYear: perYear(min, max, per, every), irregular: false, qualifiers, raw: m[0] };
  }
  const whenNeeded = sentence.text.match(WHEN_NEEDED_BY_RE);
  if (whenNeeded) {
    return { min: null, max: null, per: null, every: 1, perYear: null, irregular: true, qualifiers, raw: whenNeeded[0].match(IRREGULAR_RE)![0] };
  }
  if (!HOLD_RE.test(sentence.text)) {
    const convened = sentence.text.match(CONVENED_WHEN_NEEDED_RE);
    if (!convened) return null;
    const cue = convened[0].match(IRREGULAR_RE)![0];
    return { min: null, max: null, per: null, every: 1, perYear: null, irregular: true, qualifiers, raw: cue };
  }
  const cue = sentence.text.match(IRREGULAR_RE);
  if (!cue) {
    // 区长办公会议随时召开 / 必要时随时召开, with no rate: held whenever needed.
    const onCall = cls.find((c) => ON_CALL_RE.test(c.text));
    if (!onCall) return null;
    const q = onCall.text.replace(/[，,。；;：:]$/u, '').replace(/^.*?((?:必要时|需要时|如有需要|遇有[^，,]{0,8}?)?(?:可以?)?随时)/u, '$1');
    return { min: null, max: null, per: null, every: 1, perYear: null, irregular: true, qualifiers: [q], raw: onCall.text.match(ON_CALL_RE)![0] };
  }
  // The cue must not only introduce an extra session (如有需要可临时召开) …
  const cueClause = cls.find((c) => IRREGULAR_RE.test(c.text));
  const nextClause = cueClause ? cls[cls.indexOf(cueClause) + 1] : undefined;
  if (cueClause && (EXTRA_RE.test(cueClause.text) || (nextClause && EXTRA_RE.test(nextClause.text) && !HOLD_RE.test(cueClause.text)))) {
    // … but held whenever needed, with no rate (专题会议可以根据工作需要随时召开), it has none: as 随时召开 alone.
    if (!ON_CALL_RE.test(cueClause.text)) return null;
    return { min: null, max: null, per: null, every: 1, perYear: null, irregular: true, qualifiers: [cueClause.text.replace(/[，,。；;：:]$/u, '').replace(/^.*?((?:可以?)?(?:根据|按照?|视)[^，,]*?随时)/u, '$1')], raw: cue[0] };
  }
  // … and must be about holding the meeting (根据需要可安排…列席 is not).
  const holdClause = cls.find((c) => HOLD_RE.test(c.text));
  if (cueClause && holdClause && cls.indexOf(holdClause) - cls.indexOf(cueClause) > 1) return null;
  if (cueClause && holdClause && cls.indexOf(holdClause) < cls.indexOf(cueClause)) return null;
  for (const q of (cueClause ?? sentence).text.matchAll(QUALIFIER_RE)) if (!qualifiers.includes(q[0])) qualifiers.push(q[0]);
  return { min: null, max: null, per: null, every: 1, perYear: null, irregular: true, qualifiers, raw: cue[0] };
}

/** 每年 / 每月至少 before the count of a rate cell (每年2次): where the verb goes. */
const CELL_RATE_RE = new RegExp(`^(每(?:${NUM}个?)?(?:${alternation([...Object.keys(PERIODS), ...Object.keys(FRACTIONAL)])})(?:${BOUND})?)(?=${NUM})`, 'u');

/**
 * A rate in a table's rate column (data/meetings.json tableColumns), written without its verb — 每年2次, 每月1至2次,
 * 根据工作需要 — read as the same words with it (每年召开2次, 根据工作需要召开); raw is the cell as written.
 */
export function readCellFrequency(cell: string): Frequency | null {
  const text = cell.trim();
  const held = CELL_RATE_RE.test(text) ? text.replace(CELL_RATE_RE, `$1${MEETINGS.holdVerbs[0]}`) : `${text}${MEETINGS.holdVerbs[0]}`;
  const f = readFrequency({ text: held, start: 0 });
  return f ? { ...f, raw: text } : null;
}

const SHARES = MEETINGS.quorumShares as Record<string, number>;
/** A share as a word (半数, 一半) or a fraction (二分之一, 三分之二, 2/3). */
const SHARE_RE = new RegExp(`(${alternation(Object.keys(SHARES))}|${NUM}分之${NUM}|[0-9０-９]+[/／][0-9０-９]+)(以上|及以上)?`, 'u');

function shareOf(written: string): number {
  if (SHARES[written] !== undefined) return SHARES[written]!;
  const f = written.match(new RegExp(`^(${NUM})分之(${NUM})$`, 'u'));
  const [num, den] = f ? [readNumber(f[2]!), readNumber(f[1]!)] : written.split(/[/／]/u).map(readNumber) as [number, number];
  return Math.round((num / den) * 10000) / 10000;
}
const EXCLUSIVE_BEFORE = /(超过|高于|多于|大于|过)[^，,。；;]{0,10}$/u;
const BOUND_BEFORE = /(超过|高于|多于|大于|达到|不少于|不低于|有|过)[^，,。；;]{0,10}$/u;
const QUORUM_CUE_RE = new RegExp(`(?:${alternation(MEETINGS.quorumCues)})`, 'u');

/** The quorum stated in a sentence (组成人员半数以上到会方可召开), or null. */
export function readQuorum(sentence: Piece): Quorum | null {
  if (!QUORUM_CUE_RE.test(sentence.text)) return null;
  for (const c of clauses(sentence)) {
    const m = c.text.match(SHARE_RE);
    if (!m) continue;
    const share = shareOf(m[1]!);
    if (!Number.isFinite(share) || share <= 0 || share > 1) continue;
    const before = c.text.slice(Math.max(0, m.index! - 12), m.index!);
    // 超过 / 过半数 exclude the number; 以上 / 达到 / 不少于 include it (民法典 第一千二百五十九条).
    const exclusive = !m[2] && EXCLUSIVE_BEFORE.test(before);
    const b = before.match(BOUND_BEFORE);
    const from = b ? m.index! - (before.length - b.index!) : m.index!;
    return { share, inclusive: !exclusive, raw: c.text.slice(from, m.index! + m[0].length) };
  }
  return null;
}
