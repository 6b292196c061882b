/** Source lines with their offsets; the terminator stays with its line so lines re-join losslessly. */

export interface Line {
  /** 0-based line number. */
  no: number;
  /** Offset of the first character. */
  start: number;
  /** Offset after the terminator. */
  end: number;
  /** Offset after the last content character (before the terminator). */
  contentEnd: number;
  /** Offset of the first non-blank character (== contentEnd for a blank line). */
  textStart: number;
  /** Offset after the last non-blank character. */
  textEnd: number;
  /** Content with leading and trailing blanks (ASCII, full-width space, NBSP) removed. */
  trimmed: string;
}

const BLANK = /[\s\u3000\u00a0\ufeff]/;

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  let no = 0;
  const push = (contentEnd: number, end: number) => {
    let a = start;
    while (a < contentEnd && BLANK.test(text[a]!)) a++;
    let b = contentEnd;
    while (b > a && BLANK.test(text[b - 1]!)) b--;
    lines.push({ no: no++, start, end, contentEnd, textStart: a, textEnd: b, trimmed: text.slice(a, b) });
    start = end;
  };
  for (let m = re.exec(text); m; m = re.exec(text)) push(m.index, m.index + m[0].length);
  if (start < text.length) push(text.length, text.length);
  return lines;
}
