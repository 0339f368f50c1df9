// Finds the procedure a citizen means: query understanding (codes, aspects, provinces, fluff,
// synonyms) → Orama BM25 over the prebuilt index → a re-rank on how much of a procedure's own name
// the question covers. Pure: no I/O, so the worker, the eval and the benchmark share it.
import { search } from '@orama/orama';
import type { Level } from '../catalog/schema';
import type { PhraseMatcher, Aspect } from './phrases';
import { FIELD_BOOST, TEXT_FIELDS, type SearchDb, type StoredDoc } from './index';
import { fromSnapshot, type Snapshot, type TermDictionary } from './snapshot';
import { expandQuery, type Synonyms } from './synonyms';
import { segment, tokenize } from './text';

export interface QueryAnalysis {
  /** Procedure codes typed in the question (1.001193). */
  codes: string[];
  /** Aspects asked about, strongest and earliest first. */
  aspects: Aspect[];
  /** Provinces named in the question (full names as in the catalog). */
  provinces: string[];
  /** What is left to search once fluff, aspect questions, provinces and codes are taken out. */
  searchText: string;
}

export interface SearchOptions {
  limit?: number;
  /** Only procedures carried out at one of these levels. */
  levels?: Level[];
  /** The deployment's province: province-specific procedures of other provinces are left out unless named. */
  province?: string | null;
}

export interface SearchHit {
  code: string;
  name: string;
  levels: Level[];
  province: string | null;
  detail: boolean;
  score: number;
}

export interface SearchResult {
  analysis: QueryAnalysis;
  hits: SearchHit[];
}

const CODE_RE = /^\d\.\d{6}$/u;
/** Most informative query tokens kept (a 900-character question has ~500): bounds the time of a search. */
const MAX_QUERY_TOKENS = 64;
/** BM25 candidates re-ranked. */
const CANDIDATES = 40;

export class SearchEngine {
  private readonly db: SearchDb;
  private readonly dictionaries: Record<string, TermDictionary>;
  private readonly byCode = new Map<string, StoredDoc>();
  private readonly nameTokens = new Map<string, Set<string>>();

  constructor(
    snapshot: Snapshot,
    private readonly synonyms: Synonyms,
    private readonly phrases: PhraseMatcher,
  ) {
    const loaded = fromSnapshot(snapshot, { queryFilter: (tokens) => this.informativeTokens(tokens) });
    this.db = loaded.db;
    this.dictionaries = loaded.dictionaries;
    const docs = (this.db.data.docs as unknown as { docs: Record<string, StoredDoc> }).docs;
    for (const doc of Object.values(docs)) this.byCode.set(doc.code, doc);
  }

  get size(): number {
    return this.byCode.size;
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** Keeps the query tokens that exist in the index, rarest first, at most MAX_QUERY_TOKENS. */
  private informativeTokens(tokens: string[]): string[] {
    const scored: [string, number][] = [];
    for (const t of tokens) {
      let df = 0;
      for (const f of TEXT_FIELDS) df = Math.max(df, this.dictionaries[f]?.documentFrequency(t + '$') ?? 0);
      if (df > 0) scored.push([t, df]);
    }
    if (scored.length <= MAX_QUERY_TOKENS) return scored.map(([t]) => t);
    scored.sort((a, b) => a[1] - b[1]);
    return scored.slice(0, MAX_QUERY_TOKENS).map(([t]) => t);
  }

  analyze(question: string): QueryAnalysis {
    const seg = segment(question);
    const matches = this.phrases.match(seg);
    const removed = new Array<boolean>(seg.raw.length).fill(false);
    const asks: { at: number; aspect: Aspect }[] = [];
    const hints: { at: number; aspect: Aspect }[] = [];
    const provinces: string[] = [];
    for (const m of matches) {
      const k = m.kind;
      if (k.type === 'aspect' && k.strength === 'hint') {
        hints.push({ at: m.start, aspect: k.aspect });
        continue;
      }
      if (k.type === 'aspect') asks.push({ at: m.start, aspect: k.aspect });
      if (k.type === 'province' && !provinces.includes(k.province)) provinces.push(k.province);
      for (let j = m.start; j < m.end; j++) removed[j] = true;
    }
    const codes: string[] = [];
    let text = '';
    let gap = true;
    for (let j = 0; j < seg.raw.length; j++) {
      const raw = seg.raw[j]!;
      if (CODE_RE.test(raw)) {
        if (!codes.includes(raw)) codes.push(raw);
        removed[j] = true;
      }
      if (removed[j]) {
        gap = true;
        continue;
      }
      // A removed phrase or punctuation in between must not join its neighbours into a bigram.
      text += text === '' ? '' : gap || !seg.joined[j] ? ', ' : ' ';
      text += seg.info[j]?.canon ?? raw;
      gap = false;
    }
    const aspects: Aspect[] = [];
    for (const a of [...asks, ...hints]) if (!aspects.includes(a.aspect)) aspects.push(a.aspect);
    return { codes, aspects, provinces, searchText: text === '' ? '' : expandQuery(text, this.synonyms) };
  }

  search(question: string, opts: SearchOptions = {}): SearchResult {
    const analysis = this.analyze(question);
    return { analysis, hits: this.searchAnalyzed(analysis, opts) };
  }

  searchAnalyzed(analysis: QueryAnalysis, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 5;
    const hits: SearchHit[] = [];
    for (const code of analysis.codes) {
      const doc = this.byCode.get(code);
      if (doc) hits.push(toHit(doc, Number.MAX_SAFE_INTEGER));
    }
    if (analysis.searchText === '' || hits.length >= limit) return hits.slice(0, limit);

    const where: Record<string, unknown> = {};
    if (opts.levels?.length) where.levels = { containsAny: opts.levels };
    if (opts.province) where.province = { in: ['', opts.province, ...analysis.provinces] };
    const result = search(this.db, {
      term: analysis.searchText,
      properties: [...TEXT_FIELDS],
      boost: FIELD_BOOST,
      limit: CANDIDATES,
      threshold: 1,
      ...(Object.keys(where).length ? { where } : {}),
    }) as { hits: { score: number; document: StoredDoc }[] };
    if (result.hits.length === 0) return hits;

    const queryTokens = new Set(tokenize(analysis.searchText));
    const top = result.hits[0]!.score;
    const ranked = result.hits
      .filter((h) => !hits.some((x) => x.code === h.document.code))
      .map((h) => ({ doc: h.document, score: this.rerank(h.score / top, h.document, queryTokens, analysis) }))
      .sort((a, b) => b.score - a.score);
    for (const r of ranked) hits.push(toHit(r.doc, r.score));
    return hits.slice(0, limit);
  }

  /** BM25 finds candidates; the final order also weighs how much of the procedure's own name was asked. */
  private rerank(bm25: number, doc: StoredDoc, queryTokens: Set<string>, analysis: QueryAnalysis): number {
    let name = this.nameTokens.get(doc.code);
    if (!name) {
      name = new Set(tokenize(doc.title, { foldedOnly: true }));
      this.nameTokens.set(doc.code, name);
    }
    let covered = 0;
    for (const t of name) if (queryTokens.has(t)) covered++;
    const coverage = name.size ? covered / name.size : 0;
    let score = bm25 + 0.6 * coverage;
    if (doc.province && analysis.provinces.includes(doc.province)) score += 0.3;
    if (doc.detail) score += 0.05;
    return score;
  }
}

function toHit(doc: StoredDoc, score: number): SearchHit {
  return {
    code: doc.code,
    name: doc.title,
    levels: doc.levels as Level[],
    province: doc.province || null,
    detail: doc.detail,
    score: Math.round(score * 1000) / 1000,
  };
}
