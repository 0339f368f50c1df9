// The catalog's document lists as checklists a citizen can act on, computed at ingest from the
// source's own text (knowledge/checklist.json holds the phrases; the verbatim `name` stays).
//
// A record's "cases" are not always cases. The civil-status records publish sections of one list as
// cases ("* Giấy tờ phải nộp", "* Giấy tờ phải xuất trình", "* Lưu ý", and an unnamed one holding
// the declaration form); business records publish "Trường hợp ủy quyền thực hiện thủ tục:" as a
// case although it applies to all; some scraped pages cut numbered items into cases ("1. Đơn đề
// nghị…", "2. …"). Each heading is read as one of:
//   section      merged into one list; its kind (nộp / xuất trình / lưu ý) goes to its items
//   part         an item of the one list whose sub-items are the case's components
//   addition     its condition goes to its items (or to an item made of the heading), for every case
//   description  prose about the component under it: kept as a note of the one list
//   alternative  a real case (trường hợp) with its own list, kept as a case
// A record with anything common (a section of documents, a part) reads as one list, its
// conditional headings as "tùy trường hợp" additions; otherwise its alternatives stay cases, each
// given the additions and notes that apply to all.
import type { Anomaly, Component, ProcedureCase, SourceCase, SourceComponent } from '../../worker/catalog/schema.ts';
import { headingCondition, readItem, type SectionKind } from './checklist-item.ts';
import { applicationRank, containsAny, isDocument, matchForm, RULES, startsWithAny } from './checklist-rules.ts';
import { byNumbering, compareKeys, readMarkers, type Marker } from './markers.ts';

export type HeadingType = 'section' | 'part' | 'addition' | 'description' | 'alternative';

export interface HeadingReading {
  type: HeadingType;
  /** For a section: the kind its items get ('' = a general section: "Thành phần hồ sơ", the unnamed case). */
  section?: SectionKind;
  /** For an addition or a conditional alternative: the situation. */
  condition?: string;
  /** The heading states a cross-case condition (ủy quyền, nộp trực tuyến…): an addition even among alternatives. */
  crossCase?: boolean;
}

/** What a case heading is (see the module comment). */
export function readHeading(name: string): HeadingReading {
  const { body, numbering } = readMarkers(name);
  const low = matchForm(body.replace(/[\s:.]+$/u, ''));
  if (!low) return { type: 'section', section: '' };
  // "Hồ sơ của người nhận con nuôi:" is a part, although "Hồ sơ" alone would be a section.
  if (startsWithAny(low, RULES.parts.phrases)) return { type: 'part' };
  for (const section of ['submit', 'present', 'note', 'general'] as const) {
    const phrase = startsWithAny(low, RULES.sections[section]);
    if (!phrase) continue;
    const qualifier = low.slice(matchForm(phrase).length).trim();
    if (qualifier.length <= RULES.maxQualifier && !/đề nghị|đối với|trường hợp/u.test(qualifier)) {
      return { type: 'section', section: section === 'general' ? '' : section };
    }
  }
  const cond = headingCondition(name);
  const cross = RULES.crossCase.phrases.find((c) => containsAny(matchForm(cond?.condition ?? ''), [c.phrase]));
  if (cond) return { type: cross ? 'addition' : 'alternative', condition: cond.condition, crossCase: Boolean(cross) };
  // Prose about delegation ("Người có thẩm quyền ký … có thể ủy quyền …", "Người ủy quyền và người được ủy quyền … chịu trách nhiệm"): an addition.
  const delegation = RULES.crossCase.phrases[0]!;
  if (containsAny(low, [delegation.phrase])) return { type: 'addition', condition: delegation.label, crossCase: true };
  // "(Trường hợp không quy định là bản chính thì có thể nộp bản sao…)": a remark in brackets.
  const bare = body.replace(/[\s.;:]+$/u, '');
  if (bare.startsWith('(') && bare.endsWith(')')) return { type: 'description' };
  if (startsWithAny(low, RULES.parts.phrases)) return { type: 'part' };
  if (startsWithAny(low, RULES.noteStarts.phrases)) return { type: 'description' };
  // "1. Đơn đề nghị…", "3. Một trong các tài liệu…": a numbered item the page cut into a case. "1) Hồ sơ đối với tàu đóng mới gồm:" is a case.
  if (numbering && isDocument(body) && !/đối với|trường hợp|^hồ sơ/u.test(low.slice(0, 60))) return { type: 'part' };
  return { type: 'alternative' };
}

/** An item while it is being placed: the component and its numbering (from its heading when it was a case). */
interface Placed {
  c: Component;
  marker: Marker | null;
  numbering: Marker | null;
  announces: boolean;
}

export interface ChecklistStats {
  components: number;
  guessed: { submit: number; present: number; note: number };
  headings: Record<HeadingType, number>;
  sections: { submit: number; present: number; note: number; general: number };
  /** Records whose several published cases now read as fewer (one list, or alternatives with their additions). */
  recordsRegrouped: number;
}

export const emptyStats = (): ChecklistStats => ({
  components: 0,
  guessed: { submit: 0, present: 0, note: 0 },
  headings: { section: 0, part: 0, addition: 0, description: 0, alternative: 0 },
  sections: { submit: 0, present: 0, note: 0, general: 0 },
  recordsRegrouped: 0,
});

function structureComponent(s: SourceComponent, section: SectionKind, code: string, stats: ChecklistStats, anomalies: Anomaly[]): Placed {
  const counted = (s.originals ?? 0) + (s.copies ?? 0) > 0;
  const read = readItem(s.name, { section, counted });
  stats.components++;
  if (read.guessed) {
    stats.guessed[read.kind]++;
    anomalies.push({ code, kind: 'checklist-kind-guessed', detail: `${read.kind}: ${s.name.slice(0, 160)}` });
  }
  const { marker, numbering } = readMarkers(s.name);
  return {
    c: { ...s, title: read.title, detail: read.detail, kind: read.kind, condition: read.condition, children: [] },
    marker,
    numbering,
    announces: read.announces,
  };
}

/**
 * Sub-items under the item that announces them: the items right after it with another list marker
 * ("3. … mỗi bộ gồm:" then "- Bản vẽ…"), as long as they keep that marker. A conditional or note
 * item ends them unless the list starts with one ("Một trong các giấy tờ sau:" "- Trường hợp A: …").
 */
export function nest(items: Placed[]): Placed[] {
  const out: Placed[] = [];
  for (let i = 0; i < items.length; i++) {
    const parent = items[i]!;
    out.push(parent);
    // A note's sub-items would be guesses (the portal's order is no order): notes stay flat.
    if (!parent.announces || parent.c.kind === 'note') continue;
    const first = items[i + 1];
    if (!first?.marker || first.marker.scheme === 'star' || first.marker.scheme === parent.marker?.scheme) continue;
    const plainFirst = first.c.condition === null && first.c.kind !== 'note';
    const children: Placed[] = [];
    let j = i + 1;
    while (j < items.length) {
      const next = items[j]!;
      if (next.marker?.scheme !== first.marker.scheme) break;
      if (plainFirst && (next.c.condition !== null || next.c.kind === 'note')) break;
      children.push(next);
      j++;
    }
    parent.c = { ...parent.c, children: ordered(nest(children)).map((p) => p.c) };
    i = j - 1;
  }
  return out;
}

const ordered = (items: Placed[]) => byNumbering(items, (p) => p.numbering);

/** Documents everyone brings that are the application form go first, unless the source numbers something else first. */
function applicationsFirst(items: Placed[]): Placed[] {
  const minKey = new Map<string, number[]>();
  for (const p of items) {
    if (!p.numbering) continue;
    const k = minKey.get(p.numbering.scheme);
    if (!k || compareKeys(p.numbering.key, k) < 0) minKey.set(p.numbering.scheme, p.numbering.key);
  }
  const rank = (p: Placed): number | null => {
    if (p.c.kind !== 'submit' || p.c.condition !== null) return null;
    const r = applicationRank(p.c.title);
    if (r === null) return null;
    if (p.numbering && minKey.get(p.numbering.scheme)?.join('.') !== p.numbering.key.join('.')) return null;
    return r;
  };
  const apps = items.filter((p) => rank(p) !== null).sort((a, b) => rank(a)! - rank(b)!);
  return [...apps, ...items.filter((p) => rank(p) === null)];
}

/** The components of one published case, structured: read, nested under the item announcing them, in the source's numbering. */
function listOf(sc: SourceCase, section: SectionKind, code: string, stats: ChecklistStats, anomalies: Anomaly[]): Placed[] {
  const texts = sc.components.filter((s) => {
    if (/[\p{L}\p{N}]/u.test(s.name)) return true;
    // "****": no text to act on (as a component without a name, it is reported, not kept).
    anomalies.push({ code, kind: 'component-without-text', detail: s.name });
    return false;
  });
  return ordered(nest(texts.map((s) => structureComponent(s, section, code, stats, anomalies))));
}

/** An item made of a case heading, holding the case's components ("Hồ sơ của người nhận con nuôi:", "3. Một trong các tài liệu…"). */
function headingItem(heading: string, children: Placed[], condition: string | null, stats: ChecklistStats): Placed {
  const { marker, numbering } = readMarkers(heading);
  const read = readItem(heading, { section: '', counted: false });
  // "1. Đơn đề nghị…;" over its one component "Đơn đề nghị…;": the component itself, in the heading's place.
  if (children.length === 1 && sameText(read.title, children[0]!.c.title) && children[0]!.c.children.length === 0) {
    const only = children[0]!;
    return { ...only, c: { ...only.c, condition: only.c.condition ?? condition }, numbering: numbering ?? only.numbering };
  }
  const kids = children.map((p) => p.c);
  const kind = kids.some((k) => k.kind === 'submit') ? 'submit' : kids.some((k) => k.kind === 'present') ? 'present' : 'note';
  stats.components++;
  return {
    c: {
      name: heading,
      originals: null,
      copies: null,
      required: null,
      forms: [],
      title: read.title,
      detail: read.detail,
      // A heading that names a document ("2. Trường hợp ủy quyền phải kèm theo giấy ủy quyền…") is one, whatever its sub-items.
      kind: kids.length && kind !== 'note' ? kind : read.kind,
      condition: read.condition ?? condition,
      children: kids,
    },
    marker,
    numbering,
    announces: true,
  };
}

const sameText = (a: string, b: string) => {
  const n = (s: string) => matchForm(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const x = n(a);
  const y = n(b);
  return x === y || (x.length > 10 && (x.startsWith(y) || y.startsWith(x)));
};

/** The items of an addition: its condition on each item that states none, or an item made of the heading when it names a document. */
function additionItems(sc: SourceCase, reading: HeadingReading, code: string, stats: ChecklistStats, anomalies: Anomaly[]): Placed[] {
  const items = listOf(sc, '', code, stats, anomalies);
  const condition = reading.condition ?? null;
  const heading = headingCondition(sc.name);
  const rest = heading?.rest ?? '';
  const restRead = rest ? readItem(rest, { section: '', counted: false }) : null;
  if (restRead && restRead.kind !== 'note') return [headingItem(sc.name, items, condition, stats)];
  const withCondition = items.map((p) => (p.c.condition || p.c.kind === 'note' ? p : { ...p, c: { ...p.c, condition } }));
  // "… thì hồ sơ phải kèm theo:", "…, kèm theo hồ sơ đăng ký doanh nghiệp phải có:" only lead to the items; anything more is kept as a note.
  const leadIn = restRead !== null && (restRead.announces || endsWithVerb(rest));
  if (!heading || (restRead && restRead.kind === 'note' && !leadIn)) {
    // The heading says more than its condition ("… thì việc ủy quyền thực hiện theo quy định tại khoản 2 Điều 12…"): kept as a note.
    const note = readItem(sc.name, { section: 'note', counted: false });
    stats.components++;
    const { marker, numbering } = readMarkers(sc.name);
    return [{ c: { name: sc.name, originals: null, copies: null, required: null, forms: [], title: note.title, detail: note.detail, kind: 'note', condition: null, children: [] }, marker, numbering, announces: false }, ...withCondition];
  }
  return withCondition;
}

function endsWithVerb(text: string): boolean {
  const low = matchForm(text.replace(/[\s:.;]+$/u, ''));
  return [...RULES.bringVerbs.phrases, ...RULES.bringVerbs.present].some((v) => low.endsWith(` ${matchForm(v)}`));
}

const KIND_ORDER: SectionKind[] = ['', 'submit', 'present', 'note'];

/**
 * Structures a record's published cases into checklists (see the module comment). Pure: the
 * anomalies list and the stats are where it reports what it could not classify.
 */
export function structureCases(source: SourceCase[], code: string, anomalies: Anomaly[], stats: ChecklistStats = emptyStats()): ProcedureCase[] {
  const readings = source.map((c) => readHeading(c.name));
  readings.forEach((r, i) => {
    if (source[i]!.name.trim() === '' && source.length === 1) return;
    stats.headings[r.type]++;
    if (r.type === 'section') stats.sections[r.section === '' ? 'general' : r.section!]++;
  });

  // One published case is the record's list, whatever its heading says ("Người yêu cầu chứng thực phải xuất trình các giấy tờ sau:").
  const only = source.length === 1 ? source[0]! : null;
  if (only && readings[0]!.type !== 'section' && readings[0]!.type !== 'addition') {
    return [{ name: only.name, headings: [], components: applicationsFirst(ordered(listOf(only, '', code, stats, anomalies))).map((p) => p.c) }];
  }
  // The sections' lists first: whether they hold any document decides how the other headings read.
  const sectionLists = source.map((sc, i) => (readings[i]!.type === 'section' ? listOf(sc, readings[i]!.section!, code, stats, anomalies) : []));
  // Cases come in twos or more: one conditional case beside other lists is an addition to them. A
  // section of notes only (an unnamed case holding "*Lưu ý: …") is common to the cases, not a list of its own.
  const common =
    readings.some((r, i) => (r.type === 'section' && r.section !== 'note' && sectionLists[i]!.some((p) => p.c.kind !== 'note')) || (r.type === 'part' && source[i]!.components.length > 0)) ||
    readings.filter((r) => r.type === 'alternative').length < 2;
  const sectionItems: Record<SectionKind, Placed[]> = { '': [], submit: [], present: [], note: [] };
  const parts: Placed[] = [];
  const additions: Placed[] = [];
  const alternatives: { sc: SourceCase; items: Placed[] }[] = [];
  const headings: string[] = [];

  source.forEach((sc, i) => {
    const r = readings[i]!;
    if (r.type === 'alternative' && !common) {
      alternatives.push({ sc, items: listOf(sc, '', code, stats, anomalies) });
      return;
    }
    if (sc.name.trim()) headings.push(sc.name);
    switch (r.type) {
      case 'section':
        sectionItems[r.section!].push(...sectionLists[i]!);
        break;
      case 'part':
        parts.push(headingItem(sc.name, listOf(sc, '', code, stats, anomalies), null, stats));
        break;
      case 'description': {
        const note = readItem(sc.name, { section: 'note', counted: false });
        stats.components++;
        parts.push(
          { c: { name: sc.name, originals: null, copies: null, required: null, forms: [], title: note.title, detail: note.detail, kind: 'note', condition: null, children: [] }, marker: null, numbering: null, announces: false },
          ...listOf(sc, '', code, stats, anomalies),
        );
        break;
      }
      case 'addition':
        additions.push(...additionItems(sc, r, code, stats, anomalies));
        break;
      case 'alternative':
        // Among common documents, a conditional case is an addition for that situation; any other, a part.
        if (r.condition) additions.push(...additionItems(sc, r, code, stats, anomalies));
        else parts.push(headingItem(sc.name, listOf(sc, '', code, stats, anomalies), null, stats));
        break;
    }
  });

  // One list in the source's numbering: the sections' lists and the items made of headings ("a) Đối
  // với xe của cơ quan:", "b) …" beside the unnamed case's "c) d) đ)") are points of one list.
  const shared = (items: Placed[]) => applicationsFirst(ordered(items)).map((p) => p.c);
  let cases: ProcedureCase[];
  if (alternatives.length === 0) {
    const items = [...KIND_ORDER.filter((k) => k !== 'note').flatMap((k) => sectionItems[k]), ...parts, ...additions, ...sectionItems.note];
    const name = source.length === 1 ? source[0]!.name : '';
    cases = items.length || source.length ? [{ name, headings: source.length === 1 ? [] : headings, components: shared(items) }] : [];
    if (source.length === 0) cases = [];
  } else {
    // Real cases: each keeps its own list, and gets what applies to all (additions, notes, sections).
    const all = [...KIND_ORDER.flatMap((k) => sectionItems[k]), ...parts, ...additions];
    const sorted = byNumbering(alternatives, (a) => readMarkers(a.sc.name).numbering);
    cases = sorted.map((a) => ({ name: a.sc.name, headings, components: shared([...a.items, ...all]) }));
  }
  if (cases.length < source.length) stats.recordsRegrouped++;
  return cases;
}

