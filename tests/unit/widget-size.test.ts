// The widget must stay small: portals load it on every page. Builds the bundle exactly as
// scripts/build-widget.ts does (esbuild, minified IIFE) and checks its gzipped size.
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WIDGET_OUT, bundleWidget } from '../../scripts/build-widget.ts';

export const MAX_GZIP_BYTES = 15 * 1024;

describe('widget.js size and shape', () => {
  it(`is at most ${MAX_GZIP_BYTES} bytes gzipped`, async () => {
    const code = await bundleWidget();
    const gzipped = gzipSync(code, { level: 9 }).length;
    console.log(`widget.js: ${code.length} B minified, ${gzipped} B gzipped (limit ${MAX_GZIP_BYTES} B)`);
    expect(gzipped).toBeLessThanOrEqual(MAX_GZIP_BYTES);
    // The built file, when present, is no bigger either.
    if (existsSync(WIDGET_OUT)) expect(gzipSync(readFileSync(WIDGET_OUT), { level: 9 }).length).toBeLessThanOrEqual(MAX_GZIP_BYTES);
  });

  it('is one IIFE that writes no markup strings into the page', async () => {
    const code = await bundleWidget();
    expect(code).toMatch(/^("use strict";)?\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/u);
    expect(code).not.toMatch(/\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|document\.write|\beval\(|new Function\(/u);
    // Its only global.
    expect(code).toContain('TTHCWidget');
  });
});
