// Cloudflare Access: the JWT Access puts in the Cf-Access-Jwt-Assertion header of every request it
// lets through, verified here (RS256 with crypto.subtle) against the team's signing keys.
//
// Keys come from ACCESS_JWKS_URL (https://<team>.cloudflareaccess.com/cdn-cgi/access/certs; when
// unset, derived from ACCESS_ISSUER), cached per isolate for JWKS_TTL_MS and refetched early, at
// most once per JWKS_REFETCH_MIN_MS, when a token names a key the cache does not hold (Access
// rotates its keys). ACCESS_JWKS_JSON, when set, is used instead of any fetch: the key set as JSON,
// for tests and air-gapped set-ups.
import { decodeBase64Url } from '../lib/base64url';
import { isRecord, parseJson, responseJson } from '../lib/json';
import type { AccessConfig } from '../config';

export const JWKS_TTL_MS = 10 * 60_000;
export const JWKS_REFETCH_MIN_MS = 30_000;
/** Clock skew tolerated on exp and nbf. */
export const CLOCK_LEEWAY_S = 60;


export interface AccessClaims {
  aud?: string | string[];
  iss?: string;
  exp?: number;
  nbf?: number;
  iat?: number;
  sub?: string;
  email?: string;
  common_name?: string;
  [k: string]: unknown;
}

export type AccessFailure = 'malformed' | 'algorithm' | 'unknown_key' | 'signature' | 'expired' | 'not_yet_valid' | 'audience' | 'issuer';

export type AccessResult = { ok: true; claims: AccessClaims; identity: string } | { ok: false; reason: AccessFailure };

/** The key set could not be obtained (network, HTTP status, not a key set): the caller answers 503. */
export class JwksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksUnavailableError';
  }
}

interface CachedKeys {
  keys: Map<string, CryptoKey>;
  fetchedAt: number;
}

const cache = new Map<string, CachedKeys>();

export function clearJwksCache(): void {
  cache.clear();
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const bytes = decodeBase64Url(part);
    if (!bytes) return null;
    const v = parseJson(new TextDecoder().decode(bytes));
    return isRecord(v) && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

async function importKeys(jwks: unknown): Promise<Map<string, CryptoKey>> {
  const list: unknown = isRecord(jwks) ? jwks.keys : undefined;
  if (!Array.isArray(list)) throw new JwksUnavailableError('JWKS has no "keys" array');
  const keys = new Map<string, CryptoKey>();
  for (const k of list) {
    if (!isRecord(k) || k.kty !== 'RSA' || typeof k.kid !== 'string' || typeof k.n !== 'string' || typeof k.e !== 'string') continue;
    if (k.use !== undefined && k.use !== 'sig') continue;
    if (k.alg !== undefined && k.alg !== 'RS256') continue;
    try {
      const key = await crypto.subtle.importKey(
        'jwk',
        { kty: 'RSA', n: k.n, e: k.e, alg: 'RS256', ext: true },
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      keys.set(k.kid, key);
    } catch {
      /* a key we cannot use is skipped; the others still verify */
    }
  }
  return keys;
}

export function jwksSource(cfg: AccessConfig): string | null {
  if (cfg.jwksJson) return 'inline:ACCESS_JWKS_JSON';
  if (cfg.jwksUrl) return cfg.jwksUrl;
  if (cfg.issuer) return `${cfg.issuer.replace(/\/+$/u, '')}/cdn-cgi/access/certs`;
  return null;
}

async function loadKeys(cfg: AccessConfig, fetcher: typeof fetch): Promise<Map<string, CryptoKey>> {
  if (cfg.jwksJson) {
    const jwks = parseJson(cfg.jwksJson);
    try {
      if (jwks === undefined) throw new JwksUnavailableError('ACCESS_JWKS_JSON is not valid JSON');
      return await importKeys(jwks);
    } catch (err) {
      throw err instanceof JwksUnavailableError ? err : new JwksUnavailableError('ACCESS_JWKS_JSON is not valid JSON');
    }
  }
  const url = jwksSource(cfg);
  if (!url) throw new JwksUnavailableError('no ACCESS_JWKS_URL or ACCESS_ISSUER configured');
  let res: Response;
  try {
    res = await fetcher(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
  } catch (err) {
    throw new JwksUnavailableError(`JWKS fetch failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!res.ok) throw new JwksUnavailableError(`JWKS fetch answered HTTP ${res.status}`);
  const body = await responseJson(res);
  if (body === undefined) throw new JwksUnavailableError('JWKS is not JSON');
  return importKeys(body);
}

/** The key named `kid`: from the cache while fresh, else (re)fetched. */
async function keyFor(kid: string, cfg: AccessConfig, fetcher: typeof fetch, now: number): Promise<CryptoKey | null> {
  const source = jwksSource(cfg) ?? '';
  const cacheKey = cfg.jwksJson ? `${source}:${cfg.jwksJson}` : source;
  const cached = cache.get(cacheKey);
  const fresh = cached && now - cached.fetchedAt < JWKS_TTL_MS;
  if (fresh && cached.keys.has(kid)) return cached.keys.get(kid)!;
  // Unknown key while the cache is fresh: refetch (key rotation), but not more than once per interval.
  if (fresh && now - cached.fetchedAt < JWKS_REFETCH_MIN_MS) return null;
  const keys = await loadKeys(cfg, fetcher);
  if (cache.size > 16) cache.clear();
  cache.set(cacheKey, { keys, fetchedAt: now });
  return keys.get(kid) ?? null;
}

export interface VerifyOptions {
  /** Fetch used for the key set (default: global fetch). */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch (default: Date.now()). */
  now?: number;
}

/** Verifies an Access JWT. Throws JwksUnavailableError only when the key set cannot be obtained. */
export async function verifyAccessJwt(token: string, cfg: AccessConfig, opts: VerifyOptions = {}): Promise<AccessResult> {
  const now = opts.now ?? Date.now();
  const parts = token.trim().split('.');
  if (parts.length !== 3 || token.length > 16_384) return { ok: false, reason: 'malformed' };
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  const claims = decodeJson(p) as AccessClaims | null;
  if (!header || !claims) return { ok: false, reason: 'malformed' };
  if (header.alg !== 'RS256') return { ok: false, reason: 'algorithm' };
  if (typeof header.kid !== 'string' || !header.kid) return { ok: false, reason: 'unknown_key' };
  const signature = decodeBase64Url(s);
  if (!signature) return { ok: false, reason: 'malformed' };
  const key = await keyFor(header.kid, cfg, opts.fetch ?? fetch, now);
  if (!key) return { ok: false, reason: 'unknown_key' };
  const valid = await crypto.subtle.verify('RSASSA-PKCS1-v1_5', key, signature, new TextEncoder().encode(`${h}.${p}`));
  if (!valid) return { ok: false, reason: 'signature' };

  const nowS = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_LEEWAY_S < nowS) return { ok: false, reason: 'expired' };
  if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf - CLOCK_LEEWAY_S > nowS)) return { ok: false, reason: 'not_yet_valid' };
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.some((a) => typeof a === 'string' && a === cfg.audience)) return { ok: false, reason: 'audience' };
  if (cfg.issuer && (claims.iss ?? '').replace(/\/+$/u, '') !== cfg.issuer.replace(/\/+$/u, '')) return { ok: false, reason: 'issuer' };
  const identity = claims.email || claims.common_name || claims.sub || 'Cloudflare Access';
  return { ok: true, claims, identity: String(identity) };
}
