// npm run eval (second part) — the conversation engine on the chat-style dev questions (see
// scripts/lib/chat-eval.ts), and how long an answer takes in-process.
//
// chat-queries-dev-2 is reported on its odd lines (the ones tuned on) and its even lines (held back:
// the honest figure) apart, and so are chat-probes, chat-probes-2 and chat-scope (the team's own
// questions, tests/eval/README.md).
// --verbose lists the misses; --odd lists only the odd lines' misses.
import { newSession } from '../worker/chat/engine.ts';
import { loadChat } from './lib/chat.ts';
import { chatFigures, chatOutcomes, type ChatOutcome } from './lib/chat-eval.ts';
import { EVAL_SETS, readEvalSet, type EvalQuestion } from './lib/engine.ts';
import { pct, percentile } from './lib/metrics.ts';

const { chat, catalog } = loadChat();
const verbose = process.argv.includes('--verbose');
const oddOnly = process.argv.includes('--odd');

const ratio = (a: number, b: number) => pct(a / Math.max(1, b)).padStart(6);

function report(label: string, outcomes: ChatOutcome[]): void {
  const f = chatFigures(outcomes);
  console.log(`\n${label} (${f.inScope} in scope, ${f.outOfScope} out of scope)`);
  console.log(`  expected procedure answered  ${ratio(f.answeredRight, f.inScope)}  (${f.answeredRight}/${f.inScope}; target ≥ 90%)`);
  console.log(`  expected facts, right answers ${ratio(f.factsFound, f.factsOfRight)}  (${f.factsFound}/${f.factsOfRight}; target ≥ 85%)`);
  console.log(`  expected facts, all in scope  ${ratio(f.factsFound, f.factsTotal)}  (${f.factsFound}/${f.factsTotal})`);
  for (const aspect of ['detail', 'yesno']) {
    const some = chatFigures(outcomes.filter((o) => o.aspect === aspect));
    if (some.inScope) console.log(`    ${aspect.padEnd(7)} procedure ${ratio(some.answeredRight, some.inScope)}, facts ${ratio(some.factsFound, some.factsOfRight)} (${some.factsFound}/${some.factsOfRight})`);
  }
  console.log(`  fabricated numbers           ${String(f.fabricated.length).padStart(6)}  (in ${f.answers} procedure answers; target 0)`);
  if (f.outOfScope) console.log(`  out-of-scope declined        ${ratio(f.declined, f.outOfScope)}  (${f.declined}/${f.outOfScope}; target ≥ 90%)`);
  for (const x of f.fabricated) console.log(`  fabricated: ${x}`);
}

// Every chat set (the portal's questions are the search's, scripts/eval.ts).
const sets: [string, EvalQuestion[]][] = EVAL_SETS.filter((n) => n !== 'portal-questions-dev').map((n) => [n, readEvalSet(n)]);
const cold: number[] = [];
for (const [name, questions] of sets) {
  const outcomes = await chatOutcomes(chat, catalog, questions);
  cold.push(...outcomes.map((o) => o.ms));
  if (name === 'chat-queries-dev') report(name, outcomes);
  else {
    report(`${name}, odd lines (tuned on)`, outcomes.filter((o) => o.line % 2 === 1));
    report(`${name}, even lines (held back)`, outcomes.filter((o) => o.line % 2 === 0));
  }
  if (verbose || oddOnly) {
    for (const o of outcomes) if (o.miss && (!oddOnly || o.line % 2 === 1)) console.log(`  ✗ ${name}:${o.line} [${o.aspect}] ${o.miss}`);
  }
}

// Latency after warm-up (the pass above paid for JIT compilation and cold caches): the median of 5
// runs per question, so a garbage-collection pause on a shared machine is not taken for the engine.
cold.sort((a, b) => a - b);
const warm: number[] = [];
for (const [, questions] of sets) {
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
}
warm.sort((a, b) => a - b);
console.log(`\nchat latency over all sets (${warm.length} questions)`);
console.log(`  in-process (warm)    p50 ${percentile(warm, 0.5).toFixed(2)} ms, p99 ${percentile(warm, 0.99).toFixed(2)} ms (target p99 ≤ 20 ms)`);
console.log(`  first pass (cold)    p50 ${percentile(cold, 0.5).toFixed(2)} ms, p99 ${percentile(cold, 0.99).toFixed(2)} ms (JIT and caches warming up)`);
