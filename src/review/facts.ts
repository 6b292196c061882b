/**
 * Fact deviations: each fact of the draft against the same fact of the peers — meeting frequency,
 * quorum, chair and minutes deadline per meeting type; money thresholds per kind of decider (a leader's
 * approval ceiling, the amount from which a meeting decides); deadlines per what they govern
 * (data/review.json); leave per who and occasion (the verb and the recipient). A deviation names the
 * draft's value and the peers' values with their distribution and how far off the draft is; facts most
 * peers state and the draft omits are listed apart. Pure.
 */
import type { DocumentFacts } from '../extract/index.js';
import type {
  Citation, DeadlineFact, Deviation, DeviationKind, DeviationValue, Frequency, LeaveFact, MeetingFact, OmittedFact, RuleDocument, ThresholdFact,
} from '../model.js';
import { amountText, bandText, deadlineText, durationText, frequencyText } from '../report/format.js';
import { deadlineCategory, inLevelWords, neutralRole, occasionClass, roleClass, verbRank } from '../text/roles.js';

/** The same role shown in the draft's own words. */
const inDraftWords = inLevelWords;

type PeerValue = DeviationValue & { docId: string; district: string | null };

interface Observation {
  /** Comparison key: equal keys are the same value. */
  key: string;
  /** For numbers: the value to compare (per year, in yuan, in days). */
  number?: number;
  value: DeviationValue;
}

function observation(key: string, value: string, citation: Citation, number?: number): Observation {
  return { key, value: { value, text: citation.quote, citation }, ...(number === undefined ? {} : { number }) };
}

/** Per subject: the draft's observation and each peer's (first one per peer document). */
interface Subject {
  kind: DeviationKind;
  subject: string;
  draft: Observation[];
  peers: Map<string, Observation>;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** 0.5 → 1/2, 0.6667 → 2/3, else the decimal. */
function shareText(x: number): string {
  for (const d of [2, 3, 4, 5]) for (let n = 1; n < d; n++) if (Math.abs(x - n / d) < 0.005) return `${n}/${d}`;
  return fmt(x);
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(x < 10 ? 2 : 1).replace(/\.?0+$/u, ''));

/** Meeting frequency as a comparable key: occurrences a year (min–max), or irregular. */
function frequencyKey(f: Frequency): { key: string; perYear: number | null } {
  if (f.irregular || !f.perYear) return { key: 'irregular', perYear: null };
  const { min, max } = f.perYear;
  return { key: `${min}-${max ?? '∞'}`, perYear: max === null ? min : (min + max) / 2 };
}

function frequencyWords(f: Frequency): string {
  return frequencyText({ ...f, qualifiers: [] });
}

/** Days a duration stands for, to compare 5个工作日 with 7日 roughly (a working week is 5 of 7 days). */
function days(value: number, unit: string): number | null {
  switch (unit) {
    case 'working-day':
      return (value * 7) / 5;
    case 'day':
      return value;
    case 'hour':
      return value / 24;
    case 'week':
      return value * 7;
    case 'month':
      return value * 30;
    case 'year':
      return value * 365;
    default:
      return null;
  }
}

const isMeetingBody = (who: string) => /会议|常委会|党组/u.test(who);

/**
 * A document's leave rules for one (role, occasion): the strongest verb it requires (报批 > 请假 > 请示 > 报告 > 报备)
 * and to whom; a rule that asks leave of the head and files a record with the office is a 请假 rule.
 */
function leaveObservations(facts: LeaveFact[]): Map<string, Observation> {
  const groups = new Map<string, LeaveFact[]>();
  for (const l of facts) {
    const c = occasionClass(l.occasions);
    if (!c || !l.who.length) continue;
    const subject = `${roleClass(l.who[0]!)} · ${c.name}`;
    (groups.get(subject) ?? groups.set(subject, []).get(subject)!).push(l);
  }
  const out = new Map<string, Observation>();
  for (const [subject, list] of groups) {
    const rank = verbRank;
    const principal = [...list].sort((x, y) => rank(x.verb) - rank(y.verb) || x.citation.span.start - y.citation.span.start)[0]!;
    const to = [...new Set(list.filter((l) => l.verb === principal.verb).flatMap((l) => l.to.map((x) => roleClass(x))))];
    out.set(subject, observation(`${principal.verb} → ${to.join('、')}`, `${principal.verb} → ${to.join('、') || '（未写明）'}`, principal.citation));
  }
  return out;
}

function collect(draft: DocumentFacts, peers: DocumentFacts[], draftLevel: string): Subject[] {
  const subjects = new Map<string, Subject>();
  const add = (kind: DeviationKind, subject: string, side: 'draft' | string, o: Observation) => {
    const id = `${kind}\u0000${subject}`;
    const s = subjects.get(id) ?? subjects.set(id, { kind, subject, draft: [], peers: new Map() }).get(id)!;
    if (side === 'draft') s.draft.push(o);
    else if (!s.peers.has(side)) s.peers.set(side, o);
  };
  const observe = (facts: DocumentFacts, side: 'draft' | string) => {
    for (const m of facts.meetings as MeetingFact[]) {
      if (m.frequency) {
        const k = frequencyKey(m.frequency);
        add('meeting-frequency', m.meeting, side, observation(k.key, frequencyWords(m.frequency), m.citation, k.perYear ?? undefined));
      }
      if (m.quorum) add('quorum', m.meeting, side, observation(`${m.quorum.inclusive ? '≥' : '>'}${m.quorum.share}`, `${m.quorum.inclusive ? '≥' : '>'} ${shareText(m.quorum.share)}`, m.citation, m.quorum.share));
      if (m.chair.length) add('chair', m.meeting, side, observation(neutralRole(m.chair[0]!), m.chair[0]!, m.citation));
      if (m.minutesDeadline) {
        const d = days(m.minutesDeadline.value, m.minutesDeadline.unit);
        add('minutes-deadline', m.meeting, side, observation(`${m.minutesDeadline.value} ${m.minutesDeadline.unit}`, `≤ ${durationText(m.minutesDeadline)}`, m.citation, d ?? undefined));
      }
    }
    for (const t of facts.thresholds as ThresholdFact[]) {
      const meeting = t.decidedBy.some(isMeetingBody);
      // A leader's ceiling (…以下由区长审批) or the amount from which a meeting decides (…以上提交常务会议).
      if (!meeting && t.upper) {
        add('threshold', '领导审批上限', side, observation(String(t.upper.amount.yuan), `${bandText(t)} → ${t.decidedBy.join('、') || '（未写明）'}`, t.citation, t.upper.amount.yuan));
      } else if (meeting && t.lower) {
        add('threshold', '提交会议决定的起点', side, observation(String(t.lower.amount.yuan), `${bandText(t)} → ${t.decidedBy.join('、')}`, t.citation, t.lower.amount.yuan));
      }
    }
    for (const d of facts.deadlines as DeadlineFact[]) {
      if (d.measure !== 'duration') continue;
      const c = deadlineCategory(d.governs);
      // Minutes deadlines are compared per meeting (minutes-deadline), lengths are not durations.
      if (!c || c.id === 'length' || c.id === 'minutes') continue;
      const n = days(d.value, d.unit);
      if (n === null) continue;
      add('deadline', `${c.name}（${d.bound === 'at-least' ? '提前' : '时限'}）`, side, observation(`${d.value} ${d.unit} ${d.bound}`, `${deadlineText(d)}（${d.governs}）`, d.citation, n));
    }
    for (const [subject, o] of leaveObservations(facts.leave as LeaveFact[])) add('leave', subject, side, o);
  };
  observe(draft, 'draft');
  for (const p of peers) observe(p, p.docId);
  void draftLevel;
  return [...subjects.values()];
}

/** How much a kind of deviation matters, for the order of the summary. */
const WEIGHT: Record<DeviationKind, number> = { 'meeting-frequency': 5, threshold: 5, leave: 4, quorum: 4, 'minutes-deadline': 3, deadline: 2, chair: 1 };

export function factDeviations(draft: DocumentFacts, peerFacts: DocumentFacts[], peerDocs: RuleDocument[], draftDoc: RuleDocument): { deviations: Deviation[]; omitted: OmittedFact[] } {
  const level = draftDoc.meta.jurisdiction.name?.slice(-1) ?? '';
  const districtOf = new Map(peerDocs.map((d) => [d.id, d.meta.jurisdiction.name]));
  const deviations: Deviation[] = [];
  const omitted: OmittedFact[] = [];
  const n = peerDocs.length;
  for (const s of collect(draft, peerFacts, level)) {
    const shown = (v: DeviationValue): DeviationValue => (s.kind === 'leave' ? { ...v, value: inDraftWords(v.value, level) } : v);
    const peers: PeerValue[] = [...s.peers].map(([docId, o]) => ({ ...shown(o.value), docId, district: districtOf.get(docId) ?? null }));
    const counts = new Map<string, { value: string; count: number }>();
    for (const [, o] of s.peers) {
      const c = counts.get(o.key) ?? counts.set(o.key, { value: o.value.value, count: 0 }).get(o.key)!;
      c.count++;
    }
    const distribution = [...counts.values()].sort((x, y) => y.count - x.count || x.value.localeCompare(y.value));
    if (s.draft.length === 0) {
      // Stated by most peers, absent from the draft (chairs and one-off deadlines are not worth listing).
      if (s.peers.size * 2 >= n && n > 1 && s.kind !== 'chair' && s.kind !== 'deadline')
        omitted.push({ kind: s.kind, subject: inDraftWords(s.subject, level), peers, text: `${s.peers.size} 个同类地区规定了${inDraftWords(s.subject, level)}的${KIND_NAME[s.kind]}，草案未规定` });
      continue;
    }
    if (s.peers.size === 0) continue;
    for (const d of s.draft) {
      const m = measure(s, d, [...s.peers.values()], distribution, level);
      if (!m) continue;
      deviations.push({ kind: s.kind, subject: s.kind === 'leave' ? inDraftWords(s.subject, level) : MEETING_KINDS.has(s.kind) ? `${s.subject} · ${KIND_NAME[s.kind]}` : s.subject, draft: shown(d.value), peers, distribution, measure: m, weight: WEIGHT[s.kind] + (m.type === 'outside-range' || m.type === 'ratio-to-median' ? 1 : 0) });
    }
  }
  deviations.sort((x, y) => y.weight - x.weight || x.draft.citation.span.start - y.draft.citation.span.start || x.kind.localeCompare(y.kind));
  omitted.sort((x, y) => WEIGHT[y.kind] - WEIGHT[x.kind] || x.subject.localeCompare(y.subject));
  return { deviations, omitted };
}

const MEETING_KINDS = new Set<DeviationKind>(['meeting-frequency', 'quorum', 'chair', 'minutes-deadline']);

const KIND_NAME: Record<DeviationKind, string> = {
  'meeting-frequency': '召开频次',
  quorum: '法定出席人数',
  chair: '主持人',
  'minutes-deadline': '纪要印发时限',
  threshold: '资金审批权限',
  deadline: '时限',
  leave: '请假报告规则',
};

/** Whether, and how, the draft's value departs from the peers'. */
function measure(s: Subject, d: Observation, peers: Observation[], distribution: { value: string; count: number }[], level: string): Deviation['measure'] | null {
  const name = s.kind === 'deadline' || s.kind === 'threshold' ? '' : KIND_NAME[s.kind];
  const numbers = peers.map((p) => p.number).filter((x): x is number => x !== undefined);
  const majority = distribution[0] && distribution[0].count * 2 >= peers.length && (distribution[1]?.count ?? 0) < distribution[0].count ? distribution[0] : null;
  const dist = distribution.map((x) => `${inDraftWords(x.value, level)} ×${x.count}`).join('，');
  const same = peers.some((p) => p.key === d.key);
  if (s.kind === 'leave') {
    const split = (k: string) => { const [v, t] = k.split(' → ') as [string, string]; return { verb: v, to: t.split('、').filter(Boolean) }; };
    const mine = split(d.key);
    const theirs = peers.map((p) => split(p.key));
    const verbs = new Map<string, number>();
    for (const t of theirs) verbs.set(t.verb, (verbs.get(t.verb) ?? 0) + 1);
    const ranked = [...verbs].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
    const topVerb = ranked[0]!;
    const subject = inDraftWords(s.subject, level);
    // Most peers, and more than any other verb (a tie is no practice to depart from).
    if (topVerb[0] !== mine.verb && topVerb[1] * 2 >= theirs.length && (ranked[1]?.[1] ?? 0) < topVerb[1])
      return { type: 'different-verb', text: `${subject}：草案要求「${mine.verb}」，同类地区多要求「${topVerb[0]}」（${dist}）` };
    const sameVerb = theirs.filter((t) => t.verb === mine.verb);
    const tos = new Map<string, number>();
    for (const t of sameVerb) for (const x of t.to) tos.set(x, (tos.get(x) ?? 0) + 1);
    const topTo = [...tos].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))[0];
    if (topTo && topTo[1] * 2 >= sameVerb.length && sameVerb.length >= 2 && mine.to.length && !mine.to.some((x) => tos.has(x)))
      return { type: 'different-recipient', text: `${subject}：草案向「${inDraftWords(mine.to.join('、'), level)}」${mine.verb}，同类地区多向「${inDraftWords(topTo[0], level)}」（${dist}）` };
    return null;
  }
  if (d.number !== undefined && numbers.length) {
    const lo = Math.min(...numbers);
    const hi = Math.max(...numbers);
    const med = median(numbers);
    const ratio = med > 0 ? d.number / med : undefined;
    const words = (x: number) => (s.kind === 'threshold' ? amountText({ value: x / 1e4, unit: '万元', yuan: x }) : s.kind === 'meeting-frequency' ? `${fmt(x)}次/年` : s.kind === 'quorum' ? fmt(x) : `${fmt(x)}日`);
    // The ends of the range in the peers' own words (5个工作日, not 7日).
    // Peers whose values share a number (≥ 1/2 and > 1/2) are named together at that end.
    const end = (x: number) => [...new Set(peers.filter((p) => p.number === x).map((p) => p.value.value))].join('、') || words(x);
    const range: [string, string] = [end(lo), end(hi)];
    const rangeText = lo === hi ? range[0] : `${range[0]}–${range[1]}`;
    if (s.kind === 'threshold' && ratio !== undefined && (ratio >= 2 || ratio <= 0.5))
      return { type: 'ratio-to-median', ratio: Math.round(ratio * 100) / 100, median: words(med), range, text: `${s.subject}：草案 ${d.value.value}，为同类地区中位数（${words(med)}）的 ${fmt(Math.round(ratio * 100) / 100)} 倍` };
    if (d.number < lo || d.number > hi)
      return { type: 'outside-range', ...(ratio !== undefined ? { ratio: Math.round(ratio * 100) / 100 } : {}), median: words(med), range, text: `${s.subject}${name}：草案 ${d.value.value}，超出同类地区范围（${rangeText}；${dist}）` };
  }
  if (majority && majority.value !== d.value.value && !peers.some((p) => p.key === d.key && p.value.value === majority.value)) {
    if (peers.find((p) => p.value.value === majority.value)?.key !== d.key)
      return { type: 'differs-from-majority', text: `${s.subject}${name}：草案 ${d.value.value}，同类地区多为 ${majority.value}（${dist}）` };
  }
  if (same) return null;
  if (majority) return { type: 'differs-from-majority', text: `${s.subject}${name}：草案 ${d.value.value}，同类地区多为 ${majority.value}（${dist}）` };
  if (s.kind === 'quorum' || s.kind === 'meeting-frequency') return { type: 'different-value', text: `${s.subject}${name}：草案 ${d.value.value}，与同类地区均不同（${dist}）` };
  return null;
}
