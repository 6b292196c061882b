/**
 * Posts, bodies, occasions and deadlines in a small shared vocabulary (data/review.json), so that facts of documents
 * written with other habits line up: 组成部门主要负责人, 工作部门主要负责同志 and 部门行政正职 are one class of people;
 * 副县长 and 副区长 one post; 离京出差 and 离区 one occasion; a deadline is grouped by what it governs. Used by the
 * draft review (src/review/facts.ts) and the reports (src/report/facts-tables.ts). Pure.
 */
import vocab from '../../data/review.json' with { type: 'json' };

/** The characters that name a government's level in its titles (区长, 县政府, 市委书记). */
export const LEVEL_CHARACTERS: readonly string[] = vocab.levelCharacters;
const ANY_LEVEL = new RegExp(`[${vocab.levelCharacters.join('')}]`, 'gu');

/**
 * A role or office with its level word neutralised as ◇: 副区长 and 副县长 are the same post. With `level`, only that
 * character (the document's own level), so that a district's 市长 (the city's mayor) stays 市长.
 */
export function neutralRole(s: string, level?: string): string {
  return level === undefined ? s.replace(ANY_LEVEL, '◇') : level ? s.replaceAll(level, '◇') : s;
}

/** A neutral role shown in a document's own words (◇长 → 区长). */
export function inLevelWords(s: string, level: string): string {
  return level ? s.replaceAll('◇', level) : s;
}

const ROLE_CLASSES = vocab.roleClasses.map((c) => ({ ...c, res: c.patterns.map((p) => new RegExp(p.replaceAll('◇', '[◇]'), 'u')) }));

/** The class a post or body falls in (data/review.json roleClasses): its id (null if none fits) and its neutral name. */
export function roleClassOf(who: string, level?: string): { id: string | null; name: string } {
  const n = neutralRole(who, level);
  const c = ROLE_CLASSES.find((x) => x.res.some((r) => r.test(n)));
  return c ? { id: c.id, name: c.name } : { id: null, name: n };
}

/** The class of a post or body, in neutral words: 组成部门主要负责人 → 部门主要负责人; a post no class fits, neutralised. */
export function roleClass(who: string, level?: string): string {
  return roleClassOf(who, level).name;
}

export interface VocabularyClass {
  id: string;
  name: string;
}

/** What a deadline governs (data/review.json deadlineCategories, by its cue words), or null. */
export function deadlineCategory(governs: string): VocabularyClass | null {
  for (const c of vocab.deadlineCategories) if (c.cues.some((w) => governs.includes(w))) return { id: c.id, name: c.name };
  return null;
}

/** The deadline categories in their order. */
export const DEADLINE_CATEGORIES: readonly VocabularyClass[] = vocab.deadlineCategories.map((c) => ({ id: c.id, name: c.name }));

/** The occasion class of a leave rule's occasions (data/review.json leaveOccasions, tried in order), or null. */
export function occasionClass(occasions: readonly string[]): VocabularyClass | null {
  for (const c of vocab.leaveOccasions) if (occasions.some((o) => c.occasions.includes(o))) return { id: c.id, name: c.name };
  return null;
}

/** The occasion classes in their order. */
export const OCCASION_CLASSES: readonly VocabularyClass[] = vocab.leaveOccasions.map((c) => ({ id: c.id, name: c.name }));

/** How strong a leave verb is: 报批 > 请假 > 请示 > 同意 > 报告 > 报备 (lower is stronger; unknown verbs last). */
export function verbRank(verb: string): number {
  const i = vocab.leaveVerbStrength.indexOf(verb);
  return i < 0 ? vocab.leaveVerbStrength.length : i;
}
