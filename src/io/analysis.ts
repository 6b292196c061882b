/**
 * What `rulecmp build` wrote, read back (an edge): the segmented documents (OUT/documents/*.json) and their facts
 * (OUT/facts.json), used instead of segmenting and extracting again when they were built from exactly the files
 * of the corpus directory as they are now (every file's SHA-256 matches, through the size+mtime cache the search's
 * check uses: src/io/corpus-hashes.ts) and in this format version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PeerData } from '../align/peers.js';
import type { DocumentFacts } from '../extract/index.js';
import { classifyDocument } from '../classify/index.js';
import { FORMAT_VERSION, type RuleDocument } from '../model.js';
import { idFor, listCorpus, readManifest } from './corpus.js';
import { snapshotCorpus } from './corpus-hashes.js';
import { InputError } from '../errors.js';
import { decodeDocument, LazyDocument, outlineLength, type DocumentOutline } from './document-json.js';
import { readPeerFile, writtenFor } from './peer-file.js';

export interface BuiltAnalysis {
  documents: RuleDocument[];
  facts: DocumentFacts[] | null;
  /** Classification and words of the documents (peers.bin, with the words counted), when of this build. */
  peers: PeerData | null;
  /** Said once when part of the output was not used (peers.bin stale or damaged: the words are counted again). */
  note?: string;
}

/** The build output for the corpus, or null (with why) when it is missing, stale or of another format. */
export function readBuiltAnalysis(corpusDir: string, outDir: string): { built: BuiltAnalysis | null; why: string } {
  let files: string[];
  try {
    const listing = listCorpus(corpusDir);
    if (listing.unreadable.length || listing.others.length) return { built: null, why: 'the corpus has files that cannot be read' };
    files = listing.documents;
  } catch (e) {
    return { built: null, why: (e as Error).message };
  }
  let manifest: Map<string, string>;
  try {
    manifest = readManifest(corpusDir);
  } catch (e) {
    return { built: null, why: (e as Error).message };
  }
  const hashes = snapshotCorpus(corpusDir, true).files;
  const ids = files.map((f) => idFor(f, manifest));
  const paths = ids.map((id) => join(outDir, 'documents', `${id}.json`));
  for (const path of paths) if (!existsSync(path)) return { built: null, why: `${path} does not exist` };
  /** documents/<id>.json read back, or why it cannot be used. */
  const readDocument = (k: number): RuleDocument | string => {
    const path = paths[k]!;
    let doc: RuleDocument & { formatVersion?: number };
    try {
      doc = decodeDocument(JSON.parse(readFileSync(path, 'utf8')) as RuleDocument & { formatVersion?: number });
    } catch {
      return `${path} is unreadable`;
    }
    if (doc.formatVersion !== FORMAT_VERSION) return `${path} is of format ${doc.formatVersion ?? 'unknown'}, expected ${FORMAT_VERSION}`;
    if (doc.meta?.source?.sha256 !== hashes[basename(files[k]!)]) return `${files[k]} changed since the build`;
    delete doc.formatVersion;
    return doc;
  };
  const bin = join(outDir, 'peers.bin');
  let documents: RuleDocument[] = [];
  // The classification's evidence is not stored: a document is classified again if someone asks for it (no review does).
  const read = readPeerFile(bin, (d) => classifyDocument(documents[d]!));
  const outlined = typeof read === 'string' ? null : read.outlines;
  if (typeof read !== 'string' && outlined && outlinesFit(read.documents, outlined.outlines, ids, files.map((f) => hashes[basename(f)]))) {
    // The documents from peers.bin's outlines: each documents/<id>.json read only if more than its outline is asked for.
    let at = 0;
    documents = outlined.outlines.map((o, k) => {
      const doc = new LazyDocument(o, outlined.texts, at, () => {
        const full = readDocument(k);
        if (typeof full === 'string') throw new InputError(`${full} (read for ${o.id}, outlined in ${bin})`, paths[k]);
        return full;
      });
      at += outlineLength(o);
      return doc;
    });
  } else {
    documents = [];
    for (let k = 0; k < files.length; k++) {
      const doc = readDocument(k);
      if (typeof doc === 'string') return { built: null, why: doc };
      documents.push(doc);
    }
  }
  let facts: DocumentFacts[] | null = null;
  const fpath = join(outDir, 'facts.json');
  try {
    const data = JSON.parse(readFileSync(fpath, 'utf8')) as { formatVersion?: number; documents: { id: string }[] } & Omit<DocumentFacts, 'docId'>;
    if (data.formatVersion === FORMAT_VERSION && data.documents.map((d) => d.id).join() === documents.map((d) => d.id).join()) {
      // Each list split by document in one pass (a filter per document was quadratic: 500 documents × 14,000 facts).
      const at = new Map(documents.map((d, i) => [d.id, i]));
      const split = <F extends { citation: { docId: string } }>(list: F[]): F[][] => {
        const out = documents.map((): F[] => []);
        for (const f of list) out[at.get(f.citation.docId) ?? -1]?.push(f);
        return out;
      };
      const [meetings, thresholds, deadlines, leave] = [split(data.meetings), split(data.thresholds), split(data.deadlines), split(data.leave)];
      facts = documents.map((d, i) => ({ docId: d.id, meetings: meetings[i]!, thresholds: thresholds[i]!, deadlines: deadlines[i]!, leave: leave[i]! }));
    }
  } catch {
    facts = null;
  }
  let peers: PeerData | null = null;
  let note: string | undefined;
  // peers.bin (src/io/peer-file.ts): the peer model's data with the words counted. Without it (missing, damaged, of
  // other documents) the peers are classified and their words counted again: said once.
  if (typeof read !== 'string' && writtenFor(read.documents, documents)) peers = read.peers;
  else note = `${bin} not used (${typeof read === 'string' ? read : 'written for other documents'}): the peers are classified and their words counted again`;
  return { built: { documents, facts, peers, ...(note ? { note } : {}) }, why: '' };
}

/**
 * Whether peers.bin's outlines are of the corpus as it is now: the same documents in the same order (ids), each with
 * the SHA-256 its file has now, in the file's list and in each outline's metadata.
 */
function outlinesFit(listed: { id: string; sha256: string }[], outlines: DocumentOutline[], ids: string[], shas: (string | undefined)[]): boolean {
  return listed.length === ids.length && outlines.length === ids.length && ids.every((id, k) => listed[k]!.id === id && outlines[k]!.id === id && listed[k]!.sha256 === shas[k] && outlines[k]!.meta.source.sha256 === shas[k]);
}
