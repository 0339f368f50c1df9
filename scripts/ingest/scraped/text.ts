// Small helpers of the scraped-page readers: anomaly notes, character classes, parentheses.
import type { Anomaly } from '../../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine, cleanText } from '../clean.ts';

// ---------------------------------------------------------------------------------------------
// Small helpers

const DETAIL_MAX = 200;

/** Anomaly detail: the offending text on one line, truncated to ~200 characters. */
export function quote(s: string): string {
  const line = cleanLine(s);
  return line.length > DETAIL_MAX ? `${line.slice(0, DETAIL_MAX - 1)}…` : line;
}

export function note(anomalies: Anomaly[], code: string, kind: string, detail: string): void {
  anomalies.push({ code, kind, detail: quote(detail) });
}

/** Whitespace-insensitive form, to compare a scraped field with the page text. */
export const squash = (s: string): string => s.normalize('NFC').replace(/\s+/gu, '');

export function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** "Không có thông tin" and friends mean absent. */
export const absent = (s: string): string => absentToEmpty(cleanText(s));

export const isUpper = (ch: string | undefined): boolean => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
export const isLower = (ch: string | undefined): boolean => !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
export const isDigit = (ch: string | undefined): boolean => !!ch && ch >= '0' && ch <= '9';
export const isSpace = (ch: string | undefined): boolean => !!ch && /\s/u.test(ch);

/** Index just after the parenthesis group opening at `open`, or -1 when it never closes. */
export function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** True when every ')' in s closes a '(' in s and nothing stays open. */
export function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

// Vietnamese syllables, to tell where two words were glued together.
const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?';
/** One Vietnamese syllable, tone marks removed. */
export const SYLLABLE = new RegExp(`^${ONSET}[aeiouy]+(?:ng|nh|ch|[cmnpt])?$`, 'u');
export const SYLLABLE_START = new RegExp(`^${ONSET}[aeiouy]`, 'u');
export const toneless = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .normalize('NFC');
