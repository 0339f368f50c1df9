// Text clean-up shared by every source reader: the national database's text carries
// tabs, NBSP, Windows line ends and doubled spaces that must not reach a citizen.

/** Normalize whitespace and Unicode while keeping line structure (list items stay on their own lines). */
export function cleanText(raw: string | null | undefined): string {
  if (!raw) return '';
  return raw
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .replace(/[\u00a0\u2007\u202f\t\u200b\ufeff]/gu, ' ')
    .split('\n')
    .map((line) => line.replace(/ {2,}/gu, ' ').trim())
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n')
    .trim();
}

/** One-line variant for names and labels. */
export function cleanLine(raw: string | null | undefined): string {
  return cleanText(raw).replace(/\n+/gu, ' ').trim();
}

/** The sources write "Không có thông tin" (no information) for absent values. */
export function absentToEmpty(text: string): string {
  return /^(không có thông tin|không|khong co thong tin)\.?$/iu.test(text.trim()) ? '' : text;
}
