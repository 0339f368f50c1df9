// npm run load — drives the worker running in workerd (as `npm start` runs it) from this second
// process over loopback, for a bounded time: first a trivial endpoint (/api/health), then a
// realistic mix (70% /api/chat with the eval questions, 20% /api/search, 10% /widget.js and
// /api/procedures/:code). Prints requests/s, p50/p99 latency, errors and non-2xx for both, and the
// ratio mix/trivial — the figure to watch on noisy machines. Rate limits are off for the run.
import autocannon from 'autocannon';
import { startDevServer } from './lib/dev-server.ts';
import { readEvalSet } from './lib/engine.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);

type Req = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

function mix(): Req[] {
  const questions = [...readEvalSet('chat-queries-dev'), ...readEvalSet('portal-questions-dev')].map((q) => q.question.slice(0, 1000));
  const codes = readEvalSet('chat-queries-dev').flatMap((q) => q.codes).slice(0, 20);
  const reqs: Req[] = [];
  for (let i = 0; i < 100; i++) {
    const q = questions[(i * 7) % questions.length]!;
    if (i % 10 < 7) {
      reqs.push({ method: 'POST', path: '/api/chat', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: q }) });
    } else if (i % 10 < 9) {
      reqs.push({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q.slice(0, 200))}&limit=5` });
    } else {
      reqs.push({ method: 'GET', path: i % 20 === 9 ? '/widget.js' : `/api/procedures/${codes[i % codes.length]}` });
    }
  }
  // Built in runs of ten (7 chat, 2 search, 1 static), so every connection cycling through sees the mix.
  return reqs;
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

async function run(url: string, requests: Req[]): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests, timeout: 10 });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

const line = (label: string, f: Figures) =>
  `  ${label.padEnd(30)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${String(f.p50).padStart(4)} ms  p99 ${String(f.p99).padStart(5)} ms  errors ${f.errors}  non-2xx ${f.non2xx}  (${f.total} requests)`;

const server = await startDevServer({ vars: { RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0' } });
try {
  // Warm-up: load the index and the JIT before measuring.
  await run(server.baseUrl, mix().slice(0, 20)).catch(() => undefined);
  const trivial = await run(server.baseUrl, [{ method: 'GET', path: '/api/health' }]);
  const mixed = await run(server.baseUrl, mix());
  const ratio = mixed.rps / Math.max(1, trivial.rps);
  console.log(`\nLoad test: ${SECONDS} s per phase, ${CONNECTIONS} connections, loopback, wrangler dev (workerd)`);
  console.log(line('trivial (/api/health)', trivial));
  console.log(line('mix (70% chat, 20% search, 10% static)', mixed));
  console.log(`  ratio mix/trivial: ${ratio.toFixed(2)} (target ≥ 0.5); errors+non-2xx in the mix: ${mixed.errors + mixed.non2xx} (target 0)`);
  process.exitCode = mixed.errors + mixed.non2xx === 0 && trivial.errors + trivial.non2xx === 0 ? 0 : 1;
} finally {
  await server.stop();
}
