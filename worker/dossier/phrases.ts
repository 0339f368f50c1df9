// What a message says about a dossier lookup (knowledge/dossier/phrases.json): a status question
// ("hồ sơ của tôi đến đâu rồi"), someone else's dossier, or "hủy". Read with the one phrase matcher
// of the search (search/phrase-trie.ts), as the small talk is.
import { z } from 'zod';
import phrasesJson from '../../knowledge/dossier/phrases.json';
import { PhraseTrie } from '../search/phrase-trie';
import { wordsOfText, type Words } from '../search/text';

const list = z.array(z.string().trim().min(1));
const phrasesSchema = z.object({ _comment: z.array(z.string()).optional(), version: z.literal(1), statusQuestions: list, notOwn: list, cancel: list });

function trieOf(phrases: string[]): PhraseTrie<true> {
  const trie = new PhraseTrie<true>({ acrossPunctuation: true });
  for (const p of phrases) trie.add(p, true);
  return trie;
}

const contains = (trie: PhraseTrie<true>, w: Words) => trie.scan(w).length > 0;

export interface DossierPhrases {
  /** A question about where a dossier stands (one's own). */
  asksStatus(message: string): boolean;
  /** The whole message is a request to stop ("hủy", "thôi"). */
  cancels(message: string): boolean;
}

export function compilePhrases(json: unknown): DossierPhrases {
  const parsed = phrasesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid dossier phrases JSON:\n${z.prettifyError(parsed.error)}`);
  const status = trieOf(parsed.data.statusQuestions);
  const notOwn = trieOf(parsed.data.notOwn);
  const cancel = trieOf(parsed.data.cancel);
  return {
    asksStatus(message) {
      const w = wordsOfText(message);
      return contains(status, w) && !contains(notOwn, w);
    },
    cancels(message) {
      const w = wordsOfText(message);
      return w.keys.length > 0 && cancel.at(w, 0).some((h) => h.end === w.keys.length);
    },
  };
}

let compiled: DossierPhrases | null = null;
export const dossierPhrases = (): DossierPhrases => (compiled ??= compilePhrases(phrasesJson));
