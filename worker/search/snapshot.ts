// The shipped index snapshot (build/assets/data/index.json), made small and fast to load at cold start.
//
// Documents are numbered 0..n-1 and stored column by column (stored fields only). Each text field
// ships its term dictionary as two space-separated strings: the tokens, sorted, and for each token
// its ascending document numbers, delta-coded in base 36 (decoded on first use); and the number of
// tokens of each document (for BM25's length normalisation). Two long strings parse in a few
// milliseconds where a JSON object with 70k keys took 50 ms; lookups are binary searches.
// Every token is emitted once per field (text.ts), so term frequencies are not shipped: a token is
// in a document's field or not. Stop tokens (too common to index, see index.ts) ship with their
// document frequency only. The catalog's vocabulary ships too, for typo correction (engine.ts).
//
// The postings are Orama's own (orama.ts builds the index with Orama and derives them from its
// save()); the rest of Orama's saved data ships as `orama` and is load()ed into the Orama database,
// these dictionaries standing in for its trees; its field lengths and averages weigh the BM25 that
// finds the candidates (orama.ts, CatalogScorer).
import type { RawData } from '@orama/orama';
import type { Level } from '../catalog/schema';
import { TEXT_FIELDS, type SearchDoc, type StopTokens, type StoredDoc, type TextField } from './index';
import { loadCatalogOrama, type BuiltOrama, type CatalogOrama } from './orama';

export const SNAPSHOT_VERSION = 7;

export interface FieldSnapshot {
  /** The indexed tokens, sorted (UTF-16 code unit order), separated by spaces. */
  tokens: string;
  /**
   * For each token in the same order, its documents: ascending numbers, each written as the base-36
   * difference from the previous one, separated by commas; lists separated by spaces.
   */
  postings: string;
  /** Stop tokens of the field (not indexed) and their document frequency. */
  common: Record<string, number>;
}

export interface Snapshot {
  version: number;
  docs: {
    code: string[];
    title: string[];
    /** Bit i set: LEVELS[i] is one of the procedure's levels. */
    levels: number[];
    /** Index into `provinces`; provinces[0] is '' (national procedure). */
    province: number[];
    provinces: string[];
    /** Index into `types`. */
    type: number[];
    types: string[];
    detail: (0 | 1)[];
  };
  fields: Record<TextField, FieldSnapshot>;
  /** Orama's saved index, less its trees and term frequencies (shipped above in compact form). */
  orama: RawData;
  /**
   * Every syllable of the catalog's text (accented and folded token forms), sorted, separated by
   * spaces: the words the search knows, so that it does not take them for typos.
   */
  lexicon: string;
}

const LEVELS: readonly Level[] = ['ministry', 'province', 'commune', 'other'];

function encodeIds(ids: number[]): string {
  let out = '';
  let prev = 0;
  for (let i = 0; i < ids.length; i++) {
    out += (i === 0 ? '' : ',') + (ids[i]! - prev).toString(36);
    prev = ids[i]!;
  }
  return out;
}

function decodeIds(encoded: string): Int32Array {
  let n = 1;
  for (let i = 0; i < encoded.length; i++) if (encoded.charCodeAt(i) === 44) n++;
  const out = new Int32Array(n);
  let id = 0;
  let k = 0;
  let from = 0;
  for (let i = 0; i <= encoded.length; i++) {
    if (i === encoded.length || encoded.charCodeAt(i) === 44) {
      id += parseInt(encoded.slice(from, i), 36);
      out[k++] = id;
      from = i + 1;
    }
  }
  return out;
}

const NO_IDS = new Int32Array(0);

/** One field's term dictionary: exact-token lookups over the shipped postings. */
export class TermDictionary {
  private readonly decoded = new Map<string, Int32Array>();
  private readonly sorted: string[];
  private readonly lists: string[];
  constructor(private readonly field: FieldSnapshot) {
    this.sorted = field.tokens === '' ? [] : field.tokens.split(' ');
    this.lists = field.postings === '' ? [] : field.postings.split(' ');
    if (this.sorted.length !== this.lists.length) throw new Error('index snapshot: tokens and postings differ in number');
  }

  private find(token: string): number {
    const a = this.sorted;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = a[mid]!;
      if (t === token) return mid;
      if (t < token) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Documents whose field has the token (empty for unknown and stop tokens). Decoded lists are kept. */
  ids(token: string): Int32Array {
    let ids = this.decoded.get(token);
    if (ids === undefined) {
      const at = this.find(token);
      if (at < 0) return NO_IDS; // not kept: a question's unknown tokens must not grow the cache
      ids = decodeIds(this.lists[at]!);
      this.decoded.set(token, ids);
    }
    return ids;
  }

  /** Number of documents with the token in the index (0 for stop tokens). */
  documentFrequency(token: string): number {
    return this.ids(token).length;
  }

  /** Number of documents with the token, stop tokens included. */
  frequency(token: string): number {
    return this.field.common[token] ?? this.documentFrequency(token);
  }

  /** The field has the token (indexed or stop token). */
  has(token: string): boolean {
    return this.field.common[token] !== undefined || this.decoded.has(token) || this.find(token) >= 0;
  }

  /** A stop token: too common to be indexed. */
  isCommon(token: string): boolean {
    return this.field.common[token] !== undefined;
  }

  /** Every indexed token, sorted. */
  tokens(): readonly string[] {
    return this.sorted;
  }

  /** The stop tokens. */
  commonTokens(): string[] {
    return Object.keys(this.field.common);
  }
}

/** The snapshot of a catalog's search documents. */
export function toSnapshot(docs: SearchDoc[], stopTokens: StopTokens, lexicon: Iterable<string>, orama: BuiltOrama): Snapshot {
  const provinces = [''];
  const types: string[] = [];
  const indexOf = (list: string[], v: string) => {
    let i = list.indexOf(v);
    if (i < 0) i = list.push(v) - 1;
    return i;
  };
  const snapshotDocs: Snapshot['docs'] = {
    code: [],
    title: [],
    levels: [],
    province: [],
    provinces,
    type: [],
    types,
    detail: [],
  };
  for (const d of docs) {
    snapshotDocs.code.push(d.code);
    snapshotDocs.title.push(d.title);
    snapshotDocs.levels.push(d.levels.reduce((m, l) => m | (1 << Math.max(0, LEVELS.indexOf(l as Level))), 0));
    snapshotDocs.province.push(indexOf(provinces, d.province));
    snapshotDocs.type.push(indexOf(types, d.type));
    snapshotDocs.detail.push(d.detail ? 1 : 0);
  }
  const fields = {} as Record<TextField, FieldSnapshot>;
  for (const field of TEXT_FIELDS) {
    const stop = stopTokens[field];
    const lists = orama.fields[field].postings;
    const tokens = [...lists.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const t of tokens) if (t.includes(' ')) throw new Error(`index token with a space: "${t}"`);
    fields[field] = {
      tokens: tokens.join(' '),
      postings: tokens.map((t) => encodeIds(lists.get(t)!)).join(' '),
      common: Object.fromEntries(stop ?? []),
    };
  }
  const words = [...new Set(lexicon)].filter((w) => w !== '' && !w.includes(' ')).sort();
  return { version: SNAPSHOT_VERSION, docs: snapshotDocs, fields, orama: orama.raw, lexicon: words.join(' ') };
}

export interface LoadedIndex {
  /** Documents by number. */
  docs: StoredDoc[];
  dictionaries: Record<TextField, TermDictionary>;
  /** The Orama index, for BM25 candidates. */
  orama: CatalogOrama;
  /** The catalog's syllables (accented and folded token forms). */
  lexicon: string[];
}

/** The searchable index of a snapshot. */
export function fromSnapshot(snapshot: Snapshot): LoadedIndex {
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new Error(`index snapshot version ${snapshot.version}, expected ${SNAPSHOT_VERSION}: run npm run build`);
  }
  const d = snapshot.docs;
  const levelLists = new Map<number, Level[]>();
  const docs: StoredDoc[] = new Array(d.code.length);
  for (let i = 0; i < d.code.length; i++) {
    const mask = d.levels[i]!;
    let levels = levelLists.get(mask);
    if (!levels) levelLists.set(mask, (levels = LEVELS.filter((_, b) => mask & (1 << b))));
    docs[i] = {
      code: d.code[i]!,
      title: d.title[i]!,
      levels,
      province: d.provinces[d.province[i]!]!,
      type: d.types[d.type[i]!]!,
      detail: d.detail[i] === 1,
    };
  }
  const dictionaries = {} as Record<TextField, TermDictionary>;
  for (const field of TEXT_FIELDS) dictionaries[field] = new TermDictionary(snapshot.fields[field]);
  const orama = loadCatalogOrama(snapshot.orama, dictionaries);
  return { docs, dictionaries, orama, lexicon: snapshot.lexicon ? snapshot.lexicon.split(' ') : [] };
}
