// Catalog values written the Vietnamese way: 100.000 đồng, 15 ngày làm việc, cấp tỉnh.
import type { Fee, Level, Method, ProcessingTime, SubmissionMethod, TimeUnit } from '../catalog/schema';
import { chatText } from '../messages';

/** 100000 → "100.000"; 2.5 → "2,5". */
export function formatNumber(n: number): string {
  const [int, frac] = String(Math.round(n * 100) / 100).split('.');
  const grouped = (int ?? '0').replace(/\B(?=(\d{3})+(?!\d))/gu, '.');
  return frac ? `${grouped},${frac}` : grouped;
}

export function formatMoney(amount: number, currency: 'VND' | 'USD' | null): string {
  return currency === 'USD' ? `${formatNumber(amount)} USD` : `${formatNumber(amount)} đồng`;
}

export const METHOD_LABEL: Record<SubmissionMethod, string> = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Dịch vụ bưu chính',
};

export const LEVEL_LABEL: Record<Level, string> = {
  ministry: 'cấp bộ (trung ương)',
  province: 'cấp tỉnh',
  commune: 'cấp xã',
  other: 'cơ quan khác',
};

export const UNIT_LABEL: Record<TimeUnit, string> = {
  working_day: 'ngày làm việc',
  day: 'ngày',
  hour: 'giờ',
  month: 'tháng',
  year: 'năm',
  other: '',
};

export const FEE_KIND_LABEL: Record<Fee['kind'], string> = {
  le_phi: 'Lệ phí',
  phi: 'Phí',
  gia: 'Giá dịch vụ',
  unspecified: 'Phí, lệ phí',
};

/** A time the catalog gives as a number without its unit ("1"). */
export const BARE_NUMBER = /^\s*[\d.,]+\s*$/u;

/**
 * "15 ngày làm việc"; the catalog's own words when it gives no unit — and where those words are only
 * a number ("1"), a number alone is no answer: it is said that the catalog gives no unit.
 */
export function formatTime(t: ProcessingTime): string {
  if (t.value !== null && t.unit && t.unit !== 'other') return `${formatNumber(t.value)} ${UNIT_LABEL[t.unit]}`;
  if (BARE_NUMBER.test(t.text)) return chatText.timeWithoutUnit(t.text.trim());
  return t.text;
}

/**
 * A row's time as its own description counts it: the structured field says "8 Giờ" where the row
 * says "Trong thời hạn 08 giờ làm việc kể từ …" (47 rows of hours or days). Working hours and days
 * leave out nights, weekends and holidays, so a citizen counts them apart: the row's words are kept.
 */
export function formatMethodTime(m: Pick<Method, 'time' | 'description'>): string {
  const t = m.time;
  if (!t) return '';
  if (t.value !== null && (t.unit === 'hour' || t.unit === 'day')) {
    const word = UNIT_LABEL[t.unit];
    const value = String(t.value).replace('.', '[.,]');
    if (new RegExp(`(?<![\\d.,])0*${value}\\s*${word} làm việc`, 'iu').test(m.description)) return `${formatNumber(t.value)} ${word} làm việc`;
  }
  return formatTime(t);
}

/**
 * Under this many đồng a fee is seldom real: the portal often stores thousands ("25 VNĐ" for the
 * 25.000 đồng registration fee). Ingestion reads the amount from the fee's own text where that
 * states it (scripts/ingest/scraped/methods.ts); one it does not is said as the catalog's text, with
 * a caution, not as an amount of ours.
 */
export const UNCONFIRMED_BELOW_VND = 1000;

/** A fee in đồng under UNCONFIRMED_BELOW_VND (see there). */
export function unconfirmedFee(f: Fee): boolean {
  return f.currency === 'VND' && f.amount !== null && f.amount > 0 && f.amount < UNCONFIRMED_BELOW_VND;
}

/** The amount first when stated, then the catalog's own text (conditions, reductions) when it adds to it. */
export function formatFee(f: Fee): string {
  if (f.free) return f.text && f.text !== 'Miễn phí' ? `Miễn phí (${stripAmountEcho(f.text)})` : 'Miễn phí';
  if (f.amount === null) return f.text;
  if (unconfirmedFee(f)) return chatText.feeUnconfirmed(f.text);
  const amount = formatMoney(f.amount, f.currency);
  const rest = stripAmountEcho(f.text, f.amount);
  // "50,000 Việt Nam Đồng/giao dịch": the unit it is counted by stays with the amount.
  if (rest.startsWith('/')) return `${amount}${rest}`;
  return rest ? `${amount} — ${rest}` : amount;
}

/** Removes a leading repetition of the amount ("100.000 đồng (…)" → "…") from the catalog's text. */
function stripAmountEcho(text: string, amount?: number): string {
  let t = text.trim();
  if (amount !== undefined) {
    const shown = [formatNumber(amount), amount.toLocaleString('en-US'), String(amount)];
    for (const s of shown) {
      if (t.startsWith(s)) {
        t = t.slice(s.length).replace(/^\s*(đồng|Việt Nam Đồng|VNĐ|VND|USD)(?![\p{L}\d])/iu, '').trim();
        break;
      }
    }
  }
  if (/^Miễn phí/iu.test(t)) t = t.replace(/^Miễn phí\s*/iu, '');
  if (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
}
