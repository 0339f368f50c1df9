// Fixed-window, per-minute request limiter kept in isolate memory, and the client address it keys
// web requests by. Used by the IP middleware (middleware/rate-limit.ts), the web chat's per-session
// limit, the channels' per-user limit and the staff console's login lock-out.
//
// Scope: the counters live in THIS isolate only. Cloudflare runs many isolates (per data centre, and
// more under load), and an isolate can be evicted at any time, so the limit is approximate: a client
// spread over several isolates gets up to (limit x isolates) requests per minute. It is a cheap first
// line against a runaway client or script, not a guarantee. For a global limit, use the Workers
// rate-limiting binding ([[ratelimits]] in wrangler.toml, `env.LIMITER.limit({ key })`) or a Durable
// Object keyed by client (one counter per key, strongly consistent).
export const WINDOW_MS = 60_000;
export const DEFAULT_MAX_KEYS = 10_000;
/** Longest key kept (a forged X-Forwarded-For cannot make entries arbitrarily large). */
const MAX_KEY_LENGTH = 128;

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the current window ends (0 when allowed). */
  retryAfterSec: number;
}

export interface RateLimiter {
  /**
   * Counts one request for `key` in the current minute. `limitPerMin` <= 0 (or not finite) disables
   * the limit: always allowed, nothing counted.
   */
  hit(key: string, limitPerMin: number, now?: number): RateLimitResult;
  /** Number of keys currently tracked (bounded by maxKeys). */
  size(): number;
}

export interface RateLimiterOptions {
  /** Most keys tracked at once; default 10,000. */
  maxKeys?: number;
}

interface Entry {
  window: number;
  count: number;
}

export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const maxKeys = Math.max(1, Math.floor(options.maxKeys ?? DEFAULT_MAX_KEYS));
  // Insertion order = order of each key's current window start (a key is re-inserted when its
  // window changes), so the oldest windows are at the front.
  const entries = new Map<string, Entry>();

  function evict(window: number): void {
    // Drop entries of past windows (they would reset anyway), oldest first.
    for (const [k, e] of entries) {
      if (e.window >= window) break;
      entries.delete(k);
    }
    // Still full: drop the oldest current-window entries (those keys start counting again).
    while (entries.size >= maxKeys) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    hit(rawKey, limitPerMin, now = Date.now()) {
      if (!(limitPerMin > 0) || !Number.isFinite(limitPerMin)) return { allowed: true, retryAfterSec: 0 };
      const key = rawKey.length > MAX_KEY_LENGTH ? rawKey.slice(0, MAX_KEY_LENGTH) : rawKey;
      const window = Math.floor(now / WINDOW_MS);
      let entry = entries.get(key);
      if (!entry || entry.window !== window) {
        if (entry) entries.delete(key);
        else if (entries.size >= maxKeys) evict(window);
        entry = { window, count: 0 };
        entries.set(key, entry);
      }
      if (entry.count >= limitPerMin) {
        const retryAfterSec = Math.max(1, Math.ceil(((window + 1) * WINDOW_MS - now) / 1000));
        return { allowed: false, retryAfterSec };
      }
      entry.count++;
      return { allowed: true, retryAfterSec: 0 };
    },
    size() {
      return entries.size;
    },
  };
}

/** The client's address: CF-Connecting-IP, else the first X-Forwarded-For entry, else 'local'. */
export function clientIp(headers: Headers): string {
  const cf = headers.get('CF-Connecting-IP')?.trim();
  if (cf) return cf;
  const xff = headers.get('X-Forwarded-For')?.split(',')[0]?.trim();
  if (xff) return xff;
  return 'local';
}
