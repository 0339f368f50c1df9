// Bad input on the three webhooks and the staff intake check: random bodies, signed or not, wrong
// types and truncated JSON: always a 4xx with a Vietnamese message and a code (or a 200 for a
// validly signed event the channel ignores), never a 5xx, never the input reflected as markup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callWorker, hmacHex, sha256Hex } from './channels-helpers';
import { bearer, staffFetch } from './staff-helpers';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;

const body = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"object":"page","entry":[', '{"event_name":"user_send_text"', '<img src=x onerror=alert(1)>', '\u0000\ud800', '[]', 'null'),
);

async function expectHandled(res: Response, allowed = [200, 400, 401, 403, 404, 413, 415]): Promise<void> {
  const text = await res.text();
  expect(res.status, text.slice(0, 200)).toBeLessThan(500);
  expect(allowed).toContain(res.status);
  if (res.status >= 400 && text.startsWith('{')) {
    const json = JSON.parse(text) as { error: { code: string; message: string } };
    expect(json.error.code).toMatch(/^[a-z_]+$/u);
    expect(json.error.message).toMatch(VIETNAMESE);
  }
  expect(text).not.toContain('<img');
}

const post = (path: string, raw: string, headers: Record<string, string> = {}) =>
  callWorker(new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw }));

describe('fuzz: webhooks', () => {
  it('Zalo: unsigned, wrongly signed and signed random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('none', 'wrong', 'signed'), async (raw, sign) => {
        const headers: Record<string, string> = {};
        if (sign === 'wrong') headers['X-ZEvent-Signature'] = 'mac=00';
        if (sign === 'signed') headers['X-ZEvent-Signature'] = `mac=${await sha256Hex('test-zalo-app' + raw + 'undefined' + 'test-zalo-oa-secret')}`;
        await expectHandled(await post('/channels/zalo/webhook', raw, headers));
      }),
      { numRuns: 40 },
    );
  });

  it('Messenger: unsigned and correctly signed random bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (raw, signed) => {
        const headers: Record<string, string> = signed ? { 'X-Hub-Signature-256': `sha256=${await hmacHex('test-messenger-app-secret', raw)}` } : {};
        await expectHandled(await post('/channels/messenger/webhook', raw, headers));
      }),
      { numRuns: 40 },
    );
  });

  it('Bot Framework: random bodies with missing or forged tokens', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('', 'Bearer x.y.z', 'Bearer ' + 'a'.repeat(500), 'Basic Zm9vOmJhcg=='), async (raw, auth) => {
        await expectHandled(await post('/api/messages', raw, auth ? { Authorization: auth } : {}));
      }),
      { numRuns: 30 },
    );
  });
});

describe('fuzz: POST /api/staff/intake-check', () => {
  it('refuses any malformed body with a 4xx, for an authenticated clerk', async () => {
    const intake = fc.oneof(
      body,
      fc.record({
        code: fc.oneof(fc.constant('1.009122'), fc.string({ maxLength: 12 })),
        case: fc.oneof(fc.integer({ min: -5, max: 20 }), fc.string({ maxLength: 3 })),
        received: fc.array(fc.record({ component: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.string({ maxLength: 20 })), originals: fc.integer({ min: -2, max: 9 }), copies: fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constant('x')) }), { maxLength: 6 }),
      }).map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(intake, async (raw) => {
        const res = await staffFetch('/api/staff/intake-check', { method: 'POST', headers: { 'content-type': 'application/json', ...bearer() }, body: raw });
        await expectHandled(res, [200, 400, 404, 413, 415, 429]);
      }),
      { numRuns: 60 },
    );
  });
});
