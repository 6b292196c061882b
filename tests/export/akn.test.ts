/**
 * Akoma Ntoso export: every exported document validates against the OASIS schema (xmllint, one call for all of them),
 * its text nodes give the source text back, eIds are unique, and the structure is the segmenter's.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { BUILD_STEPS } from '../../src/cli/build.js';
import { analyse } from '../../src/pipeline.js';

const aknBuildStep = BUILD_STEPS.find((s) => s.name === 'akn')!;
import { aknArticleIds, aknUris, toAkomaNtoso, xmlCharacters } from '../../src/export/akn.js';
import { ingest } from '../../src/ingest/index.js';
import { loadDocuments } from '../../src/io/corpus.js';
import type { Item, RuleDocument, SourceText } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { CORPUS_DIR, HELDOUT_DIR } from '../helpers/docs.js';
import { documentArbitrary } from '../helpers/generate.js';
import { renderHtml } from '../helpers/html-render.js';

// The repository sits beside shared/ (here and in CI): ../shared/schemas/akn/akomantoso30.xsd imports ./xml.xsd.
const SCHEMA = resolve(ROOT, '../shared/schemas/akn/akomantoso30.xsd');

const fromText = (text: string, id: string): RuleDocument => {
  const src: SourceText = { text, source: { path: `${id}.txt`, format: 'text', encoding: 'utf-8', bom: false, sha256: '', bytes: text.length } };
  return segment(src, id);
};

// ---------------------------------------------------------------- the documents

const seeds = loadDocuments([], CORPUS_DIR).documents;
const html = seeds.flatMap((d) => {
  const page = renderHtml(readFileSync(d.meta.source.path, 'utf8'));
  return [
    segment(ingest(Buffer.from(page, 'utf8'), `${d.id}.html`), `${d.id}-html`),
    segment(ingest(iconv.encode(page, 'gb18030'), `${d.id}.html`), `${d.id}-html-gb18030`),
  ];
});
const gb18030 = seeds.map((d) => segment(ingest(iconv.encode(readFileSync(d.meta.source.path, 'utf8'), 'gb18030'), `${d.id}.txt`), `${d.id}-gb18030`));
const heldout = loadDocuments(readdirSync(HELDOUT_DIR).filter((f) => /\.(txt|html)$/.test(f)).sort().map((f) => join(HELDOUT_DIR, f))).documents;
const generated = fc.sample(documentArbitrary, { numRuns: 50, seed: 20261214 }).map((g, i) => fromText(g.text, `generated-${i + 1}`));

const DUPLICATE = ['某县人民政府工作规则', '', '第一章 总则', '第一条 甲。', '第二条 乙。', '第四条 丁。', '第四条 丁又一条。', '第五条 戊。', '第二章 附则', '第六条 本规则自印发之日起施行。', ''].join('\n');
const edge = [
  fromText(DUPLICATE, 'duplicate'),
  // Characters XML must escape, and characters XML 1.0 cannot carry at all (\u0001, form feed, U+FFFE).
  fromText(['某县人民政府工作规则', '第一条 A&B <规则> "引号" \'单引号\' ]]> 结束。', '第二条 控制字符\u0001与换页\f及\uFFFE。', '\f', '第三条 本规则自印发之日起施行。', ''].join('\n'), 'escaping'),
  // CRLF, full-width indentation, a chapter without a title, sections (节), items in the line (（一）…；（二）…).
  fromText(
    [
      '\u3000\u3000某县人民政府工作规则',
      '',
      '\u3000\u3000第一章',
      '\u3000\u3000第一条\u3000为规范县政府工作，制定本规则。',
      '\u3000\u3000第二章\u3000会议制度',
      '\u3000\u3000第一节\u3000全体会议',
      '\u3000\u3000第二条\u3000县政府全体会议的任务是：（一）讨论决定县政府工作中的重大事项；（二）部署县政府的重要工作。其他事项另行研究。',
      '\u3000\u3000第二节\u3000常务会议',
      '\u3000\u3000第三条\u3000常务会议的议题：',
      '\u3000\u3000（一）传达重要会议精神；',
      '\u3000\u3000\u00a01.研究贯彻意见；',
      '\u3000\u3000（二）讨论重要事项。',
      '\u3000\u3000第四条\u3000本规则自印发之日起施行。',
      '\u3000',
    ].join('\r\n'),
    'crlf-sections',
  ),
  // No title, no notice: the text starts with its first chapter.
  fromText(['第一章 总则', '第一条 甲。', '— 2 —', '第二条 乙。', ''].join('\n'), 'no-title'),
  // A note under the title, a web line before the first chapter, a sentence the segmenter could not place.
  fromText(['某县人民政府工作规则', '（2019年1月15日县政府第3次常务会议通过）', '【打印本页】', '第一章 总则', '本章适用于县政府。', '第一条 甲。', '第二条 乙。', ''].join('\n'), 'preamble-text'),
];

const GROUPS: [string, RuleDocument[]][] = [
  ['seeds (corpus/*.txt)', seeds],
  ['HTML renderings of the seeds (UTF-8 and GB18030)', html],
  ['GB18030 copies of the seeds', gb18030],
  ['held-out fixtures', heldout],
  ['generated documents', generated],
  ['edge cases (duplicate numbers, escaping, CRLF, sections, no title, text before the first article)', edge],
];
const ALL = GROUPS.flatMap(([, docs]) => docs);
const xmlOf = new Map(ALL.map((d) => [d, toAkomaNtoso(d)]));
const REPORTS = join(ROOT, 'reports/akn');

// ---------------------------------------------------------------- one xmllint call for all of them

interface Validation {
  ok: boolean;
  errors: string[];
}
const validation = new Map<string, Validation>();
const fileOf = new Map<RuleDocument, string>();
const reportFiles = seeds.map((d) => join(REPORTS, `${d.id}.xml`));

/** Why the schema cannot be checked (no xmllint, no schema): every test that needs it fails with this, none is skipped. */
let unavailable: string | null = null;
const needXmllint = () => {
  if (unavailable) throw new Error(unavailable);
};

beforeAll(() => {
  const probe = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (probe.error) unavailable = `xmllint is not installed (${probe.error.message}): install libxml2-utils (Debian) — the schema validation cannot run without it`;
  else if (!existsSync(SCHEMA)) unavailable = `the Akoma Ntoso schema is missing: ${SCHEMA} (the repository must sit beside shared/)`;
  if (unavailable) return;
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-akn-'));
  ALL.forEach((d, i) => {
    const file = join(dir, `${String(i).padStart(3, '0')}-${d.id}.xml`);
    writeFileSync(file, xmlOf.get(d)!);
    fileOf.set(d, file);
  });
  const files = [...fileOf.values(), ...reportFiles.filter(existsSync)];
  const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const lines = r.stderr.split('\n');
  for (const f of files) validation.set(f, { ok: lines.includes(`${f} validates`), errors: lines.filter((l) => l.startsWith(`${f}:`)).slice(0, 5) });
  // One line for the CI log: what was validated, by whom.
  const valid = (fs: string[]) => `${fs.filter((f) => validation.get(f)?.ok).length}/${fs.length}`;
  const groups = GROUPS.map(([name, docs]) => `${name.replace(/ \(.*\)$/, '')} ${valid(docs.map((d) => fileOf.get(d)!))}`);
  console.log(`xmllint ${(probe.stderr.split('\n')[0] ?? '').replace(/^xmllint: using /, '')} --schema akomantoso30.xsd: ${valid(files)} files valid — ${groups.join(', ')}, reports/akn ${valid(reportFiles.filter(existsSync))}`);
}, 120_000);

const $of = (xml: string) => cheerio.load(xml, { xml: true });
const allItems = (doc: RuleDocument): Item[] => {
  const out: Item[] = [];
  const walk = (items: Item[]) => items.forEach((it) => (out.push(it), walk(it.children)));
  for (const a of doc.articles) for (const p of a.paragraphs) walk(p.items.length ? p.items : (p.inlineItems ?? []));
  return out;
};

describe('Akoma Ntoso export: schema validation (xmllint --schema akomantoso30.xsd)', () => {
  for (const [group, docs] of GROUPS) {
    it(`${group}: ${docs.length} documents validate`, () => {
      needXmllint();
      expect(docs.length).toBeGreaterThan(0);
      const failed = docs.filter((d) => !validation.get(fileOf.get(d)!)?.ok).map((d) => `${d.id}: ${validation.get(fileOf.get(d)!)?.errors.join(' | ') || 'no result'}`);
      expect(failed).toEqual([]);
    });
  }

  it(`reports/akn (written by npm start): the ${seeds.length} seeds are there, validate and hold the seed texts`, () => {
    needXmllint();
    for (const [k, f] of reportFiles.entries()) {
      expect(existsSync(f), `${f} is missing: run npm start`).toBe(true);
      expect(validation.get(f)?.ok, `${f}: ${validation.get(f)?.errors.join(' | ')}`).toBe(true);
      expect($of(readFileSync(f, 'utf8'))('akomaNtoso').text(), f).toBe(seeds[k]!.text);
    }
  });
});

describe('Akoma Ntoso export: text, ids and structure', () => {
  it('the text nodes, in document order, are the document text exactly (minus characters XML 1.0 cannot carry)', () => {
    for (const d of ALL) expect($of(xmlOf.get(d)!)('akomaNtoso').text(), d.id).toBe(xmlCharacters(d.text));
    // Nothing but those characters is removed.
    const esc = edge.find((d) => d.id === 'escaping')!;
    expect(esc.text.length - xmlCharacters(esc.text).length).toBe(4);
  });

  it('a real XML parser agrees: xmllint reads the seed texts back (XPath string(/))', () => {
    needXmllint();
    for (const d of seeds) {
      const r = spawnSync('xmllint', ['--xpath', 'string(/)', fileOf.get(d)!], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.slice(0, -1), d.id).toBe(d.text); // xmllint ends what it prints with a newline
    }
  });

  it('eIds are unique in every document', () => {
    for (const d of ALL) {
      const eids = [...xmlOf.get(d)!.matchAll(/ eId="([^"]*)"/g)].map((m) => m[1]);
      expect(new Set(eids).size, d.id).toBe(eids.length);
    }
  });

  it('chapters, sections, articles, paragraphs and items nest as the segmenter found them; nums are as written', () => {
    for (const d of ALL) {
      const $ = $of(xmlOf.get(d)!);
      expect($('chapter').length, d.id).toBe(d.chapters.length);
      expect($('section').length, d.id).toBe(d.sections.length);
      const articles = $('article').toArray();
      expect(articles.length, d.id).toBe(d.articles.length);
      d.articles.forEach((a, k) => {
        const el = $(articles[k]!);
        expect(el.children('num').text(), `${d.id} ${a.label}`).toBe(a.label);
        const chapter = el.closest('chapter').children('num').text().replace(/[\s\u3000\u00a0]/g, '');
        expect(chapter || null, `${d.id} ${a.label}`).toBe(d.chapters.find((c) => c.ordinal === a.chapter)?.label ?? null);
        const section = el.closest('section').children('num').text().replace(/[\s\u3000\u00a0]/g, '');
        expect(section || null, `${d.id} ${a.label}`).toBe(a.section === null ? null : d.sections.find((s) => s.ordinal === a.section && s.chapter === a.chapter)?.label ?? null);
        expect(el.children('paragraph').length, `${d.id} ${a.label}`).toBe(a.paragraphs.length);
      });
      expect($('point').length, d.id).toBe(allItems(d).length);
      expect($('point > num').toArray().map((n) => $(n).text()), d.id).toEqual(allItems(d).map((it) => it.marker));
      // A nested item (目) is a point in a list inside a point.
      const nested = allItems(d).filter((it) => it.level > 1).length;
      expect($('point list point').length, d.id).toBe(nested);
    }
  });

  it('the seeds have what the metadata found: title, number, chapters', () => {
    const $ = $of(xmlOf.get(seeds.find((d) => d.id === 'tongzhou-2022')!)!);
    expect($('preface docTitle').text()).toBe('通州区人民政府工作规则');
    expect($('preface docNumber').text()).toBe('通政发〔2022〕1号');
    expect($('preface container').attr('name')).toBe('transmittalNotice');
    expect($('chapter').first().attr('eId')).toBe('chp_1');
    expect($('conclusions p.copiedTo').text()).toMatch(/^抄送：/);
    expect($('FRBRWork FRBRuri').attr('value')).toBe('/akn/cn-bj/act/2022/tongzhou-2022');
    expect($('FRBRExpression FRBRuri').attr('value')).toBe('/akn/cn-bj/act/2022/tongzhou-2022/zho@2022-01-12');
    expect($('FRBRcountry').attr('value')).toBe('cn');
    expect($('FRBRlanguage').attr('language')).toBe('zho');
  });

  it('keeps what stands between the title and the first chapter in the preamble, debris and unplaced text between articles in an hcontainer', () => {
    const $ = $of(xmlOf.get(edge.find((d) => d.id === 'preamble-text')!)!);
    expect($('preface p.title').text()).toBe('某县人民政府工作规则');
    expect($('preface p.titleNote').text()).toBe('（2019年1月15日县政府第3次常务会议通过）');
    expect($('preamble p.webDebris').text()).toBe('【打印本页】');
    expect($('chapter > hcontainer[name="unplaced"] p.unplaced').text()).toBe('本章适用于县政府。');
    const x = $of(xmlOf.get(edge.find((d) => d.id === 'no-title')!)!);
    expect(x('preface').length).toBe(0);
    expect(x('chapter > hcontainer[name="debris"] p.pageNumber').text()).toBe('— 2 —');
    const huoshan = $of(xmlOf.get(heldout.find((d) => d.id === 'huoshan-2023')!)!);
    expect(huoshan('article p inline[name="pageNumber"]').first().text()).toBe('— 4 —'); // a page break inside a sentence
  });
});

describe('Akoma Ntoso export: numbering', () => {
  const dup = edge.find((d) => d.id === 'duplicate')!;
  const $ = $of(xmlOf.get(dup)!);
  const arts = $('article').toArray().map((a) => ({ num: $(a).children('num').text(), eId: $(a).attr('eId'), wId: $(a).attr('wId') ?? null }));

  it('a number written twice gets distinct eIds; wIds give the position where it differs from the number', () => {
    expect(arts).toEqual([
      { num: '第一条', eId: 'chp_1__art_1', wId: null },
      { num: '第二条', eId: 'chp_1__art_2', wId: null },
      { num: '第四条', eId: 'chp_1__art_4', wId: 'chp_1__art_3' },
      { num: '第四条', eId: 'chp_1__art_4-2', wId: 'chp_1__art_4' },
      { num: '第五条', eId: 'chp_1__art_5', wId: null },
      { num: '第六条', eId: 'chp_2__art_6', wId: null },
    ]);
    const wids = $('[wId]').toArray().map((e) => $(e).attr('wId'));
    expect(new Set(wids).size).toBe(wids.length);
    // The paragraphs of a renumbered article carry the positional path too.
    expect($('paragraph[eId="chp_1__art_4-2__para_1"]').attr('wId')).toBe('chp_1__art_4__para_1');
  });

  it('aknArticleIds gives the eId of each article in article order (to join facts.json citations)', () => {
    expect(aknArticleIds(dup)).toEqual(arts.map((a) => a.eId));
  });

  it('eIds follow the naming convention down to points: chp_N__sec_N__art_N__para_N__list_1__point_N', () => {
    const x = $of(xmlOf.get(edge.find((d) => d.id === 'crlf-sections')!)!);
    expect(x('point').toArray().map((p) => x(p).attr('eId'))).toEqual([
      'chp_2__sec_1__art_2__para_1__list_1__point_1',
      'chp_2__sec_1__art_2__para_1__list_1__point_2',
      'chp_2__sec_2__art_3__para_1__list_1__point_1',
      'chp_2__sec_2__art_3__para_1__list_1__point_1__list_1__point_1',
      'chp_2__sec_2__art_3__para_1__list_1__point_2',
    ]);
    expect(x('chapter').first().children('heading').text().trim()).toBe(''); // 第一章 without a title: only the line break and indentation after it
    expect(x('paragraph wrapUp p').text().trim()).toBe('其他事项另行研究。');
  });
});

describe('Akoma Ntoso export: determinism and metadata', () => {
  afterEach(() => void vi.useRealTimers());

  it('gives the same bytes at any time (no clock in the XML)', () => {
    const d = seeds[0]!;
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
    const later = toAkomaNtoso(d);
    expect(later).toBe(xmlOf.get(d));
    expect(later).not.toContain('2031');
  });

  it('URIs: the province as its ISO 3166-2 code, else the document id; dates from the document', () => {
    const huairou = seeds.find((d) => d.id === 'huairou-2021')!;
    expect(aknUris(huairou)).toMatchObject({ work: '/akn/cn-bj/act/2021/huairou-2021', expression: '/akn/cn-bj/act/2021/huairou-2021/zho@2021-04-20' });
    expect(aknUris(seeds.find((d) => d.id === 'chenggong-2022')!).work).toBe('/akn/cn-yn/act/2022/chenggong-2022');
    expect(aknUris(seeds.find((d) => d.id === 'taobei-2020')!).expression).toBe('/akn/cn-jl/act/2020/taobei-2020/zho@2020-09-25');
    const nodate = fromText(['第一条 甲。', '第二条 乙。', ''].join('\n'), 'nodate');
    expect(aknUris(nodate)).toMatchObject({ work: '/akn/cn-nodate/act/0001/nodate', date: { name: 'unknown', date: '0001-01-01' } });
  });
});

describe('rulecmp export', () => {
  it('prints one document to standard output', () => {
    const r = runCli(['export', 'corpus/chaoyang-2015.txt', '--format', 'akn']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(toAkomaNtoso(seeds.find((d) => d.id === 'chaoyang-2015')!));
  });

  it('writes <id>.xml per document with --out, names a bad file in one line, exports the others and exits 1', () => {
    const out = mkdtempSync(join(tmpdir(), 'rulecmp-export-'));
    const missing = join(out, 'missing.txt');
    const r = runCli(['export', 'corpus/huairou-2021.txt', missing, 'corpus/taobei-2020.txt', '--format', 'akn', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`rulecmp: ${missing}: no such file`]);
    expect(r.stdout).toBe(`wrote 2 Akoma Ntoso documents to ${out}\n`);
    expect(readdirSync(out).sort()).toEqual(['huairou-2021.xml', 'taobei-2020.xml']); // no temporary files left
    expect(readFileSync(join(out, 'taobei-2020.xml'), 'utf8')).toBe(toAkomaNtoso(seeds.find((d) => d.id === 'taobei-2020')!));
  });

  it('exports a whole corpus with --corpus and --out', () => {
    const out = mkdtempSync(join(tmpdir(), 'rulecmp-export-'));
    const r = runCli(['export', '--corpus', 'corpus', '--format', 'akn', '--out', out]);
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(seeds.map((d) => `${d.id}.xml`).sort());
  });

  it('writes Akoma Ntoso when no --format is given (its only format, the default)', () => {
    const plain = runCli(['export', 'corpus/huairou-2021.txt']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^<\?xml[^]*<akomaNtoso /u);
    expect(plain.stdout).toBe(runCli(['export', 'corpus/huairou-2021.txt', '--format', 'akn']).stdout);
  });

  for (const [what, args, words] of [
    ['an unknown format', ['export', 'corpus/huairou-2021.txt', '--format', 'pdf'], /--format must be one of akn/],
    ['several files and no --out', ['export', 'corpus/huairou-2021.txt', 'corpus/taobei-2020.txt', '--format', 'akn'], /--out/],
  ] as const) {
    it(`is a usage error (exit 2) with ${what}`, () => {
      const r = runCli([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(words);
      expect(r.stdout).toBe('');
    });
  }

  it('npm start step: reports/akn/<id>.xml for each document, files of documents no longer there removed', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'rulecmp-build-'));
    const logs: string[] = [];
    aknBuildStep.run({ analysis: analyse(seeds.slice(0, 2)), errors: [], outDir, log: (m) => logs.push(m) });
    writeFileSync(join(outDir, 'akn', 'gone-2000.xml'), '<x/>');
    aknBuildStep.run({ analysis: analyse(seeds.slice(0, 3)), errors: [], outDir, log: (m) => logs.push(m) });
    expect(readdirSync(join(outDir, 'akn')).sort()).toEqual(seeds.slice(0, 3).map((d) => `${d.id}.xml`).sort());
    expect(logs.at(-1)).toBe('akn/*.xml: 3 Akoma Ntoso 3.0 documents');
  });
});
