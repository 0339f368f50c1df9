// Writes the shipped index file (layout: binary.ts) from the index's parts (parts.ts), at build
// time; and reads a file back into parts, for the round-trip tests. Not part of the worker.
import { bm25Factors } from './bm25';
import {
  checksum,
  HEADER_BYTES,
  INDEX_FORMAT_VERSION,
  INDEX_MAGIC,
  KIND,
  readLayout,
  SECTION_ENTRY_BYTES,
  type Kind,
} from './binary';
import { TEXT_FIELDS, type StoredDoc, type TextField } from './index';
import { levelMask, levelsOfMask } from './reader';
import type { FieldParts, IndexParts } from './parts';

type Section = { kind: Kind; data: Uint8Array | Uint16Array | Uint32Array | Float64Array };

const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function stringSections(strings: readonly string[]): Section[] {
  const offsets = new Uint32Array(strings.length + 1);
  let total = 0;
  strings.forEach((s, i) => {
    total += s.length;
    offsets[i + 1] = total;
  });
  const latin1 = strings.every((s) => /^[\u0000-\u00ff]*$/u.test(s));
  const units = latin1 ? new Uint8Array(total) : new Uint16Array(total);
  strings.forEach((s, i) => {
    for (let k = 0; k < s.length; k++) units[offsets[i]! + k] = s.charCodeAt(k);
  });
  return [
    { kind: latin1 ? 'u8' : 'u16', data: units },
    { kind: 'u32', data: offsets },
  ];
}

function utf8Sections(strings: readonly string[]): Section[] {
  const encoder = new TextEncoder();
  const encoded = strings.map((s) => encoder.encode(s));
  const offsets = new Uint32Array(strings.length + 1);
  encoded.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.length));
  const bytes = new Uint8Array(offsets[strings.length]!);
  encoded.forEach((e, i) => bytes.set(e, offsets[i]!));
  return [
    { kind: 'u8', data: bytes },
    { kind: 'u32', data: offsets },
  ];
}

/** Numbers 0..values.length−1 in the order of their strings. */
function sortedOrder(values: readonly string[]): Uint32Array {
  return Uint32Array.from(values.map((_, i) => i).sort((a, b) => byCodeUnits(values[a]!, values[b]!) || a - b));
}

/** Values numbered in order of first appearance. */
function dictionary(): { list: string[]; index: (v: string) => number } {
  const list: string[] = [];
  return {
    list,
    index: (v) => {
      let i = list.indexOf(v);
      if (i < 0) i = list.push(v) - 1;
      return i;
    },
  };
}

/** Binary search needs them sorted (in code unit order) and unique. */
function checkSorted(strings: readonly string[], what: string): void {
  for (let i = 1; i < strings.length; i++) {
    if (byCodeUnits(strings[i - 1]!, strings[i]!) >= 0) throw new Error(`index: ${what} not sorted and unique at "${strings[i]}"`);
  }
}

function fieldSections(part: FieldParts, docCount: number, wide: boolean): Section[] {
  checkSorted(part.tokens, 'tokens');
  if (part.lengths.length !== docCount) throw new Error('index: field lengths and documents differ in number');
  const starts = new Uint32Array(part.tokens.length + 1);
  part.postings.forEach((ids, i) => (starts[i + 1] = starts[i]! + ids.length));
  const postings = wide ? new Uint32Array(starts[part.tokens.length]!) : new Uint16Array(starts[part.tokens.length]!);
  part.postings.forEach((ids, i) => {
    for (let k = 0; k < ids.length; k++) {
      if (ids[k]! < 0 || ids[k]! >= docCount || (k > 0 && ids[k]! <= ids[k - 1]!)) throw new Error(`index postings of "${part.tokens[i]}" not ascending document numbers`);
    }
    postings.set(ids, starts[i]!);
  });
  const commonTokens = part.common.map(([t]) => t);
  const { num, den } = bm25Factors(part.lengths, part.avg);
  return [
    ...stringSections(part.tokens),
    { kind: 'u32', data: starts },
    { kind: wide ? 'u32' : 'u16', data: postings },
    ...stringSections(commonTokens),
    { kind: 'u32', data: Uint32Array.from(part.common.map(([, df]) => df)) },
    { kind: 'u32', data: sortedOrder(commonTokens) },
    { kind: 'u32', data: Uint32Array.from(part.lengths) },
    { kind: 'f64', data: num },
    { kind: 'f64', data: den },
  ];
}

const align8 = (n: number) => (n + 7) & ~7;

/** The index file of the parts (layout: binary.ts). */
export function encodeIndex(parts: IndexParts): Uint8Array {
  const n = parts.docs.length;
  const codes = parts.docs.map((d) => d.code);
  if (new Set(codes).size !== n) throw new Error('index: a procedure code occurs twice');
  const provinces = dictionary();
  provinces.index(''); // 0: a national procedure
  const types = dictionary();
  const province = Uint16Array.from(parts.docs.map((d) => provinces.index(d.province)));
  const type = Uint8Array.from(parts.docs.map((d) => types.index(d.type)));
  const wide = n > 0xffff;
  checkSorted(parts.lexicon, 'lexicon');
  const sections: Section[] = [
    { kind: 'f64', data: Float64Array.from([n, ...TEXT_FIELDS.map((f) => parts.fields[f].avg)]) },
    ...stringSections(TEXT_FIELDS),
    ...stringSections(codes),
    { kind: 'u32', data: sortedOrder(codes) },
    ...utf8Sections(parts.docs.map((d) => d.title)),
    { kind: 'u8', data: Uint8Array.from(parts.docs.map((d) => levelMask(d.levels))) },
    { kind: 'u16', data: province },
    ...stringSections(provinces.list),
    { kind: 'u8', data: type },
    ...stringSections(types.list),
    { kind: 'u8', data: Uint8Array.from(parts.docs.map((d) => (d.detail ? 1 : 0))) },
    ...TEXT_FIELDS.flatMap((f) => fieldSections(parts.fields[f], n, wide)),
    ...stringSections(parts.lexicon),
  ];
  if (provinces.list.length > 0xffff || types.list.length > 0xff) throw new Error('index: too many provinces or types');

  let offset = align8(HEADER_BYTES + sections.length * SECTION_ENTRY_BYTES);
  const placed = sections.map((s) => {
    const at = offset;
    offset = align8(offset + s.data.byteLength);
    return at;
  });
  const bytes = new Uint8Array(offset);
  const dv = new DataView(bytes.buffer);
  for (let i = 0; i < INDEX_MAGIC.length; i++) bytes[i] = INDEX_MAGIC.charCodeAt(i);
  dv.setUint32(8, INDEX_FORMAT_VERSION, true);
  dv.setUint32(12, bytes.length, true);
  dv.setUint32(20, sections.length, true);
  sections.forEach((s, i) => {
    const entry = HEADER_BYTES + i * SECTION_ENTRY_BYTES;
    dv.setUint32(entry, KIND[s.kind], true);
    dv.setUint32(entry + 4, placed[i]!, true);
    dv.setUint32(entry + 8, s.data.length, true);
    bytes.set(new Uint8Array(s.data.buffer, s.data.byteOffset, s.data.byteLength), placed[i]!);
  });
  dv.setUint32(16, checksum(bytes, 20), true);
  return bytes;
}

/** The parts of an index file, and the BM25 factors it carries: what encodeIndex wrote. */
export function decodeIndex(bytes: Uint8Array): { parts: IndexParts; factors: Record<TextField, { num: number[]; den: number[] }> } {
  const l = readLayout(bytes);
  const provinces = l.provinces.all();
  const types = l.types.all();
  const docs: StoredDoc[] = Array.from({ length: l.docCount }, (_, i) => ({
    code: l.codes.at(i),
    title: l.titles.at(i),
    levels: [...levelsOfMask(l.levels[i]!)],
    province: provinces[l.province[i]!]!,
    type: types[l.type[i]!]!,
    detail: l.detail[i] === 1,
  }));
  const fields = {} as Record<TextField, FieldParts>;
  const factors = {} as Record<TextField, { num: number[]; den: number[] }>;
  TEXT_FIELDS.forEach((field, f) => {
    const x = l.fields[field];
    const tokens = [...x.tokens.all()];
    const common = x.common.all();
    fields[field] = {
      tokens,
      postings: tokens.map((_, i) => [...x.postings.subarray(x.starts[i]!, x.starts[i + 1]!)]),
      common: common.map((t, i) => [t, x.commonDf[i]!]),
      lengths: [...x.lengths],
      avg: l.avg[f]!,
    };
    factors[field] = { num: [...x.num], den: [...x.den] };
  });
  return { parts: { docs, fields, lexicon: [...l.lexicon.all()] }, factors };
}
