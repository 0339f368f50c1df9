// The dossier lookup as deployed: the configured connector (one per isolate and configuration),
// the D1 guard for this conversation's client, the centre's contacts.
import type { Procedure } from '../catalog/schema';
import type { DossierSettings } from '../config';
import { logFailureOnce } from '../lib/log';
import { readDossierConfig, type DvcqgConfig, type IgateConfig } from './config';
import type { DossierConnector } from './connector';
import { DvcqgConnector } from './dvcqg';
import { createDesk, type DossierDesk } from './flow';
import { Guard } from './guard';
import { IgateConnector } from './igate';

const connectors = new Map<string, DossierConnector>();

function connectorFor(config: IgateConfig | DvcqgConfig): DossierConnector {
  const key = JSON.stringify(config);
  let c = connectors.get(key);
  if (!c) {
    if (connectors.size > 10) connectors.clear();
    c = config.kind === 'igate' ? new IgateConnector(config) : new DvcqgConnector(config);
    connectors.set(key, c);
  }
  return c;
}

export interface DeskContext {
  channel: string;
  /** channel:session id — the client whose lookups are counted and locked out. */
  client: string;
  hotline: string;
  address: string;
  getProcedure(code: string): Promise<Procedure | null>;
}

export function dossierDesk(db: D1Database, settings: DossierSettings, ctx: DeskContext): DossierDesk {
  const config = readDossierConfig(settings);
  if (config.kind === 'misconfigured') logFailureOnce('dossier.config', new Error(`lookup off: ${config.problems.join('; ')}`));
  const on = config.kind === 'igate' || config.kind === 'dvcqg' ? config : null;
  return createDesk({
    lookup: on
      ? {
          connector: connectorFor(on),
          guard: new Guard(db, on.secret, on.lookupsPerHour, ctx.channel, ctx.client),
          secret: on.secret,
          lookupsPerHour: on.lookupsPerHour,
        }
      : null,
    hotline: ctx.hotline,
    address: ctx.address,
    lookupUrl: settings.lookupUrl,
    getProcedure: ctx.getProcedure,
  });
}
