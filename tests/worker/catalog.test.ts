import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { checklistGroups } from '../../worker/catalog/checklist';
import { procedureSchema, type Procedure } from '../../worker/catalog/schema';

describe('GET /api/health', () => {
  it('reports the catalog counts', async () => {
    const res = await SELF.fetch('http://localhost/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      ok: boolean;
      catalog: { total: number; listed: number; detailed: number; provincialOrCommune: number; levels: { ministry: number } };
    };
    expect(body.ok).toBe(true);
    // 5,670 lines in the portal's list, one a duplicate code once trimmed (" 1.014325").
    expect(body.catalog.listed).toBe(5669);
    expect(body.catalog.total).toBeGreaterThanOrEqual(body.catalog.listed);
    expect(body.catalog.detailed).toBeGreaterThanOrEqual(3000);
    expect(body.catalog.provincialOrCommune).toBeGreaterThan(1950);
    expect(body.catalog.levels.ministry).toBeGreaterThan(0);
  });
});

describe('GET /api/procedures/:code', () => {
  it('returns a portal record with its cases, components, fees and times', async () => {
    const res = await SELF.fetch('http://localhost/api/procedures/1.009122');
    expect(res.status).toBe(200);
    const p = (await res.json()) as Procedure;
    expect(p.detail).toBe(true);
    expect(p.cases).toHaveLength(3);
    const first = p.cases[0]?.components[0];
    expect(first?.originals).toBeTypeOf('number');
    expect(first?.copies).toBeTypeOf('number');
    const fees = p.methods.flatMap((m) => m.fees.map((f) => f.amountVnd));
    expect(fees).toContain(100000);
    expect(fees).toContain(50000);
    const days = p.methods.map((m) => m.time?.value);
    expect(days).toContain(15);
    expect(days).toContain(10);
    expect(p.url).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//u);
  });

  it('carries the structured checklist: 1.001193 as one list, the declaration form first, the verbatim text kept', async () => {
    const res = await SELF.fetch('http://localhost/api/procedures/1.001193');
    const p = procedureSchema.parse(await res.json());
    expect(p.cases).toHaveLength(1);
    // Stored in the source's order (the application moved first); read in groups (worker/catalog/checklist.ts).
    const [form, online, birth] = checklistGroups(p.cases[0]!.components).everyone;
    expect(p.cases[0]!.components[0]).toBe(form);
    expect(form).toMatchObject({
      name: '- Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);',
      title: 'Tờ khai đăng ký khai sinh theo mẫu',
      kind: 'submit',
      condition: null,
      originals: 1,
    });
    expect(online?.title).toBe('Mẫu hộ tịch điện tử tương tác đăng ký khai sinh');
    expect(birth).toMatchObject({ title: 'Giấy chứng sinh', kind: 'submit', condition: null });
    expect(p.cases[0]!.components.filter((c) => c.kind === 'note').length).toBeGreaterThan(15);
  });

  it('returns a scraped record with its online method and the fee reduction text', async () => {
    const res = await SELF.fetch('http://localhost/api/procedures/1.008905');
    const p = (await res.json()) as Procedure;
    expect(p.provenance.source).toBe('scraped-page');
    const online = p.methods.find((m) => m.method === 'online');
    expect(online?.time).toMatchObject({ value: 3, unit: 'working_day' });
    expect(online?.fees[0]?.amountVnd).toBe(500000);
    expect(online?.fees[0]?.text).toContain('250.000 đồng');
    expect(p.online.available).toBe(true);
  });

  it('returns a catalog-only procedure with detail: false', async () => {
    const health = (await (await SELF.fetch('http://localhost/api/health')).json()) as { catalog: { total: number; detailed: number } };
    expect(health.catalog.total - health.catalog.detailed).toBeGreaterThan(0);
    const res = await SELF.fetch('http://localhost/api/procedures/3.000616');
    const p = (await res.json()) as Procedure;
    expect(res.status).toBe(200);
    expect(p.detail).toBe(false);
    expect(p.name).toContain('bán dẫn');
  });

  it('answers 404 with a Vietnamese message and a code for an unknown code', async () => {
    const res = await SELF.fetch('http://localhost/api/procedures/9.999999');
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('procedure_not_found');
    expect(body.error.message).toContain('Không tìm thấy thủ tục');
  });

  it('answers 404 invalid_code for a malformed code, without echoing markup', async () => {
    const res = await SELF.fetch('http://localhost/api/procedures/%3Cscript%3E');
    expect(res.status).toBe(404);
    const text = await res.text();
    expect(text).not.toContain('<script>');
    expect(JSON.parse(text).error.code).toBe('invalid_code');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await SELF.fetch('http://localhost/api/nope');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
