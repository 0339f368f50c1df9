// CORS for the public API the widget calls from a portal's pages (/api/chat, /api/feedback,
// /api/search). The deployment lists the portal origins in ALLOWED_ORIGINS (comma-separated, e.g.
// "https://dichvucong.example.gov.vn,https://www.example.gov.vn"); empty = any origin may call the
// API (it is public, anonymous and uses no cookies, so `*` exposes nothing). config.ts reads the
// list (each entry must be an http(s) origin); withConfig() must run before this middleware.
//
// - No Origin header (curl, server-to-server, same-origin GET): passed through untouched.
// - The worker's own origin (its demo page) is always allowed.
// - A listed origin gets Access-Control-Allow-Origin: <origin> (+ Vary: Origin); preflights get 204.
// - Any other origin is refused with 403 (preflight and actual request alike), so another site's
//   page cannot use the deployment's quota even with "simple" requests the browser sends unasked.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env';
import { messages } from '../messages';
import { AppError, errorResponse } from '../errors';

export const CORS_MAX_AGE_SEC = 86400;
const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'Content-Type';
const EXPOSE_HEADERS = 'Retry-After';

function normalizeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin; // "null" (sandboxed iframes, file://) and other oddities: compared as they are
  }
}

/** The Access-Control-Allow-Origin value for a request's Origin, or null when it is refused. */
export function allowOrigin(origin: string, allowed: string[], selfOrigin: string): string | null {
  if (allowed.length === 0) return '*';
  const o = normalizeOrigin(origin);
  return o === selfOrigin || allowed.includes(o) ? origin : null;
}

function setHeaders(c: Context, headers: Record<string, string>): void {
  try {
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  } catch {
    // Immutable headers (a response passed through from fetch): copy it first.
    c.res = new Response(c.res.body, c.res);
    for (const [k, v] of Object.entries(headers)) c.res.headers.set(k, v);
  }
}

/** The middleware; register it on each public API path, before the routes and other middleware. */
export function cors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (!origin) return next();
    const allowed = c.var.config.allowedOrigins;
    const allow = allowOrigin(origin, allowed, new URL(c.req.url).origin);
    const vary: Record<string, string> = allowed.length ? { Vary: 'Origin' } : {};
    if (!allow) {
      const res = errorResponse(c, new AppError(403, 'origin_not_allowed', messages.errors.origin_not_allowed));
      res.headers.set('Vary', 'Origin');
      return res;
    }
    const preflight = c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method');
    if (preflight) {
      return new Response(null, {
        status: 204,
        headers: {
          'Access-Control-Allow-Origin': allow,
          'Access-Control-Allow-Methods': ALLOW_METHODS,
          'Access-Control-Allow-Headers': ALLOW_HEADERS,
          'Access-Control-Max-Age': String(CORS_MAX_AGE_SEC),
          ...(allowed.length ? { Vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers' } : {}),
        },
      });
    }
    await next();
    setHeaders(c, { 'Access-Control-Allow-Origin': allow, 'Access-Control-Expose-Headers': EXPOSE_HEADERS, ...vary });
  };
}
