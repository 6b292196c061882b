/**
 * `rulecmp build` writes the peers' classification and words, counted (peers.bin); `rulecmp review` against the built
 * peers uses it, and when it is damaged, missing or of another build says so in one line and gives the same review.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildPeerModel, peerData } from '../../src/align/peers.js';
import { readBuiltAnalysis } from '../../src/io/analysis.js';
import { decodeDocument } from '../../src/io/document-json.js';
import type { RuleDocument } from '../../src/model.js';
import { ownCacheDir } from '../helpers/cache.js';
import { ROOT, runCli } from '../helpers/cli.js';

// The in-process readBuiltAnalysis below records corpus hashes in the cache: this file's own, not the user's.
ownCacheDir('peer-model');

const DRAFT = join(ROOT, 'tests/fixtures/review/xinhe-draft.txt');

/** A copy of the corpus in a temporary folder, built into out/ (with a cache of its own). */
function builtCopy(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const env = { XDG_CACHE_HOME: join(dir, 'cache') };
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (const f of readdirSync(join(ROOT, 'corpus'))) copyFileSync(join(ROOT, 'corpus', f), join(corpus, f));
  const out = join(dir, 'out');
  const b = runCli(['build', '--corpus', corpus, '--out', out, '--quiet'], { env });
  expect(b.code, b.stderr).toBe(0);
  return { dir, env, corpus, out };
}

describe('rulecmp build and the files earlier versions wrote', () => {
  it('removes a peers.json and a peers-dict.txt left in OUT by an earlier version (the same data as peers.bin, the dictionary in its old form)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulecmp-stale-'));
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'peers.json'), '{"stale":true}');
    writeFileSync(join(out, 'peers-dict.txt'), '#rulecmp-peers-dict 0\n');
    const b = runCli(['build', '--corpus', join(ROOT, 'corpus'), '--out', out, '--quiet'], { env: { XDG_CACHE_HOME: join(dir, 'cache') } });
    expect(b.code, b.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(expect.arrayContaining(['peers.bin', 'peers-dict.bin']));
    expect(readdirSync(out)).not.toContain('peers.json');
    expect(readdirSync(out)).not.toContain('peers-dict.txt');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('rulecmp review with the persisted peer model', () => {
  it('a draft that is one of the built peers: reviewed against the others, the same as against a folder of only them', () => {
    const { dir, env, corpus, out } = builtCopy('rulecmp-peer-subset-');
    const draft = join(corpus, 'chenggong-2022.txt');
    const inside = runCli(['review', draft, '--format', 'json', '--peers', corpus, '--analysis', out], { env });
    expect(inside.code, inside.stderr).toBe(0);
    expect(inside.stderr).toMatch(/the draft itself, left out/u);
    const others = join(dir, 'others');
    mkdirSync(others);
    for (const f of readdirSync(corpus)) if (f.endsWith('.txt') && f !== 'chenggong-2022.txt') copyFileSync(join(corpus, f), join(others, f));
    const apart = runCli(['review', draft, '--format', 'json', '--peers', others], { env });
    expect(apart.code, apart.stderr).toBe(0);
    const strip = (j: string) => JSON.stringify({ ...JSON.parse(j), draft: null, peers: null });
    expect(JSON.parse(inside.stdout).peers.map((p: { id: string }) => p.id)).toEqual(JSON.parse(apart.stdout).peers.map((p: { id: string }) => p.id));
    expect(strip(inside.stdout)).toBe(strip(apart.stdout));
    rmSync(dir, { recursive: true, force: true });
  });


  it('same review with peers.bin intact, damaged, missing, or from another build of other peers', () => {
    const { dir, env, corpus, out } = builtCopy('rulecmp-peer-model-');
    expect(readdirSync(out)).not.toContain('peers.json'); // the same data as peers.bin, no longer written twice
    const review = () => runCli(['review', DRAFT, '--format', 'json', '--peers', corpus, '--analysis', out], { env });
    const strip = (j: string) => JSON.stringify({ ...JSON.parse(j), draft: null });

    const intact = review();
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stderr).toMatch(/as built in/u);
    expect(intact.stderr).not.toMatch(/not used/u);
    // The same as peers read afresh, without any build output.
    const fresh = runCli(['review', DRAFT, '--format', 'json', '--peers', corpus], { env });
    expect(strip(fresh.stdout)).toBe(strip(intact.stdout));

    // What peers.bin gives back is the peer model's classification (evidence included: not stored, the document classified again when it is read),
    // title words and twins, as computed afresh from the documents.
    const built = readBuiltAnalysis(corpus, out).built!;
    const read = built.peers!;
    const computed = peerData(buildPeerModel(built.documents));
    expect(read.terms).toBeDefined();
    expect(JSON.stringify(read.assignments)).toBe(JSON.stringify(computed.assignments));
    expect(read.words).toBeUndefined(); // not kept: the counted terms are (a subset of the peers cuts them again, below)
    expect(read.titleWords).toEqual(computed.titleWords);
    expect([...read.twins!]).toEqual([...computed.twins!]);

    const bin = join(out, 'peers.bin');
    const bytes = readFileSync(bin);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]); // gzipped (decision 0070)
    // Cut short: not a whole gzip stream, refused. (A bit flipped in the stream is not always damage: a flip in the
    // Huffman table of a symbol never used inflates to the same bytes, which are then rightly used.)
    writeFileSync(bin, bytes.subarray(0, bytes.length >> 1));
    const g = review();
    expect(g.code, g.stderr).toBe(0);
    expect(g.stderr).toMatch(/peers\.bin not used \(damaged \(not a whole gzip stream\)\)/u);
    expect(strip(g.stdout)).toBe(strip(intact.stdout));
    expect(strip(g.stdout)).toBe(strip(intact.stdout));
    // A bit flipped in what was gzipped (as an earlier, raw peers.bin would be): the file's own checksum refuses it.
    const damaged = Buffer.from(gunzipSync(bytes));
    damaged[damaged.length - 64]! ^= 0x10;
    writeFileSync(bin, damaged);
    const d = review();
    expect(d.code, d.stderr).toBe(0);
    const notes = d.stderr.split('\n').filter((l) => /peers\.bin/u.test(l));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/peers\.bin not used \(damaged \(checksum\)\): the peers are classified and their words counted again/u);
    expect(strip(d.stdout)).toBe(strip(intact.stdout));

    rmSync(bin);
    const m = review();
    expect(m.stderr).toMatch(/peers\.bin not used \(missing\)/u);
    expect(strip(m.stdout)).toBe(strip(intact.stdout));

    // peers.bin of a build of four of the documents: refused, not mixed in.
    const four = join(dir, 'four');
    mkdirSync(four);
    for (const f of readdirSync(corpus).slice(1)) copyFileSync(join(corpus, f), join(four, f));
    expect(runCli(['build', '--corpus', four, '--out', join(dir, 'out4'), '--quiet'], { env }).code).toBe(0);
    copyFileSync(join(dir, 'out4', 'peers.bin'), bin);
    const o = review();
    expect(o.stderr).toMatch(/peers\.bin not used \(written for other documents\)/u);
    expect(strip(o.stdout)).toBe(strip(intact.stdout));

    writeFileSync(bin, bytes);
    expect(review().stderr).not.toMatch(/not used/u);
  });

  it('reads the peers from peers.bin\'s outlines: documents/*.json only when more than an outline is asked for, then equal to it', () => {
    const { dir, env, corpus, out } = builtCopy('rulecmp-outlines-');
    const review = () => runCli(['review', DRAFT, '--format', 'json', '--peers', corpus, '--analysis', out], { env });
    const intact = review();
    expect(intact.code, intact.stderr).toBe(0);

    const ids = readdirSync(join(out, 'documents')).map((f) => f.replace(/\.json$/u, '')).sort();
    const stored = (id: string): RuleDocument => {
      const d = decodeDocument(JSON.parse(readFileSync(join(out, 'documents', `${id}.json`), 'utf8')));
      delete (d as { formatVersion?: number }).formatVersion;
      return d;
    };
    const docs = readBuiltAnalysis(corpus, out).built!.documents;
    expect(docs.map((d) => d.id).sort()).toEqual(ids);
    for (const d of docs) {
      const full = stored(d.id);
      // What the outline holds, before anything is read …
      expect(d.meta).toEqual(full.meta);
      expect(d.chapters).toEqual(full.chapters);
      expect(d.sections).toEqual(full.sections);
      expect(d.articles.map((a) => [a.key, a.ordinal, a.index, a.label, a.style, a.chapter, a.section, a.text])).toEqual(full.articles.map((a) => [a.key, a.ordinal, a.index, a.label, a.style, a.chapter, a.section, a.text]));
      // … and the rest, read when asked for: the whole document as stored.
      expect(d.text).toBe(full.text);
      expect(d.articles.map((a) => [a.span, a.paragraphs])).toEqual(full.articles.map((a) => [a.span, a.paragraphs]));
      expect(JSON.parse(JSON.stringify(d))).toEqual(JSON.parse(JSON.stringify(full)));
    }

    // A review reads no documents/*.json: one made unreadable changes nothing …
    const victim = join(out, 'documents', `${ids[0]}.json`);
    writeFileSync(victim, '{ not json');
    const r = review();
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(intact.stdout);
    // … and asking for what only it holds says which file, in one line.
    const lazy = readBuiltAnalysis(corpus, out).built!.documents.find((d) => d.id === ids[0])!;
    expect(lazy.articles[0]!.text.length).toBeGreaterThan(0);
    expect(() => lazy.text).toThrow(new RegExp(`${ids[0]}\\.json is unreadable`, 'u'));
    rmSync(dir, { recursive: true, force: true });
  });
});
