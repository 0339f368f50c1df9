// The catalog's Orama index. Built ahead of time (insertMultiple, save()) with the Vietnamese
// tokenizer; shipped in the snapshot (snapshot.ts) and load()ed at cold start; its search() finds
// the BM25 candidates that the engine then re-ranks.
//
// Two things keep cold start and query time within budget (both measured: 150–200 ms to rebuild
// Orama's radix trees, ~70% of the saved data in per-document term frequencies):
// - Our tokens are whole (each ends with an end mark, so no prefix walk is ever needed): each text
//   field's radix tree is shipped as plain postings (snapshot.ts) and served to Orama, read-only, by
//   a stand-in with the radix tree's find() contract.
// - Each token is emitted once per field, so a term's frequency is always 1 / field length: it is
//   not shipped but answered by a small proxy per document.
import { create, insertMultiple, load, save, search, type Orama, type RawData } from '@orama/orama';
import { FOLDED_FIELDS, TEXT_FIELDS, type SearchDoc, type StopTokens, type TextField } from './index';
import { createVietnameseTokenizer, TOKEN_END } from './text';

export const oramaSchema = {
  name: 'string',
  results: 'string',
  about: 'string',
  components: 'string',
} as const;

export type CatalogOrama = Orama<typeof oramaSchema>;

function createCatalogOrama(stopTokens: StopTokens = {}): CatalogOrama {
  const tokenizer = createVietnameseTokenizer({
    foldedProps: FOLDED_FIELDS,
    documentFilter: (prop, tokens) => {
      const stop = stopTokens[prop as TextField];
      return stop ? tokens.filter((t) => !stop.has(t)) : tokens;
    },
    pretokenizedQueries: true,
  });
  return create({ schema: oramaSchema, sort: { enabled: false }, components: { tokenizer } }) as CatalogOrama;
}

interface RadixJson {
  w: string;
  e: boolean;
  d: number[];
  c: [string, RadixJson][];
}

interface IndexData {
  indexes: Record<string, { type: string; node: unknown; isArray: boolean }>;
  tokenOccurrences: Record<string, Record<string, number>>;
  frequencies: Record<string, Record<string, unknown>>;
  fieldLengths: Record<string, Record<string, number>>;
}

/** A field of the saved index: each token (end mark removed) with its documents' numbers. */
export interface SavedField {
  postings: Map<string, number[]>;
}

export interface BuiltOrama {
  /** Orama's saved data without what snapshot.ts ships in its own form (trees, frequencies). */
  raw: RawData;
  fields: Record<TextField, SavedField>;
}

/**
 * Builds the index of the documents (document number i is Orama id "i") and saves it. Internal
 * ids are 1-based in insertion order, so document number = internal id − 1.
 */
export function buildCatalogOrama(docs: SearchDoc[], stopTokens: StopTokens): BuiltOrama {
  const db = createCatalogOrama(stopTokens);
  insertMultiple(
    db,
    docs.map((d, i) => ({ id: String(i), name: d.name, results: d.results, about: d.about, components: d.components })),
    1000,
  );
  const raw = save(db) as RawData & { docs: { docs: Record<string, Record<string, unknown>> } };
  const index = raw.index as IndexData;
  const fields = {} as Record<TextField, SavedField>;
  for (const field of TEXT_FIELDS) {
    const postings = new Map<string, number[]>();
    const walk = (node: RadixJson) => {
      if (node.e && node.d.length) postings.set(node.w.slice(0, -TOKEN_END.length), node.d.map((id) => id - 1).sort((a, b) => a - b));
      for (const [, child] of node.c) walk(child);
    };
    walk(index.indexes[field]!.node as RadixJson);
    fields[field] = { postings };
    index.indexes[field]!.node = { w: '', s: '', e: false, k: '', d: [], c: [] };
    index.frequencies[field] = {};
    index.tokenOccurrences[field] = {};
  }
  // The documents are shipped column by column in the snapshot: Orama keeps only their id (= number).
  for (const [id, doc] of Object.entries(raw.docs.docs)) raw.docs.docs[id] = { id: doc.id };
  return { raw, fields };
}

/** What the loaded index needs of a field's postings. */
export interface PostingsSource {
  ids(token: string): ArrayLike<number>;
  documentFrequency(token: string): number;
}

/** Loads the saved index, with the shipped postings standing in for Orama's trees and frequencies. */
export function loadCatalogOrama(raw: RawData, sources: Record<TextField, PostingsSource>): CatalogOrama {
  const db = createCatalogOrama();
  load(db, raw);
  const index = db.data.index as unknown as IndexData;
  for (const field of TEXT_FIELDS) {
    const source = sources[field];
    index.indexes[field]!.node = {
      find({ term }: { term: string }): Record<string, number[]> {
        const ids = source.ids(term.slice(0, -TOKEN_END.length));
        if (ids.length === 0) return {};
        const internal = new Array<number>(ids.length);
        for (let i = 0; i < ids.length; i++) internal[i] = ids[i]! + 1;
        return { [term]: internal };
      },
    };
    index.tokenOccurrences[field] = new Proxy({} as Record<string, number>, {
      get: (_, token) => (typeof token === 'string' ? source.documentFrequency(token.slice(0, -TOKEN_END.length)) : undefined),
    });
    const byDoc: Record<string, unknown> = {};
    for (const [id, length] of Object.entries(index.fieldLengths[field] ?? {})) {
      const tf = length > 0 ? 1 / length : 0;
      byDoc[id] = new Proxy({}, { get: () => tf });
    }
    index.frequencies[field] = byDoc;
  }
  return db;
}

/** BM25 (Orama's) over the text fields with their boosts; hits as document numbers, best first. */
export function searchCatalogOrama(
  db: CatalogOrama,
  tokens: string[],
  boost: Record<TextField, number>,
  limit: number,
): { id: number; score: number }[] {
  if (tokens.length === 0) return [];
  const result = search(db, { term: tokens.join(' '), properties: [...TEXT_FIELDS], boost, limit, threshold: 1 }) as {
    hits: { id: string; score: number }[];
  };
  return result.hits.map((h) => ({ id: Number(h.id), score: h.score }));
}
