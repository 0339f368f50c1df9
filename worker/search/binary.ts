// The shipped index (build/assets/data/index.bin): typed arrays in one file, read in place.
//
// Loading the index is the first thing a cold isolate does for a citizen's first question, and it
// used to be the costliest: a 3.8 MB JSON snapshot parsed (10–14 ms), then Orama's load() and the
// scorer's tables rebuilt (35–50 ms), ~22 MB of heap. Everything the search needs is known at build
// time, so the file holds it as it is used: term dictionaries (tokens as UTF-16 code units, sorted,
// found by binary search without making a string), postings (document numbers, ascending), the
// per-document factors of BM25 (bm25.ts), the documents' stored fields column by column. Reading it
// is checking the header and the checksum and making views: no parsing, no object per document.
//
// Layout (little-endian, as typed arrays are on every platform Workers and Node run on):
//   0  magic "TTHCIDX\0"         8  u32 format version     12  u32 file length
//   16 u32 checksum of bytes 20..end (checksum() below)    20  u32 number of sections
//   24 per section: u32 kind (KIND), u32 byte offset, u32 number of elements
//   then the sections, each 8-byte aligned, in the order readLayout() reads them (and
//   binary-write.ts writes them); the file length is a multiple of 8.
// A string table is two sections: the strings' UTF-16 code units (u8 when all are below 256, as the
// folded tokens of the secondary fields are: half the size), and n + 1 offsets into them.
import type { TextField } from './index';
import { TEXT_FIELDS } from './index';
import { Bm25Scorer } from './bm25';
import { levelsOfMask, type DocTable, type FieldDictionary, type IndexReader, type WordList } from './reader';

export const INDEX_MAGIC = 'TTHCIDX\0';
/** Bump when the layout or what a section means changes; the worker refuses any other version. */
export const INDEX_FORMAT_VERSION = 1;
export const HEADER_BYTES = 24;
export const SECTION_ENTRY_BYTES = 12;

export const KIND = { u8: 1, u16: 2, u32: 3, f64: 4 } as const;
export type Kind = keyof typeof KIND;
export const KIND_BYTES: Record<Kind, number> = { u8: 1, u16: 2, u32: 4, f64: 8 };

/** Why an index file was refused. */
export type IndexFormatProblem = 'truncated' | 'magic' | 'version' | 'checksum' | 'layout';

export class IndexFormatError extends Error {
  constructor(
    readonly problem: IndexFormatProblem,
    message: string,
  ) {
    super(`search index (index.bin): ${message}`);
    this.name = 'IndexFormatError';
  }
}

/**
 * FNV-1a over 32-bit words: every change of a single word changes it (each step is a bijection of
 * the running value), and it costs one multiply per 4 bytes (2.5–4 ms for the catalog's 4.3 MB).
 * `from` and the length are multiples of 4.
 */
export function checksum(bytes: Uint8Array, from: number): number {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + from, (bytes.byteLength - from) >>> 2);
  let h = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 0x01000193);
  return h >>> 0;
}

/** A table of strings stored as UTF-16 code units (or Latin-1 bytes), compared in place. */
export class StringTable {
  private decoded: string[] | null = null;
  constructor(
    private readonly units: Uint8Array | Uint16Array,
    /** count + 1 offsets into `units`. */
    private readonly offsets: Uint32Array,
  ) {}

  get count(): number {
    return this.offsets.length - 1;
  }

  /** Compares string i with s in code unit order (as JavaScript's < does). */
  compare(i: number, s: string): number {
    const units = this.units;
    const from = this.offsets[i]!;
    const length = this.offsets[i + 1]! - from;
    const n = length < s.length ? length : s.length;
    for (let k = 0; k < n; k++) {
      const d = units[from + k]! - s.charCodeAt(k);
      if (d !== 0) return d;
    }
    return length - s.length;
  }

  /** The number of s in a table sorted in code unit order, or −1. */
  find(s: string): number {
    let lo = 0;
    let hi = this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(mid, s);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** The number of s where `order` lists the table's numbers in sorted order, or −1. */
  findThrough(order: Uint32Array, s: string): number {
    let lo = 0;
    let hi = order.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compare(order[mid]!, s);
      if (c === 0) return order[mid]!;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  at(i: number): string {
    if (this.decoded) return this.decoded[i]!;
    return fromUnits(this.units, this.offsets[i]!, this.offsets[i + 1]!);
  }

  /** Every string, made once and kept. */
  all(): readonly string[] {
    if (!this.decoded) {
      const text = fromUnits(this.units, 0, this.units.length);
      const out = new Array<string>(this.count);
      for (let i = 0; i < out.length; i++) out[i] = text.slice(this.offsets[i]!, this.offsets[i + 1]!);
      this.decoded = out;
    }
    return this.decoded;
  }
}

function fromUnits(units: Uint8Array | Uint16Array, from: number, to: number): string {
  const CHUNK = 8192; // arguments per fromCharCode call
  let out = '';
  for (let i = from; i < to; i += CHUNK) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + CHUNK)) as unknown as number[]);
  return out;
}

/** Strings stored as UTF-8 (the titles: shown, never compared), decoded when asked for. */
export class Utf8Table {
  private static readonly decoder = new TextDecoder();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly offsets: Uint32Array,
  ) {}
  get count(): number {
    return this.offsets.length - 1;
  }
  at(i: number): string {
    return Utf8Table.decoder.decode(this.bytes.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }
}

type View = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** Reads the sections in order, checking each one's kind and bounds. */
class Sections {
  private next = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly count: number,
  ) {}

  private take(kinds: readonly Kind[], name: string): View {
    if (this.next >= this.count) throw new IndexFormatError('layout', `section ${name} missing`);
    const dv = new DataView(this.bytes.buffer, this.bytes.byteOffset + HEADER_BYTES + this.next * SECTION_ENTRY_BYTES, SECTION_ENTRY_BYTES);
    this.next++;
    const code = dv.getUint32(0, true);
    const offset = dv.getUint32(4, true);
    const length = dv.getUint32(8, true);
    const kind = kinds.find((k) => KIND[k] === code);
    if (!kind) throw new IndexFormatError('layout', `section ${name}: kind ${code}, expected ${kinds.join(' or ')}`);
    if (offset % 8 !== 0 || offset + length * KIND_BYTES[kind] > this.bytes.byteLength) {
      throw new IndexFormatError('layout', `section ${name}: out of bounds`);
    }
    const at = this.bytes.byteOffset + offset;
    const buffer = this.bytes.buffer;
    switch (kind) {
      case 'u8':
        return new Uint8Array(buffer, at, length);
      case 'u16':
        return new Uint16Array(buffer, at, length);
      case 'u32':
        return new Uint32Array(buffer, at, length);
      case 'f64':
        return new Float64Array(buffer, at, length);
    }
  }

  u8(name: string, length?: number): Uint8Array {
    return sized(this.take(['u8'], name) as Uint8Array, name, length);
  }
  u16(name: string, length?: number): Uint16Array {
    return sized(this.take(['u16'], name) as Uint16Array, name, length);
  }
  u32(name: string, length?: number): Uint32Array {
    return sized(this.take(['u32'], name) as Uint32Array, name, length);
  }
  f64(name: string, length?: number): Float64Array {
    return sized(this.take(['f64'], name) as Float64Array, name, length);
  }
  /** Document numbers: 16-bit when every number fits, else 32-bit. */
  ids(name: string): Uint16Array | Uint32Array {
    return this.take(['u16', 'u32'], name) as Uint16Array | Uint32Array;
  }
  strings(name: string, count?: number): StringTable {
    const units = this.take(['u16', 'u8'], `${name} (code units)`) as Uint8Array | Uint16Array;
    const offsets = this.u32(`${name} (offsets)`, count === undefined ? undefined : count + 1);
    offsetsFit(offsets, units.length, name);
    return new StringTable(units, offsets);
  }
  utf8(name: string, count: number): Utf8Table {
    const bytes = this.u8(`${name} (bytes)`);
    const offsets = this.u32(`${name} (offsets)`, count + 1);
    offsetsFit(offsets, bytes.length, name);
    return new Utf8Table(bytes, offsets);
  }
  end(): void {
    if (this.next !== this.count) throw new IndexFormatError('layout', `${this.count - this.next} sections more than expected`);
  }
}

function sized<T extends View>(view: T, name: string, length: number | undefined): T {
  if (length !== undefined && view.length !== length) throw new IndexFormatError('layout', `section ${name}: ${view.length} elements, expected ${length}`);
  return view;
}

function offsetsFit(offsets: Uint32Array, total: number, name: string): void {
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== total) {
    throw new IndexFormatError('layout', `section ${name}: offsets do not match its data`);
  }
}

const NO_IDS = new Uint16Array(0);

class BinaryField implements FieldDictionary {
  constructor(
    private readonly tokenTable: StringTable,
    /** For each token, where its documents start in `postings` (count + 1). */
    private readonly starts: Uint32Array,
    private readonly postings: Uint16Array | Uint32Array,
    private readonly common: StringTable,
    private readonly commonDf: Uint32Array,
    /** The stop tokens' numbers in sorted order. */
    private readonly commonSorted: Uint32Array,
  ) {}

  ids(token: string): Uint16Array | Uint32Array {
    const i = this.tokenTable.find(token);
    return i < 0 ? NO_IDS : this.postings.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

  frequency(token: string): number {
    const c = this.common.findThrough(this.commonSorted, token);
    if (c >= 0) return this.commonDf[c]!;
    const i = this.tokenTable.find(token);
    return i < 0 ? 0 : this.starts[i + 1]! - this.starts[i]!;
  }

  has(token: string): boolean {
    return this.isCommon(token) || this.tokenTable.find(token) >= 0;
  }

  isCommon(token: string): boolean {
    return this.common.findThrough(this.commonSorted, token) >= 0;
  }

  tokens(): readonly string[] {
    return this.tokenTable.all();
  }

  commonTokens(): readonly string[] {
    return this.common.all();
  }
}

class BinaryDocs implements DocTable {
  private provinceNames: readonly string[] | null = null;
  private typeNames: readonly string[] | null = null;
  constructor(
    readonly count: number,
    private readonly codes: StringTable,
    /** Document numbers in code order. */
    private readonly codeOrder: Uint32Array,
    private readonly titles: Utf8Table,
    private readonly levelMasks: Uint8Array,
    private readonly provinceOf: Uint16Array,
    private readonly provinces: StringTable,
    private readonly typeOf: Uint8Array,
    private readonly types: StringTable,
    private readonly details: Uint8Array,
  ) {}
  code(id: number): string {
    return this.codes.at(id);
  }
  title(id: number): string {
    return this.titles.at(id);
  }
  levels(id: number) {
    return levelsOfMask(this.levelMasks[id]!);
  }
  province(id: number): string {
    this.provinceNames ??= this.provinces.all();
    return this.provinceNames[this.provinceOf[id]!] ?? '';
  }
  type(id: number): string {
    this.typeNames ??= this.types.all();
    return this.typeNames[this.typeOf[id]!] ?? '';
  }
  detail(id: number): boolean {
    return this.details[id] === 1;
  }
  find(code: string): number {
    return this.codes.findThrough(this.codeOrder, code);
  }
}

class BinaryWords implements WordList {
  constructor(private readonly words: StringTable) {}
  has(word: string): boolean {
    return this.words.find(word) >= 0;
  }
}

/** The header's fields, for the writer and for tests that take a file apart. */
export function readHeader(bytes: Uint8Array): { version: number; length: number; checksum: number; sections: number } {
  for (let i = 0; i < INDEX_MAGIC.length && i < bytes.byteLength; i++) {
    if (bytes[i] !== INDEX_MAGIC.charCodeAt(i)) throw new IndexFormatError('magic', 'not an index file (magic number)');
  }
  if (bytes.byteLength < HEADER_BYTES) throw new IndexFormatError('truncated', `${bytes.byteLength} bytes, shorter than its header`);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, HEADER_BYTES);
  return { version: dv.getUint32(8, true), length: dv.getUint32(12, true), checksum: dv.getUint32(16, true), sections: dv.getUint32(20, true) };
}

/** One field's sections. */
export interface FieldLayout {
  tokens: StringTable;
  /** For each token, where its documents start in `postings` (count + 1). */
  starts: Uint32Array;
  postings: Uint16Array | Uint32Array;
  /** Stop tokens, in the order the builder recorded them, their document frequencies, and their numbers in sorted order. */
  common: StringTable;
  commonDf: Uint32Array;
  commonSorted: Uint32Array;
  /** Orama's field lengths, by document (BM25 uses the factors made from them at build). */
  lengths: Uint32Array;
  num: Float64Array;
  den: Float64Array;
}

/** Every section of the file, as views. */
export interface IndexLayout {
  docCount: number;
  /** Orama's average field length, per field (TEXT_FIELDS order). */
  avg: Float64Array;
  codes: StringTable;
  /** Document numbers in code order. */
  codeOrder: Uint32Array;
  titles: Utf8Table;
  levels: Uint8Array;
  province: Uint16Array;
  provinces: StringTable;
  type: Uint8Array;
  types: StringTable;
  detail: Uint8Array;
  fields: Record<TextField, FieldLayout>;
  lexicon: StringTable;
}

/**
 * The sections of an index file, checked (header, version, length, checksum, each section's kind
 * and bounds), as views of the bytes: they must stay unmodified. Throws IndexFormatError.
 */
export function readLayout(data: ArrayBuffer | Uint8Array): IndexLayout {
  let bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  // Typed-array views need aligned offsets (Node may hand out a Buffer inside a shared pool).
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const header = readHeader(bytes);
  if (header.version !== INDEX_FORMAT_VERSION) {
    throw new IndexFormatError('version', `format version ${header.version}, this worker reads ${INDEX_FORMAT_VERSION}: rebuild it (npm run build)`);
  }
  if (bytes.byteLength < header.length) throw new IndexFormatError('truncated', `${bytes.byteLength} bytes of ${header.length}`);
  if (bytes.byteLength > header.length || header.length % 8 !== 0) {
    throw new IndexFormatError('layout', `${bytes.byteLength} bytes, the header says ${header.length}`);
  }
  if (HEADER_BYTES + header.sections * SECTION_ENTRY_BYTES > header.length) throw new IndexFormatError('layout', 'section table out of bounds');
  const sum = checksum(bytes, 20);
  if (sum !== header.checksum) throw new IndexFormatError('checksum', `checksum ${sum.toString(16)}, the header says ${header.checksum.toString(16)}`);

  const s = new Sections(bytes, header.sections);
  const meta = s.f64('meta', 1 + TEXT_FIELDS.length);
  const n = meta[0]!;
  const names = s.strings('field names', TEXT_FIELDS.length);
  TEXT_FIELDS.forEach((f, i) => {
    if (names.compare(i, f) !== 0) throw new IndexFormatError('layout', `field ${i} is "${names.at(i)}", expected "${f}"`);
  });
  const layout: Omit<IndexLayout, 'fields' | 'lexicon'> = {
    docCount: n,
    avg: meta.subarray(1),
    codes: s.strings('codes', n),
    codeOrder: s.u32('code order', n),
    titles: s.utf8('titles', n),
    levels: s.u8('levels', n),
    province: s.u16('province', n),
    provinces: s.strings('provinces'),
    type: s.u8('type', n),
    types: s.strings('types'),
    detail: s.u8('detail', n),
  };
  const fields = {} as Record<TextField, FieldLayout>;
  for (const field of TEXT_FIELDS) {
    const tokens = s.strings(`${field} tokens`);
    const starts = s.u32(`${field} postings starts`, tokens.count + 1);
    const postings = s.ids(`${field} postings`);
    offsetsFit(starts, postings.length, `${field} postings`);
    const common = s.strings(`${field} stop tokens`);
    fields[field] = {
      tokens,
      starts,
      postings,
      common,
      commonDf: s.u32(`${field} stop token frequencies`, common.count),
      commonSorted: s.u32(`${field} stop tokens sorted`, common.count),
      lengths: s.u32(`${field} lengths`, n),
      num: s.f64(`${field} BM25 numerators`, n),
      den: s.f64(`${field} BM25 denominators`, n),
    };
  }
  const lexicon = s.strings('lexicon');
  s.end();
  return { ...layout, fields, lexicon };
}

/**
 * The index in the bytes, read in place: views and a few small objects, nothing per document or
 * per token. Throws IndexFormatError (see readLayout).
 */
export function readIndex(data: ArrayBuffer | Uint8Array): IndexReader {
  const l = readLayout(data);
  const docs = new BinaryDocs(l.docCount, l.codes, l.codeOrder, l.titles, l.levels, l.province, l.provinces, l.type, l.types, l.detail);
  const fields = {} as Record<TextField, FieldDictionary>;
  for (const field of TEXT_FIELDS) {
    const f = l.fields[field];
    fields[field] = new BinaryField(f.tokens, f.starts, f.postings, f.common, f.commonDf, f.commonSorted);
  }
  const scorer = new Bm25Scorer(l.docCount, TEXT_FIELDS.map((field) => l.fields[field]));
  return { docs, fields, scorer, lexicon: new BinaryWords(l.lexicon) };
}
