// The worker as deployed, for the bench: the bundle `wrangler deploy` would upload (its size), run
// in fresh workerd processes (Miniflare, with the static assets, KV and D1 of wrangler.toml) to time
// a new isolate's first answers.
//
// Why not `wrangler dev`: its development tooling (the proxy and inspector between the client and
// workerd) stalls every request for 200–450 ms on this machine while a worker reads a multi-megabyte
// static asset — a concurrent /api/health waits too, though the worker itself answers in 1 ms. The
// deployed runtime has no such stall, and workerd run directly shows none (the same index read in
// 4–8 ms), so the figures here are workerd's own. `--wrangler-dev` measures through wrangler dev too.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { startDevServer } from './dev-server.ts';
import { ROOT } from './paths.ts';

export interface Bundle {
  dir: string;
  /** Every file wrangler would upload as the worker script and its modules, gzipped at level 9 as the budget test does. */
  files: { name: string; bytes: number; gzipped: number }[];
  bytes: number;
  gzipped: number;
  remove(): void;
}

/** The worker as `wrangler deploy` would upload it (--dry-run --outdir). */
export function deployBundle(): Bundle {
  const dir = mkdtempSync(join(tmpdir(), 'tthc-bundle-'));
  execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', dir], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
  });
  const files = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile() && !f.endsWith('.map') && f !== 'README.md')
    .map((name) => {
      const bytes = readFileSync(join(dir, name));
      return { name, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
    });
  return {
    dir,
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipped: files.reduce((s, f) => s + f.gzipped, 0),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const MODULE_TYPES: Record<string, 'ESModule' | 'Data' | 'Text' | 'CompiledWasm'> = {
  '.js': 'ESModule',
  '.mjs': 'ESModule',
  '.bin': 'Data',
  '.txt': 'Text',
  '.wasm': 'CompiledWasm',
};

/**
 * What a new isolate does with the script before its first request — compile it and run its
 * top-level code — timed in fresh Node processes (workerd does not report it; Node runs the same
 * V8, and the bundle's Node built-in imports resolve there). Median of `runs`, ms.
 */
export function scriptStartup(bundle: Bundle, runs: number): number[] {
  const copy = join(bundle.dir, 'startup-probe.mjs');
  copyFileSync(join(bundle.dir, 'index.js'), copy);
  const code = `const t = performance.now(); await import(${JSON.stringify(pathToFileURL(copy).href)}); console.log(performance.now() - t);`;
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const printed = execFileSync(process.execPath, ['--input-type=module', '--no-warnings', '-e', code], { encoding: 'utf8' });
    out.push(Number(printed.trim().split('\n').pop()));
  }
  rmSync(copy);
  return out;
}

interface Isolate {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

/** A fresh workerd process running the bundle with wrangler.toml's bindings (local state in a temporary directory). */
async function startIsolate(bundle: Bundle): Promise<Isolate> {
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(ROOT, 'wrangler.toml'));
  const state = mkdtempSync(join(tmpdir(), 'tthc-isolate-'));
  const modules = bundle.files
    .filter((f) => MODULE_TYPES[extname(f.name)])
    .sort((a, b) => (a.name === 'index.js' ? -1 : b.name === 'index.js' ? 1 : 0))
    .map((f) => ({ type: MODULE_TYPES[extname(f.name)]!, path: join(bundle.dir, f.name) }));
  const mf = new Miniflare({
    workers: [
      {
        ...workerOptions,
        modules,
        modulesRoot: bundle.dir,
        bindings: { ...workerOptions.bindings, RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0', STAFF_TOKEN: '' },
      },
    ],
    defaultPersistRoot: state,
  } as ConstructorParameters<typeof Miniflare>[0]);
  await mf.ready;
  // The exchange log's tables, as `wrangler d1 migrations apply` makes them.
  const db = await mf.getD1Database('DB');
  for (const file of readdirSync(join(ROOT, 'migrations')).filter((f) => f.endsWith('.sql')).sort()) {
    const sql = readFileSync(join(ROOT, 'migrations', file), 'utf8').replace(/--.*$/gmu, '');
    for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await db.prepare(statement).run();
  }
  return {
    fetch: async (path, init) => (await mf.dispatchFetch(`http://localhost${path}`, init as never)) as unknown as Response,
    dispose: async () => {
      await mf.dispose();
      rmSync(state, { recursive: true, force: true });
    },
  };
}

export interface ColdRun {
  /** The first request a fresh isolate answers after its readiness check (/api/health), ms. */
  first: number;
  /** The same endpoint again (another question, so no cache answers it), ms. */
  then: number;
}

export interface ColdFigures {
  search: ColdRun[];
  chat: ColdRun[];
}

const CHAT = (message: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ message, context: null }),
});

const SEARCH_1 = '/api/search?q=dang%20ky%20khai%20sinh';
const SEARCH_2 = '/api/search?q=cap%20lai%20giay%20phep%20lai%20xe';
const CHAT_1 = 'đăng ký kết hôn cần giấy tờ gì';
const CHAT_2 = 'cấp lại giấy phép lái xe mất bao lâu';

async function timed(fetcher: (path: string, init?: RequestInit) => Promise<Response>, path: string, init?: RequestInit): Promise<number> {
  const t0 = performance.now();
  const res = await fetcher(path, init);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return performance.now() - t0;
}

/**
 * First /api/search and first /api/chat, each in its own fresh isolate (after a readiness check on
 * /api/health): the chat's figure includes loading the index, as a citizen's first question to a
 * cold isolate does. `via`: workerd run directly on the deployable bundle, or `wrangler dev`.
 */
export async function coldStarts(isolates: number, via: 'workerd' | 'wrangler-dev', bundle?: Bundle): Promise<ColdFigures> {
  const out: ColdFigures = { search: [], chat: [] };
  const fresh = async (run: (fetcher: (path: string, init?: RequestInit) => Promise<Response>) => Promise<ColdRun>): Promise<ColdRun> => {
    if (via === 'workerd') {
      const isolate = await startIsolate(bundle!);
      try {
        await timed(isolate.fetch, '/api/health');
        return await run(isolate.fetch);
      } finally {
        await isolate.dispose();
      }
    }
    const server = await startDevServer({ vars: { RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0' } });
    try {
      return await run((path, init) => fetch(server.baseUrl + path, init));
    } finally {
      await server.stop();
    }
  };
  for (let i = 0; i < isolates; i++) {
    out.search.push(await fresh(async (f) => ({ first: await timed(f, SEARCH_1), then: await timed(f, SEARCH_2) })));
    out.chat.push(await fresh(async (f) => ({ first: await timed(f, '/api/chat', CHAT(CHAT_1)), then: await timed(f, '/api/chat', CHAT(CHAT_2)) })));
  }
  return out;
}
