// Headers every response carries, and JSON that cannot be read as markup: "<", ">" and "&" in a
// JSON body are written as \u003c, \u003e, \u0026 (still the same JSON), so a string a client sent
// is never reflected as live HTML even by a client that mis-sniffs the type.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';

export function escapeJsonMarkup(json: string): string {
  return json.replace(/[<>&]/gu, (c) => (c === '<' ? '\\u003c' : c === '>' ? '\\u003e' : '\\u0026'));
}

export function securityHeaders(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    if (!c.res.headers.has('X-Frame-Options')) c.res.headers.set('X-Frame-Options', 'DENY');
    const type = c.res.headers.get('content-type') ?? '';
    if (type.startsWith('application/json') && c.res.body) {
      const text = await c.res.text();
      const headers = new Headers(c.res.headers);
      headers.delete('content-length');
      c.res = new Response(escapeJsonMarkup(text), { status: c.res.status, headers });
    }
  };
}
