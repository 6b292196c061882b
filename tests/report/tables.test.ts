import { describe, expect, it } from 'vitest';
import { extractDocumentFacts } from '../../src/extract/index.js';
import { BOM, csvField, csvTable } from '../../src/report/csv.js';
import { leaveTable, meetingsTable, thresholdsTable } from '../../src/report/facts-tables.js';
import { factsJson, renderReports } from '../../src/report/index.js';
import { analyse } from '../../src/pipeline.js';
import { tableCsv } from '../../src/report/table.js';
import { corpus } from '../helpers/docs.js';

const docs = corpus();
const facts = docs.map(extractDocumentFacts);
const col = (id: string) => docs.findIndex((d) => d.id === id);
const cellText = (cells: { text: string }[]) => cells.map((c) => c.text);

describe('fact tables: districts side by side', () => {
  it('meetings: 全体会议 rates per district as the texts state them', () => {
    const row = meetingsTable(docs, facts).rows.find((r) => r.key === '全体会议|frequency')!;
    expect(cellText(row.cells[col('huairou-2021')]!)).toEqual(['每年1次（1次/年）；一般；必要时随时召开']);
    expect(cellText(row.cells[col('taobei-2020')]!)).toEqual(['每半年1次（2次/年）；一般']);
    expect(cellText(row.cells[col('chaoyang-2015')]!)).toEqual(['每年1–2次（1–2次/年）；一般']);
    expect(row.cells[col('taobei-2020')]![0]!.cite.label).toBe('五十八');
  });

  it('thresholds: what goes to the 常务会议 in 怀柔 and 通州; a band above a number the other band marks (含) excludes it', () => {
    const row = thresholdsTable(docs, facts).rows.find((r) => r.label === '区政府常务会议')!;
    expect(cellText(row.cells[col('tongzhou-2022')]!)).toEqual(['≥ 2000万元：讨论和决定非中央、市级政策性调整的需追加预算资金事项']);
    // 1000万元(含)以下 … 1000万元以上: the 常务会议 decides above 1000万元, not from it
    expect(row.cells[col('huairou-2021')]!.map((c) => c.text.split('：')[0])).toEqual(['> 1000万元', '> 200万元', '> 1000万元', '> 500万元', '≥ 10000万元', '> 3000万元']);
    expect(row.cells[col('chaoyang-2015')]).toEqual([]);
  });

  it('leave: rows are a post class and an occasion, so that districts line up; the 区长 row shows whom each head asks, and with which verb', () => {
    const table = leaveTable(docs, facts);
    const row = table.rows.find((r) => r.key === '◇长|trip')!;
    expect(row.label).toBe('区长 · 离开辖区、外出');
    const has = (id: string, re: RegExp) => expect(cellText(row.cells[col(id)]!).some((t) => re.test(t)), `${id} ${re}`).toBe(true);
    has('huairou-2021', /^区长：请假 → 市长（离京/);
    has('tongzhou-2022', /^区长：请示 → 市政府、区委/);
    has('chenggong-2022', /^区长：报备 → 市委办公室、市政府办公室/);
    has('chaoyang-2015', /^区长：请假 → 市长、常务副市长、区委书记/);
    // 组成部门主要负责人, 工作部门主要负责同志, 部门行政正职 … are one row per occasion, not one row each
    const heads = table.rows.filter((r) => r.key.startsWith('部门主要负责人|'));
    expect(heads.map((r) => r.label)).toEqual(['部门主要负责人 · 缺席会议', '部门主要负责人 · 离开辖区、外出', '部门主要负责人 · 出国（境）']);
    const trip = heads.find((r) => r.key === '部门主要负责人|trip')!;
    expect(trip.cells.filter((c) => c.length > 0).length).toBeGreaterThanOrEqual(4);
    expect(table.rows.some((r) => /行政正职|主要负责同志|班子成员/u.test(r.label))).toBe(false);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180: comma, quote and line break inside a field; CRLF records; UTF-8 BOM first', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"好"')).toBe('"说""好"""');
    expect(csvField('一\n二')).toBe('"一\n二"');
    expect(csvField('区长')).toBe('区长');
    const t = csvTable(['x', 'y'], [['1', 'a,b']]);
    expect(t).toBe(`${BOM}x,y\r\n1,"a,b"\r\n`);
  });
  it('the meetings CSV has a header with the districts and one record per row, each value with its article', () => {
    const t = meetingsTable(docs, facts);
    const csv = tableCsv(t);
    const records = csv.slice(1).split('\r\n').filter(Boolean);
    expect(records[0]).toBe(['会议 · 事项', ...t.columns.map((c) => c.title), '差异'].join(','));
    expect(records.length).toBe(t.rows.length + 1);
    expect(csv).toContain('每周1次（52次/年）；一般 [怀柔区 四十一]');
  });
});

describe('determinism and facts.json', () => {
  it('two runs give the same bytes', () => {
    const a = renderReports(analyse(docs));
    const b = renderReports(analyse(docs));
    expect(b.map((f) => f.path)).toEqual(a.map((f) => f.path));
    for (let i = 0; i < a.length; i++) expect(b[i]!.content, a[i]!.path).toBe(a[i]!.content);
    for (const f of a) expect(f.content, f.path).not.toMatch(/\/work\/|\d{4}-\d\d-\d\dT\d\d:/);
  });
  it('facts.json lists every fact with a citation whose quote is the exact text of its span', () => {
    const json = JSON.parse(factsJson(docs, facts));
    expect(json.schema).toBe('rulecmp/facts@1');
    expect(json.documents.map((d: { id: string }) => d.id)).toEqual(docs.map((d) => d.id));
    for (const kind of ['meetings', 'thresholds', 'deadlines', 'leave']) {
      expect(json[kind].length, kind).toBeGreaterThan(0);
      for (const f of json[kind]) {
        const doc = docs.find((d) => d.id === f.citation.docId)!;
        expect(doc.text.slice(f.citation.span.start, f.citation.span.end)).toBe(f.citation.quote);
      }
    }
  });
});

describe('column headings', () => {
  it('tell apart two copies of one district-year (a text and a web copy) by their ids', async () => {
    const { documentHeading } = await import('../../src/report/coverage.js');
    const { loadDocuments } = await import('../../src/io/corpus.js');
    const [a] = loadDocuments(['corpus/huairou-2021.txt']).documents;
    const b = { ...a!, id: 'huairou-2021-web' };
    expect(documentHeading(a!, [a!])).toBe('怀柔区 2021');
    expect([documentHeading(a!, [a!, b]), documentHeading(b, [a!, b])]).toEqual(['怀柔区 2021 (huairou-2021)', '怀柔区 2021 (huairou-2021-web)']);
  });
});
