// Reads the prebuilt catalog from the worker's static assets (built by scripts/build.ts).
// Records are fetched one by one and kept in a small per-isolate cache: the worker script
// stays small and cold start does not parse the whole catalog.
import { AppError } from '../errors';
import { Lru } from '../lib/lru';
import { messages } from '../messages';
import { procedureSchema, type Procedure } from './schema';
import { catalogSummarySchema, type CatalogSummary } from './summary';

const ASSET_ORIGIN = 'https://assets.invalid';
const CACHE_LIMIT = 500;

const records = new Lru<string, Procedure | null>(CACHE_LIMIT);
let summary: Promise<CatalogSummary> | null = null;

/** A file of the worker's static assets (build/assets), by its path. */
export async function fetchAsset(assets: Fetcher, path: string): Promise<Response> {
  return assets.fetch(new Request(`${ASSET_ORIGIN}${path}`));
}

export function loadSummary(assets: Fetcher): Promise<CatalogSummary> {
  summary ??= (async () => {
    const res = await fetchAsset(assets, '/data/summary.json');
    const parsed = res.ok ? catalogSummarySchema.safeParse(await res.json()) : null;
    if (!parsed?.success) throw new AppError(503, 'catalog_unavailable', messages.errors.catalog_unavailable);
    return parsed.data;
  })().catch((err: unknown) => {
    summary = null; // retry on the next request rather than caching a failure
    throw err;
  });
  return summary;
}

/** The full record of a procedure, or null when the catalog has no such code. */
export async function getProcedure(assets: Fetcher, code: string): Promise<Procedure | null> {
  const cached = records.get(code);
  if (cached !== undefined) return cached;
  const res = await fetchAsset(assets, `/data/procedures/${code}.json`);
  let record: Procedure | null = null;
  if (res.ok) {
    const parsed = procedureSchema.safeParse(await res.json());
    if (!parsed.success) throw new AppError(503, 'catalog_unavailable', messages.errors.catalog_unavailable);
    record = parsed.data;
  } else if (res.status !== 404) {
    throw new AppError(503, 'catalog_unavailable', messages.errors.catalog_unavailable);
  }
  records.set(code, record);
  return record;
}
