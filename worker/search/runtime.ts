// The worker's search engine: the prebuilt snapshot is fetched from the static assets and loaded
// once per isolate, on first use; concurrent first requests share the same load.
import phrasesJson from '../../knowledge/phrases.json';
import provincesJson from '../../knowledge/provinces.json';
import synonymsJson from '../../knowledge/synonyms.json';
import { fetchAsset } from '../catalog/store';
import { AppError } from '../errors';
import { messages } from '../messages';
import { SearchEngine } from './engine';
import { compilePhrases } from './phrases';
import type { Snapshot } from './snapshot';
import { loadSynonyms } from './synonyms';

let engine: Promise<SearchEngine> | null = null;
/** How long the last cold load took (fetch, parse, load), for /api/health and the bench. */
export let lastLoadMs: number | null = null;

export function getSearchEngine(assets: Fetcher): Promise<SearchEngine> {
  engine ??= (async () => {
    const t0 = performance.now();
    const res = await fetchAsset(assets, '/data/index.json');
    if (!res.ok) throw new AppError(503, 'catalog_unavailable', messages.errors.catalog_unavailable);
    const snapshot = (await res.json()) as Snapshot;
    const loaded = new SearchEngine(snapshot, loadSynonyms(synonymsJson), compilePhrases(phrasesJson, provincesJson));
    lastLoadMs = Math.round(performance.now() - t0);
    return loaded;
  })().catch((err: unknown) => {
    engine = null;
    throw err;
  });
  return engine;
}
