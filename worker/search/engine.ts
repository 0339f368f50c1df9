// Finds the procedure a citizen means: query understanding (codes, aspects, provinces, fluff,
// typos, synonyms) → BM25 over the prebuilt index (name, results, fields/agencies, documents) →
// a re-rank on how well the procedure's own name and the question agree.
// Pure: no I/O, so the worker, the eval and the benchmark share it.
//
// Why the re-rank: BM25 over all fields finds the candidates, but what a citizen names is the
// procedure ("đăng ký khai sinh"), and names differ by a word or two ("Cấp" / "Cấp lại", "cho học
// sinh tiểu học" / "trung học phổ thông"). The name agreement is an IDF-weighted F-measure over
// syllables and syllable pairs, computed for each reading of the question (as typed, typos
// corrected, synonyms rewritten, the name a long question gives after "thủ tục") against each
// reading of the name (as written, abbreviations spelled out), the best pair counting.
import type { Level } from '../catalog/schema';
import type { PhraseMatcher, Aspect } from './phrases';
import { FIELD_BOOST, splitCaseLists, TEXT_FIELDS, type TextField } from './index';
import { Lexicon, type DocTable, type FieldDictionary, type IndexReader, type Scorer, type TermPostings } from './reader';
import { expandQuery, type Synonyms } from './synonyms';
import { BIGRAM_SEPARATOR, diacriticsAgree, segment, syllableForms, tokenize, type Segmentation } from './text';

export interface QueryAnalysis {
  /** Procedure codes typed in the question (1.001193). */
  codes: string[];
  /** Aspects asked about, strongest and earliest first. */
  aspects: Aspect[];
  /** Provinces named in the question (full names as in the catalog). */
  provinces: string[];
  /**
   * What is left to search once fluff, aspect questions, provinces and codes are taken out, then one
   * per line other readings of it: with synonyms rewritten (if any apply); and when some word looks
   * like a typo, the text with typos corrected (and its synonym rewrite). The first line is the
   * question's own words.
   */
  searchText: string;
  /** Words taken for typos, and what they were read as (syllables, lowercase). */
  corrections?: { from: string; to: string }[];
  /** The procedure as a long question names it, after "thủ tục" ("làm thủ tục cấp hộ chiếu thì …"). */
  focus?: string;
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

const CODE_RE = /^\d\.\d{6,9}$/u;
/** A question phrase's word in at most this many names is taken for a question word, never a typo. */
const RARE_IN_NAMES = 3;
/** Typo correction: shortest syllable considered (letters). */
const MIN_TYPO_LENGTH = 3;
/** Typo correction of words the catalog does use: only in questions this short (syllables searched)… */
const SHORT_QUESTION = 10;
/** …and only to a word that pairs with a neighbour in this many names. */
const KNOWN_WORD_EVIDENCE = 5;
/**
 * Most informative query tokens kept (rarest first): bounds the time of a search. A 1,000-character
 * question has ~400 distinct tokens in the index; capping at 64 cut topical words of long questions.
 */
const MAX_QUERY_TOKENS = 256;
/** BM25 candidates re-ranked (more changed nothing on the dev sets). */
const CANDIDATES = 40;
/** Re-rank: BM25 normalised to the best candidate (1.0), plus this times the name agreement (0..1). */
const NAME_AGREEMENT_WEIGHT = 1;
/**
 * The name agreement is an F-measure weighing recall (how much of the question the name covers)
 * NAME_RECALL_BETA times as much as precision: names list cases ("trẻ mẫu giáo, học sinh tiểu học,
 * …, sinh viên") of which a question names one, and a question's distinctive words must be covered.
 * Long portal questions say much besides the procedure they mean, hence 3 rather than 2: portal hit@1
 * 56.2% → 57.7% (even lines +3 points, odd lines unchanged), chat figures unchanged; 2.5–4 differ little.
 */
const NAME_RECALL_BETA = 3;
/**
 * A procedure name starts with what is done ("Cấp lại …", "Giải thể …", "Đăng ký …"): its first
 * HEAD_LENGTH syllables (after "Thủ tục") weigh HEAD_WEIGHT times their IDF in the name agreement.
 */
const HEAD_WEIGHT = 1.5;
const HEAD_LENGTH = 2;
/** Credit for a name syllable typed with other diacritics ("bán" for "bản"): likely another word. */
const ACCENT_MISMATCH = 0.3;
/** Weight of a syllable pair with a function word ("khai tử cho"), relative to its IDF. */
const FUNCTION_WEIGHT = 0.3;
/** The question names the procedure's province. */
const PROVINCE_BONUS = 0.3;
/** A province's own procedure, for a province neither named nor configured: the national one is likelier meant. */
const OTHER_PROVINCE_PENALTY = 0.3;
/**
 * The catalog has the procedure's details (documents, fees, times): a better answer, other things
 * equal, and a record the portal maintains (a list-only entry is often a local or older copy). With
 * the recall weight above, 0.05 → 0.2 put 1.5% more portal questions' procedure in the top 5, on each
 * half of the set.
 */
const DETAIL_BONUS = 0.2;
/**
 * A name that begins with a follow-up action ("Cấp lại …", "Gia hạn …", "Giải thể …": followUps in
 * knowledge/synonyms.json), when no reading of the question names that action and the candidates
 * hold its base procedure: a general question ("thẻ BHYT có giá trị bao lâu", "hồ sơ đầu tư ra nước
 * ngoài") is about the procedure itself, yet the re-issue or amendment shares most of its name.
 * Portal hit@5 76.9% → 80.0% and hit@1 58.5% → 60.8%, on each half of the set; with "dừng" among
 * the heads ("Dừng thực hiện thủ tục đăng ký hộ kinh doanh"), chat top-1 90.6% → 93.8%; 0.4–0.8
 * give the same hit@5.
 */
const FOLLOW_UP_PENALTY = 0.6;
/**
 * A candidate is the base of a follow-up when it is no follow-up itself and its name has this share
 * (IDF-weighted) of the words the question shares with the follow-up's object ("Cấp lại chứng nhận
 * đăng ký xe": "chứng nhận đăng ký xe"). Without a base, the follow-up keeps its place: demoting it
 * would only promote procedures about something else. 0.5–0.8 gave the same figures.
 */
const FOLLOW_UP_BASE_COVERAGE = 0.75;
/** The fluff that introduces a procedure's name ("làm thủ tục cấp hộ chiếu"), folded. */
const PROCEDURE_WORDS = new Set(['thu tuc', 'thu tuc hanh chinh', 'tthc']);
/** Words (folded) no name has, that end the name a question gives after "thủ tục" ("… thì", "… có cần"). */
const FOCUS_END = new Set(['thi', 'nen', 'se', 'neu', 'hay', 'nhu', 'nao', 'gi', 'co the', 'co can', 'co duoc', 'co phai', 'can phai']);
/** Longest name taken after "thủ tục" (syllables). */
const MAX_FOCUS = 12;

/**
 * A text as matching units (its syllables and adjacent-syllable pairs, as in the index) keyed by
 * folded form, each with its syllables as typed (accented token forms) and its weight among names.
 */
interface Reading {
  units: Map<string, { keys: string[]; weight: number }>;
  total: number;
}

/** A name that begins with a follow-up action. */
interface FollowUp {
  /** The words (folded) a question names the action with ("lại" for "Cấp lại"). */
  asks: string[];
  /** What the action is done to: the rest of the name. */
  object: Reading;
}

interface RerankContext {
  /** The question's readings. */
  readings: Reading[];
  /** Provinces the question names. */
  provinces: string[];
  /** The deployment's province. */
  province: string | null;
}

/**
 * Function words (accented token forms). A pair with one ("khai tử cho", "cho người") joins two
 * phrases rather than forming a compound, so it says little about which procedure is meant.
 */
const FUNCTION_WORDS = new Set([
  'cho', 'của', 'ở', 'tại', 'với', 'và', 'các', 'những', 'trong', 'theo', 'về', 'từ', 'để', 'là', 'hoặc', 'khi', 'trên', 'dưới',
  'vào', 'này', 'đó', 'thì', 'mà', 'nhưng', 'nếu', 'do', 'bởi', 'vì', 'cùng', 'đến', 'tới', 'như', 'hay', 'nên', 'sẽ', 'đã',
  'đang', 'vẫn', 'cũng', 'rằng', 'thuộc',
]);

/** "(thực hiện tại cấp tỉnh)", "(cấp Bộ)": which level carries a procedure out, not what it is. */
const LEVEL_QUALIFIER = /\s*\(\s*(?:thực hiện\s+(?:tại|ở)\s+)?(cấp\s+(?:tỉnh|tinh|xã|huyện|bộ|trung ương|tw)(?:,\s*cấp\s+xã)?)\s*\)\s*\.?\s*$/iu;

/** A procedure's name without its level qualifier: "Cấp hộ chiếu … (thực hiện tại cấp tỉnh)" → "Cấp hộ chiếu …". */
export const withoutLevelQualifier = (name: string): string => name.replace(LEVEL_QUALIFIER, '');
/** The level a name's qualifier names ("cấp tỉnh"), or null. */
export const levelQualifier = (name: string): string | null => LEVEL_QUALIFIER.exec(name)?.[1] ?? null;

export class SearchEngine {
  /** The documents' stored fields, by document number (read from the index in place). */
  private readonly docs: DocTable;
  private readonly dictionaries: Readonly<Record<TextField, FieldDictionary>>;
  /** BM25 over the index's postings (Orama's formula, field lengths and averages: bm25.ts). */
  private readonly scorer: Scorer;
  /** Syllables known to be words (accented and folded forms): the catalog's, the synonyms', the question phrases'. */
  private readonly lexicon: Lexicon;
  /** Per document: its name's readings (as written, with synonyms rewritten: "BHYT" → "bảo hiểm y tế"). */
  private readonly nameReadings = new Map<number, Reading[]>();
  private speller: Speller | null = null;
  /** Follow-up name heads (folded syllables, longest first), each with the words a question must have to ask for it. */
  private readonly followUps: { head: string[]; asks: string[] }[];
  /** Per document: the follow-up action its name begins with, or null; built on first use. */
  private readonly followUpOf = new Map<number, FollowUp | null>();
  /** Syllables of the synonyms and phrases ("online", "vneid"): typos may be read as them too. */
  private readonly extraWords = new Set<string>();
  /** Syllables of colloquial phrases, and of question phrases no name has ("làm", "xin", "xong"): never typos. */
  private readonly chatWords = new Set<string>();

  constructor(
    index: IndexReader,
    private readonly synonyms: Synonyms,
    private readonly phrases: PhraseMatcher,
  ) {
    this.docs = index.docs;
    this.dictionaries = index.fields;
    this.scorer = index.scorer;
    this.lexicon = new Lexicon(index.lexicon);
    // Question phrases never reach the typo check (they are taken out first); the synonyms do.
    const words = [
      ...synonyms.data.groups.flatMap((g) => [g.canonical, ...g.variants]),
      ...synonyms.data.colloquial.flatMap((c) => [c.phrase, c.means]),
      ...synonyms.data.keep,
    ];
    for (const w of words) {
      for (const t of tokenize(w, { bigrams: false })) {
        this.lexicon.add(t);
        this.extraWords.add(t);
      }
    }
    for (const c of synonyms.data.colloquial) for (const t of tokenize(c.phrase, { bigrams: false })) this.chatWords.add(t);
    // A question phrase's word that (almost) no name has is a question word ("xong": "bao lâu thì
    // xong"); one that names use ("thông" in "thông tư") may be a slip for another name word.
    for (const w of phrases.phrases ?? []) {
      for (const t of tokenize(w, { bigrams: false })) {
        if (this.dictionaries.name!.frequency(t) > RARE_IN_NAMES) continue;
        this.chatWords.add(t);
        this.lexicon.add(t);
      }
    }
    const generic = new Set(synonyms.data.followUps.generic.flatMap((g) => folds(segment(g))));
    this.followUps = synonyms.data.followUps.heads
      .map((h) => folds(segment(h)))
      .map((head) => ({ head, asks: head.filter((w) => !generic.has(w)) }))
      .sort((a, b) => b.head.length - a.head.length);
  }

  get size(): number {
    return this.docs.count;
  }

  has(code: string): boolean {
    return this.docs.find(code) >= 0;
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
        const ids = this.dictionaries[f]!.ids(t);
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

  analyze(question: string): QueryAnalysis {
    const seg = segment(question);
    const read = this.read(seg);
    let searchText = read.text === '' ? '' : expandQuery(read.text, this.synonyms);
    const { provinces, aspects } = read;
    const corrections = this.typos(seg, read.kept);
    if (corrections.size > 0) {
      // The question again with the typos corrected: read as a whole (a corrected word may complete
      // a phrase: "đà nẳng"), searched as another reading.
      let fixed = '';
      let from = 0;
      for (const [i, to] of [...corrections].sort((a, b) => a[0] - b[0])) {
        const j = read.kept[i]!.j;
        fixed += seg.text.slice(from, seg.starts[j]) + to;
        from = seg.ends[j]!;
      }
      const again = this.read(segment(fixed + seg.text.slice(from)));
      if (again.text !== '') searchText += '\n' + expandQuery(again.text, this.synonyms);
      for (const p of again.provinces) if (!provinces.includes(p)) provinces.push(p);
      for (const a of again.aspects) if (!aspects.includes(a)) aspects.push(a);
    }
    return {
      codes: read.codes,
      aspects,
      provinces,
      searchText,
      corrections: [...corrections].map(([i, to]) => ({ from: read.words[i]!, to })),
      ...(read.focus ? { focus: read.focus } : {}),
    };
  }

  /** The phrases of a question (fluff, aspects, provinces, codes) and the syllables left to search. */
  private read(seg: Segmentation) {
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
    // "… thủ tục <name> …": what follows the word names the procedure.
    const focusStarts = new Set<number>();
    for (const m of matches) {
      if (m.kind.type !== 'fluff') continue;
      const words = seg.info.slice(m.start, m.end).map((inf, x) => inf?.fold ?? seg.raw[m.start + x]!);
      if (PROCEDURE_WORDS.has(words.join(' '))) focusStarts.add(m.end);
    }
    const codes: string[] = [];
    /** Syllables kept for the search; `joined`: forms a phrase with the previous kept syllable. */
    const kept: { j: number; joined: boolean }[] = [];
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
      kept.push({ j, joined: kept.length > 0 && !gap && seg.joined[j] === true });
      gap = false;
    }
    const words = kept.map(({ j }) => seg.info[j]?.canon ?? seg.raw[j]!);
    const text = words.map((x, i) => (i === 0 ? '' : kept[i]!.joined ? ' ' : ', ') + x).join('');
    const aspects: Aspect[] = [];
    for (const a of [...asks, ...hints]) if (!aspects.includes(a.aspect)) aspects.push(a.aspect);
    let focus = '';
    for (let i = 0; i < kept.length && focus === ''; i++) {
      if (!focusStarts.has(kept[i]!.j)) continue;
      let end = i + 1;
      while (end < kept.length && end - i < MAX_FOCUS && kept[end]!.joined && kept[end]!.j === kept[end - 1]!.j + 1) {
        const fold = seg.info[kept[end]!.j]?.fold;
        const pair = fold && seg.info[kept[end]!.j + 1] ? fold + ' ' + seg.info[kept[end]!.j + 1]!.fold : '';
        if ((fold && FOCUS_END.has(fold)) || FOCUS_END.has(pair)) break;
        end++;
      }
      if (end - i >= 2) focus = words.slice(i, end).join(' ');
    }
    return { codes, aspects, provinces, kept, words, text, focus };
  }

  /**
   * Likely typos among the kept syllables, each with the syllable it was probably meant to be: a
   * word the catalog never uses (as typed: with its diacritics, or without any), read as the name
   * syllable one edit away (a letter missing, extra, wrong or swapped) that forms a pair with a
   * neighbour in the most names (a lone word: the most frequent in names). Keyed by position in `kept`.
   */
  private typos(seg: Segmentation, kept: { j: number; joined: boolean }[]): Map<number, string> {
    const out = new Map<number, string>();
    const name = this.dictionaries.name!;
    const form = (i: number, accented: boolean) => {
      const j = kept[i]!.j;
      const inf = seg.info[j];
      return inf ? (accented ? inf.key : inf.fold) : seg.raw[j]!;
    };
    const short = kept.length <= SHORT_QUESTION;
    for (let i = 0; i < kept.length; i++) {
      const inf = seg.info[kept[i]!.j];
      if (!inf || inf.fold.length < MIN_TYPO_LENGTH) continue;
      const accented = inf.key !== inf.fold;
      const typed = accented ? inf.key : inf.fold;
      const hasPrev = i > 0 && kept[i]!.joined;
      const hasNext = i + 1 < kept.length && kept[i + 1]!.joined;
      /** Names with the pair of this syllable (as `c`) and the previous, and the next syllable (0 where there is none), in accented or folded forms. */
      const sides = (c: string, accentedForms: boolean): [number, number] => [
        hasPrev ? name.frequency(form(i - 1, accentedForms) + BIGRAM_SEPARATOR + c) : 0,
        hasNext ? name.frequency(c + BIGRAM_SEPARATOR + form(i + 1, accentedForms)) : 0,
      ];
      /** Names with the pair of this syllable and either neighbour. */
      const pairs = (c: string, accentedForms: boolean) => {
        const [before, after] = sides(c, accentedForms);
        return before + after;
      };
      // A word of the catalog is taken for a typo only in a short question, where it pairs with
      // neither neighbour in any name while a word one edit away pairs with one in many
      // ("đăng ký thong trú": "thuong_tru"); not a short word nor a colloquial or question word
      // ("lam", "xin", "xong").
      let least = 1;
      let bothSides = false;
      if (this.lexicon.has(typed)) {
        const plausible = short && typed.length > MIN_TYPO_LENGTH && !this.chatWords.has(typed) && (hasPrev || hasNext);
        if (!plausible) continue;
        const [before, after] = sides(inf.fold, false);
        // Pairing on one side only, a word may still be a typo: "đăng ký thong trú" pairs as "ký
        // thông" (đăng ký thông báo), but "thường" pairs on both sides; then the correction must too.
        if (before > 0 || after > 0) {
          if (!hasPrev || !hasNext || (before > 0 && after > 0)) continue;
          bothSides = true;
        }
        least = KNOWN_WORD_EVIDENCE;
      }
      let best: string | null = null;
      let bestRank: number[] = [];
      for (const c of this.spelling().near(typed)) {
        if (c.length < MIN_TYPO_LENGTH || isAscii(c) === accented) continue;
        const f = accented ? syllableForms(c).folded : c;
        const df = name.frequency(c);
        // Evidence: names with the corrected pair; for a lone word, names with the word. Words of
        // the synonyms and phrases ("online") only when no name word fits.
        const evidence = hasPrev || hasNext ? pairs(f, false) : df;
        if (evidence < least && (least > 1 || df > 0)) continue;
        if (bothSides && sides(f, false).some((n) => n < KNOWN_WORD_EVIDENCE)) continue;
        // A tone or shape mark wrong (hỏi for ngã: "nẳng" for "nẵng") before any other slip; then
        // the pairs as typed (with the neighbours' diacritics), without diacritics, the word alone.
        const rank = [evidence > 0 ? 1 : 0, f === inf.fold ? 1 : 0, accented ? pairs(c, true) : 0, evidence, df];
        if (best === null || compareRanks(rank, bestRank) > 0) {
          best = c;
          bestRank = rank;
        }
      }
      if (best !== null) out.set(i, best);
    }
    return out;
  }

  /** The syllables of names, for typo correction; built on first use. */
  private spelling(): Speller {
    const name = this.dictionaries.name!;
    this.speller ??= new Speller(
      [...name.tokens(), ...name.commonTokens(), ...this.extraWords].filter((t) => !t.includes(BIGRAM_SEPARATOR) && !/\d/u.test(t)),
    );
    return this.speller;
  }

  search(question: string, opts: SearchOptions = {}): SearchResult {
    const analysis = this.analyze(question);
    return { analysis, hits: this.searchAnalyzed(analysis, opts) };
  }

  searchAnalyzed(analysis: QueryAnalysis, opts: SearchOptions = {}): SearchHit[] {
    const limit = opts.limit ?? 5;
    const hits: SearchHit[] = [];
    const taken = new Set<number>();
    for (const code of analysis.codes) {
      const id = this.docs.find(code);
      if (id >= 0) {
        taken.add(id);
        hits.push(toHit(this.docs, id, Number.MAX_SAFE_INTEGER));
      }
    }
    if (analysis.searchText === '' || hits.length >= limit) return hits.slice(0, limit);

    const levels = opts.levels?.length ? new Set<string>(opts.levels) : null;
    const provinces = opts.province ? new Set(['', opts.province, ...analysis.provinces]) : null;
    const docs = this.docs;
    const accept = (id: number) =>
      !taken.has(id) && (!levels || docs.levels(id).some((l) => levels.has(l))) && (!provinces || provinces.has(docs.province(id)));
    const candidates = this.bm25(this.informativeTokens(tokenize(analysis.searchText)), accept, levels !== null || provinces !== null);
    if (candidates.length === 0) return hits;

    const readings = analysis.searchText.split('\n').map((text) => this.units(text, true));
    if (analysis.focus) for (const text of expandQuery(analysis.focus, this.synonyms).split('\n')) readings.push(this.units(text, true));
    const context = { readings, provinces: analysis.provinces, province: opts.province ?? null };
    const top = candidates[0]!.score;
    const scored = candidates.map((c) => ({ id: c.id, score: this.rerank(c.score / top, c.id, context) }));
    this.demoteFollowUps(scored, context);
    const ranked = scored.sort((a, b) => b.score - a.score);
    for (const r of ranked) hits.push(toHit(this.docs, r.id, r.score));
    return hits.slice(0, limit);
  }

  /**
   * BM25 (Orama's, scored over the prebuilt index's postings, with the field boosts) for the query tokens; the
   * best CANDIDATES accepted documents, best first.
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

  /**
   * The matching units of a text. For a question (`query`), units no name has are left out: they
   * cannot tell candidates apart.
   */
  private units(text: string, query: boolean): Reading {
    const seg = segment(text);
    const units = new Map<string, { keys: string[]; weight: number }>();
    let total = 0;
    let head = 0;
    if (!query && seg.info[0]?.fold === 'thu' && seg.info[1]?.fold === 'tuc') head = 2;
    const headEnd = head + HEAD_LENGTH;
    const add = (fold: string, keys: string[], at: number) => {
      if (units.has(fold)) return;
      let weight = this.nameIdf(fold);
      if (!query && at >= head && at < headEnd) weight *= HEAD_WEIGHT;
      if (keys.some((k) => FUNCTION_WORDS.has(k))) weight *= FUNCTION_WEIGHT;
      if (weight === 0 && query) return;
      units.set(fold, { keys, weight });
      total += weight;
    };
    for (let j = 0; j < seg.raw.length; j++) {
      const inf = seg.info[j];
      const key = inf ? inf.key : seg.raw[j]!;
      const fold = inf ? inf.fold : key;
      add(fold, [key], j);
      if (j > 0 && seg.joined[j]) {
        const p = seg.info[j - 1];
        add((p ? p.fold : seg.raw[j - 1]!) + BIGRAM_SEPARATOR + fold, [p ? p.key : seg.raw[j - 1]!, key], j - 1);
      }
    }
    return { units, total };
  }

  /** The readings of a document's name (as written, with synonyms rewritten), without its level qualifier. */
  private names(id: number): Reading[] {
    let names = this.nameReadings.get(id);
    if (!names) {
      // The name as written, and without the list of cases it covers, if any (index.ts): a question
      // names the procedure, rarely its whole list.
      const full = withoutLevelQualifier(this.docs.title(id));
      const bare = splitCaseLists(full).name;
      const texts = bare === full ? [full] : [full, bare];
      names = texts.flatMap((t) => expandQuery(t, this.synonyms).split('\n')).map((text) => this.units(text, false));
      this.nameReadings.set(id, names);
    }
    return names;
  }

  /** Inverse document frequency of a token among names (stop tokens included); 0 when no name has it. */
  private nameIdf(token: string): number {
    const df = this.dictionaries.name?.frequency(token) ?? 0;
    return df > 0 ? Math.log(1 + this.docs.count / df) : 0;
  }

  /**
   * BM25 finds candidates; the final order also weighs how well the procedure's own name and the
   * question agree: an IDF-weighted F-measure of their shared tokens, so that neither a short name
   * the question merely contains ("Xóa đăng ký" for "xóa đăng ký tàu cá") nor a long name the
   * question touches in one word wins on its own.
   */
  private rerank(bm25: number, id: number, context: RerankContext): number {
    const names = this.names(id);
    const b2 = NAME_RECALL_BETA * NAME_RECALL_BETA;
    let f = 0;
    for (const name of names) {
      for (const q of context.readings) {
        let shared = 0;
        for (const [fold, u] of name.units) {
          const typed = q.units.get(fold);
          if (!typed) continue;
          const agree = typed.keys.every((k, x) => diacriticsAgree(k, u.keys[x]!));
          shared += agree ? u.weight : u.weight * ACCENT_MISMATCH;
        }
        const precision = name.total ? shared / name.total : 0;
        const recall = q.total ? shared / q.total : 0;
        if (precision + recall > 0) f = Math.max(f, ((1 + b2) * precision * recall) / (b2 * precision + recall));
      }
    }
    let score = bm25 + NAME_AGREEMENT_WEIGHT * f;
    const province = this.docs.province(id);
    if (province && context.provinces.includes(province)) score += PROVINCE_BONUS;
    else if (province && province !== context.province) score -= OTHER_PROVINCE_PENALTY;
    if (this.docs.detail(id)) score += DETAIL_BONUS;
    return score;
  }

  /** Demotes the follow-ups the question does not ask for, when their base procedure is a candidate too. */
  private demoteFollowUps(scored: { id: number; score: number }[], context: RerankContext): void {
    const bases = scored.filter((s) => !this.followUp(s.id));
    for (const s of scored) {
      const f = this.followUp(s.id);
      if (!f || context.readings.some((r) => f.asks.every((w) => r.units.has(w)))) continue;
      const asked = [...f.object.units].filter(([fold]) => context.readings.some((r) => r.units.has(fold)));
      if (bases.some((b) => this.covers(b.id, asked) >= FOLLOW_UP_BASE_COVERAGE)) s.score -= FOLLOW_UP_PENALTY;
    }
  }

  /** The share (IDF-weighted) of these matching units that the name of document `id` has. */
  private covers(id: number, units: [string, { weight: number }][]): number {
    const name = this.names(id)[0]!;
    let shared = 0;
    let total = 0;
    for (const [fold, u] of units) {
      total += u.weight;
      if (name.units.has(fold)) shared += u.weight;
    }
    return total ? shared / total : 0;
  }

  /** The follow-up action document `id`'s name begins with, or null. */
  private followUp(id: number): FollowUp | null {
    let f = this.followUpOf.get(id);
    if (f === undefined) {
      const seg = segment(withoutLevelQualifier(this.docs.title(id)));
      const words = folds(seg);
      const skip = words[0] === 'thu' && words[1] === 'tuc' ? 2 : 0;
      const found = this.followUps.find((h) => h.asks.length > 0 && h.head.every((w, i) => words[skip + i] === w));
      f = found ? { asks: found.asks, object: this.units(seg.text.slice(seg.starts[skip + found.head.length] ?? seg.text.length), false) } : null;
      this.followUpOf.set(id, f);
    }
    return f;
  }
}

/**
 * Words one edit away (a letter deleted, inserted, replaced, or two neighbours swapped), found
 * through the words' one-letter deletions.
 */
class Speller {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) for (const d of deletions(w)) {
      const list = this.byDeletion.get(d);
      if (list) list.push(w);
      else this.byDeletion.set(d, [w]);
    }
  }

  near(word: string): string[] {
    const out = new Set<string>();
    for (const d of deletions(word)) for (const w of this.byDeletion.get(d) ?? []) if (w !== word && oneEdit(word, w)) out.add(w);
    return [...out];
  }
}

/** The syllables of a segmented text without diacritics, as the matching units key them. */
function folds(seg: Segmentation): string[] {
  return seg.raw.map((r, j) => seg.info[j]?.fold ?? r);
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** The word and each of its one-letter deletions. */
function deletions(w: string): string[] {
  const out = [w];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}

/** True when a and b differ by one deletion, insertion, substitution or swap of neighbours. */
function oneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length < b.length ? a.slice(i) === b.slice(i + 1) : a.slice(i + 1) === b.slice(i);
}

function toHit(docs: DocTable, id: number, score: number): SearchHit {
  return {
    code: docs.code(id),
    name: docs.title(id),
    levels: [...docs.levels(id)],
    province: docs.province(id) || null,
    detail: docs.detail(id),
    score: Math.round(score * 1000) / 1000,
  };
}
