// Is the question's key content about this procedure? The search ranks the catalog, so its best
// candidate is always "the best" — even for "thủ tục xin nghỉ phép ở công ty" (best: "Đăng ký công
// ty đại chúng") or "mở ví momo có cần định danh mức 2 không". What tells them apart is whether the
// record speaks of what the question is about: the share, weighted by how rare each word is in the
// catalog, of the question's words that the record's own text has. A word the catalog never uses
// ("momo", "winmart", "gym") is content nothing answers, and weighs as a rare word.
import { allComponents } from '../catalog/components';
import type { Procedure } from '../catalog/schema';
import { ACCENT_MISMATCH } from '../search/engine';
import { BIGRAM_SEPARATOR, foldedPairs, wordsOfText, type Words } from '../search/text';

/** Weight of a word the catalog never uses (an IDF a little above that of a word in 1% of procedures). */
const UNKNOWN_WEIGHT = 5;
/**
 * What a procedure is shows in its name, documents, conditions and results; its steps and methods
 * are long and say much the same for many procedures ("hồ sơ", "thẩm định", "hợp đồng"). For the
 * re-rank, a word of the question found only there counts this much: on the tuned halves 0.75 put
 * one more right procedure first (chat-probes) and none fewer; 0.5 cost two on chat-queries-dev-2.
 * Whether a record is what the question is about (`share`) counts every field alike.
 */
const BODY_WEIGHT = 0.75;
/** Shorter unknown words are chat shorthand ("ko", "dc", "ak"), not content. */
const MIN_UNKNOWN_LENGTH = 3;

/** A record's words, folded and as written (lowercase, with diacritics). */
interface RecordWords {
  folds: Set<string>;
  keys: Set<string>;
  /** Those of its name, fields, target groups, cases, documents' titles, conditions and results. */
  coreFolds: Set<string>;
  coreKeys: Set<string>;
  /** Its adjacent syllable pairs, folded ("so_bhxh", "khai_sinh"). */
  pairs: Set<string>;
}

const recordWords = new WeakMap<Procedure, RecordWords>();

function wordsOfRecord(p: Procedure): RecordWords {
  let out = recordWords.get(p);
  if (!out) {
    const core = [
      p.name,
      ...p.fields,
      ...p.targetGroups,
      ...p.cases.flatMap((c) => [c.name, ...c.headings]),
      ...allComponents(p).map((x) => x.component.title),
      p.conditions,
      ...p.results,
    ];
    const body = [
      ...p.executingAgencies,
      ...p.competentAgencies,
      ...allComponents(p).map((x) => x.component.name),
      ...p.methods.flatMap((m) => [m.description, ...m.fees.map((f) => f.text)]),
      ...p.steps,
    ];
    // Each text segmented once: the record's words are the core's and the body's.
    const c = wordsOfText(core.join('\n'));
    const b = wordsOfText(body.join('\n'));
    const coreFolds = new Set(c.folds);
    const coreKeys = new Set(c.keys);
    out = { folds: new Set([...coreFolds, ...b.folds]), keys: new Set([...coreKeys, ...b.keys]), coreFolds, coreKeys, pairs: new Set([...foldedPairs(c), ...foldedPairs(b)]) };
    recordWords.set(p, out);
  }
  return out;
}

export interface CoverageInput {
  /** The question's readings (query.ts): the best-covered one counts. */
  readings: Words[];
  /** How informative a folded syllable is in the catalog (0: a word it never uses). */
  rarity(fold: string): number;
  /** Words of questions that are no content (question and chat words the search knows). */
  isQuestionWord(fold: string): boolean;
  /**
   * A phrase of one word that frames a question ("giùm": "nhờ mẹ đi làm giùm được không"): one the
   * catalog never uses is no content either, where it would weigh as a word nothing answers (on the
   * tuned halves two more right procedures, none fewer; every frame word instead answered an
   * out-of-scope question, "quên" of "quên mang" being content in "mật khẩu bị quên").
   */
  isFrameWord?(fold: string): boolean;
}

export interface Coverage {
  /** Share (0..1) of the question's content that the record's text has; 1 when the question has none. */
  share: number;
  /** The same, a word only in the record's steps, methods or documents' notes counting BODY_WEIGHT (the re-rank's). */
  weighted: number;
  /** Content words of the question the catalog never uses, in every reading ("winmart", "gym"). */
  unknown: string[];
  /** Words spelled as Vietnamese that the catalog never uses, in every reading ("nhòe", "mèo"). */
  unfamiliar: string[];
  /**
   * Share (weighted by rarity) of the question's pairs of content syllables that the catalog uses
   * ("tín chấp", "tăng ca", "du học") which the record has; 1 when the question has none. Syllables
   * recombine ("tăng", "ca" are everywhere), pairs less: a record that has none of the question's
   * pairs is seldom what it is about.
   */
  pairs: number;
}

/** One reading of the question, weighed once for every record it is compared with. */
interface ReadingUnits {
  /** Its pairs of content syllables the catalog uses, with their rarity. */
  pairs: { pair: string; weight: number }[];
  pairTotal: number;
  /** Its content words (each once), with their weight. */
  words: { fold: string; key: string; weight: number }[];
  total: number;
  /** Words the catalog never uses: not spelled as Vietnamese / spelled as Vietnamese. */
  strange: string[];
  plain: string[];
}

/** The question's side of `coverage`, computed once per input (one question, several records). */
const questions = new WeakMap<CoverageInput, ReadingUnits[]>();

function readingUnits(input: CoverageInput): ReadingUnits[] {
  let out = questions.get(input);
  if (out) return out;
  out = input.readings.map((r) => {
    const u: ReadingUnits = { pairs: [], pairTotal: 0, words: [], total: 0, strange: [], plain: [] };
    for (let i = 1; i < r.folds.length; i++) {
      const a = r.folds[i - 1]!;
      const b = r.folds[i]!;
      if (!r.joined[i] || /\d/u.test(a + b) || input.isQuestionWord(a) || input.isQuestionWord(b)) continue;
      const pair = a + BIGRAM_SEPARATOR + b;
      const weight = input.rarity(pair);
      u.pairs.push({ pair, weight });
      u.pairTotal += weight;
    }
    const seen = new Set<string>();
    for (const [i, f] of r.folds.entries()) {
      if (seen.has(f) || /^\d/u.test(f) || input.isQuestionWord(f)) continue;
      seen.add(f);
      const rarity = input.rarity(f);
      if (rarity === 0 && input.isFrameWord?.(f)) continue;
      if (rarity === 0 && f.length >= MIN_UNKNOWN_LENGTH) (vietnameseSyllable(f) ? u.plain : u.strange).push(f);
      const weight = rarity > 0 ? rarity : f.length >= MIN_UNKNOWN_LENGTH ? UNKNOWN_WEIGHT : 0;
      u.words.push({ fold: f, key: r.keys[i]!, weight });
      u.total += weight;
    }
    return u;
  });
  questions.set(input, out);
  return out;
}

export function coverage(p: Procedure, input: CoverageInput): Coverage {
  const record = wordsOfRecord(p);
  let best = 0;
  let bestWeighted = 0;
  let any = false;
  let unknown: string[] | null = null;
  let unfamiliar: string[] | null = null;
  let pairs = 0;
  let anyPair = false;
  for (const r of readingUnits(input)) {
    if (r.pairTotal > 0) {
      let pairCovered = 0;
      for (const { pair, weight } of r.pairs) if (record.pairs.has(pair)) pairCovered += weight;
      pairs = anyPair ? Math.max(pairs, pairCovered / r.pairTotal) : pairCovered / r.pairTotal;
      anyPair = true;
    }
    let covered = 0;
    let weighted = 0;
    for (const { fold: f, key, weight: w } of r.words) {
      // Typed with diacritics, a word means itself ("máu" is no "mẫu"); typed without, any of them.
      // With other diacritics ("máu" where the record says "mẫu"): likely another word, the name
      // agreement's little credit for a slip of the tone.
      const exact = key === f ? record.folds.has(f) : record.keys.has(key);
      const credit = exact ? 1 : record.folds.has(f) ? ACCENT_MISMATCH : 0;
      if (credit === 0) continue;
      const inCore = exact && key !== f ? record.coreKeys.has(key) : record.coreFolds.has(f);
      covered += w * credit;
      weighted += w * credit * (inCore ? 1 : BODY_WEIGHT);
    }
    // A word no indexed field has may still be in this record's steps or conditions ("bụi" in
    // "phát sinh nước thải, bụi, khí thải"): there it is no word the catalog never uses.
    const strange = r.strange.filter((u) => !record.folds.has(u));
    const plain = r.plain.filter((u) => !record.folds.has(u));
    unknown = unknown === null ? strange : unknown.filter((u) => strange.includes(u));
    unfamiliar = unfamiliar === null ? plain : unfamiliar.filter((u) => plain.includes(u));
    if (r.total === 0) continue;
    any = true;
    best = Math.max(best, covered / r.total);
    bestWeighted = Math.max(bestWeighted, weighted / r.total);
  }
  return { share: any ? best : 1, weighted: any ? bestWeighted : 1, unknown: unknown ?? [], unfamiliar: unfamiliar ?? [], pairs: anyPair ? pairs : 1 };
}

/**
 * A folded syllable Vietnamese spelling allows: an onset, a vowel group, a final consonant or
 * glide ("quen", "nhoe", "dui"). Brand names and foreign words typed as one token are not ("momo",
 * "gym", "yoga", "karaoke", "wifi"): 'y' takes a final consonant only after 'u' ("quynh", "huyt").
 */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/u;
export function vietnameseSyllable(fold: string): boolean {
  return SYLLABLE.test(fold) && !/(^|[^u])y(ch|ng|nh|[cmnpt])$/u.test(fold);
}
