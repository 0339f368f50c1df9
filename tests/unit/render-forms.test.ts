// The HTML the widget shows is written straight from the answer blocks (worker/chat/render.ts); the
// Markdown that API clients and Bot Framework get is a rendering of its own. marked, a Markdown
// renderer, reads the Markdown form of real answers back: it must say what the HTML says.
import { Marked } from 'marked';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChat } from '../../scripts/lib/chat';
import type { Procedure } from '../../worker/catalog/schema';
import { composeProcedureAnswer, type AnswerAspect } from '../../worker/chat/compose';
import { toHtml, toMarkdown } from '../../worker/chat/render';

const marked = new Marked({ gfm: true });
/** The visible text of HTML: tags out, entities read, whitespace out (tags may fall between words). */
const visible = (html: string) =>
  html
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&amp;/gu, '&')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/\s+/gu, '');

let catalog: Map<string, Procedure>;
beforeAll(() => {
  catalog = loadChat().catalog;
});

describe('the answer in HTML and in Markdown', () => {
  it('says the same on real answers without collapsed parts (fees, times, places, steps, overviews)', () => {
    const aspects: AnswerAspect[] = ['fee', 'time', 'place', 'steps', 'overview', 'legal'];
    const detailed = [...catalog.values()].filter((p) => p.detail).filter((_, i) => i % 25 === 0);
    expect(detailed.length).toBeGreaterThan(100);
    for (const p of detailed) {
      for (const aspect of aspects) {
        const { blocks } = composeProcedureAnswer(p, aspect);
        const fromMarkdown = visible(marked.parse(toMarkdown(blocks), { async: false }));
        expect(visible(toHtml(blocks)), `${p.code} ${aspect}`).toBe(fromMarkdown);
      }
    }
  });

  it('shows catalog text that looks like markup or Markdown as text', () => {
    const html = toHtml([
      { type: 'paragraph', text: ['<img src=x onerror=alert(1)> **không đậm** 1. không phải danh sách'] },
      { type: 'list', ordered: false, items: [[{ link: { label: 'trang', url: 'javascript:alert(1)' } }]] },
    ]);
    expect(html).not.toMatch(/<img|<strong>|<ol>|href="javascript/u);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; **không đậm** 1. không phải danh sách');
  });
});
