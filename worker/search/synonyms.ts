// Query expansion with the abbreviations and colloquialisms of knowledge/synonyms.json.
// A query is matched syllable by syllable against the variants (diacritics in the query optional,
// tone placement and i/y spelling ignored), and a rewritten copy with each match replaced by the
// catalog's wording is appended to the query. Appending rather than replacing keeps every original
// token (the citizen's words may be the catalog's too), and with the de-duplicating tokenizer of
// text.ts the copy only adds the tokens that are new: the canonical syllables and their bigrams with
// the neighbouring words ("mở cty tnhh" → "thành lập doanh nghiệp trách nhiệm hữu hạn").
import { z } from 'zod';
import { diacriticsAgree, segment } from './text';

const phrase = z.string().trim().min(1);

export const synonymsSchema = z.strictObject({
  _comment: z.union([z.string(), z.array(z.string())]).optional(),
  version: z.literal(1),
  groups: z.array(z.strictObject({ canonical: phrase, variants: z.array(phrase).min(1) })),
  colloquial: z.array(z.strictObject({ phrase, means: phrase })).default([]),
  keep: z.array(phrase).default([]),
  followUps: z.strictObject({ generic: z.array(phrase), heads: z.array(phrase) }).default({ generic: [], heads: [] }),
});
export type SynonymsData = z.infer<typeof synonymsSchema>;

type Kind = 'group' | 'colloquial';

/** A phrase as syllables: surface text (canonical spelling), accented and folded token forms. */
interface Phrase {
  surface: string[];
  /** Text before each syllable (inside the phrase); seps[0] is ''. */
  seps: string[];
  keys: string[];
  folds: string[];
}

interface Entry {
  source: string;
  keys: string[];
  /** null: identity (a canonical form or a kept phrase) — matches, consumes, changes nothing. */
  replacement: Phrase | null;
  replacementText: string | null;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entries: Entry[];
}

/** Compiled synonyms, from `loadSynonyms`. */
export interface Synonyms {
  readonly data: SynonymsData;
  /** @internal */ readonly passes: readonly { kind: Kind; root: TrieNode }[];
}

export interface Replacement {
  kind: Kind;
  /** The query's words that matched (normalized). */
  from: string;
  /** What they were replaced by. */
  to: string;
}

function toPhrase(text: string): Phrase {
  const seg = segment(text);
  const surface: string[] = [];
  const seps: string[] = [];
  const keys: string[] = [];
  const folds: string[] = [];
  for (let j = 0; j < seg.raw.length; j++) {
    const inf = seg.info[j];
    surface.push(inf ? inf.canon : seg.raw[j]!);
    keys.push(inf ? inf.key : seg.raw[j]!);
    folds.push(inf ? inf.fold : seg.raw[j]!);
    seps.push(j === 0 ? '' : seg.text.slice(seg.ends[j - 1], seg.starts[j]));
  }
  return { surface, seps, keys, folds };
}

function joinPhrase(p: Phrase, from = 0, to = p.surface.length): string {
  let s = '';
  for (let j = from; j < to; j++) s += (j === from ? '' : p.seps[j]!) + p.surface[j]!;
  return s;
}

function addEntry(root: TrieNode, text: string, replacement: string | null, kind: string): void {
  const p = toPhrase(text);
  if (p.keys.length === 0) throw new Error(`Invalid synonyms JSON: ${kind} "${text}" has no letters or digits`);
  let node = root;
  for (const f of p.folds) {
    let child = node.next.get(f);
    if (!child) {
      child = { next: new Map(), entries: [] };
      node.next.set(f, child);
    }
    node = child;
  }
  const rep = replacement === null ? null : toPhrase(replacement);
  const repText = rep === null ? null : joinPhrase(rep);
  const same = node.entries.find((e) => e.keys.join(' ') === p.keys.join(' '));
  if (same) {
    if (same.replacementText === repText) return; // listed twice with the same meaning: harmless
    const describe = (t: string | null) => (t === null ? 'kept as is' : `"${t}"`);
    throw new Error(
      `Invalid synonyms JSON: "${text}" (${kind}) means both ${describe(same.replacementText)} and ${describe(repText)}`,
    );
  }
  // Identical text needs no rewriting: treat "variant = canonical" as identity.
  const identity = rep === null || rep.keys.join(' ') === p.keys.join(' ');
  node.entries.push({
    source: text,
    keys: p.keys,
    replacement: identity ? null : rep,
    replacementText: identity ? null : repText,
  });
}

/** Validates synonyms.json content and compiles it for `expandQuery`. Throws a clear Error when invalid. */
export function loadSynonyms(json: unknown): Synonyms {
  const parsed = synonymsSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid synonyms JSON:\n${z.prettifyError(parsed.error)}`);
  const data = parsed.data;
  const groups: TrieNode = { next: new Map(), entries: [] };
  const colloquial: TrieNode = { next: new Map(), entries: [] };
  for (const k of data.keep) {
    addEntry(groups, k, null, 'keep');
    addEntry(colloquial, k, null, 'keep');
  }
  for (const g of data.groups) addEntry(groups, g.canonical, null, 'canonical');
  for (const g of data.groups) for (const v of g.variants) addEntry(groups, v, g.canonical, 'variant');
  for (const c of data.colloquial) addEntry(colloquial, c.phrase, c.means, 'colloquial phrase');
  return {
    data,
    passes: [
      { kind: 'group', root: groups },
      { kind: 'colloquial', root: colloquial },
    ],
  };
}

function pick(entries: Entry[], keys: string[], folds: string[], from: number): Entry | undefined {
  let fallback: Entry | undefined;
  for (const e of entries) {
    let exact = true;
    let ok = true;
    for (let k = 0; k < e.keys.length; k++) {
      const q = keys[from + k]!;
      const v = e.keys[k]!;
      if (q === v) continue;
      exact = false;
      if (q !== folds[from + k] && !diacriticsAgree(q, v)) {
        ok = false;
        break;
      }
    }
    if (exact) return e;
    if (ok && !fallback) fallback = e;
  }
  return fallback;
}

/** One rewriting pass: leftmost-longest matches, each replaced by its entry's replacement. */
function rewrite(p: Phrase, root: TrieNode, kind: Kind, out: Replacement[]): Phrase {
  const n = p.keys.length;
  let result: Phrase | null = null;
  let copied = 0;
  let i = 0;
  while (i < n) {
    let node: TrieNode | undefined = root;
    let best: Entry | undefined;
    let bestEnd = i;
    for (let j = i; j < n; j++) {
      node = node.next.get(p.folds[j]!);
      if (!node) break;
      if (node.entries.length > 0) {
        const e = pick(node.entries, p.keys, p.folds, i);
        if (e) {
          best = e;
          bestEnd = j + 1;
        }
      }
    }
    if (!best) {
      i++;
      continue;
    }
    const rep = best.replacement;
    if (rep) {
      result ??= { surface: [], seps: [], keys: [], folds: [] };
      for (let k = copied; k < i; k++) {
        result.surface.push(p.surface[k]!);
        result.seps.push(p.seps[k]!);
        result.keys.push(p.keys[k]!);
        result.folds.push(p.folds[k]!);
      }
      for (let k = 0; k < rep.keys.length; k++) {
        result.surface.push(rep.surface[k]!);
        result.seps.push(k === 0 ? p.seps[i]! : rep.seps[k]!);
        result.keys.push(rep.keys[k]!);
        result.folds.push(rep.folds[k]!);
      }
      copied = bestEnd;
      out.push({ kind, from: joinPhrase(p, i, bestEnd), to: best.replacementText! });
    }
    i = bestEnd;
  }
  if (!result) return p;
  for (let k = copied; k < n; k++) {
    result.surface.push(p.surface[k]!);
    result.seps.push(p.seps[k]!);
    result.keys.push(p.keys[k]!);
    result.folds.push(p.folds[k]!);
  }
  return result;
}

/**
 * The query with every variant replaced by its canonical form, then every colloquial phrase by its
 * meaning; `rewritten` is null when nothing matched.
 */
export function rewriteQuery(query: string, synonyms: Synonyms): { rewritten: string | null; replacements: Replacement[] } {
  const replacements: Replacement[] = [];
  const original = toPhrase(query);
  let p = original;
  for (const pass of synonyms.passes) p = rewrite(p, pass.root, pass.kind, replacements);
  return { rewritten: p === original ? null : joinPhrase(p), replacements };
}

/**
 * The query followed, on a new line, by its rewritten copy (see `rewriteQuery`); the query unchanged
 * when no synonym applies. The line break keeps bigrams from spanning the two.
 */
export function expandQuery(normalizedQueryText: string, synonyms: Synonyms): string {
  const { rewritten } = rewriteQuery(normalizedQueryText, synonyms);
  return rewritten === null ? normalizedQueryText : `${normalizedQueryText}\n${rewritten}`;
}
