// Faults of what the worker depends on (KV, D1): the chat still answers from the catalog, nothing
// crashes, and a failure storm is logged once, not once per request.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';

const failing = (what: string) => async () => {
  throw new Error(`${what} unavailable`);
};
const brokenKv = { get: failing('KV'), put: failing('KV'), delete: failing('KV') } as unknown as KVNamespace;
const hangingKv = { get: () => new Promise(() => undefined), put: () => new Promise(() => undefined) } as unknown as KVNamespace;
const brokenDb = { prepare: () => ({ bind: () => ({ run: failing('D1'), first: failing('D1'), all: failing('D1') }) }), batch: failing('D1') } as unknown as D1Database;

async function call(path: string, body: unknown, overrides: Partial<Env>): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(
    new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    { ...(env as unknown as Env), ...overrides },
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

afterEach(() => vi.restoreAllMocks());

describe('when storage fails', () => {
  it('answers from the catalog with KV and D1 both down, and logs each failure once for a storm of requests', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (let i = 0; i < 5; i++) {
      const res = await call('/api/chat', { message: 'đăng ký kết hôn cần giấy tờ gì' }, { SESSIONS: brokenKv, DB: brokenDb });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { intent: string; procedure?: { name: string } };
      expect(body.intent).toBe('procedure');
      expect(body.procedure?.name).toContain('kết hôn');
    }
    const lines = errors.mock.calls.map((c) => String(c[0]));
    for (const what of ['kv.session.get', 'kv.session.put', 'd1.exchange.insert']) {
      expect(lines.filter((l) => l.includes(what)).length, what).toBeLessThanOrEqual(1);
    }
  });

  it('refuses a rating with a clear 503 when D1 is down, instead of losing it silently', async () => {
    const res = await call(
      '/api/feedback',
      { sessionId: 'abcdefgh12345678', messageId: crypto.randomUUID(), rating: 'up' },
      { DB: brokenDb },
    );
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('storage_unavailable');
    expect(body.error.message).toContain('thử lại');
  });

  it('does not wait forever for a KV that never answers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    const res = await call('/api/chat', { message: 'đăng ký thường trú ở đâu' }, { SESSIONS: hangingKv });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 10_000);
});
