/**
 * OUT/peers.bin, what a review against a built peer set reads instead of classifying and counting again (an edge):
 * the words counted (src/align/peer-terms.ts) and, as extras in the same file, what else the peer model is made of — the documents it is
 * of (ids and SHA-256), the classification without its evidence, the section titles' words — read at once. Not the
 * articles' words the terms were counted from (a subset of the peers cuts its documents again). The classification's evidence (which
 * cues and chapter gave each topic) is not stored: a reader asking for it gets it by classifying that document again
 * (the same function of the same document; 15.6 MB of 68 at 500 documents, read by nothing a review does). Also the documents'
 * outlines with their articles' texts (a review reads the peers from them, not from documents/*.json) and each
 * article's first twin (PeerModel.twins).
 * docs/decisions/0016-persisted-peer-model.md.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodePeerTerms, type PeerTerms } from '../align/peer-terms.js';
import type { PeerData } from '../align/peers.js';
import { FORMAT_VERSION, type ArticleRef, type RuleDocument, type TopicAssignment, type TopicEvidence, type TopicScore } from '../model.js';
import { outlineOf, type DocumentOutline } from './document-json.js';

type CompactScore = [topic: string, score: number];
type CompactAssignment = [article: ArticleRef, chapterTitle: string | null, topics: CompactScore[], paragraphs: (Omit<TopicAssignment['paragraphs'][number], 'topics'> & { topics: CompactScore[] })[]];

interface Head {
  formatVersion: number;
  documents: { id: string; sha256: string }[];
  itemWeight: number;
  titleWords?: Record<string, string>[];
  classification: CompactAssignment[][];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * The extras of peers.bin for these documents' peer data (written by rulecmp build), with the
 * documents' outlines and their articles' texts (src/io/document-json.ts LazyDocument) when the documents are given.
 */
export function peerFileExtras(listed: { id: string; sha256: string }[], data: PeerData, documents?: RuleDocument[]): Record<string, Uint8Array> {
  const outlines: Record<string, Uint8Array> = documents ? { outline: utf8(JSON.stringify(documents.map(outlineOf))), 'article-text': utf16(documents.flatMap((d) => d.articles.map((a) => a.text)).join('')) } : {};
  const compact = (ts: TopicScore[]): CompactScore[] => ts.map((t) => [t.topic, t.score]);
  const head: Head = {
    formatVersion: FORMAT_VERSION,
    documents: listed,
    itemWeight: data.itemWeight,
    ...(data.titleWords ? { titleWords: data.titleWords } : {}),
    classification: data.assignments.map((as) => as.map((a): CompactAssignment => [a.article, a.chapterTitle, compact(a.topics), a.paragraphs.map((p) => ({ ...p, topics: compact(p.topics) }))])),
  };
  const twins: Record<string, Uint8Array> = data.twins ? { twins: new Uint8Array(data.twins.buffer, data.twins.byteOffset, data.twins.byteLength) } : {};
  // (The articles' words are not written: they are what the counted terms were counted from, and only a subset of
  // the peers — a draft that sits among them — would count again; it cuts its peers again instead. 12.9 MB at 500.)
  return { peers: utf8(JSON.stringify(head)), ...outlines, ...twins };
}

/**
 * A topic score read from peers.bin, its evidence parsed when first read. A class, not an object literal with a
 * getter: 150,000 of those at 500 peers were slow dictionary objects, ~70 ms to make.
 */
class StoredScore implements TopicScore {
  #evidence: () => TopicEvidence;
  constructor(
    readonly topic: string,
    readonly score: number,
    evidence: () => TopicEvidence,
  ) {
    this.#evidence = evidence;
  }
  get evidence(): TopicEvidence {
    return this.#evidence();
  }
  toJSON(): TopicScore {
    return { topic: this.topic, score: this.score, evidence: this.evidence };
  }
}

/** UTF-16LE bytes of a string: read back as a string by a copy, not a UTF-8 decoding. */
const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));

/** True when a peer file's list of documents (ids and SHA-256, as peers.bin records it) is these documents'. */
export function writtenFor(listed: { id: string; sha256: string }[], documents: RuleDocument[]): boolean {
  return listed.length === documents.length && listed.every((d, i) => d.id === documents[i]!.id && d.sha256 === documents[i]!.meta.source.sha256);
}

/** What readPeerFile gives: the peer data, the documents it is of, and their outlines when the file has them. */
export interface PeerFile {
  peers: PeerData;
  terms: PeerTerms;
  documents: { id: string; sha256: string }[];
  /** The documents' outlines and their articles' texts end to end (outlineLength each), when written. */
  outlines: { outlines: DocumentOutline[]; texts: string } | null;
}

/**
 * The bytes written as peers.bin: the peer terms and extras gzipped at the fastest level (at 500 documents 29.2 MB
 * become 8.2 MB, gunzipped in about 80 ms when a review reads them; decision 0070). A raw file (earlier versions) is
 * still read: its first bytes are a header length, a multiple of 8, never gzip's 1f 8b.
 */
export function packPeerFile(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes, { level: 1 });
}

/**
 * peers.bin as peer data (of these documents, when given), or why it cannot be used. `classified(d)`: document d's
 * classification made again, for the evidence of its topics (asked for by no review; called at most once per document).
 */
export function readPeerFile(path: string, classified: (d: number) => TopicAssignment[], documents?: RuleDocument[]): PeerFile | string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable';
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      return 'damaged (not a whole gzip stream)';
    }
  }
  const extras = new Map<string, Uint8Array>();
  const terms = decodePeerTerms(bytes, null, extras);
  if (typeof terms === 'string') return terms;
  const text = (name: string) => new TextDecoder().decode(extras.get(name));
  let head: Head;
  try {
    head = JSON.parse(text('peers')) as Head;
  } catch {
    return 'damaged (no peer data)';
  }
  if (head.formatVersion !== FORMAT_VERSION) return `format ${head.formatVersion}, expected ${FORMAT_VERSION}`;
  if (documents && !writtenFor(head.documents, documents)) return 'written for other documents';
  // The evidence of document d's assignments, from classifying it again when first read.
  const full: (TopicAssignment[] | undefined)[] = [];
  const of = (d: number) => (full[d] ??= classified(d));
  const score = (t: CompactScore, evidence: () => TopicEvidence): TopicScore => new StoredScore(t[0], t[1], evidence);
  const assignments = head.classification.map((as, d) =>
    as.map(([article, chapterTitle, topics, paragraphs], k): TopicAssignment => ({
      article,
      chapterTitle,
      topics: topics.map((t, i) => score(t, () => of(d)[k]!.topics[i]!.evidence)),
      paragraphs: paragraphs.map((p, j) => ({ ...p, topics: p.topics.map((t, i) => score(t, () => of(d)[k]!.paragraphs[j]!.topics[i]!.evidence)) })),
    })),
  );
  let words: string[] | undefined;
  const twinBytes = extras.get('twins');
  const peers: PeerData = {
    itemWeight: head.itemWeight,
    assignments,
    // Files of earlier versions hold them (parsed when read: a model that uses the counted terms never reads them).
    get words(): string[] | undefined {
      return extras.has('words') ? (words ??= JSON.parse(text('words')) as string[]) : undefined;
    },
    ...(head.titleWords ? { titleWords: head.titleWords } : {}),
    ...(twinBytes && twinBytes.byteLength % 4 === 0 ? { twins: new Int32Array(twinBytes.buffer.slice(twinBytes.byteOffset, twinBytes.byteOffset + twinBytes.byteLength)) } : {}),
    terms,
  };
  const outline = extras.get('outline');
  const texts = extras.get('article-text');
  let outlines: PeerFile['outlines'] = null;
  if (outline && texts) {
    try {
      outlines = { outlines: JSON.parse(text('outline')) as DocumentOutline[], texts: Buffer.from(texts.buffer, texts.byteOffset, texts.byteLength).toString('utf16le') };
    } catch {
      outlines = null;
    }
  }
  return { peers, terms, documents: head.documents, outlines };
}
