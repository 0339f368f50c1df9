// Every sentence a citizen or clerk reads, in one place (Vietnamese, with diacritics).

export const messages = {
  errors: {
    not_found: 'Không tìm thấy địa chỉ này.',
    procedure_not_found: (code: string) => `Không tìm thấy thủ tục có mã ${code} trong Cơ sở dữ liệu quốc gia về thủ tục hành chính.`,
    invalid_code: 'Mã thủ tục không hợp lệ. Mã có dạng 1.009122 (một chữ số, dấu chấm, sáu chữ số).',
    catalog_unavailable: 'Dữ liệu thủ tục hành chính tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.',
    internal: 'Đã có lỗi ngoài ý muốn. Vui lòng thử lại sau.',
    query_missing: 'Vui lòng nhập nội dung cần tìm (tham số q).',
    query_too_long: (max: number) => `Nội dung tìm kiếm quá dài: tối đa ${max} ký tự.`,
    limit_invalid: 'Tham số limit phải là số nguyên từ 1 đến 20.',
    level_invalid: 'Tham số level chỉ nhận: ministry, province, commune, other (cách nhau bởi dấu phẩy).',
  },
} as const;
