/**
 * Normative facts of a document: meetings, money thresholds, deadlines and limits, leave and
 * reporting rules, each with its citation (document, article, exact quote, span). Pure:
 * document → facts; no seed-specific strings, only the genre's vocabulary (data/*.json).
 */
import type { DeadlineFact, Fact, FactKind, LeaveFact, MeetingFact, RuleDocument, ThresholdFact } from '../model.js';
import { extractDeadlines } from './deadlines.js';
import { extractLeave } from './leave.js';
import { extractMeetings } from './meetings.js';
import { extractThresholds } from './thresholds.js';

export { extractDeadlines, extractLeave, extractMeetings, extractThresholds };
export { findAmounts } from './amounts.js';
export { readFrequency, readQuorum } from './frequency.js';
export { findMeetings } from './meetings.js';
export { splitRoles } from './roles.js';

/** The CLI's names for the kinds (plural, as in `--kind meetings`). */
export const KIND_NAMES = { meetings: 'meeting', thresholds: 'threshold', deadlines: 'deadline', leave: 'leave' } as const satisfies Record<string, FactKind>;
export type KindName = keyof typeof KIND_NAMES;

export interface DocumentFacts {
  docId: string;
  meetings: MeetingFact[];
  thresholds: ThresholdFact[];
  deadlines: DeadlineFact[];
  leave: LeaveFact[];
}

export function extractDocumentFacts(doc: RuleDocument): DocumentFacts {
  return {
    docId: doc.id,
    meetings: extractMeetings(doc),
    thresholds: extractThresholds(doc),
    deadlines: extractDeadlines(doc),
    leave: extractLeave(doc),
  };
}

/** All facts of a document as one list (meetings, thresholds, deadlines, leave), optionally of some kinds. */
export function extractFacts(doc: RuleDocument, kinds?: FactKind[]): Fact[] {
  const f = extractDocumentFacts(doc);
  const all: Fact[] = [...f.meetings, ...f.thresholds, ...f.deadlines, ...f.leave];
  return kinds ? all.filter((x) => kinds.includes(x.kind)) : all;
}
