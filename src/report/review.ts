/**
 * The draft review as a drafting office reads it: a summary a reviewer reads in a minute (counts by
 * status, the deviations that matter most, topics left out), the deviations with the peer distribution,
 * what most peers regulate and the draft does not, then the 对照表 — 草案条文 | 同类地区条文 | 差异/说明,
 * one row per draft article in draft order. Markdown, self-contained HTML, JSON (the machine form,
 * docs/review-schema.md) and Word (.docx: A4 landscape, repeated header row, 宋体/仿宋, changes as tracked
 * insertions and deletions). Deterministic: the same review gives the same bytes. Pure.
 */
import {
  AlignmentType, BorderStyle, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow,
  TextRun, WidthType,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { DraftReview, ReviewArticle, ReviewStatus } from '../model.js';
import { esc, page } from './html.js';
import { mdCell, mdText } from './markdown.js';

export const STATUS_NAMES: Record<ReviewStatus, string> = {
  identical: '相同',
  moved: '相同（条序不同）',
  'near-identical': '基本相同',
  modified: '修改',
  new: '新增',
};

const MEASURE_NAMES: Record<string, string> = {
  'ratio-to-median': '偏离中位数',
  'outside-range': '超出同类范围',
  'differs-from-majority': '不同于多数',
  'different-verb': '程序不同',
  'different-recipient': '报告对象不同',
  'different-value': '与同类均不同',
};

const label = (s: string) => s.replace(/[、，,．.:：\s\u3000]+$/u, '');
const where = (c: { district: string | null; docId: string; label: string }) => `${c.district ?? c.docId}${label(c.label)}`;
const draftName = (r: DraftReview) => r.draft.title ?? r.draft.id;

/** JSON, versioned (schema rulecmp/review@1, docs/review-schema.md). */
export function reviewJson(r: DraftReview): string {
  return JSON.stringify(r, null, 2) + '\n';
}

function statusLine(r: DraftReview): string {
  return (Object.keys(STATUS_NAMES) as ReviewStatus[]).map((s) => `${STATUS_NAMES[s]} ${r.summary.byStatus[s]}`).join('，');
}

function peersLine(r: DraftReview): string {
  return r.peers.map((p) => `${p.district ?? p.id}${p.year ? `（${p.year}）` : ''}`).join('、');
}

// ---------------------------------------------------------------- Markdown

function mdParts(parts: { text: string; changed: boolean }[], mark: '**' | '~~'): string {
  return parts.map((p) => (p.changed && p.text.trim() ? `${mark}${p.text.replace(/[*~_`]/gu, '\\$&')}${mark}` : p.text)).join('');
}

function mdRow(a: ReviewArticle): string[] {
  const peer = a.peers[0];
  const draftText = peer?.diff ? mdParts(peer.diff.draft, '**') : a.text;
  const peerText = peer ? `${where(peer.citation)}：${peer.diff ? mdParts(peer.diff.peer, '~~') : peer.text}` : '—';
  const others = a.peers.slice(1).map((p) => `${where(p.citation)}（${Math.round(p.similarity * 100)}%）`).join('、');
  return [`${label(a.citation.label)} ${draftText}`, peerText, `**${STATUS_NAMES[a.status]}**：${a.note}${others ? `。另见 ${others}` : ''}`];
}

export function reviewMarkdown(r: DraftReview): string {
  const out: string[] = [`# 草案对照审查：${mdText(draftName(r))}`, ''];
  out.push(`草案 ${mdText(r.draft.source)}（${r.draft.articles} 条），对照同类地区：${mdText(peersLine(r))}。由 rulecmp 生成，请勿手工修改，重新生成即可。`, '');
  out.push('## 摘要', '');
  out.push(`- 条文：${statusLine(r)}`);
  out.push(`- 与同类地区做法不一致的规定 ${r.summary.deviations} 项；多数同类地区规定而草案未规定的事项 ${r.summary.missingTopics} 项、具体规定 ${r.summary.omittedFacts} 项`);
  for (const h of r.summary.highlights) out.push(`- ${mdText(h)}`);
  out.push('', '## 与同类地区做法不一致的规定', '');
  if (r.deviations.length === 0) out.push('无。', '');
  else
    out.push(
      '| 事项 | 草案 | 同类地区 | 差异 |',
      '|---|---|---|---|',
      ...r.deviations.map((d) =>
        [d.subject, `${d.draft.value}（${where(d.draft.citation)}）`, d.peers.map((p) => `${p.district ?? p.docId}：${p.value}（${label(p.citation.label)}）`).join('\n'), `${MEASURE_NAMES[d.measure.type]}：${d.measure.text}`]
          .map(mdCell)
          .join(' | '),
      ).map((l) => `| ${l} |`),
      '',
    );
  out.push('## 多数同类地区规定而草案未规定的事项', '');
  if (r.missingTopics.length === 0 && r.omittedFacts.length === 0) out.push('无。', '');
  for (const m of r.missingTopics) out.push(`- **${mdText(m.name)}**（${Math.round(m.share * 100)}% 的同类地区）：${mdText(m.peers.map(where).join('、'))}`);
  for (const o of r.omittedFacts) out.push(`- ${mdText(o.text)}：${mdText(o.peers.map((p) => `${p.district ?? p.docId}${label(p.citation.label)} ${p.value}`).join('；'))}`);
  out.push('', '## 对照表', '', '草案条文中**加粗**为与最接近的同类条文不同的文字，同类条文中~~删除线~~为草案没有的文字。', '');
  out.push('| 草案条文 | 同类地区条文 | 差异 / 说明 |', '|---|---|---|', ...r.articles.map((a) => `| ${mdRow(a).map(mdCell).join(' | ')} |`), '');
  return out.join('\n');
}

// ---------------------------------------------------------------- HTML

function htmlParts(parts: { text: string; changed: boolean }[], tag: 'ins' | 'del'): string {
  return parts.map((p) => (p.changed && p.text.trim() ? `<${tag}>${esc(p.text)}</${tag}>` : esc(p.text))).join('').replace(/\n/gu, '<br>');
}

const REVIEW_CSS =
  'table.review td{vertical-align:top}table.review td.text{min-width:22em}td.status-new{background:#fff4e5}td.status-modified{background:#f4f8ff}.status{font-weight:600;white-space:nowrap}ul.highlights li{margin:.2rem 0}';

export function reviewHtml(r: DraftReview): string {
  const b: string[] = [`<style>${REVIEW_CSS}</style>`];
  b.push('<h2 id="summary">摘要</h2>', `<p>条文：${esc(statusLine(r))}</p>`);
  b.push(`<p>与同类地区做法不一致的规定 ${r.summary.deviations} 项；多数同类地区规定而草案未规定的事项 ${r.summary.missingTopics} 项、具体规定 ${r.summary.omittedFacts} 项。</p>`);
  b.push(`<ul class="highlights">${r.summary.highlights.map((h) => `<li>${esc(h)}</li>`).join('')}</ul>`);
  b.push('<h2 id="deviations">与同类地区做法不一致的规定</h2>');
  if (r.deviations.length === 0) b.push('<p>无。</p>');
  else {
    b.push('<table class="list"><thead><tr><th>事项</th><th>草案</th><th>同类地区</th><th>差异</th></tr></thead><tbody>');
    for (const d of r.deviations)
      b.push(
        `<tr><td>${esc(d.subject)}</td><td>${esc(d.draft.value)}<br><cite title="${esc(d.draft.text)}">${esc(where(d.draft.citation))}</cite></td><td>${d.peers.map((p) => `${esc(p.district ?? p.docId)}：${esc(p.value)} <cite title="${esc(p.text)}">${esc(label(p.citation.label))}</cite>`).join('<br>')}</td><td><span class="status">${esc(MEASURE_NAMES[d.measure.type] ?? d.measure.type)}</span><br>${esc(d.measure.text)}</td></tr>`,
      );
    b.push('</tbody></table>');
  }
  b.push('<h2 id="missing">多数同类地区规定而草案未规定的事项</h2><ul>');
  for (const m of r.missingTopics) b.push(`<li><strong>${esc(m.name)}</strong>（${Math.round(m.share * 100)}% 的同类地区）：${esc(m.peers.map(where).join('、'))}</li>`);
  for (const o of r.omittedFacts) b.push(`<li>${esc(o.text)}</li>`);
  if (r.missingTopics.length === 0 && r.omittedFacts.length === 0) b.push('<li>无。</li>');
  b.push('</ul>');
  b.push('<h2 id="table">对照表</h2><p class="note">草案条文中<ins>标记</ins>为与最接近的同类条文不同的文字，同类条文中<del>删除线</del>为草案没有的文字。</p>');
  b.push('<table class="review"><thead><tr><th>草案条文</th><th>同类地区条文</th><th>差异 / 说明</th></tr></thead><tbody>');
  for (const a of r.articles) {
    const peer = a.peers[0];
    const draftText = peer?.diff ? htmlParts(peer.diff.draft, 'ins') : esc(a.text).replace(/\n/gu, '<br>');
    const peerText = peer ? `<cite>${esc(where(peer.citation))}</cite> ${peer.diff ? htmlParts(peer.diff.peer, 'del') : esc(peer.text).replace(/\n/gu, '<br>')}` : '—';
    const others = a.peers.slice(1).map((p) => `${where(p.citation)}（${Math.round(p.similarity * 100)}%）`).join('、');
    b.push(
      `<tr id="${esc(a.citation.key)}"><td class="text"><strong>${esc(label(a.citation.label))}</strong> ${draftText}</td><td class="text">${peerText}</td><td class="status-${a.status}"><span class="status">${esc(STATUS_NAMES[a.status])}</span><br>${esc(a.note)}${others ? `<br>另见 ${esc(others)}` : ''}</td></tr>`,
    );
  }
  b.push('</tbody></table>');
  return page(b.join('\n'), { title: `草案对照审查：${draftName(r)}`, intro: `草案 ${r.draft.source}（${r.draft.articles} 条），对照同类地区：${peersLine(r)}。由 rulecmp 生成。` });
}

// ---------------------------------------------------------------- Word

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋' };
const HEAD_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
/** Revisions need a date; a fixed one keeps the file the same for the same review. */
const REVISION_DATE = '2000-01-01T00:00:00Z';
const AUTHOR = 'rulecmp';

function run(text: string, o: { bold?: boolean; head?: boolean } = {}): TextRun {
  return new TextRun({ text, bold: o.bold, font: o.head ? HEAD_FONT : FONT, size: o.head ? 24 : 21 });
}

function para(children: (TextRun | InsertedTextRun | DeletedTextRun)[], o: { heading?: (typeof HeadingLevel)[keyof typeof HeadingLevel]; center?: boolean } = {}): Paragraph {
  return new Paragraph({ children, heading: o.heading, alignment: o.center ? AlignmentType.CENTER : undefined, spacing: { after: 60 } });
}

function cell(paragraphs: Paragraph[], width: number): TableCell {
  return new TableCell({ children: paragraphs.length ? paragraphs : [para([run('')])], width: { size: width, type: WidthType.DXA } });
}

/** The draft article as tracked changes against its closest peer: the peer's words deleted, the draft's inserted. */
function trackedRuns(a: ReviewArticle, ids: { next: number }): (TextRun | InsertedTextRun | DeletedTextRun)[] {
  const d = a.peers[0]?.diff;
  if (!d) return [run(a.text)];
  const out: (TextRun | InsertedTextRun | DeletedTextRun)[] = [];
  // Walk both sides: unchanged parts are the same text on both; changed ones are deletions (peer) then insertions (draft).
  let i = 0;
  let j = 0;
  const left = d.draft;
  const right = d.peer;
  while (i < left.length || j < right.length) {
    while (j < right.length && right[j]!.changed) out.push(new DeletedTextRun({ text: right[j++]!.text, id: ids.next++, author: AUTHOR, date: REVISION_DATE, font: FONT, size: 21 }));
    while (i < left.length && left[i]!.changed) out.push(new InsertedTextRun({ text: left[i++]!.text, id: ids.next++, author: AUTHOR, date: REVISION_DATE, font: FONT, size: 21 }));
    if (i < left.length && j < right.length) {
      out.push(run(left[i]!.text));
      i++;
      j++;
    } else if (i < left.length) out.push(run(left[i++]!.text));
    else if (j < right.length) j++;
  }
  return out;
}

/** Word's zip with fixed timestamps (created/modified and every entry's time), so the same review gives the same bytes. */
function deterministic(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const core = files['docProps/core.xml'];
  if (core) files['docProps/core.xml'] = strToU8(new TextDecoder().decode(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/gu, `$1${REVISION_DATE}$2`));
  const mtime = new Date('2000-01-01T00:00:00Z');
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const name of Object.keys(files).sort()) entries[name] = [files[name]!, { mtime }];
  return zipSync(entries, { level: 6 });
}

export async function reviewDocx(r: DraftReview): Promise<Uint8Array> {
  const ids = { next: 1 };
  const widths = [5600, 5600, 3200];
  const header = new TableRow({
    tableHeader: true,
    children: ['草案条文', '同类地区条文', '差异 / 说明'].map((h, k) => cell([para([run(h, { bold: true, head: true })], { center: true })], widths[k]!)),
  });
  const rows = r.articles.map((a) => {
    const peer = a.peers[0];
    const others = a.peers.slice(1).map((p) => `${where(p.citation)}（${Math.round(p.similarity * 100)}%）`).join('、');
    return new TableRow({
      cantSplit: false,
      children: [
        cell([para([run(`${label(a.citation.label)} `, { bold: true }), run(a.text)])], widths[0]!),
        cell(peer ? [para([run(`${where(peer.citation)} `, { bold: true }), run(peer.text)])] : [para([run('—')])], widths[1]!),
        cell(
          [
            para([run(STATUS_NAMES[a.status], { bold: true })]),
            para([run(a.note)]),
            ...(peer?.diff ? [para([run('修改痕迹（同类条文 → 草案）：', { bold: true })]), para(trackedRuns(a, ids))] : []),
            ...(others ? [para([run(`另见 ${others}`)])] : []),
          ],
          widths[2]!,
        ),
      ],
    });
  });
  const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
  const summary = [
    para([run(`草案对照审查：${draftName(r)}`, { bold: true, head: true })], { heading: HeadingLevel.TITLE, center: true }),
    para([run(`草案 ${r.draft.source}（${r.draft.articles} 条），对照同类地区：${peersLine(r)}。由 rulecmp 生成。`)]),
    para([run('摘要', { bold: true, head: true })], { heading: HeadingLevel.HEADING_1 }),
    para([run(`条文：${statusLine(r)}`)]),
    ...r.summary.highlights.map((h) => para([run(`· ${h}`)])),
    para([run('与同类地区做法不一致的规定', { bold: true, head: true })], { heading: HeadingLevel.HEADING_1 }),
    ...(r.deviations.length ? r.deviations.map((d) => para([run(`· ${d.measure.text}（草案${label(d.draft.citation.label)}）`)])) : [para([run('无。')])]),
    para([run('多数同类地区规定而草案未规定的事项', { bold: true, head: true })], { heading: HeadingLevel.HEADING_1 }),
    ...r.missingTopics.map((m) => para([run(`· ${m.name}（${Math.round(m.share * 100)}% 的同类地区）：${m.peers.map(where).join('、')}`)])),
    ...r.omittedFacts.map((o) => para([run(`· ${o.text}`)])),
    para([run('对照表', { bold: true, head: true })], { heading: HeadingLevel.HEADING_1 }),
  ];
  const doc = new Document({
    creator: 'rulecmp',
    title: `草案对照审查：${draftName(r)}`,
    features: { trackRevisions: true },
    styles: { default: { document: { run: { font: FONT, size: 21 } } } },
    sections: [
      {
        properties: { page: { size: { orientation: PageOrientation.LANDSCAPE, width: 11906, height: 16838 }, margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 } } },
        children: [
          ...summary,
          new Table({ rows: [header, ...rows], width: { size: widths.reduce((s, w) => s + w, 0), type: WidthType.DXA }, borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border } }),
        ],
      },
    ],
  });
  return deterministic(new Uint8Array(await Packer.toBuffer(doc)));
}
