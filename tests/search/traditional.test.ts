/**
 * A rule written in traditional characters (tests/fixtures/heldout-3/traditional.txt, from the third blind review)
 * is searched, classified and aligned as its simplified reading: search normalises both the texts and the query
 * to simplified, character for character (src/tokenize normalise, src/text/script.ts), so a query in either script
 * finds a text in either, and a hit quotes the text as written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument, loadDocuments } from '../../src/io/corpus.js';
import type { RuleDocument } from '../../src/model.js';
import { analyse } from '../../src/pipeline.js';
import { search } from '../../src/search/search.js';
import type { SearchIndex } from '../../src/search/searchIndex.js';
import { toSimplified } from '../../src/text/script.js';
import { HELDOUT3_DIR, docFromText } from '../helpers/docs.js';
import { openedFolder } from '../helpers/index-folder.js';

let traditional: RuleDocument;
let simplified: RuleDocument;
let index: SearchIndex;
beforeAll(() => {
  traditional = loadDocument(join(HELDOUT3_DIR, 'traditional.txt'), 'traditional');
  simplified = docFromText(toSimplified(readFileSync(join(HELDOUT3_DIR, 'traditional.txt'), 'utf8')), 'simplified');
  index = analyse([...loadDocuments([], 'corpus').documents, traditional]).searchIndex;
});

describe('search over a text in traditional characters', () => {
  it('finds its articles by a query in simplified characters, quoting them as written (its district named in either script)', () => {
    expect(traditional.meta.jurisdiction?.district).toBe('思明区');
    const r = search(index, '常务会议', { limit: Infinity, filters: { district: '思明區' } });
    expect(r.hits.length).toBeGreaterThanOrEqual(3);
    for (const h of r.hits) expect(h.citation.docId).toBe('traditional');
    const { text, highlights } = r.hits[0]!.snippet;
    expect(highlights.map((h) => text.slice(h.start, h.end))).toContain('常務會議');
  });

  it('finds the simplified texts by a query in traditional characters, as by the same query in simplified', () => {
    for (const [t, s] of [['常務會議', '常务会议'], ['副區長離開本市', '副区长离开本市'], ['區政府會議紀要 簽發', '区政府会议纪要 签发']]) {
      const a = search(index, t!, { limit: 20 });
      expect(a.total).toBeGreaterThan(0);
      expect(a.hits).toEqual(search(index, s!, { limit: 20 }).hits);
    }
  });

  it('its index folder is written (the text as written kept beside the simplified haystack) and answers as the index in memory', () => {
    const { disk, close } = openedFolder(index, 'traditional');
    try {
      for (const q of ['常务会议', '常務會議', '副区长 请假', '区长离开本区'])
        expect(search(disk, q, { limit: 20, byDistrict: true }), q).toEqual(search(index, q, { limit: 20, byDistrict: true }));
      const ids = index.articles.flatMap((a, id) => (a.docId === 'traditional' ? [id] : []));
      expect(ids.length).toBe(traditional.articles.length);
      for (const id of ids) expect(disk.articles[id]!.text).toBe(index.articles[id]!.text);
      expect(disk.articles[ids[0]!]!.text).toMatch(/[條會區]/u);
    } finally {
      close();
    }
  });

  it('classifies its articles as it classifies the same text in simplified characters', () => {
    const [a, b] = [traditional, simplified].map((d) => analyse([d]).searchIndex.articles.map((x) => x.mainTopics ?? []));
    expect(a!.length).toBe(b!.length);
    expect(a!.filter((t) => t.length > 0).length).toBeGreaterThan(0.8 * a!.length);
    expect(a).toEqual(b);
  });
});
