// The checklist of a procedure as a clerk uses it at the counter: per case (trường hợp) every
// component with originals, copies and form names; fees and times per submission method; result,
// legal basis and the catalog's decision number. One shape for the page, the print view and
// GET /api/staff/procedures/:code/checklist.
//
// Which components are expected: the catalog's `required` flag is false (or null) for most real
// requirements, so it is not used. Every listed component is expected, unless its own name marks it
// as depending on the applicant's situation — "(nếu có)", a name starting "Trường hợp …",
// "Đối với …", "Tùy …", "Nếu …", "Lưu ý", "Ghi chú", or a "*" note. Those are shown as
// "tùy trường hợp" and are never reported missing by the intake check.
import { z } from 'zod';
import { levelSchema, submissionMethodSchema, type Component, type Procedure } from '../catalog/schema';
import { FEE_KIND_LABEL, METHOD_LABEL, formatFee, formatTime } from '../chat/format';
import { staffText } from '../messages';

export const expectationSchema = z.enum(['expected', 'conditional']);
export type Expectation = z.infer<typeof expectationSchema>;

export const checklistComponentSchema = z.object({
  /** Position in the case's list: what the intake check refers to. */
  index: z.number().int().nonnegative(),
  name: z.string(),
  /** Originals (bản chính) and copies (bản sao) the catalog asks for; null when it gives no count. */
  originals: z.number().int().nonnegative().nullable(),
  copies: z.number().int().nonnegative().nullable(),
  /** The catalog's own required flag, as published (often false for real requirements). */
  catalogRequired: z.boolean().nullable(),
  /** expected = counted by the intake check; conditional = "tùy trường hợp", never missing. */
  expectation: expectationSchema,
  forms: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
});
export type ChecklistComponent = z.infer<typeof checklistComponentSchema>;

export const checklistCaseSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The catalog's case name ('' for a procedure's single default case). */
  name: z.string(),
  /** What to show: the name, or "Trường hợp chung". */
  label: z.string(),
  components: z.array(checklistComponentSchema),
});
export type ChecklistCase = z.infer<typeof checklistCaseSchema>;

export const checklistMethodSchema = z.object({
  method: submissionMethodSchema,
  label: z.string(),
  /** "15 ngày làm việc"; null when the catalog gives no time. */
  time: z.string().nullable(),
  fees: z.array(z.object({ kind: z.string(), label: z.string(), text: z.string(), amountVnd: z.number().nullable(), free: z.boolean() })),
  description: z.string(),
});

export const checklistSchema = z.object({
  code: z.string(),
  name: z.string(),
  url: z.string().nullable(),
  /** false: the catalog only lists the procedure (no components, fees or times). */
  detail: z.boolean(),
  levels: z.array(levelSchema),
  fields: z.array(z.string()),
  executingAgencies: z.array(z.string()),
  decisionNumber: z.string().nullable(),
  cases: z.array(checklistCaseSchema),
  methods: z.array(checklistMethodSchema),
  results: z.array(z.string()),
  legalBasis: z.array(z.object({ code: z.string(), title: z.string() })),
  online: z.object({ available: z.boolean(), fullProcess: z.boolean() }),
  receivingAddress: z.string(),
  conditions: z.string(),
  source: z.object({ name: z.string(), crawledAt: z.string() }),
});
export type Checklist = z.infer<typeof checklistSchema>;

/** Leading list markers: "1.", "2)", "a)", "-", "+", "*", "•", "(i)", "(" … */
const LEADING_MARKERS = /^(?:\s*(?:[-–—+*•·]|\d{1,2}[.)]|[a-zđ][.)](?=\s)|\([ivx]{1,4}\)|\())*\s*/iu;
const CONDITIONAL_START = /^(?:trường hợp|trong trường hợp|đối với|tùy|tuỳ|nếu|riêng|lưu ý|ghi chú|chú ý)(?=[\s:,.]|$)/iu;
// No \b: in JavaScript it only knows ASCII letters, and Vietnamese words end in "ó", "ợ"…
const CONDITIONAL_ANYWHERE = /\(\s*(?:nếu có|nếu cần|trường hợp|đối với|tùy|tuỳ)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])nếu có(?![\p{L}\p{N}])/iu;

/** "tùy trường hợp" components: see the module comment. */
export function classifyComponent(name: string): Expectation {
  const n = name.normalize('NFC').trim();
  if (/^\s*\*/u.test(n)) return 'conditional';
  const body = n.replace(LEADING_MARKERS, '');
  if (CONDITIONAL_START.test(body)) return 'conditional';
  if (CONDITIONAL_ANYWHERE.test(n)) return 'conditional';
  return 'expected';
}

function component(c: Component, index: number): ChecklistComponent {
  return {
    index,
    name: c.name,
    originals: c.originals,
    copies: c.copies,
    catalogRequired: c.required,
    expectation: classifyComponent(c.name),
    forms: c.forms.map((f) => ({ name: f.name, url: f.url })),
  };
}

export function buildChecklist(p: Procedure): Checklist {
  return {
    code: p.code,
    name: p.name,
    url: p.url,
    detail: p.detail,
    levels: p.levels,
    fields: p.fields,
    executingAgencies: p.executingAgencies,
    decisionNumber: p.decisionNumber,
    cases: p.cases.map((c, i) => ({
      index: i,
      name: c.name,
      label: c.name.trim() || staffText.checklist.defaultCase,
      components: c.components.map(component),
    })),
    methods: p.methods.map((m) => ({
      method: m.method,
      label: METHOD_LABEL[m.method],
      time: m.time ? formatTime(m.time) || null : null,
      fees: m.fees.map((f) => ({ kind: f.kind, label: FEE_KIND_LABEL[f.kind], text: formatFee(f), amountVnd: f.amountVnd, free: f.free })),
      description: m.description,
    })),
    results: p.results,
    legalBasis: p.legalBasis,
    online: p.online,
    receivingAddress: p.receivingAddress,
    conditions: p.conditions,
    source: { name: staffText.source, crawledAt: p.provenance.crawledAt },
  };
}

/** "1 bản chính, 2 bản sao"; "—" when the catalog gives no count. */
export function formatCounts(originals: number | null, copies: number | null): string {
  const parts: string[] = [];
  if (originals) parts.push(staffText.checklist.originals(originals));
  if (copies) parts.push(staffText.checklist.copies(copies));
  return parts.length ? parts.join(', ') : staffText.checklist.noCount;
}
