import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadDocuments } from '../../src/io/corpus.js';
import type { RuleDocument } from '../../src/model.js';
import { search } from '../../src/search/search.js';
import { SearchIndex } from '../../src/search/searchIndex.js';
import { BUILD_STEPS } from '../../src/cli/build.js';
import type { RuleDocument } from '../../src/model.js';
import { analyse } from '../../src/pipeline.js';
import { openIndex, serialiseIndex, snapshotCorpus, snapshotOf } from '../../src/store/embedded.js';

/** What `build` does for the index: the analysis of the documents, claiming the corpus only when they are all of it. */
async function buildIndexStep(docs: RuleDocument[], corpus: string, outDir: string, log: (m: string) => void) {
  const analysis = analyse(docs, { corpus: await snapshotOf(docs, [], corpus) });
  await BUILD_STEPS.find((s) => s.name === 'search index')!.run({ analysis, errors: [], outDir, log });
}
import { getTokenizer, type Tokenizer } from '../../src/tokenize/index.js';

let documents: RuleDocument[];
beforeAll(() => {
  documents = loadDocuments([], 'corpus').documents;
});

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tmpCorpus(): { dir: string; corpus: string; indexPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rulecmp-search-'));
  dirs.push(dir);
  cpSync('corpus', join(dir, 'corpus'), { recursive: true });
  return { dir, corpus: join(dir, 'corpus'), indexPath: join(dir, 'reports', 'search-index.json') };
}

/** A tokenizer that counts the characters it is asked to cut. */
function counting(): Tokenizer & { chars: number } {
  const inner = getTokenizer();
  const t = { engine: inner.engine, chars: 0, cut: (s: string) => ((t.chars += s.length), inner.cut(s)) };
  return t;
}
const cite = (h: { citation: { docId: string; ordinal: number } }) => `${h.citation.docId}#${h.citation.ordinal}`;
const noLoad = async (): Promise<RuleDocument[]> => {
  throw new Error('the corpus was loaded');
};

describe('the persisted index', () => {
  it('is the same bytes for the same corpus', () => {
    expect(serialiseIndex(SearchIndex.build(documents))).toBe(serialiseIndex(SearchIndex.build(documents)));
  });

  it('answers like the index it was saved from, and loading it cuts no article', () => {
    const built = SearchIndex.build(documents);
    const t = counting();
    const loaded = SearchIndex.fromData(JSON.parse(serialiseIndex(built)), t);
    expect(t.chars).toBe(0);
    for (const q of ['常务会议 每周', '"区政府常务会议纪要"', '1000万元', '请假 离京', '出席']) {
      expect(search(loaded, q).hits).toEqual(search(built, q).hits);
    }
    // only the queries and their alternatives (离京: 离区, 外出 …) were cut, no article (the shortest has more)
    expect(t.chars).toBeLessThan(300);
  });
});

describe('openIndex: fresh or rebuilt', () => {
  it('builds and saves when there is no index, then loads it without touching the corpus', async () => {
    const { corpus, indexPath } = tmpCorpus();
    const first = await openIndex({ indexPath, corpusDir: corpus });
    expect(first.rebuilt).toMatch(/does not exist/);
    const second = await openIndex({ indexPath, corpusDir: corpus, loadDocuments: noLoad });
    expect(second.rebuilt).toBeNull();
    expect(second.index.articles.length).toBe(first.index.articles.length);
  });

  it('rebuilds when a corpus file changes, and the new words are found', async () => {
    const { corpus, indexPath } = tmpCorpus();
    await openIndex({ indexPath, corpusDir: corpus });
    expect(search((await openIndex({ indexPath, corpusDir: corpus })).index, '"量子通信保密"').total).toBe(0);
    appendFileSync(join(corpus, 'chaoyang-2015.txt'), '\n六十九、区政府建立量子通信保密制度。\n');
    const reopened = await openIndex({ indexPath, corpusDir: corpus });
    expect(reopened.rebuilt).toBe(`${join(corpus, 'chaoyang-2015.txt')} changed`);
    expect(search(reopened.index, '"量子通信保密"').hits.map(cite)).toEqual(['chaoyang-2015#69']);
    expect((await openIndex({ indexPath, corpusDir: corpus, loadDocuments: noLoad })).rebuilt).toBeNull();
  });

  it('rebuilds when a file is added or removed', async () => {
    const { corpus, indexPath } = tmpCorpus();
    await openIndex({ indexPath, corpusDir: corpus });
    writeFileSync(join(corpus, 'copy.txt'), readFileSync(join(corpus, 'huairou-2021.txt')));
    expect((await openIndex({ indexPath, corpusDir: corpus })).rebuilt).toMatch(/copy\.txt was added/);
    unlinkSync(join(corpus, 'copy.txt'));
    unlinkSync(join(corpus, 'taobei-2020.txt'));
    const r = await openIndex({ indexPath, corpusDir: corpus });
    expect(r.rebuilt).toMatch(/was removed/);
    expect(r.index.articles.some((a) => a.docId === 'taobei-2020')).toBe(false);
  });

  it('rebuilds an index made with another user dictionary, or that is not JSON', async () => {
    const { corpus, indexPath } = tmpCorpus();
    await openIndex({ indexPath, corpusDir: corpus });
    const data = JSON.parse(readFileSync(indexPath, 'utf8'));
    data.meta.userDict = 'something-else';
    writeFileSync(indexPath, JSON.stringify(data));
    expect((await openIndex({ indexPath, corpusDir: corpus })).rebuilt).toBe('the user dictionary changed');
    writeFileSync(indexPath, '{"meta": ');
    expect((await openIndex({ indexPath, corpusDir: corpus })).rebuilt).toMatch(/is unreadable/);
  });

  it('a corpus that is not a directory is an error naming it', async () => {
    await expect(openIndex({ corpusDir: 'no-such-dir', indexPath: 'x.json' })).rejects.toThrow('no-such-dir: not a directory');
  });
});

describe('the build step (npm start)', () => {
  it('writes reports/search-index/ that a search then uses as it is, without loading the corpus', async () => {
    const { dir, corpus } = tmpCorpus();
    const folder = join(dir, 'reports', 'search-index');
    const docs = loadDocuments([], corpus).documents;
    const logs: string[] = [];
    await buildIndexStep(docs, corpus, join(dir, 'reports'), (m) => logs.push(m));
    expect(logs[0]).toContain(`search-index/: ${docs.reduce((n, d) => n + d.articles.length, 0)} articles`);
    const layout = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
    expect(layout.meta.corpus.files).toEqual(snapshotCorpus(corpus).files);
    const opened = await openIndex({ indexPath: folder, corpusDir: corpus, loadDocuments: noLoad });
    expect(opened.rebuilt).toBeNull();
    expect(search(opened.index, '常务会议 每周').hits).toEqual(search(analyse(docs).searchIndex, '常务会议 每周').hits);
  });

  it('built from some of the files only, it does not pass for the corpus: a search rebuilds it', async () => {
    const { dir, corpus } = tmpCorpus();
    const folder = join(dir, 'reports', 'search-index');
    const docs = loadDocuments([join(corpus, 'huairou-2021.txt')], corpus).documents;
    await buildIndexStep(docs, corpus, join(dir, 'reports'), () => {});
    const r = await openIndex({ indexPath: folder, corpusDir: corpus });
    expect(r.rebuilt).toMatch(/list of files/);
    expect(r.index.documentCount).toBe(5);
    // and wrote the rebuilt index back as a folder the next search opens as it is
    expect((await openIndex({ indexPath: folder, corpusDir: corpus, loadDocuments: noLoad })).rebuilt).toBeNull();
  });

  it('a changed corpus file is seen even when its size stays the same (the hashes are checked, not only sizes and times)', async () => {
    const { dir, corpus } = tmpCorpus();
    const folder = join(dir, 'reports', 'search-index');
    await buildIndexStep(loadDocuments([], corpus).documents, corpus, join(dir, 'reports'), () => {});
    expect((await openIndex({ indexPath: folder, corpusDir: corpus, loadDocuments: noLoad })).rebuilt).toBeNull();
    const path = join(corpus, 'taobei-2020.txt');
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('常务会议', '常委会议'));
    expect(readFileSync(path).length).toBe(Buffer.byteLength(text));
    expect((await openIndex({ indexPath: folder, corpusDir: corpus })).rebuilt).toMatch(/taobei-2020\.txt changed/);
  });
});
