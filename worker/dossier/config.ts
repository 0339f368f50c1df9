// The dossier lookup's connector, from the settings config.ts validated (README, "Dossier status
// lookup"). DOSSIER_CONNECTOR chooses the upstream; empty = the feature is off and the chat says
// where to look a dossier up instead. A connector without what it needs is off too, and the
// missing names are logged (never their values).
import type { DossierSettings } from '../config';
import { parseStatusOverrides, type NationalStatus } from './status';

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

export function readDossierConfig(s: DossierSettings): DossierConfig {
  const kind = s.connector;
  if (!kind) return { kind: 'off' };
  const problems: string[] = [];
  const need = (name: string, value: string) => {
    if (!value) problems.push(`${name} is empty`);
    return value;
  };
  const secret = s.secret;
  if (secret.length < MIN_SECRET_LENGTH) problems.push(`DOSSIER_SECRET must have at least ${MIN_SECRET_LENGTH} characters`);
  const { overrides, error } = parseStatusOverrides(s.statusMap);
  if (error) problems.push(error);
  const common: Common = { timeoutMs: s.timeoutMs, lookupsPerHour: s.lookupsPerHour, secret, statusOverrides: overrides };
  if (kind === 'igate') {
    const config: IgateConfig = {
      kind: 'igate',
      ...common,
      apiBase: need('DOSSIER_API_BASE', s.apiBase),
      tokenUrl: need('DOSSIER_TOKEN_URL', s.tokenUrl),
      clientId: need('DOSSIER_CLIENT_ID', s.clientId),
      clientSecret: need('DOSSIER_CLIENT_SECRET', s.clientSecret),
    };
    return problems.length ? { kind: 'misconfigured', problems } : config;
  }
  if (kind === 'dvcqg') {
    const config: DvcqgConfig = {
      kind,
      ...common,
      apiBase: need('DOSSIER_API_BASE', s.apiBase),
      authPath: need('DOSSIER_AUTH_PATH', s.authPath),
      sharePath: need('DOSSIER_SHARE_PATH', s.sharePath),
      username: need('DOSSIER_USERNAME', s.username),
      password: need('DOSSIER_PASSWORD', s.password),
      madonvi: need('DOSSIER_MADONVI', s.madonvi),
    };
    return problems.length ? { kind: 'misconfigured', problems } : config;
  }
  return { kind: 'misconfigured', problems: [`DOSSIER_CONNECTOR must be "igate", "dvcqg" or empty`] };
}
