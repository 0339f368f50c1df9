// Zalo OA webhook, end to end in workerd: signed events in, customer-service messages out to the
// stub server (tests/worker/stub-server.ts) standing in for openapi.zalo.me and oauth.zaloapp.com.
import { beforeEach, describe, expect, it } from 'vitest';
import { ZALO_TEXT_LIMIT, ZALO_TOKENS_KEY } from '../../worker/channels/zalo';
import type { Env } from '../../worker/env';
import { assetsWithoutRecords, callWorker, expectShortAnswer, LONGEST_ANSWERS, newUserId, pageUrl, PORTAL_URL, recorded, resetStub, sha256Hex, testEnv, urlsIn, webAnswerText } from './channels-helpers';

/** A question whose answer fits one message (a documents answer such as "đăng ký khai sinh cần giấy tờ gì" is now a full checklist, sent as two). */
const ONE_MESSAGE = 'xóa đăng ký thường trú cần giấy tờ gì';
const ONE_MESSAGE_CODE = '1.003197';

const APP_ID = 'test-zalo-app';
const OA_SECRET = 'test-zalo-oa-secret';
const SEND_PATH = '/zalo/v3.0/oa/message/cs';
const OAUTH_PATH = '/zalo-oauth/v4/oa/access_token';

interface ZaloSend {
  recipient: { user_id: string };
  message: { text: string };
}

function textEvent(userId: string, text: string, msgId = crypto.randomUUID().replaceAll('-', '')): Record<string, unknown> {
  return {
    app_id: APP_ID,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp: String(Date.now()),
    sender: { id: userId },
    recipient: { id: '388613280878808645' },
    message: { text, msg_id: msgId },
  };
}

async function signature(rawBody: string, timestamp: string, secret = OA_SECRET): Promise<string> {
  return sha256Hex(APP_ID + rawBody + timestamp + secret);
}

async function deliver(
  event: Record<string, unknown>,
  opts: { sign?: 'mac=' | 'bare' | 'none' | 'wrong'; raw?: string; env?: Partial<Env> } = {},
): Promise<Response> {
  const raw = opts.raw ?? JSON.stringify(event);
  const timestamp = String(event.timestamp);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sign = opts.sign ?? 'mac=';
  if (sign === 'mac=') headers['X-ZEvent-Signature'] = `mac=${await signature(raw, timestamp)}`;
  if (sign === 'bare') headers['X-ZEvent-Signature'] = await signature(raw, timestamp);
  if (sign === 'wrong') headers['X-ZEvent-Signature'] = `mac=${await signature(raw, timestamp, 'not-the-secret')}`;
  return callWorker(new Request('http://localhost/channels/zalo/webhook', { method: 'POST', headers, body: raw }), opts.env);
}

async function sends(): Promise<{ token: string; body: ZaloSend }[]> {
  return (await recorded(SEND_PATH)).map((r) => ({ token: r.headers['access_token'] ?? '', body: JSON.parse(r.body) as ZaloSend }));
}

async function storedTokens(): Promise<{ accessToken: string; refreshToken: string; expiresAt: number | null } | null> {
  return testEnv.SESSIONS.get(ZALO_TOKENS_KEY, 'json');
}

beforeEach(async () => {
  await resetStub('/zalo'); // also /zalo-oauth
  await testEnv.SESSIONS.delete(ZALO_TOKENS_KEY); // back to the configured ZALO_ACCESS_TOKEN
});

describe('POST /channels/zalo/webhook: verification', () => {
  it('answers a correctly signed text with exactly one message to the sender, the procedure in it', async () => {
    const user = newUserId();
    const res = await deliver(textEvent(user, ONE_MESSAGE));
    expect(res.status).toBe(200);
    const out = await sends();
    expect(out).toHaveLength(1);
    expect(out[0]!.token).toBe('access-initial');
    expect(out[0]!.body.recipient.user_id).toBe(user);
    const text = out[0]!.body.message.text;
    expect(text).toContain(ONE_MESSAGE_CODE);
    expect(text.length).toBeLessThanOrEqual(ZALO_TEXT_LIMIT);
    // No quick replies on Zalo: the suggestions are a numbered list.
    expect(text).toMatch(/\n\nBạn có thể trả lời bằng số thứ tự:\n1\. .+/u);
    // The submission link is a plain URL line.
    expect(text).toMatch(/Nộp hồ sơ trực tuyến: https:\/\//u);
  });

  it('accepts the signature without the "mac=" prefix', async () => {
    const res = await deliver(textEvent(newUserId(), 'xin chào'), { sign: 'bare' });
    expect(res.status).toBe(200);
    expect(await sends()).toHaveLength(1);
  });

  it('refuses a wrong, missing or replayed-on-another-body signature with 401 and sends nothing', async () => {
    const event = textEvent(newUserId(), 'đăng ký khai sinh cần giấy tờ gì');
    for (const sign of ['wrong', 'none'] as const) {
      const res = await deliver(event, { sign });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_signature');
      expect(body.error.message).toMatch(/Chữ ký/u);
    }
    // A valid signature of one body does not sign another (the text changed in transit).
    const original = JSON.stringify(event);
    const tampered = original.replace('khai sinh', 'kết hôn');
    const res = await callWorker(
      new Request('http://localhost/channels/zalo/webhook', {
        method: 'POST',
        headers: { 'X-ZEvent-Signature': `mac=${await signature(original, String(event.timestamp))}` },
        body: tampered,
      }),
    );
    expect(res.status).toBe(401);
    // Another OA's event, signed with its own app id, is not ours.
    const other: Record<string, unknown> = { ...event, app_id: 'another-app' };
    const raw = JSON.stringify(other);
    const res2 = await callWorker(
      new Request('http://localhost/channels/zalo/webhook', {
        method: 'POST',
        headers: { 'X-ZEvent-Signature': `mac=${await sha256Hex('another-app' + raw + String(other.timestamp) + OA_SECRET)}` },
        body: raw,
      }),
    );
    expect(res2.status).toBe(401);
    // A body that is not JSON cannot be verified.
    expect((await deliver(event, { raw: 'not json' })).status).toBe(401);
    expect(await sends()).toHaveLength(0);
  });

  it('answers 400 with a Vietnamese message for a signed but malformed text event', async () => {
    const event = textEvent(newUserId(), 'xin chào');
    delete (event as { message?: unknown }).message;
    const res = await deliver(event);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_payload');
    expect(body.error.message).toContain('Dữ liệu webhook không đúng định dạng');
    expect(await sends()).toHaveLength(0);
  });

  it('acknowledges other events (images, follows, the OA own messages) and sends nothing', async () => {
    const user = newUserId();
    for (const event_name of ['user_send_image', 'follow', 'oa_send_text', 'user_received_message']) {
      const event = { app_id: APP_ID, event_name, timestamp: String(Date.now()), sender: { id: user }, message: { attachments: [] } };
      const res = await deliver(event);
      expect(res.status).toBe(200);
    }
    // An empty text is nothing to answer either.
    expect((await deliver(textEvent(user, '   '))).status).toBe(200);
    expect(await sends()).toHaveLength(0);
  });

  it('answers 404 when the channel is not configured (no ZALO_APP_ID)', async () => {
    const event = textEvent(newUserId(), 'xin chào');
    const raw = JSON.stringify(event);
    const res = await callWorker(
      new Request('http://localhost/channels/zalo/webhook', {
        method: 'POST',
        headers: { 'X-ZEvent-Signature': `mac=${await signature(raw, String(event.timestamp))}` },
        body: raw,
      }),
      { ZALO_APP_ID: '' },
    );
    expect(res.status).toBe(404);
    expect(await sends()).toHaveLength(0);
  });
});

describe('POST /channels/zalo/webhook: conversation', () => {
  it('"dang ky ket hon can giay to gi": at most 2 messages, the essential documents, the rest counted behind the link to /thu-tuc/1.000894', async () => {
    const question = 'dang ky ket hon can giay to gi';
    await deliver(textEvent(newUserId(), question));
    const out = (await sends()).map((s) => s.body.message.text);
    expectShortAnswer(out, '1.000894', await webAnswerText(question), ZALO_TEXT_LIMIT);
    const text = out.join('\n');
    // Everyone's documents and those to present, by title with their counts…
    for (const essential of ['☐ Tờ khai đăng ký kết hôn theo mẫu', '☐ Mẫu hộ tịch điện tử tương tác đăng ký kết hôn — 1 bản chính', '☐ Hộ chiếu/Thẻ căn cước công dân']) expect(text).toContain(essential);
    // …without the rest of their text; the "tùy trường hợp" documents and the notes counted.
    expect(text).not.toContain('Hai bên nam, nữ có thể khai chung');
    expect(text).not.toContain('Trường hợp gửi hồ sơ qua hệ thống bưu chính');
    expect(text).toMatch(/\+ 3 giấy tờ tùy trường hợp, 17 lưu ý \(xem đầy đủ theo đường dẫn bên dưới\)\n\nXem đầy đủ: http:\/\/localhost\/thu-tuc\/1\.000894/u);
    // The numbered menu and the submission link are still there.
    expect(text).toMatch(/Nộp hồ sơ trực tuyến: https:\/\//u);
    expect(text).toContain('Bạn có thể trả lời bằng số thứ tự:\n1. ');
    // The page linked shows the whole checklist: every document and note left out.
    const page = await (await callWorker(new Request(pageUrl('1.000894')))).text();
    for (const left of ['Trường hợp gửi hồ sơ qua hệ thống bưu chính', 'Hai bên nam, nữ có thể khai chung', 'Người tiếp nhận có trách nhiệm']) expect(page).toContain(left);
  });

  it('a birth registration: the declaration form and the birth certificate in one message, the conditional ones counted', async () => {
    await deliver(textEvent(newUserId(), 'đăng ký khai sinh cần giấy tờ gì'));
    const out = (await sends()).map((s) => s.body.message.text);
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('☐ Tờ khai đăng ký khai sinh theo mẫu');
    expect(out[0]).toContain('☐ Giấy chứng sinh');
    expect(out[0]).toMatch(/\+ \d+ giấy tờ tùy trường hợp, \d+ lưu ý/u);
    expect(out[0]).toContain(`Xem đầy đủ: ${pageUrl('1.001193')}`);
  });

  it.each(LONGEST_ANSWERS.map((p) => [p.code, p.components] as const))('the longest answers: %s (%i components) in at most 2 messages of 2,000 characters, with the link', async (code) => {
    const question = `thủ tục ${code} cần giấy tờ gì`;
    await deliver(textEvent(newUserId(), question));
    const out = (await sends()).map((s) => s.body.message.text);
    expectShortAnswer(out, code, await webAnswerText(question), ZALO_TEXT_LIMIT);
    for (const url of urlsIn(out.join('\n'))) expect(url === pageUrl(code) || PORTAL_URL.test(url), url).toBe(true);
  });

  it('sends nothing new when Zalo redelivers a message id', async () => {
    const event = textEvent(newUserId(), ONE_MESSAGE);
    expect((await deliver(event)).status).toBe(200);
    expect((await deliver(event)).status).toBe(200);
    expect(await sends()).toHaveLength(1);
  });

  it('sends nothing for a message id another isolate already recorded in KV', async () => {
    const event = textEvent(newUserId(), 'đăng ký khai sinh cần giấy tờ gì', 'seen-elsewhere-0001');
    await testEnv.SESSIONS.put('dedup:zalo:seen-elsewhere-0001', '1', { expirationTtl: 60 });
    expect((await deliver(event)).status).toBe(200);
    expect(await sends()).toHaveLength(0);
  });

  it('keeps a session per Zalo user, and reads a number as the suggestion of that number', async () => {
    const user = newUserId();
    await deliver(textEvent(user, 'cấp lại giấy phép lái xe mất bao lâu'));
    const first = await sends();
    const menu = first.map((s) => s.body.message.text).join('\n');
    expect(menu).toContain('3.000348');
    // The time was answered: the other aspects are offered, "2. Lệ phí bao nhiêu?" among them.
    expect(menu).toContain('Bạn có thể trả lời bằng số thứ tự:\n1. Hồ sơ gồm gì?\n2. Lệ phí bao nhiêu?');
    await deliver(textEvent(user, '2'));
    const second = (await sends()).slice(first.length).map((s) => s.body.message.text).join('\n');
    expect(second).toContain('3.000348');
    expect(second).toContain('Phí, lệ phí');
    // Another user's "2" knows nothing of that conversation.
    const before = (await sends()).length;
    await deliver(textEvent(newUserId(), '2'));
    const third = (await sends()).slice(before).map((s) => s.body.message.text).join('\n');
    expect(third).not.toContain('3.000348');
  });

  it('answers a question over 1,000 characters with the limit, as the web chat does', async () => {
    await deliver(textEvent(newUserId(), `đăng ký khai sinh ${'x'.repeat(1000)}`));
    const out = await sends();
    expect(out).toHaveLength(1);
    expect(out[0]!.body.message.text).toBe('Câu hỏi quá dài: tối đa 1000 ký tự.');
  });

  it('tells the user when the catalog is unavailable instead of staying silent', async () => {
    // Procedure records fail to load (the search index still works).
    const assets = assetsWithoutRecords();
    await deliver(textEvent(newUserId(), 'xin giấy phép xây nhà cần hồ sơ gì'), { env: { ASSETS: assets } });
    const out = await sends();
    expect(out).toHaveLength(1);
    expect(out[0]!.body.message.text).toBe('Dữ liệu thủ tục hành chính tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.');
  });

  it('links the page at PUBLIC_BASE_URL when it is set', async () => {
    await deliver(textEvent(newUserId(), 'lệ phí đăng ký kết hôn'), { env: { PUBLIC_BASE_URL: 'https://tthc.example.gov.vn/' } });
    const text = (await sends()).map((s) => s.body.message.text).join('\n');
    expect(text).toContain('Xem đầy đủ: https://tthc.example.gov.vn/thu-tuc/1.000894');
  });
});

describe('Zalo access tokens', () => {
  it('on an expired token: refreshes, stores the new pair in KV, and retries the send once', async () => {
    await testEnv.SESSIONS.put(
      ZALO_TOKENS_KEY,
      JSON.stringify({ accessToken: 'expired-a1', refreshToken: 'refresh-test-a1', expiresAt: Date.now() + 3_600_000 }),
    );
    const res = await deliver(textEvent(newUserId(), ONE_MESSAGE));
    expect(res.status).toBe(200);

    const oauth = await recorded(OAUTH_PATH);
    expect(oauth).toHaveLength(1);
    expect(oauth[0]!.headers['secret_key']).toBe('test-zalo-app-secret');
    const form = new URLSearchParams(oauth[0]!.body);
    expect(form.get('refresh_token')).toBe('refresh-test-a1');
    expect(form.get('app_id')).toBe(APP_ID);
    expect(form.get('grant_type')).toBe('refresh_token');

    const stored = await storedTokens();
    expect(stored?.refreshToken).toMatch(/^refresh-\d+$/u);
    expect(stored?.accessToken).toMatch(/^access-\d+$/u);
    expect(stored?.expiresAt).toBeGreaterThan(Date.now() + 24 * 3_600_000);

    // The refused send, then the same message once more with the new token.
    const out = await sends();
    expect(out.map((s) => s.token)).toEqual(['expired-a1', stored!.accessToken]);
    expect(out[1]!.body).toEqual(out[0]!.body);

    // The next message uses the stored token directly.
    await deliver(textEvent(newUserId(), 'xin chào'));
    expect((await sends()).map((s) => s.token)).toEqual(['expired-a1', stored!.accessToken, stored!.accessToken]);
    expect(await recorded(OAUTH_PATH)).toHaveLength(1);
  });

  it('refreshes ahead of expiry, before sending', async () => {
    await testEnv.SESSIONS.put(
      ZALO_TOKENS_KEY,
      JSON.stringify({ accessToken: 'about-to-expire', refreshToken: 'refresh-test-b1', expiresAt: Date.now() + 60_000 }),
    );
    await deliver(textEvent(newUserId(), 'xin chào'));
    expect(await recorded(OAUTH_PATH)).toHaveLength(1);
    const stored = await storedTokens();
    const out = await sends();
    expect(out).toHaveLength(1);
    expect(out[0]!.token).toBe(stored!.accessToken);
    expect(stored!.refreshToken).not.toBe('refresh-test-b1');
  });

  it('gives up (nothing sent) when the refresh token was already used, and keeps the stored pair', async () => {
    await testEnv.SESSIONS.put(
      ZALO_TOKENS_KEY,
      JSON.stringify({ accessToken: 'expired-c1', refreshToken: 'refresh-test-c1', expiresAt: null }),
    );
    await deliver(textEvent(newUserId(), 'xin chào'));
    await testEnv.SESSIONS.put(
      ZALO_TOKENS_KEY,
      JSON.stringify({ accessToken: 'expired-c2', refreshToken: 'refresh-test-c1', expiresAt: null }),
    );
    await deliver(textEvent(newUserId(), 'xin chào'));
    // First message: refused, refreshed, sent. Second: refused, refresh refused, not sent.
    const out = await sends();
    expect(out.map((s) => s.token.startsWith('expired'))).toEqual([true, false, true]);
    expect((await storedTokens())?.accessToken).toBe('expired-c2');
  });
});
