// The phrases of knowledge/checklist.json, validated and compiled into small matchers. Matching is
// on lowercase text with tone marks placed canonically (uỷ = ủy), which keeps the text's length, so
// a position found in the matched form is the same position in the source text.
import { z } from 'zod';
import rulesJson from '../../knowledge/checklist.json';
import { normalize } from '../../worker/search/text.ts';

const phrases = z.array(z.string().min(1));
const labelled = z.array(z.object({ phrase: z.string().min(1), label: z.string().min(1).optional() }));

const rulesSchema = z.object({
  version: z.literal(1),
  sections: z.object({ submit: phrases, present: phrases, note: phrases, general: phrases }),
  maxQualifier: z.number().int().positive(),
  parts: z.object({ phrases }),
  crossCase: z.object({ phrases: z.array(z.object({ phrase: z.string().min(1), label: z.string().min(1) })) }),
  conditionStarts: z.object({ phrases }),
  trailingConditions: z.object({ phrases: labelled }),
  channelConditions: z.object({ phrases }),
  bringVerbs: z.object({ phrases, present: phrases }),
  noteStarts: z.object({ phrases }),
  noteClauses: z.object({ phrases }),
  documents: z.object({ phrases }),
  applications: z.object({ paper: phrases, electronic: phrases }),
  announces: z.object({ endings: phrases }),
});
export type ChecklistRules = z.infer<typeof rulesSchema>;

export const RULES: ChecklistRules = rulesSchema.parse(rulesJson);

/** Lowercase, canonical tone marks; the same length as the input (else a plain lowercase). */
export function matchForm(text: string): string {
  const n = normalize(text);
  if (n.length === text.length) return n;
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text;
}

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** `low` starts with `phrase` ending at a word boundary (a phrase ending in a space or punctuation is its own boundary). */
export function startsWithPhrase(low: string, phrase: string): boolean {
  const p = matchForm(phrase);
  if (!low.startsWith(p)) return false;
  return !isWordChar(p.at(-1)) || !isWordChar(low[p.length]);
}

export function startsWithAny(low: string, list: string[]): string | null {
  let best: string | null = null;
  for (const p of list) if (startsWithPhrase(low, p) && (!best || p.length > best.length)) best = p;
  return best;
}

/** Where `phrase` occurs in `low` as whole words, from `from`; -1 when it does not. */
export function findPhrase(low: string, phrase: string, from = 0): number {
  const p = matchForm(phrase);
  let i = low.indexOf(p, from);
  while (i >= 0) {
    const before = low[i - 1];
    const after = low[i + p.length];
    if ((!isWordChar(p[0]) || !isWordChar(before)) && (!isWordChar(p.at(-1)) || !isWordChar(after))) return i;
    i = low.indexOf(p, i + 1);
  }
  return -1;
}

export function containsAny(low: string, list: string[]): boolean {
  return list.some((p) => findPhrase(low, p) >= 0);
}

/** Not documents although they start like one ("Đơn vị…", "Các trường hợp sau…"). */
const NOT_DOCUMENTS = ['đơn vị', 'các trường hợp', 'các cơ quan', 'các bên', 'bản thân', 'hồ sơ được', 'hồ sơ nộp', 'hồ sơ đăng ký doanh nghiệp phải', 'thông tin cá nhân', 'thẻ căn cước công dân còn'];

export function isDocument(title: string): boolean {
  const low = matchForm(title);
  if (startsWithAny(low, NOT_DOCUMENTS)) return false;
  return startsWithAny(low, RULES.documents.phrases) !== null;
}

/** 0: a paper application or declaration; 1: an electronic form; null: neither. */
export function applicationRank(title: string): 0 | 1 | null {
  const low = matchForm(title);
  if (startsWithAny(low, RULES.applications.electronic)) return 1;
  if (startsWithAny(low, RULES.applications.paper) && !startsWithAny(low, NOT_DOCUMENTS)) return 0;
  return null;
}
