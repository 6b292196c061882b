import { loadDocuments } from '../src/io/corpus.js';
import { analyse } from '../src/pipeline.js';
import { search } from '../src/search/search.js';
const index = analyse(loadDocuments([], 'corpus').documents).searchIndex;
const cases: [string, string, number][] = [['党风廉政建设','chenggong-2022',68],['议题 协调','taobei-2020',63],['全体会议一年开几次','chenggong-2022',40],['请示涉及别的部门意见不一致怎么办','chaoyang-2015',42],['规范性文件要报哪里备案','chenggong-2022',22],['提交常务会议的议题由谁定','taobei-2020',60],['区政府每年要向区委报告工作吗','chenggong-2022',12]];
for (const [q, doc, o] of cases) {
  const r = search(index, q, { limit: 1 });
  const id = index.articles.findIndex((a) => a.docId === doc && a.ordinal === o);
  const hay = index.haystack(id);
  console.log(q, doc, o, r.parts.flatMap((p) => p.terms.map((t) => `${t.text}:${[t.text, ...t.units, ...t.alternatives.map((a) => a.text)].some((x) => hay.includes(x)) && t.units.every((u) => hay.includes(u)) || t.alternatives.some((a) => hay.includes(a.text)) ? 'Y' : 'N'}`)).join(' '));
}
