// Bad input of every kind: always a 4xx with a Vietnamese message and a machine code (or a normal
// answer when the input happens to be valid), never a 5xx, never the input reflected as markup.
import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const MARKER = '<img src=x onerror=alert(1)>';

// Strings with what breaks naive code: combining marks, right-to-left text, emoji, NUL, lone surrogates.
const nasty = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\u0301\u0302\u0303', '\u202eabc', 'مرحبا', '👨‍👩‍👧', '\uFEFF', MARKER, '<script>alert(1)</script>'),
  fc.array(fc.constantFrom('\u0300', '\u0301', '\u200d', '\u0000', '😀', 'đ', 'ư', '<', '"', '\\'), { maxLength: 60 }).map((a) => a.join('')),
);

async function expectHandled(res: Response, allowOk = true): Promise<void> {
  const text = await res.text();
  expect(res.status, text.slice(0, 300)).toBeLessThan(500);
  if (res.status >= 400) {
    const body = JSON.parse(text) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/^[a-z_]+$/u);
    expect(body.error.message).toMatch(VIETNAMESE);
  } else {
    expect(allowOk).toBe(true);
  }
  expect(text).not.toContain('<img');
  expect(text).not.toContain('<script');
}

// Percent-encodes UTF-8 bytes as a browser would (a lone surrogate becomes U+FFFD).
const encodeQuery = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

const post = (path: string, body: BodyInit, type = 'application/json') =>
  SELF.fetch(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': type }, body });

describe('fuzz: /api/chat, /api/feedback, /api/search', () => {
  it('handles random Unicode messages', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (message) => {
        await expectHandled(await post('/api/chat', JSON.stringify({ message })));
      }),
      { numRuns: 40 },
    );
  });

  it('handles any JSON value as a body, with wrong types and extra fields', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom('/api/chat', '/api/feedback'), async (value, path) => {
        await expectHandled(await post(path, JSON.stringify(value)));
      }),
      { numRuns: 40 },
    );
  });

  it('handles truncated JSON and wrong content types', async () => {
    const valid = JSON.stringify({ message: 'đăng ký khai sinh cần giấy tờ gì', sessionId: 'abcdefgh1234' });
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', ''), async (cut, type) => {
        await expectHandled(await post('/api/chat', valid.slice(0, cut), type), false);
      }),
      { numRuns: 30 },
    );
  });

  it('refuses huge and deeply nested bodies before parsing them', async () => {
    await expectHandled(await post('/api/chat', JSON.stringify({ message: 'x'.repeat(1_100_000) })), false);
    await expectHandled(await post('/api/feedback', '['.repeat(200_000) + ']'.repeat(200_000)), false);
    await expectHandled(await post('/api/chat', '{"message":' + '['.repeat(5000) + '"a"' + ']'.repeat(5000) + '}'), false);
  });

  it('handles malformed percent-encoding in a query string', async () => {
    for (const q of ['%', '%E0%A4%A', '%ED%A0%80', '%00', '%FF%FE']) await expectHandled(await SELF.fetch(`http://localhost/api/search?q=${q}`));
  });

  it('handles random search queries', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, fc.oneof(fc.constant(undefined), fc.string({ maxLength: 6 })), async (q, limit) => {
        const url = `http://localhost/api/search?q=${encodeQuery(q)}${limit === undefined ? '' : `&limit=${encodeQuery(limit)}`}`;
        await expectHandled(await SELF.fetch(url));
      }),
      { numRuns: 40 },
    );
  });
});

describe('fuzz: the public procedure pages (/thu-tuc/:code, /thu-tuc?q=)', () => {
  /** An HTML page: never a 5xx, Vietnamese, never what was sent reflected as markup. */
  async function expectPage(res: Response): Promise<void> {
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(text).toMatch(VIETNAMESE);
    expect(text).not.toContain('<img');
    expect(text).not.toContain('<script>');
  }

  it('answers any code in the path with a page (404 for all but real codes)', async () => {
    await fc.assert(
      fc.asyncProperty(nasty, async (code) => {
        await expectPage(await SELF.fetch(`http://localhost/thu-tuc/${encodeQuery(code)}`));
      }),
      { numRuns: 40 },
    );
    for (const q of ['%', '%E0%A4%A', '%ED%A0%80', '%00', '%FF%FE']) await expectPage(await SELF.fetch(`http://localhost/thu-tuc/${q}`));
  });

  it('answers any search with a page', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nasty, fc.string({ minLength: 190, maxLength: 400 })), async (q) => {
        await expectPage(await SELF.fetch(`http://localhost/thu-tuc?q=${encodeQuery(q)}`));
      }),
      { numRuns: 30 },
    );
    for (const q of ['%', '%E0%A4%A', '%ED%A0%80', '%00', '%FF%FE']) await expectPage(await SELF.fetch(`http://localhost/thu-tuc?q=${q}`));
  });
});
