// Reads a reply to a list the assistant offered: "2", "số 2", "cái thứ hai", "chọn 3", or the label.
import { fold } from '../search/text';

const NUMBER_WORDS: Record<string, number> = { mot: 1, nhat: 1, hai: 2, nhi: 2, ba: 3, bon: 4, tu: 4, nam: 5 };
const LEAD = /^(?:(?:toi|em|minh)\s+)?(?:chon|lay|la|hoi)?\s*(?:cai|so|muc|thu tuc|truong hop|phuong an|y|dong)?\s*(?:thu|so)?\s*/u;

/** Index (0-based) of the chosen option, or null when the message is not a choice. */
export function parseChoice(message: string, labels: string[]): number | null {
  const m = fold(message).replace(/[.,!?;:()"']/gu, ' ').replace(/\s+/gu, ' ').trim();
  if (!m) return null;
  const rest = m.replace(LEAD, '').replace(/\s*(?:a|nhe|nha|di|vay)$/u, '').trim();
  const n = /^\d{1,2}$/u.test(rest) ? Number(rest) : (NUMBER_WORDS[rest] ?? null);
  if (n !== null) return n >= 1 && n <= labels.length ? n - 1 : null;
  // The label itself, or enough of it to tell it from the others.
  const folded = labels.map((l) => fold(l).replace(/\s+/gu, ' ').trim());
  const exact = folded.indexOf(m);
  if (exact >= 0) return exact;
  if (m.length >= 6) {
    const containing = folded.map((l, i) => (l.includes(m) ? i : -1)).filter((i) => i >= 0);
    if (containing.length === 1) return containing[0]!;
  }
  return null;
}
