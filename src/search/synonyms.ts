/**
 * The genre's synonyms (data/synonyms.json, and everyday ↔ official words in data/synonyms-everyday.json): where a query has a word of a group, the group's other words are
 * alternatives of it — found as well as the typed word, never instead of it, and ranked below it (search.ts).
 * Words are found in the query's text, not in its jieba units, so a word jieba cuts apart (来|不了) is found too.
 * Pure.
 */
import data from '../../data/synonyms.json' with { type: 'json' };
import everyday from '../../data/synonyms-everyday.json' with { type: 'json' };
import type { SearchAlternative } from '../model.js';
import { normalise } from '../tokenize/index.js';
import { numeralAlternatives, type AlternativeSpan, type AlternativesOf } from './terms.js';

interface Group {
  words: string[];
  source: string;
}

const GROUPS: Group[] = [...(data.groups as Group[]), ...(everyday.groups as Group[])].map((g) => ({ words: [...new Set(g.words.map(normalise))], source: g.source }));
/** Each word → the groups it is in. */
const BY_WORD = new Map<string, Group[]>();
for (const g of GROUPS) for (const w of g.words) BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), g]);
const LONGEST = Math.max(0, ...[...BY_WORD.keys()].map((w) => w.length));

/**
 * Stretches of a (normalised) text that are a word of a group, leftmost-longest, not overlapping; with the group's
 * other words. With `boundaries` (where the text's units start and end), only stretches from one to another.
 */
export function synonymSpans(text: string, boundaries?: Set<number>): AlternativeSpan[] {
  const out: AlternativeSpan[] = [];
  const at = (i: number) => !boundaries || boundaries.has(i);
  for (let i = 0; i < text.length; ) {
    let found = 0;
    if (at(i)) for (let n = Math.min(LONGEST, text.length - i); n >= 1 && !found; n--) if (at(i + n) && BY_WORD.has(text.slice(i, i + n))) found = n;
    if (!found) {
      i++;
      continue;
    }
    const word = text.slice(i, i + found);
    const alternatives: SearchAlternative[] = [];
    const seen = new Set([word]);
    for (const g of BY_WORD.get(word)!) for (const w of g.words) if (!seen.has(w)) seen.add(w), alternatives.push({ text: w, kind: 'synonym', source: g.source });
    out.push({ start: i, end: i + found, alternatives });
    i += found;
  }
  return out;
}

/** Synonyms, and other spellings of numbers where no synonym stands. */
export const queryAlternatives: AlternativesOf = (text, boundaries) => {
  const syn = synonymSpans(text, boundaries);
  const num = numeralAlternatives(text, boundaries).filter((n) => !syn.some((s) => s.start < n.end && n.start < s.end));
  return [...syn, ...num].sort((a, b) => a.start - b.start);
};

/** The groups, for listing and tests. */
export function synonymGroups(): readonly Group[] {
  return GROUPS;
}
