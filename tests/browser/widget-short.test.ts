// The widget's answer with the essentials first (issue: the first screen of an answer was its
// conditional items and notes): "đăng ký kết hôn cần giấy tờ gì" asked on the demo page, in real
// Chromium against the real worker. Takes the README screenshot docs/widget-answer.png.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, hasChromium, launch, newPage, runAxe, waitForBotMessages, widget } from './helpers';

const SHOT = resolve(import.meta.dirname, '..', '..', 'docs', 'widget-answer.png');

describe.skipIf(!hasChromium)('the widget: essentials first, the rest collapsed, the page one link away', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ context, page, errors } = await newPage(browser, { reducedMotion: 'reduce' }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the essential documents on the answer\'s first screen; "tùy trường hợp" and the notes are collapsed', async () => {
    await page.goto(`${baseUrl()}/`);
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill('dang ky ket hon can giay to gi');
    await w.input.press('Enter');
    await waitForBotMessages(page, 2);
    const body = w.botMessages.nth(1).locator('.body');
    const list = w.host.locator('.msgs');
    const screen = (await list.boundingBox())!;
    // Every document to submit or present is visible within the message list's viewport as it opens on the answer.
    for (const essential of ['Tờ khai đăng ký kết hôn theo mẫu', 'Mẫu hộ tịch điện tử tương tác đăng ký kết hôn', 'Hộ chiếu/Thẻ căn cước công dân']) {
      const item = body.locator('li', { hasText: essential }).first();
      expect(await item.isVisible(), essential).toBe(true);
      const box = (await item.boundingBox())!;
      expect(box.y + box.height, essential).toBeLessThanOrEqual(screen.y + screen.height);
    }
    // Collapsed: the conditional documents and the notes, each under a summary with its count.
    const conditional = body.locator('details').filter({ has: page.locator('summary', { hasText: 'Tùy trường hợp (3 giấy tờ)' }) });
    const notes = body.locator('details').filter({ has: page.locator('summary', { hasText: 'Lưu ý (17 mục)' }) });
    expect(await conditional.count()).toBe(1);
    expect(await notes.count()).toBe(1);
    const postal = conditional.locator('li', { hasText: 'Trường hợp gửi hồ sơ qua hệ thống bưu chính' });
    expect(await postal.isVisible()).toBe(false);
    expect(await notes.locator('li').first().isVisible()).toBe(false);
    // Keyboard: Tab reaches the summaries; Enter opens and closes.
    const summary = conditional.locator('summary').first();
    await summary.focus();
    expect(await summary.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => postal.isVisible()).toBe(true);
    await page.keyboard.press('Tab');
    // From the open section the next stops are its items' own details, then the notes' summary.
    let onNotes = false;
    for (let i = 0; i < 6 && !onNotes; i++) {
      onNotes = await notes.locator('summary').first().evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement);
      if (!onNotes) await page.keyboard.press('Tab');
    }
    expect(onNotes, 'the notes summary is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => notes.locator('li').first().isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    await summary.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => postal.isVisible()).toBe(false);
  });

  it('links "Xem đầy đủ / In danh mục" to the public page, which opens in a new tab with the whole checklist', async () => {
    const answer = widget(page).botMessages.nth(1);
    const link = answer.getByRole('link', { name: /Xem đầy đủ \/ In danh mục/u });
    expect(await link.getAttribute('href')).toBe(`${baseUrl()}/thu-tuc/1.000894`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    const [tab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await tab!.waitForLoadState();
    expect(await tab!.locator('h1').textContent()).toBe('Thủ tục đăng ký kết hôn');
    expect(await tab!.getByRole('checkbox').count()).toBe(6);
    expect(await tab!.locator('.group-notes li').count()).toBe(17);
    await tab!.close();
  });

  it('has no serious accessibility violation with the answer open, and takes the README screenshot (docs/widget-answer.png)', async () => {
    const violations = (await runAxe(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(violations).toEqual([]);
    // The screenshot: the whole answer, collapsed as it comes, in a panel made tall enough to show it.
    const w = widget(page);
    const panel = w.host.locator('.panel');
    await page.setViewportSize({ width: 1280, height: 1100 });
    await panel.evaluate((el) => {
      (el as HTMLElement).style.height = '1000px';
      (el as HTMLElement).style.maxHeight = 'none';
    });
    await w.userMessages.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await w.input.focus();
    await page.mouse.move(0, 0);
    mkdirSync(dirname(SHOT), { recursive: true });
    await page.screenshot({ path: SHOT, clip: (await panel.boundingBox())! });
    expect(errors).toEqual([]);
  });
});
