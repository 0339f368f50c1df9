// Reads the prebuilt catalog from the worker's static assets (built by scripts/build.ts).
// Records are fetched one by one and kept in a small per-isolate cache: the worker script
// stays small and cold start does not parse the whole catalog. An asset that cannot be read is
// reported as unavailable (UnavailableError, which errorResponse answers with a 503), and logged.
import { UnavailableError } from '../errors';
import { responseJson } from '../lib/json';
import { logFailureOnce } from '../lib/log';
import { Lru } from '../lib/lru';
import { loadOnce } from '../lib/once';
import { procedureSchema, type Procedure } from './schema';
import { catalogSummarySchema, type CatalogSummary } from './summary';

const ASSET_ORIGIN = 'https://assets.invalid';
const CACHE_LIMIT = 500;

const records = new Lru<string, Procedure | null>(CACHE_LIMIT);

/** A file of the worker's static assets (build/assets), by its path. */
export async function fetchAsset(assets: Fetcher, path: string): Promise<Response> {
  return assets.fetch(new Request(`${ASSET_ORIGIN}${path}`));
}

function unavailable(path: string, why: string): UnavailableError {
  const err = new UnavailableError('catalog', `${path}: ${why}`);
  logFailureOnce(`catalog.${path}`, err);
  return err;
}

export const loadSummary: (assets: Fetcher) => Promise<CatalogSummary> = loadOnce(async (assets: Fetcher) => {
  const path = '/data/summary.json';
  const res = await fetchAsset(assets, path);
  if (!res.ok) throw unavailable(path, `HTTP ${res.status}`);
  const parsed = catalogSummarySchema.safeParse(await responseJson(res));
  if (!parsed.success) throw unavailable(path, 'not a catalog summary');
  return parsed.data;
});

/** The full record of a procedure, or null when the catalog has no such code. */
export async function getProcedure(assets: Fetcher, code: string): Promise<Procedure | null> {
  const cached = records.get(code);
  if (cached !== undefined) return cached;
  const path = `/data/procedures/${code}.json`;
  const res = await fetchAsset(assets, path);
  let record: Procedure | null = null;
  if (res.ok) {
    const parsed = procedureSchema.safeParse(await responseJson(res));
    if (!parsed.success) throw unavailable('/data/procedures/', `${code}.json is not a valid record`);
    record = parsed.data;
  } else if (res.status !== 404) {
    throw unavailable('/data/procedures/', `HTTP ${res.status}`);
  }
  records.set(code, record);
  return record;
}
