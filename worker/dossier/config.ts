// The dossier lookup's configuration, read from the environment in this one place (README,
// "Dossier status lookup"). DOSSIER_CONNECTOR chooses the upstream; empty = the feature is off and
// the chat says where to look a dossier up instead. A connector without what it needs is off too,
// and the missing names are logged (never their values).
import type { Env } from '../env';
import { readLimit } from '../lib/rate-limit';
import { DEFAULT_TIMEOUT_MS } from './http';
import { parseStatusOverrides, type NationalStatus } from './status';

export const DEFAULT_LOOKUPS_PER_HOUR = 10;
/** DOSSIER_SECRET keys the hashes of codes and the sealed flow state: long enough to resist guessing. */
export const MIN_SECRET_LENGTH = 16;

interface Common {
  timeoutMs: number;
  lookupsPerHour: number;
  secret: string;
  statusOverrides: Record<string, NationalStatus>;
}

export interface IgateConfig extends Common {
  kind: 'igate';
  apiBase: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
}

export interface DvcqgConfig extends Common {
  kind: 'dvcqg';
  apiBase: string;
  authPath: string;
  sharePath: string;
  username: string;
  password: string;
  madonvi: string;
}

export type DossierConfig =
  | IgateConfig
  | DvcqgConfig
  | { kind: 'off' }
  /** Configured, but something is missing or wrong: treated as off, and logged. */
  | { kind: 'misconfigured'; problems: string[] };

const v = (s: string | undefined) => s?.trim() ?? '';
const base = (s: string | undefined) => v(s).replace(/\/+$/u, '');
const path = (s: string | undefined) => {
  const p = v(s);
  return p && !p.startsWith('/') ? `/${p}` : p;
};

export function readDossierConfig(env: Env): DossierConfig {
  const kind = v(env.DOSSIER_CONNECTOR).toLowerCase();
  if (!kind) return { kind: 'off' };
  const problems: string[] = [];
  const need = (name: keyof Env, value: string) => {
    if (!value) problems.push(`${name} is empty`);
    return value;
  };
  const secret = v(env.DOSSIER_SECRET);
  if (secret.length < MIN_SECRET_LENGTH) problems.push(`DOSSIER_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
  const { overrides, error } = parseStatusOverrides(env.DOSSIER_STATUS_MAP);
  if (error) problems.push(error);
  const timeout = readLimit(env.DOSSIER_TIMEOUT_MS, DEFAULT_TIMEOUT_MS);
  const common: Common = {
    timeoutMs: timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    lookupsPerHour: readLimit(env.DOSSIER_LOOKUPS_PER_HOUR, DEFAULT_LOOKUPS_PER_HOUR),
    secret,
    statusOverrides: overrides,
  };
  if (kind === 'igate') {
    const config: IgateConfig = {
      kind,
      ...common,
      apiBase: need('DOSSIER_API_BASE', base(env.DOSSIER_API_BASE)),
      tokenUrl: need('DOSSIER_TOKEN_URL', v(env.DOSSIER_TOKEN_URL)),
      clientId: need('DOSSIER_CLIENT_ID', v(env.DOSSIER_CLIENT_ID)),
      clientSecret: need('DOSSIER_CLIENT_SECRET', v(env.DOSSIER_CLIENT_SECRET)),
    };
    return problems.length ? { kind: 'misconfigured', problems } : config;
  }
  if (kind === 'dvcqg') {
    const config: DvcqgConfig = {
      kind,
      ...common,
      apiBase: need('DOSSIER_API_BASE', base(env.DOSSIER_API_BASE)),
      authPath: need('DOSSIER_AUTH_PATH', path(env.DOSSIER_AUTH_PATH)),
      sharePath: need('DOSSIER_SHARE_PATH', path(env.DOSSIER_SHARE_PATH)),
      username: need('DOSSIER_USERNAME', v(env.DOSSIER_USERNAME)),
      password: need('DOSSIER_PASSWORD', v(env.DOSSIER_PASSWORD)),
      madonvi: need('DOSSIER_MADONVI', v(env.DOSSIER_MADONVI)),
    };
    return problems.length ? { kind: 'misconfigured', problems } : config;
  }
  return { kind: 'misconfigured', problems: [`DOSSIER_CONNECTOR must be "igate", "dvcqg" or empty`] };
}
