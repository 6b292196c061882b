/**
 * The links of a run as columns of typed arrays, one row per link: the two articles (indexes of the run), the
 * pass, score and confidence (in thousandths: the passes round them to three places) and whether the link is one of
 * several counterparts. What else a link says (its shared topic, the cosine and Dice its reason quotes) is a pure
 * function of the two articles and is computed again when the link is made. At 500 documents a run makes millions
 * of links (shared boilerplate links across every pair of documents); as objects they were 1.08 GB of live heap, as
 * rows 14 bytes each (docs/decisions/0070). Families are built from the rows; AlignmentLink objects are made only
 * when someone reads `Alignment.links`. Pure.
 */
import type { AlignmentPass } from '../model.js';
import type { ProtoLink } from './passes.js';

export const PASS_ORDER: AlignmentPass[] = ['exact', 'topic-lexical', 'fuzzy', 'position'];
const PASS_CODE = new Map(PASS_ORDER.map((p, k) => [p, k]));

/** A score in [0, 1] rounded to three places, as an integer number of thousandths. */
function milli(x: number): number {
  const n = Math.round(x * 1000);
  if (n < 0 || n > 65535 || n / 1000 !== x) throw new Error(`link table: ${x} is not a score rounded to three places`);
  return n;
}

export class LinkTable {
  length = 0;
  i = new Int32Array(1024);
  j = new Int32Array(1024);
  /** Score and confidence in thousandths. */
  milliScore = new Uint16Array(1024);
  milliConfidence = new Uint16Array(1024);
  /** Index of PASS_ORDER. */
  pass = new Uint8Array(1024);
  oneToMany = new Uint8Array(1024);

  push(l: ProtoLink): void {
    if (this.length === this.i.length) this.#grow(this.length * 2);
    const k = this.length++;
    this.i[k] = l.i;
    this.j[k] = l.j;
    this.milliScore[k] = milli(l.score);
    this.milliConfidence[k] = milli(l.confidence);
    this.pass[k] = PASS_CODE.get(l.pass)!;
    this.oneToMany[k] = l.oneToMany ? 1 : 0;
  }

  /** The link's score as the pass gave it (rounded to three places: n / 1000 is what the rounding computed). */
  score(k: number): number {
    return this.milliScore[k]! / 1000;
  }

  confidence(k: number): number {
    return this.milliConfidence[k]! / 1000;
  }

  passOf(k: number): AlignmentPass {
    return PASS_ORDER[this.pass[k]!]!;
  }

  /** Rows in run order: by i, then j (a counting sort on i, each run of one i sorted by j). */
  sortByArticles(articles: number): void {
    const n = this.length;
    const start = new Int32Array(articles + 1);
    for (let k = 0; k < n; k++) start[this.i[k]! + 1]!++;
    for (let a = 0; a < articles; a++) start[a + 1]! += start[a]!;
    const order = new Int32Array(n);
    const next = start.slice(0, articles);
    for (let k = 0; k < n; k++) order[next[this.i[k]!]!++] = k;
    const byJ = (x: number, y: number) => this.j[x]! - this.j[y]! || x - y;
    for (let a = 0; a < articles; a++) {
      const s = start[a]!;
      const e = start[a + 1]!;
      if (e - s > 1) order.subarray(s, e).sort(byJ);
    }
    const permute = <T extends Int32Array | Uint16Array | Uint8Array>(col: T): T => {
      const out = new (col.constructor as new (n: number) => T)(Math.max(n, 1));
      for (let k = 0; k < n; k++) out[k] = col[order[k]!]!;
      return out;
    };
    this.#columns(permute);
  }

  /** Release the spare capacity. */
  trim(): void {
    this.#grow(Math.max(this.length, 1));
  }

  #columns(f: <T extends Int32Array | Uint16Array | Uint8Array>(col: T) => T): void {
    this.i = f(this.i);
    this.j = f(this.j);
    this.milliScore = f(this.milliScore);
    this.milliConfidence = f(this.milliConfidence);
    this.pass = f(this.pass);
    this.oneToMany = f(this.oneToMany);
  }

  #grow(size: number): void {
    const copy = <T extends Int32Array | Uint16Array | Uint8Array>(col: T): T => {
      const out = new (col.constructor as new (n: number) => T)(size);
      out.set(col.subarray(0, Math.min(this.length, size)));
      return out;
    };
    this.#columns(copy);
  }
}
