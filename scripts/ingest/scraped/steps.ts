// The steps and results of a scraped page, read for scripts/ingest/scraped.ts.
import type { Anomaly } from '../../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine, cleanText } from '../clean.ts';
import { absent, note, unique } from './text.ts';

// Steps, results

const STEP_MARK = /^(?:[-+*•]\s*|[a-zđ]\)\s*)?Bước\s*\d+/iu;

/** The steps text as a list: one item per "Bước n" (with its sub-items), else one per line. */
export function parseSteps(s: string): string[] {
  let t = absent(s);
  if (!t) return [];
  // "…chi nhánh;  Bước 2: …" run on one line: break before each step marker.
  t = t.replace(/([.;:])\s+(?=(?:[-+]\s*)?Bước\s*\d+\s*[:.])/gu, '$1\n');
  const lines = t.split('\n').map((l) => l.trim()).filter(Boolean);
  if (!lines.some((l) => STEP_MARK.test(l))) return lines;
  const out: string[] = [];
  let current: string | null = null;
  for (const l of lines) {
    if (STEP_MARK.test(l) || current === null) {
      if (current !== null) out.push(current);
      current = l;
    } else current = `${current}\n${l}`;
  }
  if (current !== null) out.push(current);
  return out;
}

/**
 * The page ends with portal UI: "Từ khóa<keywords>Mô tả<description>Chọn cơ quan thực hiện…Nộp hồ sơ".
 * It follows the results, or the conditions when the page has no results section. Keywords and
 * description are page content without a place in the schema: reported when present.
 */
export function stripPageUi(s: string, code: string, anomalies: Anomaly[]): string {
  const t = cleanText(s);
  const ui = /Từ khóa[\s\S]*?Mô tả/u.exec(t) ?? /Chọn cơ quan thực hiện/u.exec(t);
  if (!ui) return t;
  const tail = t.slice(ui.index);
  const kw = /^Từ khóa([\s\S]*?)Mô tả([\s\S]*?)(?:Chọn cơ quan thực hiện|$)/u.exec(tail);
  const keywords = absentToEmpty(cleanLine(kw?.[1] ?? ''));
  const description = absentToEmpty(cleanLine(kw?.[2] ?? ''));
  if (keywords) note(anomalies, code, 'page-keywords-unplaced', keywords);
  if (description) note(anomalies, code, 'page-description-unplaced', description);
  return t.slice(0, ui.index);
}

/** "Mã: KQ.G15.000154", "Mã: 000.00.00.G15-KQ1234", "Mã: VBTT", "Mã: Test_P001". */
const RESULT_CODE = /Mã:\s*((?:[A-Za-z0-9_]+[.\-])*[A-Za-z_]*\d+|[A-Z]+(?![a-zà-ỹđ])|[a-z]{2,}(?=\p{Lu}|$))/gu;

export function parseResults(s: string, code: string, anomalies: Anomaly[]): string[] {
  let t = stripPageUi(s, code, anomalies);
  t = absentToEmpty(t.trim());
  if (!t) return [];
  const out: string[] = [];
  let cursor = 0;
  for (const m of t.matchAll(RESULT_CODE)) {
    const name = cleanText(t.slice(cursor, m.index as number));
    if (name) out.push(name);
    cursor = (m.index as number) + m[0].length;
  }
  let rest = cleanText(t.slice(cursor));
  // "Mã:" followed by prose instead of a code ("Mã: Chưa xác định"): the entry is before it.
  const oddCode = /^([\s\S]*?)Mã:\s*([\s\S]*)$/u.exec(rest);
  if (oddCode) {
    note(anomalies, code, 'result-code-unusual', `Mã: ${oddCode[2] as string}`);
    rest = cleanText(oddCode[1]);
  }
  if (rest) {
    if (out.length > 0) note(anomalies, code, 'result-without-code', rest);
    out.push(rest);
  }
  return unique(out);
}
