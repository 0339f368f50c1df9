// The staff console's general pages: login, lookup (search) and errors.
import type { Level } from '../catalog/schema';
import { LEVEL_LABEL } from '../chat/format';
import { staffText } from '../messages';
import { html, type SafeHtml } from '../lib/html';
import { page, type PageContext } from './layout';

export interface LoginPageOptions {
  mode: 'token' | 'access';
  /** Where to go after logging in (a /staff path). */
  next: string;
  error?: string | null;
  notice?: string | null;
}

export function loginPage(ctx: PageContext, o: LoginPageOptions): string {
  const t = staffText.login;
  const alert = o.error ? html`<p class="alert" role="alert">${o.error}</p>` : o.notice ? html`<p class="notice" role="status">${o.notice}</p>` : '';
  const body =
    o.mode === 'access'
      ? html`<section class="card narrow">
  <h1>${t.accessTitle}</h1>
  ${alert}
  <p>${t.accessIntro}</p>
</section>`
      : html`<section class="card narrow">
  <h1>${t.title}</h1>
  <p>${t.intro}</p>
  ${alert}
  <form method="post" action="/staff/login" class="login">
    <input type="hidden" name="next" value="${o.next}">
    <label for="token">${t.tokenLabel}</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required autofocus spellcheck="false" aria-describedby="token-hint">
    <p id="token-hint" class="hint">${t.tokenHint}</p>
    <button type="submit" class="btn primary">${t.submit}</button>
  </form>
</section>`;
  return page({ ...ctx, identity: null }, { title: t.title, bodyClass: 'login-page' }, body);
}

export function searchForm(q: string, autofocus = false): SafeHtml {
  const t = staffText.lookup;
  return html`<form method="get" action="/staff/search" class="search" role="search">
  <label for="q">${t.label}</label>
  <div class="row">
    <input id="q" name="q" type="search" value="${q}" required maxlength="300" aria-describedby="q-hint"${autofocus ? html` autofocus` : ''}>
    <button type="submit" class="btn primary">${t.submit}</button>
  </div>
  <p id="q-hint" class="hint">${t.hint}</p>
</form>`;
}

export function homePage(ctx: PageContext): string {
  const t = staffText.lookup;
  return page(
    ctx,
    { title: t.title, section: 'lookup' },
    html`<h1>${t.title}</h1>
<p class="lead">${t.intro}</p>
${searchForm('', true)}
<div class="tiles">
  <a class="tile" href="/staff/dashboard"><strong>${staffText.nav.dashboard}</strong><span>${t.tileDashboard}</span></a>
  <a class="tile" href="/staff/catalog"><strong>${staffText.nav.catalog}</strong><span>${t.tileCatalog}</span></a>
</div>`,
  );
}

export interface SearchResultItem {
  code: string;
  name: string;
  levels: Level[];
  province: string | null;
  detail: boolean;
}

export function levelsText(levels: Level[]): string {
  return levels.map((l) => LEVEL_LABEL[l]).join(', ');
}

export function searchPage(ctx: PageContext, q: string, hits: SearchResultItem[]): string {
  const t = staffText.lookup;
  const list = hits.length
    ? html`<p role="status">${t.found(hits.length)}</p>
<ol class="results">
  ${hits.map(
    (h) => html`<li>
    <a href="/staff/procedures/${encodeURIComponent(h.code)}">${h.name}</a>
    <p class="meta"><span class="code">${staffText.checklist.code} ${h.code}</span>${h.levels.length ? html` · ${levelsText(h.levels)}` : ''}${h.province ? html` · ${h.province}` : ''}${h.detail ? '' : html` · <span class="badge warn">${t.noDetail}</span>`}</p>
  </li>`,
  )}
</ol>`
    : html`<p class="notice" role="status">${t.none}</p>`;
  return page(ctx, { title: t.resultsTitle(q), section: 'lookup' }, html`<h1>${t.title}</h1>
${searchForm(q)}
<section aria-labelledby="ket-qua"><h2 id="ket-qua">${t.resultsHeading}</h2>
${list}
</section>`);
}

export function errorPage(ctx: PageContext, status: number, message: string): string {
  const t = staffText.errorPage;
  return page(ctx, { title: t.title(status), section: null }, html`<section class="card narrow">
  <h1>${t.title(status)}</h1>
  <p class="alert" role="alert">${message}</p>
  <p><a href="/staff">${t.back}</a></p>
</section>`);
}
