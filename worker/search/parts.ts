// The index as the builder derives it from Orama's, in memory: what binary-write.ts lays out in the
// shipped file and, read directly by partsReader(), the reference the binary form must equal
// (tests/unit/binary-index.test.ts: every eval question gets the same results from both).
import { bm25Factors, Bm25Scorer } from './bm25';
import { TEXT_FIELDS, type StopTokens, type StoredDoc, type TextField } from './index';
import { levelMask, levelsOfMask, type DocTable, type FieldDictionary, type IndexReader } from './reader';

export interface FieldParts {
  /** The indexed tokens, sorted (UTF-16 code unit order). */
  tokens: string[];
  /** For each token in the same order, its documents, ascending. */
  postings: number[][];
  /** Stop tokens (not indexed) and their document frequency. */
  common: [string, number][];
  /** Tokens in each document's field (Orama's field lengths), by document number. */
  lengths: number[];
  /** Orama's average field length. */
  avg: number;
}

export interface IndexParts {
  /** Documents by number (Orama's internal id − 1). */
  docs: StoredDoc[];
  fields: Record<TextField, FieldParts>;
  /** Every syllable of the catalog's text (accented and folded token forms), sorted, unique. */
  lexicon: string[];
}

/** What the builder takes from Orama's saved index, per field (orama.ts, buildCatalogOrama). */
export interface OramaField {
  postings: ReadonlyMap<string, number[]>;
  lengths: number[];
  avg: number;
}

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function indexParts(docs: StoredDoc[], stopTokens: StopTokens, lexicon: Iterable<string>, orama: Record<TextField, OramaField>): IndexParts {
  const fields = {} as Record<TextField, FieldParts>;
  for (const field of TEXT_FIELDS) {
    const { postings, lengths, avg } = orama[field];
    const tokens = [...postings.keys()].sort(byCodeUnits);
    // The stop tokens in the order the index has always listed them (as the keys of a JSON object:
    // integer-like keys first): the typo speller takes its words in this order, and its ties go to
    // the first word, so another order could correct a typo differently.
    const stop = Object.fromEntries(stopTokens[field] ?? []);
    fields[field] = {
      tokens,
      postings: tokens.map((t) => postings.get(t)!),
      common: Object.keys(stop).map((t) => [t, stop[t]!]),
      lengths,
      avg,
    };
  }
  const words = [...new Set(lexicon)].filter((w) => w !== '' && !w.includes(' ')).sort();
  const stored = docs.map((d) => ({ code: d.code, title: d.title, levels: d.levels, province: d.province, type: d.type, detail: d.detail }));
  return { docs: stored, fields, lexicon: words };
}

const NONE: readonly number[] = [];

class PartsField implements FieldDictionary {
  private readonly lists: Map<string, readonly number[]>;
  private readonly common: Map<string, number>;
  constructor(private readonly part: FieldParts) {
    this.lists = new Map(part.tokens.map((t, i) => [t, part.postings[i]!]));
    this.common = new Map(part.common);
  }
  ids(token: string): readonly number[] {
    return this.lists.get(token) ?? NONE;
  }
  frequency(token: string): number {
    return this.common.get(token) ?? this.ids(token).length;
  }
  has(token: string): boolean {
    return this.common.has(token) || this.lists.has(token);
  }
  isCommon(token: string): boolean {
    return this.common.has(token);
  }
  tokens(): readonly string[] {
    return this.part.tokens;
  }
  commonTokens(): readonly string[] {
    return this.part.common.map(([t]) => t);
  }
}

/** The parts read as they are, in memory: the reference reader. */
export function partsReader(parts: IndexParts): IndexReader {
  const list = parts.docs;
  const byCode = new Map(list.map((d, i) => [d.code, i]));
  const docs: DocTable = {
    count: list.length,
    code: (id) => list[id]!.code,
    title: (id) => list[id]!.title,
    levels: (id) => levelsOfMask(levelMask(list[id]!.levels)),
    province: (id) => list[id]!.province,
    type: (id) => list[id]!.type,
    detail: (id) => list[id]!.detail,
    find: (code) => byCode.get(code) ?? -1,
  };
  const fields = {} as Record<TextField, FieldDictionary>;
  for (const field of TEXT_FIELDS) fields[field] = new PartsField(parts.fields[field]);
  const lexicon = new Set(parts.lexicon);
  const factors = TEXT_FIELDS.map((f) => bm25Factors(parts.fields[f].lengths, parts.fields[f].avg));
  return { docs, fields, scorer: new Bm25Scorer(list.length, factors), lexicon };
}
