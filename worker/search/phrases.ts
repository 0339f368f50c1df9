// Recognises the phrases of a question (knowledge/phrases.json, knowledge/provinces.json): what is
// asked about (aspect), question fluff, and provinces. Matching is on whole syllables, with or
// without diacritics (a tone the question does have must agree), longest phrase first.
import { z } from 'zod';
import { diacriticsAgree, segment, type Segmentation } from './text';

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

interface Entry {
  keys: string[];
  kind: PhraseKind;
}

interface Node {
  next: Map<string, Node>;
  entries: Entry[];
}

export interface PhraseMatch {
  /** Syllable range [start, end) in the segmentation. */
  start: number;
  end: number;
  kind: PhraseKind;
}

export interface PhraseMatcher {
  match(seg: Segmentation): PhraseMatch[];
  /** Every phrase the matcher knows (fluff, aspects, provinces), as listed. */
  readonly phrases?: readonly string[];
}

function keysOf(text: string): { keys: string[]; folds: string[] } {
  const seg = segment(text);
  return {
    keys: seg.raw.map((r, j) => seg.info[j]?.key ?? r),
    folds: seg.raw.map((r, j) => seg.info[j]?.fold ?? r),
  };
}

export function compilePhrases(json: unknown, provincesJson: unknown): PhraseMatcher {
  const parsed = phrasesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid phrases JSON:\n${z.prettifyError(parsed.error)}`);
  const provinces = provincesSchema.safeParse(provincesJson);
  if (!provinces.success) throw new Error(`Invalid provinces JSON:\n${z.prettifyError(provinces.error)}`);
  const root: Node = { next: new Map(), entries: [] };
  const listed: string[] = [];
  const add = (text: string, kind: PhraseKind) => {
    listed.push(text);
    const { keys, folds } = keysOf(text);
    if (keys.length === 0) return;
    let node = root;
    for (const f of folds) {
      let child = node.next.get(f);
      if (!child) node.next.set(f, (child = { next: new Map(), entries: [] }));
      node = child;
    }
    node.entries.push({ keys, kind });
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
    match(seg) {
      const out: PhraseMatch[] = [];
      const n = seg.raw.length;
      let i = 0;
      while (i < n) {
        let best: PhraseMatch | null = null;
        let node: Node | undefined = root;
        for (let j = i; j < n && node; j++) {
          // A phrase lies within one clause: it does not run across punctuation.
          if (j > i && !seg.joined[j]) break;
          const inf = seg.info[j];
          node = node.next.get(inf ? inf.fold : seg.raw[j]!);
          if (!node) break;
          for (const e of node.entries) {
            // One syllable typed without diacritics is too ambiguous to take for a phrase ("ho" may be
            // hộ, hồ or hở), so a single-syllable phrase must be typed as listed.
            const ok = e.keys.every((k, x) => {
              const q = seg.info[i + x];
              const typed = q ? q.key : seg.raw[i + x]!;
              return e.keys.length === 1 ? typed === k : diacriticsAgree(typed, k);
            });
            if (ok && (!best || j + 1 > best.end || (j + 1 === best.end && rank(e.kind) > rank(best.kind)))) {
              best = { start: i, end: j + 1, kind: e.kind };
            }
          }
        }
        if (best) {
          out.push(best);
          i = best.end;
        } else {
          i++;
        }
      }
      return out;
    },
  };
}

/** Same span listed twice (e.g. "phí" as a hint and inside fluff): the more specific meaning wins. */
function rank(k: PhraseKind): number {
  if (k.type === 'province') return 3;
  if (k.type === 'aspect') return k.strength === 'ask' ? 2 : 1;
  return 0;
}
