// Passage retrieval inside one procedure's record. A specific question ("phải khai sinh cho con
// trong bao lâu?", "ông bà có được đi làm thay không?", "hợp đồng thuê nhà có bắt buộc công chứng
// không?") is answered by one sentence of the record, not by a block of it: the record's texts
// (conditions, steps, documents and their notes, submission methods, fees, results) are cut into
// sentences, each scored against what the question says besides the procedure's name, and the best
// is quoted with the part of the record it comes from.
import { allComponents } from '../catalog/components';
import type { Procedure } from '../catalog/schema';
import type { Cue } from '../search/phrases';
import { BIGRAM_SEPARATOR, diacriticsAgree, wordsOfText, type Words } from '../search/text';

export type PassageField = 'conditions' | 'steps' | 'components' | 'methods' | 'fees' | 'results';

/** The parts of a record that state rules (their long sentences are cut at semicolons: `clauses`). */
const RULES: ReadonlySet<PassageField> = new Set<PassageField>(['steps', 'conditions', 'methods']);

/** The part of the record a quoted sentence comes from, as the portal titles it. */
export const FIELD_LABEL: Record<PassageField, string> = {
  conditions: 'Yêu cầu, điều kiện',
  steps: 'Trình tự thực hiện',
  components: 'Thành phần hồ sơ',
  methods: 'Cách thức thực hiện',
  fees: 'Phí, lệ phí',
  results: 'Kết quả thực hiện',
};

export interface Passage {
  field: PassageField;
  text: string;
  /** The sentence that follows in the record, when it qualifies this one ("Trường hợp không có … thì …"). */
  next?: Passage;
  /** The rule's other case, before or after it ("Trường hợp … có thỏa thuận …" / "… không có thỏa thuận …"). */
  other?: Passage;
  /** Folded syllables and syllable pairs of the text, each with its forms as written (`formsOf`). */
  units: ReadonlyMap<string, readonly string[]>;
  /** Syllables in the text, for the length normalisation. */
  length: number;
}

export interface ScoredPassage {
  passage: Passage;
  score: number;
  /** How many of the question's cues the sentence has (a duration, an amount…). */
  cues: number;
  /** Share (weighted) of what the question says besides the procedure's name that the sentence has. */
  specific: number;
  /** The sentence states the question's decisive cues (DECISIVE). */
  decisive: boolean;
  /**
   * How many of the question's own words (not the name's, nor the aspect's; syllables) the record
   * uses: the same for every sentence, it says whether the question tells more than which procedure.
   */
  own: number;
}


/** What a sentence may state: what a question's cues ask for, and where or how to submit. */
export type Fact = Cue | 'place' | 'online' | 'threshold' | 'hour' | 'sameDay';

/** A number with its unit of time, its number spelled out too or not ("05 ngày", "30 (ba mươi) ngày"). */
const NUMBER_OF_TIME = String.raw`\d+\s*(\([\p{L}\s]+\)\s*)?(ngày|tháng|năm|giờ)`;

const CUE_PATTERNS: Record<Fact, RegExp> = {
  // "… lập hồ sơ đề nghị … trình UBND cấp tỉnh xét công nhận": what is submitted up goes to an office too.
  place: /(tại|đến|cho|về|trình)\s(bộ phận|trung tâm|cơ quan|ủy ban|ubnd|chủ tịch|phòng|công an|sở|chi cục|cục|văn phòng|tổ chức|đơn vị|điểm tiếp nhận|địa điểm tiếp nhận|trụ sở|nơi)\s/iu,
  online: /trực tuyến|bưu chính|cổng dịch vụ công|vneid|định danh điện tử|qua mạng/iu,
  duration: new RegExp(String.raw`\b${NUMBER_OF_TIME}(?![\p{L}\d])|thời hạn|kể từ`, 'iu'),
  age: /tuổi/iu,
  count: /\b\d+\s*(bản|bộ|ảnh|tờ|lần)(?![\p{L}\d])/iu,
  size: /\d+\s*(cm|mm)|\d+\s*x\s*\d+/iu,
  amount: /\d[\d.]*\s*(đồng|vnđ|vnd|usd)(?![\p{L}\d])|miễn/iu,
  proxy: /ủy quyền|uỷ quyền|người đại diện|thay mặt|người khác/iu,
  obligation: /bắt buộc|phải|không được|chỉ được/iu,
  // What to do without a document: the rule's other case ("Trường hợp không có văn bản nêu trên thì …").
  absence: /(không|chưa)\s+(có|đủ|thể|được cấp|cung cấp được|xuất trình được)\s|thay thế/iu,
  postal: /bưu chính|bưu điện|bưu cục|chuyển phát/iu,
  // Who must be there ("một mình đi được không", "cả 2 phải đi"): the rule that says so ("hai bên nam, nữ phải có mặt").
  presence: /có mặt|trước mặt/iu,
  // Whether something may be done ("… có được không"): the rule that allows or forbids it ("không được ủy quyền cho người khác").
  allowed: /chỉ được|không được|được phép|có thể|được quyền/iu,
  // Who must act, as the record says it: "người thực hiện khai báo là cha, mẹ hoặc người giám hộ".
  who: /người\s+(?:thực hiện|khai báo|khai|nộp|đi|ký|đứng tên|đứng ra|yêu cầu|đề nghị|làm)(?:\s+[\p{L}]+){0,4}\s+là\s/iu,
  // A time of day ("sau 15 giờ", "trước 23 giờ"), for a clock time the question states (engine.ts STATED_HOUR).
  hour: /(?<![\p{L}\d])\d{1,2}\s*(giờ|h)(?![\p{L}])/iu,
  // A result the same day ("trả trong ngày khi nhận đủ hồ sơ", "trong ngày làm việc nhận được hồ sơ"), for a question that asks it (engine.ts SAME_DAY).
  sameDay: /trong (cùng )?ngày(?! \d)|trả ngay|ngay sau khi (nhận|tiếp nhận)/iu,
  // A rule's threshold ("từ 15 ngày trở lên", "quá 30 ngày"), for a span the question states (engine.ts STATED_SPAN).
  threshold: /(từ|trên|dưới|quá|không quá|ít nhất|tối thiểu|tối đa)\s+\d+\s*(\(\p{L}+\)\s*)?(ngày|tháng|năm|tuần)/iu,
};
/**
 * A cue that is the point of the question: "không có giấy xét nghiệm ADN thì làm sao" asks for the
 * rule's other case, and the sentence naming the document is only its premise; "có nhận bằng qua
 * bưu điện được không" asks whether the post may carry it, which the sentence naming the postal
 * service says ("… hoặc thông qua dịch vụ bưu chính theo yêu cầu của cá nhân"), whatever else the
 * others share. A sentence stating such a cue comes before those that do not (when it shares a
 * word with the question). With the postal cue one more fact found on the tuned halves, none lost.
 * A size asked ("ảnh chụp tàu cỡ bao nhiêu") is stated by a number of centimetres or a format
 * ("Ảnh màu (9 x 12 cm, …)"), rare in a record, not by the list heading that names the case
 * ("Hồ sơ đối với tàu đóng mới gồm:"): one more fact on the tuned halves, none lost.
 * So is a count ("nộp mấy tờ khai"), stated by a number with what it counts ("nộp 01 tờ khai"), not by
 * the document's own entry in the list, which names the form but not how many: one more fact on the
 * tuned halves, none lost (with the cues read as typed, phrases.ts).
 */
const DECISIVE: ReadonlySet<Fact> = new Set<Fact>(['absence', 'postal', 'size', 'count', 'presence']);
/**
 * …but an absence only when the sentence is this near the best (share of its score): "nhà không có
 * ai làm chứng" says what the citizen lacks, and "không có" is in many a sentence that answers
 * nothing of it (a document's "… không có …" beside the witness's rule). On the tuned halves two
 * more facts, none lost (0.7–1 alike; 0.5 none).
 */
const ABSENCE_SHARE = 0.7;
/**
 * A deadline asked for (`decisive`) only when the sentence stating it is this near the best (share
 * of its score): "hạn nộp hồ sơ … là khi nào" is
 * answered by "Thời hạn nộp hồ sơ … cùng với thời hạn thực hiện thủ tục đăng ký giảm trừ gia cảnh",
 * which states no number, not by a step's "Trong thời hạn 10 ngày làm việc" that shares little else
 * with the question. On the tuned halves two more facts (chat-details), none lost; 0.4–0.5 alike,
 * 0.6 lost two.
 */
const DECISIVE_SHARE = 0.4;
/** A duration stated as a number with its unit ("01 ngày", "05 ngày làm việc"), its number spelled out too or not ("30 (ba mươi) ngày": one more fact on the tuned halves). */
export const STATES_DURATION = new RegExp(NUMBER_OF_TIME, 'iu');
/**
 * A decisive cue is stated by a number with its unit, not by words about durations ("thời hạn"); a
 * deadline may be stated as a day ("chậm nhất là ngày cuối cùng của tháng thứ 4 …"). With "hạn
 * nộp" asked as a detail, two more facts found on the tuned halves, none lost. An age asked ("phải
 * hơn con nuôi bao nhiêu tuổi") is stated by a number of years ("từ 20 tuổi trở lên").
 */
const STATES: Partial<Record<Fact, RegExp>> = { duration: new RegExp(`${NUMBER_OF_TIME}|chậm nhất là|ngày cuối cùng`, 'iu'), age: /\d+\s*tuổi/iu };
/** Weight of a cue the sentence has, relative to the question's words it has. */
const CUE_WEIGHT = 0.35;
/** A pair of syllables the sentence shares with the question counts this much more than a syllable. */
const PAIR_WEIGHT = 1.5;
/**
 * The rarity of a word the record's sentences have but no indexed field does (the search indexes
 * names, results, documents and agencies, not steps or conditions: "vân tay", "thu nhận" live in
 * steps only): as informative as a word in one record of fifty. Left at 0, such a word counted for
 * nothing, and the question's point ("có phải lấy vân tay không") went to sentences that share
 * only the name's words. On the tuned halves two more facts, none lost; 2–6 alike.
 */
const UNINDEXED_RARITY = Math.log(1 + 50);
/** Words of the procedure's own name say which procedure, not what about it: they weigh this much. */
const NAME_WORD_WEIGHT = 0.25;
/** BM25-style length normalisation of sentences (0: none). */
const LENGTH_NORM = 0.5;
const AVERAGE_SENTENCE = 30;
/** Pieces shorter than this, without a number, are headings. */
const MIN_SENTENCE = 25;
const MAX_SENTENCE = 600;

/**
 * A sentence that qualifies the one before it: the exception or the other case of a rule
 * ("Trường hợp không có văn bản nêu trên thì …", "Riêng …", "Nếu …"). It is quoted with it.
 */
const QUALIFIES = /^(trường hợp|nếu) không có .{0,60}\b(nêu trên|nói trên|trên đây)\b/iu;

/**
 * …and one whose subject is the one before's ("Văn bản ủy quyền này phải được công chứng hoặc chứng
 * thực", "Tên gọi này phải được ghi rõ …", "Các đối tượng nêu trên phải có đơn …"): what it says of
 * it is the rule ("có cần công chứng không"). A few dozen such sentences in the catalog. On the tuned
 * halves one more fact (chat-details), none lost.
 */
const REFERS_BACK = /^(?:[\p{L}\d/]+\s){1,5}(này|nêu trên|nói trên)\s+(phải|được|có|chỉ|không)(?![\p{L}\d])/iu;

/** A rule's case ("Trường hợp hợp đồng … có thỏa thuận … thì …"). */
const CASE = /^([-+•*]\s*)?trường hợp\s/iu;
/** A case's sentence without the label it carries ("Thời hạn nộp hồ sơ khai thuế: Trường hợp …"). */
const unlabelled = (text: string) => text.replace(/^[^:]{1,120}:\s+(?=trường hợp\s)/iu, '');
/** How much of a case's first words its other case repeats ("… không có thỏa thuận …"). */
const OTHER_CASE_SHARE = 0.6;
const CASE_HEAD = 12;

/**
 * The rule's other case, right after it: "Trường hợp hợp đồng chuyển nhượng có thỏa thuận bên mua là
 * người nộp thuế thay … thì nộp … chậm nhất là thời điểm …" and "Trường hợp hợp đồng chuyển nhượng
 * không có thỏa thuận … thì … chậm nhất là 10 (mười) ngày": a question that does not say which
 * case is its own is answered by both. On the tuned halves one more fact (chat-probes-5), none lost
 * (0.6 and 0.75 alike).
 */
function otherCase(a: Passage, b: Passage): boolean {
  const [ta, tb] = [unlabelled(a.text), unlabelled(b.text)];
  if (!CASE.test(ta) || !CASE.test(tb)) return false;
  const head = (text: string) => new Set(wordsOfText(text).folds.slice(0, CASE_HEAD));
  const x = head(ta);
  const y = head(tb);
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / Math.max(x.size, y.size) >= OTHER_CASE_SHARE;
}

const cache = new WeakMap<Procedure, Passage[]>();

/** The record's sentences, each with the part it comes from (computed once per record). */
export function recordPassages(p: Procedure): Passage[] {
  let out = cache.get(p);
  if (out) return out;
  out = [];
  // A label ends its line ("* Đối với người Việt Nam, … còn giá trị sử dụng:", "Trẻ em được nhận làm
  // con nuôi phải có đủ các điều kiện sau:") and its items are the next lines, which the catalog gives
  // as steps or lines of conditions of their own: the first is quoted with it. On the tuned halves
  // two more facts, none lost.
  let label: Passage | null = null;
  // A case's name is such a label too ("Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ"
  // and its first document "Hợp đồng … được công chứng hoặc chứng thực …"): alone it answers nothing
  // (one more fact on the tuned halves, none lost).
  const add = (field: PassageField, text: string, heading = '') => {
    let previous: Passage | null = null;
    if (field !== 'steps' && field !== 'conditions') label = null;
    for (const s of sentences(text, RULES.has(field))) {
      const passage = toPassage(field, s);
      if (label && !label.next) label.next = passage;
      label = s.endsWith(':') || s === heading ? passage : null;
      if (previous && (QUALIFIES.test(s) || REFERS_BACK.test(s))) previous.next = passage;
      else if (previous && otherCase(previous, passage)) [previous.other, passage.other] = [passage, previous];
      out!.push(passage);
      previous = passage;
    }
  };
  for (const c of p.conditions.split('\n')) add('conditions', c);
  for (const s of p.steps) add('steps', s);
  p.cases.forEach((c, i) => {
    // A case's documents read as one text: a document's note may qualify the one before.
    const names = allComponents(p).filter((x) => x.caseIndex === i).map((x) => x.component.name);
    add('components', [c.name, ...c.headings, ...names].filter(Boolean).join('\n'), c.name.trim());
  });
  for (const m of p.methods) {
    if (m.description) add('methods', m.description);
    for (const f of m.fees) add('fees', f.text);
  }
  for (const r of p.results) add('results', r);
  // The same sentence is often in several methods or cases: quote it once.
  const seen = new Set<string>();
  out = out.filter((x) => !seen.has(x.text) && seen.add(x.text));
  cache.set(p, out);
  return out;
}

const unitsCache = new WeakMap<Procedure, Map<string, string[]>>();

/** Every syllable and pair of the record's sentences, with their forms as written. */
function recordUnits(p: Procedure): Map<string, string[]> {
  let out = unitsCache.get(p);
  if (!out) {
    out = new Map<string, string[]>();
    for (const x of recordPassages(p)) for (const [u, forms] of x.units) out.set(u, [...new Set([...(out.get(u) ?? []), ...forms])]);
    unitsCache.set(p, out);
  }
  return out;
}

function toPassage(field: PassageField, text: string): Passage {
  const w = wordsOfText(text);
  return { field, text, units: formsOf(w), length: w.keys.length };
}

/** Folded syllables and adjacent pairs, each with its forms as written (token forms, with diacritics). */
export function formsOf(w: Words): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (fold: string, key: string) => {
    const forms = out.get(fold);
    if (!forms) out.set(fold, [key]);
    else if (!forms.includes(key)) forms.push(key);
  };
  for (let i = 0; i < w.folds.length; i++) {
    add(w.folds[i]!, w.keys[i]!);
    if (i > 0 && w.joined[i]) add(w.folds[i - 1]! + BIGRAM_SEPARATOR + w.folds[i]!, w.keys[i - 1]! + BIGRAM_SEPARATOR + w.keys[i]!);
  }
  return out;
}

/** A unit typed so (`typed`, a token form) can stand for one written so (`written`): each syllable's diacritics agree. */
function formAgrees(typed: string, written: string): boolean {
  if (typed === written) return true;
  const t = typed.split(BIGRAM_SEPARATOR);
  const w = written.split(BIGRAM_SEPARATOR);
  return t.length === w.length && t.every((x, i) => diacriticsAgree(x, w[i]!));
}

/** Folded syllables and adjacent pairs. */
export function unitsOf(w: Words): Set<string> {
  return new Set(formsOf(w).keys());
}

/**
 * Where a text is cut: the end of a sentence (not a list's own number: "2. Trường hợp …"), before a
 * list marker after a sentence or a colon, and before an inline "+", "•" or numbered item
 * ("Thời hạn giải quyết 1. Cấp lại sổ … 2. …"; not a step's or an article's number: "Bước 1. …").
 */
const CUT =
  /(?<=[.;!?])(?<!(?:^|\s)(?:\d{1,3}|[IVX]{1,4})\.)\s+(?=[-+•*]\s|\p{Lu}|\(?[a-zđ]\)\s|\(?[ivx]+\)\s|\d+[.)]\s)|(?<=:)\s+(?=[-+•*]\s|\(?[a-zđ]\)\s|\(?[ivx]+\)\s|\d+[.)]\s)|\s+(?=[+•]\s)|(?<!(?:[Bb]ước|[Đđ]iều|[Kk]hoản|[Mm]ục))\s+(?=\d{1,2}\.\s+\p{Lu})/u;
/** A piece that is an item of a list. */
const LIST_ITEM = /^\s*([-+•*]\s|\(?[a-zđ]\)\s|\(?[ivx]+\)\s|\d+[.)]\s)/u;
/** A list's own number, left out of a label. */
const ITEM_NUMBER = /^\s*(\(?[a-zđ]\)|\(?[ivx]+\)|\d+[.)])\s*/u;
/**
 * A step's heading on its own line, short and with no sentence of its own ("Bước 3: Phê duyệt phương
 * án khai thác và trả kết quả"): what it names is said of the lines under it ("Trong thời hạn 07 ngày
 * làm việc …"), which carry it.
 */
const STEP_HEADING = /^\s*(?:[-+•*]\s*)?(?:\(?[a-zđ]\)\s*)?Bước\s*\d+\s*[:.]\s*([^.;:]{3,80})$/iu;
/** Longest label carried into its items. */
const MAX_LABEL = 120;

/**
 * A text cut into sentences: at line breaks, at the end of a sentence, and before the list markers
 * the catalog writes inline ("… như sau: - Bản sao …; + Giấy …"). A dash inside a sentence is
 * no marker ("công chức tư pháp - hộ tịch ghi vào Sổ"): it cuts only after a sentence's end. A
 * label and its sentence stay one ("Cấp đổi chứng nhận đăng ký xe: Không quá 02 ngày làm việc"):
 * a colon cuts only before a list marker, and the items of a list that follows a label on its line
 * carry it ("Trường hợp gộp sổ BHXH: - Các sổ BHXH đề nghị gộp" is said of that case only).
 * `cutClauses`: a rule's text, whose overlong sentences are cut at semicolons (`clauses`) and whose
 * labels are carried into the item lines under them.
 */
export function sentences(text: string, cutClauses = false): string[] {
  const pieces: string[] = [];
  // The step a line is under ("Bước 3: Phê duyệt phương án khai thác và trả kết quả").
  let step = '';
  // The label the next items carry, and where it stands (dropped once an item on its line carries it).
  let label = '';
  let at = -1;
  for (const line of text.split(/\n+/u)) {
    const heading = STEP_HEADING.exec(line);
    if (heading) {
      step = heading[1]!.trim();
      [label, at] = ['', -1];
      continue;
    }
    // A rule's label on a line of its own ("3. Cấp lại, đổi thẻ BHYT:") is carried into the item
    // lines under it ("+ Trường hợp thay đổi thông tin: Không quá 03 ngày …"), and stays a sentence
    // of its own. Not a document list's: its lines are the catalog's flattened list, not the
    // label's items. On the tuned halves two more facts, none lost (carried into documents, or the
    // label's own sentence dropped: as many lost).
    if (cutClauses) at = -1;
    else [label, at] = ['', -1];
    for (const raw of line.split(CUT)) {
      const s = raw.replace(/^\s*[-+•*]\s*/u, '').trim();
      if (!s) continue;
      const item = LIST_ITEM.test(raw);
      if (item && label) {
        pieces.push(`${label} ${s}`);
        if (at >= 0) pieces[at] = '';
      } else pieces.push(step ? `${step}: ${s}` : s);
      const bare = s.replace(ITEM_NUMBER, '');
      if (s.endsWith(':') && bare.length <= MAX_LABEL) [label, at] = [bare, pieces.length - 1];
      else if (!item) [label, at] = ['', -1];
    }
  }
  // A short piece without a number is a heading ("Giấy tờ phải nộp:", "Lưu ý:"): it answers nothing.
  return pieces
    .filter((s) => s.length >= MIN_SENTENCE || /\d/u.test(s))
    .flatMap((s) => (cutClauses && s.length > MAX_SENTENCE ? clauses(s) : [s]))
    .map((s) => (s.length > MAX_SENTENCE ? `${s.slice(0, s.lastIndexOf(' ', MAX_SENTENCE))} …` : s));
}

/**
 * A rule's sentence longer than MAX_SENTENCE ("… chưa có mảnh trích đo bản đồ địa chính thì đề nghị
 * đơn vị đo đạc …; đơn vị đo đạc có trách nhiệm … không quá 05 ngày làm việc …") is cut at its
 * semicolons into runs of clauses, each a sentence: cut off at MAX_SENTENCE, its last clauses were
 * never quoted. Not a document's: its clauses are the items of a list ("d2) Bản tóm tắt hồ sơ bệnh
 * án; d3) …"), which, cut, outweighed the rules. On the tuned halves one more fact, none lost (one
 * lost when documents were cut too).
 */
function clauses(s: string): string[] {
  const out: string[] = [];
  let run = '';
  for (const c of s.split(/(?<=;)\s+/u)) {
    if (run && run.length + 1 + c.length > MAX_SENTENCE) {
      out.push(run);
      run = c;
    } else run = run ? `${run} ${c}` : c;
  }
  if (run) out.push(run);
  return out;
}

/** A sentence that waives a document for some people ("Không yêu cầu xuất trình Giấy khai sinh đối với trẻ em mới sinh"). */
export const WAIVES = /không\s+(yêu cầu|phải|cần|bắt buộc)\s+(nộp|xuất trình|cung cấp|có)(?![\p{L}\d])/iu;

/** "Nộp hồ sơ trực tiếp tại Công an xã … nơi cư trú": a sentence that says where a dossier goes. */
const SUBMITTED = /\b(nộp|gửi|nhận)\b/iu;

/** The first sentence of the record's submission methods, else of its steps, that passes `test`. */
function methodOrStepSentence(p: Procedure, test: (text: string) => boolean): Passage | null {
  for (const field of ['methods', 'steps'] as const) {
    const found = recordPassages(p).find((x) => x.field === field && test(x.text));
    if (found) return found;
  }
  return null;
}

/**
 * Which office of a level: "Ủy ban nhân dân cấp xã nơi cư trú", "… nơi đặt trụ sở", "… nơi đăng ký
 * thường trú". A sentence that says it answers "nộp ở đâu" better than one that names the level only.
 */
const RELATIVE_PLACE = /\bnơi\s+(cư trú|thường trú|tạm trú|đăng ký|đặt trụ sở|có|sinh|người)/iu;
/** "Trường hợp người không có nơi cư trú ổn định thì …": the rule's exception, not where most submit. */
const EXCEPTION = /^(nộp hồ sơ:\s*)?trường hợp/iu;

/**
 * The record's own sentence on where to submit (its submission methods first, then its steps):
 * it says more than the agency's name ("… nơi đặt trụ sở hoặc nơi cư trú"). One that says which
 * office of the level (RELATIVE_PLACE) comes first, unless it states an exception: on the tuned
 * halves one more fact found ("… của Ủy ban nhân dân cấp xã nơi cư trú"), none lost. Null when none says.
 */
export function placeSentence(p: Procedure): string | null {
  const says = (t: string) => SUBMITTED.test(t) && CUE_PATTERNS.place.test(t);
  return (methodOrStepSentence(p, (t) => says(t) && RELATIVE_PLACE.test(t) && !EXCEPTION.test(t)) ?? methodOrStepSentence(p, says))?.text ?? null;
}

/** "Thời hạn giải quyết hồ sơ: Ngay sau khi nhận đủ hồ sơ": a sentence labelled as the time a procedure takes. */
const TIME_LABEL = /thời (hạn|gian) (giải quyết|xử lý|trả kết quả|cấp)/iu;

/**
 * The record's own sentence on how long the procedure takes (its submission methods first, then its
 * steps), for a record whose methods give no time: the catalog's structured field is empty, its
 * text is not ("Thời hạn giải quyết hồ sơ: Ngay sau khi nhận đủ hồ sơ theo quy định"). Null when none says.
 */
export function timeSentence(p: Procedure): Passage | null {
  return methodOrStepSentence(p, (t) => TIME_LABEL.test(t));
}

/** A sentence that says what the procedure gives ("trả kết quả", "cấp Giấy chứng nhận", "ra quyết định"). */
const GIVES = /trả kết quả|\bcấp (giấy|thẻ|bản|lại|đổi|quyết định)|ra quyết định|cung cấp ngay/iu;
/**
 * …and when, counted from the dossier's receipt: "trong thời hạn 03 ngày làm việc kể từ ngày nhận được
 * hồ sơ hợp lệ", "ngay trong ngày nhận đủ hồ sơ", "sau 15 giờ … trong ngày làm việc tiếp theo".
 */
const WHEN_GIVEN =
  /trong (thời hạn|thời gian|vòng) \d+\s*(ngày|giờ)[^.;]{0,40}kể từ (ngày|khi|thời điểm) (nhận|tiếp nhận)|trong ngày làm việc tiếp theo|ngay trong ngày|ngay sau khi (nhận|tiếp nhận)|trong ngày (nhận|tiếp nhận)/iu;
/** The time of another outcome: an incomplete dossier's return, a refusal, a failed inspection. */
const OTHER_OUTCOME = /hồ sơ (không|chưa) (hợp lệ|đầy đủ|đủ|đúng)|bổ sung|từ chối|không đủ điều kiện|không đạt/iu;

/**
 * The record's own sentence on when the result is given, for a record whose methods give the time as
 * a bare number ("1", the unit left out: 249 records, the birth registration among them). The steps
 * often say it ("nếu tiếp nhận hồ sơ sau 15 giờ thì … trả kết quả … trong ngày làm việc tiếp theo");
 * a step's first duration alone is often another step's ("03 ngày" to verify), so only a sentence
 * that says what is given, and when from the dossier's receipt, is taken. Null when none says.
 */
export function resultTimeSentence(p: Procedure): Passage | null {
  return methodOrStepSentence(p, (t) => GIVES.test(t) && WHEN_GIVEN.test(t) && !OTHER_OUTCOME.test(t));
}

export interface PassageQuery {
  /**
   * The question's words, and its readings (query.ts): as typed, synonyms rewritten, typos
   * corrected. The whole question counts, aspect phrases included ("trước bao nhiêu ngày").
   */
  readings: Words[];
  /** The procedure's name: its words weigh little (they say which procedure, not what about it). */
  name: string;
  /** The name's readings with synonyms rewritten ("sổ BHXH": "sổ bảo hiểm xã hội"), whose words weigh as little. */
  nameReadings?: Words[];
  /** Facts to prefer sentences that state (a duration, an amount, where to submit…). */
  cues: Fact[];
  /** Cues that are the point of this question besides DECISIVE ones (a deadline asked for: "trong bao lâu phải"). */
  decisive?: Fact[];
  /** How informative a word (folded syllable or pair) is in the catalog; 0 for one it never uses. */
  rarity(unit: string): number;
  /**
   * The readings of what the question says besides the aspect it asks ("giấy tờ", "bao lâu"), when
   * known (query.ts `readings`): `specific` is the share of these, the aspect being the block's.
   */
  terms?: Words[];
  /** Words that frame a question ("muốn", "giờ", "gì"): rare in the catalog, yet they say nothing of what is asked. */
  isQuestionWord?(fold: string): boolean;
  /** A unit of the question → the units that say the same in a sentence (`equivalentUnits`). */
  equivalents?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Each word of a list of equivalents (one or two syllables: "chết", "từ trần") as a unit of
 * `unitsOf`, mapped to the others' units: a sentence that has one of them has the question's word.
 */
export function equivalentUnits(lists: readonly (readonly string[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const list of lists) {
    const units = list.map((w) => wordsOfText(w).folds).filter((f) => f.length === 1 || f.length === 2).map((f) => f.join(BIGRAM_SEPARATOR));
    for (const u of units) out.set(u, [...new Set([...(out.get(u) ?? []), ...units.filter((x) => x !== u)])]);
  }
  return out;
}

/**
 * Syllables of the name that the question also says on their own, besides inside the name: in "đăng
 * ký kết hôn … có phải 2 đứa cùng ra ký không" the second "ký" is signing, not the name's "đăng ký",
 * and weighs as the question's own word. Only when the question says the name's pair too: alone,
 * a name's syllable is the name said otherwise ("xe máy" for "xe gắn máy"). On the tuned halves
 * three more facts, none lost (two lost without that condition).
 */
function looseNameWords(readings: readonly Words[], nameUnits: ReadonlySet<string>): Set<string> {
  const alone = new Set<string>();
  const paired = new Set<string>();
  for (const r of readings) {
    r.folds.forEach((f, i) => {
      const before = i > 0 && nameUnits.has(r.folds[i - 1]! + BIGRAM_SEPARATOR + f);
      const after = i + 1 < r.folds.length && nameUnits.has(f + BIGRAM_SEPARATOR + r.folds[i + 1]!);
      (before || after ? paired : alone).add(f);
    });
  }
  return new Set([...alone].filter((f) => paired.has(f)));
}

/**
 * The record's sentences that best answer the question, best first (only those sharing a word with
 * it). Words of the question's readings count once each, however many readings have them.
 */
export function bestPassages(p: Procedure, q: PassageQuery, limit = 2): ScoredPassage[] {
  const nameUnits = new Set([wordsOfText(q.name), ...(q.nameReadings ?? [])].flatMap((w) => [...unitsOf(w)]));
  const termUnits = q.terms ? new Set(q.terms.flatMap((w) => [...unitsOf(w)])) : null;
  const weights = new Map<string, { w: number; other: boolean }>();
  const used = recordUnits(p);
  // How the question wrote each unit: "đó thì" is no "đô thị", "muốn" no "mượn" (a unit typed
  // without diacritics stands for any).
  const typed = new Map<string, string[]>();
  const loose = looseNameWords(q.readings, nameUnits);
  for (const r of q.readings) {
    for (const [u, forms] of formsOf(r)) {
      typed.set(u, [...new Set([...(typed.get(u) ?? []), ...forms])]);
      // A word that frames the question, or a pair with one ("muốn gộp"), says nothing of what is asked.
      if (weights.has(u) || (q.isQuestionWord && u.split(BIGRAM_SEPARATOR).some((f) => q.isQuestionWord!(f)))) continue;
      const name = nameUnits.has(u) && !loose.has(u);
      const rarity = q.rarity(u) || (used.has(u) ? UNINDEXED_RARITY : 0);
      const w = rarity * (u.includes(BIGRAM_SEPARATOR) ? PAIR_WEIGHT : 1) * (name ? NAME_WORD_WEIGHT : 1);
      // What the question is specifically about: not the name's words, nor the aspect's.
      if (w > 0) weights.set(u, { w, other: !name && (termUnits === null || termUnits.has(u)) });
    }
  }
  if (weights.size === 0) return [];
  let total = 0;
  let totalOther = 0;
  // Shares are of what the record can speak of: a word it never uses ("công ty", "mỗi nơi" in "em
  // làm 2 công ty … muốn gộp lại thành 1 sổ") is answered by none of its sentences, and counted it
  // would leave the one that speaks of the rest ("Trường hợp gộp sổ BHXH: …") a small share.
  const written = (units: ReadonlyMap<string, readonly string[]>, u: string) => {
    const forms = units.get(u);
    return forms !== undefined && typed.get(u)!.some((t) => forms.some((f) => formAgrees(t, f)));
  };
  const has = (units: ReadonlyMap<string, readonly string[]>, u: string) => written(units, u) || (q.equivalents?.get(u)?.some((e) => units.has(e)) ?? false);
  // …and how many of the question's own syllables the record uses (`own`).
  let own = 0;
  for (const [u, x] of weights) {
    if (!has(used, u)) continue;
    total += x.w;
    if (!x.other) continue;
    totalOther += x.w;
    if (!u.includes(BIGRAM_SEPARATOR)) own++;
  }
  if (total === 0) return [];
  const decisiveCues = q.cues.filter((c) => DECISIVE.has(c) || q.decisive?.includes(c));
  const scored: ScoredPassage[] = [];
  for (const passage of recordPassages(p)) {
    let shared = 0;
    let other = 0;
    for (const [u, x] of weights) {
      if (!has(passage.units, u)) continue;
      shared += x.w;
      if (x.other) other += x.w;
    }
    if (shared === 0) continue;
    const cueHits = q.cues.filter((c) => CUE_PATTERNS[c].test(passage.text)).length;
    const norm = 1 - LENGTH_NORM + (LENGTH_NORM * passage.length) / AVERAGE_SENTENCE;
    const score = ((shared / total) * (1 + CUE_WEIGHT * cueHits)) / Math.sqrt(norm);
    const decisive = decisiveCues.length > 0 && decisiveCues.every((c) => (STATES[c] ?? CUE_PATTERNS[c]).test(passage.text));
    scored.push({ passage, score, cues: cueHits, specific: totalOther ? other / totalOther : 0, decisive, own });
  }
  const top = Math.max(...scored.map((x) => x.score));
  // The rule's other case and the post come first whatever else the others share; a deadline asked for when near the best.
  const always = decisiveCues.some((c) => DECISIVE.has(c) && c !== 'absence');
  const share = decisiveCues.includes('absence') ? ABSENCE_SHARE : DECISIVE_SHARE;
  const first = (x: ScoredPassage) => x.decisive && (always || x.score >= share * top);
  return scored.sort((a, b) => Number(first(b)) - Number(first(a)) || b.score - a.score).slice(0, limit);
}
