// The shape of a one-stop system's receipt code (mã hồ sơ, e.g. 000.00.21.H12-240101-0001).

/**
 * Anything shaped like a receipt code, valid or not (a wrong date, a 5-digit sequence), so that it
 * can be answered as malformed (worker/dossier/receipt-code.ts) — and redacted before storage
 * (redact.ts). It lives here, with what personal data looks like, so that privacy/ needs nothing of
 * the dossier lookup.
 * Bounded quantifiers only; no letter, digit or dot may touch either end.
 */
export const RECEIPT_CODE_LIKE_SOURCE = String.raw`(?<![0-9A-Za-z.])[0-9A-Za-z]{1,4}(?:\.[0-9A-Za-z]{1,4}){2,4} ?- ?\d{4,8} ?- ?\d{1,8}(?![0-9A-Za-z])`;
