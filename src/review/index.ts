/**
 * Review a draft against its peers: for each draft article, its closest peer articles and a status
 * (identical, moved, near-identical, modified, new) with the token diff for changed ones; the topics
 * most peers regulate that the draft leaves out; and where the draft's facts (meeting frequency,
 * quorum, chair, minutes deadline, money thresholds, deadlines, leave) depart from peer practice,
 * with the peer distribution and citations on both sides.
 *
 * Pure: a CorpusAnalysis of the peers and a segmented draft in, a DraftReview out. The peers are not
 * re-aligned: the draft is aligned against the peers' fixed model (src/align/peers.ts).
 */
import { alignAgainst } from '../align/peers.js';
import { bigramCodes, dice, plainText } from '../align/vectors.js';
import { articleBody, subtree } from '../classify/index.js';
import { commonShare, diffTexts } from '../diff/index.js';
import { extractDocumentFacts, type DocumentFacts } from '../extract/index.js';
import {
  findArticle, FORMAT_VERSION, type Article, type ArticleRef, type DraftReview, type MissingTopic, type PlacedRef, type ReviewArticle,
  type OnProgress, type ReviewPeerMatch, type ReviewStatus, type RuleDocument, type TopicAssignment,
} from '../model.js';
import type { CorpusAnalysis } from '../pipeline.js';
import { getTokenizer } from '../tokenize/index.js';
import { factDeviations } from './facts.js';

export { factDeviations } from './facts.js';

/** Dice of plain texts at or above which a draft article is a lightly edited copy (the alignment's exact pass uses the same). */
export const NEAR_IDENTICAL_DICE = 0.9;
/** Below this share of common characters with its closest peer, a linked draft article is new all the same. */
export const MODIFIED_MIN_SIMILARITY = 0.3;
/** Peers per draft article in the review (one per peer document, closest first). */
export const PEERS_PER_ARTICLE = 3;

export interface ReviewOptions {
  /** Facts of the draft (extracted when absent). */
  draftFacts?: DocumentFacts;
  /** Told after each article of the draft ('review', done, total). */
  onProgress?: OnProgress;
}

function chapterTitle(doc: RuleDocument, a: Article): string | null {
  return a.chapter === null ? null : (doc.chapters.find((c) => c.ordinal === a.chapter)?.title ?? null);
}

function placed(doc: RuleDocument, a: Article): PlacedRef {
  return { docId: doc.id, key: a.key, ordinal: a.ordinal, label: a.label, district: doc.meta.jurisdiction.name, chapter: chapterTitle(doc, a) };
}

/** Text for comparing two articles of documents of different levels: the level word neutralised, spaces and punctuation gone. */
function comparable(doc: RuleDocument, a: Article): string {
  const level = doc.meta.jurisdiction.name?.slice(-1) ?? '';
  const body = plainText(articleBody(a));
  return level ? body.replaceAll(level, '◇') : body;
}

/** Review a draft against the analysed peers. */
export function reviewDraft(peers: CorpusAnalysis, draft: RuleDocument, options: ReviewOptions = {}): DraftReview {
  const alignment = alignAgainst(peers.peers, draft);
  const byId = new Map(peers.documents.map((d) => [d.id, d]));
  const assignments = new Map<string, TopicAssignment>(alignment.classification.assignments.map((a) => [a.article.key, a]));

  // Each draft article with its closest peers.
  const linksOf = new Map<string, typeof alignment.links>();
  for (const l of alignment.links) (linksOf.get(l.a.key) ?? linksOf.set(l.a.key, []).get(l.a.key)!).push(l);
  // A peer article's comparable text, once however many draft articles link to it; bigrams once per distinct text
  // (against many peers the same article text recurs in many documents).
  const peerText = new Map<ArticleRef, { article: Article; text: string; doc: RuleDocument }>();
  const gramsOf = new Map<string, Uint32Array>();
  // Peer documents in id order (as localeCompare orders them; ids it calls equal share a rank), for ties.
  const rankOf = new Map<string, number>();
  [...peers.documents.map((d) => d.id)].sort((x, y) => x.localeCompare(y)).forEach((id, r, ids) => rankOf.set(id, r > 0 && ids[r - 1]!.localeCompare(id) === 0 ? rankOf.get(ids[r - 1]!)! : r));
  const chosen = draft.articles.map((a, k) => {
    options.onProgress?.('review', k, draft.articles.length);
    const mine = comparable(draft, a);
    const myGrams = bigramCodes(mine);
    // Each linked peer article's Dice with this one (once per distinct text), then closest first, one per peer
    // document: only those shown become matches.
    const diceOf = new Map<string, number>();
    const scored: { d: number; rank: number; peer: { article: Article; text: string; doc: RuleDocument }; pass: ReviewPeerMatch['pass'] }[] = [];
    for (const l of linksOf.get(a.key) ?? []) {
      // (the peer model's one ArticleRef object per peer article; another object for the same article is only a
      // second entry)
      let theirs = peerText.get(l.b);
      if (!theirs) {
        const doc = byId.get(l.b.docId)!;
        const article = articleOf(doc, l.b.key);
        peerText.set(l.b, (theirs = { article, text: comparable(doc, article), doc }));
      }
      let d = diceOf.get(theirs.text);
      if (d === undefined) {
        let grams = gramsOf.get(theirs.text);
        if (!grams) gramsOf.set(theirs.text, (grams = bigramCodes(theirs.text)));
        diceOf.set(theirs.text, (d = mine === theirs.text ? 1 : round(dice(mine, theirs.text, myGrams, grams))));
      }
      scored.push({ d, rank: rankOf.get(theirs.doc.id)!, peer: theirs, pass: l.pass });
    }
    scored.sort((x, y) => y.d - x.d || x.rank - y.rank || x.peer.article.index - y.peer.article.index);
    const seen = new Set<string>();
    const best: (ReviewPeerMatch & { article: Article; doc: RuleDocument })[] = [];
    for (const { d, peer, pass } of scored) {
      if (best.length >= PEERS_PER_ARTICLE) break;
      if (seen.has(peer.doc.id)) continue;
      seen.add(peer.doc.id);
      const pa = peer.article;
      best.push({ citation: placed(peer.doc, pa), text: articleBody(pa).trim(), similarity: d, dice: d, pass, article: pa, doc: peer.doc });
    }
    // Spaces and line breaks are layout, not words: the share of characters in common is of the texts without them.
    return { a, best, theirs: best.map((m) => compact(m.text)) };
  });
  // The peers' texts about to be cut, told to the tokenizer at once (a review's cutter gets their words ready together).
  getTokenizer().expect?.(chosen.flatMap(({ theirs }) => theirs));
  const articles: ReviewArticle[] = chosen.map(({ a, best, theirs }) => {
    // The share of characters in common (the diff's measure) for the few shown.
    const ours = compact(articleBody(a));
    best.forEach((m, k) => (m.similarity = round(commonShare(ours, theirs[k]!, { levels: levelsOf(draft, m.doc) }))));
    const top = best[0];
    let status: ReviewStatus;
    if (!top || (top.dice < NEAR_IDENTICAL_DICE && top.similarity < MODIFIED_MIN_SIMILARITY)) status = 'new';
    else if (top.dice === 1) {
      // The same words: identical when some peer has them under the same number and chapter, else moved.
      const same = best.filter((m) => m.dice === 1);
      const inPlace = same.find((m) => m.article.ordinal === a.ordinal && m.citation.chapter === chapterTitle(draft, a));
      if (inPlace) best.unshift(...best.splice(best.indexOf(inPlace), 1));
      status = inPlace ? 'identical' : 'moved';
    } else status = top.dice >= NEAR_IDENTICAL_DICE ? 'near-identical' : 'modified';
    const closest = best[0];
    if (closest && (status === 'modified' || status === 'near-identical')) {
      const d = diffTexts(articleBody(a).trim(), closest.text, { levels: levelsOf(draft, closest.doc) });
      closest.diff = { draft: d.left, peer: d.right, changes: d.changes };
    }
    const topics = (assignments.get(a.key)?.topics ?? []).map((t) => t.topic);
    return {
      citation: placed(draft, a),
      text: articleBody(a).trim(),
      status,
      topics,
      peers: best.map(({ article: _a, doc: _d, ...m }) => m),
      note: noteFor(status, closest ?? null, a),
    };
  });

  options.onProgress?.('review', draft.articles.length, draft.articles.length);
  const missingTopics = topicsLeftOut(peers, alignment.classification.assignments);
  const draftFacts = options.draftFacts ?? extractDocumentFacts(draft);
  const { deviations, omitted } = factDeviations(draftFacts, peers.documents.map((d) => peers.factsOf(d.id)), peers.documents, draft);

  const byStatus: Record<ReviewStatus, number> = { identical: 0, moved: 0, 'near-identical': 0, modified: 0, new: 0 };
  for (const a of articles) byStatus[a.status]++;
  const highlights = [
    ...deviations.slice(0, 5).map((d) => d.measure.text),
    ...missingTopics.slice(0, 3).map((m) => `${Math.round(m.share * peers.documents.length)} 个同类地区规定了「${m.name}」，草案未规定`),
    ...(byStatus.new ? [`草案有 ${byStatus.new} 条同类地区没有的条文`] : []),
  ];
  return {
    schema: 'rulecmp/review@1',
    formatVersion: FORMAT_VERSION,
    draft: { id: draft.id, title: draft.meta.title, district: draft.meta.jurisdiction.name, year: draft.meta.year, articles: draft.articles.length, source: draft.meta.source.path },
    peers: peers.documents.map((d) => ({ id: d.id, district: d.meta.jurisdiction.name, title: d.meta.title, year: d.meta.year })),
    summary: { byStatus, deviations: deviations.length, missingTopics: missingTopics.length, omittedFacts: omitted.length, highlights },
    articles,
    missingTopics,
    newArticles: articles.filter((a) => a.status === 'new').map((a) => a.citation.key),
    deviations,
    omittedFacts: omitted,
  };
}

/** A document's articles by key (remembered per document: a review looks up thousands of peer articles). */
const keysOf = new WeakMap<RuleDocument, Map<string, Article>>();
function articleOf(doc: RuleDocument, key: string): Article {
  let keys = keysOf.get(doc);
  if (!keys) keysOf.set(doc, (keys = new Map(doc.articles.map((x) => [x.key, x]))));
  return keys.get(key) ?? findArticle(doc.articles, key)!;
}

const compact = (s: string) => s.replace(/[\s\u3000]+/gu, '');

const round = (x: number) => Math.round(x * 1000) / 1000;

function levelsOf(a: RuleDocument, b: RuleDocument): [string, string] | undefined {
  const x = a.meta.jurisdiction.name?.slice(-1);
  const y = b.meta.jurisdiction.name?.slice(-1);
  return x && y && x !== y ? [x, y] : undefined;
}

function noteFor(status: ReviewStatus, closest: ReviewPeerMatch | null, a: Article): string {
  if (!closest) return '同类地区无对应条文';
  const where = `${closest.citation.district ?? closest.citation.docId}${shortLabel(closest.citation.label)}`;
  switch (status) {
    case 'identical':
      return `与${where}文字相同`;
    case 'moved':
      return `与${where}文字相同，条序或所在章不同（草案${shortLabel(a.label)}）`;
    case 'near-identical':
      return `与${where}基本相同，个别文字改动 ${closest.diff?.changes ?? 0} 处`;
    case 'modified':
      return `参照${where}修改，改动 ${closest.diff?.changes ?? 0} 处（相同文字占 ${Math.round(closest.similarity * 100)}%）`;
    case 'new':
      return `同类地区无对应条文（最接近的${where}相同文字仅占 ${Math.round(closest.similarity * 100)}%）`;
  }
}

const shortLabel = (label: string) => label.replace(/[、，,．.:：\s\u3000]+$/u, '');

/**
 * Topics that at least half of the peers regulate (an article whose main topic, or a paragraph's, is the topic)
 * and the draft does not touch at all (no article or paragraph with the topic or a topic below it).
 */
function topicsLeftOut(peers: CorpusAnalysis, draftAssignments: TopicAssignment[]): MissingTopic[] {
  const taxonomy = peers.taxonomy;
  const draftTopics = new Set(draftAssignments.flatMap((a) => [...a.topics.map((t) => t.topic), ...a.paragraphs.flatMap((p) => p.topics.map((t) => t.topic))]));
  const regulated = new Map<string, Map<string, ArticleRef[]>>(); // topic → doc → articles
  for (const a of peers.classification.assignments) {
    const main = [a.topics[0]?.topic, ...a.paragraphs.map((p) => p.topics[0]?.topic)].filter((t): t is string => !!t);
    for (const t of new Set(main)) {
      const byDoc = regulated.get(t) ?? regulated.set(t, new Map()).get(t)!;
      (byDoc.get(a.article.docId) ?? byDoc.set(a.article.docId, []).get(a.article.docId)!).push(a.article);
    }
  }
  const n = peers.documents.length;
  const out: MissingTopic[] = [];
  for (const topic of taxonomy.topics) {
    const byDoc = regulated.get(topic.id);
    if (!byDoc || byDoc.size * 2 < n) continue;
    if ([...subtree(taxonomy, topic.id)].some((t) => draftTopics.has(t))) continue;
    // A topic whose parent the draft regulates under another child is still missing; one whose child is listed is reported once, at the child.
    const refs = [...byDoc.values()].flat().map((r) => {
      const doc = peers.document(r.docId);
      return placed(doc, articleOf(doc, r.key));
    });
    out.push({ topic: topic.id, name: topic.name, share: round(byDoc.size / n), peers: refs });
  }
  // Most widely regulated first.
  return out.sort((x, y) => y.share - x.share || taxonomy.topics.findIndex((t) => t.id === x.topic) - taxonomy.topics.findIndex((t) => t.id === y.topic));
}

