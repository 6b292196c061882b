/**
 * Money thresholds: each bounded amount (1000万元(含)以下, 1000万元以上, 1万元—200万元(含)), what
 * the money is for, and who decides within the band (由区长、常务副区长、主管副区长共同审批 /
 * 提交区政府常务会议讨论决定). An amount in a meeting's task list (常务会议: 讨论和决定2000万元以上…)
 * is decided by that meeting. Pure: document → facts.
 */
import type { Article, RuleDocument, ThresholdFact } from '../model.js';
import { findAmounts } from './amounts.js';
import { leadingMeetings } from './meetings.js';
import { splitRoles } from './roles.js';
import { articleLines, cite, clauses, sentences, type Piece } from './text.js';
import { LIMITS, alternation } from './vocab.js';

const DECIDE = alternation(LIMITS.decisionVerbs);
const DECIDED_BY_RE = new RegExp(`由([^，,。；;报]{1,40}?)(?:${DECIDE})`, 'u');
const SUBMIT_RE = new RegExp(`(?:${alternation(LIMITS.submitVerbs)})([^，,。；;]{2,30}?)(?:${DECIDE}|讨论|研究|审议)`, 'u');

/** Who decides, from the words after the amount: 由X审批 → roles of X; 提交X讨论决定 → [X]. */
function deciders(text: string): string[] {
  const by = text.match(DECIDED_BY_RE);
  const submit = text.match(SUBMIT_RE);
  if (by && (!submit || by.index! < submit.index!)) return splitRoles(by[1]!);
  if (submit) return [submit[1]!];
  return [];
}

/** What the money is for: the amount's clause without the amount, else the clauses before it. */
function subjectOf(sentence: Piece, raw: string): string | null {
  const cls = clauses(sentence);
  const i = cls.findIndex((c) => c.text.includes(raw));
  if (i < 0) return null;
  const own = cls[i]!.text
    .replace(raw, '')
    .replace(/[，,。；;：:]$/u, '')
    .replace(/^(?:在|对)/u, '')
    .replace(/(?:在|的)+$/u, '')
    .replace(/^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/u, '');
  if (own.replace(/的/gu, '').length >= 4) return own;
  const before = cls
    .slice(0, i)
    .map((c) => c.text.replace(/[，,：:]$/u, ''))
    .join(',')
    .replace(/^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))/u, '');
  return before || null;
}

export function articleThresholds(doc: RuleDocument, article: Article, startId = 0): ThresholdFact[] {
  const facts: ThresholdFact[] = [];
  const lines = articleLines(article);
  // The meeting whose tasks the items list (区政府常务会议由…组成…会议的主要任务是：)
  const leadMeeting = lines[0] ? leadingMeetings(lines[0].text)[0]?.written ?? null : null;
  for (const line of lines) {
    let lastSubject: string | null = null;
    for (const s of sentences(line)) {
      for (const a of findAmounts(s.text)) {
        const after = s.text.slice(a.index + a.raw.length);
        let decidedBy = deciders(after);
        if (decidedBy.length === 0 && line.isItem && leadMeeting) decidedBy = [leadMeeting];
        const subject: string | null = subjectOf(s, a.raw) ?? lastSubject;
        lastSubject = subject;
        facts.push({
          id: `${doc.id}:threshold:${startId + facts.length + 1}`,
          kind: 'threshold',
          citation: cite(doc, article, s),
          lower: a.lower,
          upper: a.upper,
          subject,
          decidedBy,
          raw: a.raw,
        });
      }
    }
  }
  return facts;
}

export function extractThresholds(doc: RuleDocument): ThresholdFact[] {
  const out: ThresholdFact[] = [];
  for (const a of doc.articles) out.push(...articleThresholds(doc, a, out.length));
  return out;
}
