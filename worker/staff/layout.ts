// The frame of every staff page: head (one stylesheet, one deferred script, no inline code: the
// pages are served with STAFF_CSP), skip link, navigation, footer. Vietnamese throughout.
import { staffText } from '../messages';
import type { StaffIdentity } from './auth';
import { html, type HtmlValue, type SafeHtml } from '../lib/html';

/** No inline script or style; forms post only to this origin; never framed. */
export const STAFF_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const STAFF_HEADERS: Record<string, string> = {
  'Content-Security-Policy': STAFF_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
  'Cache-Control': 'no-store',
};

export const ASSET_VERSION = '1';
export const CSS_PATH = `/staff/assets/staff.css`;
export const JS_PATH = `/staff/assets/staff.js`;

export type Section = 'lookup' | 'dashboard' | 'catalog' | null;

export interface PageContext {
  centreName: string;
  identity: StaffIdentity | null;
}

export interface PageOptions {
  title: string;
  section?: Section;
  /** Extra class on <body>, e.g. "print-view" (the print CSS keys on it). */
  bodyClass?: string;
}

function nav(ctx: PageContext, section: Section): SafeHtml {
  const t = staffText.nav;
  const link = (href: string, label: string, s: Section) =>
    html`<li><a href="${href}"${section === s ? html` aria-current="page"` : ''}>${label}</a></li>`;
  const id = ctx.identity;
  const logout =
    id?.mode === 'access'
      ? html`<li><a href="/cdn-cgi/access/logout">${t.logout}</a></li>`
      : id?.via === 'session'
        ? html`<li><form method="post" action="/staff/logout"><button type="submit" class="linklike">${t.logout}</button></form></li>`
        : '';
  return html`<nav class="nav" aria-label="${t.label}">
  <ul>
    ${link('/staff', t.lookup, 'lookup')}
    ${link('/staff/dashboard', t.dashboard, 'dashboard')}
    ${link('/staff/catalog', t.catalog, 'catalog')}
    ${id?.name ? html`<li class="who" title="${t.signedInAs}">${id.name}</li>` : ''}
    ${logout}
  </ul>
</nav>`;
}

export function page(ctx: PageContext, o: PageOptions, body: HtmlValue): string {
  const t = staffText;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${o.title} – ${t.appName}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CSS_PATH}?v=${ASSET_VERSION}">
<script src="${JS_PATH}?v=${ASSET_VERSION}" defer></script>
</head>
<body class="${o.bodyClass ?? ''}">
<a class="skip" href="#noi-dung">${t.nav.skip}</a>
<header class="top no-print">
  <div class="wrap bar">
    <p class="brand"><a href="/staff">${t.appName}</a><span class="centre">${ctx.centreName}</span></p>
    ${ctx.identity ? nav(ctx, o.section ?? null) : ''}
  </div>
</header>
<main id="noi-dung" class="wrap" tabindex="-1">
${body}
</main>
<footer class="foot no-print"><div class="wrap"><p>${t.footer}</p></div></footer>
</body>
</html>
`.value;
}
