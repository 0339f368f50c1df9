// npm run load — drives the worker running in workerd (as `npm start` runs it) from this second
// process over loopback, for a bounded time: first a trivial endpoint (/api/health), then a
// realistic mix (70% /api/chat with the eval questions — first questions and follow-ups carrying
// the context, as the widget sends them —, 20% /api/search, 10% /widget.js and
// /api/procedures/:code). Prints requests/s, p50/p99 latency, errors and non-2xx for both, and the
// ratio mix/trivial — the figure to watch on noisy machines. Rate limits are off for the run. A
// second server with the answer and search caches off shows what the caches contribute.
import autocannon from 'autocannon';
import { startDevServer } from './lib/dev-server.ts';
import { readEvalSet } from './lib/engine.ts';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);

type Req = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

const FOLLOW_UPS = ['lệ phí bao nhiêu?', 'mất bao lâu?', 'nộp ở đâu?', 'cần giấy tờ gì?', 'nộp online được không?'];

const chatRequest = (message: string, context: string | null): Req => ({
  method: 'POST',
  path: '/api/chat',
  headers: { 'content-type': 'application/json' },
  // What the widget sends: the context it holds (null for a first question).
  body: JSON.stringify({ message, context }),
});

/** Contexts of real answers, for follow-up questions: asked once before the measurement. */
async function contextsFor(baseUrl: string, questions: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const q of questions) {
    const res = await fetch(`${baseUrl}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: q, context: null }) });
    const body = (await res.json()) as { context?: string | null };
    if (body.context) out.push(body.context);
  }
  return out;
}

async function mix(baseUrl: string): Promise<Req[]> {
  const chatQuestions = readEvalSet('chat-queries-dev').map((q) => q.question);
  const questions = [...chatQuestions, ...readEvalSet('portal-questions-dev').map((q) => q.question.slice(0, 1000))];
  const codes = readEvalSet('chat-queries-dev').flatMap((q) => q.codes).slice(0, 20);
  const contexts = await contextsFor(baseUrl, chatQuestions.slice(0, 20));
  const reqs: Req[] = [];
  for (let i = 0; i < 200; i++) {
    const q = questions[(i * 7) % questions.length]!;
    const slot = i % 10;
    if (slot < 5) reqs.push(chatRequest(q, null));
    else if (slot < 7) reqs.push(chatRequest(FOLLOW_UPS[i % FOLLOW_UPS.length]!, contexts[i % contexts.length] ?? null));
    else if (slot < 9) reqs.push({ method: 'GET', path: `/api/search?q=${encodeURIComponent(q.slice(0, 200))}&limit=5` });
    else reqs.push({ method: 'GET', path: i % 20 === 9 ? '/widget.js' : `/api/procedures/${codes[i % codes.length]}` });
  }
  // Built in runs of ten (5 first questions, 2 follow-ups, 2 searches, 1 static), so every
  // connection cycling through sees the mix.
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

async function run(url: string, requests: Req[], seconds = SECONDS): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, requests, timeout: 10 });
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

async function measure(label: string, vars: Record<string, string>): Promise<{ trivial: Figures; mixed: Figures }> {
  const server = await startDevServer({ vars: { RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0', ...vars } });
  try {
    const requests = await mix(server.baseUrl);
    // Warm-up: load the index and the JIT before measuring.
    await run(server.baseUrl, requests.slice(0, 20), 3).catch(() => undefined);
    const trivial = await run(server.baseUrl, [{ method: 'GET', path: '/api/health' }]);
    const mixed = await run(server.baseUrl, requests);
    console.log(`\n${label}`);
    console.log(line('trivial (/api/health)', trivial));
    console.log(line('mix', mixed));
    console.log(`  ratio mix/trivial: ${(mixed.rps / Math.max(1, trivial.rps)).toFixed(2)}`);
    return { trivial, mixed };
  } finally {
    await server.stop();
  }
}

console.log(`Load test: ${SECONDS} s per phase, ${CONNECTIONS} connections, loopback, wrangler dev (workerd).`);
console.log('Mix: 50% first questions and 20% follow-ups (with the context the widget holds) on /api/chat, 20% /api/search, 10% /widget.js and /api/procedures/:code.');
const main = await measure('As configured (per-isolate caches of first answers and search results on):', {});
const uncached = await measure('With those caches off (ANSWER_CACHE_SIZE=0, SEARCH_CACHE_SIZE=0): every question answered from scratch:', {
  ANSWER_CACHE_SIZE: '0',
  SEARCH_CACHE_SIZE: '0',
});
const ratio = main.mixed.rps / Math.max(1, main.trivial.rps);
const failures = [main, uncached].reduce((n, r) => n + r.mixed.errors + r.mixed.non2xx + r.trivial.errors + r.trivial.non2xx, 0);
console.log(`\nResult: ratio mix/trivial ${ratio.toFixed(2)} (target ≥ 0.5); errors + non-2xx in all phases: ${failures} (target 0)`);
process.exitCode = failures === 0 ? 0 : 1;
