/**
 * The extractors' vocabularies (data/roles.json, data/meetings.json, data/limits.json,
 * data/leave.json), with the level placeholder {L} expanded into a regular-expression
 * group so that one entry covers 区长, 县长, 市长 ….
 */
import roles from '../../data/roles.json' with { type: 'json' };
import meetings from '../../data/meetings.json' with { type: 'json' };
import limits from '../../data/limits.json' with { type: 'json' };
import leave from '../../data/leave.json' with { type: 'json' };
import { alternation } from '../text/regexp.js';

export { alternation, escapeRe } from '../text/regexp.js';

export const ROLES = roles;
export const MEETINGS = meetings;
export const LIMITS = limits;
export const LEAVE = leave;

/** The level words as a non-capturing group: (?:区|县|市|…). */
export const LEVEL = `(?:${roles.levels.join('|')})`;

/** Expand {L} in a vocabulary pattern. */
export function expandLevel(pattern: string): string {
  return pattern.replaceAll('{L}', LEVEL);
}



/** The cues of a meeting with no fixed rate (不定期, 根据工作需要, 根据分管工作需要 …) as one pattern. */
export const IRREGULAR = [alternation(meetings.irregular), ...meetings.irregularPatterns].join('|');

/** The government prefix (区政府, 县人民政府) as a pattern. */
export const GOV_PREFIX = expandLevel(roles.governmentPrefix);
