// Reader for the scraped portal pages: scraped-details/<MINISTRY>/<CODE>.json
// (see ../shared/catalog-sources/SOURCES.md). The scraper flattened the page's three tables
// (submission methods, dossier components, legal basis) into run-on text and cut the page
// into fields at the first occurrence of each section label, which sometimes cut inside the
// content; `raw_text` (the whole page) is re-segmented here to repair those fields.
// Every piece of text that cannot be placed is reported as an anomaly, never dropped silently.
import { z } from 'zod';
import {
  PORTAL_PAGE_BASE,
  type Anomaly,
  // The readers produce components as the source lists them; scripts/ingest/checklist.ts structures them.
  type SourceComponent as Component,
  type Fee,
  type FeeKind,
  type Level,
  type Method,
  type SourceProcedure as Procedure,
  type SourceCase as ProcedureCase,
  type SubmissionMethod,
  type TimeUnit,
} from '../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine, cleanText } from './clean.ts';

// ---------------------------------------------------------------------------------------------
// Input shape

const text = z.string();
const optionalText = z.string().default('');

/** One scraped page as stored on disk. Extra keys are tolerated; the fields we read must be strings. */
export const scrapedRecordSchema = z
  .object({
    ma_thu_tuc: text,
    ten_thu_tuc: text,
    detail_url: text,
    so_quyet_dinh: optionalText,
    cap_thuc_hien: text,
    loai_thu_tuc: optionalText,
    linh_vuc: optionalText,
    doi_tuong_thuc_hien: optionalText,
    co_quan_co_tham_quyen: optionalText,
    dia_chi_tiep_nhan: optionalText,
    co_quan_duoc_uy_quyen: optionalText,
    co_quan_phoi_hop: optionalText,
    thu_tuc_lien_quan: optionalText,
    trinh_tu_thuc_hien: text,
    cach_thuc_thuc_hien: text,
    thanh_phan_ho_so: text,
    can_cu_phap_ly: text,
    co_quan_thuc_hien: optionalText,
    yeu_cau_dieu_kien: optionalText,
    ket_qua_xu_ly: text,
    formality_id: optionalText,
    raw_text: optionalText,
  })
  .loose();
export type ScrapedRecord = z.infer<typeof scrapedRecordSchema>;

// ---------------------------------------------------------------------------------------------
// Small helpers

const DETAIL_MAX = 200;

/** Anomaly detail: the offending text on one line, truncated to ~200 characters. */
function quote(s: string): string {
  const line = cleanLine(s);
  return line.length > DETAIL_MAX ? `${line.slice(0, DETAIL_MAX - 1)}…` : line;
}

function note(anomalies: Anomaly[], code: string, kind: string, detail: string): void {
  anomalies.push({ code, kind, detail: quote(detail) });
}

/** Whitespace-insensitive form, to compare a scraped field with the page text. */
const squash = (s: string): string => s.normalize('NFC').replace(/\s+/gu, '');

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** "Không có thông tin" and friends mean absent. */
const absent = (s: string): string => absentToEmpty(cleanText(s));

const isUpper = (ch: string | undefined): boolean => !!ch && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLower = (ch: string | undefined): boolean => !!ch && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
const isDigit = (ch: string | undefined): boolean => !!ch && ch >= '0' && ch <= '9';
const isSpace = (ch: string | undefined): boolean => !!ch && /\s/u.test(ch);

/** Index just after the parenthesis group opening at `open`, or -1 when it never closes. */
function matchParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** True when every ')' in s closes a '(' in s and nothing stays open. */
function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0;
}

// ---------------------------------------------------------------------------------------------
// Page re-segmentation from raw_text

type SectionKey =
  | 'ten_thu_tuc'
  | 'ma_thu_tuc'
  | 'so_quyet_dinh'
  | 'cap_thuc_hien'
  | 'loai_thu_tuc'
  | 'linh_vuc'
  | 'doi_tuong_thuc_hien'
  | 'co_quan_co_tham_quyen'
  | 'dia_chi_tiep_nhan'
  | 'co_quan_duoc_uy_quyen'
  | 'co_quan_phoi_hop'
  | 'thu_tuc_lien_quan'
  | 'trinh_tu_thuc_hien'
  | 'cach_thuc_thuc_hien'
  | 'thanh_phan_ho_so'
  | 'can_cu_phap_ly'
  | 'co_quan_thuc_hien'
  | 'yeu_cau_dieu_kien'
  | 'ket_qua_xu_ly';

/** Page labels before the steps, in page order; short fields that never contain a label. */
const HEAD_LABELS: [SectionKey, string][] = [
  ['ten_thu_tuc', 'Tên thủ tục'],
  ['ma_thu_tuc', 'Mã thủ tục'],
  ['so_quyet_dinh', 'Số quyết định'],
  ['cap_thuc_hien', 'Cấp thực hiện'],
  ['loai_thu_tuc', 'Loại thủ tục'],
  ['linh_vuc', 'Lĩnh vực'],
  ['doi_tuong_thuc_hien', 'Đối tượng thực hiện'],
  ['co_quan_co_tham_quyen', 'Cơ quan có thẩm quyền'],
  ['dia_chi_tiep_nhan', 'Địa chỉ tiếp nhận HS'],
  ['co_quan_duoc_uy_quyen', 'Cơ quan được ủy quyền'],
  ['co_quan_phoi_hop', 'Cơ quan phối hợp'],
  ['thu_tuc_lien_quan', 'Thủ tục hành chính liên quan'],
  ['trinh_tu_thuc_hien', 'Trình Tự Thực Hiện'],
];
const METHODS_HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const METHODS_LABEL = 'Cách Thức Thực Hiện';
const COMPONENTS_LABEL = 'Thành phần hồ sơ';
const LEGAL_ANCHOR = /Căn cứ pháp lý(?=Tên văn bản pháp lýMã văn bản|Không có thông tin)/u;
const METHOD_ROW = /(?:Trực tuyến|Trực tiếp|Dịch vụ bưu chính)(?=\s*(?:\d|Không có thông tin))/u;

/**
 * Cut the whole page text into its sections, anchoring on structure rather than on the first
 * occurrence of a label (labels also occur inside content: "mục 9.3 (Thành phần hồ sơ)").
 * Returns null when the page does not have the expected layout.
 */
export function segmentPage(raw: string): Partial<Record<SectionKey, string>> | null {
  const page = raw.normalize('NFC');
  const starts: { key: SectionKey; at: number; end: number }[] = [];
  let pos = 0;
  for (const [key, label] of HEAD_LABELS) {
    const at = page.indexOf(label, pos);
    if (at < 0) return null;
    starts.push({ key, at, end: at + label.length });
    pos = at + label.length;
  }
  const methodsAt = page.indexOf(METHODS_LABEL + METHODS_HEADER, pos);
  if (methodsAt < 0) return null;
  starts.push({ key: 'cach_thuc_thuc_hien', at: methodsAt, end: methodsAt + METHODS_LABEL.length });
  const legal = LEGAL_ANCHOR.exec(page.slice(methodsAt));
  if (!legal) return null;
  const legalAt = methodsAt + legal.index;
  // The components label: the first occurrence after the methods table that is not followed by
  // another method row (a method description may itself say "Thành phần hồ sơ:").
  const between = page.slice(methodsAt, legalAt);
  const occurrences: number[] = [];
  for (let i = between.indexOf(COMPONENTS_LABEL); i >= 0; i = between.indexOf(COMPONENTS_LABEL, i + 1)) {
    occurrences.push(i);
  }
  if (occurrences.length === 0) return null;
  let chosen = occurrences[0] as number;
  for (const [n, occ] of occurrences.entries()) {
    const next = occurrences[n + 1] ?? between.length;
    if (!METHOD_ROW.test(between.slice(occ + COMPONENTS_LABEL.length, next))) {
      chosen = occ;
      break;
    }
  }
  const componentsAt = methodsAt + chosen;
  starts.push({ key: 'thanh_phan_ho_so', at: componentsAt, end: componentsAt + COMPONENTS_LABEL.length });
  starts.push({ key: 'can_cu_phap_ly', at: legalAt, end: legalAt + 'Căn cứ pháp lý'.length });
  pos = legalAt;
  const tail: [SectionKey, string, boolean][] = [
    ['co_quan_thuc_hien', 'Cơ quan thực hiện', true],
    ['yeu_cau_dieu_kien', 'Yêu cầu, điều kiện thực hiện', true],
    ['ket_qua_xu_ly', 'Kết quả xử lý', false],
  ];
  for (const [key, label, required] of tail) {
    const at = page.indexOf(label, pos);
    if (at < 0) {
      if (required) return null;
      continue;
    }
    starts.push({ key, at, end: at + label.length });
    pos = at + label.length;
  }
  const out: Partial<Record<SectionKey, string>> = {};
  for (const [i, s] of starts.entries()) {
    out[s.key] = page.slice(s.end, starts[i + 1]?.at ?? page.length);
  }
  // Without a "Kết quả xử lý" label the page has no results; the UI then follows the conditions.
  if (out.ket_qua_xu_ly === undefined) out.ket_qua_xu_ly = '';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lists: levels, agencies, target groups

const LEVELS: Record<string, Level> = {
  'cấp bộ': 'ministry',
  'cấp tỉnh': 'province',
  'cấp xã': 'commune',
  'cơ quan khác': 'other',
};

function parseLevels(s: string, code: string, anomalies: Anomaly[]): Level[] {
  const out: Level[] = [];
  for (const part of cleanLine(s).split(',')) {
    const key = part.trim().toLocaleLowerCase('vi');
    if (!key) continue;
    const level = LEVELS[key];
    if (level) out.push(level);
    else note(anomalies, code, 'level-unknown', part);
  }
  return unique(out);
}

/**
 * Split a comma-joined list of names whose items may themselves contain commas:
 * "Tổ chức (không bao gồm doanh nghiệp, HTX), Cán bộ, công chức, viên chức, Công an tỉnh".
 * Commas inside parentheses never split, and a piece starting in lower case continues the previous
 * item ("Cục cảnh sát quản lý hành chính về trật tự, xã hội").
 */
export function splitNames(s: string): string[] {
  const line = absentToEmpty(cleanLine(s));
  if (!line) return [];
  const pieces: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of line) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      pieces.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  pieces.push(cur.trim());
  const out: string[] = [];
  for (const p of pieces) {
    const prev = out.length - 1;
    if (prev >= 0 && (p === '' || !isUpper(p[0]))) out[prev] = `${out[prev] as string}, ${p}`.replace(/,\s*$/u, '');
    else out.push(p);
  }
  // "Cán bộ, công chức, viên chức" is one target group; the rule above already keeps it whole.
  return unique(out.map((x) => x.trim()).filter(Boolean));
}

const PAGE_LABEL_INSIDE = /Tên thủ tục|Mã thủ tục|Số quyết định|Cấp thực hiện|Loại thủ tục|Đối tượng thực hiện/u;

function agencies(s: string, field: string, code: string, anomalies: Anomaly[]): string[] {
  return splitNames(s).filter((name) => {
    if (PAGE_LABEL_INSIDE.test(name) || name.length > 250) {
      note(anomalies, code, 'agency-unplaced', `${field}: ${name}`);
      return false;
    }
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Methods table: "Hình thức nộpThời gianPhí, lệ phíMô tả" + rows
// "<method><time><fee>[(<fee description>)]<description>"

const METHOD_NAMES: Record<string, SubmissionMethod> = {
  'Trực tuyến': 'online',
  'Trực tiếp': 'direct',
  'Dịch vụ bưu chính': 'postal',
};
const METHOD_LABEL = /(Trực tuyến|Trực tiếp|Dịch vụ bưu chính)/gu;
/** What a fee cell starts with: "Miễn phí", "Không có thông tin", or an amount with its currency. */
const FEE_HEAD = /Miễn phí|Không có thông tin|\d[\d.,]*\s*(?:Việt Nam Đồng|VNĐ|VND|USD)/u;
const METHODS_HEADER_RE = /-*\s*Hình thức nộp\s*Thời gian\s*Phí, lệ phí\s*Mô tả/u;
const NO_INFO = 'Không có thông tin';

const TIME_UNITS: [RegExp, TimeUnit][] = [
  [/^Ngày làm việc/u, 'working_day'],
  [/^Ngày/u, 'day'],
  [/^Giờ/u, 'hour'],
  [/^Tháng/u, 'month'],
  [/^Năm/u, 'year'],
];
/** A word after the number that looks like a unit we do not know ("Tuần", "Phút"). */
const UNKNOWN_UNIT = /^(Tuần|Phút|Buổi|Quý|[A-ZĐ][a-zà-ỹđ]+(?: [a-zà-ỹđ]+){0,2})(?=\s*(?:Miễn phí|Không có thông tin|\d))/u;
const CURRENCY = /^\s*(Việt Nam Đồng|VNĐ|VND|USD)/u;
const AMOUNT_WELL_FORMED = /^(?:[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d{0,2}(?:\.\d{3})+|[1-9]\d*|0)$/u;
/** Fee descriptions that just say there is nothing to pay. */
const FREE_NOTE =
  /^\(*\s*(?:-\s*)?(?:không|không có|không quy định|chưa quy định|không thu|không thu (?:lệ )?phí|miễn|miễn phí|miễn (?:lệ )?phí|0|0 đồng)\s*\.?\s*\)*$/iu;
/** A parenthesis right after the fee that is really the start of an enumerated description: "(1) ...", "(a) ...". */
const ENUMERATOR = /^\(\s*(?:\d{1,2}|[a-zđ]|[ivx]{1,4})\s*\)$/iu;

function toNumber(s: string): number | null {
  if (/^\d+$/u.test(s)) return Number(s);
  if (/^\d{1,3}(?:,\d{3})+$/u.test(s)) return Number(s.replace(/,/gu, ''));
  if (/^\d{1,3}(?:\.\d{3})+$/u.test(s)) return Number(s.replace(/\./gu, ''));
  if (/^\d+[.,]\d+$/u.test(s)) return Number(s.replace(',', '.'));
  return null;
}

/** Amounts written in a fee description ("20.000 vnđ", "100.000 đồng"), to confirm a split. */
function amountsIn(s: string): number[] {
  const out: number[] = [];
  for (const m of s.matchAll(/(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ\b|Đ\b|vnđ|VNĐ|VND|USD|Việt Nam Đồng)/giu)) {
    const n = toNumber(m[1] as string);
    if (n !== null) out.push(n);
  }
  return out;
}

function feeKind(s: string): FeeKind {
  const t = s.toLocaleLowerCase('vi');
  const head = t.replace(/^[\s(\-–+*•]+/u, '');
  if (/^lệ phí/u.test(head)) return 'le_phi';
  if (/^phí/u.test(head)) return 'phi';
  if (/^giá/u.test(head)) return 'gia';
  // Generic mentions ("phí, lệ phí", "Luật phí và lệ phí", "miễn phí") say nothing about this fee.
  const specific = t
    .replace(/phí,? (?:và )?lệ phí/gu, ' ')
    .replace(/miễn (?:lệ )?phí/gu, ' ')
    .replace(/chi phí/gu, ' ');
  const le = /lệ phí/u.test(specific);
  const phi = /(?:^|[^ệ\p{L}]\s*|[\s(:;,.\-])phí/u.test(specific.replace(/lệ phí/gu, ' '));
  if (le && !phi) return 'le_phi';
  if (phi && !le) return 'phi';
  return 'unspecified';
}

interface RowDraft {
  method: SubmissionMethod;
  methodLabel: string;
  row: string;
  /** Digits glued to an amount ("Trực tuyến120 VNĐ": a bare time then the fee), resolved later. */
  glued: { digits: string; currency: string; rest: string } | null;
}

/**
 * Split the digit run before a currency into a bare time and the fee amount:
 * "120,000" → 1 + "20,000", "220" → 2 + "20". The time is always present in the table, so at least
 * one digit belongs to it; amounts stated in the fee description and the other rows' times confirm.
 */
function splitGlued(
  digits: string,
  evidence: number[],
  siblingTimes: number[],
): { time: number; amount: string; ambiguous: boolean } | null {
  const candidates: { time: number; amount: string; score: number }[] = [];
  for (let k = 1; k < digits.length; k++) {
    const t = digits.slice(0, k);
    const a = digits.slice(k);
    if (!/^\d+$/u.test(t) || (t.length > 1 && t.startsWith('0'))) continue;
    if (!AMOUNT_WELL_FORMED.test(a)) continue;
    const amount = toNumber(a);
    // A zero amount is shown as "Miễn phí" on the page, never as "0 VNĐ".
    if (amount === null || amount === 0) continue;
    let score = 0;
    if (/[.,]/u.test(a)) score += 4;
    if (evidence.some((e) => e === amount || e === amount * 1000)) score += 2;
    if (siblingTimes.includes(Number(t))) score += 1;
    candidates.push({ time: Number(t), amount: a, score });
  }
  if (candidates.length === 0) return null;
  candidates.sort((x, y) => y.score - x.score || String(x.time).length - String(y.time).length);
  const best = candidates[0] as { time: number; amount: string; score: number };
  const runnerUp = candidates[1];
  return { time: best.time, amount: best.amount, ambiguous: !!runnerUp && runnerUp.score === best.score };
}

/**
 * Where the fee's own description "(…)" ends. Usually a balanced group; the portal wraps each fee
 * description in parentheses even when the description itself has unbalanced ones, so when the group
 * never closes we take the last ')' after which the row reads as a new cell (glued, balanced rest).
 */
function feeNoteEnd(row: string, open: number): { end: number; unbalanced: boolean } {
  const end = matchParen(row, open);
  if (end > 0) return { end, unbalanced: false };
  for (let i = row.length - 1; i > open; i--) {
    if (row[i] !== ')') continue;
    const rest = row.slice(i + 1);
    if (rest === '' || (balanced(rest) && !isSpace(rest[0]) && !/^[,.;:)]/u.test(rest))) return { end: i + 1, unbalanced: true };
  }
  return { end: row.length, unbalanced: true };
}

function parseFee(
  head: 'free' | 'amount',
  shown: string,
  amountText: string | null,
  currencyText: string | null,
  note_: string,
  code: string,
  anomalies: Anomaly[],
): Fee {
  const inner = cleanText(note_.replace(/^\(|\)$/gu, ''));
  // As the portal shows it: the amount, then its own description in parentheses, kept verbatim.
  const feeText = inner ? `${cleanLine(shown)} (${inner})` : cleanLine(shown);
  const kind = feeKind(inner || feeText);
  if (head === 'free') {
    // The portal shows "Miễn phí" for a 0 amount; with a description the real amount is often only
    // there ("Mức lệ phí cụ thể do HĐND tỉnh quyết định"), so 0/free only when it says nothing else.
    if (!inner || FREE_NOTE.test(inner)) {
      return { kind, amount: 0, currency: null, amountVnd: 0, free: true, text: feeText };
    }
    return { kind, amount: null, currency: null, amountVnd: null, free: false, text: feeText };
  }
  const amount = amountText === null ? null : toNumber(amountText);
  const currency = currencyText === 'USD' ? 'USD' : 'VND';
  if (amount === null) {
    note(anomalies, code, 'fee-unparsed', feeText);
    return { kind, amount: null, currency: null, amountVnd: null, free: false, text: feeText };
  }
  if (currency === 'VND' && amount > 0 && amount < 1000) {
    // The portal sometimes stores thousands ("20 VNĐ(20.000 vnđ /tờ khai)"); kept as stated.
    note(anomalies, code, 'fee-amount-suspicious', feeText);
  }
  return {
    kind,
    amount,
    currency,
    amountVnd: currency === 'VND' ? Math.round(amount) : null,
    free: amount === 0,
    text: feeText,
  };
}

/**
 * Where the method rows start. A method name followed by a number or "Không có thông tin" starts a
 * row; so does one glued to the previous row's text and followed by a free-text time cell
 * ("…xãTrực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phí…"). The same words inside a
 * description come after a space or punctuation ("- Trực tuyến: nộp qua Cổng…").
 */
function rowStarts(body: string): { index: number; label: string }[] {
  const out: { index: number; label: string }[] = [];
  for (const m of body.matchAll(METHOD_LABEL)) {
    const at = m.index as number;
    const label = m[1] as string;
    const after = body.slice(at + label.length);
    if (/^\s*(?:\d|Không có thông tin)/u.test(after)) {
      out.push({ index: at, label });
      continue;
    }
    const before = body[at - 1];
    const glued = at === 0 || (before !== undefined && !isSpace(before) && !/[(\-–:/,"“'‘]/u.test(before));
    if (!glued || !isUpper(after[0])) continue;
    // A free-text time must be followed by a fee cell before the next method name.
    const nextLabel = after.search(METHOD_LABEL);
    const fee = FEE_HEAD.exec(after);
    if (fee && fee.index <= 300 && (nextLabel < 0 || fee.index < nextLabel)) out.push({ index: at, label });
  }
  return out;
}

export function parseMethodsTable(text: string, code: string, anomalies: Anomaly[]): Method[] {
  let body = cleanText(text);
  if (!absentToEmpty(body)) return [];
  const header = METHODS_HEADER_RE.exec(body);
  if (header) {
    if (body.slice(0, header.index).trim()) note(anomalies, code, 'methods-unplaced-text', body.slice(0, header.index));
    body = body.slice(header.index + header[0].length);
  } else {
    note(anomalies, code, 'methods-header-missing', body);
  }
  const starts = rowStarts(body);
  if (starts.length === 0) {
    if (body.trim()) note(anomalies, code, 'methods-unplaced-text', body);
    return [];
  }
  const first = starts[0] as { index: number; label: string };
  if (body.slice(0, first.index).trim()) note(anomalies, code, 'methods-unplaced-text', body.slice(0, first.index));

  const drafts: RowDraft[] = starts.map((m, i) => {
    const label = m.label;
    const from = m.index + label.length;
    const to = starts[i + 1]?.index ?? body.length;
    const row = body.slice(from, to).trim();
    const glue = /^(\d[\d.,]*)(?=\s*(?:Việt Nam Đồng|VNĐ|VND|USD))/u.exec(row);
    let glued: RowDraft['glued'] = null;
    if (glue) {
      const after = row.slice(glue[0].length);
      const cur = CURRENCY.exec(after);
      glued = { digits: glue[1] as string, currency: (cur?.[1] as string) ?? 'VNĐ', rest: after.slice(cur?.[0].length ?? 0) };
    }
    return { method: METHOD_NAMES[label] as SubmissionMethod, methodLabel: label, row, glued };
  });

  const siblingTimes = drafts.flatMap((d) => {
    const m = /^(\d+)(?!\d)/u.exec(d.row);
    return m && !d.glued ? [Number(m[1])] : [];
  });

  // Resolve glued rows with evidence first, so their times can confirm the others.
  const gluedTimes: number[] = [];
  const splits = new Map<RowDraft, ReturnType<typeof splitGlued>>();
  for (const pass of [true, false]) {
    for (const d of drafts) {
      if (!d.glued || splits.has(d)) continue;
      const evidence = amountsIn(d.glued.rest);
      if (pass && evidence.length === 0) continue;
      const s = splitGlued(d.glued.digits, evidence, [...siblingTimes, ...gluedTimes]);
      splits.set(d, s);
      if (s) gluedTimes.push(s.time);
    }
  }

  const unitless: string[] = [];
  const methods = drafts.map((d): Method => {
    let rest = d.row;
    let time: Method['time'] = null;
    let bareTime: string | null = null;
    let feeHead: { kind: 'free' | 'amount' | 'none' | 'text'; shown: string; amount: string | null; currency: string | null } | null = null;

    if (d.glued) {
      const s = splits.get(d) ?? null;
      const shownAmount = s ? s.amount : d.glued.digits;
      if (s) {
        bareTime = String(s.time);
        if (s.ambiguous) {
          note(
            anomalies,
            code,
            'time-fee-ambiguous',
            `${d.methodLabel}${d.glued.digits} ${d.glued.currency}: read as time ${s.time}, fee ${s.amount} ${d.glued.currency}`,
          );
        }
      } else {
        note(anomalies, code, 'time-unparsed', `${d.methodLabel}${d.row}`);
      }
      feeHead = { kind: 'amount', shown: `${shownAmount} ${d.glued.currency}`, amount: shownAmount, currency: d.glued.currency };
      rest = d.glued.rest;
    } else if (rest.startsWith(NO_INFO)) {
      rest = rest.slice(NO_INFO.length);
    } else {
      const num = /^(\d+(?:[.,]\d+)?)\s*/u.exec(rest);
      if (num) {
        const after = rest.slice(num[0].length);
        const unit = TIME_UNITS.find(([re]) => re.test(after));
        if (unit) {
          const unitText = (unit[0].exec(after) as RegExpExecArray)[0];
          const value = toNumber(num[1] as string);
          time = { value, unit: unit[1], text: cleanLine(`${num[1] as string} ${unitText}`) };
          rest = after.slice(unitText.length);
        } else if (/^(?:Miễn phí|Không có thông tin|\d)/u.test(after) || after === '') {
          bareTime = num[1] as string;
          rest = after;
        } else {
          const unknown = UNKNOWN_UNIT.exec(after);
          if (unknown) {
            const unitText = unknown[1] as string;
            time = { value: toNumber(num[1] as string), unit: null, text: cleanLine(`${num[1] as string} ${unitText}`) };
            note(anomalies, code, 'time-unit-unknown', `${d.methodLabel}: ${num[1] as string} ${unitText}`);
            rest = after.slice(unitText.length);
          } else {
            bareTime = num[1] as string;
            rest = after;
          }
        }
      } else {
        // Free-text time cell ("Không phải trả kết quả cho người nộp thuế", "Không quy định").
        const fee = FEE_HEAD.exec(rest);
        const own = cleanText(fee ? rest.slice(0, fee.index) : rest);
        if (fee && own) {
          const meaningful = absentToEmpty(own);
          if (meaningful) time = { value: null, unit: 'other', text: meaningful };
          rest = rest.slice(fee.index);
        } else {
          note(anomalies, code, 'time-unparsed', `${d.methodLabel}${d.row}`);
        }
      }
    }

    // Fee cell.
    if (!feeHead) {
      rest = rest.trimStart();
      const amount = /^(\d[\d.,]*)\s*(Việt Nam Đồng|VNĐ|VND|USD)/u.exec(rest);
      if (rest.startsWith('Miễn phí')) {
        feeHead = { kind: 'free', shown: 'Miễn phí', amount: null, currency: null };
        rest = rest.slice('Miễn phí'.length);
      } else if (rest.startsWith(NO_INFO)) {
        feeHead = { kind: 'none', shown: NO_INFO, amount: null, currency: null };
        rest = rest.slice(NO_INFO.length);
      } else if (amount) {
        feeHead = { kind: 'amount', shown: amount[0], amount: amount[1] as string, currency: amount[2] as string };
        rest = rest.slice(amount[0].length);
      } else {
        // Neither free, absent nor an amount: the whole cell stays as the fee's text.
        const feeText = cleanText(rest);
        note(anomalies, code, 'fee-unparsed', `${d.methodLabel}: ${feeText}`);
        feeHead = { kind: 'text', shown: feeText, amount: null, currency: null };
        rest = '';
      }
    }

    // The fee's own description in parentheses, then the row description (Mô tả).
    let feeNote = '';
    if ((feeHead.kind === 'free' || feeHead.kind === 'amount') && rest.startsWith('(')) {
      const { end, unbalanced } = feeNoteEnd(rest, 0);
      const group = rest.slice(0, end);
      if (!ENUMERATOR.test(group)) {
        feeNote = group;
        rest = rest.slice(end);
        if (unbalanced) note(anomalies, code, 'fee-text-unbalanced', `${feeHead.shown}${feeNote}`);
      }
    }
    const fees: Fee[] =
      feeHead.kind === 'none'
        ? []
        : feeHead.kind === 'text'
          ? [{ kind: feeKind(feeHead.shown), amount: null, currency: null, amountVnd: null, free: false, text: feeHead.shown }]
          : [parseFee(feeHead.kind, feeHead.shown, feeHead.amount, feeHead.currency, feeNote, code, anomalies)];
    const description = absentToEmpty(cleanText(rest));

    if (bareTime !== null) {
      // No unit: the portal's OTHER unit, whose meaning is in the description.
      const value = toNumber(bareTime);
      time = { value, unit: 'other', text: description || bareTime };
      if (!description) unitless.push(`${d.methodLabel} ${bareTime}`);
    }
    return { method: d.method, time, fees, description };
  });
  if (unitless.length > 0) note(anomalies, code, 'time-unit-missing', `${unitless.join('; ')} (a number without unit or description)`);
  return methods;
}

// ---------------------------------------------------------------------------------------------
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

const ONSET = '(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?';
/** One Vietnamese syllable, tone marks removed. */
const SYLLABLE = new RegExp(`^${ONSET}[aeiouy]+(?:ng|nh|ch|[cmnpt])?$`, 'u');
const SYLLABLE_START = new RegExp(`^${ONSET}[aeiouy]`, 'u');
const toneless = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .normalize('NFC');
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

// ---------------------------------------------------------------------------------------------
// Legal basis: "Tên văn bản pháp lýMã văn bản" + "<title><code>" pairs run together.

const LEGAL_HEADER = /^\s*Tên văn bản pháp lý\s*Mã văn bản/u;
/** A document code: "54/2010/QH12", "63/2011/NĐ-CP", "2222/QĐ-BHXH", "41/201Đ-CP". */
const DOC_CODE =
  /(?:\d+\.)?\d+[a-zA-Z]?\/(?:\d{2,4}\/)?(?:TTg|[0-9]*\p{Lu}[\p{Lu}0-9]*)(?:(?:[-_]|\/(?=\p{Lu}{2})|-\s(?=\p{Lu}{2}))(?:TTg|[\p{Lu}0-9]+))*|(?<![\d/.])\d+\/\d{4}(?![\d/])/gu;
/** Words that may precede the code inside the code column ("Luật số 32/2024/QH15"). */
const CODE_PREFIX = /(?:(?:Luật|Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Pháp lệnh|Văn bản hợp nhất)\s*)?(?:số\s*)?$/u;
const DOC_TYPE_ONLY = /^(?:Luật|Thông tư liên tịch|Thông tư|Nghị định|Nghị quyết|Quyết định|Pháp lệnh)(?:\s+số)?$/iu;

/** Issuers' abbreviations ending document codes, longest first. */
const AGENCY_CODES = [
  'BLĐTBXH', 'BNNPTNT', 'BVHTTDL', 'UBTVQH', 'TANDTC', 'VKSNDTC', 'BKHĐT', 'BGDĐT', 'BGTVT', 'BNNMT', 'BTNMT',
  'BTTTT', 'BKHCN', 'NHNN', 'VPCP', 'BCA', 'BCT', 'BNG', 'BNV', 'BQP', 'BTC', 'BTP', 'BXD', 'BYT', 'CP',
];

interface CodeHit {
  start: number;
  end: number;
  code: string;
  /** A code that is part of a title, never the end of a row. */
  inTitle: boolean;
}

function findCodes(s: string): CodeHit[] {
  const hits: CodeHit[] = [];
  const re = new RegExp(DOC_CODE.source, 'gu');
  for (let m = re.exec(s); m; m = re.exec(s)) {
    let code = m[0];
    let end = (m.index as number) + code.length;
    let start = m.index as number;
    // A date glued before the code: "ngày 25/01/2026" + "40/2026/NĐ-CP" matched "202640/2026/NĐ-CP".
    const year = /^((?:19|20)\d{2})(\d+\/)/u.exec(code);
    if (year) {
      start += (year[1] as string).length;
      code = code.slice((year[1] as string).length);
    }
    // "…/TT-BCAngày 01/7/2025": a date phrase glued to the code, inside the title.
    if (/^n?gày\b/u.test(s.slice(end))) {
      hits.push({ start, end, code, inTitle: true });
      re.lastIndex = Math.max(end, start + 1);
      continue;
    }
    // The next title is glued: "…/QH12Nghị định" matched "QH12N"; give the capital back.
    // Only when the capital starts a real word ("QH12|Nghị"), not for a lower-case title ("NĐ-CP|quy").
    while (
      isLower(s[end]) &&
      isUpper(code[code.length - 1]) &&
      !code.endsWith('TTg') &&
      SYLLABLE_START.test(toneless((code[code.length - 1] as string) + s.slice(end, end + 4)))
    ) {
      code = code.slice(0, -1);
      end--;
    }
    // "…/QH13BAN HÀNH QUY TRÌNH": a digit-ended segment followed by an all-caps word.
    const glue = /^(.*\p{Lu}+\d+)(\p{Lu}{2,})$/u.exec(code);
    if (glue && (s[end] === ' ' || s[end] === undefined)) {
      end -= (glue[2] as string).length;
      code = glue[1] as string;
    }
    // "…/TT-BCAQUY ĐỊNH MỨC THU…": an all-caps title glued to an agency code.
    const lastSeg = /[-_/](\p{Lu}+)$/u.exec(code);
    if (lastSeg && (s[end] === ' ' || s[end] === undefined)) {
      const seg = lastSeg[1] as string;
      const agency = AGENCY_CODES.find((a) => seg.startsWith(a) && seg.length - a.length >= 2);
      if (agency) {
        end -= seg.length - agency.length;
        code = code.slice(0, code.length - (seg.length - agency.length));
      }
    }
    if (code.endsWith('-')) {
      code = code.slice(0, -1);
      end--;
    }
    // The next code is glued: "…/TT-BCA55/2021/TT-BCA" matched "TT-BCA55". The digits before the
    // '/' start the next code; keep those that make the next code repeat this one, else keep digits
    // only on segments that carry them ("QH14", "UBTVQH15", "C06").
    const tailDigits = /(\d+)$/u.exec(code);
    if (tailDigits && s[end] === '/' && /\p{Lu}\d+$/u.test(code)) {
      const run = tailDigits[1] as string;
      const base = code.slice(0, code.length - run.length);
      const after = s.slice(end);
      let keep = -1;
      for (let k = 0; k < run.length && keep < 0; k++) {
        if ((run.slice(k) + after).startsWith(base + run.slice(0, k))) keep = k;
      }
      if (keep < 0) keep = /(?:QH|-\p{Lu})$/u.test(base) ? Math.min(2, run.length) : 0;
      if (keep < run.length) {
        end -= run.length - keep;
        code = base + run.slice(0, keep);
      }
    }
    hits.push({ start, end, code, inTitle: false });
    // Rescan from where this code really ends: the glued digits may start the next code.
    re.lastIndex = Math.max(end, start + 1);
  }
  return hits;
}

export function parseLegalBasis(text: string, code: string, anomalies: Anomaly[]): { code: string; title: string }[] {
  let body = cleanText(text);
  if (!absentToEmpty(body)) return [];
  const header = LEGAL_HEADER.exec(body);
  if (header) body = body.slice(header[0].length);
  else note(anomalies, code, 'legal-header-missing', body);
  body = body.trim();
  if (!absentToEmpty(body)) return [];

  // A code ends a row when the next row is glued to it (no space) or the text ends.
  const hits = findCodes(body);
  const rows: { text: string; code: CodeHit | null; codeStart: number }[] = [];
  let cursor = 0;
  for (const [i, h] of hits.entries()) {
    const next = body[h.end];
    const glued =
      next === undefined ||
      /^[.;,\s]*$/u.test(body.slice(h.end)) ||
      (!isSpace(next) && !/[,.;:)\]–-]/u.test(next)) ||
      // "…18/2026/NĐ-CP Nghị định quy định…": the code cell ended with a space.
      /^\s+(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Pháp lệnh)\s/u.test(body.slice(h.end));
    if (!glued || h.inTitle) continue;
    // "Nghị định 05/2021/NĐ-CP05/2021/NĐ-CP": the same code twice, the first belongs to the title.
    const following = hits[i + 1];
    if (following && following.start === h.end && following.code === h.code) continue;
    rows.push({ text: body.slice(cursor, h.end), code: h, codeStart: h.start - cursor });
    cursor = h.end;
  }
  const leftover = body.slice(cursor);
  if (leftover.replace(/[.;,\s]/gu, '')) rows.push({ text: leftover, code: null, codeStart: -1 });

  const out: { code: string; title: string }[] = [];
  for (const r of rows) {
    if (!r.code) {
      note(anomalies, code, 'legal-code-missing', r.text);
      out.push({ code: '', title: cleanLine(r.text) });
      continue;
    }
    let titlePart = r.text.slice(0, r.codeStart);
    // Strip the code column's own words when they are glued to the title ("dụngLuật số ").
    const prefix = CODE_PREFIX.exec(titlePart);
    if (prefix && prefix[0] && prefix.index > 0 && !isSpace(titlePart[prefix.index - 1])) {
      titlePart = titlePart.slice(0, prefix.index);
    }
    let title = cleanLine(titlePart).replace(/[;,:\s-]+$/u, '');
    if (!title || DOC_TYPE_ONLY.test(title)) title = cleanLine(`${title} ${r.code.code}`);
    out.push({ code: r.code.code, title });
  }
  // A title that is just a code followed by the same document under its code ("47/2019/TT-BTC" +
  // "Thông tư 47/2019/TT-BTC"): one entry.
  const merged: { code: string; title: string }[] = [];
  for (const e of out) {
    const prev = merged[merged.length - 1];
    if (prev && prev.code === e.code && prev.title === prev.code) {
      prev.title = e.title;
      continue;
    }
    merged.push(e);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------
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
function stripPageUi(s: string, code: string, anomalies: Anomaly[]): string {
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

function parseResults(s: string, code: string, anomalies: Anomaly[]): string[] {
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

// ---------------------------------------------------------------------------------------------
// Issuing body from the decision number ("1241/QĐ-BTP" → Bộ Tư pháp).

const ISSUERS: [RegExp, string][] = [
  [/BTP\b/u, 'Bộ Tư pháp'],
  [/BTC\b/u, 'Bộ Tài chính'],
  [/BCA\b|BCA-/u, 'Bộ Công an'],
  [/BXD\b/u, 'Bộ Xây dựng'],
  [/BNNN?MT\b/u, 'Bộ Nông nghiệp và Môi trường'],
  [/NHNN\b/u, 'Ngân hàng Nhà nước Việt Nam'],
  // Ministries merged in 2025: their procedures now belong to the absorbing ministry.
  [/BGTVT\b/u, 'Bộ Xây dựng'],
  [/BKHĐT\b/u, 'Bộ Tài chính'],
  [/TCHQ\b/u, 'Bộ Tài chính'],
  [/TANDTC\b/u, 'Tòa án nhân dân tối cao'],
];

function issuingBodyOf(decision: string): string | null {
  const d = decision.normalize('NFC').toUpperCase();
  for (const [re, body] of ISSUERS) if (re.test(d)) return body;
  return null;
}

// ---------------------------------------------------------------------------------------------
// The record

const PORTAL_ID = /\/thu-tuc-hanh-chinh\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/iu;

const FIELD_KEYS: SectionKey[] = [
  'ten_thu_tuc',
  'so_quyet_dinh',
  'cap_thuc_hien',
  'linh_vuc',
  'doi_tuong_thuc_hien',
  'co_quan_co_tham_quyen',
  'dia_chi_tiep_nhan',
  'trinh_tu_thuc_hien',
  'cach_thuc_thuc_hien',
  'thanh_phan_ho_so',
  'can_cu_phap_ly',
  'co_quan_thuc_hien',
  'yeu_cau_dieu_kien',
  'ket_qua_xu_ly',
];

/** Results compared without the page UI after them, which the scraper sometimes kept and sometimes not. */
const withoutUi = (s: string): string => s.replace(/Từ khóa[\s\S]*$/u, '');

export function parseScrapedRecord(raw: unknown, crawledAt: string, anomalies: Anomaly[]): Procedure {
  const parsed = scrapedRecordSchema.safeParse(raw);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`scraped record is not the expected shape: ${where}`);
  }
  const rec: ScrapedRecord = parsed.data;
  const fileCode = cleanLine(rec.ma_thu_tuc);
  const local: Anomaly[] = [];

  // Repair fields the scraper cut at a label occurring inside content.
  const fields: Record<SectionKey, string> = { ...rec } as unknown as Record<SectionKey, string>;
  let code = fileCode;
  if (rec.raw_text.trim()) {
    const page = segmentPage(rec.raw_text);
    if (!page) {
      note(local, fileCode, 'page-unsegmented', rec.raw_text.slice(0, 200));
    } else {
      const pageCode = cleanLine(page.ma_thu_tuc ?? '');
      if (pageCode && pageCode !== fileCode) {
        // The scraper stored another procedure's page under this code: the content is that page's.
        note(
          local,
          fileCode,
          'page-code-mismatch',
          `file is ${fileCode} but the page is ${pageCode} (${cleanLine(page.ten_thu_tuc ?? '')}); record keyed by the page's code`,
        );
        code = pageCode;
      }
      for (const key of FIELD_KEYS) {
        const fromPage = page[key];
        if (fromPage === undefined) continue;
        const a = key === 'ket_qua_xu_ly' ? withoutUi(rec[key]) : rec[key];
        const b = key === 'ket_qua_xu_ly' ? withoutUi(fromPage) : fromPage;
        if (squash(a) !== squash(b)) {
          note(local, code, 'field-resegmented', `${key}: scraped field "${quote(a).slice(0, 80)}" replaced by the page's section "${quote(b).slice(0, 80)}"`);
          fields[key] = fromPage;
        }
      }
    }
  }

  const name = cleanLine(fields.ten_thu_tuc);
  const url = cleanLine(rec.detail_url);
  const idMatch = PORTAL_ID.exec(url);
  if (!idMatch) note(local, code, 'url-unexpected', url);
  const portalId = idMatch ? (idMatch[1] as string).toLowerCase() : null;
  const formalityId = cleanLine(rec.formality_id).toLowerCase();
  if (formalityId && portalId && formalityId !== portalId) {
    note(local, code, 'portal-id-mismatch', `detail_url ${portalId}, formality_id ${formalityId}`);
  }

  const methods = parseMethodsTable(fields.cach_thuc_thuc_hien, code, local);
  const field = absent(fields.linh_vuc);
  const decision = absent(fields.so_quyet_dinh);

  const procedure: Procedure = {
    code,
    portalId,
    url: portalId ? `${PORTAL_PAGE_BASE}${portalId}` : url || null,
    name: name || code,
    detail: true,
    type: 'standard',
    levels: parseLevels(fields.cap_thuc_hien, code, local),
    fields: field ? [cleanLine(field)] : [],
    executingAgencies: agencies(fields.co_quan_thuc_hien, 'co_quan_thuc_hien', code, local),
    competentAgencies: agencies(fields.co_quan_co_tham_quyen, 'co_quan_co_tham_quyen', code, local),
    issuingBody: decision ? issuingBodyOf(decision) : null,
    province: null,
    targetGroups: splitNames(fields.doi_tuong_thuc_hien),
    cases: parseComponentsTable(fields.thanh_phan_ho_so, code, local),
    methods,
    steps: parseSteps(fields.trinh_tu_thuc_hien),
    conditions: absentToEmpty(stripPageUi(fields.yeu_cau_dieu_kien, code, local).trim()),
    results: parseResults(fields.ket_qua_xu_ly, code, local),
    legalBasis: parseLegalBasis(fields.can_cu_phap_ly, code, local),
    online: { available: methods.some((m) => m.method === 'online'), fullProcess: false },
    receivingAddress: absent(fields.dia_chi_tiep_nhan),
    decisionNumber: decision ? cleanLine(decision) : null,
    provenance: { source: 'scraped-page', alsoIn: [], crawledAt },
  };
  if (!name) note(local, code, 'name-missing', url);
  if (methods.length === 0) note(local, code, 'methods-missing', fields.cach_thuc_thuc_hien);

  // Content the schema has no place for.
  for (const key of ['co_quan_duoc_uy_quyen', 'co_quan_phoi_hop', 'thu_tuc_lien_quan'] as const) {
    const v = absent(rec[key]);
    if (v) note(local, code, 'field-unplaced', `${key}: ${v}`);
  }

  // The same fee text repeats on every method row: report each distinct anomaly once per record.
  const seen = new Set<string>();
  for (const a of local) {
    const k = `${a.kind}\u0000${a.detail}`;
    if (seen.has(k)) continue;
    seen.add(k);
    anomalies.push(a);
  }
  return procedure;
}
