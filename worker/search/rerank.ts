// Stage 6 of the search (query.ts): BM25 finds the candidates; the final order also weighs how
// well the procedure's own name and the question agree.
//
// Why: what a citizen names is the procedure ("đăng ký khai sinh"), and names differ by a word or
// two ("Cấp" / "Cấp lại", "cho học sinh tiểu học" / "trung học phổ thông"). The name agreement is
// an IDF-weighted F-measure over syllables and syllable pairs, computed for each reading of the
// question (as typed, typos corrected, synonyms rewritten, the name a long question gives after
// "thủ tục") against each reading of the name (as written, abbreviations spelled out), the best
// pair counting. It is the one measure of how well a name matches: hits carry it, and the chat
// decides from it whether to answer, offer a choice or decline.
import { splitCaseLists } from './index';
import { rewriteWords, type Synonyms } from './synonyms';
import { BIGRAM_SEPARATOR, diacriticsAgree, sliceWords, wordsOfText, type Words } from './text';

/** Re-rank: BM25 normalised to the best candidate (1.0), plus this times the name agreement (0..1). */
const NAME_AGREEMENT_WEIGHT = 1;
/**
 * The name agreement is an F-measure weighing recall (how much of the question the name covers)
 * NAME_RECALL_BETA times as much as precision: names list cases ("trẻ mẫu giáo, học sinh tiểu học,
 * …, sinh viên") of which a question names one, and a question's distinctive words must be covered.
 * Long portal questions say much besides the procedure they mean, hence 3 rather than 2: portal hit@1
 * 56.2% → 57.7% (even lines +3 points, odd lines unchanged), chat figures unchanged; 2.5–4 differ little.
 */
const NAME_RECALL_BETA = 3;
/**
 * A procedure name starts with what is done ("Cấp lại …", "Giải thể …", "Đăng ký …"): its first
 * HEAD_LENGTH syllables (after "Thủ tục") weigh HEAD_WEIGHT times their IDF in the name agreement.
 */
const HEAD_WEIGHT = 1.5;
const HEAD_LENGTH = 2;
/** Credit for a name syllable typed with other diacritics ("bán" for "bản"): likely another word. */
export const ACCENT_MISMATCH = 0.3;
/** Weight of a syllable pair with a function word ("khai tử cho"), relative to its IDF. */
const FUNCTION_WEIGHT = 0.3;
/** The question names the procedure's province. */
const PROVINCE_BONUS = 0.3;
/** A province's own procedure, for a province neither named nor configured: the national one is likelier meant. */
const OTHER_PROVINCE_PENALTY = 0.3;
/**
 * The question names a level ("chứng thực việc hủy hợp đồng ở xã", "khiếu nại công an xã", "lên
 * Cục") and the catalog carries the procedure out at other levels only: a procedure of the named
 * level is meant (the commune's "Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch" rather than
 * the ministries' and provinces' "Thanh toán chi phí có liên quan đến việc xử lý tài sản công"). A
 * record that gives no level is not demoted. On the tuned halves one more right procedure (chat-probes), none
 * fewer; portal hit@1 +1.5 points on its tuned half, the held-back one unchanged. 0.2 and 0.3 gave
 * the same figures, 0.1 half the gain.
 */
const LEVEL_MISMATCH_PENALTY = 0.2;
/**
 * The catalog has the procedure's details (documents, fees, times): a better answer, other things
 * equal, and a record the portal maintains (a list-only entry is often a local or older copy). With
 * the recall weight above, 0.05 → 0.2 put 1.5% more portal questions' procedure in the top 5, on each
 * half of the set.
 */
const DETAIL_BONUS = 0.2;
/**
 * A name that begins with a follow-up action ("Cấp lại …", "Gia hạn …", "Giải thể …": followUps in
 * knowledge/synonyms.json), when no reading of the question names that action and the candidates
 * hold its base procedure: a general question ("thẻ BHYT có giá trị bao lâu", "hồ sơ đầu tư ra nước
 * ngoài") is about the procedure itself, yet the re-issue or amendment shares most of its name.
 * Portal hit@5 76.9% → 80.0% and hit@1 58.5% → 60.8%, on each half of the set; with "dừng" among
 * the heads ("Dừng thực hiện thủ tục đăng ký hộ kinh doanh"), chat top-1 90.6% → 93.8%; 0.4–0.8
 * give the same hit@5.
 */
const FOLLOW_UP_PENALTY = 0.6;
/**
 * A candidate is the base of a follow-up when it is no follow-up itself and its name has this share
 * (IDF-weighted) of the words the question shares with the follow-up's object ("Cấp lại chứng nhận
 * đăng ký xe": "chứng nhận đăng ký xe"). Without a base, the follow-up keeps its place: demoting it
 * would only promote procedures about something else. 0.5–0.8 gave the same figures.
 */
const FOLLOW_UP_BASE_COVERAGE = 0.75;

/**
 * Function words (accented token forms). A pair with one ("khai tử cho", "cho người") joins two
 * phrases rather than forming a compound, so it says little about which procedure is meant.
 */
const FUNCTION_WORDS = new Set([
  'cho', 'của', 'ở', 'tại', 'với', 'và', 'các', 'những', 'trong', 'theo', 'về', 'từ', 'để', 'là', 'hoặc', 'khi', 'trên', 'dưới',
  'vào', 'này', 'đó', 'thì', 'mà', 'nhưng', 'nếu', 'do', 'bởi', 'vì', 'cùng', 'đến', 'tới', 'như', 'hay', 'nên', 'sẽ', 'đã',
  'đang', 'vẫn', 'cũng', 'rằng', 'thuộc',
]);

/**
 * A name that excludes something ("… mà người dịch không phải là cộng tác viên dịch thuật", "… động
 * sản (không phải là tàu bay, tàu biển …)"): the words after its negation are what the procedure is
 * not for, so a question that names them without negating them gets no agreement for them. A question
 * negates with a bare "không", "chưa" ("người dịch không phải cộng tác viên", "chưa được cấp bằng").
 * Up to NEGATION_SPAN syllables, within the phrase (no punctuation between). Vietnamese negators;
 * "trừ" is left out ("giảm trừ gia cảnh"). On the tuned halves one more right procedure first
 * (chat-probes), none fewer; portal questions' hit@1 lost one of the held-back half.
 */
const NAME_NEGATIONS = ['khong phai la', 'khong phai', 'khong thuoc', 'khong co', 'chua co', 'chua duoc', 'khong duoc'].map((n) => n.split(' '));
const QUESTION_NEGATIONS = ['khong', 'chua', 'chang', 'ko', 'hong'].map((n) => [n]);
const NEGATION_SPAN = 8;
/** Per syllable: it follows a negation ("không phải là" in a name, "không" in a question) in the same phrase (no punctuation between). */
function negatedSpans(w: Words, query = false): boolean[] {
  const out = new Array<boolean>(w.folds.length).fill(false);
  for (let j = 0; j < w.folds.length; j++) {
    const cue = (query ? QUESTION_NEGATIONS : NAME_NEGATIONS).find((n) => n.every((x, i) => w.folds[j + i] === x && (i === 0 || w.joined[j + i])));
    if (!cue) continue;
    let k = j + cue.length;
    while (k < w.folds.length && k < j + cue.length + NEGATION_SPAN && (k === j + cue.length || w.joined[k])) out[k++] = true;
    j = k - 1;
  }
  return out;
}

/**
 * What a name says it is not for, in parentheses ("… cho xe cơ giới (trừ xe mô tô, xe gắn máy), xe
 * máy chuyên dùng …", "(trừ di vật, cổ vật)"): no words of the procedure, so left out of its name's
 * readings; a question that names them ("xe máy mới mua") no longer agrees with the name through
 * them. One more right procedure on the tuned halves (chat-queries-dev), none fewer.
 */
const EXCLUSION = /\s*\(\s*trừ\s[^()]*\)/giu;
/** "(thực hiện tại cấp tỉnh)", "(cấp Bộ)": which level carries a procedure out, not what it is. */
const LEVEL_QUALIFIER = /\s*\(\s*(?:thực hiện\s+(?:tại|ở)\s+)?(cấp\s+(?:tỉnh|tinh|xã|huyện|bộ|trung ương|tw)(?:,\s*cấp\s+xã)?)\s*\)\s*\.?\s*$/iu;

/** A procedure's name without its level qualifier: "Cấp hộ chiếu … (thực hiện tại cấp tỉnh)" → "Cấp hộ chiếu …". */
export const withoutLevelQualifier = (name: string): string => name.replace(LEVEL_QUALIFIER, '');
/** The level a name's qualifier names ("cấp tỉnh"), or null. */
export const levelQualifier = (name: string): string | null => LEVEL_QUALIFIER.exec(name)?.[1] ?? null;

/**
 * "… thực hiện bằng dịch vụ công trực tuyến toàn trình", "… bằng dịch vụ công trực tuyến một phần
 * hoặc trực tiếp thực hiện tại cấp trung ương, cấp tỉnh, cấp xã", "… trực tuyến toàn trình đối với
 * …": how and where a procedure is submitted, which the vehicle registration names spell out. One
 * procedure is published once per channel, as it is once per level. A level written without
 * parentheses may have a note after it ("… thực hiện tại cấp xã (phải là cán bộ thuộc biên chế của
 * lực lượng Công an)"): the police complaints' three levels were offered as a choice.
 */
const CHANNEL_QUALIFIER = /\s*(?:thực hiện\s+)?(?:bằng|qua)\s+dịch vụ công(?:\s+trực tuyến)?\s+(?:toàn trình|một phần hoặc trực tiếp)|\s+trực tuyến toàn trình(?=\s)|\s*thực hiện tại cấp [^()]*(?:\([^()]*\)\s*)?$/giu;
const FULLY_ONLINE = /toàn trình/iu;

/** A name as it says what the procedure is: without its level and channel qualifiers. */
export const baseName = (name: string): string => withoutLevelQualifier(name).replace(CHANNEL_QUALIFIER, '').trim();
/** The name says the procedure is done online from start to end (one channel's record of it). */
export const fullyOnline = (name: string): boolean => FULLY_ONLINE.test(name);

/**
 * A text as matching units (its syllables and adjacent-syllable pairs, as in the index) keyed by
 * folded form, each with its syllables as typed (accented token forms) and its weight among names.
 */
export interface Reading {
  units: Map<string, { keys: string[]; weight: number; negated?: boolean }>;
  total: number;
}

/** How well a procedure's name and the question agree (see the top of this file). */
export interface NameMatch {
  /** The F-measure (recall weighed NAME_RECALL_BETA times), 0..1. */
  agreement: number;
  /** Share (IDF-weighted) of the question's words the name has, in the best pair of readings. */
  recall: number;
  /** Share of the name's words the question has, in that pair. */
  precision: number;
  /**
   * Share (IDF-weighted) of the words of what the question says it wants (its focus, query.ts: "…,
   * muốn xin tiếp tục sử dụng") that the name has; 0 without a focus.
   */
  focus: number;
}

/** A name that begins with a follow-up action. */
interface FollowUp {
  /** The words (folded) a question names the action with ("lại" for "Cấp lại"). */
  asks: string[];
  /** What the action is done to: the rest of the name. */
  object: Reading;
}

export interface RerankDoc {
  title: string;
  province: string;
  detail: boolean;
  levels: readonly string[];
}

export interface RerankInput {
  /** The question's readings, and its focus's (query.ts). */
  readings: Words[];
  /** The focus's readings alone (also among `readings`). */
  focus?: Words[];
  provinces: string[];
  /** The deployment's province. */
  province: string | null;
  /** The levels the question names ("công an xã", "lên Cục"). */
  levels?: readonly string[];
}

export interface Scored {
  id: number;
  score: number;
  match: NameMatch;
}

export class Reranker {
  /** Per document: its name's readings (as written, with synonyms rewritten: "BHYT" → "bảo hiểm y tế"). */
  private readonly nameReadings = new Map<number, Reading[]>();
  /** Per document: the follow-up action its name begins with, or null; built on first use. */
  private readonly followUpOf = new Map<number, FollowUp | null>();
  /** Follow-up name heads (folded syllables, longest first), each with the words a question must have to ask for it. */
  private readonly followUps: { head: string[]; asks: string[] }[];

  constructor(
    private readonly doc: (id: number) => RerankDoc,
    /** Names with this token (stop tokens included). */
    private readonly nameFrequency: (token: string) => number,
    private readonly docCount: number,
    private readonly synonyms: Synonyms,
  ) {
    const generic = new Set(synonyms.data.followUps.generic.flatMap((g) => wordsOfText(g).folds));
    this.followUps = synonyms.data.followUps.heads
      .map((h) => wordsOfText(h).folds)
      .map((head) => ({ head, asks: head.filter((w) => !generic.has(w)) }))
      .sort((a, b) => b.head.length - a.head.length);
  }

  /** Candidates (BM25 scores, best first) in their final order, each with its name match. */
  rerank(candidates: { id: number; score: number }[], input: RerankInput): Scored[] {
    if (candidates.length === 0) return [];
    const readings = input.readings.map((w) => this.units(w, true));
    const focus = (input.focus ?? []).map((w) => this.units(w, true));
    const top = candidates[0]!.score;
    const scored = candidates.map((c) => {
      const match = this.nameMatch(c.id, readings, focus);
      return { id: c.id, match, score: this.score(c.score / top, c.id, match, input) };
    });
    this.demoteFollowUps(scored, readings);
    return scored.sort((a, b) => b.score - a.score);
  }

  /**
   * The name agreement: an IDF-weighted F-measure of the shared tokens, so that neither a short name
   * the question merely contains ("Xóa đăng ký" for "xóa đăng ký tàu cá") nor a long name the
   * question touches in one word wins on its own.
   */
  private nameMatch(id: number, readings: Reading[], focus: Reading[]): NameMatch {
    const b2 = NAME_RECALL_BETA * NAME_RECALL_BETA;
    const best: NameMatch = { agreement: 0, recall: 0, precision: 0, focus: 0 };
    for (const name of this.names(id)) {
      for (const q of focus) if (q.total) best.focus = Math.max(best.focus, this.shared(name, q) / q.total);
      for (const q of readings) {
        const shared = this.shared(name, q);
        const precision = name.total ? shared / name.total : 0;
        const recall = q.total ? shared / q.total : 0;
        if (precision + recall === 0) continue;
        const f = ((1 + b2) * precision * recall) / (b2 * precision + recall);
        if (f > best.agreement) Object.assign(best, { agreement: f, recall, precision });
      }
    }
    return best;
  }

  /**
   * The weight of the units a name and a reading of the question share, as the name weighs them: its
   * head counts HEAD_WEIGHT times in the recall too, which may then pass 1. Weighing the recall by the
   * question's own weights instead lost 13 right answers on the tuned halves (the agreement
   * thresholds of the chat were calibrated with this one).
   */
  private shared(name: Reading, q: Reading): number {
    let shared = 0;
    for (const [fold, u] of name.units) {
      const typed = q.units.get(fold);
      if (!typed) continue;
      // The name excludes what the question names (NAME_NEGATIONS).
      if (u.negated && !typed.negated) continue;
      const agree = typed.keys.every((k, x) => diacriticsAgree(k, u.keys[x]!));
      shared += agree ? u.weight : u.weight * ACCENT_MISMATCH;
    }
    return shared;
  }

  private score(bm25: number, id: number, match: NameMatch, input: RerankInput): number {
    const doc = this.doc(id);
    let score = bm25 + NAME_AGREEMENT_WEIGHT * match.agreement;
    if (doc.province && input.provinces.includes(doc.province)) score += PROVINCE_BONUS;
    else if (doc.province && doc.province !== input.province) score -= OTHER_PROVINCE_PENALTY;
    if (doc.detail) score += DETAIL_BONUS;
    if (input.levels?.length && doc.levels.length && !doc.levels.some((l) => input.levels!.includes(l))) score -= LEVEL_MISMATCH_PENALTY;
    return score;
  }

  /** Demotes the follow-ups the question does not ask for, when their base procedure is a candidate too. */
  private demoteFollowUps(scored: { id: number; score: number }[], readings: Reading[]): void {
    const bases = scored.filter((s) => !this.followUp(s.id));
    for (const s of scored) {
      const f = this.followUp(s.id);
      if (!f || readings.some((r) => f.asks.every((w) => r.units.has(w)))) continue;
      const asked = [...f.object.units].filter(([fold]) => readings.some((r) => r.units.has(fold)));
      if (bases.some((b) => this.covers(b.id, asked) >= FOLLOW_UP_BASE_COVERAGE)) s.score -= FOLLOW_UP_PENALTY;
    }
  }

  /** The share (IDF-weighted) of these matching units that the name of document `id` has. */
  private covers(id: number, units: [string, { weight: number }][]): number {
    const name = this.names(id)[0]!;
    let shared = 0;
    let total = 0;
    for (const [fold, u] of units) {
      total += u.weight;
      if (name.units.has(fold)) shared += u.weight;
    }
    return total ? shared / total : 0;
  }

  /** The follow-up action document `id`'s name begins with, or null. */
  private followUp(id: number): FollowUp | null {
    let f = this.followUpOf.get(id);
    if (f === undefined) {
      const w = wordsOfText(baseName(this.doc(id).title));
      const found = this.followUpHead(w);
      f = found ? { asks: found.asks, object: this.units(sliceWords(w, found.end), false) } : null;
      this.followUpOf.set(id, f);
    }
    return f;
  }

  /**
   * The later act a procedure's name begins with ("Cấp lại …", "Đăng ký lại …", after "Thủ tục"):
   * the words a question must have to ask for it ("lại"), or null.
   */
  laterAct(name: string): readonly string[] | null {
    return this.followUpHead(wordsOfText(baseName(name)))?.asks ?? null;
  }

  private followUpHead(w: Words): { asks: string[]; end: number } | null {
    const skip = w.folds[0] === 'thu' && w.folds[1] === 'tuc' ? 2 : 0;
    const found = this.followUps.find((h) => h.asks.length > 0 && h.head.every((x, i) => w.folds[skip + i] === x));
    return found ? { asks: found.asks, end: skip + found.head.length } : null;
  }

  /** The readings of a document's name (as written, with synonyms rewritten), without its level qualifier. */
  private names(id: number): Reading[] {
    let names = this.nameReadings.get(id);
    if (!names) {
      // The name as written, and without the list of cases it covers, if any (index.ts): a question
      // names the procedure, rarely its whole list.
      const full = baseName(this.doc(id).title).replace(EXCLUSION, '');
      const bare = splitCaseLists(full).name;
      const texts = [...new Set([full, bare, ...actClauses(full)])];
      const words = texts.flatMap((t) => {
        const w = wordsOfText(t);
        const rewritten = rewriteWords(w, this.synonyms).words;
        return rewritten ? [w, rewritten] : [w];
      });
      names = words.map((w) => this.units(w, false));
      this.nameReadings.set(id, names);
    }
    return names;
  }

  /**
   * The matching units of words. For a question (`query`), units no name has are left out: they
   * cannot tell candidates apart.
   */
  private units(w: Words, query: boolean): Reading {
    const units = new Map<string, { keys: string[]; weight: number; negated?: boolean }>();
    let total = 0;
    const head = !query && w.folds[0] === 'thu' && w.folds[1] === 'tuc' ? 2 : 0;
    const negated = negatedSpans(w, query);
    const headEnd = head + HEAD_LENGTH;
    const add = (fold: string, keys: string[], at: number) => {
      if (units.has(fold)) return;
      let weight = this.nameIdf(fold);
      if (!query && at >= head && at < headEnd) weight *= HEAD_WEIGHT;
      if (keys.some((k) => FUNCTION_WORDS.has(k))) weight *= FUNCTION_WEIGHT;
      if (weight === 0 && query) return;
      units.set(fold, negated[at] ? { keys, weight, negated: true } : { keys, weight });
      total += weight;
    };
    for (let j = 0; j < w.keys.length; j++) {
      add(w.folds[j]!, [w.keys[j]!], j);
      if (j > 0 && w.joined[j]) add(w.folds[j - 1]! + BIGRAM_SEPARATOR + w.folds[j]!, [w.keys[j - 1]!, w.keys[j]!], j - 1);
    }
    return { units, total };
  }

  /** Inverse document frequency of a token among names (stop tokens included); 0 when no name has it. */
  private nameIdf(token: string): number {
    const df = this.nameFrequency(token);
    return df > 0 ? Math.log(1 + this.docCount / df) : 0;
  }
}

/**
 * The procedures one name lists, each begun by the same act ("Đăng ký thành lập tổ hợp tác; đăng ký
 * tổ hợp tác trong trường hợp …"): each is a name a question may give, and its agreement is not
 * diluted by the others' words. Clauses that go on listing cases ("…; cô, cậu, dì … nhận cháu làm
 * con nuôi") are no names of their own. On the tuned halves one more right procedure (2.002637, the
 * cooperative group, rather than the cooperative's 1.005280), held back one more; portal unchanged
 * (without the same-act condition portal hit@1 lost one tuned question to such a case list).
 */
function actClauses(name: string): string[] {
  const clauses = name.split(';').map((c) => c.trim());
  if (clauses.length < 2) return [];
  const act = (c: string) => c.split(/\s+/u)[0]!.toLowerCase();
  return clauses.every((c) => act(c) === act(clauses[0]!)) ? clauses : [];
}
