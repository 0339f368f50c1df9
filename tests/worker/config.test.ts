// A wrong setting, in the real runtime: the worker says so in its log and answers 503 with a
// Vietnamese message on every path, rather than running on a default nobody chose.
import { describe, expect, it, vi } from 'vitest';
import { callWorker } from './channels-helpers';

describe('a wrong setting', () => {
  it('RATE_LIMIT_IP_PER_MIN=abc: a log line naming it, and 503 config_invalid in Vietnamese everywhere', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const overrides = { RATE_LIMIT_IP_PER_MIN: 'abc' };
    const chat = await callWorker(
      new Request('http://localhost/api/chat', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'đăng ký khai sinh' }) }),
      overrides,
    );
    expect(chat.status).toBe(503);
    expect(await chat.json()).toEqual({
      error: { code: 'config_invalid', message: 'Hệ thống đang được cấu hình chưa đúng nên tạm thời chưa phục vụ được. Vui lòng thử lại sau ít phút.' },
    });
    for (const path of ['/api/health', '/api/search?q=khai+sinh', '/thu-tuc/1.001193', '/staff']) {
      expect((await callWorker(new Request(`http://localhost${path}`), overrides)).status).toBe(503);
    }
    const lines = logged.mock.calls.map((c) => String(c[0]));
    expect(lines.some((l) => l.startsWith('[failure] config:') && l.includes('RATE_LIMIT_IP_PER_MIN must be a whole number (0 or more), not "abc"'))).toBe(true);
    logged.mockRestore();
  });

  it('the settings of wrangler.toml are valid: the worker answers', async () => {
    expect((await callWorker(new Request('http://localhost/api/health'))).status).toBe(200);
  });
});
