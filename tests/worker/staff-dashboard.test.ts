// The dashboard aggregates on exchanges and feedback inserted directly into D1, in a period of 2020
// no other test writes to. Days are Vietnam days (UTC+7).
import { beforeAll, describe, expect, it } from 'vitest';
import { csvField, dashboardSchema, parsePeriod, type Dashboard } from '../../worker/staff/dashboard';
import { bearer, staffFetch, testEnv } from './staff-helpers';

const FROM = '2020-03-01';
const TO = '2020-03-03';
const Q = `from=${FROM}&to=${TO}`;
const TRICKY = 'xin hỏi, "giấy tờ" gì\nở phường =SUM(A1)';

interface Row {
  id: string;
  session: string;
  channel: string;
  question: string;
  intent: string;
  aspect: string | null;
  code: string | null;
  matched: 0 | 1;
  at: string;
}

const ids: Record<string, string> = {};
const id = (name: string) => (ids[name] ??= `${name}-${crypto.randomUUID()}`);

const ROWS: Row[] = [
  // 1 March (Vietnam time)
  { id: id('e1'), session: 'sess-A', channel: 'web', question: 'giấy phép xây dựng có thời hạn cần gì', intent: 'procedure', aspect: 'components', code: '1.009122', matched: 1, at: '2020-03-01T02:00:00.000Z' },
  { id: id('e2'), session: 'sess-A', channel: 'web', question: 'lệ phí bao nhiêu', intent: 'procedure', aspect: 'fee', code: '1.009122', matched: 1, at: '2020-03-01T02:01:00.000Z' },
  { id: id('e3'), session: 'sess-A', channel: 'web', question: 'xin chào', intent: 'greeting', aspect: null, code: null, matched: 0, at: '2020-03-01T01:59:00.000Z' },
  // 00:30 on 1 March in Vietnam is still 29 February in UTC.
  { id: id('e8'), session: 'sess-D', channel: 'messenger', question: '-1 lệ phí', intent: 'unmatched', aspect: null, code: null, matched: 0, at: '2020-02-29T17:30:00.000Z' },
  // 2 March
  { id: id('e4'), session: 'sess-B', channel: 'web', question: 'đăng ký khai sinh', intent: 'procedure', aspect: 'components', code: '1.001193', matched: 1, at: '2020-03-02T03:00:00.000Z' },
  { id: id('e5'), session: 'sess-B', channel: 'web', question: TRICKY, intent: 'unmatched', aspect: null, code: null, matched: 0, at: '2020-03-02T03:05:00.000Z' },
  { id: id('e6'), session: 'sess-C', channel: 'zalo', question: 'xin giấy phép xây dựng tạm', intent: 'procedure', aspect: 'components', code: '1.009122', matched: 1, at: '2020-03-02T08:00:00.000Z' },
  // 3 March
  { id: id('e7'), session: 'sess-C', channel: 'zalo', question: 'thời tiết hôm nay thế nào', intent: 'out_of_scope', aspect: null, code: null, matched: 0, at: '2020-03-03T04:00:00.000Z' },
  // Outside the period: 00:30 on 4 March in Vietnam, 23:59 on 29 February in Vietnam.
  { id: id('e9'), session: 'sess-E', channel: 'web', question: 'ngoài kỳ', intent: 'procedure', aspect: 'fee', code: '1.001193', matched: 1, at: '2020-03-03T17:30:00.000Z' },
  { id: id('e10'), session: 'sess-E', channel: 'web', question: 'ngoài kỳ', intent: 'unmatched', aspect: null, code: null, matched: 0, at: '2020-02-29T16:59:00.000Z' },
];

const FEEDBACK: [string, 'up' | 'down'][] = [
  ['e1', 'up'],
  ['e2', 'down'],
  ['e4', 'up'],
  ['e9', 'up'], // its answer is outside the period
];

beforeAll(async () => {
  const db = testEnv.DB;
  await db.batch([
    ...ROWS.map((r) =>
      db
        .prepare(
          `INSERT INTO exchanges (id, session_id, channel, question, intent, aspect, procedure_code, matched, latency_ms, created_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 12, ?9)`,
        )
        .bind(r.id, r.session, r.channel, r.question, r.intent, r.aspect, r.code, r.matched, r.at),
    ),
    ...FEEDBACK.map(([e, rating]) =>
      db.prepare(`INSERT INTO feedback (message_id, session_id, rating, comment, created_at) VALUES (?1, 'x', ?2, NULL, '2020-03-05T00:00:00.000Z')`).bind(ids[e]!, rating),
    ),
  ]);
});

async function dashboard(query = Q): Promise<Dashboard> {
  const res = await staffFetch(`/api/staff/dashboard?${query}`, { headers: bearer() });
  expect(res.status, await res.clone().text()).toBe(200);
  return dashboardSchema.parse(await res.json());
}

describe('GET /api/staff/dashboard', () => {
  it('totals: conversations (distinct sessions), questions, answered / not matched / other shares', async () => {
    const d = await dashboard();
    expect(d.period).toEqual({ from: FROM, to: TO, timezone: 'Asia/Ho_Chi_Minh (UTC+7)', days: 3 });
    expect(d.totals).toEqual({
      questions: 8,
      conversations: 4,
      answered: 4,
      notMatched: 3,
      other: 1,
      answeredShare: 0.5,
      notMatchedShare: 0.375,
      otherShare: 0.125,
    });
  });

  it('per Vietnam day, every day of the period', async () => {
    const d = await dashboard();
    expect(d.perDay).toEqual([
      { date: '2020-03-01', questions: 4, conversations: 2, answered: 2, notMatched: 1, other: 1 },
      { date: '2020-03-02', questions: 3, conversations: 2, answered: 2, notMatched: 1, other: 0 },
      { date: '2020-03-03', questions: 1, conversations: 1, answered: 0, notMatched: 1, other: 0 },
    ]);
    // A longer period is filled with empty days.
    const week = await dashboard('from=2020-02-27&to=2020-03-04');
    expect(week.perDay).toHaveLength(7);
    expect(week.perDay[0]).toEqual({ date: '2020-02-27', questions: 0, conversations: 0, answered: 0, notMatched: 0, other: 0 });
    expect(week.totals.questions).toBe(10);
  });

  it('top procedures (with their catalog names) and top aspects', async () => {
    const d = await dashboard();
    expect(d.topProcedures).toEqual([
      { code: '1.009122', name: 'Cấp giấy phép xây dựng có thời hạn đối với công trình, nhà ở riêng lẻ (công trình cấp III, cấp IV)', count: 3, share: 0.75 },
      { code: '1.001193', name: expect.stringContaining('khai sinh'), count: 1, share: 0.25 },
    ]);
    expect(d.topAspects).toEqual([
      { aspect: 'components', label: 'Thành phần hồ sơ', count: 3, share: 0.75 },
      { aspect: 'fee', label: 'Phí, lệ phí', count: 1, share: 0.25 },
    ]);
  });

  it('satisfaction: thumbs up among the rated answers of the period; channel mix', async () => {
    const d = await dashboard();
    expect(d.satisfaction).toEqual({ rated: 3, up: 2, down: 1, upShare: 0.6667 });
    expect(d.channels).toEqual([
      { channel: 'web', label: 'Trang web (widget)', questions: 5, conversations: 2, share: 0.625 },
      { channel: 'zalo', label: 'Zalo OA', questions: 2, conversations: 1, share: 0.25 },
      { channel: 'messenger', label: 'Facebook Messenger', questions: 1, conversations: 1, share: 0.125 },
    ]);
  });

  it('the unmatched questions, newest first, as stored', async () => {
    const d = await dashboard();
    expect(d.unmatched.total).toBe(3);
    expect(d.unmatched.items.map((i) => [i.id, i.intent])).toEqual([
      [ids.e7, 'out_of_scope'],
      [ids.e5, 'unmatched'],
      [ids.e8, 'unmatched'],
    ]);
    expect(d.unmatched.items[1]!.question).toBe(TRICKY);
  });

  it('an empty period: zeros and null shares, not errors', async () => {
    const d = await dashboard('from=2019-01-01&to=2019-01-02');
    expect(d.totals).toMatchObject({ questions: 0, conversations: 0, answeredShare: null });
    expect(d.satisfaction).toEqual({ rated: 0, up: 0, down: 0, upShare: null });
    expect(d.topProcedures).toEqual([]);
    expect(d.unmatched).toEqual({ total: 0, items: [] });
  });

  it('the default period is the last 30 days, in Vietnam time', () => {
    const now = Date.parse('2026-11-21T18:00:00Z'); // 01:00 on 22 November in Vietnam
    const p = parsePeriod(undefined, undefined, now);
    expect(p.to).toBe('2026-11-22');
    expect(p.from).toBe('2026-10-24');
    expect(p.days).toHaveLength(30);
    expect(p.startIso).toBe('2026-10-23T17:00:00.000Z');
    expect(p.endIso).toBe('2026-11-22T17:00:00.000Z');
  });

  it('a bad period is 400 invalid_period with a Vietnamese message', async () => {
    for (const q of ['from=2020-03-05&to=2020-03-01', 'from=2020-02-30&to=2020-03-01', 'from=yesterday', 'from=2019-01-01&to=2020-03-01']) {
      const res = await staffFetch(`/api/staff/dashboard?${q}`, { headers: bearer() });
      expect(res.status, q).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_period');
      expect(body.error.message).toMatch(/[ạ-ỹà-ỵđ]/iu);
    }
  });
});

describe('GET /api/staff/dashboard/unmatched.csv', () => {
  it('UTF-8 with BOM for Excel, CRLF, quoted and doubled quotes, formula cells neutralised', async () => {
    const res = await staffFetch(`/api/staff/dashboard/unmatched.csv?${Q}`, { headers: bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="cau-hoi-chua-tra-loi_${FROM}_${TO}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Thời điểm (giờ Việt Nam),Kênh,Loại,Câu hỏi (đã ẩn thông tin cá nhân)');
    // Oldest first; the quoted field keeps its line break inside the quotes.
    expect(lines[1]).toBe("2020-03-01 00:30,Facebook Messenger,Chưa khớp thủ tục,'-1 lệ phí");
    expect(lines[2]).toBe('2020-03-02 10:05,Trang web (widget),Chưa khớp thủ tục,"xin hỏi, ""giấy tờ"" gì\nở phường =SUM(A1)"');
    expect(lines[3]).toBe('2020-03-03 11:00,Zalo OA,Ngoài phạm vi,thời tiết hôm nay thế nào');
    expect(lines[4]).toBe('');
    expect(lines).toHaveLength(5);
  });

  it('csvField', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('x\r\ny')).toBe('"x\r\ny"');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@cmd')).toBe("'@cmd");
    expect(csvField('+84 912')).toBe("'+84 912");
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
  });
});

describe('the dashboard page', () => {
  it('cards, inline SVG charts with accessible titles, tables, the unmatched list and the CSV link; no external resource', async () => {
    const res = await staffFetch(`/staff/dashboard?${Q}`, { headers: bearer() });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Thống kê trợ lý thủ tục hành chính');
    expect(page).toContain('Từ 01/03/2020 đến 03/03/2020 (giờ Việt Nam).');
    expect(page).toMatch(/<p class="kpi-label">Cuộc trò chuyện<\/p><p class="kpi-value">4<\/p>/u);
    expect(page).toMatch(/<p class="kpi-label">Câu hỏi<\/p><p class="kpi-value">8<\/p>/u);
    expect(page).toMatch(/<p class="kpi-label">Trả lời được<\/p><p class="kpi-value">50%<\/p>/u);
    expect(page).toMatch(/<p class="kpi-label">Mức hài lòng<\/p><p class="kpi-value">66,7%<\/p>/u);
    for (const chart of ['chart-days', 'chart-answered', 'chart-satisfaction', 'chart-channels', 'chart-procedures', 'chart-aspects']) {
      expect(page, chart).toMatch(new RegExp(`<svg [^>]*role="img" aria-labelledby="${chart}-t ${chart}-d"[^>]*><title id="${chart}-t">[^<]+</title><desc id="${chart}-d">[^<]+</desc>`, 'u'));
    }
    expect(page).toContain('<desc id="chart-days-d">Biểu đồ cột: 8 câu hỏi trong 3 ngày');
    expect(page).toContain('href="/api/staff/dashboard/unmatched.csv?from=2020-03-01&amp;to=2020-03-03"');
    expect(page).toContain('xin hỏi, &quot;giấy tờ&quot; gì\nở phường =SUM(A1)');
    expect(page).toContain('href="/staff/procedures/1.009122"');
    // Nothing fetched from elsewhere: the only URL with a scheme is the SVG namespace.
    const urls = [...page.matchAll(/(?:src|href)="(https?:[^"]+)"/gu)].map((m) => m[1]);
    expect(urls).toEqual([]);
  });
});
