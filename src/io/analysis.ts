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
import { FORMAT_VERSION, type RuleDocument } from '../model.js';
import { idFor, listCorpus, readManifest } from './corpus.js';
import { snapshotCorpus } from './corpus-hashes.js';
import { decodeDocument } from './document-json.js';
import { readPeerFile, writtenFor } from './peer-file.js';

export interface BuiltAnalysis {
  documents: RuleDocument[];
  facts: DocumentFacts[] | null;
  /** Classification and words of the documents (peers.bin, with the words counted; else peers.json), when of this build. */
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
  const documents: RuleDocument[] = [];
  for (const f of files) {
    const id = idFor(f, manifest);
    const path = join(outDir, 'documents', `${id}.json`);
    if (!existsSync(path)) return { built: null, why: `${path} does not exist` };
    let doc: RuleDocument & { formatVersion?: number };
    try {
      doc = decodeDocument(JSON.parse(readFileSync(path, 'utf8')) as RuleDocument & { formatVersion?: number });
    } catch {
      return { built: null, why: `${path} is unreadable` };
    }
    if (doc.formatVersion !== FORMAT_VERSION) return { built: null, why: `${path} is of format ${doc.formatVersion ?? 'unknown'}, expected ${FORMAT_VERSION}` };
    if (doc.meta?.source?.sha256 !== hashes[basename(f)]) return { built: null, why: `${f} changed since the build` };
    delete doc.formatVersion;
    documents.push(doc);
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
  // peers.bin (src/io/peer-file.ts): the peer model's data with the words counted, without parsing peers.json.
  const bin = join(outDir, 'peers.bin');
  const read = readPeerFile(bin, documents);
  if (typeof read !== 'string') peers = read.peers;
  else {
    try {
      const data = JSON.parse(readFileSync(join(outDir, 'peers.json'), 'utf8')) as PeerData & { formatVersion?: number; documents: { id: string; sha256: string }[]; model?: { file: string; key: string } };
      if (data.formatVersion === FORMAT_VERSION && writtenFor(data.documents, documents)) peers = { itemWeight: data.itemWeight, assignments: data.assignments, words: data.words, ...(data.titleWords ? { titleWords: data.titleWords } : {}) };
      // A build of this version writes peers.bin: say why it was not used (an earlier one did not write it).
      if (data.model) note = `${bin} not used (${read}): the peers' words are counted again`;
    } catch {
      peers = null;
    }
  }
  return { built: { documents, facts, peers, ...(note ? { note } : {}) }, why: '' };
}
