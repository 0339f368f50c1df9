// The national list of dossier statuses (the national public service portal's), which every
// upstream's raw status maps onto through a table (knowledge/dossier/*-status.json, data per
// deployment, plus DOSSIER_STATUS_MAP overrides). The words citizens read are in messages.ts.
import { z } from 'zod';
import { parseJson } from '../lib/json';
import { fold } from '../search/text';

export const NATIONAL_STATUSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
export type NationalStatus = (typeof NATIONAL_STATUSES)[number];

const statusSchema = z.union(NATIONAL_STATUSES.map((n) => z.literal(n)) as [z.ZodLiteral<NationalStatus>, ...z.ZodLiteral<NationalStatus>[]]);
export const statusLabelsSchema = z.record(z.string().trim().min(1), statusSchema);
export const statusTableSchema = z.object({
  _comment: z.array(z.string()).optional(),
  version: z.literal(1),
  labels: statusLabelsSchema,
});

/** The key a raw status is looked up by: no diacritics, case or extra spaces. */
const key = (raw: string) => fold(raw).replace(/\s+/gu, ' ').trim();

export interface StatusTable {
  /** The national status of an upstream's raw code or label, or null when the table lacks it. */
  map(raw: string | number): NationalStatus | null;
}

/** A table from its JSON, with the deployment's overrides (DOSSIER_STATUS_MAP) on top. */
export function compileStatusTable(json: unknown, overrides: Record<string, NationalStatus> = {}): StatusTable {
  const parsed = statusTableSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid dossier status table:\n${z.prettifyError(parsed.error)}`);
  const table = new Map<string, NationalStatus>();
  for (const [raw, status] of Object.entries({ ...parsed.data.labels, ...overrides })) table.set(key(raw), status);
  return { map: (raw) => table.get(key(String(raw))) ?? null };
}

/** DOSSIER_STATUS_MAP: a JSON object of raw label → 1–10; anything else is ignored (and said so). */
export function parseStatusOverrides(text: string | undefined): { overrides: Record<string, NationalStatus>; error: string | null } {
  if (!text?.trim()) return { overrides: {}, error: null };
  const json = parseJson(text);
  if (json === undefined) return { overrides: {}, error: 'DOSSIER_STATUS_MAP is not JSON' };
  const parsed = statusLabelsSchema.safeParse(json);
  return parsed.success ? { overrides: parsed.data, error: null } : { overrides: {}, error: 'DOSSIER_STATUS_MAP must map labels to 1-10' };
}

/** Statuses where the agency is working on the dossier: the appointment date can be missed. */
export const IN_PROGRESS: ReadonlySet<NationalStatus> = new Set<NationalStatus>([1, 2, 4]);
