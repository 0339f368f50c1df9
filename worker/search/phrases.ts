// Recognises the phrases of a question (knowledge/phrases.json, knowledge/provinces.json): what is
// asked about (aspect), question fluff, and provinces. Matching is on whole syllables, with or
// without diacritics (a tone the question does have must agree), longest phrase first.
import { z } from 'zod';
import { PhraseTrie, type PhraseHit } from './phrase-trie';
import type { Words } from './text';

export const ASPECTS = ['components', 'fee', 'time', 'place', 'online', 'steps', 'conditions', 'result', 'legal', 'forms'] as const;
export type Aspect = (typeof ASPECTS)[number];

const phraseList = z.array(z.string().trim().min(1));

export const phrasesSchema = z.object({
  _comment: z.array(z.string()).optional(),
  version: z.literal(1),
  fluff: phraseList,
  aspects: z.record(z.enum(ASPECTS), z.object({ ask: phraseList, hint: phraseList })),
  provinceAliases: z.record(z.string(), phraseList).optional(),
});

export const provincesSchema = z.array(z.object({ name: z.string().min(1), short: z.string().min(1) }));

export type PhraseKind =
  | { type: 'fluff' }
  | { type: 'aspect'; aspect: Aspect; strength: 'ask' | 'hint' }
  | { type: 'province'; province: string };

export interface PhraseMatch {
  /** Syllable range [start, end) in the words read. */
  start: number;
  end: number;
  kind: PhraseKind;
}

export interface PhraseMatcher {
  match(words: Words): PhraseMatch[];
  /** Every phrase the matcher knows (fluff, aspects, provinces), as listed. */
  readonly phrases?: readonly string[];
}

export function compilePhrases(json: unknown, provincesJson: unknown): PhraseMatcher {
  const parsed = phrasesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid phrases JSON:\n${z.prettifyError(parsed.error)}`);
  const provinces = provincesSchema.safeParse(provincesJson);
  if (!provinces.success) throw new Error(`Invalid provinces JSON:\n${z.prettifyError(provinces.error)}`);
  const trie = new PhraseTrie<PhraseKind>();
  const listed: string[] = [];
  const add = (text: string, kind: PhraseKind) => {
    listed.push(text);
    trie.add(text, kind, (a, b) => (rank(b) > rank(a) ? b : a));
  };
  const data = parsed.data;
  for (const f of data.fluff) add(f, { type: 'fluff' });
  for (const aspect of ASPECTS) {
    const a = data.aspects[aspect];
    if (!a) continue;
    for (const p of a.ask) add(p, { type: 'aspect', aspect, strength: 'ask' });
    for (const p of a.hint) add(p, { type: 'aspect', aspect, strength: 'hint' });
  }
  for (const p of provinces.data) {
    add(p.name, { type: 'province', province: p.name });
    add(p.short, { type: 'province', province: p.name });
    for (const alias of data.provinceAliases?.[p.name] ?? []) add(alias, { type: 'province', province: p.name });
  }
  return {
    phrases: listed,
    match(words) {
      return trie
        .scan(words, (hits) => {
          // One syllable typed without diacritics is too ambiguous to take for a phrase ("ho" may be
          // hộ, hồ or hở), so a single-syllable phrase must be typed as listed. Of the longest
          // phrases, the more specific meaning wins.
          const ok = hits.filter((h) => h.exact || h.end - h.start > 1);
          const longest = ok.filter((h) => h.end === ok[0]?.end);
          return longest.reduce<PhraseHit<PhraseKind> | undefined>((best, h) => (!best || rank(h.value) > rank(best.value) ? h : best), undefined);
        })
        .map((h) => ({ start: h.start, end: h.end, kind: h.value }));
    },
  };
}

/** Same span listed twice (e.g. "phí" as a hint and inside fluff): the more specific meaning wins. */
function rank(k: PhraseKind): number {
  if (k.type === 'province') return 3;
  if (k.type === 'aspect') return k.strength === 'ask' ? 2 : 1;
  return 0;
}
