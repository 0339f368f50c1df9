// One procedure, several records: the catalog publishes the same procedure once per level that
// carries it out ("Cấp đổi thẻ căn cước" at commune level, "… (thực hiện tại cấp tỉnh)", "… (thực
// hiện tại cấp trung ương)") and, for land and a few other fields, once per province. A citizen
// cannot know which record applies and the documents, fee and time are usually the same, so the
// chat answers with the variant a citizen uses at the centre it serves — the level the question
// names (or an agency only one variant has), else the deployment's level preference — and says
// where else it can be done. It never asks the citizen to choose between identical names.
import type { Level, Procedure } from '../catalog/schema';
import { baseName, fullyOnline, levelQualifier, type Query, type SearchHit } from '../search/engine';
import { fold, wordsOfText } from '../search/text';

/** Where a citizen is served first: the commune centre, then the province's, then a ministry. */
export const DEFAULT_LEVEL_PREFERENCE: readonly Level[] = ['commune', 'province', 'ministry', 'other'];


/**
 * What a name says the procedure is, for telling records of one procedure apart from others: the
 * name without its level and channel qualifiers, without "Thủ tục" / "Giải quyết" in front (the
 * catalog writes "Giải quyết hưởng bảo hiểm xã hội một lần" and "HƯỞNG BẢO HIỂM XÃ HỘI MỘT LẦN."),
 * folded, punctuation aside.
 */
export function procedureKey(name: string): string {
  return fold(baseName(name))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^(thu tuc |giai quyet )+/u, '');
}

/** A name's words (procedureKey's), one-letter ones aside: what two names of one procedure share. */
export function nameWords(name: string): Set<string> {
  return new Set(procedureKey(name).split(' ').filter((w) => w.length > 1));
}

/** The hits that are the same procedure as `top` (see procedureKey), `top` first. */
export function variantsOf(top: SearchHit, hits: SearchHit[]): SearchHit[] {
  const key = procedureKey(top.name);
  return [top, ...hits.filter((h) => h !== top && (procedureKey(h.name) === key || provinceCopy(top, h)))];
}

/** Words in which two names of one procedure may differ ("Tách thửa đất, hợp thửa đất" / "Tách thửa hoặc hợp thửa đất"). */
const CONNECTIVES = new Set(['hoac', 'va', 'cua', 'doi', 'voi', 'cho', 'tai', 'cac', 've', 'viec', 'thu', 'tuc', 'trong', 'la']);

/**
 * A province's own record of a procedure beside another province's or the national one, in its
 * own words ("Tách thửa đất, hợp thửa đất" of Hải Phòng, "Tách thửa hoặc hợp thửa đất." national):
 * the names differ only in connectives (a word more, as in "Cấp đổi" and "Cấp lại", is another
 * procedure). A citizen of a province the question does not name is served by the national record
 * (chooseVariant), not by the copy whose text is longest.
 */
function provinceCopy(a: SearchHit, b: SearchHit): boolean {
  if (a.province === b.province) return false;
  const [x, y] = [nameWords(a.name), nameWords(b.name)];
  const differ = [...x].filter((w) => !y.has(w)).concat([...y].filter((w) => !x.has(w)));
  return x.size > 0 && y.size > 0 && differ.every((w) => CONNECTIVES.has(w));
}

export interface VariantChoice {
  chosen: SearchHit;
  /** The other levels' variants, for "cũng được thực hiện tại …". */
  others: SearchHit[];
}

/** The levels a variant is carried out at: its name's qualifier ("(thực hiện tại cấp tỉnh)"), else its record's levels. */
export function variantLevels(h: SearchHit): Level[] {
  const qualifier = levelQualifier(h.name);
  if (qualifier) {
    const f = fold(qualifier);
    if (f.includes('xa') || f.includes('huyen')) return ['commune'];
    if (f.includes('tinh')) return ['province'];
    if (f.includes('trung uong') || f.includes('bo') || f.includes('tw')) return ['ministry'];
  }
  return h.levels.length ? h.levels : ['other'];
}

/**
 * The level of the agency that carries a procedure out, for a record that gives none (the catalog's
 * list-only entries: "Thành lập hội" by the "Ủy ban nhân dân cấp xã", "THỦ TỤC THÀNH LẬP HỘI" by the
 * "Vụ Tổ chức phi chính phủ - Bộ Nội vụ"). Its first agency's name says it.
 */
const AGENCY_LEVELS: [RegExp, Level][] = [
  [/cấp xã|(^|\s)(ủy|uỷ) ban nhân dân (xã|phường)|công an (xã|phường)/iu, 'commune'],
  [/cấp tỉnh|^sở\s|\stỉnh\b|^(ủy|uỷ) ban nhân dân (tỉnh|thành phố)/iu, 'province'],
  [/^(bộ|cục|vụ|tổng cục)\s|\s-\s*bộ\s/iu, 'ministry'],
];
function agencyLevel(p: Procedure | undefined): Level[] | null {
  const agency = p?.executingAgencies[0];
  if (!agency) return null;
  const found = AGENCY_LEVELS.find(([re]) => re.test(agency));
  return found ? [found[1]] : null;
}

/** A variant's levels (`variantLevels`), read from its agency when the catalog gives none. */
export function levelsOfVariant(h: SearchHit, records: ReadonlyMap<string, Procedure>): Level[] {
  const levels = variantLevels(h);
  return levels[0] === 'other' ? (agencyLevel(records.get(h.code)) ?? levels) : levels;
}

/**
 * The variant to answer with: the one whose level (query.ts `levels`) or agency the question names,
 * when exactly one is so named; else the first in the preference order, full records first (ties:
 * the search's order).
 */
export function chooseVariant(
  variants: SearchHit[],
  query: Pick<Query, 'levels' | 'words' | 'aspects' | 'provinces'>,
  records: Map<string, Procedure>,
  preference: readonly Level[] = DEFAULT_LEVEL_PREFERENCE,
  /** The deployment's province (PROVINCE), or null. */
  province: string | null = null,
): VariantChoice {
  const q = ` ${query.words.folds.join(' ')} `;
  // An agency named in the question ("Cục Quản lý xuất nhập cảnh"): its first three words.
  const namesAgency = (h: SearchHit): boolean =>
    records.get(h.code)?.executingAgencies.some((a) => {
      const words = wordsOfText(a).folds;
      return words.length >= 3 && q.includes(` ${words.slice(0, 3).join(' ')} `);
    }) ?? false;
  const byAgency = variants.filter(namesAgency);
  const byLevel = query.levels.length === 1 ? variants.filter((h) => variantLevels(h).includes(query.levels[0]!)) : [];
  const hinted = byAgency.length === 1 ? byAgency : byLevel;
  const levelsOf = (h: SearchHit): Level[] => levelsOfVariant(h, records);
  const rank = (h: SearchHit) => Math.min(...levelsOf(h).map((l) => (preference.includes(l) ? preference.indexOf(l) : preference.length)));
  const pool = hinted.length ? hinted : variants;
  // A province's own copy of a national procedure: the one of a province the question names or of
  // the deployment's, else the national one.
  const place = (h: SearchHit) => (h.province === null ? 1 : h.province === province || query.provinces.includes(h.province) ? 0 : 2);
  // The record for submitting online from start to end when the question is about doing it online;
  // otherwise the search's order decides between channels.
  const online = query.aspects.includes('online');
  const channel = (h: SearchHit) => (online && !fullyOnline(h.name) ? 1 : 0);
  const chosen = [...pool].sort((a, b) => Number(b.detail) - Number(a.detail) || place(a) - place(b) || rank(a) - rank(b) || channel(a) - channel(b))[0]!;
  const chosenLevels = levelsOf(chosen);
  const others = variants.filter((v) => v !== chosen && (!levelsOf(v).every((l) => chosenLevels.includes(l)) || fullyOnline(v.name) !== fullyOnline(chosen.name)));
  return { chosen, others: distinctByLevel(others, levelsOf) };
}

function distinctByLevel(hits: SearchHit[], levelsOf: (h: SearchHit) => Level[]): SearchHit[] {
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = `${levelsOf(h).join(',')}:${fullyOnline(h.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
