// Conversation memory without KV (the widget holds the context), exchanges written to D1 in
// batches, and sessions written to KV only when the conversation state changed.
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { FLUSH_DELAY_MS } from '../../worker/exchange-log/queue';
import { hashSessionId } from '../../worker/exchange-log/records';

interface ChatBody {
  sessionId: string;
  messageId: string;
  intent: string;
  aspect: string | null;
  procedure?: { code: string };
  sources: string[];
  reply: { text: string };
  context?: string | null;
  error?: { code: string; message: string };
}

async function post(body: unknown): Promise<{ status: number; body: ChatBody }> {
  const res = await SELF.fetch('http://localhost/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.41' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as ChatBody };
}

const sessionKeys = async (sessionId: string) => (await env.SESSIONS.list({ prefix: `session:web:${sessionId}` })).keys;

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a conversation whose context the client holds', () => {
  it('follows up on the procedure from the context it sends back, and writes no session to KV', async () => {
    const first = await post({ message: 'đăng ký khai sinh cần giấy tờ gì', context: null });
    expect(first.status).toBe(200);
    expect(first.body.procedure?.code).toBe('1.001193');
    expect(first.body.context).toMatch(/^v1\.[A-Za-z0-9_-]+$/u);

    const fee = await post({ sessionId: first.body.sessionId, message: 'còn lệ phí thì sao?', context: first.body.context });
    expect(fee.status).toBe(200);
    expect(fee.body.procedure?.code).toBe('1.001193');
    expect(fee.body.aspect).toBe('fee');

    // Without the context the same follow-up has nothing to follow.
    const forgotten = await post({ sessionId: first.body.sessionId, message: 'còn lệ phí thì sao?', context: null });
    expect(forgotten.body.procedure?.code).not.toBe('1.001193');

    await new Promise((r) => setTimeout(r, 100));
    expect(await sessionKeys(first.body.sessionId)).toEqual([]);
  });

  it('takes a choice from a list offered in the context', async () => {
    const list = await post({ message: 'chứng thực hết bao nhiêu tiền', context: null });
    expect(list.body.intent).toBe('clarify');
    const chosen = await post({ sessionId: list.body.sessionId, message: 'cái thứ 2', context: list.body.context });
    expect(chosen.body.intent).toBe('procedure');
    expect(chosen.body.procedure?.code).toBe(list.body.sources[1]);
  });

  it('answers without memory when the context is forged or garbled, and refuses one that is not a string or too long', async () => {
    const forged = `v1.${btoa(JSON.stringify({ procedure: '9.999999', aspect: 'fee' }))}`;
    for (const context of ['garbage', 'v1.!!!', 'v1.' + btoa('{"aspect":"steal"}'), forged]) {
      const r = await post({ message: 'còn lệ phí thì sao?', context });
      expect(r.status, context).toBe(200);
      expect(r.body.reply.text.length).toBeGreaterThan(0);
      expect(r.body.procedure?.code).not.toBe('9.999999');
    }
    for (const context of [42, { procedure: '1.001193' }, 'v1.' + 'A'.repeat(5000)]) {
      const r = await post({ message: 'lệ phí', context });
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe('invalid_body');
      expect(r.body.error?.message).toMatch(/Ngữ cảnh trò chuyện không hợp lệ/u);
    }
  });
});

describe('sessions kept in KV (clients that send no context)', () => {
  it('are written when the conversation changes, not again for a turn that changes nothing', async () => {
    const first = await post({ message: 'lệ phí đăng ký kết hôn' });
    expect(first.body.context).toBeUndefined();
    const [stored] = await eventually(() => sessionKeys(first.body.sessionId), (k) => k.length === 1);
    expect(stored).toBeDefined();
    // KV expirations have a one-second grain: a rewrite after 1.1 s would move it.
    await new Promise((r) => setTimeout(r, 1100));
    const again = await post({ sessionId: first.body.sessionId, message: 'lệ phí đăng ký kết hôn' });
    expect(again.body.procedure?.code).toBe(first.body.procedure?.code);
    await new Promise((r) => setTimeout(r, 100));
    expect((await sessionKeys(first.body.sessionId))[0]?.expiration).toBe(stored!.expiration);

    await post({ sessionId: first.body.sessionId, message: 'mất bao lâu' });
    const moved = await eventually(() => sessionKeys(first.body.sessionId), (k) => k[0]?.expiration !== stored!.expiration);
    expect(moved[0]?.expiration).toBeGreaterThan(stored!.expiration!);
  });

  it('are not written at all for a conversation with nothing to remember', async () => {
    const hello = await post({ message: 'xin chào' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await sessionKeys(hello.body.sessionId)).toEqual([]);
  });
});

describe('exchanges recorded in batches', () => {
  it('writes every answered message to D1 shortly after answering, one batch for a burst', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post({ message: `thủ tục cấp hộ chiếu phổ thông lần ${i + 1}` })));
    const hashes = await Promise.all(answers.map((a) => hashSessionId(`web:${a.body.sessionId}`)));
    const count = () =>
      env.DB.prepare(`SELECT COUNT(*) AS n FROM exchanges WHERE session_id IN (${hashes.map(() => '?').join(',')})`)
        .bind(...hashes)
        .first<{ n: number }>()
        .then((r) => r?.n ?? 0);
    expect(await eventually(count, (n) => n === 12, FLUSH_DELAY_MS * 10)).toBe(12);
  });

  it('takes a rating right after the answer, before the batch would have been written', async () => {
    const a = await post({ message: 'đăng ký thường trú cần gì' });
    const res = await SELF.fetch('http://localhost/api/feedback', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.41' },
      body: JSON.stringify({ sessionId: a.body.sessionId, messageId: a.body.messageId, rating: 'up' }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });
});
