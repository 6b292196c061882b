/**
 * One corpus analysis: the documents and everything computed from them — classification,
 * alignment, facts, search index, similarity — each computed on first use and kept. Every edge
 * (the CLI commands, the report writers, the draft review, the web server) takes a
 * CorpusAnalysis; nothing else wires the stages together.
 *
 * Pure: no files, no terminal. Documents come in already segmented (src/io/ reads them); what
 * was persisted by `rulecmp build` can be handed in ready (`precomputed`), so a loaded peer set
 * is not recomputed.
 */
import { align, type AlignInternals } from './align/index.js';
import { buildPeerModel, peerData, slicePeerData, type PeerData, type PeerModel } from './align/peers.js';
import { ancestry, classifyDocument, findTopic, loadTaxonomy } from './classify/index.js';
import { someOf, UnknownDistrictError, UnknownDocumentError } from './errors.js';
import { extractDocumentFacts, type DocumentFacts } from './extract/index.js';
import type { Alignment, AlignOptions, Classification, OnProgress, RuleDocument, Taxonomy, Topic } from './model.js';
import { similarityMatrix } from './align/document-similarity.js';
import { SearchIndex, type BuildIndexOptions, type CorpusSnapshot } from './search/searchIndex.js';
import queryCues from '../data/query-cues.json' with { type: 'json' };

export interface AnalyseOptions {
  taxonomy?: Taxonomy;
  align?: AlignOptions & AlignInternals;
  /** The corpus directory's snapshot the search index may claim (from src/io), so a search can tell it is fresh. */
  corpus?: CorpusSnapshot | null;
  /** Results already computed for exactly these documents (e.g. loaded from what `rulecmp build` wrote). */
  precomputed?: { alignment?: Alignment; facts?: DocumentFacts[]; searchIndex?: SearchIndex; peers?: PeerData };
  index?: Omit<BuildIndexOptions, 'corpus' | 'topicsOf' | 'taxonomy'>;
  /** Told how far the long stages have come (alignment, facts); the edge renders it. */
  onProgress?: OnProgress;
}

export class CorpusAnalysis {
  readonly documents: RuleDocument[];
  readonly taxonomy: Taxonomy;
  private readonly options: AnalyseOptions;
  private memo: {
    alignment?: Alignment;
    classification?: Classification;
    facts?: DocumentFacts[];
    searchIndex?: SearchIndex;
    similarity?: number[][];
    peers?: PeerModel;
    /** What the peer model was built from, kept when the model is let go (forget). */
    peerData?: PeerData;
  };

  constructor(documents: RuleDocument[], options: AnalyseOptions = {}) {
    const ids = documents.map((d) => d.id);
    if (new Set(ids).size !== ids.length) throw new Error(`analyse: document ids must be unique (${ids.join(', ')})`);
    this.documents = documents;
    this.taxonomy = options.taxonomy ?? loadTaxonomy();
    this.options = options;
    // Peer data (words, classification) is what the peer model is built from, not the model itself.
    const { peers: _peerData, ...ready } = options.precomputed ?? {};
    this.memo = { ...ready };
  }

  /** Topics of every article (the alignment's, when it has been computed). */
  get classification(): Classification {
    if (this.memo.alignment) return this.memo.alignment.classification;
    if (!this.memo.classification) {
      // Handed-in peer data holds every document's classification (the peer model checks it is of these documents).
      const fromPeers = this.options.precomputed?.peers && !this.options.align?.classify;
      const assignments = fromPeers ? this.peers.assignments.flat() : this.documents.flatMap((d) => classifyDocument(d, this.taxonomy));
      this.memo.classification = { assignments, unclassified: assignments.filter((a) => a.topics.length === 0).map((a) => a.article) };
    }
    return this.memo.classification;
  }

  get alignment(): Alignment {
    return (this.memo.alignment ??= align(this.documents, { taxonomy: this.taxonomy, onProgress: this.options.onProgress, ...this.options.align }));
  }

  /** Facts per document, in document order. */
  get facts(): DocumentFacts[] {
    const onProgress = this.options.onProgress;
    return (this.memo.facts ??= this.documents.map((d, k, all) => {
      onProgress?.('facts', k, all.length);
      const f = extractDocumentFacts(d);
      if (k === all.length - 1) onProgress?.('facts', all.length, all.length);
      return f;
    }));
  }

  get searchIndex(): SearchIndex {
    return (this.memo.searchIndex ??= SearchIndex.build(this.documents, {
      ...this.options.index,
      topicsOf: classifierTopics(this.taxonomy),
      taxonomy: searchTaxonomy(this.taxonomy),
      corpus: this.options.corpus ?? null,
    }));
  }

  /** District × district similarity of whole documents, in document order. */
  get similarity(): number[][] {
    return (this.memo.similarity ??= similarityMatrix(this.documents));
  }

  /** The documents as a fixed peer set, for aligning one more document against them (src/align/peers.ts). */
  get peers(): PeerModel {
    return (this.memo.peers ??= buildPeerModel(this.documents, { taxonomy: this.taxonomy, ...this.options.align }, this.options.precomputed?.peers ?? this.memo.peerData));
  }

  /** Facts of one document. */
  factsOf(docId: string): DocumentFacts {
    const i = this.documents.findIndex((d) => d.id === docId);
    if (i < 0) throw new UnknownDocumentError(`no document "${docId}" (have ${someOf(this.documents.map((d) => d.id))})`);
    return this.facts[i]!;
  }

  document(id: string): RuleDocument {
    const d = this.documents.find((x) => x.id === id);
    if (!d) throw new UnknownDocumentError(`no document "${id}" (have ${someOf(this.documents.map((x) => x.id))})`);
    return d;
  }

  /** A topic by id, name or a unique part of a name (UnknownTopicError / AmbiguousTopicError otherwise). */
  topic(query: string): Topic {
    return findTopic(this.taxonomy, query);
  }

  /**
   * Documents named in a list (id, district name, or the name without 区/县/市/旗), in the order given.
   * Unknown names are an UnknownDistrictError listing the documents there are.
   */
  select(names: string[]): RuleDocument[] {
    return names.map((w) => {
      const d = this.documents.find(
        (x) => x.id === w || x.meta.jurisdiction.name === w || x.meta.jurisdiction.name?.replace(/[区县市旗]$/u, '') === w || x.id.split('-')[0] === w,
      );
      if (!d) throw new UnknownDistrictError(`no document "${w}" (have ${someOf(this.documents.map((x) => `${x.id} ${x.meta.jurisdiction.name ?? ''}`.trim()))})`);
      return d;
    });
  }

  /**
   * A new analysis of some of the documents (same options). What is computed per document alone is carried over —
   * facts, and each document's classification and words for the peer model — since it would come out the same;
   * what depends on the whole set (alignment, search index, similarity) is not.
   */
  subset(documents: RuleDocument[]): CorpusAnalysis {
    if (documents.length === this.documents.length && documents.every((d, i) => d === this.documents[i])) return this;
    const { precomputed: _drop, corpus: _c, ...rest } = this.options; // onProgress is kept
    const at = new Map(this.documents.map((d, i) => [d, i]));
    const picked = documents.map((d) => at.get(d));
    if (picked.some((k) => k === undefined)) return new CorpusAnalysis(documents, rest);
    const ks = picked as number[];
    const facts = this.memo.facts ? ks.map((k) => this.memo.facts![k]!) : undefined;
    const data = this.memo.peers ? peerData(this.memo.peers) : this.memo.peerData;
    const peers = data ? slicePeerData(data, this.documents.map((d) => d.articles.length), ks) : undefined;
    return new CorpusAnalysis(documents, { ...rest, precomputed: { ...(facts ? { facts } : {}), ...(peers ? { peers } : {}) } });
  }

  /**
   * Let go of results a caller no longer needs (rulecmp build, once it has written them: at 500 documents the search
   * index and the alignment are hundreds of MB). Asked for again, they are computed again; the alignment's
   * classification and the peer model's data (classification and words) are kept.
   */
  forget(...what: ('alignment' | 'searchIndex' | 'similarity' | 'peers')[]): void {
    for (const w of what) {
      if (w === 'alignment' && this.memo.alignment) this.memo.classification ??= this.memo.alignment.classification;
      if (w === 'peers' && this.memo.peers) this.memo.peerData = peerData(this.memo.peers);
      delete this.memo[w];
    }
  }
}

/** What search keeps of the taxonomy: names, parents, and the cue words that say a query is about a topic. */
export function searchTaxonomy(taxonomy: Taxonomy): NonNullable<BuildIndexOptions['taxonomy']> {
  const everyday = (queryCues as { topics: Record<string, string[]> }).topics;
  return taxonomy.topics.map((t) => ({
    id: t.id,
    name: t.name,
    parent: t.parent,
    cues: t.cues.filter((c) => !c.includes('…') && [...c].length >= 2),
    weakCues: (t.weakCues ?? []).filter((c) => !c.includes('…') && [...c].length >= 2),
    ...(everyday[t.id]?.length ? { queryCues: everyday[t.id]!.filter((c) => [...c].length >= 2) } : {}),
  }));
}

/** Analyse documents: nothing is computed until asked for. */
export function analyse(documents: RuleDocument[], options: AnalyseOptions = {}): CorpusAnalysis {
  return new CorpusAnalysis(documents, options);
}

/**
 * Topics of each article for search: for the --topic filter, the classifier's topics of the article and of its
 * paragraphs, with their ancestors (so 会议 finds 常务会议 articles); for ranking, the article's own topics,
 * strongest first (the topic prior, docs/decisions/0005).
 */
export function classifierTopics(taxonomy: Taxonomy): NonNullable<BuildIndexOptions['topicsOf']> {
  const byDoc = new WeakMap<RuleDocument, { topics: string[]; main: string[] }[]>();
  return (doc, article) => {
    let perArticle = byDoc.get(doc);
    if (!perArticle) {
      perArticle = classifyDocument(doc, taxonomy).map((a) => {
        const ids = [...a.topics, ...a.paragraphs.flatMap((p) => p.topics)].flatMap((t) => ancestry(taxonomy, t.topic));
        return { topics: [...new Set(ids)].sort(), main: a.topics.map((t) => t.topic) };
      });
      byDoc.set(doc, perArticle);
    }
    return perArticle[article.index] ?? { topics: [], main: [] };
  };
}
