/** Building regular expressions from words of the vocabularies. Pure. */

/** Escape a literal word for use inside a regular expression. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words as one alternation, longest first (so that a word is not matched by a shorter one it starts with). */
export function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
}
