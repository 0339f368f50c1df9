// The checklist of a procedure as a clerk uses it at the counter: per case (trường hợp) every
// component with originals, copies and form names; fees and times per submission method; result,
// legal basis and the catalog's decision number. One shape for the page, the print view and
// GET /api/staff/procedures/:code/checklist.
//
// The components come in the order a person reads them (worker/catalog/checklist.ts): documents
// everyone brings, the application form first; documents to present; "tùy trường hợp" ones with
// their condition; notes. Which are expected by the intake check follows from what the ingest read
// (scripts/ingest/checklist.ts), not from the catalog's `required` flag (false or null for most
// real requirements): a document everyone brings or presents is expected; one with a condition is
// "tùy trường hợp" and never reported missing; a note is not a document at all.
import { z } from 'zod';
import { groupOf, readingOrder } from '../catalog/checklist';
import { componentKindSchema, levelSchema, submissionMethodSchema, type Component, type Procedure } from '../catalog/schema';
import { FEE_KIND_LABEL, METHOD_LABEL, formatFee, formatMethodTime } from '../chat/format';
import { staffText } from '../messages';

export const expectationSchema = z.enum(['expected', 'conditional', 'note']);
export type Expectation = z.infer<typeof expectationSchema>;

export const checklistGroupSchema = z.enum(['everyone', 'present', 'conditional', 'notes']);

/** A sub-item ("- Bản vẽ mặt bằng…" under "…hai bộ bản vẽ thiết kế, mỗi bộ gồm:"). */
export interface ChecklistSubItem {
  name: string;
  title: string;
  detail: string;
  kind: z.infer<typeof componentKindSchema>;
  condition: string | null;
  originals: number | null;
  copies: number | null;
  children: ChecklistSubItem[];
}
export const checklistSubItemSchema: z.ZodType<ChecklistSubItem> = z.object({
  name: z.string(),
  title: z.string(),
  detail: z.string(),
  kind: componentKindSchema,
  condition: z.string().nullable(),
  originals: z.number().int().nonnegative().nullable(),
  copies: z.number().int().nonnegative().nullable(),
  children: z.array(z.lazy(() => checklistSubItemSchema)),
});

export const checklistComponentSchema = z.object({
  /** Position in the catalog's list of the case: what the intake check refers to. */
  index: z.number().int().nonnegative(),
  /** The catalog's own text, verbatim. */
  name: z.string(),
  /** What to bring, short; the rest of the text; the situation it applies to (see worker/catalog/schema.ts). */
  title: z.string(),
  detail: z.string(),
  kind: componentKindSchema,
  condition: z.string().nullable(),
  /** Where it is read: everyone / present / conditional ("tùy trường hợp") / notes. */
  group: checklistGroupSchema,
  /** Originals (bản chính) and copies (bản sao) the catalog asks for; null when it gives no count. */
  originals: z.number().int().nonnegative().nullable(),
  copies: z.number().int().nonnegative().nullable(),
  /** The catalog's own required flag, as published (often false for real requirements). */
  catalogRequired: z.boolean().nullable(),
  /** expected = counted by the intake check; conditional = "tùy trường hợp", never missing; note = not a document. */
  expectation: expectationSchema,
  forms: z.array(z.object({ name: z.string(), url: z.string().nullable() })),
  children: z.array(checklistSubItemSchema),
});
export type ChecklistComponent = z.infer<typeof checklistComponentSchema>;

export const checklistCaseSchema = z.object({
  index: z.number().int().nonnegative(),
  /** The catalog's case name ('' for a procedure's single default case). */
  name: z.string(),
  /** The source's case headings read into this case (sections such as "* Giấy tờ phải nộp"; see worker/catalog/schema.ts). */
  headings: z.array(z.string()),
  /** What to show: the name, or "Trường hợp chung". */
  label: z.string(),
  /** In reading order; `index` is the place in the catalog's list. */
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

/** What the intake check makes of a component (see the module comment). */
export function expectationOf(c: Component): Expectation {
  const group = groupOf(c);
  return group === 'notes' ? 'note' : group === 'conditional' ? 'conditional' : 'expected';
}

function subItem(c: Component): ChecklistSubItem {
  return { name: c.name, title: c.title, detail: c.detail, kind: c.kind, condition: c.condition, originals: c.originals, copies: c.copies, children: c.children.map(subItem) };
}

function component(c: Component, index: number): ChecklistComponent {
  return {
    index,
    name: c.name,
    title: c.title,
    detail: c.detail,
    kind: c.kind,
    condition: c.condition,
    group: groupOf(c),
    originals: c.originals,
    copies: c.copies,
    catalogRequired: c.required,
    expectation: expectationOf(c),
    forms: c.forms.map((f) => ({ name: f.name, url: f.url })),
    children: c.children.map(subItem),
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
      headings: c.headings,
      label: c.name.trim() || staffText.checklist.defaultCase,
      components: readingOrder(c.components).map((x) => component(x.component, x.index)),
    })),
    methods: p.methods.map((m) => ({
      method: m.method,
      label: METHOD_LABEL[m.method],
      time: formatMethodTime(m) || null,
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
