/**
 * The counted form of a peer set's words (what alignment against fixed peers looks up): the feature dictionary,
 * each peer article's term frequencies as one sparse row, the features' article and document counts, and the
 * postings (feature → peer articles). Counted from the words once (`countPeerTerms`), or read back from the bytes
 * `rulecmp build` wrote (`encodePeerTerms` / `decodePeerTerms`: typed arrays over one buffer, a feature's text
 * decoded only when asked for), so a review against 500 peers neither decodes nor counts 37,000 articles' words.
 * docs/decisions/0016-persisted-peer-model.md.
 *
 * Pure: bytes in, bytes out; the edges read and write the file (src/io/analysis.ts, src/cli/build.ts).
 */
import { FeatureDictionary, termFrequencies, type FeatureCounts, type WeightedWords } from './vectors.js';

/** Feature id → text, text → id, for the features of a peer set. */
export interface FeatureTable {
  readonly size: number;
  /** The id of a feature, or undefined when the peers do not have it. */
  lookup(feature: string): number | undefined;
  text(id: number): string;
  /** A pair of adjacent words (its text has a space). */
  isPhrase(id: number): boolean;
}

/** The peers' term counts: row k (start[k] … start[k + 1]) is peer article k's term frequencies, ids ascending. */
export interface PeerTerms {
  features: FeatureTable;
  articles: number;
  documents: number;
  itemWeight: number;
  phrases: boolean;
  tfStart: Uint32Array;
  tfIds: Int32Array;
  tfValues: Float32Array | Float64Array;
  counts: FeatureCounts;
  /** Feature id → peer articles with it, ascending: postIds[postStart[id] … postStart[id + 1]]. */
  postStart: Uint32Array;
  postIds: Int32Array;
}

class DictionaryTable implements FeatureTable {
  constructor(private readonly dict: FeatureDictionary) {}
  get size(): number {
    return this.dict.features.length;
  }
  lookup(feature: string): number | undefined {
    return this.dict.has(feature);
  }
  text(id: number): string {
    return this.dict.features[id]!;
  }
  isPhrase(id: number): boolean {
    return this.dict.features[id]!.includes(' ');
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Features as UTF-16 code units in one array with offsets, and an open-addressing hash table of ids + 1. */
class PackedTable implements FeatureTable {
  private readonly mask: number;
  constructor(
    private readonly start: Uint32Array,
    private readonly units: Uint16Array,
    private readonly table: Int32Array,
    private readonly phrase: Uint8Array,
  ) {
    this.mask = table.length - 1;
  }
  get size(): number {
    return this.start.length - 1;
  }
  lookup(feature: string): number | undefined {
    for (let h = hashString(feature) & this.mask; ; h = (h + 1) & this.mask) {
      const e = this.table[h]!;
      if (e === 0) return undefined;
      const id = e - 1;
      const s = this.start[id]!;
      if (this.start[id + 1]! - s !== feature.length) continue;
      let k = 0;
      while (k < feature.length && this.units[s + k] === feature.charCodeAt(k)) k++;
      if (k === feature.length) return id;
    }
  }
  text(id: number): string {
    return String.fromCharCode(...this.units.subarray(this.start[id]!, this.start[id + 1]!));
  }
  isPhrase(id: number): boolean {
    return this.phrase[id] === 1;
  }
}

/** Peer article k of the postings' rows: features in ascending order, each article once per feature. */
function postingsOf(tfStart: Uint32Array, tfIds: Int32Array, nFeatures: number): { postStart: Uint32Array; postIds: Int32Array } {
  const postStart = new Uint32Array(nFeatures + 1);
  for (let x = 0; x < tfIds.length; x++) postStart[tfIds[x]! + 1]!++;
  for (let f = 0; f < nFeatures; f++) postStart[f + 1]! += postStart[f]!;
  const fill = postStart.slice(0, nFeatures);
  const postIds = new Int32Array(tfIds.length);
  const n = tfStart.length - 1;
  for (let k = 0; k < n; k++) for (let x = tfStart[k]!; x < tfStart[k + 1]!; x++) postIds[fill[tfIds[x]!]!++] = k;
  return { postStart, postIds };
}

/**
 * Count the peers' words: features numbered in order of first sighting (article by article, a word before the
 * phrase it starts), as FeatureDictionary numbers them in every alignment.
 */
export function countPeerTerms(words: WeightedWords[], docOf: ArrayLike<number>, documents: number, itemWeight: number, phrases: boolean): PeerTerms {
  const dict = new FeatureDictionary();
  const tfStart = new Uint32Array(words.length + 1);
  const rows = words.map((w, k) => {
    const tf = termFrequencies(w, dict, phrases);
    tfStart[k + 1] = tfStart[k]! + tf.size;
    return tf;
  });
  const nnz = tfStart[words.length]!;
  const tfIds = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  rows.forEach((tf, k) => {
    let x = tfStart[k]!;
    for (const id of [...tf.keys()].sort((a, b) => a - b)) (tfIds[x] = id), (values[x++] = tf.get(id)!);
  });
  const nFeatures = dict.features.length;
  const df = new Int32Array(nFeatures);
  const docCount = new Int32Array(nFeatures);
  const docSeen = new Int32Array(nFeatures).fill(-1);
  for (let k = 0; k < words.length; k++) {
    for (let x = tfStart[k]!; x < tfStart[k + 1]!; x++) {
      const id = tfIds[x]!;
      df[id]!++;
      if (docSeen[id] !== docOf[k]) (docSeen[id] = docOf[k]!), docCount[id]!++;
    }
  }
  // Term frequencies are sums of 1 and itemWeight: four bytes each when that is exact (it is for 0.5).
  const tfValues = values.every((v) => Math.fround(v) === v) ? Float32Array.from(values) : values;
  return {
    features: new DictionaryTable(dict),
    articles: words.length,
    documents,
    itemWeight,
    phrases,
    tfStart,
    tfIds,
    tfValues,
    counts: { df, docCount, articles: words.length, documents },
    ...postingsOf(tfStart, tfIds, nFeatures),
  };
}

// ------------------------------------------------------------------ the file

const MAGIC = 'rulecmp-peer-terms';
/**
 * Version of the byte layout below (the JSON formats' FORMAT_VERSION is checked beside it). 2: feature ids as 16-bit
 * numbers when there are at most 65,536 features, and the term frequencies as places in a palette of their distinct
 * values when there are at most 65,536 of those (20 of 68 MB of peers.bin at 500 documents were the two, 32 bits each).
 */
export const PEER_TERMS_LAYOUT = 2;

type Section = 'tfStart' | 'tfIds' | 'tfValues' | 'tfPalette' | 'df' | 'docCount' | 'textStart' | 'text' | 'table' | 'phrase' | `extra:${string}`;
type Kind = 'u32' | 'i32' | 'f32' | 'f64' | 'u16' | 'u8';
const SIZE: Record<Kind, number> = { u32: 4, i32: 4, f32: 4, f64: 8, u16: 2, u8: 1 };

interface Header {
  magic: string;
  layout: number;
  /** Ties the file to what it was counted from (the documents and their words): the writer's choice of key. */
  key: string;
  articles: number;
  documents: number;
  itemWeight: number;
  phrases: boolean;
  /** [name, kind, byte offset, elements] of each section. */
  sections: [Section, Kind, number, number][];
  /** Checksum of every byte after the header (checksum()). */
  checksum: number;
}

/** A 32-bit checksum of the bytes (FNV-1a over 32-bit words; the length is a multiple of 8). */
function checksum(bytes: Uint8Array): number {
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
  let h = FNV_OFFSET;
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w[k]!, FNV_PRIME);
  return h >>> 0;
}

const pad8 = (n: number) => (n + 7) & ~7;

/** The distinct values ascending and each value's place among them (8 or 16 bits), or null when there are more than 65,536. */
function paletteOf(values: Float32Array | Float64Array): { values: Float32Array | Float64Array; places: Uint8Array | Uint16Array } | null {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length > 0x10000) return null;
  const place = new Map(distinct.map((v, k) => [v, k]));
  const places = distinct.length <= 0x100 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let k = 0; k < values.length; k++) places[k] = place.get(values[k]!)!;
  return { values: values instanceof Float32Array ? Float32Array.from(distinct) : Float64Array.from(distinct), places };
}

/** The bytes of the counted peer terms, and of `extras` (bytes the caller reads back by name): same input, same bytes. */
export function encodePeerTerms(t: PeerTerms, key: string, extras: Record<string, Uint8Array> = {}): Uint8Array {
  const n = t.features.size;
  const texts = Array.from({ length: n }, (_, id) => t.features.text(id));
  const textStart = new Uint32Array(n + 1);
  texts.forEach((s, id) => (textStart[id + 1] = textStart[id]! + s.length));
  const text = new Uint16Array(textStart[n]!);
  texts.forEach((s, id) => {
    for (let k = 0; k < s.length; k++) text[textStart[id]! + k] = s.charCodeAt(k);
  });
  let size = 1;
  while (size < 2 * n) size <<= 1;
  const table = new Int32Array(size);
  texts.forEach((s, id) => {
    let h = hashString(s) & (size - 1);
    while (table[h] !== 0) h = (h + 1) & (size - 1);
    table[h] = id + 1;
  });
  const phrase = Uint8Array.from(texts, (s) => (s.includes(' ') ? 1 : 0));
  const valueKind: Kind = t.tfValues instanceof Float32Array ? 'f32' : 'f64';
  const palette = paletteOf(t.tfValues);
  const arrays: [Section, Kind, ArrayBufferView & { length: number }][] = [
    ['tfStart', 'u32', t.tfStart],
    n <= 0x10000 ? ['tfIds', 'u16', Uint16Array.from(t.tfIds)] : ['tfIds', 'i32', t.tfIds],
    ...(palette ? ([['tfPalette', valueKind, palette.values], ['tfValues', palette.places instanceof Uint8Array ? 'u8' : 'u16', palette.places]] as [Section, Kind, ArrayBufferView & { length: number }][]) : ([['tfValues', valueKind, t.tfValues]] as [Section, Kind, ArrayBufferView & { length: number }][])),
    ['df', 'i32', t.counts.df],
    ['docCount', 'i32', t.counts.docCount],
    ['textStart', 'u32', textStart],
    ['text', 'u16', text],
    ['table', 'i32', table],
    ['phrase', 'u8', phrase],
    ...Object.entries(extras).map(([name, bytes]): [Section, Kind, Uint8Array] => [`extra:${name}`, 'u8', bytes]),
  ];
  const sections: Header['sections'] = [];
  let at = 0;
  for (const [name, kind, a] of arrays) {
    sections.push([name, kind, at, a.length]);
    at = pad8(at + a.byteLength);
  }
  const body = new Uint8Array(at);
  arrays.forEach(([, , a], k) => body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), sections[k]![2]));
  const header: Header = { magic: MAGIC, layout: PEER_TERMS_LAYOUT, key, articles: t.articles, documents: t.documents, itemWeight: t.itemWeight, phrases: t.phrases, sections, checksum: checksum(body) };
  const head = new TextEncoder().encode(JSON.stringify(header));
  const headLength = pad8(8 + head.length);
  const out = new Uint8Array(headLength + body.length).fill(0x20, 8, headLength);
  new DataView(out.buffer).setUint32(0, headLength, true);
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  out.set(body, headLength);
  return out;
}

/**
 * The peer terms in the bytes, or why they cannot be used (another key, layout or version; damaged). `key` null:
 * any key (the caller checks what the extras say the file is of). The extras written with them are put in `extras`.
 */
export function decodePeerTerms(bytes: Uint8Array, key: string | null, extras?: Map<string, Uint8Array>): PeerTerms | string {
  let header: Header;
  let body: Uint8Array;
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const headLength = view.getUint32(0, true);
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + view.getUint32(4, true)))) as Header;
    if (header.magic !== MAGIC) return 'not a peer terms file';
    body = bytes.subarray(headLength);
  } catch {
    return 'damaged (no header)';
  }
  if (header.layout !== PEER_TERMS_LAYOUT) return `layout ${header.layout}, expected ${PEER_TERMS_LAYOUT}`;
  if (key !== null && header.key !== key) return 'written for other peers or words';
  if (body.byteOffset % 8 !== 0) body = body.slice(); // typed-array views need aligned offsets
  if (body.length % 8 !== 0 || checksum(body) !== header.checksum) return 'damaged (checksum)';
  const got = new Map<Section, ArrayBufferView>();
  for (const [name, kind, offset, length] of header.sections) {
    if (offset + length * SIZE[kind] > body.length) return 'damaged (truncated)';
    const at = body.byteOffset + offset;
    const b = body.buffer;
    got.set(name, kind === 'u32' ? new Uint32Array(b, at, length) : kind === 'i32' ? new Int32Array(b, at, length) : kind === 'f32' ? new Float32Array(b, at, length) : kind === 'f64' ? new Float64Array(b, at, length) : kind === 'u16' ? new Uint16Array(b, at, length) : new Uint8Array(b, at, length));
  }
  for (const [name, v] of got) if (name.startsWith('extra:')) extras?.set(name.slice(6), v as Uint8Array);
  const s = <T>(name: Section) => got.get(name) as T;
  const tfStart = s<Uint32Array>('tfStart');
  const ids = s<Int32Array | Uint16Array>('tfIds');
  const tfIds = ids instanceof Uint16Array ? Int32Array.from(ids) : ids;
  const textStart = s<Uint32Array>('textStart');
  if (!tfStart || !tfIds || !textStart || tfStart.length !== header.articles + 1) return 'damaged (sections)';
  const palette = s<Float32Array | Float64Array | undefined>('tfPalette');
  const stored = s<Float32Array | Float64Array | Uint8Array | Uint16Array>('tfValues');
  let tfValues: Float32Array | Float64Array;
  if (palette) {
    tfValues = palette instanceof Float32Array ? new Float32Array(stored.length) : new Float64Array(stored.length);
    for (let k = 0; k < stored.length; k++) {
      if (stored[k]! >= palette.length) return 'damaged (term frequencies)';
      tfValues[k] = palette[stored[k]!]!;
    }
  } else tfValues = stored as Float32Array | Float64Array;
  const nFeatures = textStart.length - 1;
  return {
    features: new PackedTable(textStart, s('text'), s('table'), s('phrase')),
    articles: header.articles,
    documents: header.documents,
    itemWeight: header.itemWeight,
    phrases: header.phrases,
    tfStart,
    tfIds,
    tfValues,
    counts: { df: s('df'), docCount: s('docCount'), articles: header.articles, documents: header.documents },
    ...postingsOf(tfStart, tfIds, nFeatures),
  };
}
