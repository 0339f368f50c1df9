// A procedure at the counter: its checklist page, the A4 print view a clerk hands to a citizen, and
// the intake check with its printable "Phiếu hướng dẫn bổ sung hồ sơ".
import { staffText } from '../messages';
import { withoutMarkers } from '../catalog/checklist';
import { formatCounts, type Checklist, type ChecklistCase, type ChecklistComponent, type ChecklistSubItem } from '../checklist/checklist';
import { localToday } from './dashboard';
import { longDate } from '../lib/dates';
import { localDateTime } from './format';
import { html, type HtmlValue, type SafeHtml } from '../lib/html';
import { documentGroups, methodsTable, notesList } from '../checklist/html';
import { httpUrl } from '../lib/url';
import { shortfall, type IntakeResult } from './intake';
import { page, type PageContext } from './layout';
import { levelsText } from './pages';

const T = staffText.checklist;

const procPath = (code: string) => `/staff/procedures/${encodeURIComponent(code)}`;

function countCell(n: number | null): HtmlValue {
  return n === null ? html`<span class="muted" title="${T.noCount}">—</span>` : String(n);
}

function forms(c: ChecklistComponent): HtmlValue {
  if (!c.forms.length) return '';
  return html`<ul class="forms">${c.forms.map((f) => {
    const url = httpUrl(f.url);
    return html`<li>${url ? html`<a href="${url}" rel="noopener noreferrer" target="_blank">${f.name}<span class="sr"> ${T.newTab}</span></a>` : f.name}</li>`;
  })}</ul>`;
}

function conditionalBadge(c: ChecklistComponent): HtmlValue {
  return c.expectation === 'conditional' ? html` <span class="badge cond">${T.conditional}</span>` : '';
}

function caseHeading(k: ChecklistCase, total: number): string {
  return total > 1 ? T.caseHeading(k.index + 1, k.label) : T.documentsHeading;
}

type Item = Pick<ChecklistSubItem, 'title' | 'detail' | 'condition' | 'originals' | 'copies' | 'children'>;

/** "Trường hợp ủy quyền: Văn bản ủy quyền…" with the rest of the text under it, and sub-items (tick boxes on paper). */
function itemCell(c: Item, ticks: boolean): SafeHtml {
  return html`${c.condition ? html`<em class="cond-label">${c.condition}:</em> ` : ''}<span class="item-title">${c.title}</span>${c.detail ? html`<span class="item-detail">${c.detail}</span>` : ''}${
    c.children.length
      ? html`<ul class="sub">${c.children.map(
          (ch) => html`<li>${ticks ? html`<span class="tick" aria-hidden="true"></span> ` : ''}${itemCell(ch, ticks)}${ch.originals || ch.copies ? html` <span class="muted">(${formatCounts(ch.originals, ch.copies)})</span>` : ''}</li>`,
        )}</ul>`
      : ''
  }`;
}

/** The catalog's own words, one click away, when the checklist's wording differs from them. */
function verbatim(c: ChecklistComponent): HtmlValue {
  const shown = `${c.title} ${c.detail}`.trim();
  if (!c.condition && withoutMarkers(c.name).startsWith(c.title) && withoutMarkers(c.name).length <= shown.length + 2) return '';
  return html`<details class="verbatim"><summary>${T.verbatim}</summary>${c.name}</details>`;
}

function notesBlock(k: ChecklistCase): HtmlValue {
  const n = k.components.filter((c) => c.group === 'notes').length;
  return n ? html`<details class="notes-block"><summary>${T.notesHeading(n)}</summary>${notesList(k)}</details>` : '';
}

function componentsTable(k: ChecklistCase, captionText: string): SafeHtml {
  let n = 0;
  return html`<table class="grid components">
  <caption class="sr">${captionText}</caption>
  <thead><tr><th scope="col" class="num">${T.colNo}</th><th scope="col">${T.colComponent}</th><th scope="col" class="num">${T.colOriginals}</th><th scope="col" class="num">${T.colCopies}</th><th scope="col">${T.colForms}</th></tr></thead>
  ${documentGroups(k).map(
    (g) => html`<tbody>
  <tr class="group"><th scope="colgroup" colspan="5">${T.group[g.group]}</th></tr>
  ${g.rows.map(
    (c) => html`<tr class="${c.expectation}">
    <td class="num">${++n}</td>
    <td>${itemCell(c, false)}${conditionalBadge(c)}${verbatim(c)}</td>
    <td class="num">${countCell(c.originals)}</td>
    <td class="num">${countCell(c.copies)}</td>
    <td>${forms(c)}</td>
  </tr>`,
  )}
  </tbody>`,
  )}
</table>
${notesBlock(k)}`;
}

function legalList(cl: Checklist): SafeHtml {
  if (!cl.legalBasis.length) return html`<p class="muted">${T.none}</p>`;
  return html`<ul>${cl.legalBasis.map((l) => html`<li>${l.title && l.title !== l.code ? html`<strong>${l.code}</strong> — ${l.title}` : l.code}</li>`)}</ul>`;
}

function facts(cl: Checklist): SafeHtml {
  const portal = httpUrl(cl.url);
  return html`<dl class="facts">
  <div><dt>${T.code}</dt><dd>${cl.code}</dd></div>
  ${cl.levels.length ? html`<div><dt>${T.level}</dt><dd>${levelsText(cl.levels)}</dd></div>` : ''}
  ${cl.fields.length ? html`<div><dt>${T.field}</dt><dd>${cl.fields.join(', ')}</dd></div>` : ''}
  ${cl.executingAgencies.length ? html`<div><dt>${T.agency}</dt><dd>${cl.executingAgencies.join('; ')}</dd></div>` : ''}
  <div><dt>${T.decision}</dt><dd>${cl.decisionNumber ?? T.noDecision}</dd></div>
  ${portal ? html`<div><dt>${T.portal}</dt><dd><a href="${portal}" target="_blank" rel="noopener noreferrer">${T.portalLink}<span class="sr"> ${T.newTab}</span></a></dd></div>` : ''}
</dl>`;
}

export function procedurePage(ctx: PageContext, cl: Checklist): string {
  const path = procPath(cl.code);
  const many = cl.cases.length > 1;
  const body = html`<nav class="crumbs no-print" aria-label="${T.crumbs}"><a href="/staff">${staffText.nav.lookup}</a> › <span aria-current="page">${T.code} ${cl.code}</span></nav>
<h1>${cl.name}</h1>
${facts(cl)}
${cl.detail ? '' : html`<p class="notice">${T.noDetail}</p>`}
${cl.cases.length
  ? html`<div class="actions no-print">
  <a class="btn primary" href="${path}/print">${many ? T.printAll : T.print}</a>
  ${many ? '' : html`<a class="btn" href="${path}/intake?case=0">${T.intake}</a>`}
</div>`
  : ''}
${many
  ? html`<nav class="toc" aria-label="${T.casesNav}"><p>${T.casesIntro(cl.cases.length)}</p><ol>${cl.cases.map((k) => html`<li><a href="#truong-hop-${k.index + 1}">${k.label}</a></li>`)}</ol></nav>`
  : ''}
${cl.cases.map(
  (k) => html`<section class="case" id="truong-hop-${k.index + 1}" aria-labelledby="th-${k.index + 1}">
  <h2 id="th-${k.index + 1}">${caseHeading(k, cl.cases.length)}</h2>
  ${componentsTable(k, caseHeading(k, cl.cases.length))}
  ${many
    ? html`<p class="actions no-print"><a class="btn" href="${path}/intake?case=${k.index}">${T.intake}</a> <a class="btn" href="${path}/print?case=${k.index}">${T.printCase}</a></p>`
    : ''}
</section>`,
)}
${cl.cases.some((k) => k.components.some((c) => c.expectation !== 'expected')) ? html`<p class="hint">${T.conditionalNote}</p>` : ''}
<section aria-labelledby="cach-nop"><h2 id="cach-nop">${T.methodsHeading}</h2>${methodsTable(cl)}</section>
<section aria-labelledby="ket-qua"><h2 id="ket-qua">${T.resultsHeading}</h2>${cl.results.length ? html`<ul>${cl.results.map((r) => html`<li>${r}</li>`)}</ul>` : html`<p class="muted">${T.none}</p>`}</section>
<section aria-labelledby="can-cu"><h2 id="can-cu">${T.legalHeading}</h2>${legalList(cl)}</section>
${cl.receivingAddress ? html`<section aria-labelledby="noi-nop"><h2 id="noi-nop">${T.addressHeading}</h2><p>${cl.receivingAddress}</p></section>` : ''}
<p class="source">${T.sourceLine(cl.source.name, cl.source.crawledAt)}</p>`;
  return page(ctx, { title: cl.name, section: 'lookup' }, body);
}

// ---------------------------------------------------------------------------------------------
// Print view (A4)

function printHeader(ctx: PageContext, today: string): SafeHtml {
  return html`<header class="sheet-head">
  <div class="org"><p class="centre-name">${ctx.centreName}</p></div>
  <div class="state"><p class="nation">${T.nation}</p><p class="motto">${T.motto}</p><p class="date">${longDate(today)}</p></div>
</header>`;
}

function printToolbar(backHref: string, label: string): SafeHtml {
  return html`<div class="toolbar no-print">
  <button type="button" class="btn primary" data-action="print">${label}</button>
  <a class="btn" href="${backHref}">${T.back}</a>
  <p class="hint">${T.printHint}</p>
</div>`;
}

function printRows(k: ChecklistCase): SafeHtml {
  let n = 0;
  return html`${documentGroups(k).map(
    (g) => html`<tbody>
      <tr class="group"><th scope="colgroup" colspan="5">${T.group[g.group]}</th></tr>
      ${g.rows.map(
        (c) => html`<tr class="${c.expectation}">
        <td class="tick-col"><span class="tick" aria-hidden="true"></span></td>
        <td class="num">${++n}</td>
        <td>${itemCell(c, true)}${c.forms.length ? html`<br><span class="form-names">${T.formPrefix}: ${c.forms.map((f) => f.name).join('; ')}</span>` : ''}</td>
        <td class="num">${countCell(c.originals)}</td>
        <td class="num">${countCell(c.copies)}</td>
      </tr>`,
      )}
      </tbody>`,
  )}`;
}

export function printPage(ctx: PageContext, cl: Checklist, caseIndex: number | null, today = localToday()): string {
  const cases = caseIndex === null ? cl.cases : cl.cases.filter((k) => k.index === caseIndex);
  const many = cl.cases.length > 1;
  const body = html`${printToolbar(procPath(cl.code), T.printNow)}
<article class="sheet" aria-label="${T.printTitle}">
  ${printHeader(ctx, today)}
  <h1 class="sheet-title">${T.printTitle}</h1>
  <p class="proc-name"><span>${T.procedure}:</span> <strong>${cl.name}</strong></p>
  <p class="proc-meta">${T.code}: ${cl.code}${cl.decisionNumber ? html` · ${T.decision}: ${cl.decisionNumber}` : ''}</p>
  ${cases.map(
    (k, i) => html`<section class="print-case${i > 0 ? ' break' : ''}">
    ${many ? html`<h2>${T.caseHeading(k.index + 1, k.label)}</h2>` : ''}
    <table class="grid tick-list">
      <caption class="sr">${caseHeading(k, cl.cases.length)}</caption>
      <thead><tr><th scope="col" class="tick-col"><span class="sr">${T.colTick}</span></th><th scope="col" class="num">${T.colNo}</th><th scope="col">${T.colComponent}</th><th scope="col" class="num">${T.colOriginals}</th><th scope="col" class="num">${T.colCopies}</th></tr></thead>
      ${printRows(k)}
    </table>
    ${k.components.some((c) => c.group === 'notes') ? html`<div class="print-notes"><p class="print-line small"><strong>${T.notesPrint}:</strong></p>${notesList(k)}</div>` : ''}
  </section>`,
  )}
  <section class="print-block">
    <h2>${T.methodsHeading}</h2>
    ${methodsTable(cl, true)}
  </section>
  ${cl.results.length ? html`<p class="print-line"><strong>${T.resultsHeading}:</strong> ${cl.results.join('; ')}</p>` : ''}
  ${cl.legalBasis.length ? html`<p class="print-line small"><strong>${T.legalHeading}:</strong> ${cl.legalBasis.map((l) => l.code).join('; ')}</p>` : ''}
  <p class="print-line small">${T.printFootnote}</p>
  <p class="print-line small">${T.sourceLine(cl.source.name, cl.source.crawledAt)}</p>
  <div class="signature"><p>${T.clerk}</p><p class="muted">${T.signHint}</p></div>
</article>`;
  return page(ctx, { title: `${T.printTitle} – ${cl.code}`, bodyClass: 'print-view' }, body);
}

// ---------------------------------------------------------------------------------------------
// Intake check

export interface IntakeFormState {
  /** component index → ticked and counts typed ('' = not typed). */
  ticked: Set<number>;
  originals: Map<number, string>;
  copies: Map<number, string>;
}

export const emptyIntakeState = (): IntakeFormState => ({ ticked: new Set(), originals: new Map(), copies: new Map() });

function slip(ctx: PageContext, cl: Checklist, r: IntakeResult, today: string): SafeHtml {
  const I = staffText.intake;
  return html`<article class="sheet slip" id="phieu" aria-labelledby="phieu-title">
  ${printHeader(ctx, today)}
  <h2 class="sheet-title" id="phieu-title">${I.slipTitle}</h2>
  <p class="fill">${I.slipTo}</p>
  <p class="proc-name"><span>${T.procedure}:</span> <strong>${cl.name}</strong> (${T.code} ${cl.code})</p>
  ${cl.cases.length > 1 ? html`<p class="proc-meta">${I.caseLabel}: ${r.case.label}</p>` : ''}
  <p>${I.slipIntro(r.missing.length)}</p>
  <table class="grid">
    <thead><tr><th scope="col" class="num">${T.colNo}</th><th scope="col">${T.colComponent}</th><th scope="col">${I.colAsked}</th><th scope="col">${I.colToBring}</th></tr></thead>
    <tbody>
    ${r.missing.map(
      (m, i) => html`<tr>
      <td class="num">${i + 1}</td>
      <td>${m.title}</td>
      <td>${formatCounts(m.needOriginals, m.needCopies)}</td>
      <td>${m.reason === 'missing' ? I.reasonMissing : I.reasonShort}: ${shortfall(m)}</td>
    </tr>`,
    )}
    </tbody>
  </table>
  <p class="print-line small">${I.slipFootnote}</p>
  <div class="signature"><p>${I.slipSigner}</p><p class="muted">${T.signHint}</p></div>
</article>`;
}

export function intakeResultPanel(r: IntakeResult): SafeHtml {
  const I = staffText.intake;
  if (r.complete) {
    return html`<div class="result ok"><p><strong>${I.complete}</strong> ${I.satisfied(r.satisfied, r.expected)}</p></div>`;
  }
  return html`<div class="result missing">
  <p><strong>${I.missingHeading(r.missing.length)}</strong> ${I.satisfied(r.satisfied, r.expected)}</p>
  <ul class="missing-list">
  ${r.missing.map((m) => html`<li><span class="badge ${m.reason}">${m.reason === 'missing' ? I.reasonMissing : I.reasonShort}</span> ${m.title} — ${shortfall(m)}</li>`)}
  </ul>
</div>`;
}

export function intakePage(ctx: PageContext, cl: Checklist, caseIndex: number, state: IntakeFormState, result: IntakeResult | null, today = localToday()): string {
  const I = staffText.intake;
  const k = cl.cases[caseIndex]!;
  const path = procPath(cl.code);
  const casePicker =
    cl.cases.length > 1
      ? html`<form method="get" action="${path}/intake" class="case-pick no-print">
  <label for="case">${I.caseLabel}</label>
  <select id="case" name="case">${cl.cases.map((c) => html`<option value="${c.index}"${c.index === caseIndex ? html` selected` : ''}>${c.index + 1}. ${c.label}</option>`)}</select>
  <button type="submit" class="btn">${I.chooseCase}</button>
</form>`
      : '';
  const row = (c: ChecklistComponent) => {
    const id = `c-${c.index}`;
    const need = formatCounts(c.originals, c.copies);
    return html`<tr class="${c.expectation}" data-component="${c.index}">
    <td class="tick-col"><input type="checkbox" id="${id}" name="c" value="${c.index}"${state.ticked.has(c.index) ? html` checked` : ''} data-need-o="${c.originals ?? 0}" data-need-k="${c.copies ?? 0}"></td>
    <td><label for="${id}">${c.condition ? html`<em class="cond-label">${c.condition}:</em> ` : ''}${c.title}</label>${conditionalBadge(c)}</td>
    <td class="need">${need}</td>
    <td class="num"><label class="sr" for="o-${c.index}">${I.gotOriginalsOf(c.index + 1)}</label><input class="count" type="number" inputmode="numeric" min="0" max="99" step="1" id="o-${c.index}" name="o-${c.index}" value="${state.originals.get(c.index) ?? ''}"></td>
    <td class="num"><label class="sr" for="k-${c.index}">${I.gotCopiesOf(c.index + 1)}</label><input class="count" type="number" inputmode="numeric" min="0" max="99" step="1" id="k-${c.index}" name="k-${c.index}" value="${state.copies.get(c.index) ?? ''}"></td>
  </tr>`;
  };
  // Documents only, in reading order; the notes are on the checklist page.
  const rows = documentGroups(k).map(
    (g) => html`<tbody><tr class="group"><th scope="colgroup" colspan="5">${T.group[g.group]}</th></tr>${g.rows.map(row)}</tbody>`,
  );
  const body = html`<nav class="crumbs no-print" aria-label="${T.crumbs}"><a href="/staff">${staffText.nav.lookup}</a> › <a href="${path}">${T.code} ${cl.code}</a> › <span aria-current="page">${I.title}</span></nav>
<div class="no-print">
<h1>${I.title}</h1>
<p class="proc-name"><strong>${cl.name}</strong> (${T.code} ${cl.code})</p>
${casePicker}
<p class="hint">${I.howTo}</p>
<form method="post" action="${path}/intake" id="intake-form" data-code="${cl.code}" data-case="${caseIndex}">
  <input type="hidden" name="case" value="${caseIndex}">
  <table class="grid intake">
    <caption>${cl.cases.length > 1 ? T.caseHeading(k.index + 1, k.label) : T.documentsHeading}</caption>
    <thead><tr><th scope="col" class="tick-col">${I.colReceived}</th><th scope="col">${T.colComponent}</th><th scope="col">${I.colAsked}</th><th scope="col" class="num">${T.colOriginals}</th><th scope="col" class="num">${T.colCopies}</th></tr></thead>
    ${rows}
  </table>
  <div class="actions">
    <button type="button" class="btn" data-action="tick-all" hidden>${I.tickAll}</button>
    <button type="submit" class="btn primary">${I.submit}</button>
  </div>
</form>
<section id="intake-live" class="live" aria-live="polite" aria-labelledby="live-title" data-error="${I.liveError}">
  <h2 id="live-title">${I.liveHeading}</h2>
  <div id="intake-summary">${result ? intakeResultPanel(result) : html`<p class="muted">${I.liveIdle}</p>`}</div>
</section>
</div>
${result && !result.complete
  ? html`<div class="toolbar no-print"><button type="button" class="btn primary" data-action="print">${I.printSlip}</button></div>
${slip(ctx, cl, result, today)}`
  : ''}
${result ? html`<p class="hint no-print">${I.checkedAt(localDateTime(new Date().toISOString()))}</p>` : ''}`;
  return page(ctx, { title: `${I.title} – ${cl.code}`, section: 'lookup', bodyClass: result && !result.complete ? 'has-slip' : '' }, body);
}
