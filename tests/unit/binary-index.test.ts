// The shipped binary index (build/assets/data/index.bin, worker/search/binary.ts) against the index
// Orama builds from the catalog: the same postings, field lengths and documents, BM25 scores equal to
// Orama's search(), the same search results as the in-memory index on every eval question; and
// every file the worker must refuse (another version, a wrong checksum, a truncated file) refused.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../scripts/build-index';
import { readCatalog } from '../../scripts/lib/catalog';
import { loadEngine } from '../../scripts/lib/engine';
import type { Procedure } from '../../worker/catalog/schema';
import { checksum, INDEX_FORMAT_VERSION, IndexFormatError, readHeader, readIndex } from '../../worker/search/binary';
import { decodeIndex, encodeIndex } from '../../worker/search/binary-write';
import { bm25Factors } from '../../worker/search/bm25';
import { computeStopTokens, FIELD_BOOST, TEXT_FIELDS, toSearchDoc, type StopTokens } from '../../worker/search/index';
import { buildCatalogOrama, searchCatalogOrama, type BuiltOrama } from '../../worker/search/orama';
import { indexParts, partsReader, type IndexParts } from '../../worker/search/parts';
import type { IndexReader } from '../../worker/search/reader';
import { loadSynonyms } from '../../worker/search/synonyms';
import { fold, tokenize } from '../../worker/search/text';
import { procedureRecord } from './procedure-record';

const root = new URL('../../', import.meta.url);
const INDEX = new URL('build/assets/data/index.bin', root);
const synonyms = loadSynonyms(JSON.parse(readFileSync(new URL('knowledge/synonyms.json', root), 'utf8')));

/** A commune civil-status record, as the portal's list gives it. */
const procedure = (code: string, name: string, extra: Partial<Procedure> = {}): Procedure =>
  procedureRecord(code, name, {
    levels: ['commune'],
    fields: ['Hộ tịch'],
    executingAgencies: ['Ủy ban nhân dân cấp xã'],
    provenance: { source: 'portal-catalog', alsoIn: [], crawledAt: '2025' },
    ...extra,
  });

/** A three-procedure index, with the name field's common tokens as stop tokens. */
function smallIndex(): { parts: IndexParts; bytes: Uint8Array } {
  const procedures = [
    procedure('1.000002', 'Đăng ký khai tử', { levels: ['province', 'commune'], province: 'Tỉnh Gia Lai', type: 'specific' }),
    procedure('1.000001', 'Đăng ký khai sinh', { results: ['Giấy khai sinh'] }),
    procedure('1.000003', 'Đăng ký kết hôn', { detail: false, levels: [] }),
  ];
  const docs = procedures.map((p) => toSearchDoc(p, synonyms));
  // In a real catalog, a token in more than 5% of names (here: all of them) is a stop token.
  expect(computeStopTokens(docs).name?.get('đăng_kí')).toBe(3);
  const stop: StopTokens = { name: new Map([['đăng_kí', 3], ['dang_ki', 3], ['đăng', 3], ['dang', 3], ['kí', 3], ['ki', 3]]) };
  const parts = indexParts(docs, stop, ['sinh', 'khai', 'sinh'], buildCatalogOrama(docs, stop).fields);
  return { parts, bytes: encodeIndex(parts) };
}

/** The bytes with the checksum made right again after a change (to reach the checks behind it). */
function resealed(bytes: Uint8Array): Uint8Array {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(16, checksum(bytes, 20), true);
  return bytes;
}

function refusal(bytes: Uint8Array | ArrayBuffer): IndexFormatError {
  try {
    readIndex(bytes);
  } catch (err) {
    if (err instanceof IndexFormatError) return err;
    throw err;
  }
  throw new Error('the file was read');
}

describe('binary index: a small catalog', () => {
  it('reads back the documents, postings, stop tokens and words it was written from', () => {
    const { parts, bytes } = smallIndex();
    const index = readIndex(bytes);
    const { docs, fields } = index;
    expect(docs.count).toBe(3);
    expect([0, 1, 2].map((i) => docs.code(i))).toEqual(['1.000002', '1.000001', '1.000003']);
    expect(docs.title(0)).toBe('Đăng ký khai tử');
    expect(docs.levels(0)).toEqual(['province', 'commune']);
    expect(docs.province(0)).toBe('Tỉnh Gia Lai');
    expect(docs.type(0)).toBe('specific');
    expect(docs.detail(0)).toBe(true);
    expect(docs.levels(2)).toEqual([]);
    expect(docs.province(1)).toBe('');
    expect(docs.detail(2)).toBe(false);
    // Codes are found although the documents are not in code order.
    expect(['1.000001', '1.000002', '1.000003', '1.000004', ''].map((c) => docs.find(c))).toEqual([1, 0, 2, -1, -1]);
    expect(Array.from(fields.name.ids('khai'))).toEqual([0, 1]);
    expect(Array.from(fields.name.ids(fold('khai_sinh')))).toEqual([1]);
    expect(Array.from(fields.results.ids('khai_sinh'))).toEqual([1]);
    expect(fields.name.ids('đăng_kí')).toHaveLength(0); // stop token: not indexed…
    expect(fields.name.frequency('đăng_kí')).toBe(3); // …but counted
    expect(fields.name.isCommon('đăng_kí')).toBe(true);
    expect(fields.name.has('đăng_kí') && fields.name.has('khai') && !fields.name.has('không')).toBe(true);
    expect(fields.name.frequency('không_có')).toBe(0);
    expect(fields.name.commonTokens()).toEqual(['đăng_kí', 'dang_ki', 'đăng', 'dang', 'kí', 'ki']);
    expect(fields.name.tokens()).toEqual(parts.fields.name.tokens);
    expect(index.lexicon.has('khai') && index.lexicon.has('sinh') && !index.lexicon.has('kết')).toBe(true);

    // And every part, as written: the round trip is exact.
    const back = decodeIndex(bytes);
    expect(back.parts).toEqual(parts);
    for (const f of TEXT_FIELDS) {
      const { num, den } = bm25Factors(parts.fields[f].lengths, parts.fields[f].avg);
      expect(back.factors[f]).toEqual({ num: [...num], den: [...den] });
    }
  });

  it('refuses a file of another format version, or not an index at all', () => {
    const { bytes } = smallIndex();
    const other = bytes.slice();
    new DataView(other.buffer).setUint32(8, INDEX_FORMAT_VERSION + 1, true);
    const err = refusal(resealed(other));
    expect(err.problem).toBe('version');
    expect(err.message).toMatch(/version 2, this worker reads 1/u);
    expect(refusal(new TextEncoder().encode('{"version":7,"docs":{}}')).problem).toBe('magic');
  });

  it('refuses a file whose bytes changed (checksum), wherever the change is', () => {
    const { bytes } = smallIndex();
    expect(readHeader(bytes).checksum).toBe(checksum(bytes, 20));
    for (const at of [20, 30, bytes.length / 2, bytes.length - 1]) {
      const changed = bytes.slice();
      changed[at]! ^= 0x01;
      expect(refusal(changed).problem, `byte ${at}`).toBe('checksum');
    }
  });

  it('refuses a truncated file, however short', () => {
    const { bytes } = smallIndex();
    for (const length of [0, 10, 24, 100, bytes.length - 8, bytes.length - 1]) {
      expect(refusal(bytes.slice(0, length)).problem, `${length} bytes`).toBe('truncated');
    }
  });

  it('refuses sections laid out otherwise than this version lays them out', () => {
    const { bytes } = smallIndex();
    const kindChanged = bytes.slice();
    new DataView(kindChanged.buffer).setUint32(24, 1, true); // the first section (f64) said to be u8
    expect(refusal(resealed(kindChanged)).message).toMatch(/section meta: kind 1, expected f64/u);
    const fewer = bytes.slice();
    const view = new DataView(fewer.buffer);
    view.setUint32(20, view.getUint32(20, true) - 1, true);
    expect(refusal(resealed(fewer)).message).toMatch(/section lexicon \(offsets\) missing/u);
    const outOfBounds = bytes.slice();
    new DataView(outOfBounds.buffer).setUint32(24 + 12 + 8, 1e6, true); // the second section's length
    expect(refusal(resealed(outOfBounds)).problem).toBe('layout');
  });

  it('reads a file at any byte offset of its buffer (Node hands out pooled Buffers)', () => {
    const { bytes } = smallIndex();
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(readIndex(padded.subarray(3)).docs.code(1)).toBe('1.000001');
  });
});

describe('binary index: the catalog', () => {
  let orama: BuiltOrama;
  let parts: IndexParts;
  let shipped: Uint8Array;
  let binary: IndexReader;

  beforeAll(() => {
    if (!existsSync(INDEX)) throw new Error('build/assets/data/index.bin is missing: run `npx tsx scripts/build.ts` (npm test does)');
    ({ orama, parts } = buildIndex(readCatalog()));
    shipped = readFileSync(INDEX);
    binary = readIndex(shipped);
  }, 60_000);

  it('ships exactly what the builder writes from the catalog (the build is deterministic)', () => {
    expect(Buffer.compare(Buffer.from(encodeIndex(parts)), shipped)).toBe(0);
  });

  it('holds every token, posting and field length of the Orama index', () => {
    let mismatches = 0;
    const back = decodeIndex(shipped);
    for (const field of TEXT_FIELDS) {
      const built = orama.fields[field];
      const dictionary = binary.fields[field];
      expect(dictionary.tokens()).toEqual([...built.postings.keys()].sort());
      for (const [token, ids] of built.postings) {
        const read = dictionary.ids(token);
        if (read.length !== ids.length || ids.some((id, i) => read[i] !== id)) mismatches++;
      }
      expect(back.parts.fields[field].lengths).toEqual(built.lengths);
      expect(back.parts.fields[field].avg).toBe(built.avg);
    }
    expect(mismatches).toBe(0);
    expect(binary.docs.count).toBe(parts.docs.length);
    parts.docs.forEach((d, i) => {
      if (binary.docs.code(i) !== d.code || binary.docs.title(i) !== d.title || binary.docs.find(d.code) !== i) mismatches++;
    });
    expect(mismatches).toBe(0);
  });

  it("scores BM25 over the binary form exactly as Orama's search() does on the Orama index", () => {
    const questions = [
      'đăng ký khai sinh',
      'cap lai giay phep lai xe bi mat',
      'Tôi muốn thành lập công ty trách nhiệm hữu hạn một thành viên thì cần những giấy tờ gì và nộp ở đâu',
      'hộ kinh doanh',
      'xin giấy xác nhận tình trạng hôn nhân để kết hôn với người nước ngoài ở Hà Nội',
      ...readEvalQuestions().filter((_, i) => i % 10 === 0),
    ];
    for (const q of questions) {
      const tokens = tokenize(q).filter((t) => TEXT_FIELDS.some((f) => binary.fields[f].ids(t).length > 0));
      const terms = tokens.map((t) => TEXT_FIELDS.map((f) => binary.fields[f].ids(t)));
      for (const limit of [5, 45, 400]) {
        expect(binary.scorer.top(terms, FIELD_BOOST, limit), q).toEqual(searchCatalogOrama(orama.db, tokens, FIELD_BOOST, limit));
      }
    }
    expect(binary.scorer.top([], FIELD_BOOST, 5)).toEqual([]);
    // A tenth of every eval set's questions: the work grows with the sets (over 5 s on a loaded machine).
  }, 60_000);

  it('gives every eval question the same results as the index read in memory', () => {
    const fromBinary = loadEngine(binary);
    const inMemory = loadEngine(partsReader(parts));
    const questions = readEvalQuestions();
    expect(questions.length).toBeGreaterThan(300);
    for (const q of questions) {
      for (const opts of [{ limit: 20 }, { limit: 10, province: 'Thành phố Đà Nẵng' }, { limit: 10, levels: ['commune' as const] }]) {
        expect(fromBinary.search(q, opts), q).toEqual(inMemory.search(q, opts));
      }
    }
  }, 60_000);
});

/** Every question of the eval sets (tests/eval/*.jsonl). */
function readEvalQuestions(): string[] {
  const dir = new URL('tests/eval/', root);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .flatMap((f) =>
      readFileSync(new URL(f, dir), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => (JSON.parse(l) as { question: string }).question),
    );
}
