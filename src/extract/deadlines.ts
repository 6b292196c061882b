/**
 * Deadlines and limits: durations (5个工作日内印发, 提前7个工作日, 30日内, 24小时内, 任期5年; counted
 * back from an event, 于会议召开前3个工作日送达 / 会前2天 → at least), lengths (不超过5000字, 10页,
 * 讲话不超过40分钟), and counts with a bound or a period (每年至少1篇, 每周安排1次,
 * 不少于5人, 只…1种). 1至2个 gives two facts, at least 1 and at most 2. Meeting frequencies
 * (每周召开1次) are meeting facts, not deadlines, and a duration that ends a conditional clause (离市外出5日以上的，…;
 * 超过3天的，…) is the condition of the rule after it (a leave rule's `condition`), not a deadline. Book titles (《…》) are not read.
 * Pure: document → facts. Vocabulary: data/limits.json.
 */
import type { Article, DeadlineFact, RuleDocument } from '../model.js';
import { CONDITION_AFTER_RE, readBound, DURATION_UNIT_RE, durationUnit, type Bound } from './limits.js';
import { NUM, RANGE_SEP, readNumber, readRange } from './numbers.js';
import { articleLines, cite, clauses, sentences, written, type Piece } from './text.js';
import { LIMITS, MEETINGS, alternation } from './vocab.js';

type Period = NonNullable<DeadlineFact['per']>;
const PERIODS = MEETINGS.periods as Record<string, Period>;
const PERIOD_RE = new RegExp(`每(${alternation(Object.keys(PERIODS))})`, 'gu');
const HOLD_BEFORE_RE = new RegExp(`(?:${alternation(MEETINGS.holdVerbs)})(?:会议)?$`, 'u');
/** What is held, right after the count, is an event and no meeting (…1次新闻发布会; data/meetings.json events). */
const EVENT_AFTER_RE = new RegExp(`^[\\u4e00-\\u9fff]{0,6}?(?:${alternation(MEETINGS.events)})`, 'u');
const COMPLETION_RE = new RegExp(`(?:${alternation(LIMITS.completionVerbs)})`, 'u');
const TERM_BEFORE_RE = /(?:任期|期限|为期|时间)$/u;

/** No number starts in the middle of another, or right after 第 (ordinal), 每 (每一个), 月/年 (dates). */
const NOT_AFTER = '(?<![月年第每0-9０-９零〇一二两三四五六七八九十百千])';
const DURATION_RE = new RegExp(`${NOT_AFTER}(${NUM}|半)(${DURATION_UNIT_RE})(?!度)`, 'gu');
const LENGTH_RE = new RegExp(`${NOT_AFTER}(${NUM})(${alternation(LIMITS.lengthUnits)})`, 'gu');
const COUNT_UNITS = LIMITS.countUnits.map((u) => (u === '个' ? '个(?!月|工作日|小时|星期)' : u)).join('|');
const COUNT_RE = new RegExp(`${NOT_AFTER}(${NUM}(?:${RANGE_SEP}${NUM})?)(${COUNT_UNITS})`, 'gu');

/** Blank out book titles (《…五年规划…》) and quoted slogans (“最多跑一次”) so numbers inside are not read; offsets kept. */
function blankTitles(text: string): string {
  return text.replace(/《[^》]*》|“[^”]*”|"[^"]*"/gu, (m) => '＿'.repeat(m.length));
}

/** The period of a count from 每年 / 每周 … earlier in the clause or sentence. */
function periodBefore(text: string): Period | null {
  let per: Period | null = null;
  for (const m of text.matchAll(PERIOD_RE)) per = PERIODS[m[1]!]!;
  return per;
}

const AROUND_NUMBER_RE = /(?:最迟要?在|须在|应在|要在|应于|在|于|提前|不少于|不超过|不得超过|至少|只)?¤(?:以内|之内|内|以上|前)?/u;
const LEADING_RE = /^(?:原则上|均|须|应当|应|要|并|则|在|于)+/u;

/**
 * What a number governs, in the text's words: its clause without the number words; in an
 * enumeration (一般事项14个工作日、加急事项7个工作日…完成审批) its own item plus the shared verb;
 * with the clause before when what is left is short.
 */
function governs(sentence: Piece, at: number, raw: string): string {
  const cls = clauses(sentence);
  const rel = at - sentence.start;
  let i = 0;
  for (let k = 0; k < cls.length; k++) if (cls[k]!.start - sentence.start <= rel) i = k;
  const clean = (t: string) => t.replace(/[，,。；;：:]$/u, '');
  const clause = clean(cls[i]!.text);
  const items = clause.split('、');
  let own = clause;
  const NUMBERED = /[0-9０-９零〇一二两三四五六七八九十百千]+(?:个工作日|工作日|小时|日|天|字|页|次|篇|人|种|个)/u;
  if (items.filter((x) => NUMBERED.test(x)).length > 1) {
    const k = items.findIndex((x) => x.includes(raw));
    const last = items[items.length - 1]!;
    const tail = last.replace(/^.*?[0-9０-９零〇一二两三四五六七八九十百千]+[^0-9０-９\u4e00-\u9fff]*(?:个工作日|工作日|小时|日|天|字|页|次|篇|人|种|个)/u, '');
    own = k >= 0 ? items[k]! + (k < items.length - 1 && tail !== last ? tail : '') : clause;
  }
  let g = own.replace(raw, '¤').replace(AROUND_NUMBER_RE, '').replace(LEADING_RE, '').replace(/¤/gu, '');
  if (g.replace(/的/gu, '').length < 8 && i > 0) g = `${clean(cls[i - 1]!.text).replace(LEADING_RE, '')},${g}`;
  return g;
}

interface Hit {
  at: number;
  raw: string;
  measure: DeadlineFact['measure'];
  value: number;
  unit: string;
  bound: Bound;
  per: Period | null;
}

function sentenceHits(s: Piece): Hit[] {
  const text = blankTitles(s.text);
  const hits: Hit[] = [];
  const clauseOf = (i: number) => {
    const c = clauses({ text, start: 0 }).find((c) => c.start <= i && i < c.start + c.text.length + 1);
    return c ?? { text, start: 0 };
  };
  for (const m of text.matchAll(DURATION_RE)) {
    const value = m[1] === '半' ? 0.5 : readNumber(m[1]!);
    const unit = durationUnit(m[2]!);
    if (!Number.isFinite(value) || (unit === 'year' && value >= 1000)) continue;
    const c = clauseOf(m.index!);
    const before = text.slice(c.start, m.index!);
    const after = text.slice(m.index! + m[0].length);
    // 离市外出5日以上的，…: the duration says when a rule applies (a condition, kept on the rule), not a deadline.
    if (CONDITION_AFTER_RE.test(after)) continue;
    let bound = readBound(before, after);
    if (bound === 'exact') {
      if (COMPLETION_RE.test(c.text)) bound = 'at-most';
      else if (!TERM_BEFORE_RE.test(before)) continue;
    }
    hits.push({ at: m.index!, raw: m[0] + (after.match(/^(?:以上|以内|之内|内)/u)?.[0] ?? ''), measure: 'duration', value, unit, bound, per: periodBefore(before) });
  }
  for (const m of text.matchAll(LENGTH_RE)) {
    const value = readNumber(m[1]!);
    const c = clauseOf(m.index!);
    const bound = readBound(text.slice(c.start, m.index!), text.slice(m.index! + m[0].length));
    if (!Number.isFinite(value) || bound === 'exact') continue;
    hits.push({ at: m.index!, raw: m[0], measure: 'length', value, unit: m[2]!, bound, per: null });
  }
  for (const m of text.matchAll(COUNT_RE)) {
    const c = clauseOf(m.index!);
    const before = text.slice(c.start, m.index!);
    // 每周召开1次: a meeting frequency — unless what is held is an event, no meeting (每季度举行1次新闻发布会: a count).
    if (HOLD_BEFORE_RE.test(before) && !EVENT_AFTER_RE.test(text.slice(m.index! + m[0].length, c.start + c.text.length))) continue;
    const per = periodBefore(before);
    const bound = readBound(before, '');
    if (bound === 'exact' && !periodBefore(before)) continue;
    const [min, max] = readRange(m[1]!);
    if (!Number.isFinite(min) || !Number.isFinite(max)) continue;
    const unit = m[2]!;
    if (min !== max) {
      hits.push({ at: m.index!, raw: m[0], measure: 'count', value: min, unit, bound: 'at-least', per });
      hits.push({ at: m.index!, raw: m[0], measure: 'count', value: max, unit, bound: 'at-most', per });
    } else hits.push({ at: m.index!, raw: m[0], measure: 'count', value: min, unit, bound, per });
  }
  return hits.sort((a, b) => a.at - b.at);
}

export function articleDeadlines(doc: RuleDocument, article: Article, startId = 0): DeadlineFact[] {
  const facts: DeadlineFact[] = [];
  for (const line of articleLines(doc, article)) {
    for (const s of sentences(line)) {
      for (const h of sentenceHits(s)) {
        facts.push({
          id: `${doc.id}:deadline:${startId + facts.length + 1}`,
          kind: 'deadline',
          citation: cite(doc, article, s),
          measure: h.measure,
          value: h.value,
          unit: h.unit,
          bound: h.bound,
          per: h.per,
          governs: governs(s, s.start + h.at, h.raw),
          raw: written(doc, article, { text: h.raw, start: s.start + h.at }),
        });
      }
    }
  }
  return facts;
}

export function extractDeadlines(doc: RuleDocument): DeadlineFact[] {
  const out: DeadlineFact[] = [];
  for (const a of doc.articles) out.push(...articleDeadlines(doc, a, out.length));
  return out;
}
