/**
 * The draft review as a drafting office reads it: a summary a reviewer reads in a minute (counts by
 * status, the deviations that matter most, topics left out), the deviations with the peer distribution,
 * what most peers regulate and the draft does not, then the 对照表 — 草案条文 | 同类地区条文 | 差异/说明,
 * one row per draft article in draft order. Markdown, self-contained HTML, JSON (the machine form,
 * docs/review-schema.md); Word is review-docx.ts (loaded only when asked for). Deterministic: the same review gives the same bytes. Pure.
 */
import type { DraftReview, ReviewArticle, ReviewStatus } from '../model.js';
import { esc, page } from './html.js';
import { recordsJson } from './json.js';
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

export const label = (s: string) => s.replace(/[、，,．.:：\s\u3000]+$/u, '');
export const where = (c: { district: string | null; docId: string; label: string }) => `${c.district ?? c.docId}${label(c.label)}`;
export const draftName = (r: DraftReview) => r.draft.title ?? r.draft.id;

/** JSON, versioned (schema rulecmp/review@1, docs/review-schema.md). */
export function reviewJson(r: DraftReview): string {
  return recordsJson(r);
}

export function statusLine(r: DraftReview): string {
  return (Object.keys(STATUS_NAMES) as ReviewStatus[]).map((s) => `${STATUS_NAMES[s]} ${r.summary.byStatus[s]}`).join('，');
}

export function peersLine(r: DraftReview): string {
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
