// What a message says about a dossier lookup (knowledge/dossier/phrases.json): a status question
// ("hồ sơ của tôi đến đâu rồi"), someone else's dossier, or "hủy". Whole words, with or without
// diacritics, as the small talk is matched (chat/smalltalk.ts).
import { z } from 'zod';
import phrasesJson from '../../knowledge/dossier/phrases.json';
import { fold, syllables } from '../search/text';

const list = z.array(z.string().trim().min(1));
const phrasesSchema = z.object({ _comment: z.array(z.string()).optional(), version: z.literal(1), statusQuestions: list, notOwn: list, cancel: list });

const words = (text: string) => syllables(text).map(fold);

function contains(message: string[], phrase: string[]): boolean {
  for (let i = 0; i + phrase.length <= message.length; i++) if (phrase.every((w, k) => message[i + k] === w)) return true;
  return false;
}

export interface DossierPhrases {
  /** A question about where a dossier stands (one's own). */
  asksStatus(message: string): boolean;
  /** The whole message is a request to stop ("hủy", "thôi"). */
  cancels(message: string): boolean;
}

export function compilePhrases(json: unknown): DossierPhrases {
  const parsed = phrasesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid dossier phrases JSON:\n${z.prettifyError(parsed.error)}`);
  const status = parsed.data.statusQuestions.map(words);
  const notOwn = parsed.data.notOwn.map(words);
  const cancel = new Set(parsed.data.cancel.map((p) => words(p).join(' ')));
  return {
    asksStatus(message) {
      const w = words(message);
      return status.some((p) => contains(w, p)) && !notOwn.some((p) => contains(w, p));
    },
    cancels(message) {
      return cancel.has(words(message).join(' '));
    },
  };
}

let compiled: DossierPhrases | null = null;
export const dossierPhrases = (): DossierPhrases => (compiled ??= compilePhrases(phrasesJson));
