/**
 * Level-neutral wording. A county's rules say 县长 / 县政府常务会议 where a district's say
 * 区长 / 区政府常务会议, and a city's say 市长 for its own head and 省 for the level above.
 * Rewriting each document's own level to the district form (and the level above to 市)
 * lets cue terms and similarity treat them as the same words. The word patterns are data
 * (data/stopwords.json, levelCompounds).
 */
import vocab from '../../data/stopwords.json' with { type: 'json' };
import type { RuleDocument } from '../model.js';

const LEVEL_CHARS = '区县旗市州盟省';
const { patterns, levels, above, canonical } = vocab.levelCompounds as {
  patterns: string[];
  levels: Record<string, string>;
  above: Record<string, string>;
  canonical: { own: string; above: string };
};

/** The character that names the document's own level: the last character of its district name, else its level, else 区. */
export function ownLevelChar(doc: Pick<RuleDocument, 'meta'>): string {
  const j = doc.meta.jurisdiction;
  const last = j.name?.slice(-1);
  if (last && LEVEL_CHARS.includes(last)) return last;
  return (j.level && levels[j.level]) || canonical.own;
}

const cache = new Map<string, Map<string, string>>();

/** token → rewritten token for a document whose own level is `own` (empty map for the district form). */
export function levelMap(own: string): Map<string, string> {
  let map = cache.get(own);
  if (map) return map;
  map = new Map();
  const up = above[own];
  const rewrite = (from: string | undefined, to: string) => {
    if (!from || from === to) return;
    for (const p of patterns) map!.set(p.replaceAll('{L}', from), p.replaceAll('{L}', to));
  };
  // Own level first, so that a city's 市长 becomes 区长 and its 省长 becomes 市长 (not 区长).
  rewrite(up, canonical.above);
  rewrite(own, canonical.own);
  cache.set(own, map);
  return map;
}

/** Rewrite tokens to the district form. */
export function levelNeutralTokens(tokens: string[], own: string): string[] {
  const map = levelMap(own);
  if (map.size === 0) return tokens;
  return tokens.map((t) => map.get(t) ?? t);
}
