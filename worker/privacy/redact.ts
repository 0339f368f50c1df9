// Redaction of personal data typed by citizens, applied BEFORE anything is stored (D1 exchanges,
// feedback comments). Pure and synchronous; linear in the input: e-mails are found by scanning
// around '@', plates and passports by regexes with bounded quantifiers only, numbers by one
// deterministic run regex plus a tokenizer (about 10-20 ms per MB, see tests/unit/redact.test.ts).
//
// Covered (replaced by a Vietnamese placeholder):
//   - e-mail addresses                                                      -> [email]
//   - licence plates: 29A-123.45, 51F1-123.45, 30E 12345, 29-A1 123.45, 51G-12345, 29LD-123.45,
//     29MĐ1-123.45; lower-case series only when attached (51f-123.45, 29a12345)  -> [biển số xe]
//   - passports: one letter + 7 digits (C1234567)                           -> [số hộ chiếu]
//   - phones: mobiles 0[35789]x xxx xxxx, old 11-digit mobiles 01[2689]..., landlines 02x + 8 digits,
//     with +84 / 84 / (+84) / (024) prefixes and spaces, dots or dashes between groups; any other
//     +<country> number of 8-15 digits                                     -> [số điện thoại]
//   - CCCD (12 digits starting with 0) and CMND (9 digits), also grouped    -> [số CCCD/CMND]
//   - any other run of 8+ digits (bank accounts, cards, tax / social-insurance / dossier codes),
//     also grouped by dots or dashes, or by spaces (groups of 3+ digits, 8-19 in all) -> [số tài khoản]
//   - receipt codes of the one-stop systems (000.00.21.H12-240101-0001), valid or not: a code
//     leads to a person's dossier (worker/dossier/receipt-code.ts)        -> [mã hồ sơ]
//   - a name the person gives after "tôi tên", "tên là", "tên tôi là", "họ và tên", "họ tên"
//     (with or without diacritics): capitalised words, or 2-4 lower-case words that are not
//     ordinary words of a question ("tên là gì", "họ và tên cha mẹ")    -> [họ tên]
// Deliberately NOT redacted: procedure codes (1.009122), amounts (100.000 đồng, 1.500.000đ,
// 100 000 000 đồng, 15000000 đồng, 15.000.000), dates (31/12/2026, 31.12.2026, 2026-12-31), years and
// year ranges (2021-2025), legal references (Điều 11, Nghị định 53/2017/NĐ-CP, Thông tư số
// 15/2016/TT-BXD, 1085/QĐ-TTg), hotlines (1900 xxxx, 1800 xxxx), numbers of fewer than 8 digits, and
// runs of one-digit groups (1 2 3 4 5 6 7 8).
// Known limits: classification is by shape, so a 10-digit tax code starting with 03/05/07/08/09 is
// reported as a phone and any 9-digit number as a CMND; a dotted amount (123.456.789) is kept as an
// amount unless an ID/account keyword (CMND, CCCD, tài khoản, STK...) closely precedes it; an 8+ digit
// number that is not personal (a long document number) is redacted too; a run of more than 32
// space-separated numbers is cut in pieces, and a grouped number across a cut may be missed; names,
// names not introduced by those words, street addresses and dates of birth are not detected.

import { RECEIPT_CODE_LIKE_SOURCE } from './receipt-code-like';

export type PiiKind = 'id_number' | 'phone' | 'email' | 'licence_plate' | 'passport' | 'bank_account' | 'receipt_code' | 'name';

export const PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  id_number: '[số CCCD/CMND]',
  phone: '[số điện thoại]',
  email: '[email]',
  licence_plate: '[biển số xe]',
  passport: '[số hộ chiếu]',
  bank_account: '[số tài khoản]',
  receipt_code: '[mã hồ sơ]',
  name: '[họ tên]',
};

const KIND_ORDER: readonly PiiKind[] = ['id_number', 'phone', 'email', 'licence_plate', 'passport', 'bank_account', 'receipt_code', 'name'];

export interface RedactResult {
  text: string;
  /** Kinds of personal data found (each once, in a fixed order). */
  found: PiiKind[];
}

export function redact(text: string): RedactResult {
  const found = new Set<PiiKind>();
  // Receipt codes first: their digits would otherwise read as a date or an account number.
  let out = text.replace(RECEIPT_CODE_RE, () => {
    found.add('receipt_code');
    return PLACEHOLDERS.receipt_code;
  });
  out = redactNames(out, found);
  out = redactEmails(out, found);
  out = out.replace(PLATE_RE, () => {
    found.add('licence_plate');
    return PLACEHOLDERS.licence_plate;
  });
  out = out.replace(PASSPORT_RE, () => {
    found.add('passport');
    return PLACEHOLDERS.passport;
  });
  // One set of group arrays per message, made when a run long enough to read comes up.
  let groups: Groups | null = null;
  out = out.replace(NUMBER_RUN_RE, (run: string, offset: number, whole: string) =>
    run.length < MIN_RUN_LENGTH ? run : redactNumberRun((groups ??= newGroups()), run, offset, whole, found),
  );
  return { text: out, found: KIND_ORDER.filter((k) => found.has(k)) };
}

const RECEIPT_CODE_RE = new RegExp(RECEIPT_CODE_LIKE_SOURCE, 'gu');

// ---------------------------------------------------------------------------------------------
// Names introduced by the person: "tôi tên Trần Thị Mai", "họ và tên: Nguyễn Văn An". Words are
// runs of letters (Vietnamese, precomposed or with combining marks); at most 5 are taken.

const L = '\\p{L}\\p{M}';
const NAME_INTRO_RE = new RegExp(
  `(?<![${L}])(t[oô]i t[eê]n l[aà]|t[eê]n t[oô]i l[aà]|t[oô]i t[eê]n|t[eê]n l[aà]|h[oọ] v[aà] t[eê]n|h[oọ] t[eê]n)(?![${L}])[ \\t]*:?[ \\t]*((?:[${L}]{1,12}[ \\t]+){0,4}[${L}]{1,12})`,
  'giu',
);
/**
 * Words that end a lower-case name: what follows "tên là" in a question, not a name. A name typed
 * with diacritics is compared with diacritics ("mình" ends a name, "minh" is one); a name typed
 * without any is compared with unaccented forms, leaving out those that are also common parts of
 * names (thi, van, anh, minh, nam, vo, dang, do, ho, the…): a question is never redacted, and an
 * unaccented name may be cut short.
 */
const NOT_NAME = new Set(
  ('gì là và với của cho ở tại thì mà như thế nào sao đâu khi này kia đó đây có không được cần phải muốn sẽ đã đang bị sai ghi viết đổi sửa ' +
    'trong trên theo người cha mẹ con vợ chồng ông bà anh chị em tôi mình bạn họ từ đến năm tháng ngày sinh số cccd cmnd sđt email địa chỉ hỏi làm xin nộp')
    .split(' '),
);
const NOT_NAME_UNACCENTED = new Set(
  ('gi la va voi cua cho o tai nhu nao sao dau khi nay kia co khong duoc can phai muon se da bi sai ghi viet doi sua ' +
    'trong tren theo nguoi cha me con chong ong toi ban den thang ngay sinh so cccd cmnd sdt email dia hoi lam xin nop')
    .split(' '),
);
const fold = (w: string) =>
  w
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/giu, 'd')
    .toLowerCase();
/** Words that end a capitalised name: the ID the person gives next ("Tôi tên Trần Thị Mai CCCD …"). */
const NOT_NAME_CAPITALISED = new Set(['cccd', 'cmnd', 'cmt', 'sđt', 'sdt', 'số', 'email', 'gmail']);
const lower = (w: string) => w.normalize('NFC').toLowerCase();

const isCapitalised = (w: string) => w[0] !== undefined && w[0] !== w[0].toLowerCase();

function redactNames(text: string, found: Set<PiiKind>): string {
  return text.replace(NAME_INTRO_RE, (whole: string, intro: string, words: string) => {
    const ws = words.split(/[ \t]+/u);
    let n = 0;
    if (isCapitalised(ws[0]!)) {
      while (n < ws.length && isCapitalised(ws[n]!) && !NOT_NAME_CAPITALISED.has(lower(ws[n]!))) n++;
    } else {
      const accented = ws.some((w) => fold(w) !== lower(w));
      const ordinary = accented ? NOT_NAME : NOT_NAME_UNACCENTED;
      while (n < ws.length && n < 4 && !ordinary.has(lower(ws[n]!))) n++;
      if (n < 2) n = 0;
    }
    if (n === 0) return whole;
    found.add('name');
    // Keep what came between the introducer and the name (": "), and the words after it.
    const between = whole.slice(intro.length, whole.length - words.length);
    const rest = ws.slice(n).join(' ');
    return `${intro}${between}${PLACEHOLDERS.name}${rest ? ` ${rest}` : ''}`;
  });
}

// ---------------------------------------------------------------------------------------------
// E-mails: scan around each '@'. Local-part and domain characters exclude '@', so the scans around
// consecutive '@' never overlap: linear in the input.

function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45 /* - */
  );
}

function isDomainChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;
}

/** text[s..e) is a domain: 2+ dot-separated labels of letters, digits and inner '-', a final label of 2-24 letters. */
function isValidDomain(text: string, s: number, e: number): boolean {
  let labelStart = s;
  let labels = 0;
  let tldLetters = true;
  for (let i = s; i <= e; i++) {
    const c = i < e ? text.charCodeAt(i) : 46;
    if (c === 46 /* . */) {
      const len = i - labelStart;
      if (len === 0 || len > 63 || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) return false;
      labels++;
      if (i === e) return labels >= 2 && tldLetters && len >= 2 && len <= 24;
      labelStart = i + 1;
      tldLetters = true;
    } else if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122))) {
      tldLetters = false;
    }
  }
  return false;
}

function redactEmails(text: string, found: Set<PiiKind>): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let last = 0;
  while (at >= 0) {
    let start = at;
    while (start > last && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && text.charCodeAt(start) === 46) start++; // a local part does not start with '.'
    if (start < at) {
      let end = at + 1;
      while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
      while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45)) end--; // sentence end
      if (end > at + 1 && isValidDomain(text, at + 1, end)) {
        out += text.slice(last, start) + PLACEHOLDERS.email;
        last = end;
        found.add('email');
      }
    }
    at = text.indexOf('@', Math.max(at + 1, last));
  }
  return last === 0 ? text : out + text.slice(last);
}

// ---------------------------------------------------------------------------------------------
// Licence plates and passports. Bounded quantifiers only; a letter or digit may not touch either end
// (letters: ASCII and the Latin ranges Vietnamese uses, precomposed or with combining marks).

const W = '0-9A-Za-z\\u00C0-\\u024F\\u0300-\\u036F\\u1E00-\\u1EFF';

// <2-digit province>[sep]<series: 1-2 capitals or MĐ; lower-case only when attached><optional digit>
// [sep]<4 digits, or 5 digits as 12345 / 123.45>
const PLATE_RE = new RegExp(
  `(?<![${W}])\\d\\d(?:(?: ?- ?| )?(?:[A-Z]{1,2}|MĐ)|[a-z]{1,2}|mđ)\\d?(?: ?[-.] ?| )?(?:\\d{3}\\.?\\d{2}|\\d{4})(?![${W}])`,
  'g',
);

const PASSPORT_RE = new RegExp(`(?<![${W}])[A-Za-z]\\d{7}(?![${W}])`, 'g');

// ---------------------------------------------------------------------------------------------
// Numbers: one token per run of digit groups joined by single separators (space, no-break space,
// '.', '-'), with an optional '+' or '(+84)' / '(024)' prefix. Deterministic (each step either
// continues the run or ends it), so matching is linear; each run is then classified in time linear
// in its number of groups, without per-group allocations. The bounded lookahead skips, without a
// callback, runs shorter than 8 characters (they cannot hold 8 digits). A run is cut after
// MAX_GROUPS groups (the rest is the next run): no message has that many numbers in a row, and it
// bounds the work per run.
const MAX_GROUPS = 32;
const NUMBER_RUN_RE = new RegExp(
  `(?:\\(\\+?\\d{1,4}\\)[ \\u00A0]?|\\+[ \\u00A0]?|(?<!\\d))\\d(?=[\\d .\\-\\u00A0]{7})\\d*(?:[ .\\-\\u00A0]\\d+){0,${MAX_GROUPS - 1}}`,
  'g',
);

const SEP_NONE = 0;
const SEP_SPACE = 1;
const SEP_DOT = 2;
const SEP_DASH = 3;

const F_PROTECTED = 1;
const F_CONSUMED = 2;
const F_RANGE_START = 4;

const K_NONE = 0;
const K_PHONE = 1;
const K_ID = 2;
const K_SERVICE = 3; // 1900/1800 hotlines: recognised, kept
const K_ACCOUNT = 4;

const KIND_OF: (PiiKind | null)[] = [null, 'phone', 'id_number', null, 'bank_account'];

const MAX_DIGITS = 12;
const MAX_DIGITS_INTL = 15;

// The digit groups of a run (a run has at most MAX_GROUPS groups, plus the digits of a '(024)'
// prefix), in arrays local to one redact() call: nothing is shared between calls. Made once per
// message rather than once per run: on a 1,000-character message with ~25 number runs (Node 20),
// arrays shared across calls took 30 µs, made per run 115 µs, made per message 32–34 µs.
const GROUP_CAPACITY = MAX_GROUPS + 1;
/** Fewer characters than this cannot hold 8 digits: nothing to redact. */
const MIN_RUN_LENGTH = 8;

interface Groups {
  start: Int32Array;
  end: Int32Array;
  sep: Uint8Array;
  chunk: Int32Array;
  flags: Uint8Array;
  kind: Uint8Array;
  /** The digits of the candidate number being classified. */
  digits: Uint8Array;
}

function newGroups(): Groups {
  return {
    start: new Int32Array(GROUP_CAPACITY),
    end: new Int32Array(GROUP_CAPACITY),
    sep: new Uint8Array(GROUP_CAPACITY),
    chunk: new Int32Array(GROUP_CAPACITY),
    flags: new Uint8Array(GROUP_CAPACITY),
    kind: new Uint8Array(GROUP_CAPACITY),
    digits: new Uint8Array(MAX_DIGITS_INTL + 1),
  };
}

// ('k' and 'tr' are left out: in chat they also abbreviate 'không', 'trước'...)
const CURRENCY_AFTER_RE = /^[ \u00A0]?(?:đồng|đ(?![\p{L}\p{M}])|vnđ|vnd|₫|triệu|tỷ|tỉ|nghìn|ngàn|usd|%)/iu;
const CURRENCY_INITIALS = new Set([...'đĐvV₫tTnNuU%'].map((ch) => ch.charCodeAt(0)));
const ID_CONTEXT_BEFORE_RE =
  /(?:cmnd|cccd|cmt|chứng minh(?: nhân dân)?|căn cước(?: công dân)?|định danh(?: cá nhân)?|tài khoản|stk|số tk|hộ chiếu)\P{N}{0,16}$/iu;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A Vietnamese national number from b[k]: mobile (3/5/7/8/9 + 8 digits) or landline (2 + 9 digits). */
function isVnNational(b: Uint8Array, k: number, n: number): boolean {
  const first = b[k]!;
  const rest = n - k;
  return (rest === 9 && (first === 3 || first === 5 || first === 7 || first === 8 || first === 9)) || (rest === 10 && first === 2);
}

function classifyDigits(b: Uint8Array, n: number, intl: boolean): number {
  const has84 = n > 2 && b[0] === 8 && b[1] === 4;
  if (has84 && isVnNational(b, b[2] === 0 ? 3 : 2, n)) return K_PHONE; // 84..., +84..., +84 0...
  if (intl) return !has84 && n >= 8 && n <= MAX_DIGITS_INTL ? K_PHONE : K_NONE;
  if (b[0] === 0) {
    if (isVnNational(b, 1, n)) return K_PHONE;
    if (n === 11 && b[1] === 1 && (b[2] === 2 || b[2] === 6 || b[2] === 8 || b[2] === 9)) return K_PHONE; // old 01x mobiles
    if (n === 12) return K_ID; // CCCD: province code 001-096 first
  }
  if ((n === 8 || n === 10) && b[0] === 1 && (b[1] === 8 || b[1] === 9) && b[2] === 0 && b[3] === 0) return K_SERVICE;
  if (n === 9) return K_ID; // CMND
  return K_NONE;
}

/** `gr`: the message's group arrays, overwritten for each run (nothing carries over between runs). */
function redactNumberRun(gr: Groups, run: string, offset: number, whole: string, found: Set<PiiKind>): string {
  if (run.length < MIN_RUN_LENGTH) return run; // fewer than 8 digits: nothing to redact

  // Tokenize into groups.
  let n = 0;
  let digitCount = 0;
  let widest = 0;
  let sep = SEP_NONE;
  let chunk = 0;
  for (let i = 0; i < run.length; ) {
    const c = run.charCodeAt(i);
    if (isDigit(c)) {
      let j = i + 1;
      while (j < run.length && isDigit(run.charCodeAt(j))) j++;
      if (sep === SEP_SPACE) chunk++;
      gr.start[n] = i;
      gr.end[n] = j;
      gr.sep[n] = n === 0 ? SEP_NONE : sep;
      gr.chunk[n] = chunk;
      gr.flags[n] = 0;
      gr.kind[n] = K_NONE;
      n++;
      digitCount += j - i;
      if (j - i > widest) widest = j - i;
      sep = SEP_NONE;
      i = j;
      continue;
    }
    if (n > 0) {
      if (c === 46 /* . */) {
        if (sep !== SEP_SPACE) sep = SEP_DOT;
      } else if (c === 45 /* - */) {
        if (sep !== SEP_SPACE) sep = SEP_DASH;
      } else sep = SEP_SPACE; // space, no-break space, ')'
    }
    i++;
  }
  // Groups of one digit never join a phone, ID or account number.
  if (digitCount < 8 || widest < 2) return run;
  const plus = run.charCodeAt(0) === 43 /* + */ || (run.charCodeAt(0) === 40 /* ( */ && run.charCodeAt(1) === 43);

  protectChunks(gr, run, offset, whole, n, plus);

  // Pass 1: phones and CCCD/CMND (service numbers recognised and kept), longest match from each group.
  // Dots group the digits of ONE number: a match neither starts nor ends at a dot.
  for (let i = 0; i < n; ) {
    if (gr.flags[i]! & F_PROTECTED || gr.sep[i] === SEP_DOT) {
      i++;
      continue;
    }
    const intl = plus && i === 0;
    const max = intl ? MAX_DIGITS_INTL : MAX_DIGITS;
    const firstLen = gr.end[i]! - gr.start[i]!;
    let len = 0;
    let best = -1;
    let bestKind = K_NONE;
    for (let j = i; j < n; j++) {
      if (gr.flags[j]! & F_PROTECTED) break;
      const glen = gr.end[j]! - gr.start[j]!;
      if (j > i && (glen < 2 || (firstLen < 2 && !intl))) break;
      if (len + glen > max) break;
      for (let k = gr.start[j]!; k < gr.end[j]!; k++) gr.digits[len++] = run.charCodeAt(k) - 48;
      if (len < 8 || (j + 1 < n && gr.sep[j + 1] === SEP_DOT)) continue;
      const kind = classifyDigits(gr.digits, len, intl);
      if (kind !== K_NONE) {
        best = j;
        bestKind = kind;
      }
    }
    if (best < 0) {
      i++;
      continue;
    }
    for (let k = i; k <= best; k++) {
      gr.flags[k]! |= F_CONSUMED;
      if (bestKind !== K_SERVICE) gr.kind[k] = bestKind;
    }
    if (bestKind !== K_SERVICE) gr.flags[i]! |= F_RANGE_START;
    i = best + 1;
  }

  // Pass 2: what is left of 8+ digits is an account (or card, tax, insurance, dossier) number.
  for (let i = 0; i < n; ) {
    if (gr.flags[i]! & (F_CONSUMED | F_PROTECTED)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && !(gr.flags[j + 1]! & (F_CONSUMED | F_PROTECTED))) j++;
    markAccounts(gr, run, i, j);
    i = j + 1;
  }

  // Output.
  let out = '';
  let last = 0;
  for (let g = 0; g < n; g++) {
    if (!(gr.flags[g]! & F_RANGE_START)) continue;
    const kind = gr.kind[g]!;
    let h = g;
    while (h + 1 < n && gr.kind[h + 1] === kind && !(gr.flags[h + 1]! & F_RANGE_START)) h++;
    const pii = KIND_OF[kind]!;
    out += run.slice(last, g === 0 ? 0 : gr.start[g]) + PLACEHOLDERS[pii];
    found.add(pii);
    last = gr.end[h]!;
    g = h;
  }
  return last === 0 ? run : out + run.slice(last);
}

function digitsOf(gr: Groups, a: number, b: number): number {
  let d = 0;
  for (let k = a; k <= b; k++) d += gr.end[k]! - gr.start[k]!;
  return d;
}

function widestOf(gr: Groups, a: number, b: number): number {
  let w = 0;
  for (let k = a; k <= b; k++) w = Math.max(w, gr.end[k]! - gr.start[k]!);
  return w;
}

function protect(gr: Groups, a: number, b: number): void {
  for (let k = a; k <= b; k++) gr.flags[k]! |= F_PROTECTED;
}

/** Marks the groups of procedure codes, dates and amounts as never redacted. */
function protectChunks(gr: Groups, run: string, offset: number, whole: string, n: number, plus: boolean): void {
  let idContext = -1; // unknown
  let lastChunkStart = 0;
  for (let a = 0; a < n; ) {
    let b = a;
    while (b + 1 < n && gr.chunk[b + 1] === gr.chunk[a]) b++;
    lastChunkStart = a;
    const groups = b - a + 1;
    const len0 = gr.end[a]! - gr.start[a]!;
    if (groups === 2 && gr.sep[b] === SEP_DOT && len0 === 1 && gr.end[b]! - gr.start[b]! === 6) {
      protect(gr, a, b); // procedure code 1.009122
    } else if (groups === 3 && isDate(gr, a)) {
      protect(gr, a, b); // 31.12.2026, 31-12-2026, 2026-12-31
    } else if (!plus && groups >= 2 && isAmount(gr, run, a, b)) {
      // 15.000.000 is an amount, unless an ID/account keyword right before says otherwise.
      if (idContext < 0) idContext = ID_CONTEXT_BEFORE_RE.test(whole.slice(Math.max(0, offset - 48), offset).normalize('NFC')) ? 1 : 0;
      if (idContext === 0) protect(gr, a, b);
    }
    a = b + 1;
  }

  // A currency word right after the run: its last chunk is an amount (15000000 đồng, 1.500.000đ),
  // or the whole run is one when it reads 100 000 000 đồng. Amounts do not start with 0.
  const lastChunkEnd = n - 1;
  const endAt = offset + run.length;
  let next = whole.charCodeAt(endAt);
  if (next === 32 || next === 0xa0) next = whole.charCodeAt(endAt + 1);
  if (!CURRENCY_INITIALS.has(next)) return;
  if (!CURRENCY_AFTER_RE.test(whole.slice(endAt, endAt + 8).normalize('NFC'))) return;
  const isThree = (g: number) => gr.end[g]! - gr.start[g]! === 3 && gr.chunk[g] !== (g + 1 < n ? gr.chunk[g + 1] : -1) && (g === 0 || gr.chunk[g - 1] !== gr.chunk[g]);
  if (!isThree(lastChunkEnd)) {
    if (run.charCodeAt(gr.start[lastChunkStart]!) !== 48) protect(gr, lastChunkStart, lastChunkEnd);
    return;
  }
  // Single-group chunks of 3 digits, back to a head of 1-3 digits that starts the run.
  let h = lastChunkEnd;
  while (h > 0 && isThree(h - 1)) h--;
  const headOk = (g: number) => gr.chunk[g] === 0 && (g + 1 >= n || gr.chunk[g + 1] !== 0) && run.charCodeAt(gr.start[g]!) !== 48 && gr.end[g]! - gr.start[g]! <= 3;
  if ((h > 0 && headOk(h - 1)) || headOk(h)) protect(gr, 0, lastChunkEnd);
}

function isDate(gr: Groups, a: number): boolean {
  const l0 = gr.end[a]! - gr.start[a]!;
  const l1 = gr.end[a + 1]! - gr.start[a + 1]!;
  const l2 = gr.end[a + 2]! - gr.start[a + 2]!;
  const s1 = gr.sep[a + 1]!;
  const s2 = gr.sep[a + 2]!;
  if ((s1 === SEP_DOT || s1 === SEP_DASH) && s2 === s1 && l0 <= 2 && l1 <= 2 && (l2 === 2 || l2 === 4)) return true;
  return s1 === SEP_DASH && s2 === SEP_DASH && l0 === 4 && l1 <= 2 && l2 <= 2;
}

/** 1-3 digits (not starting with 0) then groups of 3, all joined by dots: 15.000.000 */
function isAmount(gr: Groups, run: string, a: number, b: number): boolean {
  const l0 = gr.end[a]! - gr.start[a]!;
  if (l0 > 3 || run.charCodeAt(gr.start[a]!) === 48) return false;
  for (let k = a + 1; k <= b; k++) if (gr.sep[k] !== SEP_DOT || gr.end[k]! - gr.start[k]! !== 3) return false;
  return true;
}

function isYear(gr: Groups, g: number, run: string): boolean {
  if (gr.end[g]! - gr.start[g]! !== 4) return false;
  const c0 = run.charCodeAt(gr.start[g]!);
  const c1 = run.charCodeAt(gr.start[g]! + 1);
  return (c0 === 49 && c1 === 57) || (c0 === 50 && c1 === 48); // 19xx, 20xx
}

function allYears(gr: Groups, run: string, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (!isYear(gr, k, run)) return false;
  return true;
}

function markAccount(gr: Groups, a: number, b: number): void {
  for (let k = a; k <= b; k++) gr.kind[k] = K_ACCOUNT;
  gr.flags[a]! |= F_RANGE_START;
}

/** 3+ digits in every group of the chunk. */
function isWideChunk(gr: Groups, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (gr.end[k]! - gr.start[k]! < 3) return false;
  return true;
}

function chunkEnd(gr: Groups, a: number, j: number): number {
  let b = a;
  while (b + 1 <= j && gr.chunk[b + 1] === gr.chunk[a]) b++;
  return b;
}

/** Account numbers among groups i..j (none consumed or protected). */
function markAccounts(gr: Groups, run: string, i: number, j: number): void {
  for (let a = i; a <= j; ) {
    // Consecutive chunks whose groups all have 3+ digits, 8-19 digits in all: one spaced number
    // (1903 6655 8899); otherwise each chunk alone with 8+ digits (12345678, 1903-6655-8899).
    let b = chunkEnd(gr, a, j);
    let chunks = 1;
    if (isWideChunk(gr, a, b)) {
      while (b + 1 <= j) {
        const nb = chunkEnd(gr, b + 1, j);
        if (!isWideChunk(gr, b + 1, nb)) break;
        b = nb;
        chunks++;
      }
    }
    const d = digitsOf(gr, a, b);
    if (chunks > 1 && d >= 8 && d <= 19 && !allYears(gr, run, a, b)) {
      markAccount(gr, a, b);
    } else {
      for (let c = a; c <= b; ) {
        const e = chunkEnd(gr, c, b);
        if (digitsOf(gr, c, e) >= 8 && widestOf(gr, c, e) >= 2 && !allYears(gr, run, c, e)) markAccount(gr, c, e);
        c = e + 1;
      }
    }
    a = b + 1;
  }
}
