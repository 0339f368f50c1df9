// Composes the answer about one procedure from its catalog record, and only from it: every fee,
// duration, document and agency shown is a field of the record. What the record lacks is said
// plainly, with the portal page to check.
import { checklistGroups } from '../catalog/checklist';
import { allComponents } from '../catalog/components';
import type { Component, Fee, Method, Procedure, ProcedureCase } from '../catalog/schema';
import type { Aspect } from '../search/phrases';
import type { Answer, Block, ChecklistItem, Inline, Suggestion } from './answer';
import { BARE_NUMBER, FEE_KIND_LABEL, formatFee, formatMoney, formatMethodTime, LEVEL_LABEL, METHOD_LABEL, unconfirmedFee } from './format';
import { FIELD_LABEL, placeSentence, resultTimeSentence, STATES_DURATION, timeSentence, type PassageField } from './passages';
import { chatText, shortText } from '../messages';

export type AnswerAspect = Aspect | 'overview';

export interface ComposeOptions {
  /** "https://portal/submit?code={code}" style template; empty: the procedure's national portal page. */
  submitUrlTemplate?: string;
  /** Only this case (trường hợp), when the citizen chose one. */
  caseIndex?: number;
  /** Further aspects the question asks about, answered after the first ("nộp ở đâu, lệ phí bao nhiêu"). */
  more?: AnswerAspect[];
  /** What answers the question itself, before the aspects' blocks (a quoted sentence, a yes/no). */
  lead?: Block[];
  /** After the aspects' blocks: details quoted from the record, other levels that carry it out. */
  notes?: Block[];
  /** The question asks whether the post may carry the dossier ("gửi qua bưu điện được không"). */
  byPost?: boolean;
}

const MAX_STEPS = 12;
const MAX_COMPONENTS_PER_CASE = 25;
/** Above this many cases, the citizen is asked which case applies before the documents are listed. */
export const MAX_CASES_LISTED = 3;

export function submitUrl(p: Procedure, template?: string): string | undefined {
  if (!p.online.available) return undefined;
  if (template) return template.replaceAll('{code}', encodeURIComponent(p.code)).replaceAll('{portalId}', encodeURIComponent(p.portalId ?? ''));
  return p.url ?? undefined;
}

function header(p: Procedure): Block[] {
  const where: string[] = [];
  if (p.levels.length) where.push(`Cấp thực hiện: ${p.levels.map((l) => LEVEL_LABEL[l]).join(', ')}`);
  const agencies = p.executingAgencies.length ? p.executingAgencies : p.competentAgencies;
  if (agencies.length) where.push(`Cơ quan thực hiện: ${agencies.slice(0, 3).join('; ')}`);
  if (p.province) where.push(`Thủ tục riêng của ${p.province}`);
  return [
    { type: 'heading', text: [{ bold: p.name }, ` (mã ${p.code})`] },
    ...(where.length ? [{ type: 'note', text: [where.join(' · ')] } as Block] : []),
  ];
}

function sourceLine(p: Procedure): Block {
  const decision = p.decisionNumber ? `, quyết định công bố số ${p.decisionNumber}` : '';
  const text: Inline[] = [`${chatText.source}${decision}. `];
  if (p.url) text.push({ link: { label: chatText.portalPage, url: p.url } });
  return { type: 'note', text };
}

/** The catalog's own list markers ("- …", "+ …") are dropped where the answer shows its own. */
export function displayItem(text: string): string {
  return text.replace(/^\s*[-+*•]\s+/u, '');
}

/** "1 bản chính, 2 bản sao", or '' when the catalog gives no count. */
function counts(c: Component): string {
  const out: string[] = [];
  if (c.originals) out.push(`${c.originals} bản chính`);
  if (c.copies) out.push(`${c.copies} bản sao`);
  return out.join(', ');
}

export function checklistItem(c: Component, withCondition: boolean): ChecklistItem {
  const text: Inline[] = [c.title];
  const n = counts(c);
  if (n) text.push(` — ${n}`);
  if (c.forms.length) text.push(` (mẫu: ${c.forms.map((f) => f.name).join(', ')})`);
  return {
    text,
    ...(withCondition && c.condition ? { condition: c.condition } : {}),
    ...(c.detail ? { detail: [c.detail] } : {}),
    ...(c.children.length ? { children: c.children.map((k) => checklistItem(k, true)) } : {}),
  };
}

/** A note in full: its title and the rest of its text. */
const noteText = (c: Component): string => (c.detail ? `${c.title} ${c.detail}` : c.title);

/** Longest case name shown whole; some pages publish a paragraph as a case's name. */
const MAX_CASE_LABEL = 160;

function caseLabel(c: ProcedureCase, i: number): string {
  const label = displayItem(c.name).replace(/:$/u, '') || `Trường hợp ${i + 1}`;
  if (label.length <= MAX_CASE_LABEL) return label;
  const cut = label.slice(0, MAX_CASE_LABEL);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 60)).replace(/[\s,;:.]+$/u, '')}…`;
}

/**
 * One case's documents in reading order (worker/catalog/checklist.ts): everyone's, to present,
 * "tùy trường hợp" with their condition, then the notes collapsed.
 */
function caseChecklist(c: ProcedureCase): Block[] {
  const groups = checklistGroups(c.components);
  const blocks: Block[] = [];
  let room = MAX_COMPONENTS_PER_CASE;
  for (const group of ['everyone', 'present', 'conditional'] as const) {
    const items = groups[group].slice(0, Math.max(0, room));
    room -= items.length;
    if (items.length) blocks.push({ type: 'checklist', title: chatText.checklistGroup[group], group, items: items.map((x) => checklistItem(x, group === 'conditional')) });
  }
  const documents = groups.everyone.length + groups.present.length + groups.conditional.length;
  if (documents > MAX_COMPONENTS_PER_CASE) blocks.push({ type: 'note', text: [chatText.moreComponents(documents - MAX_COMPONENTS_PER_CASE)] });
  if (groups.notes.length) {
    blocks.push({
      type: 'collapsible',
      summary: [chatText.checklistNotes(groups.notes.length)],
      blocks: [{ type: 'list', ordered: false, items: groups.notes.map((x) => [noteText(x)]) }],
    });
  }
  return blocks;
}

function components(p: Procedure, caseIndex?: number): Block[] {
  const cases = caseIndex !== undefined && p.cases[caseIndex] ? [p.cases[caseIndex]] : p.cases;
  const withItems = cases.filter((c) => c.components.length > 0);
  if (withItems.length === 0) return [{ type: 'paragraph', text: [chatText.missing('thành phần hồ sơ')] }];
  const blocks: Block[] = [{ type: 'paragraph', text: [{ bold: chatText.componentsIntro }] }];
  for (const c of withItems) {
    if (p.cases.length > 1) {
      // Each block tagged with its case: a short answer drops whole cases (worker/chat/short.ts).
      const index = p.cases.indexOf(c);
      blocks.push(...[{ type: 'paragraph', text: [{ bold: caseLabel(c, index) }] } as Block, ...caseChecklist(c)].map((b) => ({ ...b, case: index })));
    } else blocks.push(...caseChecklist(c));
  }
  return blocks;
}

/** Groups methods that say the same thing, so a fee listed thrice is shown once. */
function groupMethods(methods: Method[], describe: (m: Method) => string | null): { labels: string[]; text: string; first: Method }[] {
  const groups: { labels: string[]; text: string; first: Method }[] = [];
  for (const m of methods) {
    const text = describe(m);
    if (!text) continue;
    const g = groups.find((x) => x.text === text);
    const label = METHOD_LABEL[m.method];
    if (g) {
      if (!g.labels.includes(label)) g.labels.push(label);
    } else groups.push({ labels: [label], text, first: m });
  }
  return groups;
}

const MAX_TIME_NOTE = 300;

/**
 * A method row's description that states durations tells which applies when ("- 01 ngày đối với
 * đám tang - 05 ngày làm việc đối với các trường hợp khác"; "9 ngày làm việc (hoặc 7 ngày làm việc
 * đối với nhà ở riêng lẻ)"): the structured time alone would drop it.
 */
function timeQualified(m: Method): string {
  const d = m.description.split('\n').map((x) => displayItem(x.trim())).filter(Boolean).join('; ');
  if (!d || d.length > MAX_TIME_NOTE || !STATES_DURATION.test(d)) return '';
  return ` (${d.replace(/[.:;]+$/u, '')})`;
}

/** A sentence of the record quoted with the field it comes from ("Theo mục “Trình tự thực hiện” của thủ tục: “…”"). */
export function quoteBlock(field: PassageField, text: string): Block {
  return { type: 'paragraph', text: [{ bold: chatText.quoteFrom(FIELD_LABEL[field]) }, ` “${text}”`] };
}

/**
 * "… - Thời hạn giải quyết: + Cấp lại biển số định danh: Không quá 07 ngày làm việc …": a long
 * description that labels its time with the case it is for (the vehicle records: one row per case).
 * The label is taken only when what follows it states the row's own time.
 */
const TIME_CASE = /Thời hạn giải quyết:\s*[-+•]?\s*([^:;.+]{5,100}):\s*([^+]{0,80})/u;

/** Longest row description said beside a value as the name of the case it is for. */
const CASE_NAME_LENGTH = 160;

const firstLine = (m: Method): string => m.description.split('\n')[0]?.trim() ?? '';

function caseHint(m: Method, limit = CASE_NAME_LENGTH): string {
  // A method row's description often names the case it applies to ("Đối với nhà ở riêng lẻ: …").
  const d = firstLine(m);
  if (d && d.length <= limit) return ` (${d.replace(/[.:;]+$/u, '')})`;
  const labelled = TIME_CASE.exec(m.description);
  const states = labelled && m.time && new RegExp(`(?<!\\d)0*${m.time.value}(?!\\d)`, 'u').test(labelled[2]!);
  return states ? ` (${labelled[1]!.trim()})` : '';
}

/**
 * A fee row's description longer than a case's name is still said beside it when it states amounts
 * of its own, up to this length: the tiers and the cap ("2.000 đồng/trang; từ trang thứ 3 trở lên thu
 * 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản") are the fee. One more fact on the tuned
 * halves, none lost.
 */
const FEE_RULE_LENGTH = 400;
const STATES_AMOUNT = /\d[\d.,]*\s*(đồng|USD)/iu;

/** A fee row's case, or the rule its description states ("2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa …"). */
function feeHint(m: Method): string {
  return caseHint(m, STATES_AMOUNT.test(firstLine(m)) ? FEE_RULE_LENGTH : CASE_NAME_LENGTH);
}

/**
 * A fee in a short answer: its amount, or "Miễn phí", without the catalog's text about it
 * (reductions, conditions: on the procedure's page); the text itself when no amount was read from it.
 */
function briefFee(f: Fee): string {
  if (f.free) return shortText.free;
  if (unconfirmedFee(f)) return chatText.feeUnconfirmed(f.text);
  return f.amount === null ? f.text : formatMoney(f.amount, f.currency);
}

const feeLabel = (f: Fee) => (f.kind === 'unspecified' ? '' : `${FEE_KIND_LABEL[f.kind]}: `);

function fees(p: Procedure): Block[] {
  const manyRows = new Set(p.methods.map((m) => m.method)).size < p.methods.length;
  const groups = groupMethods(p.methods, (m) => {
    if (m.fees.length === 0) return null;
    const parts = m.fees.map((f) => `${feeLabel(f)}${formatFee(f)}`);
    return parts.join('; ') + (manyRows ? feeHint(m) : '');
  });
  if (groups.length === 0) return [{ type: 'paragraph', text: [chatText.missing('phí, lệ phí')] }];
  // The same groups with their amounts only (a group's methods state the same fees: its first stands for it).
  const brief = groups.map((g): Inline[] => {
    const amounts = [...new Set(g.first.fees.map((f) => `${feeLabel(f)}${briefFee(f)}`))];
    return [{ bold: `${g.labels.join(', ')}: ` }, amounts.join('; ') + (manyRows ? caseHint(g.first) : '')];
  });
  return [
    { type: 'paragraph', text: [{ bold: chatText.feesIntro }] },
    { type: 'list', ordered: false, items: groups.map((g) => [{ bold: `${g.labels.join(', ')}: ` }, g.text]), brief },
  ];
}

function times(p: Procedure): Block[] {
  const manyRows = new Set(p.methods.map((m) => m.method)).size < p.methods.length;
  const groups = groupMethods(p.methods, (m) => (m.time ? formatMethodTime(m) + (manyRows ? caseHint(m) : timeQualified(m)) : null));
  if (groups.length === 0) {
    // No time in the structured fields; the record's text may still say it.
    const said = timeSentence(p);
    if (said) return [quoteBlock(said.field, said.text)];
    return [{ type: 'paragraph', text: [chatText.missing('thời hạn giải quyết')] }];
  }
  const blocks: Block[] = [
    { type: 'paragraph', text: [{ bold: chatText.timesIntro }] },
    { type: 'list', ordered: false, items: groups.map((g) => [{ bold: `${g.labels.join(', ')}: ` }, g.text]) },
  ];
  // A bare number is no answer (issue 6): the record's sentence on when the result is given, if any.
  const given = unitlessTimes(p) ? resultTimeSentence(p) : null;
  if (given) blocks.push(quoteBlock(given.field, given.text));
  return blocks;
}

/** Every time the record's methods give is a number without its unit ("1"). */
export function unitlessTimes(p: Procedure): boolean {
  const times = p.methods.flatMap((m) => (m.time ? [m.time] : []));
  return times.length > 0 && times.every((t) => t.unit === 'other' && BARE_NUMBER.test(t.text));
}

function place(p: Procedure): Block[] {
  const items: Inline[][] = [];
  if (p.receivingAddress) items.push([{ bold: 'Nơi tiếp nhận hồ sơ: ' }, p.receivingAddress]);
  if (p.executingAgencies.length) items.push([{ bold: 'Cơ quan thực hiện: ' }, p.executingAgencies.join('; ')]);
  if (p.competentAgencies.length) items.push([{ bold: 'Cơ quan có thẩm quyền: ' }, p.competentAgencies.join('; ')]);
  if (p.levels.length) items.push([{ bold: 'Cấp thực hiện: ' }, p.levels.map((l) => LEVEL_LABEL[l]).join(', ')]);
  if (items.length === 0) return [{ type: 'paragraph', text: [chatText.missing('nơi nộp hồ sơ')] }];
  const methods = [...new Set(p.methods.map((m) => METHOD_LABEL[m.method]))];
  if (methods.length) items.push([{ bold: 'Cách nộp: ' }, methods.join(', ')]);
  const blocks: Block[] = [{ type: 'list', ordered: false, items }];
  // The record's own words say more than the agency's name ("… nơi đặt trụ sở hoặc nơi cư trú").
  const said = placeSentence(p);
  if (said) blocks.push({ type: 'note', text: [said] });
  return blocks;
}

function online(p: Procedure, stepsShown: boolean, byPost: boolean): Block[] {
  const methods = [...new Set(p.methods.map((m) => m.method))];
  if (methods.length === 0) return [{ type: 'paragraph', text: [chatText.missing('cách thức nộp hồ sơ')] }];
  // Asked about the post, the answer says first whether the post is one of the ways.
  const lead = byPost
    ? methods.includes('postal')
      ? chatText.postalYes
      : chatText.postalNo
    : p.online.available
      ? p.online.fullProcess
        ? chatText.onlineFull
        : chatText.onlineYes
      : chatText.onlineNo;
  const blocks: Block[] = [
    { type: 'paragraph', text: [lead] },
    { type: 'list', ordered: false, items: methods.map((m) => [METHOD_LABEL[m]]) },
  ];
  const described = [...new Set(p.methods.filter((m) => m.method === 'online' && m.description).map((m) => m.description))];
  if (described.length) blocks.push({ type: 'note', text: [described[0]!] });
  // Steps often say how to submit online (VNeID, the national portal): show the ones that do, unless the steps are listed.
  const onlineSteps = stepsShown ? [] : p.steps.filter((s) => /trực tuyến|VNeID|định danh|dịch vụ công|bưu chính/iu.test(s)).slice(0, 3);
  if (onlineSteps.length) blocks.push({ type: 'list', ordered: false, items: onlineSteps.map((s) => [displayItem(s)]) });
  return blocks;
}

function steps(p: Procedure): Block[] {
  if (p.steps.length === 0) return [{ type: 'paragraph', text: [chatText.missing('trình tự thực hiện')] }];
  const main = mainSteps(p.steps);
  const shown = main ?? p.steps.slice(0, MAX_STEPS);
  const blocks: Block[] = [
    { type: 'paragraph', text: [{ bold: chatText.stepsIntro }] },
    { type: 'list', ordered: true, items: shown.map((s) => [displayItem(s)]) },
  ];
  if (main) blocks.push({ type: 'note', text: [chatText.mainSteps(p.steps.length - main.length)] });
  else if (p.steps.length > MAX_STEPS) blocks.push({ type: 'note', text: [chatText.moreSteps(p.steps.length - MAX_STEPS)] });
  return blocks;
}

/**
 * The top-level steps of a long list ("Bước 1: …", or the items marked "- " among sub-items "+)",
 * "i)" and the paragraphs that explain them), when there are at most MAX_STEPS of them: the first
 * twelve lines of a thirty-line list are often the cases of the first step only (the adoption's
 * "Tìm gia đình thay thế cho trẻ em" and its sub-cases, before "Người nhận con nuôi nộp hồ sơ …").
 */
const TOP_MARKERS = [/^\s*Bước\s*\d+/iu, /^\s*-\s/u, /^\s*\d{1,2}[.)]\s/u];

function mainSteps(all: readonly string[]): string[] | null {
  if (all.length <= MAX_STEPS) return null;
  for (const marker of TOP_MARKERS) {
    const top = all.filter((s) => marker.test(s));
    if (top.length >= 2) return top.length <= MAX_STEPS ? top : null;
  }
  return null;
}

function textAspect(value: string | string[], what: string, intro: string): Block[] {
  const items = Array.isArray(value) ? value : value ? value.split('\n').filter(Boolean) : [];
  if (items.length === 0) return [{ type: 'paragraph', text: [chatText.missing(what)] }];
  return [
    { type: 'paragraph', text: [{ bold: intro }] },
    { type: 'list', ordered: false, items: items.map((s) => [displayItem(s)]) },
  ];
}

/** A document named after its form in the text itself ("Tờ khai … theo mẫu 01/LPTB", "mẫu TK6"). */
const NAMES_A_FORM = /\b(mẫu|mẫu số)\s+[\p{L}\d]/iu;

function forms(p: Procedure): Block[] {
  // A document with a form may be listed in several cases: once here. Sub-items count: a form is
  // often named under its case ("Đối với người phụ thuộc là người Việt Nam: Tờ khai … mẫu số 20-ĐK-TCT").
  const seen = new Set<string>();
  const items = allComponents(p)
    .map((at) => at.component)
    .filter((x) => x.forms.length || NAMES_A_FORM.test(x.name))
    // The form named in the text may be in the detail ("Tờ khai … theo mẫu 01/LPTB tại Phụ lục II").
    .map((x) => [x.forms.length || NAMES_A_FORM.test(x.title) ? x.title : `${x.title} ${x.detail}`, ...(x.forms.length ? [` — mẫu: ${x.forms.map((f) => f.name).join(', ')}`] : [])] as Inline[])
    .filter((item) => !seen.has(item.join('')) && Boolean(seen.add(item.join(''))));
  if (items.length === 0) return [{ type: 'paragraph', text: [chatText.noForms] }];
  return [
    { type: 'paragraph', text: [{ bold: chatText.formsIntro }] },
    { type: 'list', ordered: false, items },
    { type: 'note', text: [chatText.formsWhere] },
  ];
}

function overview(p: Procedure): Block[] {
  const items: Inline[][] = [];
  const timed = p.methods.find((m) => m.time);
  if (timed) items.push([{ bold: 'Thời hạn giải quyết: ' }, formatMethodTime(timed)]);
  const fee = p.methods.flatMap((m) => m.fees)[0];
  if (fee) items.push([{ bold: 'Phí, lệ phí: ' }, formatFee(fee)]);
  const feeAt = fee ? items.length - 1 : -1;
  // Documents, not the notes for the clerk that the catalog lists among them.
  const count = p.cases.reduce((n, c) => n + c.components.filter((x) => x.kind !== 'note').length, 0);
  if (count) items.push([{ bold: 'Hồ sơ: ' }, chatText.componentCount(count, p.cases.length)]);
  const methods = [...new Set(p.methods.map((m) => METHOD_LABEL[m.method]))];
  if (methods.length) items.push([{ bold: 'Cách nộp: ' }, methods.join(', ')]);
  if (p.results.length) items.push([{ bold: 'Kết quả: ' }, p.results.join('; ')]);
  if (items.length === 0) return [];
  const brief = fee ? items.map((it, i) => (i === feeAt ? [{ bold: 'Phí, lệ phí: ' }, briefFee(fee)] : it)) : undefined;
  return [{ type: 'list', ordered: false, items, ...(brief ? { brief } : {}) }];
}

const ASPECT_WORDS: Record<AnswerAspect, string> = {
  overview: 'tổng quan',
  components: 'hồ sơ cần nộp',
  fee: 'phí, lệ phí',
  time: 'thời hạn giải quyết',
  place: 'nơi nộp hồ sơ',
  online: 'nộp trực tuyến',
  steps: 'các bước thực hiện',
  conditions: 'điều kiện',
  result: 'kết quả',
  legal: 'căn cứ pháp lý',
  forms: 'mẫu đơn, tờ khai',
  detail: 'tổng quan',
  yesno: 'hồ sơ cần nộp',
};

/** Quick replies for the other aspects of the same procedure. */
export function aspectSuggestions(except: AnswerAspect): Suggestion[] {
  const order: AnswerAspect[] = ['components', 'fee', 'time', 'place', 'online', 'steps'];
  return order
    .filter((a) => a !== except)
    .slice(0, 4)
    .map((a) => ({ label: chatText.aspectLabel[a as keyof typeof chatText.aspectLabel] ?? ASPECT_WORDS[a], message: chatText.aspectQuestion[a as keyof typeof chatText.aspectQuestion] ?? ASPECT_WORDS[a] }));
}

/**
 * The blocks that answer one aspect from the record (its header and source line aside).
 * `stepsShown`: the steps are answered too, so another aspect's block does not repeat them.
 */
export function aspectBody(p: Procedure, aspect: AnswerAspect, opts: Pick<ComposeOptions, 'caseIndex' | 'byPost'> & { stepsShown?: boolean } = {}): Block[] {
  let body: Block[];
  switch (aspect) {
    case 'components':
      body = components(p, opts.caseIndex);
      break;
    case 'fee':
      body = fees(p);
      break;
    case 'time':
      body = times(p);
      break;
    case 'place':
      body = place(p);
      break;
    case 'online':
      body = online(p, opts.stepsShown ?? false, opts.byPost ?? false);
      break;
    case 'steps':
      body = steps(p);
      break;
    case 'conditions':
      body = textAspect(p.conditions, 'yêu cầu, điều kiện', chatText.conditionsIntro);
      break;
    case 'result':
      body = textAspect(p.results, 'kết quả giải quyết', chatText.resultsIntro);
      break;
    case 'legal':
      body = textAspect(
        p.legalBasis.map((l) => (l.title.includes(l.code) || !l.code ? l.title : `${l.title} (${l.code})`)),
        'căn cứ pháp lý',
        chatText.legalIntro,
      );
      break;
    case 'forms':
      body = forms(p);
      break;
    case 'detail':
    case 'yesno':
      // Answered by the lead the chat finds in the record (a quoted sentence, a document looked up).
      body = [];
      break;
    default:
      body = overview(p);
  }
  return body;
}

export function composeProcedureAnswer(p: Procedure, aspect: AnswerAspect, opts: ComposeOptions = {}): Answer {
  const url = submitUrl(p, opts.submitUrlTemplate);
  const base = {
    intent: 'procedure' as const,
    procedure: { code: p.code, name: p.name, url: p.url },
    sources: [p.code],
    matched: true,
    ...(url ? { submitUrl: url } : {}),
  };
  if (!p.detail) {
    return {
      ...base,
      aspect,
      blocks: [...header(p), { type: 'paragraph', text: [chatText.noDetail] }, sourceLine(p)],
      suggestions: [],
    };
  }
  const aspects = [aspect, ...(opts.more ?? []).filter((a) => a !== aspect)];
  const stepsShown = aspects.includes('steps');
  const body = [...(opts.lead ?? []), ...aspects.flatMap((a) => aspectBody(p, a, { ...opts, stepsShown })), ...(opts.notes ?? [])];
  const blocks = [...header(p), ...body];
  if (url) blocks.push({ type: 'paragraph', text: [{ link: { label: chatText.submitOnline, url } }] });
  blocks.push(sourceLine(p));
  return { ...base, aspect, blocks, suggestions: aspectSuggestions(aspect) };
}

export { caseLabel };
