import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

interface SearchBody {
  query: string;
  hits: { code: string; name: string; levels: string[]; score: number }[];
  tookMs: number;
}

const get = (q: string, extra = '') => SELF.fetch(`http://localhost/api/search?q=${encodeURIComponent(q)}${extra}`);

describe('GET /api/search', () => {
  it('finds a procedure from a question typed without diacritics', async () => {
    const res = await get('dang ky khai sinh cho con');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchBody;
    expect(body.hits[0]?.code).toBe('1.001193');
    expect(body.hits[0]?.name).toContain('khai sinh');
    expect(body.tookMs).toBeGreaterThanOrEqual(0);
    expect(body.hits.length).toBeLessThanOrEqual(5);
  });

  it('looks a procedure up by its exact code', async () => {
    const body = (await (await get('thủ tục 1.009122 cần gì')).json()) as SearchBody;
    expect(body.hits[0]?.code).toBe('1.009122');
  });

  it('honours limit and the level filter', async () => {
    const body = (await (await get('cấp giấy phép xây dựng', '&limit=12&level=commune')).json()) as SearchBody;
    expect(body.hits.length).toBeGreaterThan(5);
    expect(body.hits.length).toBeLessThanOrEqual(12);
    for (const h of body.hits) expect(h.levels).toContain('commune');
  });

  it('accepts a 1,000-character question and refuses a longer one with a clear 400', async () => {
    const long = 'Tôi muốn hỏi về thủ tục đăng ký kết hôn với người nước ngoài. '.repeat(20).slice(0, 1000);
    expect((await get(long)).status).toBe(200);
    const res = await get(long + 'x');
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_query');
    expect(body.error.message).toContain('tối đa 1000 ký tự');
  });

  it('refuses an empty query and a bad limit in Vietnamese', async () => {
    for (const url of ['/api/search', '/api/search?q=%20%20', '/api/search?q=abc&limit=0', '/api/search?q=abc&limit=21', '/api/search?q=abc&level=city']) {
      const res = await SELF.fetch(`http://localhost${url}`);
      expect(res.status, url).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệíìỉĩịôốồổỗộơớờởỡợúùủũụưứừửữựýỳỷỹỵ]/u);
    }
  });
});
