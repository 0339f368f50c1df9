// The worker as deployed, for the bench: its bundle size (`wrangler deploy --dry-run`) and the first
// answers of fresh workerd isolates (`wrangler dev`, as `npm start` runs it).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startDevServer } from './dev-server.ts';
import { ROOT } from './paths.ts';

export interface BundleSize {
  /** Every file wrangler would upload as the worker script and its modules. */
  files: { name: string; bytes: number; gzipped: number }[];
  bytes: number;
  gzipped: number;
}

/** What `wrangler deploy` would upload as the worker (not the static assets), gzipped at level 9 as the budget test does. */
export function bundleSize(): BundleSize {
  const out = mkdtempSync(join(tmpdir(), 'tthc-bundle-'));
  try {
    execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
      cwd: ROOT,
      stdio: 'pipe',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
    });
    const files = readdirSync(out, { recursive: true })
      .map(String)
      .filter((f) => statSync(join(out, f)).isFile() && !f.endsWith('.map') && f !== 'README.md')
      .map((name) => {
        const bytes = readFileSync(join(out, name));
        return { name, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
      });
    return { files, bytes: files.reduce((s, f) => s + f.bytes, 0), gzipped: files.reduce((s, f) => s + f.gzipped, 0) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
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

/**
 * First /api/search and first /api/chat, each in its own fresh isolate (a new `wrangler dev`): the
 * chat's figure includes loading the index, as a citizen's first question to a cold isolate does.
 */
export async function coldStarts(isolates: number, onProgress?: (done: number) => void): Promise<ColdFigures> {
  const out: ColdFigures = { search: [], chat: [] };
  const timed = async (baseUrl: string, path: string, init?: RequestInit): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(baseUrl + path, init);
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return performance.now() - t0;
  };
  const fresh = async (run: (baseUrl: string) => Promise<ColdRun>): Promise<ColdRun> => {
    const server = await startDevServer({ vars: { RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0' } });
    try {
      return await run(server.baseUrl);
    } finally {
      await server.stop();
    }
  };
  for (let i = 0; i < isolates; i++) {
    out.search.push(
      await fresh(async (url) => ({
        first: await timed(url, '/api/search?q=dang%20ky%20khai%20sinh'),
        then: await timed(url, '/api/search?q=cap%20lai%20giay%20phep%20lai%20xe'),
      })),
    );
    out.chat.push(
      await fresh(async (url) => ({
        first: await timed(url, '/api/chat', CHAT('đăng ký kết hôn cần giấy tờ gì')),
        then: await timed(url, '/api/chat', CHAT('cấp lại giấy phép lái xe mất bao lâu')),
      })),
    );
    onProgress?.(i + 1);
  }
  return out;
}
