// How sure the assistant may be that a found procedure is the one asked about. Search scores are
// relative (the best candidate always scores highest); this is absolute: the share of the
// procedure's name the question covers and of the question the name covers (F-measure on folded
// syllables and syllable pairs), 0 when they share nothing, 1 when they are the same words.
import { tokenize } from '../search/text';

const tokensOf = (text: string) => new Set(tokenize(text, { foldedOnly: true }));

// Words that open or pad half of all procedure names: sharing them says nothing.
const FILLER = new Set(['thu', 'tuc', 'thu_tuc', 'cap', 'va', 'cua', 'doi', 'voi', 'doi_voi', 'cho', 'tai', 'thuc', 'hien', 'thuc_hien']);

/** The search text may carry a synonym-expanded second line: the better reading counts. */
export function agreement(searchText: string, procedureName: string): number {
  return Math.max(0, ...searchText.split('\n').map((line) => lineAgreement(line, procedureName)));
}

function lineAgreement(question: string, procedureName: string): number {
  const q = tokensOf(question);
  const n = tokensOf(procedureName);
  let shared = 0;
  let nameSize = 0;
  let questionSize = 0;
  for (const t of n) {
    if (FILLER.has(t)) continue;
    nameSize++;
    if (q.has(t)) shared++;
  }
  for (const t of q) if (!FILLER.has(t)) questionSize++;
  if (shared === 0) return 0;
  const precision = shared / nameSize;
  const recall = shared / questionSize;
  return (2 * precision * recall) / (precision + recall);
}
