// Stage 3 of the search (query.ts): likely typos among the terms of a question, each read as the
// word of the catalog's names it was probably meant to be.
import { BIGRAM_SEPARATOR, syllableForms, type Words } from './text';

/** A question phrase's word in at most this many names is taken for a question word, never a typo. */
export const RARE_IN_NAMES = 3;
/** Typo correction: shortest syllable considered (letters). */
const MIN_TYPO_LENGTH = 3;
/** Typo correction of words the catalog does use: only in questions this short (syllables searched)… */
const SHORT_QUESTION = 10;
/** …and only to a word that pairs with a neighbour in this many names. */
const KNOWN_WORD_EVIDENCE = 5;

export interface SpellerVocabulary {
  /** Names with this token (syllable or syllable pair, accented or folded form). */
  nameFrequency(token: string): number;
  /** Syllables known to be words (accented and folded forms): the catalog's, the synonyms', the question phrases'. */
  lexicon: { has(word: string): boolean };
  /** Syllables of colloquial phrases and of question phrases no name has ("làm", "xin", "xong"): never typos. */
  chatWords: ReadonlySet<string>;
  /** The words a typo may be read as: the syllables of names, and of the synonyms and phrases. */
  candidates(): Iterable<string>;
}

export class TypoCorrector {
  private near: NearWords | null = null;

  constructor(private readonly vocabulary: SpellerVocabulary) {}

  /**
   * Likely typos among the terms, each with the syllable it was probably meant to be: a word the
   * catalog never uses (as typed: with its diacritics, or without any), read as the name syllable
   * one edit away (a letter missing, extra, wrong or swapped) that forms a pair with a neighbour in
   * the most names (a lone word: the most frequent in names). Keyed by position in the terms.
   */
  corrections(terms: Words): Map<number, string> {
    const out = new Map<number, string>();
    const { nameFrequency: frequency, lexicon, chatWords } = this.vocabulary;
    const n = terms.keys.length;
    const short = n <= SHORT_QUESTION;
    for (let i = 0; i < n; i++) {
      const key = terms.keys[i]!;
      const fold = terms.folds[i]!;
      if (/^\d/u.test(key) || fold.length < MIN_TYPO_LENGTH) continue;
      const accented = key !== fold;
      const typed = accented ? key : fold;
      const hasPrev = i > 0 && terms.joined[i] === true;
      const hasNext = i + 1 < n && terms.joined[i + 1] === true;
      const form = (x: number, accentedForms: boolean) => (accentedForms ? terms.keys[x]! : terms.folds[x]!);
      /** Names with the pair of this syllable (as `c`) and the previous, and the next syllable (0 where there is none), in accented or folded forms. */
      const sides = (c: string, accentedForms: boolean): [number, number] => [
        hasPrev ? frequency(form(i - 1, accentedForms) + BIGRAM_SEPARATOR + c) : 0,
        hasNext ? frequency(c + BIGRAM_SEPARATOR + form(i + 1, accentedForms)) : 0,
      ];
      /** Names with the pair of this syllable and either neighbour. */
      const pairs = (c: string, accentedForms: boolean) => {
        const [before, after] = sides(c, accentedForms);
        return before + after;
      };
      // A word of the catalog is taken for a typo only in a short question, where it pairs with
      // neither neighbour in any name while a word one edit away pairs with one in many
      // ("đăng ký thong trú": "thuong_tru"); not a short word nor a colloquial or question word
      // ("lam", "xin", "xong", "không"), and not a word typed with its diacritics: "chồng", "sinh"
      // typed as such are what the citizen means.
      let least = 1;
      let bothSides = false;
      if (lexicon.has(typed)) {
        const plausible = short && !accented && typed.length > MIN_TYPO_LENGTH && !chatWords.has(typed) && (hasPrev || hasNext);
        if (!plausible) continue;
        const [before, after] = sides(fold, false);
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
      for (const c of this.nearWords().of(typed)) {
        if (c.length < MIN_TYPO_LENGTH || isAscii(c) === accented) continue;
        const f = accented ? syllableForms(c).folded : c;
        const df = frequency(c);
        // Evidence: names with the corrected pair; for a lone word, names with the word. Words of
        // the synonyms and phrases ("online") only when no name word fits.
        const evidence = hasPrev || hasNext ? pairs(f, false) : df;
        if (evidence < least && (least > 1 || df > 0)) continue;
        // Without a name's evidence, not a three-letter word: one edit from too many ("meo": "heo", "mèo", "méo").
        if (df === 0 && evidence === 0 && typed.length <= MIN_TYPO_LENGTH) continue;
        if (bothSides && sides(f, false).some((x) => x < KNOWN_WORD_EVIDENCE)) continue;
        // A tone or shape mark wrong (hỏi for ngã: "nẳng" for "nẵng") before any other slip; then
        // the pairs as typed (with the neighbours' diacritics), without diacritics, the word alone.
        const rank = [evidence > 0 ? 1 : 0, f === fold ? 1 : 0, accented ? pairs(c, true) : 0, evidence, df];
        if (best === null || compareRanks(rank, bestRank) > 0) {
          best = c;
          bestRank = rank;
        }
      }
      if (best !== null) out.set(i, best);
    }
    return out;
  }

  /** Built on first use: most questions have no typo. */
  private nearWords(): NearWords {
    this.near ??= new NearWords([...this.vocabulary.candidates()].filter((t) => !t.includes(BIGRAM_SEPARATOR) && !/\d/u.test(t)));
    return this.near;
  }
}

/**
 * Words one edit away (a letter deleted, inserted, replaced, or two neighbours swapped), found
 * through the words' one-letter deletions.
 */
export class NearWords {
  private readonly byDeletion = new Map<string, string[]>();

  constructor(words: readonly string[]) {
    for (const w of words) for (const d of deletions(w)) {
      const list = this.byDeletion.get(d);
      if (list) list.push(w);
      else this.byDeletion.set(d, [w]);
    }
  }

  of(word: string): string[] {
    const out = new Set<string>();
    for (const d of deletions(word)) for (const w of this.byDeletion.get(d) ?? []) if (w !== word && oneEdit(word, w)) out.add(w);
    return [...out];
  }
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
export function oneEdit(a: string, b: string): boolean {
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
