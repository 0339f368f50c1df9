// The public page of a procedure as a citizen opens it from a chat link or a QR code, and as a
// clerk prints it: real worker (wrangler dev), real Chromium. axe on a phone and on a desktop,
// ticking by keyboard, print media (one A4 page), the QR code read back (jsqr) to the page's own
// address, the 404 page's search. Takes the README screenshots docs/public-page.png and
// docs/public-page-print.png.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import jsQR from 'jsqr';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a4Pages, baseUrl, hasChromium, launch, newPage, runAxe } from './helpers';

const DOCS = resolve(import.meta.dirname, '..', '..', 'docs');
const SCREEN_SHOT = resolve(DOCS, 'public-page.png');
const PRINT_SHOT = resolve(DOCS, 'public-page-print.png');
const CODE = '1.000894';

async function seriousViolations(page: Page): Promise<string[]> {
  return (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} ${v.targets.join(' ')}`);
}

/** The page's QR code, drawn as an image on a canvas in the page, read by jsqr. */
async function readQr(page: Page): Promise<string | null> {
  const img = await page.evaluate(async () => {
    const svg = document.querySelector('svg.qr-code')!;
    const image = new Image();
    // A data: URL: what the page's CSP allows for images (img-src 'self' data:).
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const size = 400;
    const canvas = document.createElement('canvas');
    canvas.width = size;
    canvas.height = size;
    const ctx = canvas.getContext('2d')!;
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(image, 0, 0, size, size);
    return { width: size, height: size, data: Array.from(ctx.getImageData(0, 0, size, size).data) };
  });
  return jsQR(Uint8ClampedArray.from(img.data), img.width, img.height)?.data ?? null;
}

describe.skipIf(!hasChromium)('the public page of a procedure (/thu-tuc/:code)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('on a phone: readable without zoom, no serious accessibility violation, the documents ticked from the keyboard (docs/public-page.png)', async () => {
    const { context, page, errors } = await newPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });
    const res = await page.goto(`${baseUrl()}/thu-tuc/${CODE}`);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('Thủ tục đăng ký kết hôn');
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The submission and print buttons (the latter shown by the page's own script: the CSP let it run).
    expect(await page.getByRole('link', { name: /Nộp hồ sơ trực tuyến/u }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'In phiếu hướng dẫn' }).isVisible()).toBe(true);
    // The QR code is for paper and desktops: not on a phone's screen.
    expect(await page.locator('svg.qr-code').isVisible()).toBe(false);
    // Tick boxes named by their document; Space ticks the focused one.
    const form = page.getByRole('checkbox', { name: /Tờ khai đăng ký kết hôn theo mẫu/u });
    await form.focus();
    await page.keyboard.press('Space');
    expect(await form.isChecked()).toBe(true);
    expect(await page.getByRole('checkbox').count()).toBe(6);
    expect(await page.getByRole('heading', { level: 3, name: 'Tùy trường hợp' }).count()).toBe(1);
    expect(errors).toEqual([]);
    await form.focus();
    await page.keyboard.press('Space');
    await form.blur();
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(dirname(SCREEN_SHOT), { recursive: true });
    await page.screenshot({ path: SCREEN_SHOT });
    await context.close();
  });

  it('on a desktop: no serious violation, and its QR code reads back as the page\'s own address', async () => {
    const { context, page, errors } = await newPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${baseUrl()}/thu-tuc/${CODE}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('svg.qr-code').isVisible()).toBe(true);
    expect(await readQr(page)).toBe(`${baseUrl()}/thu-tuc/${CODE}`);
    expect(await page.locator('meta[property="og:url"]').getAttribute('content')).toBe(`${baseUrl()}/thu-tuc/${CODE}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('prints as a one-page A4 "phiếu hướng dẫn": tick boxes, conditions, fees, the QR code; no navigation (docs/public-page-print.png)', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl()}/thu-tuc/${CODE}`);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['header.top', 'footer.foot', '.actions', 'section.steps', 'form.search']) {
      expect(await page.locator(hidden).first().isVisible().catch(() => false), hidden).toBe(false);
    }
    expect(await page.locator('.sheet-title').isVisible()).toBe(true);
    expect(await page.locator('svg.qr-code').isVisible()).toBe(true);
    expect(await page.locator('.notes-pointer').isVisible()).toBe(true);
    const printed = (await page.locator('article.sheet').innerText()).replace(/\s+/gu, ' ');
    expect(printed).toMatch(/^PHIẾU HƯỚNG DẪN THỦ TỤC HÀNH CHÍNH Trung tâm Phục vụ hành chính công Thủ tục đăng ký kết hôn/u);
    expect(printed).toContain('Tờ khai đăng ký kết hôn theo mẫu');
    expect(printed).toContain('Trường hợp gửi hồ sơ qua hệ thống bưu chính: Bản sao có chứng thực');
    expect(printed).toContain('Lưu ý (17 mục): xem đầy đủ trên trang thủ tục — quét mã QR ở đầu phiếu.');
    expect(printed).toContain('Miễn lệ phí');
    // Tick boxes print as empty boxes.
    expect(await page.locator('input[type=checkbox]').first().isVisible()).toBe(true);
    // One A4 page; its QR code still reads as the page's address.
    expect(a4Pages(await page.pdf({ preferCSSPageSize: true }))).toEqual({ a4: true, pages: 1 });
    expect(await readQr(page)).toBe(`${baseUrl()}/thu-tuc/${CODE}`);
    // The screenshot: the sheet as printed, at A4 proportions (210 mm ≈ 794 px).
    await page.setViewportSize({ width: 794, height: 1123 });
    mkdirSync(dirname(PRINT_SHOT), { recursive: true });
    await page.screenshot({ path: PRINT_SHOT, fullPage: true });
    await context.close();
  });

  it('an unknown code: a Vietnamese 404 page whose search leads to the procedure, by keyboard', async () => {
    const { context, page, errors } = await newPage(browser, { reducedMotion: 'reduce' });
    const res = await page.goto(`${baseUrl()}/thu-tuc/9.999999`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Không tìm thấy thủ tục');
    expect(await seriousViolations(page)).toEqual([]);
    const search = page.getByRole('searchbox', { name: 'Tìm thủ tục theo tên hoặc mã' });
    await search.focus();
    await page.keyboard.type('dang ky ket hon');
    await Promise.all([page.waitForURL(/\/thu-tuc\?q=dang\+ky\+ket\+hon$/u), page.keyboard.press('Enter')]);
    expect(await seriousViolations(page)).toEqual([]);
    await Promise.all([page.waitForURL(new RegExp(`/thu-tuc/${CODE.replace('.', '\\.')}$`, 'u')), page.getByRole('link', { name: 'Thủ tục đăng ký kết hôn', exact: true }).click()]);
    expect(await page.locator('h1').textContent()).toBe('Thủ tục đăng ký kết hôn');
    expect(errors).toEqual([]);
    await context.close();
  });
});
