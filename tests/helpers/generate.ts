/**
 * Generated rule documents for property-based tests: varied article numbering (第一条 / 一、 with
 * Arabic stand-ins like 11、), chapter headings (第一章 / 第5章, full-width spaces), items whose
 * markers look like article numbers (1、 1. （1） 一、), half/full-width punctuation, indentation,
 * CRLF, web debris and page numbers between and inside articles, a transmittal notice and a
 * print trailer. Each document comes with what a correct segmentation must find.
 */
import fc from 'fast-check';
import { toChineseNumeral } from '../../src/text/numerals.js';

export interface ExpectedArticle {
  ordinal: number;
  label: string;
  /** Paragraph and item lines, trimmed, joined by '\n' (what Article.text must be). */
  text: string;
  chapter: number | null;
}

export interface GeneratedDocument {
  text: string;
  chapters: { ordinal: number; title: string }[];
  articles: ExpectedArticle[];
  /** Lines that are debris and must never be inside an article's text. */
  debris: string[];
}

const SENTENCES = [
  '区政府常务会议一般每周召开一次，由区长召集和主持。',
  '副区长离京出访、出差、休假，应事先向区长报告。',
  '提请区政府审议的规范性文件，由司法行政部门进行合法性审查。',
  '会议纪要由区长签发，一般在会议结束后5个工作日内印发。',
  '区政府工作部门实行主任、局长负责制，由其领导本部门的工作。',
  '区政府组成人员要严格遵守保密纪律和外事纪律。',
  '要精简会议，严格控制会议规模和时间，提高会议效率。',
  '凡涉及三重一大事项，必须经集体讨论决定。',
  '区政府及各部门要自觉接受区人大及其常委会的监督。',
  '支出1000万元（含）以下的由区长审批。',
  '严格执行请销假和报备制度。',
];
const CHAPTER_TITLES = ['总则', '组成人员职责', '会议制度', '公文审批', '工作纪律', '廉政建设', '政务公开', '附则'];
const WEB_DEBRIS = ['字号:大 中 小', '收藏', '发布时间:2020-09-25 08:42:00 来源:', '• 字号:', '【打印本页】', '[索引号]11R000/ZK-2021-000021'];
const PAGE_NUMBERS = ['－ 12 －', '- 3 -', '— 29 —', '第 4 页'];

type ItemStyleName = 'cn-paren' | 'cn-paren-half' | 'arabic-dun' | 'arabic-dot' | 'arabic-paren' | 'cn-enum';

function itemMarker(style: ItemStyleName, n: number, fullWidth: boolean): string {
  const cn = toChineseNumeral(n);
  switch (style) {
    case 'cn-paren':
      return `（${cn}）`;
    case 'cn-paren-half':
      return `(${cn})`;
    case 'arabic-dun':
      return `${n}、`;
    case 'arabic-dot':
      return fullWidth ? `${n}．` : `${n}.`;
    case 'arabic-paren':
      return fullWidth ? `（${n}）` : `(${n})`;
    case 'cn-enum':
      return `${cn}、`;
  }
}

const articleShape = fc.record({
  paragraphs: fc.array(fc.nat(SENTENCES.length - 1), { minLength: 1, maxLength: 3 }),
  items: fc.option(
    fc.record({
      style: fc.constantFrom<ItemStyleName>('cn-paren', 'cn-paren-half', 'arabic-dun', 'arabic-dot', 'arabic-paren', 'cn-enum'),
      count: fc.integer({ min: 1, max: 6 }),
      sub: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    }),
    { nil: null },
  ),
  arabicLabel: fc.integer({ min: 0, max: 9 }), // 0 → written 11、 in a Chinese sequence
  indent: fc.constantFrom('', '', '  ', '\u3000\u3000', '    '),
  debrisInside: fc.integer({ min: 0, max: 14 }), // 0 → a page number inside the article
  debrisAfter: fc.integer({ min: 0, max: 9 }), // 0 → a web debris line after it
  blankAfter: fc.integer({ min: 0, max: 2 }),
});

export const documentArbitrary = fc
  .record({
    style: fc.constantFrom<'tiao' | 'cn-enum'>('tiao', 'cn-enum'),
    fullWidth: fc.boolean(),
    crlf: fc.boolean(),
    arabicChapters: fc.boolean(),
    spacedTitles: fc.boolean(),
    chapterSizes: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 6 }),
    articles: fc.array(articleShape, { minLength: 1, maxLength: 30 }),
    preamble: fc.boolean(),
    trailer: fc.boolean(),
  })
  .map(build);

function build(p: {
  style: 'tiao' | 'cn-enum';
  fullWidth: boolean;
  crlf: boolean;
  arabicChapters: boolean;
  spacedTitles: boolean;
  chapterSizes: number[];
  articles: (typeof articleShape extends fc.Arbitrary<infer T> ? T : never)[];
  preamble: boolean;
  trailer: boolean;
}): GeneratedDocument {
  const lines: string[] = [];
  const debris: string[] = [];
  const comma = p.fullWidth ? '，' : ',';
  const colon = p.fullWidth ? '：' : ':';
  if (p.preamble) {
    lines.push(WEB_DEBRIS[0]!, '', '某某市某某区人民政府关于印发某某区人民政府工作规则的通知', '某政发〔2021〕3号', '');
    lines.push(`各街道办事处${comma}区政府各委、办、局${colon}`, `  现将《某某区人民政府工作规则》印发给你们${comma}请遵照执行。`, '', '  某某市某某区人民政府', '  2021年3月1日', '');
    debris.push(WEB_DEBRIS[0]!);
  }
  lines.push('某某区人民政府工作规则', '');
  // Chapters: consecutive groups of articles; leftover articles go to the last chapter.
  const chapterOf: (number | null)[] = [];
  const chapters: { ordinal: number; title: string }[] = [];
  let a = 0;
  for (const size of p.chapterSizes) {
    chapters.push({ ordinal: chapters.length + 1, title: CHAPTER_TITLES[chapters.length % CHAPTER_TITLES.length]! });
    for (let k = 0; k < size && a < p.articles.length; k++) chapterOf[a++] = chapters.length;
  }
  while (a < p.articles.length) chapterOf[a++] = chapters.length ? chapters.length : null;

  const articles: ExpectedArticle[] = [];
  let chapterStarted = 0;
  // "2、" right after an article whose items are 1、 is ambiguous even to a reader: no stand-in there.
  const arabicItems = (k: number) => k >= 0 && (p.articles[k]!.items?.style === 'arabic-dun' || p.articles[k]!.items?.style === 'arabic-dot' || p.articles[k]!.items?.sub);
  p.articles.forEach((art, i) => {
    const ch = chapterOf[i] ?? null;
    // Headings of chapters that have no article still appear, in order.
    while (ch !== null && chapterStarted < ch) {
      chapterStarted++;
      const c = chapters[chapterStarted - 1]!;
      const label = p.arabicChapters ? `第${c.ordinal}章` : `第${toChineseNumeral(c.ordinal)}章`;
      const title = p.spacedTitles && c.title.length === 2 ? `${c.title[0]}\u3000${c.title[1]}` : c.title;
      lines.push(`${label}${p.spacedTitles ? '\u3000' : '  '}${title}`, '');
    }
    const n = i + 1;
    const arabic = p.style === 'cn-enum' && art.arabicLabel === 0 && n > 1 && !arabicItems(i - 1);
    const label = p.style === 'tiao' ? `第${toChineseNumeral(n)}条` : arabic ? `${n}、` : `${toChineseNumeral(n)}、`;
    const sep = p.style === 'tiao' ? (p.fullWidth ? '\u3000' : ' ') : arabic ? ' ' : '';
    const units: string[] = [];
    art.paragraphs.forEach((s, k) => {
      const sentence = SENTENCES[s]!;
      const body = k === 0 ? `${label}${sep}${sentence}` : sentence;
      units.push(body);
      lines.push(art.indent + body);
      if (k === 0 && art.items) {
        // A lead-in ending with a colon, then items numbered 1.. (their markers may look like article labels).
        units[units.length - 1] = body.replace(/。$/, colon);
        lines[lines.length - 1] = art.indent + units[units.length - 1];
        const style = p.style === 'cn-enum' && art.items.style === 'cn-enum' ? 'cn-paren' : art.items.style;
        for (let m = 1; m <= art.items.count; m++) {
          const item = `${itemMarker(style, m, p.fullWidth)}${SENTENCES[(s + m) % SENTENCES.length]}`;
          units.push(item);
          lines.push(art.indent + item);
          if (art.items.sub && m === 1) {
            for (let q = 1; q <= art.items.sub; q++) {
              const sub = `${itemMarker(style === 'arabic-paren' ? 'arabic-dun' : 'arabic-paren', q, p.fullWidth)}${SENTENCES[(s + q + 3) % SENTENCES.length]}`;
              units.push(sub);
              lines.push(art.indent + sub);
            }
          }
        }
      }
      if (k === 0 && art.debrisInside === 0 && art.paragraphs.length > 1) {
        const page = PAGE_NUMBERS[n % PAGE_NUMBERS.length]!;
        lines.push('', page, '');
        debris.push(page);
      }
    });
    articles.push({ ordinal: n, label, text: units.join('\n'), chapter: ch });
    for (let b = 0; b < art.blankAfter; b++) lines.push('');
    if (art.debrisAfter === 0) {
      const d = WEB_DEBRIS[n % WEB_DEBRIS.length]!;
      lines.push(d);
      debris.push(d);
    }
  });
  if (p.trailer) {
    lines.push('', `抄送${colon}区委办公室${comma}区人大办公室。`, '某某区人民政府办公室        2021年3月2日印发', '－ 30 －');
  }
  const eol = p.crlf ? '\r\n' : '\n';
  return { text: lines.join(eol) + eol, chapters: chapters.filter((c) => c.ordinal <= chapterStarted), articles, debris };
}
