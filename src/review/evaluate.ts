/**
 * Scoring a review against the findings planted in a draft (a blind fixture: tests/fixtures/review/*.expected.json).
 * Pure. Articles are given by number as written (第十二条 → 12).
 */
import type { DraftReview } from '../model.js';

export interface PlantedFindings {
  copied: { draftArticle: number; peer: string; peerArticle: number }[];
  modified: { draftArticle: number; peer: string; peerArticle: number; change?: string }[];
  new: { draftArticle: number; note?: string }[];
  missingTopics: { topic: string }[];
  deviations: { kind: string; subject: string; draftArticle: number }[];
}

export interface FindingScore {
  planted: number;
  found: number;
  missed: string[];
}

export function scoreReview(review: DraftReview, planted: PlantedFindings): Record<string, FindingScore> {
  const byOrdinal = (n: number) => review.articles.find((a) => a.citation.ordinal === n);
  const score = <T>(items: T[], ok: (x: T) => boolean, name: (x: T) => string): FindingScore => {
    const missed = items.filter((x) => !ok(x)).map(name);
    return { planted: items.length, found: items.length - missed.length, missed };
  };
  const peerIs = (n: number, doc: string, ord: number) => !!byOrdinal(n)?.peers.some((p) => p.citation.docId === doc && p.citation.ordinal === ord);
  return {
    copied: score(planted.copied, (c) => ['identical', 'moved'].includes(byOrdinal(c.draftArticle)?.status ?? '') && peerIs(c.draftArticle, c.peer, c.peerArticle), (c) => `${c.draftArticle} (${byOrdinal(c.draftArticle)?.status})`),
    modified: score(planted.modified, (c) => ['modified', 'near-identical'].includes(byOrdinal(c.draftArticle)?.status ?? '') && byOrdinal(c.draftArticle)!.peers[0]?.citation.docId === c.peer && byOrdinal(c.draftArticle)!.peers[0]?.citation.ordinal === c.peerArticle, (c) => `${c.draftArticle} (${byOrdinal(c.draftArticle)?.status} ${byOrdinal(c.draftArticle)?.peers[0]?.citation.docId}:${byOrdinal(c.draftArticle)?.peers[0]?.citation.ordinal})`),
    new: score(planted.new, (c) => byOrdinal(c.draftArticle)?.status === 'new', (c) => `${c.draftArticle} (${byOrdinal(c.draftArticle)?.status})`),
    missingTopics: score(planted.missingTopics, (m) => review.missingTopics.some((x) => x.topic === m.topic), (m) => m.topic),
    deviations: score(
      planted.deviations,
      (d) => review.deviations.some((x) => (x.kind === d.kind || (d.kind === 'deadline' && x.kind === 'minutes-deadline')) && x.draft.citation.ordinal === d.draftArticle),
      (d) => `${d.kind} ${d.subject} (${d.draftArticle})`,
    ),
  };
}
