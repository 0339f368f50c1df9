// The public page of a procedure (GET /thu-tuc/:code), its 404 and its search, in workerd against
// the built catalog. The page in a browser (axe, print, the QR code read back) is in
// tests/browser/procedure-page.test.ts.
import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import type { Component, Procedure } from '../../worker/catalog/schema';
import { assetsWithoutRecords, callWorker } from './channels-helpers';

const escape = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');

async function record(code: string): Promise<Procedure> {
  return (await (await SELF.fetch(`http://localhost/api/procedures/${code}`)).json()) as Procedure;
}

const flatten = (cs: Component[]): Component[] => cs.flatMap((c) => [c, ...flatten(c.children)]);

/** The content of <meta name|property="…">. */
function meta(html: string, key: string): string | null {
  const m = new RegExp(`<meta (?:name|property)="${key.replace(/\./gu, '\\.')}" content="([^"]*)">`, 'u').exec(html);
  return m ? m[1]! : null;
}

describe('GET /thu-tuc/:code', () => {
  it('serves the whole checklist of 1.000894 as an HTML page with the worker CSP, in reading order, a tick box per document', async () => {
    const res = await SELF.fetch('http://localhost/thu-tuc/1.000894');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/iu);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/u);
    // No inline script or style: the CSP would block them.
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]|<style|style="/u);
    const p = await record('1.000894');
    const components = flatten(p.cases.flatMap((c) => c.components));
    // Every document and every note of the record is on the page (the short answers leave them out).
    for (const c of components) expect(html, c.title).toContain(escape(c.kind === 'note' ? c.title.slice(0, 40) : c.title));
    // A tick box per document (notes are no documents), each labelled.
    const documents = components.filter((c) => c.kind !== 'note').length;
    expect(html.match(/<input type="checkbox" id="([^"]+)"><label for="\1">/gu)).toHaveLength(documents);
    // Reading order: to submit, to present, "tùy trường hợp" with its condition, the notes.
    const at = (s: string) => html.indexOf(s);
    expect(at('Tờ khai đăng ký kết hôn theo mẫu')).toBeLessThan(at('Giấy tờ phải xuất trình'));
    expect(at('Giấy tờ phải xuất trình')).toBeLessThan(at('<h3>Tùy trường hợp</h3>'));
    expect(html).toContain('<em class="cond">Trường hợp gửi hồ sơ qua hệ thống bưu chính:</em> Bản sao có chứng thực');
    expect(at('<h3>Tùy trường hợp</h3>')).toBeLessThan(at('<h3>Lưu ý</h3>'));
    // Where, fees and times per method, steps, the submission button, the source with its date.
    expect(html).toContain('Nơi nộp hồ sơ');
    expect(html).toContain('Cách nộp: Trực tuyến, Dịch vụ bưu chính, Trực tiếp.');
    expect(html).toContain('Phí, lệ phí và thời hạn giải quyết');
    expect(html).toContain('<th scope="row">Trực tuyến</th>');
    expect(html).toContain('Miễn lệ phí');
    expect(html.match(/<section class="steps"[\s\S]*?<\/section>/u)?.[0].match(/<li>/gu)).toHaveLength(p.steps.length);
    expect(html).toContain(`<a class="btn primary" href="${escape(p.url!)}" target="_blank" rel="noopener noreferrer">Nộp hồ sơ trực tuyến`);
    expect(html).toContain('Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính (dữ liệu thu thập ngày 18/07/2026). Quyết định công bố: 163/QĐ-BTP.');
  });

  it('has the title, description and Open Graph tags a shared link previews with, and a QR code of its own address', async () => {
    const html = await (await SELF.fetch('http://localhost/thu-tuc/1.000894')).text();
    expect(html).toContain('<title>Thủ tục đăng ký kết hôn (mã 1.000894) – Hướng dẫn thủ tục hành chính</title>');
    const description = meta(html, 'description')!;
    expect(description).toMatch(/^Thủ tục đăng ký kết hôn \(mã 1\.000894\): 6 giấy tờ cần chuẩn bị, phí, lệ phí, thời hạn/u);
    expect(meta(html, 'og:title')).toBe('Thủ tục đăng ký kết hôn (mã 1.000894) – Hướng dẫn thủ tục hành chính');
    expect(meta(html, 'og:description')).toBe(description);
    expect(meta(html, 'og:url')).toBe('http://localhost/thu-tuc/1.000894');
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:locale')).toBe('vi_VN');
    expect(meta(html, 'og:site_name')).toBe('Trung tâm Phục vụ hành chính công');
    expect(html).toContain('<link rel="canonical" href="http://localhost/thu-tuc/1.000894">');
    expect(html).toMatch(/<svg class="qr-code" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1" role="img" aria-label="Mã QR của địa chỉ trang: http:\/\/localhost\/thu-tuc\/1\.000894"/u);
    expect(html).toContain('Phiếu hướng dẫn thủ tục hành chính');
  });

  it('uses PUBLIC_BASE_URL for its address (canonical, Open Graph, QR code) when it is set', async () => {
    const res = await callWorker(new Request('http://localhost/thu-tuc/1.000894'), { PUBLIC_BASE_URL: 'https://tthc.example.gov.vn/' });
    const html = await res.text();
    expect(meta(html, 'og:url')).toBe('https://tthc.example.gov.vn/thu-tuc/1.000894');
    expect(html).toContain('aria-label="Mã QR của địa chỉ trang: https://tthc.example.gov.vn/thu-tuc/1.000894"');
    // A value that is no http(s) URL is never linked: the worker refuses to run on it (config.ts).
    const bad = await callWorker(new Request('http://localhost/thu-tuc/1.000894'), { PUBLIC_BASE_URL: 'javascript:alert(1)' });
    expect(bad.status).toBe(503);
    const text = await bad.text();
    expect(text).toContain('"code":"config_invalid"');
    expect(text).not.toContain('javascript:');
  });

  it('lists each case of a procedure with several, under its own heading, with a table of contents', async () => {
    const p = await record('1.000049');
    expect(p.cases.length).toBeGreaterThan(1);
    const html = await (await SELF.fetch('http://localhost/thu-tuc/1.000049')).text();
    for (let i = 1; i <= p.cases.length; i++) {
      expect(html).toContain(`<section class="case" id="truong-hop-${i}"`);
      expect(html).toContain(`<a href="#truong-hop-${i}">`);
    }
    expect(html).toContain(escape(p.receivingAddress.slice(0, 60)));
  });

  it('shows a procedure the catalog only lists (no detail) with what it has and the portal link', async () => {
    const p = await record('1.000030');
    expect(p.detail).toBe(false);
    const res = await SELF.fetch('http://localhost/thu-tuc/1.000030');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(escape(p.name));
    expect(html).toContain('chưa có thành phần hồ sơ');
    expect(html).not.toContain('type="checkbox"');
  });

  it('answers an unknown or malformed code with a Vietnamese 404 page and a search box, never reflecting markup', async () => {
    const unknown = await SELF.fetch('http://localhost/thu-tuc/9.999999');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(unknown.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await unknown.text();
    expect(html).toContain('<h1>Không tìm thấy thủ tục</h1>');
    expect(html).toContain('Không có thủ tục mã “9.999999” trong cơ sở dữ liệu.');
    expect(html).toMatch(/<form class="search no-print" method="get" action="\/thu-tuc" role="search">/u);
    expect(html).toContain('<meta name="robots" content="noindex">');
    const malformed = await SELF.fetch(`http://localhost/thu-tuc/${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(malformed.status).toBe(404);
    const bad = await malformed.text();
    expect(bad).toContain('Địa chỉ trang không đúng: mã thủ tục có dạng 1.000894.');
    expect(bad).not.toContain('<script>alert');
    expect(bad).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });

  it('searches the catalog from the 404 page: GET /thu-tuc?q= lists procedures linking to their pages', async () => {
    const res = await SELF.fetch(`http://localhost/thu-tuc?q=${encodeURIComponent('dang ky ket hon')}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h2 id="ket-qua" role="status">\d+ thủ tục phù hợp với “dang ky ket hon”:<\/h2>/u);
    expect(html).toContain('<li><a href="/thu-tuc/1.000894">Thủ tục đăng ký kết hôn</a>');
    const nothing = await (await SELF.fetch(`http://localhost/thu-tuc?q=${encodeURIComponent('<b>zzqx</b>')}`)).text();
    // What was typed is shown as text, never as markup.
    expect(nothing).toMatch(/phù hợp với “&lt;b&gt;zzqx&lt;\/b&gt;”/u);
    expect(nothing).not.toContain('<b>zzqx');
    const empty = await SELF.fetch('http://localhost/thu-tuc');
    expect(empty.status).toBe(200);
    expect(await empty.text()).not.toContain('id="ket-qua"');
  });

  it('serves its stylesheet and script as files (the CSP allows no inline code), with a print stylesheet for A4', async () => {
    const css = await SELF.fetch('http://localhost/thu-tuc.css?v=1');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const text = await css.text();
    expect(text).toContain('@media print');
    expect(text).toContain('@page{size:A4');
    const js = await SELF.fetch('http://localhost/thu-tuc.js?v=1');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toContain('window.print()');
  });

  it('answers a catalog it cannot read with a Vietnamese 503 page, not a crash', async () => {
    const assets = assetsWithoutRecords();
    const res = await callWorker(new Request('http://localhost/thu-tuc/1.000895'), { ASSETS: assets });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Hệ thống tạm thời gián đoạn');
  });
});
