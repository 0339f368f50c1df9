// The Orama index of the catalog: one document per procedure. Built ahead of time by
// scripts/build-index.ts, loaded by the worker at cold start; both create the database here so
// the schema and the tokenizer can never differ between build and query.
import { create, type Orama } from '@orama/orama';
import type { Procedure } from '../catalog/schema';
import { expandQuery, type Synonyms } from './synonyms';
import { createVietnameseTokenizer, tokenize } from './text';

export const searchSchema = {
  name: 'string',
  results: 'string',
  about: 'string',
  components: 'string',
  levels: 'enum[]',
  province: 'enum',
  type: 'enum',
  detail: 'boolean',
} as const;

export type SearchDb = Orama<typeof searchSchema>;
export type TextField = 'name' | 'results' | 'about' | 'components';
export const TEXT_FIELDS: readonly TextField[] = ['name', 'results', 'about', 'components'];

export interface SearchDoc {
  code: string;
  /** The catalog name, as shown. */
  title: string;
  /** The name as searched: the catalog name plus its synonym-expanded rewrite (BHYT → bảo hiểm y tế). */
  name: string;
  results: string;
  /** Fields (lĩnh vực) and agencies. */
  about: string;
  components: string;
  levels: string[];
  province: string;
  type: string;
  detail: boolean;
}

/** What a hit carries back from the index; the rest of the record is fetched on demand. */
export const STORED_FIELDS = ['code', 'title', 'levels', 'province', 'type', 'detail'] as const;
export type StoredDoc = Pick<SearchDoc, (typeof STORED_FIELDS)[number]>;

/**
 * Relative weight of each text field: what people call a procedure is its name, far above the
 * result it produces ("Giấy chứng nhận kết hôn"), its field and agencies, and its document list.
 */
export const FIELD_BOOST: Record<TextField, number> = {
  name: 8,
  results: 2,
  about: 0.8,
  components: 0.3,
};

/** Secondary fields are indexed with folded tokens only: the accent bonus matters on names. */
const FOLDED_FIELDS: readonly TextField[] = ['results', 'about', 'components'];

/**
 * Tokens found in more than this share of a field's documents are left out of that field's index
 * ("thủ tục", "cấp", "ủy ban nhân dân"): their BM25 weight is near zero, yet their postings were
 * most of the index's size and of the time a long question took.
 */
export const MAX_DOCUMENT_FREQUENCY = Number((globalThis as any).process?.env?.W_DF ?? 0.05);

export type StopTokens = Partial<Record<TextField, ReadonlySet<string>>>;

export interface SearchDbOptions {
  queryFilter?: (tokens: string[]) => string[];
  /** Build time only: tokens not to index, per field. */
  stopTokens?: StopTokens;
}

export function createSearchDb(opts: SearchDbOptions = {}): SearchDb {
  const stop = opts.stopTokens;
  return create({
    schema: searchSchema,
    sort: { enabled: false },
    components: {
      tokenizer: createVietnameseTokenizer({
        queryFilter: opts.queryFilter,
        foldedProps: FOLDED_FIELDS,
        documentFilter: stop
          ? (prop, tokens) => {
              const s = stop[prop as TextField];
              return s ? tokens.filter((t) => !s.has(t)) : tokens;
            }
          : undefined,
      }),
    },
  }) as SearchDb;
}

const MAX_COMPONENT_TEXT = 1500;

export function toSearchDoc(p: Procedure, synonyms: Synonyms): SearchDoc {
  const components = [...new Set(p.cases.flatMap((c) => c.components.map((x) => x.name)))].join('\n');
  return {
    code: p.code,
    title: p.name,
    name: expandQuery(p.name, synonyms),
    results: p.results.join('\n'),
    about: [...new Set([...p.fields, ...p.executingAgencies, ...p.competentAgencies])].join('\n'),
    components: components.slice(0, MAX_COMPONENT_TEXT),
    levels: p.levels,
    province: p.province ?? '',
    type: p.type,
    detail: p.detail,
  };
}

/** Per field, the tokens too common to be worth indexing (see MAX_DOCUMENT_FREQUENCY). */
export function computeStopTokens(docs: SearchDoc[]): StopTokens {
  const out: StopTokens = {};
  for (const field of TEXT_FIELDS) {
    const df = new Map<string, number>();
    const foldedOnly = FOLDED_FIELDS.includes(field);
    for (const d of docs) for (const t of tokenize(d[field], { foldedOnly })) df.set(t, (df.get(t) ?? 0) + 1);
    const limit = MAX_DOCUMENT_FREQUENCY * docs.length;
    out[field] = new Set([...df].filter(([, n]) => n > limit).map(([t]) => t));
  }
  return out;
}

