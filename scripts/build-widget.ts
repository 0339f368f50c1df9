// Builds the embeddable chat widget (widget/src, TypeScript, no framework) into one minified
// IIFE script with esbuild:
//   build/assets/widget.js            served at /widget.js (short cache: portals get the latest)
//   build/assets/widget.<hash>.js     served at /widget.<hash>.js (immutable, content-hashed)
//   build/assets/widget-manifest.json {file, hash, bytes, gzipBytes}: what the worker serves
// Run by scripts/build.ts (npm run build / --if-stale), or alone: tsx scripts/build-widget.ts.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ROOT } from './lib/paths.ts';

export const WIDGET_SRC = join(ROOT, 'widget', 'src');
export const WIDGET_ENTRY = join(WIDGET_SRC, 'main.ts');
const OUT = join(ROOT, 'build', 'assets');
export const WIDGET_OUT = join(OUT, 'widget.js');
export const WIDGET_MANIFEST = join(OUT, 'widget-manifest.json');

export interface WidgetManifest {
  file: string;
  hash: string;
  bytes: number;
  gzipBytes: number;
  builtAt: string;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function isStale(): boolean {
  if (!existsSync(WIDGET_MANIFEST) || !existsSync(WIDGET_OUT)) return true;
  const built = statSync(WIDGET_MANIFEST).mtimeMs;
  return newestMtime(WIDGET_SRC) > built || statSync(new URL(import.meta.url)).mtimeMs > built;
}

/** The minified bundle, without writing anything (the size test uses it too). */
export async function bundleWidget(): Promise<string> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome90', 'firefox90', 'safari14'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export async function buildWidget(ifStale = false): Promise<WidgetManifest | null> {
  if (ifStale && !isStale()) return null;
  const t0 = performance.now();
  const code = await bundleWidget();
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const file = `widget.${hash}.js`;
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/^widget\.[0-9a-f]{12}\.js$/u.test(f) && f !== file) rmSync(join(OUT, f));
  writeFileSync(join(OUT, file), code);
  writeFileSync(WIDGET_OUT, code);
  const manifest: WidgetManifest = {
    file,
    hash,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    builtAt: new Date().toISOString(),
  };
  // Written last: its mtime marks a complete build.
  writeFileSync(WIDGET_MANIFEST, JSON.stringify(manifest));
  console.log(`build: widget → build/assets/${file} (${manifest.bytes} B, ${manifest.gzipBytes} B gzipped, ${Math.round(performance.now() - t0)} ms)`);
  return manifest;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  await buildWidget(process.argv.includes('--if-stale'));
}
