// Helpers of the staff console tests (tests/worker/staff-*.test.ts), running in workerd: the worker
// called with the test's own configuration (STAFF_TOKEN, Access settings), logins, Access JWTs.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';

export const STAFF_TOKEN = 'test-staff-token-7f3a9c2e5b1d4f60';
export const ORIGIN = 'https://tthc.example.gov.vn';
export const testEnv = env as unknown as Env;

/** A client address of its own, so the per-IP failure counter of one test does not touch another. */
export function freshIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

/** The worker with STAFF_AUTH=token and STAFF_TOKEN set (plus `overrides`). */
export async function staffFetch(path: string, init: RequestInit & { ip?: string } = {}, overrides: Partial<Env> = {}, origin = ORIGIN): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('cf-connecting-ip')) headers.set('cf-connecting-ip', init.ip ?? freshIp());
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`${origin}${path}`, { ...init, headers, redirect: 'manual' }), { ...testEnv, STAFF_AUTH: 'token', STAFF_TOKEN, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const bearer = (token = STAFF_TOKEN): Record<string, string> => ({ Authorization: `Bearer ${token}` });

export function postJson(path: string, body: unknown, headers: Record<string, string> = bearer(), overrides: Partial<Env> = {}): Promise<Response> {
  return staffFetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }, overrides);
}

/** Logs in with the form; returns the Cookie header value to send back. */
export async function login(origin = ORIGIN): Promise<string> {
  const res = await staffFetch(
    '/staff/login',
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams({ token: STAFF_TOKEN, next: '/staff' }).toString() },
    {},
    origin,
  );
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0]!;
}

// -- Access JWTs ---------------------------------------------------------------------------------

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export function b64url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/gu, '-').replace(/\//gu, '_').replace(/=+$/u, '');
}

export interface TestKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey & { kid: string };
}

export async function generateKey(kid: string): Promise<TestKey> {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey;
  return { kid, privateKey: pair.privateKey, publicJwk: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } };
}

export async function importPrivateJwk(jwk: JsonWebKey): Promise<CryptoKey> {
  return crypto.subtle.importKey('jwk', jwk, RSA, false, ['sign']);
}

export async function signJwt(claims: Record<string, unknown>, key: CryptoKey, header: Record<string, unknown>): Promise<string> {
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', ...header }));
  const body = b64url(JSON.stringify(claims));
  const sig = new Uint8Array(await crypto.subtle.sign(RSA, key, new TextEncoder().encode(`${head}.${body}`)));
  return `${head}.${body}.${b64url(sig)}`;
}
