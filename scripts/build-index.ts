// npm run build:index — builds the search index of the catalog ahead of time with Orama and writes
// it in the binary form the worker reads in place (build/assets/data/index.bin; worker/search/binary.ts).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Procedure } from '../worker/catalog/schema.ts';
import { encodeIndex } from '../worker/search/binary-write.ts';
import { computeStopTokens, lexiconOf, synonymWords, toSearchDoc } from '../worker/search/index.ts';
import { buildCatalogOrama, type BuiltOrama } from '../worker/search/orama.ts';
import { indexParts, type IndexParts } from '../worker/search/parts.ts';
import { loadSynonyms } from '../worker/search/synonyms.ts';
import { readCatalog } from './lib/catalog.ts';
import { ROOT } from './lib/paths.ts';

const DATA = join(ROOT, 'build', 'assets', 'data');
export const INDEX_PATH = join(DATA, 'index.bin');
/** What earlier builds shipped (a JSON snapshot): removed, so that it is not deployed as an asset. */
const OLD_INDEX_PATH = join(DATA, 'index.json');

/** The catalog's index as Orama builds it, and its parts as the shipped file holds them. */
export function buildIndex(procedures: Procedure[]): { orama: BuiltOrama; parts: IndexParts } {
  const synonyms = loadSynonyms(JSON.parse(readFileSync(join(ROOT, 'knowledge', 'synonyms.json'), 'utf8')));
  const docs = procedures.map((p) => toSearchDoc(p, synonyms));
  // The catalog's words and the synonyms' (words citizens use that the catalog may not).
  const lexicon = synonymWords(synonyms);
  for (const p of procedures) for (const w of lexiconOf(p)) lexicon.add(w);
  const stopTokens = computeStopTokens(docs);
  const orama = buildCatalogOrama(docs, stopTokens);
  return { orama, parts: indexParts(docs, stopTokens, lexicon, orama.fields) };
}

export function writeIndex(procedures: Procedure[]): void {
  const t0 = performance.now();
  const bytes = encodeIndex(buildIndex(procedures).parts);
  mkdirSync(DATA, { recursive: true });
  // Written aside and renamed: a concurrent reader never sees half a file.
  writeFileSync(`${INDEX_PATH}.tmp-${process.pid}`, bytes);
  renameSync(`${INDEX_PATH}.tmp-${process.pid}`, INDEX_PATH);
  if (existsSync(OLD_INDEX_PATH)) rmSync(OLD_INDEX_PATH, { force: true });
  console.log(
    `build:index: ${procedures.length} procedures → build/assets/data/index.bin (${(bytes.length / 1e6).toFixed(2)} MB, ` +
      `${(gzipSync(bytes).length / 1e6).toFixed(2)} MB gzipped, ${Math.round(performance.now() - t0)} ms)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) writeIndex(readCatalog());
