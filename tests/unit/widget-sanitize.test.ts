// The widget's allowlist sanitizer (widget/src/sanitize.ts), run on a happy-dom document with
// script evaluation and resource loading disabled. The same sanitizer runs in real Chromium in
// tests/browser/security.test.ts, where a handler that ran would set a flag.
import { Window } from 'happy-dom';
import { afterAll, describe, expect, it } from 'vitest';
import { httpUrl } from '../../worker/lib/url.ts';
import { ALLOWED_TAGS, sanitizeHtml } from '../../widget/src/sanitize.ts';

const window = new Window({
  url: 'https://portal.example.gov.vn/',
  settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true },
});
const document = window.document as unknown as Document;
const parser = new window.DOMParser() as unknown as DOMParser;
afterAll(() => window.close());

/** Sanitizes into a <div> and returns it (its innerHTML is read only to check the result). */
function clean(html: string): HTMLElement {
  const div = document.createElement('div');
  div.appendChild(sanitizeHtml(html, document, parser));
  return div;
}

function allElements(root: Element): Element[] {
  return [...root.querySelectorAll('*')];
}

describe('widget sanitizer', () => {
  it('keeps the markup the server produces for an answer', () => {
    const html = [
      '<h3><strong>Thủ tục đăng ký khai sinh</strong> (mã 1.001193)</h3>',
      '<p><em>Cấp thực hiện: cấp xã</em></p>',
      '<ul><li>☐ Giấy chứng sinh — 1 bản chính</li></ul>',
      '<ol><li>Nộp hồ sơ</li><li>Nhận kết quả</li></ol>',
      '<table><thead><tr><th align="left">Cách nộp</th><th>Lệ phí</th></tr></thead><tbody><tr><td>Trực tiếp</td><td>Miễn phí</td></tr></tbody></table>',
      '<p><a href="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x" target="_blank" rel="noopener noreferrer">Nộp hồ sơ trực tuyến</a><br>Dòng 2 <code>1.001193</code> <b>b</b> <i>i</i> <span>s</span></p>',
      '<h4>Căn cứ pháp lý</h4>',
    ].join('');
    const out = clean(html);
    expect(out.querySelector('h3 strong')?.textContent).toBe('Thủ tục đăng ký khai sinh');
    expect(out.querySelectorAll('li')).toHaveLength(3);
    expect(out.querySelector('ol li')?.textContent).toBe('Nộp hồ sơ');
    expect(out.querySelectorAll('table thead tr th')).toHaveLength(2);
    expect(out.querySelector('th')?.hasAttribute('align')).toBe(false);
    expect(out.querySelector('tbody td')?.textContent).toBe('Trực tiếp');
    const a = out.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    for (const tag of ['br', 'code', 'b', 'i', 'span', 'h4', 'em']) expect(out.querySelector(tag), tag).not.toBeNull();
    expect(out.textContent).toContain('Miễn phí');
  });

  it('keeps the collapsed detail of a checklist item and the collapsed notes (<details>, <summary>), without attributes', () => {
    const out = clean(
      '<ul><li><details open ontoggle="window.__xss=4"><summary onclick="window.__xss=5">☐ Giấy chứng sinh — 1 bản chính</summary><p>trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng</p></details></li></ul>' +
        '<details><summary>Lưu ý (23 mục)</summary><ul><li>Người tiếp nhận có trách nhiệm…</li></ul></details>',
    );
    const details = out.querySelectorAll('details');
    expect(details).toHaveLength(2);
    expect(details[0]!.querySelector('summary')?.textContent).toBe('☐ Giấy chứng sinh — 1 bản chính');
    expect(details[0]!.querySelector('p')?.textContent).toContain('người làm chứng');
    expect(details[1]!.querySelector('summary')?.textContent).toBe('Lưu ý (23 mục)');
    for (const el of allElements(out)) expect(el.attributes.length, el.tagName).toBe(0);
  });

  it('drops script, style, img, iframe, svg and form content entirely', () => {
    const out = clean(
      '<p>trước</p><script>window.__xss=1</script><style>*{display:none}</style><img src=x onerror="window.__xss=2">' +
        '<iframe src="https://evil.example/"></iframe><svg onload="window.__xss=3"><text>svg</text></svg>' +
        '<math><mi>m</mi></math><form action="https://evil.example/"><input name="q"><button>Gửi</button></form>' +
        '<object data="x"></object><embed src="x"><template><p>tpl</p></template><noscript>ns</noscript>' +
        '<textarea>ta</textarea><select><option>o</option></select><title>t</title><p>sau</p>',
    );
    expect(out.textContent).toBe('trướcsau');
    expect(allElements(out).map((e) => e.localName)).toEqual(['p', 'p']);
  });

  it('unwraps tags outside the allowlist but keeps their text', () => {
    const out = clean('<div><h1>Tiêu đề</h1><blockquote>Trích <u>dẫn</u></blockquote><font color=red>chữ</font></div>');
    expect(out.textContent).toBe('Tiêu đềTrích dẫnchữ');
    expect(allElements(out)).toHaveLength(0);
  });

  it('removes every attribute except href/target/rel on links', () => {
    const out = clean(
      '<p style="position:fixed" onclick="x()" id="a" class="b" title="t" data-x="1">p</p>' +
        '<strong onmouseover="x()">s</strong><span style="color:red" aria-hidden="true">s</span>' +
        '<a href="https://a.gov.vn/" onclick="x()" style="x" id="l" target="_self" rel="opener" download>l</a>',
    );
    for (const el of allElements(out)) {
      const names = [...el.attributes].map((a) => a.name).sort();
      expect(names, el.localName).toEqual(el.localName === 'a' ? ['href', 'rel', 'target'] : []);
    }
    const a = out.querySelector('a')!;
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('keeps only absolute http(s) links; others become plain text', () => {
    const hrefs = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'jav&#x09;ascript:alert(1)',
      '&#106;avascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example/',
      '/relative',
      'mailto:a@b.vn',
    ];
    for (const href of hrefs) {
      const out = clean(`<p><a href="${href.replace(/"/gu, '&quot;')}">nhấn</a></p>`);
      expect(out.querySelector('a'), href).toBeNull();
      expect(out.textContent).toBe('nhấn');
    }
    expect(clean('<a href="http://a.gov.vn/x?y=1">a</a>').querySelector('a')?.getAttribute('href')).toBe('http://a.gov.vn/x?y=1');
  });

  it('links (httpUrl, shared with the worker) are only absolute http(s) URLs', () => {
    expect(httpUrl('https://dichvucong.gov.vn/p')).toBe('https://dichvucong.gov.vn/p');
    expect(httpUrl('HTTPS://DICHVUCONG.GOV.VN/p')).toBe('https://dichvucong.gov.vn/p');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('data:text/html,x')).toBeNull();
    expect(httpUrl('/api/x')).toBeNull();
    expect(httpUrl('')).toBeNull();
    expect(httpUrl(null)).toBeNull();
  });

  it('shows markup-looking text as text (mutation-XSS shapes stay inert)', () => {
    const inputs = [
      '&lt;img src=x onerror=alert(1)&gt;',
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
      '<p title="</p><img src=x onerror=alert(1)>">x</p>',
      '<svg><style><img src=x onerror=alert(1)></style></svg>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '<!--<img src=x onerror=alert(1)>-->',
      '<![CDATA[<img src=x onerror=alert(1)>]]>',
    ];
    for (const html of inputs) {
      const out = clean(html);
      expect(out.querySelector('img,script,style,svg,math,noscript'), html).toBeNull();
      for (const el of allElements(out)) {
        expect(ALLOWED_TAGS.has(el.localName), `${html} → ${el.localName}`).toBe(true);
        if (el.localName !== 'a') expect(el.attributes.length).toBe(0);
      }
    }
    expect(clean('&lt;img src=x onerror=alert(1)&gt;').textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('creates its nodes in the target document and survives deep nesting', () => {
    const deep = `${'<span>'.repeat(200)}sâu${'</span>'.repeat(200)}`;
    const frag = sanitizeHtml(`<p>a</p>${deep}`, document, parser);
    expect(frag.ownerDocument).toBe(document);
    const div = document.createElement('div');
    div.appendChild(frag);
    expect(div.querySelector('p')?.textContent).toBe('a');
  });
});
