import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { align, articleTopics, compactAlignment, familiesForTopic, linksBetween } from '../../src/align/index.js';
import { evaluateAlignment, parseGold, type GoldAlignment } from '../../src/align/evaluate.js';
import { loadTaxonomy } from '../../src/classify/index.js';
import type { Alignment, RuleDocument } from '../../src/model.js';
import { corpus, docFromText, seed, seedText } from '../helpers/docs.js';
import { recombined, reorderedSeed } from '../helpers/synthetic.js';

const taxonomy = loadTaxonomy();
const gold: GoldAlignment = parseGold(JSON.parse(readFileSync(new URL('../fixtures/alignment-gold.json', import.meta.url), 'utf8')), taxonomy);
let cached: Alignment | null = null;
const corpusAlignment = () => (cached ??= align(corpus(), { taxonomy }));
const copyOf = (d: RuleDocument, id: string): RuleDocument => ({ ...d, id });

describe('alignment of the five seeds', () => {
  it('reaches F1 ≥ 0.94 on topic membership against the hand gold', () => {
    const ev = evaluateAlignment(corpusAlignment(), gold, taxonomy);
    expect(ev.documents).toHaveLength(5);
    expect(ev.membership.micro.f1).toBeGreaterThanOrEqual(0.9395);
    // correspondences it draws are mostly right, even where the gold is coarser than the families
    expect(ev.linkPairs.precision).toBeGreaterThanOrEqual(0.945);
    // 0.965 before decision 0015; 0.954 since districts that write a matter elsewhere join its family (洮北区 八十九、 in
    // 请销假, 怀柔区 六十三–六十五 in 财政资金): the pairs this gold counts wrong are those of articles it files under another topic.
    expect(ev.familyPairs.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('puts exactly one article of each of the five districts in the 常务会议 family and in the 全体会议 family', () => {
    for (const id of ['executive-meeting', 'plenary-meeting']) {
      const family = familiesForTopic(corpusAlignment(), id, taxonomy).filter((f) => f.topic === id)[0]!;
      expect(family.members.map((m) => m.docId).sort()).toEqual([...gold.docs].sort());
      const t = gold.topics.find((x) => x.topic === id)!;
      for (const m of family.members) expect(t.articles[m.docId]).toEqual([m.ordinal]);
    }
  });

  it('links corresponding articles although chapters are numbered and named differently (会议制度 is chapter 9 in one, 12 in another)', () => {
    const al = corpusAlignment();
    // 怀柔区 五十、 (chapter 9 会议制度) and 洮北区 六十四、 (chapter 12 会议制度): asking leave to miss a meeting
    const l = linksBetween(al, 'huairou-2021', 'taobei-2020').find((x) => x.a.ordinal === 50)!;
    expect(l.b.ordinal).toBe(64);
    expect(l.reason.length).toBeGreaterThan(10);
    // leave rules sit under 作风和纪律 in 怀柔区 and 工作纪律 in 呈贡区
    const leave = linksBetween(al, 'huairou-2021', 'chenggong-2022').find((x) => x.a.ordinal === 76)!;
    expect(leave.b.ordinal).toBe(66);
  });

  it('gives every link a score, a pass, a confidence and a reason, from earlier document to later', () => {
    const al = corpusAlignment();
    for (const l of al.links) {
      expect(l.score).toBeGreaterThan(0);
      expect(l.confidence).toBeGreaterThan(0);
      expect(l.confidence).toBeLessThanOrEqual(1);
      expect(['exact', 'topic-lexical', 'fuzzy', 'position']).toContain(l.pass);
      expect(l.reason).not.toBe('');
      expect(al.documents.indexOf(l.a.docId)).toBeLessThan(al.documents.indexOf(l.b.docId));
    }
    expect(al.pairs).toHaveLength(10);
    expect(al.pairs.every((p) => p.links > 30)).toBe(true);
  });

  it('does not compare every article with every other: candidates come from the index', () => {
    const b = corpusAlignment().budget;
    expect(b.exhausted).toBe(false);
    expect(b.possiblePairs).toBe(66343);
    expect(b.comparisons).toBeLessThan(b.possiblePairs / 5);
    expect(b.message).toMatch(/^complete/);
  });

  it('says so when a comparison budget stops it early', () => {
    const al = align(corpus(), { taxonomy, maxComparisons: 300 });
    expect(al.budget.exhausted).toBe(true);
    expect(al.budget.comparisons).toBeLessThanOrEqual(300 + al.links.filter((l) => l.pass === 'position').length);
    expect(al.budget.skippedArticles).toBeGreaterThan(0);
    expect(al.budget.message).toMatch(/^stopped early: comparison budget 300 reached; \d+ of 408 articles were not looked up/);
  });

  it('gives the same output twice', () => {
    expect(JSON.stringify(align(corpus(), { taxonomy }))).toBe(JSON.stringify(corpusAlignment()));
  });

  it('answers an article\'s topics for the per-topic report', () => {
    expect(articleTopics(corpusAlignment(), { docId: 'chaoyang-2015', key: 'art_34.p34' })[0]!.topic).toBe('executive-meeting');
    expect(familiesForTopic(corpusAlignment(), 'meetings', taxonomy).some((f) => f.topic === 'executive-meeting')).toBe(true);
  });
});

describe('alignment of edited and generated documents', () => {
  it('aligns a document with itself as the identity', () => {
    for (const d of corpus()) {
      const al = align([d, copyOf(d, `${d.id}-copy`)], { taxonomy });
      expect(al.links).toHaveLength(d.articles.length);
      for (const l of al.links) {
        expect(l.b.ordinal).toBe(l.a.ordinal);
        expect(l.pass).toBe('exact');
        expect(l.score).toBe(1);
      }
    }
  });

  it('matches a renumbered article by its text, not by its number', () => {
    const original = seed('chaoyang-2015');
    const { doc, sources } = reorderedSeed(original);
    expect(doc.articles).toHaveLength(original.articles.length);
    const al = align([original, doc], { taxonomy });
    let moved = 0;
    for (const [n, src] of sources) {
      const links = al.links.filter((l) => l.b.ordinal === n);
      expect(links.map((l) => [l.a.ordinal, l.pass])).toEqual([[src.ordinal, 'exact']]);
      if (src.ordinal !== n) moved++;
    }
    expect(moved).toBeGreaterThan(40);
    // 朝阳区 三十四、 (常务会议) became 第三十二条 of the reordered copy, whose 第三十四条 is 三十六、 (三重一大)
    const newNumber = [...sources].find(([, s]) => s.ordinal === 34)![0];
    expect(newNumber).toBe(32);
    expect(sources.get(34)).toEqual({ docId: 'chaoyang-2015', ordinal: 36 });
    expect(al.links.filter((l) => l.a.ordinal === 34).map((l) => l.b.ordinal)).toEqual([32]);
    expect(al.links.filter((l) => l.b.ordinal === 34).map((l) => l.a.ordinal)).toEqual([36]);
  });

  it('finds the source of every article of a document recombined from several seeds, a county\'s wording included', () => {
    const seeds = corpus();
    for (const k of [2, 7]) {
      const g = recombined(seeds, k);
      expect(g.doc.articles.length).toBe(g.sources.size);
      const al = align([...seeds, g.doc], { taxonomy });
      const fromSeeds = new Set([...g.sources.values()].map((s) => s.docId));
      expect(fromSeeds.size).toBeGreaterThanOrEqual(2);
      for (const [n, src] of g.sources) {
        const l = al.links.filter((x) => x.b.docId === g.doc.id && x.b.ordinal === n && x.a.docId === src.docId);
        expect(l.map((x) => x.a.ordinal), `${g.doc.id} article ${n} from ${src.docId} ${src.ordinal}`).toEqual([src.ordinal]);
      }
    }
    expect(recombined(seeds, 2).doc.meta.jurisdiction.level).toBe('county');
  });

  it('links one article to both articles it was merged from (one-to-many)', () => {
    const original = seed('chaoyang-2015');
    const a53 = original.articles.find((a) => a.ordinal === 53)!; // 外事活动 统筹安排
    const a54 = original.articles.find((a) => a.ordinal === 54)!; // 出访 审批
    const line54 = a54.text.split('\n')[0]!;
    const merged = seedText('chaoyang-2015').replace(line54, '').replace(a53.text.split('\n')[0]!, a53.text.split('\n')[0]! + line54.slice(a54.label.length));
    const doc = docFromText(merged, 'chaoyang-merged');
    const al = align([original, doc], { taxonomy });
    const toMerged = al.links.filter((l) => l.b.ordinal === 53).map((l) => l.a.ordinal).sort();
    expect(toMerged).toEqual([53, 54]);
    expect(al.links.find((l) => l.b.ordinal === 53 && l.a.ordinal === 53)!.reason).toMatch(/one of several counterparts/);
  });
});

describe('scoring against the gold', () => {
  it('gives F1 = 1 to an alignment whose families are the gold, and counts what is missing and extra', () => {
    const docs = gold.docs;
    const families = gold.topics.map((t, k) => ({
      id: `${t.topic}#1`,
      topic: t.topic,
      topicName: null,
      members: docs.flatMap((d) => (t.articles[d] ?? []).map((ordinal) => ({ docId: d, ordinal, label: '' }))),
      cohesion: 0,
      k,
    }));
    const perfect = { ...corpusAlignment(), families, links: [] };
    const ev = evaluateAlignment(perfect, gold, taxonomy);
    expect(ev.membership.micro.f1).toBe(1);
    const lessOne = { ...perfect, families: families.map((f) => (f.topic === 'scope' ? { ...f, members: f.members.slice(1) } : f)) };
    const ev2 = evaluateAlignment(lessOne, gold, taxonomy);
    expect(ev2.membership.micro.fn).toBe(1);
    expect(ev2.membership.topics.find((t) => t.topic === 'scope')!.missing).toEqual([`${docs[0]}:${gold.topics.find((t) => t.topic === 'scope')!.articles[docs[0]!]![0]}`]);
  });
});

describe('links at scale (decision 0070)', () => {
  it('a link’s reason is built when read, and is in its JSON and in linksBetween’s turned links', () => {
    const al = corpusAlignment();
    const l = al.links[0]!;
    expect(Object.keys(l).sort()).toEqual(['a', 'b', 'confidence', 'pass', 'score', 'topic']);
    expect(l.reason).toMatch(/\S/u);
    const json = JSON.parse(JSON.stringify(l)) as Record<string, unknown>;
    expect(json).toEqual({ a: l.a, b: l.b, score: l.score, pass: l.pass, confidence: l.confidence, topic: l.topic, reason: l.reason });
    const turned = linksBetween(al, l.b.docId, l.a.docId).find((x) => x.b.key === l.a.key && x.a.key === l.b.key)!;
    expect(turned.reason).toBe(l.reason);
  });

  it('the compact alignment (build’s alignment.json) has the families and per-pair counts, not the links', () => {
    const al = corpusAlignment();
    const c = compactAlignment(al) as { families: unknown; links: { count: number; byPass: Record<string, number> }; pairs: number[][]; documents: string[] };
    expect(c.families).toEqual(al.families);
    expect(c.links.count).toBe(al.links.length);
    expect(Object.values(c.links.byPass).reduce((s, n) => s + n, 0)).toBe(al.links.length);
    expect(c.pairs.reduce((s, p) => s + p[2]!, 0)).toBe(al.links.length);
    // no link objects (a family's joined members may say why they joined)
    expect(Array.isArray((c as { links: unknown }).links)).toBe(false);
    expect(JSON.stringify({ ...c, families: [] })).not.toContain('"reason"');
  });
});
