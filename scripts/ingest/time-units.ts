// Processing times given as a bare number ("1", "3": the portal's unit OTHER, or a scraped table
// cell without one). A number without its unit is no answer ("Thời hạn giải quyết: 1"), but the
// record often says it in words: "Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ…".
// Where the record's own sentences about time give that same number with exactly one unit, the
// unit is taken from them (and the anomaly says so); otherwise the time keeps its text and the
// chat says the catalog gives no unit.
import type { Anomaly, Procedure, TimeUnit } from '../../worker/catalog/schema.ts';

/** Words of a sentence about how long the procedure takes (not a validity, an age, a date). */
const ABOUT_TIME = /thời hạn|thời gian giải quyết|giải quyết|trả kết quả|kể từ|trong vòng|không quá/iu;
/** The units a time is written in, longest first ("ngày làm việc" before "ngày"); any case. */
export const TIME_UNITS: [RegExp, TimeUnit][] = [
  [/^ngày làm việc/iu, 'working_day'],
  [/^ngày/iu, 'day'],
  [/^giờ/iu, 'hour'],
  [/^tháng/iu, 'month'],
  [/^năm/iu, 'year'],
];

/** The record's sentences that speak of time (method descriptions, steps, conditions, notes). */
function timeSentences(p: Procedure): string[] {
  const texts = [...p.methods.map((m) => m.description), ...p.steps, p.conditions, ...p.cases.flatMap((c) => c.components.map((x) => x.name))];
  return texts.flatMap((t) => t.split(/(?<=[.;])\s+|\n/u)).filter((s) => ABOUT_TIME.test(s));
}

/** The one unit the record's sentences about time give `value` with, or null (none, or several). */
export function unitFromText(p: Procedure, value: number): TimeUnit | null {
  const n = String(value).replace('.', ',');
  const number = new RegExp(`(?<![\\d.,])0*${n.replace(',', '[.,]')}(?![\\d.,])\\s*(?:\\([^)]{0,20}\\)\\s*)?`, 'gu');
  const found = new Set<TimeUnit>();
  for (const s of timeSentences(p)) {
    for (const m of s.matchAll(number)) {
      const after = s.slice(m.index! + m[0].length);
      const unit = TIME_UNITS.find(([re]) => re.test(after));
      if (unit) found.add(unit[1]);
    }
  }
  return found.size === 1 ? [...found][0]! : null;
}

/** Gives bare-number times the unit their record's own words give, and reports what it did. */
export function inferTimeUnits(p: Procedure, anomalies: Anomaly[]): Procedure {
  let changed = false;
  const methods = p.methods.map((m) => {
    const t = m.time;
    if (!t || t.value === null || (t.unit !== null && t.unit !== 'other') || !/^\s*[\d.,]+\s*$/u.test(t.text)) return m;
    const unit = unitFromText(p, t.value);
    if (!unit) return m;
    changed = true;
    return { ...m, time: { ...t, unit } };
  });
  if (!changed) return p;
  anomalies.push({ code: p.code, kind: 'time-unit-inferred', detail: `a bare number's unit read from the record's own sentences about time` });
  return { ...p, methods };
}
