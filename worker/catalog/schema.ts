// The normalized procedure catalog: the one contract between ingestion (scripts/),
// the index builder and the worker. Every record written to knowledge/ is validated here.
import { z } from 'zod';

/**
 * Procedure code as published by the national database, e.g. "1.009122". A few provincial entries
 * carry longer codes ("1.0133611", "2.009182739", "1.014955-Xoa"); they are kept as published.
 */
export const procedureCodeSchema = z.string().regex(/^\d\.\d{6,9}(-[A-Za-z0-9]{1,10})?$/u);

export const levelSchema = z.enum(['ministry', 'province', 'commune', 'other']);
export type Level = z.infer<typeof levelSchema>;

export const submissionMethodSchema = z.enum(['direct', 'online', 'postal']);
export type SubmissionMethod = z.infer<typeof submissionMethodSchema>;

export const timeUnitSchema = z.enum(['working_day', 'day', 'hour', 'month', 'year', 'other']);
export type TimeUnit = z.infer<typeof timeUnitSchema>;

export const processingTimeSchema = z.object({
  /** Number of units; null when the source only gives text (unit "other" or unparsed). */
  value: z.number().nonnegative().nullable(),
  unit: timeUnitSchema.nullable(),
  /** The source's own wording, kept verbatim (cleaned of whitespace noise). */
  text: z.string(),
});
export type ProcessingTime = z.infer<typeof processingTimeSchema>;

/** phí (service charge), lệ phí (state levy), giá (price level); unspecified when the source does not say. */
export const feeKindSchema = z.enum(['phi', 'le_phi', 'gia', 'unspecified']);
export type FeeKind = z.infer<typeof feeKindSchema>;

export const feeSchema = z.object({
  kind: feeKindSchema,
  /** Amount in the stated currency, null when the source gives none. 0 with `free: true` means "Miễn phí". */
  amount: z.number().nonnegative().nullable(),
  currency: z.enum(['VND', 'USD']).nullable(),
  /** Amount in VND when stated in VND; null otherwise. */
  amountVnd: z.number().int().nonnegative().nullable(),
  free: z.boolean(),
  /** The original text (amount as shown plus description: reductions, conditions). Always kept. */
  text: z.string(),
});
export type Fee = z.infer<typeof feeSchema>;

export const methodSchema = z.object({
  method: submissionMethodSchema,
  time: processingTimeSchema.nullable(),
  fees: z.array(feeSchema),
  /** Description of this row (often names the case it applies to). */
  description: z.string(),
});
export type Method = z.infer<typeof methodSchema>;

export const formSchema = z.object({
  name: z.string().min(1),
  url: z.url().nullable(),
});

/** A component as the source lists it: what the readers of the three sources produce. */
export const sourceComponentSchema = z.object({
  /** The source's own text, verbatim (cleaned of whitespace noise), list markers and all: provenance. */
  name: z.string().min(1),
  /** Number of originals (bản chính); null when the source gives no count. */
  originals: z.number().int().nonnegative().nullable(),
  /** Number of copies (bản sao); null when the source gives no count. */
  copies: z.number().int().nonnegative().nullable(),
  /** Required flag where the source states it. */
  required: z.boolean().nullable(),
  forms: z.array(formSchema),
});
export type SourceComponent = z.infer<typeof sourceComponentSchema>;

/**
 * submit: a document to hand in; present: one to show (xuất trình) and take back; note: not a
 * document at all, guidance for the clerk or the citizen ("Người tiếp nhận có trách nhiệm…").
 */
export const componentKindSchema = z.enum(['submit', 'present', 'note']);
export type ComponentKind = z.infer<typeof componentKindSchema>;

/** A component structured at ingest (scripts/ingest/checklist.ts) into a checklist item. */
export interface Component extends SourceComponent {
  /** What to bring, short (at most 120 characters for 95%+ of them): no list marker, no trailing ";". */
  title: string;
  /** The rest of the source text, verbatim; empty when none. */
  detail: string;
  kind: ComponentKind;
  /** The situation it applies to ("Trường hợp ủy quyền…", "Nếu có"), or null: everyone brings it. */
  condition: string | null;
  /** The sub-items of an item that announces them ("…hai bộ bản vẽ thiết kế, mỗi bộ gồm:"). */
  children: Component[];
}

export const componentSchema: z.ZodType<Component> = sourceComponentSchema.extend({
  title: z.string().min(1),
  detail: z.string(),
  kind: componentKindSchema,
  condition: z.string().min(1).nullable(),
  children: z.array(z.lazy(() => componentSchema)),
});

export const sourceCaseSchema = z.object({
  /** Case name (trường hợp); empty string for the single default case. */
  name: z.string(),
  components: z.array(sourceComponentSchema),
});
export type SourceCase = z.infer<typeof sourceCaseSchema>;

export const caseSchema = z.object({
  /** Case name (trường hợp) as published; empty string for the single default case. */
  name: z.string(),
  /**
   * The source's case headings read into this case, verbatim: sections ("* Giấy tờ phải nộp",
   * "* Lưu ý"), cross-case additions ("Trường hợp ủy quyền thực hiện thủ tục:"), numbered items the
   * portal stored as cases. Empty when the case is as published.
   */
  headings: z.array(z.string()),
  components: z.array(componentSchema),
});
export type ProcedureCase = z.infer<typeof caseSchema>;

export const legalBasisSchema = z.object({
  code: z.string(),
  title: z.string(),
});

export const sourceSchema = z.enum(['portal-catalog', 'portal-api', 'scraped-page']);

export const provenanceSchema = z.object({
  /** Where the detail came from (portal-catalog alone when detail is false). */
  source: sourceSchema,
  /** Other sources that had this code and were merged or overridden. */
  alsoIn: z.array(sourceSchema),
  /** Crawl date of the winning source: ISO yyyy-mm-dd, or only the year when that is all the source says. */
  crawledAt: z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/u),
});

export const procedureSchema = z.object({
  code: procedureCodeSchema,
  /** Portal UUID; the public page is https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<portalId>. */
  portalId: z.string().nullable(),
  url: z.url().nullable(),
  name: z.string().min(1),
  detail: z.boolean(),
  /** STANDARD (national), SPECIFIC (one province's own), INTERNAL. */
  type: z.enum(['standard', 'specific', 'internal']),
  levels: z.array(levelSchema),
  fields: z.array(z.string()),
  executingAgencies: z.array(z.string()),
  competentAgencies: z.array(z.string()),
  /** Issuing body: the ministry or provincial People's Committee that published it. */
  issuingBody: z.string().nullable(),
  /** Province name for province-specific procedures. */
  province: z.string().nullable(),
  targetGroups: z.array(z.string()),
  cases: z.array(caseSchema),
  methods: z.array(methodSchema),
  steps: z.array(z.string()),
  conditions: z.string(),
  results: z.array(z.string()),
  legalBasis: z.array(legalBasisSchema),
  online: z.object({
    /** Some submission method is online. */
    available: z.boolean(),
    /** The whole process can be done online (dịch vụ công trực tuyến toàn trình). */
    fullProcess: z.boolean(),
  }),
  receivingAddress: z.string(),
  decisionNumber: z.string().nullable(),
  provenance: provenanceSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;

/** A procedure as a source reader produces it, before its components are structured. */
export const sourceProcedureSchema = procedureSchema.extend({ cases: z.array(sourceCaseSchema) });
export type SourceProcedure = z.infer<typeof sourceProcedureSchema>;

/** What the ingest found it could not resolve; kept in knowledge/ingest-report.json. */
export const anomalySchema = z.object({
  code: z.string(),
  kind: z.string(),
  detail: z.string(),
});
export type Anomaly = z.infer<typeof anomalySchema>;

export const PORTAL_PAGE_BASE = 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/';
