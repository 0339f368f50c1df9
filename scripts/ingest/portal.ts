// Readers for the two portal-API sources: the catalog list (summary of every procedure)
// and the full detail records (`{"code":"OK","data":{...}}`).
import { z } from 'zod';
import {
  PORTAL_PAGE_BASE,
  type Anomaly,
  type Fee,
  type FeeKind,
  type Level,
  type Method,
  // The readers produce components as the source lists them; scripts/ingest/checklist.ts structures them.
  type SourceProcedure as Procedure,
  type SourceCase as ProcedureCase,
  type SubmissionMethod,
  type TimeUnit,
} from '../../worker/catalog/schema.ts';
import { UNIT_LABEL } from '../../worker/chat/format.ts';
import { absentToEmpty, cleanLine, cleanText } from './clean.ts';

const named = z.object({ name: z.string().nullish() }).loose();
const str = z.string().nullish();

export const catalogLineSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    code: z.string().trim(),
    categories: z.array(z.string()).nullish(),
    departments: z.array(z.string()).nullish(),
    departmentPromulgate: str,
    formalityTargetType: z.array(z.string()).nullish(),
    state: str,
    type: str,
  })
  .loose();
export type CatalogLine = z.infer<typeof catalogLineSchema>;

const feeInSchema = z
  .object({
    type: str,
    value: z.number().nullish(),
    currencyName: str,
    description: str,
  })
  .loose();

const methodInSchema = z
  .object({
    submissionMethod: z.string(),
    processingTime: z.union([z.number(), z.string()]).nullish(),
    processingTimeUnit: str,
    description: str,
    fees: z.array(feeInSchema).nullish(),
  })
  .loose();

const componentInSchema = z
  .object({
    name: str,
    originalQty: z.number().nullish(),
    copyQty: z.number().nullish(),
    required: z.boolean().nullish(),
    attachments: z.array(z.object({ fileName: str }).loose()).nullish(),
  })
  .loose();

export const portalDetailSchema = z.object({
  code: z.literal('OK'),
  data: z
    .object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      type: str,
      decisionNo: str,
      isProvince: z.boolean().nullish(),
      isWard: z.boolean().nullish(),
      isMinistry: z.boolean().nullish(),
      isOtherAgency: z.boolean().nullish(),
      isFullProcess: z.boolean().nullish(),
      executionSteps: z.array(z.object({ name: str, description: str }).loose()).nullish(),
      executionMethods: z.array(methodInSchema).nullish(),
      executionCases: z
        .array(z.object({ name: str, profileComponents: z.array(componentInSchema).nullish() }).loose())
        .nullish(),
      profileComponents: z.array(componentInSchema).nullish(),
      categoriesDetails: z.array(named).nullish(),
      departmentsExecuting: z.array(named).nullish(),
      unitGroupsExecuting: z.array(named).nullish(),
      departmentsAuthority: z.array(named).nullish(),
      unitGroupsAuthority: z.array(named).nullish(),
      executingAgencies: str,
      subjectTypesDetails: z.array(named).nullish(),
      legalBasisesDetails: z.array(z.object({ name: str, code: str }).loose()).nullish(),
      resultsDetails: z.array(named).nullish(),
      requirementsAndConditions: str,
      dossierReceivingAddresses: str,
      departmentPromulgateName: str,
      procedureProposal: z.object({ proposalNumber: str }).loose().nullish(),
    })
    .loose(),
});
export type PortalDetail = z.infer<typeof portalDetailSchema>['data'];

const METHOD: Record<string, SubmissionMethod> = { DIRECT: 'direct', ONLINE: 'online', POSTAL: 'postal' };
const UNIT: Record<string, TimeUnit> = {
  WORKING_DAY: 'working_day',
  DAY: 'day',
  HOUR: 'hour',
  MONTH: 'month',
  YEAR: 'year',
  OTHER: 'other',
};
const FEE_KIND: Record<string, FeeKind> = { FEE: 'le_phi', SERVICE_FEE: 'phi', PRICE_LEVEL: 'gia' };

const names = (list: { name?: string | null | undefined }[] | null | undefined): string[] =>
  unique((list ?? []).map((x) => cleanLine(x.name)).filter((x) => x !== ''));

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Province of a province-specific procedure, from its issuing body ("UBND tỉnh Gia Lai"). */
export function provinceOf(issuingBody: string, provinces: string[]): string | null {
  const lower = issuingBody.toLocaleLowerCase('vi');
  // Longest name first so "Thành phố Hồ Chí Minh" is not taken for a shorter one.
  const bare = (p: string) => p.replace(/^(Tỉnh|Thành phố)\s+/u, '').toLocaleLowerCase('vi');
  const hit = [...provinces].sort((a, b) => b.length - a.length).find((p) => lower.endsWith(bare(p)));
  return hit ?? null;
}

function mapFee(fee: z.infer<typeof feeInSchema>, code: string, anomalies: Anomaly[]): Fee | null {
  const kind = FEE_KIND[fee.type ?? ''] ?? 'unspecified';
  const description = cleanText(fee.description);
  const currency = fee.currencyName === 'USD' ? 'USD' : fee.currencyName ? 'VND' : null;
  const value = fee.value ?? null;
  if (value === null || (value === 0 && description !== '')) {
    // The portal stores 0 or nothing when the real amount is only in the text (HĐND decides, per-case tables).
    if (description === '') {
      // Nothing to tell a citizen: recorded, not shown.
      anomalies.push({ code, kind: 'fee-empty', detail: `${fee.type ?? ''} row without amount or text (not kept)` });
      return null;
    }
    return { kind, amount: null, currency: null, amountVnd: null, free: false, text: description };
  }
  const cur = currency ?? 'VND';
  const shown = `${value.toLocaleString('vi-VN')} ${cur === 'VND' ? 'đồng' : 'USD'}`;
  return {
    kind,
    amount: value,
    currency: cur,
    amountVnd: cur === 'VND' ? Math.round(value) : null,
    free: value === 0,
    text: description ? `${shown} (${description})` : value === 0 ? 'Miễn phí' : shown,
  };
}

function mapMethod(m: z.infer<typeof methodInSchema>, code: string, anomalies: Anomaly[]): Method | null {
  const method = METHOD[m.submissionMethod];
  if (!method) {
    anomalies.push({ code, kind: 'method-unknown', detail: m.submissionMethod });
    return null;
  }
  const description = cleanText(m.description);
  const unit = m.processingTimeUnit ? (UNIT[m.processingTimeUnit] ?? null) : null;
  if (m.processingTimeUnit && !unit) anomalies.push({ code, kind: 'time-unit-unknown', detail: m.processingTimeUnit });
  let time: Method['time'] = null;
  if (typeof m.processingTime === 'number') {
    const text = unit && unit !== 'other' ? `${m.processingTime} ${UNIT_LABEL[unit]}` : description;
    time = { value: m.processingTime, unit, text: text || String(m.processingTime) };
  } else if (typeof m.processingTime === 'string' && m.processingTime.trim() !== '') {
    // Free-text time ("Theo mô tả", or a whole sentence): the meaning is in the text only.
    const own = cleanText(m.processingTime);
    const text = /^theo mô tả$/iu.test(own) ? description : own;
    time = { value: null, unit: 'other', text: text || own };
    if (!text) anomalies.push({ code, kind: 'time-text-only', detail: own });
  }
  const fees = (m.fees ?? []).flatMap((f) => mapFee(f, code, anomalies) ?? []);
  return { method, time, fees, description };
}

function mapComponents(list: z.infer<typeof componentInSchema>[] | null | undefined, code: string, anomalies: Anomaly[]) {
  return (list ?? []).flatMap((c) => {
    const name = cleanText(c.name);
    if (!name) {
      anomalies.push({ code, kind: 'component-without-name', detail: JSON.stringify(c).slice(0, 200) });
      return [];
    }
    const forms = unique((c.attachments ?? []).map((a) => cleanLine(a.fileName)).filter(Boolean)).map((n) => ({
      name: n,
      url: null,
    }));
    return [
      {
        name,
        originals: c.originalQty ?? null,
        copies: c.copyQty ?? null,
        required: c.required ?? null,
        forms,
      },
    ];
  });
}

/** Split the portal's step text (one blob, "Bước 1: ...\nBước 2: ...") into readable steps. */
export function splitSteps(blobs: string[]): string[] {
  return blobs
    .flatMap((b) => cleanText(b).split(/\n(?=\s*(?:Bước\s*\d|[-+•]\s|\(?[ivx]+\)|\d+[.)]\s|[a-zđ]\)\s))/iu))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function levelsFromFlags(d: PortalDetail): Level[] {
  const levels: Level[] = [];
  if (d.isMinistry) levels.push('ministry');
  if (d.isProvince) levels.push('province');
  if (d.isWard) levels.push('commune');
  if (d.isOtherAgency) levels.push('other');
  return levels;
}

export function procedureType(type: string | null | undefined): Procedure['type'] {
  if (type === 'SPECIFIC') return 'specific';
  if (type && type.includes('INTERNAL')) return 'internal';
  return 'standard';
}

export function parsePortalDetail(
  raw: unknown,
  crawledAt: string,
  provinces: string[],
  anomalies: Anomaly[],
): Procedure {
  const parsed = portalDetailSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`portal detail record has an unexpected shape: ${parsed.error.message}`);
  const d = parsed.data.data;
  const code = d.code;
  const methods = (d.executionMethods ?? []).flatMap((m) => mapMethod(m, code, anomalies) ?? []);
  let cases: ProcedureCase[] = (d.executionCases ?? []).map((c) => ({
    name: cleanLine(c.name).replace(/[:\s]+$/u, ''),
    components: mapComponents(c.profileComponents, code, anomalies),
  }));
  if (cases.length === 0 && d.profileComponents?.length) {
    cases = [{ name: '', components: mapComponents(d.profileComponents, code, anomalies) }];
  }
  if (cases.length === 1 && cases[0]) cases[0].name = '';
  const issuingBody = cleanLine(d.departmentPromulgateName) || null;
  const type = procedureType(d.type);
  const levels = levelsFromFlags(d);
  if (levels.length === 0) anomalies.push({ code, kind: 'level-unknown', detail: 'no level flag set' });
  return {
    code,
    portalId: d.id,
    url: PORTAL_PAGE_BASE + d.id,
    name: cleanLine(d.name),
    detail: true,
    type,
    levels,
    fields: names(d.categoriesDetails),
    executingAgencies: unique([
      ...names(d.departmentsExecuting),
      ...names(d.unitGroupsExecuting),
      ...(absentToEmpty(cleanLine(d.executingAgencies)) ? [cleanLine(d.executingAgencies)] : []),
    ]),
    competentAgencies: unique([...names(d.departmentsAuthority), ...names(d.unitGroupsAuthority)]),
    issuingBody,
    province: type === 'specific' && issuingBody ? provinceOf(issuingBody, provinces) : null,
    targetGroups: names(d.subjectTypesDetails),
    cases,
    methods,
    steps: splitSteps((d.executionSteps ?? []).map((s) => [s.name, s.description].filter(Boolean).join('\n'))),
    conditions: absentToEmpty(cleanText(d.requirementsAndConditions)),
    results: names(d.resultsDetails),
    legalBasis: (d.legalBasisesDetails ?? [])
      .map((l) => ({ code: cleanLine(l.code), title: cleanLine(l.name) }))
      .filter((l) => l.code || l.title),
    online: { available: methods.some((m) => m.method === 'online'), fullProcess: d.isFullProcess ?? false },
    receivingAddress: absentToEmpty(cleanText(d.dossierReceivingAddresses)),
    decisionNumber: cleanLine(d.procedureProposal?.proposalNumber) || cleanLine(d.decisionNo) || null,
    provenance: { source: 'portal-api', alsoIn: [], crawledAt },
  };
}

/** A procedure known only from the catalog list: name, code, agency, no detail. */
export function fromCatalogLine(line: CatalogLine, crawledAt: string, provinces: string[]): Procedure {
  const issuingBody = cleanLine(line.departmentPromulgate) || null;
  const type = procedureType(line.type);
  return {
    code: line.code,
    portalId: line.id,
    url: PORTAL_PAGE_BASE + line.id,
    name: cleanLine(line.name),
    detail: false,
    type,
    levels: [],
    fields: unique((line.categories ?? []).map(cleanLine).filter(Boolean)),
    executingAgencies: unique((line.departments ?? []).map(cleanLine).filter(Boolean)),
    competentAgencies: [],
    issuingBody,
    province: type === 'specific' && issuingBody ? provinceOf(issuingBody, provinces) : null,
    targetGroups: unique((line.formalityTargetType ?? []).map(cleanLine).filter(Boolean)),
    cases: [],
    methods: [],
    steps: [],
    conditions: '',
    results: [],
    legalBasis: [],
    online: { available: false, fullProcess: false },
    receivingAddress: '',
    decisionNumber: null,
    provenance: { source: 'portal-catalog', alsoIn: [], crawledAt },
  };
}
