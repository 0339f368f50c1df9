// The chat engine as the worker builds it, for scripts running in Node (eval, bench).
import type { Procedure } from '../../worker/catalog/schema.ts';
import { ChatEngine, type ChatConfig } from '../../worker/chat/engine.ts';
import type { SearchEngine } from '../../worker/search/engine.ts';
import { compileSmalltalk } from '../../worker/chat/smalltalk.ts';
import { readCatalog } from './catalog.ts';
import { loadEngine, readKnowledge } from './engine.ts';

export const DEFAULT_CHAT_CONFIG: ChatConfig = {
  centreName: 'Trung tâm Phục vụ hành chính công',
  hotline: '1900 0000',
  address: 'Trung tâm Phục vụ hành chính công tỉnh/thành phố',
  province: null,
};

export function loadChat(config: ChatConfig = DEFAULT_CHAT_CONFIG): { chat: ChatEngine; catalog: Map<string, Procedure>; search: SearchEngine } {
  const catalog = new Map(readCatalog().map((p) => [p.code, p]));
  const search = loadEngine();
  const chat = new ChatEngine({
    search,
    smalltalk: compileSmalltalk(readKnowledge('smalltalk.json')),
    getProcedure: async (code) => catalog.get(code) ?? null,
    config,
  });
  return { chat, catalog, search };
}
