/** The HTML reports parse cleanly, are self-contained, cite an article in every filled cell, and escape document text. */
import * as cheerio from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuleDocument } from '../../src/model.js';
import { renderReports, type ReportFile } from '../../src/report/index.js';
import { analyse } from '../../src/pipeline.js';
import { corpus, docFromText, seedText } from '../helpers/docs.js';

let files: ReportFile[];
let docs: RuleDocument[];
beforeAll(() => {
  docs = corpus();
  files = renderReports(analyse(docs));
});
const html = () => files.filter((f) => f.path.endsWith('.html'));
const file = (path: string) => files.find((f) => f.path === path)!.content;

describe('HTML reports', () => {
  it('one self-contained page per report: doctype, charset, inline style, no script, no external asset', () => {
    expect(html().map((f) => f.path)).toEqual(expect.arrayContaining(['index.html', 'overview.html', 'meetings.html', 'thresholds.html', 'deadlines.html', 'leave.html', 'topics.html', 'topics/executive-meeting.html']));
    for (const f of html()) {
      expect(f.content.startsWith('<!DOCTYPE html>'), f.path).toBe(true);
      const $ = cheerio.load(f.content);
      expect($('html').length, f.path).toBe(1);
      expect($('meta[charset="utf-8"]').length, f.path).toBe(1);
      expect($('head style').length, f.path).toBe(1);
      expect($('script').length, f.path).toBe(0);
      expect($('link[rel="stylesheet"], img, iframe').length, f.path).toBe(0);
      $('[href], [src]').each((_, el) => {
        const url = $(el).attr('href') ?? $(el).attr('src') ?? '';
        expect(url, `${f.path}: ${url}`).not.toMatch(/^(?:[a-z]+:)?\/\//i);
      });
    }
  });

  it('matrix tables have one column per district, and every filled cell cites an article that exists, with its exact words', () => {
    const byId = new Map(docs.map((d) => [d.id, d]));
    let cells = 0;
    for (const path of ['meetings.html', 'thresholds.html', 'deadlines.html', 'leave.html', 'topics.html']) {
      const $ = cheerio.load(file(path));
      const tables = $('table.matrix');
      expect(tables.length, path).toBeGreaterThan(0);
      tables.each((_, t) => {
        const heads = $(t).find('thead th[data-doc]').map((_, th) => $(th).attr('data-doc')).get();
        expect(heads).toEqual(docs.map((d) => d.id));
        $(t)
          .find('tbody tr')
          .each((_, tr) => {
            const tds = $(tr).find('td:not(.status)');
            expect(tds.length).toBe(docs.length);
            tds.each((i, td) => {
              if ($(td).hasClass('none')) return expect($(td).text()).toBe('—');
              cells++;
              const cites = $(td).find('cite');
              expect(cites.length, `${path} ${$(tr).find('th').text()}`).toBeGreaterThan(0);
              cites.each((_, c) => {
                const doc = byId.get($(c).attr('data-doc')!)!;
                expect(doc.id).toBe(heads[i]); // a cell cites its own district
                const article = doc.articles.find((a) => a.key === $(c).attr('data-article'))!;
                expect(article, $(c).text()).toBeDefined();
                expect($(c).text()).toBe(`${doc.meta.jurisdiction.name} ${article.label.replace(/[、，,．.\s]+$/u, '')}`);
                // The tooltip: the exact words, or their first 40 characters and an ellipsis (topics.html).
                const title = $(c).attr('title')!;
                expect(doc.text.includes(title.endsWith('…') && [...title].length === 41 ? title.slice(0, -1) : title), title).toBe(true);
              });
            });
          });
      });
    }
    expect(cells).toBeGreaterThan(100);
  });

  it('the meetings page shows the 常务会议 rates side by side: weekly, monthly, twice a quarter', () => {
    const $ = cheerio.load(file('meetings.html'));
    const row = $('tbody tr').filter((_, tr) => $(tr).find('th').text() === '常务会议 · 频次');
    const texts = row.find('td:not(.status)').map((_, td) => $(td).find('.value').first().contents().first().text().trim()).get();
    expect(texts).toEqual(['每季度2次（8次/年）；一般', '每周1次（52次/年）；原则上；根据工作需要,可临时召开', '每周1次（52次/年）；一般', '每月1次（12次/年）；一般；如有需要可临时召开', '每周1次（52次/年）；一般']);
    // cells that differ from the row's most common value (每周1次, 52次/年, whatever the qualifiers) are highlighted
    expect(row.find('td.differs').length).toBe(2);
  });

  it('the side-by-side page marks differences inside the columns and keeps each article whole', () => {
    const $ = cheerio.load(file('topics/executive-meeting.html'));
    const table = $('table.side').first();
    expect(table.attr('data-family')).toBe('executive-meeting#1');
    expect(table.find('thead th').length).toBe(docs.length);
    expect(table.find('mark, ins, del').length).toBeGreaterThan(0);
    table.find('td').each((i, td) => {
      if ($(td).hasClass('none')) return;
      const id = docs[i]!.id;
      const keys = $(td).find('cite').map((_, c) => $(c).attr('data-article')!).get();
      const doc = docs.find((d) => d.id === id)!;
      const expected = keys.map((k) => { const a = doc.articles.find((x) => x.key === k)!; return a.text.slice(a.label.length).trimStart(); }).join('\n');
      const shown = $(td).find('.text').html()!.replace(/<br>/g, '\n');
      expect(cheerio.load(`<p>${shown}</p>`)('p').text()).toBe(expected);
      expect($(td).find('.sim').text()).toMatch(/^（基准）$|^与 .+ 的相似度 \d\.\d\d|^与 .+ 的(?:字符二元组)?相似度(?:至多)? \d\.\d\d，低于 .*未比对/);
    });
  });

  it('document text is escaped: markup in a document stays text', () => {
    const hostile = seedText('huairou-2021').replace('区政府常务会议一般每周召开1次', '区政府常务会议一般每周召开1次<script>alert("x")</script>&amp;<b>粗</b>');
    const doc = docFromText(hostile, 'hostile-2021');
    const out = renderReports(analyse([doc, docs.find((d) => d.id === 'tongzhou-2022')!]));
    for (const f of out.filter((x) => x.path.endsWith('.html'))) {
      const $ = cheerio.load(f.content);
      expect($('script').length, f.path).toBe(0);
      expect($('main b').length, f.path).toBe(0);
    }
    const $ = cheerio.load(out.find((f) => f.path === 'meetings.html')!.content);
    const titles = $('cite').map((_, c) => $(c).attr('title')).get();
    // the quote (up to the ';' of &amp;, a sentence end) comes back as text, markup and all
    expect(titles.some((t) => t.endsWith('每周召开1次<script>alert("x")</script>&amp'))).toBe(true);
  });
});
