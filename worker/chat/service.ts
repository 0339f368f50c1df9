// One conversation turn, for every channel: load the session, let the engine answer, then save the
// session and record the exchange in the background. Storage failures never cost the answer.
import type { Env } from '../env';
import { logFailureOnce } from '../lib/log';
import { recordExchange } from '../storage/records';
import type { Answer } from './answer';
import { newSession } from './engine';
import { getChatEngine } from './runtime';
import { DEFAULT_SESSION_TTL, loadSession, saveSession } from './session-store';

export type Channel = 'web' | 'zalo' | 'messenger' | 'botframework';

export interface TurnInput {
  channel: Channel;
  /** Stable per conversation: the web session id, or the channel's user id. */
  sessionId: string;
  /** The session id was just made for this message: there is nothing stored to read. */
  newSession?: boolean;
  text: string;
}

export interface Turn {
  answer: Answer;
  messageId: string;
  latencyMs: number;
}

export async function converse(env: Env, waitUntil: (p: Promise<unknown>) => void, input: TurnInput): Promise<Turn> {
  const t0 = Date.now();
  const chat = await getChatEngine(env);
  const state = (input.newSession ? null : await loadSession(env.SESSIONS, `${input.channel}:${input.sessionId}`)) ?? newSession();
  const { answer, session } = await chat.respond(input.text, state);
  const messageId = crypto.randomUUID();
  const latencyMs = Date.now() - t0;
  const ttl = Number(env.SESSION_TTL_SECONDS) || DEFAULT_SESSION_TTL;
  waitUntil(saveSession(env.SESSIONS, `${input.channel}:${input.sessionId}`, session, ttl));
  waitUntil(
    recordExchange(env.DB, {
      messageId,
      sessionId: `${input.channel}:${input.sessionId}`,
      channel: input.channel,
      question: input.text,
      intent: answer.intent,
      aspect: answer.aspect,
      procedureCode: answer.procedure?.code ?? null,
      matched: answer.matched,
      latencyMs,
    }).catch((err: unknown) => logFailureOnce('d1.exchange.insert', err)),
  );
  return { answer, messageId, latencyMs };
}
