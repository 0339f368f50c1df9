// The loaded index as the search engine sees it: all it may ask of the index, and nothing about how
// the index is stored. Two implementations: the binary form the worker ships (binary.ts, typed-array
// views over the bytes) and the in-memory form the builder derives from Orama (parts.ts), which is
// the reference the binary form is checked against.
import type { Level } from '../catalog/schema';
import type { TextField } from './index';

/** The stored fields of the documents (procedures), by document number 0..count−1. */
export interface DocTable {
  readonly count: number;
  /** Procedure code ("1.001193"). */
  code(id: number): string;
  /** The catalog name, as shown. */
  title(id: number): string;
  /** Levels that carry the procedure out; a shared array, not to be modified. */
  levels(id: number): readonly Level[];
  /** The province of a province-specific procedure; '' for a national one. */
  province(id: number): string;
  /** 'standard', 'specific' or 'internal'. */
  type(id: number): string;
  /** The catalog has the procedure's full record. */
  detail(id: number): boolean;
  /** The document number of a procedure code, or −1. */
  find(code: string): number;
}

/** One text field's term dictionary (exact tokens: no prefix search is ever needed). */
export interface FieldDictionary {
  /** Documents whose field has the token, ascending; empty for unknown and stop tokens. */
  ids(token: string): ArrayLike<number>;
  /** Number of documents with the token, stop tokens included (0 when unknown). */
  frequency(token: string): number;
  /** The field has the token (indexed or stop token). */
  has(token: string): boolean;
  /** A stop token: too common to be indexed, only counted (index.ts, MAX_DOCUMENT_FREQUENCY). */
  isCommon(token: string): boolean;
  /** Every indexed token, sorted (UTF-16 code unit order); made on first call. */
  tokens(): readonly string[];
  /** The stop tokens, in the order the builder recorded them. */
  commonTokens(): readonly string[];
}

/** One query token's documents in each text field (TEXT_FIELDS order; empty when the field lacks it). */
export type TermPostings = readonly ArrayLike<number>[];

/** BM25 over the index (bm25.ts). */
export interface Scorer {
  /** The best `limit` documents for the tokens (each with its postings per field), best first, ties to the lower number. */
  top(terms: readonly TermPostings[], boost: Record<TextField, number>, limit: number): { id: number; score: number }[];
}

/** A set of words, read-only. */
export interface WordList {
  has(word: string): boolean;
}

export interface IndexReader {
  readonly docs: DocTable;
  readonly fields: Readonly<Record<TextField, FieldDictionary>>;
  readonly scorer: Scorer;
  /** Every syllable of the catalog's text (accented and folded token forms): words, not typos. */
  readonly lexicon: WordList;
}

/** The catalog's words plus words added at run time (the synonyms', the question phrases'). */
export class Lexicon implements WordList {
  private readonly added = new Set<string>();
  constructor(private readonly catalog: WordList) {}
  has(word: string): boolean {
    return this.added.has(word) || this.catalog.has(word);
  }
  add(word: string): void {
    this.added.add(word);
  }
}

/** Levels by bit: bit i of a level mask set means LEVEL_BITS[i]. */
export const LEVEL_BITS: readonly Level[] = ['ministry', 'province', 'commune', 'other'];

export function levelMask(levels: readonly string[]): number {
  return levels.reduce((m, l) => m | (1 << Math.max(0, LEVEL_BITS.indexOf(l as Level))), 0);
}

/** The level lists of the 16 masks, made once and shared (never modified: hits copy them). */
const LEVEL_LISTS: readonly (readonly Level[])[] = Array.from({ length: 1 << LEVEL_BITS.length }, (_, mask) =>
  Object.freeze(LEVEL_BITS.filter((_, b) => mask & (1 << b))),
);

export function levelsOfMask(mask: number): readonly Level[] {
  return LEVEL_LISTS[mask & (LEVEL_LISTS.length - 1)]!;
}
