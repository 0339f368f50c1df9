// Catalog status for the staff console: the build-time summary (counts by level and field, when
// the catalog was ingested and built) and the anomalies of the last ingest
// (knowledge/ingest-report.json: counts by kind and a paginated, filterable list).
//
// The report (~190 KB) is bundled with the worker but imported lazily: it is parsed only by the
// isolate that first serves a catalog-status request, never on a cold start for citizens.
import { z } from 'zod';
import { anomalySchema, type Anomaly } from '../catalog/schema';
import { loadSummary } from '../catalog/store';
import { catalogCounts, type CatalogSummary } from '../catalog/summary';
import { AppError } from '../errors';
import { staffText } from '../messages';
import { logFailureOnce } from '../lib/log';

export const ANOMALIES_PER_PAGE = 50;

const reportSchema = z.object({
  ingestedAt: z.string().nullable().optional(),
  sources: z.record(z.string(), z.number()).optional(),
  parsed: z.record(z.string(), z.number()).optional(),
  mergedPortalAndScraped: z.number().optional(),
  written: z.number().optional(),
  detailed: z.number().optional(),
  provincialOrCommune: z.number().optional(),
  anomaliesByKind: z.record(z.string(), z.number()).optional(),
  anomalies: z.array(anomalySchema),
});
export type IngestReport = z.infer<typeof reportSchema>;

let report: Promise<IngestReport> | null = null;

export function loadIngestReport(): Promise<IngestReport> {
  report ??= import('../../knowledge/ingest-report.json')
    .then((m) => reportSchema.parse((m as { default?: unknown }).default ?? m))
    .catch((err: unknown) => {
      report = null;
      logFailureOnce('staff.ingest_report', err);
      throw new AppError(503, 'catalog_unavailable', staffText.catalog.reportUnavailable);
    });
  return report;
}

export function anomalyKindLabel(kind: string): string {
  return (staffText.anomalyKinds as Record<string, string>)[kind] ?? kind;
}

export const catalogStatusSchema = z.object({
  summary: z.object({
    total: z.number().int(),
    listed: z.number().int(),
    detailed: z.number().int(),
    levels: z.record(z.string(), z.number().int()),
    provincialOrCommune: z.number().int(),
    onlineAvailable: z.number().int(),
    fullProcessOnline: z.number().int(),
    byField: z.array(z.object({ field: z.string(), count: z.number().int() })),
    ingestedAt: z.string().nullable(),
    builtAt: z.string(),
  }),
  ingest: z.object({
    sources: z.record(z.string(), z.number()),
    parsed: z.record(z.string(), z.number()),
    mergedPortalAndScraped: z.number().nullable(),
  }),
  anomalies: z.object({
    total: z.number().int(),
    byKind: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number().int() })),
    /** The filter applied to `items` (null = every kind). */
    kind: z.string().nullable(),
    page: z.number().int(),
    pages: z.number().int(),
    perPage: z.number().int(),
    matching: z.number().int(),
    items: z.array(z.object({ code: z.string(), kind: z.string(), label: z.string(), detail: z.string() })),
  }),
});
export type CatalogStatus = z.infer<typeof catalogStatusSchema>;

export function parsePage(raw: string | undefined): number {
  const n = Number(raw ?? '1');
  return Number.isSafeInteger(n) && n >= 1 ? n : 1;
}

export function summarizeStatus(s: CatalogSummary, r: IngestReport, kind: string | null, page: number): CatalogStatus {
  const counts = new Map<string, number>();
  for (const a of r.anomalies) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
  const byKind = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, count]) => ({ kind: k, label: anomalyKindLabel(k), count }));
  const filter = kind && counts.has(kind) ? kind : null;
  const matching: Anomaly[] = filter ? r.anomalies.filter((a) => a.kind === filter) : r.anomalies;
  const pages = Math.max(1, Math.ceil(matching.length / ANOMALIES_PER_PAGE));
  const current = Math.min(page, pages);
  const items = matching.slice((current - 1) * ANOMALIES_PER_PAGE, current * ANOMALIES_PER_PAGE).map((a) => ({ ...a, label: anomalyKindLabel(a.kind) }));
  return {
    summary: {
      ...catalogCounts(s),
      fullProcessOnline: s.fullProcessOnline,
      byField: Object.entries(s.byField).map(([field, count]) => ({ field, count })),
      ingestedAt: s.ingestedAt ?? r.ingestedAt ?? null,
      builtAt: s.builtAt,
    },
    ingest: { sources: r.sources ?? {}, parsed: r.parsed ?? {}, mergedPortalAndScraped: r.mergedPortalAndScraped ?? null },
    anomalies: { total: r.anomalies.length, byKind, kind: filter, page: current, pages, perPage: ANOMALIES_PER_PAGE, matching: matching.length, items },
  };
}

export async function catalogStatus(assets: Fetcher, kind: string | null, page: number): Promise<CatalogStatus> {
  const [s, r] = await Promise.all([loadSummary(assets), loadIngestReport()]);
  return summarizeStatus(s, r, kind, page);
}
