import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/pipeline.js';
import { topicHtml, topicMarkdown, topicSideBySide, WIDE_COLUMNS } from '../../src/report/topics.js';
import { corpus } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

/** A corpus wider than WIDE_COLUMNS: the seeds and documents recombined from them (many articles copied word for word). */
const docs = () => [...corpus(), ...Array.from({ length: WIDE_COLUMNS + 3 - corpus().length }, (_, k) => recombined(corpus(), k + 1, `synthetic-${k + 1}`, { vary: true }).doc)];

describe('topic pages of more than WIDE_COLUMNS documents', () => {
  const all = docs();
  const a = analyse(all);
  const t = topicSideBySide(all, a.alignment, 'executive-meeting', { subtopics: false, taxonomy: a.taxonomy });

  it('show each family by wording: districts that write a member the same way share a row, every district is named once', () => {
    const $ = cheerio.load(topicHtml(t));
    expect($('table.side').length).toBe(t.families.length);
    expect($('table.wordings').length).toBe(t.families.length);
    t.families.forEach((f, k) => {
      const table = $('table.wordings').eq(k);
      const cited = table.find('cite').map((_, c) => $(c).attr('data-doc')).get();
      const members = f.cells.flatMap((c) => c?.cites.map((x) => x.docId) ?? []);
      expect([...cited].sort()).toEqual([...members].sort());
      expect(table.find('tbody tr').length).toBe(new Set(f.cells.filter((c) => c !== null).map((c) => c!.parts.map((p) => `${+p.changed}${p.text}`).join('|') + c!.base)).size);
      // the districts without a member are listed under the table: by name (未规定) or by their articles in other groups
      const note = table.next('p.none').text();
      f.cells.forEach((c, i) => {
        if (c) return;
        const e = f.elsewhere[i];
        if (e && e.cites.length) for (const x of e.cites) expect(note).toContain(`${x.district} ${x.label}`);
        else expect(note).toContain(t.columns[i]!.title);
      });
    });
    const copies = t.families.some((f) => $('table.wordings').eq(t.families.indexOf(f)).find('tbody tr').length < f.cells.filter(Boolean).length);
    expect(copies).toBe(true);
  });

  it('the Markdown page has the same rows', () => {
    const md = topicMarkdown(t);
    expect(md).toContain(`地区多于 ${WIDE_COLUMNS} 个时`);
    expect(md).not.toContain(`| ${t.columns.map((c) => c.title).join(' | ')} |`);
  });
});
