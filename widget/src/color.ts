// WCAG 2.1 contrast helpers: the portal picks the accent (data-color); the widget picks text colors
// that stay readable on it (≥ 4.5:1) and darkens the accent where it is used as text on white.

export type Rgb = [number, number, number];

export const DEFAULT_ACCENT = '#0b4f8a';

/** #rgb or #rrggbb → [r, g, b] (0–255), or null. */
export function parseHex(color: string | undefined | null): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/iu.exec((color ?? '').trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3) h = h.replace(/./gu, '$&$&');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
}

export const toHex = (c: Rgb): string => `#${c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** Relative luminance (WCAG 2.1). */
export function luminance([r, g, b]: Rgb): number {
  const f = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [17, 24, 39];

/** Text color for content on an accent background: white or near-black, whichever contrasts more. */
export function readableOn(bg: Rgb): Rgb {
  return contrast(WHITE, bg) >= contrast(INK, bg) ? WHITE : INK;
}

/** The color darkened (mixed with black) until it reaches `ratio` against `bg`. */
export function darkenFor(color: Rgb, bg: Rgb, ratio = 4.5): Rgb {
  let c = color;
  for (let i = 0; i < 20 && contrast(c, bg) < ratio; i++) c = c.map((v) => v * 0.9) as Rgb;
  return c;
}

/** The palette derived from data-color: accent, text on accent, accent usable as text on light backgrounds. */
export function palette(color: string | undefined): { accent: string; onAccent: string; accentText: string } {
  const accent = parseHex(color) ?? parseHex(DEFAULT_ACCENT)!;
  // #f1f4f8 is the lightest-but-one surface the accent is written on (bot bubbles).
  return { accent: toHex(accent), onAccent: toHex(readableOn(accent)), accentText: toHex(darkenFor(accent, [241, 244, 248])) };
}
