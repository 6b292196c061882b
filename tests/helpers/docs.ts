/** Documents for the extract/report/diff tests: the seed corpus, edited seeds, generated text. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ingest } from '../../src/ingest/index.js';
import { loadDocuments } from '../../src/io/corpus.js';
import type { RuleDocument } from '../../src/model.js';
import { segment } from '../../src/segment/index.js';

export const CORPUS_DIR = fileURLToPath(new URL('../../corpus/', import.meta.url));
export const HELDOUT_DIR = fileURLToPath(new URL('../fixtures/heldout/', import.meta.url));
/** The third blind review's documents (a province, a city, a banner 决定, a traditional-character district, a web page). */
export const HELDOUT3_DIR = fileURLToPath(new URL('../fixtures/heldout-3/', import.meta.url));
export const HELDOUT4_DIR = fileURLToPath(new URL('../fixtures/heldout-4/', import.meta.url));
export const HELDOUT5_DIR = fileURLToPath(new URL('../fixtures/heldout-5/', import.meta.url));

let cache: RuleDocument[] | null = null;
/** The five seeds, segmented once per test file. */
export function corpus(): RuleDocument[] {
  cache ??= loadDocuments([], CORPUS_DIR).documents;
  return cache;
}

export function seed(id: string): RuleDocument {
  const d = corpus().find((x) => x.id === id);
  if (!d) throw new Error(`no seed ${id}`);
  return d;
}

export function seedText(id: string): string {
  return readFileSync(new URL(`../../corpus/${id}.txt`, import.meta.url), 'utf8');
}

/** Segment a text as if it were a file. */
export function docFromText(text: string, id = 'edited'): RuleDocument {
  return segment(ingest(new TextEncoder().encode(text), `${id}.txt`), id);
}

/** A seed with one passage replaced (the passage must occur exactly once). */
export function editedSeed(id: string, from: string, to: string): RuleDocument {
  const text = seedText(id);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur once in ${id}`);
  return docFromText(text.slice(0, at) + to + text.slice(at + from.length), `${id}-edited`);
}

/** A small document of the genre around the given articles (一、 二、 … numbering). */
export function generatedDoc(articles: string[], title = '某县人民政府工作规则'): RuleDocument {
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  return docFromText([title, '', ...articles.map((a, i) => `${cn[i]}、${a}`), ''].join('\n'), 'generated');
}
