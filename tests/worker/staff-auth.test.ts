// Staff authentication (worker/staff/auth.ts, worker/staff/access.ts): nothing of /staff or
// /api/staff/* without it, in both modes.
import { SELF } from 'cloudflare:test';
import { describe, expect, inject, it } from 'vitest';
import { timingSafeEqual } from 'hono/utils/buffer';
import type { AccessConfig } from '../../worker/config';
import { clearJwksCache, JWKS_REFETCH_MIN_MS, JWKS_TTL_MS, verifyAccessJwt } from '../../worker/staff/access';
import { createSessionToken, FREE_FAILURES, lockDurationMs, LOCK_MAX_MS, SESSION_TTL_S, verifySessionToken } from '../../worker/staff/auth';
import { bearer, freshIp, generateKey, importPrivateJwk, login, ORIGIN, signJwt, STAFF_TOKEN, staffFetch, type TestKey } from './staff-helpers';

interface ErrorBody {
  error: { code: string; message: string };
}

const API_ROUTES: [string, string][] = [
  ['GET', '/api/staff/procedures/1.009122/checklist'],
  ['POST', '/api/staff/intake-check'],
  ['GET', '/api/staff/dashboard'],
  ['GET', '/api/staff/dashboard?from=2026-01-01&to=2026-01-31'],
  ['GET', '/api/staff/dashboard/unmatched.csv'],
  ['GET', '/api/staff/catalog'],
  ['GET', '/api/staff/search?q=khai%20sinh'],
  ['GET', '/api/staff/no-such-route'],
];

const PAGES = [
  '/staff',
  '/staff/',
  '/staff/search?q=khai+sinh',
  '/staff/procedures/1.009122',
  '/staff/procedures/1.009122/print',
  '/staff/procedures/1.009122/intake?case=0',
  '/staff/dashboard',
  '/staff/catalog',
  '/staff/no-such-page',
];

const PROCEDURE_NAME = 'Cấp giấy phép xây dựng có thời hạn';
const VIETNAMESE = /[ạ-ỹà-ỵđ]/iu;

function request(method: string, path: string, headers: Record<string, string> = {}): RequestInit {
  return method === 'POST'
    ? { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ code: '1.009122', case: 0, received: [] }) }
    : { method, headers };
}

async function expect401Json(res: Response, code?: string): Promise<ErrorBody> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/u);
  expect(res.headers.get('www-authenticate')).toBeTruthy();
  const body = (await res.json()) as ErrorBody;
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(VIETNAMESE);
  return body;
}

async function expectLoginPage(res: Response): Promise<string> {
  expect(res.status).toBe(401);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
  expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  const text = await res.text();
  expect(text).toContain('<form method="post" action="/staff/login"');
  expect(text).toContain('Đăng nhập trang cán bộ');
  expect(text).not.toContain(PROCEDURE_NAME);
  expect(text).not.toContain('Thống kê trợ lý');
  return text;
}

describe('no credentials: 401 everywhere', () => {
  it('as deployed by wrangler.toml (token mode, no STAFF_TOKEN set): every API route answers 401 JSON', async () => {
    for (const [method, path] of API_ROUTES) {
      const res = await SELF.fetch(`http://localhost${path}`, request(method, path));
      const body = await expect401Json(res);
      expect(body.error.code, path).toBe('staff_auth_not_configured');
    }
  });

  it('with STAFF_TOKEN set: every API route answers 401 JSON with a Vietnamese message and a code', async () => {
    for (const [method, path] of API_ROUTES) {
      const res = await staffFetch(path, request(method, path));
      await expect401Json(res, 'staff_unauthorized');
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('every staff page answers the login page (401), without any staff data', async () => {
    for (const path of PAGES) await expectLoginPage(await staffFetch(path));
    // Posting the intake form without a session is refused the same way.
    const res = await staffFetch('/staff/procedures/1.009122/intake', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'case=0&c=0',
    });
    await expectLoginPage(res);
  });

  it('the stylesheet and script are public (no data in them) and served as files', async () => {
    const css = await staffFetch('/staff/assets/staff.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('@media print');
    const js = await staffFetch('/staff/assets/staff.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });
});

describe('token mode: bearer token for scripts', () => {
  it('the right token opens the API', async () => {
    const res = await staffFetch('/api/staff/procedures/1.009122/checklist', { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('a wrong or empty token is 401 staff_token_invalid', async () => {
    await expect401Json(await staffFetch('/api/staff/dashboard', { headers: bearer('wrong-token-wrong-token') }), 'staff_token_invalid');
    await expect401Json(await staffFetch('/api/staff/dashboard', { headers: { Authorization: 'Bearer ' } }), 'staff_token_invalid');
    // A prefix of the token, or the token with something appended, is not the token.
    await expect401Json(await staffFetch('/api/staff/dashboard', { headers: bearer(STAFF_TOKEN.slice(0, -1)) }), 'staff_token_invalid');
    await expect401Json(await staffFetch('/api/staff/dashboard', { headers: bearer(`${STAFF_TOKEN}x`) }), 'staff_token_invalid');
  });

  it('a STAFF_TOKEN shorter than 16 characters is not accepted as configuration', async () => {
    const res = await staffFetch('/api/staff/dashboard', { headers: bearer('short') }, { STAFF_TOKEN: 'short' });
    await expect401Json(res, 'staff_auth_not_configured');
  });
});

describe('token mode: login form and session cookie', () => {
  it('sets an HttpOnly, Secure, SameSite=Strict __Host- cookie holding a signed token, not the secret', async () => {
    const ip = freshIp();
    const res = await staffFetch('/staff/login', {
      method: 'POST',
      ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: new URLSearchParams({ token: STAFF_TOKEN, next: '/staff/dashboard?from=2026-01-01' }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/dashboard?from=2026-01-01');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-tthc-staff=v1\.\d+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+;/u);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain(`Max-Age=${SESSION_TTL_S}`);
    expect(cookie).not.toContain('Domain=');
    expect(cookie).not.toContain(STAFF_TOKEN);

    const session = cookie.split(';')[0]!;
    const home = await staffFetch('/staff', { headers: { cookie: session } });
    expect(home.status).toBe(200);
    const text = await home.text();
    expect(text).toContain('Tra cứu danh mục hồ sơ');
    expect(text).toContain('action="/staff/logout"');
    const api = await staffFetch('/api/staff/dashboard', { headers: { cookie: session } });
    expect(api.status).toBe(200);
  });

  it('on http://localhost the cookie is not Secure (and so not __Host-), for npm start', async () => {
    const res = await staffFetch(
      '/staff/login',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(STAFF_TOKEN)}` },
      {},
      'http://localhost:8787',
    );
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tthc-staff=/u);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');
    const home = await staffFetch('/staff', { headers: { cookie: cookie.split(';')[0]! } }, {}, 'http://localhost:8787');
    expect(home.status).toBe(200);
  });

  it('logout clears the cookie', async () => {
    const session = await login();
    const res = await staffFetch('/staff/logout', { method: 'POST', headers: { cookie: session, origin: ORIGIN } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/login?out=1');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-tthc-staff=;/u);
    expect(cookie).toContain('Max-Age=0');
    const page = await staffFetch('/staff/login?out=1');
    expect(await page.text()).toContain('Bạn đã đăng xuất');
  });

  it('a wrong token in the form is 401 with the login page again', async () => {
    const res = await staffFetch('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: 'token=not-the-token',
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(await res.text()).toContain('Mã đăng nhập không đúng');
  });

  it('refuses forged, tampered, expired and other-secret cookies', async () => {
    const good = (await login()).split('=')[1]!;
    const [v, exp, nonce, sig] = good.split('.') as [string, string, string, string];
    const tampered = [
      `${v}.${Number(exp) + 3600}.${nonce}.${sig}`, // later expiry, same signature
      // One signature character changed (the first: the last one's low bits may not count in base64).
      `${v}.${exp}.${nonce}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`,
      'v1.9999999999.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      STAFF_TOKEN,
      await createSessionToken(STAFF_TOKEN, Date.now() - (SESSION_TTL_S + 60) * 1000), // expired
      await createSessionToken('another-staff-token-0000000000'), // signed with another secret
    ];
    for (const value of tampered) {
      const res = await staffFetch('/api/staff/dashboard', { headers: { cookie: `__Host-tthc-staff=${value}` } });
      expect(res.status, value).toBe(401);
    }
    expect(await verifySessionToken(good, STAFF_TOKEN)).toBe(true);
  });

  it('refuses a login posted from another site', async () => {
    const res = await staffFetch('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: `token=${encodeURIComponent(STAFF_TOKEN)}`,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const site = await staffFetch('/staff/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: `token=${encodeURIComponent(STAFF_TOKEN)}`,
    });
    expect(site.status).toBe(403);
  });

  it('never redirects off the staff console after login', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/staff/../..//evil', '/api/staff/dashboard', '/staff\\evil']) {
      const res = await staffFetch('/staff/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
        body: new URLSearchParams({ token: STAFF_TOKEN, next }).toString(),
      });
      expect(res.status).toBe(303);
      expect(res.headers.get('location'), next).toBe('/staff');
    }
  });
});

describe('token mode: failed attempts slow the next ones down (per IP)', () => {
  it(`after ${FREE_FAILURES} wrong tokens the IP is locked out, even with the right token: 429 with Retry-After`, async () => {
    const ip = freshIp();
    const wrong = { ip, headers: bearer('wrong-token-wrong-token') };
    for (let i = 1; i <= FREE_FAILURES; i++) expect((await staffFetch('/api/staff/dashboard', wrong)).status).toBe(401);
    const locked = await staffFetch('/api/staff/dashboard', { ip, headers: bearer() });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await locked.json()) as ErrorBody;
    expect(body.error.code).toBe('staff_login_locked');
    expect(body.error.message).toContain('thử lại sau');
    // The login form of the same IP is locked too; another IP is not.
    const form = await staffFetch('/staff/login', {
      method: 'POST',
      ip,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
      body: `token=${encodeURIComponent(STAFF_TOKEN)}`,
    });
    expect(form.status).toBe(429);
    expect(await form.text()).toContain('Đăng nhập sai nhiều lần');
    expect((await staffFetch('/api/staff/dashboard', { headers: bearer() })).status).toBe(200);
  });

  it('the lock doubles with each further failure, up to a maximum', () => {
    expect(lockDurationMs(FREE_FAILURES - 1)).toBe(0);
    const first = lockDurationMs(FREE_FAILURES);
    expect(first).toBeGreaterThan(0);
    expect(lockDurationMs(FREE_FAILURES + 1)).toBe(first * 2);
    expect(lockDurationMs(FREE_FAILURES + 50)).toBe(LOCK_MAX_MS);
  });

  it('compares the token over the whole value (hono/utils/buffer, in constant time)', async () => {
    expect(await timingSafeEqual(STAFF_TOKEN, STAFF_TOKEN)).toBe(true);
    expect(await timingSafeEqual(STAFF_TOKEN, `${STAFF_TOKEN} `)).toBe(false);
    expect(await timingSafeEqual('', STAFF_TOKEN)).toBe(false);
  });
});

describe('access mode: Cloudflare Access JWT', () => {
  const AUD = 'aud-tag-0123456789abcdef0123456789abcdef';
  const ISS = 'https://tthc-team.cloudflareaccess.com';
  let key: TestKey;
  let otherKey: TestKey;

  async function jwt(claims: Record<string, unknown> = {}, k: TestKey = key, header: Record<string, unknown> = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return signJwt({ aud: [AUD], iss: ISS, email: 'can.bo@example.gov.vn', sub: 'u-1', iat: now, nbf: now - 5, exp: now + 600, ...claims }, k.privateKey, { kid: k.kid, ...header });
  }

  async function accessEnv() {
    key ??= await generateKey('kid-current');
    otherKey ??= await generateKey('kid-other');
    return { STAFF_AUTH: 'access', ACCESS_AUD: AUD, ACCESS_ISSUER: ISS, ACCESS_JWKS_JSON: JSON.stringify({ keys: [key.publicJwk] }) };
  }

  async function withJwt(token: string | null, path = '/api/staff/dashboard'): Promise<Response> {
    const env = await accessEnv();
    return staffFetch(path, { headers: token ? { 'Cf-Access-Jwt-Assertion': token } : {} }, env);
  }

  it('a valid JWT opens the API and the pages (the identity is shown)', async () => {
    await accessEnv();
    expect((await withJwt(await jwt())).status).toBe(200);
    const page = await withJwt(await jwt(), '/staff');
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('can.bo@example.gov.vn');
    expect(text).toContain('/cdn-cgi/access/logout');
    // An audience list holding ours is fine.
    expect((await withJwt(await jwt({ aud: ['other-app', AUD] }))).status).toBe(200);
  });

  it('refuses: no JWT, expired, not yet valid, wrong audience, wrong issuer, other key, unknown key, alg none, garbage', async () => {
    await accessEnv();
    const now = Math.floor(Date.now() / 1000);
    await expect401Json(await withJwt(null), 'staff_unauthorized');
    const bad: [string, string][] = [
      ['expired', await jwt({ exp: now - 3600, nbf: now - 7200, iat: now - 7200 })],
      ['not yet valid', await jwt({ nbf: now + 3600, exp: now + 7200 })],
      ['no exp', await jwt({ exp: undefined })],
      ['wrong aud', await jwt({ aud: ['another-application'] })],
      ['wrong aud (string)', await jwt({ aud: 'another-application' })],
      ['wrong iss', await jwt({ iss: 'https://other-team.cloudflareaccess.com' })],
      ['signed by another key under our kid', await jwt({}, { ...otherKey, kid: key.kid })],
      ['unknown kid', await jwt({}, otherKey)],
      ['alg none', `${btoa(JSON.stringify({ alg: 'none', kid: key.kid })).replace(/=+$/u, '')}.${btoa(JSON.stringify({ aud: AUD, exp: now + 60 })).replace(/=+$/u, '')}.`],
      ['alg HS256', await jwt({}, key, { alg: 'HS256' })],
      ['garbage', 'not.a.jwt'],
    ];
    for (const [what, token] of bad) {
      const res = await withJwt(token);
      expect(res.status, what).toBe(401);
      const body = (await res.json()) as ErrorBody;
      expect(body.error.code, what).toBe('staff_access_invalid');
    }
    // The staff page answers the Access explanation, not the token form.
    const page = await withJwt(await jwt({ exp: now - 3600 }), '/staff');
    expect(page.status).toBe(401);
    const text = await page.text();
    expect(text).toContain('Cloudflare Access');
    expect(text).not.toContain('name="token"');
  });

  it('the STAFF_TOKEN bearer and the login form do not work in access mode', async () => {
    const env = await accessEnv();
    const res = await staffFetch('/api/staff/dashboard', { headers: bearer() }, env);
    expect(res.status).toBe(401);
    const form = await staffFetch(
      '/staff/login',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN }, body: `token=${STAFF_TOKEN}` },
      env,
    );
    expect(form.status).toBe(400);
    expect(form.headers.get('set-cookie')).toBeNull();
  });

  it('fetches the keys from ACCESS_JWKS_URL (a local JWKS server) and answers 503 when it is unreachable', async () => {
    const stub = inject('channelStub');
    const stubKey: TestKey = { kid: stub.bfKid, privateKey: await importPrivateJwk(stub.bfPrivateJwk), publicJwk: { kid: stub.bfKid } };
    const env = { STAFF_AUTH: 'access', ACCESS_AUD: AUD, ACCESS_ISSUER: ISS, ACCESS_JWKS_URL: `${stub.origin}/bf/jwks` };
    const ok = await staffFetch('/api/staff/dashboard', { headers: { 'Cf-Access-Jwt-Assertion': await jwt({}, stubKey) } }, env);
    expect(ok.status).toBe(200);
    const expired = await staffFetch('/api/staff/dashboard', { headers: { 'Cf-Access-Jwt-Assertion': await jwt({ exp: 1000 }, stubKey) } }, env);
    expect(expired.status).toBe(401);
    const wrongAud = await staffFetch('/api/staff/dashboard', { headers: { 'Cf-Access-Jwt-Assertion': await jwt({ aud: 'x' }, stubKey) } }, env);
    expect(wrongAud.status).toBe(401);

    const down = await staffFetch(
      '/api/staff/dashboard',
      { headers: { 'Cf-Access-Jwt-Assertion': await jwt({}, stubKey) } },
      { ...env, ACCESS_JWKS_URL: `${stub.origin}/no-such-jwks` },
    );
    expect(down.status).toBe(503);
    expect(((await down.json()) as ErrorBody).error.code).toBe('staff_auth_unavailable');
  });

  it('caches the key set per isolate, refetches early for an unknown kid (rate-limited) and after the TTL', async () => {
    await accessEnv();
    clearJwksCache();
    let fetches = 0;
    const keys = [key.publicJwk];
    const fakeFetch = (async () => {
      fetches++;
      return new Response(JSON.stringify({ keys }), { headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    const cfg: AccessConfig = { audience: AUD, issuer: ISS, jwksUrl: 'https://tthc-team.cloudflareaccess.com/cdn-cgi/access/certs', jwksJson: null };
    const t0 = Date.now();
    expect((await verifyAccessJwt(await jwt(), cfg, { fetch: fakeFetch, now: t0 })).ok).toBe(true);
    expect((await verifyAccessJwt(await jwt(), cfg, { fetch: fakeFetch, now: t0 + 1000 })).ok).toBe(true);
    expect(fetches).toBe(1);
    // A token under a new key: not refetched right away…
    const rotated = await jwt({}, otherKey);
    expect(await verifyAccessJwt(rotated, cfg, { fetch: fakeFetch, now: t0 + 2000 })).toEqual({ ok: false, reason: 'unknown_key' });
    expect(fetches).toBe(1);
    // …but once the minimum interval has passed, and Access now publishes it.
    keys.push(otherKey.publicJwk);
    expect((await verifyAccessJwt(rotated, cfg, { fetch: fakeFetch, now: t0 + JWKS_REFETCH_MIN_MS + 1 })).ok).toBe(true);
    expect(fetches).toBe(2);
    // After the TTL the set is fetched again even for a known key.
    expect((await verifyAccessJwt(await jwt(), cfg, { fetch: fakeFetch, now: t0 + JWKS_REFETCH_MIN_MS + JWKS_TTL_MS + 2 })).ok).toBe(true);
    expect(fetches).toBe(3);
    clearJwksCache();
  });

  it('a mode other than token/access, or access without ACCESS_AUD, is a configuration error (503), never open', async () => {
    const odd = await staffFetch('/api/staff/dashboard', { headers: bearer() }, { STAFF_AUTH: 'none' });
    expect(odd.status).toBe(503);
    expect(((await odd.json()) as ErrorBody).error.code).toBe('staff_auth_misconfigured');
    const noAud = await staffFetch('/api/staff/dashboard', { headers: { 'Cf-Access-Jwt-Assertion': 'x.y.z' } }, { STAFF_AUTH: 'access', ACCESS_JWKS_JSON: '{"keys":[]}' });
    expect(noAud.status).toBe(503);
  });
});
