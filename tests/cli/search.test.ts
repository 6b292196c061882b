import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const ESC = '\x1b[';
let dir: string;
let indexPath: string;
const searchCli = (args: string[], env?: Record<string, string>) => runCli(['search', ...args, '--index', indexPath], { env });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rulecmp-search-cli-'));
  indexPath = join(dir, 'search-index.json');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rulecmp search', () => {
  it('builds the index the first time (saying so on stderr), then uses it as it is', () => {
    const first = searchCli(['请销假']);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/search index rebuilt \(.*does not exist; 408 articles/);
    const second = searchCli(['请销假']);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toBe(first.stdout);
  });

  it('prints ranked hits with citation (district, article label, chapter), score and snippet; plain when piped', () => {
    const r = searchCli(['常务会议', '每周']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^4 articles match 常务会议 每周; 18 more, in documents where no article has all of it, have part of it, best 10 shown:/);
    expect(r.stdout).toMatch(/ [12]\. 怀柔区 四十一 · 第九章 会议制度  huairou-2021 #41  score /);
    expect(r.stdout).toContain('(part of the query)');
    expect(r.stdout).toContain('区政府常务会议一般每周召开1次');
    expect(r.stdout).not.toContain(ESC);
  });

  it('colours the matches with --color always, and never with NO_COLOR on auto', () => {
    const r = searchCli(['离京', '--color', 'always']);
    expect(r.stdout).toContain(`${ESC}1;31m离京${ESC}0m`);
    expect(searchCli(['离京'], { NO_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('a quoted phrase matches contiguous text only', () => {
    const r = searchCli(['"区政府常务会议纪要"']);
    expect(r.stdout).toMatch(/^1 article matches "区政府常务会议纪要":/);
    expect(r.stdout).toContain('洮北区 六十 · 第十二章 会议制度');
  });

  it('--district, --limit and --json', () => {
    const r = searchCli(['纪要', '--district', '朝阳', '--limit', '1', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total).toBe(1);
    expect(json.hits).toHaveLength(1);
    expect(json.hits[0].citation).toMatchObject({ docId: 'chaoyang-2015', ordinal: 40, district: '朝阳区', year: 2015 });
    const { text, highlights } = json.hits[0].snippet;
    expect(highlights.map((h: { start: number; end: number }) => text.slice(h.start, h.end))).toContain('纪要');
  });

  it('a question\'s first line names the words an article must hold, those scored where present, and those left out', () => {
    const r = searchCli(['花多少钱要上常务会讨论', '--limit', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^\d+ articles match 常务会 讨论 \(scored where present: 花 上 万元; left out: 多少钱 要\), best 1 shown:$/u);
    const j = JSON.parse(searchCli(['花多少钱要上常务会讨论', '--limit', '1', '--json']).stdout) as { optional?: string[] };
    expect(j.optional).toEqual(['花', '上', '万元']);
  });

  it('no hit: a message on stderr and exit 3', () => {
    const r = searchCli(['火星']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rulecmp: no article matches 火星 (searched 408 articles in 5 documents)\n');
  });

  it('a word absent from the corpus is no hit, even though single characters of it (金) occur everywhere', () => {
    const r = searchCli(['氪金']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
  });

  it('several words, not all in one article: the articles with some of them, flagged as partial', () => {
    const r = searchCli(['常务会议', '火星', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.partial).toBe(true);
    expect(json.hits.length).toBeGreaterThan(0);
  });

  it('usage errors exit 2 with one line: empty query, bad --limit, unknown district', () => {
    for (const args of [[], ['  '], ['会议', '--limit', '0'], ['会议', '--district', '火星区'], ['会议', '--color', 'sometimes']]) {
      const r = searchCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(searchCli([]).stderr).toMatch(/empty query/);
  });

  it('a corpus directory that does not exist: exit 1, one line naming it', () => {
    const r = searchCli(['会议', '--corpus', join(dir, 'nothing')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`rulecmp: ${join(dir, 'nothing')}: not a directory\n`);
  });

  it('names the files of a corpus it could not read on every search, cached index or not, and exits 1', () => {
    const corpus = mkdtempSync(join(dir, 'mixed-'));
    copyFileSync(join(ROOT, 'corpus/huairou-2021.txt'), join(corpus, 'huairou-2021.txt'));
    writeFileSync(join(corpus, 'empty.txt'), '');
    writeFileSync(join(corpus, 'scan.pdf'), '%PDF-1.7\n');
    const index = join(corpus, 'idx.json');
    for (const run of ['rebuilt', 'cached']) {
      const r = runCli(['search', '常务会议', '--corpus', corpus, '--index', index, '--limit', '1']);
      expect(r.code, run).toBe(1);
      expect(r.stdout, run).toContain('怀柔区');
      expect(r.stderr, run).toContain('empty.txt: empty file');
      expect(r.stderr, run).toContain('scan.pdf: not a text or HTML document (.pdf)');
    }
  });

  it('--topic keeps the articles of that topic (by name or id): 请假 from meetings is not 请假 from leaving the district', () => {
    const hits = (args: string[]) => JSON.parse(searchCli(['请假', '--json', '--limit', '20', ...args]).stdout).hits.map((h: { citation: { docId: string; ordinal: number } }) => `${h.citation.docId}:${h.citation.ordinal}`);
    // The hand-read gold (tests/fixtures/alignment-gold.json): each document's article on leave from meetings.
    const meetingLeave = ['huairou-2021:50', 'taobei-2020:64', 'chaoyang-2015:39', 'chenggong-2022:44', 'tongzhou-2022:53'];
    expect(hits(['--topic', '会议请假']).sort()).toEqual([...meetingLeave].sort());
    expect(hits(['--topic', 'meeting-leave']).sort()).toEqual([...meetingLeave].sort());
    const leaving = hits(['--topic', '请销假与报备']);
    expect(leaving).toEqual(expect.arrayContaining(['huairou-2021:76', 'chaoyang-2015:65', 'tongzhou-2022:82']));
    expect(leaving.filter((h: string) => meetingLeave.includes(h))).toEqual([]);
    expect(searchCli(['请假', '--topic', '火星']).code).toBe(2);
  });
});


describe('rulecmp search --by-district', () => {
  it('gives each document its best article for the query, and names the documents with no match', () => {
    const r = searchCli(['新闻发言人', '--by-district']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^新闻发言人: 3 of 5 documents have a match/);
    expect(r.stdout).toContain('怀柔区  huairou-2021 (2021)');
    expect(r.stdout).toContain('  二十八 · 第六章 推进政务公开  #28  rank ');
    expect(r.stdout.split('\n')).toContain('No match in 呈贡区 chenggong-2022, 洮北区 taobei-2020');
  });

  it('in JSON: every document, with its hits (empty when none matches), each hit with its rank in the whole list', () => {
    const json = JSON.parse(searchCli(['副区长出差要向谁请假', '--by-district', '--json']).stdout);
    expect(json.districts.map((d: { docId: string }) => d.docId)).toEqual(['chaoyang-2015', 'chenggong-2022', 'huairou-2021', 'taobei-2020', 'tongzhou-2022']);
    const best = Object.fromEntries(json.districts.map((d: { docId: string; hits: { citation: { ordinal: number } }[] }) => [d.docId, d.hits[0]?.citation.ordinal]));
    expect(best).toEqual({ 'chaoyang-2015': 65, 'chenggong-2022': 66, 'huairou-2021': 76, 'taobei-2020': 89, 'tongzhou-2022': 82 });
    const none = JSON.parse(searchCli(['新闻发言人', '--by-district', '--json']).stdout).districts.filter((d: { hits: unknown[] }) => !d.hits.length);
    expect(none.map((d: { docId: string }) => d.docId)).toEqual(['chenggong-2022', 'taobei-2020']);
  });
});


describe('rulecmp search: topics and districts', () => {
  it('--topic 请假 is an ambiguous topic: exit 2, one line listing the candidates (it used to mean 会议请假)', () => {
    const r = searchCli(['请假', '--topic', '请假']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('rulecmp: topic "请假" is ambiguous: 请销假与报备 (leave-reporting), 会议请假 (meeting-leave) — give one of them (rulecmp topics lists them all)\n');
  });

  it('an unknown --district says which districts there are (exit 2)', () => {
    const r = searchCli(['会议', '--district', '海淀区']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('rulecmp: unknown district "海淀区" (the corpus has: 朝阳区 chaoyang-2015 2015, 呈贡区 chenggong-2022 2022, 怀柔区 huairou-2021 2021, 洮北区 taobei-2020 2020, 通州区 tongzhou-2022 2022)\n');
  });

  it('a query that is a topic name, or close to one, suggests --topic (not when --topic is given)', () => {
    expect(searchCli(['常务会议', '--limit', '1']).stdout.trimEnd().split('\n').at(-1)).toBe('常务会议 is a topic (executive-meeting): add --topic 常务会议 to keep its articles only.');
    expect(searchCli(['请假', '--limit', '1']).stdout).toContain('Topics close to 请假: 请销假与报备 (leave-reporting), 会议请假 (meeting-leave) — add --topic 请销假与报备 (or another)');
    expect(searchCli(['签发', '--limit', '1']).stdout).toContain('A topic close to 签发: 公文审批与签发 (document-signing)');
    expect(searchCli(['常务会议', '--limit', '1', '--topic', '常务会议']).stdout).not.toContain('is a topic');
    expect(JSON.parse(searchCli(['常务会议', '--json', '--limit', '1']).stdout).topics).toEqual([{ id: 'executive-meeting', name: '常务会议' }]);
  });
});
