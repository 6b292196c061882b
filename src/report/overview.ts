/**
 * The overview of a corpus, in Markdown (overview.md, corpus.md) and HTML: one row per document (district and year,
 * title, jurisdiction, issuer, document number, validity, structure), each document's chapters, and the district ×
 * district similarity matrix. Pure.
 */
import type { RuleDocument } from '../model.js';
import { documentHeading } from './coverage.js';
import { esc } from './html.js';
import { mdCell } from './markdown.js';

export const GENERATED = '由 rulecmp 根据上列文件生成；如需修改，请修改文件后重新生成，不要手工编辑。';

const HEADER = ['文件', '标题', '行政区划', '制定机关', '文号', '年份', '效力', '章', '条', '诊断'];

/** 失效 / 废止 as the text marks it; a text that marks nothing is 未标注 (not assumed 有效). */
export function validityText(d: RuleDocument): string {
  return d.meta.validity ?? '未标注';
}

function placeOf(d: RuleDocument): string {
  const j = d.meta.jurisdiction;
  return [j.province, j.city !== j.province ? j.city : null, j.district].filter(Boolean).join(' ');
}

function row(d: RuleDocument, docs: RuleDocument[]): (string | number | null)[] {
  return [documentHeading(d, docs), d.meta.title, placeOf(d) || null, d.meta.issuer, d.meta.docNumber, d.meta.year, validityText(d), d.chapters.length, d.articles.length, d.diagnostics.length];
}

const SIMILARITY_NOTE = '全部条文的词频余弦相似度（jieba 分词，去掉标点，区、县、市等层级字不计）；1 表示措辞完全相同。';
const VALIDITY_NOTE = '效力：文本中标注的状态（失效、废止）；“未标注”表示文本未说明，不等于确认有效。';

/**
 * The overview; with `similarity` (docs × docs, see src/align/document-similarity.ts) it ends with the
 * district × district similarity matrix.
 */
export function corpusOverview(docs: RuleDocument[], similarity?: number[][]): string {
  const out: string[] = ['# 概览', '', `共 ${docs.length} 个文件：${docs.map((d) => documentHeading(d, docs)).join('、')}。${GENERATED}`, '', VALIDITY_NOTE, ''];
  out.push(`| ${HEADER.join(' | ')} |`);
  out.push(`|${HEADER.map(() => '---').join('|')}|`);
  for (const d of docs) out.push('| ' + row(d, docs).map(mdCell).join(' | ') + ' |');
  for (const d of docs) {
    out.push('', `## ${mdCell(documentHeading(d, docs))}：${mdCell(d.meta.title ?? '')}`, '');
    out.push('| 章 | 标题 | 条文 |', '|---|---|---|');
    for (const c of d.chapters) {
      const range = c.articleRange ? `${c.articleRange[0]}–${c.articleRange[1]}` : '—';
      out.push(`| ${mdCell(c.label)} | ${mdCell(c.title)} | ${range} |`);
    }
    if (d.meta.repeals.length) out.push('', '废止：' + d.meta.repeals.map((r) => [r.title && `《${r.title}》`, r.docNumber].filter(Boolean).join(' ')).join('；'));
    if (d.diagnostics.length) out.push('', '诊断：', ...d.diagnostics.map((x) => `- ${x.severity === 'error' ? '错误' : x.severity === 'warning' ? '警告' : '提示'} \`${x.code}\`：${mdCell(x.message)}`));
  }
  if (similarity) {
    const name = (d: RuleDocument) => mdCell(documentHeading(d, docs));
    out.push('', '## 地区间相似度', '');
    out.push(SIMILARITY_NOTE, '');
    out.push(`| 地区 | ${docs.map(name).join(' | ')} |`, `|---|${docs.map(() => '---').join('|')}|`);
    docs.forEach((d, i) => out.push(`| ${name(d)} | ${similarity[i]!.map((x) => x.toFixed(3)).join(' | ')} |`));
  }
  return out.join('\n') + '\n';
}

export function overviewHtml(docs: RuleDocument[], sim: number[][]): string {
  const cell = (v: string | number | null) => `<td>${esc(v === null || v === undefined ? '—' : String(v))}</td>`;
  const out: string[] = [`<h2 id="documents">文件</h2><p class="note">${esc(VALIDITY_NOTE)}</p><table><thead><tr>${HEADER.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>`];
  for (const d of docs) out.push(`<tr data-doc="${esc(d.id)}">${row(d, docs).map(cell).join('')}</tr>`);
  out.push('</tbody></table>');
  out.push(`<h2 id="similarity">地区间相似度</h2><p class="note">${esc(SIMILARITY_NOTE)}</p>`);
  out.push(`<table class="matrix"><thead><tr><th class="row">地区</th>${docs.map((d) => `<th data-doc="${esc(d.id)}">${esc(documentHeading(d, docs))}</th>`).join('')}</tr></thead><tbody>`);
  docs.forEach((d, i) => out.push(`<tr><th class="row" scope="row">${esc(documentHeading(d, docs))}</th>${sim[i]!.map((x) => `<td>${x.toFixed(3)}</td>`).join('')}</tr>`));
  out.push('</tbody></table>');
  for (const d of docs) {
    out.push(`<h2 id="${esc(d.id)}">${esc(documentHeading(d, docs))}：${esc(d.meta.title ?? '')}</h2><table><thead><tr><th>章</th><th>标题</th><th>条文</th></tr></thead><tbody>`);
    for (const c of d.chapters) out.push(`<tr><td>${esc(c.label)}</td><td>${esc(c.title)}</td><td>${c.articleRange ? `${c.articleRange[0]}–${c.articleRange[1]}` : '—'}</td></tr>`);
    out.push('</tbody></table>');
  }
  return out.join('\n');
}
