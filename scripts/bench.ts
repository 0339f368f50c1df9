// npm run bench — how fast the search starts and answers: the index file's size, its load time
// in-process (in fresh Node processes, as cold as a new isolate, and warm), the heap the loaded
// engine holds, per-question latency over the dev question sets, the worker bundle's size, and the
// first answers of fresh workerd isolates. Figures are for this machine and Node version (printed).
// `--no-worker` skips the workerd part; `--isolates=N` sets how many fresh isolates (default 5).
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { readIndex } from '../worker/search/binary.ts';
import { SearchEngine } from '../worker/search/engine.ts';
import { compilePhrases } from '../worker/search/phrases.ts';
import { loadSynonyms } from '../worker/search/synonyms.ts';
import { readEvalSet, readIndexBytes, readKnowledge } from './lib/engine.ts';
import { percentile } from './lib/metrics.ts';
import { ROOT } from './lib/paths.ts';

const COLD_PROCESSES = 5;
const LOADS = 7;
const WARMUP_ROUNDS = 3;
const ROUNDS = 10;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number): string => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(2)} MB`;
const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

interface LoadFigures {
  /** readIndex: header, checksum, views. */
  read: number;
  /** The synonyms and question phrases compiled (the worker has them bundled, already parsed). */
  knowledge: number;
  /** new SearchEngine over the index. */
  engine: number;
  /** The first search, then the second (another question). */
  firstSearch: number;
  secondSearch: number;
}

/** One load as a worker isolate does it, timed; `bytes` as fetched from the assets. */
function timedLoad(bytes: Uint8Array, knowledge: { synonyms: unknown; phrases: unknown; provinces: unknown }): LoadFigures & { engine_: SearchEngine } {
  const t0 = performance.now();
  const index = readIndex(bytes);
  const t1 = performance.now();
  const synonyms = loadSynonyms(knowledge.synonyms);
  const phrases = compilePhrases(knowledge.phrases, knowledge.provinces);
  const t2 = performance.now();
  const engine = new SearchEngine(index, synonyms, phrases);
  const t3 = performance.now();
  engine.search('đăng ký khai sinh', { limit: 5 });
  const t4 = performance.now();
  engine.search('cấp lại giấy phép lái xe bị mất', { limit: 5 });
  const t5 = performance.now();
  return { read: t1 - t0, knowledge: t2 - t1, engine: t3 - t2, firstSearch: t4 - t3, secondSearch: t5 - t4, engine_: engine };
}

const readKnowledgeFiles = () => ({
  synonyms: readKnowledge('synonyms.json'),
  phrases: readKnowledge('phrases.json'),
  provinces: readKnowledge('provinces.json'),
});

// Child mode: one cold load in this fresh process, printed as JSON for the parent.
if (process.argv.includes('--load-once')) {
  const bytes = readIndexBytes();
  const knowledge = readKnowledgeFiles();
  const { engine_: _, ...figures } = timedLoad(bytes, knowledge);
  console.log(JSON.stringify(figures));
  process.exit(0);
}

const bytes = readIndexBytes();
const knowledge = readKnowledgeFiles();
console.log(`environment: Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.cpus()[0]?.model ?? 'unknown CPU'} ×${os.cpus().length}`);
console.log(`index file (build/assets/data/index.bin): ${bytes.length} bytes (${mb(bytes.length)}), gzip ${mb(gzipSync(bytes).length)}`);

// Cold: each load in a fresh Node process, where nothing is compiled yet (as in a new isolate).
const cold: LoadFigures[] = [];
for (let i = 0; i < COLD_PROCESSES; i++) {
  const out = execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, '--load-once'], { cwd: ROOT, encoding: 'utf8' });
  cold.push(JSON.parse(out.trim().split('\n').pop()!) as LoadFigures);
}
const show = (pick: (f: LoadFigures) => number) => {
  const xs = cold.map(pick);
  return `${ms(median(xs))} (max ${ms(Math.max(...xs))})`;
};
console.log(`index load in-process, cold (median of ${COLD_PROCESSES} fresh Node processes):`);
console.log(`  read the index (header, checksum, views): ${show((f) => f.read)}`);
console.log(`  synonyms and phrases compiled: ${show((f) => f.knowledge)}; new SearchEngine: ${show((f) => f.engine)}`);
console.log(`  first search ${show((f) => f.firstSearch)}, second ${show((f) => f.secondSearch)}`);

// Warm: the same load again in this process (code compiled), median of LOADS.
const warm: LoadFigures[] = [];
let loaded: SearchEngine | null = null;
for (let i = 0; i < LOADS; i++) {
  const { engine_, ...figures } = timedLoad(bytes, knowledge);
  warm.push(figures);
  loaded = engine_;
}
console.log(
  `index load in-process, warm (median of ${LOADS}): read ${ms(median(warm.map((f) => f.read)))}, ` +
    `synonyms and phrases ${ms(median(warm.map((f) => f.knowledge)))}, new SearchEngine ${ms(median(warm.map((f) => f.engine)))}`,
);

// Memory the loaded engine holds (what a worker isolate keeps for its life), from the heap after a
// full GC with and without it: JavaScript objects, plus the index file's bytes (an ArrayBuffer, held
// outside the JS heap but counted in an isolate's memory). Needs --expose-gc (npm run bench passes it).
const gc = (globalThis as { gc?: () => void }).gc;
function memoryAfterGc(): { heap: number; buffers: number } {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}
if (gc) {
  loaded = null;
  const before = memoryAfterGc();
  const fresh = readIndexBytes();
  loaded = new SearchEngine(readIndex(fresh), loadSynonyms(knowledge.synonyms), compilePhrases(knowledge.phrases, knowledge.provinces));
  loaded.search('đăng ký khai sinh');
  const after = memoryAfterGc();
  const heap = after.heap - before.heap;
  const buffers = after.buffers - before.buffers;
  console.log(`loaded engine holds: ${mb(heap + buffers)} (JS heap ${mb(heap)}, index bytes ${mb(buffers)}) of a worker isolate's 128 MB`);
} else {
  console.log('loaded engine holds: run with --expose-gc to measure');
}
const engine = loaded!;

/**
 * Latencies (ms) after warm-up rounds: `perQuestion`, each question's median over ROUNDS runs (what
 * a query costs, robust to GC pauses and a busy machine); `runs`, every single run.
 */
function latencies(questions: string[]): { perQuestion: number[]; runs: number[] } {
  for (let r = 0; r < WARMUP_ROUNDS; r++) for (const q of questions) engine.search(q, { limit: 5 });
  const runs: number[][] = questions.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    questions.forEach((q, i) => {
      const t0 = performance.now();
      engine.search(q, { limit: 5 });
      runs[i]!.push(performance.now() - t0);
    });
  }
  return {
    perQuestion: runs.map(median).sort((a, b) => a - b),
    runs: runs.flat().sort((a, b) => a - b),
  };
}

for (const [label, questions] of [
  ['portal questions', readEvalSet('portal-questions-dev').map((q) => q.question)],
  ['chat questions', readEvalSet('chat-queries-dev').map((q) => q.question)],
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
  const { coldStarts, deployBundle, scriptStartup } = await import('./lib/bench-worker.ts');
  const bundle = deployBundle();
  try {
    console.log(
      `worker bundle (wrangler deploy --dry-run): ${mb(bundle.bytes)}, ${(bundle.gzipped / 1024).toFixed(0)} KiB gzipped` +
        (bundle.files.length > 1 ? ` (${bundle.files.map((f) => `${f.name} ${(f.gzipped / 1024).toFixed(0)} KiB`).join(', ')})` : ''),
    );
    const startup = scriptStartup(bundle, COLD_PROCESSES);
    console.log(`worker script startup (compile and top-level code; fresh Node processes, median of ${startup.length}): ${ms(median(startup))} (max ${ms(Math.max(...startup))})`);
    const isolates = Number(arg('isolates') ?? 5);
    const figures = (list: { first: number; then: number }[]) => {
      const first = list.map((r) => r.first);
      return `median ${ms(median(first))}, max ${ms(Math.max(...first))} (each: ${first.map((x) => x.toFixed(0)).join(', ')}); then ${ms(median(list.map((r) => r.then)))}`;
    };
    for (const via of process.argv.includes('--wrangler-dev') ? (['workerd', 'wrangler-dev'] as const) : (['workerd'] as const)) {
      const runs = await coldStarts(isolates, via, bundle);
      console.log(
        via === 'workerd'
          ? `worker cold start, ${isolates} fresh workerd isolates each (the deployable bundle, Miniflare; after a readiness check on /api/health):`
          : `the same through wrangler dev (its proxy stalls while a worker reads a large asset: see scripts/lib/bench-worker.ts):`,
      );
      console.log(`  first /api/search: ${figures(runs.search)}`);
      console.log(`  first /api/chat:   ${figures(runs.chat)}`);
    }
  } finally {
    bundle.remove();
  }
}
