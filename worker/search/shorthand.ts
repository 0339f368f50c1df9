// Stage 1 of the search (query.ts), after segmentation: chat shorthand spelled out. Citizens type
// "làm ntn", "có dc ko", "giấy tờ j", "dki tạm trú": one syllable for a word of one or more. Spelled
// out once here, every later stage (question phrases, fluff, synonyms) reads the words, instead of
// each phrase list enumerating its shorthand forms. The table is data (knowledge/phrases.json).
import { fold, syllableWord, unaccented, type Words } from './text';

/** Shorthand syllable (as typed, lowercase) → the words it stands for, as syllables. */
export type ShorthandTable = ReadonlyMap<string, readonly string[]>;

export function compileShorthand(entries: Record<string, string>): ShorthandTable {
  return new Map(Object.entries(entries).map(([short, full]) => [short.normalize('NFC').toLowerCase(), full.normalize('NFC').split(/\s+/u)]));
}

/** The words with each shorthand syllable spelled out; the same object when none is. */
export function expandShorthand(w: Words, table: ShorthandTable): Words {
  if (!w.keys.some((k) => table.has(k))) return w;
  // A question typed without diacritics stays so ("dc ko" → "duoc khong"): the later stages read
  // its bare syllables in every sense ("tuoi", "phai" as the cues "tuổi", "phải"), which one
  // spelled-out word with diacritics would turn off. On the tuned halves one more right procedure.
  const bare = unaccented(w);
  const out: Words = { canon: [], keys: [], folds: [], joined: [] };
  for (let j = 0; j < w.keys.length; j++) {
    const full = table.get(w.keys[j]!);
    if (!full) {
      out.canon.push(w.canon[j]!);
      out.keys.push(w.keys[j]!);
      out.folds.push(w.folds[j]!);
      out.joined.push(w.joined[j]!);
      continue;
    }
    full.forEach((s, i) => {
      const info = syllableWord(s);
      const x = bare ? { canon: fold(info.canon), key: info.fold, fold: info.fold } : info;
      out.canon.push(x.canon);
      out.keys.push(x.key);
      out.folds.push(x.fold);
      // The first syllable joins what came before as the shorthand did; the rest form one phrase with it.
      out.joined.push(i === 0 ? w.joined[j]! : true);
    });
  }
  return out;
}
