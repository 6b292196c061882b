/**
 * jsdiff's `diffArrays` (Myers' O(ND) diff with jsdiff's pruning of diagonals past the edges and its choice between
 * insertion and deletion), run on integer keys with the edit script's components in typed arrays instead of one
 * object per step — in WebAssembly (myers.wat), with this file's JavaScript as its reference. It is jsdiff's algorithm
 * line for line, not another diff: the same script for the same input (tests/diff/myers.test.ts holds it to jsdiff
 * on real article pairs and on random arrays). What it saves is allocation and cold code: the review's diffs and a
 * build's side-by-side diffs made an object per step of every path.
 * Pure: two arrays of keys in, the components out.
 */
import { MYERS_WASM } from './myers-wasm.js';
import { ensureMemory, wasmModule } from './wasm.js';

export interface Change {
  /** Tokens in this component. */
  count: number;
  /** Present only in the second array. */
  added: boolean;
  /** Present only in the first array. */
  removed: boolean;
}

const COMMON = 0;
const ADDED = 1;
const REMOVED = 2;

const myers = wasmModule<{ memory: WebAssembly.Memory; script: (n: number, m: number) => number; components: () => number }>(MYERS_WASM);

/**
 * The edit script from `old` to `neu` as jsdiff's diffArrays(old, neu) gives it (its components' count, added,
 * removed): src/diff/myers.wat, the same algorithm as editScriptJs below in WebAssembly, compiled from its first call
 * (a review diffs ~40 article pairs once each, which as JavaScript ran mostly before V8 optimised it).
 */
export function editScript(old: ArrayLike<number>, neu: ArrayLike<number>): Change[] {
  const wasm = myers();
  const n = old.length;
  const m = neu.length;
  // The keys, the three diagonal arrays and room for the first components (the module grows its memory for more).
  ensureMemory(wasm.memory, 4 * (n + m + 3 * (2 * (n + m + 2) + 1)) + 12 * 1024);
  const keys = new Int32Array(wasm.memory.buffer, 0, n + m);
  for (let k = 0; k < n; k++) keys[k] = old[k]!;
  for (let k = 0; k < m; k++) keys[n + k] = neu[k]!;
  let c = wasm.script(n, m);
  const mem = new Int32Array(wasm.memory.buffer); // (after the call: the memory may have grown)
  const c0 = wasm.components() >>> 2;
  const out: Change[] = [];
  for (; c >= 0; c = mem[c0 + 3 * c + 2]!) out.push({ count: mem[c0 + 3 * c]!, added: mem[c0 + 3 * c + 1] === ADDED, removed: mem[c0 + 3 * c + 1] === REMOVED });
  return out.reverse();
}

/** editScript in JavaScript: the reference the WebAssembly module is tested against (tests/diff/myers.test.ts). */
export function editScriptJs(old: ArrayLike<number>, neu: ArrayLike<number>): Change[] {
  const oldLen = old.length;
  const newLen = neu.length;
  // Components: a persistent linked list per path (count, kind, previous component or -1), as jsdiff's objects.
  let cap = 256;
  let cCount = new Int32Array(cap);
  let cKind = new Uint8Array(cap);
  let cPrev = new Int32Array(cap);
  let nc = 0;
  const component = (count: number, kind: number, prev: number): number => {
    if (nc === cap) {
      cap *= 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      cCount = grow(cCount, (n) => new Int32Array(n));
      cKind = grow(cKind, (n) => new Uint8Array(n));
      cPrev = grow(cPrev, (n) => new Int32Array(n));
    }
    cCount[nc] = count;
    cKind[nc] = kind;
    cPrev[nc] = prev;
    return nc++;
  };

  // bestPath[diagonal] as three arrays offset by `off`: whether there is a path, its oldPos, its last component.
  const maxEditLength = newLen + oldLen;
  const off = maxEditLength + 2;
  const has = new Uint8Array(2 * off + 1);
  const pathOld = new Int32Array(2 * off + 1);
  const pathLast = new Int32Array(2 * off + 1);
  // A path being built (jsdiff's basePath, before it is stored).
  let baseOld = -1;
  let baseLast = -1;

  /** jsdiff's extractCommon on the path being built, on diagonal d: its new position. */
  const extractCommon = (d: number): number => {
    let oldPos = baseOld;
    let newPos = oldPos - d;
    let common = 0;
    while (newPos + 1 < newLen && oldPos + 1 < oldLen && old[oldPos + 1] === neu[newPos + 1]) {
      newPos++;
      oldPos++;
      common++;
    }
    if (common) baseLast = component(common, COMMON, baseLast);
    baseOld = oldPos;
    return newPos;
  };
  /** jsdiff's addToPath from the stored path at slot p. */
  const addToPath = (p: number, kind: number, oldPosInc: number): void => {
    const last = pathLast[p]!;
    baseOld = pathOld[p]! + oldPosInc;
    baseLast = last >= 0 && cKind[last] === kind ? component(cCount[last]! + 1, kind, cPrev[last]!) : component(1, kind, last);
  };
  const build = (last: number): Change[] => {
    const out: Change[] = [];
    for (let c = last; c >= 0; c = cPrev[c]!) out.push({ count: cCount[c]!, added: cKind[c] === ADDED, removed: cKind[c] === REMOVED });
    return out.reverse();
  };

  // Seed editLength = 0: the common start.
  baseOld = -1;
  baseLast = -1;
  let newPos = extractCommon(0);
  has[off] = 1;
  pathOld[off] = baseOld;
  pathLast[off] = baseLast;
  if (baseOld + 1 >= oldLen && newPos + 1 >= newLen) return build(baseLast);

  let minDiagonal = -off;
  let maxDiagonal = off;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (let d = Math.max(minDiagonal, -editLength); d <= Math.min(maxDiagonal, editLength); d += 2) {
      const r = off + d - 1; // removePath's slot
      const a = off + d + 1; // addPath's slot
      const hasRemove = has[r] === 1;
      const hasAdd = has[a] === 1;
      const removeOld = pathOld[r]!;
      const addOld = pathOld[a]!;
      if (hasRemove) has[r] = 0; // no one else reads it (jsdiff clears it too)
      let canAdd = false;
      if (hasAdd) {
        const addPathNewPos = addOld - d;
        canAdd = 0 <= addPathNewPos && addPathNewPos < newLen;
      }
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        has[off + d] = 0;
        continue;
      }
      // Branch from the prior path farthest along the old array that stays inside the edit graph.
      if (!canRemove || (canAdd && removeOld < addOld)) addToPath(a, ADDED, 0);
      else addToPath(r, REMOVED, 1);
      newPos = extractCommon(d);
      if (baseOld + 1 >= oldLen && newPos + 1 >= newLen) return build(baseLast);
      has[off + d] = 1;
      pathOld[off + d] = baseOld;
      pathLast[off + d] = baseLast;
      if (baseOld + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, d - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, d + 1);
    }
  }
  /* c8 ignore next */
  throw new Error('editScript: no script within the longest edit (cannot happen)');
}
