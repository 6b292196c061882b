/**
 * The rulecmp data model. Every stage reads and writes these types; nothing else
 * defines the shape of a document, a fact, a link or a report row.
 *
 * Offsets: every `Span` is a half-open range [start, end) of UTF-16 code units
 * into `RuleDocument.text`, the decoded source text (after encoding detection and,
 * for HTML, text extraction). `text.slice(span.start, span.end)` gives the exact
 * words back, so every citation can be checked against the source.
 */

export interface Span {
  start: number;
  end: number;
}

// ---------------------------------------------------------------- ingest

export type SourceFormat = 'text' | 'html';

export interface SourceInfo {
  /** Path as given by the user (or a synthetic name for in-memory input). */
  path: string;
  format: SourceFormat;
  /** Encoding the bytes were decoded from: 'utf-8', 'utf-16le', 'utf-16be', 'gb18030'. */
  encoding: string;
  /** True when a byte-order mark was present (it is not part of `text`). */
  bom: boolean;
  /** SHA-256 (hex) of the raw bytes. */
  sha256: string;
  /** Size of the raw input in bytes. */
  bytes: number;
}

/** Result of ingesting bytes: the text every span refers to. */
export interface SourceText {
  text: string;
  source: SourceInfo;
}

// ---------------------------------------------------------------- structure

/** How an article number is written. */
export type ArticleStyle =
  | 'tiao' // 第一条 / 第1条
  | 'cn-enum' // 一、 二、 (Chinese numeral with 、 or similar)
  | 'arabic-enum'; // 11、 11. (Arabic number inside a Chinese sequence)

/** Enumerated item styles, in the usual nesting order of Chinese drafting. */
export type ItemStyle =
  | 'cn-enum' // 一、 used inside an article
  | 'cn-paren' // （一） (一)
  | 'arabic-enum' // 1、 1. 1．
  | 'arabic-paren' // （1） (1)
  | 'circled'; // ① ②

export interface Item {
  /** The marker as written, e.g. '（一）', '1.', '(1)'. */
  marker: string;
  style: ItemStyle;
  /** Number the marker stands for (（三） → 3). */
  number: number;
  /** Nesting depth inside the paragraph, 1 = top level. */
  level: number;
  /** Text of the item's own line(s), marker included, trimmed. */
  text: string;
  span: Span;
  children: Item[];
}

/** 款: one unnumbered paragraph of an article, with its enumerated items (项/目). */
export interface Paragraph {
  /** 1-based position in the article. */
  index: number;
  /** The paragraph's own text, trimmed (items are not included). */
  text: string;
  span: Span;
  items: Item[];
}

export interface Article {
  /** Number as written (七十六 → 76). Contiguous in a well-formed document. */
  ordinal: number;
  /** 0-based position among the document's articles. */
  index: number;
  /** The label as written, e.g. '七十六、', '第四十一条', '11、'. */
  label: string;
  style: ArticleStyle;
  /** Ordinal of the chapter the article sits in, or null before any chapter. */
  chapter: number | null;
  /** Ordinal of the section (节) the article sits in, if the document has sections. */
  section: number | null;
  /** From the label to the last character of the article (may enclose debris lines). */
  span: Span;
  /** The article's words: its paragraphs and items, one line each, joined by '\n'. Begins with `label`. */
  text: string;
  paragraphs: Paragraph[];
}

export interface Chapter {
  ordinal: number;
  /** The label as written: '第一章', '第5章'. */
  label: string;
  /** Title with inner spacing removed: '总　则' → '总则'. */
  title: string;
  /** Heading line as written, trimmed. */
  heading: string;
  span: Span;
  /** Ordinals of the first and last article in the chapter, or null if it has none. */
  articleRange: [number, number] | null;
}

export interface Section {
  ordinal: number;
  label: string;
  title: string;
  chapter: number | null;
  span: Span;
}

// ---------------------------------------------------------------- metadata

export type JurisdictionLevel = 'province' | 'city' | 'district' | 'county';

export interface Jurisdiction {
  province: string | null;
  city: string | null;
  /** District, county or county-level unit (区 / 县 / 旗 / 县级市). */
  district: string | null;
  level: JurisdictionLevel | null;
  /** The most specific name, for display: district ?? city ?? province. */
  name: string | null;
}

export interface Repeal {
  /** Title of the repealed rules, without 《》, if stated. */
  title: string | null;
  docNumber: string | null;
  /** ISO date of the repealed rules if stated (e.g. 2018年6月20日印发的…). */
  date: string | null;
  /** The sentence that repeals it. */
  quote: string;
  span: Span;
}

export interface DocumentDates {
  /** 成文日期 / date under the signature. */
  issued: string | null;
  /** 发布日期 / 发布时间 (web publication). */
  published: string | null;
  /** Date of the meeting that adopted the rules, if stated. */
  adopted: string | null;
  /** …印发 date in the print trailer. */
  printed: string | null;
}

export type Validity = '有效' | '失效' | '废止' | null;

export interface Metadata {
  /** Title of the rules themselves, e.g. '北京市怀柔区人民政府工作规则'. */
  title: string | null;
  /** Title of the transmittal notice, if any. */
  noticeTitle: string | null;
  jurisdiction: Jurisdiction;
  issuer: string | null;
  /** Normalised, e.g. '怀政发〔2021〕12号'. */
  docNumber: string | null;
  dates: DocumentDates;
  /** Year of the rules: from the dates, else from the document number. */
  year: number | null;
  validity: Validity;
  repeals: Repeal[];
  /** Where in the text each metadata field was read (field name → span). */
  evidence: Record<string, Span>;
  source: SourceInfo;
}

// ---------------------------------------------------------------- layout

/** 'unplaced': text the segmenter could not attach to any node (always reported in a diagnostic). */
export type BlockKind = 'preamble' | 'title' | 'chapter' | 'section' | 'article' | 'trailer' | 'debris' | 'unplaced';

/**
 * A run of whole source lines. The blocks of a document are in source order,
 * never overlap and cover the text exactly: joining their slices gives `text` back.
 */
export interface Block {
  kind: BlockKind;
  span: Span;
  /** For 'article', 'chapter' and 'section' blocks: the index into the matching array. */
  ref?: number;
}

export interface Preamble {
  span: Span;
  text: string;
}

export interface Trailer {
  span: Span;
  text: string;
  /** Recipients listed after 抄送 / 分送. */
  copiedTo: string[];
  /** The office that printed the document (…办公室 … 印发). */
  printedBy: string | null;
  /** Page numbers as written, e.g. '－ 29 －'. */
  pageNumbers: string[];
  /** Web-page tail lines such as 相关解读. */
  web: string[];
}

export type DiagnosticCode =
  | 'numbering-gap'
  | 'numbering-duplicate'
  | 'chapter-gap'
  | 'chapter-duplicate'
  | 'unplaced-text'
  | 'debris-in-article'
  | 'no-articles'
  | 'encoding'
  | 'metadata-missing';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: 'info' | 'warning' | 'error';
  message: string;
  span?: Span;
}

export interface RuleDocument {
  /** Short stable id, e.g. 'huairou-2021' (from the manifest or the file name). */
  id: string;
  text: string;
  meta: Metadata;
  preamble: Preamble | null;
  chapters: Chapter[];
  sections: Section[];
  articles: Article[];
  trailer: Trailer | null;
  blocks: Block[];
  diagnostics: Diagnostic[];
}

/** A pointer to an article that survives serialisation: how users cite (怀柔区 第四十一条). */
export interface ArticleRef {
  docId: string;
  ordinal: number;
  label: string;
}

/** An exact quotation from a document, with where it stands. */
export interface Citation extends ArticleRef {
  /** Jurisdiction name for display, e.g. '怀柔区'. */
  district: string | null;
  quote: string;
  span: Span;
}

// ---------------------------------------------------------------- normative facts (extract/)

/** A rate normalised per year where possible: 每周1次 → {min:1,max:1,per:'week',perYear:{min:52,max:52}}. */
export interface Frequency {
  min: number | null;
  max: number | null;
  per: 'week' | 'month' | 'quarter' | 'half-year' | 'year' | null;
  /** Occurrences per year implied by min/max/per; null when irregular. */
  perYear: { min: number; max: number } | null;
  /** 不定期 / 根据需要 / 按需 / 根据工作需要. */
  irregular: boolean;
  /** Qualifiers kept as written: 一般, 原则上, 必要时随时召开, 可. */
  qualifiers: string[];
  /** The words the frequency was read from. */
  raw: string;
}

/** A count bound read by the rules of Chinese law: 以上/以下/以内 include the number, 不满/超过 exclude it. */
export interface Quorum {
  /** Share of members, e.g. 0.5. */
  share: number;
  inclusive: boolean;
  raw: string;
}

export interface FactBase {
  /** Stable id: `${docId}:${kind}:${n}`. */
  id: string;
  citation: Citation;
}

export interface MeetingFact extends FactBase {
  kind: 'meeting';
  /** Meeting type as named, normalised to the 区/县/市 neutral form where possible, e.g. '常务会议'. */
  meeting: string;
  /** Name as written, e.g. '区政府常务会议'. */
  name: string;
  members: string[];
  chair: string[];
  frequency: Frequency | null;
  quorum: Quorum | null;
  /** Regular time, e.g. '星期一上午'. */
  regularTime: string | null;
  /** Who signs the minutes (纪要签发). */
  minutesSignedBy: string[];
  /** Deadline for minutes / decided documents, e.g. {value:5, unit:'working-day'}. */
  minutesDeadline: Duration | null;
}

export type DurationUnit = 'working-day' | 'day' | 'hour' | 'week' | 'month' | 'year';

export interface Duration {
  value: number;
  unit: DurationUnit;
  raw: string;
}

export interface Amount {
  /** Value in the written unit. */
  value: number;
  unit: '元' | '万元' | '亿元';
  /** Value in 元. */
  yuan: number;
}

export interface ThresholdFact extends FactBase {
  kind: 'threshold';
  /** Lower bound (null = open), e.g. 1000万元以上 → lower {1000万元, inclusive:true}. */
  lower: { amount: Amount; inclusive: boolean } | null;
  upper: { amount: Amount; inclusive: boolean } | null;
  /** What the money is for, e.g. '预算外资金支出'. */
  subject: string | null;
  /** Who decides within this band, e.g. ['区长','常务副区长','主管副区长'] or ['区政府常务会议']. */
  decidedBy: string[];
  raw: string;
}

export interface DeadlineFact extends FactBase {
  kind: 'deadline';
  /** 'duration' (N个工作日), 'length' (5000字, 10页), 'count' (每年至少1次). */
  measure: 'duration' | 'length' | 'count';
  value: number;
  /** 'working-day' | 'day' | 'hour' | ... for durations; '字' | '页' for lengths; '次' | '篇' … for counts. */
  unit: string;
  /** 'at-most' (以内/不超过), 'at-least' (至少/不少于), 'exact'. */
  bound: 'at-most' | 'at-least' | 'exact';
  /** Period of a count: 每年至少1篇 → 'year'. */
  per: 'week' | 'month' | 'quarter' | 'half-year' | 'year' | null;
  /** What the deadline or limit governs, a short phrase from the text. */
  governs: string;
  raw: string;
}

export type LeaveVerb = '请假' | '报告' | '报备' | '请示' | '报批' | '同意';

export interface LeaveFact extends FactBase {
  kind: 'leave';
  /** Who must ask or report: '区长', '副区长', '部门主要负责人' … */
  who: string[];
  /** Occasions: '离京', '离区', '出访', '出差', '休假', '脱产学习', '缺席会议' … */
  occasions: string[];
  /** To whom: '市长', '区委书记', '区长', '区政府办公室' … */
  to: string[];
  verb: LeaveVerb;
  /** What follows, e.g. '委托常务副区长主持工作'. */
  consequence: string | null;
  raw: string;
}

export type Fact = MeetingFact | ThresholdFact | DeadlineFact | LeaveFact;
export type FactKind = Fact['kind'];

// ---------------------------------------------------------------- topics & alignment (align/) — issue 4

// ---------------------------------------------------------------- search (search/) — issue 3
