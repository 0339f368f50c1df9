// Staff authentication: who may see /staff and /api/staff/*. Two modes (STAFF_AUTH):
//
//  - "token" (default): one shared secret STAFF_TOKEN. A clerk types it once in the login form
//    (POST /staff/login) and gets a session cookie holding an HMAC-signed expiring token (never the
//    secret itself); scripts send `Authorization: Bearer <STAFF_TOKEN>`. Wrong tokens are counted per
//    client IP (in isolate memory): after FREE_FAILURES failures each new one locks the IP out for an
//    exponentially growing time (LOCK_BASE_MS doubling, at most LOCK_MAX_MS), during which even the
//    right token is refused with 429 and Retry-After. Changing STAFF_TOKEN ends every session.
//  - "access": Cloudflare Access in front of the worker; the Access JWT of each request is verified
//    (./access.ts). No login form, no cookie of ours, no bearer token.
//
// Every comparison of secrets is constant-time (HMAC digests compared in full, crypto.subtle.verify).
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { MIN_STAFF_TOKEN_LENGTH, type Config } from '../config';
import type { Env } from '../env';
import { AppError } from '../errors';
import { decodeBase64Url, encodeBase64Url } from '../lib/base64url';
import { staffText } from '../messages';
import { clientIp } from '../lib/rate-limit';
import { JwksUnavailableError, verifyAccessJwt } from './access';
import { logFailureOnce } from '../lib/log';
import { isLoopback } from '../lib/url';
import { timingSafeEqual } from 'hono/utils/buffer';

export type StaffAuthMode = 'token' | 'access';

export interface StaffIdentity {
  mode: StaffAuthMode;
  /** How this request proved itself. */
  via: 'session' | 'bearer' | 'access';
  /** Who, when known (the Access e-mail or service-token name). */
  name: string | null;
}

export type StaffEnv = { Bindings: Env; Variables: { staff: StaffIdentity; config: Config } };

export const SESSION_TTL_S = 12 * 60 * 60;
export const FREE_FAILURES = 3;
export const LOCK_BASE_MS = 5_000;
export const LOCK_MAX_MS = 15 * 60_000;
/** A client's failures are forgotten after this long without a new one. */
export const FAILURE_MEMORY_MS = 60 * 60_000;
const MAX_TRACKED_IPS = 10_000;


// ---------------------------------------------------------------------------------------------
// The session token (the token itself is compared in constant time by hono/utils/buffer)

const enc = new TextEncoder();
function hmacKey(raw: BufferSource): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const sessionKeys = new Map<string, Promise<CryptoKey>>();

/** The session-signing key, derived from STAFF_TOKEN (so rotating the token revokes every session). */
async function sessionKey(staffToken: string): Promise<CryptoKey> {
  const id = encodeBase64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', enc.encode(`id\u0000${staffToken}`))));
  let key = sessionKeys.get(id);
  if (!key) {
    key = (async () => hmacKey(await crypto.subtle.digest('SHA-256', enc.encode(`tthc-staff-session/v1\u0000${staffToken}`))))();
    if (sessionKeys.size > 4) sessionKeys.clear();
    sessionKeys.set(id, key);
  }
  return key;
}

/** "v1.<expires, s>.<nonce>.<HMAC>" — expires SESSION_TTL_S after `now`. */
export async function createSessionToken(staffToken: string, now = Date.now()): Promise<string> {
  const exp = Math.floor(now / 1000) + SESSION_TTL_S;
  const nonce = encodeBase64Url(crypto.getRandomValues(new Uint8Array(12)));
  const payload = `v1.${exp}.${nonce}`;
  const sig = new Uint8Array(await crypto.subtle.sign('HMAC', await sessionKey(staffToken), enc.encode(payload)));
  return `${payload}.${encodeBase64Url(sig)}`;
}

export async function verifySessionToken(value: string, staffToken: string, now = Date.now()): Promise<boolean> {
  const m = /^v1\.(\d{1,12})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{43})$/u.exec(value);
  if (!m) return false;
  const exp = Number(m[1]);
  const nowS = Math.floor(now / 1000);
  if (exp <= nowS || exp > nowS + SESSION_TTL_S + 60) return false;
  const sig = decodeBase64Url(m[3]!);
  if (!sig) return false;
  return crypto.subtle.verify('HMAC', await sessionKey(staffToken), sig, enc.encode(`v1.${m[1]}.${m[2]}`));
}

// ---------------------------------------------------------------------------------------------
// The cookie

/** Plain http is only accepted on the developer's own machine (npm start); anywhere else the cookie is Secure. */
export function isLocalHttp(url: URL): boolean {
  return url.protocol === 'http:' && isLoopback(url);
}

/** __Host- (Secure, Path=/, no Domain) everywhere but on http://localhost, where Secure cannot be set. */
export function sessionCookieName(url: URL): string {
  return isLocalHttp(url) ? 'tthc-staff' : '__Host-tthc-staff';
}

export function sessionCookie(url: URL, value: string, maxAge = SESSION_TTL_S): string {
  const parts = [`${sessionCookieName(url)}=${value}`, `Max-Age=${maxAge}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (!isLocalHttp(url)) parts.push('Secure');
  return parts.join('; ');
}

export function clearSessionCookie(url: URL): string {
  return sessionCookie(url, '', 0);
}

// ---------------------------------------------------------------------------------------------
// Failed attempts per client IP (isolate memory)

interface Failures {
  count: number;
  last: number;
  lockedUntil: number;
}

const failures = new Map<string, Failures>();

export function lockDurationMs(count: number): number {
  if (count < FREE_FAILURES) return 0;
  return Math.min(LOCK_MAX_MS, LOCK_BASE_MS * 2 ** Math.min(20, count - FREE_FAILURES));
}

/** Seconds the client must still wait (0 = may try). */
export function lockedFor(ip: string, now = Date.now()): number {
  const f = failures.get(ip);
  if (!f) return 0;
  if (now - f.last > FAILURE_MEMORY_MS) {
    failures.delete(ip);
    return 0;
  }
  return f.lockedUntil > now ? Math.ceil((f.lockedUntil - now) / 1000) : 0;
}

/** Counts a wrong token; returns the lock (seconds) it starts, 0 for none. */
export function recordFailure(ip: string, now = Date.now()): number {
  let f = failures.get(ip);
  if (f && now - f.last > FAILURE_MEMORY_MS) f = undefined;
  if (!f) {
    if (failures.size >= MAX_TRACKED_IPS) {
      // Drop the oldest entry (Map iteration order = insertion order; entries are re-inserted on update).
      const oldest = failures.keys().next();
      if (!oldest.done) failures.delete(oldest.value);
    }
    f = { count: 0, last: now, lockedUntil: 0 };
  }
  f.count++;
  f.last = now;
  const lock = lockDurationMs(f.count);
  f.lockedUntil = lock ? now + lock : 0;
  failures.delete(ip);
  failures.set(ip, f);
  return Math.ceil(lock / 1000);
}

export function recordSuccess(ip: string): void {
  failures.delete(ip);
}

/** Tests only. */
export function resetFailures(): void {
  failures.clear();
}

// ---------------------------------------------------------------------------------------------
// Authenticating a request

export type AuthOutcome =
  | { ok: true; identity: StaffIdentity }
  | { ok: false; status: 401 | 429 | 503; code: string; message: string; retryAfterSec?: number };

function fail(status: 401 | 429 | 503, code: string, message: string, retryAfterSec?: number): AuthOutcome {
  return retryAfterSec ? { ok: false, status, code, message, retryAfterSec } : { ok: false, status, code, message };
}

function bearer(c: Context): string | null {
  const h = c.req.header('Authorization');
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(h);
  return m ? m[1]! : '';
}

/** Checks a typed or sent STAFF_TOKEN, with the per-IP lockout. */
export async function checkStaffToken(c: Context<StaffEnv>, candidate: string, token: string): Promise<AuthOutcome> {
  const ip = clientIp(c.req.raw.headers);
  const wait = lockedFor(ip);
  if (wait > 0) return fail(429, 'staff_login_locked', staffText.auth.locked(wait), wait);
  if (await timingSafeEqual(candidate, token)) {
    recordSuccess(ip);
    return { ok: true, identity: { mode: 'token', via: 'bearer', name: null } };
  }
  const lock = recordFailure(ip);
  return fail(401, 'staff_token_invalid', staffText.auth.tokenInvalid, lock || undefined);
}

export async function authenticate(c: Context<StaffEnv>, opts: { fetch?: typeof fetch } = {}): Promise<AuthOutcome> {
  const cfg = c.var.config.staff;
  if (cfg.mode === 'invalid') return fail(503, 'staff_auth_misconfigured', staffText.auth.misconfigured);

  if (cfg.mode === 'access') {
    const jwt = c.req.header('Cf-Access-Jwt-Assertion');
    if (!cfg.access) return fail(503, 'staff_auth_misconfigured', staffText.auth.accessMisconfigured);
    if (!jwt) return fail(401, 'staff_unauthorized', staffText.auth.accessRequired);
    try {
      const r = await verifyAccessJwt(jwt, cfg.access, opts.fetch ? { fetch: opts.fetch } : {});
      if (r.ok) return { ok: true, identity: { mode: 'access', via: 'access', name: r.identity } };
      logFailureOnce(`staff.access_refused.${r.reason}`, new Error(`Access JWT refused: ${r.reason}`));
      return fail(401, 'staff_access_invalid', staffText.auth.accessInvalid);
    } catch (err) {
      if (err instanceof JwksUnavailableError) {
        logFailureOnce('staff.access_keys', err);
        return fail(503, 'staff_auth_unavailable', staffText.auth.unavailable);
      }
      throw err;
    }
  }

  if (!cfg.token) return fail(401, 'staff_auth_not_configured', staffText.auth.tokenNotConfigured(MIN_STAFF_TOKEN_LENGTH));
  const sent = bearer(c);
  if (sent !== null) {
    if (!sent) return fail(401, 'staff_token_invalid', staffText.auth.tokenInvalid);
    return checkStaffToken(c, sent, cfg.token);
  }
  const url = new URL(c.req.url);
  const cookie = getCookie(c, sessionCookieName(url));
  if (cookie && (await verifySessionToken(cookie, cfg.token))) return { ok: true, identity: { mode: 'token', via: 'session', name: null } };
  return fail(401, 'staff_unauthorized', cookie ? staffText.auth.sessionExpired : staffText.auth.required);
}

/** /api/staff/*: JSON refusals (401 with WWW-Authenticate, 429 with Retry-After, 503). */
export function requireStaffApi(): MiddlewareHandler<StaffEnv> {
  return async (c, next) => {
    const outcome = await authenticate(c);
    if (!outcome.ok) {
      if (outcome.status === 401) c.header('WWW-Authenticate', c.var.config.staff.mode === 'access' ? 'Cloudflare-Access' : 'Bearer realm="staff"');
      if (outcome.retryAfterSec) c.header('Retry-After', String(outcome.retryAfterSec));
      c.header('Cache-Control', 'no-store');
      throw new AppError(outcome.status, outcome.code, outcome.message);
    }
    c.set('staff', outcome.identity);
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

/** Same-origin check for the staff pages' form posts (on top of SameSite=Strict). */
export function isSameOrigin(c: Context): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = c.req.header('Origin');
  return !origin || origin === new URL(c.req.url).origin;
}
