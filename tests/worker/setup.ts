// Setup of the worker test project (vitest.config.ts): applies the D1 migrations (read from
// migrations/ by vitest.config.ts into the TEST_MIGRATIONS binding) before each test file.
// applyD1Migrations is idempotent: already applied migrations are skipped.
/// <reference path="../../node_modules/@cloudflare/vitest-pool-workers/types/cloudflare-test.d.ts" />
import { applyD1Migrations, env, type D1Migration } from 'cloudflare:test';

const testEnv = env as unknown as { DB: D1Database; TEST_MIGRATIONS: D1Migration[] };

await applyD1Migrations(testEnv.DB, testEnv.TEST_MIGRATIONS);
