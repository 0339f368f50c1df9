// Zalo Official Account: POST /channels/zalo/webhook.
//
// Inbound: Zalo signs each event with X-ZEvent-Signature: "mac=" + hex SHA-256 of
// app_id + raw body + timestamp + OA secret key (plain SHA-256, not HMAC; the timestamp is the
// body's own field, so the JSON is read for it, but nothing is acted on before the check).
// Outbound: customer-service text messages (POST {ZALO_API_BASE}/v3.0/oa/message/cs), at most
// 2,000 characters each; an answer about a procedure is its short form, in at most 2 messages,
// with the link to the procedure's public page for the rest (common.ts, chat/short.ts). Zalo has
// no quick replies there: suggestions are a numbered list, and a reply "2" is read against the
// list this user was last shown.
// Access tokens last about 25 hours and each refresh token works once: the current pair lives in
// KV (zalo:tokens) and a refreshed pair is stored there BEFORE it is used.
import { Hono } from 'hono';
import { timingSafeEqual } from 'hono/utils/buffer';
import { z } from 'zod';
import type { Suggestion } from '../chat/answer';
import type { Config } from '../config';
import type { AppEnv, Env } from '../env';
import { decodeUtf8, readRawBody } from '../http/body';
import { validate } from '../http/validate';
import { parseJson, responseJson } from '../lib/json';
import { logFailureOnce } from '../lib/log';
import {
  alreadyReceived,
  channelOff,
  concatBytes,
  fetchWithRetry,
  inBackground,
  OutboundError,
  WEBHOOK_REFUSAL,
  renderChannelText,
  resolveNumberedReply,
  sha256Hex,
  unauthorized,
  utf8,
} from './common';
import { procedurePageUrl, publicBaseUrl } from '../http/public-url';
import { answerUser, channelSessionId } from './turn';

export const ZALO_TEXT_LIMIT = 2000;
const MAX_BODY_BYTES = 64 * 1024;
export const ZALO_TOKENS_KEY = 'zalo:tokens';
/** Error codes Zalo answers (HTTP 200) when the access token is expired, invalid or revoked. */
const TOKEN_ERRORS = new Set([-216, -124, -220]);
/** A token expiring within this margin is refreshed before use. */
const REFRESH_AHEAD_MS = 10 * 60_000;


const stringish = z.union([z.string(), z.number()]).transform(String);

/** The fields the signature check needs. */
const envelopeSchema = z.object({
  app_id: stringish,
  timestamp: stringish,
  event_name: z.string(),
});

const textEventSchema = z.object({
  event_name: z.literal('user_send_text'),
  sender: z.object({ id: stringish.pipe(z.string().min(1).max(128)) }),
  message: z.object({
    text: z.string().max(20_000),
    msg_id: stringish.pipe(z.string().min(1).max(256)),
  }),
});

type TextEvent = z.infer<typeof textEventSchema>;

export const zaloRoutes = new Hono<AppEnv>().post('/channels/zalo/webhook', async (c) => {
  const { appId, oaSecretKey: secret } = c.var.config.zalo;
  if (!appId) throw channelOff();
  if (!secret) {
    logFailureOnce('channel.zalo.config', new Error('ZALO_OA_SECRET_KEY is not set: Zalo events cannot be verified'));
    throw unauthorized();
  }

  const raw = await readRawBody(c, MAX_BODY_BYTES);
  const json = parseJson(decodeUtf8(raw));
  const envelope = json === undefined ? null : envelopeSchema.safeParse(json);
  const signature = c.req.header('x-zevent-signature')?.trim().replace(/^mac\s*=\s*/iu, '').toLowerCase();
  if (!envelope?.success || !signature) throw unauthorized();
  const expected = await sha256Hex(concatBytes(utf8(appId), raw, utf8(envelope.data.timestamp), utf8(secret)));
  if (!(await timingSafeEqual(signature, expected)) || envelope.data.app_id !== appId) throw unauthorized();

  // Authentic from here on. Only a user's text is answered; other events are acknowledged.
  if (envelope.data.event_name !== 'user_send_text') return c.json({ ok: true });
  const event = validate(textEventSchema, json, WEBHOOK_REFUSAL);
  const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
  const pages = publicBaseUrl(c.var.config, c.req.url);
  inBackground(waitUntil, 'channel.zalo.reply', () => handleText(c.env, c.var.config, waitUntil, event, pages));
  return c.json({ ok: true });
});

/** `pages`: the base URL of the procedures' public pages, linked from short answers. */
async function handleText(env: Env, config: Config, waitUntil: (p: Promise<unknown>) => void, event: TextEvent, pages: string): Promise<void> {
  if (await alreadyReceived(env.SESSIONS, 'zalo', event.message.msg_id)) return;
  const userId = event.sender.id;
  const menuKey = `zalo:menu:${await channelSessionId(userId)}`;
  const menu = await loadMenu(env.SESSIONS, menuKey);
  const text = resolveNumberedReply(event.message.text, menu) ?? event.message.text;
  const answer = await answerUser(env, config, waitUntil, 'zalo', userId, text);
  if (!answer) return;
  await saveMenu(env.SESSIONS, config.sessionTtlSeconds, menuKey, answer.suggestions);
  const pieces = renderChannelText(answer, {
    maxLength: ZALO_TEXT_LIMIT,
    submitLink: 'text',
    numberSuggestions: true,
    ...(answer.procedure ? { pageUrl: procedurePageUrl(pages, answer.procedure.code) } : {}),
  });
  await sendTexts({ kv: env.SESSIONS, settings: config.zalo }, userId, pieces);
}

// ---------------------------------------------------------------------------------------------
// The numbered list last shown to a user.

const menuSchema = z.array(z.object({ label: z.string(), message: z.string() })).max(20);

async function loadMenu(kv: KVNamespace | undefined, key: string): Promise<Suggestion[]> {
  if (!kv) return [];
  try {
    const parsed = menuSchema.safeParse(await kv.get(key, 'json'));
    return parsed.success ? parsed.data : [];
  } catch (err) {
    logFailureOnce('kv.zalo.menu.get', err);
    return [];
  }
}

async function saveMenu(kv: KVNamespace | undefined, ttlSeconds: number, key: string, suggestions: Suggestion[]): Promise<void> {
  if (!kv) return;
  try {
    if (suggestions.length === 0) await kv.delete(key);
    else await kv.put(key, JSON.stringify(suggestions), { expirationTtl: ttlSeconds });
  } catch (err) {
    logFailureOnce('kv.zalo.menu.put', err);
  }
}

// ---------------------------------------------------------------------------------------------
// Sending, with the access token refreshed when Zalo refuses it.

/** What sending needs: KV (the refreshed tokens, shared by isolates) and the OA's settings. */
interface ZaloDeps {
  kv: KVNamespace;
  settings: Config['zalo'];
}

const sendResultSchema = z.object({ error: z.number(), message: z.string().optional() });

type SendResult = { kind: 'ok' } | { kind: 'token' } | { kind: 'failed'; error: Error };

async function sendOne(z: ZaloDeps, accessToken: string, userId: string, text: string): Promise<SendResult> {
  const base = z.settings.apiBase;
  const res = await fetchWithRetry(`${base}/v3.0/oa/message/cs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', access_token: accessToken },
    body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
  });
  const body = sendResultSchema.safeParse(await responseJson(res));
  if (body.success && TOKEN_ERRORS.has(body.data.error)) return { kind: 'token' };
  if (!res.ok || !body.success || body.data.error !== 0) {
    return { kind: 'failed', error: new OutboundError('zalo message/cs', res.status, body.success ? body.data.error : undefined) };
  }
  return { kind: 'ok' };
}

async function sendTexts(z: ZaloDeps, userId: string, pieces: string[]): Promise<void> {
  let tokens = await currentTokens(z);
  if (!tokens) throw new Error('no Zalo access token: set ZALO_ACCESS_TOKEN and ZALO_REFRESH_TOKEN');
  if (tokens.expiresAt !== null && tokens.expiresAt - Date.now() < REFRESH_AHEAD_MS) tokens = await refreshTokens(z, tokens);
  for (const text of pieces) {
    let result = await sendOne(z, tokens.accessToken, userId, text);
    if (result.kind === 'token') {
      tokens = await renewAfterRefusal(z, tokens);
      result = await sendOne(z, tokens.accessToken, userId, text);
    }
    if (result.kind === 'token') throw new OutboundError('zalo message/cs (refreshed token refused)', 200);
    if (result.kind === 'failed') throw result.error;
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens.

export interface ZaloTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms; null when unknown (the initial tokens from configuration). */
  expiresAt: number | null;
}

const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number().nullable(),
});

const refreshResponseSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.union([z.string(), z.number()]).transform(Number).pipe(z.number().positive()),
});

const refreshErrorSchema = z.object({ error: z.number() });

/** The tokens of the last refresh, when KV could not store them. */
let memoryTokens: ZaloTokens | null = null;
/** One refresh at a time per isolate: a refresh token works once. */
let refreshing: Promise<ZaloTokens> | null = null;

async function currentTokens(z: ZaloDeps): Promise<ZaloTokens | null> {
  try {
    const stored = storedTokensSchema.safeParse(await z.kv.get(ZALO_TOKENS_KEY, 'json'));
    if (stored.success) return stored.data;
  } catch (err) {
    logFailureOnce('kv.zalo.tokens.get', err);
  }
  if (memoryTokens) return memoryTokens;
  if (z.settings.accessToken) return { accessToken: z.settings.accessToken, refreshToken: z.settings.refreshToken, expiresAt: null };
  return null;
}

/** After Zalo refused `used`: the pair another isolate may have stored meanwhile, else a refresh. */
async function renewAfterRefusal(z: ZaloDeps, used: ZaloTokens): Promise<ZaloTokens> {
  const stored = await currentTokens(z);
  if (stored && stored.accessToken !== used.accessToken) return stored;
  return refreshTokens(z, used);
}

function refreshTokens(z: ZaloDeps, used: ZaloTokens): Promise<ZaloTokens> {
  refreshing ??= doRefresh(z, used).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(z: ZaloDeps, used: ZaloTokens): Promise<ZaloTokens> {
  if (!used.refreshToken) throw new Error('Zalo access token refused and no refresh token: set ZALO_REFRESH_TOKEN');
  if (!z.settings.appId || !z.settings.appSecret) throw new Error('Zalo token refresh needs ZALO_APP_ID and ZALO_APP_SECRET');
  const base = z.settings.oauthBase;
  const res = await fetchWithRetry(`${base}/v4/oa/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: z.settings.appSecret },
    body: new URLSearchParams({ refresh_token: used.refreshToken, app_id: z.settings.appId, grant_type: 'refresh_token' }).toString(),
  });
  const json = await responseJson(res);
  const parsed = refreshResponseSchema.safeParse(json);
  if (!res.ok || !parsed.success) {
    // The refresh token may already have been used by another isolate, which stored the new pair.
    const stored = await currentTokens(z);
    if (stored && stored.refreshToken !== used.refreshToken) return stored;
    const code = refreshErrorSchema.safeParse(json);
    throw new OutboundError('zalo oauth refresh', res.status, code.success ? code.data.error : undefined);
  }
  const next: ZaloTokens = {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: Date.now() + parsed.data.expires_in * 1000,
  };
  // Stored before use: the old refresh token no longer works, so losing this pair loses the OA.
  memoryTokens = next;
  try {
    await z.kv.put(ZALO_TOKENS_KEY, JSON.stringify(next));
  } catch (err) {
    logFailureOnce('kv.zalo.tokens.put', err);
  }
  return next;
}
