// The staff console end to end, as a clerk and a manager use it: real worker (wrangler dev, token
// mode with the STAFF_TOKEN global-setup.ts gives it), real Chromium, keyboard first. Takes the
// README screenshots docs/staff-print.png and docs/staff-dashboard.png.
import report from '../../knowledge/ingest-report.json';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { SKIP_REASON, a4Pages, baseUrl, hasChromium, launch, newPage, runAxe } from './helpers';

const DOCS = resolve(import.meta.dirname, '..', '..', 'docs');
const PRINT_SHOT = resolve(DOCS, 'staff-print.png');
const DASHBOARD_SHOT = resolve(DOCS, 'staff-dashboard.png');
const CODE = '1.009122';
const NAME_START = 'Cấp giấy phép xây dựng có thời hạn';

if (!hasChromium) console.warn(SKIP_REASON);

/** The axe violations that matter (serious or critical). */
async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.targets.join(' ')}`);
}

async function api(path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl()}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Some conversations through the public API, as citizens would have them, with ratings. */
async function seedConversations(): Promise<number> {
  const conversations: { questions: string[]; ratings: ('up' | 'down' | null)[] }[] = [
    { questions: ['xin chào', 'đăng ký khai sinh cần giấy tờ gì', 'lệ phí bao nhiêu'], ratings: [null, 'up', 'up'] },
    { questions: ['cap giay phep xay dung co thoi han can gi', 'mất bao lâu'], ratings: ['up', 'down'] },
    { questions: ['cấp lại giấy phép lái xe mất bao lâu'], ratings: ['up'] },
    { questions: ['đăng ký kết hôn nộp ở đâu', 'nộp trực tuyến được không'], ratings: ['up', null] },
    { questions: ['con mèo nhà hàng xóm kêu to quá phải làm sao', 'hôm nay trời có mưa không'], ratings: [null, null] },
    { questions: ['thủ tục cấp phép bay flycam cho đám cưới'], ratings: ['down'] },
    { questions: ['đăng ký thường trú cần những gì', 'cảm ơn'], ratings: ['up', null] },
  ];
  let asked = 0;
  const toRate: { sessionId: string; messageId: string; rating: 'up' | 'down' }[] = [];
  for (const conv of conversations) {
    let sessionId: string | undefined;
    for (const [i, message] of conv.questions.entries()) {
      const res = await api('/api/chat', { message, ...(sessionId ? { sessionId } : {}) });
      expect(res.status, message).toBe(200);
      const body = (await res.json()) as { sessionId: string; messageId: string };
      sessionId = body.sessionId;
      asked++;
      const rating = conv.ratings[i];
      if (rating) toRate.push({ sessionId, messageId: body.messageId, rating });
    }
  }
  // The exchange is written in the background (waitUntil): retry a rating until it is there.
  for (const r of toRate) {
    await expect.poll(async () => (await api('/api/feedback', r)).status, { timeout: 10_000, interval: 200 }).toBe(200);
  }
  return asked;
}

describe.skipIf(!hasChromium)('staff console', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ context, page, errors } = await newPage(browser, { acceptDownloads: true }));
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await page?.emulateMedia({ media: 'screen' });
  });

  it('asks for the staff token, refuses a wrong one, logs in with the right one (HttpOnly, SameSite=Strict cookie)', async () => {
    const first = await page.goto(`${baseUrl()}/staff`);
    expect(first?.status()).toBe(401);
    expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.title()).toContain('Đăng nhập trang cán bộ');
    // Keyboard: the token field has focus on load.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Mã đăng nhập cán bộ').fill('wrong-token-wrong-token');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Mã đăng nhập không đúng');

    await page.getByLabel('Mã đăng nhập cán bộ').fill(inject('staffToken'));
    await Promise.all([page.waitForURL(`${baseUrl()}/staff`), page.getByRole('button', { name: 'Đăng nhập' }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Tra cứu danh mục hồ sơ');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'tthc-staff');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');
    expect(session?.value).not.toContain(inject('staffToken'));
    expect(await page.evaluate(() => document.cookie)).toBe(''); // not readable by scripts
  });

  it('looks up a procedure typed without diacritics and opens its checklist', async () => {
    const search = page.getByLabel('Tên hoặc mã thủ tục');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await search.fill('cap giay phep xay dung co thoi han');
    await Promise.all([page.waitForURL(/\/staff\/search\?q=/u), search.press('Enter')]);
    const first = page.locator('ol.results > li > a').first();
    expect(await first.textContent()).toContain(NAME_START);
    // Keyboard: focus the first result and follow it with Enter.
    await first.focus();
    await Promise.all([page.waitForURL(`${baseUrl()}/staff/procedures/${CODE}`), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toContain(NAME_START);
    expect(await page.locator('section.case').count()).toBe(3);
    expect(await page.locator('section.case h2').allTextContents()).toEqual([
      'Trường hợp 1: Đối với nhà ở riêng lẻ tại đô thị',
      'Trường hợp 2: Đối với công trình',
      'Trường hợp 3: Đối với trường hợp sửa chữa, cải tạo',
    ]);
    expect(await page.locator('dl.facts').textContent()).toContain('2298/QĐ-UBND');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('checks an intake: ticks components, sees what is missing or short, prints the "Phiếu hướng dẫn bổ sung hồ sơ"', async () => {
    await Promise.all([page.waitForURL(/\/intake\?case=2$/u), page.locator(`a[href="/staff/procedures/${CODE}/intake?case=2"]`).click()]);
    expect(await page.locator('h1').textContent()).toBe('Kiểm tra hồ sơ tiếp nhận');
    const live = page.locator('#intake-summary');
    expect(await live.textContent()).toContain('Chưa đánh dấu giấy tờ nào');
    expect(await seriousViolations(page)).toEqual([]);

    // The application form, with the keyboard: focus its tick box and press Space.
    await page.locator('#c-0').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toContain('Còn thiếu 2 giấy tờ');
    // Ownership papers: ticking fills the counts the catalog asks for (1 original, 1 copy)…
    await page.getByLabel(/^Bản sao hoặc tệp tin chứa bản chụp chính một trong những giấy tờ chứng minh/u).check();
    expect(await page.locator('#o-1').inputValue()).toBe('1');
    expect(await page.locator('#k-1').inputValue()).toBe('1');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toContain('Còn thiếu 1 giấy tờ');
    // …but the citizen brought no copy.
    await page.locator('#k-1').fill('0');
    await expect.poll(() => live.textContent(), { timeout: 10_000 }).toContain('Còn thiếu 2 giấy tờ');
    const items = await page.locator('#intake-summary .missing-list li').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('Chưa đủ số bản');
    expect(items[0]).toContain('thêm 1 bản sao');
    expect(items[1]).toContain('Chưa nộp');
    expect(items[1]).toContain('bản vẽ hiện trạng');
    expect(items.join(' ')).not.toContain('Tùy từng trường hợp');

    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Kiểm tra và lập phiếu hướng dẫn bổ sung' }).click()]);
    await page.locator('article.slip').waitFor();
    expect(await page.locator('#c-1').isChecked()).toBe(true);
    expect(await page.locator('#k-1').inputValue()).toBe('0');

    await page.emulateMedia({ media: 'print' });
    // Printed: the slip alone, with exactly the two missing items.
    expect(await page.locator('article.slip').isVisible()).toBe(true);
    expect(await page.locator('#intake-form').isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    const slip = (await page.locator('article.slip').innerText()).replace(/\s+/gu, ' ');
    expect(slip).toContain('PHIẾU HƯỚNG DẪN BỔ SUNG HỒ SƠ');
    expect(slip).toContain('Trung tâm Phục vụ hành chính công'.toUpperCase());
    expect(slip).toMatch(/Ngày \d{2} tháng \d{2} năm \d{4}/u);
    expect(await page.locator('article.slip tbody tr').count()).toBe(2);
    expect(slip).toContain('Chưa đủ số bản: thêm 1 bản sao');
    expect(slip).toContain('Chưa nộp: thêm 1 bản chính, thêm 1 bản sao');
    expect(slip).not.toContain('Đơn đề nghị');
    // One A4 page.
    expect(a4Pages(await page.pdf({ preferCSSPageSize: true }))).toEqual({ a4: true, pages: 1 });
    await page.emulateMedia({ media: 'screen' });
  });

  it('renders the A4 print view of a checklist with a tick box per component (docs/staff-print.png)', async () => {
    await page.goto(`${baseUrl()}/staff/procedures/${CODE}`);
    await Promise.all([page.waitForURL(/\/print\?case=0$/u), page.locator(`a[href="/staff/procedures/${CODE}/print?case=0"]`).click()]);
    expect(await page.getByRole('button', { name: 'In danh mục' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'In danh mục' }).isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    const sheet = page.locator('article.sheet');
    const printed = (await sheet.innerText()).replace(/\s+/gu, ' ');
    expect(printed).toContain('DANH MỤC HỒ SƠ CẦN CHUẨN BỊ');
    expect(printed).toContain('TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG');
    expect(printed).toMatch(/Ngày \d{2} tháng \d{2} năm \d{4}/u);
    expect(printed).toContain(NAME_START);
    expect(printed).toContain('2298/QĐ-UBND');
    expect(printed).toContain('50.000 đồng');
    // In reading order: the application first (the catalog lists it tenth), "tùy trường hợp" after with its conditions.
    expect(printed).toMatch(/Giấy tờ phải nộp 1 Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu/u);
    expect(printed.indexOf('Đơn đề nghị')).toBeLessThan(printed.indexOf('Tùy trường hợp'));
    expect(printed).toContain('Đối với công trình xây chen có tầng hầm:');
    expect(await sheet.locator('.tick').count()).toBe(10);
    expect(await sheet.locator('.tick').first().isVisible()).toBe(true);
    expect(a4Pages(await page.pdf({ preferCSSPageSize: true })).a4).toBe(true);

    // The screenshot: the print view's sheet as the clerk previews it, cut at A4 proportions.
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 900, height: 1400 });
    const box = (await sheet.boundingBox())!;
    mkdirSync(dirname(PRINT_SHOT), { recursive: true });
    await page.screenshot({ path: PRINT_SHOT, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, Math.round(box.width * 1.414)) } });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows the dashboard of the conversations held through the public API, with charts, and exports the unmatched questions (docs/staff-dashboard.png)', async () => {
    const asked = await seedConversations();
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    await page.goto(`${baseUrl()}/staff/dashboard`);
    await Promise.all([page.waitForURL(/from=/u), page.getByRole('link', { name: '7 ngày qua' }).click()]);
    expect(page.url()).toContain(`from=${from}&to=${today}`);
    const questions = Number((await page.locator('.kpi').nth(1).locator('.kpi-value').textContent())?.replace(/\./gu, ''));
    expect(questions).toBeGreaterThanOrEqual(asked);
    expect(Number(await page.locator('.kpi').nth(0).locator('.kpi-value').textContent())).toBeGreaterThanOrEqual(7);
    expect(await page.locator('.kpi').nth(3).locator('.kpi-value').textContent()).toMatch(/^\d+(,\d)?%$/u);
    // Charts: inline SVG images with names, drawn without any network.
    const charts = page.getByRole('img');
    expect(await charts.count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByRole('img', { name: 'Câu hỏi theo ngày' }).isVisible()).toBe(true);
    expect(await page.getByRole('img', { name: 'Thủ tục được hỏi nhiều nhất' }).isVisible()).toBe(true);
    expect(await page.locator('svg.chart-bars rect').count()).toBeGreaterThan(3);
    const unmatched = await page.locator('table.unmatched').innerText();
    expect(unmatched).toContain('con mèo nhà hàng xóm');
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải tệp CSV/u }).click()]);
    expect(download.suggestedFilename()).toBe(`cau-hoi-chua-tra-loi_${from}_${today}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('con mèo nhà hàng xóm');

    await page.setViewportSize({ width: 1280, height: 1400 });
    await page.goto(page.url()); // from the top
    await page.screenshot({ path: DASHBOARD_SHOT, fullPage: false });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('catalog status and logout', async () => {
    await page.goto(`${baseUrl()}/staff/catalog`);
    expect(await page.locator('h1').textContent()).toBe('Tình trạng dữ liệu thủ tục');
    await Promise.all([page.waitForURL(/page=2/u), page.getByRole('link', { name: 'Trang sau ›' }).first().click()]);
    // The last ingest's anomalies (knowledge/ingest-report.json), 50 a page.
    expect(await page.locator('.pager span').first().textContent()).toBe(`Trang 2/${Math.ceil(report.anomalies.length / 50)}`);
    expect(await seriousViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(/\/staff\/login\?out=1$/u), page.getByRole('button', { name: 'Đăng xuất' }).click()]);
    expect(await page.getByRole('status').textContent()).toContain('Bạn đã đăng xuất');
    const after = await page.goto(`${baseUrl()}/staff/dashboard`);
    expect(after?.status()).toBe(401);
    expect(errors).toEqual([]);
  });
});
