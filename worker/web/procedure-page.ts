// The public page of a procedure (GET /thu-tuc/:code): what a citizen needs, from the catalog
// record alone, on a phone first; printed, a one-page "phiếu hướng dẫn" (where the checklist
// allows) with a QR code of the page's own address that a clerk hands over at the counter. Also
// the page's 404 and its search (GET /thu-tuc?q=). Static markup served with the worker's own CSP:
// one stylesheet, one small script (the print button), no inline code.
//
// The checklist is read as every place reads it (worker/catalog/checklist.ts through the staff
// checklist's shape, worker/staff/checklist.ts): documents everyone brings, then those to present,
// then "tùy trường hợp" with their condition, then the notes; fees and times per submission method
// as the staff print view shows them.
import type { Procedure } from '../catalog/schema';
import { LEVEL_LABEL, METHOD_LABEL } from '../chat/format';
import { publicPageText as T, staffText } from '../messages';
import { buildChecklist, formatCounts, type Checklist, type ChecklistCase, type ChecklistComponent, type ChecklistSubItem } from '../checklist/checklist';
import { dmy } from '../lib/dates';
import { documentGroups, methodsTable, notesList } from '../checklist/html';
import { html, type HtmlValue, type SafeHtml } from '../lib/html';
import { httpUrl } from '../lib/url';
import { qrSvg } from './qr';

export const PAGE_CSS_PATH = '/thu-tuc.css';
export const PAGE_JS_PATH = '/thu-tuc.js';
/** Bumped when the stylesheet or script changes (they are cached). */
export const PAGE_ASSET_VERSION = '1';

export interface Centre {
  name: string;
  hotline: string;
  address: string;
}

export interface ProcedurePageOptions {
  centre: Centre;
  /** This page's public address (PUBLIC_BASE_URL or the request's origin): canonical, Open Graph, QR code. */
  pageUrl: string;
  /** Where to submit online, when the procedure has an online method. */
  submitUrl: string | undefined;
}

interface Head {
  title: string;
  description: string;
  /** Canonical address and Open Graph; none for a 404 or a search. */
  url?: string;
  robots?: 'noindex';
}

function shell(centre: Centre, head: Head, body: HtmlValue): string {
  const c = staffText.checklist;
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
<meta name="description" content="${head.description}">
${head.robots ? html`<meta name="robots" content="${head.robots}">` : ''}
${head.url
  ? html`<link rel="canonical" href="${head.url}">
<meta property="og:type" content="website">
<meta property="og:locale" content="vi_VN">
<meta property="og:site_name" content="${centre.name}">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${head.description}">
<meta property="og:url" content="${head.url}">
<meta name="twitter:card" content="summary">`
  : ''}
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${PAGE_CSS_PATH}?v=${PAGE_ASSET_VERSION}">
<script src="${PAGE_JS_PATH}?v=${PAGE_ASSET_VERSION}" defer></script>
</head>
<body>
<a class="skip" href="#noi-dung">${T.skip}</a>
<header class="top no-print">
  <div class="wrap"><p class="centre">${centre.name}</p><p class="kicker">${T.titleSuffix}</p></div>
</header>
<main id="noi-dung" class="wrap" tabindex="-1">
${body}
</main>
<footer class="foot"><div class="wrap">
  <p class="foot-name">${centre.name}</p>
  <p>${c.addressHeading}: ${centre.address} · ${T.hotline(centre.hotline)}</p>
  <p class="muted">${T.disclaimer}</p>
</div></footer>
</body>
</html>
`.value;
}

function searchForm(q: string): SafeHtml {
  return html`<form class="search no-print" method="get" action="/thu-tuc" role="search">
  <label for="q">${T.searchLabel}</label>
  <div class="row"><input id="q" name="q" type="search" value="${q}" maxlength="200" autocomplete="off" aria-describedby="q-hint"><button type="submit" class="btn primary">${T.searchButton}</button></div>
  <p class="hint" id="q-hint">${T.searchHint}</p>
</form>`;
}

// ---------------------------------------------------------------------------------------------
// The procedure

type Item = Pick<ChecklistSubItem, 'title' | 'detail' | 'condition' | 'originals' | 'copies' | 'children'> & { forms?: ChecklistComponent['forms'] };

function formsLine(forms: ChecklistComponent['forms']): HtmlValue {
  if (!forms.length) return '';
  return html`<span class="forms">${T.forms}: ${forms.map((f, i) => {
    const url = httpUrl(f.url);
    return html`${i ? '; ' : ''}${url ? html`<a href="${url}" target="_blank" rel="noopener noreferrer">${f.name}<span class="sr"> ${T.newTab}</span></a>` : f.name}`;
  })}</span>`;
}

/** A tick box with what to bring as its label; the rest of the text, the forms and the sub-items under it. */
function tickItem(c: Item, id: string): SafeHtml {
  const counts = c.originals || c.copies ? formatCounts(c.originals, c.copies) : '';
  return html`<li>
  <input type="checkbox" id="${id}"><label for="${id}">${c.condition ? html`<em class="cond">${c.condition}:</em> ` : ''}${c.title}${counts ? html` <span class="counts">— ${counts}</span>` : ''}</label>
  ${c.detail ? html`<p class="detail">${c.detail}</p>` : ''}${c.forms ? formsLine(c.forms) : ''}
  ${c.children.length ? html`<ul class="ticks sub">${c.children.map((k, i) => tickItem(k, `${id}-${i + 1}`))}</ul>` : ''}
</li>`;
}

/**
 * Notes longer than this (characters) are not printed: the sheet gives their count and the QR code
 * instead. The 17 notes of "đăng ký kết hôn" (4,600 characters) alone took a second A4 page even
 * in 3 columns of 7 pt; a sheet of the documents fits one.
 */
const NOTES_PRINTED_MAX = 1500;

function caseChecklist(k: ChecklistCase, many: boolean): SafeHtml {
  const noteRows = k.components.filter((c) => c.group === 'notes');
  const notes = noteRows.length;
  const notesLong = noteRows.reduce((n, c) => n + c.name.length, 0) > NOTES_PRINTED_MAX;
  // Under a case's own heading (h3) when there are several.
  const h = (text: string) => (many ? html`<h4>${text}</h4>` : html`<h3>${text}</h3>`);
  return html`${documentGroups(k).map(
    (g) => html`<div class="group ${g.group}">${h(staffText.checklist.group[g.group])}${g.group === 'conditional' ? html`<p class="hint">${T.conditionalHint}</p>` : ''}
<ul class="ticks">${g.rows.map((c) => tickItem(c, `hs-${k.index + 1}-${c.index + 1}`))}</ul></div>`,
  )}${notes
    ? html`<div class="group group-notes${notesLong ? ' screen-only' : ''}">${h(T.notes)}${notesList(k)}</div>${notesLong ? html`<p class="print-only notes-pointer">${T.notesOnPage(notes)}</p>` : ''}`
    : ''}`;
}

function checklistSection(cl: Checklist): SafeHtml {
  const c = staffText.checklist;
  if (!cl.cases.length) return html`<p class="notice">${c.noDetail}</p>`;
  const many = cl.cases.length > 1;
  return html`<section class="checklist" aria-labelledby="ho-so">
  <h2 id="ho-so">${T.checklist}</h2>
  <p class="hint no-print">${T.checklistHint}</p>
  ${many ? html`<nav class="toc no-print" aria-label="${c.casesNav}"><p>${T.casesIntro(cl.cases.length)}</p><ol>${cl.cases.map((k) => html`<li><a href="#truong-hop-${k.index + 1}">${k.label}</a></li>`)}</ol></nav>` : ''}
  ${cl.cases.map((k) =>
    many
      ? html`<section class="case" id="truong-hop-${k.index + 1}" aria-labelledby="th-${k.index + 1}"><h3 id="th-${k.index + 1}">${c.caseHeading(k.index + 1, k.label)}</h3>${caseChecklist(k, true)}</section>`
      : caseChecklist(k, false),
  )}
</section>`;
}

function where(p: Procedure, cl: Checklist): SafeHtml {
  const agencies = p.executingAgencies.length ? p.executingAgencies : p.competentAgencies;
  const methods = [...new Set(p.methods.map((m) => METHOD_LABEL[m.method]))];
  return html`<section class="where" aria-labelledby="noi-nop">
  <h2 id="noi-nop">${T.where}</h2>
  ${cl.receivingAddress ? html`<p>${cl.receivingAddress}</p>` : agencies.length ? html`<p>${T.whereAgency(agencies.join('; ').replace(/[.;,\s]+$/u, ''))}</p>` : html`<p class="muted">${staffText.checklist.none}</p>`}
  ${methods.length ? html`<p>${T.methods(methods.join(', '))}</p>` : ''}
</section>`;
}

function facts(p: Procedure): SafeHtml {
  const c = staffText.checklist;
  const agencies = p.executingAgencies.length ? p.executingAgencies : p.competentAgencies;
  return html`<dl class="facts">
  <div><dt>${c.code}</dt><dd>${p.code}</dd></div>
  ${p.levels.length ? html`<div><dt>${T.level}</dt><dd>${p.levels.map((l) => LEVEL_LABEL[l]).join(', ')}</dd></div>` : ''}
  ${agencies.length ? html`<div><dt>${T.agency}</dt><dd>${agencies.join('; ')}</dd></div>` : ''}
  ${p.province ? html`<div><dt>${T.province}</dt><dd>${p.province}</dd></div>` : ''}
</dl>`;
}

function sourceLine(p: Procedure): SafeHtml {
  const at = p.provenance.crawledAt;
  const portal = httpUrl(p.url);
  return html`<p class="source">${staffText.checklist.sourceLine(staffText.source, at.length > 4 ? `ngày ${dmy(at)}` : `năm ${at}`)} ${p.decisionNumber ? T.decision(p.decisionNumber) : ''}
  ${portal ? html`<a class="no-print" href="${portal}" target="_blank" rel="noopener noreferrer">${T.portal}<span class="sr"> ${T.newTab}</span></a>` : ''}</p>`;
}

/** Documents a citizen brings (notes are not documents), for the description. */
function documentCount(cl: Checklist): number {
  return cl.cases.reduce((n, k) => n + k.components.filter((c) => c.group !== 'notes').length, 0);
}

export function procedurePageHtml(p: Procedure, o: ProcedurePageOptions): string {
  const cl = buildChecklist(p);
  const submit = httpUrl(o.submitUrl);
  const body = html`<article class="sheet" aria-labelledby="ten-thu-tuc">
  <div class="sheet-head">
    <div>
      <p class="sheet-title print-only">${T.sheetTitle}</p>
      <p class="sheet-centre print-only">${o.centre.name}</p>
      <h1 id="ten-thu-tuc">${p.name}</h1>
      ${facts(p)}
    </div>
    <figure class="qr">
      ${qrSvg(o.pageUrl, T.qrLabel(o.pageUrl))}
      <figcaption>${T.qrCaption}<br><span class="url">${o.pageUrl}</span></figcaption>
    </figure>
  </div>
  ${p.detail ? '' : html`<p class="notice">${staffText.checklist.noDetail}</p>`}
  ${where(p, cl)}
  <div class="actions no-print">
    ${submit ? html`<a class="btn primary" href="${submit}" target="_blank" rel="noopener noreferrer">${T.submitOnline}<span class="sr"> ${T.newTab}</span></a>` : ''}
    <button type="button" class="btn" data-action="print" hidden>${T.print}</button>
  </div>
  ${p.detail ? checklistSection(cl) : ''}
  ${p.detail
    ? html`<section class="fees" aria-labelledby="phi-thoi-han"><h2 id="phi-thoi-han">${T.feesTimes}</h2>${methodsTable(cl, true)}</section>`
    : ''}
  ${p.steps.length ? html`<section class="steps" aria-labelledby="cac-buoc"><h2 id="cac-buoc">${T.steps}</h2><ol>${p.steps.map((s) => html`<li>${s}</li>`)}</ol></section>` : ''}
  ${sourceLine(p)}
</article>`;
  const description = T.description(p.name, p.code, documentCount(cl));
  return shell(o.centre, { title: `${p.name} (mã ${p.code}) – ${T.titleSuffix}`, description, url: o.pageUrl }, body);
}

// ---------------------------------------------------------------------------------------------
// Not found, and the search the 404 offers

export function notFoundHtml(centre: Centre, code: string, valid: boolean): string {
  const body = html`<h1>${T.notFoundTitle}</h1>
<p class="notice" role="status">${valid ? T.notFound(code) : T.invalidCode}</p>
${searchForm(valid ? '' : code.slice(0, 200))}`;
  return shell(centre, { title: `${T.notFoundTitle} – ${T.titleSuffix}`, description: T.invalidCode, robots: 'noindex' }, body);
}

export interface PageHit {
  code: string;
  name: string;
  levels: Procedure['levels'];
  detail: boolean;
}

export function searchHtml(centre: Centre, q: string, hits: PageHit[] | null): string {
  const body = html`<h1>${T.searchTitle}</h1>
${searchForm(q)}
${hits === null
  ? ''
  : html`<section aria-labelledby="ket-qua"><h2 id="ket-qua" role="status">${T.searchResults(q, hits.length)}</h2>
<ol class="results">${hits.map(
      (h) => html`<li><a href="/thu-tuc/${encodeURIComponent(h.code)}">${h.name}</a>
  <p class="meta">${staffText.checklist.code} ${h.code}${h.levels.length ? html` · ${h.levels.map((l) => LEVEL_LABEL[l]).join(', ')}` : ''}${h.detail ? '' : html` · ${T.noDetail}`}</p></li>`,
    )}</ol></section>`}`;
  return shell(centre, { title: `${T.searchTitle} – ${T.titleSuffix}`, description: T.searchHint, robots: 'noindex' }, body);
}

export function unavailableHtml(centre: Centre): string {
  return shell(centre, { title: T.titleSuffix, description: T.unavailable, robots: 'noindex' }, html`<h1>${T.titleSuffix}</h1><p class="notice" role="alert">${T.unavailable}</p>`);
}
