/**
 * The draft review as a Word document (.docx) drafting offices exchange: A4 landscape, the 对照表 with its header
 * row repeated on every page, 宋体 headings and 仿宋 text (East Asian fonts), each changed article's departure from
 * its closest peer as real tracked insertions and deletions (Word's Track Changes, author rulecmp). Built with the
 * `docx` library; the zip is rewritten with fixed timestamps so the same review gives the same bytes. Pure.
 */
import {
  AlignmentType, BorderStyle, DeletedTextRun, Document, HeadingLevel, InsertedTextRun, Packer, PageOrientation, Paragraph, Table, TableCell, TableRow,
  TextRun, WidthType,
} from 'docx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { DraftReview, ReviewArticle } from '../model.js';
import { draftName, label, peersLine, STATUS_NAMES, statusLine, where } from './review.js';

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
