import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { dossierBindings } from './tests/worker/dossier-stub-setup.ts';
import { channelBindings } from './tests/worker/stub-server.ts';
import { workerdCjsAlias, workerdCjsRequire } from './tests/worker/workerd-cjs.ts';

export default defineConfig({
  // For the worker project: CommonJS dependencies are loaded by vitest-pool-workers' module
  // fallback, which resolves through this root server (tests/worker/workerd-cjs.ts).
  plugins: [workerdCjsRequire()],
  test: {
    projects: [
      // Scripts and pure modules, in Node.
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      // The worker itself, in workerd with local KV/D1/assets, as `wrangler dev` runs it.
      // The D1 migrations are read here (in Node) and applied by tests/worker/setup.ts (in workerd).
      // Channel APIs (Zalo, Messenger, Bot Framework) are a local stub server (tests/worker/stub-server.ts).
      {
        // botframework-connector as wrangler bundles it (wrangler.toml [alias]); see tests/worker/workerd-cjs.ts.
        resolve: { alias: workerdCjsAlias },
        plugins: [
          cloudflareTest(async ({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                // wrangler also reads a developer's .dev.vars (`npm start` writes a STAFF_TOKEN
                // there): the tests see the configuration of wrangler.toml alone.
                STAFF_TOKEN: '',
                STAFF_AUTH: '',
                TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL('./migrations', import.meta.url))),
                ...channelBindings(inject('channelStub').origin),
                // The dossier lookup against its stand-in (tests/worker/dossier-stub-setup.ts).
                ...dossierBindings(inject('dossierStub').origin),
              },
            },
          })),
        ],
        test: {
          name: 'worker',
          include: ['tests/worker/**/*.test.ts'],
          setupFiles: ['./tests/worker/setup.ts'],
          globalSetup: ['./tests/worker/stub-server.ts', './tests/worker/dossier-stub-setup.ts'],
        },
      },
      // The widget and demo page end to end: real Chromium (playwright-core) against `wrangler dev`.
      {
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
