import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyDocument, classifyDocuments, cueText, findTopic, loadTaxonomy, parseTaxonomy, subtree } from '../../src/classify/index.js';
import { ownLevelChar } from '../../src/classify/level.js';
import { loadDocument } from '../../src/io/corpus.js';
import { corpus, docFromText, HELDOUT_DIR, seed } from '../helpers/docs.js';
import { asCounty, chaptersOf, render } from '../helpers/synthetic.js';

const taxonomy = loadTaxonomy();
const gold = JSON.parse(readFileSync(new URL('../fixtures/alignment-gold.json', import.meta.url), 'utf8')) as {
  docs: string[];
  topics: { topic: string; articles: Record<string, number[]> }[];
};
const mainTopic = (docId: string, ordinal: number) => classifyDocument(seed(docId)).find((a) => a.article.ordinal === ordinal)?.topics[0]?.topic;
const topicsOf = (docId: string, ordinal: number) => classifyDocument(seed(docId)).find((a) => a.article.ordinal === ordinal)!.topics.map((t) => t.topic);

describe('taxonomy (data/topics.json)', () => {
  it('has at least 20 topics, each with an id, a Chinese name and a description, in the hierarchy the issue names', () => {
    expect(taxonomy.topics.length).toBeGreaterThanOrEqual(20);
    for (const t of taxonomy.topics) {
      expect(t.name).toMatch(/[\u4e00-\u9fa5]/);
      expect(t.description.length).toBeGreaterThan(10);
    }
    const parentOf = (name: string) => taxonomy.byId.get(findTopic(taxonomy, name).parent ?? '')?.name;
    for (const child of ['全体会议', '常务会议', '联席会议', '会议议题', '会议请假', '会议纪要']) expect(parentOf(child)).toBe('会议');
    expect(parentOf('专题会议')).toBe('区长办公会议与专题会议');
    expect(parentOf('公文报送')).toBe('公文');
    expect(parentOf('公文审批与签发')).toBe('公文');
    expect(parentOf('出访审批')).toBe('外事');
    expect(parentOf('舆情回应')).toBe('政务公开');
    expect(parentOf('新闻发言人')).toBe('政务公开');
    expect(parentOf('规范性文件')).toBe('依法行政');
    expect(parentOf('合法性审查')).toBe('依法行政');
    expect(parentOf('适用范围')).toBe('附则');
    expect(parentOf('施行与废止')).toBe('附则');
    for (const name of ['请销假与报备', '重大决策程序', '监督', '廉政与节约', '督查与绩效', '调查研究', '财政资金与重大项目审批', '印章', '议事协调机构'])
      expect(findTopic(taxonomy, name).name).toBe(name);
  });

  it('keeps the ids the hand gold uses', () => {
    for (const t of gold.topics) expect(taxonomy.byId.has(t.topic), t.topic).toBe(true);
  });

  it('has genre words as cues, never sentences of a document', () => {
    for (const t of taxonomy.topics)
      for (const c of [...t.cues, ...t.weakCues, ...t.chapterCues]) {
        // a sentence pattern (A…B) is two words, each held to the limit of a word
        const words = c.split('…');
        expect(words.length, `${t.id}: ${c}`).toBeLessThanOrEqual(2);
        for (const w of words) expect(w.length, `${t.id}: ${c}`).toBeLessThanOrEqual(8);
        expect(c, `${t.id}: ${c}`).not.toMatch(/[，,。；;：:、！？]/);
      }
  });

  it('rejects a broken taxonomy with one line naming the problem', () => {
    const t = (topics: unknown[]) => () => parseTaxonomy({ topics });
    expect(t([{ id: 'a', name: '甲' }, { id: 'a', name: '乙' }])).toThrow(/^taxonomy: duplicate topic id "a"$/);
    expect(t([{ id: 'a', name: '甲', parent: 'zzz' }])).toThrow(/unknown parent "zzz"/);
    expect(t([{ id: 'a', name: '甲', parent: 'b' }, { id: 'b', name: '乙', parent: 'a' }])).toThrow(/its own ancestor/);
    expect(t([{ id: 'a', name: '甲', cues: '常务会议' }])).toThrow(/cues must be a list/);
  });

  it('finds a topic by id, name or a unique part of a name, and says which topics an ambiguous query could mean', () => {
    expect(findTopic(taxonomy, 'executive-meeting').name).toBe('常务会议');
    expect(findTopic(taxonomy, '常务会议').id).toBe('executive-meeting');
    expect(findTopic(taxonomy, '请销假').id).toBe('leave-reporting');
    expect(() => findTopic(taxonomy, '公文')).not.toThrow();
    expect(() => findTopic(taxonomy, '会议')).not.toThrow();
    expect(() => findTopic(taxonomy, '审批')).toThrow(/ambiguous/);
    // a part of one name (会议请假) and a cue word of another (请销假与报备): both are listed
    expect(() => findTopic(taxonomy, '请假')).toThrow(/ambiguous: 请销假与报备 \(leave-reporting\), 会议请假 \(meeting-leave\)/);
    expect(() => findTopic(taxonomy, '天气')).toThrow(/unknown topic "天气"/);
  });
});

describe('classification of the seed articles', () => {
  it('gives each district\'s 全体会议 and 常务会议 article that meeting as its main topic', () => {
    for (const id of ['plenary-meeting', 'executive-meeting']) {
      const t = gold.topics.find((x) => x.topic === id)!;
      for (const d of gold.docs) expect(mainTopic(d, t.articles[d]![0]!), `${d} ${t.articles[d]}`).toBe(id);
    }
  });

  it('puts an article that only lists the meeting types under 会议 itself, not under one of the types', () => {
    // 怀柔区 三十九、区政府实行区政府全体会议、区政府常务会议、……联席会议……制度
    expect(mainTopic('huairou-2021', 39)).toBe('meetings');
    expect(mainTopic('chaoyang-2015', 32)).toBe('meetings');
    expect(mainTopic('tongzhou-2022', 44)).toBe('meetings');
  });

  it('tells a leave rule for missing a meeting from a leave rule for leaving the district', () => {
    expect(mainTopic('huairou-2021', 50)).toBe('meeting-leave'); // 副区长不能出席区长召开会议的,需向区长请假
    expect(mainTopic('huairou-2021', 76)).toBe('leave-reporting'); // 要严格执行请销假和报备制度。副区长离京出访……
    expect(mainTopic('chenggong-2022', 44)).toBe('meeting-leave');
    expect(mainTopic('chenggong-2022', 66)).toBe('leave-reporting');
  });

  it('gives an article two topics when its paragraphs speak of two things', () => {
    // 洮北区 八十九、严明工作纪律。…… / 严格执行请销假制度。副区长外出……应事先报请区长同意
    const t = classifyDocument(seed('taobei-2020')).find((a) => a.article.ordinal === 89)!;
    expect(t.topics.map((x) => x.topic)).toContain('leave-reporting');
    expect(t.paragraphs.find((p) => p.index === 4)?.topics[0]?.topic).toBe('leave-reporting');
    // 怀柔区 十六、严格合法性审查。……行政规范性文件……
    expect(topicsOf('huairou-2021', 16)).toEqual(expect.arrayContaining(['legality-review', 'normative-documents']));
  });

  it('records the evidence: cue terms found in the article and the chapter title', () => {
    const a = classifyDocument(seed('chaoyang-2015')).find((x) => x.article.ordinal === 34)!;
    expect(a.chapterTitle).toBe('会议制度');
    const main = a.topics[0]!;
    expect(main.topic).toBe('executive-meeting');
    expect(main.evidence.cues.map((c) => c.term)).toContain('常务会议');
    expect(main.evidence.cues.find((c) => c.term === '常务会议')!.count).toBeGreaterThanOrEqual(2);
    expect(main.evidence.chapter).toBe('会议制度');
  });

  it('lists unclassified articles instead of hiding them', () => {
    const doc = docFromText('测试区人民政府工作规则\n\n第一条 今天天气晴朗，微风。\n\n第二条 区政府常务会议由区长、副区长组成，一般每周召开一次。\n', 'weather');
    const c = classifyDocuments([doc]);
    expect(c.unclassified.map((r) => r.ordinal)).toEqual([1]);
    expect(c.assignments.find((a) => a.article.ordinal === 2)!.topics[0]!.topic).toBe('executive-meeting');
    const all = classifyDocuments(corpus());
    expect(all.unclassified).toEqual(all.assignments.filter((a) => a.topics.length === 0).map((a) => a.article));
  });
});

describe('classification of documents it was not written on', () => {
  it('reads a county\'s rules (县长, 县政府常务会议, 离县) like a district\'s', () => {
    const doc = loadDocument(`${HELDOUT_DIR}qingshan-county.txt`);
    const main = (n: number) => classifyDocument(doc).find((a) => a.article.ordinal === n)!.topics[0]?.topic;
    expect(main(4)).toBe('plenary-meeting'); // 县政府全体会议由县长、副县长……组成
    expect(main(5)).toBe('executive-meeting'); // 县政府常务会议由县长、副县长和县政府办公室主任组成
    expect(main(6)).toBe('mayor-office-meeting'); // 县长办公会议由县长或者县长委托的副县长主持
    expect(main(8)).toBe('meeting-leave'); // 不能参加县政府全体会议、常务会议的……请假
    expect(main(9)).toBe('fiscal-approval'); // 县级财政预算安排的项目资金支出，50万元以下的……
    expect(main(13)).toBe('leave-reporting'); // 副县长离县外出，应提前向县长请假
    expect(main(14)).toBe('foreign-trips'); // 县长出国（境），须报县委书记同意后……
  });

  it('gives a county copy of a seed the same main topics as the seed', () => {
    const original = seed('huairou-2021');
    const county = render('huairou-county', '北京市某某县人民政府工作规则', chaptersOf(original), true).doc;
    expect(county.articles.length).toBe(original.articles.length);
    expect(county.articles[40]!.text).toMatch(/县政府常务会议由县长/);
    const a = classifyDocument(original).map((x) => x.topics[0]?.topic);
    const b = classifyDocument(county).map((x) => x.topics[0]?.topic);
    const same = a.filter((t, i) => t === b[i]).length;
    expect(same / a.length).toBeGreaterThanOrEqual(0.95);
    expect(asCounty('区长离区出差')).toBe('县长离县出差');
  });

  it("reads an autonomous prefecture's rules (州长, 州政府常务会议, 离州) like a district's", () => {
    const original = seed('huairou-2021');
    const asPrefecture = (t: string) => asCounty(t).replaceAll('县', '州');
    const prefecture = render('huairou-prefecture', '某某自治州人民政府工作规则', chaptersOf(original), false, asPrefecture).doc;
    expect(prefecture.meta.jurisdiction.name?.endsWith('州')).toBe(true);
    expect(prefecture.articles[40]!.text).toMatch(/州政府常务会议由州长/);
    const a = classifyDocument(original).map((x) => x.topics[0]?.topic);
    const b = classifyDocument(prefecture).map((x) => x.topics[0]?.topic);
    expect(a.filter((t, i) => t === b[i]).length / a.length).toBeGreaterThanOrEqual(0.95);
    // its own level is 州, rewritten to the district form as a county's 县 is (and the province above to 市)
    expect(ownLevelChar(prefecture)).toBe('州');
    expect(cueText('州长离州外出，由常务副州长主持州政府工作，报省政府备案', '州')).toBe(cueText('区长离区外出，由常务副区长主持区政府工作，报市政府备案', '区'));
  });

  it('never puts a topic outside the taxonomy, and every topic of an article below its main topic is implied, not listed', () => {
    for (const d of corpus())
      for (const a of classifyDocument(d)) {
        for (const t of a.topics) expect(taxonomy.byId.has(t.topic)).toBe(true);
        const [main, ...rest] = a.topics;
        for (const t of rest) expect(subtree(taxonomy, t.topic).has(main!.topic) || subtree(taxonomy, main!.topic).has(t.topic)).toBe(false);
      }
  });
});

describe('a chapter that names two topics', () => {
  it('请示报告和请销假: the head’s own leaving rule, which reports to the bodies above, is leave (请销假), not reporting', () => {
    const doc = docFromText(
      '某县人民政府工作规则\n\n第一章 总则\n\n第一条 为规范县政府工作，制定本规则。\n\n第二章 请示报告和请销假\n\n第二条 县政府向市政府请示、报告工作，应当由县政府主要负责同志签发。\n\n第三条 县长离县外出，须提前向市委、市政府报告，同时向县委书记通报。\n\n第四条 副县长离县外出，须事先向县长请假。\n',
      'two-topics',
    );
    const main = (n: number) => classifyDocument(doc).find((a) => a.article.ordinal === n)?.topics[0]?.topic;
    expect(main(3)).toBe('leave-reporting');
    expect(main(4)).toBe('leave-reporting');
    expect(main(2)).toBe('reporting');
  });
});
