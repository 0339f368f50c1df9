// Every sentence a citizen or clerk reads, in one place (Vietnamese, with diacritics).

export const messages = {
  errors: {
    not_found: 'Không tìm thấy địa chỉ này.',
    procedure_not_found: (code: string) => `Không tìm thấy thủ tục có mã ${code} trong Cơ sở dữ liệu quốc gia về thủ tục hành chính.`,
    invalid_code: 'Mã thủ tục không hợp lệ. Mã có dạng 1.009122 (một chữ số, dấu chấm, sáu chữ số).',
    catalog_unavailable: 'Dữ liệu thủ tục hành chính tạm thời chưa sẵn sàng. Vui lòng thử lại sau ít phút.',
    internal: 'Đã có lỗi ngoài ý muốn. Vui lòng thử lại sau.',
    body_too_large: (max: number) => `Nội dung gửi lên quá lớn (tối đa ${Math.round(max / 1024)} KB).`,
    invalid_json: 'Nội dung gửi lên không phải JSON hợp lệ.',
    invalid_encoding: 'Nội dung gửi lên phải được mã hóa UTF-8.',
    invalid_body: 'Nội dung gửi lên không đúng định dạng.',
    invalid_field: (field: string) => `Trường "${field}" không hợp lệ.`,
    unsupported_media_type: 'Vui lòng gửi nội dung dạng JSON (Content-Type: application/json).',
    message_missing: 'Vui lòng nhập câu hỏi.',
    message_too_long: (max: number) => `Câu hỏi quá dài: tối đa ${max} ký tự.`,
    session_invalid: 'Mã phiên trò chuyện không hợp lệ.',
    rating_invalid: 'Đánh giá chỉ nhận "up" (hài lòng) hoặc "down" (chưa hài lòng).',
    comment_too_long: 'Góp ý tối đa 1000 ký tự.',
    message_id_invalid: 'Mã tin nhắn không hợp lệ.',
    feedback_unknown_message: 'Không tìm thấy câu trả lời cần đánh giá trong phiên trò chuyện này.',
    storage_unavailable: 'Chưa lưu được đánh giá do hệ thống lưu trữ tạm thời gián đoạn. Vui lòng thử lại sau.',
    rate_limited_session: (sec: number) => `Bạn gửi tin nhắn quá nhanh. Vui lòng chờ ${sec} giây rồi thử lại.`,
    query_missing: 'Vui lòng nhập nội dung cần tìm (tham số q).',
    query_too_long: (max: number) => `Nội dung tìm kiếm quá dài: tối đa ${max} ký tự.`,
    limit_invalid: 'Tham số limit phải là số nguyên từ 1 đến 20.',
    level_invalid: 'Tham số level chỉ nhận: ministry, province, commune, other (cách nhau bởi dấu phẩy).',
    // Messaging channels (Zalo OA, Messenger, Bot Framework webhooks).
    signature_invalid: 'Chữ ký xác thực của yêu cầu không hợp lệ.',
    verify_token_invalid: 'Mã xác minh webhook không đúng.',
    unauthorized: 'Yêu cầu chưa được xác thực hoặc mã xác thực đã hết hạn.',
    auth_unavailable: 'Chưa kiểm tra được xác thực do dịch vụ xác thực tạm thời gián đoạn. Vui lòng thử lại sau.',
    webhook_payload_invalid: (field: string) => `Dữ liệu webhook không đúng định dạng (trường "${field}").`,
  },
} as const;

/** What the assistant says in a conversation. */
export const chatText = {
  source: 'Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính (Cổng Dịch vụ công quốc gia)',
  portalPage: 'Xem trên Cổng Dịch vụ công quốc gia',
  submitOnline: 'Nộp hồ sơ trực tuyến',
  missing: (what: string) =>
    `Cơ sở dữ liệu thủ tục hành chính chưa có thông tin về ${what} của thủ tục này. Vui lòng xem trang thủ tục trên Cổng Dịch vụ công quốc gia hoặc liên hệ bộ phận một cửa.`,
  noDetail:
    'Cơ sở dữ liệu hiện chỉ có tên, mã và cơ quan của thủ tục này, chưa có chi tiết hồ sơ, phí và thời hạn. Vui lòng xem trang thủ tục trên Cổng Dịch vụ công quốc gia hoặc liên hệ bộ phận một cửa.',
  componentsIntro: 'Hồ sơ cần chuẩn bị:',
  moreComponents: (n: number) => `… và ${n} giấy tờ khác (xem đầy đủ trên Cổng Dịch vụ công quốc gia).`,
  feesIntro: 'Phí, lệ phí theo cách nộp:',
  timesIntro: 'Thời hạn giải quyết theo cách nộp:',
  stepsIntro: 'Trình tự thực hiện:',
  moreSteps: (n: number) => `… và ${n} bước khác (xem đầy đủ trên Cổng Dịch vụ công quốc gia).`,
  conditionsIntro: 'Yêu cầu, điều kiện:',
  resultsIntro: 'Kết quả giải quyết:',
  legalIntro: 'Căn cứ pháp lý:',
  formsIntro: 'Mẫu đơn, tờ khai:',
  formsWhere: 'Tải mẫu tại trang thủ tục trên Cổng Dịch vụ công quốc gia hoặc nhận tại bộ phận một cửa.',
  noForms: 'Thủ tục này không có mẫu đơn, tờ khai kèm theo trong cơ sở dữ liệu.',
  onlineFull: 'Thủ tục này có thể nộp trực tuyến toàn trình (không phải đến nộp trực tiếp).',
  onlineYes: 'Thủ tục này có thể nộp hồ sơ trực tuyến. Các cách nộp:',
  onlineNo: 'Thủ tục này chưa nộp trực tuyến được. Các cách nộp:',
  componentCount: (n: number, cases: number) =>
    cases > 1 ? `${n} giấy tờ, tùy trường hợp (${cases} trường hợp)` : `${n} giấy tờ`,
  aspectLabel: {
    components: 'Hồ sơ gồm gì?',
    fee: 'Lệ phí bao nhiêu?',
    time: 'Mất bao lâu?',
    place: 'Nộp ở đâu?',
    online: 'Nộp trực tuyến được không?',
    steps: 'Các bước thực hiện',
  },
  aspectQuestion: {
    components: 'Hồ sơ gồm những gì?',
    fee: 'Lệ phí bao nhiêu?',
    time: 'Bao lâu thì có kết quả?',
    place: 'Nộp hồ sơ ở đâu?',
    online: 'Nộp trực tuyến được không?',
    steps: 'Các bước thực hiện thế nào?',
  },
  greeting: (centre: string) =>
    `Xin chào! Tôi là trợ lý thủ tục hành chính của ${centre}. Tôi có thể cho bạn biết hồ sơ cần chuẩn bị, lệ phí, thời hạn giải quyết, nơi nộp và cách nộp trực tuyến của các thủ tục hành chính.`,
  helpIntro: 'Bạn có thể hỏi bằng tiếng Việt có dấu hoặc không dấu, ví dụ:',
  examples: [
    'Đăng ký khai sinh cần giấy tờ gì?',
    'Cấp lại giấy phép lái xe mất bao lâu?',
    'Lệ phí đăng ký kết hôn bao nhiêu?',
    'Đăng ký thường trú nộp ở đâu?',
  ],
  thanks: 'Rất vui được hỗ trợ bạn. Bạn cần hỏi thêm thủ tục nào cứ nhắn cho tôi nhé.',
  bye: 'Cảm ơn bạn đã liên hệ. Chúc bạn làm thủ tục thuận lợi!',
  outOfScope: (hotline: string, address: string) =>
    `Xin lỗi, tôi chỉ hỗ trợ thông tin về thủ tục hành chính (hồ sơ, lệ phí, thời hạn, nơi nộp). Với nội dung khác, bạn vui lòng liên hệ đường dây nóng ${hotline} hoặc đến ${address}.`,
  personalData: (hotline: string) =>
    `Xin lỗi, tôi không cung cấp thông tin cá nhân của người khác và không tra cứu hồ sơ cá nhân. Để tra cứu hồ sơ của bạn, vui lòng dùng mã hồ sơ trên Cổng Dịch vụ công hoặc gọi ${hotline}.`,
  unmatched: (hotline: string) =>
    `Tôi chưa tìm được thủ tục khớp với câu hỏi. Bạn có thể nói rõ hơn tên thủ tục (ví dụ "đăng ký khai sinh", "cấp đổi giấy phép lái xe") hoặc gọi đường dây nóng ${hotline}.`,
  nearest: 'Một số thủ tục gần nhất:',
  clarifyProcedure: 'Có một số thủ tục gần giống nhau. Bạn hỏi về thủ tục nào?',
  clarifyCase: (name: string) => `Thủ tục "${name}" có nhiều trường hợp với hồ sơ khác nhau. Bạn thuộc trường hợp nào?`,
  otherCases: (n: number) => `Thủ tục này còn ${n} trường hợp khác với hồ sơ khác; chọn trường hợp của bạn trong các gợi ý.`,
  choose: (n: number) => `Bạn có thể trả lời bằng số thứ tự (1–${n}) hoặc chọn một gợi ý.`,
} as const;

/** What the messaging channels (Zalo OA, Messenger, Bot Framework) add around an answer. */
export const channelText = {
  /** Zalo has no quick replies: suggestions are listed and answered with their number. */
  chooseByNumber: 'Bạn có thể trả lời bằng số thứ tự:',
} as const;
