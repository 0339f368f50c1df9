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
  const { precision, recall } = lineOverlap(question, procedureName);
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/**
 * The question names only part of a procedure: every word and word pair of one reading of it is in
 * the name (as "giấy phép xây dựng" is in "Cấp giấy phép xây dựng, cải tạo, nâng cấp đường ngang"),
 * and the name says at least as much again. When several candidates are so, the question does not
 * say which one is meant. (A name that adds a word or two, "Thủ tục đăng ký chấm dứt giám hộ" for
 * "chấm dứt giám hộ", is what the question means.)
 */
const BROAD_PRECISION = 0.5;

export function namesOnlyPartOf(searchText: string, procedureName: string): boolean {
  return searchText.split('\n').some((line) => {
    const { precision, recall } = lineOverlap(line, procedureName);
    return recall === 1 && precision < BROAD_PRECISION;
  });
}

/** Share of the name's words the question has (precision) and of the question's the name has (recall), filler left out. */
function lineOverlap(question: string, procedureName: string): { precision: number; recall: number } {
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
  if (shared === 0) return { precision: 0, recall: 0 };
  return { precision: shared / nameSize, recall: shared / questionSize };
}
