// Checks that an answer invents no number: every amount of money and every duration it states
// must be a number found in the procedure's own record. Used by the eval on every answer.
import type { Procedure } from '../catalog/schema';

const MONEY = /(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,]\d+)?\s*(?:đồng|VNĐ|VND|Việt Nam Đồng|USD)/giu;
const DURATION = /(\d+(?:[.,]\d+)?)\s*(?:ngày|giờ|tháng|năm|tuần|phút)/giu;

const toNumber = (s: string) => Number(s.replace(/[.,](?=\d{3}\b)/gu, '').replace(',', '.'));

/** Every number written anywhere in the record (amounts with or without thousands separators). */
function recordNumbers(p: Procedure): Set<number> {
  const text = JSON.stringify(p);
  const out = new Set<number>();
  for (const m of text.matchAll(/\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?/gu)) {
    out.add(toNumber(m[0]));
    out.add(Number(m[0].replace(/[.,]/gu, '')));
  }
  return out;
}

/** The amounts and durations in `text` that do not occur in the record. */
export function fabricatedNumbers(text: string, p: Procedure): string[] {
  const known = recordNumbers(p);
  const bad: string[] = [];
  for (const re of [MONEY, DURATION]) {
    for (const m of text.matchAll(re)) {
      const n = toNumber(m[1]!);
      if (!known.has(n)) bad.push(m[0]);
    }
  }
  return bad;
}
