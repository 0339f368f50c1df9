// Building the widget's DOM without markup strings: elements from tag, attributes and children
// (text always as text nodes), icons from path data, buttons with their handler.

// Feather-style icons, as path data (drawn with createElementNS, never from markup).
export const ICON = {
  chat: 'M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z',
  close: 'M18 6 6 18M6 6l12 12',
  refresh: 'M1 4v6h6M3.5 15a9 9 0 1 0 2.1-9.4L1 10',
  send: 'M22 2 11 13M22 2l-7 20-4-9-9-4z',
  up: 'M7 10v12M15 5.9 14 10h5.8a2 2 0 0 1 1.9 2.6l-2.3 8A2 2 0 0 1 17.5 22H4a2 2 0 0 1-2-2v-8a2 2 0 0 1 2-2h2.8a2 2 0 0 0 1.8-1.1L12 2a3.1 3.1 0 0 1 3 3.9z',
  down: 'M17 14V2M9 18.1 10 14H4.2a2 2 0 0 1-1.9-2.6l2.3-8A2 2 0 0 1 6.5 2H20a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2h-2.8a2 2 0 0 0-1.8 1.1L12 22a3.1 3.1 0 0 1-3-3.9z',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  print: 'M6 9V2h12v7M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2M6 14h12v8H6z',
  out: 'M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6M15 3h6v6M10 14 21 3',
};

export type Kid = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Record<string, string> | null, ...kids: Kid[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  add(el, ...kids);
  return el;
}

/** Appends nodes and strings (as text nodes, never markup). appendChild, not append: the Workers types shadow Element.append. */
export function add(parent: Node, ...kids: Kid[]): void {
  for (const k of kids) if (k) parent.appendChild(typeof k === 'string' ? document.createTextNode(k) : k);
}

export function icon(d: string): SVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const p = document.createElementNS(ns, 'path');
  p.setAttribute('d', d);
  add(svg, p);
  return svg;
}

export function button(cls: string, label: string | null, content: Kid[], onClick: (e: MouseEvent) => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: cls }, ...content);
  if (label) b.setAttribute('aria-label', label);
  b.addEventListener('click', onClick);
  return b;
}
