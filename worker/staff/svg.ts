// Charts as inline SVG generated on the server: no script, no external request, printable. Each
// chart is an image with an accessible name and description (<title>/<desc> referenced by
// aria-labelledby); the numbers are also given in a table next to it on the page.
import { escapeHtml as esc, raw, type SafeHtml } from '../lib/html';

export const COLORS = {
  answered: '#1a7f37',
  notMatched: '#c2410c',
  other: '#8792a2',
  up: '#1a7f37',
  down: '#b42318',
  bar: '#0b4f8a',
  grid: '#d5dbe3',
  axis: '#4b5563',
  text: '#1f2937',
  empty: '#e5e7eb',
} as const;

export interface Series {
  name: string;
  color: string;
}

export interface ChartText {
  /** Unique on the page: ids of <title> and <desc> derive from it. */
  id: string;
  title: string;
  desc: string;
}

const fmt = (n: number): string => String(Math.round(n * 10) / 10);
/** 1499 → "1.499" (Vietnamese grouping). */
const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, '.');

function open(c: ChartText, width: number, height: number, cls: string): string {
  return `<svg class="chart ${cls}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${esc(c.id)}-t ${esc(c.id)}-d" focusable="false" xmlns="http://www.w3.org/2000/svg"><title id="${esc(c.id)}-t">${esc(c.title)}</title><desc id="${esc(c.id)}-d">${esc(c.desc)}</desc>`;
}

/** A "nice" axis maximum and step: 1, 2, 5 × 10^k. */
export function niceScale(max: number, ticks = 4): { max: number; step: number } {
  if (max <= 0) return { max: ticks, step: 1 };
  const rough = max / ticks;
  const pow = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= rough) ?? 10 * pow;
  const niceStep = Math.max(1, step);
  return { max: Math.ceil(max / niceStep) * niceStep, step: niceStep };
}

export interface StackedBar {
  /** Axis label (e.g. "21/11"). */
  label: string;
  /** Tooltip and text for the bar, e.g. "21/11/2026: 12 câu hỏi". */
  title: string;
  values: number[];
}

/** Vertical stacked bars (one per day), with a y axis, grid lines and a legend. */
export function stackedBarChart(c: ChartText, series: Series[], bars: StackedBar[], opts: { width?: number; height?: number } = {}): SafeHtml {
  const width = opts.width ?? 1060;
  const height = opts.height ?? 260;
  const left = 40;
  const right = 10;
  const top = 30;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const totals = bars.map((b) => b.values.reduce((a, v) => a + v, 0));
  const { max, step } = niceScale(Math.max(0, ...totals));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const slot = plotW / Math.max(1, bars.length);
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const labelEvery = Math.max(1, Math.ceil(bars.length / 12));

  let s = open(c, width, height, 'chart-bars');
  // Legend
  let lx = left;
  for (const se of series) {
    s += `<rect x="${fmt(lx)}" y="6" width="12" height="12" rx="2" fill="${se.color}"/><text x="${fmt(lx + 16)}" y="16" font-size="12" fill="${COLORS.text}">${esc(se.name)}</text>`;
    lx += 28 + se.name.length * 6.6;
  }
  // Grid and y axis
  for (let v = 0; v <= max; v += step) {
    const yy = fmt(y(v));
    s += `<line x1="${left}" x2="${width - right}" y1="${yy}" y2="${yy}" stroke="${COLORS.grid}" stroke-width="1"/>`;
    s += `<text x="${left - 6}" y="${fmt(y(v) + 4)}" font-size="11" text-anchor="end" fill="${COLORS.axis}">${v}</text>`;
  }
  // Bars
  bars.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let acc = 0;
    s += `<g><title>${esc(b.title)}</title>`;
    b.values.forEach((v, k) => {
      if (v <= 0) return;
      const y0 = y(acc);
      const y1 = y(acc + v);
      s += `<rect x="${fmt(x)}" y="${fmt(y1)}" width="${fmt(barW)}" height="${fmt(Math.max(0.5, y0 - y1))}" fill="${series[k]?.color ?? COLORS.bar}"/>`;
      acc += v;
    });
    s += `</g>`;
    if (i % labelEvery === 0) {
      s += `<text x="${fmt(left + i * slot + slot / 2)}" y="${height - bottom + 16}" font-size="11" text-anchor="middle" fill="${COLORS.axis}">${esc(b.label)}</text>`;
    }
  });
  s += `<line x1="${left}" x2="${width - right}" y1="${fmt(y(0))}" y2="${fmt(y(0))}" stroke="${COLORS.axis}" stroke-width="1"/>`;
  return raw(`${s}</svg>`);
}

export interface Slice {
  label: string;
  value: number;
  color: string;
}

/** A donut with the main figure in its hole and a legend (label, count, percent) beside it. */
export function donutChart(c: ChartText, slices: Slice[], center: { value: string; caption: string }): SafeHtml {
  const width = 330;
  const height = 170;
  const cx = 80;
  const cy = 85;
  const r = 62;
  const stroke = 24;
  const total = slices.reduce((a, s) => a + Math.max(0, s.value), 0);
  const circ = 2 * Math.PI * r;
  let s = open(c, width, height, 'chart-donut');
  s += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${COLORS.empty}" stroke-width="${stroke}"/>`;
  let offset = 0;
  if (total > 0) {
    for (const sl of slices) {
      if (sl.value <= 0) continue;
      const len = (sl.value / total) * circ;
      // Each slice is a dashed circle, rotated to start at 12 o'clock.
      s += `<circle cx="${cx}" cy="${cy}" r="${r}" fill="none" stroke="${sl.color}" stroke-width="${stroke}" stroke-dasharray="${fmt(len)} ${fmt(circ - len)}" stroke-dashoffset="${fmt(-offset)}" transform="rotate(-90 ${cx} ${cy})"><title>${esc(sl.label)}: ${sl.value}</title></circle>`;
      offset += len;
    }
  }
  s += `<text x="${cx}" y="${cy + 2}" font-size="22" font-weight="700" text-anchor="middle" fill="${COLORS.text}">${esc(center.value)}</text>`;
  s += `<text x="${cx}" y="${cy + 20}" font-size="11" text-anchor="middle" fill="${COLORS.axis}">${esc(center.caption)}</text>`;
  slices.forEach((sl, i) => {
    const ly = 42 + i * 36;
    const pct = total > 0 ? `${Math.round((sl.value / total) * 100)}%` : '—';
    s += `<rect x="166" y="${ly - 11}" width="13" height="13" rx="2" fill="${sl.color}"/>`;
    s += `<text x="184" y="${ly}" font-size="13" fill="${COLORS.text}">${esc(sl.label)}</text>`;
    s += `<text x="184" y="${ly + 16}" font-size="12" fill="${COLORS.axis}">${count(sl.value)} · ${pct}</text>`;
  });
  return raw(`${s}</svg>`);
}

export interface HBar {
  label: string;
  value: number;
  /** Full text for the tooltip when the label is shortened. */
  title?: string;
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s;
}

/** Horizontal bars, longest first as given: a label above each bar, the count at its end. */
export function horizontalBarChart(c: ChartText, items: HBar[], opts: { width?: number; labelChars?: number; color?: string } = {}): SafeHtml {
  const width = opts.width ?? 460;
  const rowH = 36;
  const top = 6;
  const height = top + Math.max(1, items.length) * rowH + 4;
  const maxV = Math.max(1, ...items.map((i) => i.value));
  const barMax = width - 60;
  let s = open(c, width, height, 'chart-hbars');
  if (!items.length) {
    s += `<text x="0" y="24" font-size="12" fill="${COLORS.axis}">—</text>`;
  }
  items.forEach((it, i) => {
    const y = top + i * rowH;
    const w = Math.max(2, (it.value / maxV) * barMax);
    s += `<g><title>${esc(it.title ?? it.label)}: ${count(it.value)}</title>`;
    s += `<text x="0" y="${y + 12}" font-size="13" fill="${COLORS.text}">${esc(shorten(it.label, opts.labelChars ?? 64))}</text>`;
    s += `<rect x="0" y="${y + 17}" width="${fmt(w)}" height="13" rx="2" fill="${opts.color ?? COLORS.bar}"/>`;
    s += `<text x="${fmt(w + 6)}" y="${y + 28}" font-size="12" fill="${COLORS.axis}">${count(it.value)}</text></g>`;
  });
  return raw(`${s}</svg>`);
}
