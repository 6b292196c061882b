/**
 * Clause families: for each topic, the articles that have it, joined by the links between them
 * (connected components). A family is about one topic; an article that covers two topics sits in a
 * family of each. An article of a topic that no other document matches is a family of one, so the
 * per-topic view still shows it. Articles without a topic that are linked form untopical families.
 */
import { refId, type AlignmentLink, type ArticleRef, type ClauseFamily, type Taxonomy, type TopicAssignment } from '../model.js';

const keyOf = refId;

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const x = this.find(a);
    const y = this.find(b);
    if (x !== y) this.parent.set(x < y ? y : x, x < y ? x : y);
  }
}

export function buildFamilies(assignments: TopicAssignment[], links: AlignmentLink[], docOrder: string[], taxonomy: Taxonomy): ClauseFamily[] {
  const docRank = new Map(docOrder.map((d, i) => [d, i]));
  const positions = new Map(assignments.map((a, i) => [keyOf(a.article), i]));
  const position = (r: ArticleRef) => positions.get(keyOf(r)) ?? Infinity;
  const refOrder = (x: ArticleRef, y: ArticleRef) => docRank.get(x.docId)! - docRank.get(y.docId)! || position(x) - position(y);
  const topicSets = new Map(assignments.map((a) => [keyOf(a.article), new Set(a.topics.map((t) => t.topic))]));
  const topicsOf = (r: ArticleRef) => topicSets.get(keyOf(r)) ?? new Set<string>();
  const topicOrder = new Map(taxonomy.topics.map((t, i) => [t.id, i]));

  const members = new Map<string, ArticleRef[]>();
  for (const a of assignments)
    for (const t of a.topics) {
      let list = members.get(t.topic);
      if (!list) members.set(t.topic, (list = []));
      list.push(a.article);
    }
  // Links by the topics both their articles have (a family only grows through links inside its topic).
  const linksOf = new Map<string | null, AlignmentLink[]>();
  const untopical = new Set(assignments.filter((a) => a.topics.length === 0).map((a) => keyOf(a.article)));
  for (const l of links) {
    const ta = topicsOf(l.a);
    const shared: (string | null)[] = [...topicsOf(l.b)].filter((t) => ta.has(t));
    if (untopical.has(keyOf(l.a)) && untopical.has(keyOf(l.b))) shared.push(null);
    for (const t of shared) {
      let list = linksOf.get(t);
      if (!list) linksOf.set(t, (list = []));
      list.push(l);
    }
  }
  const families: ClauseFamily[] = [];
  const group = (topic: string | null, refs: ArticleRef[], keepSingletons: boolean) => {
    const uf = new UnionFind();
    const inner = linksOf.get(topic) ?? [];
    for (const l of inner) uf.union(keyOf(l.a), keyOf(l.b));
    const comps = new Map<string, ArticleRef[]>();
    for (const r of refs) {
      const root = uf.find(keyOf(r));
      let c = comps.get(root);
      if (!c) comps.set(root, (c = []));
      c.push(r);
    }
    const scores = new Map<string, number[]>();
    for (const l of inner) {
      const root = uf.find(keyOf(l.a));
      let s = scores.get(root);
      if (!s) scores.set(root, (s = []));
      s.push(l.score);
    }
    const list = [...comps.entries()]
      .filter(([, c]) => keepSingletons || c.length > 1)
      .map(([root, c]) => ({ root, c: c.sort(refOrder) }))
      .sort((x, y) => y.c.length - x.c.length || refOrder(x.c[0]!, y.c[0]!));
    list.forEach(({ root, c }, k) => {
      const own = scores.get(root) ?? [];
      families.push({
        id: `${topic ?? 'untopical'}#${k + 1}`,
        topic,
        topicName: topic ? taxonomy.byId.get(topic)?.name ?? null : null,
        members: c,
        cohesion: own.length ? Math.round((own.reduce((s, x) => s + x, 0) / own.length) * 1000) / 1000 : 0,
      });
    });
  };
  const topics = [...members.keys()].sort((x, y) => topicOrder.get(x)! - topicOrder.get(y)!);
  for (const t of topics) group(t, members.get(t)!, true);
  group(null, assignments.filter((a) => a.topics.length === 0).map((a) => a.article), false);
  return families;
}
