// HTML built from tagged templates that escape every interpolated value unless it is already HTML
// (SafeHtml, produced by html`` itself or by raw() for markup we generate, e.g. SVG). Catalog and
// user strings can therefore never inject markup: forgetting to escape is not possible by default.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (ch) => ESCAPES[ch]!);
}

/** Markup we generated ourselves (never catalog or user text). */
export function raw(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(v: HtmlValue): string {
  if (v instanceof SafeHtml) return v.value;
  if (v === null || v === undefined || v === false || v === true) return '';
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}
