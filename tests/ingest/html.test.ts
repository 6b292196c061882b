import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { htmlToText, looksLikeHtml } from '../../src/ingest/index.js';
import { CHROME_TEXT, renderHtml } from '../helpers/html-render.js';

const CORPUS = new URL('../../corpus/', import.meta.url);
const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, CORPUS), 'utf8') }));

/**
 * HTML cannot express a run of ordinary spaces (browsers collapse it) and &nbsp;
 * comes out as a plain space; everything else, U+3000 included, must be kept.
 */
const norm = (line: string) => line.replace(/[ \t\u00a0]+/g, ' ').trim();
const nonBlankLines = (text: string) => text.split(/\r?\n/).map(norm).filter((l) => l !== '');
const occurrences = (text: string, word: string) => text.split(word).length - 1;

describe('a rules document published as a web page comes back line for line', () => {
  for (const { name, text } of corpus) {
    describe(name, () => {
      const html = renderHtml(text);
      const out = htmlToText(html);

      it('every non-blank source line, in order, and nothing else', () => {
        expect(nonBlankLines(out)).toEqual(nonBlankLines(text));
      });

      it('no menu, breadcrumb, footer, share bar, script or style text', () => {
        for (const word of CHROME_TEXT) {
          // 政务公开 is also a chapter title; the page must add no occurrences.
          expect({ word, n: occurrences(out, word) }).toEqual({ word, n: occurrences(text, word) });
        }
      });

      it('the same holds for every inline-markup variant of the page', () => {
        for (let variant = 1; variant < 7; variant++) {
          expect(nonBlankLines(htmlToText(renderHtml(text, { variant })))).toEqual(nonBlankLines(text));
        }
      });

      it('output is lines without trailing spaces, blank lines dropped, final newline', () => {
        expect(out.endsWith('\n')).toBe(true);
        const lines = out.slice(0, -1).split('\n');
        for (const line of lines) {
          expect(line.trim()).not.toBe('');
          expect(line).toBe(line.trimEnd());
        }
      });

      it('is recognised as HTML, while the plain text is not', () => {
        expect(looksLikeHtml(html)).toBe(true);
        expect(looksLikeHtml(text)).toBe(false);
      });
    });
  }

  it('the rendered page really contains the noise the extractor must remove', () => {
    const html = renderHtml(corpus[0]!.text);
    for (const needle of ['<nav', 'class="breadcrumb"', 'id="footer"', '<script', '<style', '<table', '<br>', '&nbsp;', '\u3000\u3000', '<strong>', '<span']) {
      expect(html).toContain(needle);
    }
  });
});

describe('htmlToText details', () => {
  const page = (body: string) => `<!DOCTYPE html><html><head><title>标题</title></head><body>${body}</body></html>`;

  it('escaped special characters come back as written', () => {
    const text = '第五条 金额 < 1000万元 & 期限 > 5个工作日的，按 "规定" 办理。\n';
    expect(htmlToText(renderHtml(text, { table: null }))).toBe(text);
  });

  it('<br> ends a line; inline tags do not', () => {
    expect(htmlToText(page('<p>第一条 <strong>总</strong>则<br>第二条 <span>区政府</span>工作</p>'))).toBe(
      '第一条 总则\n第二条 区政府工作\n',
    );
  });

  it('source-formatting whitespace collapses, also across inline tags, and vanishes at line start', () => {
    expect(htmlToText(page('<p>\n    第一条   为了\n   规范 <b> 工作</b>\n</p>'))).toBe('第一条 为了 规范 工作\n');
  });

  it('U+3000 is kept verbatim, &nbsp; becomes a plain space and is not collapsed', () => {
    expect(htmlToText(page('<p>\u3000\u3000第一章\u3000总\u3000则</p><p>&nbsp;&nbsp;第二章&nbsp;&nbsp;职责&nbsp;</p>'))).toBe(
      '\u3000\u3000第一章\u3000总\u3000则\n  第二章  职责\n',
    );
  });

  it("a paragraph inside a short cell of a data table is the cell's text: the row stays one line", () => {
    const html = page('<table><tr><td><p><strong>资金类别</strong></p></td><td><p>市长审批</p></td></tr><tr><td><p>预算执行中的追加支出</p></td><td><p>100万元（含）以下</p><p>（含本数）</p></td></tr></table>');
    expect(htmlToText(html)).toBe('资金类别\t市长审批\n预算执行中的追加支出\t100万元（含）以下 （含本数）\n');
    // A long cell (the rules laid out in a table) keeps its paragraphs as lines.
    const long = '区政府全体会议由区长、副区长、区政府各部门主要负责人组成，由区长召集和主持，一般每年召开两次，必要时可随时召开。';
    expect(htmlToText(page(`<table><tr><td><p>${long}</p><p>${long}</p></td></tr></table>`))).toBe(`${long}\n${long}\n`);
  });

  it('a table row is one line, its cells apart by tabs; a row laying out an article keeps its blocks as lines', () => {
    const html = page('<table><tr><th>金额</th><th>审批人</th></tr><tr><td>50万元以下</td><td>分管副县长</td></tr><tr><th>第三条</th><td><p>丙</p></td></tr></table>');
    expect(htmlToText(html)).toBe('金额\t审批人\n50万元以下\t分管副县长\n第三条\n丙\n');
  });

  it('<pre> keeps its line breaks and spaces', () => {
    expect(htmlToText(page('<pre>\n第一条  总则\n\n  第二条 职责\n</pre>'))).toBe('第一条  总则\n  第二条 职责\n');
  });

  it('entities are decoded', () => {
    expect(htmlToText(page('<p>&#31532;&#19968;&#26465; &ldquo;三重一大&rdquo; &mdash; &copy;</p>'))).toBe('第一条 “三重一大” — ©\n');
  });

  it('chrome is dropped by tag and by class or id, whatever the case', () => {
    const html = page(`
      <header>头部</header><nav>导航</nav><aside>侧栏</aside><form><label>搜索</label></form>
      <div class="TopMenu">菜单</div><div id="BreadCrumb">位置</div><div class="page-footer">页脚</div>
      <div class="share">分享</div><div id="toolbar">工具</div><div class="sub-NAV">栏目</div>
      <iframe>框架</iframe><svg><text>图形</text></svg><template><p>模板</p></template>
      <noscript>无脚本</noscript><script>var a = 1;</script><style>p{}</style><!-- 注释 -->
      <div style="display: none">隐藏</div><p hidden>隐藏2</p>
      <div class="content"><p>第一条 正文</p></div>`);
    expect(htmlToText(html)).toBe('第一条 正文\n');
  });

  it('the <title> in <head> is not part of the text', () => {
    expect(htmlToText(page('<p>正文</p>'))).toBe('正文\n');
  });

  it('a class on <body> never drops the whole page', () => {
    expect(htmlToText('<html><body class="nav-open header-fixed"><p>第一条</p></body></html>')).toBe('第一条\n');
  });

  it('a fragment without <html> works too', () => {
    expect(htmlToText('<p>第一条 甲</p>\n<p>第二条 乙</p>')).toBe('第一条 甲\n第二条 乙\n');
  });

  it('a page with no text gives the empty string', () => {
    expect(htmlToText(page('<nav>首页</nav><script>x()</script>'))).toBe('');
  });
});

describe('looksLikeHtml', () => {
  it.each([
    '<!DOCTYPE html><html><body>x</body></html>',
    '\ufeff  <!doctype HTML>\n<html>',
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    '<!-- saved from url=(0053)http://www.example.gov.cn/ -->\n<html>',
    '<html>\n<head><meta charset="gbk"></head>',
    '<div>一</div><div>二</div><p>三</p><p>四</p><td>五</td>',
  ])('recognises %j', (text) => {
    expect(looksLikeHtml(text)).toBe(true);
  });

  it.each([
    '第一条 金额<1000万元的，由区长审批。\n',
    '一、会议制度\n二、<重大事项>审批\n',
    'a < b and c > d </p>\n',
  ])('leaves plain text alone: %j', (text) => {
    expect(looksLikeHtml(text)).toBe(false);
  });
});
