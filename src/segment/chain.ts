/**
 * Which numbered lines start articles. Only the sequence tells: "1、" after 第四十条 is an
 * item, "11、" after 十、 is article 11. We pick, by dynamic programming, the chain of
 * numbered lines that best reads as one article sequence 1, 2, 3, … : consecutive numbers
 * score, gaps cost, a number that continues a skipped list (一、二、三、 inside an article)
 * costs, and Arabic labels may only stand in for a number the chain expects next.
 */
import type { ArticleStyle } from '../model.js';

export interface Candidate {
  /** Index of the line in the document. */
  line: number;
  number: number;
  style: ArticleStyle;
}

const STEP = 10; // a consecutive number
const DUPLICATE = 1; // the same number again (reported as a diagnostic)
const GAP_COST = 4; // per missing number
const MAX_GAP = 3;
const ARABIC_COST = 3; // Arabic label inside a Chinese sequence
const LIST_CONTINUATION_COST = 14; // continues a run of skipped numbers (an item list)
const WINDOW = 80; // how far back a transition may reach

function transition(prev: Candidate, next: Candidate): number | null {
  const d = next.number - prev.number;
  if (next.style === 'arabic-enum' && d !== 1) return null;
  if (d === 1) return STEP;
  if (d === 0) return next.style === prev.style ? DUPLICATE : null;
  if (d > 1 && d <= MAX_GAP + 1) return STEP - GAP_COST * (d - 1);
  return null;
}

function startScore(c: Candidate): number {
  if (c.style === 'arabic-enum') return -Infinity;
  return STEP - GAP_COST * Math.min(c.number - 1, 6);
}

/** Best chain over candidates of one primary style (plus Arabic stand-ins). Returns indices into `cands`. */
function bestChain(cands: Candidate[]): { score: number; chain: number[] } {
  const n = cands.length;
  const score = new Array<number>(n).fill(-Infinity);
  const back = new Array<number>(n).fill(-1);
  for (let j = 0; j < n; j++) {
    score[j] = startScore(cands[j]!);
    for (let i = Math.max(0, j - WINDOW); i < j; i++) {
      if (score[i] === -Infinity) continue;
      const t = transition(cands[i]!, cands[j]!);
      if (t === null) continue;
      let s = score[i]! + t - (cands[j]!.style === 'arabic-enum' ? ARABIC_COST : 0);
      // The candidate just before j was skipped and reads as j's predecessor: j continues a list.
      if (j - 1 > i && cands[j - 1]!.number === cands[j]!.number - 1) s -= LIST_CONTINUATION_COST;
      if (s > score[j]!) {
        score[j] = s;
        back[j] = i;
      }
    }
  }
  let best = -1;
  for (let j = 0; j < n; j++) if (best < 0 || score[j]! > score[best]!) best = j;
  const chain: number[] = [];
  for (let j = best; j >= 0; j = back[j]!) chain.push(j);
  return { score: best < 0 ? -Infinity : score[best]!, chain: chain.reverse() };
}

/** The lines that start articles, in order. */
export function articleChain(candidates: Candidate[]): Candidate[] {
  let best: { score: number; picked: Candidate[] } = { score: -Infinity, picked: [] };
  for (const primary of ['tiao', 'cn-enum'] as const) {
    const pool = candidates.filter((c) => c.style === primary || c.style === 'arabic-enum');
    if (!pool.some((c) => c.style === primary)) continue;
    const { score, chain } = bestChain(pool);
    if (score > best.score) best = { score, picked: chain.map((k) => pool[k]!) };
  }
  return best.picked;
}
