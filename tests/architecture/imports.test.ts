/**
 * The shape of the code, as DESIGN.md draws it: stages are pure (no files, no terminal, no network)
 * and never import the edges; the folders' import graph has no cycle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
/** Folders that may touch files, the terminal, the network or the process. */
const EDGES = new Set(['cli', 'io', 'store', 'server']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The top-level folder (or root module) of a path under src/. */
const unit = (path: string) => relative(SRC, path).split('/')[0]!.replace(/\.ts$/u, '');

const sources = files(SRC).map((path) => ({ path, unit: unit(path), text: readFileSync(path, 'utf8') }));
const imports = sources.map((s) => ({
  ...s,
  targets: [...s.text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/gu)].map((m) => m[1]!),
}));

function edges(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const s of imports) {
    for (const t of s.targets) {
      if (!t.startsWith('.')) continue;
      const target = normalize(join(dirname(s.path), t));
      if (!target.startsWith(SRC)) continue; // data/*.json
      const to = unit(target.replace(/\.js$/u, '.ts'));
      if (to === s.unit) continue;
      (graph.get(s.unit) ?? graph.set(s.unit, new Set()).get(s.unit)!).add(to);
    }
  }
  return graph;
}

describe('architecture', () => {
  it('finds the sources (the test reads the real tree)', () => {
    expect(sources.length).toBeGreaterThan(50);
    expect(edges().get('cli')?.has('pipeline')).toBe(true);
  });

  it('no stage imports an edge (cli, io, store, server)', () => {
    const bad = [...edges()].flatMap(([from, tos]) => (EDGES.has(from) ? [] : [...tos].filter((t) => EDGES.has(t)).map((t) => `${from} → ${t}`)));
    expect(bad).toEqual([]);
  });

  it('no stage touches files, the terminal, the network or the process', () => {
    const bad = imports
      .filter((s) => !EDGES.has(s.unit))
      .flatMap((s) => [
        ...s.targets.filter((t) => /^(node:)?(fs|fs\/promises|child_process|net|http|https|readline|tty)$/u.test(t)).map((t) => `${relative(SRC, s.path)} imports ${t}`),
        ...(/\bprocess\.(env|exit|stdout|stderr|argv|cwd|on)\b/u.test(s.text) ? [`${relative(SRC, s.path)} uses process`] : []),
      ]);
    expect(bad).toEqual([]);
  });

  it('the folders import each other without a cycle', () => {
    const graph = edges();
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (n: string, path: string[]) => {
      if (state.get(n) === 'done') return;
      if (state.get(n) === 'open') return void cycles.push([...path.slice(path.indexOf(n)), n].join(' → '));
      state.set(n, 'open');
      for (const m of graph.get(n) ?? []) visit(m, [...path, n]);
      state.set(n, 'done');
    };
    for (const n of graph.keys()) visit(n, []);
    expect(cycles).toEqual([]);
  });
});
