// Recognises the phrases of a question (knowledge/phrases.json, knowledge/provinces.json): what is
// asked about (aspect), question fluff, and provinces. Matching is on whole syllables, with or
// without diacritics (a tone the question does have must agree), longest phrase first.
import { z } from 'zod';
import { levelSchema, type Level } from '../catalog/schema';
import { compileShorthand, expandShorthand } from './shorthand';
import { ageOf } from './ages';
import { PhraseTrie, type PhraseHit } from './phrase-trie';
import { fold, unaccented, type Words } from './text';
import { compileYesNo, type YesNoReader } from './yesno';

/**
 * What a question asks about. `detail`: a specific fact answered by one sentence of the record (a
 * deadline, an age, who may act); `yesno`: whether a given document is in the procedure's list.
 */
export const ASPECTS = ['components', 'fee', 'time', 'place', 'online', 'steps', 'conditions', 'result', 'legal', 'forms', 'detail', 'yesno'] as const;
export type Aspect = (typeof ASPECTS)[number];

const phraseList = z.array(z.string().trim().min(1));

export const CUES = ['duration', 'age', 'count', 'size', 'amount', 'proxy', 'obligation', 'absence', 'postal', 'who', 'allowed', 'presence'] as const;
export type Cue = (typeof CUES)[number];

export const phrasesSchema = z.object({
  _comment: z.array(z.string()).optional(),
  version: z.literal(1),
  fluff: phraseList,
  aspects: z.partialRecord(
    z.enum(ASPECTS),
    // possible: asks whether something can be done ("được không") and names no fact of its own.
    z.object({ ask: phraseList, hint: phraseList, possible: phraseList.optional() }),
  ),
  provinceAliases: z.record(z.string(), phraseList).optional(),
  /** The frame of a yes/no question about a document (search/yesno.ts). */
  yesno: z.object({ open: phraseList, close: phraseList, verbs: phraseList, documents: phraseList, after: phraseList.default([]), clauses: phraseList.default([]) }),
  /** What kind of fact a specific question asks for (chat/passages.ts). */
  cues: z.record(z.enum(CUES), phraseList),
  /**
   * One-syllable cue words also read in a question typed without any diacritics ("phai", "tuoi"):
   * those whose unaccented spelling is, in a question, hardly another word ("co" is "có" before
   * it is "cỡ", "nho" "nhỏ" before "nhờ").
   */
  unaccentedCues: phraseList.default([]),
  /** How a question names the level that carries a procedure out (chat/variants.ts). */
  levels: z.partialRecord(levelSchema, phraseList),
  /** Words that contain a one-syllable hint but mean something else ("hóa đơn"): read whole, they hide it. */
  keep: phraseList.default([]),
  /**
   * Who a citizen's story names that no record does ("hàng xóm"): searched as typed, yet no
   * content a record must cover (coverage.ts), since no procedure is about a neighbour as such.
   */
  story: phraseList.default([]),
  /** People some procedures are only for: how names name them, how questions do (chat/candidates.ts). */
  groups: z
    .record(
      z.string(),
      // leftBy: how a question says the person is no longer so ("về nước sống": no longer abroad).
      // byAgency: agencies that serve only them ("Cơ quan đại diện Việt Nam ở nước ngoài": people
      // abroad); a record all of whose executing agencies are such is for them, named so or not.
      // byLaw: what the law a record rests on says of them ("… thân nhân sĩ quan, hạ sĩ quan, chiến
      // sĩ trong Công an nhân dân"): a record one of whose legal bases says it is for them, whatever
      // its name ("Cấp lại thẻ bảo hiểm y tế" of the police's own health insurance).
      // untilAge: a question that gives an age at or above it is not about them ("30 tuổi": no minor).
      // holds: groups whose name phrases inside this group's are this group's ("thủy sản" in
      // "thực phẩm nông, lâm, thủy sản" is no aquatic-animal procedure's).
      z.object({
        inName: phraseList,
        inQuestion: phraseList,
        leftBy: phraseList.optional(),
        byAgency: phraseList.optional(),
        byLaw: phraseList.optional(),
        untilAge: z.number().int().positive().optional(),
        holds: z.array(z.string()).optional(),
      }),
    )
    .default({}),
  /**
   * How a name says it is for everyone ("hộ gia đình", "cá nhân"): a group it lists beside them
   * ("… đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài",
   * "cho tổ chức, cá nhân") is one of those it serves, not the only one.
   */
  everyone: phraseList.default([]),
  /** How a name says it is the act a family of procedures starts with ("… lần đầu"; chat/candidates.ts). */
  firstActs: phraseList.default([]),
  /**
   * Agencies a question names as who it is about or goes to ("khiếu nại công an phường"): a
   * procedure neither named for them nor carried out by them is likely not meant (chat/candidates.ts).
   */
  agencies: phraseList.default([]),
  /** Chat shorthand, one syllable as typed → the words it stands for ("ntn": "như thế nào"; shorthand.ts). */
  shorthand: z.record(z.string().trim().min(1), z.string().trim().min(1)).default({}),
});
export type PhrasesData = z.infer<typeof phrasesSchema>;

export const provincesSchema = z.array(z.object({ name: z.string().min(1), short: z.string().min(1) }));

export type PhraseKind =
  | { type: 'fluff' }
  /** A word read whole so that a hint inside it is not seen ("hóa đơn"); it is searched as it is. */
  | { type: 'keep' }
  | { type: 'aspect'; aspect: Aspect; strength: 'ask' | 'hint' | 'possible' }
  | { type: 'province'; province: string }
  /**
   * An agency or level named as where to go ("công an tỉnh", "lên Cục"): where, not what — but for
   * its first `what` syllables, which stay searched.
   */
  | { type: 'level'; level: Level; what?: number };

export interface PhraseMatch {
  /** Syllable range [start, end) in the words read. */
  start: number;
  end: number;
  kind: PhraseKind;
}

export interface PhraseMatcher {
  /**
   * The phrases of the words, left to right, longest first. `inNames(a, b)`: whether two folded
   * syllables form a pair in some procedure's name; with it, in a question typed without any
   * diacritics, a one-syllable fluff word ("thi" for "thì", "gi" for "gì") or aspect hint ("phi" for
   * "phí") is taken for one where it pairs with neither neighbour in any name ("giai the cong ty thi
   * lam", "thi phi kiem tra", not "dang ky du thi", "chau phi").
   */
  match(words: Words, inNames?: (a: string, b: string) => boolean): PhraseMatch[];
  /** The document a yes/no question asks about ("có cần <giấy tờ> không"), if it is one. */
  yesno?: YesNoReader;
  /** What kind of fact the question asks for (a duration, an age…), in the order named. */
  cues?(words: Words): Cue[];
  /** The levels the question names ("ở xã", "công an tỉnh", "lên Cục"). */
  levels?(words: Words): Level[];
  /** The groups of people (data `groups`) the question names ("con", "nước ngoài"). */
  groupsAsked?(words: Words, age?: number | null): string[];
  /** The agencies (data `agencies`, as listed) the question names. */
  agenciesNamed?(words: Words): string[];
  /**
   * The groups of people a procedure's name says it is only for ("cho người dưới 14 tuổi"), or its
   * executing agencies (`byAgency`: "Thủ tục cấp bản sao trích lục giấy tờ hộ tịch" at an embassy),
   * or its legal bases (`byLaw`).
   */
  groupsNamed?(words: Words, agencies?: readonly Words[], laws?: readonly Words[]): string[];
  /** A procedure's name says it is the first act of its family ("Đăng ký thuế lần đầu"). */
  namesFirstAct?(words: Words): boolean;
  /** Chat shorthand spelled out (stage 1: before any phrase is matched). */
  spellOut?(words: Words): Words;
  /** Every phrase the matcher knows (fluff, aspects, provinces), as listed. */
  readonly phrases?: readonly string[];
  /**
   * The phrases that frame a question rather than name a procedure (fluff, aspect questions, the
   * yes/no frame, cues): their words are never taken for typos ("không", "rồi", "thì").
   */
  readonly frame?: readonly string[];
  /** Phrases by which a question says it is about some people ("philippines", "người hàn"): its situation, read by the groups. */
  readonly groupWords?: readonly string[];
}

export function compilePhrases(json: unknown, provincesJson: unknown): PhraseMatcher {
  const parsed = phrasesSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid phrases JSON:\n${z.prettifyError(parsed.error)}`);
  const provinces = provincesSchema.safeParse(provincesJson);
  if (!provinces.success) throw new Error(`Invalid provinces JSON:\n${z.prettifyError(provinces.error)}`);
  const trie = new PhraseTrie<PhraseKind>();
  const listed: string[] = [];
  const add = (text: string, kind: PhraseKind) => {
    listed.push(text);
    trie.add(text, kind, (a, b) => (rank(b) > rank(a) ? b : a));
  };
  const data = parsed.data;
  for (const k of data.keep) add(k, { type: 'keep' });
  for (const k of data.story) add(k, { type: 'keep' });
  for (const f of data.fluff) add(f, { type: 'fluff' });
  for (const aspect of ASPECTS) {
    const a = data.aspects[aspect];
    if (!a) continue;
    for (const p of a.ask) add(p, { type: 'aspect', aspect, strength: 'ask' });
    for (const p of a.hint) add(p, { type: 'aspect', aspect, strength: 'hint' });
    for (const p of a.possible ?? []) add(p, { type: 'aspect', aspect, strength: 'possible' });
  }
  for (const p of provinces.data) {
    add(p.name, { type: 'province', province: p.name });
    add(p.short, { type: 'province', province: p.name });
    for (const alias of data.provinceAliases?.[p.name] ?? []) add(alias, { type: 'province', province: p.name });
  }
  const cueTrie = new PhraseTrie<Cue>();
  for (const cue of CUES) for (const p of data.cues[cue] ?? []) cueTrie.add(p, cue);
  const unaccentedCues = new Set(data.unaccentedCues.map((p) => fold(p.trim())));
  // One phrase may name several groups ("người Hàn": a foreign party, and someone abroad).
  const askedTrie = new PhraseTrie<string[]>();
  const namedTrie = new PhraseTrie<string[]>();
  const leftTrie = new PhraseTrie<string[]>();
  const both = (a: string[], b: string[]) => [...new Set([...a, ...b])];
  const agencyTrie = new PhraseTrie<string[]>();
  const lawTrie = new PhraseTrie<string[]>();
  const holds = new Map(Object.entries(data.groups).map(([group, g]) => [group, g.holds ?? []]));
  for (const [group, held] of holds) for (const h of held) if (!(h in data.groups)) throw new Error(`Invalid phrases JSON: group ${group} holds unknown group ${h}`);
  for (const [group, g] of Object.entries(data.groups)) {
    for (const p of g.byAgency ?? []) agencyTrie.add(p, [group], both);
    for (const p of g.byLaw ?? []) lawTrie.add(p, [group], both);
    for (const p of g.inQuestion) askedTrie.add(p, [group], both);
    for (const p of g.inName) namedTrie.add(p, [group], both);
    for (const p of g.leftBy ?? []) leftTrie.add(p, [group], both);
  }
  const everyoneTrie = new PhraseTrie<true>();
  for (const p of data.everyone) everyoneTrie.add(p, true);
  const agencyNamedTrie = new PhraseTrie<string>();
  for (const p of data.agencies) agencyNamedTrie.add(p, p);
  const firstTrie = new PhraseTrie<true>();
  for (const p of data.firstActs) firstTrie.add(p, true);
  const levelTrie = new PhraseTrie<Level>();
  for (const [level, list] of Object.entries(data.levels) as [Level, string[]][]) {
    for (const p of list) {
      levelTrie.add(p, level);
      // An agency's name is where, not what: out of the terms. One syllable ("sở", "cục", "phường")
      // may be part of what is searched ("cơ sở", "sở hữu"), and "ở xã", "lên tỉnh" of a phrase a
      // synonym reads ("công chứng ở xã" is "chứng thực"): hints only. The police are who as well
      // as where ("khiếu nại công an phường" is the police's complaint procedure; agencies are
      // indexed): "công an" stays searched, its level out (`what`: syllables kept). On the tuned
      // halves two more right procedures (complaints and denunciations), none fewer.
      if (p.trim().includes(' ') && !/^(ở|tại|lên|ra|về)\s/iu.test(p.trim())) add(p, { type: 'level', level, what: /^công an\s/iu.test(p.trim()) ? 2 : 0 });
    }
  }
  /** The words are typed without any diacritics ("thi bang lai"), so each may stand for any word that folds the same. */
  /**
   * Every phrase named anywhere in the words (a one-syllable phrase only as listed). `asTyped`: in a
   * question typed with diacritics, a phrase only as typed ("đang ở xa" names no "ở xã").
   */
  const hitsIn = <T>(trie: PhraseTrie<T>, words: Words, asTyped = false): PhraseHit<T>[] => {
    const out: PhraseHit<T>[] = [];
    const accented = asTyped && !unaccented(words);
    for (let i = 0; i < words.keys.length; i++) for (const h of trie.at(words, i)) if (h.exact || (h.end - h.start > 1 && !accented)) out.push(h);
    return out;
  };
  /** Every value named anywhere in the words, once (see `hitsIn`). */
  const named = <T>(trie: PhraseTrie<T>, words: Words, asTyped = false): T[] => [...new Set(hitsIn(trie, words, asTyped).map((h) => h.value))];
  /** The groups a name names, but those it lists beside everyone (`everyone`). */
  const namedAlone = (words: Words): string[] => {
    const all = hitsIn(namedTrie, words);
    const held = (h: PhraseHit<string[]>) =>
      all.some((o) => o !== h && o.start <= h.start && h.end <= o.end && o.value.some((g) => h.value.every((x) => holds.get(g)?.includes(x))));
    const hits = all.filter((h) => !held(h));
    const everyone = hitsIn(everyoneTrie, words);
    // "cá nhân" inside a group's own phrase ("cá nhân kinh doanh") is that group, not everyone.
    const alone = everyone.filter((e) => !hits.some((h) => h.start < e.end && e.start < h.end));
    // Items of one list: a break (a comma) between them, and no more than a list's few items apart.
    const listed = (from: number, to: number, gap: number) => to - from <= gap && words.joined.slice(from, to + 1).some((j) => !j);
    const out: string[] = [];
    for (const h of hits) {
      const beside = alone.some((e) => (e.end <= h.start && listed(e.end, h.start, EVERYONE_BEFORE)) || (e.start >= h.end && listed(h.end, e.start, EVERYONE_AFTER)));
      if (!beside) out.push(...h.value);
    }
    return [...new Set(out)];
  };
  const frame = [
    ...data.fluff,
    ...Object.values(data.aspects).flatMap((a) => [...(a?.ask ?? []), ...(a?.possible ?? [])]),
    ...data.yesno.open,
    ...data.yesno.close,
    ...data.yesno.verbs,
    ...Object.values(data.cues).flat(),
  ];
  const shorthand = compileShorthand(data.shorthand);
  return {
    phrases: listed,
    frame,
    groupWords: Object.values(data.groups).flatMap((g) => g.inQuestion),
    spellOut: (words) => expandShorthand(words, shorthand),
    yesno: compileYesNo(data.yesno),
    cues: (words) => {
      // As typed in a question typed with diacritics: "mấy anh em" is brothers, not "mấy ảnh" (a count).
      const cues = hitsIn(cueTrie, words, true).map((h) => h.value);
      if (unaccented(words)) {
        for (let i = 0; i < words.keys.length; i++) {
          if (!unaccentedCues.has(words.folds[i]!)) continue;
          for (const h of cueTrie.at(words, i)) if (h.end - h.start === 1) cues.push(h.value);
        }
      }
      return [...new Set(cues)];
    },
    levels: (words) => named(levelTrie, words, true),
    agenciesNamed: (words) => named(agencyNamedTrie, words),
    groupsAsked: (words, age = ageOf(words)) => {
      const left = named(leftTrie, words).flat();
      const outgrown = (g: string) => age !== null && age >= (data.groups[g]?.untilAge ?? Infinity);
      return [...new Set(named(askedTrie, words).flat())].filter((g) => !left.includes(g) && !outgrown(g));
    },
    groupsNamed: (words, agencies = [], laws = []) => {
      const byAgency = agencies.length ? agencies.map((a) => named(agencyTrie, a).flat()).reduce((a, b) => a.filter((g) => b.includes(g))) : [];
      const byLaw = laws.flatMap((l) => named(lawTrie, l).flat());
      return [...new Set([...namedAlone(words), ...byAgency, ...byLaw])];
    },
    namesFirstAct: (words) => named(firstTrie, words).length > 0,
    match(words, inNames) {
      // A question typed with diacritics anywhere means its bare syllables as typed ("thi bằng lái").
      const plain = unaccented(words);
      const loneFluff = (h: PhraseHit<PhraseKind>) => {
        const lone = h.value.type === 'fluff' || (h.value.type === 'aspect' && h.value.strength === 'hint');
        if (!inNames || !plain || !lone) return false;
        const f = words.folds[h.start]!;
        const before = h.start > 0 && words.joined[h.start] && inNames(words.folds[h.start - 1]!, f);
        const after = h.end < words.keys.length && words.joined[h.end] && inNames(f, words.folds[h.end]!);
        return !before && !after;
      };
      return trie
        .scan(words, (hits) => {
          // One syllable typed without diacritics is too ambiguous to take for a phrase ("ho" may be
          // hộ, hồ or hở), so a single-syllable phrase must be typed as listed — but for a fluff word
          // that forms no name's pair with its neighbours. Of the longest phrases, the more specific
          // meaning wins.
          const ok = hits.filter((h) => h.exact || h.end - h.start > 1 || loneFluff(h));
          const longest = ok.filter((h) => h.end === ok[0]?.end);
          return longest.reduce<PhraseHit<PhraseKind> | undefined>((best, h) => (!best || rank(h.value) > rank(best.value) ? h : best), undefined);
        })
        .map((h) => ({ start: h.start, end: h.end, kind: h.value }));
    },
  };
}

/**
 * How far (in syllables) a group may follow "hộ gia đình, cá nhân" in one list ("…, cá nhân, cộng
 * đồng dân cư, người gốc Việt Nam định cư ở nước ngoài"), and precede it ("cho tổ chức, cá nhân").
 */
const EVERYONE_BEFORE = 12;
const EVERYONE_AFTER = 3;

/**
 * The groups a name is for (`groupsNamed`) that none of the lists names — the question's groups, and
 * whatever else counts as named: a procedure with any is narrower than what was asked.
 */
export function unnamed(groups: readonly string[], ...named: (readonly string[])[]): string[] {
  return groups.filter((g) => !named.some((list) => list.includes(g)));
}

/** Same span listed twice (e.g. "phí" as a hint and inside fluff): the more specific meaning wins. */
function rank(k: PhraseKind): number {
  if (k.type === 'province' || k.type === 'level') return 3;
  if (k.type === 'aspect') return k.strength === 'hint' ? 1 : 2;
  return 0;
}
