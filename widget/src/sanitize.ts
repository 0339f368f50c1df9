// Allowlist sanitizer for the answer HTML (defence in depth: the server already sanitizes it).
// The HTML is parsed into an inert document (DOMParser: no script runs, no image loads there) and
// rebuilt node by node into the page's document: only allowlisted tags and attributes are
// recreated, so nothing from the input is ever inserted as markup.

import { httpUrl } from '../../worker/lib/url';

/** Tags kept as they are (without attributes, except a[href|target|rel]). */
export const ALLOWED_TAGS = new Set([
  'p', 'br', 'strong', 'em', 'b', 'i', 'ul', 'ol', 'li', 'h3', 'h4', 'a',
  'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'span',
  // A checklist item's detail and the notes of a document list, collapsed (native, keyboard-operable).
  'details', 'summary',
]);

/** Tags dropped together with everything inside them. Any other tag is unwrapped: its text stays. */
export const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'noscript', 'noembed',
  'noframes', 'svg', 'math', 'textarea', 'select', 'option', 'title', 'head', 'link', 'meta', 'base',
  'img', 'video', 'audio', 'source', 'picture', 'canvas', 'form', 'input', 'button', 'xmp', 'plaintext',
]);

/** Parses `html` inertly and returns a fragment of `doc` holding only allowlisted content. */
export function sanitizeHtml(html: string, doc: Document = document, parser: DOMParser = new DOMParser()): DocumentFragment {
  const out = doc.createDocumentFragment();
  const parsed = parser.parseFromString(html, 'text/html');
  copyChildren(parsed.body, out, doc, 0);
  return out;
}

function copyChildren(from: Node, to: Node, doc: Document, depth: number): void {
  if (depth > 32) return; // absurd nesting: stop rather than recurse without bound
  for (let n = from.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3) {
      to.appendChild(doc.createTextNode(n.nodeValue ?? ''));
      continue;
    }
    if (n.nodeType !== 1) continue; // comments, processing instructions…
    const tag = (n as Element).localName.toLowerCase();
    if (DROPPED_WITH_CONTENT.has(tag)) continue;
    if (!ALLOWED_TAGS.has(tag) || (n as Element).namespaceURI !== 'http://www.w3.org/1999/xhtml') {
      copyChildren(n, to, doc, depth + 1);
      continue;
    }
    let el: Element;
    if (tag === 'a') {
      const href = httpUrl((n as Element).getAttribute('href'));
      if (!href) {
        copyChildren(n, to, doc, depth + 1);
        continue;
      }
      el = doc.createElement('a');
      el.setAttribute('href', href);
      el.setAttribute('target', '_blank');
      el.setAttribute('rel', 'noopener noreferrer');
    } else {
      el = doc.createElement(tag);
    }
    copyChildren(n, el, doc, depth + 1);
    to.appendChild(el);
  }
}
