/**
 * Scoring extracted facts against hand-read fixtures (tests/fixtures/facts/<docId>.json):
 * precision and recall per kind, one-to-one matching on these keys —
 *   meetings   (article, meeting type), correct when frequency (min, max, per, every,
 *              irregular) and quorum (share, inclusive) are equal too. Only facts that state a
 *              frequency, quorum, chair or regular time are scored (the fixtures record those;
 *              a fact that only says who signs the minutes is out of their scope).
 *   thresholds (article, lower bound, upper bound) — value, unit and inclusiveness of each.
 *   deadlines  (article, value, unit).
 *   leave      (article, verb), who ∩ ≠ ∅ and to ∩ ≠ ∅ (or both empty: 按照有关规定报批 names nobody), where two role names agree when equal
 *              or when one is the other with words added that do not change the post
 *              (召开会议副区长 ~ 副区长, 处级副职及以下人员 ~ 处级副职) — but 区长 ≁ 副区长, 区委 ≁ 区委书记.
 * Pure: data in, numbers out; the script scripts/eval-facts.ts prints them.
 */
import type { DeadlineFact, Frequency, LeaveFact, MeetingFact, Quorum, RuleDocument, ThresholdFact } from '../model.js';
import type { DocumentFacts } from './index.js';
import { toSimplified } from '../text/script.js';

export interface GoldFrequency {
  min: number | null;
  max: number | null;
  per: Frequency['per'];
  every?: number;
  irregular: boolean;
  qualifiers: string[];
}
export interface GoldMeeting {
  article: number;
  meeting: string;
  frequency: GoldFrequency | null;
  quorum: { share: number; inclusive: boolean } | null;
  chair: string[];
  regularTime: string | null;
  quote: string;
}
export interface GoldBound {
  value: number;
  unit: string;
  inclusive: boolean;
}
export interface GoldThreshold {
  article: number;
  lower: GoldBound | null;
  upper: GoldBound | null;
  decidedBy: string[];
  subject: string | null;
  quote: string;
  /** A routing with no amount (大额资金 → 常务会议): both bounds null. Absent = false. */
  amountFree?: boolean;
}
export interface GoldDeadline {
  article: number;
  measure: DeadlineFact['measure'];
  value: number;
  unit: string;
  bound: DeadlineFact['bound'];
  per: DeadlineFact['per'];
  governs: string;
  quote: string;
}
export interface GoldLeave {
  article: number;
  who: string[];
  occasions: string[];
  to: string[];
  verb: LeaveFact['verb'];
  consequence: string | null;
  quote: string;
  /** The condition the rule applies under (离市外出5日以上), when the text states one. */
  condition?: string;
}
/** Expected structure of a document (blind expectation files). */
export interface GoldStructure {
  chapters: number;
  articles: number;
  firstArticleLabel: string;
  lastArticleLabel: string;
  /** As written (traditional characters in a traditional text). */
  chapterTitles: string[];
}
/** Expected metadata: as-written fields (title, docNumber) as in the text, names normalised (simplified). */
export interface GoldMetadata {
  title: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  issuer: string | null;
  docNumber: string | null;
  year: number | null;
  issueDate: string | null;
}
export interface GoldFacts {
  doc: string;
  meetings: GoldMeeting[];
  thresholds: GoldThreshold[];
  deadlines: GoldDeadline[];
  leave: GoldLeave[];
  structure?: GoldStructure;
  metadata?: GoldMetadata;
}

export type ScoredKind = 'meetings' | 'thresholds' | 'deadlines' | 'leave';
export const SCORED_KINDS: ScoredKind[] = ['meetings', 'thresholds', 'deadlines', 'leave'];

export interface Miss {
  article: number;
  what: string;
}

export interface KindScore {
  gold: number;
  extracted: number;
  matched: number;
  precision: number;
  recall: number;
  /** Gold entries not found. */
  missed: Miss[];
  /** Extracted facts with no gold entry. */
  spurious: Miss[];
  /** Secondary attributes compared on matched pairs, e.g. chair, bound: [agreeing, compared]. */
  attributes: Record<string, [number, number]>;
}

function ratio(a: number, b: number): number {
  return b === 0 ? 1 : a / b;
}

function sameFrequency(g: GoldFrequency | null, f: Frequency | null): boolean {
  if (!g || !f) return !g && !f;
  if (g.irregular || f.irregular) return g.irregular === f.irregular;
  return g.min === f.min && g.max === f.max && g.per === f.per && (g.every ?? 1) === f.every;
}

function sameQuorum(g: GoldMeeting['quorum'], q: Quorum | null): boolean {
  if (!g || !q) return !g && !q;
  return Math.abs(g.share - q.share) < 0.01 && g.inclusive === q.inclusive;
}

function sameBound(g: GoldBound | null, f: ThresholdFact['lower']): boolean {
  if (!g || !f) return !g && !f;
  return g.value === f.amount.value && g.unit === f.amount.unit && g.inclusive === f.inclusive;
}

const RANK_BEFORE = /(?:副|常务|主管|分管)$/u;
/** A post as compared: in simplified characters (市長 in a traditional text is the post 市长), spaces dropped, brackets half-width. */
function tidy(s: string): string {
  return toSimplified(s).replace(/[\s\u3000]/gu, '').replace(/（/gu, '(').replace(/）/gu, ')');
}

/** Two role names name the same post (see the module comment). */
export function sameRole(x: string, y: string): boolean {
  const a = tidy(x);
  const b = tidy(y);
  if (a === b) return true;
  const [long, short] = a.length >= b.length ? [a, b] : [b, a];
  if (long.endsWith(short)) return !RANK_BEFORE.test(long.slice(0, long.length - short.length));
  if (long.startsWith(short)) return /^(?:及|\(|室)/u.test(long.slice(short.length));
  return false;
}

function overlap(a: string[], b: string[]): boolean {
  return a.some((x) => b.some((y) => sameRole(x, y)));
}

/** One-to-one matching: each gold entry takes the first unmatched fact that fits. */
function match<G, F>(gold: G[], facts: F[], fits: (g: G, f: F) => boolean): { pairs: [G, F][]; missed: G[]; spurious: F[] } {
  const used = new Set<number>();
  const pairs: [G, F][] = [];
  const missed: G[] = [];
  for (const g of gold) {
    const i = facts.findIndex((f, k) => !used.has(k) && fits(g, f));
    if (i < 0) missed.push(g);
    else {
      used.add(i);
      pairs.push([g, facts[i]!]);
    }
  }
  return { pairs, missed, spurious: facts.filter((_, k) => !used.has(k)) };
}

function score<G extends { article: number }, F extends { citation: { ordinal: number } }>(
  gold: G[],
  facts: F[],
  fits: (g: G, f: F) => boolean,
  describeGold: (g: G) => string,
  describeFact: (f: F) => string,
  attributes: Record<string, (g: G, f: F) => boolean> = {},
): KindScore {
  const { pairs, missed, spurious } = match(gold, facts, fits);
  const attrs: Record<string, [number, number]> = {};
  for (const [name, agree] of Object.entries(attributes)) attrs[name] = [pairs.filter(([g, f]) => agree(g, f)).length, pairs.length];
  return {
    gold: gold.length,
    extracted: facts.length,
    matched: pairs.length,
    precision: ratio(pairs.length, facts.length),
    recall: ratio(pairs.length, gold.length),
    missed: missed.map((g) => ({ article: g.article, what: describeGold(g) })),
    spurious: spurious.map((f) => ({ article: f.citation.ordinal, what: describeFact(f) })),
    attributes: attrs,
  };
}

const freqText = (f: { min: number | null; max: number | null; per: string | null; irregular: boolean; every?: number } | null) =>
  !f ? '-' : f.irregular ? 'irregular' : `${f.min}-${f.max}/${(f.every ?? 1) > 1 ? f.every : ''}${f.per}`;
const boundText = (b: { value: number; unit: string; inclusive: boolean } | null) => (b ? `${b.value}${b.unit}${b.inclusive ? '(incl)' : '(excl)'}` : '∅');

/** A meeting fact is in the fixtures' scope when it states a frequency, quorum, chair or regular time. */
export function scoredMeeting(f: MeetingFact): boolean {
  return f.frequency !== null || f.quorum !== null || f.chair.length > 0 || f.regularTime !== null;
}

export function scoreDocument(gold: GoldFacts, facts: DocumentFacts): Record<ScoredKind, KindScore> {
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.some((y) => sameRole(x, y)));
  return {
    meetings: score(
      gold.meetings,
      facts.meetings.filter(scoredMeeting),
      (g, f) => g.article === f.citation.ordinal && g.meeting === f.meeting && sameFrequency(g.frequency, f.frequency) && sameQuorum(g.quorum, f.quorum),
      (g) => `${g.meeting} ${freqText(g.frequency)} quorum ${g.quorum ? g.quorum.share + (g.quorum.inclusive ? '≥' : '>') : '-'}`,
      (f) => `${f.meeting} ${freqText(f.frequency)} quorum ${f.quorum ? f.quorum.share + (f.quorum.inclusive ? '≥' : '>') : '-'}`,
      { chair: (g, f) => sameSet(g.chair, f.chair), regularTime: (g, f) => g.regularTime === f.regularTime },
    ),
    thresholds: score(
      gold.thresholds,
      facts.thresholds,
      (g, f) => g.article === f.citation.ordinal && sameBound(g.lower, f.lower) && sameBound(g.upper, f.upper),
      (g) => `${boundText(g.lower)} … ${boundText(g.upper)}`,
      (f) => `${boundText(f.lower && { value: f.lower.amount.value, unit: f.lower.amount.unit, inclusive: f.lower.inclusive })} … ${boundText(f.upper && { value: f.upper.amount.value, unit: f.upper.amount.unit, inclusive: f.upper.inclusive })}`,
      { decidedBy: (g, f) => overlap(g.decidedBy, f.decidedBy) },
    ),
    deadlines: score(
      gold.deadlines,
      facts.deadlines,
      (g, f) => g.article === f.citation.ordinal && g.value === f.value && g.unit === f.unit,
      (g) => `${g.value} ${g.unit} ${g.bound} «${g.quote}»`,
      (f) => `${f.value} ${f.unit} ${f.bound} «${f.raw}»`,
      { bound: (g, f) => g.bound === f.bound, per: (g, f) => g.per === f.per, measure: (g, f) => g.measure === f.measure },
    ),
    leave: score(
      gold.leave,
      facts.leave,
      (g, f) => g.article === f.citation.ordinal && g.verb === f.verb && overlap(g.who, f.who) && (overlap(g.to, f.to) || (g.to.length === 0 && f.to.length === 0)),
      (g) => `${g.who.join('、')} ${g.verb} → ${g.to.join('、')} «${g.quote}»`,
      (f) => `${f.who.join('、')} ${f.verb} → ${f.to.join('、')} «${f.raw}»`,
      { whoExact: (g, f) => sameSet(g.who, f.who), toExact: (g, f) => sameSet(g.to, f.to) },
    ),
  };
}

/** Sum per-document scores of one kind. */
export function total(scores: KindScore[]): KindScore {
  const gold = scores.reduce((n, s) => n + s.gold, 0);
  const extracted = scores.reduce((n, s) => n + s.extracted, 0);
  const matched = scores.reduce((n, s) => n + s.matched, 0);
  const attributes: Record<string, [number, number]> = {};
  for (const s of scores)
    for (const [k, [a, b]] of Object.entries(s.attributes)) {
      const t = (attributes[k] ??= [0, 0]);
      t[0] += a;
      t[1] += b;
    }
  return { gold, extracted, matched, precision: ratio(matched, extracted), recall: ratio(matched, gold), missed: scores.flatMap((s) => s.missed), spurious: scores.flatMap((s) => s.spurious), attributes };
}

// ---------------------------------------------------------------- attribute accuracy (blind reviews)
//
// The keys above decide whether a fact was found; a fact found with a wrong attribute is a miss there. To say
// which attribute goes wrong, gold and facts are also paired on looser keys, and the attributes compared on
// those pairs:
//   meetings   (article, meeting type) → frequency (min, max, per, every, irregular), quorum, chair, regular time;
//   thresholds (article, the amounts of both bounds, inclusiveness aside; both null for an amount-free routing)
//              → band edges (each bound: value, unit and inclusiveness; counted per edge), deciders, amountFree;
//   deadlines  (article, value, unit) → bound, per, measure;
//   leave      (article, who ∩) preferring the same verb and recipients → verb, recipients (to ∩), condition
//              (compared where gold or fact has one; a condition is read as written, spaces aside).

/** Agreeing / compared, per attribute. */
export type AttributeScore = Record<string, [number, number]>;

/** One-to-one pairing on a loose key; each gold entry takes the unmatched fact that agrees with it most. */
function pairBest<G, F>(gold: G[], facts: F[], fits: (g: G, f: F) => boolean, agreement: (g: G, f: F) => number): [G, F][] {
  const used = new Set<number>();
  const pairs: [G, F][] = [];
  for (const g of gold) {
    let best = -1;
    let bestScore = -Infinity;
    facts.forEach((f, k) => {
      if (used.has(k) || !fits(g, f)) return;
      const s = agreement(g, f);
      if (s > bestScore) {
        best = k;
        bestScore = s;
      }
    });
    if (best >= 0) {
      used.add(best);
      pairs.push([g, facts[best]!]);
    }
  }
  return pairs;
}

/** Where attributes disagree: one line each, for --verbose. */
let notes: string[] | undefined;
let where = '';

function count(out: AttributeScore, name: string, agree: boolean, expected?: unknown, found?: unknown): void {
  const t = (out[name] ??= [0, 0]);
  if (agree) t[0]++;
  else notes?.push(`${where} ${name}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(found)}`);
  t[1]++;
}

const sameAmount = (g: GoldBound | null, f: ThresholdFact['lower']) => (!g || !f ? !g && !f : g.value === f.amount.value && g.unit === f.amount.unit);
const condText = (s: string | null | undefined) => (s ? tidy(s) : null);

/** Attribute accuracy per kind on loosely paired facts (see above); disagreements are described into `disagreements`. */
export function scoreAttributes(gold: GoldFacts, facts: DocumentFacts, disagreements?: string[]): Record<ScoredKind, AttributeScore> {
  const out: Record<ScoredKind, AttributeScore> = { meetings: {}, thresholds: {}, deadlines: {}, leave: {} };
  notes = disagreements;
  const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.some((y) => sameRole(x, y)));

  for (const [g, f] of pairBest(gold.meetings, facts.meetings.filter(scoredMeeting), (g, f) => g.article === f.citation.ordinal && g.meeting === f.meeting, (g, f) => Number(sameFrequency(g.frequency, f.frequency)) + Number(sameQuorum(g.quorum, f.quorum)))) {
    const m = out.meetings;
    where = `${g.article} ${g.meeting}`;
    count(m, 'frequency', sameFrequency(g.frequency, f.frequency), freqText(g.frequency), freqText(f.frequency));
    count(m, 'quorum', sameQuorum(g.quorum, f.quorum), g.quorum, f.quorum && { share: f.quorum.share, inclusive: f.quorum.inclusive });
    count(m, 'chair', sameSet(g.chair, f.chair), g.chair, f.chair);
    count(m, 'regularTime', g.regularTime === f.regularTime, g.regularTime, f.regularTime);
  }

  for (const [g, f] of pairBest(gold.thresholds, facts.thresholds, (g, f) => g.article === f.citation.ordinal && sameAmount(g.lower, f.lower) && sameAmount(g.upper, f.upper), (g, f) => Number(sameBound(g.lower, f.lower)) + Number(sameBound(g.upper, f.upper)))) {
    const t = out.thresholds;
    where = `${g.article} «${g.quote}»`;
    for (const [ge, fe] of [[g.lower, f.lower], [g.upper, f.upper]] as const) if (ge || fe) count(t, 'bandEdges', sameBound(ge, fe), boundText(ge), boundText(fe && { value: fe.amount.value, unit: fe.amount.unit, inclusive: fe.inclusive }));
    count(t, 'decidedBy', overlap(g.decidedBy, f.decidedBy) || (g.decidedBy.length === 0 && f.decidedBy.length === 0), g.decidedBy, f.decidedBy);
    count(t, 'amountFree', (g.amountFree ?? false) === f.amountFree, g.amountFree ?? false, f.amountFree);
  }

  for (const [g, f] of pairBest(gold.deadlines, facts.deadlines, (g, f) => g.article === f.citation.ordinal && g.value === f.value && g.unit === f.unit, (g, f) => Number(g.bound === f.bound))) {
    const d = out.deadlines;
    where = `${g.article} «${g.quote}»`;
    count(d, 'bound', g.bound === f.bound, g.bound, f.bound);
    count(d, 'per', g.per === f.per, g.per, f.per);
    count(d, 'measure', g.measure === f.measure, g.measure, f.measure);
  }

  const toAgree = (g: GoldLeave, f: LeaveFact) => overlap(g.to, f.to) || (g.to.length === 0 && f.to.length === 0);
  for (const [g, f] of pairBest(gold.leave, facts.leave, (g, f) => g.article === f.citation.ordinal && overlap(g.who, f.who), (g, f) => Number(g.verb === f.verb) * 2 + Number(toAgree(g, f)))) {
    const l = out.leave;
    where = `${g.article} «${g.quote}»`;
    count(l, 'verb', g.verb === f.verb, g.verb, f.verb);
    count(l, 'recipient', toAgree(g, f), g.to, f.to);
    const fc = f.condition;
    if (g.condition || fc) count(l, 'condition', condText(g.condition) === condText(fc), g.condition ?? null, fc ?? null);
  }
  notes = undefined;
  return out;
}

/** Sum attribute scores. */
export function addAttributes(into: AttributeScore, add: AttributeScore): AttributeScore {
  for (const [k, [a, b]] of Object.entries(add)) {
    const t = (into[k] ??= [0, 0]);
    t[0] += a;
    t[1] += b;
  }
  return into;
}

// ---------------------------------------------------------------- structure and metadata (blind reviews)

export interface DocumentCheck {
  /** Field → right, with what was found when wrong. */
  fields: { name: string; right: boolean; expected: unknown; found: unknown }[];
}

/** Structure and metadata against a blind expectation: each field right or wrong (null doc: nothing read). */
const simplifiedName = (s: string | null) => (s === null ? null : toSimplified(s));

export function checkDocument(gold: GoldFacts, doc: RuleDocument | null): { structure: DocumentCheck; metadata: DocumentCheck } {
  const field = (name: string, expected: unknown, found: unknown) => ({ name, right: JSON.stringify(expected) === JSON.stringify(found), expected, found });
  const structure: DocumentCheck = { fields: [] };
  const metadata: DocumentCheck = { fields: [] };
  const s = gold.structure;
  if (s) {
    structure.fields.push(
      field('chapters', s.chapters, doc?.chapters.length ?? null),
      field('articles', s.articles, doc?.articles.length ?? null),
      field('firstLabel', s.firstArticleLabel, doc?.articles[0]?.label.trim() ?? null),
      field('lastLabel', s.lastArticleLabel, doc?.articles.at(-1)?.label.trim() ?? null),
      field('chapterTitles', s.chapterTitles, doc?.chapters.map((c) => c.title) ?? null),
    );
  }
  const m = gold.metadata;
  if (m) {
    const j = doc?.meta.jurisdiction;
    metadata.fields.push(
      field('title', m.title, doc?.meta.title ?? null),
      // Names in simplified characters, whichever script the expectations wrote them in (the tool names 肇慶市 肇庆市).
      field('jurisdiction', [m.province, m.city, m.district].map(simplifiedName), j ? [j.province, j.city, j.district] : null),
      field('issuer', simplifiedName(m.issuer), doc?.meta.issuer ?? null),
      // The document number's year brackets as the tool writes them, normalised (〔2016〕 for [2016], ［2016］ …: src/segment/metadata.ts).
      field('docNumber', m.docNumber === null ? null : m.docNumber.replace(/[\[［【(（]((?:19|20)\d{2})[\]］】)）]/u, '〔$1〕'), doc?.meta.docNumber ?? null),
      field('year', m.year, doc?.meta.year ?? null),
      field('issueDate', m.issueDate, doc?.meta.dates.issued ?? null),
    );
  }
  return { structure, metadata };
}
