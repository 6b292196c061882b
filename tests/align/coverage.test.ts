import { describe, expect, it } from 'vitest';
import { align } from '../../src/align/index.js';
import { loadTaxonomy } from '../../src/classify/index.js';
import { coverage, coverageCsv, coverageMarkdown } from '../../src/report/coverage.js';
import { corpus } from '../helpers/docs.js';

const taxonomy = loadTaxonomy();

describe('topic × district coverage matrix', () => {
  const docs = corpus();
  const c = coverage(align(docs, { taxonomy }), docs, taxonomy);

  it('has a row for every topic and a column per district, each cell listing article labels as written', () => {
    expect(c.rows).toHaveLength(taxonomy.topics.length);
    expect(c.columns.map((x) => x.heading)).toEqual(['朝阳区 2015', '呈贡区 2022', '怀柔区 2021', '洮北区 2020', '通州区 2022']);
    // 会议请假: 朝阳区 三十九、 呈贡区 第四十四条 怀柔区 五十、 洮北区 六十四、 通州区 五十三、
    const leave = c.rows.find((r) => r.topic.id === 'meeting-leave')!;
    expect(leave.cells).toEqual([['三十九'], ['第四十四条'], ['五十'], ['六十四'], ['五十三']]);
    // 会议纪要: 怀柔区 and 洮北区 have no article of their own on minutes
    const minutes = c.rows.find((r) => r.topic.id === 'meeting-minutes')!;
    expect(minutes.cells[2]).toEqual([]);
    expect(minutes.cells[3]).toEqual([]);
  });

  it('renders Markdown with the tree of topics and CSV with one line per topic', () => {
    const md = coverageMarkdown(c);
    expect(md).toMatch(/^# 主题覆盖\n/);
    expect(md).toContain('| 　└ 会议请假 | 三十九 | 第四十四条 | 五十 | 六十四 | 五十三 |');
    expect(md).toMatch(/\| 　└ 常务会议 \| 三十四 \| 第四十一条 \| 四十一 \| 六十( 六十五)? \| 四十六 \|/);
    expect(md).not.toMatch(/chaoyang-2015|meeting-leave/);
    // as every CSV: UTF-8 with BOM, CRLF; topics and districts by name, no ids
    const raw = coverageCsv(c, taxonomy);
    expect(raw.startsWith('\uFEFF')).toBe(true);
    const csv = raw.slice(1).trimEnd().split('\r\n');
    expect(csv[0]).toBe('主题,上级主题,朝阳区 2015,呈贡区 2022,怀柔区 2021,洮北区 2020,通州区 2022');
    expect(csv).toHaveLength(taxonomy.topics.length + 2);
    expect(csv).toContain('会议请假,会议,三十九,第四十四条,五十,六十四,五十三');
  });
});
