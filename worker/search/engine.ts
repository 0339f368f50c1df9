// Finds the procedure a citizen means. One pass over the question, in explicit stages over one
// Query object (query.ts): normalize and segment → understand (codes, aspects, provinces, fluff) →
// correct (speller.ts) → expand (synonyms.ts) → score (BM25 over the prebuilt index: name,
// results, fields/agencies, documents) → re-rank (rerank.ts: how well the procedure's own name
// and the question agree). Pure: no I/O, so the worker, the eval and the benchmark share it.
import type { Level } from '../catalog/schema';
import { unnamed, type PhraseMatcher } from './phrases';
import { FIELD_BOOST, synonymPairs, synonymWords, TEXT_FIELDS, type TextField } from './index';
import { emptyQuery, understand, type Query } from './query';
import { Lexicon, type DocTable, type FieldDictionary, type IndexReader, type Scorer, type TermPostings, type WordList } from './reader';
import { Reranker, type NameMatch } from './rerank';
import { RARE_IN_NAMES, TypoCorrector } from './speller';
import { rewriteWords, type Synonyms } from './synonyms';
import { BIGRAM_SEPARATOR, segment, pickWords, syllableWord, tokenize, wordsOf, wordsOfText, wordTokens, type Words } from './text';

export type { Query } from './query';
export type { NameMatch } from './rerank';
export { ACCENT_MISMATCH, baseName, fullyOnline, levelQualifier, withoutLevelQualifier } from './rerank';

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
  /** How well the name and the question agree (rerank.ts); null for a code typed in the question. */
  match: NameMatch | null;
}

export interface SearchResult {
  query: Query;
  hits: SearchHit[];
}

/**
 * Most informative query tokens kept (rarest first): bounds the time of a search. A 1,000-character
 * question has ~400 distinct tokens in the index; capping at 64 cut topical words of long questions.
 */
const MAX_QUERY_TOKENS = 256;
/** BM25 candidates re-ranked (more changed nothing on the dev sets). */
const CANDIDATES = 40;
/**
 * See demoteNarrower. Portal hit@1 61.5% → 63.1% (+1.5 points on each half); the chat's figures on
 * the tuned halves the same from 0.1 to 0.4 (0.1 kept: the least that moves the general one up).
 */
const GROUP_PENALTY = 0.1;

export class SearchEngine {
  /** The documents' stored fields, by document number (read from the index in place). */
  private readonly docs: DocTable;
  private readonly dictionaries: Readonly<Record<TextField, FieldDictionary>>;
  /** BM25 over the index's postings (Orama's formula, field lengths and averages: bm25.ts). */
  private readonly scorer: Scorer;
  private readonly speller: TypoCorrector;
  private readonly reranker: Reranker;
  private readonly questionWords: ReadonlySet<string>;
  private readonly frameWords: ReadonlySet<string>;
  /** Per name read so far: the groups it is for (groupsNamed without agencies). */
  private readonly groupsOfName = new Map<string, string[]>();
  /** Pairs of the phrases the synonyms list ("chủ đất" in "cập nhật thông tin chủ đất"); built on first use (about 5 ms). */
  private saidPairs: ReadonlySet<string> | null = null;
  /** Two folded syllables form a pair in some procedure's name, or in a phrase citizens say for one. */
  private readonly inNames = (a: string, b: string): boolean => {
    const pair = a + BIGRAM_SEPARATOR + b;
    if (this.dictionaries.name.frequency(pair) > 0) return true;
    this.saidPairs ??= synonymPairs(this.synonyms);
    return this.saidPairs.has(pair);
  };

  constructor(
    index: IndexReader,
    private readonly synonyms: Synonyms,
    private readonly phrases: PhraseMatcher,
  ) {
    this.docs = index.docs;
    this.dictionaries = index.fields;
    this.scorer = index.scorer;
    const name = this.dictionaries.name;
    const nameFrequency = (t: string) => name.frequency(t);
    const vocabulary = spellerVocabulary(index.lexicon, nameFrequency, () => [...name.tokens(), ...name.commonTokens()], synonyms, phrases);
    this.speller = new TypoCorrector(vocabulary);
    this.questionWords = vocabulary.questionWords;
    this.frameWords = vocabulary.frameWords;
    const docs = this.docs;
    this.reranker = new Reranker((id) => ({ title: docs.title(id), province: docs.province(id), detail: docs.detail(id), levels: docs.levels(id) }), nameFrequency, docs.count, synonyms);
  }

  get size(): number {
    return this.docs.count;
  }

  /**
   * How informative a token (folded or accented syllable, or pair) is in the catalog: its inverse
   * document frequency in the field where it is commonest (names, results, fields and agencies,
   * documents); 0 for a token no procedure has.
   */
  rarity(token: string): number {
    let df = 0;
    for (const f of TEXT_FIELDS) df = Math.max(df, this.dictionaries[f].frequency(token));
    return df > 0 ? Math.log(1 + this.docs.count / df) : 0;
  }

  /** The later act a procedure's name begins with ("Cấp lại …": the words that ask for it, "lại"), or null. */
  laterAct(name: string): readonly string[] | null {
    return this.reranker.laterAct(name);
  }

  /**
   * The groups of people a procedure's name ("cho người dưới 14 tuổi"), executing agencies (an
   * embassy) or legal bases (the police's own health insurance) say it is only for.
   */
  groupsNamed(name: string, agencies?: readonly string[], laws?: readonly string[]): string[] {
    if (agencies?.length || laws?.length) return this.phrases.groupsNamed?.(wordsOfText(name), (agencies ?? []).map((a) => wordsOfText(a)), (laws ?? []).map((l) => wordsOfText(l))) ?? [];
    // A name's own groups are read for every candidate of every search (demoteNarrower): once each.
    let named = this.groupsOfName.get(name);
    if (!named) this.groupsOfName.set(name, (named = this.phrases.groupsNamed?.(wordsOfText(name)) ?? []));
    return named;
  }

  /** A procedure's name says it is the act its family starts with ("Đăng ký thuế lần đầu"). */
  namesFirstAct(name: string): boolean {
    return this.phrases.namesFirstAct?.(wordsOfText(name)) ?? false;
  }

  /** A word of question phrases that (almost) no procedure name has ("xong", "nhiêu", "đâu"). */
  isQuestionWord(token: string): boolean {
    return this.questionWords.has(token);
  }

  /** A phrase of one word that frames a question ("giùm", "nhé", "phải") or says whom it is about ("philippines"), as typed or folded. */
  isFrameWord(token: string): boolean {
    return this.frameWords.has(token);
  }

  /** The words that are no question words, a removed word's neighbours no longer adjacent. */
  private withoutQuestionWords(w: Words): Words {
    return pickWords(w, w.folds.flatMap((f, i) => (this.questionWords.has(f) ? [] : [i])));
  }

  has(code: string): boolean {
    return this.docs.find(code) >= 0;
  }

  /** Stages 1–4: the question read once, its terms corrected and expanded into readings. */
  analyze(question: string): Query {
    const seg = segment(question);
    const typed = wordsOf(seg);
    const words = this.phrases.spellOut?.(typed) ?? typed;
    const understood = understand(words, this.phrases, this.inNames);
    const query: Query = { ...emptyQuery(seg), words, ...understood };
    if (understood.document) query.documentReadings = this.expand(understood.document);
    if (understood.terms.keys.length === 0) return query;
    query.readings = this.expand(understood.terms, understood.required);
    const corrections = this.speller.corrections(understood.terms);
    if (corrections.size > 0) {
      // The question again with the typos corrected, read as a whole (a corrected word may complete
      // a phrase: "đà nẳng"), searched as another reading.
      const fixed: Words = { canon: [...words.canon], keys: [...words.keys], folds: [...words.folds], joined: words.joined };
      for (const [i, to] of corrections) {
        const j = understood.kept[i]!;
        const w = syllableWord(to);
        fixed.canon[j] = w.canon;
        fixed.keys[j] = w.key;
        fixed.folds[j] = w.fold;
        query.corrections.push({ at: i, from: understood.terms.canon[i]!, to });
      }
      query.corrections.sort((a, b) => a.at - b.at);
      const again = understand(fixed, this.phrases, this.inNames);
      if (again.terms.keys.length) query.readings.push(...this.expand(again.terms, again.required));
      for (const p of again.provinces) if (!query.provinces.includes(p)) query.provinces.push(p);
      for (const a of again.aspects.slice(0, again.asked)) if (!query.aspects.includes(a)) query.aspects.splice(query.asked++, 0, a);
      for (const a of again.aspects.slice(again.asked)) if (!query.aspects.includes(a)) query.aspects.push(a);
    }
    if (understood.focus) query.focusReadings = this.expand(understood.focus);
    return query;
  }

  /** Words that say the same in a record's sentences as in a question (synonyms.json `equivalents`). */
  get equivalents(): readonly (readonly string[])[] {
    return this.synonyms.data.equivalents.map((e) => e.words);
  }

  /** The readings of a text that is not the question (a document's name): as written, and with synonyms rewritten. */
  readingsOf(text: string): Words[] {
    return this.expand(wordsOfText(text), null);
  }

  /**
   * Stage 4: words as typed, and with synonyms rewritten when any apply. A question's words (`required`
   * given: what it asks is required) are also read for an action apart from its object.
   */
  private expand(w: Words, required: readonly number[] | null = []): Words[] {
    const rewritten = rewriteWords(w, this.synonyms, required === null ? {} : { apart: true, required }).words;
    return rewritten ? [w, rewritten] : [w];
  }

  search(question: string, opts: SearchOptions = {}): SearchResult {
    const query = this.analyze(question);
    return { query, hits: this.searchQuery(query, opts) };
  }

  /** Stages 5–6: the procedures a read question means, best first. */
  searchQuery(query: Query, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 5;
    const hits: SearchHit[] = [];
    const taken = new Set<number>();
    for (const code of query.codes) {
      const id = this.docs.find(code);
      if (id >= 0) {
        taken.add(id);
        hits.push(toHit(this.docs, id, Number.MAX_SAFE_INTEGER, null));
      }
    }
    if (query.readings.length === 0 || hits.length >= limit) return hits.slice(0, limit);

    const levels = opts.levels?.length ? new Set<string>(opts.levels) : null;
    const provinces = opts.province ? new Set(['', opts.province, ...query.provinces]) : null;
    const docs = this.docs;
    const accept = (id: number) =>
      !taken.has(id) && (!levels || docs.levels(id).some((l) => levels.has(l))) && (!provinces || provinces.has(docs.province(id)));
    const tokens: string[] = [];
    for (const r of query.readings) wordTokens(r, tokens);
    const candidates = this.bm25(this.informativeTokens([...new Set(tokens)]), accept, levels !== null || provinces !== null);
    const ranked = this.reranker.rerank(candidates, {
      readings: [...query.readings, ...query.focusReadings],
      // What the focus says it wants, without the words that frame it ("muốn").
      focus: query.focusReadings.map((w) => this.withoutQuestionWords(w)),
      provinces: query.provinces,
      province: opts.province ?? null,
      levels: query.levels,
    });
    this.demoteNarrower(ranked, query.groups);
    for (const r of ranked) hits.push(toHit(this.docs, r.id, r.score, r.match));
    return hits.slice(0, limit);
  }

  /**
   * A procedure whose name says it is for some people or works only (knowledge/phrases.json `groups`:
   * railway crossings, grade I works, nuclear plants, minors…) goes GROUP_PENALTY down when the
   * question names none of them, so that the general one is among the first the chat reads by record
   * (candidates.ts weighs the groups again there): "xin giấy phép xây dựng" is a house's permit.
   */
  private demoteNarrower(ranked: { id: number; score: number }[], asked: readonly string[]): void {
    let moved = false;
    for (const r of ranked) {
      if (unnamed(this.groupsNamed(this.docs.title(r.id)), asked).length === 0) continue;
      r.score -= GROUP_PENALTY;
      moved = true;
    }
    if (moved) ranked.sort((a, b) => b.score - a.score);
  }

  /**
   * Keeps the query tokens that exist in the index, rarest first, at most MAX_QUERY_TOKENS, each with
   * its documents in each text field.
   */
  private informativeTokens(tokens: string[]): TermPostings[] {
    const scored: { postings: TermPostings; df: number }[] = [];
    for (const t of tokens) {
      let df = 0;
      const postings = TEXT_FIELDS.map((f) => {
        const ids = this.dictionaries[f].ids(t);
        if (ids.length > df) df = ids.length;
        return ids;
      });
      if (df > 0) scored.push({ postings, df });
    }
    // Every indexed token counts, however long the question: when BM25 went through Orama's search
    // path, long questions (over 12 words) kept only tokens in at most 2% of procedures, for time;
    // scored over the postings, all of them cost under 0.1 ms, and they put the procedure first for
    // 0.8% more portal questions (MRR up on both halves). Tokens in over 5% of a field's procedures
    // are not indexed (index.ts).
    if (scored.length <= MAX_QUERY_TOKENS) return scored.map((s) => s.postings);
    scored.sort((a, b) => a.df - b.df);
    return scored.slice(0, MAX_QUERY_TOKENS).map((s) => s.postings);
  }

  /**
   * BM25 (Orama's, scored over the prebuilt index's postings, with the field boosts) for the query
   * tokens; the best CANDIDATES accepted documents, best first.
   */
  private bm25(terms: TermPostings[], accept: (id: number) => boolean, filtered: boolean): { id: number; score: number }[] {
    // With a level or province filter, look further down the list so that enough candidates remain.
    const hits = this.scorer.top(terms, FIELD_BOOST, filtered ? CANDIDATES * 10 : CANDIDATES + 5);
    const out: { id: number; score: number }[] = [];
    for (const h of hits) {
      if (accept(h.id)) out.push(h);
      if (out.length === CANDIDATES) break;
    }
    return out;
  }
}

/**
 * The words the typo check knows: the catalog's lexicon, which the index ships with the synonyms'
 * syllables (typos may be read as them too: "online", "vneid"), and the words of question phrases
 * no name has ("xong": "bao lâu thì xong"; one that names use, "thông" in "thông tư", may be a slip
 * for another name word). Question phrases never reach the typo check (they are taken out first);
 * the synonyms do.
 */
function spellerVocabulary(
  catalogLexicon: WordList,
  nameFrequency: (t: string) => number,
  nameTokens: () => string[],
  synonyms: Synonyms,
  phrases: PhraseMatcher,
) {
  const lexicon = new Lexicon(catalogLexicon);
  const questionWords = new Set<string>();
  const chatWords = new Set<string>();
  for (const c of synonyms.data.colloquial) for (const t of tokenize(c.phrase, { bigrams: false })) chatWords.add(t);
  // The words that frame a question ("không", "rồi", "thì"), however common in names.
  for (const w of phrases.frame ?? []) for (const t of tokenize(w, { bigrams: false })) chatWords.add(t);
  // Of those, the phrases of one word ("giùm", "nhé"), which frame a question wherever they stand; and
  // the one-word phrases by which a question says whom it is about ("philippines", "cty"): the groups
  // read them (candidates.ts), and a record need not speak of them (on the tuned halves two more
  // right procedures, none fewer).
  const frameWords = new Set<string>();
  for (const w of [...(phrases.frame ?? []), ...(phrases.groupWords ?? [])]) {
    if (wordsOfText(w).folds.length === 1) for (const t of tokenize(w, { bigrams: false })) frameWords.add(t);
  }
  for (const w of phrases.phrases ?? []) {
    for (const t of tokenize(w, { bigrams: false })) {
      if (nameFrequency(t) > RARE_IN_NAMES) continue;
      questionWords.add(t);
      chatWords.add(t);
      lexicon.add(t);
    }
  }
  return {
    nameFrequency,
    lexicon,
    chatWords,
    frameWords,
    questionWords,
    // Built on the first typo checked (most questions have none).
    candidates: () => [...nameTokens(), ...synonymWords(synonyms)].filter((t) => !t.includes(BIGRAM_SEPARATOR)),
  };
}

function toHit(docs: DocTable, id: number, score: number, match: NameMatch | null): SearchHit {
  return {
    code: docs.code(id),
    name: docs.title(id),
    levels: [...docs.levels(id)],
    province: docs.province(id) || null,
    detail: docs.detail(id),
    score: Math.round(score * 1000) / 1000,
    match,
  };
}
