// globalSetup of the worker test project: the stand-in for the province's one-stop system
// (scripts/lib/dossier-stub.ts, both upstream shapes). vitest.config.ts points the worker's
// DOSSIER_* configuration at it (iGate by default; tests switch to DVCQG with overrides).
import type { TestProject } from 'vitest/node';
import { IGATE_TOKEN_PATH, STUB_CREDENTIALS, startDossierStub } from '../../scripts/lib/dossier-stub.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dossierStub: { origin: string };
  }
}

export const TEST_DOSSIER_SECRET = 'test-dossier-secret-0123456789';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stub = await startDossierStub();
  project.provide('dossierStub', { origin: stub.origin });
  return stub.close;
}

/** The worker's configuration for the stand-in: iGate, a 1 s timeout (timeout tests stay short). */
export function dossierBindings(origin: string): Record<string, string> {
  return {
    DOSSIER_CONNECTOR: 'igate',
    DOSSIER_API_BASE: `${origin}/igate/api`,
    DOSSIER_TOKEN_URL: `${origin}${IGATE_TOKEN_PATH}`,
    DOSSIER_CLIENT_ID: STUB_CREDENTIALS.clientId,
    DOSSIER_CLIENT_SECRET: STUB_CREDENTIALS.clientSecret,
    DOSSIER_USERNAME: STUB_CREDENTIALS.username,
    DOSSIER_PASSWORD: STUB_CREDENTIALS.password,
    DOSSIER_MADONVI: STUB_CREDENTIALS.madonvi,
    DOSSIER_AUTH_PATH: '/auth',
    DOSSIER_SHARE_PATH: '/share',
    DOSSIER_SECRET: TEST_DOSSIER_SECRET,
    DOSSIER_TIMEOUT_MS: '1000',
    DOSSIER_LOOKUPS_PER_HOUR: '10',
    // A developer's .dev.vars may set these (wrangler reads it): the tests use the defaults.
    DOSSIER_LOOKUP_URL: '',
    DOSSIER_STATUS_MAP: '',
  };
}
