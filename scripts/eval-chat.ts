// npm run eval (second part) — the conversation engine on the chat-style dev questions (see
// scripts/lib/chat-eval.ts), and how long an answer takes in-process.
import { newSession } from '../worker/chat/engine.ts';
import { loadChat } from './lib/chat.ts';
import { evaluateChat } from './lib/chat-eval.ts';
import { readEvalSet } from './lib/engine.ts';
import { pct, percentile } from './lib/metrics.ts';

const { chat, catalog } = loadChat();
const questions = readEvalSet('chat-queries-dev');
const f = await evaluateChat(chat, catalog, questions);
if (process.argv.includes('--verbose')) for (const m of f.misses) console.log(`  ✗ ${m}`);

// Latency after warm-up (the pass above paid for JIT compilation and cold caches): the median of 5
// runs per question, so a garbage-collection pause on a shared machine is not taken for the engine.
const cold = [...f.times].sort((a, b) => a - b);
const warm: number[] = [];
for (const q of questions) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await chat.respond(q.question, newSession());
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  warm.push(runs[2]!);
}
warm.sort((a, b) => a - b);

console.log(`\nchat engine on chat-queries-dev (${questions.length} questions: ${f.inScope} in scope, ${f.outOfScope} out of scope)`);
console.log(`  expected procedure answered  ${pct(f.answeredRight / f.inScope).padStart(6)}  (target ≥ 90%)`);
console.log(`  expected facts in the answer ${pct(f.factsFound / Math.max(1, f.factsTotal)).padStart(6)}  (${f.factsFound}/${f.factsTotal}; target ≥ 90%)`);
console.log(`  fabricated numbers           ${String(f.fabricated.length).padStart(6)}  (in ${f.answers} procedure answers; target 0)`);
console.log(`  out-of-scope declined        ${pct(f.declined / Math.max(1, f.outOfScope)).padStart(6)}  (target ≥ 90%)`);
console.log(`  latency in-process (warm)    p50 ${percentile(warm, 0.5).toFixed(2)} ms, p99 ${percentile(warm, 0.99).toFixed(2)} ms (target p99 ≤ 20 ms)`);
console.log(`  latency, first pass (cold)   p50 ${percentile(cold, 0.5).toFixed(2)} ms, p99 ${percentile(cold, 0.99).toFixed(2)} ms (JIT and caches warming up)`);
for (const x of f.fabricated) console.log(`  fabricated: ${x}`);
