import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/index';
import type { Env } from '../../worker/env';

interface ChatBody {
  sessionId: string;
  messageId: string;
  intent: string;
  aspect: string | null;
  procedure?: { code: string; name: string; url: string | null };
  reply: { markdown: string; html: string; text: string };
  suggestions: { label: string; message: string }[];
  submitUrl?: string;
  sources: string[];
}

async function chat(message: string, sessionId?: string): Promise<ChatBody> {
  const res = await SELF.fetch('http://localhost/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.7' },
    body: JSON.stringify({ message, ...(sessionId ? { sessionId } : {}) }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ChatBody;
}

describe('POST /api/chat: a conversation', () => {
  it('greets with what it can do and example questions', async () => {
    const a = await chat('xin chào');
    expect(a.intent).toBe('greeting');
    expect(a.sessionId).toMatch(/^[A-Za-z0-9_-]{8,64}$/u);
    expect(a.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(a.reply.text).toContain('thủ tục hành chính');
  });

  it('answers the documents of a procedure asked without diacritics, then follow-ups on the same procedure', async () => {
    const first = await chat('dang ky khai sinh can giay to gi');
    expect(first.intent).toBe('procedure');
    expect(first.procedure?.code).toBe('1.001193');
    expect(first.aspect).toBe('components');
    expect(first.reply.markdown).toContain('1.001193');
    expect(first.reply.text).toContain('☐');
    expect(first.sources).toEqual(['1.001193']);
    expect(first.reply.text).toContain('Cơ sở dữ liệu quốc gia về thủ tục hành chính');

    const fee = await chat('còn lệ phí thì sao?', first.sessionId);
    expect(fee.procedure?.code).toBe('1.001193');
    expect(fee.aspect).toBe('fee');

    const online = await chat('nộp online được không?', first.sessionId);
    expect(online.procedure?.code).toBe('1.001193');
    expect(online.aspect).toBe('online');
    expect(online.submitUrl).toMatch(/^https:\/\//u);
    expect(online.reply.html).toContain('Nộp hồ sơ trực tuyến');

    // A new topic resets the conversation to the new procedure.
    const other = await chat('cấp lại giấy phép lái xe mất bao lâu', first.sessionId);
    expect(other.procedure?.code, other.reply.text).toBe('3.000348');
    expect(other.aspect).toBe('time');
  });

  it('states fees the Vietnamese way, from the catalog', async () => {
    const a = await chat('Đà Nẵng xin phép xây dựng có thời hạn nhà ở riêng lẻ tốn bao nhiêu');
    expect(a.procedure?.code, a.reply.text).toBe('1.009122');
    expect(a.reply.text).toContain('50.000 đồng');
    expect(a.reply.text).toContain('100.000 đồng');
  });

  it('answers a procedure published for several levels at the level a citizen uses, and says where else it is done', async () => {
    // "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)" / "(… cấp trung ương)": the
    // citizen is not asked which record; the provincial one answers, the central one is named.
    const a = await chat('cấp hộ chiếu phổ thông ở trong nước');
    expect(a.intent).toBe('procedure');
    expect(a.procedure?.code).toBe('1.001456');
    expect(a.reply.text).toMatch(/cũng được thực hiện tại cấp bộ \(trung ương\) \(mã 1\.001471\)/u);
    // The level the question names decides.
    const central = await chat('làm hộ chiếu ở Cục Quản lý xuất nhập cảnh mất mấy ngày');
    expect(central.procedure?.code).toBe('1.001471');
  });

  it('offers a list when several procedures fit, and takes "cái thứ 2" or a number as the choice', async () => {
    // "chứng thực" names a copy's, a signature's, a contract's, a will's certification, each with its fee.
    const a = await chat('chứng thực hết bao nhiêu tiền');
    expect(a.intent).toBe('clarify');
    expect(a.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(a.suggestions.length).toBeLessThanOrEqual(5);
    const second = a.sources[1];
    const b = await chat('cái thứ 2', a.sessionId);
    expect(b.intent).toBe('procedure');
    expect(b.procedure?.code).toBe(second);
  });

  it('asks which one when the question names only what several procedures share, and answers when it names one', async () => {
    // "chứng thực" is in the names of several procedures for everyone, with different fees.
    const broad = await chat('chứng thực hết bao nhiêu tiền');
    expect(broad.intent).toBe('clarify');
    expect(broad.suggestions.length).toBeGreaterThanOrEqual(3);
    expect(new Set(broad.sources).size).toBe(broad.sources.length);
    expect(broad.procedure).toBeUndefined();
    // "giấy phép xây dựng" is in the names of permits for a house, a railway crossing, a grade I work, a
    // repair: the house's is the one for everyone, the others for some works or later acts. It is
    // answered, the others offered beside it.
    const permit = await chat('xin giấy phép xây dựng hết bao nhiêu tiền');
    expect(permit.intent).toBe('procedure');
    expect(permit.procedure?.code).toBe('1.013225'); // … cấp III, cấp IV … và nhà ở riêng lẻ
    expect(permit.suggestions.length).toBeGreaterThanOrEqual(2);
    expect(permit.reply.text).toContain('Các thủ tục gần giống, cho trường hợp khác');
    const house = await chat('xin giấy phép xây nhà cần giấy tờ gì');
    expect(house.intent).toBe('procedure');
    expect(house.procedure?.name).toMatch(/^Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV .* nhà ở riêng lẻ$/u);
    // A name that only adds a word or two to the question is the one meant.
    const named = await chat('chấm dứt giám hộ cần giấy tờ gì');
    expect(named.intent).toBe('procedure');
    expect(named.procedure?.code).toBe('1.004845');
  });

  it('declines out-of-scope questions with the hotline', async () => {
    const a = await chat('thời tiết đà nẵng ngày mai thế nào');
    expect(a.intent).toBe('out_of_scope');
    expect(a.reply.text).toContain(env.CENTRE_HOTLINE!);
    expect(a.procedure).toBeUndefined();
  });

  it('never answers confidently what it cannot match: nearest procedures and the hotline', async () => {
    const a = await chat('thủ tục cấp thẻ xanh cho chó mèo đi lại trong phường');
    expect(a.intent).toBe('unmatched');
    expect(a.procedure).toBeUndefined();
    expect(a.reply.text).toContain(env.CENTRE_HOTLINE!);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(3);
  });

  it('shows markup typed in a question as text, never as HTML', async () => {
    const a = await chat('<img src=x onerror=alert(1)><script>alert(2)</script> đăng ký khai sinh');
    expect(a.reply.html).not.toMatch(/<img|<script/iu);
  });
});

describe('POST /api/chat: bad input', () => {
  const post = (body: string, type = 'application/json') =>
    SELF.fetch('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    { label: 'empty message', body: JSON.stringify({ message: '   ' }), status: 400, code: 'invalid_body' },
    { label: 'too long', body: JSON.stringify({ message: 'a'.repeat(1001) }), status: 400, code: 'invalid_body' },
    { label: 'wrong type', body: JSON.stringify({ message: 42 }), status: 400, code: 'invalid_body' },
    { label: 'bad session id', body: JSON.stringify({ message: 'xin chào', sessionId: '../../etc' }), status: 400, code: 'invalid_body' },
    { label: 'truncated JSON', body: '{"message": "xin ch', status: 400, code: 'invalid_json' },
    { label: 'huge body', body: JSON.stringify({ message: 'a'.repeat(100_000) }), status: 413, code: 'body_too_large' },
  ])('$label → $status $code', async ({ body, status, code }) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe(code);
    expect(json.error.message.length).toBeGreaterThan(5);
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await post('message=hello', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(415);
  });
});

describe('POST /api/chat when storage fails', () => {
  it('still answers from the catalog when KV throws', async () => {
    const brokenKv = {
      get: async () => {
        throw new Error('KV down');
      },
      put: async () => {
        throw new Error('KV down');
      },
    } as unknown as KVNamespace;
    const ctx = createExecutionContext();
    const req = new Request('http://localhost/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'đăng ký kết hôn cần giấy tờ gì' }),
    });
    const res = await worker.fetch(req, { ...(env as unknown as Env), SESSIONS: brokenKv }, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ChatBody;
    expect(body.intent).toBe('procedure');
    expect(body.procedure?.name).toContain('kết hôn');
  });
});

describe('POST /api/feedback', () => {
  const feedback = (body: unknown) =>
    SELF.fetch('http://localhost/api/feedback', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('records a rating for an answer of the same session', async () => {
    const a = await chat('đăng ký thường trú bao lâu');
    const res = await feedback({ sessionId: a.sessionId, messageId: a.messageId, rating: 'up' });
    expect(res.status).toBe(200);
  });

  it('refuses a rating for an unknown answer and a bad rating', async () => {
    const a = await chat('đăng ký tạm trú ở đâu');
    const unknown = await feedback({ sessionId: a.sessionId, messageId: crypto.randomUUID(), rating: 'down' });
    expect(unknown.status).toBe(404);
    const bad = await feedback({ sessionId: a.sessionId, messageId: a.messageId, rating: 'meh' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('up');
  });
});
