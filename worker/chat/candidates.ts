// The search's best candidates, read in their records. The search ranks on names and document
// lists; what a citizen describes ("vợ em vừa sinh bé ở bệnh viện", "xe hư hỏng bỏ đi") is often
// in the rest of the record of the procedure meant — its steps, notes, conditions. So the best few
// are re-ranked with how much of the question their record's text has (coverage.ts), and the
// records fetched here serve the rest of the turn.
import type { Procedure } from '../catalog/schema';
import type { Query, SearchHit } from '../search/engine';
import { ageRangeOf, withinAge } from '../search/ages';
import { unnamed, type Aspect } from '../search/phrases';
import { fold } from '../search/text';
import { coverage, type Coverage } from './coverage';

/**
 * The best RECORD_RERANK candidates are re-ranked with their record's coverage of the question
 * (`weighted`: words only in its steps and methods count less, coverage.ts), weighed RECORD_WEIGHT
 * against the search score (BM25 share + name agreement, about 1–2.5).
 * Chosen on the tuning lines of chat-queries-dev-2 (the right procedure first: 80.8% → 85.9%;
 * weights 1–2 and 5 or 10 candidates within a point); on the held-back lines 61.5% → 69.2%.
 */
const RECORD_RERANK = 5;
const RECORD_WEIGHT = 1.5;
/**
 * People who write to a public centre's assistant are mostly citizens: a procedure whose target
 * groups include them (rather than only organisations, enterprises or officials) gets this much.
 * 0.1–0.3 gave the same figures on chat-queries-dev and +1.3–2.6 points on the tuning lines of
 * chat-queries-dev-2; a bonus for commune and province procedures instead cost one dev question.
 */
const CITIZEN_BONUS = 0.2;
/**
 * A procedure whose name says it is only for some people ("Cấp thẻ căn cước cho người dưới 14
 * tuổi", "… có yếu tố nước ngoài": knowledge/phrases.json `groups`), or whose executing agencies
 * serve only them (a mission abroad: `byAgency`), for a question that names none of them: the one
 * who asks is likelier an adult Vietnamese in Vietnam, and the general procedure meant. The
 * agencies put one more right procedure first on the tuned halves (chat-probes), none fewer.
 * With the groups of this session (abroad, large and railway works, recognition), 0.4 put one more
 * right procedure first on the tuned halves of chat-probes and chat-probes-2 than 0.3 (0.5 the same).
 */
const GROUP_PENALTY = 0.4;
/**
 * …and the procedure for the people the question names ("khách nước ngoài đến ở nhà em": "Khai báo
 * tạm trú cho người nước ngoài"), over the general one. On the tuned halves 0.2 put two more right
 * procedures first (chat-probes, chat-probes-2) for one fewer (chat-queries-dev-2); 0.1 changed
 * nothing, 0.3 as 0.2. Once chat-scope was tuned on, 0.4 (as much as the penalty: naming the group
 * weighs as much as not naming it) answered one more right on its odd lines and on chat-probes-2's;
 * 0.5 lost one on chat-probes'. The held-back half of chat-queries-dev-2 lost one.
 */
const GROUP_BONUS = 0.4;
/**
 * …and a little more for each further group the record is for that the question names too: "tạm trú
 * bên Đức, nhận con ở sứ quán" names the recognition and the people abroad, and "Thủ tục đăng ký nhận
 * cha, mẹ, con giữa các công dân Việt Nam tạm trú ở nước ngoài với nhau" is for both, the general
 * "Thủ tục đăng ký nhận cha, mẹ, con" for one. On the tuned halves two more right (chat-probes-19),
 * none lost; 0.2 one more, 0.4 two more for one fewer held back.
 */
const MORE_GROUPS_BONUS = 0.3;
/**
 * A group that only the record says (its executing agencies or its legal bases: the
 * police's own "Cấp lại thẻ bảo hiểm y tế", under a circular for people in Công an nhân dân), which
 * the search, reading names only, could not demote. Such a candidate does not count among the
 * RECORD_RERANK read (one more is read in its place, so the general procedure is among them), and it
 * goes down once more, as a name's group goes down in the search and here. With the police group
 * (knowledge/phrases.json `byLaw`), on the tuned halves ten more right procedures (BHYT cards lost or
 * corrected: social insurance's 1.002759; four from the group alone), none fewer; held back five
 * more. 0.4 and 0.8 alike, 0.1–0.2 two fewer.
 */
const RECORD_GROUP_PENALTY = 0.4;
/**
 * A procedure whose name says it is the first act of its family ("Đăng ký nghĩa vụ quân sự lần
 * đầu" beside "… bổ sung", "… tạm vắng"; knowledge/phrases.json `firstActs`) is the one most people
 * do. Small: a question naming a later act ("bổ sung", "cấp lại") still finds it by its words.
 * 0.05–0.2 gave the same eval figures; it decides between siblings the question does not tell apart.
 */
const FIRST_ACT_BONUS = 0.1;
/**
 * An agency the question names ("khiếu nại công an phường": knowledge/phrases.json `agencies`) that
 * a procedure's name and agencies do not have: the legal-aid centre's complaint is not the police's.
 * On the tuned halves two more right (complaints about the police), none fewer; 0.6 lost two.
 */
const AGENCY_PENALTY = 0.3;
/**
 * About half of the catalog's records give only a name and an agency (`detail` false: most
 * of the maternity and pension records of social insurance written in capitals, "HƯỞNG TRỢ CẤP THAI
 * SẢN ĐỐI VỚI NGƯỜI THAM GIA BẢO HIỂM XÃ HỘI TỰ NGUYỆN"). Such a record cannot answer what a question
 * asks of a record's content (its documents, fee, time, steps, a sentence of it): it goes below the
 * candidates that can, and is answered only when none can. Where to submit its agency still says.
 * On the tuned halves six more right procedures and two more declined, none fewer (0.6 and 1 one
 * fewer declined; 0.3 four fewer right).
 */
const EMPTY_PENALTY = 2;
const CONTENT_ASPECTS: ReadonlySet<Aspect> = new Set<Aspect>(['components', 'fee', 'time', 'steps', 'conditions', 'forms', 'detail', 'yesno', 'result']);
/** The question asks outright what only a record's content says ("đủ điều kiện" in a name only hints at conditions). */
export const asksContent = (query: Query): boolean => query.aspects.slice(0, query.asked).some((a) => CONTENT_ASPECTS.has(a));
const CITIZEN_GROUPS = /^(Công dân Việt Nam|Người Việt Nam|Cá nhân)/u;
export const forCitizens = (p: Procedure): boolean => p.targetGroups.some((t) => CITIZEN_GROUPS.test(t));

export interface CandidateDeps {
  search: { rarity(token: string): number; isQuestionWord(token: string): boolean; isFrameWord?(token: string): boolean; groupsNamed(name: string, agencies?: readonly string[], laws?: readonly string[]): string[]; namesFirstAct(name: string): boolean };
  getProcedure(code: string): Promise<Procedure | null>;
}

export interface Candidates {
  /** The candidates, the best few re-ranked by their records. */
  ranked: SearchHit[];
  best: SearchHit;
  /** The records fetched so far, by code. */
  records: Map<string, Procedure>;
  /** A candidate's record, fetched once. */
  record(code: string): Promise<Procedure | undefined>;
  /** How much of the question a record has (computed once per record). */
  coverageOf(p: Procedure): Coverage;
  /** A candidate's score after the re-ranking. */
  scoreOf(h: SearchHit): number;
  /** The groups a candidate is for, by its name or its record's agencies (read its record first). */
  groupsOf(h: SearchHit): string[];
}

/**
 * Without a deployment province (PROVINCE), every province's own records compete with the national
 * ones, and some land procedures have twenty provinces' copies, each in its own words ("Cấp Giấy
 * chứng nhận … lần đầu (cấp xã)"): they fill the few candidates read by record, and the national
 * record, with its longer name, is never read. Those of a province neither served nor named come
 * after the others; the search is asked for this many times the candidates, so that the national
 * ones are among them. Where a province is served, the search leaves the others out already.
 */
export const OTHER_PROVINCES_DEPTH = 3;

export function othersLast(found: SearchHit[], query: Query, province: string | null): SearchHit[] {
  const other = (h: SearchHit) => h.province !== null && h.province !== province && !query.provinces.includes(h.province);
  return [...found.filter((h) => !other(h)), ...found.filter(other)];
}

/** The procedure's name or agencies say the agency (folded, as a whole word). */
function agencyIn(p: Procedure, agency: string): boolean {
  const folded = ` ${fold(agency)} `;
  return [p.name, ...p.executingAgencies, ...p.competentAgencies].some((t) => ` ${fold(t).replace(/[^\p{L}\d]+/gu, ' ')} `.includes(folded));
}

/** Reads the best candidates' records; `found` must not be empty. */
export async function readCandidates(found: SearchHit[], query: Query, deps: CandidateDeps): Promise<Candidates> {
  const records = new Map<string, Procedure>();
  const covers = new Map<string, Coverage>();
  const record = async (code: string) => {
    if (!records.has(code)) {
      const p = await deps.getProcedure(code);
      if (p) records.set(code, p);
    }
    return records.get(code);
  };
  const input = { readings: query.readings, rarity: (t: string) => deps.search.rarity(t), isQuestionWord: (t: string) => deps.search.isQuestionWord(t), isFrameWord: (t: string) => deps.search.isFrameWord?.(t) ?? false };
  const coverageOf = (p: Procedure): Coverage => {
    let c = covers.get(p.code);
    if (!c) covers.set(p.code, (c = coverage(p, input)));
    return c;
  };
  const groups = new Map<string, string[]>();
  const groupsOf = (h: SearchHit): string[] => {
    let g = groups.get(h.code);
    if (!g) groups.set(h.code, (g = deps.search.groupsNamed(h.name, records.get(h.code)?.executingAgencies, records.get(h.code)?.legalBasis.map((l) => l.title))));
    return g;
  };
  const scores = new Map<SearchHit, number>();
  const { age } = query;
  let window = RECORD_RERANK;
  for (const [i, hit] of found.entries()) {
    if (i >= window) break;
    const p = await record(hit.code);
    // An age the question gives decides between records published by age; else the groups named.
    const range = age === null ? null : ageRangeOf(hit.name);
    const named = groupsOf(hit);
    const narrower = range && age !== null ? !withinAge(age, range) : unnamed(named, query.groups).length > 0;
    // A group only the record says (RECORD_GROUP_PENALTY): it does not count among those read.
    const recordOnly = !range && unnamed(named, query.groups, deps.search.groupsNamed(hit.name)).length > 0;
    if (recordOnly) window++;
    const meant = !range && named.length > 0 && unnamed(named, query.groups).length === 0;
    const first = deps.search.namesFirstAct(hit.name) ? FIRST_ACT_BONUS : 0;
    const elsewhere = p && query.agencies.some((a) => !agencyIn(p, a)) ? AGENCY_PENALTY : 0;
    const empty = p && !p.detail && asksContent(query) ? EMPTY_PENALTY : 0;
    scores.set(hit, hit.score - empty - elsewhere + first + (p ? RECORD_WEIGHT * coverageOf(p).weighted + (forCitizens(p) ? CITIZEN_BONUS : 0) : 0) - (narrower ? GROUP_PENALTY : 0) + (meant ? GROUP_BONUS + MORE_GROUPS_BONUS * (named.length - 1) : 0) - (recordOnly ? RECORD_GROUP_PENALTY : 0));
  }
  const scoreOf = (h: SearchHit) => scores.get(h) ?? h.score;
  const ranked = [...[...scores.keys()].sort((a, b) => scoreOf(b) - scoreOf(a)), ...found.slice(scores.size)];
  return { ranked, best: ranked[0]!, records, record, coverageOf, scoreOf, groupsOf };
}
