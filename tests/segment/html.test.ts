/** An HTML page of a rules document segments into the same articles as its text version. */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/index.js';
import { loadDocuments } from '../../src/io/corpus.js';
import { segment } from '../../src/segment/index.js';
import { renderHtml } from '../helpers/html-render.js';

// HTML cannot keep runs of ASCII spaces or NBSP; compare with spacing folded.
const fold = (s: string) => s.replace(/[ \t\u00a0]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();

const { documents } = loadDocuments([], 'corpus');

describe('HTML pages of the seeds', () => {
  for (const textDoc of documents) {
    it(`${textDoc.id}: same chapters, articles and article texts as the text version`, () => {
      const page = renderHtml(readFileSync(textDoc.meta.source.path, 'utf8'));
      for (const [bytes, encoding] of [[Buffer.from(page, 'utf8'), 'utf-8'], [iconv.encode(page, 'gb18030'), 'gb18030']] as const) {
        const src = ingest(bytes, `${textDoc.id}.html`);
        expect(src.source).toMatchObject({ format: 'html', encoding });
        const htmlDoc = segment(src, textDoc.id);
        expect(htmlDoc.chapters.map((c) => [c.ordinal, c.title])).toEqual(textDoc.chapters.map((c) => [c.ordinal, c.title]));
        expect(htmlDoc.articles.map((a) => a.label)).toEqual(textDoc.articles.map((a) => a.label));
        expect(htmlDoc.articles.map((a) => fold(a.text))).toEqual(textDoc.articles.map((a) => fold(a.text)));
        expect(htmlDoc.meta.jurisdiction).toEqual(textDoc.meta.jurisdiction);
        expect(htmlDoc.meta.docNumber).toEqual(textDoc.meta.docNumber);
        expect(htmlDoc.blocks.map((b) => htmlDoc.text.slice(b.span.start, b.span.end)).join('')).toBe(htmlDoc.text);
      }
    });
  }
});
