// The public page of every procedure: GET /thu-tuc/:code (HTML, see worker/web/procedure-page.ts),
// its search GET /thu-tuc?q=…, and its stylesheet and script. An unknown or malformed code gets a
// Vietnamese 404 page with a search box; a catalog that cannot be read, a 503 page.
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { getProcedure } from '../catalog/store';
import { procedureCodeSchema } from '../catalog/schema';
import { submitUrl } from '../chat/compose';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { getSearchEngine } from '../search/runtime';
import { notFoundHtml, PAGE_CSS_PATH, PAGE_JS_PATH, procedurePageHtml, searchHtml, unavailableHtml, type Centre } from '../web/procedure-page';
import { pageCss, pageJs } from '../web/procedure-page-assets';
import { procedurePageUrl, publicBaseUrl } from '../http/public-url';
import { PAGE_HEADERS, WIDGET_CACHE } from './web';
import { logUnexpected } from '../lib/log';

/** A page changes only with a deployment (the catalog is a static asset). */
const PAGE_CACHE = 'public, max-age=300';
const MAX_QUERY = 200;
const SEARCH_RESULTS = 10;

/** What was typed, at most MAX_QUERY characters (whole code points: never half an emoji). */
const querySchema = z
  .string()
  .trim()
  .transform((q) => Array.from(q).slice(0, MAX_QUERY).join(''));

const centre = (c: Context<AppEnv>): Centre => c.var.config.centre;

function page(c: Context<AppEnv>, body: string, status: ContentfulStatusCode, cache: string): Response {
  return c.html(body, status, { ...PAGE_HEADERS, 'Cache-Control': cache });
}

async function search(c: Context<AppEnv>): Promise<Response> {
  const parsed = querySchema.safeParse(c.req.query('q') ?? '');
  const q = parsed.success ? parsed.data : '';
  if (!q) return page(c, searchHtml(centre(c), '', null), 200, 'no-cache');
  const engine = await getSearchEngine(c.env.ASSETS);
  const hits = engine.search(q, { limit: SEARCH_RESULTS, province: c.var.config.province }).hits.map((h) => ({ code: h.code, name: h.name, levels: h.levels, detail: h.detail }));
  return page(c, searchHtml(centre(c), q, hits), 200, 'no-cache');
}

export const procedurePageRoutes = new Hono<AppEnv>()
  .get(PAGE_CSS_PATH, (c) => c.body(pageCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': WIDGET_CACHE, 'X-Content-Type-Options': 'nosniff' }))
  .get(PAGE_JS_PATH, (c) => c.body(pageJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': WIDGET_CACHE, 'X-Content-Type-Options': 'nosniff' }))
  .get('/thu-tuc', search)
  .get('/thu-tuc/', search)
  .get('/thu-tuc/:code', async (c) => {
    const raw = c.req.param('code');
    const code = procedureCodeSchema.safeParse(raw);
    if (!code.success) return page(c, notFoundHtml(centre(c), raw, false), 404, 'no-cache');
    const p = await getProcedure(c.env.ASSETS, code.data);
    if (!p) return page(c, notFoundHtml(centre(c), code.data, true), 404, 'no-cache');
    const html = procedurePageHtml(p, {
      centre: centre(c),
      pageUrl: procedurePageUrl(publicBaseUrl(c.var.config, c.req.url), p.code),
      submitUrl: submitUrl(p, c.var.config.submitUrlTemplate ?? undefined),
    });
    return page(c, html, 200, PAGE_CACHE);
  });

// A page, not an API: a failure (the catalog or the index unreadable) is an HTML page too.
procedurePageRoutes.onError((err, c) => {
  if (!(err instanceof AppError)) logUnexpected('procedure page', err);
  return page(c, unavailableHtml(centre(c)), err instanceof AppError && err.status < 500 ? err.status : 503, 'no-store');
});
