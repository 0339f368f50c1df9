// One item of a document list, read as what a person acts on: a short title (what to bring), the
// rest of the source text verbatim (detail), the situation it applies to (condition), and whether
// it is a document to hand in, one to show, or a note that is no document at all.
//
//   "- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập."
//     → condition "Trường hợp trẻ em bị bỏ rơi", title "Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập"
//   "- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng…"
//     → title "Giấy chứng sinh", detail "trường hợp không có Giấy chứng sinh thì nộp văn bản…"
//   "+ Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ…" → a note
import type { ComponentKind } from '../../worker/catalog/schema.ts';
import { readMarkers } from './markers.ts';
import { containsAny, findPhrase, isDocument, matchForm, RULES, startsWithAny } from './checklist-rules.ts';

export const MAX_TITLE = 120;
/** A condition read at the end of an item is at most this long (one sentence of a situation). */
const MAX_CONDITION = 160;
/** A title is never cut shorter than this: a shorter cut says too little to act on. */
const MIN_CUT = 40;

/** Where the section a component was listed in puts it: '' when the source names no section. */
export type SectionKind = 'submit' | 'present' | 'note' | '';

export interface ReadItem {
  title: string;
  detail: string;
  kind: ComponentKind;
  condition: string | null;
  /** The kind was decided by the fallback (a count, or none), not by any phrase: counted in the report. */
  guessed: boolean;
  /** The text announces sub-items ("…mỗi bộ gồm:", "…các giấy tờ sau:"). */
  announces: boolean;
}

const capitalize = (s: string) => (s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s);
/** No list marker, no trailing ";" / "," / ":" / "." and no unbalanced bracket at either end. */
function tidy(s: string): string {
  let t = leading(s).replace(/[\s,;:./]+$/u, '').trim();
  if (t.startsWith('(') && t.endsWith(')') && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  if (t.startsWith('(') && !t.includes(')')) t = t.slice(1).trim();
  if (t.endsWith(')') && !t.includes('(')) t = t.slice(0, -1).trim();
  return t;
}
function balanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The text after its list markers and the punctuation debris around them ("+ . Phương án…", "- .Đề án…"). */
export function leading(s: string): string {
  let t = s;
  for (let guard = 0; guard < 4; guard++) {
    const next = readMarkers(t.replace(/^[\s,;:.!/]+/u, '')).body;
    if (next === t) break;
    t = next;
  }
  return t;
}

/** End of the first sentence: at "\n", ";", or ". " before a capital, outside brackets. */
export function firstSentenceEnd(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\n') return i;
    else if (depth === 0 && c === ';') return i;
    // "Bản sao các giấy tờ sau đây: - Giấy tờ pháp lý…": a list written inline starts after the colon.
    else if (depth === 0 && c === ':' && /^\s+(?:[-+•]\s|\(?[a-zđ0-9ivx]{1,3}\)\s)/u.test(text.slice(i + 1, i + 8))) return i;
    else if (depth === 0 && c === '.' && /^\s+[\p{Lu}"“(]/u.test(text.slice(i + 1, i + 4)) && !/\b(?:Tp|TP|ThS|TS|Th|St|v\.v)$/u.test(text.slice(Math.max(0, i - 4), i))) {
      return i;
    }
  }
  return text.length;
}

/** Where a leading condition ends: " thì ", else the first ": ", "phải …"/"cần …" verb, or ", ". */
function conditionEnd(low: string, from: number): { end: number; next: number } | null {
  const then = findPhrase(low, ' thì ', from);
  if (then >= 0) return { end: then, next: then + ' thì '.length };
  const cuts: { end: number; next: number }[] = [];
  const colon = low.indexOf(':', from);
  if (colon >= 0) cuts.push({ end: colon, next: colon + 1 });
  for (const v of RULES.bringVerbs.phrases.filter((p) => /^(phải|cần) /u.test(p)).concat(RULES.bringVerbs.present)) {
    const i = findPhrase(low, v, from);
    if (i > from) cuts.push({ end: i, next: i });
  }
  const comma = low.indexOf(', ', from);
  if (comma >= 0) cuts.push({ end: comma, next: comma + 2 });
  if (cuts.length === 0) return null;
  return cuts.reduce((a, b) => (b.end < a.end ? b : a));
}

/** The document named in a clause: after a verb of bringing, or the clause itself; `lead` is what came before the verb. */
function documentIn(clause: string): { text: string; present: boolean; lead?: string } | null {
  let t = tidy(clause);
  let present = false;
  for (let guard = 0; guard < 3; guard++) {
    const low = matchForm(t);
    const presentVerb = startsWithAny(low, RULES.bringVerbs.present);
    const verb = presentVerb ?? startsWithAny(low, RULES.bringVerbs.phrases);
    if (!verb) break;
    if (presentVerb) present = true;
    t = tidy(t.slice(matchForm(verb).length));
  }
  // "hồ sơ phải kèm theo một trong những giấy tờ sau", "hồ sơ đăng ký hộ kinh doanh phải có văn bản ủy quyền…": the document is what the dossier must hold.
  const dossier = /^hồ sơ(?![\p{L}\p{N}])/iu.test(t) ? afterVerb(t, 80) : null;
  if (dossier) return { text: dossier.text, present: present || dossier.present };
  if (t && isDocument(t)) return { text: t, present };
  // "…, hồ sơ còn phải bổ sung bản sao…", "…kèm theo hồ sơ phải có: (i) …": a document after a verb inside the clause.
  const inside = afterVerb(t, t.length);
  return inside ? { text: inside.text, present: present || inside.present, lead: inside.lead } : null;
}

/** The document after the first verb of bringing (within `within` characters) that is followed by one. */
function afterVerb(t: string, within: number): { text: string; present: boolean; lead: string } | null {
  const low = matchForm(t);
  let best: { at: number; verb: string } | null = null;
  for (const v of [...RULES.bringVerbs.present, ...RULES.bringVerbs.phrases]) {
    let i = findPhrase(low, v);
    while (i >= 0 && i <= within) {
      const after = tidy(t.slice(i + v.length));
      if (after && isDocument(after)) {
        if (!best || i < best.at || (i === best.at && v.length > best.verb.length)) best = { at: i, verb: v };
        break;
      }
      i = findPhrase(low, v, i + 1);
    }
  }
  if (!best) return null;
  return { text: tidy(t.slice(best.at + best.verb.length)), present: RULES.bringVerbs.present.includes(best.verb), lead: t.slice(0, best.at) };
}

/** A condition at the end of the clause ("… trong trường hợp ủy quyền…", "(nếu có)"), unless it is about the way of submitting. */
function trailingCondition(clause: string): { title: string; condition: string; moved: string } | null {
  const low = matchForm(clause);
  let best: { at: number; phrase: string; label?: string } | null = null;
  for (const { phrase, label } of RULES.trailingConditions.phrases) {
    const i = low.indexOf(matchForm(phrase), 8);
    if (i >= 8 && (!best || i < best.at)) best = { at: i, phrase, ...(label ? { label } : {}) };
  }
  if (!best) return null;
  const head = clause.slice(0, best.at);
  let cond = clause.slice(best.at);
  let after = '';
  if (cond.trimStart().startsWith('(')) {
    // Only the bracket is the condition; what follows it is still the title.
    const open = cond.indexOf('(');
    let depth = 0;
    let close = -1;
    for (let i = open; i < cond.length; i++) {
      if (cond[i] === '(') depth++;
      else if (cond[i] === ')' && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close > 0) {
      after = cond.slice(close + 1);
      cond = cond.slice(0, close + 1);
    }
  }
  if (containsAny(matchForm(cond), RULES.channelConditions.phrases)) {
    // The way of submitting: everyone brings it; the words move to the detail when they are a bracket.
    return cond.trimStart().startsWith('(') ? { title: `${head}${after}`, condition: '', moved: cond.trim() } : null;
  }
  let condition = best.label ?? capitalize(tidy(cond).replace(/^trong\s+/iu, ''));
  if (!tidy(head)) return null;
  // A long situation ("… theo các phương thức quy định tại khoản 2 Điều 14 Nghị định số 104/2022/NĐ-CP…")
  // is cut like a title; the rest goes to the detail.
  const { title: short, overflow } = cutTitle(condition, MAX_CONDITION);
  condition = short;
  return { title: `${head}${after}`, condition, moved: overflow };
}

/** At most MAX_TITLE characters, cut where the text allows: a bracket, a comma, then a word. */
export function cutTitle(text: string, max = MAX_TITLE): { title: string; overflow: string } {
  const t = text.trim();
  if (t.length <= max) return { title: t, overflow: '' };
  const window = t.slice(0, max + 1);
  for (const boundary of [' (', ', ', ' - ', ' theo ', ' của ', ' do ', ' để ', ' hoặc ', ' và ', ' với ', ' tại ', ' trong ', ' về ', ' đã ', ' được ', ' có ', ' ']) {
    const i = window.lastIndexOf(boundary);
    if (i >= MIN_CUT) return { title: tidy(t.slice(0, i)), overflow: t.slice(i).trim() };
  }
  return { title: t.slice(0, max), overflow: t.slice(max) };
}

function announcesSubItems(text: string): boolean {
  const t = text.trim();
  if (t.endsWith(':')) return true;
  const low = matchForm(t.replace(/[\s.;]+$/u, ''));
  return RULES.announces.endings.some((e) => low.endsWith(` ${matchForm(e)}`));
}

function noteOf(body: string, guessed: boolean, announces: boolean): ReadItem {
  const end = firstSentenceEnd(body);
  const { title, overflow } = cutTitle(tidy(body.slice(0, end)) || body);
  return { title: title || body.slice(0, MAX_TITLE), detail: joinDetail(overflow, body.slice(end)), kind: 'note', condition: null, guessed, announces };
}

/** The pieces of text a title leaves, in order, keeping the sentence breaks between them. */
function joinDetail(...parts: string[]): string {
  let out = '';
  for (const part of parts) {
    const m = /^(\s*)([.;,:]?)\s*([\s\S]*)$/u.exec(part)!;
    const text = m[3]!.trim();
    if (!text) continue;
    if (!out) out = text;
    else out += `${m[2] === '.' || m[2] === ';' ? m[2] : ''}${m[1]!.includes('\n') ? '\n' : ' '}${text}`;
  }
  return out;
}

export interface ItemContext {
  section: SectionKind;
  /** The source gives an original or a copy to bring. */
  counted: boolean;
}

/** Reads one component's text (its list markers already irrelevant: they are stripped here). */
export function readItem(name: string, ctx: ItemContext): ReadItem {
  let body = leading(name);
  // "(Trường hợp …)." wrapped whole in brackets.
  const bare = body.replace(/[\s.;:]+$/u, '');
  if (bare.startsWith('(') && bare.endsWith(')') && balanced(bare.slice(1, -1))) body = bare.slice(1, -1).trim();
  const announces = announcesSubItems(body);
  const low = matchForm(body);
  if (ctx.section === 'note' || startsWithAny(low, RULES.noteStarts.phrases)) return noteOf(body, false, announces);

  const end = firstSentenceEnd(body);
  let first = body.slice(0, end);
  const rest = body.slice(end);
  const firstLow = matchForm(first);

  // A condition first: "Trường hợp X thì Y", "Đối với X, Y", "Tùy từng trường hợp phải bổ sung: Y".
  let condition: string | null = null;
  let conditionRest = '';
  let clause = first;
  const start = startsWithAny(firstLow, RULES.conditionStarts.phrases);
  if (start) {
    const cut = conditionEnd(firstLow, matchForm(start).length);
    if (!cut) return noteOf(body, false, announces);
    const long = cutTitle(capitalize(tidy(first.slice(0, cut.end))), MAX_CONDITION);
    condition = long.title;
    conditionRest = long.overflow;
    clause = first.slice(cut.next);
  }

  const rule = containsAny(firstLow, RULES.noteClauses.phrases);
  const doc = documentIn(clause);
  if (!doc || (rule && (!ctx.counted || start))) {
    if (doc === null && ctx.counted && !rule) {
      // A count says it is a document, although no phrase does: kept as one, and counted as guessed.
      const { title, overflow } = cutTitle(tidy(clause) || tidy(first));
      return { title: capitalize(title), detail: joinDetail(overflow, rest), kind: ctx.section === 'present' ? 'present' : 'submit', condition, guessed: true, announces };
    }
    return noteOf(body, doc === null && !rule, announces);
  }

  // "Lao động nam … khi vợ sinh con hồ sơ là bản sao giấy khai sinh…": who or when the document is for.
  if (!condition && doc.lead && !isDocument(tidy(doc.lead)) && !/^(?:hồ sơ|các giấy tờ|giấy tờ)(?![\p{L}\p{N}])/iu.test(tidy(doc.lead))) {
    const lead = tidy(doc.lead.replace(/\s+(?:hồ sơ|thì)$/iu, ''));
    if (lead) {
      const cut = cutTitle(capitalize(lead), MAX_CONDITION);
      condition = cut.title;
      conditionRest = cut.overflow;
    }
  }
  // The document's own words; a condition at their end ("… trong trường hợp ủy quyền") moves out.
  let text = doc.text;
  let moved = '';
  if (!condition) {
    const trailing = trailingCondition(text);
    if (trailing) {
      text = trailing.title;
      moved = trailing.moved;
      condition = trailing.condition || null;
    }
  }
  first = text;
  const { title, overflow } = cutTitle(tidy(first));
  const kind: ComponentKind = doc.present || ctx.section === 'present' ? 'present' : 'submit';
  return {
    title: capitalize(title),
    detail: joinDetail(overflow, moved, conditionRest, rest),
    kind,
    condition: condition && condition.length > 0 ? condition : null,
    guessed: false,
    announces,
  };
}

/** The condition a case heading states ("Trường hợp ủy quyền thực hiện thủ tục thì …" → "Trường hợp ủy quyền thực hiện thủ tục") and what follows it. */
export function headingCondition(heading: string): { condition: string; rest: string } | null {
  const body = readMarkers(heading).body;
  const low = matchForm(body);
  const start = startsWithAny(low, RULES.conditionStarts.phrases);
  if (!start) return null;
  const cut = conditionEnd(low, matchForm(start).length);
  if (!cut) return { condition: capitalize(tidy(body)), rest: '' };
  return { condition: capitalize(tidy(body.slice(0, cut.end))), rest: body.slice(cut.next).trim() };
}

