// Query expansion with the abbreviations and colloquialisms of knowledge/synonyms.json.
// A query is matched syllable by syllable against the variants (diacritics in the query optional,
// tone placement and i/y spelling ignored), and a rewritten copy with each match replaced by the
// catalog's wording is appended to the query. Appending rather than replacing keeps every original
// token (the citizen's words may be the catalog's too), and with the de-duplicating tokenizer of
// text.ts the copy only adds the tokens that are new: the canonical syllables and their bigrams with
// the neighbouring words ("mở cty tnhh" → "thành lập doanh nghiệp trách nhiệm hữu hạn").
import { z } from 'zod';
import { PhraseTrie, type PhraseHit } from './phrase-trie';
import { sliceWords, wordsOfText, wordsText, type Words } from './text';

const phrase = z.string().trim().min(1);
/**
 * A group's or a colloquial phrase's context: its variants are read so only in a question that says
 * one of the `onlyWith` words anywhere, and not in one that says a `notWith` word ("chủ hộ" is a
 * household business's owner beside "kinh doanh", else the head of a household of residence).
 */
const contextFields = { onlyWith: z.array(phrase).optional(), notWith: z.array(phrase).optional() };

export const synonymsSchema = z.strictObject({
  _comment: z.union([z.string(), z.array(z.string())]).optional(),
  version: z.literal(1),
  /** `source`: where the equivalence comes from (a law or the catalog's own wording, common usage, a dictionary). */
  groups: z.array(z.strictObject({ canonical: phrase, variants: z.array(phrase).min(1), source: phrase.optional(), ...contextFields })),
  colloquial: z.array(z.strictObject({ phrase, means: phrase, source: phrase.optional(), ...contextFields })).default([]),
  keep: z.array(phrase).default([]),
  followUps: z.strictObject({ generic: z.array(phrase), heads: z.array(phrase) }).default({ generic: [], heads: [] }),
  /** Actions whose object a question may name apart from them (see `rewriteApart`). */
  apart: z.strictObject({ heads: z.array(phrase), states: z.array(phrase), maxGap: z.number().int().min(1).max(20), source: phrase }).optional(),
  /**
   * Words of one or two syllables that say the same in a record's sentences as in a question ("từ
   * trần" / "chết" / "qua đời"): read only when a question is matched against one record's
   * sentences (chat/passages.ts), never to search, where they would name other procedures.
   */
  equivalents: z
    .array(z.strictObject({ words: z.array(phrase.refine((w) => w.split(/\s+/u).length <= 2, 'one or two syllables')).min(2), source: phrase }))
    .default([]),
});
export type SynonymsData = z.infer<typeof synonymsSchema>;

type Kind = 'group' | 'colloquial';

interface Meaning {
  /** null: identity (a canonical form or a kept phrase) — matches, consumes, changes nothing. */
  replacement: Words | null;
  replacementText: string | null;
  /** Listed in `keep`: a phrase read whole, whose words are no one else's. */
  kept?: true;
  /** The group's `onlyWith` / `notWith`, folded. */
  context?: Context;
}

/** Words a question must say (`only`, one of them) or must not say (`not`, none of them) for a group's variants to be read. */
interface Context {
  only: string[][];
  not: string[][];
}

const contextOf = (cache: WordsCache, g: { onlyWith?: string[]; notWith?: string[] }): Context | undefined =>
  g.onlyWith || g.notWith ? { only: (g.onlyWith ?? []).map((t) => wordsIn(cache, t).folds), not: (g.notWith ?? []).map((t) => wordsIn(cache, t).folds) } : undefined;

/** The words say the sequence of folded syllables somewhere. */
const says = (w: Words, seq: readonly string[]): boolean => w.folds.some((_, i) => seq.every((f, k) => w.folds[i + k] === f));

/** The question's words allow a variant of this context. */
const inContext = (w: Words, c: Context | undefined): boolean =>
  !c || ((c.only.length === 0 || c.only.some((s) => says(w, s))) && !c.not.some((s) => says(w, s)));

/**
 * A rest of one syllable ("xe", "sổ", "đất") after the action is too common a word to be its object
 * at a distance. One that begins the question or a clause is its topic ("Đất đang thế chấp ngân hàng
 * mà muốn sang tên …"): on the tuned halves three more right procedures, none fewer (held back: one
 * more). Anywhere before the action it took adverbs ("cải tạo lại thùng, mang ra đăng kiểm" as
 * "đăng kiểm lại"); on both sides it cost two.
 */
const MIN_APART_REST = 2;

/** A group variant that begins with an action of `apart.heads`: its rest, and what it means. */
interface ApartVariant {
  /** The head, folded ("sua", "chung thuc"). */
  head: string;
  replacement: Words;
  replacementText: string;
  context?: Context;
}

/** Compiled synonyms, from `loadSynonyms`. */
export interface Synonyms {
  readonly data: SynonymsData;
  /** @internal */ readonly passes: readonly { kind: Kind; trie: PhraseTrie<Meaning> }[];
  /** @internal The actions of `apart`, and the rests of the variants they begin, by rest. */
  readonly apart: { heads: PhraseTrie<string>; rests: PhraseTrie<ApartVariant[]>; maxGap: number; states: Set<string> } | null;
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

function addEntry(trie: PhraseTrie<Meaning>, cache: WordsCache, text: string, replacement: string | null, kind: string, context?: Context): void {
  const rep = replacement === null ? null : wordsIn(cache, replacement);
  const repText = rep === null ? null : wordsText(rep);
  const own = wordsIn(cache, text);
  // Identical text needs no rewriting: treat "variant = canonical" as identity.
  const identity = rep === null || rep.keys.join(' ') === own.keys.join(' ');
  const meaning: Meaning = identity
    ? { replacement: null, replacementText: null, ...(kind === 'keep' ? { kept: true as const } : {}) }
    : { replacement: rep, replacementText: repText, ...(context ? { context } : {}) };
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
  for (const g of data.groups) {
    const context = contextOf(cache, g);
    for (const v of g.variants) addEntry(groups, cache, v, g.canonical, 'variant', context);
  }
  for (const c of data.colloquial) addEntry(colloquial, cache, c.phrase, c.means, 'colloquial phrase', contextOf(cache, c));
  return {
    data,
    // The groups twice: an abbreviation spelled out may make a longer variant with its neighbours
    // ("làm gks": "làm giấy khai sinh", then "đăng ký khai sinh"). On the tuned halves one more right
    // procedure (chat-details), none fewer. The colloquial phrases twice too, for the same reason:
    // "làm mất sổ hồng" reads "cấp lại giấy chứng nhận quyền sử dụng đất" only once "làm mất" is
    // "cấp lại", and that is the lost certificate's "cấp lại giấy chứng nhận do bị mất". Two more
    // right procedures on the tuned halves, none fewer (held back: five more).
    passes: [
      { kind: 'group', trie: groups },
      { kind: 'group', trie: groups },
      { kind: 'colloquial', trie: colloquial },
      { kind: 'colloquial', trie: colloquial },
    ],
    apart: data.apart ? compileApart(data, cache) : null,
  };
}

/** Variants of three syllables or more that begin with an action of `apart.heads`, by their rest. */
function compileApart(data: SynonymsData, cache: WordsCache): NonNullable<Synonyms['apart']> {
  const heads = new PhraseTrie<string>({ acrossPunctuation: true });
  const rests = new PhraseTrie<ApartVariant[]>({ acrossPunctuation: true });
  const listed = data.apart!.heads.map((h) => wordsIn(cache, h));
  for (const h of listed) heads.add(h, h.folds.join(' '));
  for (const g of data.groups) {
    const replacement = wordsIn(cache, g.canonical);
    const context = contextOf(cache, g);
    for (const v of g.variants) {
      const w = wordsIn(cache, v);
      if (w.keys.length < 3) continue;
      // The longest head the variant begins with ("xóa thế chấp" before "thế chấp" is no matter: a
      // head is matched at the variant's start only).
      const head = listed.filter((h) => h.keys.length < w.keys.length && h.keys.every((k, i) => k === w.keys[i])).sort((a, b) => b.keys.length - a.keys.length)[0];
      if (!head) continue;
      const rest = sliceWords(w, head.keys.length, w.keys.length);
      const variant = { head: head.folds.join(' '), replacement, replacementText: wordsText(replacement), ...(context ? { context } : {}) };
      rests.add(rest, [variant], (existing, added) => (existing.some((e) => e.head === variant.head) ? existing : [...existing, ...added]));
    }
  }
  return { heads, rests, maxGap: data.apart!.maxGap, states: new Set(data.apart!.states.flatMap((t) => wordsIn(cache, t).folds)) };
}

/**
 * One rewriting pass: leftmost-longest matches (typed exactly as listed before typed without some
 * diacritics, then in the order listed: kept phrases first), each replaced by its meaning.
 */
function rewrite(w: Words, trie: PhraseTrie<Meaning>, kind: Kind, out: Replacement[]): Words {
  // A variant out of its context is not read: the longest one in context at that place is.
  const hits = trie.scan(w, (at) => at.find((h) => inContext(w, h.value.context))).filter((h) => h.value.replacement !== null);
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
 * Vietnamese puts what a sentence is about first (topic–comment): "Giấy khai sinh của con em bị ghi
 * sai, muốn sửa lại", "Xe 7 chỗ nhà mình đến hạn đăng kiểm", "hợp đồng mua bán nhà … khi chứng
 * thực". A variant that begins with an action of `apart.heads` ("sửa giấy khai sinh", "đăng kiểm
 * xe", "chứng thực hợp đồng") is matched with its action and its rest apart, in either order, at
 * most `apart.maxGap` syllables between: the first of the two is replaced by the canonical form, the
 * other left out. Adjacent in the listed order, it is the plain variant's (the groups' pass). An action
 * after a word of `apart.states` ("hợp đồng đã chứng thực", "sổ đỏ đang thế chấp") says what the
 * paper is, not what the citizen asks to do; so does one a yes/no question asks is required
 * (`required`: "hợp đồng thuê nhà có bắt buộc công chứng không").
 *
 * Measured on the tuned halves (maxGap 8; 6 found two fewer, 10 and 12 the same): four more right
 * procedures (two "hợp đồng … chứng thực", "giấy khai sinh … sửa", "sổ đỏ … sang tên"), two fewer
 * ("hợp đồng thuê nhà có bắt buộc công chứng không": a yes/no about a paper of another procedure;
 * "xe ô tô …, tem đăng kiểm": the action as a noun's modifier); the first was then kept by
 * `required`. Without the states, three more lost ("hợp đồng đã chứng thực, giờ muốn hủy"); with
 * one-syllable rests, two. With more tuned questions, maxGap 12 found three more than 8 ("giấy khai
 * sinh của em bị ghi sai năm sinh, giờ muốn sửa lại"), none fewer; 10 two, 14 four.
 */
function rewriteApart(w: Words, apart: NonNullable<Synonyms['apart']>, plain: PhraseTrie<Meaning>, required: readonly number[], out: Replacement[]): Words {
  const heads: PhraseHit<string>[] = [];
  const rests: PhraseHit<ApartVariant[]>[] = [];
  // The end of the kept phrases (`keep`) begun so far: one that ends past a rest holds it.
  let keptEnd = -1;
  for (let i = 0; i < w.keys.length; i++) {
    const longest = plain.at(w, i)[0];
    const plainEnd = longest?.end ?? i;
    if (longest?.value.kept) keptEnd = Math.max(keptEnd, plainEnd);
    // A head that begins a plain variant of its own ("sang tên sổ đỏ") is that variant's…
    for (const h of apart.heads.at(w, i)) if (plainEnd <= h.end && !required.includes(h.start)) heads.push(h);
    // …and a rest inside a longer kept phrase is that phrase's ("xe máy" in the kept "xe máy chuyên dùng").
    for (const r of apart.rests.at(w, i)) if (keptEnd <= r.end) rests.push(r);
  }
  const found: { first: [number, number]; second: [number, number]; variant: ApartVariant; size: number; gap: number }[] = [];
  for (const h of heads) {
    for (const r of rests) {
      if (r.start < h.end && h.start < r.end) continue;
      if (r.start === h.end) continue;
      if (r.end - r.start < MIN_APART_REST && (r.start > h.start || (r.start > 0 && w.joined[r.start]))) continue;
      if (h.start > 0 && apart.states.has(w.folds[h.start - 1]!)) continue;
      const gap = r.start >= h.end ? r.start - h.end : h.start - r.end;
      if (gap > apart.maxGap) continue;
      const variant = r.value.find((v) => v.head === h.value && inContext(w, v.context));
      if (!variant) continue;
      const [a, b] = h.start < r.start ? [h, r] : [r, h];
      found.push({ first: [a.start, a.end], second: [b.start, b.end], variant, size: h.end - h.start + r.end - r.start, gap });
    }
  }
  if (found.length === 0) return w;
  // The longest, then the nearest, that do not overlap one taken.
  found.sort((x, y) => y.size - x.size || x.gap - y.gap);
  const taken = new Array<boolean>(w.keys.length).fill(false);
  const replaceAt = new Map<number, { end: number; variant: ApartVariant }>();
  const dropAt = new Map<number, number>();
  for (const f of found) {
    const spans = [f.first, f.second];
    if (spans.some(([s, e]) => taken.slice(s, e).some(Boolean))) continue;
    for (const [s, e] of spans) taken.fill(true, s, e);
    replaceAt.set(f.first[0], { end: f.first[1], variant: f.variant });
    dropAt.set(f.second[0], f.second[1]);
    out.push({ kind: 'group', from: `${wordsText(sliceWords(w, ...f.first))} … ${wordsText(sliceWords(w, ...f.second))}`, to: f.variant.replacementText });
  }
  const result: Words = { canon: [], keys: [], folds: [], joined: [] };
  const push = (from: Words, k: number, joined: boolean) => {
    result.canon.push(from.canon[k]!);
    result.keys.push(from.keys[k]!);
    result.folds.push(from.folds[k]!);
    result.joined.push(joined);
  };
  let cut = false;
  for (let k = 0; k < w.keys.length; ) {
    const rep = replaceAt.get(k);
    if (rep) {
      const r = rep.variant.replacement;
      for (let x = 0; x < r.keys.length; x++) push(r, x, x === 0 ? w.joined[k]! && !cut : r.joined[x]!);
      k = rep.end;
      cut = false;
      continue;
    }
    const drop = dropAt.get(k);
    if (drop !== undefined) {
      k = drop;
      // What follows the part left out was not next to what precedes it: no pair across the gap.
      cut = true;
      continue;
    }
    push(w, k, w.joined[k]! && !cut);
    cut = false;
    k++;
  }
  return result;
}

/**
 * The words with every variant replaced by its canonical form, then every colloquial phrase by its
 * meaning; `words` is null when nothing matched. For a question (`apart`), variants whose action and
 * object are apart first (`rewriteApart`).
 */
export function rewriteWords(
  words: Words,
  synonyms: Synonyms,
  opts: { apart?: boolean; required?: readonly number[] } = {},
): { words: Words | null; replacements: Replacement[] } {
  const replacements: Replacement[] = [];
  let w = words;
  if (opts.apart && synonyms.apart) w = rewriteApart(w, synonyms.apart, synonyms.passes[0]!.trie, opts.required ?? [], replacements);
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
