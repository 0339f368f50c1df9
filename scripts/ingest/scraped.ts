// Reader for the scraped portal pages: scraped-details/<MINISTRY>/<CODE>.json
// (see ../shared/catalog-sources/SOURCES.md). The scraper flattened the page's three tables
// (submission methods, dossier components, legal basis) into run-on text and cut the page
// into fields at the first occurrence of each section label, which sometimes cut inside the
// content; `raw_text` (the whole page) is re-segmented here to repair those fields.
// Every piece of text that cannot be placed is reported as an anomaly, never dropped silently.
import {
  PORTAL_PAGE_BASE,
  type Anomaly,
  type SourceProcedure as Procedure,
} from '../../worker/catalog/schema.ts';
import { absentToEmpty, cleanLine } from './clean.ts';
import { parseComponentsTable } from './scraped/components.ts';
import { parseLegalBasis } from './scraped/legal-basis.ts';
import { agencies, parseLevels, splitNames } from './scraped/lists.ts';
import { parseMethodsTable } from './scraped/methods.ts';
import { scrapedRecordSchema, segmentPage, type ScrapedRecord, type SectionKey } from './scraped/page.ts';
import { parseResults, parseSteps, stripPageUi } from './scraped/steps.ts';
import { absent, note, quote, squash } from './scraped/text.ts';

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
