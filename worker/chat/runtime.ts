// The chat engine as deployed: the search engine, small talk, the catalog from static assets and
// the centre's configuration, built once per isolate.
import smalltalkJson from '../../knowledge/smalltalk.json';
import { getProcedure } from '../catalog/store';
import { dossierDesk } from '../dossier/runtime';
import type { Config } from '../config';
import type { Env } from '../env';
import { getSearchEngine } from '../search/runtime';
import { ChatEngine, type ChatConfig } from './engine';
import { compileSmalltalk, type Smalltalk } from './smalltalk';

let smalltalk: Smalltalk | null = null;

/** What of the worker's configuration the engine answers with. */
export function chatConfig(config: Config): ChatConfig {
  return {
    centreName: config.centre.name,
    hotline: config.centre.hotline,
    address: config.centre.address,
    submitUrlTemplate: config.submitUrlTemplate ?? undefined,
    province: config.province,
  };
}

/** Who is talking: the dossier lookup's limits and lock-outs are per client. */
export interface TurnClient {
  channel: string;
  /** channel:session id. */
  client: string;
}

export async function getChatEngine(env: Env, settings: Config, turn?: TurnClient): Promise<ChatEngine> {
  const search = await getSearchEngine(env.ASSETS);
  smalltalk ??= compileSmalltalk(smalltalkJson);
  const config = chatConfig(settings);
  const lookup = (code: string) => getProcedure(env.ASSETS, code);
  return new ChatEngine({
    search,
    smalltalk,
    getProcedure: lookup,
    config,
    ...(turn ? { dossier: dossierDesk(env.DB, settings.dossier, { ...turn, hotline: config.hotline, address: config.address, getProcedure: lookup }) } : {}),
  });
}
