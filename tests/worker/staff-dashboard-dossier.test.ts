// The dashboard's dossier lookup counts: rows of dossier_lookups inserted directly in a period of
// 2019 that no other test writes to; Vietnam days (UTC+7).
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardSchema } from '../../worker/staff/dashboard';
import { bearer, staffFetch, testEnv } from './staff-helpers';

const ROWS: [string, string][] = [
  ['2019-05-01T02:00:00.000Z', 'found'],
  ['2019-05-01T03:00:00.000Z', 'found'],
  ['2019-05-01T04:00:00.000Z', 'not_found'],
  ['2019-05-01T05:00:00.000Z', 'verify_failed'],
  ['2019-05-01T05:01:00.000Z', 'unverifiable'],
  // 23:30 on 1 May in UTC is 2 May in Vietnam.
  ['2019-05-01T17:30:00.000Z', 'upstream_down'],
  ['2019-05-02T01:00:00.000Z', 'locked'],
  ['2019-05-02T01:01:00.000Z', 'limited'],
  // Outside the period.
  ['2019-05-03T17:00:00.000Z', 'found'],
];

beforeAll(async () => {
  const db = testEnv.DB;
  await db.batch(
    ROWS.map(([at, outcome], i) =>
      db.prepare('INSERT INTO dossier_lookups (created_at, channel, client_hash, code_hash, outcome) VALUES (?1, ?2, ?3, ?4, ?5)').bind(at, 'web', `c${i}`.padEnd(32, '0'), `k${i}`.padEnd(32, '0'), outcome),
    ),
  );
});

describe('dashboard: dossier lookups', () => {
  it('counts lookups per Vietnam day and outcome', async () => {
    const res = await staffFetch('/api/staff/dashboard?from=2019-05-01&to=2019-05-02', { headers: bearer() });
    expect(res.status).toBe(200);
    const d = dashboardSchema.parse(await res.json());
    expect(d.dossier.totals).toEqual({ found: 2, notFound: 1, verificationFailed: 2, upstreamDown: 1, refused: 2, total: 8 });
    expect(d.dossier.perDay).toEqual([
      { date: '2019-05-01', found: 2, notFound: 1, verificationFailed: 2, upstreamDown: 0, refused: 0, total: 5 },
      { date: '2019-05-02', found: 0, notFound: 0, verificationFailed: 0, upstreamDown: 1, refused: 2, total: 3 },
    ]);
  });

  it('shows them on the dashboard page, with no code anywhere', async () => {
    const res = await staffFetch('/staff/dashboard?from=2019-05-01&to=2019-05-02', { headers: bearer() });
    const page = await res.text();
    expect(page).toContain('Tra cứu tình trạng hồ sơ');
    expect(page).toMatch(/<th scope="row">01\/05\/2019<\/th><td class="num">2<\/td><td class="num">1<\/td><td class="num">2<\/td><td class="num">0<\/td><td class="num">0<\/td><td class="num">5<\/td>/u);
    expect(page).not.toMatch(/H12-\d{6}-\d{4}/u);
    const empty = await (await staffFetch('/staff/dashboard?from=2018-01-01&to=2018-01-02', { headers: bearer() })).text();
    expect(empty).toContain('Chưa có lượt tra cứu hồ sơ nào');
  });
});
