// The catalog's Orama index. Built ahead of time (insertMultiple, save()) with the Vietnamese
// tokenizer; shipped in the snapshot (snapshot.ts) and load()ed at cold start; its BM25 (computed by
// CatalogScorer below from the loaded index) finds the candidates that the engine then re-ranks.
//
// Two things keep cold start and query time within budget (both measured: 150–200 ms to rebuild
// Orama's radix trees, ~70% of the saved data in per-document term frequencies):
// - Our tokens are whole (each ends with an end mark, so no prefix walk is ever needed): each text
//   field's radix tree is shipped as plain postings (snapshot.ts) and served to Orama, read-only, by
//   a stand-in with the radix tree's find() contract.
// - Each token is emitted once per field, so a term's frequency is always 1 / field length: it is
//   not shipped but answered by a small proxy per document.
// Queries are scored by CatalogScorer: Orama's BM25 (same formula, parameters, field boosts, order of
// summation and tie-break, from the loaded index's field lengths and averages) computed straight over
// the postings. Orama's generic search() path (a find() object, an id copy and Map updates per token
// and field, a sort of every matching document) took 70% of a long question's time; the results are
// the same to the bit (tests/unit/search.test.ts compares the two).
import { count, create, insertMultiple, load, save, search, type Orama, type RawData } from '@orama/orama';
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

/**
 * BM25 through Orama's own search() over the text fields with their boosts; hits as document
 * numbers, best first. The reference CatalogScorer is checked against (tests/unit/search.test.ts).
 */
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

/** Orama's default BM25 parameters (search-fulltext.js, defaultBM25Params). */
const BM25_K = 1.2;
const BM25_B = 0.75;
const BM25_D = 0.5;

/** One query token's documents in each text field (TEXT_FIELDS order; empty when the field lacks it). */
export type TermPostings = readonly ArrayLike<number>[];

/**
 * Orama's BM25 over the loaded index, computed directly: for each field (in TEXT_FIELDS order) and
 * each token, idf · (d + tf·(k+1)) / (tf + k·(1 − b + b·len/avg)) times the field's boost, summed per
 * document in the order Orama sums; best first, ties to the lower document number, as Orama sorts.
 * Per document and field, d + tf·(k+1) and the denominator are computed once at load.
 */
export class CatalogScorer {
  private readonly docsCount: number;
  /** Per field: numerator and denominator factors by document number. */
  private readonly num: Float64Array[] = [];
  private readonly den: Float64Array[] = [];
  private readonly scores: Float64Array;
  private readonly seen: Uint32Array;
  private epoch = 0;
  private touched: Int32Array;

  constructor(db: CatalogOrama) {
    const index = db.data.index as unknown as IndexData & { avgFieldLength: Record<string, number> };
    this.docsCount = count(db);
    let n = 0;
    for (const field of TEXT_FIELDS) for (const id of Object.keys(index.fieldLengths[field] ?? {})) n = Math.max(n, Number(id));
    n = Math.max(n, this.docsCount);
    for (const field of TEXT_FIELDS) {
      const avg = index.avgFieldLength[field]!;
      const num = new Float64Array(n);
      const den = new Float64Array(n);
      for (const [id, length] of Object.entries(index.fieldLengths[field] ?? {})) {
        const tf = length > 0 ? 1 / length : 0;
        num[Number(id) - 1] = BM25_D + tf * (BM25_K + 1);
        den[Number(id) - 1] = tf + BM25_K * (1 - BM25_B + (BM25_B * length) / avg);
      }
      this.num.push(num);
      this.den.push(den);
    }
    this.scores = new Float64Array(n);
    this.seen = new Uint32Array(n);
    this.touched = new Int32Array(n);
  }

  /** The best `limit` documents for the tokens (each with its postings per field), best first. */
  top(terms: readonly TermPostings[], boost: Record<TextField, number>, limit: number): { id: number; score: number }[] {
    if (terms.length === 0 || limit <= 0) return [];
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const { scores, seen, touched } = this;
    let touchedCount = 0;
    const n = this.docsCount;
    for (let f = 0; f < TEXT_FIELDS.length; f++) {
      const fieldBoost = boost[TEXT_FIELDS[f]!];
      const num = this.num[f]!;
      const den = this.den[f]!;
      for (const term of terms) {
        const ids = term[f]!;
        const df = ids.length;
        if (df === 0) continue;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        for (let i = 0; i < df; i++) {
          const id = ids[i]!;
          const s = ((idf * num[id]!) / den[id]!) * fieldBoost;
          if (seen[id] === epoch) scores[id] = scores[id]! + s;
          else {
            seen[id] = epoch;
            scores[id] = s;
            touched[touchedCount++] = id;
          }
        }
      }
    }
    // Keep the best `limit` in a sorted array (score desc, id asc).
    const best: number[] = [];
    const better = (a: number, b: number) => scores[a]! > scores[b]! || (scores[a] === scores[b] && a < b);
    for (let i = 0; i < touchedCount; i++) {
      const id = touched[i]!;
      if (best.length === limit && !better(id, best[limit - 1]!)) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (better(id, best[mid]!)) hi = mid;
        else lo = mid + 1;
      }
      best.splice(lo, 0, id);
      if (best.length > limit) best.pop();
    }
    return best.map((id) => ({ id, score: scores[id]! }));
  }
}
