// The catalog's Orama index: built at build time (insertMultiple with the Vietnamese tokenizer), the
// source of the shipped index's postings and field lengths (parts.ts, binary-write.ts), and the
// reference its BM25 is checked against (Orama's own search(): tests/unit/binary-index.test.ts).
// The worker never loads Orama: it reads the binary index (binary.ts). Orama's load() of a saved
// index took ~29 ms of a cold start, and its radix trees 150–200 ms to rebuild.
//
// Our tokens are whole (each ends with an end mark, so Orama's prefix search finds only the token
// itself), and each token is emitted once per field, so a term's frequency is 1 / field length:
// the postings and the field lengths are all of Orama's index that BM25 uses.
import { create, insertMultiple, save, search, type Orama, type RawData } from '@orama/orama';
import { FOLDED_FIELDS, TEXT_FIELDS, type SearchDoc, type StopTokens, type TextField } from './index';
import type { OramaField } from './parts';
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
  fieldLengths: Record<string, Record<string, number>>;
  avgFieldLength: Record<string, number>;
}

export interface BuiltOrama {
  /** The Orama database, for reference searches. */
  db: CatalogOrama;
  /** Per field, what the shipped index keeps of it. */
  fields: Record<TextField, OramaField>;
}

/**
 * Builds the index of the documents (document number i is Orama id "i") and takes, from its saved
 * form, each field's postings (token without end mark → document numbers, ascending) and field
 * lengths. Internal ids are 1-based in insertion order, so document number = internal id − 1.
 */
export function buildCatalogOrama(docs: SearchDoc[], stopTokens: StopTokens): BuiltOrama {
  const db = createCatalogOrama(stopTokens);
  insertMultiple(
    db,
    docs.map((d, i) => ({ id: String(i), name: d.name, results: d.results, about: d.about, components: d.components })),
    1000,
  );
  const index = (save(db) as RawData).index as IndexData;
  const fields = {} as Record<TextField, OramaField>;
  for (const field of TEXT_FIELDS) {
    const postings = new Map<string, number[]>();
    const walk = (node: RadixJson) => {
      if (node.e && node.d.length) postings.set(node.w.slice(0, -TOKEN_END.length), node.d.map((id) => id - 1).sort((a, b) => a - b));
      for (const [, child] of node.c) walk(child);
    };
    walk(index.indexes[field]!.node as RadixJson);
    const lengths = new Array<number>(docs.length).fill(0);
    for (const [id, length] of Object.entries(index.fieldLengths[field] ?? {})) lengths[Number(id) - 1] = length;
    fields[field] = { postings, lengths, avg: index.avgFieldLength[field]! };
  }
  return { db, fields };
}

/** BM25 through Orama's own search() over the text fields with their boosts; hits as document numbers, best first. */
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
