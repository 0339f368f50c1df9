// The configuration, checked before anything answers: every request sees the typed Config
// (c.var.config). A wrong setting stops the worker from answering with it — one log line a minute
// naming the settings and what is wrong with them, and a 503 with a Vietnamese message — rather
// than running on defaults nobody chose.
import type { MiddlewareHandler } from 'hono';
import { configOf } from '../config';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { logFailureOnce } from '../lib/log';
import { messages } from '../messages';

export function withConfig(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const result = configOf(c.env);
    if (!result.ok) {
      logFailureOnce('config', new Error(`wrong settings, the worker answers 503 until they are fixed: ${result.problems.join('; ')}`));
      throw new AppError(503, 'config_invalid', messages.errors.config_invalid);
    }
    c.set('config', result.config);
    await next();
  };
}
