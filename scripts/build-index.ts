// npm run build:index — builds the search index of the catalog ahead of time and writes the
// snapshot the worker loads at cold start (build/assets/data/index.json).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Procedure } from '../worker/catalog/schema.ts';
import { computeStopTokens, lexiconOf, toSearchDoc } from '../worker/search/index.ts';
import { buildCatalogOrama } from '../worker/search/orama.ts';
import { toSnapshot } from '../worker/search/snapshot.ts';
import { loadSynonyms } from '../worker/search/synonyms.ts';
import { readCatalog } from './lib/catalog.ts';
import { ROOT } from './lib/paths.ts';

export const INDEX_PATH = join(ROOT, 'build', 'assets', 'data', 'index.json');

/** The shipped snapshot (see worker/search/snapshot.ts). */
export function buildIndexSnapshot(procedures: Procedure[]): string {
  const synonyms = loadSynonyms(JSON.parse(readFileSync(join(ROOT, 'knowledge', 'synonyms.json'), 'utf8')));
  const docs = procedures.map((p) => toSearchDoc(p, synonyms));
  const lexicon = new Set<string>();
  for (const p of procedures) for (const w of lexiconOf(p)) lexicon.add(w);
  const stopTokens = computeStopTokens(docs);
  return JSON.stringify(toSnapshot(docs, stopTokens, lexicon, buildCatalogOrama(docs, stopTokens)));
}

export function writeIndex(procedures: Procedure[]): void {
  const t0 = performance.now();
  const json = buildIndexSnapshot(procedures);
  mkdirSync(join(ROOT, 'build', 'assets', 'data'), { recursive: true });
  // Written aside and renamed: a concurrent reader never sees half a file.
  writeFileSync(`${INDEX_PATH}.tmp-${process.pid}`, json);
  renameSync(`${INDEX_PATH}.tmp-${process.pid}`, INDEX_PATH);
  console.log(
    `build:index: ${procedures.length} procedures → build/assets/data/index.json (${(json.length / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - t0)} ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeIndex(readCatalog());
