// Loading the search index and the catalog in a fresh isolate (this file's own): a corrupted,
// truncated, mismatched or missing index file is refused with a clear 503 and a log line — never
// searched — and is tried again on the next request; many first requests at once load the index
// once. The tests run in order: the index is not loaded until the last ones.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Env } from '../../worker/env';
import worker from '../../worker/index';

const INDEX = '/data/index.bin';

interface ServedAssets {
  fetcher: Fetcher;
  /** Requests for the index file so far. */
  indexFetches(): number;
}

/** The real assets, with the index file's bytes changed by `change` (null: answered 404). */
function assets(change: (bytes: Uint8Array) => Uint8Array | null = (b) => b, override: Record<string, string> = {}): ServedAssets {
  let count = 0;
  const real = (env as unknown as Env).ASSETS;
  const fetcher = {
    async fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
      const request = new Request(input, init);
      const path = new URL(request.url).pathname;
      if (path in override) return new Response(override[path]);
      const res = await real.fetch(request);
      if (path !== INDEX) return res;
      count++;
      const bytes = change(new Uint8Array(await res.arrayBuffer()));
      return bytes ? new Response(new Uint8Array(bytes)) : new Response('Not Found', { status: 404 });
    },
  } as unknown as Fetcher;
  return { fetcher, indexFetches: () => count };
}

async function call(served: ServedAssets, path: string, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`http://localhost${path}`, init), { ...(env as unknown as Env), ASSETS: served.fetcher }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const search = (served: ServedAssets, q = 'đăng ký khai sinh') => call(served, `/api/search?q=${encodeURIComponent(q)}`);
const chat = (served: ServedAssets) =>
  call(served, '/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'đăng ký kết hôn cần giấy tờ gì' }) });

async function expectUnavailable(res: Response): Promise<void> {
  expect(res.status).toBe(503);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('catalog_unavailable');
  expect(body.error.message).toBe('Dữ liệu thủ tục hành chính tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.');
}

afterEach(() => vi.restoreAllMocks());

describe('a search index file the worker must refuse', () => {
  it('answers 503 in Vietnamese for a corrupted file (a changed byte), on search and chat, and logs why', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const corrupted = assets((b) => {
      const out = b.slice();
      out[Math.floor(out.length / 2)]! ^= 0x40;
      return out;
    });
    await expectUnavailable(await search(corrupted));
    await expectUnavailable(await chat(corrupted));
    const lines = errors.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => l.includes('search.index.checksum') && l.includes('checksum'))).toBe(true);
    // A refused file is not kept: each request tries again.
    expect(corrupted.indexFetches()).toBe(2);
  });

  it('answers 503 for a truncated file, a file of another format version, and a missing file', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expectUnavailable(await search(assets((b) => b.slice(0, b.length - 4096))));
    await expectUnavailable(
      await search(
        assets((b) => {
          const out = b.slice();
          new DataView(out.buffer).setUint32(8, 999, true);
          return out;
        }),
      ),
    );
    await expectUnavailable(await search(assets(() => null)));
    const lines = errors.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => l.includes('search.index.truncated'))).toBe(true);
    expect(lines.some((l) => l.includes('search.index.version') && l.includes('npm run build'))).toBe(true);
    expect(lines.some((l) => l.includes('search.index.fetch') && l.includes('HTTP 404'))).toBe(true);
  });
});

describe('the catalog assets', () => {
  it('answers 503 for a catalog summary or a record that is not what the build wrote, and recovers', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expectUnavailable(await call(assets(undefined, { '/data/summary.json': '{"total":' }), '/api/health'));
    await expectUnavailable(await call(assets(undefined, { '/data/procedures/1.001193.json': '{"code":"1.001193"}' }), '/api/procedures/1.001193'));
    expect((await call(assets(), '/api/health')).status).toBe(200);
  });
});

describe('a fresh isolate with a sound index file', () => {
  it('loads the index once for many first requests arriving together', async () => {
    const served = assets();
    const responses = await Promise.all(Array.from({ length: 12 }, () => search(served)));
    const bodies = await Promise.all(responses.map((r) => r.json() as Promise<{ hits: { code: string }[] }>));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    for (const body of bodies) expect(body.hits.map((h) => h.code)).toEqual(bodies[0]!.hits.map((h) => h.code));
    expect(bodies[0]!.hits[0]?.code).toBe('1.001193');
    expect(served.indexFetches()).toBe(1);
    // Loaded: later requests, chat included, do not read it again.
    expect((await chat(served)).status).toBe(200);
    expect((await search(served, 'cấp lại giấy phép lái xe')).status).toBe(200);
    expect(served.indexFetches()).toBe(1);
  });
});
