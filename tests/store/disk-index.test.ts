/**
 * The index folder (src/search/layout.ts, src/store/disk-index.ts) answers every search as the in-memory index it
 * was written from: every query of the hand fixtures and of the six blind sets, 200 stretches of text typed and quoted,
 * plain and by district, with filters — and an open index keeps answering from its files when a build replaces
 * the folder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFolder } from '../../src/io/write.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { analyse } from '../../src/pipeline.js';
import { textQueries } from '../../src/search/evaluate.js';
import { search, type SearchOptions } from '../../src/search/search.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';
import { DiskIndex } from '../../src/store/disk-index.js';
import { openedFolder } from '../helpers/index-folder.js';
import { indexFolderFiles } from '../../src/store/embedded.js';

let memory: SearchIndex;
let disk: DiskIndex;
let dir: string;
let close: (() => void) | undefined;
beforeAll(() => {
  memory = analyse(loadDocuments([], 'corpus').documents).searchIndex;
  ({ dir, disk, close } = openedFolder(memory, 'disk-index'));
});
afterAll(() => close?.());

const fixtureQueries = (): string[] => {
  const read = (f: string) => (JSON.parse(readFileSync(`tests/fixtures/${f}`, 'utf8')) as { queries: { query: string }[] }).queries.map((q) => q.query);
  return [...read('search-queries.json'), ...read('search-blind.json'), ...read('search-blind-2.json'), ...read('search-blind-3.json'), ...read('search-blind-4.json'), ...read('search-blind-5.json'), ...read('search-blind-6.json')];
};

/** The same response from both (errors alike). */
function same(query: string, opts: SearchOptions): void {
  const run = (index: Parameters<typeof search>[0]) => {
    try {
      return search(index, query, opts);
    } catch (e) {
      return { error: `${(e as Error).name}: ${(e as Error).message}` };
    }
  };
  expect(run(disk), `${query} ${JSON.stringify(opts)}`).toEqual(run(memory));
}

describe('the index folder', () => {
  it('opens with its meta only: no article is read until a query asks', () => {
    const fresh = DiskIndex.open(join(dir, 'search-index'), DiskIndex.readLayout(join(dir, 'search-index'))!);
    expect(fresh.articles.length).toBe(memory.articles.length);
    expect(fresh.documentCount).toBe(5);
    expect(fresh.documents.map((d) => d.docId)).toEqual([...new Set(memory.articles.map((a) => a.docId))]);
    fresh.close();
  });

  it('answers every fixture and blind query as the in-memory index does, as a list and by district', () => {
    const queries = fixtureQueries();
    expect(queries.length).toBeGreaterThanOrEqual(180);
    for (const q of queries) {
      same(q, { limit: 10 });
      same(q, { limit: Infinity, byDistrict: true });
    }
  });

  it('finds every stretch of text word for word as the in-memory index does (typed and quoted)', () => {
    for (const q of textQueries(memory.articles, 200, 7)) {
      same(q, { limit: Infinity });
      same(`"${q}"`, { limit: Infinity });
    }
  });

  it('filters alike: district, year, chapter, topic, and the errors of a filter that selects nothing', () => {
    for (const filters of [{ district: '怀柔区' }, { district: 'chenggong-2022' }, { year: 2020 }, { chapter: '会议' }, { topic: 'leave-reporting' }, { district: '海淀区' }, { year: 1999 }])
      for (const q of ['常务会议', '请假 离京', '"区政府常务会议纪要"', '副区长出差要向谁请假']) same(q, { limit: 20, filters, byDistrict: true });
  });

  it('an open index keeps answering from the files it opened when a build replaces the folder', () => {
    const path = join(dir, 'replaced');
    writeFolder(path, indexFolderFiles(memory));
    const open = DiskIndex.open(path, DiskIndex.readLayout(path)!);
    const before = search(open, '常务会议 每周', { limit: Infinity });
    const other = analyse(loadDocuments(['corpus/huairou-2021.txt'], 'corpus').documents).searchIndex;
    writeFolder(path, indexFolderFiles(other));
    expect(search(open, '常务会议 每周', { limit: Infinity })).toEqual(before);
    expect(search(open, '请假', { limit: Infinity }).total).toBe(search(memory, '请假', { limit: Infinity }).total);
    const reopened = DiskIndex.open(path, DiskIndex.readLayout(path)!);
    expect(reopened.documentCount).toBe(1);
    open.close();
    reopened.close();
  });

  it('is the same bytes for the same corpus', () => {
    const a = indexFolderFiles(memory);
    const b = indexFolderFiles(analyse(loadDocuments([], 'corpus').documents).searchIndex);
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, bytes] of a) expect(Buffer.from(b.get(name)!).equals(Buffer.from(bytes)), name).toBe(true);
  });
});
