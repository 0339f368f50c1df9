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
const MAX_QUERY_TOKENS = Number(globalThis.process?.env?.W_CAP ?? 64);
/** BM25 candidates re-ranked. */
const CANDIDATES = Number(globalThis.process?.env?.W_CAND ?? 40);
/** Re-rank weights, on a BM25 score normalised to the best candidate (1.0). */
const NAME_AGREEMENT_WEIGHT = Number(globalThis.process?.env?.W_NAME ?? 1);
const PROVINCE_BONUS = 0.3;
const DETAIL_BONUS = 0.05;
const STOP_TOKEN_IDF = 0.5;

export class SearchEngine {
  private readonly db: SearchDb;
  private readonly dictionaries: Record<string, TermDictionary>;
  private readonly byCode = new Map<string, StoredDoc>();
  private readonly nameTokens = new Map<string, Map<string, number>>();

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

    // Query tokens that some name has: the others cannot tell candidates apart.
    const queryTokens = new Map<string, number>();
    for (const t of tokenize(analysis.searchText)) {
      if ((this.dictionaries.name?.documentFrequency(t + '$') ?? 0) > 0) queryTokens.set(t, this.nameIdf(t));
    }
    const top = result.hits[0]!.score;
    const ranked = result.hits
      .filter((h) => !hits.some((x) => x.code === h.document.code))
      .map((h) => ({ doc: h.document, score: this.rerank(h.score / top, h.document, queryTokens, analysis) }))
      .sort((a, b) => b.score - a.score);
    for (const r of ranked) hits.push(toHit(r.doc, r.score));
    return hits.slice(0, limit);
  }

  /** Inverse document frequency of a token among names; stop tokens (not indexed) weigh least. */
  private nameIdf(token: string): number {
    const df = this.dictionaries.name?.documentFrequency(token + '$') ?? 0;
    return df > 0 ? Math.log(1 + this.byCode.size / df) : STOP_TOKEN_IDF;
  }

  /**
   * BM25 finds candidates; the final order also weighs how well the procedure's own name and the
   * question agree: an IDF-weighted F-measure of their shared tokens, so that neither a short name
   * the question merely contains ("Xóa đăng ký" for "xóa đăng ký tàu cá") nor a long name the
   * question touches in one word wins on its own.
   */
  private rerank(bm25: number, doc: StoredDoc, query: Map<string, number>, analysis: QueryAnalysis): number {
    let name = this.nameTokens.get(doc.code);
    if (!name) {
      name = new Map(tokenize(doc.title).map((t) => [t, this.nameIdf(t)]));
      this.nameTokens.set(doc.code, name);
    }
    let nameTotal = 0;
    let shared = 0;
    for (const [t, w] of name) {
      nameTotal += w;
      if (query.has(t)) shared += w;
    }
    let queryTotal = 0;
    for (const w of query.values()) queryTotal += w;
    const precision = nameTotal ? shared / nameTotal : 0;
    const recall = queryTotal ? shared / queryTotal : 0;
    const f = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    let score = bm25 + NAME_AGREEMENT_WEIGHT * f;
    if (doc.province && analysis.provinces.includes(doc.province)) score += PROVINCE_BONUS;
    if (doc.detail) score += DETAIL_BONUS;
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
