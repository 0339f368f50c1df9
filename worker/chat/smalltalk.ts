// Recognises greetings, thanks, farewells, requests for help, out-of-scope topics and requests for
// someone's personal data (knowledge/smalltalk.json), on whole words with or without diacritics.
import { z } from 'zod';
import { fold, syllables } from '../search/text';

const list = z.array(z.string().trim().min(1));
export const smalltalkSchema = z.object({
  _comment: z.array(z.string()).optional(),
  version: z.literal(1),
  greeting: list,
  thanks: list,
  bye: list,
  help: list,
  outOfScope: list,
  personalData: list,
});

export type SmalltalkKind = 'greeting' | 'thanks' | 'bye' | 'help' | 'outOfScope' | 'personalData';
const KINDS: SmalltalkKind[] = ['personalData', 'help', 'thanks', 'bye', 'greeting', 'outOfScope'];

export interface SmalltalkMatch {
  kinds: SmalltalkKind[];
  /** Syllables of the message not covered by a small-talk phrase. */
  rest: number;
}

export interface Smalltalk {
  match(message: string): SmalltalkMatch;
}

const words = (text: string) => syllables(text).map(fold);

export function compileSmalltalk(json: unknown): Smalltalk {
  const parsed = smalltalkSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid smalltalk JSON:\n${z.prettifyError(parsed.error)}`);
  const phrases = KINDS.flatMap((kind) => parsed.data[kind].map((p) => ({ kind, words: words(p) })))
    // Longest first, so "có ai ở đó không" is taken whole before "có ai".
    .sort((a, b) => b.words.length - a.words.length);
  return {
    match(message) {
      const w = words(message);
      const covered = new Array<boolean>(w.length).fill(false);
      const kinds: SmalltalkKind[] = [];
      for (const p of phrases) {
        const n = p.words.length;
        for (let i = 0; i + n <= w.length; i++) {
          if (covered.slice(i, i + n).some(Boolean)) continue;
          if (p.words.every((x, k) => w[i + k] === x)) {
            for (let k = i; k < i + n; k++) covered[k] = true;
            if (!kinds.includes(p.kind)) kinds.push(p.kind);
          }
        }
      }
      return { kinds: KINDS.filter((k) => kinds.includes(k)), rest: covered.filter((c) => !c).length };
    },
  };
}
