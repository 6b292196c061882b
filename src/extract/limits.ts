/**
 * Durations and bounds as the genre writes them: 5个工作日内 (at most), 提前7个工作日 (at
 * least), 不少于3个工作日, 30日内, 24小时内, 1个月以上. Bound words follow 民法典 第一千二百五十九条
 * (以上/以下/以内 include the number; 不满/超过 exclude it). Vocabulary: data/limits.json.
 */
import type { Duration, DurationUnit } from '../model.js';
import { NUM, readNumber } from './numbers.js';
import { LIMITS, alternation } from './vocab.js';

const DURATION_UNITS = LIMITS.durationUnits as Record<string, DurationUnit>;
export const DURATION_UNIT_RE = alternation(Object.keys(DURATION_UNITS));

/** A duration: number + unit (5个工作日, 24小时, 30日, 1个月). Unit 'day' excludes 日 of dates (6月20日). */
export const DURATION_RE = new RegExp(`(?<![月年第])(${NUM})(${DURATION_UNIT_RE})`, 'gu');

export function durationUnit(written: string): DurationUnit {
  return DURATION_UNITS[written]!;
}

/** The first duration in a text, e.g. '会议结束后5个工作日内印发' → {5, working-day}. */
export function readDuration(text: string): Duration | null {
  for (const m of text.matchAll(DURATION_RE)) {
    const value = readNumber(m[1]!);
    if (!Number.isFinite(value)) continue;
    return { value, unit: durationUnit(m[2]!), raw: m[0] };
  }
  return null;
}

/**
 * A condition, not a deadline: a duration that ends a clause with 的 (离市外出5日以上的，还应当报告市长; 离区外出超过3天的，…;
 * 请假超过3个工作日的，…; 离县外出3天以上（含3天）的，…). The rule it conditions follows it; the duration says when the rule applies.
 */
export const CONDITION_AFTER_RE = /^(?:以上|以下|以内|之内|内)?(?:[（(][^（()）]{0,10}[）)])?的(?:[，,]|$)/u; // 3天以上（含3天）的

/** The conditional clause of a text (…超过3天的，), without its 的, or null. */
export function conditionClause(clause: string): string | null {
  const text = clause.replace(/[，,。；;：:]$/u, '');
  if (!text.endsWith('的')) return null;
  for (const m of text.matchAll(DURATION_RE)) if (CONDITION_AFTER_RE.test(text.slice(m.index! + m[0].length))) return text.slice(0, -1);
  return null;
}

export type Bound = 'at-most' | 'at-least' | 'exact';

const AT_LEAST_BEFORE = new RegExp(`(?:${alternation(LIMITS.atLeastBefore)})[^，,。；;]{0,10}$`, 'u');
const AT_MOST_BEFORE = new RegExp(`(?:${alternation(LIMITS.atMostBefore)})[^，,。；;]{0,10}$`, 'u');

const EVENT = alternation(LIMITS.countBackEvents);
/** 会议召开前3个工作日 / 会前2天: the number right after "<event>前". */
const BACK_BEFORE = new RegExp(`(?:${EVENT})前$`, 'u');
/** 会议召开3个工作日前: the number between the event and 前. */
const BACK_AROUND = new RegExp(`(?:${EVENT})$`, 'u');

/**
 * The bound on a number from the words around it: before (不少于, 至少, 提前, 不超过, 只) and
 * after (以上, 以内, 内, 之内, 以下). 'after' is the text right after the unit. A time counted back
 * from an event (会议召开前3个工作日送达, 会前2天, 会议召开3日前) is at least that long before it.
 */
export function readBound(before: string, after: string): Bound {
  if (BACK_BEFORE.test(before) || (BACK_AROUND.test(before) && /^前/u.test(after))) return 'at-least';
  if (/^(?:以上|及以上)/u.test(after)) return 'at-least';
  if (/^(?:以内|之内|内|以下|及以下)/u.test(after)) return 'at-most';
  if (AT_LEAST_BEFORE.test(before)) return 'at-least';
  if (AT_MOST_BEFORE.test(before)) return 'at-most';
  return 'exact';
}
