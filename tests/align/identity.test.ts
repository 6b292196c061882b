/**
 * Article identity: a draft with a repeated or skipped number is still one article per key, in every
 * family, link and citation; a key resolves after renumbering.
 */
import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/index.js';
import { extractDocumentFacts } from '../../src/extract/index.js';
import { findArticle, refId, type RuleDocument } from '../../src/model.js';
import { docFromText } from '../helpers/docs.js';

const DRAFT = [
  '某县人民政府工作规则（征求意见稿）',
  '',
  '第一章 总则',
  '第一条 为规范县政府工作，根据有关法律法规，制定本规则。',
  '第二条 县政府常务会议一般每周召开一次，由县长召集和主持，会议组成人员超过半数出席方能召开。',
  '第二条 副县长离县外出，应当事先向县长请假，并告知县政府办公室。',
  '第四条 县级财政预算安排的项目资金支出，50万元以下的由分管副县长审批，超过50万元的提交县政府常务会议研究决定。',
  '第二章 附则',
  '第五条 本规则自印发之日起施行。',
  '',
].join('\n');

const copy = (d: RuleDocument, id: string): RuleDocument => ({ ...d, id });

describe('article keys', () => {
  const doc = docFromText(DRAFT, 'draft');

  it('gives each article its own key, even two articles both numbered 第二条', () => {
    expect(doc.articles.map((a) => a.label)).toEqual(['第一条', '第二条', '第二条', '第四条', '第五条']);
    expect(doc.articles.map((a) => a.key)).toEqual(['art_1.p1', 'art_2.p2', 'art_2_2.p3', 'art_4.p4', 'art_5.p5']);
    expect(doc.diagnostics.some((d) => d.code === 'numbering-duplicate')).toBe(true);
  });

  it('aligns the draft with a copy of itself article for article: no article split across families', () => {
    const alignment = align([doc, copy(doc, 'copy')]);
    const links = alignment.links.filter((l) => l.pass === 'exact');
    // every article finds its own copy, and only its own copy
    expect(links.map((l) => [l.a.key, l.b.key])).toEqual(doc.articles.map((a) => [a.key, a.key]));
    for (const f of alignment.families) {
      const keys = f.members.map((m) => m.key);
      // a family of the draft and its copy holds the same articles on both sides
      expect(f.members.filter((m) => m.docId === 'draft').map((m) => m.key)).toEqual(f.members.filter((m) => m.docId === 'copy').map((m) => m.key));
      expect(new Set(keys.map((k) => k)).size * 2).toBe(keys.length);
    }
  });

  it('cites facts of the second 第二条 by its own key', () => {
    const leave = extractDocumentFacts(doc).leave;
    expect(leave.length).toBeGreaterThan(0);
    expect(leave.every((f) => f.citation.key === 'art_2_2.p3')).toBe(true);
    const meetings = extractDocumentFacts(doc).meetings;
    expect(meetings.every((f) => f.citation.key === 'art_2.p2')).toBe(true);
    expect(refId(leave[0]!.citation)).toBe('draft/art_2_2.p3');
  });

  it('resolves a key by number when articles moved, and by position when they were renumbered', () => {
    expect(findArticle(doc.articles, 'art_2_2.p3')?.index).toBe(2);
    // the same text renumbered 第一条…第五条: the old key of 第四条 finds the article in its place
    const renumbered = docFromText(DRAFT.replace('第二条 副县长', '第三条 副县长'), 'renumbered');
    expect(findArticle(renumbered.articles, 'art_2_2.p3')?.label).toBe('第三条');
    // an article inserted before: the number still finds 第四条
    const inserted = docFromText(DRAFT.replace('第一条 为规范', '第零条 目的。\n第一条 为规范').replace('第零条', '第一条'), 'inserted');
    expect(findArticle(inserted.articles, 'art_4.p4')?.text).toContain('50万元以下');
    expect(findArticle(doc.articles, '4')?.label).toBe('第四条');
    expect(findArticle(doc.articles, 'art_99.p99')).toBeUndefined();
  });
});
