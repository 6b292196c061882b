/**
 * The draft review, as a reviewer meets it: a seed edited the way drafts are edited, reviewed against the other
 * four seeds, differs from the review of the unedited seed by the planted edits alone; renumbering, re-encoding
 * and reordering add no deviation; a draft written blind (not from a seed) has its planted findings reported.
 */
import iconv from 'iconv-lite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../src/align/vectors.js';
import { documentFromBytes, loadDocuments } from '../../src/io/corpus.js';
import type { DraftReview, RuleDocument } from '../../src/model.js';
import { analyse } from '../../src/pipeline.js';
import { scoreReview, type PlantedFindings } from '../../src/review/evaluate.js';
import { reviewDraft } from '../../src/review/index.js';
import { corpus, seedText } from '../helpers/docs.js';
import { renderHtml } from '../helpers/html-render.js';

const SEED = 'huairou-2021';
const peers = analyse(corpus().filter((d) => d.id !== SEED));
const draftOf = (text: string | Uint8Array, name = 'draft.txt') => documentFromBytes(typeof text === 'string' ? new TextEncoder().encode(text) : text, name, 'draft');
const review = (doc: RuleDocument) => reviewDraft(peers, doc);

/** What a review says, in terms that survive renumbering: articles by their words, findings by what they are about. */
function findings(r: DraftReview) {
  return {
    articles: r.articles.map((a) => `${plainText(a.text)} → ${a.status === 'moved' ? 'identical' : a.status}`),
    deviations: r.deviations.map((d) => `${d.kind} | ${d.subject} | ${d.draft.value} | ${d.measure.type}`).sort(),
    missing: r.missingTopics.map((m) => m.topic).sort(),
    omitted: r.omittedFacts.map((o) => `${o.kind} | ${o.subject}`).sort(),
  };
}

/** The findings of `edited` that the seed's review does not have, and the seed's that `edited` lost. */
function delta(base: DraftReview, edited: DraftReview) {
  const a = findings(base);
  const b = findings(edited);
  const minus = (x: string[], y: string[]) => x.filter((v) => !y.includes(v));
  return {
    articles: { added: minus(b.articles, a.articles), removed: minus(a.articles, b.articles) },
    deviations: { added: minus(b.deviations, a.deviations), removed: minus(a.deviations, b.deviations) },
    missing: { added: minus(b.missing, a.missing), removed: minus(a.missing, b.missing) },
    omitted: { added: minus(b.omitted, a.omitted), removed: minus(a.omitted, b.omitted) },
  };
}

const text = seedText(SEED);
const edit = (from: string, to: string) => {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
};

/** The rules rebuilt from the segmented seed: title, chapters in the given order, articles numbered anew in the given style. */
function rebuilt(doc: RuleDocument, style: 'cn' | 'tiao', order = doc.chapters.map((_, i) => i)): string {
  const cn = (n: number): string => {
    const d = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if (n < 10) return d[n]!;
    if (n < 20) return `十${d[n % 10]}`;
    return `${d[Math.floor(n / 10)]}十${d[n % 10]}`;
  };
  const lines = [doc.meta.title!, ''];
  let n = 0;
  for (const k of order) {
    const ch = doc.chapters[k]!;
    lines.push(ch.heading);
    for (const a of doc.articles.filter((x) => x.chapter === ch.ordinal)) {
      n++;
      const body = a.text.slice(a.label.length);
      lines.push(`${style === 'tiao' ? `第${cn(n)}条 ` : `${cn(n)}、`}${body}`);
    }
  }
  return lines.join('\n') + '\n';
}

describe(`review of ${SEED} against the other four seeds`, () => {
  const seedDoc = corpus().find((d) => d.id === SEED)!;
  const base = review(draftOf(text, `${SEED}.txt`));

  it('covers every article, each with a status; the summary counts them', () => {
    expect(base.articles).toHaveLength(seedDoc.articles.length);
    const counted = Object.values(base.summary.byStatus).reduce((s, x) => s + x, 0);
    expect(counted).toBe(seedDoc.articles.length);
    expect(base.peers.map((p) => p.id)).not.toContain(SEED);
    // every peer citation resolves to the words it quotes
    for (const a of base.articles) for (const p of a.peers) expect(peers.document(p.citation.docId).articles.some((x) => x.key === p.citation.key)).toBe(true);
  });

  it('a changed meeting frequency (每周 → 每月) is reported as a meeting-frequency deviation, and nothing else', () => {
    const d = delta(base, review(draftOf(edit('区政府常务会议一般每周召开1次', '区政府常务会议一般每月召开1次'))));
    expect(d.deviations.added).toEqual([expect.stringMatching(/^meeting-frequency \| 常务会议 · 召开频次 \| 每月1次/u)]);
    expect(d.deviations.removed).toEqual([]);
    expect([d.missing, d.omitted]).toEqual([{ added: [], removed: [] }, { added: [], removed: [] }]);
    expect(d.articles.added).toHaveLength(1);
  });

  it('a changed quorum (一半以上 → 三分之二以上) is reported as a quorum deviation, and nothing else', () => {
    const r = review(draftOf(edit('达到总人数一半以上', '达到总人数三分之二以上')));
    const d = delta(base, r);
    expect(d.deviations.added).toEqual([expect.stringMatching(/^quorum \| 常务会议 · 法定出席人数 \| ≥ 2\/3/u)]);
    // The peers' range in their own words: where every peer's share is one half, said once (≥ and > named together), not "x–x".
    const quorum = r.deviations.find((x) => x.kind === 'quorum')!;
    expect(quorum.measure.text).toContain('超出同类地区范围（> 1/2、≥ 1/2；');
    expect(quorum.measure.text).not.toMatch(/(\S+)–\1/u);
    expect(d.deviations.removed).toEqual([]);
    expect(d.articles.added).toHaveLength(1);
  });

  it('a raised threshold (1000万元 → 5000万元) is reported against the peer median, and nothing else', () => {
    const r = review(draftOf(edit('1000万元(含)以下的,由区长、常务副区长、主管副区长共同审批;1000万元以上的', '5000万元(含)以下的,由区长、常务副区长、主管副区长共同审批;5000万元以上的')));
    const d = delta(base, r);
    expect(d.deviations.added.length).toBeGreaterThan(0);
    expect(d.deviations.added.every((x) => x.startsWith('threshold | ') && x.includes('5000万元'))).toBe(true);
    const dev = r.deviations.find((x) => x.kind === 'threshold' && x.draft.value.includes('5000万元'))!;
    expect(dev.measure.text).toMatch(/中位数|范围/u);
    expect(dev.peers.length).toBeGreaterThan(0);
    expect(d.deviations.removed.every((x) => x.startsWith('threshold | ') && x.includes('1000万元'))).toBe(true);
  });

  it('leave filed with another office and with another verb (向区长报告 → 向区政府办公室报备) is reported', () => {
    const r = review(draftOf(edit('副区长离京出访、出差、脱产学习、休假,应事先向区长报告', '副区长离京出访、出差、脱产学习、休假,应事先向区政府办公室报备')));
    const d = delta(base, r);
    expect(d.deviations.added).toEqual([expect.stringMatching(/^leave \| 副区长 · 离开辖区、外出 \| 报备 → 区政府办公室 \| different-(verb|recipient)$/u)]);
    expect(d.deviations.removed.every((x) => x.startsWith('leave | 副区长'))).toBe(true);
    expect([d.missing, d.omitted]).toEqual([{ added: [], removed: [] }, { added: [], removed: [] }]);
  });

  it('a deleted leave article: the leave rules it held are reported as omitted', () => {
    const article = seedDoc.articles.find((a) => a.text.includes('要严格执行请销假和报备制度'))!;
    const line = text.split('\n').find((l) => l.includes('要严格执行请销假和报备制度'))!;
    const r = review(draftOf(edit(`${line}\n`, '')));
    const d = delta(base, r);
    expect(r.articles).toHaveLength(seedDoc.articles.length - 1);
    expect(d.omitted.added.length + d.missing.added.length).toBeGreaterThan(0);
    expect([...d.omitted.added, ...d.deviations.removed].every((x) => x.startsWith('leave | '))).toBe(true);
    expect(d.missing.added.every((t) => t === 'leave-reporting')).toBe(true);
    expect(d.deviations.added).toEqual([]);
    expect(article).toBeDefined();
  });

  it('an added article no peer has is new, and adds nothing else', () => {
    const last = seedDoc.articles.at(-1)!;
    const line = text.split('\n').find((l) => l.trim().startsWith(last.label))!;
    const added = '  八十、区政府推进政务数据共享开放，建立公共数据目录和数据质量评估制度，运用人工智能辅助办文办会，相关算法模型须经安全评估后方可上线。';
    const r = review(draftOf(edit(line, `${line}\n${added}`)));
    const d = delta(base, r);
    expect(r.articles.at(-1)!.status).toBe('new');
    expect(r.newArticles).toContain(r.articles.at(-1)!.citation.key);
    expect(d.articles.added).toEqual([expect.stringMatching(/数据共享开放.* → new$/u)]);
    expect([d.deviations, d.missing, d.omitted]).toEqual([{ added: [], removed: [] }, { added: [], removed: [] }, { added: [], removed: [] }]);
  });

  it('renumbered (一、 → 第一条), saved as GBK, saved as HTML: the same findings', () => {
    const plain = findings(review(draftOf(rebuilt(seedDoc, 'cn'))));
    expect(findings(review(draftOf(rebuilt(seedDoc, 'tiao'))))).toEqual(plain);
    // Saved as GBK: characters GBK has no code for (the web copy's no-break spaces) become spaces first, as an editor saving it would.
    const gbkable = [...text].map((c) => (iconv.decode(iconv.encode(c, 'gbk'), 'gbk') === c ? c : ' ')).join('');
    expect(findings(review(draftOf(new Uint8Array(iconv.encode(gbkable, 'gbk')), 'gbk.txt')))).toEqual(findings(review(draftOf(gbkable))));
    expect(findings(review(draftOf(renderHtml(text), 'page.html')))).toEqual(findings(base));
    // rebuilding keeps the rules themselves: the same findings as the seed as published
    expect(plain.deviations).toEqual(findings(base).deviations);
  });

  it('two chapters in the other order (articles renumbered): no deviation, topic or omission changes; articles keep their status', () => {
    const order = seedDoc.chapters.map((_, i) => i);
    [order[3], order[4]] = [order[4]!, order[3]!];
    const d = delta(review(draftOf(rebuilt(seedDoc, 'cn'))), review(draftOf(rebuilt(seedDoc, 'cn', order))));
    expect(d).toEqual({ articles: { added: [], removed: [] }, deviations: { added: [], removed: [] }, missing: { added: [], removed: [] }, omitted: { added: [], removed: [] } });
  });
});

describe('a draft written blind with planted findings (not from a seed)', () => {
  const dir = new URL('../fixtures/review/', import.meta.url);
  const expected = JSON.parse(readFileSync(new URL('xinhe-draft.expected.json', dir), 'utf8')) as PlantedFindings;
  const draft = loadDocuments([new URL('xinhe-draft.txt', dir).pathname], '.').documents[0]!;
  const all = analyse(corpus());
  const r = reviewDraft(all, draft);
  const s = scoreReview(r, expected);

  it.each(['copied', 'modified', 'new', 'missingTopics', 'deviations'])('every planted finding of kind %s is reported', (kind) => {
    expect(s[kind]!.planted).toBeGreaterThan(0);
    expect(s[kind]!.missed).toEqual([]);
  });

  it('names both sides in each deviation: the draft value and the peers’ values, with citations', () => {
    for (const d of r.deviations) {
      expect(draft.text.slice(d.draft.citation.span.start, d.draft.citation.span.end)).toBe(d.draft.citation.quote);
      expect(d.peers.length).toBeGreaterThan(0);
      expect(d.distribution.reduce((n, x) => n + x.count, 0)).toBe(d.peers.length);
      for (const p of d.peers) expect(all.document(p.docId).text.slice(p.citation.span.start, p.citation.span.end)).toBe(p.citation.quote);
    }
  });
});
