// Azure Bot Service / Bot Framework: POST /api/messages (Teams, Web Chat, the Emulator...).
//
// Inbound: the Authorization header carries a JWT (RS256) that botframework-connector validates
// (JwtTokenValidation.authenticateRequest): signature against the keys of the OpenID metadata
// (BOTFRAMEWORK_OPENID_METADATA_URL, default Bot Framework's), issuer, audience = our app id,
// expiry, and the serviceUrl claim against the activity's. With no MICROSOFT_APP_ID,
// authentication is off, as in the Bot Framework Emulator; replies then only go to a serviceUrl
// on this machine (localhost), so an unconfigured deployment cannot be made to call anywhere.
// Outbound: ConnectorClient replies to the activity on its serviceUrl with Markdown text (an
// answer about a procedure in its short form, as on Zalo and Messenger), suggestedActions (imBack)
// for the suggestions and card buttons for the submission link and the procedure's page. The
// bot's token comes from a client-credentials request to BOTFRAMEWORK_OAUTH_URL (default: the
// Microsoft identity platform of MICROSOFT_APP_TENANT_ID, else botframework.com).
//
// botframework-connector is imported lazily: it is large, and only this route needs it. In
// workerd it must be its Node entry (lib/index.js): the package's browser entry reads `window`.
// See wrangler.toml [alias] and vitest.config.ts.
import { Hono } from 'hono';
import { z } from 'zod';
import type { Answer } from '../chat/answer';
import { toMarkdown } from '../chat/render';
import type { Config } from '../config';
import type { AppEnv, Env } from '../env';
import { AppError } from '../errors';
import { decodeUtf8, readRawBody } from '../http/body';
import { validate } from '../http/validate';
import { parseJson, responseJson } from '../lib/json';
import { isLoopback } from '../lib/url';
import { logFailureOnce } from '../lib/log';
import { chatText, messages, shortText } from '../messages';
import { procedurePageUrl, publicBaseUrl } from '../http/public-url';
import {
  alreadyReceived,
  channelBlocks,
  fetchWithRetry,
  inBackground,
  isShortened,
  OutboundError,
  OUTBOUND_TIMEOUT_MS,
  WEBHOOK_REFUSAL,
  SHORT_ANSWER_MESSAGE_LENGTH,
  withRetries,
  withoutLinkLines,
  type ChannelTextOptions,
} from './common';
import { answerUser } from './turn';

type Connector = typeof import('botframework-connector');

const MAX_BODY_BYTES = 256 * 1024;
const MAX_SUGGESTED_ACTIONS = 10;
const BOT_SCOPE_DEFAULT = 'https://api.botframework.com';

/** What authentication reads of the activity, before the full schema. */
const headSchema = z.object({
  channelId: z.string().optional(),
  serviceUrl: z.string().optional(),
  recipient: z.object({ role: z.string().optional() }).optional(),
});

const account = z.object({ id: z.string().min(1).max(512), name: z.string().optional(), role: z.string().optional() });

const activitySchema = z.object({
  type: z.string().min(1),
  id: z.string().max(512).optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/u }),
  from: account,
  recipient: account,
  conversation: z.object({ id: z.string().min(1).max(1024), name: z.string().optional(), isGroup: z.boolean().optional() }),
  text: z.string().max(20_000).optional(),
  locale: z.string().optional(),
});

type Activity = z.infer<typeof activitySchema>;

export const botframeworkRoutes = new Hono<AppEnv>().post('/api/messages', async (c) => {
  const raw = await readRawBody(c, MAX_BODY_BYTES);
  const json = parseJson(decodeUtf8(raw));
  const head = headSchema.safeParse(json ?? {});
  const bf = await import('botframework-connector');
  await authenticate(bf, c.var.config.botframework, c.req.header('authorization') ?? '', head.success ? head.data : {});

  // Authenticated (or authentication is off) from here on.
  if (json === undefined) throw new AppError(400, 'invalid_json', messages.errors.invalid_json);
  const activity = validate(activitySchema, json, WEBHOOK_REFUSAL);
  if (!c.var.config.botframework.appId && !isLoopback(new URL(activity.serviceUrl))) {
    // Authentication is off: only a local Emulator may be answered.
    logFailureOnce('channel.botframework.config', new Error('MICROSOFT_APP_ID is not set: refusing a non-local serviceUrl'));
    throw new AppError(401, 'unauthorized', messages.errors.unauthorized);
  }
  const text = activity.type === 'message' ? stripMentions(activity.text ?? '') : '';
  if (text) {
    const waitUntil = (p: Promise<unknown>) => c.executionCtx.waitUntil(p);
    const pages = publicBaseUrl(c.var.config, c.req.url);
    inBackground(waitUntil, 'channel.botframework.reply', () => handleMessage(bf, c.env, c.var.config, waitUntil, activity, text, pages));
  }
  return c.body(null, 200);
});

// ---------------------------------------------------------------------------------------------
// Authentication.

async function authenticate(bf: Connector, settings: Config['botframework'], authHeader: string, head: z.infer<typeof headSchema>): Promise<void> {
  // A static of the (deprecated but supported) validation namespace: it is read per validation.
  bf.ChannelValidation.OpenIdMetadataEndpoint = settings.openIdMetadataUrl ?? bf.AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;
  const credentials = new bf.SimpleCredentialProvider(settings.appId, settings.appPassword);
  try {
    await bf.JwtTokenValidation.authenticateRequest(
      { channelId: head.channelId ?? '', serviceUrl: head.serviceUrl ?? '', recipient: head.recipient ? { id: '', name: '', role: head.recipient.role } : undefined },
      authHeader,
      credentials,
      '',
    );
  } catch (err) {
    // The keys could not be loaded: our problem, not the caller's (the channel retries on 5xx).
    if (err instanceof bf.AuthenticationError && err.statusCode >= 500) {
      logFailureOnce('channel.botframework.openid', err);
      throw new AppError(503, 'auth_unavailable', messages.errors.auth_unavailable);
    }
    throw new AppError(401, 'unauthorized', messages.errors.unauthorized);
  }
}

/** Teams puts "<at>Bot</at>" mentions in the text. */
const stripMentions = (text: string) => text.replace(/<at>[^<]*<\/at>/giu, ' ').trim();

// ---------------------------------------------------------------------------------------------
// Replying.

/** `pages`: the base URL of the procedures' public pages, linked from short answers. */
async function handleMessage(bf: Connector, env: Env, config: Config, waitUntil: (p: Promise<unknown>) => void, activity: Activity, text: string, pages: string): Promise<void> {
  if (activity.id && (await alreadyReceived(env.SESSIONS, 'botframework', `${activity.conversation.id}|${activity.id}`))) return;
  const answer = await answerUser(env, config, waitUntil, 'botframework', `${activity.channelId}:${activity.from.id}`, text);
  if (!answer) return;
  const reply = replyActivity(activity, answer, answer.procedure ? procedurePageUrl(pages, answer.procedure.code) : undefined);
  const client = connectorClient(bf, config.botframework, activity.serviceUrl);
  await withRetries(
    () =>
      activity.id
        ? client.conversations.replyToActivity(activity.conversation.id, activity.id, reply, { abortSignal: AbortSignal.timeout(OUTBOUND_TIMEOUT_MS) })
        : client.conversations.sendToConversation(activity.conversation.id, reply, { abortSignal: AbortSignal.timeout(OUTBOUND_TIMEOUT_MS) }),
    (o) => 'error' in o && retryableStatus(o.error),
  );
}

/**
 * The connector's network errors, timeouts and 5xx answers are worth another try; 4xx answers are
 * not. A failed token request (OutboundError) was already retried by fetchWithRetry.
 */
function retryableStatus(err: unknown): boolean {
  if (err instanceof OutboundError) return false;
  const status = typeof err === 'object' && err !== null && 'statusCode' in err ? err.statusCode : undefined;
  return typeof status !== 'number' || status >= 500;
}

type ReplyActivity = Parameters<InstanceType<Connector['ConnectorClient']>['conversations']['sendToConversation']>[1];

/**
 * The answer as a Bot Framework message activity replying to `activity`: the same short form as
 * Zalo and Messenger send for an answer about a procedure (sized as their text: at most 2 messages
 * of 2,000 characters), in Markdown, with a card whose buttons open the submission link and the
 * procedure's page.
 */
export function replyActivity(activity: Activity, answer: Answer, pageUrl?: string): ReplyActivity {
  const url = answer.submitUrl;
  const opts: ChannelTextOptions = { maxLength: SHORT_ANSWER_MESSAGE_LENGTH, submitLink: 'omit', pageLink: 'omit', ...(pageUrl ? { pageUrl } : {}) };
  const page = isShortened(answer, opts) ? pageUrl : undefined;
  const reply: ReplyActivity = {
    type: 'message',
    from: { id: activity.recipient.id, name: activity.recipient.name ?? '' },
    recipient: { id: activity.from.id, name: activity.from.name ?? '' },
    conversation: { id: activity.conversation.id, name: activity.conversation.name ?? '', isGroup: activity.conversation.isGroup ?? false, conversationType: '' },
    ...(activity.id ? { replyToId: activity.id } : {}),
    locale: 'vi-VN',
    textFormat: 'markdown',
    text: toMarkdown(withoutLinkLines(channelBlocks(answer, opts), url, page)),
  };
  const buttons = [
    ...(url ? [{ type: 'openUrl', title: chatText.submitOnline, value: url }] : []),
    ...(page ? [{ type: 'openUrl', title: shortText.seeFull, value: page }] : []),
  ];
  if (buttons.length) reply.attachments = [{ contentType: 'application/vnd.microsoft.card.hero', content: { buttons } }];
  if (answer.suggestions.length) {
    reply.suggestedActions = {
      to: [activity.from.id],
      actions: answer.suggestions.slice(0, MAX_SUGGESTED_ACTIONS).map((s) => ({ type: 'imBack', title: s.label, value: s.message })),
    };
  }
  return reply;
}

// ---------------------------------------------------------------------------------------------
// The connector client and the bot's own token.

const tokenResponseSchema = z.object({ access_token: z.string().min(1), expires_in: z.union([z.number(), z.string()]).transform(Number) });

let credentialsClass: ReturnType<typeof defineCredentials> | null = null;

/**
 * AppCredentials whose token request is a plain fetch to a configurable endpoint. The package's
 * MicrosoftAppCredentials goes through @azure/msal-node, which needs an https authority it
 * discovers itself (so no local test server) and Node networking.
 */
function defineCredentials(bf: Connector) {
  return class FetchAppCredentials extends bf.AppCredentials {
    constructor(
      appId: string,
      private readonly appPassword: string,
      tenant: string | undefined,
      private readonly tokenUrl: string | undefined,
    ) {
      super(appId, tenant, BOT_SCOPE_DEFAULT);
    }

    protected override async refreshToken(): Promise<{ accessToken: string; expiresOn: Date }> {
      const url = this.tokenUrl || `${this.oAuthEndpoint.replace(/\/+$/u, '')}/oauth2/v2.0/token`;
      const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
      const res = await fetchWithRetry(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.appPassword, scope }).toString(),
      });
      const body = tokenResponseSchema.safeParse(await responseJson(res));
      if (!res.ok || !body.success) throw new OutboundError('botframework token', res.status);
      return { accessToken: body.data.access_token, expiresOn: new Date(Date.now() + body.data.expires_in * 1000) };
    }
  };
}

function connectorClient(bf: Connector, settings: Config['botframework'], serviceUrl: string): InstanceType<Connector['ConnectorClient']> {
  credentialsClass ??= defineCredentials(bf);
  // No app id: no token is requested or sent (AppCredentials skips signing), as the Emulator expects.
  const credentials = new credentialsClass(settings.appId, settings.appPassword, settings.tenantId ?? undefined, settings.oauthUrl ?? undefined);
  const client = new bf.ConnectorClient(credentials, { baseUri: serviceUrl });
  dropLibraryRetries(client);
  return client;
}

/**
 * The connector's HTTP pipeline retries 3 times with its own backoff; the retries here are ours
 * (withRetries, like every other channel). The pipeline sits on a private field, so it is looked
 * up defensively: if the library changes shape, its own retries simply stay.
 */
function dropLibraryRetries(client: object): void {
  const inner: unknown = Reflect.get(client, 'client');
  const pipeline: unknown = typeof inner === 'object' && inner !== null ? Reflect.get(inner, 'pipeline') : undefined;
  if (typeof pipeline === 'object' && pipeline !== null && 'removePolicy' in pipeline && typeof pipeline.removePolicy === 'function') {
    pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  }
}
