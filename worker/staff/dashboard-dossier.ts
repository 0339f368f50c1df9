// The dashboard's dossier lookup counts (migrations/0002: dossier_lookups), per Vietnam day:
// found, not found, verification failed (wrong digits, or nothing recorded to check them against),
// upstream down, and refused (over the hourly limits, or locked). No code is stored, none shown.
import { z } from 'zod';
import { dossierText, staffText } from '../messages';
import { dmy } from '../lib/dates';
import { num } from './format';
import { html, type SafeHtml } from '../lib/html';


const counts = z.object({
  found: z.number().int(),
  notFound: z.number().int(),
  verificationFailed: z.number().int(),
  upstreamDown: z.number().int(),
  refused: z.number().int(),
  total: z.number().int(),
});
export const dossierCountsSchema = z.object({ totals: counts, perDay: z.array(counts.extend({ date: z.string() })) });
export type DossierCounts = z.infer<typeof dossierCountsSchema>;
type Counts = z.infer<typeof counts>;

const OUTCOME_KEY = new Map<string, Exclude<keyof Counts, 'total'>>([
  ['found', 'found'],
  ['not_found', 'notFound'],
  ['verify_failed', 'verificationFailed'],
  ['unverifiable', 'verificationFailed'],
  ['upstream_down', 'upstreamDown'],
  ['limited', 'refused'],
  ['locked', 'refused'],
]);

const zero = (): Counts => ({ found: 0, notFound: 0, verificationFailed: 0, upstreamDown: 0, refused: 0, total: 0 });

/** One statement for the dashboard's batch: counts per Vietnam day and outcome in [startIso, endIso). */
export function dossierStatement(db: D1Database, startIso: string, endIso: string, tzHours: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT date(created_at, '+${tzHours} hours') AS day, outcome, COUNT(*) AS n FROM dossier_lookups
       WHERE created_at >= ?1 AND created_at < ?2 GROUP BY day, outcome`,
    )
    .bind(startIso, endIso);
}

export function dossierCounts(rows: { day: string; outcome: string; n: number }[], days: string[]): DossierCounts {
  const byDay = new Map(days.map((d) => [d, zero()]));
  const totals = zero();
  for (const r of rows) {
    const key = OUTCOME_KEY.get(r.outcome);
    const day = byDay.get(r.day);
    if (!key || !day) continue;
    for (const c of [day, totals]) {
      c[key] += r.n;
      c.total += r.n;
    }
  }
  return { totals, perDay: days.map((date) => ({ date, ...byDay.get(date)! })) };
}

const COLUMNS = ['found', 'notFound', 'verificationFailed', 'upstreamDown', 'refused'] as const;

/** The section of the dashboard page: totals, and the days that had lookups. */
export function dossierSection(d: DossierCounts): SafeHtml {
  const T = dossierText.dashboard;
  const days = d.perDay.filter((p) => p.total > 0);
  return html`<section class="panel" aria-labelledby="h-dossier">
  <h2 id="h-dossier">${T.title}</h2>
  <p class="hint">${T.intro}</p>
  ${d.totals.total === 0
    ? html`<p class="muted">${T.none}</p>`
    : html`<table class="grid compact">
    <thead><tr><th scope="col">${staffText.dashboard.date}</th>${COLUMNS.map((k) => html`<th scope="col" class="num">${T[k]}</th>`)}<th scope="col" class="num">${T.total}</th></tr></thead>
    <tbody>${days.map((p) => html`<tr><th scope="row">${dmy(p.date)}</th>${COLUMNS.map((k) => html`<td class="num">${num(p[k])}</td>`)}<td class="num">${num(p.total)}</td></tr>`)}</tbody>
    <tfoot><tr><th scope="row">${T.total}</th>${COLUMNS.map((k) => html`<td class="num">${num(d.totals[k])}</td>`)}<td class="num">${num(d.totals.total)}</td></tr></tfoot>
  </table>
  <p class="hint">${T.hint}</p>`}
</section>`;
}
