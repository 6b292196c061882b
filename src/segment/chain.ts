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
  /** The label as written ('11、', '2.'): its punctuation tells one list from another. */
  label: string;
}

/** A label without its number and spaces: '11、' → 'D、', '（三）' → '（C）'. */
const markerShape = (label: string) =>
  label.replace(/[0-9０-９]+/g, 'D').replace(/[零〇一二两三四五六七八九十百千]+/g, 'C').replace(/[\s\u3000]/g, '');

const STEP = 10; // a consecutive number
const DUPLICATE = -3; // the same number again (kept, and reported as a diagnostic)
const GAP_COST = 4; // per missing number
const MAX_GAP = 3;
const ARABIC_COST = 3; // Arabic label inside a Chinese sequence
const LIST_CONTINUATION_COST = 14; // continues a run of skipped numbers (an item list)
const SKIPPED_DUPLICATE_COST = 10; // leaves out the one line between, written the same way with the same number
const WINDOW = 80;
const SKIPPED_TIAO_COST = 8; // per 第X条 line left out between two articles
const TIAO_SHARE = 5; // a 条 chain of at least a fifth of the 一、 chain's length // how far back a transition may reach

function transition(prev: Candidate, next: Candidate): number | null {
  const d = next.number - prev.number;
  if (next.style === 'arabic-enum' && d !== 1) return null;
  if (d === 1) return STEP;
  if (d === 0) return next.style === prev.style ? DUPLICATE : null;
  if (d > 1 && d <= MAX_GAP + 1) return STEP - GAP_COST * (d - 1);
  return null;
}

function startScore(c: Candidate, arabic: boolean): number {
  if (c.style === 'arabic-enum' && !arabic) return -Infinity;
  return STEP - GAP_COST * Math.min(c.number - 1, 6);
}

/**
 * Best chain over candidates of one primary style (plus Arabic stand-ins; `arabic`: the primary style is Arabic, 1．
 * 2．…, each number the next). Returns indices into `cands`.
 */
function bestChain(cands: Candidate[], arabic = false): { score: number; chain: number[] } {
  const n = cands.length;
  const score = new Array<number>(n).fill(-Infinity);
  const back = new Array<number>(n).fill(-1);
  // tiaoBefore[k]: how many 第X条 lines come before candidate k; skipping one costs (they are rarely anything but articles).
  const tiaoBefore = [0];
  for (const c of cands) tiaoBefore.push(tiaoBefore[tiaoBefore.length - 1]! + (c.style === 'tiao' ? 1 : 0));
  for (let j = 0; j < n; j++) {
    score[j] = startScore(cands[j]!, arabic);
    for (let i = Math.max(0, j - WINDOW); i < j; i++) {
      if (score[i] === -Infinity) continue;
      const t = transition(cands[i]!, cands[j]!);
      if (t === null) continue;
      let s = score[i]! + t - (cands[j]!.style === 'arabic-enum' && !arabic ? ARABIC_COST : 0) - SKIPPED_TIAO_COST * (tiaoBefore[j]! - tiaoBefore[i + 1]!);
      // The candidate just before j was skipped, is written the same way and reads as j's
      // predecessor: j continues that list (一、二、三、 inside an article), it is no article.
      const k = cands[j - 1]!;
      // An Arabic stand-in never continues a list (1、2、3、 items after 第一条); a label in the
      // document's own style only pays, since a list of one style may end just before the next article.
      if (j - 1 > i && k.number === cands[j]!.number - 1 && markerShape(k.label) === markerShape(cands[j]!.label)) {
        if (k.style === 'arabic-enum') continue;
        s -= LIST_CONTINUATION_COST;
      }
      // The only line left out between i and j has j's number and shape (二、 … 二、 — a repeated article,
      // common in drafts): it is an article numbered twice, kept and reported, not folded into i.
      if (j - 2 === i && k.number === cands[j]!.number && markerShape(k.label) === markerShape(cands[j]!.label)) s -= SKIPPED_DUPLICATE_COST;
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
  const chains = (['tiao', 'cn-enum'] as const).map((primary) => {
    // Arabic stand-ins (11、) occur in 一、 sequences; a 条 document writes 第11条.
    const pool = candidates.filter((c) => c.style === primary || (primary === 'cn-enum' && c.style === 'arabic-enum'));
    if (!pool.some((c) => c.style === primary)) return { score: -Infinity, picked: [] as Candidate[] };
    const { score, chain } = bestChain(pool);
    return { score, picked: chain.map((k) => pool[k]!) };
  });
  const [tiao, cn] = chains as [(typeof chains)[0], (typeof chains)[0]];
  // 第X条 says "article" in so many words, while 一、 may be an item list inside one: a 条 chain
  // that starts at 第一条 wins when the 一、 lines come after it, or are not many times more.
  const t1 = tiao.picked[0];
  const chosen =
    t1?.number === 1 && (cn.picked.length === 0 || cn.picked[0]!.line > t1.line || tiao.picked.length * TIAO_SHARE >= cn.picked.length)
      ? tiao.picked
      : tiao.score >= cn.score
        ? tiao.picked
        : cn.picked;
  // Articles numbered 1． 2． … all through (the chapters then headed 一、总则 …): an Arabic run from 1, each number the
  // next, many times longer than any other chain — an item list 1、2、3、 starts again in every article.
  const pool = candidates.filter((c) => c.style === 'arabic-enum');
  if (pool.length >= ARABIC_MIN) {
    const picked = bestChain(pool, true).chain.map((k) => pool[k]!);
    if (picked[0]?.number === 1 && picked.length >= ARABIC_MIN && picked.length >= ARABIC_SHARE * chosen.length) return picked;
  }
  return chosen;
}

/** An Arabic chain of articles is at least this long, and this many times the length of the chain it replaces. */
const ARABIC_MIN = 10;
const ARABIC_SHARE = 3;
