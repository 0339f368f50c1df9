// npm run build: turns the committed catalog (knowledge/) into the worker's static assets:
// build/assets/data/procedures/<code>.json, build/assets/data/summary.json and the search index
// build/assets/data/index.bin (build-index.ts).
// With --if-stale it does nothing when the outputs are newer than every input (npm start, npm test).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from '../worker/catalog/summary.ts';
import { writeIndex } from './build-index.ts';
import { readCatalog } from './lib/catalog.ts';
import { ROOT } from './lib/paths.ts';

const KNOWLEDGE = join(ROOT, 'knowledge');
const OUT = join(ROOT, 'build', 'assets');
const DATA = join(OUT, 'data');
const STAMP = join(DATA, 'summary.json');
// Everything the outputs are computed from: the data, and the code that shapes and tokenizes it.
const INPUTS = [
  KNOWLEDGE,
  join(ROOT, 'worker', 'catalog'),
  join(ROOT, 'worker', 'search'),
  join(ROOT, 'scripts', 'build.ts'),
  join(ROOT, 'scripts', 'build-index.ts'),
  join(ROOT, 'scripts', 'build-widget.ts'),
  join(ROOT, 'scripts', 'lib', 'catalog.ts'),
  join(ROOT, 'widget'),
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function isStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.some((p) => newestMtime(p) > built);
}

function buildCatalogAssets(): void {
  const t0 = performance.now();
  const procedures = readCatalog();
  // Written aside and swapped in, so a build running concurrently (npm test and a browser test's
  // setup) or interrupted never leaves a half-written catalog behind a fresh-looking stamp.
  const fresh = join(DATA, `procedures.tmp-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  for (const p of procedures) writeFileSync(join(fresh, `${p.code}.json`), JSON.stringify(p));
  const old = join(DATA, `procedures.old-${process.pid}`);
  if (existsSync(join(DATA, 'procedures'))) renameSync(join(DATA, 'procedures'), old);
  renameSync(fresh, join(DATA, 'procedures'));
  rmSync(old, { recursive: true, force: true });
  const report = JSON.parse(readFileSync(join(KNOWLEDGE, 'ingest-report.json'), 'utf8')) as { ingestedAt?: string };
  writeIndex(procedures);
  // Written last: its mtime marks a complete build.
  writeFileSync(`${STAMP}.tmp-${process.pid}`, JSON.stringify(summarize(procedures, report.ingestedAt ?? null, new Date().toISOString())));
  renameSync(`${STAMP}.tmp-${process.pid}`, STAMP);
  console.log(`build: ${procedures.length} procedures → build/assets/data (${Math.round(performance.now() - t0)} ms)`);
}

if (!process.argv.includes('--if-stale') || isStale()) buildCatalogAssets();
await (await import('./build-widget.ts')).buildWidget(process.argv.includes('--if-stale'));
