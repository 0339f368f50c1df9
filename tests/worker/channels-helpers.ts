// Helpers of the channel tests (tests/worker/channels-*.test.ts), running in workerd: the stub
// server's recorded requests, and the worker called with its own execution context so that the
// replies sent in the background (waitUntil) are finished when the call returns.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { expect, inject } from 'vitest';
import longest from '../fixtures/longest-answers.json';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';
import type { RecordedRequest } from './stub-server';

export const stubOrigin = (): string => inject('channelStub').origin;

export async function recorded(prefix: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${stubOrigin()}/__requests?prefix=${encodeURIComponent(prefix)}`);
  return (await res.json()) as RecordedRequest[];
}

export async function resetStub(prefix: string): Promise<void> {
  await fetch(`${stubOrigin()}/__reset?prefix=${encodeURIComponent(prefix)}`, { method: 'POST' });
}

/** The next `times` requests under `prefix` answer `status`. */
export async function failNext(prefix: string, status: number, times: number): Promise<void> {
  await fetch(`${stubOrigin()}/__fail`, { method: 'POST', body: JSON.stringify({ prefix, status, times }) });
}

/** Calls the worker and waits for everything it left running (the background replies). */
export async function callWorker(request: Request, overrides: Partial<Env> = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const testEnv = env;

/** The static assets with the procedure records failing (500): the search index still loads. */
export function assetsWithoutRecords(): Fetcher {
  return {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      return url.pathname.startsWith('/data/procedures/') ? Promise.resolve(new Response('down', { status: 500 })) : env.ASSETS.fetch(input, init);
    },
  } as unknown as Fetcher;
}

export function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export async function hmacHex(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text)));
}

/** A user id nobody else uses (sessions, menus and rate limits are per user). */
export const newUserId = (): string => String(Math.floor(Math.random() * 1e15)).padStart(15, '7');

/** Every http(s) URL in a text. */
export const urlsIn = (text: string): string[] => text.match(/https?:\/\/[^\s)]+/gu) ?? [];

/** A national portal procedure page, whole: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<uuid>. */
export const PORTAL_URL = /^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

/** The web chat's plain-text answer to a first question (the reference for what channels send). */
export async function webAnswerText(question: string): Promise<string> {
  const res = await callWorker(
    new Request('http://localhost/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${Math.floor(Math.random() * 200)}` },
      body: JSON.stringify({ message: question }),
    }),
  );
  const body = (await res.json()) as { reply: { text: string } };
  return body.reply.text;
}

export const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** The catalog's longest answers: the procedures with the most components (`npm run short-answers -- --write`). */
export const LONGEST_ANSWERS: { code: string; name: string; components: number }[] = longest.procedures;

/** The public page of a procedure as the worker under test links it (no PUBLIC_BASE_URL: the request's origin). */
export const pageUrl = (code: string) => `http://localhost/thu-tuc/${code}`;

/** A message line that only counts what a short answer leaves out ("+ 3 giấy tờ tùy trường hợp, 17 lưu ý (…)"). */
const COUNTED = /^(\+ \d+ |… và \d+ mục khác|\(\d+ mục: )/u;

/**
 * A short answer as sent: the page's link in it, and nothing cut inside an item — every tick box
 * line is a whole line of the full (web) answer, with at most its sub-items counted after it.
 */
export function expectShortAnswer(messages: string[], code: string, webText: string, maxLength: number): void {
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.length).toBeLessThanOrEqual(2);
  for (const m of messages) expect(m.length).toBeLessThanOrEqual(maxLength);
  const text = messages.join('\n');
  expect(text).toContain(`Xem đầy đủ: ${pageUrl(code)}`);
  const fullLines = new Set(webText.split('\n').map((l) => l.trim()));
  const ticks = text.split('\n').filter((l) => l.trimStart().startsWith('☐'));
  for (const line of ticks) expect(fullLines.has(line.trim().replace(/ \(\+ \d+ mục khác\)$/u, '')), line).toBe(true);
  // Whatever is counted instead of listed says where the rest is.
  for (const line of text.split('\n').filter((l) => COUNTED.test(l))) expect(line).toContain('xem đầy đủ theo đường dẫn bên dưới');
}
