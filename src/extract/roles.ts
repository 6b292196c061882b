/**
 * Reading roles (who chairs, signs, decides, asks for leave) from the genre's phrases:
 * '区长或区长委托常务副区长' → [区长, 常务副区长]; '区政府各部门、镇乡政府、街道办事处主要负责人'
 * → [部门主要负责人, 镇乡政府主要负责人, 街道办事处主要负责人]; '分管或牵头领导' → [分管领导, 牵头领导].
 * Vocabulary: data/roles.json.
 */
import { GOV_PREFIX, IRREGULAR, MEETINGS, ROLES, alternation, expandLevel } from './vocab.js';

const NAME_RE = new RegExp(
  [...ROLES.patterns.map(expandLevel), ...[...ROLES.names].sort((a, b) => b.length - a.length).map(expandLevel)].join('|'),
  'gu',
);
const STRIP = ROLES.stripPrefixes.map((p) => new RegExp('^(?:' + expandLevel(p) + ')', 'u'));
const HEAD_RE = new RegExp(`(?:${alternation(ROLES.heads)})$`, 'u');
const UNIT_SET = new Set(ROLES.units);
const SYNONYMS = Object.entries(ROLES.synonyms as Record<string, string>);
/** 副市长或秘书长根据工作需要 → the condition and what follows it are not roles. */
const CONDITION_RE = new RegExp(`(?:${IRREGULAR}).*$`, 'u');
const SUFFIX_RE = new RegExp(`(?:${alternation(ROLES.stripSuffixes)})$`, 'u');
const UNIT_OF_HEAD_RE = new RegExp(`(${alternation(ROLES.units)})的(${alternation(ROLES.heads)})$`, 'u');
/** 省政府全体会议、常务会议的组成人员: the people are the members; the meetings only say whose members. */
const MEETING_NAME = `(?:${GOV_PREFIX})?(?:${MEETINGS.types.map((t) => expandLevel(t.pattern)).join('|')})`;
const MEETING_MEMBERS_RE = new RegExp(`^${MEETING_NAME}(?:(?:、|和|及|与|以及)${MEETING_NAME})*的((?:组成|参会|与会)?人员|成员)$`, 'u');

/** Known role names found in a text, in order, longest match at each place. */
export function findRoles(text: string): { name: string; index: number }[] {
  return [...text.matchAll(NAME_RE)].map((m) => ({ name: m[0], index: m.index! }));
}

/** Rewrite the synonyms of data/roles.json (none now: roles are kept as written, 主要负责同志 stays). */
export function normaliseRole(s: string): string {
  let r = s;
  for (const [from, to] of SYNONYMS) r = r.replaceAll(from, to);
  // 部门的主要负责人 → 部门主要负责人
  return r.replace(UNIT_OF_HEAD_RE, '$1$2');
}

function stripPrefixes(s: string): string {
  let r = s;
  for (let changed = true; changed; ) {
    changed = false;
    for (const re of STRIP) {
      const next = r.replace(re, '');
      if (next !== r && next.length > 0) {
        r = next;
        changed = true;
      }
    }
  }
  return r;
}

const ROLE_END_RE = new RegExp(`(?:${[...ROLES.names.map(expandLevel), alternation(ROLES.heads), alternation(ROLES.units)].join('|')})$`, 'u');
const ROLE_START_RE = new RegExp(`^(?:其他|有关|相关|各|${[...ROLES.names.map(expandLevel), alternation(ROLES.units)].join('|')})`, 'u');

/** Split at 和 only between two roles (区委书记和区长), not inside a name (市规划和自然资源委员会). */
function splitAnd(piece: string): string[] {
  const parts = piece.split('和');
  const out: string[] = [parts[0]!];
  for (const p of parts.slice(1)) {
    const left = out[out.length - 1]!;
    if (ROLE_END_RE.test(left) && ROLE_START_RE.test(p)) out.push(p);
    else out[out.length - 1] = left + '和' + p;
  }
  return out;
}

/** The head of a role ('部门主要负责人' → '主要负责人'), or null. */
export function roleHead(role: string): string | null {
  return role.match(HEAD_RE)?.[0] ?? null;
}

const HAN_RE = /[\u4e00-\u9fff]/u;

/**
 * Split a coordinated role phrase into roles: separators 、 和 及 以及 或 或者 与; delegation and
 * plural words stripped; a bare unit takes the head of the next role that has one; a bare
 * modifier (分管) takes the head of the next.
 */
export function splitRoles(phrase: string): string[] {
  const cleaned = phrase
    // A bracket of one or two characters inside a name (乡（镇）长, 各办（中心）负责人: another spelling of a part of it)
    // stays; a bracketed note goes — after a name, or another name for a unit (地区办事处（乡政府）, 区经济和信息化局(区经济办)).
    .replace(/[（(](?!含[）)])([^）)]{0,12})[）)]/gu, (m: string, inner: string, at: number, all: string) => (inner.length <= 2 && HAN_RE.test(all[at - 1] ?? '') && HAN_RE.test(all[at + m.length] ?? '') ? m : ''))
    .replace(/[\s\u3000]+/gu, '')
    .replace(CONDITION_RE, '')
    .replace(/等$/u, '');
  const members = cleaned.match(MEETING_MEMBERS_RE);
  if (members) return [members[1]!];
  const pieces = cleaned
    .split(/[、，,]|以及|或者|及(?!以[上下])|或|与|并/u)
    .flatMap(splitAnd)
    .map((p) => normaliseRole(stripPrefixes(p.trim().replace(SUFFIX_RE, ''))))
    .filter((p) => p.length > 0);
  const out = pieces.map((p) => p);
  for (let i = 0; i < out.length; i++) {
    const p = out[i]!;
    if (ROLES.modifiers.includes(p) && i + 1 < out.length) {
      const next = out[i + 1]!;
      const mod = ROLES.modifiers.find((m) => next.startsWith(m));
      if (mod) out[i] = p + next.slice(mod.length);
    } else if (UNIT_SET.has(p)) {
      for (let j = i + 1; j < out.length; j++) {
        const head = roleHead(out[j]!);
        if (head && out[j] !== head) {
          out[i] = p + head;
          break;
        }
      }
    }
  }
  return [...new Set(out)];
}
