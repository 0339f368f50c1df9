// Isolation and defence in depth, in real Chromium: what a citizen types and what the server sends
// back can never run as script; the widget and a hostile host page cannot break each other; the
// widget adds exactly one global; cross-origin embedding follows ALLOWED_ORIGINS.
// The injection tests run on the stand-in portal page, which has NO Content-Security-Policy: there a
// handler that reached the live DOM would really run (a positive control checks it), whereas on the
// demo page the CSP alone would block it and prove nothing about the widget.
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_REASON, baseUrl, embedUrl, hasChromium, launch, newPage, startPortal, waitForBotMessages, widget } from './helpers';

type Flags = { __xss?: unknown };
const xssFlag = (page: Page) => page.evaluate(() => (window as Flags).__xss ?? null);

/** Opens the stand-in portal (no CSP) and checks that an inline handler does run there. */
async function openUnprotectedPortal(page: Page, origin: string): Promise<void> {
  await page.goto(embedUrl(origin));
  await widget(page).launcher.waitFor();
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.setAttribute('onclick', 'window.__control = 1');
    probe.click();
  });
  expect(await page.evaluate(() => (window as { __control?: number }).__control)).toBe(1);
}

const HOSTILE_CSS = `
html{font-size:5px}
*{font-size:40px!important;color:red!important;line-height:3!important;letter-spacing:5px!important;box-sizing:content-box!important;font-family:serif!important}
button,div,textarea,a,p,span{display:inline!important;border:10px solid lime!important;background:yellow!important;padding:30px!important;margin:20px!important}
tthc-widget,body>*:last-child{display:block!important;transform:translateX(-5000px)!important;filter:blur(5px)!important;opacity:.1!important;position:absolute!important;visibility:hidden!important}
`;

describe.skipIf(!hasChromium)('widget security and isolation', () => {
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

  it('shows markup typed in a question as text; it never runs', async () => {
    const { page, errors } = await newPage(browser);
    await openUnprotectedPortal(page, portal.origin('portal'));
    const w = widget(page);
    await w.launcher.click();
    const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b onmouseover="window.__xss=3">đậm</b>';
    await w.input.fill(evil);
    await w.input.press('Enter');
    await waitForBotMessages(page, 2);
    expect(await w.userMessages.first().textContent()).toBe(`Bạn: ${evil}`);
    expect(await w.host.locator('img, script, b').count()).toBe(0);
    await w.userMessages.first().hover();
    await page.waitForTimeout(300);
    expect(await xssFlag(page)).toBeNull();
    // Stored as text and rendered as text again after a reload.
    await page.reload();
    await w.dialog.waitFor();
    expect(await w.userMessages.first().textContent()).toBe(`Bạn: ${evil}`);
    expect(await w.host.locator('img, script').count()).toBe(0);
    expect(await xssFlag(page)).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('sanitizes a malicious answer from the server (allowlist, defence in depth)', async () => {
    const { page } = await newPage(browser);
    await page.route('**/api/chat', (route: Route) =>
      route.fulfill({
        contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({
          sessionId: 'test-session-0001',
          messageId: '00000000-0000-4000-8000-000000000001',
          intent: 'procedure',
          aspect: 'overview',
          reply: {
            markdown: 'x',
            text: 'x',
            html:
              '<h3>Tiêu đề</h3><p>ok</p><img src=x onerror="window.__xss=3"><script>window.__xss=4</script>' +
              '<p><a href="javascript:window.__xss=5">nhấn</a> <a href="https://dichvucong.gov.vn/" onclick="window.__xss=12">Cổng</a></p>' +
              '<svg><animate onbegin="window.__xss=6" attributeName="x" dur="1s"/></svg>' +
              '<iframe srcdoc="<script>parent.__xss=7</script>"></iframe>' +
              '<p onclick="window.__xss=8" style="position:fixed;inset:0;background:red">phủ</p>' +
              '<details open ontoggle="window.__xss=9"><summary>s</summary>d</details>' +
              '<video><source onerror="window.__xss=13"></video><form><button formaction="javascript:window.__xss=14">b</button></form>' +
              '<a href="data:text/html,<script>alert(1)</script>">data</a><style>:host{display:none}</style>',
          },
          suggestions: [{ label: '<img src=x onerror="window.__xss=11">', message: 'xin chào' }],
          submitUrl: 'javascript:window.__xss=10',
          sources: [],
        }),
      }),
    );
    await openUnprotectedPortal(page, portal.origin('portal'));
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill('câu hỏi');
    await w.input.press('Enter');
    const answer = await waitForBotMessages(page, 2);
    await page.waitForTimeout(500);
    expect(await xssFlag(page)).toBeNull();
    expect(await w.host.locator('.msgs').locator('img, script, svg:not([aria-hidden]), iframe, video, form, style, [style], [onclick], [ontoggle], [open]').count()).toBe(0);
    // <details> is allowed (a document's detail, the notes of a checklist), rebuilt without any attribute: its ontoggle never ran.
    expect(await w.host.locator('.msgs details').evaluateAll((ds) => ds.map((d) => d.attributes.length))).toEqual([0]);
    expect(await w.launcher.isVisible()).toBe(true); // the <style> in the answer did not hide the widget
    const hrefs = await answer.locator('.body a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://dichvucong.gov.vn/']);
    expect(await answer.locator('a.submit').count()).toBe(0); // a javascript: submitUrl gives no button
    expect(await answer.textContent()).toContain('nhấn');
    expect(await w.chips.first().textContent()).toBe('<img src=x onerror="window.__xss=11">');
    await answer.getByText('nhấn').click();
    await answer.getByText('phủ').click();
    await page.waitForTimeout(200);
    expect(await xssFlag(page)).toBeNull();
    await page.context().close();
  });

  it('treats what sessionStorage holds as data: tampered or malformed entries cannot inject or break it', async () => {
    const { page, errors } = await newPage(browser);
    await openUnprotectedPortal(page, portal.origin('portal'));
    await page.evaluate((key) => {
      sessionStorage.setItem(
        key,
        JSON.stringify({
          open: true,
          sid: 5,
          msgs: [
            { r: 'u', t: '<img src=x onerror="window.__xss=1">' },
            { r: 'b', t: 'đáp', h: '<img src=x onerror="window.__xss=2"><p>đáp</p>', l: 'javascript:window.__xss=3', s: [{ label: '<b>x</b>', message: 'y' }] },
            { r: 'x', t: 'z' },
            null,
            { r: 'b', t: 5 },
          ],
        }),
      );
    }, `tthc-widget:${baseUrl()}`);
    await page.reload();
    const w = widget(page);
    await w.dialog.waitFor();
    expect(await w.userMessages.count()).toBe(1);
    expect(await w.userMessages.first().textContent()).toBe('Bạn: <img src=x onerror="window.__xss=1">');
    expect(await w.botMessages.count()).toBe(2); // welcome + the one well-formed answer
    expect(await w.botMessages.nth(1).locator('.body').textContent()).toBe('đáp');
    expect(await w.host.locator('img, b, a.submit').count()).toBe(0);
    expect(await w.chips.first().textContent()).toBe('<b>x</b>');
    await page.waitForTimeout(200);
    expect(await xssFlag(page)).toBeNull();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('adds one global (window.TTHCWidget) and nothing to the page but its own element', async () => {
    const { page } = await newPage(browser);
    await page.goto(`${baseUrl()}/`);
    await widget(page).launcher.waitFor();
    const found = await page.evaluate(() => {
      const frame = document.createElement('iframe');
      document.body.appendChild(frame);
      const clean = frame.contentWindow as Window & Record<string, unknown>;
      const extra = Object.keys(window).filter((k) => !(k in clean) && !/^\d+$/u.test(k)); // "0": the frame itself
      frame.remove();
      return {
        extra,
        api: Object.keys(window.TTHCWidget ?? {}).sort(),
        frozen: Object.isFrozen(window.TTHCWidget),
        lastChild: document.body.lastElementChild?.localName,
        hosts: document.querySelectorAll('tthc-widget').length,
        headStyles: document.head.querySelectorAll('style').length,
        adopted: document.adoptedStyleSheets.length,
        sheets: document.styleSheets.length,
      };
    });
    expect(found.extra).toEqual(['TTHCWidget']);
    expect(found.api).toEqual(['ask', 'close', 'open']);
    expect(found.frozen).toBe(true);
    expect(found.lastChild).toBe('tthc-widget');
    expect(found.hosts).toBe(1);
    expect(found.headStyles).toBe(0);
    expect(found.adopted).toBe(0);
    expect(found.sheets).toBe(1); // portal.css only
    await page.context().close();
  });

  it('works embedded on an allowed portal origin, whatever that page’s CSS does', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(embedUrl(portal.origin('portal'), { css: HOSTILE_CSS, attrs: 'data-color="#ffd400" data-position="left" data-title="Cổng DVC thử nghiệm"' }));
    const w = widget(page);
    await w.launcher.waitFor();
    const own = await page.locator('#own').evaluate((el) => getComputedStyle(el).fontSize);
    expect(own).toBe('40px'); // the page's own styles are untouched by the widget
    const launcher = await w.launcher.evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const host = getComputedStyle(el.getRootNode() instanceof ShadowRoot ? (el.getRootNode() as ShadowRoot).host : el);
      return { fontSize: s.fontSize, bg: s.backgroundColor, color: s.color, left: r.left, bottom: innerHeight - r.bottom, width: r.width, hostOpacity: host.opacity, hostTransform: host.transform, hostVisibility: host.visibility };
    });
    expect(launcher).toMatchObject({ fontSize: '15px', bg: 'rgb(255, 212, 0)', color: 'rgb(17, 24, 39)', left: 20, bottom: 20, hostOpacity: '1', hostTransform: 'none', hostVisibility: 'visible' });
    expect(await w.launcher.isVisible()).toBe(true);
    await w.launcher.click();
    await w.dialog.waitFor();
    expect(await page.getByRole('dialog', { name: 'Cổng DVC thử nghiệm' }).count()).toBe(1);
    await w.input.fill('dang ky ket hon can giay to gi');
    await w.input.press('Enter');
    const answer = await waitForBotMessages(page, 2);
    expect(await answer.textContent()).toContain('1.000894');
    const panel = await w.host.locator('.panel').evaluate((el) => ({ font: getComputedStyle(el).fontFamily, left: el.getBoundingClientRect().left }));
    expect(panel.font).not.toContain('serif,'); // not the page's "serif"
    expect(panel.left).toBe(20);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('cannot reach the API from an origin ALLOWED_ORIGINS does not list, and says so', async () => {
    const { page } = await newPage(browser);
    await page.goto(embedUrl(portal.origin('evil')));
    const w = widget(page);
    await w.launcher.click();
    await w.input.fill('xin chào');
    await w.input.press('Enter');
    await w.errors.first().waitFor();
    expect(await w.errors.first().textContent()).toContain('Không kết nối được với máy chủ');
    expect(await w.errors.first().getByRole('button', { name: 'Thử lại' }).count()).toBe(1);
    await page.context().close();
  });
});

if (!hasChromium) describe('widget security and isolation', () => it.skip(SKIP_REASON, () => {}));
