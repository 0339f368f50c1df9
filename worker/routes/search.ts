import { Hono } from 'hono';
import { z } from 'zod';
import { levelSchema } from '../catalog/schema';
import { MAX_MESSAGE_LENGTH } from '../chat/limits';
import type { AppEnv } from '../env';
import { queryValidator, type Refusal } from '../http/validate';
import { Lru } from '../lib/lru';
import { messages } from '../messages';
import { getSearchEngine } from '../search/runtime';

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

const QUERY_REFUSAL: Refusal = { code: 'invalid_query', generic: (field) => messages.errors.invalid_field(field) };

const searchQuery = queryValidator(searchQuerySchema, (c) => ({ q: c.req.query('q'), limit: c.req.query('limit'), level: c.req.query('level') }), QUERY_REFUSAL);

export const searchRoutes = new Hono<AppEnv>().get('/api/search', searchQuery, async (c) => {
  const { q, limit, level } = c.req.valid('query');
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
