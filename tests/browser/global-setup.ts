// Global setup of the "browser" vitest project: the real worker (`wrangler dev --local`, see
// scripts/lib/dev-server.ts) on a free port, serving a copy of the built assets, with its own local
// state (D1 migrated), rate limits off, one allowed portal origin and a staff token.
import type { TestProject } from 'vitest/node';
import { freePort, startDevServer } from '../../scripts/lib/dev-server';
import { startDossierStub } from '../../scripts/lib/dossier-stub';

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
    /** The stand-in one-stop system (scripts/lib/dossier-stub.ts) the dossier lookup calls (iGate shape). */
    dossierStubOrigin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const portalPort = await freePort();
  // *.localhost resolves to loopback in Chromium: a real cross-origin page without DNS (and, being
  // loopback itself, without Local Network Access restrictions on its requests to the worker).
  const allowedOrigin = `http://portal.localhost:${portalPort}`;
  const staffToken = `staff-${crypto.randomUUID()}`;
  const stub = await startDossierStub();
  const server = await startDevServer({
    copyAssets: true,
    vars: {
      RATE_LIMIT_IP_PER_MIN: '0',
      RATE_LIMIT_SESSION_PER_MIN: '0',
      ALLOWED_ORIGINS: allowedOrigin,
      STAFF_TOKEN: staffToken,
      ...stub.vars('igate'),
      DOSSIER_SECRET: `dossier-${crypto.randomUUID()}`,
      DOSSIER_LOOKUPS_PER_HOUR: '100',
    },
  }).catch(async (err: unknown) => {
    await stub.close();
    throw err;
  });
  project.provide('baseUrl', server.baseUrl);
  project.provide('port', server.port);
  project.provide('portalPort', portalPort);
  project.provide('allowedOrigin', allowedOrigin);
  project.provide('staffToken', staffToken);
  project.provide('dossierStubOrigin', stub.origin);
  return async () => {
    await server.stop();
    await stub.close();
  };
}
