// The HTML parts of a checklist that the staff console's pages and print view and the public page
// of a procedure (worker/web/procedure-page.ts) both show: a case's documents grouped in reading
// order, its notes, and the table of fees and times per submission method.
import { withoutMarkers, type ChecklistGroup } from '../catalog/checklist';
import { html, type SafeHtml } from '../lib/html';
import { staffText } from '../messages';
import type { Checklist, ChecklistCase, ChecklistComponent } from './checklist';

const T = staffText.checklist;

/** Groups of a case's documents in reading order (notes apart): the list comes from buildChecklist in that order. */
export function documentGroups(k: ChecklistCase): { group: Exclude<ChecklistGroup, 'notes'>; rows: ChecklistComponent[] }[] {
  return (['everyone', 'present', 'conditional'] as const).map((group) => ({ group, rows: k.components.filter((c) => c.group === group) })).filter((g) => g.rows.length > 0);
}

export function notesList(k: ChecklistCase): SafeHtml {
  return html`<ul class="notes">${k.components.filter((c) => c.group === 'notes').map((c) => html`<li>${withoutMarkers(c.name)}</li>`)}</ul>`;
}

export function methodsTable(cl: Checklist, compact = false): SafeHtml {
  if (!cl.methods.length) return html`<p class="muted">${T.noMethods}</p>`;
  return html`<table class="grid methods">
  <caption class="sr">${T.methodsHeading}</caption>
  <thead><tr><th scope="col">${T.colMethod}</th><th scope="col">${T.colTime}</th><th scope="col">${T.colFees}</th>${compact ? '' : html`<th scope="col">${T.colNote}</th>`}</tr></thead>
  <tbody>
  ${cl.methods.map(
    (m) => html`<tr>
    <th scope="row">${m.label}</th>
    <td>${m.time ?? '—'}</td>
    <td>${m.fees.length ? html`<ul class="plain">${m.fees.map((f) => html`<li>${f.kind === 'unspecified' ? '' : html`${f.label}: `}${f.text}</li>`)}</ul>` : html`<span class="muted">${T.noFee}</span>`}</td>
    ${compact ? '' : html`<td>${m.description}</td>`}
  </tr>`,
  )}
  </tbody>
</table>`;
}

