// Global setup of the "browser" vitest project: builds the assets (catalog + widget), then runs the
// real worker with `wrangler dev --local` on a free port, with its own local state (D1 migrated)
// and rate limits off, and waits for /api/health. Stopped (whole process group) at the end.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '..', '..');
const STARTUP_TIMEOUT_MS = 120_000;

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:PORT — the worker under test (its demo page, API and widget). */
    baseUrl: string;
    port: number;
    /** Port for the test's own "portal" pages (tests/browser/helpers.ts startPortal), on loopback. */
    portalPort: number;
    /** The only portal origin ALLOWED_ORIGINS lists for this server (besides its own). */
    allowedOrigin: string;
    /** STAFF_TOKEN of this server (staff console login, tests/browser/staff.test.ts). */
    staffToken: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
  throw new Error(`wrangler dev did not become healthy at ${url} (exit code ${child.exitCode}).\n${log}`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
  execFileSync('npx', ['tsx', 'scripts/build.ts', '--if-stale'], { cwd: ROOT, stdio: 'inherit', env });

  const state = mkdtempSync(join(tmpdir(), 'tthc-browser-'));
  // The server reads a snapshot of build/assets (--assets): a rebuild during the run (npm run
  // build in another terminal) would otherwise pull files from under wrangler's asset watcher.
  const assets = join(state, 'assets');
  for (let attempt = 1; ; attempt++) {
    try {
      cpSync(join(ROOT, 'build', 'assets'), assets, { recursive: true });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      rmSync(assets, { recursive: true, force: true });
      execFileSync('npx', ['tsx', 'scripts/build.ts', '--if-stale'], { cwd: ROOT, stdio: 'inherit', env });
    }
  }
  if (existsSync(join(ROOT, 'migrations'))) {
    execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: ROOT, stdio: 'pipe', env });
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const portalPort = await freePort();
  // *.localhost resolves to loopback in Chromium: a real cross-origin page without DNS (and, being
  // loopback itself, without Local Network Access restrictions on its requests to the worker).
  const allowedOrigin = `http://portal.localhost:${portalPort}`;
  const logFile = join(state, 'wrangler.log');
  const log = createWriteStream(logFile);
  const staffToken = `staff-${crypto.randomUUID()}`;
  const child = spawn(
    'npx',
    [
      'wrangler', 'dev', '--local', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state, '--assets', assets,
      '--var', 'RATE_LIMIT_IP_PER_MIN:0', '--var', 'RATE_LIMIT_SESSION_PER_MIN:0', '--var', `ALLOWED_ORIGINS:${allowedOrigin}`, '--var', `STAFF_TOKEN:${staffToken}`,
      '--show-interactive-dev-session=false', '--log-level', 'warn',
    ],
    { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    rmSync(state, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, logFile);
  } catch (err) {
    await stop();
    throw err;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('port', port);
  project.provide('portalPort', portalPort);
  project.provide('allowedOrigin', allowedOrigin);
  project.provide('staffToken', staffToken);
  return stop;
}
