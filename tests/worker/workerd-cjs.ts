// Vite configuration that lets the worker tests load botframework-connector, a CommonJS package,
// the way wrangler bundles it for production (wrangler.toml [alias]).
//
// vitest-pool-workers does not apply wrangler's [alias]; resolve.alias below does. The package's
// CommonJS files are then loaded by the pool's module-fallback service, which (0.15.1):
// - resolves their require() calls with ESM "import" conditions (zod 3 → index.js, uuid →
//   esm-browser) and then evaluates those ESM files as CommonJS ("Cannot use import statement
//   outside a module"): require() calls from node_modules are resolved here with Node's own
//   require resolution instead;
// - does not know node:process as a workerd built-in: it is shimmed with the global process;
// - fails loudly on optional dependencies that are not installed (node-fetch's "encoding"):
//   they resolve to an empty module, as the dependency's try/catch expects.
import { createRequire, isBuiltin } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const shim = (name: string) => fileURLToPath(new URL(`./shims/${name}`, import.meta.url));

export const workerdCjsAlias = {
  'botframework-connector': fileURLToPath(new URL('../../node_modules/botframework-connector/lib/index.js', import.meta.url)),
};

export function workerdCjsRequire(): Plugin {
  return {
    name: 'workerd-cjs-require',
    enforce: 'pre',
    resolveId(id, importer, options) {
      const custom: unknown = options?.custom?.['node-resolve'];
      const isRequire = typeof custom === 'object' && custom !== null && 'isRequire' in custom && custom.isRequire === true;
      if (!isRequire || !importer) return null;
      if (id === 'node:process' || id === 'process') return shim('process.cjs');
      if (isBuiltin(id) || id.startsWith('.') || id.startsWith('/') || !/[\\/]node_modules[\\/]/u.test(importer)) return null;
      try {
        return createRequire(importer.split('?')[0]!).resolve(id);
      } catch {
        return shim('empty.cjs');
      }
    },
  };
}
