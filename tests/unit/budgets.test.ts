// Size budgets of what is deployed: the worker script within 1 MB compressed (the Workers free plan
// allows 3 MB; the search index is a static asset, not part of it: scripts/lib/bench-worker.ts), and
// every static asset under the 25 MiB per-file limit.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('deployment budgets', () => {
  it('bundles the worker (wrangler deploy --dry-run) within 1 MB gzipped, with no module beside the script', () => {
    const out = mkdtempSync(join(tmpdir(), 'tthc-bundle-'));
    try {
      execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', out], {
        cwd: ROOT,
        stdio: 'pipe',
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      });
      const script = readFileSync(join(out, 'index.js'));
      const gzipped = gzipSync(script, { level: 9 }).length;
      console.log(`worker bundle: ${(script.length / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
      expect(gzipped).toBeLessThanOrEqual(1_000_000);
      expect(readdirSync(out).filter((f) => f !== 'index.js' && !f.endsWith('.map') && f !== 'README.md')).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('keeps every static asset under 25 MiB', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
    const sizes = walk(join(ROOT, 'build', 'assets')).map((f) => statSync(f).size);
    expect(sizes.length).toBeGreaterThan(5000);
    expect(Math.max(...sizes)).toBeLessThan(25 * 1024 * 1024);
  });
});
