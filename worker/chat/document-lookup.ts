// "Có cần <giấy tờ> không?": the document named, looked up in the procedure's list of documents.
// A component matches when it has most of what the question calls the document (IDF-weighted
// syllables and syllable pairs), the generic words that begin any document's name ("giấy", "bản
// sao", "tờ") aside.
import { allComponents } from '../catalog/components';
import type { Component, Procedure } from '../catalog/schema';
import { BIGRAM_SEPARATOR, wordsOfText, type Words } from '../search/text';
import { unitsOf } from './passages';

/** Share of the document's weight a component must have to be the one asked about. */
const MIN_SHARE = 0.6;
/** Words every document name may begin with: they say nothing about which document. */
const GENERIC = new Set(['giay', 'to', 'giay_to', 'ban', 'sao', 'ban_sao', 'chinh', 'ban_chinh', 'cua', 'va', 'hoac', 'cac', 'nhung', 'theo', 'mau', 'mot', 'so', 'co', 'khong']);

export interface DocumentMatch {
  component: Component;
  caseIndex: number;
  /** Share (IDF-weighted) of the question's words for the document that the component has. */
  share: number;
}

/** The component the question's document is, if the list has it; `readingsOf` gives a name's readings (synonyms rewritten). */
export function findDocument(
  p: Procedure,
  document: Words,
  rarity: (unit: string) => number,
  readingsOf: (text: string) => Words[] = (t) => [wordsOfText(t)],
): DocumentMatch | null {
  const weights = new Map<string, number>();
  for (const u of unitsOf(document)) {
    if (GENERIC.has(u) || u.split(BIGRAM_SEPARATOR).every((x) => GENERIC.has(x))) continue;
    // A word the catalog never uses still names the document ("ADN"): it weighs as a rare one.
    const w = rarity(u) || 5;
    weights.set(u, u.includes(BIGRAM_SEPARATOR) ? 1.5 * w : w);
  }
  if (weights.size === 0) return null;
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  let best: (DocumentMatch & { at: number }) | null = null;
  for (const { component, caseIndex } of allComponents(p)) {
    // A note for the clerk is no document to bring.
    if (component.kind === 'note') continue;
    {
      // The name as written and with abbreviations spelled out ("Sổ BHXH": "sổ bảo hiểm xã hội").
      const readings = readingsOf(component.name);
      const w = readings[0]!;
      const units = new Set(readings.flatMap((r) => [...unitsOf(r)]));
      let shared = 0;
      for (const [u, x] of weights) if (units.has(u)) shared += x;
      const share = shared / total;
      // Of equal matches, the one whose name begins with the document ("02 ảnh 4x6" rather than
      // "Tờ khai …, có dấu giáp lai ảnh"): where the first of the document's words stands.
      const at = w.folds.findIndex((f) => weights.has(f));
      if (share >= MIN_SHARE && (!best || share > best.share || (share === best.share && at < best.at))) best = { component, caseIndex, share, at };
    }
  }
  return best;
}
