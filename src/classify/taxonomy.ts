/**
 * The topic taxonomy (data/topics.json): parsed once, checked (unique ids, parents that
 * exist, no cycles), and helpers to walk the tree.
 */
import { AmbiguousTopicError, UnknownTopicError } from '../errors.js';
import raw from '../../data/topics.json' with { type: 'json' };
import type { Taxonomy, Topic } from '../model.js';

interface TaxonomyFile {
  topics: Partial<Topic>[];
}

/** Parse and check a taxonomy; throws one line naming the first problem. */
export function parseTaxonomy(file: unknown): Taxonomy {
  const topics = (file as TaxonomyFile)?.topics;
  if (!Array.isArray(topics)) throw new Error('taxonomy: "topics" must be an array');
  const byId = new Map<string, Topic>();
  for (const [i, t] of topics.entries()) {
    if (!t || typeof t.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(t.id)) throw new Error(`taxonomy: topic ${i} has no valid id`);
    if (byId.has(t.id)) throw new Error(`taxonomy: duplicate topic id "${t.id}"`);
    if (typeof t.name !== 'string' || !t.name) throw new Error(`taxonomy: topic "${t.id}" has no name`);
    const list = (k: 'cues' | 'weakCues' | 'chapterCues'): string[] => {
      const v = t[k] ?? [];
      if (!Array.isArray(v) || v.some((c) => typeof c !== 'string' || c.length === 0)) throw new Error(`taxonomy: topic "${t.id}": ${k} must be a list of words`);
      return v;
    };
    const topic: Topic = {
      id: t.id,
      name: t.name,
      description: t.description ?? '',
      parent: t.parent ?? null,
      cues: list('cues'),
      weakCues: list('weakCues'),
      chapterCues: list('chapterCues'),
    };
    byId.set(t.id, topic);
  }
  for (const t of byId.values()) {
    if (t.parent !== null && !byId.has(t.parent)) throw new Error(`taxonomy: topic "${t.id}" has unknown parent "${t.parent}"`);
    const seen = new Set<string>();
    for (let p: Topic | undefined = t; p; p = p.parent ? byId.get(p.parent) : undefined) {
      if (seen.has(p.id)) throw new Error(`taxonomy: topic "${t.id}" is its own ancestor`);
      seen.add(p.id);
    }
  }
  return { topics: [...byId.values()], byId };
}

let cached: Taxonomy | undefined;

/** The project's taxonomy, data/topics.json (parsed once). */
export function loadTaxonomy(): Taxonomy {
  return (cached ??= parseTaxonomy(raw));
}

/** Ids from the topic up to its root: ['special-meeting', 'mayor-office-meeting', 'meetings']. */
export function ancestry(taxonomy: Taxonomy, id: string): string[] {
  const out: string[] = [];
  for (let t = taxonomy.byId.get(id); t; t = t.parent ? taxonomy.byId.get(t.parent) : undefined) out.push(t.id);
  return out;
}

/** True if `a` is `b` or one of its ancestors. */
export function isAncestorOrSelf(taxonomy: Taxonomy, a: string, b: string): boolean {
  return ancestry(taxonomy, b).includes(a);
}

/** The topic and all topics below it. */
export function subtree(taxonomy: Taxonomy, id: string): Set<string> {
  return new Set(taxonomy.topics.filter((t) => ancestry(taxonomy, t.id).includes(id)).map((t) => t.id));
}

/** Depth in the tree, 0 for a root. */
export function depth(taxonomy: Taxonomy, id: string): number {
  return ancestry(taxonomy, id).length - 1;
}

/** Children of a topic (null: the roots), in file order. */
export function children(taxonomy: Taxonomy, id: string | null): Topic[] {
  return taxonomy.topics.filter((t) => t.parent === id);
}

/**
 * Find a topic by id ('executive-meeting'), by name ('常务会议') or by a word that names only one topic: a part of
 * one name ('请销假'), or a cue word of one topic. A word that names several — a part of one name and a cue word of
 * another (请假: 会议请假, and the cue of 请销假与报备) — is ambiguous: the error lists them (AmbiguousTopicError);
 * an unknown one is an UnknownTopicError.
 */
export function findTopic(taxonomy: Taxonomy, query: string): Topic {
  const q = query.trim();
  const exact = taxonomy.byId.get(q) ?? taxonomy.topics.find((t) => t.name === q);
  if (exact) return exact;
  const partial = taxonomy.topics.filter((t) => t.name.includes(q) || t.id.includes(q.toLowerCase()) || t.cues.includes(q));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1)
    throw new AmbiguousTopicError(
      `topic "${q}" is ambiguous: ${partial.map((t) => `${t.name} (${t.id})`).join(', ')} — give one of them (rulecmp topics lists them all)`,
      partial.map((t) => t.id),
    );
  throw new UnknownTopicError(`unknown topic "${q}" (run rulecmp topics to list them)`);
}
