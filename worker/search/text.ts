// Vietnamese text handling shared by the index builder and the query path.
// Runs in Cloudflare Workers and Node: plain string code, no Node APIs, no runtime dependencies.
//
// Token scheme (why):
// - A syllable is the unit of Vietnamese writing ("thủ tục" = two syllables), so tokens are
//   syllables: maximal runs of letters, or of digits (a digit run keeps inner "." / "," followed by
//   a digit, so procedure codes like 1.001193 and amounts like 200.000 stay whole). Letters and
//   digits split from each other ("A1" → a, 1; "3x4cm" → 3, x, 4, cm) so spacing variants agree.
// - Each syllable is indexed twice: its accented form and its folded (diacritic-free) form. Citizens
//   type with or without diacritics; a folded query then still matches through the folded token, an
//   accented query matches the same document on both tokens and so outranks a document that only
//   shares the folded spelling ("bán" and "bản" share only "ban"). When a syllable has no
//   diacritics both forms are the same string and it is emitted once.
// - Both forms use one spelling per syllable: old/new tone placement is unified (hoà → hòa,
//   thuỷ → thủy, the form the catalog mostly uses) and, in tokens only, a final "y" after a
//   consonant is written "i" (ký/kí, lý/lí, quý/quí, sỹ/sĩ are spelling variants of one syllable).
// - Adjacent syllables also give a bigram in both forms ("khai_sinh", "lái_xe"): Vietnamese compounds
//   are syllable pairs, and the pair is what separates "giấy phép lái xe" from a name that merely
//   contains "xe" and "lái". The separator "_" never occurs inside a syllable. Bigrams do not cross
//   punctuation that separates phrases (, ; : ( ) newline, a dot that ends a sentence...), but do
//   join across spaces, letter/digit boundaries and word-internal connectors (C/O, tư pháp-hộ tịch).
// - Nothing is dropped (no stop words): query fluff is handled by the caller.
// - In Orama, tokens get an end mark ("khai$"): Orama matches search tokens as prefixes, and for
//   one-syllable tokens that is mostly noise ("hộ" would match "hội", "hộp"); on the catalog names
//   the mark took hit@1 on the portal questions from 31% to 41%.

import type { Tokenizer } from '@orama/orama';

/** Joins the two syllables of a bigram token. Cannot occur inside a syllable. */
export const BIGRAM_SEPARATOR = '_';

// Every Vietnamese vowel with its six tones, in this order:
// none, huyền (grave), sắc (acute), hỏi (hook above), ngã (tilde), nặng (dot below).
const TONED_VOWELS: Readonly<Record<string, string>> = {
  a: 'aàáảãạ',
  ă: 'ăằắẳẵặ',
  â: 'âầấẩẫậ',
  e: 'eèéẻẽẹ',
  ê: 'êềếểễệ',
  i: 'iìíỉĩị',
  o: 'oòóỏõọ',
  ô: 'ôồốổỗộ',
  ơ: 'ơờớởỡợ',
  u: 'uùúủũụ',
  ư: 'ưừứửữự',
  y: 'yỳýỷỹỵ',
};
/** Vowels that carry a shape mark (breve, circumflex, horn): they attract the tone. */
const MARKED_VOWELS = new Set(['ă', 'â', 'ê', 'ô', 'ơ', 'ư']);
const ASCII_BASE: Readonly<Record<string, string>> = {
  a: 'a', ă: 'a', â: 'a', e: 'e', ê: 'e', i: 'i', o: 'o', ô: 'o', ơ: 'o', u: 'u', ư: 'u', y: 'y',
};

interface VowelInfo {
  /** The vowel without tone, shape mark kept (ơ for ở). */
  base: string;
  /** 0 = no tone, 1..5 as in TONED_VOWELS. */
  tone: number;
}
const VOWELS = new Map<string, VowelInfo>();
/** Lowercase character → folded replacement, for every Vietnamese letter with a diacritic. */
const FOLD = new Map<string, string>();
for (const [base, forms] of Object.entries(TONED_VOWELS)) {
  for (let tone = 0; tone < forms.length; tone++) {
    const ch = forms[tone]!;
    VOWELS.set(ch, { base, tone });
    FOLD.set(ch, ASCII_BASE[base]!);
  }
}
FOLD.set('đ', 'd');

// Syllable structure, used only to decide where a tone mark belongs; words that do not parse as a
// Vietnamese syllable (café, foreign names) are left as typed.
const INITIALS = new Set([
  '', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh',
  'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x',
]);
const NUCLEI = new Set([
  'a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y',
  'ai', 'ao', 'au', 'ay', 'âu', 'ây', 'eo', 'êu', 'ia', 'iê', 'iu', 'oa', 'oă', 'oe', 'oi', 'ôi',
  'ơi', 'oo', 'ua', 'uâ', 'uê', 'ui', 'uô', 'uơ', 'uy', 'ưa', 'ưi', 'ươ', 'ưu', 'yê',
  'iêu', 'oai', 'oay', 'oeo', 'uây', 'uôi', 'uya', 'uyê', 'uyu', 'ươi', 'ươu', 'yêu',
]);
const FINALS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

/**
 * Puts the tone mark of one lowercase NFC syllable where the canonical spelling has it.
 * Canonical: on the marked vowel (ă â ê ô ơ ư; the last one in ươ); else, with a final consonant,
 * on the last vowel (hoàn, huỳnh); else on the first of two vowels (hòa, khỏe, thủy, mía, của) or the
 * middle of three (ngoài, khuya, khuỷu). "qu" and "gi" before a vowel belong to the initial.
 */
function placeTone(s: string): string {
  let tonePos = -1;
  let tone = 0;
  for (let i = 0; i < s.length; i++) {
    const v = VOWELS.get(s[i]!);
    if (v && v.tone !== 0) {
      if (tonePos >= 0) return s; // two tone marks: not a syllable, leave it
      tonePos = i;
      tone = v.tone;
    }
  }
  if (tonePos < 0) return s;
  const bare = s.slice(0, tonePos) + VOWELS.get(s[tonePos]!)!.base + s.slice(tonePos + 1);

  let start = 0;
  while (start < bare.length && !VOWELS.has(bare[start]!)) start++;
  if ((bare.startsWith('qu') || bare.startsWith('gi')) && start === 1 && bare.length > 2 && VOWELS.has(bare[2]!)) {
    start = 2;
  }
  let end = start;
  while (end < bare.length && VOWELS.has(bare[end]!)) end++;
  const nucleus = bare.slice(start, end);
  const final = bare.slice(end);
  if (!INITIALS.has(bare.slice(0, start)) || !NUCLEI.has(nucleus) || !FINALS.has(final)) return s;

  let target = -1;
  for (let i = nucleus.length - 1; i >= 0; i--) {
    if (MARKED_VOWELS.has(nucleus[i]!)) {
      target = i;
      break;
    }
  }
  if (target < 0) {
    if (final !== '') target = nucleus.length - 1;
    else target = nucleus.length === 3 ? 1 : 0;
  }
  const at = start + target;
  if (at === tonePos) return s;
  return bare.slice(0, at) + TONED_VOWELS[bare[at]!]![tone] + bare.slice(at + 1);
}

/** Characters outside the Vietnamese table: NFD minus combining marks (é→e, ñ→n), memoized. */
const OTHER_FOLD = new Map<string, string>();
function foldChar(ch: string): string {
  const v = FOLD.get(ch);
  if (v !== undefined) return v;
  let r = OTHER_FOLD.get(ch);
  if (r === undefined) {
    r = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    OTHER_FOLD.set(ch, r);
  }
  return r;
}

/** Folds an already lowercase NFC string. */
function foldLower(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) < 0x80) continue;
    out += s.slice(from, i) + foldChar(s[i]!);
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

const Y_FORMS = TONED_VOWELS.y!;
const I_FORMS = TONED_VOWELS.i!;
/** ký → kí, quý → quí, sỹ → sĩ: a lone final y after a consonant is spelled i in tokens. */
function unifyIY(s: string): string {
  const last = s.length - 1;
  if (last < 1) return s;
  const t = Y_FORMS.indexOf(s[last]!);
  if (t < 0) return s;
  const initial = s.slice(0, last);
  if (initial === '' || initial === 'gi' || !INITIALS.has(initial)) return s;
  return initial + I_FORMS[t];
}

interface SyllableInfo {
  /** Lowercase NFC, canonical tone placement. */
  canon: string;
  /** Accented token form (canon with the i/y spelling unified). */
  key: string;
  /** Folded token form. */
  fold: string;
}
const SYLLABLE_CACHE = new Map<string, SyllableInfo>();
const SYLLABLE_CACHE_MAX = 100_000;

function syllableInfo(raw: string): SyllableInfo {
  let info = SYLLABLE_CACHE.get(raw);
  if (info) return info;
  const canon = placeTone(raw);
  const key = unifyIY(canon);
  info = { canon, key, fold: foldLower(key) };
  if (SYLLABLE_CACHE.size >= SYLLABLE_CACHE_MAX) SYLLABLE_CACHE.clear();
  SYLLABLE_CACHE.set(raw, info);
  return info;
}

// Character classes for the scanner, computed lazily per UTF-16 code unit (class + 1; 0 = unknown).
const OTHER = 1;
const LETTER = 2;
const DIGIT = 3;
const SPACE = 4;
const CONNECTOR = 5;
const CLASS = new Uint8Array(0x10000);
const LETTER_RE = /[\p{L}\p{M}]/u;
const SPACE_RE = /[\p{Zs}\t\u200b\u200c\u200d\ufeff]/u;
const CONNECTORS = "-/._'’&+\u2010\u2011·";

function classify(code: number): number {
  let c = CLASS[code]!;
  if (c !== 0) return c;
  if (code >= 0x30 && code <= 0x39) c = DIGIT;
  else if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) c = LETTER;
  else if (code >= 0xd800 && code <= 0xdfff) c = OTHER;
  else {
    const ch = String.fromCharCode(code);
    if (CONNECTORS.includes(ch)) c = CONNECTOR;
    else if (SPACE_RE.test(ch)) c = SPACE;
    else if (LETTER_RE.test(ch)) c = LETTER;
    else c = OTHER;
  }
  CLASS[code] = c;
  return c;
}

/** A text cut into syllables; offsets index `text`, the NFC lowercase form of the input. */
export interface Segmentation {
  text: string;
  /** Raw syllables as they appear in `text`. */
  raw: string[];
  starts: number[];
  ends: number[];
  /** joined[i]: syllable i forms a phrase with syllable i-1 (no separating punctuation between). */
  joined: boolean[];
  /** Per syllable: canonical, accented-token and folded-token forms (null for digit runs: all = raw). */
  info: (SyllableInfo | null)[];
}

/** Cuts text into syllables (letter runs and digit runs). Exposed for the synonym matcher. */
export function segment(input: string): Segmentation {
  const text = input.normalize('NFC').toLowerCase();
  const raw: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const joined: boolean[] = [];
  const info: (SyllableInfo | null)[] = [];
  const n = text.length;
  let broken = true;
  let lastEnd = -1;
  let i = 0;
  while (i < n) {
    const k = classify(text.charCodeAt(i));
    if (k === LETTER || k === DIGIT) {
      const start = i;
      i++;
      if (k === LETTER) {
        while (i < n && classify(text.charCodeAt(i)) === LETTER) i++;
      } else {
        for (;;) {
          while (i < n && classify(text.charCodeAt(i)) === DIGIT) i++;
          const c = text.charCodeAt(i);
          if ((c === 0x2e || c === 0x2c) && i + 1 < n && classify(text.charCodeAt(i + 1)) === DIGIT) i++;
          else break;
        }
      }
      const s = text.slice(start, i);
      raw.push(s);
      starts.push(start);
      ends.push(i);
      joined.push(!broken && raw.length > 1);
      info.push(k === LETTER ? syllableInfo(s) : null);
      broken = false;
      lastEnd = i;
    } else if (k === SPACE) {
      i++;
    } else if (k === CONNECTOR) {
      // Word-internal only (C/O, pháp-hộ, tp.hcm); otherwise ("xong. Tôi", " - ") it ends the phrase.
      const next = i + 1 < n ? classify(text.charCodeAt(i + 1)) : OTHER;
      if (lastEnd !== i || (next !== LETTER && next !== DIGIT)) broken = true;
      i++;
    } else {
      broken = true;
      i++;
    }
  }
  return { text, raw, starts, ends, joined, info };
}

/** Accented and folded token forms of one syllable (as found by `syllables`). */
export function syllableForms(syllable: string): { accented: string; folded: string } {
  const s = syllable.normalize('NFC').toLowerCase();
  const info = syllableInfo(s);
  return { accented: info.key, folded: info.fold };
}

/**
 * True when a typed syllable can stand for `reference`: the same syllable, or one typed without
 * tone marks and with some shape marks (ă â ê ô ơ ư đ) left out ("so", "sô" and "đang" can stand for
 * "sổ", "đăng"; "số" and "của" cannot stand for "sổ", "cửa": a typed tone is taken at its word).
 * Both arguments are token forms (`syllableForms(...).accented`).
 */
export function diacriticsAgree(typed: string, reference: string): boolean {
  if (typed === reference) return true;
  if (typed.length !== reference.length) return false;
  for (let i = 0; i < typed.length; i++) {
    const q = typed[i]!;
    const qv = VOWELS.get(q);
    if (qv && qv.tone !== 0) return false;
    const r = reference[i]!;
    if (q === r) continue;
    if (q === 'd' && r === 'đ') continue;
    const rv = VOWELS.get(r);
    if (!qv || !rv) return false;
    if (qv.base !== rv.base && qv.base !== ASCII_BASE[rv.base]) return false;
  }
  return true;
}

/**
 * Unicode NFC, lowercase, tone marks placed canonically (hoà → hòa, thuỷ → thủy, khoẻ → khỏe).
 * Everything else (spacing, punctuation, i/y spelling) is kept.
 */
export function normalize(text: string): string {
  const seg = segment(text);
  let out = '';
  let from = 0;
  for (let j = 0; j < seg.raw.length; j++) {
    const inf = seg.info[j];
    if (inf && inf.canon !== seg.raw[j]) {
      out += seg.text.slice(from, seg.starts[j]) + inf.canon;
      from = seg.ends[j]!;
    }
  }
  return from === 0 ? seg.text : out + seg.text.slice(from);
}

/** Lowercase, diacritics removed from every letter (Vietnamese vowels in all tones, đ/Đ → d, é → e). */
export function fold(text: string): string {
  return foldLower(text.normalize('NFC').toLowerCase());
}

/** Normalized syllables of the text, in order: letter runs and digit runs (codes like 1.001193 whole). */
export function syllables(text: string): string[] {
  const seg = segment(text);
  return seg.raw.map((r, j) => seg.info[j]?.canon ?? r);
}

/**
 * A run of syllables as the search reads them: each syllable's canonical, accented-token and
 * folded-token forms, and whether it forms a phrase with the one before (no punctuation between).
 * The question is segmented once; every later reading of it (typos corrected, synonyms rewritten)
 * is a Words, never a string to segment again.
 */
export interface Words {
  canon: string[];
  keys: string[];
  folds: string[];
  joined: boolean[];
}

export const EMPTY_WORDS: Words = { canon: [], keys: [], folds: [], joined: [] };

/** The syllables of a segmentation, joined as in the text. */
export function wordsOf(seg: Segmentation): Words {
  const w: Words = { canon: [], keys: [], folds: [], joined: [] };
  for (let j = 0; j < seg.raw.length; j++) {
    const inf = seg.info[j];
    w.canon.push(inf ? inf.canon : seg.raw[j]!);
    w.keys.push(inf ? inf.key : seg.raw[j]!);
    w.folds.push(inf ? inf.fold : numberFold(seg.raw[j]!));
    w.joined.push(j > 0 && seg.joined[j] === true);
  }
  return w;
}

/** The words at the given positions, joined where they were adjacent and joined. */
export function pickWords(w: Words, positions: readonly number[]): Words {
  return {
    canon: positions.map((j) => w.canon[j]!),
    keys: positions.map((j) => w.keys[j]!),
    folds: positions.map((j) => w.folds[j]!),
    joined: positions.map((j, x) => x > 0 && w.joined[j] === true && positions[x - 1] === j - 1),
  };
}

/** The words of a text (segmented here: for texts that are not the question, such as names and phrases). */
export const wordsOfText = (text: string): Words => wordsOf(segment(text));

/** Typed without a single diacritic (every syllable as its folded form). */
export const unaccented = (w: Words): boolean => w.keys.every((k, i) => k === w.folds[i]);

/** The forms of one syllable, for building Words by hand (a typo's correction). */
export function syllableWord(syllable: string): { canon: string; key: string; fold: string } {
  const s = syllable.normalize('NFC').toLowerCase();
  return /^\d/u.test(s) ? { canon: s, key: s, fold: numberFold(s) } : syllableInfo(s);
}

/**
 * A number's folded form: without the leading zeros the catalog writes ("09 số", "05 ngày", "02
 * bản"), as citizens type it ("9 số", "5 ngày"). Its accented-token form keeps them. On the tuned
 * halves one more right procedure ("giấy xác nhận số cmnd 9 số"), none fewer; portal unchanged.
 */
export function numberFold(s: string): string {
  return /^0+\d+$/u.test(s) ? s.replace(/^0+(?=\d)/u, '') : s;
}

/** Words from..to (exclusive); the first is joined to nothing. */
export function sliceWords(w: Words, from: number, to = w.keys.length): Words {
  return {
    canon: w.canon.slice(from, to),
    keys: w.keys.slice(from, to),
    folds: w.folds.slice(from, to),
    joined: w.joined.slice(from, to).map((j, i) => i > 0 && j),
  };
}

/** Adjacent syllables of one phrase as folded pairs ("so_bhxh", "khai_sinh"), in order. */
export function foldedPairs(w: Words): string[] {
  const out: string[] = [];
  for (let i = 1; i < w.folds.length; i++) if (w.joined[i]) out.push(w.folds[i - 1]! + BIGRAM_SEPARATOR + w.folds[i]!);
  return out;
}

/** Words as text: canonical syllables, a space within a phrase, ", " between phrases. */
export function wordsText(w: Words): string {
  let s = '';
  for (let i = 0; i < w.canon.length; i++) s += (i === 0 ? '' : w.joined[i] ? ' ' : ', ') + w.canon[i]!;
  return s;
}

export interface TokenizeOptions {
  /** Add syllable bigrams (default true). */
  bigrams?: boolean;
  /** Drop repeated tokens, keeping first occurrences (default true, like Orama's own tokenizer). */
  unique?: boolean;
  /** Folded forms only (default false): for secondary fields, where the accent bonus is not worth the index size. */
  foldedOnly?: boolean;
}

/** The search-index tokens of a text; see the token scheme at the top of this file. */
export function tokenize(text: string, opts: TokenizeOptions = {}): string[] {
  const seg = segment(text);
  const out: string[] = [];
  let prevKey = '';
  let prevFold = '';
  for (let j = 0; j < seg.raw.length; j++) {
    const inf = seg.info[j];
    const key = inf ? inf.key : seg.raw[j]!;
    const fld = inf ? inf.fold : numberFold(key);
    pushTokens(out, key, fld, prevKey, prevFold, seg.joined[j] === true, opts);
    prevKey = key;
    prevFold = fld;
  }
  return opts.unique === false ? out : Array.from(new Set(out));
}

/** The search-index tokens of Words (as `tokenize` gives for their text), appended to `out`. */
export function wordTokens(w: Words, out: string[] = [], opts: TokenizeOptions = {}): string[] {
  for (let i = 0; i < w.keys.length; i++) {
    pushTokens(out, w.keys[i]!, w.folds[i]!, i > 0 ? w.keys[i - 1]! : '', i > 0 ? w.folds[i - 1]! : '', w.joined[i] === true, opts);
  }
  return out;
}

function pushTokens(out: string[], key: string, fld: string, prevKey: string, prevFold: string, joined: boolean, opts: TokenizeOptions): void {
  const accented = opts.foldedOnly !== true;
  if (accented) out.push(key);
  if (fld !== key || !accented) out.push(fld);
  if (opts.bigrams !== false && joined) {
    if (accented) out.push(prevKey + BIGRAM_SEPARATOR + key);
    if (prevFold !== prevKey || fld !== key || !accented) out.push(prevFold + BIGRAM_SEPARATOR + fld);
  }
}

export interface VietnameseTokenizerOptions extends Pick<TokenizeOptions, 'bigrams'> {
  /**
   * Append an end mark to every token so that Orama's default prefix matching cannot extend a token
   * ("hộ" would otherwise also match "hội", "hộp", and "khai" every "khai_*" bigram). Orama's own
   * `exact: true` is no substitute: it post-filters on the raw text, which breaks folded queries.
   * Default true.
   */
  wholeTokens?: boolean;
  /** Document properties indexed with folded forms only (see TokenizeOptions.foldedOnly). */
  foldedProps?: readonly string[];
  /** Applied to the tokens of a document property (before the end mark), e.g. to leave out stop tokens. */
  documentFilter?: (prop: string, tokens: string[]) => string[];
  /**
   * Search terms arrive already tokenized, space-separated: the caller chose them (typo
   * corrections, the most informative tokens of a long question). Default false.
   */
  pretokenizedQueries?: boolean;
}

/** Mark appended to tokens by a `wholeTokens` tokenizer. */
export const TOKEN_END = '$';

export interface VietnameseTokenizer extends Tokenizer {
  language: 'vietnamese';
}

/**
 * A tokenizer for Orama 3 (`create({ schema, components: { tokenizer } })`). Orama does not
 * serialize tokenizers: create the database with this tokenizer before `load()`ing a saved index,
 * with the same options that built it.
 */
export function createVietnameseTokenizer(opts: VietnameseTokenizerOptions = {}): VietnameseTokenizer {
  const bigrams = opts.bigrams !== false;
  const whole = opts.wholeTokens !== false;
  const foldedProps = new Set(opts.foldedProps ?? []);
  const documentFilter = opts.documentFilter;
  return {
    language: 'vietnamese',
    // Required by Orama's interface; tokens are memoized per syllable inside this module instead.
    normalizationCache: new Map<string, string>(),
    tokenize(raw: string, _language?: string, prop?: string): string[] {
      if (typeof raw !== 'string') return [raw];
      let tokens =
        prop === undefined && opts.pretokenizedQueries
          ? raw.split(' ').filter(Boolean)
          : tokenize(raw, { bigrams, foldedOnly: prop !== undefined && foldedProps.has(prop) });
      if (documentFilter && prop !== undefined) tokens = documentFilter(prop, tokens);
      if (whole) tokens = tokens.map((t) => t + TOKEN_END);
      return tokens;
    },
  };
}
