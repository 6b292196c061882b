/**
 * Generated documents for the alignment tests and the benchmark, recombined from the seeds:
 * articles keep their words but get new numbers, new chapters, a new order, articles of other
 * seeds mixed in, and optionally a county's wording (县长, 县政府) instead of a district's.
 * Each generated article remembers where it came from, so a test can check that the alignment
 * finds its source by text, not by number.
 */
import type { Article, RuleDocument } from '../../src/model.js';
import { toChineseNumeral } from '../../src/text/numerals.js';
import { docFromText } from './docs.js';
import { mulberry32 } from '../../src/util/random.js';

export interface Source {
  docId: string;
  ordinal: number;
}

export interface GeneratedDocument {
  doc: RuleDocument;
  /** New ordinal → the seed article it was copied from. */
  sources: Map<number, Source>;
  /** The document as a text file (what was segmented). */
  text: string;
}

export interface ChapterPlan {
  title: string;
  articles: { from: RuleDocument; article: Article }[];
}

/** Seeded pseudo-random numbers in [0, 1). */
export const rng = mulberry32;

const body = (a: Article) => (a.text.startsWith(a.label) ? a.text.slice(a.label.length) : a.text).replace(/^\s+/, '');

/** A county's wording: the district's own-level words (区长, 区政府, 全区 …) with 县. */
export function asCounty(text: string): string {
  return text.replace(/(常务副|副)?区长/g, '$1县长').replace(/区(政府|委|人大|政协|级|属|纪委)/g, '县$1').replace(/(全|离|本|我)区/g, '$1县');
}

/** Render chapters as a 第X章 / 第X条 document and segment it. */
export function render(id: string, title: string, chapters: ChapterPlan[], county = false, vary: (text: string) => string = (t) => t): GeneratedDocument {
  const lines = [title, ''];
  const sources = new Map<number, Source>();
  let n = 0;
  chapters.forEach((c, k) => {
    lines.push(`第${toChineseNumeral(k + 1)}章 ${c.title}`, '');
    for (const { from, article } of c.articles) {
      n++;
      sources.set(n, { docId: from.id, ordinal: article.ordinal });
      const text = vary(county ? asCounty(body(article)) : body(article));
      lines.push(`第${toChineseNumeral(n)}条 ${text}`, '');
    }
  });
  const text = lines.join('\n');
  const doc = docFromText(text, id);
  return { doc, sources, text };
}

/** The chapters of a seed as a plan (articles before any chapter go into a 总则 chapter). */
export function chaptersOf(doc: RuleDocument): ChapterPlan[] {
  const plans: ChapterPlan[] = [];
  for (const a of doc.articles) {
    const title = doc.chapters.find((c) => c.ordinal === a.chapter)?.title ?? '总则';
    let plan = plans[plans.length - 1];
    if (!plan || plan.title !== title) plans.push((plan = { title, articles: [] }));
    plan.articles.push({ from: doc, article: a });
  }
  return plans;
}

/** A seed with its middle chapters in reverse order and every article renumbered (总则 first, 附则 last). */
export function reorderedSeed(doc: RuleDocument, id = `${doc.id}-reordered`): GeneratedDocument {
  const plans = chaptersOf(doc);
  const middle = plans.slice(1, -1).reverse();
  return render(id, `${doc.meta.title ?? '人民政府工作规则'}`, [plans[0]!, ...middle, plans[plans.length - 1]!]);
}

/**
 * A document recombined from several seeds: the chapter plan of one seed, each chapter's articles
 * partly replaced by the articles of a chapter with the same title words in another seed,
 * some articles dropped, the middle chapters shuffled.
 */
export function recombined(seeds: RuleDocument[], seed: number, id = `synthetic-${seed}`, options: { county?: boolean; drop?: number; vary?: boolean } = {}): GeneratedDocument {
  const random = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const base = pick(seeds);
  const plans = chaptersOf(base).map((p) => ({ ...p, articles: [...p.articles] }));
  const words = (t: string) => new Set([...t.replace(/制度|和|与|的/g, '')]);
  for (const plan of plans.slice(1, -1)) {
    const other = pick(seeds.filter((s) => s !== base));
    const mine = words(plan.title);
    const match = chaptersOf(other).find((c) => [...words(c.title)].filter((ch) => mine.has(ch)).length >= 2);
    if (match && random() < 0.6) plan.articles = random() < 0.5 ? match.articles : [...plan.articles.slice(0, Math.ceil(plan.articles.length / 2)), ...match.articles.slice(Math.ceil(match.articles.length / 2))];
    plan.articles = plan.articles.filter(() => random() >= (options.drop ?? 0.1));
  }
  const middle = plans.slice(1, -1).filter((p) => p.articles.length > 0);
  for (let i = middle.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [middle[i], middle[j]] = [middle[j]!, middle[i]!];
  }
  const county = options.county ?? random() < 0.3;
  const place = ['青山', '东河', '南湖', '西林', '北川', '云岭', '白石', '金沙', '玉泉', '长宁'][seed % 10]! + (seed >= 10 ? toChineseNumeral(Math.floor(seed / 10)) : '');
  const name = `${place}${county ? '县' : '区'}`;
  return render(id, `${name}人民政府工作规则`, [plans[0]!, ...middle, plans[plans.length - 1]!], county, options.vary ? (t) => varyWording(t, random) : undefined);
}

/**
 * Wording as districts vary it: each article, with some probability, gets one or two of the genre's
 * usual substitutions (每周 → 每月, 应当 → 应, 原则上 → 一般, a number changed, a clause added), so a
 * recombined corpus has boilerplate shared with variations, not every article a verbatim copy.
 */
const SUBSTITUTIONS: [RegExp, string][] = [
  [/每周/u, '每月'],
  [/每月/u, '每季度'],
  [/应当/u, '应'],
  [/原则上/u, '一般'],
  [/研究/u, '研究讨论'],
  [/及时/u, '按时'],
  [/必须/u, '应当'],
  [/主持/u, '召集并主持'],
  [/负责/u, '具体负责'],
  [/审议/u, '审定'],
  [/([一二三四五六七八九])(个工作日|日|天)/u, '十$2'],
  [/半数/u, '三分之二'],
];
export function varyWording(text: string, random: () => number): string {
  if (random() < 0.35) return text;
  let out = text;
  const n = 1 + Math.floor(random() * 3);
  for (let k = 0; k < n; k++) {
    const [from, to] = SUBSTITUTIONS[Math.floor(random() * SUBSTITUTIONS.length)]!;
    out = out.replace(from, to);
  }
  if (random() < 0.15) out = out.replace(/。$/u, '，并报上级机关备案。');
  return out;
}
