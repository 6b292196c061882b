/** Query understanding: sentences cut into content words, question and function words left out, best partial matches. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadDocument, loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { queryAlternatives } from '../../src/search/synonyms.js';
import { parseQuery } from '../../src/search/terms.js';
import { getTokenizer } from '../../src/tokenize/index.js';

const t = getTokenizer();
let index: SearchIndex;
beforeAll(() => {
  index = SearchIndex.build(loadDocuments([], 'corpus').documents);
});

describe('a query typed as a sentence', () => {
  it('is cut into its content words; question and function words are left out and named', () => {
    const [p] = parseQuery('副区长外出向谁请假', t);
    expect(p!.units).toEqual(['副区长', '外出', '请假']);
    expect(p!.dropped).toEqual(['向谁']); // a question word of two characters is named whole
    expect(parseQuery('常务会议多久开一次', t)[0]!.units).toEqual(['常务会议', '开']); // 一次: the how-often question's
    expect(parseQuery('多少万元以上要常务会议讨论', t)[0]!.dropped).toEqual(['多少', '要']);
  });

  it('keeps a question word of two characters whole, so jieba does not join it to the next word (多少人|才能, not 多少|人才)', () => {
    const [p] = parseQuery('政府常务会议要到多少人才能开得成', t);
    expect(p!.units).not.toContain('人才');
    expect(p!.dropped).toEqual(expect.arrayContaining(['多少人', '才能']));
    expect(p!.terms.find((x) => x.answer)?.text).toBe('半数'); // what 多少人 asks for: a share of the members
    // 至少 before the question word softens it (至少要来多少人): left out, as 一般 in 一般要多久.
    expect(parseQuery('常务会至少要来多少人才能开', t)[0]!.units).not.toContain('至少');
    expect(parseQuery('至少', t)[0]!.units).toEqual(['至少']); // alone it is what was typed
  });

  it('keeps them when nothing else is left, and inside a quoted phrase', () => {
    expect(parseQuery('由', t)[0]!.units).toEqual(['由']);
    expect(parseQuery('向谁', t).flatMap((p) => p.units)).toEqual(['向', '谁']);
    const [phrase] = parseQuery('"向谁请假"', t);
    expect(phrase).toMatchObject({ kind: 'phrase', text: '向谁请假', dropped: [] });
    // a spaced part of question words only is left out, the other parts stay
    expect(parseQuery('副区长 外出 向谁 请假', t).map((p) => p.text)).toEqual(['副区长', '外出', '请假']);
  });

  it('reads a yes-no question made by repeating a word with 不 as the word (合不合法 → 合法, 符不符合 → 符合), not a question word (要不要, 能不能)', () => {
    const [p] = parseQuery('政府发文件前要不要先审查合不合法', t);
    expect(p!.units).toContain('合法');
    expect(p!.units.join('')).not.toContain('不');
    expect(parseQuery('办事符不符合规定', t)[0]!.units.join('')).toContain('符合规定');
    // the question words stay what they are: left out
    expect(parseQuery('能不能通融', t)[0]!.units).toEqual(['通融']);
  });

  it('leaves out a hedge right before or after a question word (主要有哪几项, 有哪些主要职能), not elsewhere (主要负责人), and the interrogatives of kinds', () => {
    const [p] = parseQuery('区政府主要有哪几项职能', t);
    expect(p!.units).toEqual(['区政府', '职能']);
    expect(p!.dropped).toContain('主要');
    expect(parseQuery('区政府主要负责人是谁', t)[0]!.units).toEqual(['区政府', '主要负责人']);
    expect(parseQuery('请假一般要提前多久', t)[0]!.units).toEqual(['请假', '一般', '提前']); // 提前 between: kept
    // right after the question word too: which functions, mainly (an article need not say 主要)
    const [after] = parseQuery('区政府有哪些主要职能', t);
    expect(after!.units).toEqual(['区政府', '职能']);
    expect(after!.dropped).toContain('主要');
    expect(parseQuery('哪些部门主要负责人要报备', t)[0]!.units).toContain('主要负责人');
    // 哪几种 asks what kinds: a question word, not a term an article must hold
    const [kinds] = parseQuery('区政府开会分哪几种', t);
    expect(kinds!.dropped).toEqual(['哪几种']);
    expect(kinds!.units).not.toContain('哪几种');
    // and with it, the articles that say 会议 for 开会 are found as for any question
    expect(search(index, '区政府开会分哪几种', { byDistrict: true }).districts!.filter((d) => d.hits.length).length).toBe(5);
  });

  it('looks for a sentence\'s four-character compound in two halves too, ranked as a synonym is: 保持一致 finds 保持高度一致', () => {
    const q = '区政府干部在政治上要和党中央保持一致吗';
    const r = search(index, q, { limit: 10, byDistrict: true });
    const split = r.parts.flatMap((p) => p.terms.flatMap((t) => t.alternatives.filter((a) => a.kind === 'split').map((a) => `${t.text}→${a.text}`)));
    expect(split).toEqual(['保持一致→保持 一致']); // 在政治上 is not 在政 + 治上 (a function word at a half's edge)
    const taobei = r.districts!.find((d) => d.docId === 'taobei-2020')!.hits[0]!;
    expect(taobei.citation.label).toBe('四、'); // 旗帜鲜明讲政治 … 政治道路上同…党中央保持高度一致
    expect(taobei.alternatives).toEqual(expect.arrayContaining([{ term: '保持一致', matched: '保持 一致', kind: 'split' }]));
    expect(search(index, q, { limit: 10, byDistrict: true, splitCompounds: false }).districts!.find((d) => d.docId === 'taobei-2020')!.hits[0]!.citation.label).not.toBe('四、');
    // words typed one by one are not split: 保持一致 typed alone means those four characters together
    expect(search(index, '保持一致', { limit: 50 }).parts[0]!.terms[0]!.alternatives.filter((a) => a.kind === 'split')).toEqual([]);
  });

  it('adds what a question word asks for as a term an article may hold: 花多少钱 → an amount (万元), 多长时间 → a duration, not where 一次 frames how often', () => {
    const parts = (q: string) => parseQuery(q, t);
    const answer = (q: string) => parts(q).flatMap((p) => p.terms.filter((x) => x.answer).map((x) => [x.text, ...x.alternatives.map((a) => a.text)].join('/')));
    expect(answer('花多少钱要上常务会讨论')).toEqual(['万元/亿元']);
    expect(answer('领导在会上讲话能讲多长时间')).toEqual(['工作日/日内/日前/个月/分钟/小时']);
    expect(answer('常务会多久开一次')).toEqual([]); // how often: no duration
    expect(answer('常务会至少要来多少人才能开')).toEqual(['半数/二分之一/三分之二/过半']); // a quorum
    expect(answer('常务会议')).toEqual([]);
    // Over set 14's four documents (a province, a county, a city, a district): each one's fiscal band is its best article.
    const set = JSON.parse(readFileSync(new URL('../fixtures/search-blind-14.json', import.meta.url), 'utf8')) as { corpus: string[] };
    const docs = set.corpus.map((f) => loadDocument(f, basename(f).replace(/\.[^.]+$/u, '')));
    const r = search(analyse(docs).searchIndex, '花多少钱要上常务会讨论', { limit: 10, byDistrict: true });
    expect(Object.fromEntries(r.districts!.map((d) => [d.docId, d.hits[0]?.citation.label]))).toEqual({ 'province-2018': '第十七条', 'county-items': '第十四条', 'city-2016': '第十六条', 'district-2023-html': '第十五条' });
    // the answer term is not required: an article on the matter without an amount still matches
    expect(search(index, '花多少钱要上常务会讨论', { limit: Infinity }).hits.some((h) => !/万元|亿元/u.test(h.snippet.text))).toBe(true);
  });

  it('reads a verb-not-verb question (能不能, 会不会, 要不要, 有没有, 可不可以) as its verb: 不能 is not a word the article must hold', () => {
    const units = (q: string) => parseQuery(q, t).flatMap((p) => p.units);
    expect(units('区政府工作人员能不能泄露工作秘密')).toEqual(units('区政府工作人员泄露工作秘密'));
    expect(units('领导视察会不会安排迎送')).not.toContain('不会');
    expect(units('副区长外出要不要请假')).toEqual(['副区长', '外出', '请假']);
    expect(units('区政府有没有新闻发言人')).toEqual(['区政府', '新闻发言人']);
    expect(units('部门可不可以自己发文')).not.toContain('不可');
    // a content verb asked about is kept, once
    expect(units('会议纪要公开不公开')).toEqual(['会议纪要', '公开']);
    // and a prohibition typed as such stays a word
    expect(units('不能参加会议')).toContain('不能');
    // 一次 framed by a how-often question (多久开一次) is part of the question; a count typed as such stays
    expect(units('常务会多久开一次')).toEqual(units('常务会开'));
    expect(units('常务会议每周开一次')).toContain('一次');
    // a bracketed optional part (出国（境）) is not a term of its own
    expect(units('因公出国（境）')).toEqual(['因公出国']);
    expect(search(index, '因公出国（境） 审批', { limit: 10 }).total).toBe(search(index, '因公出国 审批', { limit: 10 }).total);
    // modal verbs are function words, whichever is typed (要, 应该, 必须, 该)
    expect(units('哪些事项必须经常务会议讨论')).toEqual(units('哪些事项要经常务会议讨论'));
    expect(units('追加预算该由谁批准')).toEqual(units('追加预算由谁批准'));
    // the question finds what the plain sentence finds
    expect(search(index, '区政府工作人员能不能泄露工作秘密', { limit: 10 }).hits).toEqual(search(index, '区政府工作人员泄露工作秘密', { limit: 10 }).hits);
  });

  it('reads 常务会 as 常务会议 by the genre synonyms, so its 会 is not dropped as the modal verb', () => {
    const [p] = parseQuery('常务会都由哪些领导组成', t, { alternatives: queryAlternatives });
    expect(p!.terms[0]).toMatchObject({ text: '常务会', alternatives: [{ text: '常务会议', kind: 'synonym' }] });
    expect(p!.dropped).not.toContain('会');
  });

  it('finds what the spaced words find: 副区长外出向谁请假 = 副区长 外出 请假', () => {
    const cites = (q: string) => search(index, q, { limit: 20 }).hits.map((h) => `${h.citation.docId}#${h.citation.ordinal}`);
    expect(cites('副区长外出向谁请假').sort()).toEqual(cites('副区长 外出 请假').sort());
    expect(cites('副区长外出向谁请假').length).toBeGreaterThanOrEqual(4);
    expect(search(index, '多少万元以上要常务会议讨论').total).toBeGreaterThan(0);
  });
});

describe('best partial matches', () => {
  it('when no article has every content word, those holding most of them are shown, flagged, the ones with more first', () => {
    const r = search(index, '常务会议多久开一次火星', { limit: 50 });
    expect(r.partial).toBe(true);
    expect(r.hits.length).toBeGreaterThan(0);
    const text = (h: (typeof r.hits)[number]) => index.articles.find((a) => a.docId === h.citation.docId && a.ordinal === h.citation.ordinal)!.text;
    // every word but the absent one first
    expect(text(r.hits[0]!)).toMatch(/常务会议[^]*开|开[^]*常务会议/);
    expect(text(r.hits[0]!)).toMatch(/一次|1次/);
    // 存在 is in the corpus, 词语 and 组合 are not: the articles with 存在
    const s = search(index, '不存在的词语组合', { limit: Infinity });
    expect(s.partial).toBe(true);
    expect(s.hits.length).toBeGreaterThan(0);
    for (const h of s.hits) expect(index.articles.find((a) => a.docId === h.citation.docId && a.ordinal === h.citation.ordinal)!.text).toContain('存在');
  });

  it('single characters of a word jieba does not know (氪金: 氪 and 金) never make a match on their own', () => {
    expect(index.articles.some((a) => a.text.includes('金'))).toBe(true);
    expect(search(index, '氪金').total).toBe(0);
    expect(search(index, '火星探测器着陆').total).toBe(0);
  });
});
