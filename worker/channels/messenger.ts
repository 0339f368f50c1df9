// Facebook Messenger: GET/POST /channels/messenger/webhook.
//
// GET answers Meta's subscription check (hub.mode=subscribe, hub.verify_token, hub.challenge).
// POST is signed: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256(app secret, raw body). Meta
// signs the bytes it sent (with escaped Unicode), so the check runs on the raw body, never on
// re-serialized JSON. Text messages, quick-reply taps and postbacks are answered (their payload is
// the message for the engine); echoes, deliveries, reads and attachments are acknowledged only.
// Outbound: POST {MESSENGER_API_BASE}/me/messages, texts under 2,000 characters, suggestions as
// quick replies on the last message; an answer about a procedure is its short form (at most 2
// messages, the rest behind the link to the procedure's public page); the submission and page
// links are URL buttons when the whole answer fits a button template (640 characters), else plain
// URL lines of the text.
import { Hono } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { z } from 'zod';
import type { Answer } from '../chat/answer';
import { toText } from '../chat/render';
import type { Config } from '../config';
import type { AppEnv, Env } from '../env';
import { AppError } from '../errors';
import { decodeUtf8, parseJsonText, readRawBody } from '../http/body';
import { validate } from '../http/validate';
import { responseJson } from '../lib/json';
import { logFailureOnce } from '../lib/log';
import { chatText, messages, shortText } from '../messages';
import {
  alreadyReceived,
  channelBlocks,
  channelOff,
  channelPieces,
  type ChannelTextOptions,
  fetchWithRetry,
  hmacSha256Hex,
  inBackground,
  isShortened,
  OutboundError,
  WEBHOOK_REFUSAL,
  truncateLabel,
  unauthorized,
  withoutLinkLines,
} from './common';
import { procedurePageUrl, publicBaseUrl } from '../http/public-url';
import { answerUser } from './turn';

/** Meta: "message.text must be UTF-8 and less than 2000 characters". */
export const MESSENGER_TEXT_LIMIT = 1999;
const BUTTON_TEMPLATE_TEXT_LIMIT = 640;
const MAX_QUICK_REPLIES = 13;
const QUICK_REPLY_TITLE_LIMIT = 20;
const QUICK_REPLY_PAYLOAD_LIMIT = 1000;
const MAX_BODY_BYTES = 256 * 1024;

const id = z.union([z.string(), z.number()]).transform(String).pipe(z.string().min(1).max(128));

const messagingSchema = z.object({
  sender: z.object({ id }),
  recipient: z.object({ id }).optional(),
  timestamp: z.number().optional(),
  message: z
    .object({
      mid: z.string().min(1).max(512),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      quick_reply: z.object({ payload: z.string().max(20_000) }).optional(),
    })
    .optional(),
  postback: z
    .object({
      mid: z.string().max(512).optional(),
      title: z.string().optional(),
      payload: z.string().max(20_000).optional(),
    })
    .optional(),
});

const webhookSchema = z.object({
  object: z.string(),
  entry: z.array(z.object({ id: id.optional(), time: z.number().optional(), messaging: z.array(messagingSchema).optional() })),
});

type Messaging = z.infer<typeof messagingSchema>;

/** What a messaging event asks the assistant, or null when it is not a user's text. */
function incoming(event: Messaging): { userId: string; dedupId: string; text: string } | null {
  const userId = event.sender.id;
  const m = event.message;
  if (m) {
    if (m.is_echo) return null;
    const text = m.quick_reply?.payload ?? m.text;
    return text?.trim() ? { userId, dedupId: m.mid, text } : null;
  }
  const p = event.postback;
  if (p?.payload?.trim()) {
    return { userId, dedupId: p.mid ?? `postback:${userId}:${event.timestamp ?? ''}:${p.payload}`, text: p.payload };
  }
  return null;
}

export const messengerRoutes = new Hono<AppEnv>()
  .get('/channels/messenger/webhook', async (c) => {
    if (!c.var.config.messenger.appSecret) throw channelOff();
    const expected = c.var.config.messenger.verifyToken;
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token');
    const challenge = c.req.query('hub.challenge');
    if (mode !== 'subscribe' || !expected || !token || !(await timingSafeEqual(token, expected)) || !challenge || challenge.length > 512) {
      throw new AppError(403, 'invalid_verify_token', messages.errors.verify_token_invalid);
    }
    c.header('X-Content-Type-Options', 'nosniff');
    return c.text(challenge, 200);
  })
  .post('/channels/messenger/webhook', async (c) => {
    const secret = c.var.config.messenger.appSecret;
    if (!secret) throw channelOff();
    const raw = await readRawBody(c, MAX_BODY_BYTES);
    const signature = c.req.header('x-hub-signature-256')?.trim().toLowerCase();
    const expected = `sha256=${await hmacSha256Hex(secret, raw)}`;
    if (!signature || !(await timingSafeEqual(signature, expected))) throw unauthorized();

    // Authentic from here on.
    const text = decodeUtf8(raw);
    if (text === null) throw new AppError(400, 'invalid_encoding', messages.errors.invalid_encoding);
    const json = parseJsonText(text);
    const body = validate(webhookSchema, json, WEBHOOK_REFUSAL);
    if (body.object !== 'page') return c.text('EVENT_RECEIVED');
    const events = body.entry.flatMap((e) => e.messaging ?? []).flatMap((e) => incoming(e) ?? []);
    if (events.length) {
      const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
      const pages = publicBaseUrl(c.var.config, c.req.url);
      inBackground(waitUntil, 'channel.messenger.reply', async () => {
        // In order: several messages of one user in a batch are answered in the order written.
        for (const event of events) {
          try {
            await handleMessage(c.env, c.var.config, waitUntil, event, pages);
          } catch (err) {
            logFailureOnce('channel.messenger.reply', err);
          }
        }
      });
    }
    return c.text('EVENT_RECEIVED');
  });

/** `pages`: the base URL of the procedures' public pages, linked from short answers. */
async function handleMessage(env: Env, config: Config, waitUntil: (p: Promise<unknown>) => void, event: { userId: string; dedupId: string; text: string }, pages: string): Promise<void> {
  if (await alreadyReceived(env.SESSIONS, 'messenger', event.dedupId)) return;
  const answer = await answerUser(env, config, waitUntil, 'messenger', event.userId, event.text);
  if (!answer) return;
  const pageUrl = answer.procedure ? procedurePageUrl(pages, answer.procedure.code) : undefined;
  for (const message of messengerMessages(answer, pageUrl)) await send(config.messenger, event.userId, message);
}

type MessengerMessage =
  | { text: string; quick_replies?: QuickReply[] }
  | { attachment: { type: 'template'; payload: ButtonTemplate }; quick_replies?: QuickReply[] };
type QuickReply = { content_type: 'text'; title: string; payload: string };
type ButtonTemplate = { template_type: 'button'; text: string; buttons: { type: 'web_url'; url: string; title: string }[] };

const isHttps = (url: string) => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

/**
 * The answer as Messenger messages, in sending order. An answer about a procedure is its short form
 * (common.ts) with the page's link; when its text fits a button template, the submission and page
 * links are its buttons, else lines of the text (at most 2 messages).
 */
export function messengerMessages(answer: Answer, pageUrl?: string): MessengerMessage[] {
  const out: MessengerMessage[] = [];
  const opts: ChannelTextOptions = { maxLength: MESSENGER_TEXT_LIMIT, submitLink: 'text', ...(pageUrl ? { pageUrl } : {}) };
  const blocks = channelBlocks(answer, opts);
  const buttons: { type: 'web_url'; url: string; title: string }[] = [];
  if (answer.submitUrl && isHttps(answer.submitUrl)) buttons.push({ type: 'web_url', url: answer.submitUrl, title: chatText.submitOnline });
  if (pageUrl && isHttps(pageUrl) && isShortened(answer, opts)) buttons.push({ type: 'web_url', url: pageUrl, title: shortText.seeFull });
  const buttonText = buttons.length ? toText(withoutLinkLines(blocks, ...buttons.map((b) => b.url))).trim() : null;
  if (buttonText && buttonText.length <= BUTTON_TEMPLATE_TEXT_LIMIT) {
    out.push({ attachment: { type: 'template', payload: { template_type: 'button', text: buttonText, buttons } } });
  } else {
    for (const text of channelPieces(answer, blocks, opts)) out.push({ text });
  }
  const quickReplies: QuickReply[] = answer.suggestions.slice(0, MAX_QUICK_REPLIES).map((s) => ({
    content_type: 'text',
    title: truncateLabel(s.label, QUICK_REPLY_TITLE_LIMIT),
    payload: s.message.slice(0, QUICK_REPLY_PAYLOAD_LIMIT),
  }));
  const last = out[out.length - 1];
  if (last && quickReplies.length) last.quick_replies = quickReplies;
  return out;
}

const graphErrorSchema = z.object({ error: z.object({ code: z.number().optional() }) });

async function send(settings: Config['messenger'], recipientId: string, message: MessengerMessage): Promise<void> {
  const token = settings.pageToken;
  if (!token) throw new Error('MESSENGER_PAGE_TOKEN is not set: Messenger replies cannot be sent');
  const base = settings.apiBase;
  const res = await fetchWithRetry(`${base}/me/messages?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ recipient: { id: recipientId }, messaging_type: 'RESPONSE', message }),
  });
  if (!res.ok) {
    const err = graphErrorSchema.safeParse(await responseJson(res));
    throw new OutboundError('messenger me/messages', res.status, err.success ? err.data.error.code : undefined);
  }
  await res.body?.cancel().catch(() => undefined);
}
