// The lists of a scraped page (levels, agencies, target groups), read for scripts/ingest/scraped.ts.
import type { Anomaly, Level } from '../../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine } from '../clean.ts';
import { isUpper, note, unique } from './text.ts';

// Lists: levels, agencies, target groups

const LEVELS: Record<string, Level> = {
  'cấp bộ': 'ministry',
  'cấp tỉnh': 'province',
  'cấp xã': 'commune',
  'cơ quan khác': 'other',
};

export function parseLevels(s: string, code: string, anomalies: Anomaly[]): Level[] {
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

export function agencies(s: string, field: string, code: string, anomalies: Anomaly[]): string[] {
  return splitNames(s).filter((name) => {
    if (PAGE_LABEL_INSIDE.test(name) || name.length > 250) {
      note(anomalies, code, 'agency-unplaced', `${field}: ${name}`);
      return false;
    }
    return true;
  });
}
