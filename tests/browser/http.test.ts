// What the worker serves for the web front, over HTTP (no browser needed): the widget script and
// its caching, the demo page and its security headers, and CORS on the public API under
// ALLOWED_ORIGINS (the test server lists one portal origin; the empty list is checked in-process).
import { Hono } from 'hono';
import { describe, expect, inject, it } from 'vitest';
import type { AppEnv } from '../../worker/env';
import { AppError, errorResponse } from '../../worker/errors';
import { parseConfig } from '../../worker/config';
import { allowOrigin, cors } from '../../worker/middleware/cors';
import { withConfig } from '../../worker/middleware/config';
import { baseUrl } from './helpers';

const allowed = () => inject('allowedOrigin');
const evil = () => `http://evil.localhost:${inject('portalPort')}`;

describe('widget.js', () => {
  it('is served with a short cache so portals get the latest', async () => {
    const res = await fetch(`${baseUrl()}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/u);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const code = await res.text();
    expect(code).toContain('TTHCWidget');
    // Conditional requests are answered 304.
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(`${baseUrl()}/widget.js`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('has an immutable content-hashed twin named in /widget-manifest.json', async () => {
    const manifest = (await (await fetch(`${baseUrl()}/widget-manifest.json`)).json()) as { file: string; hash: string; gzipBytes: number };
    expect(manifest.file).toMatch(/^widget\.[0-9a-f]{12}\.js$/u);
    expect(manifest.gzipBytes).toBeLessThanOrEqual(15 * 1024);
    const hashed = await fetch(`${baseUrl()}/${manifest.file}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(hashed.headers.get('content-type')).toMatch(/^text\/javascript/u);
    expect(await hashed.text()).toBe(await (await fetch(`${baseUrl()}/widget.js`)).text());
    const unknown = await fetch(`${baseUrl()}/widget.000000000000.js`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('widget_not_built');
  });
});

describe('demo portal page', () => {
  it('is Vietnamese, embeds the widget with one script tag, and has a strict CSP', async () => {
    const res = await fetch(`${baseUrl()}/`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    for (const d of ["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "img-src 'self' data:"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toMatch(/<html lang="vi">/u);
    expect(html).toContain('Cổng Dịch vụ công');
    expect(html).toContain('Trung tâm Phục vụ hành chính công');
    expect(html).toMatch(/<script src="\/widget\.js" async data-title="[^"]+"[^>]*><\/script>/u);
    // No inline script, handler or style: everything the CSP forbids.
    expect(html.match(/<script\b[^>]*>/gu)).toHaveLength(1);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=|javascript:/iu);
    for (const code of ['1.001193', '1.000894', '1.004222', '3.000348']) expect(html).toContain(`/api/procedures/${code}`);
    expect(html).toContain('Thủ tục đăng ký khai sinh');
    expect(html).toContain('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/');
  });

  it('serves its stylesheet', async () => {
    const res = await fetch(`${baseUrl()}/portal.css`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/css/u);
    expect(await res.text()).toContain('.nav');
  });
});

describe('CORS on the public API (ALLOWED_ORIGINS lists one portal)', () => {
  const preflight = (path: string, origin: string, method = 'POST') =>
    fetch(`${baseUrl()}${path}`, {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' },
    });

  it('answers preflights from a listed origin on /api/chat, /api/feedback and /api/search', async () => {
    for (const [path, method] of [['/api/chat', 'POST'], ['/api/feedback', 'POST'], ['/api/search', 'GET']] as const) {
      const res = await preflight(path, allowed(), method);
      expect(res.status, path).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(allowed());
      expect(res.headers.get('access-control-allow-methods')).toContain(method);
      expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
      expect(res.headers.get('access-control-max-age')).toBe('86400');
      expect(res.headers.get('vary')).toContain('Origin');
    }
  });

  it('refuses other origins with 403 and a Vietnamese message (preflight and request)', async () => {
    const pre = await preflight('/api/chat', evil());
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const res = await fetch(`${baseUrl()}/api/chat`, { method: 'POST', headers: { Origin: evil(), 'Content-Type': 'text/plain' }, body: '{"message":"xin chào"}' });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('origin_not_allowed');
    expect(body.error.message).toContain('chưa được phép');
  });

  it('adds the CORS headers to answers and errors for a listed origin; no Origin, no CORS headers', async () => {
    const ok = await fetch(`${baseUrl()}/api/chat`, { method: 'POST', headers: { Origin: allowed(), 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'xin chào' }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed());
    expect(ok.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const bad = await fetch(`${baseUrl()}/api/chat`, { method: 'POST', headers: { Origin: allowed(), 'Content-Type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(allowed());
    const search = await fetch(`${baseUrl()}/api/search?q=khai%20sinh`, { headers: { Origin: allowed() } });
    expect(search.status).toBe(200);
    expect(search.headers.get('access-control-allow-origin')).toBe(allowed());
    const plain = await fetch(`${baseUrl()}/api/search?q=khai%20sinh`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("always allows the worker's own origin (its demo page)", async () => {
    const res = await fetch(`${baseUrl()}/api/chat`, { method: 'POST', headers: { Origin: baseUrl(), 'Content-Type': 'application/json' }, body: JSON.stringify({ message: 'xin chào' }) });
    expect(res.status).toBe(200);
  });
});

describe('CORS middleware in-process', () => {
  function app(allowedOrigins: string) {
    const a = new Hono<AppEnv>();
    a.use('*', withConfig());
    a.use('/api/chat', cors());
    a.post('/api/chat', (c) => {
      c.header('Retry-After', '9');
      throw new AppError(429, 'rate_limited', 'Bạn gửi tin nhắn quá nhanh.');
    });
    a.onError((err, c) => errorResponse(c, err));
    const env = { ALLOWED_ORIGINS: allowedOrigins } as AppEnv['Bindings'];
    return (init: RequestInit) => a.request('https://tthc.example.workers.dev/api/chat', init, env);
  }

  it('empty ALLOWED_ORIGINS allows any origin with "*" (public, cookie-less API)', async () => {
    const req = app('');
    const pre = await req({ method: 'OPTIONS', headers: { Origin: 'https://any.example', 'Access-Control-Request-Method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const limited = await req({ method: 'POST', headers: { Origin: 'https://any.example' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expect(limited.headers.get('access-control-expose-headers')).toBe('Retry-After');
    expect(limited.headers.get('retry-after')).toBe('9');
  });

  it('parses the list (spaces, trailing slashes, paths) and matches exact origins only', () => {
    const parsed = parseConfig({ ALLOWED_ORIGINS: ' https://dichvucong.hanoi.gov.vn/ , https://www.example.gov.vn/path,,' });
    const list = parsed.ok ? parsed.config.allowedOrigins : null;
    if (!list) throw new Error('ALLOWED_ORIGINS refused');
    expect(list).toEqual(['https://dichvucong.hanoi.gov.vn', 'https://www.example.gov.vn']);
    const self = 'https://tthc.example.workers.dev';
    expect(allowOrigin('https://dichvucong.hanoi.gov.vn', list, self)).toBe('https://dichvucong.hanoi.gov.vn');
    expect(allowOrigin('https://dichvucong.hanoi.gov.vn.evil.example', list, self)).toBeNull();
    expect(allowOrigin('http://dichvucong.hanoi.gov.vn', list, self)).toBeNull();
    expect(allowOrigin('null', list, self)).toBeNull();
    expect(allowOrigin(self, list, self)).toBe(self);
    expect(allowOrigin('https://x.example', [], self)).toBe('*');
  });
});
