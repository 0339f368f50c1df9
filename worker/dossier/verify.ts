// Proof that a dossier is the asker's: the last 4 digits of the applicant's ID number (CCCD/CMND)
// or phone number, as the dossier records them, compared here in the worker. The digits are read
// from the message, compared, and forgotten: never kept in the state, stored or logged.
import type { Dossier } from './connector';

export type DigitsReading = { kind: 'digits'; digits: string } | { kind: 'wrong_length' } | { kind: 'none' };

/** Lengths of whole numbers whose last 4 digits are taken: CMND (9), phone (10, 11), CCCD (12). */
const WHOLE_NUMBER_LENGTHS = new Set([9, 10, 11, 12]);
/** A reply this short that holds digits was meant as the digits, even when they are not 4. */
const SHORT_REPLY_WORDS = 8;

/**
 * The verification digits in a reply: "1234", "4 số cuối là 1234", "1 2 3 4", or a whole ID or
 * phone number (its last 4). Numbers of 1–3 digits are words ("4 số cuối"), not the answer.
 */
export function readDigits(text: string): DigitsReading {
  const runs = [...text.matchAll(/\d(?:[ .-]?\d)*/gu)].map((m) => m[0].replace(/\D/gu, ''));
  if (runs.length === 0) return { kind: 'none' };
  const spaced = /(?:^|\s)\d(?: \d){3}(?:\s|$)/u.exec(text);
  if (spaced) return { kind: 'digits', digits: spaced[0].replace(/\D/gu, '') };
  const long = runs.filter((r) => r.length >= 4);
  if (long.length === 1) {
    const run = long[0]!;
    if (run.length === 4) return { kind: 'digits', digits: run };
    if (WHOLE_NUMBER_LENGTHS.has(run.length)) return { kind: 'digits', digits: run.slice(-4) };
  }
  const words = text.trim().split(/\s+/u).length;
  return words <= SHORT_REPLY_WORDS ? { kind: 'wrong_length' } : { kind: 'none' };
}

const lastFour = (value: string | null) => {
  const d = value?.replace(/\D/gu, '') ?? '';
  return d.length >= 4 ? d.slice(-4) : null;
};

/** Whether the dossier records an ID number or phone to check digits against. */
export const verifiable = (d: Dossier) => lastFour(d.idNumber) !== null || lastFour(d.phone) !== null;

/** The digits match the ID number's or the phone's last four (both compared, whatever the first gives). */
export function digitsMatch(d: Dossier, digits: string): boolean {
  const candidates = [lastFour(d.idNumber), lastFour(d.phone)];
  let match = false;
  for (const c of candidates) if (c !== null && equalDigits(c, digits)) match = true;
  return match;
}

function equalDigits(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** "Nguyễn Văn An" → "Nguyễn V. A.": the family name, then initials. */
export function maskName(name: string): string {
  const words = name.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return '';
  const initial = (w: string) => `${Array.from(w)[0]!.toLocaleUpperCase('vi')}.`;
  if (words.length === 1) return initial(words[0]!);
  return [words[0]!, ...words.slice(1).map(initial)].join(' ');
}
