// What the chat knows of the province's one-stop system: look a dossier up by its receipt code.
// Each upstream (igate.ts, dvcqg.ts) is an adapter that turns its own shape into a Dossier.
import type { NationalStatus } from './status';

export interface Dossier {
  code: string;
  procedureName: string | null;
  /** The national catalog's code of the procedure (1.001193), when the upstream gives it. */
  procedureCode: string | null;
  /** As the upstream writes it: masked before it is shown (verify.ts). */
  applicantName: string | null;
  /** Used only to compare the last 4 digits the citizen gives; never shown, stored or logged. */
  idNumber: string | null;
  phone: string | null;
  receivedAt: Date | null;
  appointmentAt: Date | null;
  completedAt: Date | null;
  /** The national status, or null when the mapping table does not know rawStatus. */
  status: NationalStatus | null;
  rawStatus: string | null;
  /** The step the dossier is at (the current task's name). */
  currentStep: string | null;
  /** Who is handling it / where the result is collected. */
  agency: string | null;
  /** The result goes (or went) back by post; null when the upstream does not say. */
  returnByPost: boolean | null;
}

export type LookupResult = { found: true; dossier: Dossier } | { found: false };

export interface DossierConnector {
  readonly kind: 'igate' | 'dvcqg';
  lookup(code: string): Promise<LookupResult>;
}

/**
 * The upstream could not answer: timeout, network error, 5xx after retries, an open circuit, an
 * answer we cannot read, or credentials it refuses. The citizen is told the lookup is busy; the
 * message never holds a URL, a code or a token (URLs carry receipt codes).
 */
export class UpstreamUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UpstreamUnavailable';
  }
}

const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * iGate's dates: ISO 8601 with or without a colon in the offset (2024-01-05T17:00:00.000+0700),
 * Z, or no offset (read as Vietnam time). Null for anything else.
 */
export function parseIsoDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/u.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone] = m;
  let offsetMs = VN_OFFSET_MS;
  if (zone === 'Z') offsetMs = 0;
  else if (zone) {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return wallClock(+y!, +mo!, +d!, +h, +mi, +s, offsetMs);
}

/** DVCQG's dates: yyyyMMddHHmmss (or yyyyMMdd) in Vietnam time. Null for anything else. */
export function parseCompactDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/u.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  return wallClock(+y!, +mo!, +d!, +h, +mi, +s, VN_OFFSET_MS);
}

function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMs: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  // 31 February and the like roll over: a real date reads back the same day.
  if (new Date(local).getUTCDate() !== d) return null;
  return new Date(local - offsetMs);
}

/** Trimmed text or null. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);
