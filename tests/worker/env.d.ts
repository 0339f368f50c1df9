/// <reference path="../../node_modules/@cloudflare/vitest-pool-workers/types/cloudflare-test.d.ts" />
import type { D1Migration } from '@cloudflare/vitest-pool-workers';
import type { Env as WorkerEnv } from '../../worker/env';

declare global {
  namespace Cloudflare {
    // The bindings `env` from cloudflare:test carries: the worker's own, plus the migrations to apply.
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS?: D1Migration[];
    }
  }
}
