// The question as the search reads it: one typed object that the stages of the search fill in,
// in order (engine.ts runs them):
//   1. normalize and segment (text.ts `segment`: once per question), chat shorthand spelled out
//      (shorthand.ts: "ntn", "dc ko"),
//   2. understand (this module): codes, aspects, provinces and question fluff are recognised and
//      taken out; what is left is the terms to search, and the name a question gives after "thủ tục"
//      (or what it wants, after "muốn"),
//   3. correct (speller.ts): likely typos among the terms,
//   4. expand (synonyms.ts): the readings of the terms — as typed, synonyms rewritten, typos
//      corrected — as Words, never joined strings,
//   5. score (BM25 over the readings' tokens) and 6. re-rank (rerank.ts).
import type { Level } from '../catalog/schema';
import { ageOf } from './ages';
import type { Aspect, Cue, PhraseMatcher } from './phrases';
import { EMPTY_WORDS, pickWords, sliceWords, type Segmentation, type Words } from './text';

export interface Query {
  /** The question, segmented. */
  seg: Segmentation;
  /** Every syllable of the question. */
  words: Words;
  /** Procedure codes typed in the question (1.001193). */
  codes: string[];
  /** Aspects asked about: asked outright ("bao lâu") before hinted at ("lệ phí"), earliest first. */
  aspects: Aspect[];
  /** How many of `aspects` (the first ones) were asked outright. */
  asked: number;
  /**
   * What a yes/no question asks about ("có cần <giấy khám sức khỏe> không", "có phải <đăng báo>
   * không"); left out of the terms.
   */
  document: Words | null;
  /** It begins like a document (search/yesno.ts). */
  isDocument: boolean;
  /** The document and its synonym rewrite ("cà vẹt" → "chứng nhận đăng ký xe"). */
  documentReadings: Words[];
  /** What kind of fact the question asks for (a duration, an age, who may act…). */
  cues: Cue[];
  /** Levels the question names ("ở xã", "công an tỉnh", "lên Cục"). */
  levels: Level[];
  /** Groups of people the question names ("con", "nước ngoài": knowledge/phrases.json `groups`). */
  groups: string[];
  /** Agencies the question names ("công an": knowledge/phrases.json `agencies`), as listed. */
  agencies: string[];
  /** The age the question gives ("con 15 tuổi"), or null (ages.ts `ageOf`). */
  age: number | null;
  /** Provinces named in the question (full names as in the catalog). */
  provinces: string[];
  /** Positions (in `words`) of the syllables left to search once fluff, aspects, provinces and codes are out. */
  kept: number[];
  /** Those syllables, a phrase where they were adjacent in the question. */
  terms: Words;
  /**
   * The procedure as a long question names it, after "thủ tục" ("làm thủ tục cấp hộ chiếu thì …"), or
   * what it wants after its situation ("…, giờ muốn xóa dòng ghi nợ trên sổ thì …").
   */
  focus: Words | null;
  /**
   * Positions (in `terms`) of what a yes/no question asks is required ("hợp đồng có bắt buộc <công
   * chứng> không"): a paper's requirement, not an action the citizen asks to do (synonyms.ts `apart`).
   */
  required: number[];
  /** Terms taken for typos (positions in `terms`), and what they were read as. */
  corrections: { at: number; from: string; to: string }[];
  /**
   * What is searched: the terms as typed, then (when they apply) with synonyms rewritten, with the
   * typos corrected, and that with synonyms rewritten.
   */
  readings: Words[];
  /** The focus and its synonym rewrite: weighed by the re-rank only. */
  focusReadings: Words[];
}

/**
 * Aspects whose hints are documents' words ("bản sao", "tờ khai"): "có chứng thực bản sao được
 * không" asks whether it can be done, not which documents.
 */
const DOCUMENT_HINTS: ReadonlySet<Aspect> = new Set(['components', 'forms']);

/** The fluff that introduces a procedure's name ("làm thủ tục cấp hộ chiếu"), folded. */
const PROCEDURE_WORDS = new Set(['thu tuc', 'thu tuc hanh chinh', 'tthc', 'lam ho so', 'nop ho so', 'chuan bi ho so']);
/**
 * A long question tells its situation first and what the citizen wants after "muốn" ("Nhà em có sổ
 * đỏ từ lâu, năm ngoái mới xây nhà … Giờ muốn đăng ký bổ sung căn nhà vào sổ"): the phrase from it is
 * the question's focus when no "thủ tục" names one. "muốn" itself is kept in the focus: it is no name
 * word, so the focus weighs less than a name given after "thủ tục". On the tuned halves four more right
 * procedures (chat-probes-2, chat-scope-2), none fewer; the focus from the word after it instead
 * answered one more and three fewer. "em/tôi/mình muốn" that open a question are fluff, not this.
 */
const WANT = 'muon';
/** Words (folded) no name has, that end the name a question gives after "thủ tục" ("… thì", "… có cần"). */
const FOCUS_END = new Set(['thi', 'nen', 'se', 'neu', 'hay', 'nhu', 'nao', 'gi', 'co the', 'co can', 'co duoc', 'co phai', 'can phai']);
/**
 * A focus of these words alone ("… thì trong bao lâu phải nộp hồ sơ đăng ký") names an act and no
 * object: every name has it, and the object the question names before ("ban hành nội quy lao động")
 * is what it is about. No focus then (on the tuned halves one more right procedure, none fewer).
 */
const ACT_ONLY = new Set(['dang', 'ky', 'ki', 'cap', 'lam', 'xin', 'nop', 'lai', 'doi', 'moi', 'thu', 'tuc', 'ho', 'so']);
/** Longest name taken after "thủ tục" (syllables). */
const MAX_FOCUS = 12;
const CODE_RE = /^\d\.\d{6,9}$/u;

export type Understood = Pick<Query, 'codes' | 'aspects' | 'asked' | 'document' | 'isDocument' | 'cues' | 'levels' | 'groups' | 'agencies' | 'age' | 'provinces' | 'kept' | 'terms' | 'focus' | 'required'>;

/** What a citizen must do ("phải"), not the wait ("phải chờ", "phải đợi", "phải mất"). */
const MUST = 'phai';
const WAITS = new Set(['cho', 'doi', 'mat']);
const NOT = 'khong';
/**
 * Syllables looked back from a time phrase for MUST: "phải nộp tờ khai thuế TNCN trong mấy ngày"
 * puts five between them. 6 → 8: one more fact on the tuned halves, none lost (10 alike).
 */
const MUST_SPAN = 8;

/**
 * "phải đi gia hạn trước bao lâu", "phải báo mất trong mấy ngày": a time phrase after what the
 * citizen must do, in the same phrase, asks a deadline (a sentence of the record: "trước 15 ngày
 * …"), not how long the procedure takes; "phải chờ bao lâu" asks the latter.
 */
function mustBefore(words: Words, at: number): boolean {
  for (let j = at - 1; j >= Math.max(0, at - MUST_SPAN); j--) {
    // "không phải xin phép": what need not be done (here, which procedure), no deadline.
    if (words.folds[j] === MUST) return j + 1 < at && !WAITS.has(words.folds[j + 1]!) && words.folds[j - 1] !== NOT;
    if (!words.joined[j]) return false;
  }
  return false;
}

/** Words between the time phrase and "phải" ("bao lâu thì phải"). */
const MUST_AFTER_SKIP = new Set(['thi', 'la']);
/**
 * "bao lâu thì phải nộp", "mấy ngày phải báo": the deadline asked with what must be done after the
 * time phrase, as "phải … trong bao lâu" asks it before (mustBefore). Same figures on the tuned
 * halves; the answer quotes the deadline ("chậm nhất 45 ngày kể từ …") rather than the time the
 * procedure takes.
 */
function mustAfter(words: Words, end: number): boolean {
  let j = end;
  if (j < words.folds.length && words.joined[j] && MUST_AFTER_SKIP.has(words.folds[j]!)) j++;
  return j + 1 < words.folds.length && words.joined[j]! && words.joined[j + 1]! && words.folds[j] === MUST && !WAITS.has(words.folds[j + 1]!);
}

/** Stage 2: the phrases of the question (fluff, aspects, provinces, codes) and the syllables left to search. */
export function understand(words: Words, phrases: PhraseMatcher, inNames?: (a: string, b: string) => boolean): Understood {
  const matches = phrases.match(words, inNames);
  const removed = new Array<boolean>(words.keys.length).fill(false);
  const asks: Aspect[] = [];
  const hints: Aspect[] = [];
  const possible: Aspect[] = [];
  let afterDocument = false;
  const provinces: string[] = [];
  const focusStarts = new Set<number>();
  for (const m of matches) {
    const k = m.kind;
    if (k.type === 'keep') continue;
    if (k.type === 'aspect' && k.strength === 'hint') {
      hints.push(k.aspect);
      continue;
    }
    // "có làm online được không": whether it can be done, of what the words before name (the
    // online hint); with no such word, of what the question names, else a specific question.
    if (k.type === 'aspect' && k.strength === 'possible') {
      const hint = hints[hints.length - 1];
      if (hint && !DOCUMENT_HINTS.has(hint)) asks.push(hint);
      else {
        possible.push(k.aspect);
        // "… có lấy lại bản chính được không": whether it can be done with the document named just
        // before, not a fee hinted at in the story before it ("tự trả tiền"). One more fact on the
        // tuned halves (chat-details), none lost.
        if (hint) afterDocument = true;
      }
    } else if (k.type === 'aspect') asks.push(k.aspect === 'time' && (mustBefore(words, m.start) || mustAfter(words, m.end)) ? 'detail' : k.aspect);
    if (k.type === 'province' && !provinces.includes(k.province)) provinces.push(k.province);
    // "… thủ tục <name> …", "… làm hồ sơ <name> …": what follows names the procedure.
    if (k.type === 'fluff' && PROCEDURE_WORDS.has(words.folds.slice(m.start, m.end).join(' '))) focusStarts.add(m.end);
    for (let j = m.start + (k.type === 'level' ? (k.what ?? 0) : 0); j < m.end; j++) removed[j] = true;
  }
  // Else "… giờ muốn <xóa dòng ghi nợ trên sổ> …": what the citizen wants, after the situation.
  if (focusStarts.size === 0) {
    const want = words.folds.findIndex((f, j) => !removed[j] && f === WANT);
    if (want >= 0) focusStarts.add(want);
  }
  const codes: string[] = [];
  for (let j = 0; j < words.keys.length; j++) {
    const raw = words.canon[j]!;
    if (!CODE_RE.test(raw)) continue;
    if (!codes.includes(raw)) codes.push(raw);
    removed[j] = true;
  }
  // A yes/no question about a document: its words are not what the procedure is called, unless
  // they are all the question says.
  // Not when it encloses a question about an aspect ("có mất phí không", "có cần nộp lệ phí không").
  const found = phrases.yesno?.(words) ?? null;
  const aboutAspect = (m: (typeof matches)[number]) =>
    m.kind.type === 'aspect' && m.start < found!.end && m.end > found!.start && (m.kind.strength !== 'hint' || (m.start <= found!.start && m.end >= found!.end));
  const span = found && !matches.some(aboutAspect) ? found : null;
  let document: Words | null = null;
  if (span?.isDocument) {
    document = sliceWords(words, span.start, span.end);
    asks.unshift('yesno');
    const elsewhere = removed.some((r, j) => !r && (j < span.frameStart || j >= span.frameEnd));
    const inClause = (j: number) => span.clause !== undefined && j >= span.clause.start && j < span.clause.end;
    if (elsewhere) for (let j = span.frameStart; j < span.frameEnd; j++) if (!inClause(j)) removed[j] = true;
  } else if (span) {
    // "có phải đăng báo không": a specific question; its words may name the procedure ("có cần định
    // danh mức 2 không"), so they stay searched.
    if (!asks.includes('detail')) asks.push('detail');
  }
  if (possible.length) {
    const hint = hints.find((h) => !DOCUMENT_HINTS.has(h));
    asks.push(asks.length === 0 && hint && !afterDocument ? hint : possible[0]!);
  }
  const kept: number[] = [];
  for (let j = 0; j < words.keys.length; j++) if (!removed[j]) kept.push(j);
  const terms = pickWords(words, kept);
  const aspects: Aspect[] = [];
  for (const a of asks) if (!aspects.includes(a)) aspects.push(a);
  const asked = aspects.length;
  for (const a of hints) if (!aspects.includes(a)) aspects.push(a);
  const cues = phrases.cues?.(words) ?? [];
  const levels = phrases.levels?.(words) ?? [];
  const age = ageOf(words);
  const groups = phrases.groupsAsked?.(words, age) ?? [];
  const agencies = phrases.agenciesNamed?.(words) ?? [];
  const required = span && !span.isDocument ? kept.flatMap((j, i) => (j >= span.start && j < span.end ? [i] : [])) : [];
  return { codes, aspects, asked, document, isDocument: span?.isDocument ?? false, cues, levels, groups, agencies, age, provinces, kept, terms, focus: focusOf(terms, kept, focusStarts, words), required };
}

/** The terms that follow "thủ tục", up to a word no name has ("thì", "có cần"), if two or more. */
function focusOf(terms: Words, kept: number[], starts: Set<number>, words: Words): Words | null {
  for (let i = 0; i < kept.length; i++) {
    if (!starts.has(kept[i]!)) continue;
    let end = i + 1;
    while (end < kept.length && end - i < MAX_FOCUS && terms.joined[end]) {
      const j = kept[end]!;
      const fold = words.folds[j]!;
      const next = j + 1 < words.folds.length ? words.folds[j + 1] : undefined;
      if (FOCUS_END.has(fold) || (next !== undefined && FOCUS_END.has(`${fold} ${next}`))) break;
      end++;
    }
    if (end - i >= 2 && !kept.slice(i, end).every((j) => ACT_ONLY.has(words.folds[j]!))) return sliceWords(terms, i, end);
  }
  return null;
}

export const emptyQuery = (seg: Segmentation): Query => ({
  seg,
  words: EMPTY_WORDS,
  codes: [],
  aspects: [],
  asked: 0,
  document: null,
  isDocument: false,
  documentReadings: [],
  cues: [],
  levels: [],
  groups: [],
  agencies: [],
  age: null,
  provinces: [],
  kept: [],
  terms: EMPTY_WORDS,
  focus: null,
  required: [],
  corrections: [],
  readings: [],
  focusReadings: [],
});
