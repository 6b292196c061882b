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

export type SourceFormat = 'text' | 'html' | 'markdown';

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
  /** The item's words, marker included (lines of one sentence joined, see Paragraph.text). */
  text: string;
  span: Span;
  children: Item[];
}

/** 款: one unnumbered paragraph of an article, with its enumerated items (项/目). */
export interface Paragraph {
  /** 1-based position in the article. */
  index: number;
  /**
   * The paragraph's words (its items are not included). A sentence broken over lines (print wrap, page
   * break, <br>) is joined without the break, and a page number or web line inside it is left out, so
   * the text can differ from the slice of `span`, which runs from its first to its last character.
   */
  text: string;
  span: Span;
  items: Item[];
  /**
   * Items written inside the paragraph's own line: "…如下：（一）…；（二）…；（三）…。". Their words are also in
   * `text` (and in the article's text once), so stages that read `text` need not read these; present only when found.
   */
  inlineItems?: Item[];
}

export interface Article {
  /**
   * Stable identity within the document (see `articleKey`): the number as written now plus the position the
   * article holds in the sequence, 'art_41.p41'; a second article numbered 41 is 'art_41_2.p42'.
   */
  key: string;
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

/** 'national': the State Council's own rules (国务院工作规则). */
export type JurisdictionLevel = 'national' | 'province' | 'city' | 'district' | 'county' | 'township';

export interface Jurisdiction {
  province: string | null;
  city: string | null;
  /** District, county or county-level unit (区 / 县 / 旗 / 县级市). */
  district: string | null;
  /** Township (镇 / 乡 / 民族乡 / 苏木), for a township government's own rules; absent otherwise. */
  town?: string | null;
  level: JurisdictionLevel | null;
  /** The most specific name, for display: town ?? district ?? city ?? province; '国务院' for the national level. */
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
  /** Date of the meeting that adopted the rules, if stated; of the last revision when a note lists 通过 and 修订. */
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
  /**
   * Brackets normalised, characters as written, e.g. '怀政发〔2021〕12号' (廈思政〔2021〕33號 in a traditional text); a
   * government order's number, which has no year, as it stands: '某市人民政府令第37号'.
   */
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
  | 'metadata-missing'
  /** The text is written in traditional characters: read as simplified, quoted as written (info). */
  | 'traditional-characters';

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
  /** The article's key (Article.key): unique in the document even when numbers repeat. */
  key: string;
  ordinal: number;
  label: string;
}

// ---------------------------------------------------------------- article identity
//
// In the spirit of Akoma Ntoso's eId / wId: the number as written now ('art_41', 'art_41_2' for the second
// article numbered 41 — drafts under review repeat and skip numbers) plus the position in the sequence
// ('.p41', 1-based). A key still resolves when only one half survives: a renumbered article keeps its
// position, an inserted article before it keeps its number (findArticle).

/**
 * Version of the JSON this module's types serialise to; every JSON output carries it. 3: documents/*.json as `build`
 * writes them leave out the texts that are slices of the source (src/io/document-json.ts).
 */
export const FORMAT_VERSION = 3;

/** The one place an article key is built. `occurrence` counts articles with the same number so far (1 = first). */
export function articleKey(ordinal: number, occurrence: number, index: number): string {
  return `art_${ordinal}${occurrence > 1 ? `_${occurrence}` : ''}.p${index + 1}`;
}

/** Keys for a sequence of article numbers, in order. */
export function articleKeys(ordinals: number[]): string[] {
  const seen = new Map<number, number>();
  return ordinals.map((n, i) => {
    const occurrence = (seen.get(n) ?? 0) + 1;
    seen.set(n, occurrence);
    return articleKey(n, occurrence, i);
  });
}

/** The reference that cites an article. */
export function refOf(docId: string, article: Pick<Article, 'key' | 'ordinal' | 'label'>): ArticleRef {
  return { docId, key: article.key, ordinal: article.ordinal, label: article.label };
}

/** A corpus-wide id for an article: 'huairou-2021/art_41.p41'. Families, links and URLs use it. */
export function refId(ref: Pick<ArticleRef, 'docId' | 'key'>): string {
  return `${ref.docId}/${ref.key}`;
}

/**
 * The article a key names: the same key, else the same number as written ('art_41' — positions moved), else
 * the same position ('.p41' — renumbered). A bare number ('41') or position ('p41') is accepted too.
 */
export function findArticle<A extends Pick<Article, 'key' | 'ordinal' | 'index'>>(articles: A[], key: string): A | undefined {
  const exact = articles.find((a) => a.key === key);
  if (exact) return exact;
  const m = /^(?:art_)?(\d+)?(?:_(\d+))?(?:\.?p(\d+))?$/u.exec(key.trim());
  if (!m || (m[1] === undefined && m[3] === undefined)) return undefined;
  if (m[1] !== undefined) {
    const same = articles.filter((a) => a.ordinal === Number(m[1]));
    const byNumber = same[Number(m[2] ?? 1) - 1];
    if (byNumber) return byNumber;
  }
  if (m[3] !== undefined) return articles[Number(m[3]) - 1];
  return undefined;
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
  /** Fewest per period; null when only an upper bound is written (最多1次). */
  min: number | null;
  /** Most per period; null when only a lower bound is written (至少召开一次, 1次以上). */
  max: number | null;
  per: 'week' | 'month' | 'quarter' | 'half-year' | 'year' | null;
  /** How many periods one count spans: 1 for 每周1次, 2 for 每两周1次. */
  every: number;
  /**
   * Occurrences per year implied by min/max/per/every; null when irregular. max is null when there is no
   * upper bound (每季度至少召开一次 → {min: 4, max: null}); 最多N次 has min 0.
   */
  perYear: { min: number; max: number | null } | null;
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

/** One end of a money band. */
export interface AmountBound {
  amount: Amount;
  /** Whether the number itself is in the band. */
  inclusive: boolean;
  /**
   * What decided `inclusive`: 'mark' — a bracketed (含) / (不含) at the number; 'word' — the bound word by
   * 民法典 第一千二百五十九条 (以上/以下/以内 include, 超过/不满 exclude); 'band' — the band before or after
   * shares the number and marks it, so it belongs to that band and not to this one (1000万元(含)以下 … / 1000万元以上 …
   * → this band starts above 1000万元).
   */
  basis: 'mark' | 'word' | 'band';
}

/** What is wrong with a band read together with its neighbour in the article or table. */
export interface ThresholdDiagnostic {
  /** 'band-overlap': both bands include a number (5000万元以下 / 5000万元以上…, neither marked); 'band-gap': neither does. */
  code: 'band-overlap' | 'band-gap';
  message: string;
  /** Id of the neighbouring band's fact. */
  other: string;
}

export interface ThresholdFact extends FactBase {
  kind: 'threshold';
  /** Lower bound (null = open), e.g. 1000万元以上 → lower {1000万元, inclusive:true}. Both null: amountFree. */
  lower: AmountBound | null;
  upper: AmountBound | null;
  /**
   * True for a routing that names no amount (涉及大额资金使用的事项，提交X常务会议研究; a 常务会议 task 研究…大额资金使用等事项):
   * who decides money the text calls large without saying how large. Then lower and upper are null and `raw` is the
   * words that call it large (大额资金).
   */
  amountFree: boolean;
  /** Overlaps and gaps with the neighbouring band of the same article or table (empty when the bands partition). */
  diagnostics: ThresholdDiagnostic[];
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
  /**
   * When the rule applies, if the text says (离市外出5日以上的，还应当报告市长 → '离市外出5日以上'; 离区外出超过3天的 →
   * '离区外出超过3天'): the conditional clause without 的, from the occasion on. The duration in it is no deadline.
   */
  condition: string | null;
  raw: string;
}

export type Fact = MeetingFact | ThresholdFact | DeadlineFact | LeaveFact;
export type FactKind = Fact['kind'];

// ---------------------------------------------------------------- topics & alignment (align/) — issue 4
//
// Functions (pure, no I/O):
//   src/classify/index.ts
//     loadTaxonomy(): Taxonomy                                  — data/topics.json, parsed and checked (cached)
//     classifyDocument(doc: RuleDocument, taxonomy?: Taxonomy): TopicAssignment[]   — one per article, in article order
//     classifyDocuments(docs: RuleDocument[], taxonomy?: Taxonomy): Classification
//   src/align/index.ts
//     align(documents: RuleDocument[], options?: AlignOptions): Alignment
//     familiesForTopic(alignment: Alignment, topicId: string, taxonomy?: Taxonomy): ClauseFamily[]  — the topic and its subtopics
//     articleTopics(alignment: Alignment, ref: ArticleRef): TopicScore[]  — an article's topics as classified in the run
//     linksBetween(alignment: Alignment, docA: string, docB: string): AlignmentLink[]  — one pair of documents, a-side in docA
//   src/classify/index.ts also: findTopic(taxonomy, '常务会议' | 'executive-meeting'): Topic; subtree(taxonomy, id): Set<string>
//   src/report/coverage.ts: coverage(alignment, documents, taxonomy) → coverageMarkdown / coverageCsv
// The family of a topic with the most members is `${topic}#1`; a topic's articles per document are the members of its families.

/** One topic of the taxonomy (data/topics.json). Topics form a tree through `parent`. */
export interface Topic {
  /** Stable id, e.g. 'executive-meeting'. */
  id: string;
  /** Chinese name, e.g. '常务会议'. */
  name: string;
  description: string;
  /** Id of the parent topic, null for a top-level topic. */
  parent: string | null;
  /** Genre words whose presence in an article points to this topic (e.g. '常务会议', '请假', '出访'). */
  cues: string[];
  /** Supporting words, counted only when a cue of the topic or a matching chapter title is present. */
  weakCues: string[];
  /** Words in a chapter title that point to this topic (e.g. '会议'); weaker than cues. */
  chapterCues: string[];
}

export interface Taxonomy {
  topics: Topic[];
  /** Topic id → topic. */
  byId: Map<string, Topic>;
}

/** Why an article (or paragraph) was put in a topic. */
export interface TopicEvidence {
  /**
   * Cue terms found, each with how often it occurs, e.g. [{term:'常务会议',count:3}], in the document's own words: a
   * county's 县长办公会议 and a city's 协助市长 are shown as written, though matched as the cues 区长办公会议 and 协助区长.
   * A sentence-pattern cue is shown as its two words joined by '…' (不能出席…请假).
   */
  cues: { term: string; count: number }[];
  /** The context title (section, else chapter; see TopicAssignment.chapterTitle) when it matched one of the topic's chapterCues, else null. */
  chapter: string | null;
}

export interface TopicScore {
  topic: string;
  /** Higher = stronger; comparable within one article only. */
  score: number;
  evidence: TopicEvidence;
}

export interface TopicAssignment {
  article: ArticleRef;
  /**
   * Title the article is filed under ('会议制度'): its section's when it sits in a section (第二节 会议制度), else its
   * chapter's (src/classify contextTitle); null if none. It is the title the chapter evidence and alignment use.
   */
  chapterTitle: string | null;
  /** Topics of the whole article, strongest first; empty = unclassified. The first is the article's main topic. */
  topics: TopicScore[];
  /** Per paragraph (款) topics, only for articles whose paragraphs fall under different topics; else []. */
  paragraphs: { index: number; topics: TopicScore[] }[];
}

export interface Classification {
  assignments: TopicAssignment[];
  /** Articles with no topic at all: listed, never hidden. */
  unclassified: ArticleRef[];
}

/** The passes of the matcher, in the order they run; a link records the pass that made it. */
export type AlignmentPass = 'exact' | 'topic-lexical' | 'fuzzy' | 'position';

export interface AlignmentLink {
  a: ArticleRef;
  b: ArticleRef;
  /** Similarity in [0, 1] (combined lexical, topic and chapter score; 1 for exact text). */
  score: number;
  pass: AlignmentPass;
  /** Confidence in [0, 1]: how sure the pass is (exact ≈ 1, position low). */
  confidence: number;
  /** Shared topic id, if the two articles share one. */
  topic: string | null;
  /** One line in words: why these two articles correspond. */
  reason: string;
}

/** A group of corresponding articles across documents, about one topic. */
export interface ClauseFamily {
  /** Stable id: `${topic}#${n}` (n from 1 in order of size), or `untopical#n`. */
  id: string;
  topic: string | null;
  /** Chinese name of the topic, for display. */
  topicName: string | null;
  /** Members, sorted by document order of the run, then ordinal. One document may have several members. */
  members: ArticleRef[];
  /** Mean score of the links inside the family. */
  cohesion: number;
  /**
   * The matter the family regulates: the id of the first family of its topic that regulates the same matter
   * (its own id when none other does). Families with the same `matter` are linked: aspects of one matter that
   * the documents write in parallel articles (docs/decisions/0015-families-one-matter.md).
   */
  matter: string;
  /** Members that joined without a link (a district that writes the matter elsewhere), each with why. */
  joined: { article: ArticleRef; reason: string }[];
}

export interface AlignmentBudget {
  /** Maximum article-pair comparisons allowed; null = no limit. */
  maxComparisons: number | null;
  /** Article pairs compared (exact similarity computed), out of `possiblePairs`. */
  comparisons: number;
  /** Article pairs of different documents there are: what comparing everything with everything would cost. */
  possiblePairs: number;
  /** True when the budget ran out: some articles were not looked up, so some correspondences may be missing. */
  exhausted: boolean;
  /** Articles whose neighbours were not looked up because the budget ran out. */
  skippedArticles: number;
  /** Neighbours kept per article and other document when generating candidates. */
  topK: number;
  /** Neighbours kept per article in all. */
  maxNeighbours: number;
  /** One line for people, e.g. "stopped early: comparison budget 1000 reached; 312 articles not looked up". */
  message: string;
}

/**
 * How far a long stage has come: `done` of `total` units (documents, pairs of documents, topics, articles) of the
 * named stage. Stages call it when given one and never print; the CLI renders it (src/cli/progress.ts).
 */
export type OnProgress = (stage: string, done: number, total: number) => void;

export interface AlignOptions {
  taxonomy?: Taxonomy;
  /** Told how far the alignment has come (classification per document, candidates per article, passes per document). */
  onProgress?: OnProgress;
  /** Candidate neighbours per article and other document (default 4). */
  topK?: number;
  /** Candidate neighbours per article in all (default 64). */
  maxNeighbours?: number;
  /** Stop comparing after this many article-pair comparisons (default: no limit). */
  maxComparisons?: number;
}

/** Summary of one pair of documents: how many links each pass made. */
export interface DocumentPairSummary {
  a: string;
  b: string;
  links: number;
  byPass: Record<AlignmentPass, number>;
}

export interface Alignment {
  /** Document ids in input order. */
  documents: string[];
  /** The topic assignment of every article of every document. */
  classification: Classification;
  /** Links between articles of different documents, sorted by document order of the run, then ordinals; `a` is in the earlier document. */
  links: AlignmentLink[];
  /** Per pair of documents (in run order), the number of links by pass. */
  pairs: DocumentPairSummary[];
  families: ClauseFamily[];
  budget: AlignmentBudget;
}


// ---------------------------------------------------------------- search (search/) — issue 3

/** How the index guarantees that a query found word for word in an article finds it (docs/decisions/0002). */
export type VerbatimStrategy =
  | 'scan' // every article's normalised text is searched for the query's words (one pass over the corpus text)
  | 'bigrams'; // character bigrams indexed beside the words give candidates, which are then checked against the text

/** One article as the search index keeps it: what a hit cites and shows. */
export interface SearchArticle {
  docId: string;
  /** Jurisdiction name for display and filtering, e.g. '怀柔区'. */
  district: string | null;
  year: number | null;
  /** Title of the rules, e.g. '北京市怀柔区人民政府工作规则'. */
  docTitle: string | null;
  /** Article key (Article.key). */
  key: string;
  ordinal: number;
  /** The label as written, e.g. '四十一、', '第四十一条'. */
  label: string;
  chapter: { ordinal: number; label: string; title: string } | null;
  /** The article's words (Article.text). */
  text: string;
  /** Where the article stands in its document's text. */
  span: Span;
  /** Topic ids from the classifier, when the index was built with one: the article's and its paragraphs', with their ancestors. */
  topics?: string[];
  /** The article's own topics, strongest first (the first is its main topic). */
  mainTopics?: string[];
}

/**
 * A query is split into parts: each quoted phrase ("区政府常务会议", “…”, 「…」) must occur
 * as contiguous text; each unquoted, space-separated part must have all of its units
 * (jieba words, with numbers and amounts kept whole: 1000万元, 5个工作日) somewhere in the
 * article, the chapter title or the document title. Texts are normalised (full-width
 * forms to half width, Latin to lower case).
 */
export interface SearchQueryPart {
  kind: 'words' | 'phrase';
  /** The part as typed. */
  raw: string;
  /** Normalised. */
  text: string;
  /** The units searched for (a phrase: its words, for scoring; the phrase itself must occur as written). */
  units: string[];
  /** What must be found: each term (all its units, or one of its alternatives). A phrase is one term, itself. */
  terms: SearchTerm[];
  /** Question and function words of the part that were left out (谁, 多久, 要). */
  dropped: string[];
}

/** One thing a query asks for: a word as typed (or the units of a stretch), and other ways of writing it. */
export interface SearchTerm {
  /** The stretch of the (normalised) part it stands for. */
  text: string;
  /** Units as typed: each must occur in the article (anywhere), unless an alternative does. */
  units: string[];
  /** Other spellings of a number (1次 for 一次), synonyms of the genre (离京 for 外出): any of them satisfies the term. */
  alternatives: SearchAlternative[];
  /** Not typed: what a question word asks for (花多少钱 → 万元), which an article may hold (it scores where held; not required). */
  answer?: true;
}

export interface SearchAlternative {
  /** For a split, the two halves with a space between them (主持 工作). */
  text: string;
  /** numeral: another spelling of a number; synonym: the genre's other word (or the post at another level); split: a question's compound in two halves. */
  kind: 'numeral' | 'synonym' | 'split';
  /** For a synonym: where the equivalence comes from (data/synonyms.json). */
  source?: string;
  /**
   * For the same post at another level (副区长 for 副县长): the level character of the documents it is looked for in
   * (区: the district rules only); the typed word is looked for in every document.
   */
  level?: string;
}

export interface SearchFilters {
  /** District name ('怀柔区', '怀柔') or document id ('huairou-2021'). */
  district?: string;
  year?: number;
  /** Chapter title or a part of it ('会议制度'), label ('第九章') or ordinal ('9'). */
  chapter?: string;
  /** Topic id; only with an index built with topics. */
  topic?: string;
}

/** A piece of text with highlighted ranges (offsets into `text`). */
export interface HighlightedText {
  text: string;
  highlights: Span[];
  /** True when text was cut before / after the snippet. */
  cutStart: boolean;
  cutEnd: boolean;
}

export interface SearchHit {
  rank: number;
  citation: ArticleRef & {
    district: string | null;
    year: number | null;
    docTitle: string | null;
    chapter: { ordinal: number; label: string; title: string } | null;
  };
  score: number;
  /** Every part of the query occurs word for word in the article (a number in either spelling: 一次 / 1次). */
  verbatim: boolean;
  /** Set when the article has only part of the query: a document's closest article when none of it has all. */
  partial?: true;
  /** Terms found only in another spelling or a synonym: what was typed, and what the article says. */
  alternatives?: { term: string; matched: string; kind: SearchAlternative['kind']; /** The post at this document's level (区长 for 省长). */ level?: string }[];
  snippet: HighlightedText;
  /** Where the article stands in its document's text. */
  span: Span;
}

export interface DistrictHits {
  docId: string;
  district: string | null;
  year: number | null;
  docTitle: string | null;
  /** Articles of the document that match. */
  total: number;
  hits: SearchHit[];
}

export interface SearchResponse {
  query: string;
  parts: SearchQueryPart[];
  filters: SearchFilters;
  /** Articles that match (before the limit). */
  total: number;
  /** True when no article matched the whole query and the hits match only some of its parts or words. */
  partial: boolean;
  /** Of `total`, the partial matches listed for documents in which no article has the whole query (after the full matches). */
  fallback?: number;
  /**
   * The per-district view (search --by-district): every document the filters let through, in corpus order, with
   * its best article(s) for the query (`rank`: place in the whole ranked list); `hits` is empty for a document
   * with no match.
   */
  districts?: DistrictHits[];
  /** Topics the query is or is close to (when no --topic was given): search with --topic to keep their articles only. */
  topics?: { id: string; name: string }[];
  /**
   * Terms an article need not hold (it scores where it holds them): a question's one-character words (花, 上) and what
   * its question word asks for (花多少钱 → 万元). Absent when every term is required.
   */
  optional?: string[];
  hits: SearchHit[];
}

// ---------------------------------------------------------------- draft review (review/) — issue 9

/** How a draft article relates to its peers. */
export type ReviewStatus =
  | 'identical' // the same words as a peer article, under the same number
  | 'moved' // the same words as a peer article, under another number or chapter (renumbered / moved)
  | 'near-identical' // a lightly edited copy (character-bigram Dice ≥ 0.9)
  | 'modified' // a peer article regulates the same thing in partly other words (diff given)
  | 'new'; // no peer counterpart

/** A citation with what a reader needs to place it: district and chapter. */
export interface PlacedRef extends ArticleRef {
  district: string | null;
  chapter: string | null;
}

export interface ReviewPeerMatch {
  citation: PlacedRef;
  /** The peer article's words (label cut). */
  text: string;
  /** Share of characters the two texts have in common, 0..1 (the diff's similarity). */
  similarity: number;
  /** Character-bigram Dice of the plain texts (1 = the same words). */
  dice: number;
  /** The alignment pass that linked them. */
  pass: AlignmentPass;
  /** Token diff against the draft article (only for the closest peer of a modified or near-identical article). */
  diff?: { draft: { text: string; changed: boolean }[]; peer: { text: string; changed: boolean }[]; changes: number };
}

export interface ReviewArticle {
  citation: PlacedRef;
  text: string;
  status: ReviewStatus;
  /** Topic ids of the article (classifier), strongest first. */
  topics: string[];
  /** Peer counterparts, closest first (at most one per peer document). */
  peers: ReviewPeerMatch[];
  /** One line for people (Chinese): where the text comes from or what changed. */
  note: string;
}

export interface MissingTopic {
  topic: string;
  name: string;
  /** Peer documents that regulate it / peer documents. */
  share: number;
  peers: PlacedRef[];
}

export type DeviationKind = 'meeting-frequency' | 'quorum' | 'chair' | 'minutes-deadline' | 'threshold' | 'deadline' | 'leave';

export type DeviationMeasureType = 'ratio-to-median' | 'outside-range' | 'differs-from-majority' | 'different-verb' | 'different-recipient' | 'different-value';

export interface DeviationValue {
  /** The value in words (每月1次, ≥ 1/2, ≤ 5000万元 → 区长, 报备 → 区政府办公室). */
  value: string;
  /** The words it was read from. */
  text: string;
  citation: Citation;
}

export interface Deviation {
  kind: DeviationKind;
  /** What the fact is about: 常务会议, 副◇长 离区外出, 资金审批（领导审批上限）. */
  subject: string;
  draft: DeviationValue;
  peers: (DeviationValue & { docId: string; district: string | null })[];
  /** Peer values and how many peers state each, most common first. */
  distribution: { value: string; count: number }[];
  measure: {
    type: DeviationMeasureType;
    /** Draft value ÷ peer median, for numbers. */
    ratio?: number;
    median?: string;
    range?: [string, string];
    /** One line for people (Chinese). */
    text: string;
  };
  /** Higher = matters more (used to order the summary). */
  weight: number;
}

/** A fact most peers state and the draft does not. */
export interface OmittedFact {
  kind: DeviationKind;
  subject: string;
  peers: (DeviationValue & { docId: string; district: string | null })[];
  text: string;
}

export interface DraftReview {
  schema: 'rulecmp/review@1';
  formatVersion: number;
  draft: { id: string; title: string | null; district: string | null; year: number | null; articles: number; source: string };
  peers: { id: string; district: string | null; title: string | null; year: number | null }[];
  summary: {
    byStatus: Record<ReviewStatus, number>;
    deviations: number;
    missingTopics: number;
    omittedFacts: number;
    /** The findings that matter most, one line each (Chinese). */
    highlights: string[];
  };
  articles: ReviewArticle[];
  missingTopics: MissingTopic[];
  /** Keys of the draft articles no peer has (status new). */
  newArticles: string[];
  deviations: Deviation[];
  omittedFacts: OmittedFact[];
}
