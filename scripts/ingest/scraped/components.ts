// The components table of a scraped page (thành phần hồ sơ), one of the readers of scripts/ingest/scraped.ts.
import type { Anomaly, SourceComponent as Component, SourceCase as ProcedureCase } from '../../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine, cleanText } from '../clean.ts';
import { isDigit, isLower, isSpace, isUpper, note, SYLLABLE, SYLLABLE_START, toneless, unique } from './text.ts';

// Components table: [heading]"Tên giấy tờMẫu đơn, tờ khaiSố lượng" + rows "<name>[<form files>]<count>",
// repeated per case (trường hợp).

// A few pages carry two more columns: "…Số lượng\tBiểu mẫu điện tử\tKết quả thay thế".
const COMPONENTS_HEADER = /Tên giấy tờ\s*Mẫu đơn, tờ khai\s*Số lượng(?:\s*Biểu mẫu điện tử\s*Kết quả thay thế)?/gu;
/** "1 bản chính", "0 bản chính,1 bản sao", "2 bản sao": one digit of the run is the count (see acceptCount). */
const COUNT = /(\d+) bản (chính|sao)(?:\s*,\s*(\d+) bản sao)?/gu;
// Case-sensitive on purpose: ".docxPhụ lục…" is two files, so the letter after the extension
// must not be lower-case, and a case-insensitive flag would make [a-z] match "P" too.
const FILE_EXT = /\.(?:docx?|DOCX?|Docx?|pdf|PDF|xlsx?|XLSX?|rar|RAR|zip|ZIP|odt|rtf|jpe?g|JPE?G|png|PNG)(?![a-z])/gu;
/** How form files usually start (after a glued boundary): "Mẫu 01", "Mau", "Phụ lục", "PL 01", "TP-LS-05", "1.Mu…". */
const FORM_PREFIX =
  /^(?:Mẫu|Mau|MẪU|MAU|mẫu|mau|Mu[A-Z0-9 _.\-]|Mus|Phụ lục|Phu luc|PHỤ LỤC|PHU LUC|Phlc|PHLC|PL[\s\d_.\-A-Z]|Biểu mẫu|Bieu mau|BM[\s\d_.\-]|TK\s?\d|M\d|TP-|TTHC|HK-|Form)/u;
/** A numbered file name ("6. TP-LS-06…", "12.1.PLC…", "103-Mẫu…", "01 BK-BĐS"), only right after prose. */
const NUMBERED_FORM = /^\d+(?:\.\d+)*[.\-_ ]|^\d+[A-Za-z]/u;

interface CountHit {
  start: number;
  end: number;
  originals: number;
  copies: number;
}

/**
 * The real count cell is glued after the name and before the next row; the same words also occur
 * inside names ("(01 bản chính)", "nộp 03 bản chính", "01 bản chính văn bản đề nghị"). The count is
 * a single digit; digits glued before it belong to the name ("Mẫu số 18" + "1 bản chính").
 */
function findCounts(s: string): CountHit[] {
  const hits: CountHit[] = [];
  for (const m of s.matchAll(COUNT)) {
    const run = m[1] as string;
    const at = m.index as number;
    const end = at + m[0].length;
    const before = s[at - 1];
    const after = s.slice(end);
    // "01 bản chính" after a space or "(" is prose, not the count cell.
    if (run.length === 2 && run.startsWith('0') && (at === 0 || isSpace(before) || before === '(' || before === ':')) continue;
    if (before === '(') continue;
    // Prose continues in lower case: "01 bản chính văn bản…", "01 bản chính; bản fax", "01 bản sao có chứng thực".
    if (/^(?:\s+|[,;)]\s*)\p{Ll}/u.test(after)) continue;
    if (/^\)/u.test(after) && before !== undefined && /[\s(]/u.test(before)) continue;
    const digit = Number(run.slice(-1));
    const start = end - m[0].length + (run.length - 1);
    const kind = m[2] as string;
    const copies = m[3] !== undefined ? Number(m[3]) : kind === 'sao' ? digit : 0;
    const originals = kind === 'chính' ? digit : 0;
    hits.push({ start, end, originals, copies });
  }
  return hits;
}

const hasVietnameseMark = (s: string): boolean => /[à-ỹđ]/u.test(s.toLowerCase()) && /[^\x00-\x7f]/u.test(s);

/**
 * Position inside a space-separated token where two syllables are glued without a space
 * ("địnhvăn" → 4, "nuôibáo" → 4), i.e. where prose ends and a lower-case file name begins.
 */
function syllableGlue(token: string): number {
  const base = toneless(token);
  if (base.length !== token.length) return -1;
  for (let k = 2; k < token.length - 1; k++) {
    const left = token.slice(0, k);
    if (!hasVietnameseMark(left) || !isLower(token[k])) continue;
    // The second syllable must open with a consonant: "phư|ơng" is one word.
    if (SYLLABLE.test(base.slice(0, k)) && SYLLABLE_START.test(base.slice(k)) && !/^[aeiouy]/u.test(base.slice(k))) return k;
  }
  return -1;
}

/** Where the first form file of `prefix` (text ending just before a file extension) starts. */
function formStart(prefix: string): { at: number; sure: boolean } {
  const slash = Math.max(prefix.lastIndexOf('/'), prefix.lastIndexOf('\n'));
  const from = Math.max(slash + 1, prefix.length - 160, 1);
  let weak = -1;
  for (let j = from; j < prefix.length; j++) {
    const prev = prefix[j - 1] as string;
    const ch = prefix[j] as string;
    if (isSpace(prev) || prev === '(' || prev === '-' || prev === '/' || isSpace(ch)) continue;
    if (FORM_PREFIX.test(prefix.slice(j))) return { at: j, sure: true };
    // A number starts a file only after the end of prose ("sư.6. TP-LS-06", "định1.2. Don"), not
    // inside a number ("31/12/2|020", "Phụ lục I.9") .
    const prev2 = prefix[j - 2];
    const afterProse =
      isLower(prev) || /[;:)]/u.test(prev) || (prev === '.' && (isLower(prev2) || prev2 === ')' || prev2 === '.'));
    if (isDigit(ch) && afterProse && NUMBERED_FORM.test(prefix.slice(j))) return { at: j, sure: true };
    const punct = /[.;:)\]"'”]/u.test(prev) && /[\p{L}\p{N}]/u.test(ch);
    // "sưMẫu", "định1.2", "13Mau" and an acronym glued to a word: "BNNMTđơn", "CPĐơn", "BNNMTThuyết".
    const acronymBefore = isUpper(prev) && isUpper(prefix[j - 2]);
    const caseJunction =
      (isLower(prev) && (isUpper(ch) || isDigit(ch))) ||
      (isDigit(prev) && isUpper(ch) && isLower(prefix[j + 1])) ||
      (acronymBefore && isLower(ch)) ||
      (acronymBefore && isUpper(ch) && isLower(prefix[j + 1]));
    if (punct || caseJunction) weak = j;
  }
  if (weak > 0) return { at: weak, sure: true };
  // Two syllables glued in lower case: "theo quy địnhvăn bản đề nghị".
  const tokens = [...prefix.slice(from).matchAll(/\S+/gu)].reverse().slice(0, 12);
  for (const t of tokens) {
    const k = syllableGlue(t[0]);
    if (k > 0) return { at: from + (t.index as number) + k, sure: true };
  }
  // Fallback: the last word.
  const lastSpace = prefix.lastIndexOf(' ');
  return { at: lastSpace >= 0 ? lastSpace + 1 : 0, sure: false };
}

/** Split one row's text (before its count) into the component name and its form files. */
function splitForms(row: string, code: string, anomalies: Anomaly[]): { name: string; forms: string[] } {
  const exts = [...row.matchAll(FILE_EXT)];
  const lastExt = exts[exts.length - 1];
  if (!lastExt || (lastExt.index as number) + lastExt[0].length !== row.length) return { name: row, forms: [] };
  // The chain of files at the end of the row: consecutive extensions not too far apart.
  let firstIdx = exts.length - 1;
  while (firstIdx > 0) {
    const prev = exts[firstIdx - 1] as RegExpMatchArray;
    const cur = exts[firstIdx] as RegExpMatchArray;
    const gap = row.slice((prev.index as number) + prev[0].length, cur.index as number);
    if (gap.length > 140 || gap.includes('\n') || /[.;:]\s+\p{Ll}/u.test(gap)) break;
    firstIdx--;
  }
  const firstExt = exts[firstIdx] as RegExpMatchArray;
  const prefix = row.slice(0, firstExt.index as number);
  const { at, sure } = formStart(prefix);
  const name = row.slice(0, at);
  if (!sure) note(anomalies, code, 'form-name-boundary', `${name} | ${row.slice(at)}`);
  const forms: string[] = [];
  let cursor = at;
  for (let i = firstIdx; i < exts.length; i++) {
    const e = exts[i] as RegExpMatchArray;
    const end = (e.index as number) + e[0].length;
    forms.push(row.slice(cursor, end));
    cursor = end;
  }
  return { name, forms };
}

const stripDashes = (s: string): string => s.replace(/^(?:\s*--)+/u, '').replace(/(?:--\s*)+$/u, '');

export function parseComponentsTable(text: string, code: string, anomalies: Anomaly[]): ProcedureCase[] {
  const all = cleanText(text);
  if (!absentToEmpty(all) || !stripDashes(all).trim()) return [];
  const headers = [...all.matchAll(COMPONENTS_HEADER)];
  if (headers.length === 0) {
    note(anomalies, code, 'components-unplaced-text', all);
    return [];
  }
  const cases: ProcedureCase[] = [];
  let heading = all.slice(0, headers[0]?.index as number);
  for (const [t, h] of headers.entries()) {
    const from = (h.index as number) + h[0].length;
    const to = (headers[t + 1]?.index as number | undefined) ?? all.length;
    const body = all.slice(from, to);
    const counts = findCounts(body);
    const components: Component[] = [];
    let cursor = 0;
    for (const c of counts) {
      const rowText = body.slice(cursor, c.start);
      cursor = c.end;
      const { name, forms } = splitForms(rowText, code, anomalies);
      const clean = cleanLine(name) || cleanLine(forms[0] ?? '');
      if (!clean) {
        note(anomalies, code, 'component-without-name', `count ${c.originals} bản chính, ${c.copies} bản sao after: ${body.slice(Math.max(0, c.start - 80), c.start)}`);
        continue;
      }
      components.push({
        name: clean,
        originals: c.originals,
        copies: c.copies,
        required: null,
        forms: unique(forms.map((f) => cleanLine(f)).filter(Boolean)).map((n) => ({ name: n, url: null })),
      });
    }
    const remainder = body.slice(cursor);
    const name = cleanLine(stripDashes(heading));
    if (t + 1 < headers.length) {
      // What follows the last count is the next case's heading.
      heading = remainder;
    } else if (cleanLine(stripDashes(remainder))) {
      heading = remainder;
    } else heading = '';
    if (components.length === 0 && counts.length === 0 && t + 1 < headers.length && cleanLine(stripDashes(remainder))) {
      note(anomalies, code, 'components-table-empty', `${name} | ${remainder}`);
    }
    if (components.length > 0 || name) cases.push({ name, components });
  }
  // Text after the last table's last count: a case heading with no table under it on the page
  // (a note such as "Trường hợp nộp hồ sơ qua hệ thống đăng ký trực tuyến thì …"), or a row whose
  // count is missing. Kept as a case without components and reported.
  const trailing = stripDashes(heading);
  for (const part of trailing.split(/--+/u)) {
    const name = cleanLine(part);
    if (!name) continue;
    cases.push({ name, components: [] });
    note(anomalies, code, 'component-count-missing', name);
  }
  return cases;
}
