import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppEnv, Env } from '../../worker/env';
import { withConfig } from '../../worker/middleware/config';
import { errorResponse } from '../../worker/errors';
import { clientIp, createRateLimiter } from '../../worker/lib/rate-limit';
import { rateLimitByIp } from '../../worker/middleware/rate-limit';

// 2026-05-01T10:00:00Z, the start of a minute.
const T0 = Date.UTC(2026, 4, 1, 10, 0, 0);

describe('createRateLimiter', () => {
  it('allows up to the limit within a minute, then refuses with the seconds left', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 3; i++) expect(limiter.hit('a', 3, T0 + i * 1000)).toEqual({ allowed: true, retryAfterSec: 0 });
    expect(limiter.hit('a', 3, T0 + 15_000)).toEqual({ allowed: false, retryAfterSec: 45 });
    expect(limiter.hit('a', 3, T0 + 59_500)).toEqual({ allowed: false, retryAfterSec: 1 });
  });

  it('resets when the next minute starts', () => {
    const limiter = createRateLimiter();
    expect(limiter.hit('a', 1, T0 + 59_000).allowed).toBe(true);
    expect(limiter.hit('a', 1, T0 + 59_999).allowed).toBe(false);
    expect(limiter.hit('a', 1, T0 + 60_000).allowed).toBe(true);
    expect(limiter.hit('a', 1, T0 + 61_000).allowed).toBe(false);
    expect(limiter.hit('a', 1, T0 + 10 * 60_000).allowed).toBe(true);
  });

  it('refused requests do not extend the window', () => {
    const limiter = createRateLimiter();
    limiter.hit('a', 1, T0);
    for (let i = 1; i < 50; i++) expect(limiter.hit('a', 1, T0 + i * 1000).allowed).toBe(false);
    expect(limiter.hit('a', 1, T0 + 60_000).allowed).toBe(true);
  });

  it('is disabled at 0 (and for negative or invalid limits): always allowed, nothing tracked', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 1000; i++) expect(limiter.hit('a', 0, T0)).toEqual({ allowed: true, retryAfterSec: 0 });
    expect(limiter.hit('a', -1, T0).allowed).toBe(true);
    expect(limiter.hit('a', Number.NaN, T0).allowed).toBe(true);
    expect(limiter.size()).toBe(0);
  });

  it('keeps keys apart', () => {
    const limiter = createRateLimiter();
    expect(limiter.hit('ip:1.1.1.1', 1, T0).allowed).toBe(true);
    expect(limiter.hit('ip:1.1.1.1', 1, T0).allowed).toBe(false);
    expect(limiter.hit('ip:2.2.2.2', 1, T0).allowed).toBe(true);
    expect(limiter.hit('session:x', 1, T0).allowed).toBe(true);
    expect(limiter.hit('ip:2.2.2.2', 1, T0).allowed).toBe(false);
  });

  it('applies the limit given on each hit (a config change takes effect at once)', () => {
    const limiter = createRateLimiter();
    limiter.hit('a', 5, T0);
    limiter.hit('a', 5, T0);
    expect(limiter.hit('a', 2, T0).allowed).toBe(false);
    expect(limiter.hit('a', 10, T0).allowed).toBe(true);
  });

  it('keeps memory bounded: at most maxKeys keys, past windows evicted first', () => {
    const limiter = createRateLimiter({ maxKeys: 100 });
    for (let i = 0; i < 100; i++) limiter.hit(`old${i}`, 5, T0);
    expect(limiter.size()).toBe(100);
    // Next minute: new keys replace the stale ones.
    for (let i = 0; i < 100; i++) limiter.hit(`new${i}`, 5, T0 + 60_000);
    expect(limiter.size()).toBe(100);
    // A flood of distinct keys within one minute never grows the map past the cap.
    for (let i = 0; i < 10_000; i++) limiter.hit(`flood${i}`, 5, T0 + 61_000);
    expect(limiter.size()).toBe(100);
  });

  it('defaults to 10,000 keys', () => {
    const limiter = createRateLimiter();
    for (let i = 0; i < 12_000; i++) limiter.hit(`k${i}`, 1, T0);
    expect(limiter.size()).toBe(10_000);
    // The most recent keys are still counted.
    expect(limiter.hit('k11999', 1, T0).allowed).toBe(false);
  });

  it('a key that is still counted is not evicted by stale ones', () => {
    const limiter = createRateLimiter({ maxKeys: 3 });
    limiter.hit('stale1', 1, T0);
    limiter.hit('stale2', 1, T0);
    limiter.hit('busy', 1, T0 + 60_000);
    limiter.hit('fresh', 1, T0 + 60_000); // evicts the past-window keys only
    expect(limiter.size()).toBe(2);
    expect(limiter.hit('busy', 1, T0 + 60_000).allowed).toBe(false);
  });
});

describe('clientIp', () => {
  it('prefers CF-Connecting-IP, then the first X-Forwarded-For entry, else local', () => {
    expect(clientIp(new Headers({ 'CF-Connecting-IP': '203.0.113.5', 'X-Forwarded-For': '198.51.100.1' }))).toBe('203.0.113.5');
    expect(clientIp(new Headers({ 'X-Forwarded-For': ' 198.51.100.1 , 10.0.0.1' }))).toBe('198.51.100.1');
    expect(clientIp(new Headers())).toBe('local');
  });
});

describe('rateLimitByIp middleware', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0 + 10_000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function makeApp(limitVar: string | undefined) {
    const limiter = createRateLimiter();
    const app = new Hono<AppEnv>();
    app.use('*', withConfig());
    app.use('/api/*', rateLimitByIp(limiter, (config) => config.rateLimit.ipPerMin));
    app.get('/api/ping', (c) => c.json({ ok: true }));
    app.onError((err, c) => errorResponse(c, err));
    const env = { RATE_LIMIT_IP_PER_MIN: limitVar } as unknown as Env;
    const get = (headers: Record<string, string> = {}) => app.request('/api/ping', { headers }, env);
    return { get };
  }

  it('answers 429 rate_limited in Vietnamese with Retry-After once the limit is reached', async () => {
    const { get } = makeApp('2');
    const ip = { 'CF-Connecting-IP': '203.0.113.5' };
    expect((await get(ip)).status).toBe(200);
    expect((await get(ip)).status).toBe(200);
    const res = await get(ip);
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('50');
    const body = (await res.json()) as { error: { code: string; message: string; details: { retryAfterSec: number } } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toBe('Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau 50 giây.');
    expect(body.error.details.retryAfterSec).toBe(50);
    // Another client is not affected.
    expect((await get({ 'CF-Connecting-IP': '203.0.113.6' })).status).toBe(200);
    // The next minute, the first client may ask again.
    vi.setSystemTime(T0 + 60_000);
    expect((await get(ip)).status).toBe(200);
  });

  it('keys on the first X-Forwarded-For entry without CF-Connecting-IP, else on "local"', async () => {
    const { get } = makeApp('1');
    expect((await get({ 'X-Forwarded-For': '198.51.100.1, 10.0.0.1' })).status).toBe(200);
    expect((await get({ 'X-Forwarded-For': '198.51.100.1, 10.0.0.2' })).status).toBe(429);
    expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
  });

  it('is disabled when the configured limit is 0', async () => {
    const { get } = makeApp('0');
    for (let i = 0; i < 100; i++) expect((await get()).status).toBe(200);
  });

  it('uses the default (60) when no limit is configured', async () => {
    const { get } = makeApp(undefined);
    for (let i = 0; i < 60; i++) expect((await get()).status).toBe(200);
    expect((await get()).status).toBe(429);
  });

  it('refuses to run on an invalid limit: 503 config_invalid in Vietnamese, never a silent default', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { get } = makeApp('lots');
    const res = await get();
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('config_invalid');
    expect(body.error.message).toBe('Hệ thống đang được cấu hình chưa đúng nên tạm thời chưa phục vụ được. Vui lòng thử lại sau ít phút.');
    expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/RATE_LIMIT_IP_PER_MIN must be a whole number \(0 or more\), not "lots"/u);
    logged.mockRestore();
  });
});
