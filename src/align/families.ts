/**
 * Clause families: for each topic, the articles that have it, joined by the links between them
 * (connected components). A family is about one topic; an article that covers two topics sits in a
 * family of each. An article of a topic that no other document matches is a family of one, so the
 * per-topic view still shows it. Articles without a topic that are linked form untopical families.
 *
 * One matter in one family (docs/decisions/0015-families-one-matter.md). The passes link articles one to one
 * (with few one-to-many exceptions), so a district that writes a matter in another place or in several
 * articles ends up in a family of its own although its articles have the topic. After the components:
 *  - merge: a family of the topic whose documents the topic's larger family has none of joins it, when one
 *    of its articles is filed under a chapter that shares a word with the chapter of one of the family's
 *    articles (纪律约束 ~ 作风和纪律) or whose title names the topic (a chapter cue: 重大事项审批制度 for
 *    财政资金与重大项目审批). The joined articles are listed in `joined`, with the reason; there is no
 *    link behind them. Only into a family of two or more documents;
 *  - link: families of one topic that each span two or more documents and sit under the same chapter title in
 *    at least half of the documents they share are one matter (`matter`: the id of its first family):
 *    aspects of one matter that the documents write in parallel articles (重大决策程序: procedure,
 *    consultation, expert appraisal …), kept apart so each family still lines up article by article.
 */
import { refId, type AlignmentLink, type ArticleRef, type ClauseFamily, type Taxonomy, type TopicAssignment } from '../model.js';

const keyOf = refId;

/** Union-find (the root is the smaller). */
class UnionFind<T extends number | string> {
  private parent = new Map<T, T>();
  find(x: T): T {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: T, b: T): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent.set(x < y ? y : x, x < y ? x : y);
  }
}

/** Links as the family builder reads them: row k joins articles i[k] and j[k] (indexes of `assignments`) with score(k). */
export interface FamilyEdges {
  length: number;
  i: ArrayLike<number>;
  j: ArrayLike<number>;
  score(k: number): number;
}

/** Links as objects, as edges between indexes of `assignments` (a link to an article not among them is left out, as it always was). */
function edgesOf(links: AlignmentLink[], index: Map<string, number>): FamilyEdges {
  const i: number[] = [];
  const j: number[] = [];
  const score: number[] = [];
  for (const l of links) {
    const a = index.get(keyOf(l.a));
    const b = index.get(keyOf(l.b));
    if (a === undefined || b === undefined) continue;
    i.push(a);
    j.push(b);
    score.push(l.score);
  }
  return { length: i.length, i, j, score: (k) => score[k]! };
}

export interface FamilyOptions {
  /** Merge a family of documents the topic's larger family lacks into it (default true). */
  merge: boolean;
  /** Link families of one topic under one chapter title as one matter (default true). */
  link: boolean;
  /** Documents each linked family must span (default 2: a family of one article is more often a passing mention). */
  linkMinDocuments: number;
  /** Share of the shared documents where the two families sit under the same chapter title (default 0.5). */
  linkChapterShare: number;
  /** Also link a family to a family of the parent topic on the same terms (default false: measured and rejected, 0015). */
  linkSubtopics: boolean;
}

export const DEFAULT_FAMILY_OPTIONS: FamilyOptions = { merge: true, link: true, linkMinDocuments: 2, linkChapterShare: 0.5, linkSubtopics: false };

/** What the family builder knows of an article beyond its topics: the content words of the title it is filed under. */
export interface FamilyContext {
  chapterWords(ref: ArticleRef): ReadonlySet<string>;
}

const shareWord = (a: ReadonlySet<string>, b: ReadonlySet<string>) => [...a].some((w) => b.has(w));

export function buildFamilies(
  assignments: TopicAssignment[],
  links: AlignmentLink[] | FamilyEdges,
  docOrder: string[],
  taxonomy: Taxonomy,
  context: FamilyContext = { chapterWords: () => new Set() },
  options: Partial<FamilyOptions> = {},
): ClauseFamily[] {
  const o = { ...DEFAULT_FAMILY_OPTIONS, ...options };
  const docRank = new Map(docOrder.map((d, i) => [d, i]));
  const refs = assignments.map((a) => a.article);
  const rankOf = refs.map((r) => docRank.get(r.docId)!);
  // Articles by index of `assignments`: document order of the run, then position.
  const order = (x: number, y: number) => rankOf[x]! - rankOf[y]! || x - y;
  const topicSets = assignments.map((a) => new Set(a.topics.map((t) => t.topic)));
  const titleOf = (k: number) => assignments[k]!.chapterTitle;
  // What an article regulates: its main topic and the main topic of each of its paragraphs (款).
  const mainTopics = assignments.map((a) => new Set([a.topics[0]?.topic, ...a.paragraphs.map((p) => p.topics[0]?.topic)].filter((t): t is string => !!t)));
  const regulates = (k: number, topic: string) => mainTopics[k]!.has(topic);
  const topicOrder = new Map(taxonomy.topics.map((t, i) => [t.id, i]));
  const edges = Array.isArray(links) ? edgesOf(links, new Map(refs.map((r, k) => [keyOf(r), k]))) : links;

  const members = new Map<string, number[]>();
  assignments.forEach((a, k) => {
    for (const t of a.topics) {
      let list = members.get(t.topic);
      if (!list) members.set(t.topic, (list = []));
      list.push(k);
    }
  });
  // Links (rows of `edges`) by the topics both their articles have (a family only grows through links inside its topic).
  const linksOf = new Map<string | null, number[]>();
  const push = (t: string | null, e: number) => {
    let list = linksOf.get(t);
    if (!list) linksOf.set(t, (list = []));
    list.push(e);
  };
  for (let e = 0; e < edges.length; e++) {
    const a = edges.i[e]!;
    const b = edges.j[e]!;
    const ta = topicSets[a]!;
    const tb = topicSets[b]!;
    for (const t of tb) if (ta.has(t)) push(t, e);
    if (ta.size === 0 && tb.size === 0) push(null, e);
  }

  interface Group {
    /** Article indexes, in order. */
    c: number[];
    scores: number[];
    joined: { article: number; reason: string }[];
  }
  const docsOf = (c: number[]) => new Set(c.map((k) => refs[k]!.docId));
  const bySize = (x: Group, y: Group) => y.c.length - x.c.length || order(x.c[0]!, y.c[0]!);

  /** Why group g regulates the matter of family f (whose documents it has none of), or null. */
  const mergeReason = (topic: string, f: Group, g: Group): string | null => {
    const cues = taxonomy.byId.get(topic)?.chapterCues ?? [];
    for (const x of g.c) {
      if (!regulates(x, topic)) continue;
      const title = titleOf(x);
      const words = context.chapterWords(refs[x]!);
      const peer = f.c.find((y) => refs[y]!.docId !== refs[x]!.docId && shareWord(words, context.chapterWords(refs[y]!)));
      if (peer !== undefined) return `same topic; its document has no article in the family; chapter ${title ?? '—'} ~ ${titleOf(peer) ?? '—'}`;
      const cue = title ? cues.find((c) => title.includes(c)) : undefined;
      if (cue) return `same topic; its document has no article in the family; chapter ${title} names the topic (${cue})`;
    }
    return null;
  };

  /** Per document, the chapter titles a group's articles are filed under. */
  const titlesByDoc = (c: number[]): Map<string, Set<string>> => {
    const m = new Map<string, Set<string>>();
    for (const k of c) {
      const t = titleOf(k);
      const d = refs[k]!.docId;
      const set = m.get(d) ?? m.set(d, new Set()).get(d)!;
      if (t !== null) set.add(t);
    }
    return m;
  };
  /** In how many of the documents two groups share they sit under one chapter title, as a share. */
  const sameChapterShare = (f: Map<string, Set<string>>, g: Map<string, Set<string>>): number => {
    let shared = 0;
    let same = 0;
    for (const [d, titles] of g) {
      const mine = f.get(d);
      if (!mine) continue;
      shared++;
      if ([...titles].some((t) => mine.has(t))) same++;
    }
    return shared ? same / shared : 0;
  };

  const families: ClauseFamily[] = [];
  const group = (topic: string | null, articles: number[], keepSingletons: boolean) => {
    const uf = new UnionFind<number>();
    const inner = linksOf.get(topic) ?? [];
    for (const e of inner) uf.union(edges.i[e]!, edges.j[e]!);
    const comps = new Map<number, Group>();
    for (const k of articles) {
      const root = uf.find(k);
      let g = comps.get(root);
      if (!g) comps.set(root, (g = { c: [], scores: [], joined: [] }));
      g.c.push(k);
    }
    for (const e of inner) comps.get(uf.find(edges.i[e]!))?.scores.push(edges.score(e));
    let list = [...comps.values()].filter((g) => keepSingletons || g.c.length > 1);
    for (const g of list) g.c.sort(order);
    list.sort(bySize);

    if (topic !== null && o.merge) {
      // Documents of each family before any merge: a district's several articles on the matter all join.
      const ownDocs = new Map(list.map((g) => [g, docsOf(g.c)]));
      const gone = new Set<Group>();
      for (let j = 1; j < list.length; j++) {
        const g = list[j]!;
        const gd = ownDocs.get(g)!;
        for (let i = 0; i < j; i++) {
          const f = list[i]!;
          if (gone.has(f) || ownDocs.get(f)!.size < 2 || [...gd].some((d) => ownDocs.get(f)!.has(d)) || !f.c.some((r) => regulates(r, topic))) continue;
          const reason = mergeReason(topic, f, g);
          if (!reason) continue;
          // Loops, not push(...): a family of a national corpus can hold more members than a call has arguments.
          for (const r of g.c) f.c.push(r), f.joined.push({ article: r, reason });
          f.c.sort(order);
          for (const x of g.scores) f.scores.push(x);
          gone.add(g);
          break;
        }
      }
      list = list.filter((g) => !gone.has(g)).sort(bySize);
    }

    const ids = list.map((_, k) => `${topic ?? 'untopical'}#${k + 1}`);
    const matter = list.map((_, k) => k);
    if (topic !== null && o.link) {
      const root = (k: number): number => (matter[k] === k ? k : (matter[k] = root(matter[k]!)));
      const titles = list.map((g) => titlesByDoc(g.c));
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++) {
          if (titles[i]!.size < o.linkMinDocuments || titles[j]!.size < o.linkMinDocuments) continue;
          if (sameChapterShare(titles[i]!, titles[j]!) < o.linkChapterShare) continue;
          const [x, y] = [root(i), root(j)];
          if (x !== y) matter[Math.max(x, y)] = Math.min(x, y);
        }
      for (let k = 0; k < list.length; k++) matter[k] = root(k);
    }
    list.forEach((g, k) => {
      families.push({
        id: ids[k]!,
        topic,
        topicName: topic ? taxonomy.byId.get(topic)?.name ?? null : null,
        members: g.c.map((x) => refs[x]!),
        cohesion: g.scores.length ? Math.round((g.scores.reduce((s, x) => s + x, 0) / g.scores.length) * 1000) / 1000 : 0,
        matter: ids[matter[k]!]!,
        joined: g.joined.sort((x, y) => order(x.article, y.article)).map((x) => ({ article: refs[x.article]!, reason: x.reason })),
      });
    });
  };
  const topics = [...members.keys()].sort((x, y) => topicOrder.get(x)! - topicOrder.get(y)!);
  for (const t of topics) group(t, members.get(t)!, true);
  group(null, assignments.flatMap((a, k) => (a.topics.length === 0 ? [k] : [])), false);
  if (o.link && o.linkSubtopics) {
    const index = new Map(refs.map((r, k) => [keyOf(r), k]));
    const at = (f: ClauseFamily) => f.members.map((r) => index.get(keyOf(r))!);
    linkToParents(families, taxonomy, o, (f, g) => sameChapterShare(titlesByDoc(at(f)), titlesByDoc(at(g))));
  }
  return families;
}

/** The rejected alternative of 0015: a family also joins the matter of a family of its parent topic under the same chapter. */
function linkToParents(families: ClauseFamily[], taxonomy: Taxonomy, o: FamilyOptions, share: (f: ClauseFamily, g: ClauseFamily) => number): void {
  const uf = new UnionFind<string>();
  const docs = (f: ClauseFamily) => new Set(f.members.map((m) => m.docId)).size;
  for (const f of families) {
    const parent = f.topic ? taxonomy.byId.get(f.topic)?.parent : null;
    if (!parent || docs(f) < o.linkMinDocuments) continue;
    for (const g of families) if (g.topic === parent && docs(g) >= o.linkMinDocuments && share(f, g) >= o.linkChapterShare) uf.union(f.matter, g.matter);
  }
  // The matter's id: its family first in the list.
  const first = new Map<string, string>();
  for (const f of families) if (!first.has(uf.find(f.matter))) first.set(uf.find(f.matter), f.matter);
  for (const f of families) f.matter = first.get(uf.find(f.matter))!;
}

/** The families of one matter: the family and the families linked to it (same `matter`), in order. */
export function matterOf(families: ClauseFamily[], family: ClauseFamily): ClauseFamily[] {
  const m = family.matter ?? family.id;
  return families.filter((f) => (f.matter ?? f.id) === m);
}
