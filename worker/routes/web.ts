// The web front: the embeddable widget script (/widget.js and its content-hashed twin), its
// manifest, and the demo portal page (/) with its stylesheet. The widget is built into the static
// assets by scripts/build-widget.ts; `run_worker_first` means the worker serves it explicitly.
import { Hono, type Context } from 'hono';
import { fetchAsset, getProcedure } from '../catalog/store';
import type { AppEnv } from '../env';
import { AppError } from '../errors';
import { FEATURED, portalHtml, type PortalProcedure } from '../web/portal';
import { portalCss } from '../web/portal-css';

/** The demo page's Content-Security-Policy: no inline script or style, talks only to its own origin. */
export const PORTAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers of the worker's own HTML pages (the demo portal, the public procedure pages). */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': PORTAL_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export const WIDGET_CACHE = 'public, max-age=300';
export const HASHED_CACHE = 'public, max-age=31536000, immutable';

const widgetMessages = {
  not_built: 'Chưa có bản dựng của widget. Hãy chạy `npm run build`.',
} as const;

interface AssetCopy {
  body: ArrayBuffer;
  etag: string | null;
}

/** The widget files, read once per isolate: they change only with a deployment (a new isolate). */
const assetCopies = new Map<string, Promise<AssetCopy | null>>();

function readAsset(assets: Fetcher, path: string): Promise<AssetCopy | null> {
  let copy = assetCopies.get(path);
  if (!copy) {
    copy = fetchAsset(assets, path).then(async (res) => (res.status === 200 ? { body: await res.arrayBuffer(), etag: res.headers.get('ETag') } : null));
    // A missing or failed read is not remembered: the next request tries again.
    const forget = () => assetCopies.delete(path);
    copy.then((c) => {
      if (!c) forget();
    }, forget);
    assetCopies.set(path, copy);
  }
  return copy;
}

const etagMatches = (header: string, etag: string) => header.split(',').some((t) => t.trim().replace(/^W\//u, '') === etag.replace(/^W\//u, '') || t.trim() === '*');

async function serveAsset(c: Context<AppEnv>, path: string, type: string, cacheControl: string): Promise<Response> {
  const copy = await readAsset(c.env.ASSETS, path).catch(() => null);
  if (!copy) throw new AppError(404, 'widget_not_built', widgetMessages.not_built);
  const out = new Headers({
    'Content-Type': type,
    'Cache-Control': cacheControl,
    'X-Content-Type-Options': 'nosniff',
    // Portals embed it cross-origin (also under COEP) and may add integrity= with crossorigin.
    'Cross-Origin-Resource-Policy': 'cross-origin',
    'Access-Control-Allow-Origin': '*',
  });
  if (copy.etag) out.set('ETag', copy.etag);
  const inm = c.req.header('If-None-Match');
  if (inm && copy.etag && etagMatches(inm, copy.etag)) return new Response(null, { status: 304, headers: out });
  return new Response(copy.body, { status: 200, headers: out });
}

async function featured(assets: Fetcher): Promise<PortalProcedure[]> {
  return Promise.all(
    FEATURED.map(async (p) => {
      const record = await getProcedure(assets, p.code).catch(() => null);
      return record ? { ...p, name: record.name, url: record.url ?? null } : p;
    }),
  );
}

export const webRoutes = new Hono<AppEnv>()
  .get('/widget.js', (c) => serveAsset(c, '/widget.js', 'text/javascript; charset=utf-8', WIDGET_CACHE))
  .get('/:file{widget\\.[0-9a-f]{12}\\.js}', (c) => serveAsset(c, `/${c.req.param('file')}`, 'text/javascript; charset=utf-8', HASHED_CACHE))
  .get('/widget-manifest.json', (c) => serveAsset(c, '/widget-manifest.json', 'application/json; charset=utf-8', 'no-cache'))
  .get('/portal.css', (c) =>
    c.body(portalCss, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': WIDGET_CACHE, 'X-Content-Type-Options': 'nosniff' }),
  )
  .get('/', async (c) => {
    const html = portalHtml({
      centreName: c.var.config.centre.name,
      hotline: c.var.config.centre.hotline,
      address: c.var.config.centre.address,
      province: c.var.config.province,
      procedures: await featured(c.env.ASSETS),
    });
    return c.html(html, 200, { ...PAGE_HEADERS, 'Cache-Control': 'no-cache' });
  });
