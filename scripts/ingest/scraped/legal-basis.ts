// The legal basis of a scraped page (căn cứ pháp lý), one of the readers of scripts/ingest/scraped.ts.
import type { Anomaly } from '../../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine, cleanText } from '../clean.ts';
import { isLower, isSpace, isUpper, note, SYLLABLE_START, toneless } from './text.ts';

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
