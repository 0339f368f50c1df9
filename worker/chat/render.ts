// Renders the answer model: Markdown (the API's canonical form), HTML for the web widget (marked,
// with no raw HTML passed through and only http(s) links), and plain text for messaging channels.
import { Marked, type Tokens } from 'marked';
import type { Block, Inline } from './answer';

// Catalog text may contain characters Markdown would read as syntax ("1. Đơn…", "*", "<b>").
function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>#|~])/gu, '\\$1')
    .replace(/^(\s*)(\d+)([.)])(\s)/gmu, '$1$2\\$3$4')
    .replace(/^(\s*)([-+])(\s)/gmu, '$1\\$2$3')
    .replace(/\n/gu, '  \n');
}

export function isSafeUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function inlineMarkdown(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return escapeMarkdown(p);
      if ('bold' in p) return `**${escapeMarkdown(p.bold.trim())}**${p.bold.endsWith(' ') ? ' ' : ''}`;
      if (!isSafeUrl(p.link.url)) return escapeMarkdown(p.link.label);
      return `[${escapeMarkdown(p.link.label)}](${encodeURI(decodeURI(p.link.url)).replace(/[()]/gu, (c) => encodeURIComponent(c))})`;
    })
    .join('');
}

const indentContinuation = (s: string, pad: string) => s.replace(/ {2}\n/gu, `  \n${pad}`);

export function toMarkdown(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
          return `### ${inlineMarkdown(b.text)}`;
        case 'paragraph':
          return inlineMarkdown(b.text);
        case 'note':
          return `_${inlineMarkdown(b.text)}_`;
        case 'list':
          return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '-'} ${indentContinuation(inlineMarkdown(it), '   ')}`).join('\n');
        case 'checklist':
          return [
            ...(b.title ? [`**${escapeMarkdown(b.title)}**`, ''] : []),
            ...b.items.map((it) => `- ☐ ${indentContinuation(inlineMarkdown(it), '  ')}`),
          ].join('\n');
        case 'table':
          return [
            `| ${b.header.map(escapeMarkdown).join(' | ')} |`,
            `| ${b.header.map(() => '---').join(' | ')} |`,
            ...b.rows.map((r) => `| ${r.map((c) => inlineMarkdown(c).replace(/ {2}\n/gu, ' ')).join(' | ')} |`),
          ].join('\n');
      }
    })
    .join('\n\n');
}

const escapeHtml = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;').replace(/'/gu, '&#39;');

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    // No raw HTML from any source reaches the page: it is shown as text.
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      if (!isSafeUrl(token.href)) return text;
      return `<a href="${escapeHtml(token.href)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.text);
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

function inlineText(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('bold' in p) return p.bold;
      return isSafeUrl(p.link.url) ? `${p.link.label}: ${p.link.url}` : p.link.label;
    })
    .join('');
}

/** Plain text for channels that show no formatting (Zalo, Messenger). */
export function toText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.type) {
        case 'heading':
        case 'paragraph':
        case 'note':
          return inlineText(b.text);
        case 'list':
          return b.items.map((it, i) => `${b.ordered ? `${i + 1}.` : '•'} ${inlineText(it)}`).join('\n');
        case 'checklist':
          return [...(b.title ? [`${b.title}:`] : []), ...b.items.map((it) => `☐ ${inlineText(it)}`)].join('\n');
        case 'table':
          return b.rows.map((r) => r.map(inlineText).join(' — ')).join('\n');
      }
    })
    .join('\n\n');
}

export interface RenderedReply {
  markdown: string;
  html: string;
  text: string;
}

export function renderReply(blocks: Block[]): RenderedReply {
  const markdown = toMarkdown(blocks);
  return { markdown, html: markdownToHtml(markdown), text: toText(blocks) };
}
