// Catalog status page: what the catalog holds, when it was ingested, and what the ingest could not
// resolve (anomalies by kind, then a paginated list filtered by kind).
import { staffText } from '../messages';
import type { CatalogStatus } from './catalog-status';
import { localDateTime, num } from './format';
import { html } from '../lib/html';
import { page, type PageContext } from './layout';
import { horizontalBarChart } from './svg';

const C = staffText.catalog;
const FIELDS_SHOWN = 15;

function pageHref(kind: string | null, p: number): string {
  const params = new URLSearchParams();
  if (kind) params.set('kind', kind);
  if (p > 1) params.set('page', String(p));
  const q = params.toString();
  return `/staff/catalog${q ? `?${q}` : ''}#bat-thuong`;
}

export function catalogPage(ctx: PageContext, s: CatalogStatus): string {
  const sum = s.summary;
  const a = s.anomalies;
  const levels = (['province', 'commune', 'ministry', 'other'] as const).map((l) => ({ level: l, label: C.levels[l], count: sum.levels[l] ?? 0 }));
  const levelChart = horizontalBarChart(
    { id: 'chart-levels', title: C.byLevel, desc: levels.map((l) => `${l.label}: ${l.count}`).join('; ') },
    levels.map((l) => ({ label: l.label, value: l.count })),
    { width: 460, labelChars: 62 },
  );
  const topFields = sum.byField.slice(0, FIELDS_SHOWN);
  const fieldChart = horizontalBarChart(
    { id: 'chart-fields', title: C.byFieldTop(topFields.length), desc: topFields.map((f) => `${f.field}: ${f.count}`).join('; ') },
    topFields.map((f) => ({ label: f.field, value: f.count })),
    { width: 460, labelChars: 62, color: '#6b4fa3' },
  );
  const nav =
    a.pages > 1
      ? html`<nav class="pager" aria-label="${C.pager}">
  ${a.page > 1 ? html`<a href="${pageHref(a.kind, a.page - 1)}" rel="prev">${C.prev}</a>` : html`<span class="muted">${C.prev}</span>`}
  <span>${C.pageOf(a.page, a.pages)}</span>
  ${a.page < a.pages ? html`<a href="${pageHref(a.kind, a.page + 1)}" rel="next">${C.next}</a>` : html`<span class="muted">${C.next}</span>`}
</nav>`
      : '';
  const body = html`<h1>${C.title}</h1>
<div class="kpis">
  <div class="kpi"><p class="kpi-label">${C.total}</p><p class="kpi-value">${num(sum.total)}</p><p class="kpi-sub">${C.listed(num(sum.listed))}</p></div>
  <div class="kpi"><p class="kpi-label">${C.detailed}</p><p class="kpi-value">${num(sum.detailed)}</p><p class="kpi-sub">${C.detailedSub}</p></div>
  <div class="kpi"><p class="kpi-label">${C.provincialOrCommune}</p><p class="kpi-value">${num(sum.provincialOrCommune)}</p><p class="kpi-sub">${C.provincialOrCommuneSub}</p></div>
  <div class="kpi"><p class="kpi-label">${C.online}</p><p class="kpi-value">${num(sum.onlineAvailable)}</p><p class="kpi-sub">${C.fullOnline(num(sum.fullProcessOnline))}</p></div>
</div>
<dl class="facts">
  <div><dt>${C.ingestedAt}</dt><dd>${localDateTime(sum.ingestedAt)}</dd></div>
  <div><dt>${C.builtAt}</dt><dd>${localDateTime(sum.builtAt)}</dd></div>
  <div><dt>${C.sources}</dt><dd>${Object.entries(s.ingest.sources).map(([k, v], i) => html`${i ? '; ' : ''}${(C.sourceNames as Record<string, string>)[k] ?? k}: ${num(v)}`)}</dd></div>
  ${s.ingest.mergedPortalAndScraped !== null ? html`<div><dt>${C.merged}</dt><dd>${num(s.ingest.mergedPortalAndScraped)}</dd></div>` : ''}
</dl>
<div class="panels two">
  <section class="panel" aria-labelledby="h-levels"><h2 id="h-levels">${C.byLevel}</h2>${levelChart}
    <table class="grid compact"><thead><tr><th scope="col">${C.level}</th><th scope="col" class="num">${C.count}</th></tr></thead>
    <tbody>${levels.map((l) => html`<tr><th scope="row">${l.label}</th><td class="num">${num(l.count)}</td></tr>`)}</tbody></table>
    <p class="hint">${C.levelsHint}</p>
  </section>
  <section class="panel" aria-labelledby="h-fields"><h2 id="h-fields">${C.byField}</h2>${fieldChart}
    <details><summary>${C.allFields(sum.byField.length)}</summary>
    <table class="grid compact"><thead><tr><th scope="col">${C.field}</th><th scope="col" class="num">${C.count}</th></tr></thead>
    <tbody>${sum.byField.map((f) => html`<tr><th scope="row">${f.field}</th><td class="num">${num(f.count)}</td></tr>`)}</tbody></table>
    </details>
  </section>
</div>
<section class="panel" id="bat-thuong" aria-labelledby="h-anomalies">
  <h2 id="h-anomalies">${C.anomaliesTitle(num(a.total), a.byKind.length)}</h2>
  <p>${C.anomaliesIntro}</p>
  <table class="grid compact kinds">
    <thead><tr><th scope="col">${C.kind}</th><th scope="col">${C.kindMeaning}</th><th scope="col" class="num">${C.count}</th></tr></thead>
    <tbody>
    ${a.byKind.map(
      (k) => html`<tr${k.kind === a.kind ? html` class="current"` : ''}><td><a href="${pageHref(k.kind, 1)}"${k.kind === a.kind ? html` aria-current="true"` : ''}><code>${k.kind}</code></a></td><td>${k.label}</td><td class="num">${num(k.count)}</td></tr>`,
    )}
    </tbody>
  </table>
  <h3>${a.kind ? C.listOfKind(a.kind, num(a.matching)) : C.listAll(num(a.matching))}${a.kind ? html` <a class="small" href="${pageHref(null, 1)}">${C.showAll}</a>` : ''}</h3>
  ${nav}
  <table class="grid compact anomalies">
    <thead><tr><th scope="col">${C.procedureCode}</th><th scope="col">${C.kind}</th><th scope="col">${C.detail}</th></tr></thead>
    <tbody>
    ${a.items.map(
      (i) => html`<tr><td class="nowrap"><a href="/staff/procedures/${encodeURIComponent(i.code.trim())}">${i.code}</a></td><td><span title="${i.label}"><code>${i.kind}</code></span></td><td>${i.detail}</td></tr>`,
    )}
    </tbody>
  </table>
  ${nav}
</section>`;
  return page(ctx, { title: C.title, section: 'catalog' }, body);
}
