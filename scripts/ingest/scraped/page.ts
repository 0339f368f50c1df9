// One scraped page as stored on disk, and its re-segmentation from raw_text: the scraper cut the
// page into fields at the first occurrence of each section label, which sometimes cut inside the
// content, so the fields are cut again here from the whole page.
import { z } from 'zod';

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
// Page re-segmentation from raw_text

export type SectionKey =
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
