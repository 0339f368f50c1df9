// One conversation turn for a messaging-channel user: the engine's answer to what they wrote,
// with the same per-user rate limit and message length limit as the web chat.
import type { Answer } from '../chat/answer';
import { converse, type Channel } from '../chat/service';
import type { Config } from '../config';
import type { Env } from '../env';
import { publicError } from '../errors';
import { logFailureOnce } from '../lib/log';
import { messages } from '../messages';
import { createRateLimiter } from '../lib/rate-limit';
import { MAX_MESSAGE_LENGTH } from '../chat/limits';
import { sha256Hex } from './common';

/** A session id for a channel user: the platform's id, hashed when it is long or unusual. */
export async function channelSessionId(userId: string): Promise<string> {
  return /^[\w.:@-]{1,128}$/u.test(userId) ? userId : `h-${await sha256Hex(userId)}`;
}

const userLimiter = createRateLimiter();

/** Per channel user and minute (RATE_LIMIT_SESSION_PER_MIN): over the limit, messages are dropped. */
export function userAllowed(config: Config, channel: Channel, userId: string): boolean {
  const { allowed } = userLimiter.hit(`${channel}:${userId}`, config.rateLimit.sessionPerMin);
  if (!allowed) logFailureOnce(`channel.${channel}.rate_limited`, new Error('a user exceeded the per-minute message limit'));
  return allowed;
}

function plainAnswer(text: string): Answer {
  return { intent: 'help', aspect: null, blocks: [{ type: 'paragraph', text: [text] }], suggestions: [], sources: [], matched: false };
}

/**
 * The engine's answer to a user's text, or null when there is nothing to answer (empty text, or
 * the user is over the rate limit). A text longer than the web chat allows is answered with the
 * limit, not sent to the engine; when the engine fails, the user is told so (Vietnamese message).
 */
export async function answerUser(
  env: Env,
  config: Config,
  waitUntil: (p: Promise<unknown>) => void,
  channel: Channel,
  userId: string,
  text: string,
): Promise<Answer | null> {
  const message = text.trim();
  if (!message) return null;
  if (!userAllowed(config, channel, userId)) return null;
  if (message.length > MAX_MESSAGE_LENGTH) return plainAnswer(messages.errors.message_too_long(MAX_MESSAGE_LENGTH));
  try {
    const turn = await converse(env, config, waitUntil, { channel, sessionId: await channelSessionId(userId), text: message });
    return turn.answer;
  } catch (err) {
    // The web chat would answer 503 with this message; a channel user gets it as the reply.
    logFailureOnce(`channel.${channel}.engine`, err);
    return plainAnswer(publicError(err)?.body.error.message ?? messages.errors.internal);
  }
}
