// The widget end to end, as a citizen uses it on the demo portal page: real worker (wrangler dev),
// real Chromium, keyboard first.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAUNCHER, SKIP_REASON, baseUrl, focusedInWidget, hasChromium, launch, newPage, waitForBotMessages, widget } from './helpers';

const SCREENSHOT = resolve(import.meta.dirname, '..', '..', 'docs', 'widget.png');
const CHECKLIST_SHOT = resolve(import.meta.dirname, '..', '..', 'docs', 'widget-checklist.png');
const QUESTION = 'dang ky khai sinh can giay to gi';

describe.skipIf(!hasChromium)('chat widget on the demo portal page', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launch();
    ({ context, page, errors } = await newPage(browser));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl() });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('serves a Vietnamese portal page that embeds the widget with one script tag', async () => {
    const res = await page.goto(`${baseUrl()}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect.poll(() => page.title()).toContain('Cổng Dịch vụ công');
    expect(await page.locator('h1').textContent()).toContain('Giải quyết thủ tục hành chính');
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('script[src="/widget.js"][async][data-title]').count()).toBe(1);
    for (const code of ['1.001193', '1.000894', '1.004222', '3.000348']) {
      expect(await page.locator(`a[href="/api/procedures/${code}"]`).count(), code).toBe(1);
    }
    await widget(page).launcher.waitFor();
    expect(await widget(page).dialog.count()).toBe(0); // closed at first (hidden dialogs are not in the a11y tree)
  });

  it('opens from the keyboard: Tab to the launcher, Enter; focus goes to the input; Esc closes and returns focus', async () => {
    const w = widget(page);
    let onLauncher = false;
    for (let i = 0; i < 60 && !onLauncher; i++) {
      await page.keyboard.press('Tab');
      onLauncher = (await focusedInWidget(page)) === 'button.launcher';
    }
    expect(onLauncher, 'the launcher is reachable with Tab').toBe(true);
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await focusedInWidget(page)).toBe('textarea');
    // The dialog is named by its header (data-title).
    expect(await w.dialog.getAttribute('aria-labelledby')).toBe('tthc-title');
    await expect.poll(() => page.getByRole('dialog', { name: 'Trung tâm Phục vụ hành chính công' }).count()).toBe(1);
    // Welcome message with example questions as chips.
    expect(await w.botMessages.first().textContent()).toContain('Xin chào');
    // Four example questions, then the dossier status lookup.
    expect(await w.chips.count()).toBe(5);
    expect(await w.chips.last().textContent()).toBe('Tra cứu hồ sơ');

    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('button.launcher');
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('false');
    // Space opens it too; Esc with the focus on the launcher (panel open) closes it as well.
    await page.keyboard.press('Space');
    await w.dialog.waitFor();
    expect(await focusedInWidget(page)).toBe('textarea');
    await w.launcher.focus();
    await page.keyboard.press('Escape');
    await w.dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await w.dialog.waitFor();
    expect(await focusedInWidget(page)).toBe('textarea');
  });

  it('the example chips are reachable with Tab', async () => {
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(page)).toBe('button.chip');
    await page.keyboard.press('Shift+Tab');
    expect(await focusedInWidget(page)).toBe('button.chip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('textarea');
  });

  it('Enter during IME composition (Vietnamese Telex/VNI) does not send', async () => {
    const w = widget(page);
    await page.keyboard.type('đăng ký');
    await w.input.evaluate((el) => {
      const ta = el as HTMLTextAreaElement;
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', isComposing: true, bubbles: true, cancelable: true }));
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true } as KeyboardEventInit));
      ta.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      ta.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    });
    await page.waitForTimeout(300);
    expect(await w.userMessages.count()).toBe(0);
    expect(await w.input.inputValue()).toBe('đăng ký');
    await w.input.fill('');
  });

  it('answers a question typed without diacritics, with the procedure code and the online-submission button', async () => {
    const w = widget(page);
    await page.keyboard.type(QUESTION);
    await page.keyboard.press('Enter');
    expect(await w.userMessages.first().textContent()).toContain(QUESTION);
    const answer = await waitForBotMessages(page, 2);
    expect(await answer.textContent()).toContain('1.001193');
    expect(await answer.textContent()).toContain('khai sinh');
    const submit = answer.locator('a.submit');
    expect(await submit.textContent()).toContain('Nộp hồ sơ trực tuyến');
    expect(await submit.getAttribute('href')).toMatch(/^https?:\/\//u);
    expect(await submit.getAttribute('target')).toBe('_blank');
    expect(await submit.getAttribute('rel')).toContain('noopener');
    expect(await page.getByRole('link', { name: /Nộp hồ sơ trực tuyến/u }).count()).toBeGreaterThanOrEqual(1);
    // Announced politely, in short.
    await expect.poll(() => w.live.textContent()).toContain('Trợ lý trả lời: ');
    expect((await w.live.textContent())!.length).toBeLessThan(260);
    // Focus stays in the input for the next question.
    expect(await focusedInWidget(page)).toBe('textarea');
    // A documents checklist: copy and print are offered.
    expect(await answer.getByRole('button', { name: 'Sao chép danh sách hồ sơ' }).count()).toBe(1);
    expect(await answer.getByRole('button', { name: 'In câu trả lời này' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('takes the README screenshot (docs/widget.png, 1280x800)', async () => {
    // Only a good answer goes into the README.
    expect(await widget(page).botMessages.nth(1).textContent()).toContain('1.001193');
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.mouse.move(0, 0);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('lists the documents in reading order: the form and the birth certificate first, "tùy trường hợp" collapsed after, notes collapsed (docs/widget-checklist.png)', async () => {
    const answer = widget(page).botMessages.nth(1);
    const body = answer.locator('.body');
    const text = (await body.innerText()).replace(/\s+/gu, ' ');
    const at = (s: string) => text.indexOf(s);
    for (const s of ['Giấy tờ phải nộp', '☐ Tờ khai đăng ký khai sinh theo mẫu', '☐ Giấy chứng sinh', 'Tùy trường hợp (']) expect(at(s), s).toBeGreaterThan(-1);
    expect(at('☐ Tờ khai đăng ký khai sinh theo mẫu')).toBeLessThan(at('☐ Giấy chứng sinh'));
    expect(at('☐ Giấy chứng sinh')).toBeLessThan(at('Tùy trường hợp ('));
    // "Tùy trường hợp": under its count, one Enter away.
    const conditional = body.locator('details').filter({ has: page.locator('summary', { hasText: /^Tùy trường hợp \(\d+ giấy tờ\)$/u }) });
    const abandoned = conditional.locator('li', { hasText: 'Trường hợp trẻ em bị bỏ rơi:' });
    expect(await abandoned.isVisible()).toBe(false);
    await conditional.locator('summary').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => abandoned.isVisible()).toBe(true);
    // The notes: one collapsed section, its content hidden until opened; the items' details likewise.
    const notes = body.locator('details').filter({ has: page.locator('summary', { hasText: /^Lưu ý \(\d+ mục\)$/u }) });
    expect(await notes.count()).toBe(1);
    expect(await notes.locator('li').first().isVisible()).toBe(false);
    const birth = body.locator('li details').filter({ has: page.locator('summary', { hasText: 'Giấy chứng sinh' }) });
    expect(await birth.locator('p').isVisible()).toBe(false);
    // One click (or Enter on the focused summary) shows the rest of the source text.
    await birth.locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => birth.locator('p').isVisible()).toBe(true);
    expect(await birth.locator('p').textContent()).toContain('văn bản của người làm chứng');
    await page.keyboard.press('Enter');
    await expect.poll(() => birth.locator('p').isVisible()).toBe(false);
    // The screenshot: the checklist part of the answer, in a panel made tall enough to show it down to the notes.
    await widget(page).input.focus();
    await page.setViewportSize({ width: 1280, height: 1500 });
    const panel = widget(page).host.locator('.panel');
    await panel.evaluate((el) => {
      (el as HTMLElement).style.height = '1380px';
      (el as HTMLElement).style.maxHeight = 'none';
    });
    await body.locator('p', { hasText: 'Hồ sơ cần chuẩn bị' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0);
    mkdirSync(dirname(CHECKLIST_SHOT), { recursive: true });
    await page.screenshot({ path: CHECKLIST_SHOT, clip: (await panel.boundingBox())! });
    await panel.evaluate((el) => {
      (el as HTMLElement).style.height = '';
      (el as HTMLElement).style.maxHeight = '';
    });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('copies the checklist to the clipboard', async () => {
    const answer = widget(page).botMessages.nth(1);
    await answer.getByRole('button', { name: 'Sao chép danh sách hồ sơ' }).click();
    await expect.poll(() => answer.getByRole('button', { name: 'Sao chép danh sách hồ sơ' }).textContent()).toContain('Đã sao chép');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('☐');
    expect(copied).toContain('1.001193');
  });

  it('prints just that answer in a print view', async () => {
    const answer = widget(page).botMessages.nth(1);
    const [popup] = await Promise.all([context.waitForEvent('page'), answer.getByRole('button', { name: 'In câu trả lời này' }).click()]);
    await expect.poll(() => popup.evaluate(() => document.body.textContent ?? '')).toContain('1.001193');
    const view = await popup.evaluate(() => ({
      h1: document.querySelector('h1')?.textContent,
      scripts: document.scripts.length,
      hasWidget: !!document.querySelector('tthc-widget'),
      text: document.body.textContent ?? '',
    }));
    expect(view.h1).toBe('Trung tâm Phục vụ hành chính công');
    expect(view.scripts).toBe(0);
    expect(view.hasWidget).toBe(false);
    expect(view.text).not.toContain(QUESTION); // only the answer, not the conversation
    await popup.close();
  });

  it('sends the message of a suggestion chip when clicked, and answers it', async () => {
    const w = widget(page);
    const chip = w.chips.first();
    await chip.waitFor();
    const label = (await chip.textContent())!;
    await chip.click();
    await expect.poll(() => w.userMessages.count()).toBe(2);
    expect((await w.userMessages.nth(1).textContent())!.length).toBeGreaterThan(0);
    const answer = await waitForBotMessages(page, 3);
    expect((await answer.textContent())!.length).toBeGreaterThan(20);
    expect(label.length).toBeGreaterThan(0);
    expect(await focusedInWidget(page)).toBe('textarea');
  });

  it('sends feedback: thumbs up shows the thanks', async () => {
    const answer = widget(page).botMessages.nth(1);
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/feedback')),
      answer.getByRole('button', { name: 'Câu trả lời hữu ích' }).click(),
    ]);
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await expect.poll(() => answer.textContent()).toContain('Cảm ơn bạn đã đánh giá');
    expect(await answer.getByRole('button', { name: 'Câu trả lời hữu ích' }).count()).toBe(0);
  });

  it('keeps the conversation across a reload (sessionStorage), still open, feedback remembered', async () => {
    const w = widget(page);
    await page.reload();
    await w.dialog.waitFor();
    expect(await w.userMessages.count()).toBe(2);
    expect(await w.userMessages.first().textContent()).toContain(QUESTION);
    expect(await w.botMessages.nth(1).textContent()).toContain('1.001193');
    expect(await w.botMessages.nth(1).textContent()).toContain('Cảm ơn bạn đã đánh giá');
    // The same server session goes on.
    const stored = await page.evaluate(() => JSON.parse(sessionStorage.getItem(Object.keys(sessionStorage).find((k) => k.startsWith('tthc-widget:'))!)!));
    expect(stored.sid).toMatch(/^[A-Za-z0-9_-]{8,64}$/u);
    // The conversation's memory is kept by the page too: a follow-up is about the last procedure.
    expect(stored.ctx).toMatch(/^v1\./u);
    const { procedure } = JSON.parse(Buffer.from(stored.ctx.slice(3), 'base64url').toString('utf8')) as { procedure: string };
    const [req] = await Promise.all([page.waitForRequest((r) => r.url().endsWith('/api/chat')), w.input.fill('le phi bao nhieu').then(() => w.input.press('Enter'))]);
    expect(JSON.parse(req.postData()!)).toMatchObject({ sessionId: stored.sid, context: stored.ctx });
    const followUp = await waitForBotMessages(page, 4);
    expect(await followUp.textContent()).toContain(procedure);
  });

  it('shows an offline error with "Thử lại" and recovers when the network is back', async () => {
    const w = widget(page);
    await context.setOffline(true);
    await expect.poll(() => w.host.locator('.off').isVisible()).toBe(true);
    await w.input.fill('dang ky ket hon o dau');
    await w.input.press('Enter');
    await w.errors.first().waitFor();
    expect(await w.errors.first().textContent()).toContain('Không kết nối được');
    await context.setOffline(false);
    await expect.poll(() => w.host.locator('.off').isVisible()).toBe(false);
    await w.errors.first().getByRole('button', { name: 'Thử lại' }).click();
    await waitForBotMessages(page, 5);
    expect(await w.errors.count()).toBe(0);
    expect(await w.botMessages.nth(4).textContent()).toContain('kết hôn');
  });

  it('shows the server message of a 429 with "Thử lại"', async () => {
    const w = widget(page);
    await page.route('**/api/chat', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '7' },
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Bạn gửi tin nhắn quá nhanh. Vui lòng chờ 7 giây rồi thử lại.' } }),
      }),
    );
    await w.input.fill('cap lai giay phep lai xe');
    await w.input.press('Enter');
    await w.errors.first().waitFor();
    expect(await w.errors.first().textContent()).toContain('Vui lòng chờ 7 giây');
    await page.unroute('**/api/chat');
    await w.errors.first().getByRole('button', { name: 'Thử lại' }).click();
    await waitForBotMessages(page, 6);
    expect(await w.errors.count()).toBe(0);
  });

  it('× only hides the conversation; "Cuộc trò chuyện mới" clears it', async () => {
    const w = widget(page);
    await page.getByRole('button', { name: 'Đóng cửa sổ trò chuyện' }).click();
    await w.dialog.waitFor({ state: 'hidden' });
    expect(await focusedInWidget(page)).toBe('button.launcher');
    await page.evaluate(() => window.TTHCWidget!.open());
    await w.dialog.waitFor();
    expect(await w.userMessages.count()).toBe(5);
    await page.getByRole('button', { name: 'Cuộc trò chuyện mới' }).click();
    expect(await w.userMessages.count()).toBe(0);
    expect(await w.chips.count()).toBe(5);
    await page.reload();
    await w.dialog.waitFor();
    expect(await w.userMessages.count()).toBe(0);
    const stored = await page.evaluate(() => Object.entries(sessionStorage).filter(([k]) => k.startsWith('tthc-widget:')).map(([, v]) => JSON.parse(v)));
    expect(stored).toHaveLength(1);
    expect(stored[0].sid).toBeUndefined();
  });

  it('TTHCWidget.ask(text) opens the widget and asks', async () => {
    const w = widget(page);
    await page.evaluate(() => window.TTHCWidget!.close());
    await w.dialog.waitFor({ state: 'hidden' });
    await page.evaluate(() => window.TTHCWidget!.ask('Đăng ký thường trú nộp ở đâu?'));
    await w.dialog.waitFor();
    const answer = await waitForBotMessages(page, 2);
    expect(await answer.textContent()).toContain('thường trú');
  });

  it('is full-screen on a narrow phone and respects prefers-reduced-motion', async () => {
    const w = widget(page);
    await page.setViewportSize({ width: 375, height: 740 });
    await w.host.locator('.panel').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
    const box = await w.host.locator('.panel').boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    await page.setViewportSize({ width: 1280, height: 800 });
    const wide = (await w.host.locator('.panel').boundingBox())!;
    expect(wide.width).toBeLessThan(420);
    expect(await w.host.locator('.panel').evaluate((el) => getComputedStyle(el).animationName)).toBe('up');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await w.host.locator('.panel').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('reported no page error and no CSP violation', () => {
    expect(errors).toEqual([]);
    expect(LAUNCHER).toBe('Mở trợ lý thủ tục hành chính');
  });
});

if (!hasChromium) describe('chat widget (browser tests)', () => it.skip(SKIP_REASON, () => {}));
