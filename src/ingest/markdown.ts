/**
 * A draft saved as Markdown: the rules' words without the markup, line by line (headings' #, block
 * quotes' >, list bullets, emphasis marks and backslash escapes dropped), so 「## 第一章 总则」 reads as
 * the chapter heading it is. Line structure is kept; the source format is recorded as 'markdown'.
 */
export function markdownToText(md: string): string {
  return md
    .split(/(\r?\n)/u)
    .map((line, i) => {
      if (i % 2 === 1) return line; // the line breaks themselves
      let s = line.replace(/^\s{0,3}#{1,6}\s+/u, '').replace(/\s+#+\s*$/u, '');
      s = s.replace(/^\s{0,3}>\s?/u, '');
      s = s.replace(/^\s{0,3}[-*+]\s+(?=\S)/u, '');
      s = s.replace(/(\*\*|__)(.+?)\1/gu, '$2').replace(/(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])/gu, '$1');
      s = s.replace(/\\([\\`*_{}[\]()#+\-.!>])/gu, '$1');
      if (/^\s{0,3}(?:[-*_]\s*){3,}$/u.test(s)) return '';
      return s;
    })
    .join('');
}
