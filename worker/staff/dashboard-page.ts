// The dashboard page: figures first (cards), then charts with their numbers in tables, then the
// questions the assistant could not match (with the CSV export).
import { staffText } from '../messages';
import { DEFAULT_DAYS, localToday, type Dashboard } from './dashboard';
import { dossierSection } from './dashboard-dossier';
import { dm, dmy } from '../lib/dates';
import { localDateTime, num, percent } from './format';
import { html, type SafeHtml } from '../lib/html';
import { page, type PageContext } from './layout';
import { COLORS, donutChart, horizontalBarChart, stackedBarChart } from './svg';

const D = staffText.dashboard;

function query(from: string, to: string): string {
  return `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

function shiftDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function periodForm(d: Dashboard, today: string): SafeHtml {
  const quick = [7, DEFAULT_DAYS, 90].map((n) => ({ n, from: shiftDays(today, -(n - 1)) }));
  return html`<form method="get" action="/staff/dashboard" class="period no-print">
  <div><label for="from">${D.from}</label><input id="from" name="from" type="date" value="${d.period.from}" required></div>
  <div><label for="to">${D.to}</label><input id="to" name="to" type="date" value="${d.period.to}" required></div>
  <button type="submit" class="btn primary">${D.show}</button>
  <p class="quick">${D.quick}: ${quick.map((q, i) => html`${i ? ' · ' : ''}<a href="/staff/dashboard?${query(q.from, today)}"${q.from === d.period.from && today === d.period.to ? html` aria-current="true"` : ''}>${D.lastDays(q.n)}</a>`)}</p>
</form>`;
}

function card(label: string, value: string, sub: string): SafeHtml {
  return html`<div class="kpi"><p class="kpi-label">${label}</p><p class="kpi-value">${value}</p><p class="kpi-sub">${sub}</p></div>`;
}

export function dashboardPage(ctx: PageContext, d: Dashboard, today = localToday()): string {
  const t = d.totals;
  const s = d.satisfaction;
  const periodText = D.periodText(dmy(d.period.from), dmy(d.period.to));
  const series = [
    { name: D.answered, color: COLORS.answered },
    { name: D.notMatched, color: COLORS.notMatched },
    { name: D.other, color: COLORS.other },
  ];
  const busiest = d.perDay.reduce((a, b) => (b.questions > a.questions ? b : a), d.perDay[0]!);
  const perDayChart = stackedBarChart(
    { id: 'chart-days', title: D.perDayTitle, desc: D.perDayDesc(t.questions, d.period.days, busiest.questions ? `${dmy(busiest.date)} (${busiest.questions})` : null) },
    series,
    d.perDay.map((p) => ({ label: dm(p.date), title: D.dayTooltip(dmy(p.date), p.questions, p.conversations, p.answered), values: [p.answered, p.notMatched, p.other] })),
  );
  const answeredChart = donutChart(
    { id: 'chart-answered', title: D.answeredTitle, desc: D.answeredDesc(percent(t.answeredShare), percent(t.notMatchedShare), percent(t.otherShare)) },
    [
      { label: D.answered, value: t.answered, color: COLORS.answered },
      { label: D.notMatched, value: t.notMatched, color: COLORS.notMatched },
      { label: D.other, value: t.other, color: COLORS.other },
    ],
    { value: percent(t.answeredShare, 0), caption: D.answeredShort },
  );
  const satisfactionChart = donutChart(
    { id: 'chart-satisfaction', title: D.satisfactionTitle, desc: D.satisfactionDesc(s.up, s.down, percent(s.upShare)) },
    [
      { label: D.up, value: s.up, color: COLORS.up },
      { label: D.down, value: s.down, color: COLORS.down },
    ],
    { value: percent(s.upShare, 0), caption: D.satisfiedShort },
  );
  const channelChart = horizontalBarChart(
    { id: 'chart-channels', title: D.channelsTitle, desc: d.channels.map((c) => `${c.label}: ${c.questions}`).join('; ') || D.noData },
    d.channels.map((c) => ({ label: `${c.label} (${percent(c.share, 0)})`, value: c.questions })),
    { width: 300, labelChars: 40 },
  );
  const procChart = horizontalBarChart(
    { id: 'chart-procedures', title: D.topProceduresTitle, desc: d.topProcedures.map((p) => `${p.name ?? p.code}: ${p.count}`).join('; ') || D.noData },
    d.topProcedures.map((p) => ({ label: `${p.code} · ${p.name ?? ''}`, title: p.name ?? p.code, value: p.count })),
    { width: 460, labelChars: 62 },
  );
  const aspectChart = horizontalBarChart(
    { id: 'chart-aspects', title: D.topAspectsTitle, desc: d.topAspects.map((a) => `${a.label}: ${a.count}`).join('; ') || D.noData },
    d.topAspects.map((a) => ({ label: a.label, value: a.count })),
    { width: 460, labelChars: 62, color: '#6b4fa3' },
  );
  const csvHref = `/api/staff/dashboard/unmatched.csv?${query(d.period.from, d.period.to)}`;

  const body = html`<h1>${D.title}</h1>
${periodForm(d, today)}
<p class="period-text" role="status">${periodText}</p>
<div class="kpis">
  ${card(D.conversations, num(t.conversations), D.conversationsSub)}
  ${card(D.questions, num(t.questions), D.questionsSub(d.period.days))}
  ${card(D.answeredRate, percent(t.answeredShare), D.answeredSub(t.answered, t.questions))}
  ${card(D.satisfaction, percent(s.upShare), D.satisfactionSub(s.rated))}
</div>
${t.questions === 0 ? html`<p class="notice">${D.empty}</p>` : ''}
<section class="panel" aria-labelledby="h-days">
  <h2 id="h-days">${D.perDayTitle}</h2>
  ${perDayChart}
  <details><summary>${D.perDayTable}</summary>
  <table class="grid compact">
    <thead><tr><th scope="col">${D.date}</th><th scope="col" class="num">${D.conversations}</th><th scope="col" class="num">${D.questions}</th><th scope="col" class="num">${D.answered}</th><th scope="col" class="num">${D.notMatched}</th><th scope="col" class="num">${D.other}</th></tr></thead>
    <tbody>${d.perDay.map((p) => html`<tr><th scope="row">${dmy(p.date)}</th><td class="num">${p.conversations}</td><td class="num">${p.questions}</td><td class="num">${p.answered}</td><td class="num">${p.notMatched}</td><td class="num">${p.other}</td></tr>`)}</tbody>
  </table>
  </details>
</section>
<div class="panels">
  <section class="panel" aria-labelledby="h-answered"><h2 id="h-answered">${D.answeredTitle}</h2>${answeredChart}<p class="hint">${D.answeredHint}</p></section>
  <section class="panel" aria-labelledby="h-sat"><h2 id="h-sat">${D.satisfactionTitle}</h2>${satisfactionChart}<p class="hint">${D.satisfactionHint(s.rated)}</p></section>
  <section class="panel" aria-labelledby="h-channels"><h2 id="h-channels">${D.channelsTitle}</h2>${channelChart}
    <table class="grid compact"><thead><tr><th scope="col">${D.channel}</th><th scope="col" class="num">${D.conversations}</th><th scope="col" class="num">${D.questions}</th><th scope="col" class="num">${D.share}</th></tr></thead>
    <tbody>${d.channels.map((c) => html`<tr><th scope="row">${c.label}</th><td class="num">${c.conversations}</td><td class="num">${c.questions}</td><td class="num">${percent(c.share)}</td></tr>`)}</tbody></table>
  </section>
</div>
<div class="panels two">
  <section class="panel" aria-labelledby="h-procs"><h2 id="h-procs">${D.topProceduresTitle}</h2>${procChart}
    <table class="grid compact"><thead><tr><th scope="col">${staffText.checklist.code}</th><th scope="col">${D.procedureName}</th><th scope="col" class="num">${D.questions}</th><th scope="col" class="num">${D.share}</th></tr></thead>
    <tbody>${d.topProcedures.map((p) => html`<tr><td><a href="/staff/procedures/${encodeURIComponent(p.code)}">${p.code}</a></td><td>${p.name ?? '—'}</td><td class="num">${p.count}</td><td class="num">${percent(p.share)}</td></tr>`)}</tbody></table>
  </section>
  <section class="panel" aria-labelledby="h-aspects"><h2 id="h-aspects">${D.topAspectsTitle}</h2>${aspectChart}
    <table class="grid compact"><thead><tr><th scope="col">${D.aspect}</th><th scope="col" class="num">${D.questions}</th><th scope="col" class="num">${D.share}</th></tr></thead>
    <tbody>${d.topAspects.map((a) => html`<tr><th scope="row">${a.label}</th><td class="num">${a.count}</td><td class="num">${percent(a.share)}</td></tr>`)}</tbody></table>
  </section>
</div>
${dossierSection(d.dossier)}
<section class="panel" aria-labelledby="h-unmatched">
  <h2 id="h-unmatched">${D.unmatchedTitle(d.unmatched.total)}</h2>
  <p>${D.unmatchedIntro} <a class="btn" href="${csvHref}" download>${D.csvLink}</a></p>
  ${d.unmatched.items.length
    ? html`<table class="grid compact unmatched">
    <thead><tr><th scope="col">${D.at}</th><th scope="col">${D.channel}</th><th scope="col">${D.kind}</th><th scope="col">${D.question}</th></tr></thead>
    <tbody>${d.unmatched.items.map((u) => html`<tr><td class="nowrap">${localDateTime(u.at)}</td><td>${staffText.channels[u.channel as keyof typeof staffText.channels] ?? u.channel}</td><td>${u.intent === 'out_of_scope' ? D.kindOutOfScope : D.kindUnmatched}</td><td>${u.question}</td></tr>`)}</tbody>
  </table>
  ${d.unmatched.total > d.unmatched.items.length ? html`<p class="hint">${D.unmatchedMore(d.unmatched.items.length, d.unmatched.total)}</p>` : ''}`
    : html`<p class="muted">${D.noUnmatched}</p>`}
</section>`;
  return page(ctx, { title: D.title, section: 'dashboard', bodyClass: 'dashboard' }, body);
}
