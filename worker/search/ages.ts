// Ages in questions and in procedure names. A few procedures are published apart by age ("Cấp thẻ
// căn cước cho người dưới 14 tuổi" / "… cho người từ đủ 14 tuổi trở lên"; "… từ đủ 70 tuổi đến dưới
// 75 tuổi"); a question that gives an age ("làm căn cước cho con 15 tuổi") says which one applies,
// which no word match can tell.
import type { Words } from './text';

export interface AgeRange {
  /** Inclusive lower bound. */
  min: number;
  /** Exclusive upper bound (Infinity when open). */
  max: number;
}

const AGE_IN_NAME = [
  // "từ đủ 70 tuổi đến dưới 75 tuổi", "từ đủ 75 tuổi đến 80 tuổi"
  { re: /từ\s+(?:đủ\s+)?(\d{1,3})\s+tuổi\s+đến\s+(dưới\s+)?(\d{1,3})\s+tuổi/iu, range: (m: RegExpExecArray) => ({ min: +m[1]!, max: m[2] ? +m[3]! : +m[3]! + 1 }) },
  // "từ đủ 14 tuổi trở lên", "từ 14 tuổi trở lên"
  { re: /từ\s+(?:đủ\s+)?(\d{1,3})\s+tuổi\s+trở\s+lên/iu, range: (m: RegExpExecArray) => ({ min: +m[1]!, max: Infinity }) },
  // "dưới 14 tuổi"
  { re: /dưới\s+(\d{1,3})\s+tuổi/iu, range: (m: RegExpExecArray) => ({ min: 0, max: +m[1]! }) },
];

/** The age range a procedure's name gives, or null. */
export function ageRangeOf(name: string): AgeRange | null {
  for (const { re, range } of AGE_IN_NAME) {
    const m = re.exec(name.normalize('NFC'));
    if (m) return range(m);
  }
  return null;
}

/**
 * The age a question gives ("15 tuổi", "con 10 tuoi"), or null. Only a bare number before "tuổi":
 * "dưới 14 tuổi", "trên 6 tuổi", "từ đủ 14 tuổi" restate a name's bound rather than an age, and are
 * read by the words. "Đủ" alone says the age was reached ("con vừa đủ 14 tuổi": 14), "chưa đủ" that
 * it was not ("chưa đủ 18 tuổi": under 18), also without "tuổi" ("con chưa đủ 18": a number that
 * counts nothing else, UNITS).
 */
export function ageOf(words: Pick<Words, 'folds'>): number | null {
  for (let i = 1; i < words.folds.length; i++) {
    if (words.folds[i] !== 'tuoi') continue;
    const n = words.folds[i - 1]!;
    if (!/^\d{1,3}$/u.test(n)) continue;
    const before = words.folds[i - 2];
    if (before === 'duoi' || before === 'tren' || before === 'tu') continue;
    if (before === 'du') {
      const head = words.folds[i - 3];
      if (head === 'tu') continue;
      if (head === 'chua') return Math.max(0, Number(n) - 1);
    }
    return Number(n);
  }
  // "con chưa đủ 18", "chua du 18 thi ai khai": an age not reached, its unit left out.
  for (let i = 2; i < words.folds.length; i++) {
    if (words.folds[i - 2] !== 'chua' || words.folds[i - 1] !== 'du' || !/^\d{1,2}$/u.test(words.folds[i]!)) continue;
    if (UNITS.has(words.folds[i + 1] ?? '')) continue;
    return Math.max(0, Number(words.folds[i]) - 1);
  }
  return null;
}

/** What a number counts when it is not years of age ("chưa đủ 6 tháng", "chưa đủ 15 ngày", "chưa đủ 2 bản"). */
const UNITS: ReadonlySet<string> = new Set(['ngay', 'thang', 'nam', 'tuan', 'gio', 'phut', 'ban', 'bo', 'to', 'trang', 'nguoi', 'm', 'm2', 'km', 'lan', 'tr', 'trieu', 'k', 'nghin', 'ngan', 'dong', 'diem', 'thanh', 'vien']);

export const withinAge = (age: number, r: AgeRange): boolean => age >= r.min && age < r.max;
