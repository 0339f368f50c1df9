// Recognises greetings, thanks, farewells, requests for help, out-of-scope topics and requests for
// someone's personal data (knowledge/smalltalk.json), with the one phrase matcher of the search
// (search/phrase-trie.ts): whole syllables, a diacritic typed must agree, none typed is fine.
import { z } from 'zod';
import { PhraseTrie } from '../search/phrase-trie';
import type { Words } from '../search/text';

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
  /** Procedures named with an out-of-scope topic's words ("ghi chú ly hôn"): read whole, they hide it. */
  inScope: list.default([]),
  /** Replies to a numbered list (chat/choice.ts). */
  choice: z.object({ lead: list, numbers: z.record(z.string(), z.number().int().min(1).max(9)), particles: list }),
});
export type SmalltalkData = z.infer<typeof smalltalkSchema>;

export type SmalltalkKind = 'greeting' | 'thanks' | 'bye' | 'help' | 'outOfScope' | 'personalData';
const KINDS: SmalltalkKind[] = ['personalData', 'help', 'thanks', 'bye', 'greeting', 'outOfScope'];

export interface SmalltalkMatch {
  kinds: SmalltalkKind[];
  /** Syllables of the message not covered by a small-talk phrase. */
  rest: number;
}

export interface Smalltalk {
  /**
   * The kinds the words say. `compound(i)`, when given, tells that words i−1 and i are one word of
   * the catalog ("văn bản"): an out-of-scope phrase that ends or starts inside one ("làm văn",
   * writing an essay, in "làm văn bản chia thừa kế") is not said.
   */
  match(words: Words, compound?: (i: number) => boolean): SmalltalkMatch;
  readonly data: SmalltalkData;
}

export function compileSmalltalk(json: unknown): Smalltalk {
  const parsed = smalltalkSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid smalltalk JSON:\n${z.prettifyError(parsed.error)}`);
  // Across punctuation: "alo, có ai không" is small talk as a whole.
  const trie = new PhraseTrie<SmalltalkKind | 'inScope'>({ acrossPunctuation: true });
  // A phrase listed under two kinds keeps the first in KINDS order (personal data before the rest).
  for (const kind of KINDS) for (const p of parsed.data[kind]) trie.add(p, kind);
  for (const p of parsed.data.inScope) trie.add(p, 'inScope');
  return {
    data: parsed.data,
    match(words, compound) {
      const all = trie.scan(words);
      const cut = (h: { start: number; end: number }) => compound !== undefined && ((h.start > 0 && compound(h.start)) || (h.end < words.keys.length && compound(h.end)));
      // A topic the question also says inside a procedure's words is that procedure's, wherever it
      // stands: "ly hôn bên Hàn rồi, về VN ghi chú ly hôn" asks about the "ghi chú ly hôn".
      const text = (h: { start: number; end: number }) => ` ${words.folds.slice(h.start, h.end).join(' ')} `;
      const named = all.filter((h) => h.value === 'inScope').map(text);
      const elsewhere = (h: { start: number; end: number }) => named.some((n) => n.includes(text(h)));
      // A topic that is what the procedure is for ("làm lý lịch tư pháp để xin việc") is no topic of
      // the question: "để" typed with its diacritics ("de" may be "dễ": "ngành nào dễ xin việc").
      const purpose = (h: { start: number }) => h.start > 0 && words.keys[h.start - 1] === 'để';
      // A request for personal data said inside one's own use of it ("đăng ký bằng số điện thoại của
      // ai", "đổi số điện thoại của mình") is none, as a topic inside a procedure's words is not.
      const hits = all.filter((h) => h.value !== 'inScope' && !(h.value === 'outOfScope' && (cut(h) || elsewhere(h) || purpose(h))) && !(h.value === 'personalData' && elsewhere(h)));
      const kinds = new Set(hits.map((h) => h.value));
      const covered = hits.reduce((n, h) => n + h.end - h.start, 0);
      return { kinds: KINDS.filter((k) => kinds.has(k)), rest: words.keys.length - covered };
    },
  };
}
