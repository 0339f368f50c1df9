// Receipt codes (mã hồ sơ) of the one-stop electronic systems: <agency identifier>-<yyMMdd
// received>-<daily sequence>, e.g. 000.00.21.H12-240101-0001. The agency identifier is the
// electronic identifier of the receiving body (four dotted parts, 3.2.2.3 characters); provinces
// number each day's dossiers with 4 digits, ministries with 6 or 7. A code is parsed strictly (the
// date must be a real day, not after today) before anything is called with it.

import { RECEIPT_CODE_LIKE_SOURCE } from '../privacy/receipt-code-like';

const STRICT = /^([0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[0-9A-Z]{3})-(\d{2})(\d{2})(\d{2})-(\d{4}|\d{6,7})$/u;

export interface ReceiptCode {
  /** Canonical form: upper case, no spaces (000.00.21.H12-240101-0001). */
  code: string;
  agency: string;
  /** The day it was received, YYYY-MM-DD. */
  received: string;
}

export type CodeProblem = 'shape' | 'date';

/** Vietnam's date today (UTC+7), YYYY-MM-DD. */
export function vietnamToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A candidate's canonical form and whether it is a valid code (and if not, why). */
export function parseReceiptCode(candidate: string, now = Date.now()): { ok: true; value: ReceiptCode } | { ok: false; problem: CodeProblem } {
  const code = candidate.replace(/\s+/gu, '').toUpperCase();
  const m = STRICT.exec(code);
  if (!m) return { ok: false, problem: 'shape' };
  const [, agency, yy, mm, dd] = m;
  const received = `20${yy}-${mm}-${dd}`;
  const t = Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd));
  // Date.UTC rolls 31 February over to March: a real day reads back the same.
  if (new Date(t).toISOString().slice(0, 10) !== received || received > vietnamToday(now)) return { ok: false, problem: 'date' };
  return { ok: true, value: { code, agency: agency!, received } };
}

export interface CodeInText {
  /** The first valid code in the text. */
  code?: ReceiptCode;
  /** Something shaped like a code that is not valid (when no valid one is there). */
  malformed?: CodeProblem;
  /** The text with every code-like part taken out (to look for the verification digits in). */
  rest: string;
}

/** Finds receipt codes in a message (any case, spaces around the dashes tolerated). */
export function findReceiptCode(text: string, now = Date.now()): CodeInText {
  const re = new RegExp(RECEIPT_CODE_LIKE_SOURCE, 'gu');
  let code: ReceiptCode | undefined;
  let malformed: CodeProblem | undefined;
  for (const m of text.matchAll(re)) {
    const parsed = parseReceiptCode(m[0], now);
    if (parsed.ok) {
      code ??= parsed.value;
    } else if (malformed !== 'date') {
      malformed = parsed.problem;
    }
  }
  const rest = text.replace(re, ' ');
  return code ? { code, rest } : malformed ? { malformed, rest } : { rest };
}
