// Yes/no questions: "đăng ký tạm trú có cần giấy tờ chứng minh chỗ ở không?", "xin con nuôi có
// phải nộp giấy khám sức khỏe không", "cấp lại sổ đỏ có phải đăng báo không". The frame (an
// opening "có cần / có phải / bắt buộc …", what is done with it "nộp / mang / xuất trình", a
// closing "không / ko / chưa" at the end of the clause) is data (knowledge/phrases.json `yesno`);
// what it encloses is a document when it begins like one ("giấy …", "bản sao …", "ảnh", "hợp đồng
// …"), else something to do or have. Either way its words name neither the procedure nor the
// aspect: the search leaves them out; the chat looks a document up in the procedure's checklist,
// and finds what the record says of the rest.
import { PhraseTrie } from './phrase-trie';
import type { Words } from './text';

export interface YesNoData {
  open: string[];
  close: string[];
  verbs: string[];
  documents: string[];
  /** What ends the verb after the document ("mang bằng cũ theo"): not its name. */
  after?: string[];
  /** What begins a clause of its own after the document ("… đi khai sinh nữa", "… để làm hộ chiếu"): not its name either. */
  clauses?: string[];
}

/** What a yes/no question asks about: its syllable range in the question, and the frame's. */
export interface DocumentSpan {
  start: number;
  end: number;
  /** It begins like a document ("giấy …", "bản sao …", "ảnh"); else it is something to do or have ("khám sức khỏe", "đăng báo"). */
  isDocument: boolean;
  /** The whole frame, "có phải nộp … không ạ": none of it names the procedure. */
  frameStart: number;
  frameEnd: number;
  /** A clause of its own inside the frame, after the document ("đi khai sinh nữa"): its words stay searched. */
  clause?: { start: number; end: number };
}

/** Particles that may follow the closing word ("không ạ", "ko vậy"), and whom it is asked of ("ko ad", "không ah", "ko mn": mọi người). */
const PARTICLES = new Set(['a', 'vay', 'nhi', 'nhe', 'nha', 'the', 'ha', 'ad', 'admin', 'ah', 'ak', 'mn']);
/** Whom a question is asked of, in two syllables, after its closing word ("… không mọi người", "ko cả nhà"). */
const ADDRESSED = [
  ['moi', 'nguoi'],
  ['ca', 'nha'],
];
/** "hay": the other choice after the closing word ("… không hay chỉ cần sổ đỏ"). */
const OR = 'hay';
/** Question words: a choice after "hay" with one of them asks its own question ("gì", "nào", "đâu", "sao", "bao nhiêu"). */
const ASKS = new Set(['gi', 'nao', 'dau', 'sao', 'bao']);
/** Longest document name taken (syllables). */
const MAX_DOCUMENT = 14;

export type YesNoReader = (words: Words) => DocumentSpan | null;

export function compileYesNo(data: YesNoData): YesNoReader {
  const trie = (list: string[]) => {
    const t = new PhraseTrie<true>();
    for (const p of list) t.add(p, true);
    return t;
  };
  const open = trie(data.open);
  const close = trie(data.close);
  const verbs = trie(data.verbs);
  const documents = trie(data.documents);
  const after = trie(data.after ?? []);
  const clauses = trie(data.clauses ?? []);
  return (words) => {
    const n = words.keys.length;
    // Clause by clause (a clause ends at punctuation), the last one with the frame wins.
    let found: DocumentSpan | null = null;
    let s = 0;
    while (s < n) {
      let e = s + 1;
      while (e < n && words.joined[e]) e++;
      const span = frame(words, s, e);
      if (span) found = span;
      s = e;
    }
    return found;
  };

  /** The document inside clause [s, e), if the clause is a yes/no question about one. */
  function frame(words: Words, s: number, e: number): DocumentSpan | null {
    let end = e;
    // "có cần nộp bản vẽ không hay chỉ cần sổ đỏ": the question closes before the other choice —
    // unless that choice asks a question of its own ("… không hay nhận cái gì").
    for (let i = s + 1; i < e; i++) {
      if (words.folds[i] !== OR || !close.at(words, Math.max(s, i - 1)).some((h) => h.end === i)) continue;
      if (!words.folds.slice(i + 1, e).some((f) => ASKS.has(f))) end = i;
      break;
    }
    for (let stripped = true; stripped; ) {
      stripped = false;
      while (end > s && PARTICLES.has(words.folds[end - 1]!)) end--;
      for (const p of ADDRESSED) {
        if (end - p.length > s && p.every((f, k) => words.folds[end - p.length + k] === f)) {
          end -= p.length;
          stripped = true;
        }
      }
    }
    // The closing word ends the clause.
    let closeAt = -1;
    for (let i = Math.max(s, end - 3); i < end && closeAt < 0; i++) {
      if (close.at(words, i).some((h) => h.end === end)) closeAt = i;
    }
    if (closeAt < 0) return null;
    // The last opening before it.
    let start = -1;
    let frameStart = -1;
    for (let i = s; i < closeAt; i++) {
      // An opening inside the one before ("cần" in "có cần") is part of it.
      if (i < start) continue;
      const h = open.at(words, i).find((x) => x.end <= closeAt);
      if (h) {
        frameStart = i;
        start = h.end;
      }
    }
    if (start < 0) return null;
    // What is done with the document ("nộp", "mang theo") is not its name.
    for (let h = verbs.at(words, start)[0]; h && h.end < closeAt; h = verbs.at(words, start)[0]) start = h.end;
    // …nor what ends that verb after it ("mang bằng cũ theo").
    let docEnd = closeAt;
    let clause: DocumentSpan['clause'];
    for (let i = start + 1; i < closeAt; i++) {
      if (after.at(words, i).some((h) => h.end === closeAt)) docEnd = i;
      else if (clauses.at(words, i).some((h) => h.end < closeAt)) [docEnd, clause] = [i, { start: i, end: closeAt }];
      else continue;
      break;
    }
    if (docEnd - start < 1 || docEnd - start > MAX_DOCUMENT) return null;
    return { start, end: docEnd, frameStart, frameEnd: e, isDocument: documents.at(words, start).length > 0, ...(clause ? { clause } : {}) };
  }
}
