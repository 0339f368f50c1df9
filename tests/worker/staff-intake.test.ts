// The intake check (POST /api/staff/intake-check and the intake page with its printable
// "Phiếu hướng dẫn bổ sung hồ sơ"), on 1.009122 case 3 "Đối với trường hợp sửa chữa, cải tạo":
//   0  1. Đơn đề nghị … theo mẫu                           1 bản chính
//   1  2. Bản sao … giấy tờ chứng minh về quyền sở hữu …    1 bản chính, 1 bản sao
//   2  3. Bản sao … bản vẽ hiện trạng …                     1 bản chính, 1 bản sao
//   3  4. Đối với các công trình di tích …                  tùy trường hợp
//   4  * Tùy từng trường hợp phải bổ sung: …                tùy trường hợp
import { describe, expect, it } from 'vitest';
import { intakeResultSchema, type IntakeResult } from '../../worker/staff/intake';
import { bearer, login, ORIGIN, postJson, staffFetch } from './staff-helpers';

const CODE = '1.009122';
const APPLICATION = '1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;';

interface ErrorBody {
  error: { code: string; message: string };
}

async function check(body: unknown): Promise<IntakeResult> {
  const res = await postJson('/api/staff/intake-check', body);
  expect(res.status, await res.clone().text()).toBe(200);
  return intakeResultSchema.parse(await res.json());
}

async function refused(body: unknown, status: number, code: string): Promise<string> {
  const res = await postJson('/api/staff/intake-check', body);
  expect(res.status).toBe(status);
  const e = ((await res.json()) as ErrorBody).error;
  expect(e.code).toBe(code);
  expect(e.message).toMatch(/[ạ-ỹà-ỵđ]/iu);
  return e.message;
}

describe('POST /api/staff/intake-check', () => {
  it('complete: every expected component received as asked (counts omitted = as the catalog asks)', async () => {
    const r = await check({ code: CODE, case: 2, received: [{ component: 0 }, { component: 1, originals: 1, copies: 1 }, { component: 2 }] });
    expect(r.complete).toBe(true);
    expect(r.missing).toEqual([]);
    expect(r.expected).toBe(3);
    expect(r.satisfied).toBe(3);
    expect(r.case).toEqual({ index: 2, label: 'Đối với trường hợp sửa chữa, cải tạo' });
    // The "tùy trường hợp" components are listed apart and never missing.
    expect(r.conditional.map((c) => [c.component, c.received])).toEqual([
      [3, false],
      [4, false],
    ]);
  });

  it('missing one component', async () => {
    const r = await check({ code: CODE, case: 2, received: [{ component: 0 }, { component: 1 }] });
    expect(r.complete).toBe(false);
    expect(r.missing).toHaveLength(1);
    expect(r.missing[0]).toEqual({
      component: 2,
      name: expect.stringMatching(/^3\. Bản sao hoặc tệp tin chứa bản chụp chính bản vẽ hiện trạng của bộ phận, hạng Mục công trình sửa chữa, cải tạo/u),
      title: 'Bản sao hoặc tệp tin chứa bản chụp chính bản vẽ hiện trạng của bộ phận, hạng Mục công trình sửa chữa',
      needOriginals: 1,
      needCopies: 1,
      gotOriginals: 0,
      gotCopies: 0,
      reason: 'missing',
    });
    expect(r.satisfied).toBe(2);
  });

  it('too few copies is "short", with what was received', async () => {
    const r = await check({ code: CODE, case: 2, received: [{ component: 0 }, { component: 1, originals: 1, copies: 0 }, { component: 2, originals: 1, copies: 1 }] });
    expect(r.complete).toBe(false);
    expect(r.missing).toHaveLength(1);
    expect(r.missing[0]).toMatchObject({ component: 1, needOriginals: 1, needCopies: 1, gotOriginals: 1, gotCopies: 0, reason: 'short' });
    // An extra original does not stand in for the missing copy.
    const extra = await check({ code: CODE, case: 2, received: [{ component: 0 }, { component: 1, originals: 3, copies: 0 }, { component: 2 }] });
    expect(extra.missing[0]).toMatchObject({ component: 1, reason: 'short' });
    // Two entries for the same component add up.
    const split = await check({ code: CODE, case: 2, received: [{ component: 0 }, { component: 1, originals: 1 }, { component: 1, copies: 1 }, { component: 2 }] });
    expect(split.complete).toBe(true);
  });

  it('nothing received: every expected component missing, never a conditional one', async () => {
    const r = await check({ code: CODE, case: 0, received: [] });
    // Case 1 in reading order: the application (the catalog's 10th component, now its first), the land-use paper, the drawings.
    expect(r.missing.map((m) => [m.component, m.title])).toEqual([
      [0, 'Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu'],
      [1, 'Bản sao được công chứng hoặc chứng thực một trong những giấy tờ về quyền sử dụng đất'],
      [6, 'Bản sao hoặc tệp tin chứa bản chụp chính hai bộ bản vẽ thiết kế, mỗi bộ gồm'],
    ]);
    expect(r.missing.every((m) => m.reason === 'missing')).toBe(true);
    expect(r.conditional.map((c) => [c.component, c.condition])).toEqual([
      [2, 'Trường hợp thiết kế xây dựng của công trình đã được cơ quan chuyên môn về xây dựng thẩm định'],
      [3, 'Đối với công trình xây chen có tầng hầm'],
      [4, 'Đối với công trình xây dựng có công trình liền kề'],
      [5, 'Tùy từng trường hợp'],
    ]);
  });

  it('notes are not documents: never missing, never listed (1.001193)', async () => {
    const r = await check({ code: '1.001193', case: 0, received: [] });
    expect(r.missing.map((m) => m.title)).toEqual([
      'Tờ khai đăng ký khai sinh theo mẫu',
      'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh',
      'Giấy chứng sinh',
      'Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước',
    ]);
    expect(r.conditional.map((c) => c.condition)).toContain('Trường hợp trẻ em bị bỏ rơi');
    expect([...r.missing, ...r.conditional].some((c) => c.name.includes('Người tiếp nhận có trách nhiệm'))).toBe(false);
  });

  it('a component may be named by its exact name', async () => {
    const r = await check({ code: CODE, case: 2, received: [{ component: APPLICATION }, { component: 1 }, { component: 2 }] });
    expect(r.complete).toBe(true);
  });

  it('unknown component (index or name) or case: 400 with a Vietnamese message and a code', async () => {
    expect(await refused({ code: CODE, case: 2, received: [{ component: 5 }] }, 400, 'intake_unknown_component')).toContain('có 5 giấy tờ');
    await refused({ code: CODE, case: 2, received: [{ component: 'Giấy tờ không có trong danh mục' }] }, 400, 'intake_unknown_component');
    await refused({ code: CODE, case: 2, received: [{ component: APPLICATION.slice(0, 20) }] }, 400, 'intake_unknown_component');
    expect(await refused({ code: CODE, case: 3, received: [] }, 400, 'intake_unknown_case')).toContain('có 3 trường hợp');
  });

  it('invalid bodies: 400 invalid_body (zod), unknown procedure 404, procedure without components 400', async () => {
    await refused({ code: CODE, case: -1, received: [] }, 400, 'invalid_body');
    await refused({ code: CODE, case: 1.5, received: [] }, 400, 'invalid_body');
    await refused({ code: CODE, case: 2, received: [{ component: 0, copies: -1 }] }, 400, 'invalid_body');
    await refused({ code: CODE, case: 2, received: [{ component: 0, originals: 'một' }] }, 400, 'invalid_body');
    await refused({ code: CODE, case: 2, received: [{ component: -3 }] }, 400, 'invalid_body');
    await refused({ code: 'abc', case: 0, received: [] }, 400, 'invalid_body');
    await refused({ case: 0, received: [] }, 400, 'invalid_body');
    await refused({ code: '1.999999', case: 0, received: [] }, 404, 'procedure_not_found');
    await refused({ code: '1.000030', case: 0, received: [] }, 400, 'intake_no_components');
    const notJson = await staffFetch('/api/staff/intake-check', { method: 'POST', headers: { 'content-type': 'text/plain', ...bearer() }, body: '{}' });
    expect(notJson.status).toBe(415);
  });
});

describe('the intake page and the "Phiếu hướng dẫn bổ sung hồ sơ"', () => {
  async function postForm(session: string, body: string, fragment = false): Promise<Response> {
    return staffFetch(`/staff/procedures/${CODE}/intake${fragment ? '?fragment=1' : ''}`, {
      method: 'POST',
      headers: { cookie: session, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }

  it('the form lists the case components with a tick box and count fields each', async () => {
    const session = await login();
    const res = await staffFetch(`/staff/procedures/${CODE}/intake?case=2`, { headers: { cookie: session } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page.match(/<input type="checkbox" id="c-\d+" name="c"/gu)).toHaveLength(5);
    // The checklist's short title, in reading order under its group heading.
    expect(page).toContain('<label for="c-0">Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu</label>');
    expect(page).toContain('<label for="c-4"><em class="cond-label">Tùy từng trường hợp:</em> Bản sao có chứng thực chứng chỉ hành nghề của chủ nhiệm, chủ trì thiết kế</label>');
    expect(page.indexOf('Giấy tờ phải nộp')).toBeLessThan(page.indexOf('Tùy trường hợp'));
    expect(page).toContain('id="o-1" name="o-1"');
    expect(page).toContain('id="k-1" name="k-1"');
    expect(page).toContain('<option value="2" selected>');
    expect(page).toContain('aria-live="polite"');
  });

  it('posting the ticked components lists what is missing or short and renders the printable slip with exactly those', async () => {
    const session = await login();
    // Received: the application (as asked), ownership papers with 1 original and no copy; not the drawings.
    const res = await postForm(session, 'case=2&c=0&c=1&o-1=1&k-1=0&o-2=&k-2=');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('class="has-slip"');
    expect(page).toContain('Còn thiếu 2 giấy tờ.');
    const slip = page.slice(page.indexOf('<article class="sheet slip"'));
    expect(slip).toContain('Phiếu hướng dẫn bổ sung hồ sơ');
    expect(slip).toMatch(/Ngày \d{2} tháng \d{2} năm \d{4}/u);
    const rows = slip.slice(slip.indexOf('<tbody>'), slip.indexOf('</tbody>'));
    expect(rows.match(/<tr>/gu)).toHaveLength(2);
    expect(rows).toContain('<td>Bản sao hoặc tệp tin chứa bản chụp chính một trong những giấy tờ chứng minh');
    expect(rows).toContain('Chưa đủ số bản: thêm 1 bản sao');
    expect(rows).toContain('<td>Bản sao hoặc tệp tin chứa bản chụp chính bản vẽ hiện trạng');
    expect(rows).toContain('Chưa nộp: thêm 1 bản chính, thêm 1 bản sao');
    expect(rows).not.toContain('Đơn đề nghị');
    expect(rows).not.toContain('Tùy từng trường hợp');
    // The form keeps what was ticked and typed.
    expect(page).toMatch(/id="c-1" name="c" value="1" checked/u);
    expect(page).toContain('id="k-1" name="k-1" value="0"');
  });

  it('complete: no slip; the live fragment (used by the page script) renders the same result', async () => {
    const session = await login();
    const res = await postForm(session, 'case=2&c=0&c=1&c=2');
    const page = await res.text();
    expect(page).toContain('Hồ sơ đã đủ thành phần theo danh mục.');
    expect(page).not.toContain('<article class="sheet slip"');
    const fragment = await postForm(session, 'case=2&c=0', true);
    expect(fragment.status).toBe(200);
    const text = await fragment.text();
    expect(text).toMatch(/^<div class="result missing">/u);
    expect(text).toContain('Còn thiếu 2 giấy tờ.');
    expect(text).not.toContain('<html');
    // A count typed without the tick counts as received.
    const typed = await postForm(session, 'case=2&c=0&o-1=1&k-1=1&o-2=1&k-2=1', true);
    expect(await typed.text()).toContain('Hồ sơ đã đủ thành phần theo danh mục.');
  });

  it('bad form input: 400 page; a post from another site: 403', async () => {
    const session = await login();
    expect((await postForm(session, 'case=2&c=9')).status).toBe(400);
    expect((await postForm(session, 'case=7&c=0')).status).toBe(400);
    const bad = await postForm(session, 'case=2&c=0&o-0=-2');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('từ 0 đến 99');
    const cross = await staffFetch(`/staff/procedures/${CODE}/intake`, {
      method: 'POST',
      headers: { cookie: session, origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'case=2&c=0',
    });
    expect(cross.status).toBe(403);
  });
});
