// Runs the real worker (`wrangler dev --local`, workerd) on a free port with its own local state
// (D1 migrated), for the load test, the bench and the browser tests; stopped as a process group.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export interface DevServer {
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** `--var NAME:value` for this server. */
  vars?: Record<string, string>;
  /**
   * Serve a copy of build/assets: a rebuild during the run (npm run build in another terminal)
   * would otherwise pull files from under wrangler's asset watcher.
   */
  copyAssets?: boolean;
  timeoutMs?: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const env = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' };
  const build = () => execFileSync('npx', ['tsx', 'scripts/build.ts', '--if-stale'], { cwd: ROOT, stdio: 'inherit', env });
  build();
  const state = mkdtempSync(join(tmpdir(), 'tthc-dev-'));
  const args = ['wrangler', 'dev', '--local', '--ip', '127.0.0.1', '--persist-to', state];
  if (opts.copyAssets) {
    const assets = join(state, 'assets');
    for (let attempt = 1; ; attempt++) {
      try {
        cpSync(join(ROOT, 'build', 'assets'), assets, { recursive: true });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        rmSync(assets, { recursive: true, force: true });
        build();
      }
    }
    args.push('--assets', assets);
  }
  execFileSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], { cwd: ROOT, stdio: 'pipe', env });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  args.push('--port', String(port));
  for (const [k, v] of Object.entries(opts.vars ?? {})) args.push('--var', `${k}:${v}`);
  args.push('--show-interactive-dev-session=false', '--log-level', 'warn');
  const logFile = join(state, 'wrangler.log');
  const log = createWriteStream(logFile);
  const child = spawn('npx', args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      const kill = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      };
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
    rmSync(state, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { baseUrl, port, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-4000) : '';
  await stop();
  throw new Error(`wrangler dev did not become healthy at ${baseUrl} (exit code ${child.exitCode}).\n${tail}`);
}
