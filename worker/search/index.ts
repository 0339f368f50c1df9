// The search index of the catalog: one document per procedure, its text fields cut into the tokens
// of text.ts. Built ahead of time by scripts/build-index.ts (binary-write.ts writes it, binary.ts reads it); the
// builder and the engine share these definitions so that the fields and their tokens cannot differ
// between build and query.
import type { Procedure } from '../catalog/schema';
import { expandQuery, type Synonyms } from './synonyms';
import { foldedPairs, segment, tokenize, wordsOfText } from './text';

export type TextField = 'name' | 'results' | 'about' | 'components';
export const TEXT_FIELDS: readonly TextField[] = ['name', 'results', 'about', 'components'];

export interface SearchDoc {
  code: string;
  /** The catalog name, as shown. */
  title: string;
  /** The name as searched: the catalog name plus its synonym-expanded rewrite (BHYT → bảo hiểm y tế). */
  name: string;
  results: string;
  /** Fields (lĩnh vực) and agencies. */
  about: string;
  components: string;
  levels: string[];
  province: string;
  type: string;
  detail: boolean;
}

/** What a hit carries back from the index; the rest of the record is fetched on demand. */
export const STORED_FIELDS = ['code', 'title', 'levels', 'province', 'type', 'detail'] as const;
export type StoredDoc = Pick<SearchDoc, (typeof STORED_FIELDS)[number]>;

/**
 * Relative weight of each text field: what people call a procedure is its name, far above the
 * result it produces ("Giấy chứng nhận kết hôn"), its field and agencies, and its document list.
 */
export const FIELD_BOOST: Record<TextField, number> = {
  name: 8,
  results: 2,
  about: 0.8,
  components: 0.3,
};

/** Secondary fields are indexed with folded tokens only: the accent bonus matters on names. */
export const FOLDED_FIELDS: readonly TextField[] = ['results', 'about', 'components'];

/** The index tokens of one field of a document (unique, bigrams included). */
export function fieldTokens(field: TextField, text: string): string[] {
  return tokenize(text, { foldedOnly: FOLDED_FIELDS.includes(field) });
}

/**
 * Tokens found in more than this share of a field's documents are left out of that field's index
 * ("thủ tục", "cấp", "ủy ban nhân dân"): their BM25 weight is near zero, yet their postings were
 * most of the index's size and of the time a long question took. Their document frequency is kept
 * (the re-rank still weighs them, lightly).
 */
export const MAX_DOCUMENT_FREQUENCY = 0.05;

/** Per field, the tokens left out of the index, with their document frequency. */
export type StopTokens = Partial<Record<TextField, ReadonlyMap<string, number>>>;

const MAX_COMPONENT_TEXT = 1500;
/**
 * A parenthesis longer than this in a name lists the cases a procedure covers ("Cấp giấy phép xây
 * dựng mới … (Công trình không theo tuyến/Theo tuyến trong đô thị/Tín ngưỡng, tôn giáo/…/Dự án) và
 * nhà ở riêng lẻ"): indexed with the fields and agencies rather than the name, whose length it
 * tripled, so that "giấy phép xây dựng nhà ở riêng lẻ" finds the procedure. Short ones ("(cấp
 * tỉnh)", "(doanh nghiệp, chi nhánh)") stay. 60–80 gave the same eval figures (portal hit@3 +0.8%).
 */
const CASE_LIST_LENGTH = 60;

/**
 * "… trong các trường hợp chuyển đổi …; chuyển nhượng, thừa kế, tặng cho …; cho thuê …" (1.013831,
 * 569 characters): a name that lists its cases after "trong (các) trường hợp", separated by ";",
 * is the same kind of list as a long parenthesis. So is one that lists acts and then the cases they
 * are for: "Giao đất, cho thuê đất, chuyển mục đích sử dụng đất đối với trường hợp …; trường hợp …;
 * giao đất và giao rừng; …" (1.013949, the land-use change a citizen asks for, 600 characters:
 * never among the candidates). A single act before "đối với trường hợp" stays whole ("Đăng ký biến
 * động đối với trường hợp …"): its cases are what tell it from the other records of that act. On the
 * tuned halves five more right procedures, none fewer (without the condition, eight more, seven fewer).
 */
const CASES_CLAUSE = /\s+(trong (?:các )?trường hợp|đối với (?:các )?trường hợp)\s+([^()]*;[^()]*)$/iu;
/** "đối với trường hợp" without "các" ends a name's list of acts only (see CASES_CLAUSE). */
const ACTS_CASES = /^đối với trường hợp$/iu;

/**
 * "… lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài"
 * (1.013978, first land registration): the users a name lists after "đối với", starting with the
 * household or the person, say it is for everyone (phrases.json `everyone`), not which procedure it
 * is; indexed with the fields as the case lists are, the name is found by what it does. A list of
 * three or more: "… đối với hộ gia đình, cá nhân được ghi nợ" is whom it is for. On the tuned halves
 * four more right procedures (the first land registration, three sets), one fewer (a house added to a
 * certificate); held back one more, two fewer.
 */
const USERS_CLAUSE = /\s+đối với\s+((?:hộ gia đình|cá nhân)\s*,[^;(),]*,[^;()]*)$/iu;

/** A name without the case lists in it (see CASE_LIST_LENGTH), and the lists. */
export function splitCaseLists(fullName: string): { name: string; lists: string[] } {
  const lists: string[] = [];
  let name = fullName.replace(/\s*\(([^()]*)\)/gu, (all, inner: string) => {
    if (inner.length <= CASE_LIST_LENGTH) return all;
    lists.push(inner);
    return '';
  });
  const clause = CASES_CLAUSE.exec(name);
  if (clause && clause[2]!.length > CASE_LIST_LENGTH && (!ACTS_CASES.test(clause[1]!) || name.slice(0, clause.index).includes(','))) {
    lists.push(clause[2]!);
    name = name.slice(0, clause.index);
  }
  const users = USERS_CLAUSE.exec(name);
  if (users && users[1]!.length > CASE_LIST_LENGTH / 2) {
    lists.push(users[1]!);
    name = name.slice(0, users.index);
  }
  return { name, lists };
}

export function toSearchDoc(p: Procedure, synonyms: Synonyms): SearchDoc {
  const components = [...new Set(p.cases.flatMap((c) => c.components.map((x) => x.name)))].join('\n');
  const { name, lists } = splitCaseLists(p.name);
  return {
    code: p.code,
    title: p.name,
    name: expandQuery(name, synonyms),
    results: p.results.join('\n'),
    about: [...new Set([...p.fields, ...p.executingAgencies, ...p.competentAgencies, ...lists])].join('\n'),
    components: components.slice(0, MAX_COMPONENT_TEXT),
    levels: p.levels,
    province: p.province ?? '',
    type: p.type,
    detail: p.detail,
  };
}

/** Per field, the tokens too common to be worth indexing (see MAX_DOCUMENT_FREQUENCY). */
export function computeStopTokens(docs: SearchDoc[]): StopTokens {
  const out: StopTokens = {};
  for (const field of TEXT_FIELDS) {
    const df = new Map<string, number>();
    for (const d of docs) for (const t of fieldTokens(field, d[field])) df.set(t, (df.get(t) ?? 0) + 1);
    const limit = MAX_DOCUMENT_FREQUENCY * docs.length;
    out[field] = new Map([...df].filter(([, n]) => n > limit));
  }
  return out;
}

/**
 * The syllables (accented and folded token forms) of the synonyms' every phrase ("cccd", "cavet",
 * "vneid"): words citizens use that the catalog may not, never to be taken for typos. The index
 * ships them with the catalog's words, so that a cold isolate does not tokenize a thousand phrases.
 */
export function synonymWords(synonyms: Synonyms): Set<string> {
  const out = new Set<string>();
  const phrases = [
    ...synonyms.data.groups.flatMap((g) => [g.canonical, ...g.variants]),
    ...synonyms.data.colloquial.flatMap((c) => [c.phrase, c.means]),
    ...synonyms.data.keep,
  ];
  for (const p of phrases) for (const t of tokenize(p, { bigrams: false })) out.add(t);
  return out;
}

/** Adjacent syllable pairs (folded, joined by the bigram separator) of the phrases citizens say that the synonyms list. */
export function synonymPairs(synonyms: Synonyms): Set<string> {
  const out = new Set<string>();
  const phrases = [...synonyms.data.groups.flatMap((g) => g.variants), ...synonyms.data.colloquial.map((c) => c.phrase)];
  for (const p of phrases) for (const pair of foldedPairs(wordsOfText(p))) out.add(pair);
  return out;
}

/** The syllables (accented and folded token forms) of every text of a procedure: the words of the catalog. */
export function lexiconOf(p: Procedure): Set<string> {
  const out = new Set<string>();
  const seg = segment(JSON.stringify(p));
  for (const inf of seg.info) {
    if (!inf) continue;
    out.add(inf.key);
    out.add(inf.fold);
  }
  return out;
}
