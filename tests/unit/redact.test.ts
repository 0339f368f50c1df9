import { describe, expect, it } from 'vitest';
import { PLACEHOLDERS, redact, type PiiKind } from '../../worker/privacy/redact';

const ID = '[số CCCD/CMND]';
const PHONE = '[số điện thoại]';
const EMAIL = '[email]';
const PLATE = '[biển số xe]';
const PASSPORT = '[số hộ chiếu]';
const ACCOUNT = '[số tài khoản]';
const RECEIPT = '[mã hồ sơ]';
const NAME = '[họ tên]';

describe('redact: placeholders', () => {
  it('uses the Vietnamese placeholders', () => {
    expect(PLACEHOLDERS).toEqual({
      id_number: ID,
      phone: PHONE,
      email: EMAIL,
      licence_plate: PLATE,
      passport: PASSPORT,
      bank_account: ACCOUNT,
      receipt_code: RECEIPT,
      name: NAME,
    });
  });
});

// [input, expected text, expected kinds]
const POSITIVE: [string, string, PiiKind[]][] = [
  // The brief's examples.
  ['CCCD của tôi là 079203001234, sđt 0912 345 678', `CCCD của tôi là ${ID}, sđt ${PHONE}`, ['id_number', 'phone']],
  ['email nguyen.van.a@gmail.com', `email ${EMAIL}`, ['email']],
  ['xe biển 51F-123.45 bị mất đăng ký', `xe biển ${PLATE} bị mất đăng ký`, ['licence_plate']],

  // CCCD / CMND, plain and grouped.
  ['Số định danh cá nhân: 001099012345', `Số định danh cá nhân: ${ID}`, ['id_number']],
  ['số CCCD 079 203 001 234 cấp ngày 12/05/2021', `số CCCD ${ID} cấp ngày 12/05/2021`, ['id_number']],
  ['CCCD: 079.203.001.234.', `CCCD: ${ID}.`, ['id_number']],
  ['cccd079203001234 hết hạn', `cccd${ID} hết hạn`, ['id_number']],
  ['CMND cũ của tôi là 025123456', `CMND cũ của tôi là ${ID}`, ['id_number']],
  ['CMND 025 123 456 cấp năm 2010', `CMND ${ID} cấp năm 2010`, ['id_number']],
  ['Chứng minh nhân dân số 271.234.567 do Công an Đồng Nai cấp', `Chứng minh nhân dân số ${ID} do Công an Đồng Nai cấp`, ['id_number']],

  // Receipt codes of the one-stop systems (valid or not), and names the person gives.
  ['tra cứu hồ sơ 000.00.21.H12-240101-0001 giúp tôi', `tra cứu hồ sơ ${RECEIPT} giúp tôi`, ['receipt_code']],
  ['ma ho so 000.00.21.h12 - 240101 - 0001', `ma ho so ${RECEIPT}`, ['receipt_code']],
  ['mã 000.00.00.G09-250630-1234567 (sai ngày 241301 thì sao)', `mã ${RECEIPT} (sai ngày 241301 thì sao)`, ['receipt_code']],
  ['tôi tên Trần Thị Mai, CCCD 079203001234', `tôi tên ${NAME}, CCCD ${ID}`, ['id_number', 'name']],
  ['Tôi tên là Nguyễn Văn An muốn làm hộ chiếu', `Tôi tên là ${NAME} muốn làm hộ chiếu`, ['name']],
  ['HỌ VÀ TÊN: LÊ VĂN TÁM', `HỌ VÀ TÊN: ${NAME}`, ['name']],
  ['họ tên: Phạm Thị Hoa, sđt 0912345678', `họ tên: ${NAME}, sđt ${PHONE}`, ['phone', 'name']],
  ['tên tôi là nguyễn văn minh, muốn hỏi', `tên tôi là ${NAME}, muốn hỏi`, ['name']],
  ['ten toi la nguyen thi anh muon hoi', `ten toi la ${NAME} muon hoi`, ['name']],
  ['con tên là Đỗ Minh Khôi sinh năm 2020', `con tên là ${NAME} sinh năm 2020`, ['name']],

  // Phones.
  ['Gọi cho tôi: 0912345678', `Gọi cho tôi: ${PHONE}`, ['phone']],
  ['sđt 0987.654.321 nhé', `sđt ${PHONE} nhé`, ['phone']],
  ['SĐT:0987-654-321', `SĐT:${PHONE}`, ['phone']],
  ['liên hệ +84 912 345 678 hoặc +84912345678', `liên hệ ${PHONE} hoặc ${PHONE}`, ['phone']],
  ['zalo (+84) 912.345.678', `zalo ${PHONE}`, ['phone']],
  ['số 84 912 345 678 của mẹ tôi', `số ${PHONE} của mẹ tôi`, ['phone']],
  ['+84 0912 345 678 (ghi nhầm số 0)', `${PHONE} (ghi nhầm số 0)`, ['phone']],
  ['máy bàn (024) 3825 1234', `máy bàn ${PHONE}`, ['phone']],
  ['cơ quan: 024.3825.1234, nhà: 0236 3822 123', `cơ quan: ${PHONE}, nhà: ${PHONE}`, ['phone']],
  ['số cũ 0162 345 6789', `số cũ ${PHONE}`, ['phone']],
  ['người thân ở Mỹ +1 415 555 0100', `người thân ở Mỹ ${PHONE}`, ['phone']],
  ['sđt 0912345678 k liên lạc được', `sđt ${PHONE} k liên lạc được`, ['phone']],
  ['Tôi sinh năm 1990, sđt 0903 123 456 và 0987654321.', `Tôi sinh năm 1990, sđt ${PHONE} và ${PHONE}.`, ['phone']],

  // E-mails.
  ['Gửi giúp vào lan.nguyen+tthc@so-tu-phap.hanoi.gov.vn nhé', `Gửi giúp vào ${EMAIL} nhé`, ['email']],
  ['Email: TRAN_VAN_B99@yahoo.com.vn.', `Email: ${EMAIL}.`, ['email']],
  ['hai địa chỉ a@b.co và c.d@e.org', `hai địa chỉ ${EMAIL} và ${EMAIL}`, ['email']],

  // Licence plates.
  ['ô tô 29A-123.45 bị tạm giữ', `ô tô ${PLATE} bị tạm giữ`, ['licence_plate']],
  ['xe máy 51F1-123.45', `xe máy ${PLATE}`, ['licence_plate']],
  ['biển 30E 12345 và 51G-12345', `biển ${PLATE} và ${PLATE}`, ['licence_plate']],
  ['biển cũ 29-A1 123.45', `biển cũ ${PLATE}`, ['licence_plate']],
  ['xe 29LD-123.45, xe điện 29MĐ1-123.45, 59X3 123.45', `xe ${PLATE}, xe điện ${PLATE}, ${PLATE}`, ['licence_plate']],
  ['biển số 29a12345 và 51f-123.45', `biển số ${PLATE} và ${PLATE}`, ['licence_plate']],

  // Passports.
  ['Hộ chiếu số C1234567 hết hạn', `Hộ chiếu số ${PASSPORT} hết hạn`, ['passport']],
  ['passport: b7654321', `passport: ${PASSPORT}`, ['passport']],

  // Accounts and other long digit runs.
  ['STK Vietcombank 0071000123456 chủ TK Nguyễn Văn A', `STK Vietcombank ${ACCOUNT} chủ TK Nguyễn Văn A`, ['bank_account']],
  ['số tài khoản 1903 6655 8899 01', `số tài khoản ${ACCOUNT} 01`, ['bank_account']],
  ['thẻ 4111 1111 1111 1111', `thẻ ${ACCOUNT}`, ['bank_account']],
  ['mã số BHXH 7912345678', `mã số BHXH ${ACCOUNT}`, ['bank_account']],
  ['mã số thuế 8012345678-001', `mã số thuế ${ACCOUNT}`, ['bank_account']],
  ['số tài khoản của tôi là 123.456.789.012', `số tài khoản của tôi là ${ACCOUNT}`, ['bank_account']],

  // Several kinds in one message.
  [
    'Tôi là Nguyễn Văn A, CCCD 079203001234, đt 0912345678, mail a.nguyen@gmail.com, xe 51F-123.45, hộ chiếu C1234567, STK 0071000123456.',
    `Tôi là Nguyễn Văn A, CCCD ${ID}, đt ${PHONE}, mail ${EMAIL}, xe ${PLATE}, hộ chiếu ${PASSPORT}, STK ${ACCOUNT}.`,
    ['id_number', 'phone', 'email', 'licence_plate', 'passport', 'bank_account'],
  ],
];

describe('redact: personal data is replaced', () => {
  it.each(POSITIVE)('%s', (input, text, found) => {
    expect(redact(input)).toEqual({ text, found });
  });

  it('keeps nothing of the redacted values', () => {
    const { text } = redact('CCCD 079203001234, sđt 0912 345 678, a.b@c.vn, 29A-123.45, C1234567, 0071000123456');
    expect(text).not.toMatch(/\d{3}/);
    expect(text).not.toContain('@');
  });

  it('splits two numbers joined by a dash, and keeps dotted groups of one number together', () => {
    expect(redact('0912345678-0987654321').text).toBe(`${PHONE}-${PHONE}`);
    expect(redact('STK 123.456.789.012').text).toBe(`STK ${ACCOUNT}`);
  });

  it('redacts every number of a long list of numbers', () => {
    const phones = Array.from({ length: 40 }, (_, i) => `09${String(12345600 + i)}`).join(' ');
    expect(redact(phones).text).toBe(Array.from({ length: 40 }, () => PHONE).join(' '));
    const landlines = '(024) ' + Array.from({ length: 40 }, () => '3825 1234').join(' ');
    expect(redact(landlines).text.startsWith(`${PHONE} `)).toBe(true);
    const ids = Array.from({ length: 40 }, () => '079203001234').join(', ');
    expect(redact(ids).text).toBe(Array.from({ length: 40 }, () => ID).join(', '));
  });

  it('reports each kind once, in a fixed order', () => {
    expect(redact('0912345678 và 0987654321, CCCD 079203001234').found).toEqual(['id_number', 'phone']);
  });
});

// Text that must come out unchanged.
const NEGATIVE: string[] = [
  // Questions about names are not names.
  'thủ tục này tên là gì',
  'sửa họ và tên trên giấy khai sinh',
  'họ và tên cha mẹ ghi thế nào',
  'đổi họ tên cho con cần gì',
  'tôi tên là gì nhỉ',
  'ho va ten ghi the nao',
  'Thủ tục 1.009122 cần những giấy tờ gì?',
  'Cho tôi hỏi thủ tục 2.000740 và 1.001234 1.009122',
  'Lệ phí là 100.000 đồng, nộp trực tuyến giảm còn 50.000đ',
  'Phí thẩm định 1.500.000 đồng/hồ sơ; tổng 15.000.000 đồng; 100.000.000 VNĐ',
  'Mức phạt từ 100 000 000 đồng đến 200 000 000 đồng',
  'Tôi bị trừ 15000000 đồng',
  'Tài khoản của tôi bị trừ 100.000.000 đồng',
  'Chuyển 2.000.000 vào tài khoản kho bạc',
  'Hạn nộp hồ sơ là 31/12/2026, nhận kết quả ngày 15/01/2027',
  'Ngày 31.12.2026 hoặc 2026-12-31 hoặc 31-12-2026',
  'Năm 2024 và 2025, giai đoạn 2021-2025, các năm 2022 2023 2024',
  'Theo Điều 11 Nghị định 53/2017/NĐ-CP',
  'Căn cứ Thông tư số 15/2016/TT-BXD và Quyết định số 1085/QĐ-TTg ngày 15/9/2022',
  'khoản 2, 3 Điều 11 Luật Cư trú 2020, Luật số 68/2014/QH13',
  'Gọi tổng đài 1900 0000 hoặc 1800 1234 hoặc 19001234',
  'Mẫu TK1-TS, mẫu số 01/ĐK, Mẫu CT01',
  'Nhà 123/45/6 đường 3/2, quận 10, mã bưu chính 700000',
  'Trong 15 ngày làm việc, 30 ngày, 10h30 sáng, 60kg, 1m70',
  'Tôi muốn hỏi về thủ tục 1.009122 (cấp giấy phép xây dựng)',
  'Diện tích 120,5 m2; tỷ lệ 1/500; số tờ 12, số thửa 345',
  'email a@b, x@@y.com, hỏi@ đâu',
  '12 345 678 người',
  'Bước 1 2 3 4 5 6 7 8 9, mục 1.2.3.4.5.6.7.8',
  '',
];

describe('redact: what is not personal data is kept', () => {
  it.each(NEGATIVE)('%s', (input) => {
    expect(redact(input)).toEqual({ text: input, found: [] });
  });

  it('keeps procedure codes, amounts, dates and legal references around redacted data', () => {
    const input = 'Thủ tục 1.009122, lệ phí 100.000 đồng, hạn 31/12/2026, theo Nghị định 53/2017/NĐ-CP; sđt 0912345678';
    expect(redact(input).text).toBe(`Thủ tục 1.009122, lệ phí 100.000 đồng, hạn 31/12/2026, theo Nghị định 53/2017/NĐ-CP; sđt ${PHONE}`);
  });

  it('works on decomposed (NFD) Vietnamese text', () => {
    const input = 'Lệ phí 100 000 000 đồng, sđt 0912345678'.normalize('NFD');
    expect(redact(input).text).toBe('Lệ phí 100 000 000 đồng, sđt '.normalize('NFD') + PHONE);
  });
});

// A guard against catastrophic regex backtracking (which takes seconds to hours on 1 MB), not a
// benchmark: the bound is far above the ~20 ms measured, so a busy machine does not fail it.
describe('redact: no catastrophic backtracking', () => {
  const MB = 1 << 20;
  const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const SAMPLES: [string, string][] = [
    [
      'realistic messages',
      fill(
        'Tôi muốn hỏi thủ tục 1.009122, lệ phí 100.000 đồng, hạn 31/12/2026 theo Nghị định 53/2017/NĐ-CP. ' +
          'CCCD 079203001234, sđt 0912 345 678, email nguyen.van.a@gmail.com, xe 51F-123.45, STK 0071000123456. ',
      ),
    ],
    ['one run of digits', fill('1')],
    ['digits and spaces', fill('1 ')],
    ['groups of four', fill('1234 ')],
    ['dots', fill('1.')],
    ['at signs', fill('a@')],
    ['plate-like', fill('29A-123.4')],
    ['prefix-like', fill('(+84')],
    ['letters', fill('a')],
  ];

  it.each(SAMPLES)('redacts 1 MB of %s in well under a second', (_name, input) => {
    redact(input.slice(0, 64 * 1024)); // warm up the JIT on the same shapes
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      redact(input);
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(1000);
  });
});
