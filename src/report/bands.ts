/**
 * The money bands of one article and one subject read together, as the reports show them: a number marked (含) or (不含) belongs to
 * the band that marks it (1000万元(含)以下 … 1000万元以上: the second band starts above 1000万元), and the band on the
 * other side of that number, unmarked, is the other way round; otherwise a bound stays as read (民法典 第一千二百五十九条:
 * 以上/以下 include the number). The facts themselves are not changed (facts.json is the extractor's); the reports show
 * the bands this way so that two bands never overlap at the number the rule is about. Pure.
 */
import type { Amount, ThresholdFact } from '../model.js';

type Mark = 'in' | 'out';
type Side = 'lower' | 'upper';

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** How the text marks an amount: 1000万元(含), 1000万元（不含）, （含2000万元）; null when it does not. */
export function markOf(raw: string, amount: Amount): Mark | null {
  const w = `${amount.value}${amount.unit}`;
  const written = new RegExp(`(?<![\\d.])${escapeRe(w)}[(（](不?)含[^)）]{0,6}[)）]`, 'u').exec(raw);
  if (written) return written[1] ? 'out' : 'in';
  const inner = new RegExp(`[(（](不?)含${escapeRe(w)}[)）]`, 'u').exec(raw);
  if (inner) return inner[1] ? 'out' : 'in';
  return null;
}

/** The thresholds with their bounds read together per article (copies; the input is not changed). */
export function readBands(facts: ThresholdFact[]): ThresholdFact[] {
  const byArticle = new Map<string, ThresholdFact[]>();
  for (const t of facts) {
    const k = `${t.citation.docId}\u0000${t.citation.key}`;
    (byArticle.get(k) ?? byArticle.set(k, []).get(k)!).push(t);
  }
  const marks = (t: ThresholdFact) => ({
    lower: t.lower ? markOf(t.raw, t.lower.amount) : null,
    upper: t.upper ? markOf(t.raw, t.upper.amount) : null,
  });
  return facts.map((t) => {
    // Bands of the same money: one article, one subject (an article may set bands for several kinds of spending).
    const siblings = byArticle.get(`${t.citation.docId}\u0000${t.citation.key}`)!.filter((x) => x !== t && (x.subject === t.subject || x.subject === null || t.subject === null));
    const own = marks(t);
    const bound = (side: Side): ThresholdFact[Side] => {
      const b = t[side];
      if (!b) return b;
      const mark = own[side];
      if (mark) return { ...b, inclusive: mark === 'in' };
      // The band on the other side of the same number, marked: this one is the other way round.
      const other: Side = side === 'lower' ? 'upper' : 'lower';
      for (const s of siblings) {
        const ob = s[other];
        const om = marks(s)[other];
        if (ob && om && ob.amount.yuan === b.amount.yuan) return { ...b, inclusive: om === 'out' };
      }
      return b;
    };
    const lower = bound('lower');
    const upper = bound('upper');
    return lower === t.lower && upper === t.upper ? t : { ...t, lower, upper };
  });
}
