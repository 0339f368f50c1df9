// Counts computed at build time from the catalog, served by /api/health and the staff console.
import { z } from 'zod';
import type { Procedure } from './schema';

export const catalogSummarySchema = z.object({
  total: z.number().int(),
  /** Procedures in the portal's catalog list (the rest are known only from a ministry's detail pages). */
  listed: z.number().int(),
  detailed: z.number().int(),
  levels: z.object({
    province: z.number().int(),
    commune: z.number().int(),
    ministry: z.number().int(),
    other: z.number().int(),
  }),
  provincialOrCommune: z.number().int(),
  onlineAvailable: z.number().int(),
  fullProcessOnline: z.number().int(),
  byField: z.record(z.string(), z.number().int()),
  ingestedAt: z.string().nullable(),
  builtAt: z.string(),
});
export type CatalogSummary = z.infer<typeof catalogSummarySchema>;

export function summarize(procedures: Procedure[], ingestedAt: string | null, builtAt: string): CatalogSummary {
  const count = (pred: (p: Procedure) => boolean) => procedures.filter(pred).length;
  const byField: Record<string, number> = {};
  for (const p of procedures) for (const f of p.fields) byField[f] = (byField[f] ?? 0) + 1;
  return {
    total: procedures.length,
    listed: count((p) => p.provenance.source === 'portal-catalog' || p.provenance.alsoIn.includes('portal-catalog')),
    detailed: count((p) => p.detail),
    levels: {
      province: count((p) => p.levels.includes('province')),
      commune: count((p) => p.levels.includes('commune')),
      ministry: count((p) => p.levels.includes('ministry')),
      other: count((p) => p.levels.includes('other')),
    },
    provincialOrCommune: count((p) => p.levels.includes('province') || p.levels.includes('commune')),
    onlineAvailable: count((p) => p.online.available),
    fullProcessOnline: count((p) => p.online.fullProcess),
    byField: Object.fromEntries(Object.entries(byField).sort((a, b) => b[1] - a[1])),
    ingestedAt,
    builtAt,
  };
}

/** The counts every view of the catalog shows: the health endpoint and the staff console. */
export function catalogCounts(s: CatalogSummary): Pick<CatalogSummary, 'total' | 'listed' | 'detailed' | 'levels' | 'provincialOrCommune' | 'onlineAvailable'> {
  return {
    total: s.total,
    listed: s.listed,
    detailed: s.detailed,
    levels: s.levels,
    provincialOrCommune: s.provincialOrCommune,
    onlineAvailable: s.onlineAvailable,
  };
}
