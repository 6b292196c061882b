import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTokenizer, normalise, words, type Tokenizer } from '../../src/tokenize/index.js';
import { configureTokenizerFromEnv } from '../../src/io/jieba.js';

configureTokenizerFromEnv();

const CORPUS = new URL('../../corpus/', import.meta.url);
const texts = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, CORPUS), 'utf8') }));
const lines = texts.flatMap((t) => t.text.split('\n')).filter((l) => l.trim());

let nodejieba: Tokenizer | null = null;
try {
  nodejieba = getTokenizer('nodejieba');
} catch {
  // optional dependency not built here: its tests are skipped
}

/** Word spans of a cut as 'start:end', punctuation and spaces left out. */
function spans(pieces: string[]): Set<string> {
  const out = new Set<string>();
  let at = 0;
  for (const p of pieces) {
    if (!/^[\s\p{P}\p{S}]+$/u.test(p)) out.add(`${at}:${at + p.length}`);
    at += p.length;
  }
  return out;
}

describe('normalise', () => {
  it('turns full-width digits, Latin letters and punctuation to half width, Latin to lower case', () => {
    expect(normalise('１０００万元（含）以下，ＡＢＣ　ｄｅｆ')).toBe('1000万元(含)以下,abc def');
  });

  it('maps character for character, so offsets found in the result are offsets in the input', () => {
    for (const { text } of texts) expect(normalise(text).length).toBe(text.length);
    expect(normalise('ǅİ')).toBe('ǅİ'); // only ASCII letters change case: no length change
  });

  it('leaves Chinese text and Chinese punctuation alone', () => {
    expect(normalise('区政府常务会议“三重一大”。、')).toBe('区政府常务会议“三重一大”。、');
  });
});

describe.each([
  ['node-rs', () => getTokenizer('node-rs')],
  ['nodejieba', () => nodejieba],
] as const)('tokenizer %s', (engine, get) => {
  const t = get();
  it.skipIf(!t)('loses nothing: the pieces of every corpus file join back to the file', () => {
    for (const { text } of texts) expect(t!.cut(text).join('')).toBe(text);
  });

  it.skipIf(!t)("keeps the genre's terms whole (user dictionary)", () => {
    const cut = (s: string) => words(s, t!);
    expect(cut('区政府常务会议一般每周召开1次')).toEqual(expect.arrayContaining(['区政府', '常务会议']));
    expect(cut('常务副区长和副区长离京出访')).toEqual(['常务副区长', '和', '副区长', '离京', '出访']);
    expect(cut('严格执行请销假制度')).toContain('请销假');
    expect(cut('严格合法性审查')).toContain('合法性审查');
    expect(cut('研究决定区政府“三重一大”事项')).toContain('三重一大');
    expect(cut('区长办公会议纪要由区长签发')).toEqual(expect.arrayContaining(['区长办公会议', '纪要', '签发']));
  });

  it.skipIf(!t)('cuts out words that the default dictionary glues to their neighbours', () => {
    expect(words('会议结束后5个工作日内印发', t!)).toContain('工作日');
    expect(words('提前5个工作日报至区政府办公室', t!)).toContain('工作日');
    expect(words('出席会议的组成人员', t!)).toContain('出席');
  });

  it.skipIf(!t)('reads full-width digits and letters like half-width ones', () => {
    expect(words('１０００万元', t!)).toEqual(words('1000万元', t!));
    expect(words('１０００万元', t!)).toEqual(['1000', '万元']);
  });

  it.skipIf(!t)(`(${engine}) a genre term stays inside one word in at least 90% of the corpus lines that have it`, () => {
    const terms = ['常务会议', '区长办公会议', '副区长', '常务副区长', '请销假', '合法性审查', '三重一大', '工作日', '纪要', '签发'];
    for (const term of terms) {
      const withTerm = lines.filter((l) => l.includes(term));
      const asWord = withTerm.filter((l) => words(l, t!).some((w) => w.includes(term)));
      expect(withTerm.length, term).toBeGreaterThan(0);
      expect(asWord.length / withTerm.length, term).toBeGreaterThanOrEqual(0.9);
    }
  });
});

describe('the two engines', () => {
  it.skipIf(!nodejieba)('cut the corpus the same way (at least 99.5% of the words)', () => {
    const a = getTokenizer('node-rs');
    let same = 0;
    let all = 0;
    for (const line of lines) {
      const sa = spans(a.cut(normalise(line)));
      const sb = spans(nodejieba!.cut(normalise(line)));
      for (const s of sa) if (sb.has(s)) same++;
      all += new Set([...sa, ...sb]).size;
    }
    expect(same / all).toBeGreaterThanOrEqual(0.995);
  });

  it.skipIf(!nodejieba)('join Latin letters and digits into one word, as jieba does', () => {
    expect(nodejieba!.cut('第121次abc12')).toEqual(getTokenizer('node-rs').cut('第121次abc12'));
  });

  it('an unknown engine is a one-line error naming the choices', () => {
    expect(() => getTokenizer('bogus' as never)).toThrow(/unknown tokenizer "bogus" \(use node-rs or nodejieba\)/);
  });
});
