// Checklist lookup (JSON, page, print view), search, catalog status, and the HTML they are built
// with (every catalog or user string escaped).
import { describe, expect, it } from 'vitest';
import { checklistSchema, classifyComponent, type Checklist } from '../../worker/staff/checklist';
import { catalogStatusSchema, type CatalogStatus } from '../../worker/staff/catalog-status';
import { html, raw, safeUrl } from '../../worker/staff/html';
import { bearer, staffFetch } from './staff-helpers';

const CODE = '1.009122';
const NAME = 'Cấp giấy phép xây dựng có thời hạn đối với công trình, nhà ở riêng lẻ (công trình cấp III, cấp IV)';
const FORM = 'MAU 01-Cap phep xay dung co thoi han su dung cho cong trinh.doc';

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
    expect(cl.cases.map((k) => k.components.length)).toEqual([10, 7, 5]);
    expect(cl.cases.map((k) => k.index)).toEqual([0, 1, 2]);

    const application = cl.cases[2]!.components[0]!;
    expect(application).toEqual({
      index: 0,
      name: '1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;',
      originals: 1,
      copies: 0,
      catalogRequired: false,
      expectation: 'expected',
      forms: [{ name: FORM, url: null }],
    });
    // The catalog's required flag is false everywhere here; the names decide what is optional.
    const byExpectation = (k: number) => cl.cases[k]!.components.filter((c) => c.expectation === 'conditional').map((c) => c.index);
    expect(byExpectation(0)).toEqual([5, 6, 7, 8]); // "- Trường hợp…", "- Đối với công trình xây chen…", "- Đối với công trình … liền kề", "* Tùy từng trường hợp…"
    expect(byExpectation(2)).toEqual([3, 4]); // "4. Đối với các công trình di tích…", "* Tùy từng trường hợp…"

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

describe('which components are "tùy trường hợp"', () => {
  it.each([
    ['Giấy tờ chứng minh (nếu có)', 'conditional'],
    ['Bản sao giấy khai sinh, nếu có.', 'conditional'],
    ['- Trường hợp thiết kế đã được thẩm định: bản sao…', 'conditional'],
    ['(Trường hợp khai thác, sử dụng được thông tin…)', 'conditional'],
    ['* Lưu ý: các giấy tờ do nước ngoài cấp phải được hợp pháp hóa lãnh sự', 'conditional'],
    ['* Tùy từng trường hợp phải bổ sung: Bản sao có chứng thực chứng chỉ hành nghề', 'conditional'],
    ['4. Đối với các công trình di tích lịch sử', 'conditional'],
    ['b) Trong trường hợp ủy quyền: văn bản ủy quyền', 'conditional'],
    ['Lưu ý: bản chụp phải rõ nét', 'conditional'],
    ['1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;', 'expected'],
    ['Tờ khai đăng ký khai sinh theo mẫu', 'expected'],
    ['- Bản sao giấy tờ về quyền sử dụng đất', 'expected'],
    ['Giấy chứng nhận đủ điều kiện (đối chiếu)', 'expected'],
    ['Nếu là tổ chức: quyết định thành lập', 'conditional'],
  ])('%s → %s', (name, expected) => {
    expect(classifyComponent(name)).toBe(expected);
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
    expect(page.match(/<span class="tick"/gu)).toHaveLength(10);
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
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://dichvucong.gov.vn/x')).toBe('https://dichvucong.gov.vn/x');
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
    expect(s.anomalies.total).toBe(955);
    expect(s.anomalies.byKind[0]).toEqual({ kind: 'time-unit-missing', label: 'Thời hạn chỉ có con số, không có đơn vị', count: 351 });
    expect(s.anomalies.byKind.reduce((a, k) => a + k.count, 0)).toBe(955);
    expect(s.anomalies.byKind).toHaveLength(21);
    expect(s.anomalies.items).toHaveLength(50);
    expect(s.anomalies.pages).toBe(20);

    const page2 = catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=fee-amount-suspicious&page=3'));
    expect(page2.anomalies.kind).toBe('fee-amount-suspicious');
    expect(page2.anomalies.matching).toBe(114);
    expect(page2.anomalies.pages).toBe(3);
    expect(page2.anomalies.page).toBe(3);
    expect(page2.anomalies.items).toHaveLength(14);
    expect(page2.anomalies.items.every((i) => i.kind === 'fee-amount-suspicious')).toBe(true);
    // Out-of-range pages land on the last one; an unknown kind lists all.
    expect(catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=fee-amount-suspicious&page=99')).anomalies.page).toBe(3);
    expect(catalogStatusSchema.parse(await getJson('/api/staff/catalog?kind=nope&page=-1')).anomalies.kind).toBeNull();
  });

  it('the catalog page shows the figures, charts with titles, and paging links', async () => {
    const page = await getPage('/staff/catalog?kind=time-unit-missing&page=2');
    expect(page).toContain('Tình trạng dữ liệu thủ tục');
    expect(page).toContain('5.738');
    expect(page).toContain('Bất thường khi nhập dữ liệu: 955 trường hợp, 21 loại');
    expect(page).toContain('Trang 2/8');
    expect(page).toContain('href="/staff/catalog?kind=time-unit-missing&amp;page=3#bat-thuong"');
    expect(page).toMatch(/<svg class="chart[^"]*"[^>]*role="img" aria-labelledby="chart-levels-t chart-levels-d"/u);
    expect(page).toContain('<title id="chart-levels-t">Số thủ tục theo cấp thực hiện</title>');
  });
});
