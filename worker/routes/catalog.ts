import { Hono } from 'hono';
import { getProcedure, loadSummary } from '../catalog/store';
import { catalogCounts } from '../catalog/summary';
import { procedureCodeSchema } from '../catalog/schema';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { messages } from '../messages';

export const catalogRoutes = new Hono<AppEnv>()
  .get('/api/health', async (c) => {
    const s = await loadSummary(c.env.ASSETS);
    return c.json({
      ok: true,
      catalog: { ...catalogCounts(s), ingestedAt: s.ingestedAt, builtAt: s.builtAt },
      province: c.var.config.province,
    });
  })
  .get('/api/procedures/:code', async (c) => {
    const raw = c.req.param('code');
    const code = procedureCodeSchema.safeParse(raw);
    if (!code.success) throw new AppError(404, 'invalid_code', messages.errors.invalid_code);
    const record = await getProcedure(c.env.ASSETS, code.data);
    if (!record) throw new AppError(404, 'procedure_not_found', messages.errors.procedure_not_found(code.data));
    return c.json(record);
  });
