// Shared helpers of the browser tests: Debian's Chromium driven by playwright-core (Playwright's
// own browser download is not available), the server from global-setup.ts, widget locators.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `browser tests skipped: no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium; .ci/run does)`;
if (!hasChromium) console.warn(SKIP_REASON);

export const baseUrl = (): string => inject('baseUrl');

export const LAUNCHER = 'Mở trợ lý thủ tục hành chính';

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/u.test(m.text())) errors.push(`csp: ${m.text()}`);
  });
  return { context, page, errors };
}

/** Locators inside the widget (Playwright's CSS and role selectors pierce open shadow roots). */
export function widget(page: Page) {
  const host = page.locator('tthc-widget');
  return {
    host,
    launcher: page.getByRole('button', { name: LAUNCHER }),
    dialog: page.getByRole('dialog'),
    input: host.locator('textarea'),
    userMessages: host.locator('.msg.u'),
    /** Answers, not counting the welcome message. */
    answers: host.locator('.msg.b:not(.typing)').filter({ has: page.locator('.acts, .submit') }),
    botMessages: host.locator('.msg.b:not(.typing)'),
    chips: host.locator('.chips .chip'),
    submit: host.locator('a.submit'),
    errors: host.locator('.msg.err'),
    live: host.locator('[aria-live="polite"]'),
  };
}

/** Waits until the widget shows `n` bot messages (welcome included) and no typing indicator. */
export async function waitForBotMessages(page: Page, n: number): Promise<Locator> {
  const w = widget(page);
  await expect.poll(() => w.botMessages.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
  await expect.poll(() => w.host.locator('.typing').count(), { timeout: 20_000 }).toBe(0);
  return w.botMessages.nth(n - 1);
}

/** The element focused inside the widget's shadow root (tag + class), or null when focus is outside. */
export function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const host = document.querySelector('tthc-widget');
    if (document.activeElement !== host) return null;
    const el = host?.shadowRoot?.activeElement;
    return el ? `${el.localName}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}` : null;
  });
}

let axeSource: string | null = null;
/** Runs axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page, shadow DOM included. */
export async function runAxe(page: Page): Promise<{ id: string; impact: string | null; help: string; targets: string[] }[]> {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated over the DevTools protocol: not subject to the page's CSP (which forbids inline scripts).
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/**
 * A stand-in for a province's portal on another origin: a local HTTP server on the port the global
 * setup reserved, reachable as http://portal.localhost:PORT (listed in ALLOWED_ORIGINS) and
 * http://evil.localhost:PORT (not listed). GET /embed?css=…&attrs=… returns a page that embeds the
 * widget from the worker with the given script attributes and page CSS.
 */
export async function startPortal(): Promise<{ origin: (host: 'portal' | 'evil') => string; close: () => Promise<void> }> {
  const port = inject('portalPort');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const css = url.searchParams.get('css') ?? '';
    const attrs = url.searchParams.get('attrs') ?? '';
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Cổng Dịch vụ công tỉnh thử nghiệm</title>
<style>${css}</style></head><body>
<main><h1>Cổng Dịch vụ công tỉnh thử nghiệm</h1><p>Trang của một cổng thông tin khác.</p><button id="own" type="button">Nút của trang</button></main>
<script src="${baseUrl()}/widget.js" async ${attrs}></script>
</body></html>`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: (host) => `http://${host}.localhost:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The /embed URL of the stand-in portal. */
export function embedUrl(origin: string, opts: { css?: string; attrs?: string } = {}): string {
  const q = new URLSearchParams();
  if (opts.css) q.set('css', opts.css);
  if (opts.attrs) q.set('attrs', opts.attrs);
  return `${origin}/embed?${q}`;
}

/** One A4 page (595 × 842 pt), in the PDF Chromium prints; returns the number of pages. */
export function a4Pages(pdf: Buffer): { a4: boolean; pages: number } {
  const text = pdf.toString('latin1');
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/gu)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const a4 = boxes.length > 0 && boxes.every(([w, h]) => Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2);
  return { a4, pages: (text.match(/\/Type\s*\/Page\b/gu) ?? []).length };
}
