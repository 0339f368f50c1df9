// Bot Framework (Azure Bot Service) endpoint, end to end in workerd with botframework-connector:
// JWTs signed here with the stub server's RSA key (whose JWKS and OpenID metadata the stub serves),
// replies through ConnectorClient to a serviceUrl on the stub, bot token from the stub's endpoint.
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { callWorker, failNext, LONGEST_ANSWERS, newUserId, pageUrl, recorded, resetStub, stubOrigin } from './channels-helpers';

const APP_ID = 'test-bot-app-id';
const ISSUER = 'https://api.botframework.com';

interface ReplyBody {
  type: string;
  text: string;
  textFormat: string;
  replyToId?: string;
  recipient: { id: string };
  from: { id: string };
  conversation: { id: string };
  suggestedActions?: { to: string[]; actions: { type: string; title: string; value: string }[] };
  attachments?: { contentType: string; content: { buttons: { type: string; title: string; value: string }[] } }[];
}

const serviceUrl = () => `${stubOrigin()}/bf/service/`;

function activity(text: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `act-${crypto.randomUUID()}`,
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: serviceUrl(),
    from: { id: `user-${newUserId()}`, name: 'Công dân' },
    recipient: { id: 'bot-id', name: 'Trợ lý thủ tục' },
    conversation: { id: `conv-${crypto.randomUUID()}` },
    locale: 'vi-VN',
    text,
    ...overrides,
  };
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
const b64json = (o: unknown) => b64url(new TextEncoder().encode(JSON.stringify(o)));

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

async function signJwt(claims: Record<string, unknown>, opts: { key?: CryptoKey; kid?: string; alg?: 'RS256' | 'none' } = {}): Promise<string> {
  const alg = opts.alg ?? 'RS256';
  const head = b64json({ alg, typ: 'JWT', kid: opts.kid ?? inject('channelStub').bfKid });
  const body = b64json(claims);
  if (alg === 'none') return `${head}.${body}.`;
  const key = opts.key ?? (await crypto.subtle.importKey('jwk', inject('channelStub').bfPrivateJwk, RSA, false, ['sign']));
  const sig = new Uint8Array(await crypto.subtle.sign(RSA, key, new TextEncoder().encode(`${head}.${body}`)));
  return `${head}.${body}.${b64url(sig)}`;
}

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: ISSUER, aud: APP_ID, nbf: now - 60, iat: now - 60, exp: now + 3600, serviceurl: serviceUrl(), ...overrides };
}

async function post(body: Record<string, unknown> | string, token: string | null, overrides = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return callWorker(
    new Request('http://localhost/api/messages', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    overrides,
  );
}

async function replies(): Promise<{ path: string; auth: string | undefined; body: ReplyBody }[]> {
  return (await recorded('/bf/service')).map((r) => ({ path: r.path, auth: r.headers['authorization'], body: JSON.parse(r.body) as ReplyBody }));
}

beforeEach(async () => {
  await resetStub('/bf');
});

describe('POST /api/messages: authentication', () => {
  it('accepts a token signed with the channel key and replies once through the connector', async () => {
    const a = activity('đăng ký khai sinh cần giấy tờ gì');
    const res = await post(a, await signJwt(claims()));
    expect(res.status).toBe(200);

    const out = await replies();
    expect(out).toHaveLength(1);
    const { path, auth, body } = out[0]!;
    expect(path).toBe(`/bf/service/v3/conversations/${encodeURIComponent(String((a.conversation as { id: string }).id))}/activities/${encodeURIComponent(String(a.id))}`);
    // The bot's own token, from the configured token endpoint.
    expect(auth).toBe('Bearer bf-bot-token');
    expect(body.type).toBe('message');
    expect(body.replyToId).toBe(a.id);
    expect(body.recipient.id).toBe((a.from as { id: string }).id);
    expect(body.textFormat).toBe('markdown');
    expect(body.text).toContain('1.001193');
    expect(body.text).toContain('**'); // Markdown (bold procedure name)
    expect(body.suggestedActions?.actions.length).toBeGreaterThan(0);
    for (const action of body.suggestedActions!.actions) expect(action.type).toBe('imBack');
    expect(body.attachments?.[0]?.content.buttons).toEqual([
      { type: 'openUrl', title: 'Nộp hồ sơ trực tuyến', value: expect.stringMatching(/^https:\/\//u) },
      { type: 'openUrl', title: 'Xem đầy đủ', value: pageUrl('1.001193') },
    ]);
    // The token request, when this isolate had no cached token yet, is a client-credentials grant.
    for (const t of await recorded('/bf/token')) {
      const form = new URLSearchParams(t.body);
      expect(form.get('grant_type')).toBe('client_credentials');
      expect(form.get('client_id')).toBe(APP_ID);
      expect(form.get('client_secret')).toBe('test-bot-password');
      expect(form.get('scope')).toBe('https://api.botframework.com/.default');
    }
  });

  it.each([
    ['an expired token', async () => signJwt(claims({ exp: Math.floor(Date.now() / 1000) - 3600 }))],
    ['a token for another bot (wrong audience)', async () => signJwt(claims({ aud: 'another-bot' }))],
    ['a token from another issuer', async () => signJwt(claims({ iss: 'https://evil.example.com' }))],
    ['an unsigned token (alg none)', async () => signJwt(claims(), { alg: 'none' })],
    [
      'a token signed with a key that is not the channel one',
      async () => {
        const other = await crypto.subtle.generateKey({ ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, false, ['sign', 'verify']);
        return signJwt(claims(), { key: (other as CryptoKeyPair).privateKey });
      },
    ],
    ['a token whose serviceUrl is not the activity one', async () => signJwt(claims({ serviceurl: 'https://smba.trafficmanager.net/apac/' }))],
    ['no token', async () => null],
  ])('refuses %s with 401 and sends nothing', async (_name, token) => {
    const res = await post(activity('đăng ký khai sinh cần giấy tờ gì'), await token());
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unauthorized');
    expect(body.error.message).toMatch(/xác thực/u);
    expect(await replies()).toHaveLength(0);
  });

  it('without MICROSOFT_APP_ID, accepts the Emulator unauthenticated but answers only a local serviceUrl', async () => {
    const off = { MICROSOFT_APP_ID: '', MICROSOFT_APP_PASSWORD: '' };
    const res = await post(activity('đăng ký khai sinh cần giấy tờ gì', { channelId: 'emulator' }), null, off);
    expect(res.status).toBe(200);
    const out = await replies();
    expect(out).toHaveLength(1);
    expect(out[0]!.auth).toBeUndefined();
    expect(out[0]!.body.text).toContain('1.001193');

    const remote = await post(activity('xin chào', { serviceUrl: 'https://smba.trafficmanager.net/apac/' }), null, off);
    expect(remote.status).toBe(401);
    expect(await replies()).toHaveLength(1);
  });

  it('answers 400 with a Vietnamese message for an authenticated but malformed activity', async () => {
    const token = await signJwt(claims());
    const res = await post(activity('xin chào', { conversation: 'not an object' }), token);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_payload');
    expect(body.error.message).toBe('Dữ liệu webhook không đúng định dạng (trường "conversation").');
    expect((await post('{"type":', token)).status).toBe(400);
    expect(await replies()).toHaveLength(0);
  });
});

describe('POST /api/messages: activities', () => {
  it('acknowledges activities that are not text messages and sends nothing', async () => {
    const token = await signJwt(claims());
    for (const a of [
      activity('', { type: 'conversationUpdate', membersAdded: [{ id: 'bot-id' }] }),
      activity('', { type: 'typing' }),
      activity('   '),
      activity('', { attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/a.png' }] }),
    ]) {
      expect((await post(a, token)).status).toBe(200);
    }
    expect(await replies()).toHaveLength(0);
  });

  it('sends nothing new when the same activity is delivered again', async () => {
    const a = activity('đăng ký khai sinh cần giấy tờ gì');
    const token = await signJwt(claims());
    expect((await post(a, token)).status).toBe(200);
    expect((await post(a, token)).status).toBe(200);
    expect(await replies()).toHaveLength(1);
  });

  it('sends the same short answer as Zalo and Messenger, in Markdown, with the page behind a card button', async () => {
    await post(activity('dang ky ket hon can giay to gi'), await signJwt(claims()));
    const { body } = (await replies())[0]!;
    expect(body.text).toContain('- ☐ Tờ khai đăng ký kết hôn theo mẫu');
    expect(body.text).toContain('- ☐ Hộ chiếu/Thẻ căn cước công dân');
    expect(body.text).toContain('+ 3 giấy tờ tùy trường hợp, 17 lưu ý (xem đầy đủ theo đường dẫn bên dưới)');
    expect(body.text).not.toContain('Trường hợp gửi hồ sơ qua hệ thống bưu chính');
    expect(body.text).not.toContain('Hai bên nam, nữ có thể khai chung');
    // The links are the card's buttons, not lines of the text.
    expect(body.text).not.toContain('Xem đầy đủ');
    expect(body.attachments?.[0]?.content.buttons.map((b) => [b.title, b.value])).toContainEqual(['Xem đầy đủ', pageUrl('1.000894')]);
  });

  it.each(LONGEST_ANSWERS.map((p) => [p.code, p.components] as const))('the longest answers: %s (%i components) sized as two 2,000-character messages, with the page button', async (code) => {
    await post(activity(`thủ tục ${code} cần giấy tờ gì`), await signJwt(claims()));
    const { body } = (await replies())[0]!;
    expect(body.text).toContain(code);
    // Two messages' worth of plain text, plus what Markdown adds (list marks, bold, escapes).
    expect(body.text.length).toBeLessThanOrEqual(2 * 2000 + 400);
    expect(body.attachments?.[0]?.content.buttons).toContainEqual({ type: 'openUrl', title: 'Xem đầy đủ', value: pageUrl(code) });
  });

  it('keeps a session per user: a follow-up is about the same procedure, and Teams mentions are ignored', async () => {
    const token = await signJwt(claims());
    const first = activity('<at>Trợ lý</at> đăng ký khai sinh cần giấy tờ gì');
    await post(first, token);
    await post(activity('lệ phí bao nhiêu?', { from: first.from, conversation: first.conversation }), token);
    const out = await replies();
    expect(out).toHaveLength(2);
    expect(out[0]!.body.text).toContain('1.001193');
    expect(out[1]!.body.text).toContain('1.001193');
    expect(out[1]!.body.text).toMatch(/lệ phí/iu);
  });

  it("gets the bot's token from the configured endpoint: 5xx retried, 4xx not (and then nothing is sent)", async () => {
    // A new app id: AppCredentials caches tokens per app id for the isolate's life.
    const appId = `bot-${crypto.randomUUID()}`;
    await failNext('/bf/token', 503, 2);
    expect((await post(activity('xin chào'), await signJwt(claims({ aud: appId })), { MICROSOFT_APP_ID: appId })).status).toBe(200);
    expect(await recorded('/bf/token')).toHaveLength(3);
    expect((await replies()).map((r) => r.auth)).toEqual(['Bearer bf-bot-token']);

    await resetStub('/bf');
    const otherApp = `bot-${crypto.randomUUID()}`;
    await failNext('/bf/token', 401, 5);
    expect((await post(activity('xin chào'), await signJwt(claims({ aud: otherApp })), { MICROSOFT_APP_ID: otherApp })).status).toBe(200);
    expect(await recorded('/bf/token')).toHaveLength(1);
    expect(await replies()).toHaveLength(0);
  });

  it('retries the connector on 5xx at most twice (its own retry policy replaced by ours)', async () => {
    await failNext('/bf/service', 502, 2);
    expect((await post(activity('xin chào'), await signJwt(claims()))).status).toBe(200);
    expect(await replies()).toHaveLength(3);

    await resetStub('/bf');
    await failNext('/bf/service', 500, 10);
    expect((await post(activity('xin chào'), await signJwt(claims()))).status).toBe(200);
    expect(await replies()).toHaveLength(3);
  });
});
