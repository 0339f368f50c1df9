// The submission methods table of a scraped page (cách thức thực hiện: times and fees per
// method), one of the readers of scripts/ingest/scraped.ts.
import type { Anomaly, Fee, FeeKind, Method, SubmissionMethod } from '../../../worker/catalog/schema.ts';
import { formatNumber, UNCONFIRMED_BELOW_VND } from '../../../worker/chat/format.ts';
import { absentToEmpty, cleanLine, cleanText } from '../clean.ts';
import { TIME_UNITS } from '../time-units.ts';
import { balanced, isSpace, isUpper, matchParen, note } from './text.ts';

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

const VND_WORDS = '(?:đồng|đ|vnđ|vnd)';
const USD_WORDS = '(?:usd)';

/** The text states this figure as an amount in these currency words ("20.000 vnđ", "40.000đ/giấy", "50USD/chuyến"). */
function statesMoney(text: string, figure: string, words: string): boolean {
  const escaped = figure.replace(/\./gu, '\\.');
  return new RegExp(`(?<![\\d.,])${escaped}\\s*${words}(?![\\p{L}\\d])`, 'iu').test(text);
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
  if (currency === 'VND' && amount > 0 && amount < UNCONFIRMED_BELOW_VND) {
    // The portal sometimes stores thousands ("20 VNĐ(20.000 vnđ /tờ khai)") or dollars ("145 VNĐ
    // (Thẻ tạm trú …: 145 USD/thẻ.)"). Where the fee's own description states the amount so, the
    // amount is read as it states it, and the portal's figure before it is left out of the text (it
    // is that wrong reading); otherwise it is kept as stated, for staff to check.
    if (statesMoney(inner, formatNumber(amount * 1000), VND_WORDS)) {
      note(anomalies, code, 'fee-amount-thousands', feeText);
      return { kind, amount: amount * 1000, currency: 'VND', amountVnd: amount * 1000, free: false, text: inner };
    }
    if (statesMoney(inner, String(amount), USD_WORDS)) {
      note(anomalies, code, 'fee-currency-usd', feeText);
      return { kind, amount, currency: 'USD', amountVnd: null, free: false, text: inner };
    }
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
