// The chat engine as deployed: the search engine, small talk, the catalog from static assets and
// the centre's configuration, built once per isolate.
import smalltalkJson from '../../knowledge/smalltalk.json';
import { getProcedure } from '../catalog/store';
import { dossierDesk } from '../dossier/runtime';
import type { Env } from '../env';
import { getSearchEngine } from '../search/runtime';
import { ChatEngine, type ChatConfig } from './engine';
import { compileSmalltalk, type Smalltalk } from './smalltalk';

let smalltalk: Smalltalk | null = null;

export function chatConfig(env: Env): ChatConfig {
  return {
    centreName: env.CENTRE_NAME || 'Trung tâm Phục vụ hành chính công',
    hotline: env.CENTRE_HOTLINE || '1900 0000',
    address: env.CENTRE_ADDRESS || 'Trung tâm Phục vụ hành chính công',
    submitUrlTemplate: env.SUBMIT_URL_TEMPLATE || undefined,
    province: env.PROVINCE || null,
  };
}

/** Who is talking: the dossier lookup's limits and lock-outs are per client. */
export interface TurnClient {
  channel: string;
  /** channel:session id. */
  client: string;
}

export async function getChatEngine(env: Env, turn?: TurnClient): Promise<ChatEngine> {
  const search = await getSearchEngine(env.ASSETS);
  smalltalk ??= compileSmalltalk(smalltalkJson);
  const config = chatConfig(env);
  const lookup = (code: string) => getProcedure(env.ASSETS, code);
  return new ChatEngine({
    search,
    smalltalk,
    getProcedure: lookup,
    config,
    ...(turn ? { dossier: dossierDesk(env, { ...turn, hotline: config.hotline, address: config.address, getProcedure: lookup }) } : {}),
  });
}
