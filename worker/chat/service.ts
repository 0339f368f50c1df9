// One conversation turn, for every channel: load the session, let the engine answer, then save the
// session and record the exchange in the background. Storage failures never cost the answer.
import type { Config } from '../config';
import type { Env } from '../env';
import { Lru } from '../lib/lru';
import { queueExchange } from '../exchange-log/queue';
import type { Answer } from './answer';
import { newSession, type SessionState } from './engine';
import { chatConfig, getChatEngine, type TurnClient } from './runtime';
import { isEmptySession, loadSession, saveSession, serializeSession } from './session-store';

export type Channel = 'web' | 'zalo' | 'messenger' | 'botframework';

export interface TurnInput {
  channel: Channel;
  /** Stable per conversation: the web session id, or the channel's user id. */
  sessionId: string;
  /** The session id was just made for this message: there is nothing stored to read. */
  newSession?: boolean;
  /**
   * The context the client holds (web widget, see context.ts): null for none yet. When given
   * (even null) the session store is neither read nor written; undefined means use the store.
   */
  clientContext?: SessionState | null;
  text: string;
}

export interface Turn {
  answer: Answer;
  /** The state after this turn, for a client that holds its context. */
  session: SessionState;
  messageId: string;
  latencyMs: number;
}

interface Fresh {
  answer: Answer;
  session: SessionState;
}

/**
 * First messages of conversations, answered: with no context the answer depends only on the text,
 * the configuration and the catalog (fixed for the isolate's life), and people ask the same
 * things in the same words — the widget's suggestion buttons send identical texts. Answers are
 * never mutated after they are made, so a cached one is shared as is.
 */
let freshAnswers: Lru<string, Fresh> | null = null;

function answerCache(config: Config): Lru<string, Fresh> {
  freshAnswers ??= new Lru(config.cache.answers);
  return freshAnswers;
}

async function respond(env: Env, config: Config, text: string, state: SessionState, client: TurnClient): Promise<Fresh> {
  if (!isEmptySession(state)) return (await getChatEngine(env, config, client)).respond(text, state);
  // The configuration is part of the answer (hotline, province, submission links).
  const key = `${JSON.stringify(chatConfig(config))}\n${text.trim().normalize('NFC')}`;
  const cache = answerCache(config);
  const hit = cache.get(key);
  if (hit) return hit;
  const fresh = await (await getChatEngine(env, config, client)).respond(text, state);
  // A dossier lookup's answer is for the one who asked, and depends on the upstream: never shared.
  if (!fresh.answer.personal) cache.set(key, fresh);
  return fresh;
}

export async function converse(env: Env, config: Config, waitUntil: (p: Promise<unknown>) => void, input: TurnInput): Promise<Turn> {
  const t0 = Date.now();
  const sessionKey = `${input.channel}:${input.sessionId}`;
  const useStore = input.clientContext === undefined;
  const state = useStore ? ((input.newSession ? null : await loadSession(env.SESSIONS, sessionKey)) ?? newSession()) : (input.clientContext ?? newSession());
  const { answer, session } = await respond(env, config, input.text, state, { channel: input.channel, client: sessionKey });
  const messageId = crypto.randomUUID();
  const latencyMs = Date.now() - t0;
  // Written only when it changed: a follow-up on the same procedure, small talk or a second
  // out-of-scope question leaves nothing new to remember.
  if (useStore && serializeSession(session) !== serializeSession(state)) {
    waitUntil(saveSession(env.SESSIONS, sessionKey, session, config.sessionTtlSeconds));
  }
  queueExchange(
    env.DB,
    {
      messageId,
      sessionId: sessionKey,
      channel: input.channel,
      question: answer.loggedQuestion ?? input.text,
      intent: answer.intent,
      aspect: answer.aspect,
      procedureCode: answer.procedure?.code ?? null,
      matched: answer.matched,
      latencyMs,
    },
    waitUntil,
  );
  return { answer, session, messageId, latencyMs };
}
