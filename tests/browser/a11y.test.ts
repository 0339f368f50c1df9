// Accessibility of the open widget, checked by axe-core (WCAG 2.1 A/AA + best practices) in real
// Chromium, shadow DOM included: no serious or critical violation, on the demo page, on a phone,
// and with a light accent color from data-color (the widget computes readable text colors).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, baseUrl, embedUrl, hasChromium, launch, newPage, runAxe, startPortal, waitForBotMessages, widget } from './helpers';

async function openAndAsk(page: Page, question: string): Promise<void> {
  const w = widget(page);
  await w.launcher.click();
  await w.dialog.waitFor();
  await w.input.fill(question);
  await w.input.press('Enter');
  await waitForBotMessages(page, 2);
}

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const violations = await runAxe(page);
  if (violations.length) console.log('axe (all impacts):', JSON.stringify(violations, null, 1));
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
}

describe.skipIf(!hasChromium)('widget accessibility (axe-core)', () => {
  let browser: Browser;
  let portal: Awaited<ReturnType<typeof startPortal>>;
  beforeAll(async () => {
    browser = await launch();
    portal = await startPortal();
  });
  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it('demo page with the widget open and an answer shown: no serious or critical violations', async () => {
    const { page } = await newPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${baseUrl()}/`);
    await expectNoSeriousViolations(page); // the portal page itself, widget closed
    await openAndAsk(page, 'dang ky khai sinh can giay to gi');
    await expectNoSeriousViolations(page);
    await page.context().close();
  });

  it('axe really looks inside the shadow root (a planted unnamed button is reported)', async () => {
    const { page } = await newPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${baseUrl()}/`);
    await widget(page).launcher.click();
    await page.evaluate(() => {
      const panel = document.querySelector('tthc-widget')!.shadowRoot!.querySelector('.panel')!;
      panel.appendChild(document.createElement('button')).className = 'planted';
    });
    const violations = await runAxe(page);
    expect(violations.find((v) => v.id === 'button-name')?.targets.join(' ')).toContain('.planted');
    await page.context().close();
  });

  it('exposes a labelled dialog, labelled controls and a polite live region', async () => {
    const { page } = await newPage(browser, { reducedMotion: 'reduce' });
    await page.goto(`${baseUrl()}/`);
    await openAndAsk(page, 'le phi dang ky ket hon bao nhieu');
    const snapshot = await page.locator('tthc-widget').ariaSnapshot();
    expect(snapshot).toContain('button "Mở trợ lý thủ tục hành chính"');
    expect(snapshot).toContain('dialog "Trung tâm Phục vụ hành chính công"');
    expect(snapshot).toContain('button "Cuộc trò chuyện mới"');
    expect(snapshot).toContain('button "Đóng cửa sổ trò chuyện"');
    expect(snapshot).toContain('textbox "Nhập câu hỏi về thủ tục hành chính"');
    expect(snapshot).toContain('button "Gửi câu hỏi"');
    expect(snapshot).toContain('button "Câu trả lời hữu ích"');
    expect(snapshot).toContain('button "Câu trả lời chưa hữu ích"');
    expect(snapshot).toContain('group "Gợi ý câu hỏi"');
    const live = widget(page).live;
    expect(await live.getAttribute('aria-live')).toBe('polite');
    await expect.poll(() => live.textContent()).toMatch(/^Trợ lý trả lời: .*kết hôn/iu);
    await page.context().close();
  });

  it('on a phone (full screen): no serious or critical violations', async () => {
    const { page } = await newPage(browser, { reducedMotion: 'reduce', viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(`${baseUrl()}/`);
    await openAndAsk(page, 'cap lai giay phep lai xe mat bao lau');
    await expectNoSeriousViolations(page);
    await page.context().close();
  });

  for (const color of ['#ffd400', '#22c55e', '#e11d48', '#000']) {
    it(`data-color="${color}" keeps every text readable (contrast)`, async () => {
      const { page } = await newPage(browser, { reducedMotion: 'reduce' });
      await page.goto(embedUrl(portal.origin('portal'), { attrs: `data-color="${color}" data-title="Trung tâm thử nghiệm"` }));
      await openAndAsk(page, 'dang ky thuong tru nop o dau');
      const violations = await runAxe(page);
      expect(violations.filter((v) => v.id === 'color-contrast' || v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
      await page.context().close();
    });
  }
});

if (!hasChromium) describe('widget accessibility (axe-core)', () => it.skip(SKIP_REASON, () => {}));
