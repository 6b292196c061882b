import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../src/io/document-json.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { documentJson, storedDocumentJson } from '../../src/io/write.js';
import { corpus, HELDOUT3_DIR, HELDOUT_DIR } from '../helpers/docs.js';
import { recombined } from '../helpers/synthetic.js';

const documents = () => [...corpus(), ...loadDocuments([], HELDOUT_DIR).documents, ...loadDocuments([], HELDOUT3_DIR).documents, recombined(corpus(), 7, 'synthetic-7', { vary: true }).doc];

describe('documents/*.json as build stores them', () => {
  it('read back, a document is the document written, key order included (the texts left out are put back)', () => {
    for (const d of documents()) expect(JSON.stringify(decodeDocument(JSON.parse(storedDocumentJson(d)))) + '\n', d.id).toBe(documentJson(d));
  });

  it('leaves out every article text that is its lines joined and most paragraph and item texts; keeps those that differ', () => {
    let kept = 0;
    let all = 0;
    for (const d of documents()) {
      const stored = JSON.parse(storedDocumentJson(d)) as { articles: { text?: string; paragraphs: { text?: string }[] }[] };
      for (const a of stored.articles) {
        expect(a.text, `${d.id} ${JSON.stringify(a).slice(0, 80)}`).toBeUndefined();
        for (const p of a.paragraphs) (all++, p.text !== undefined && kept++);
      }
    }
    expect(kept / all).toBeLessThan(0.2);
    const bytes = (s: string) => Buffer.byteLength(s);
    for (const d of corpus()) expect(bytes(storedDocumentJson(d)), d.id).toBeLessThan(0.6 * bytes(documentJson(d)));
  });
});
