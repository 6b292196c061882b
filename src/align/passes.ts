/**
 * The matching passes, run in order for each pair of documents; a link records the pass that made it.
 *  1. exact        the same text (character-bigram Dice ≥ exactMin): a renumbered article is matched
 *                  to its own text, not to the article that took its number;
 *  2. topic-lexical same topic and lexical cosine ≥ lexicalMin;
 *  3. fuzzy        combined score (lexical, topic agreement, chapter context) ≥ fuzzyMin;
 *  4. position     what is left of one topic, matched by order within the topic when both documents
 *                  have the same number of such articles left.
 * Within a pass, pairs are taken greedily, best score first, among articles not yet linked in that
 * pair of documents. After passes 2 and 3 an article left over may join a counterpart that is already
 * linked (one article of A covering two of B) if its lexical cosine and its score are both at least
 * oneToManyRatio of that link's, or if containmentMin of its words' weight is found in that
 * counterpart. Defaults: DEFAULT_PASS_OPTIONS.
 * Thresholds: docs/decisions/0012-pass-order-and-cut-offs.md.
 */
import type { AlignmentPass } from '../model.js';

export interface PassOptions {
  /** Character-bigram Dice for the exact pass (default 0.9). */
  exactMin: number;
  /** Lexical cosine for the topic-lexical pass (default 0.25). */
  lexicalMin: number;
  /** Combined score for the fuzzy pass (default 0.35). */
  fuzzyMin: number;
  /** Combined score for the position pass (default 0.2). */
  positionMin: number;
  /** A second counterpart needs this share of the first's cosine and score (default 0.85) … */
  oneToManyRatio: number;
  /** … or this much of its words' weight found in the counterpart (default 0.6): a clause merged into a longer article. */
  containmentMin: number;
  /** Weights of the combined score: lexical cosine, topic agreement, chapter context (default 0.6, 0.25, 0.15). */
  weights: [number, number, number];
  /** Which passes run, in order (default all four in the order above). */
  order: AlignmentPass[];
}

export const DEFAULT_PASS_OPTIONS: PassOptions = {
  exactMin: 0.9,
  lexicalMin: 0.25,
  fuzzyMin: 0.35,
  positionMin: 0.2,
  oneToManyRatio: 0.85,
  containmentMin: 0.6,
  weights: [0.6, 0.25, 0.15],
  order: ['exact', 'topic-lexical', 'fuzzy', 'position'],
};

/** What the passes need to know about one candidate pair (articles i of A and j of B). */
export interface PairFacts {
  i: number;
  j: number;
  cosine: number;
  /** Character-bigram Dice of the plain texts, computed only when the cosine makes it worth it. */
  dice: number;
  /** 1 same main topic, 0.75 a shared topic, 0.5 related (parent/child/sibling), 0 otherwise. */
  topicAgreement: number;
  /** The shared topic, if any. */
  topic: string | null;
  /** Jaccard of the chapter-title words (会议制度 ~ 会议制度 = 1; 作风和纪律 ~ 工作纪律 = 0.5). */
  chapter: number;
  combined: number;
}

export interface ProtoLink {
  i: number;
  j: number;
  pass: AlignmentPass;
  score: number;
  confidence: number;
  oneToMany: boolean;
  facts: PairFacts;
}

export function combinedScore(cos: number, topicAgreement: number, chapter: number, weights = DEFAULT_PASS_OPTIONS.weights): number {
  return weights[0] * cos + weights[1] * topicAgreement + weights[2] * chapter;
}

const confidenceOf: Record<AlignmentPass, (f: PairFacts) => number> = {
  exact: (f) => 0.95 + 0.05 * f.dice,
  'topic-lexical': (f) => Math.min(0.95, 0.6 + 0.5 * f.cosine),
  fuzzy: (f) => Math.min(0.7, 0.2 + 0.6 * f.combined),
  position: (f) => Math.min(0.4, 0.15 + 0.4 * f.combined),
};

const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** A side's articles by main topic (in document order), and the topics in the order the position pass takes them. */
export interface TopicGroups {
  topics: string[];
  of: Map<string, number[]>;
}

/** The articles of a side grouped by main topic (articles without one left out), topics in string order. */
export function topicGroups(side: number[], mainTopic: (k: number) => string | null): TopicGroups {
  const of = new Map<string, number[]>();
  for (const k of side) {
    const t = mainTopic(k);
    if (t === null) continue;
    const list = of.get(t);
    if (list) list.push(k);
    else of.set(t, [k]);
  }
  return { topics: [...of.keys()].sort((x, y) => (x < y ? -1 : 1)), of };
}

/**
 * Run the passes over the candidate pairs of one pair of documents.
 * `mainTopic(k)` is an article's main topic; `facts(i, j)` computes the facts of a pair that is not a candidate (for
 * the position pass); `groups(side)`, when given, is topicGroups of a side (a batch run makes them once per document,
 * not once per pair of documents).
 */
export function runPasses(
  pairs: PairFacts[],
  articlesA: number[],
  articlesB: number[],
  mainTopic: (k: number) => string | null,
  facts: (i: number, j: number) => PairFacts,
  options: PassOptions = DEFAULT_PASS_OPTIONS,
  containment: (inner: number, outer: number) => number = () => 0,
  groups: (side: number[]) => TopicGroups = (side) => topicGroups(side, mainTopic),
): ProtoLink[] {
  const o = options;
  const links: ProtoLink[] = [];
  const linkedA = new Map<number, ProtoLink[]>();
  const linkedB = new Map<number, ProtoLink[]>();
  const add = (f: PairFacts, pass: AlignmentPass, score: number, oneToMany = false) => {
    const link: ProtoLink = { i: f.i, j: f.j, pass, score: r3(score), confidence: r3(confidenceOf[pass](f)), oneToMany, facts: f };
    links.push(link);
    const ofA = linkedA.get(f.i);
    if (ofA) ofA.push(link);
    else linkedA.set(f.i, [link]);
    const ofB = linkedB.get(f.j);
    if (ofB) ofB.push(link);
    else linkedB.set(f.j, [link]);
  };
  const greedy = (qualifying: PairFacts[], pass: AlignmentPass, score: (f: PairFacts) => number) => {
    const sorted = qualifying.map((f) => ({ f, s: score(f) })).sort((x, y) => y.s - x.s || x.f.i - y.f.i || x.f.j - y.f.j);
    for (const { f, s } of sorted) if (!linkedA.has(f.i) && !linkedB.has(f.j)) add(f, pass, s);
  };
  // One article of A covering two of B (or the reverse): a left-over article joins an already linked
  // counterpart when it scores nearly as well as that counterpart's own link.
  const oneToMany = (qualifying: PairFacts[], pass: AlignmentPass, score: (f: PairFacts) => number) => {
    const sorted = qualifying.map((f) => ({ f, s: score(f) })).sort((x, y) => y.s - x.s || x.f.i - y.f.i || x.f.j - y.f.j);
    for (const { f, s } of sorted) {
      const aFree = !linkedA.has(f.i);
      const bFree = !linkedB.has(f.j);
      if (aFree === bFree) continue;
      const partner = aFree ? linkedB.get(f.j)! : linkedA.get(f.i)!;
      if (partner.some((l) => l.pass === 'exact' || l.oneToMany)) continue;
      // The extra counterpart must be nearly as close in wording (not only share the topic and chapter),
      // or be contained in the article it joins (two clauses merged into one article).
      const best = partner.reduce((b, l) => (l.facts.cosine > b.facts.cosine ? l : b));
      if (f.cosine < o.lexicalMin) continue;
      const close = f.cosine >= o.oneToManyRatio * best.facts.cosine && s >= o.oneToManyRatio * best.score;
      const contained = aFree ? containment(f.i, f.j) >= o.containmentMin : containment(f.j, f.i) >= o.containmentMin;
      if (close || contained) add(f, pass, s, true);
    }
  };

  const run: Record<AlignmentPass, () => void> = {
    // 1. exact text
    exact: () => greedy(pairs.filter((f) => f.dice >= o.exactMin), 'exact', (f) => f.dice),
    // 2. same topic, high lexical similarity
    'topic-lexical': () => {
      const topical = pairs.filter((f) => f.topicAgreement >= 0.75 && f.cosine >= o.lexicalMin);
      greedy(topical, 'topic-lexical', (f) => f.combined);
      oneToMany(topical, 'topic-lexical', (f) => f.combined);
    },
    // 3. fuzzy: the combined score alone
    fuzzy: () => {
      const fuzzy = pairs.filter((f) => f.combined >= o.fuzzyMin);
      greedy(fuzzy, 'fuzzy', (f) => f.combined);
      oneToMany(fuzzy, 'fuzzy', (f) => f.combined);
    },
    // 4. position within the topic
    position: () => {
      // Each topic both sides have articles of left (not linked), in topic order; paired by order when as many.
      if (linkedA.size === articlesA.length || linkedB.size === articlesB.length) return; // nothing left on a side
      const a = groups(articlesA);
      const b = groups(articlesB);
      const left = (side: number[], linked: Map<number, ProtoLink[]>) => {
        let n = 0;
        for (const k of side) if (!linked.has(k)) n++;
        return n;
      };
      for (const topic of a.topics) {
        const ofA = a.of.get(topic)!;
        const n = left(ofA, linkedA);
        if (!n) continue;
        const ofB = b.of.get(topic);
        if (!ofB || left(ofB, linkedB) !== n) continue; // (counted first: most topics of a pair have nothing left)
        const as = ofA.filter((k) => !linkedA.has(k));
        const bs = ofB.filter((k) => !linkedB.has(k));
        as.forEach((i, k) => {
          const f = facts(i, bs[k]!);
          if (f.combined >= o.positionMin) add(f, 'position', f.combined);
        });
      }
    },
  };
  for (const pass of o.order) run[pass]();
  return links;
}
