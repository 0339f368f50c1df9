// npm run bench — in-process performance of the search: snapshot size, cold load time and per-query
// latency over the dev question sets. Figures are for this machine and Node version (printed); the
// worker runs the same code in workerd, where times are of the same order.
import { gzipSync } from 'node:zlib';
import os from 'node:os';
import { SearchEngine } from '../worker/search/engine.ts';
import { compilePhrases } from '../worker/search/phrases.ts';
import { fromSnapshot, type Snapshot } from '../worker/search/snapshot.ts';
import { loadSynonyms } from '../worker/search/synonyms.ts';
import { readEvalSet, readKnowledge, readSnapshotText } from './lib/engine.ts';
import { percentile } from './lib/metrics.ts';

const LOADS = 7;
const WARMUP_ROUNDS = 3;
const ROUNDS = 10;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;

const text = readSnapshotText();
const bytes = Buffer.byteLength(text, 'utf8');
const gz = gzipSync(text).length;

const synonyms = loadSynonyms(readKnowledge('synonyms.json'));
const phrases = compilePhrases(readKnowledge('phrases.json'), readKnowledge('provinces.json'));

// Cold-ish loads: a fresh parse and a fresh load every time (the worker pays both once per isolate).
// fromSnapshot alone, then the whole engine (fromSnapshot plus the engine's own tables) as the worker builds it.
const parseMs: number[] = [];
const fromSnapshotMs: number[] = [];
const engineMs: number[] = [];
let engine: SearchEngine | null = null;
for (let i = 0; i < LOADS; i++) {
  const t0 = performance.now();
  const snapshot = JSON.parse(text) as Snapshot;
  const t1 = performance.now();
  fromSnapshot(snapshot);
  const t2 = performance.now();
  const fresh = JSON.parse(text) as Snapshot;
  const t3 = performance.now();
  engine = new SearchEngine(fresh, synonyms, phrases);
  const t4 = performance.now();
  parseMs.push(t1 - t0);
  fromSnapshotMs.push(t2 - t1);
  engineMs.push(t4 - t3);
}
const loaded = engine!;

// Memory the loaded engine holds (what a worker isolate keeps for its life), from the heap after a
// full GC with and without it. Needs --expose-gc (npm run bench passes it).
const gc = (globalThis as { gc?: () => void }).gc;
function heapAfterGc(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}
let heapMb: string | null = null;
if (gc) {
  engine = null;
  const before = heapAfterGc();
  engine = new SearchEngine(JSON.parse(text) as Snapshot, synonyms, phrases);
  heapMb = ((heapAfterGc() - before) / 1e6).toFixed(1);
}

/**
 * Latencies (ms) after warm-up rounds: `perQuestion`, each question's median over ROUNDS runs (what
 * a query costs, robust to GC pauses and a busy machine); `runs`, every single run.
 */
function latencies(questions: string[]): { perQuestion: number[]; runs: number[] } {
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const q of questions) loaded.search(q, { limit: 5 });
  const runs: number[][] = questions.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    questions.forEach((q, i) => {
      const t0 = performance.now();
      loaded.search(q, { limit: 5 });
      runs[i]!.push(performance.now() - t0);
    });
  }
  return {
    perQuestion: runs.map(median).sort((a, b) => a - b),
    runs: runs.flat().sort((a, b) => a - b),
  };
}

const portal = readEvalSet('portal-questions-dev').map((q) => q.question);
const chat = readEvalSet('chat-queries-dev').map((q) => q.question);

console.log(`environment: Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`);
console.log(`index snapshot: ${bytes} bytes (${mb(bytes)}), gzip ${gz} bytes (${mb(gz)}), ${loaded.size} procedures`);
console.log(
  `index load (median of ${LOADS}): JSON.parse ${ms(median(parseMs))}, fromSnapshot ${ms(median(fromSnapshotMs))}, new SearchEngine (incl. fromSnapshot) ${ms(median(engineMs))}; parse + engine ${ms(median(parseMs.map((p, i) => p + engineMs[i]!)))}`,
);
console.log(`  first load: JSON.parse ${ms(parseMs[0]!)}, fromSnapshot ${ms(fromSnapshotMs[0]!)}`);
console.log(heapMb ? `loaded engine heap: ${heapMb} MB (of a worker isolate's 128 MB)` : 'loaded engine heap: run with --expose-gc to measure');
for (const [label, questions] of [
  ['portal questions', portal],
  ['chat questions', chat],
] as const) {
  const { perQuestion, runs } = latencies(questions);
  console.log(
    `search latency, ${label} (${questions.length} questions, median of ${ROUNDS} runs each, after ${WARMUP_ROUNDS} warm-up rounds): ` +
      `p50 ${ms(percentile(perQuestion, 0.5))}, p99 ${ms(percentile(perQuestion, 0.99))}, max ${ms(perQuestion[perQuestion.length - 1]!)}` +
      `; all ${runs.length} runs: p50 ${ms(percentile(runs, 0.5))}, p99 ${ms(percentile(runs, 0.99))}`,
  );
}

// The worker as deployed: its bundle, and the first answers of fresh workerd isolates.
if (!process.argv.includes('--no-worker')) {
  const { bundleSize, coldStarts } = await import('./lib/bench-worker.ts');
  const bundle = bundleSize();
  console.log(
    `worker bundle (wrangler deploy --dry-run): ${mb(bundle.bytes)}, ${(bundle.gzipped / 1024).toFixed(0)} KiB gzipped` +
      (bundle.files.length > 1 ? ` (${bundle.files.map((f) => `${f.name} ${(f.gzipped / 1024).toFixed(0)} KiB`).join(', ')})` : ''),
  );
  const isolates = Number(process.argv.find((a) => a.startsWith('--isolates='))?.slice('--isolates='.length) ?? 5);
  const cold = await coldStarts(isolates);
  const figures = (runs: { first: number; then: number }[]) => {
    const first = runs.map((r) => r.first);
    return `median ${ms(median(first))}, max ${ms(Math.max(...first))} (each: ${first.map((x) => x.toFixed(0)).join(', ')}); then ${ms(median(runs.map((r) => r.then)))}`;
  };
  console.log(`worker cold start, ${isolates} fresh workerd isolates each (wrangler dev, over loopback, after its /api/health readiness check):`);
  console.log(`  first /api/search: ${figures(cold.search)}`);
  console.log(`  first /api/chat:   ${figures(cold.chat)}`);
}
