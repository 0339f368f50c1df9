// Reads a reply to a list the assistant offered: "2", "số 2", "cái thứ hai", "chọn 3", or the
// label. The words around the number ("tôi chọn", "cái thứ", "ạ") and the number words are data
// (knowledge/smalltalk.json `choice`), read with the one phrase matcher of the search.
import { PhraseTrie } from '../search/phrase-trie';
import { fold, wordsOfText } from '../search/text';
import smalltalkJson from '../../knowledge/smalltalk.json';
import { compileSmalltalk, type SmalltalkData } from './smalltalk';

export interface ChoiceReader {
  /** Index (0-based) of the chosen option, or null when the message is not a choice. */
  (message: string, labels: string[]): number | null;
}

export function compileChoice(data: SmalltalkData['choice']): ChoiceReader {
  const lead = new PhraseTrie<true>();
  for (const p of data.lead) lead.add(p, true);
  const particles = new PhraseTrie<true>();
  for (const p of data.particles) particles.add(p, true);
  const numbers = new PhraseTrie<number>();
  for (const [word, n] of Object.entries(data.numbers)) numbers.add(word, n);

  return (message, labels) => {
    const w = wordsOfText(message);
    if (w.keys.length === 0) return null;
    let start = 0;
    let end = w.keys.length;
    for (let h = lead.at(w, start)[0]; h && h.end < end; h = lead.at(w, start)[0]) start = h.end;
    while (end - 1 > start && particles.at(w, end - 1).some((h) => h.end === end)) end--;
    let n: number | null = null;
    if (end - start === 1 && /^\d{1,2}$/u.test(w.keys[start]!)) n = Number(w.keys[start]);
    else n = numbers.at(w, start).find((h) => h.end === end)?.value ?? null;
    if (n !== null) return n >= 1 && n <= labels.length ? n - 1 : null;
    // The label itself, or enough of it to tell it from the others.
    const m = fold(message).replace(/[.,!?;:()"']/gu, ' ').replace(/\s+/gu, ' ').trim();
    const folded = labels.map((l) => fold(l).replace(/\s+/gu, ' ').trim());
    const exact = folded.indexOf(m);
    if (exact >= 0) return exact;
    if (m.length >= 6) {
      const containing = folded.map((l, i) => (l.includes(m) ? i : -1)).filter((i) => i >= 0);
      if (containing.length === 1) return containing[0]!;
    }
    return null;
  };
}

let reader: ChoiceReader | null = null;

/** `compileChoice` over the project's own words (knowledge/smalltalk.json), compiled on first use. */
export function parseChoice(message: string, labels: string[]): number | null {
  reader ??= compileChoice(compileSmalltalk(smalltalkJson).data.choice);
  return reader(message, labels);
}
