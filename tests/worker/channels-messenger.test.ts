// Facebook Messenger webhook, end to end in workerd: signed events in, Send API calls out to the
// stub server (tests/worker/stub-server.ts) standing in for graph.facebook.com.
import { beforeEach, describe, expect, it } from 'vitest';
import { MESSENGER_TEXT_LIMIT } from '../../worker/channels/messenger';
import type { Env } from '../../worker/env';
import { callWorker, expectShortAnswer, failNext, hmacHex, LONGEST_ANSWERS, newUserId, pageUrl, PORTAL_URL, recorded, resetStub, urlsIn, webAnswerText } from './channels-helpers';

/** A question whose answer fits one message (a documents answer such as "đăng ký khai sinh cần giấy tờ gì" is now a full checklist, sent as two). */
const ONE_MESSAGE = 'xóa đăng ký thường trú cần giấy tờ gì';
const ONE_MESSAGE_CODE = '1.003197';

const APP_SECRET = 'test-messenger-app-secret';
const SEND_PATH = '/messenger/me/messages';

interface QuickReply {
  content_type: string;
  title: string;
  payload: string;
}
interface SendBody {
  recipient: { id: string };
  messaging_type: string;
  message: {
    text?: string;
    quick_replies?: QuickReply[];
    attachment?: { type: string; payload: { template_type: string; text: string; buttons: { type: string; url: string; title: string }[] } };
  };
}

type Messaging = Record<string, unknown>;

const textMessage = (userId: string, text: string, mid = `m_${crypto.randomUUID()}`): Messaging => ({
  sender: { id: userId },
  recipient: { id: 'PAGE_ID' },
  timestamp: Date.now(),
  message: { mid, text },
});

const webhookBody = (...messaging: Messaging[]) => ({ object: 'page', entry: [{ id: 'PAGE_ID', time: Date.now(), messaging }] });

async function deliver(body: unknown, opts: { raw?: string; sign?: 'ok' | 'none' | 'wrong'; signed?: string; env?: Partial<Env> } = {}): Promise<Response> {
  const raw = opts.raw ?? JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const sign = opts.sign ?? 'ok';
  if (sign === 'ok') headers['X-Hub-Signature-256'] = `sha256=${await hmacHex(APP_SECRET, opts.signed ?? raw)}`;
  if (sign === 'wrong') headers['X-Hub-Signature-256'] = `sha256=${await hmacHex('not-the-secret', raw)}`;
  return callWorker(new Request('http://localhost/channels/messenger/webhook', { method: 'POST', headers, body: raw }), opts.env);
}

/** What a message says: its text, or a button template's. */
const textOf = (m: SendBody['message']): string => m.text ?? m.attachment?.payload.text ?? '';

async function sends(): Promise<{ token: string | null; body: SendBody }[]> {
  return (await recorded(SEND_PATH)).map((r) => ({
    token: new URL(r.url, 'http://stub').searchParams.get('access_token'),
    body: JSON.parse(r.body) as SendBody,
  }));
}

beforeEach(async () => {
  await resetStub('/messenger');
});

describe('GET /channels/messenger/webhook: subscription check', () => {
  const verify = (query: string, overrides = {}) => callWorker(new Request(`http://localhost/channels/messenger/webhook?${query}`), overrides);

  it('echoes hub.challenge as text for the right verify token', async () => {
    const res = await verify('hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1158201444');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/u);
    expect(await res.text()).toBe('1158201444');
  });

  it('refuses a wrong or missing verify token with 403', async () => {
    for (const q of ['hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1', 'hub.mode=subscribe&hub.challenge=1', 'hub.mode=unsubscribe&hub.verify_token=test-verify-token&hub.challenge=1']) {
      const res = await verify(q);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe('Mã xác minh webhook không đúng.');
    }
  });

  it('answers 404 when the channel is not configured (no MESSENGER_APP_SECRET)', async () => {
    const res = await verify('hub.mode=subscribe&hub.verify_token=test-verify-token&hub.challenge=1', { MESSENGER_APP_SECRET: '' });
    expect(res.status).toBe(404);
  });
});

describe('POST /channels/messenger/webhook: verification', () => {
  it('answers a correctly signed message with exactly one send, quick replies for the suggestions', async () => {
    const user = newUserId();
    const res = await deliver(webhookBody(textMessage(user, ONE_MESSAGE)));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('EVENT_RECEIVED');
    const out = await sends();
    expect(out).toHaveLength(1);
    const { token, body } = out[0]!;
    expect(token).toBe('test-page-token');
    expect(body.recipient.id).toBe(user);
    expect(body.messaging_type).toBe('RESPONSE');
    expect(textOf(body.message)).toContain(ONE_MESSAGE_CODE);
    expect(textOf(body.message).length).toBeLessThan(2000);
    const qr = body.message.quick_replies ?? [];
    expect(qr.length).toBeGreaterThan(0);
    expect(qr.length).toBeLessThanOrEqual(13);
    for (const q of qr) {
      expect(q.content_type).toBe('text');
      expect(Array.from(q.title).length).toBeLessThanOrEqual(20);
      expect(q.payload.length).toBeGreaterThan(0);
    }
  });

  it('a documents answer too long for a button template: text in at most 2 messages, the submission and page links as URL lines', async () => {
    const question = 'dang ky ket hon can giay to gi';
    await deliver(webhookBody(textMessage(newUserId(), question)));
    const out = await sends();
    const texts = out.map((o) => o.body.message.text!);
    expectShortAnswer(texts, '1.000894', await webAnswerText(question), MESSENGER_TEXT_LIMIT);
    expect(texts.join('\n')).toMatch(/Nộp hồ sơ trực tuyến: https:\/\//u);
    expect(texts.join('\n')).toContain('☐ Hộ chiếu/Thẻ căn cước công dân');
    expect(Boolean(out[out.length - 1]!.body.message.quick_replies)).toBe(true);
  });

  it('refuses a wrong or missing signature with 401 and sends nothing', async () => {
    const body = webhookBody(textMessage(newUserId(), 'đăng ký khai sinh cần giấy tờ gì'));
    for (const sign of ['wrong', 'none'] as const) {
      const res = await deliver(body, { sign });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_signature');
    }
    expect(await sends()).toHaveLength(0);
  });

  it('verifies the raw bytes: escaped Unicode as Meta sends it passes, a re-serialized signature does not', async () => {
    const user = newUserId();
    const body = webhookBody(textMessage(user, ONE_MESSAGE));
    // Meta escapes non-ASCII characters: "\u0111\u0103ng k\u00fd …".
    const raw = JSON.stringify(body).replace(/[\u007f-\uffff]/gu, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
    expect(raw).toContain('\\u0111');
    // Signed over JSON.stringify of the parsed body (unescaped): not what was sent.
    expect((await deliver(body, { raw, signed: JSON.stringify(JSON.parse(raw)) })).status).toBe(401);
    expect(await sends()).toHaveLength(0);
    // Signed over the bytes sent.
    expect((await deliver(body, { raw })).status).toBe(200);
    const out = await sends();
    expect(out).toHaveLength(1);
    expect(textOf(out[0]!.body.message)).toContain(ONE_MESSAGE_CODE);
  });

  it('answers 400 with a Vietnamese message for a signed but malformed body', async () => {
    const res = await deliver({ object: 'page', entry: 'not a list' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_payload');
    expect(body.error.message).toBe('Dữ liệu webhook không đúng định dạng (trường "entry").');
    const notJson = await deliver(null, { raw: '{"object":' });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    expect(await sends()).toHaveLength(0);
  });
});

describe('POST /channels/messenger/webhook: events', () => {
  it('ignores echoes, deliveries, reads and attachments (200, nothing sent)', async () => {
    const user = newUserId();
    const res = await deliver(
      webhookBody(
        { sender: { id: 'PAGE_ID' }, recipient: { id: user }, timestamp: Date.now(), message: { mid: 'm_echo', is_echo: true, text: 'đăng ký khai sinh' } },
        { sender: { id: user }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), delivery: { mids: ['m_1'], watermark: Date.now() } },
        { sender: { id: user }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), read: { watermark: Date.now() } },
        { sender: { id: user }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), message: { mid: 'm_img', attachments: [{ type: 'image', payload: { url: 'https://example.com/a.jpg' } }] } },
      ),
    );
    expect(res.status).toBe(200);
    // Another product's webhook (e.g. Instagram) is acknowledged too.
    expect((await deliver({ object: 'instagram', entry: [] })).status).toBe(200);
    expect(await sends()).toHaveLength(0);
  });

  it('takes a quick reply payload and a postback payload as the message', async () => {
    const user = newUserId();
    const quick = textMessage(user, 'Hồ sơ gồm gì?');
    (quick.message as Record<string, unknown>).quick_reply = { payload: ONE_MESSAGE };
    await deliver(webhookBody(quick));
    await deliver(webhookBody({ sender: { id: user }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), postback: { mid: `m_${crypto.randomUUID()}`, title: 'Lệ phí', payload: 'Lệ phí bao nhiêu?' } }));
    const out = await sends();
    expect(out).toHaveLength(2);
    expect(textOf(out[0]!.body.message)).toContain(ONE_MESSAGE_CODE);
    // The postback is a follow-up in the same session: the fee of the same procedure.
    const secondText = textOf(out[1]!.body.message);
    expect(secondText).toContain(ONE_MESSAGE_CODE);
    expect(secondText).toMatch(/lệ phí/iu);
  });

  it('shows the submission link as a URL button when the answer fits a button template', async () => {
    await deliver(webhookBody(textMessage(newUserId(), 'lệ phí đăng ký khai sinh')));
    const out = await sends();
    expect(out).toHaveLength(1);
    const message = out[0]!.body.message;
    expect(message.text).toBeUndefined();
    expect(message.attachment?.type).toBe('template');
    const payload = message.attachment!.payload;
    expect(payload.template_type).toBe('button');
    expect(payload.text).toContain('1.001193');
    expect(payload.text.length).toBeLessThanOrEqual(640);
    // The link is the button, not repeated as a line of the text. The page (http://localhost here)
    // is no button: Messenger opens only https URLs; its link stays a line of the text.
    expect(payload.text).not.toContain('Nộp hồ sơ trực tuyến:');
    expect(payload.text).toContain(`Xem đầy đủ: ${pageUrl('1.001193')}`);
    expect(payload.buttons).toEqual([{ type: 'web_url', url: expect.stringMatching(/^https:\/\//u), title: 'Nộp hồ sơ trực tuyến' }]);
    expect(message.quick_replies?.length).toBeGreaterThan(0);
  });

  it('with an https page (PUBLIC_BASE_URL), "Xem đầy đủ" is a second URL button', async () => {
    await deliver(webhookBody(textMessage(newUserId(), 'lệ phí đăng ký khai sinh')), { env: { PUBLIC_BASE_URL: 'https://tthc.example.gov.vn' } });
    const payload = (await sends())[0]!.body.message.attachment!.payload;
    expect(payload.buttons.map((b) => b.title)).toEqual(['Nộp hồ sơ trực tuyến', 'Xem đầy đủ']);
    expect(payload.buttons[1]!.url).toBe('https://tthc.example.gov.vn/thu-tuc/1.001193');
    expect(payload.text).not.toContain('Xem đầy đủ:');
  });

  it('sends nothing new when Meta redelivers a message id', async () => {
    const body = webhookBody(textMessage(newUserId(), ONE_MESSAGE, 'm_redelivered_once'));
    expect((await deliver(body)).status).toBe(200);
    expect((await deliver(body)).status).toBe(200);
    expect(await sends()).toHaveLength(1);
  });

  it('a long steps answer: at most 2 messages under 2,000 characters, quick replies on the last, no URL cut', async () => {
    const question = 'các bước thực hiện đăng ký kết hôn';
    await deliver(webhookBody(textMessage(newUserId(), question)));
    const out = await sends();
    const texts = out.map((o) => o.body.message.text!);
    expectShortAnswer(texts, '1.000894', await webAnswerText(question), MESSENGER_TEXT_LIMIT);
    out.forEach(({ body }, i) => {
      for (const url of urlsIn(body.message.text!)) expect(url === pageUrl('1.000894') || PORTAL_URL.test(url), url).toBe(true);
      expect(Boolean(body.message.quick_replies)).toBe(i === out.length - 1);
    });
    // The steps it lists are whole steps of the web answer, in order; the others are counted.
    const web = await webAnswerText(question);
    const steps = texts.join('\n').split('\n').filter((l) => /^\d+\. /u.test(l));
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(web.split('\n')).toContain(step);
    expect(texts.join('\n')).toMatch(/… và \d+ mục khác \(xem đầy đủ theo đường dẫn bên dưới\)/u);
  });

  it.each(LONGEST_ANSWERS.map((p) => [p.code, p.components] as const))('the longest answers: %s (%i components) in at most 2 messages, with the link', async (code) => {
    const question = `thủ tục ${code} cần giấy tờ gì`;
    await deliver(webhookBody(textMessage(newUserId(), question)));
    const texts = (await sends()).map((o) => textOf(o.body.message));
    expectShortAnswer(texts, code, await webAnswerText(question), MESSENGER_TEXT_LIMIT);
  });
});

describe('Messenger Send API failures', () => {
  it('retries a 5xx answer with backoff, at most twice', async () => {
    await failNext(SEND_PATH, 503, 2);
    await deliver(webhookBody(textMessage(newUserId(), 'xin chào')));
    const attempts = await sends();
    expect(attempts).toHaveLength(3);
    expect(attempts[2]!.body).toEqual(attempts[0]!.body);

    await resetStub('/messenger');
    await failNext(SEND_PATH, 500, 5);
    const res = await deliver(webhookBody(textMessage(newUserId(), 'xin chào')));
    expect(res.status).toBe(200);
    expect(await sends()).toHaveLength(3);
  });

  it('does not retry a 4xx answer', async () => {
    await failNext(SEND_PATH, 400, 1);
    await deliver(webhookBody(textMessage(newUserId(), 'xin chào')));
    expect(await sends()).toHaveLength(1);
  });
});
