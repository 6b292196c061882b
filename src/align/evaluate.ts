/**
 * Scoring an alignment against a hand-made gold (tests/fixtures/alignment-gold.json): for each gold
 * topic, the article ordinals per document whose main subject is that topic.
 *
 * - membership (the measure the issue asks for): for each gold topic, the articles the alignment puts
 *   in families of that topic or of a topic below it, as (document, ordinal) pairs, against the gold's;
 *   true/false positives and negatives are summed over topics (micro-average);
 * - pairs: every two gold articles of one topic in different documents should correspond. Predicted
 *   pairs are the links (direct) or the co-members of a family (transitive); a predicted pair is judged
 *   only if one of its articles is in the gold, and is right if the gold has both in one topic;
 * - matter pairs: the same, predicted pairs being the co-members of one matter (a family and the families
 *   linked to it, ClauseFamily.matter): what a reader of the topic pages sees side by side as one matter.
 *   Without links between families (before decision 0015) it equals the family pairs.
 */
import type { Alignment, Taxonomy } from '../model.js';
import { subtree } from '../classify/taxonomy.js';

export interface GoldTopic {
  topic: string;
  name?: string;
  articles: Record<string, number[]>;
}

export interface GoldAlignment {
  docs: string[];
  topics: GoldTopic[];
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface TopicEvaluation {
  topic: string;
  score: PRF;
  /** Gold articles the alignment missed, "doc:ordinal". */
  missing: string[];
  /** Articles the alignment put in the topic that the gold does not have. */
  extra: string[];
}

export interface Evaluation {
  documents: string[];
  membership: { micro: PRF; topics: TopicEvaluation[] };
  linkPairs: PRF;
  familyPairs: PRF;
  matterPairs: PRF;
}

export function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/** Check a gold file's shape; throws one line naming the problem. */
export function parseGold(value: unknown, taxonomy: Taxonomy): GoldAlignment {
  const g = value as GoldAlignment;
  if (!g || !Array.isArray(g.docs) || !Array.isArray(g.topics)) throw new Error('gold: needs "docs" and "topics" arrays');
  for (const t of g.topics) {
    if (!taxonomy.byId.has(t.topic)) throw new Error(`gold: topic "${t.topic}" is not in the taxonomy`);
    for (const [doc, list] of Object.entries(t.articles ?? {}))
      if (!g.docs.includes(doc) || !Array.isArray(list) || list.some((n) => !Number.isInteger(n))) throw new Error(`gold: topic "${t.topic}": bad entry for "${doc}"`);
  }
  return g;
}

const key = (doc: string, n: number) => `${doc}:${n}`;
const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

export function evaluateAlignment(alignment: Alignment, gold: GoldAlignment, taxonomy: Taxonomy): Evaluation {
  const docs = gold.docs.filter((d) => alignment.documents.includes(d));
  const inRun = new Set(docs);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const topics: TopicEvaluation[] = [];
  const goldPairs = new Set<string>();
  const goldArticles = new Set<string>();
  for (const t of gold.topics) {
    const ids = subtree(taxonomy, t.topic);
    const want = new Set(docs.flatMap((d) => (t.articles[d] ?? []).map((n) => key(d, n))));
    const got = new Set(
      alignment.families.filter((f) => f.topic !== null && ids.has(f.topic)).flatMap((f) => f.members.filter((m) => inRun.has(m.docId)).map((m) => key(m.docId, m.ordinal))),
    );
    const missing = [...want].filter((k) => !got.has(k));
    const extra = [...got].filter((k) => !want.has(k));
    const s = prf(want.size - missing.length, extra.length, missing.length);
    tp += s.tp;
    fp += s.fp;
    fn += s.fn;
    topics.push({ topic: t.topic, score: s, missing, extra });
    const list = [...want];
    for (const x of list) goldArticles.add(x);
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) if (list[i]!.split(':')[0] !== list[j]!.split(':')[0]) goldPairs.add(pairKey(list[i]!, list[j]!));
  }
  const judge = (predicted: Set<string>): PRF => {
    let ptp = 0;
    let pfp = 0;
    for (const p of predicted) {
      const [x, y] = p.split('|') as [string, string];
      if (!goldArticles.has(x) && !goldArticles.has(y)) continue;
      if (goldPairs.has(p)) ptp++;
      else pfp++;
    }
    return prf(ptp, pfp, [...goldPairs].filter((p) => !predicted.has(p)).length);
  };
  const linkPairs = new Set(
    alignment.links.filter((l) => inRun.has(l.a.docId) && inRun.has(l.b.docId)).map((l) => pairKey(key(l.a.docId, l.a.ordinal), key(l.b.docId, l.b.ordinal))),
  );
  const familyPairs = new Set<string>();
  for (const f of alignment.families) {
    const m = f.members.filter((r) => inRun.has(r.docId));
    for (let i = 0; i < m.length; i++)
      for (let j = i + 1; j < m.length; j++) if (m[i]!.docId !== m[j]!.docId) familyPairs.add(pairKey(key(m[i]!.docId, m[i]!.ordinal), key(m[j]!.docId, m[j]!.ordinal)));
  }
  const crossPairs = (m: { docId: string; ordinal: number }[], into: Set<string>) => {
    for (let i = 0; i < m.length; i++)
      for (let j = i + 1; j < m.length; j++) if (m[i]!.docId !== m[j]!.docId) into.add(pairKey(key(m[i]!.docId, m[i]!.ordinal), key(m[j]!.docId, m[j]!.ordinal)));
  };
  const matters = new Map<string, { docId: string; ordinal: number }[]>();
  for (const f of alignment.families) {
    const id = f.matter ?? f.id;
    const list = matters.get(id) ?? matters.set(id, []).get(id)!;
    for (const r of f.members) if (inRun.has(r.docId) && !list.some((x) => x.docId === r.docId && x.ordinal === r.ordinal)) list.push(r);
  }
  const matterPairs = new Set<string>();
  for (const m of matters.values()) crossPairs(m, matterPairs);
  return { documents: docs, membership: { micro: prf(tp, fp, fn), topics }, linkPairs: judge(linkPairs), familyPairs: judge(familyPairs), matterPairs: judge(matterPairs) };
}
