/**
 * Classification: article → topics, with the evidence (cue terms found, chapter title).
 * A pure function of one document and the taxonomy (data/topics.json).
 *
 * Score of a topic for a piece of text:
 *   Σ over its cue terms found of 1.44·ln(1 + Σ hit weights)      (one plain hit = 1, more hits saturate)
 *   + weakFactor × the same over its weak cues, if the topic is named in full or its chapter matched
 *   + chapterPrior if the article's chapter title contains a chapter cue of the topic or of an ancestor
 * Hit weights: subjectBoost at the head of a clause; in an enumeration, the share of the list that
 * speaks of the topic (src/classify/cues.ts). The main topic is the best score; an article also gets
 * every other topic scoring at least secondaryRatio of the best, and the main topic of any of its
 * paragraphs (款) that is about something else (no word of the main topic, paragraphMin): one article
 * may cover two topics. Thresholds: DEFAULT_CLASSIFY_OPTIONS.
 * The thresholds were set by measurement (docs/decisions/0011-classification-thresholds.md).
 *
 * The context title of an article is its section's (第二节 会议制度) when it sits in a section, else its chapter's
 * (contextTitle). Cues are matched in level-neutral text (县长, a city's 市长 → 区长), but the evidence shows the
 * words as the article writes them: every match is mapped back to the original text (cueTextMapped).
 */
import type { Article, Classification, Item, RuleDocument, Taxonomy, TopicAssignment, TopicEvidence, TopicScore } from '../model.js';
import { refOf } from '../model.js';
import { getTokenizer, normalise } from '../tokenize/index.js';
import { buildCueIndex, DEFAULT_HIT_WEIGHTS, findCues, listShare, PATTERN_GAP, type CueHit, type CueIndex, type ItemRanges } from './cues.js';
import { levelMap, levelNeutralTokens, ownLevelChar } from './level.js';
import { ancestry, depth, loadTaxonomy } from './taxonomy.js';

export { loadTaxonomy, parseTaxonomy, ancestry, subtree, isAncestorOrSelf, children, depth, findTopic } from './taxonomy.js';

/** The classifier's thresholds (docs/decisions/0011-classification-thresholds.md). */
export interface ClassifyOptions {
  /** Weight of weak cues relative to cues. */
  weakFactor: number;
  /** Score added when the chapter title names the topic (or a topic above it). */
  chapterPrior: number;
  /** A topic needs this score from its cues … */
  minScore: number;
  /** … or a matching chapter title and this score. */
  minChapterScore: number;
  /** Another topic joins the article when it scores this share of the main topic … */
  secondaryRatio: number;
  /** … and at least this much. */
  secondaryMin: number;
  /** An enumeration of this many kinds of one topic credits the topic itself. */
  enumerationMin: number;
  /** A topic below the best one becomes the main topic when it scores this share of the best … */
  childPreference: number;
  /** … and this many times the next topic below the best. */
  clearChild: number;
  /** A paragraph's own main topic joins the article's topics when it scores at least this in the paragraph. */
  paragraphMin: number;
  /** A cue at the head of a clause counts this many times. */
  subjectBoost: number;
  /** A cue that modifies another topic's head noun (常务会议的纪要) counts this much. */
  modifierWeight: number;
  /** A cue inside an enumerated item counts this much (and only for topics the lead-in names). */
  itemWeight: number;
  /** In an enumeration a topic gets only its share of the list (false: every item counts in full). */
  listDilution: boolean;
}

export const DEFAULT_CLASSIFY_OPTIONS: ClassifyOptions = {
  weakFactor: 0.4,
  chapterPrior: 0.75,
  minScore: 1.2,
  minChapterScore: 0.7,
  secondaryRatio: 0.75,
  secondaryMin: 1.5,
  enumerationMin: 3,
  childPreference: 0.6,
  clearChild: 1.5,
  paragraphMin: 3,
  ...DEFAULT_HIT_WEIGHTS,
  listDilution: true,
};

/** Strong-cue score of one plain mention (1.44·ln 2): weak cues only support a topic named in full. */
export const FULL_MENTION = 0.99;

export interface Context {
  taxonomy: Taxonomy;
  cues: CueIndex;
  order: Map<string, number>;
  o: ClassifyOptions;
}

const contexts = new WeakMap<Taxonomy, Omit<Context, 'o'>>();

function contextFor(taxonomy: Taxonomy, options: Partial<ClassifyOptions> = {}): Context {
  let ctx = contexts.get(taxonomy);
  if (!ctx) {
    ctx = { taxonomy, cues: buildCueIndex(taxonomy), order: new Map(taxonomy.topics.map((t, i) => [t.id, i])) };
    contexts.set(taxonomy, ctx);
  }
  return { ...ctx, o: { ...DEFAULT_CLASSIFY_OPTIONS, ...options } };
}

/** Text as the cue matcher sees it: half-width digits, the document's level rewritten to the district form. */
export function cueText(text: string, ownLevel: string): string {
  return levelNeutralTokens(getTokenizer().cut(normalise(text)), ownLevel).join('');
}

/** Maps a range [start, end) of the cue text back to the words of the original text. */
export type Surface = (start: number, end: number) => string;

/**
 * The cue text and, for each of its characters, where it came from in the original text, so that evidence can
 * quote the document's own words (市长, 县政府) rather than the district form the matcher sees (区长, 区政府).
 * normalise() maps character to character; a token the level rewrite changes in length is mapped in proportion.
 */
export function cueTextMapped(text: string, ownLevel: string): { text: string; surface: Surface } {
  const norm = normalise(text);
  const map = levelMap(ownLevel);
  const from: number[] = [];
  const to: number[] = [];
  let out = '';
  let pos = 0;
  for (const token of getTokenizer().cut(norm)) {
    const at = norm.startsWith(token, pos) ? pos : norm.indexOf(token, pos);
    const start = at < 0 ? pos : at;
    const rewritten = map.get(token) ?? token;
    for (let k = 0; k < rewritten.length; k++) {
      from.push(start + Math.floor((k * token.length) / rewritten.length));
      to.push(start + Math.floor(((k + 1) * token.length + rewritten.length - 1) / rewritten.length));
    }
    out += rewritten;
    if (at >= 0) pos = at + token.length;
  }
  const surface: Surface = (s, e) => (e > s && s < from.length ? text.slice(from[s]!, to[Math.min(e, to.length) - 1]!) : '');
  return { text: out, surface };
}

/** Topics of the chapter title, by chapter cue, each with its subtree. */
function chapterTopics(ctx: Context, title: string | null): Set<string> {
  const direct = new Set<string>();
  if (!title) return direct;
  const read = normalise(title); // 第三章 會議制度 names 会议 as 第三章 会议制度 does
  for (const t of ctx.taxonomy.topics) if (t.chapterCues.some((c) => read.includes(c))) direct.add(t.id);
  return direct;
}

/**
 * Score every topic with evidence in a text; sorted strongest first (ties: deeper topic, then file order).
 * `text` is cue text (cueText); `surface` maps its ranges to the original words for the evidence (default: as matched).
 */
export function scoreText(text: string, chapterTitle: string | null, ctx: Context, items: ItemRanges = [], surface?: Surface): TopicScore[] {
  const hits = findCues(text, ctx.cues, items, ctx.o);
  const chapterDirect = chapterTopics(ctx, chapterTitle);
  const words = (h: CueHit): string => {
    if (!surface) return h.term;
    const w = h.parts ? h.parts.map(([s, e]) => surface(s, e)).join(PATTERN_GAP) : surface(h.start, h.end);
    return w || h.term;
  };
  // term sums per topic: topic → term → {sum, count, strong, the words as written with their counts}
  const perTopic = new Map<string, Map<string, { sum: number; count: number; strong: boolean; written: Map<string, number> }>>();
  const credit = (topic: string, term: string, w: number, strong: boolean, written: string) => {
    const terms = perTopic.get(topic) ?? new Map();
    const e = terms.get(term) ?? { sum: 0, count: 0, strong, written: new Map<string, number>() };
    e.sum += w;
    e.count++;
    e.written.set(written, (e.written.get(written) ?? 0) + 1);
    terms.set(term, e);
    perTopic.set(topic, terms);
  };
  // Outside enumerations every hit counts; an enumeration is one mention of each topic in it, worth the
  // topic's share of the list (src/classify/cues.ts, listShare).
  const listed = new Set<string>();
  // Items elaborate the lead-in: their words count only for topics the article's own sentences name
  // (unless the sentences name none, as in "……遵循以下准则：" followed by the items).
  const leadTopics = new Set(hits.filter((h) => !h.inItem).flatMap((h) => h.roles.filter((r) => r.strong).map((r) => r.topic)));
  const itemCounts = (topic: string) => leadTopics.size === 0 || ancestry(ctx.taxonomy, topic).some((a) => leadTopics.has(a));
  for (const h of hits) {
    if (h.inItem && !h.roles.some((r) => itemCounts(r.topic))) continue;
    const inList = ctx.o.listDilution && hits.some((g) => g !== h && g.group === h.group);
    for (const r of h.roles) {
      if (h.inItem && !itemCounts(r.topic)) continue;
      if (!inList) credit(r.topic, h.term, h.weight, r.strong, words(h));
      else if (!listed.has(`${h.group}|${r.topic}`)) {
        listed.add(`${h.group}|${r.topic}`);
        const best = Math.max(...hits.filter((g) => g.group === h.group && g.roles.some((q) => q.topic === r.topic)).map((g) => g.weight));
        credit(r.topic, h.term, best * listShare(hits, h, r.topic), r.strong, words(h));
      }
    }
  }
  // An enumeration of ctx.o.enumerationMin or more kinds of one parent topic (全体会议、常务会议、区长办公会议)
  // speaks of the parent: the parent is credited with one full mention.
  const groups = new Map<number, typeof hits>();
  for (const h of hits) groups.set(h.group, [...(groups.get(h.group) ?? []), h]);
  for (const g of groups.values()) {
    if (g.length < ctx.o.enumerationMin) continue;
    const kinds = new Set(g.flatMap((h) => h.roles.filter((r) => r.strong).map((r) => r.topic)));
    // The deepest topic with ctx.o.enumerationMin kinds strictly below it.
    const below = new Map<string, number>();
    for (const k of kinds) for (const a of ancestry(ctx.taxonomy, k).slice(1)) below.set(a, (below.get(a) ?? 0) + 1);
    const parent = [...below.entries()].filter(([, n]) => n >= ctx.o.enumerationMin).sort((a, b) => depth(ctx.taxonomy, b[0]) - depth(ctx.taxonomy, a[0]))[0]?.[0];
    if (parent) credit(parent, g.map((h) => h.term).join('、'), Math.max(...g.map((h) => h.weight)), true, g.map(words).join('、'));
  }
  const out: TopicScore[] = [];
  const consider = new Set<string>([...perTopic.keys(), ...chapterDirect]);
  for (const topic of consider) {
    const terms = perTopic.get(topic) ?? new Map();
    let strong = 0;
    let weak = 0;
    for (const e of terms.values()) {
      const c = 1.44 * Math.log1p(e.sum);
      if (e.strong) strong += c;
      else weak += c;
    }
    const chapterHit = ancestry(ctx.taxonomy, topic).some((a) => chapterDirect.has(a));
    // A chapter only speaks for a topic below its own when the text says something of that topic.
    const prior = chapterDirect.has(topic) || (chapterHit && strong > 0) ? ctx.o.chapterPrior : 0;
    // Weak cues support a topic the text names in full (not only as one item of a list) or its chapter names.
    const supported = strong >= FULL_MENTION || prior > 0;
    const score = strong + (supported ? ctx.o.weakFactor * weak : 0) + prior;
    if (score <= 0 || (prior === 0 && score < ctx.o.minScore) || score < ctx.o.minChapterScore) continue;
    // Evidence in the document's own words (市长, not the 区长 the matcher saw), one entry per wording.
    const cues = [...terms.values()]
      .filter((e) => e.strong || supported)
      .flatMap((e) => [...e.written].map(([term, count]) => ({ term, count })))
      .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const evidence: TopicEvidence = { cues, chapter: prior > 0 ? chapterTitle : null };
    out.push({ topic, score: round(score), evidence });
  }
  out.sort((a, b) => b.score - a.score || depth(ctx.taxonomy, b.topic) - depth(ctx.taxonomy, a.topic) || ctx.order.get(a.topic)! - ctx.order.get(b.topic)!);
  // Prefer the specific: a topic below the best one that scores ctx.o.childPreference of it, and clearly more
  // than any other topic below it, becomes the main topic ('公文' says less than '报送区政府').
  const main = out[0];
  if (main) {
    const below = out.filter((s) => s !== main && ancestry(ctx.taxonomy, s.topic).includes(main.topic));
    const [first, second] = below;
    if (first && first.score >= ctx.o.childPreference * main.score && (!second || first.score >= ctx.o.clearChild * second.score)) {
      out.splice(out.indexOf(first), 1);
      out.unshift(first);
    }
  }
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The article's own words: its text without the label. */
export function articleBody(article: Article): string {
  return article.text.startsWith(article.label) ? article.text.slice(article.label.length) : article.text;
}

function itemTexts(items: Item[]): string[] {
  return items.flatMap((i) => [i.text, ...itemTexts(i.children)]);
}

/** Main topic plus the secondary topics of a scored list (ancestors of the main topic are implied, not listed). */
function assigned(scores: TopicScore[], ctx: Context): TopicScore[] {
  const main = scores[0];
  if (!main) return [];
  const out = [main];
  for (const s of scores.slice(1)) {
    if (s.score < Math.max(ctx.o.secondaryMin, ctx.o.secondaryRatio * main.score)) continue;
    if (out.some((o) => ancestry(ctx.taxonomy, o.topic).includes(s.topic) || ancestry(ctx.taxonomy, s.topic).includes(o.topic))) continue;
    out.push(s);
  }
  return out;
}

/** Lines of a piece of an article (paragraphs and their items) joined by newlines, with the items' ranges. */
function piece(parts: { text: string; item: boolean }[]): { text: string; items: ItemRanges } {
  let text = '';
  const items: ItemRanges = [];
  for (const p of parts) {
    if (text) text += '\n';
    if (p.item) items.push([text.length, text.length + p.text.length]);
    text += p.text;
  }
  return { text, items };
}

function paragraphParts(article: Article, k: number): { text: string; item: boolean }[] {
  const p = article.paragraphs[k]!;
  let own = p.text;
  if (k === 0 && own.startsWith(article.label)) own = own.slice(article.label.length);
  return [{ text: own, item: false }, ...itemTexts(p.items).map((text) => ({ text, item: true }))];
}

/** Score a piece: cue text (level-neutral; same length as the input, so item ranges still hold), evidence in its own words. */
function scorePiece(parts: { text: string; item: boolean }[], own: string, title: string | null, ctx: Context): TopicScore[] {
  const { text, items } = piece(parts);
  const { text: t, surface } = cueTextMapped(text, own);
  return scoreText(t, title, ctx, t.length === text.length ? items : [], surface);
}

function articleParts(article: Article): { text: string; item: boolean }[] {
  return article.paragraphs.length ? article.paragraphs.flatMap((_, k) => paragraphParts(article, k)) : [{ text: articleBody(article), item: false }];
}

/**
 * The title an article is filed under: its section's (第四章 决策与议事制度 / 第二节 会议制度 → '会议制度') when it
 * sits in a section, else its chapter's; a section title that names no topic (第一节 一般规定) gives way to a chapter
 * title that does. null before any chapter.
 */
export function contextTitle(doc: Pick<RuleDocument, 'chapters' | 'sections'>, article: Pick<Article, 'chapter' | 'section'>, taxonomy: Taxonomy = loadTaxonomy()): string | null {
  const chapter = article.chapter === null ? null : doc.chapters.find((c) => c.ordinal === article.chapter)?.title ?? null;
  if (article.section === null) return chapter;
  const section = doc.sections.find((s) => s.ordinal === article.section && s.chapter === article.chapter)
    ?? doc.sections.find((s) => s.ordinal === article.section);
  if (!section?.title) return chapter;
  const names = (title: string) => taxonomy.topics.some((t) => t.chapterCues.some((c) => normalise(title).includes(c)));
  return names(section.title) || !chapter || !names(chapter) ? section.title : chapter;
}

/** Every topic with evidence in an article, strongest first (before the main/secondary choice): for explaining. */
export function scoreArticle(doc: RuleDocument, article: Article, taxonomy: Taxonomy = loadTaxonomy(), options: Partial<ClassifyOptions> = {}): TopicScore[] {
  return scorePiece(articleParts(article), ownLevelChar(doc), contextTitle(doc, article, taxonomy), contextFor(taxonomy, options));
}

// A build classifies each document for the search index and again for the alignment: with the default options the
// result depends only on the document and the taxonomy, so it is kept (documents are not changed after segmentation).
const memo = new WeakMap<RuleDocument, WeakMap<Taxonomy, TopicAssignment[]>>();

/** Classify every article of a document, in article order. */
export function classifyDocument(doc: RuleDocument, taxonomy: Taxonomy = loadTaxonomy(), options: Partial<ClassifyOptions> = {}): TopicAssignment[] {
  const defaults = Object.keys(options).length === 0;
  const known = defaults ? memo.get(doc)?.get(taxonomy) : undefined;
  if (known) return known;
  const result = classifyArticles(doc, taxonomy, options);
  if (defaults) {
    if (!memo.has(doc)) memo.set(doc, new WeakMap());
    memo.get(doc)!.set(taxonomy, result);
  }
  return result;
}

/**
 * scorePiece's results with the default options, by what they are a function of (the tokenizer, the document's level,
 * the title, the piece's lines): a corpus of the genre repeats articles word for word across documents (500
 * generated documents: 37,603 articles, 23,629 texts), each scored once. Read only, never changed.
 */
const pieceScores = new WeakMap<Taxonomy, Map<string, TopicScore[]>>();
const PIECE_SCORES_MAX = 100_000;

function classifyArticles(doc: RuleDocument, taxonomy: Taxonomy, options: Partial<ClassifyOptions>): TopicAssignment[] {
  const ctx = contextFor(taxonomy, options);
  const own = ownLevelChar(doc);
  let known = Object.keys(options).length === 0 ? pieceScores.get(taxonomy) : undefined;
  if (!known && Object.keys(options).length === 0) pieceScores.set(taxonomy, (known = new Map()));
  const score = (parts: { text: string; item: boolean }[], title: string | null) => {
    if (!known) return scorePiece(parts, own, title, ctx);
    const key = `${getTokenizer().engine}\u0000${own}\u0000${title ?? '\u0001'}\u0000${parts.map((p) => (p.item ? '1' : '0') + p.text).join('\u0000')}`;
    let scores = known.get(key);
    if (!scores) {
      if (known.size >= PIECE_SCORES_MAX) known.clear(); // a server classifying corpus after corpus does not grow without end
      known.set(key, (scores = scorePiece(parts, own, title, ctx)));
    }
    return scores;
  };
  return doc.articles.map((article) => {
    const title = contextTitle(doc, article, taxonomy);
    const topics = assigned(score(articleParts(article), title), ctx);
    let paragraphs: TopicAssignment['paragraphs'] = [];
    if (article.paragraphs.length > 1) {
      const per = article.paragraphs.map((p, k) => {
        const scores = score(paragraphParts(article, k), title);
        return { index: p.index, topics: assigned(scores, ctx), scores };
      });
      const mains = new Set(per.map((p) => p.topics[0]?.topic ?? ''));
      if (mains.size > 1) {
        paragraphs = per.map(({ index, topics }) => ({ index, topics }));
        for (const p of per) {
          const m = p.topics[0];
          if (!m || m.score < ctx.o.paragraphMin) continue;
          // Only a paragraph that leaves the article's main topic aside (no word of it) is about something else.
          if (p.scores.some((s) => s.topic === topics[0]?.topic)) continue;
          if (topics.some((o) => ancestry(taxonomy, o.topic).includes(m.topic) || ancestry(taxonomy, m.topic).includes(o.topic))) continue;
          topics.push(m);
        }
      }
    }
    return {
      article: refOf(doc.id, article),
      chapterTitle: title,
      topics,
      paragraphs,
    };
  });
}

/** Classify several documents; unclassified articles are listed. */
export function classifyDocuments(docs: RuleDocument[], taxonomy: Taxonomy = loadTaxonomy(), options: Partial<ClassifyOptions> = {}): Classification {
  const assignments = docs.flatMap((d) => classifyDocument(d, taxonomy, options));
  return { assignments, unclassified: assignments.filter((a) => a.topics.length === 0).map((a) => a.article) };
}
