// The staff console (/staff, server-rendered HTML) and its API (/api/staff/*), for the clerks of the
// one-stop counter (Bộ phận Một cửa) and the centre's managers. Everything but the login form and
// the two static files requires staff authentication (worker/staff/auth.ts).
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { procedureCodeSchema, type Procedure } from '../catalog/schema';
import { getProcedure } from '../catalog/store';
import { AppError, errorResponse, publicError } from '../errors';
import { readJsonBody, readRawBody } from '../http/body';
import { messages, staffText } from '../messages';
import { getSearchEngine } from '../search/runtime';
import { staffCss, staffJs } from '../staff/assets';
import {
  authenticate,
  checkStaffToken,
  clearSessionCookie,
  createSessionToken,
  isSameOrigin,
  requireStaffApi,
  sessionCookie,
  type StaffEnv,
  type StaffIdentity,
} from '../staff/auth';
import { catalogPage } from '../staff/catalog-page';
import { catalogStatus, parsePage } from '../staff/catalog-status';
import { buildChecklist, checklistSchema } from '../checklist/checklist';
import { buildDashboard, parsePeriod, unmatchedCsv, unmatchedQuestions } from '../staff/dashboard';
import { dashboardPage } from '../staff/dashboard-page';
import { checkIntake, intakeRequestSchema, type IntakeRequest } from '../staff/intake';
import { STAFF_HEADERS, type PageContext } from '../staff/layout';
import { errorPage, homePage, loginPage, searchPage } from '../staff/pages';
import { emptyIntakeState, intakePage, intakeResultPanel, printPage, procedurePage, type IntakeFormState } from '../staff/procedure-pages';
import { escapeHtml } from '../lib/html';
import { logUnexpected } from '../lib/log';

type C = Context<StaffEnv>;

const ASSET_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'public, max-age=300' };
const SEARCH_LIMIT = 20;
const FORM_MAX_BYTES = 16 * 1024;

function pageContext(c: C, identity: StaffIdentity | null = c.get('staff') ?? null): PageContext {
  return { centreName: c.var.config.centre.name, identity };
}

function htmlResponse(c: C, body: string, status: ContentfulStatusCode = 200): Response {
  return c.html(body, status, STAFF_HEADERS);
}

/** Only a /staff path of this site (no open redirect). */
function safeNext(raw: string | null | undefined): string {
  if (!raw || !/^\/staff(?:[/?#]|$)/u.test(raw) || raw.includes('//') || raw.includes('\\') || raw.startsWith('/staff/login')) return '/staff';
  return raw;
}

async function readForm(c: C): Promise<URLSearchParams> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/x-www-form-urlencoded\b/iu.test(type)) throw new AppError(415, 'unsupported_media_type', staffText.formExpected);
  const bytes = await readRawBody(c, FORM_MAX_BYTES);
  return new URLSearchParams(new TextDecoder().decode(bytes));
}

function requireSameOrigin(c: C): void {
  if (!isSameOrigin(c)) throw new AppError(403, 'staff_cross_origin', staffText.auth.forbiddenOrigin);
}

async function loadProcedure(c: C): Promise<Procedure> {
  const raw = c.req.param('code') ?? '';
  const code = procedureCodeSchema.safeParse(raw);
  if (!code.success) throw new AppError(404, 'invalid_code', messages.errors.invalid_code);
  const p = await getProcedure(c.env.ASSETS, code.data);
  if (!p) throw new AppError(404, 'procedure_not_found', messages.errors.procedure_not_found(code.data));
  return p;
}

function caseParam(raw: string | undefined | null, cases: number): number | null {
  if (raw === undefined || raw === null || raw === '') return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || n >= cases) throw new AppError(400, 'intake_unknown_case', staffText.intake.unknownCase(n, cases));
  return n;
}

function parseCount(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new AppError(400, 'invalid_body', staffText.intake.countInvalid);
  return n;
}

/** The intake form: ticked rows (`c`), and counts typed per row (`o-<i>`, `k-<i>`). */
function intakeFromForm(form: URLSearchParams, components: number): { state: IntakeFormState; received: IntakeRequest['received'] } {
  const state: IntakeFormState = { ticked: new Set(), originals: new Map(), copies: new Map() };
  for (const v of form.getAll('c')) {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 0 || n >= components) throw new AppError(400, 'intake_unknown_component', staffText.intake.unknownComponent(v.slice(0, 20), components));
    state.ticked.add(n);
  }
  const received: IntakeRequest['received'] = [];
  for (let i = 0; i < components; i++) {
    const o = parseCount(form.get(`o-${i}`));
    const k = parseCount(form.get(`k-${i}`));
    if (o !== undefined) state.originals.set(i, String(o));
    if (k !== undefined) state.copies.set(i, String(k));
    const typed = (o ?? 0) + (k ?? 0) > 0;
    if (!state.ticked.has(i) && !typed) continue;
    state.ticked.add(i);
    received.push(o === undefined && k === undefined ? { component: i } : { component: i, originals: o ?? 0, copies: k ?? 0 });
  }
  return { state, received };
}

export const staffRoutes = new Hono<StaffEnv>();

// -- Public: the stylesheet, the script, the login form -----------------------------------------

staffRoutes.get('/staff/assets/staff.css', (c) => c.body(staffCss, 200, { 'Content-Type': 'text/css; charset=utf-8', ...ASSET_HEADERS }));
staffRoutes.get('/staff/assets/staff.js', (c) => c.body(staffJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8', ...ASSET_HEADERS }));

staffRoutes.get('/staff/login', async (c) => {
  const outcome = await authenticate(c);
  if (outcome.ok) return c.redirect(safeNext(c.req.query('next')), 303);
  const mode = c.var.config.staff.mode === 'access' ? 'access' : 'token';
  const notice = c.req.query('out') === '1' ? staffText.login.loggedOut : null;
  return htmlResponse(c, loginPage(pageContext(c, null), { mode, next: safeNext(c.req.query('next')), notice }));
});

staffRoutes.post('/staff/login', async (c) => {
  requireSameOrigin(c);
  const cfg = c.var.config.staff;
  const ctx = pageContext(c, null);
  if (cfg.mode !== 'token') return htmlResponse(c, loginPage(ctx, { mode: 'access', next: '/staff', error: staffText.login.notTokenMode }), 400);
  const form = await readForm(c);
  const next = safeNext(form.get('next'));
  if (!cfg.token) return htmlResponse(c, loginPage(ctx, { mode: 'token', next, error: staffText.auth.tokenNotConfigured(16) }), 503);
  const typed = (form.get('token') ?? '').trim();
  const outcome = await checkStaffToken(c, typed, cfg.token);
  if (!outcome.ok) {
    if (outcome.retryAfterSec) c.header('Retry-After', String(outcome.retryAfterSec));
    const status = outcome.status === 429 ? 429 : 401;
    return htmlResponse(c, loginPage(ctx, { mode: 'token', next, error: outcome.message }), status);
  }
  const url = new URL(c.req.url);
  c.header('Set-Cookie', sessionCookie(url, await createSessionToken(cfg.token)));
  c.header('Cache-Control', 'no-store');
  return c.redirect(next, 303);
});

staffRoutes.post('/staff/logout', (c) => {
  requireSameOrigin(c);
  c.header('Set-Cookie', clearSessionCookie(new URL(c.req.url)));
  c.header('Cache-Control', 'no-store');
  return c.redirect('/staff/login?out=1', 303);
});

// -- Authentication ------------------------------------------------------------------------------

staffRoutes.use('/api/staff/*', requireStaffApi());

const requireStaffPage = async (c: C, next: () => Promise<void>): Promise<Response | void> => {
  const outcome = await authenticate(c);
  if (outcome.ok) {
    c.set('staff', outcome.identity);
    await next();
    return;
  }
  if (outcome.status === 503) return htmlResponse(c, errorPage(pageContext(c, null), 503, outcome.message), 503);
  if (outcome.retryAfterSec) c.header('Retry-After', String(outcome.retryAfterSec));
  const mode = c.var.config.staff.mode === 'access' ? 'access' : 'token';
  const url = new URL(c.req.url);
  const nextPath = c.req.method === 'GET' ? safeNext(url.pathname + url.search) : '/staff';
  const error = outcome.code === 'staff_unauthorized' && mode === 'token' && outcome.message === staffText.auth.required ? null : outcome.message;
  return htmlResponse(c, loginPage(pageContext(c, null), { mode, next: nextPath, error }), outcome.status === 429 ? 429 : 401);
};
staffRoutes.use('/staff', requireStaffPage);
staffRoutes.use('/staff/*', requireStaffPage);

// -- Pages ----------------------------------------------------------------------------------------

staffRoutes.get('/staff', (c) => htmlResponse(c, homePage(pageContext(c))));

staffRoutes.get('/staff/search', async (c) => {
  const q = (c.req.query('q') ?? '').trim().slice(0, 300);
  if (!q) return c.redirect('/staff', 303);
  const asCode = procedureCodeSchema.safeParse(q);
  if (asCode.success && (await getProcedure(c.env.ASSETS, asCode.data))) return c.redirect(`/staff/procedures/${encodeURIComponent(asCode.data)}`, 303);
  const engine = await getSearchEngine(c.env.ASSETS);
  const { hits } = engine.search(q, { limit: SEARCH_LIMIT, province: c.var.config.province });
  return htmlResponse(c, searchPage(pageContext(c), q, hits));
});

staffRoutes.get('/staff/procedures/:code', async (c) => htmlResponse(c, procedurePage(pageContext(c), buildChecklist(await loadProcedure(c)))));

staffRoutes.get('/staff/procedures/:code/print', async (c) => {
  const cl = buildChecklist(await loadProcedure(c));
  if (!cl.cases.length) throw new AppError(400, 'intake_no_components', staffText.intake.noComponents(cl.code));
  return htmlResponse(c, printPage(pageContext(c), cl, caseParam(c.req.query('case'), cl.cases.length)));
});

staffRoutes.get('/staff/procedures/:code/intake', async (c) => {
  const cl = buildChecklist(await loadProcedure(c));
  if (!cl.cases.length) throw new AppError(400, 'intake_no_components', staffText.intake.noComponents(cl.code));
  const k = caseParam(c.req.query('case'), cl.cases.length) ?? 0;
  return htmlResponse(c, intakePage(pageContext(c), cl, k, emptyIntakeState(), null));
});

staffRoutes.post('/staff/procedures/:code/intake', async (c) => {
  requireSameOrigin(c);
  const p = await loadProcedure(c);
  const cl = buildChecklist(p);
  if (!cl.cases.length) throw new AppError(400, 'intake_no_components', staffText.intake.noComponents(cl.code));
  const form = await readForm(c);
  const k = caseParam(form.get('case'), cl.cases.length) ?? 0;
  const { state, received } = intakeFromForm(form, cl.cases[k]!.components.length);
  const result = checkIntake(p, k, received);
  if (c.req.query('fragment') === '1') return htmlResponse(c, intakeResultPanel(result).value);
  return htmlResponse(c, intakePage(pageContext(c), cl, k, state, result));
});

staffRoutes.get('/staff/dashboard', async (c) => {
  const period = parsePeriod(c.req.query('from'), c.req.query('to'));
  return htmlResponse(c, dashboardPage(pageContext(c), await buildDashboard(c.env.DB, c.env.ASSETS, period)));
});

staffRoutes.get('/staff/catalog', async (c) => {
  const status = await catalogStatus(c.env.ASSETS, c.req.query('kind') || null, parsePage(c.req.query('page')));
  return htmlResponse(c, catalogPage(pageContext(c), status));
});

staffRoutes.get('/staff/*', (c) => htmlResponse(c, errorPage(pageContext(c), 404, messages.errors.not_found), 404));

// -- API ------------------------------------------------------------------------------------------

staffRoutes.get('/api/staff/procedures/:code/checklist', async (c) => c.json(checklistSchema.parse(buildChecklist(await loadProcedure(c)))));

staffRoutes.post('/api/staff/intake-check', async (c) => {
  const body = await readJsonBody(c, intakeRequestSchema);
  const p = await getProcedure(c.env.ASSETS, body.code);
  if (!p) throw new AppError(404, 'procedure_not_found', messages.errors.procedure_not_found(body.code));
  return c.json(checkIntake(p, body.case, body.received));
});

staffRoutes.get('/api/staff/search', async (c) => {
  const q = (c.req.query('q') ?? '').trim();
  if (!q || q.length > 300) throw new AppError(400, 'invalid_query', messages.errors.query_missing);
  const engine = await getSearchEngine(c.env.ASSETS);
  const { hits } = engine.search(q, { limit: SEARCH_LIMIT, province: c.var.config.province });
  return c.json({ query: q, hits: hits.map((h) => ({ code: h.code, name: h.name, levels: h.levels, province: h.province, detail: h.detail })) });
});

staffRoutes.get('/api/staff/dashboard', async (c) => {
  const period = parsePeriod(c.req.query('from'), c.req.query('to'));
  return c.json(await buildDashboard(c.env.DB, c.env.ASSETS, period));
});

staffRoutes.get('/api/staff/dashboard/unmatched.csv', async (c) => {
  const period = parsePeriod(c.req.query('from'), c.req.query('to'));
  const csv = unmatchedCsv(await unmatchedQuestions(c.env.DB, period));
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="cau-hoi-chua-tra-loi_${period.from}_${period.to}.csv"`,
    'X-Content-Type-Options': 'nosniff',
  });
});

staffRoutes.get('/api/staff/catalog', async (c) => c.json(await catalogStatus(c.env.ASSETS, c.req.query('kind') || null, parsePage(c.req.query('page')))));

// -- Errors: JSON for the API, an HTML page for the console -----------------------------------------

staffRoutes.onError((err, c) => {
  if (new URL(c.req.url).pathname.startsWith('/api/')) {
    const res = errorResponse(c, err);
    res.headers.set('Cache-Control', 'no-store');
    return res;
  }
  const known = publicError(err);
  if (!known) logUnexpected('staff page', err);
  const code: ContentfulStatusCode = known?.status ?? 500;
  const message = known?.body.error.message ?? messages.errors.internal;
  if (c.req.query('fragment') === '1') return c.html(`<p class="alert" role="alert">${escapeHtml(message)}</p>`, code, STAFF_HEADERS);
  return htmlResponse(c, errorPage(pageContext(c), code, message), code);
});
