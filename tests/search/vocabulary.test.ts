/**
 * Search's vocabularies and code take no cue from the corpus: no place name of its documents and no sentence of
 * theirs in src/search/, the query tokenizer, data/query-words.json or data/synonyms.json (the words come from
 * the genre's national texts and grammars, each file says which).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpus } from '../helpers/docs.js';

const root = new URL('../../', import.meta.url);
const FILES = [
  ...readdirSync(new URL('src/search/', root)).map((f) => `src/search/${f}`),
  'src/io/querydict.ts',
  'data/query-words.json',
  'data/synonyms.json',
  'data/query-cues.json',
];
const text = (f: string) => readFileSync(new URL(f, root), 'utf8');
/** Titles of the national texts the files name as their sources (the corpus cites them too). */
const SOURCES = ['中共中央政治局关于改进工作作风、密切联系群众的八项规定', '党政机关厉行节约反对浪费条例', '党政机关公文处理工作条例', '重大行政决策程序暂行条例', '国务院工作规则'];

describe('search vocabularies and code', () => {
  it('name no place of the corpus', () => {
    const places = new Set<string>();
    for (const d of corpus()) for (const p of [d.meta.jurisdiction.province, d.meta.jurisdiction.city, d.meta.jurisdiction.district]) if (p) places.add(p.replace(/[省市区县]$/u, ''));
    expect(places.size).toBeGreaterThanOrEqual(5);
    for (const f of FILES) for (const p of places) expect(text(f).includes(p), `${f} contains ${p}`).toBe(false);
  });

  it('quote no sentence of the corpus (no run of 10 characters of its texts)', () => {
    const grams = new Set<string>();
    for (const d of corpus()) {
      const t = d.text.replace(/\s+/gu, '');
      for (let i = 0; i + 10 <= t.length; i++) grams.add(t.slice(i, i + 10));
    }
    for (const f of FILES) {
      const runs = SOURCES.reduce((t, s) => t.split(s).join(' '), text(f)).match(/[\p{Script=Han}，。、；：（）]{10,}/gu) ?? [];
      for (const r of runs) for (let i = 0; i + 10 <= r.length; i++) expect(grams.has(r.slice(i, i + 10)), `${f}: ${r}`).toBe(false);
    }
  });

  it('give their sources', () => {
    for (const f of ['data/query-words.json', 'data/synonyms.json']) expect(JSON.parse(text(f)).$comment, f).toMatch(/[Ss]ource/);
  });
});
