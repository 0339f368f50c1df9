// Checklist lookup (JSON, page, print view), search, catalog status, and the HTML they are built
// with (every catalog or user string escaped).
import { describe, expect, it } from 'vitest';
import report from '../../knowledge/ingest-report.json';
import { checklistSchema, type Checklist } from '../../worker/checklist/checklist';
import { catalogStatusSchema, type CatalogStatus } from '../../worker/staff/catalog-status';
import { html, raw } from '../../worker/lib/html';
import { httpUrl } from '../../worker/lib/url';
import { bearer, staffFetch } from './staff-helpers';

const CODE = '1.009122';
const NAME = 'Cấp giấy phép xây dựng có thời hạn đối với công trình, nhà ở riêng lẻ (công trình cấp III, cấp IV)';
const FORM = 'MAU 01-Cap phep xay dung co thoi han su dung cho cong trinh.doc';
/** Anomalies of the last ingest, as its report lists them: the page must show what the report says. */
const ANOMALIES = report.anomalies.length;
const KINDS = Object.keys(report.anomaliesByKind).length;
const count = (kind: string) => (report.anomaliesByKind as Record<string, number>)[kind] ?? 0;
const GUESSED = count('checklist-kind-guessed');

async function getJson<T>(path: string): Promise<T> {
  const res = await staffFetch(path, { headers: bearer() });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

async function getPage(path: string, status = 200): Promise<string> {
  const res = await staffFetch(path, { headers: bearer() });
  expect(res.status, path).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(res.headers.get('cache-control')).toBe('no-store');
  const text = await res.text();
  // No inline script or style anywhere: scripts only by src, no style attributes, no event handlers.
  expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/u);
  expect(text).not.toMatch(/\sstyle=/u);
  expect(text.replace(/"[^"]*"/gu, '""')).not.toMatch(/<[^>]*\son[a-z]+=/u); // outside quoted attribute values
  expect(text).not.toContain('<style');
  return text;
}

describe('GET /api/staff/procedures/:code/checklist', () => {
  it('a multi-case procedure: every case, every component with originals/copies and forms, fees and times per method, result, legal basis, decision number', async () => {
    const body = await getJson<Checklist>(`/api/staff/procedures/${CODE}/checklist`);
    const cl = checklistSchema.parse(body); // the documented response shape
    expect(cl.code).toBe(CODE);
    expect(cl.name).toBe(NAME);
    expect(cl.decisionNumber).toBe('2298/QĐ-UBND');
    expect(cl.cases.map((k) => k.name)).toEqual(['Đối với nhà ở riêng lẻ tại đô thị', 'Đối với công trình', 'Đối với trường hợp sửa chữa, cải tạo']);
    // Case 1 as published: "2. Bản sao…", "3. … mỗi bộ gồm:", three drawings, four conditional items, "1. Đơn đề nghị…" tenth.
    // The drawings are now the sub-items of "3.", so 7 items; in reading order the application comes first.
    expect(cl.cases.map((k) => k.components.length)).toEqual([7, 4, 5]);
    expect(cl.cases.map((k) => k.index)).toEqual([0, 1, 2]);
    for (const k of cl.cases) expect(k.components[0]!.title).toBe('Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu');

    const application = cl.cases[2]!.components[0]!;
    expect(application).toEqual({
      index: 0,
      name: '1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;',
      title: 'Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu',
      detail: '',
      kind: 'submit',
      condition: null,
      group: 'everyone',
      originals: 1,
      copies: 0,
      catalogRequired: false,
      expectation: 'expected',
      forms: [{ name: FORM, url: null }],
      children: [],
    });
    const drawings = cl.cases[0]!.components.find((c) => c.children.length > 0)!;
    expect(drawings.name).toBe('3. Bản sao hoặc tệp tin chứa bản chụp chính hai bộ bản vẽ thiết kế, mỗi bộ gồm:');
    expect(drawings.children.map((c) => c.title)).toEqual([
      'Bản vẽ mặt bằng công trình trên lô đất tỷ lệ 1/50 - 1/500, kèm theo sơ đồ vị trí công trình',
      'Bản vẽ mặt bằng các tầng, các mặt đứng và mặt cắt chính của công trình, tỷ lệ 1/50 - 1/200',
      expect.stringMatching(/^Bản vẽ mặt bằng móng tỷ lệ 1\/50 - 1\/200 và mặt cắt móng tỷ lệ 1\/50/u),
    ]);
    // The catalog's required flag is false everywhere here; what the ingest read decides what is optional.
    const conditional = (k: number) => cl.cases[k]!.components.filter((c) => c.expectation === 'conditional');
    expect(conditional(0).map((c) => c.condition)).toEqual([
      'Trường hợp thiết kế xây dựng của công trình đã được cơ quan chuyên môn về xây dựng thẩm định',
      'Đối với công trình xây chen có tầng hầm',
      'Đối với công trình xây dựng có công trình liền kề',
      'Tùy từng trường hợp',
    ]);
    expect(conditional(2).map((c) => c.index)).toEqual([3, 4]); // "4. Đối với các công trình di tích…", "* Tùy từng trường hợp…"

    expect(cl.methods.length).toBeGreaterThanOrEqual(2);
    const direct = cl.methods.filter((m) => m.method === 'direct');
    expect(direct.map((m) => m.label)).toContain('Trực tiếp');
    expect(direct.map((m) => m.time)).toEqual(expect.arrayContaining(['15 ngày', '10 ngày']));
    expect(direct.flatMap((m) => m.fees.map((f) => f.text))).toEqual(expect.arrayContaining(['100.000 đồng', '50.000 đồng']));
    expect(direct.flatMap((m) => m.fees.map((f) => f.label))).toContain('Lệ phí');
    expect(cl.methods.some((m) => m.method === 'online' && m.label === 'Trực tuyến')).toBe(true);
    expect(cl.results).toEqual(['Giấy phép.']);
    expect(cl.legalBasis).toContainEqual({ code: '53/2017/NĐ-CP', title: 'Nghị định 53/2017/NĐ-CP' });
    expect(cl.source.name).toBe('Cơ sở dữ liệu quốc gia về thủ tục hành chính');
  });

  it('404 for an unknown or malformed code, with a Vietnamese message', async () => {
    const unknown = await staffFetch('/api/staff/procedures/1.999999/checklist', { headers: bearer() });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toEqual({
      code: 'procedure_not_found',
      message: 'Không tìm thấy thủ tục có mã 1.999999 trong Cơ sở dữ liệu quốc gia về thủ tục hành chính.',
    });
    const bad = await staffFetch('/api/staff/procedures/abc/checklist', { headers: bearer() });
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
  });

  it('a procedure known only from the list has no cases (and says so)', async () => {
    const cl = checklistSchema.parse(await getJson(`/api/staff/procedures/1.000030/checklist`));
    expect(cl.detail).toBe(false);
    expect(cl.cases).toEqual([]);
    const page = await getPage('/staff/procedures/1.000030');
    expect(page).toContain('chưa có thành phần hồ sơ');
    expect(page).not.toContain('/staff/procedures/1.000030/print');
  });
});

describe('a record published as sections reads as one checklist (1.001193)', () => {
  it('the declaration form and the birth certificate first, what to present, "tùy trường hợp", notes last and not expected', async () => {
    const cl = checklistSchema.parse(await getJson('/api/staff/procedures/1.001193/checklist'));
    expect(cl.cases).toHaveLength(1);
    expect(cl.cases[0]!.headings).toEqual(['* Giấy tờ phải nộp', '* Giấy tờ phải xuất trình', '* Lưu ý']);
    const rows = cl.cases[0]!.components;
    expect(rows.slice(0, 3).map((c) => c.title)).toEqual(['Tờ khai đăng ký khai sinh theo mẫu', 'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh', 'Giấy chứng sinh']);
    const groups = rows.map((c) => c.group);
    expect(groups).toEqual([...groups].sort((a, b) => ['everyone', 'present', 'conditional', 'notes'].indexOf(a) - ['everyone', 'present', 'conditional', 'notes'].indexOf(b)));
    expect(rows.filter((c) => c.group === 'present').map((c) => c.title)).toEqual(['Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước']);
    expect(rows.find((c) => c.title.startsWith('Biên bản về việc trẻ bị bỏ rơi'))).toMatchObject({ condition: 'Trường hợp trẻ em bị bỏ rơi', expectation: 'conditional' });
    const notes = rows.filter((c) => c.group === 'notes');
    expect(notes.length).toBeGreaterThan(15);
    expect(notes.every((c) => c.expectation === 'note')).toBe(true);
    expect(notes.map((c) => c.name)).toContain('+ Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ đăng ký hộ tịch theo quy định của pháp luật hộ tịch, không được yêu cầu người đăng ký hộ tịch nộp thêm giấy tờ mà pháp luật hộ tịch không quy định phải nộp .');
  });
});

describe('staff pages: lookup, procedure, print view', () => {
  it('the procedure page shows every case with its components, counts and forms, fees and times, result, legal basis and decision number', async () => {
    const page = await getPage(`/staff/procedures/${CODE}`);
    expect(page).toContain(`<h1>${NAME}</h1>`);
    expect(page).toContain('Trường hợp 1: Đối với nhà ở riêng lẻ tại đô thị');
    expect(page).toContain('Trường hợp 2: Đối với công trình');
    expect(page).toContain('Trường hợp 3: Đối với trường hợp sửa chữa, cải tạo');
    expect(page.match(/<section class="case"/gu)).toHaveLength(3);
    expect(page).toContain(FORM);
    expect(page).toContain('2298/QĐ-UBND');
    expect(page).toContain('100.000 đồng');
    expect(page).toContain('15 ngày');
    expect(page).toContain('Giấy phép.');
    expect(page).toContain('53/2017/NĐ-CP');
    expect(page).toContain('tùy trường hợp');
    expect(page).toContain('<em class="cond-label">Đối với công trình xây chen có tầng hầm:</em>');
    // The catalog's own words stay one click away where the checklist's wording differs from them.
    expect(page).toContain('<details class="verbatim"><summary>Nguyên văn trong cơ sở dữ liệu</summary>- Đối với công trình xây chen có tầng hầm');
    expect(page).toContain(`/staff/procedures/${CODE}/intake?case=2`);
    expect(page).toContain(`/staff/procedures/${CODE}/print?case=0`);
    expect(page).toContain('<link rel="stylesheet" href="/staff/assets/staff.css');
    expect(page).toContain('<html lang="vi">');
  });

  it('the print view: the centre, the date, a tick box per component, A4 print CSS', async () => {
    const page = await getPage(`/staff/procedures/${CODE}/print?case=0`);
    expect(page).toContain('class="print-view"');
    expect(page).toContain('Trung tâm Phục vụ hành chính công'); // CENTRE_NAME of wrangler.toml
    expect(page).toMatch(/Ngày \d{2} tháng \d{2} năm \d{4}/u);
    expect(page).toContain('Danh mục hồ sơ cần chuẩn bị');
    // 7 items and the 3 drawings under "… hai bộ bản vẽ thiết kế, mỗi bộ gồm:", each with its tick box.
    expect(page.match(/<span class="tick"/gu)).toHaveLength(10);
    // It starts with the application (the catalog lists it tenth), then what everyone brings, then "tùy trường hợp".
    const rows = [...page.matchAll(/<span class="item-title">([^<]+)<\/span>/gu)].map((m) => m[1]);
    expect(rows[0]).toBe('Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu');
    expect(page.indexOf('Giấy tờ phải nộp')).toBeLessThan(page.indexOf('Tùy trường hợp'));
    expect(page).toContain('data-action="print"');
    expect(page).toContain('Quyết định công bố: 2298/QĐ-UBND');
    // All cases when none is chosen, each from a new page.
    const all = await getPage(`/staff/procedures/${CODE}/print`);
    expect(all.match(/<span class="tick"/gu)).toHaveLength(22);
    expect(all.match(/print-case break/gu)).toHaveLength(2);
    // Another centre name comes from CENTRE_NAME.
    const res = await staffFetch(`/staff/procedures/${CODE}/print?case=1`, { headers: bearer() }, { CENTRE_NAME: 'Trung tâm Phục vụ hành chính công thành phố Đà Nẵng <test>' });
    expect(await res.text()).toContain('Trung tâm Phục vụ hành chính công thành phố Đà Nẵng &lt;test&gt;');
    // An unknown case is refused.
    await getPage(`/staff/procedures/${CODE}/print?case=3`, 400);

    const css = await (await staffFetch('/staff/assets/staff.css')).text();
    expect(css).toContain('@page{size:A4');
    expect(css).toContain('.no-print');
  });

  it('search by name without diacritics, and by exact code (straight to the procedure)', async () => {
    const page = await getPage('/staff/search?q=cap+giay+phep+xay+dung+co+thoi+han');
    const first = /<ol class="results">\s*<li>\s*<a href="([^"]+)">([^<]+)<\/a>/u.exec(page);
    expect(first?.[1]).toBe(`/staff/procedures/${CODE}`);
    expect(first?.[2]).toBe(NAME);
    const byCode = await staffFetch(`/staff/search?q=${CODE}`, { headers: bearer() });
    expect(byCode.status).toBe(303);
    expect(byCode.headers.get('location')).toBe(`/staff/procedures/${CODE}`);
    const api = await getJson<{ hits: { code: string }[] }>('/api/staff/search?q=dang%20ky%20khai%20sinh');
    expect(api.hits[0]?.code).toBe('1.001193');
  });

  it('escapes what the user typed and what the catalog holds', async () => {
    const evil = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = await getPage(`/staff/search?q=${encodeURIComponent(evil)}`);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    // A component name with quotes in the catalog (1.001939).
    const proc = await getPage('/staff/procedures/1.001939');
    expect(proc).toContain('&quot;đã hiến bộ phận cơ thể&quot;');

    expect(html`<p title="${'a"b'}">${'<b>'}${raw('<i>ok</i>')}${['x', '<y>']}${null}${false}</p>`.value).toBe('<p title="a&quot;b">&lt;b&gt;<i>ok</i>x&lt;y&gt;</p>');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('https://dichvucong.gov.vn/x')).toBe('https://dichvucong.gov.vn/x');
  });

  it('an unknown procedure or page is an HTML 404 for a logged-in clerk', async () => {
    expect(await getPage('/staff/procedures/1.999999', 404)).toContain('Không tìm thấy thủ tục có mã 1.999999');
    expect(await getPage('/staff/nothing-here', 404)).toContain('Không tìm thấy');
  });
});

describe('catalog status', () => {
  it('GET /api/staff/catalog: counts by level and field, ingest time, anomalies by kind and a paginated list', async () => {
    const s = catalogStatusSchema.parse(await getJson<CatalogStatus>('/api/staff/catalog'));
    expect(s.summary.total).toBe(5738);
    expect(s.summary.detailed).toBe(3052);
    expect(s.summary.levels).toEqual({ province: 1499, commune: 739, ministry: 1415, other: 69 });
    expect(s.summary.byField[0]).toEqual({ field: 'Đất đai', count: 564 });
    expect(s.summary.ingestedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
    expect(s.anomalies.total).toBe(ANOMALIES);
    expect(s.anomalies.byKind[0]).toEqual({ kind: 'checklist-kind-guessed', label: 'Thành phần hồ sơ chỉ xếp loại được theo số bản (giấy tờ hay lưu ý)', count: GUESSED });
    expect(s.anomalies.byKind[1]).toEqual({ kind: 'time-unit-missing', label: 'Thời hạn chỉ có con số, không có đơn vị', count: count('time-unit-missing') });
    expect(s.anomalies.byKind.reduce((a, k) => a + k.count, 0)).toBe(ANOMALIES);
    expect(s.anomalies.byKind).toHaveLength(KINDS);
    expect(s.anomalies.items).toHaveLength(50);
    expect(s.anomalies.pages).toBe(Math.ceil(ANOMALIES / 50));

    const page2 = catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=fee-amount-suspicious&page=2'));
    expect(page2.anomalies.kind).toBe('fee-amount-suspicious');
    expect(page2.anomalies.matching).toBe(64);
    expect(page2.anomalies.pages).toBe(2);
    expect(page2.anomalies.page).toBe(2);
    expect(page2.anomalies.items).toHaveLength(14);
    expect(page2.anomalies.items.every((i) => i.kind === 'fee-amount-suspicious')).toBe(true);
    // Out-of-range pages land on the last one; an unknown kind lists all.
    expect(catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=fee-amount-suspicious&page=99')).anomalies.page).toBe(2);
    expect(catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=nope&page=-1')).anomalies.kind).toBeNull();
  });

  it('the catalog page shows the figures, charts with titles, and paging links', async () => {
    const page = await getPage('/staff/catalog?kind=time-unit-missing&page=2');
    expect(page).toContain('Tình trạng dữ liệu thủ tục');
    expect(page).toContain('5.738');
    expect(page).toContain(`Bất thường khi nhập dữ liệu: ${String(ANOMALIES).replace(/\B(?=(\d{3})+$)/gu, '.')} trường hợp, ${KINDS} loại`);
    expect(page).toContain(`Trang 2/${Math.ceil(count('time-unit-missing') / 50)}`);
    expect(page).toContain('href="/staff/catalog?kind=time-unit-missing&amp;page=3#bat-thuong"');
    expect(page).toMatch(/<svg class="chart[^"]*"[^>]*role="img" aria-labelledby="chart-levels-t chart-levels-d"/u);
    expect(page).toContain('<title id="chart-levels-t">Số thủ tục theo cấp thực hiện</title>');
  });
});
