// Times, percentages and counts written the Vietnamese way for the staff pages (dates: lib/dates.ts).
import { formatNumber } from '../chat/format';
import { dmy } from '../lib/dates';
import { TZ_OFFSET_HOURS } from './dashboard';

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
