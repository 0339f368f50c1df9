// The dossier status lookup in the widget, end to end: real Chromium on the demo portal page, the
// real worker (wrangler dev) calling the stand-in one-stop system (iGate shape, started by
// tests/browser/global-setup.ts with the fixtures of tests/fixtures/dossier).
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, baseUrl, hasChromium, launch, newPage, waitForBotMessages, widget } from './helpers';

const SCREENSHOT = resolve(import.meta.dirname, '..', '..', 'docs', 'widget-dossier.png');
const CODE = '000.00.21.H12-261120-0105';
const LOCKED_CODE = '000.00.21.H12-261120-0106';

async function ask(page: Page, text: string, botMessages: number): Promise<string> {
  const w = widget(page);
  await w.input.fill(text);
  await page.keyboard.press('Enter');
  return (await (await waitForBotMessages(page, botMessages)).textContent()) ?? '';
}

describe.skipIf(!hasChromium)('dossier status lookup in the widget', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ page, errors } = await newPage(browser, { viewport: { width: 1280, height: 900 } }));
    await page.goto(`${baseUrl()}/`);
    await widget(page).launcher.click();
    await widget(page).dialog.waitFor();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('"Tra cứu hồ sơ" in the welcome asks for the code, then the digits, then shows the status', async () => {
    const w = widget(page);
    await w.chips.filter({ hasText: 'Tra cứu hồ sơ' }).click();
    expect(await (await waitForBotMessages(page, 2)).textContent()).toContain('mã hồ sơ');
    expect(await ask(page, CODE, 3)).toContain('4 chữ số cuối của số CCCD');
    // The widget holds the conversation's context: the code is in it only sealed.
    const stored = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('tthc-widget:'))?.[1] ?? '');
    const ctx = (JSON.parse(stored) as { ctx?: string }).ctx ?? '';
    expect(ctx).toMatch(/^v1\./u);
    expect(Buffer.from(ctx.slice(3), 'base64url').toString('utf8')).not.toContain('261120');

    const answer = await ask(page, '1234', 4);
    expect(answer).toContain(`Hồ sơ ${CODE}`);
    expect(answer).toContain('Tình trạng: Yêu cầu bổ sung giấy tờ');
    expect(answer).toContain('Ngày hẹn trả kết quả: 25/11/2026 lúc 17:00');
    expect(answer).toContain('Người nộp: Võ T. L.');
    expect(answer).not.toContain('Võ Thị Lan');
    const link = w.botMessages.nth(3).locator('a', { hasText: 'Danh mục giấy tờ của thủ tục' });
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//u);
    expect(await link.getAttribute('rel')).toContain('noopener');
    await page.screenshot({ path: SCREENSHOT });
    // The suggested follow-up answers from the catalog.
    await w.chips.filter({ hasText: 'Giấy tờ của thủ tục' }).click();
    expect(await (await waitForBotMessages(page, 5)).textContent()).toContain('Thủ tục đăng ký khai sinh');
  });

  it('refuses wrong digits and locks the code after three', async () => {
    const w = widget(page);
    await w.chips.filter({ hasText: 'Tra cứu hồ sơ khác' }).count();
    const n = await w.botMessages.count();
    expect(await ask(page, `tra cuu ho so ${LOCKED_CODE}`, n + 1)).toContain('4 chữ số cuối');
    expect(await ask(page, '0000', n + 2)).toContain('Bạn còn 2 lần thử');
    expect(await ask(page, '1111', n + 3)).toContain('Bạn còn 1 lần thử');
    const locked = await ask(page, '2222', n + 4);
    expect(locked).toContain('tạm khóa trong 24 giờ');
    expect(locked).not.toContain('Tình trạng');
    expect(await ask(page, `${LOCKED_CODE} số cuối cccd 1234`, n + 5)).toContain('tạm khóa');
    expect(errors).toEqual([]);
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
