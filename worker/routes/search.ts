import { Hono } from 'hono';
import { z } from 'zod';
import { levelSchema } from '../catalog/schema';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { Lru } from '../lib/lru';
import { messages } from '../messages';
import { getSearchEngine } from '../search/runtime';
import { MAX_MESSAGE_LENGTH } from '../chat/limits';

const searchQuerySchema = z.object({
  q: z
    .string({ error: messages.errors.query_missing })
    .trim()
    .min(1, messages.errors.query_missing)
    .max(MAX_MESSAGE_LENGTH, messages.errors.query_too_long(MAX_MESSAGE_LENGTH)),
  limit: z.coerce.number({ error: messages.errors.limit_invalid }).int(messages.errors.limit_invalid).min(1, messages.errors.limit_invalid).max(20, messages.errors.limit_invalid).default(5),
  level: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const levels = v.split(',').map((x) => levelSchema.safeParse(x.trim()));
      if (levels.some((l) => !l.success)) {
        ctx.addIssue({ code: 'custom', message: messages.errors.level_invalid });
        return z.NEVER;
      }
      return levels.map((l) => l.data!);
    }),
});

interface PublicHit {
  code: string;
  name: string;
  levels: string[];
  province: string | null;
  detail: boolean;
  score: number;
}

/** Results of recent queries in this isolate: the index is fixed for its life, people repeat themselves. */
let recent: Lru<string, PublicHit[]> | null = null;

export const searchRoutes = new Hono<AppEnv>().get('/api/search', async (c) => {
  const parsed = searchQuerySchema.safeParse({ q: c.req.query('q'), limit: c.req.query('limit'), level: c.req.query('level') });
  if (!parsed.success) {
    throw new AppError(400, 'invalid_query', parsed.error.issues[0]?.message ?? messages.errors.query_missing);
  }
  const { q, limit, level } = parsed.data;
  const engine = await getSearchEngine(c.env.ASSETS);
  const t0 = performance.now();
  recent ??= new Lru(c.var.config.cache.search);
  const province = c.var.config.province;
  const key = JSON.stringify([q.normalize('NFC'), limit, level ?? null, province]);
  let hits = recent.get(key);
  if (!hits) {
    hits = engine
      .search(q, { limit, levels: level, province })
      .hits.map((h) => ({ code: h.code, name: h.name, levels: h.levels, province: h.province, detail: h.detail, score: h.score }));
    recent.set(key, hits);
  }
  const tookMs = Math.round((performance.now() - t0) * 100) / 100;
  return c.json({ query: q, hits, tookMs });
});
