// Dates, percentages and counts written the Vietnamese way for the staff pages.
import { formatNumber } from '../chat/format';
import { TZ_OFFSET_HOURS } from './dashboard';

/** "2026-11-21" → "21/11/2026". */
export function dmy(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

/** "2026-11-21" → "21/11". */
export function dm(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})/u.exec(date);
  return m ? `${m[2]}/${m[1]}` : date;
}

/** "2026-11-21" → "Ngày 21 tháng 11 năm 2026" (the wording of administrative documents). */
export function longDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/u.exec(date);
  return m ? `Ngày ${m[3]} tháng ${m[2]} năm ${m[1]}` : date;
}

/** An ISO instant in Vietnam time: "21/11/2026 09:05". */
export function localDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const s = new Date(t + TZ_OFFSET_HOURS * 3_600_000).toISOString();
  return `${dmy(s.slice(0, 10))} ${s.slice(11, 16)}`;
}

/** 0.8571 → "85,7%"; null → "—". */
export function percent(share: number | null, digits = 1): string {
  if (share === null || !Number.isFinite(share)) return '—';
  const v = Math.round(share * 100 * 10 ** digits) / 10 ** digits;
  return `${String(v).replace('.', ',')}%`;
}

export function num(n: number): string {
  return formatNumber(n);
}
