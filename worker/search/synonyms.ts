// Query expansion with the abbreviations and colloquialisms of knowledge/synonyms.json.
// A query is matched syllable by syllable against the variants (diacritics in the query optional,
// tone placement and i/y spelling ignored), and a rewritten copy with each match replaced by the
// catalog's wording is appended to the query. Appending rather than replacing keeps every original
// token (the citizen's words may be the catalog's too), and with the de-duplicating tokenizer of
// text.ts the copy only adds the tokens that are new: the canonical syllables and their bigrams with
// the neighbouring words ("mở cty tnhh" → "thành lập doanh nghiệp trách nhiệm hữu hạn").
import { z } from 'zod';
import { PhraseTrie } from './phrase-trie';
import { sliceWords, wordsOfText, wordsText, type Words } from './text';

const phrase = z.string().trim().min(1);

export const synonymsSchema = z.strictObject({
  _comment: z.union([z.string(), z.array(z.string())]).optional(),
  version: z.literal(1),
  /** `source`: where the equivalence comes from (a law or the catalog's own wording, common usage, a dictionary). */
  groups: z.array(z.strictObject({ canonical: phrase, variants: z.array(phrase).min(1), source: phrase.optional() })),
  colloquial: z.array(z.strictObject({ phrase, means: phrase, source: phrase.optional() })).default([]),
  keep: z.array(phrase).default([]),
  followUps: z.strictObject({ generic: z.array(phrase), heads: z.array(phrase) }).default({ generic: [], heads: [] }),
});
export type SynonymsData = z.infer<typeof synonymsSchema>;

type Kind = 'group' | 'colloquial';

interface Meaning {
  /** null: identity (a canonical form or a kept phrase) — matches, consumes, changes nothing. */
  replacement: Words | null;
  replacementText: string | null;
}

/** Compiled synonyms, from `loadSynonyms`. */
export interface Synonyms {
  readonly data: SynonymsData;
  /** @internal */ readonly passes: readonly { kind: Kind; trie: PhraseTrie<Meaning> }[];
}

export interface Replacement {
  kind: Kind;
  /** The query's words that matched (normalized). */
  from: string;
  /** What they were replaced by. */
  to: string;
}

/** Each canonical form or meaning read once, however many variants share it. */
type WordsCache = Map<string, Words>;
const wordsIn = (cache: WordsCache, text: string): Words => {
  let w = cache.get(text);
  if (!w) cache.set(text, (w = wordsOfText(text)));
  return w;
};

function addEntry(trie: PhraseTrie<Meaning>, cache: WordsCache, text: string, replacement: string | null, kind: string): void {
  const rep = replacement === null ? null : wordsIn(cache, replacement);
  const repText = rep === null ? null : wordsText(rep);
  const own = wordsIn(cache, text);
  // Identical text needs no rewriting: treat "variant = canonical" as identity.
  const identity = rep === null || rep.keys.join(' ') === own.keys.join(' ');
  const meaning: Meaning = identity ? { replacement: null, replacementText: null } : { replacement: rep, replacementText: repText };
  const { keys: listed, existing } = trie.add(own, meaning);
  if (listed.length === 0) throw new Error(`Invalid synonyms JSON: ${kind} "${text}" has no letters or digits`);
  if (existing && existing.replacementText !== meaning.replacementText) {
    const describe = (t: string | null) => (t === null ? 'kept as is' : `"${t}"`);
    throw new Error(
      `Invalid synonyms JSON: "${text}" (${kind}) means both ${describe(existing.replacementText)} and ${describe(meaning.replacementText)}`,
    );
  }
}

/** Validates synonyms.json content and compiles it for `rewriteWords`. Throws a clear Error when invalid. */
export function loadSynonyms(json: unknown): Synonyms {
  const parsed = synonymsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid synonyms JSON:\n${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  // Across punctuation, as names write lists: "xuất cảnh, nhập cảnh" is "xuất nhập cảnh".
  const groups = new PhraseTrie<Meaning>({ acrossPunctuation: true });
  const colloquial = new PhraseTrie<Meaning>({ acrossPunctuation: true });
  const cache: WordsCache = new Map();
  for (const k of data.keep) {
    addEntry(groups, cache, k, null, 'keep');
    addEntry(colloquial, cache, k, null, 'keep');
  }
  for (const g of data.groups) addEntry(groups, cache, g.canonical, null, 'canonical');
  for (const g of data.groups) for (const v of g.variants) addEntry(groups, cache, v, g.canonical, 'variant');
  for (const c of data.colloquial) addEntry(colloquial, cache, c.phrase, c.means, 'colloquial phrase');
  return {
    data,
    passes: [
      { kind: 'group', trie: groups },
      { kind: 'colloquial', trie: colloquial },
    ],
  };
}

/**
 * One rewriting pass: leftmost-longest matches (typed exactly as listed before typed without some
 * diacritics, then in the order listed: kept phrases first), each replaced by its meaning.
 */
function rewrite(w: Words, trie: PhraseTrie<Meaning>, kind: Kind, out: Replacement[]): Words {
  const hits = trie.scan(w).filter((h) => h.value.replacement !== null);
  if (hits.length === 0) return w;
  const result: Words = { canon: [], keys: [], folds: [], joined: [] };
  const copy = (from: Words, i: number, joined: boolean) => {
    result.canon.push(from.canon[i]!);
    result.keys.push(from.keys[i]!);
    result.folds.push(from.folds[i]!);
    result.joined.push(joined);
  };
  let copied = 0;
  for (const h of hits) {
    for (let k = copied; k < h.start; k++) copy(w, k, w.joined[k]!);
    const rep = h.value.replacement!;
    for (let k = 0; k < rep.keys.length; k++) copy(rep, k, k === 0 ? w.joined[h.start]! : rep.joined[k]!);
    out.push({ kind, from: wordsText(sliceWords(w, h.start, h.end)), to: h.value.replacementText! });
    copied = h.end;
  }
  for (let k = copied; k < w.keys.length; k++) copy(w, k, w.joined[k]!);
  return result;
}

/**
 * The words with every variant replaced by its canonical form, then every colloquial phrase by its
 * meaning; `words` is null when nothing matched.
 */
export function rewriteWords(words: Words, synonyms: Synonyms): { words: Words | null; replacements: Replacement[] } {
  const replacements: Replacement[] = [];
  let w = words;
  for (const pass of synonyms.passes) w = rewrite(w, pass.trie, pass.kind, replacements);
  return { words: w === words ? null : w, replacements };
}

/** `rewriteWords` on a text, the result as text. */
export function rewriteQuery(query: string, synonyms: Synonyms): { rewritten: string | null; replacements: Replacement[] } {
  const { words, replacements } = rewriteWords(wordsOfText(query), synonyms);
  return { rewritten: words === null ? null : wordsText(words), replacements };
}

/**
 * A text followed, on a new line, by its rewritten copy (see `rewriteQuery`); the text unchanged
 * when no synonym applies. The line break keeps bigrams from spanning the two. Used for the names
 * the index holds; the question's readings are Words (`rewriteWords`).
 */
export function expandQuery(normalizedQueryText: string, synonyms: Synonyms): string {
  const { rewritten } = rewriteQuery(normalizedQueryText, synonyms);
  return rewritten === null ? normalizedQueryText : `${normalizedQueryText}\n${rewritten}`;
}
