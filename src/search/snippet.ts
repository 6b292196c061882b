/**
 * Snippets: the stretch of an article that shows the most of what was searched for,
 * with every occurrence marked. Terms are found in the normalised text, which has the
 * same offsets as the original (normalise() maps character for character), so the
 * snippet shows the words as written.
 */
import type { HighlightedText, Span } from '../model.js';
import { normalise } from '../tokenize/index.js';

const DEFAULT_WIDTH = 64;
/** Characters shown before the first match of a window, when the text has them. */
const LEAD = 12;
const GAP = ' … ';

/** Occurrences of the terms in the text, merged where they overlap or touch; each with the terms it covers. */
function matches(text: string, terms: string[]): { span: Span; terms: Set<number> }[] {
  const folded = normalise(text);
  const found: { span: Span; term: number }[] = [];
  terms.forEach((t, term) => {
    if (!t) return;
    for (let at = folded.indexOf(t); at !== -1; at = folded.indexOf(t, at + 1)) found.push({ span: { start: at, end: at + t.length }, term });
  });
  found.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  const merged: { span: Span; terms: Set<number> }[] = [];
  for (const f of found) {
    const last = merged[merged.length - 1];
    if (last && f.span.start <= last.span.end) {
      last.span.end = Math.max(last.span.end, f.span.end);
      last.terms.add(f.term);
    } else merged.push({ span: { ...f.span }, terms: new Set([f.term]) });
  }
  return merged;
}

/** Start of a window that shows a match at `at`: a little before it, not before a line or sentence start. */
function windowStart(text: string, at: number): number {
  const from = Math.max(0, at - LEAD);
  const cut = Math.max(text.lastIndexOf('\n', at - 1), text.lastIndexOf('。', at - 1), text.lastIndexOf(';', at - 1), text.lastIndexOf('；', at - 1));
  return cut >= from ? cut + 1 : from;
}

/**
 * A snippet of at most `width` characters (two windows joined by ' … ' when the terms
 * are far apart), line breaks shown as spaces, with highlight spans into the snippet.
 */
export function snippet(text: string, terms: string[], width = DEFAULT_WIDTH): HighlightedText {
  const ms = matches(text, terms);
  const windows: Span[] = [];
  if (!ms.length) windows.push({ start: 0, end: Math.min(text.length, width) });
  else {
    const score = (w: Span, skip: Set<number>) => {
      const covered = new Set<number>();
      let chars = 0;
      for (const m of ms) {
        if (m.span.start >= w.start && m.span.end <= w.end) {
          m.terms.forEach((t) => !skip.has(t) && covered.add(t));
          chars += m.span.end - m.span.start;
        }
      }
      return { covered, chars };
    };
    const best = (w: number, skip: Set<number>) => {
      let top: { w: Span; covered: Set<number>; chars: number } | null = null;
      for (const m of ms) {
        const start = windowStart(text, m.span.start);
        const cand = { start, end: Math.min(text.length, start + w) };
        const s = score(cand, skip);
        if (!top || s.covered.size > top.covered.size || (s.covered.size === top.covered.size && s.chars > top.chars)) top = { w: cand, ...s };
      }
      return top!;
    };
    const all = new Set(ms.flatMap((m) => [...m.terms]));
    const one = best(width, new Set());
    if (one.covered.size < all.size && width >= 24) {
      // A second window for what the first one misses, each half as wide.
      const half = Math.floor((width - GAP.length) / 2);
      const first = best(half, new Set());
      const second = best(half, first.covered);
      if (first.covered.size + second.covered.size > one.covered.size && (second.w.start >= first.w.end || second.w.end <= first.w.start)) {
        windows.push(...[first.w, second.w].sort((a, b) => a.start - b.start));
      } else windows.push(one.w);
    } else windows.push(one.w);
  }

  let out = '';
  const highlights: Span[] = [];
  windows.forEach((w, i) => {
    if (i > 0) out += GAP;
    const offset = out.length - w.start;
    out += text.slice(w.start, w.end).replace(/[\r\n]/g, ' ');
    for (const m of ms) {
      const start = Math.max(m.span.start, w.start);
      const end = Math.min(m.span.end, w.end);
      if (start < end) highlights.push({ start: start + offset, end: end + offset });
    }
  });
  return { text: out, highlights, cutStart: windows[0]!.start > 0, cutEnd: windows[windows.length - 1]!.end < text.length };
}
