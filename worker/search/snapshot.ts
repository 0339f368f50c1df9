// The shipped index snapshot: Orama's own save() data, made small and fast to load at cold start.
//
// Orama's radix trees serialize each node with its whole word, key, and a document set; rebuilding
// ~100k node objects took 150–200 ms, twice the cold-start budget. Our tokenizer makes every token
// whole (end mark, see text.ts), so a search never needs a prefix walk: each field's term
// dictionary ships as a plain map token → delta-coded document ids and is served, read-only, by
// TermDictionary, which answers Orama's `find()` exactly as the radix tree would for such tokens.
// Postings are decoded on first use. Orama keeps doing the rest: BM25 scoring, boosts, filters
// (enum/boolean indexes are loaded by Orama itself), the document store.
//
// Term frequencies are not shipped either: each token is emitted once per field, so a term's
// frequency in a document is always 1 / field length.
import { load, save, type RawData } from '@orama/orama';
import { createSearchDb, STORED_FIELDS, type SearchDb, type SearchDbOptions, type TextField } from './index';

export const SNAPSHOT_VERSION = 4;

interface OramaRadixJson {
  w: string;
  e: boolean;
  d: number[];
  c: [string, OramaRadixJson][];
}

interface IndexData {
  indexes: Record<string, { type: string; node: unknown; isArray: boolean }>;
  tokenOccurrences: Record<string, Record<string, number>>;
  frequencies: Record<string, Record<string, unknown>>;
  fieldLengths: Record<string, Record<string, number>>;
}

/** token → document ids, ascending, each written as the base-36 difference from the previous one. */
type Postings = Record<string, string>;

export interface Snapshot {
  version: number;
  orama: RawData;
  terms: Record<string, Postings>;
}

const EMPTY_RADIX = { w: '', s: '', e: false, k: '', d: [], c: [] };

function encodeIds(ids: number[]): string {
  const sorted = [...ids].sort((a, b) => a - b);
  return sorted.map((id, i) => (i === 0 ? id : id - sorted[i - 1]!).toString(36)).join(',');
}

function decodeIds(encoded: string): number[] {
  const out: number[] = [];
  let id = 0;
  for (const part of encoded.split(',')) out.push((id += parseInt(part, 36)));
  return out;
}

function collectPostings(node: OramaRadixJson, out: Postings): void {
  if (node.e && node.d.length > 0) out[node.w] = encodeIds(node.d);
  for (const [, child] of node.c) collectPostings(child, out);
}

/** Read-only stand-in for a field's radix tree: exact-token lookups over shipped postings. */
export class TermDictionary {
  private readonly decoded = new Map<string, number[]>();

  constructor(private readonly postings: Postings) {}

  ids(token: string): number[] | undefined {
    let ids = this.decoded.get(token);
    if (ids === undefined) {
      const encoded = this.postings[token];
      if (encoded === undefined) return undefined;
      ids = decodeIds(encoded);
      this.decoded.set(token, ids);
    }
    return ids;
  }

  /** Number of documents containing the token (what Orama calls token occurrences). */
  documentFrequency(token: string): number {
    return this.ids(token)?.length ?? 0;
  }

  /** Orama's RadixNode.find contract for whole tokens: { [word]: docIds } or {}. */
  find({ term }: { term: string }): Record<string, number[]> {
    const ids = this.ids(term);
    return ids ? { [term]: ids } : {};
  }
}

/** Compact snapshot of a built database (documents trimmed to the stored fields). */
export function toSnapshot(db: SearchDb): Snapshot {
  const raw = save(db) as RawData & { docs: { docs: Record<string, Record<string, unknown>> } };
  for (const [id, doc] of Object.entries(raw.docs.docs)) {
    raw.docs.docs[id] = Object.fromEntries(STORED_FIELDS.map((f) => [f, doc[f]]));
  }
  const index = raw.index as IndexData;
  const terms: Record<string, Postings> = {};
  for (const [prop, entry] of Object.entries(index.indexes)) {
    if (entry.type !== 'Radix') continue;
    collectPostings(entry.node as OramaRadixJson, (terms[prop] = {}));
    entry.node = EMPTY_RADIX;
  }
  // Derived again on load: frequencies from field lengths, occurrences from the postings.
  for (const prop of Object.keys(index.frequencies)) index.frequencies[prop] = {};
  for (const prop of Object.keys(index.tokenOccurrences)) index.tokenOccurrences[prop] = {};
  return { version: SNAPSHOT_VERSION, orama: raw, terms };
}

export interface LoadedIndex {
  db: SearchDb;
  dictionaries: Record<TextField, TermDictionary>;
}

/** Rebuilds a searchable database from a snapshot, with the same tokenizer that built it. */
export function fromSnapshot(snapshot: Snapshot, opts: SearchDbOptions = {}): LoadedIndex {
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`index snapshot version ${snapshot.version}, expected ${SNAPSHOT_VERSION}: run npm run build`);
  }
  const db = createSearchDb(opts);
  load(db, snapshot.orama);
  const index = db.data.index as unknown as IndexData;
  const dictionaries = {} as Record<TextField, TermDictionary>;
  for (const [prop, postings] of Object.entries(snapshot.terms)) {
    const entry = index.indexes[prop];
    if (!entry) continue;
    const dict = new TermDictionary(postings);
    dictionaries[prop as TextField] = dict;
    entry.node = dict;
    index.tokenOccurrences[prop] = new Proxy({} as Record<string, number>, {
      get: (_, token) => (typeof token === 'string' ? dict.documentFrequency(token) : undefined),
      has: (_, token) => typeof token === 'string' && dict.documentFrequency(token) > 0,
    });
  }
  for (const prop of Object.keys(index.fieldLengths)) {
    const byDoc: Record<string, unknown> = {};
    for (const [id, length] of Object.entries(index.fieldLengths[prop] ?? {})) {
      const tf = length > 0 ? 1 / length : 0;
      byDoc[id] = new Proxy({}, { get: () => tf });
    }
    index.frequencies[prop] = byDoc;
  }
  return { db, dictionaries };
}
