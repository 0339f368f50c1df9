// Renders the answer model: Markdown (the API's canonical form), HTML for the web widget (every
// text escaped, only http(s) links), and plain text for messaging channels.
import { escapeHtml } from '../lib/html';
import { httpUrl } from '../lib/url';
import { chatText, shortText } from '../messages';
import type { Block, ChecklistItem, Inline } from './answer';

// Catalog text may contain characters Markdown would read as syntax ("1. Đơn…", "*", "<b>").
function escapeMarkdown(text: string): string {
  return text
    .replace(/([\\`*_[\]<>#|~])/gu, '\\$1')
    .replace(/^(\s*)(\d+)([.)])(\s)/gmu, '$1$2\\$3$4')
    .replace(/^(\s*)([-+])(\s)/gmu, '$1\\$2$3')
    .replace(/\n/gu, '  \n');
}

const isSafeUrl = (url: string): boolean => httpUrl(url) !== null;

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

/** "- ☐ _Trường hợp ủy quyền:_ Văn bản ủy quyền — 1 bản chính", its detail on the next line, sub-items indented. */
function checklistMarkdown(items: ChecklistItem[], pad: string): string[] {
  const inner = `${pad}  `;
  return items.flatMap((it) => {
    const condition = it.condition ? `_${escapeMarkdown(it.condition)}:_ ` : '';
    const text = indentContinuation(inlineMarkdown(it.text), inner);
    const detail = it.detail ? `  \n${inner}${indentContinuation(inlineMarkdown(it.detail), inner)}` : '';
    return [`${pad}- ☐ ${condition}${text}${detail}`, ...checklistMarkdown(it.children ?? [], inner)];
  });
}

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
          return [...(b.title ? [`**${escapeMarkdown(b.title)}**`, ''] : []), ...checklistMarkdown(b.items, '')].join('\n');
        case 'collapsible':
          // Markdown (Bot Framework, Teams) has no disclosure: as in plain text, the summary stays
          // and the content is one click away on the procedure's page (the source line's link).
          return `**${inlineMarkdown(b.summary)}:** ${escapeMarkdown(chatText.collapsedInText)}`;
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


/** Text as HTML: escaped, line breaks kept. */
const textHtml = (s: string) => escapeHtml(s).replace(/\n/gu, '<br>\n');

/** Inline parts as HTML: bold, links (http(s) only, opening in a new tab), text escaped. */
function inlineHtml(parts: Inline[]): string {
  return parts
    .map((p) => {
      if (typeof p === 'string') return textHtml(p);
      if ('bold' in p) return `<strong>${textHtml(p.bold.trim())}</strong>${p.bold.endsWith(' ') ? ' ' : ''}`;
      if (!isSafeUrl(p.link.url)) return textHtml(p.link.label);
      return `<a href="${escapeHtml(p.link.url)}" target="_blank" rel="noopener noreferrer">${textHtml(p.link.label)}</a>`;
    })
    .join('');
}

/** A checklist item on the web: its detail collapsed under it (<details>), its sub-items listed under it. */
function checklistItemHtml(it: ChecklistItem): string {
  const head = `☐ ${it.condition ? `<em>${escapeHtml(it.condition)}:</em> ` : ''}${inlineHtml(it.text)}`;
  const body = it.detail ? `<details><summary>${head}</summary><p>${inlineHtml(it.detail)}</p></details>` : head;
  const children = it.children?.length ? `<ul>${it.children.map(checklistItemHtml).join('')}</ul>` : '';
  return `<li>${body}${children}</li>`;
}

/**
 * HTML for the web, written straight from the blocks: catalog text never goes through a Markdown
 * parser (nothing in it is read as syntax), and a cold isolate's first answer does not wait for one
 * (marked's first parse cost 43–80 ms of a fresh workerd isolate's first /api/chat). The Markdown
 * form is its own rendering (toMarkdown); a test renders it with marked and compares the two.
 */
export function toHtml(blocks: Block[]): string {
  return blocks
    .map((b, i) => {
      switch (b.type) {
        case 'heading':
          return `<h3>${inlineHtml(b.text)}</h3>\n`;
        case 'paragraph':
          return `<p>${inlineHtml(b.text)}</p>\n`;
        case 'note':
          return `<p><em>${inlineHtml(b.text)}</em></p>\n`;
        case 'list': {
          const tag = b.ordered ? 'ol' : 'ul';
          return `<${tag}>\n${b.items.map((it) => `<li>${inlineHtml(it)}</li>`).join('\n')}\n</${tag}>\n`;
        }
        case 'checklist': {
          const list = `<ul>\n${b.items.map(checklistItemHtml).join('\n')}\n</ul>\n`;
          // The essentials first: "tùy trường hợp" after a case's essential documents is collapsed
          // under its count, so that the answer's first screen holds what everyone brings.
          const previous = blocks[i - 1];
          if (b.group === 'conditional' && previous?.type === 'checklist' && (previous.group === 'everyone' || previous.group === 'present')) {
            return `<details><summary><strong>${escapeHtml(shortText.conditionalSummary(b.items.length))}</strong></summary>\n${list}</details>\n`;
          }
          return `${b.title ? `<p><strong>${escapeHtml(b.title)}</strong></p>\n` : ''}${list}`;
        }
        case 'collapsible':
          return `<details><summary>${inlineHtml(b.summary)}</summary>\n${toHtml(b.blocks)}</details>\n`;
        case 'table':
          return [
            '<table>',
            `<thead><tr>${b.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>`,
            `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${inlineHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody>`,
            '</table>\n',
          ].join('');
      }
    })
    .join('');
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

/**
 * An item's detail in plain text, up to this many characters: a paragraph of legal text after one
 * document would push the next ones out of the first message (a Zalo or Messenger message holds
 * 2,000). The rest is on the procedure's page, linked in the source line.
 */
const MAX_TEXT_DETAIL = 300;

function shortDetail(detail: string): string {
  if (detail.length <= MAX_TEXT_DETAIL) return detail;
  const cut = detail.slice(0, MAX_TEXT_DETAIL);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_TEXT_DETAIL / 2)).replace(/[\s,;:]+$/u, '')} …`;
}

function checklistText(items: ChecklistItem[], pad: string): string[] {
  return items.flatMap((it) => [
    `${pad}☐ ${it.condition ? `${it.condition}: ` : ''}${inlineText(it.text)}`,
    ...(it.detail ? [`${pad}   ${shortDetail(inlineText(it.detail))}`] : []),
    ...checklistText(it.children ?? [], `${pad}   `),
  ]);
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
          return [...(b.title ? [`${b.title}:`] : []), ...checklistText(b.items, '')].join('\n');
        case 'collapsible':
          // Plain text cannot collapse: the summary stays, the content is one click away on the
          // procedure's page (the source line's link), as the web keeps it one click away.
          return `${inlineText(b.summary)}: ${chatText.collapsedInText}`;
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
  return { markdown: toMarkdown(blocks), html: toHtml(blocks), text: toText(blocks) };
}
