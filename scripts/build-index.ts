// npm run build:index — builds the Orama index of the catalog ahead of time and writes the
// snapshot the worker loads at cold start (build/assets/data/index.json).
import { insertMultiple } from '@orama/orama';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadSynonyms } from '../worker/search/synonyms.ts';
import { join } from 'node:path';
import type { Procedure } from '../worker/catalog/schema.ts';
import { computeStopTokens, createSearchDb, toSearchDoc } from '../worker/search/index.ts';
import { toSnapshot } from '../worker/search/snapshot.ts';
import { readCatalog } from './lib/catalog.ts';
import { ROOT } from './lib/paths.ts';

export const INDEX_PATH = join(ROOT, 'build', 'assets', 'data', 'index.json');

/** The shipped snapshot: Orama's raw data with documents trimmed to the stored fields. */
export function buildIndexSnapshot(procedures: Procedure[]): string {
  const synonyms = loadSynonyms(JSON.parse(readFileSync(join(ROOT, 'knowledge', 'synonyms.json'), 'utf8')));
  const docs = procedures.map((p) => toSearchDoc(p, synonyms));
  const db = createSearchDb({ stopTokens: computeStopTokens(docs) });
  insertMultiple(db, docs, 1000);
  return JSON.stringify(toSnapshot(db));
}

export function writeIndex(procedures: Procedure[]): void {
  const t0 = performance.now();
  const json = buildIndexSnapshot(procedures);
  mkdirSync(join(ROOT, 'build', 'assets', 'data'), { recursive: true });
  writeFileSync(INDEX_PATH, json);
  console.log(
    `build:index: ${procedures.length} procedures → build/assets/data/index.json (${(json.length / 1e6).toFixed(1)} MB, ${Math.round(performance.now() - t0)} ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeIndex(readCatalog());
