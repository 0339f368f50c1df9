// The per-IP limit of the public API as hono middleware, over the limiter of lib/rate-limit.ts (see
// there for its scope: per isolate, approximate, and the global alternatives).
import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { clientIp, type RateLimiter } from '../lib/rate-limit';
import { messages } from '../messages';

/**
 * Limits requests per client IP and minute; over the limit, throws AppError(429, 'rate_limited')
 * with a Retry-After header (and `details.retryAfterSec`). `getLimit` reads the limit from the
 * configuration (e.g. `(config) => config.rateLimit.ipPerMin`); 0 disables.
 */
export function rateLimitByIp(limiter: RateLimiter, getLimit: (config: Config) => number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limit = getLimit(c.var.config);
    if (limit > 0) {
      const { allowed, retryAfterSec } = limiter.hit(`ip:${clientIp(c.req.raw.headers)}`, limit);
      if (!allowed) {
        c.header('Retry-After', String(retryAfterSec));
        throw new AppError(429, 'rate_limited', messages.errors.rate_limited(retryAfterSec), { retryAfterSec });
      }
    }
    await next();
  };
}
