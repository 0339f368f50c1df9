// Calendar dates ("2026-11-21") written the Vietnamese way, for the staff pages and the public page.

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
