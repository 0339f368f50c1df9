// List markers of the catalog's document lists: "- ", "+ ", "* ", "1.", "2)", "a)", "(i)", "(1)",
// "1.1.". The bullet says which level an item is at; the numbering says where it goes — the portal
// stores components in no particular order, the source's own numbering is the order.

export type Scheme = 'num' | 'numParen' | 'letter' | 'roman' | 'dash' | 'plus' | 'star' | 'bullet';

export interface Marker {
  scheme: Scheme;
  /** Position for the numbering schemes ("1.2." → [1, 2], "b)" → [1], "(iii)" → [3]); [] for bullets. */
  key: number[];
}

export const NUMBERED: ReadonlySet<Scheme> = new Set(['num', 'numParen', 'letter', 'roman']);

/** The Vietnamese alphabet as legal texts letter their points: a, b, c, d, đ, e, g, h, i, k… */
const LETTERS = 'abcdđeghiklmnopqrstuvxy';

const ROMAN = /^(?:x{0,2})(?:ix|iv|v?i{0,3})$/u;

export function romanValue(s: string): number | null {
  const r = s.toLowerCase();
  if (!r || !ROMAN.test(r)) return null;
  const v: Record<string, number> = { i: 1, v: 5, x: 10 };
  let total = 0;
  for (let i = 0; i < r.length; i++) {
    const cur = v[r[i]!]!;
    const next = v[r[i + 1] ?? ''] ?? 0;
    total += cur < next ? -cur : cur;
  }
  return total;
}

const letterKey = (l: string): number => {
  const i = LETTERS.indexOf(l.toLowerCase());
  return i < 0 ? 50 + l.toLowerCase().charCodeAt(0) : i;
};

const dotted = (s: string) => s.split('.').filter(Boolean).map(Number);

type Reader = (text: string) => { marker: Marker | null; length: number } | null;

const READERS: Reader[] = [
  // (1), (1.2)
  (t) => {
    const m = /^\((\d{1,2}(?:\.\d{1,2}){0,3})\)\s*/u.exec(t);
    return m ? { marker: { scheme: 'numParen', key: dotted(m[1]!) }, length: m[0].length } : null;
  },
  // (i), (iv): roman; (a), (đ): letter
  (t) => {
    const m = /^\(([a-zđ]{1,5})\)\s*/iu.exec(t);
    if (!m) return null;
    const roman = romanValue(m[1]!);
    if (roman !== null) return { marker: { scheme: 'roman', key: [roman] }, length: m[0].length };
    return m[1]!.length === 1 ? { marker: { scheme: 'letter', key: [letterKey(m[1]!)] }, length: m[0].length } : null;
  },
  // 1. 2) 3/ 1.2. 6.3.1.6. — never a bare count ("01 bản sao") or an amount ("1.000.000 đồng").
  (t) => {
    const m = /^(\d{1,2}(?:\.\d{1,2}){0,3})[.)/](?=\s|\p{L})\s*/u.exec(t) ?? /^(\d{1,2}(?:\.\d{1,2}){1,3})\s+(?=\p{Lu})/u.exec(t);
    return m ? { marker: { scheme: 'num', key: dotted(m[1]!) }, length: m[0].length } : null;
  },
  // a1) b.1) i.2): a point's sub-point
  (t) => {
    const m = /^([a-zđ])\.?(\d{1,2})\)\s*/iu.exec(t);
    return m ? { marker: { scheme: 'letter', key: [letterKey(m[1]!), Number(m[2])] }, length: m[0].length } : null;
  },
  // ii) iii) iv): roman; a) b) đ) — a single letter is a letter, as legal texts use them.
  (t) => {
    const m = /^([a-zđ]{1,4})[).](?=\s)\s*/u.exec(t);
    if (!m) return null;
    if (m[1]!.length === 1) return { marker: { scheme: 'letter', key: [letterKey(m[1]!)] }, length: m[0].length };
    const roman = romanValue(m[1]!);
    return roman !== null ? { marker: { scheme: 'roman', key: [roman] }, length: m[0].length } : null;
  },
  // I. II. — upper-case roman headings
  (t) => {
    const m = /^([IVX]{1,4})[.)]\s+/u.exec(t);
    const roman = m ? romanValue(m[1]!) : null;
    return m && roman !== null ? { marker: { scheme: 'roman', key: [roman] }, length: m[0].length } : null;
  },
  (t) => {
    const m = /^[-–—]+\s*/u.exec(t);
    return m ? { marker: { scheme: 'dash', key: [] }, length: m[0].length } : null;
  },
  (t) => {
    const m = /^\++\s*/u.exec(t);
    return m ? { marker: { scheme: 'plus', key: [] }, length: m[0].length } : null;
  },
  (t) => {
    const m = /^\*+\s*/u.exec(t);
    return m ? { marker: { scheme: 'star', key: [] }, length: m[0].length } : null;
  },
  (t) => {
    const m = /^[•·●▪◦]\s*/u.exec(t);
    return m ? { marker: { scheme: 'bullet', key: [] }, length: m[0].length } : null;
  },
  // Debris of a marker the scraper cut ("a) " lost its letter: ") Bản sao…").
  (t) => {
    const m = /^\)\s+/u.exec(t);
    return m ? { marker: null, length: m[0].length } : null;
  },
];

export interface Marked {
  /** The first marker: the item's level ("- ", "+ ", "1."). */
  marker: Marker | null;
  /** The first numbering among the leading markers ("- 2. …" → 2): the item's place. */
  numbering: Marker | null;
  /** The text without its leading markers. */
  body: string;
}

/** Reads and strips every leading list marker of an item's text. */
export function readMarkers(text: string): Marked {
  let rest = text.trimStart();
  let marker: Marker | null = null;
  let numbering: Marker | null = null;
  for (let guard = 0; guard < 6; guard++) {
    let hit: ReturnType<Reader> = null;
    for (const read of READERS) {
      hit = read(rest);
      if (hit) break;
    }
    if (!hit || hit.length === 0) break;
    if (hit.marker) {
      marker ??= hit.marker;
      if (!numbering && NUMBERED.has(hit.marker.scheme)) numbering = hit.marker;
    }
    rest = rest.slice(hit.length);
  }
  return { marker, numbering, body: rest.trim() };
}

/** Starts with a list marker of any kind (the figure the checklist report counts: target 0 in titles). */
export function hasListMarker(text: string): boolean {
  const { marker, body } = readMarkers(text);
  return marker !== null || body !== text.trim();
}

/** Starts with "- ", "+ ", "* " or "•": the bullets of the figure (5,088 components before). */
export function hasBullet(text: string): boolean {
  return /^\s*[-–—+*•·]/u.test(text);
}

export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The items in the source's own numbering: for each numbering scheme, the places its items hold
 * are refilled with them in their numbers' order ("2. 3. … 1." → "1. 2. … 3."); items without a
 * number keep their places. Stable: equal numbers keep their order.
 */
export function byNumbering<T>(items: T[], numberingOf: (item: T) => Marker | null): T[] {
  const out = [...items];
  const schemes = new Map<Scheme, number[]>();
  items.forEach((item, i) => {
    const n = numberingOf(item);
    if (n) schemes.set(n.scheme, [...(schemes.get(n.scheme) ?? []), i]);
  });
  for (const places of schemes.values()) {
    const sorted = places
      .map((i) => items[i]!)
      .map((item, order) => ({ item, order }))
      .sort((a, b) => compareKeys(numberingOf(a.item)!.key, numberingOf(b.item)!.key) || a.order - b.order);
    places.forEach((place, j) => {
      out[place] = sorted[j]!.item;
    });
  }
  return out;
}

/** Numbering schemes whose numbers go down somewhere in this list ("d) b) đ) c) e) a)"). */
export function outOfOrder(markers: (Marker | null)[]): boolean {
  const last = new Map<Scheme, number[]>();
  for (const m of markers) {
    if (!m || !NUMBERED.has(m.scheme)) continue;
    const prev = last.get(m.scheme);
    if (prev && compareKeys(m.key, prev) < 0) return true;
    last.set(m.scheme, m.key);
  }
  return false;
}
