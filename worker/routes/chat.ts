// The web channel: POST /api/chat and POST /api/feedback, used by the widget and any integrator.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Answer, Suggestion } from '../chat/answer';
import { decodeContext, encodeContext, MAX_CONTEXT_LENGTH } from '../chat/context';
import { renderReply, type RenderedReply } from '../chat/render';
import { MAX_MESSAGE_LENGTH } from '../chat/limits';
import { converse } from '../chat/service';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { readJsonBody } from '../http/body';
import { logFailureOnce } from '../lib/log';
import { messages } from '../messages';
import { createRateLimiter } from '../lib/rate-limit';
import { flushExchanges } from '../exchange-log/queue';
import { recordFeedback } from '../exchange-log/records';
import { procedurePageUrl, publicBaseUrl } from '../http/public-url';

const sessionIdSchema = z.string({ error: messages.errors.session_invalid }).regex(/^[A-Za-z0-9_-]{8,64}$/u, messages.errors.session_invalid);

export const chatRequestSchema = z.object({
  sessionId: sessionIdSchema.optional(),
  /** The context the client holds (see chat/context.ts); null on the first message. */
  context: z
    .string({ error: messages.errors.context_invalid })
    .max(MAX_CONTEXT_LENGTH, messages.errors.context_invalid)
    .nullable()
    .optional(),
  message: z
    .string({ error: messages.errors.message_missing })
    .trim()
    .min(1, messages.errors.message_missing)
    .max(MAX_MESSAGE_LENGTH, messages.errors.message_too_long(MAX_MESSAGE_LENGTH)),
});

export const feedbackRequestSchema = z.object({
  sessionId: sessionIdSchema,
  messageId: z.string({ error: messages.errors.message_id_invalid }).uuid(messages.errors.message_id_invalid),
  rating: z.enum(['up', 'down'], { error: messages.errors.rating_invalid }),
  comment: z.string({ error: messages.errors.comment_too_long(MAX_MESSAGE_LENGTH) }).trim().max(MAX_MESSAGE_LENGTH, messages.errors.comment_too_long(MAX_MESSAGE_LENGTH)).optional(),
});

/** The answer of POST /api/chat (README, "API"); the widget reads it with this type (type-only import). */
export interface ChatResponse {
  sessionId: string;
  messageId: string;
  intent: Answer['intent'];
  aspect: Answer['aspect'];
  procedure?: NonNullable<Answer['procedure']>;
  reply: RenderedReply;
  suggestions: Suggestion[];
  submitUrl?: string;
  /** The procedure's public page: the widget's "Xem đầy đủ / In danh mục" link. */
  pageUrl?: string;
  sources: string[];
  /** The conversation's memory, for a client that holds it (sent back with the next message); null: nothing to remember. */
  context?: string | null;
}

const sessionLimiter = createRateLimiter();

/** Answers are immutable and cached answers are shared (chat/service.ts): render each once. */
const replies = new WeakMap<Answer, RenderedReply>();
function renderedReply(answer: Answer): RenderedReply {
  let reply = replies.get(answer);
  if (reply === undefined) {
    reply = renderReply(answer.blocks);
    replies.set(answer, reply);
  }
  return reply;
}

export const chatRoutes = new Hono<AppEnv>()
  .post('/api/chat', async (c) => {
    const body = await readJsonBody(c, chatRequestSchema);
    const sessionId = body.sessionId ?? crypto.randomUUID();
    const limit = sessionLimiter.hit(sessionId, c.var.config.rateLimit.sessionPerMin);
    if (!limit.allowed) {
      c.header('Retry-After', String(limit.retryAfterSec));
      throw new AppError(429, 'rate_limited', messages.errors.rate_limited_session(limit.retryAfterSec));
    }
    const holdsContext = body.context !== undefined;
    const turn = await converse(c.env, c.var.config, (p) => c.executionCtx.waitUntil(p), {
      channel: 'web',
      sessionId,
      text: body.message,
      newSession: body.sessionId === undefined,
      ...(holdsContext ? { clientContext: decodeContext(body.context) } : {}),
    });
    const a = turn.answer;
    const context = holdsContext ? encodeContext(turn.session) : undefined;
    const response: ChatResponse = {
      sessionId,
      messageId: turn.messageId,
      intent: a.intent,
      aspect: a.aspect,
      ...(a.procedure ? { procedure: a.procedure } : {}),
      reply: renderedReply(a),
      suggestions: a.suggestions,
      ...(a.submitUrl ? { submitUrl: a.submitUrl } : {}),
      ...(a.procedure ? { pageUrl: procedurePageUrl(publicBaseUrl(c.var.config, c.req.url), a.procedure.code) } : {}),
      sources: a.sources,
      ...(context !== undefined ? { context } : {}),
    };
    return c.json(response);
  })
  .post('/api/feedback', async (c) => {
    const body = await readJsonBody(c, feedbackRequestSchema);
    let result: Awaited<ReturnType<typeof recordFeedback>>;
    try {
      // The rated answer may still wait in this isolate's batch.
      await flushExchanges();
      result = await recordFeedback(c.env.DB, {
        messageId: body.messageId,
        sessionId: `web:${body.sessionId}`,
        rating: body.rating,
        comment: body.comment,
      });
    } catch (err) {
      logFailureOnce('d1.feedback.insert', err);
      throw new AppError(503, 'storage_unavailable', messages.errors.storage_unavailable);
    }
    if (result === 'unknown_message') throw new AppError(404, 'unknown_message', messages.errors.feedback_unknown_message);
    return c.json({ ok: true });
  });
