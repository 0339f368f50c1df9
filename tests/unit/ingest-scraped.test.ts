// Whole scraped pages read into records (scripts/ingest/scraped.ts); each table's parser has its own
// test file (scraped-methods, scraped-components, scraped-legal-basis).
import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseScrapedRecord } from '../../scripts/ingest/scraped.ts';
import { sourceProcedureSchema, type Anomaly, type SourceProcedure } from '../../worker/catalog/schema.ts';

const FIXTURES = new URL('../fixtures/scraped/', import.meta.url);

function fixture(code: string): unknown {
  return JSON.parse(readFileSync(new URL(`${code}.json`, FIXTURES), 'utf8'));
}

function parse(code: string): { p: SourceProcedure; anomalies: Anomaly[] } {
  const anomalies: Anomaly[] = [];
  const p = parseScrapedRecord(fixture(code), '2026-05-01', anomalies);
  return { p, anomalies };
}

const kinds = (anomalies: Anomaly[]) => anomalies.map((a) => a.kind).sort();

describe('parseScrapedRecord on real pages', () => {
  const codes = [
    '1.008905',
    '1.000771',
    '1.000014',
    '2.002011',
    '1.002755',
    '1.003878',
    '5.003803',
    '1.001613',
    '1.007689',
    '1.000811',
  ];

  it.each(codes)('%s passes the catalog schema', (code) => {
    const { p } = parse(code);
    const result = sourceProcedureSchema.safeParse(p);
    expect(result.success, result.success ? '' : result.error.message).toBe(true);
    expect(p.code).toBe(code);
    expect(p.provenance).toEqual({ source: 'scraped-page', alsoIn: [], crawledAt: '2026-05-01' });
    expect(p.type).toBe('standard');
    expect(p.province).toBeNull();
    expect(p.online.fullProcess).toBe(false);
  });

  it('1.008905: online, 3 working days, 500,000 VND with the temporary reduction kept', () => {
    const { p, anomalies } = parse('1.008905');
    expect(anomalies).toEqual([]);
    expect(p.portalId).toBe('019d2bfd-6f4a-7621-936d-71677bd2385b');
    expect(p.url).toBe('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-6f4a-7621-936d-71677bd2385b');
    expect(p.decisionNumber).toBe('1241/QĐ-BTP');
    expect(p.issuingBody).toBe('Bộ Tư pháp');
    expect(p.levels).toEqual(['province']);
    expect(p.fields).toEqual(['Trọng tài thương mại']);
    expect(p.online.available).toBe(true);
    expect(p.methods.map((m) => m.method)).toEqual(['online', 'postal', 'direct']);
    const online = p.methods[0];
    expect(online?.time).toEqual({ value: 3, unit: 'working_day', text: '3 Ngày làm việc' });
    expect(online?.fees).toHaveLength(1);
    const fee = online?.fees[0];
    expect(fee).toMatchObject({ amount: 500000, currency: 'VND', amountVnd: 500000, free: false });
    expect(fee?.text).toContain('500,000 Việt Nam Đồng');
    expect(fee?.text).toContain('Áp dụng mức phí: 250.000 đồng (Hai trăm năm mươi nghìn đồng)');
    expect(fee?.text).toContain('đến hết ngày 31/12/2026 theo Thông tư số 64/2025/TT-BTC');
    expect(online?.description).toBe('');
    expect(p.cases).toEqual([
      {
        name: '',
        components: [
          {
            name: '- Đơn đề nghị thay đổi nội dung Giấy đăng ký hoạt động của Chi nhánh Trung tâm trọng tài;',
            originals: 1,
            copies: 0,
            required: null,
            forms: [],
          },
        ],
      },
    ]);
    expect(p.legalBasis.map((l) => l.code)).toEqual([
      '64/2025/TT-BTC',
      '222/2016/TT-BTC',
      '112/2025/NĐ-CP',
      '54/2010/QH12',
      '63/2011/NĐ-CP',
    ]);
    expect(p.legalBasis[3]?.title).toBe('Luật 54/2010/QH12 - Trọng tài thương mại');
    expect(p.results).toEqual(['Ghi nội dung thay đổi vào Giấy đăng ký hoạt động của Chi nhánh Trung tâm trọng tài']);
    expect(p.steps).toHaveLength(2);
    expect(p.steps[1]).toMatch(/^- Trong thời hạn 03 ngày làm việc/u);
    expect(p.conditions).toBe('');
    expect(p.executingAgencies).toEqual([]);
  });

  it('1.000771: a USD fee has no VND amount; the form file is split from the name', () => {
    const { p } = parse('1.000771');
    const fee = p.methods[0]?.fees[0];
    expect(fee).toEqual({
      kind: 'unspecified',
      amount: 10,
      currency: 'USD',
      amountVnd: null,
      free: false,
      text: '10 USD (/lần)',
    });
    const components = p.cases[0]?.components ?? [];
    const form = components.find((c) => c.forms.length > 0);
    expect(form?.forms).toEqual([{ name: 'NA5.doc', url: null }]);
    expect(form?.name).toMatch(/^Tờ khai đề nghị cấp thị thực, gia hạn tạm trú \(mẫu NA5\)/u);
    expect(form?.name).not.toContain('NA5.doc');
    // "Cán bộ, công chức, viên chức" is one target group, not three.
    expect(p.targetGroups).toEqual([
      'Công dân Việt Nam',
      'Cán bộ, công chức, viên chức',
      'Người Việt Nam định cư ở nước ngoài',
      'Người nước ngoài',
    ]);
    // An all-caps title glued to the previous code: "…Việt Nam04/2015/TT-BCAQUY ĐỊNH MỨC THU…".
    expect(p.legalBasis).toContainEqual({
      code: '04/2015/TT-BCA',
      title: 'Quy định mẫu giấy tờ liên quan đến việc nhập cảnh, xuất cảnh, cư trú của người nước ngoài tại Việt Nam',
    });
    expect(p.legalBasis.find((l) => l.code === '25/2021/TT-BTC')?.title).toMatch(/^QUY ĐỊNH MỨC THU/u);
  });

  it('1.000014: a bare time glued to the fee ("Trực tuyến120 VNĐ(20.000 vnđ /tờ khai)")', () => {
    const { p, anomalies } = parse('1.000014');
    expect(p.methods.map((m) => m.method)).toEqual(['online', 'direct']);
    for (const m of p.methods) {
      expect(m.time).toEqual({ value: 1, unit: 'other', text: '1' });
      // The portal stored thousands ("20 VNĐ"); the fee's own description states 20.000 vnđ.
      expect(m.fees[0]).toMatchObject({ amount: 20000, currency: 'VND', amountVnd: 20000, free: false });
      expect(m.fees[0]?.text).toBe('20.000 vnđ /tờ khai');
    }
    expect(kinds(anomalies)).toEqual(['fee-amount-thousands', 'time-unit-missing']);
    // The page has no results section: the portal UI after the conditions is not content.
    expect(p.results).toEqual([]);
    expect(p.conditions).toBe('');
  });

  it('1.003358: amounts the portal labels đồng that the fee description states in dollars', () => {
    const { p, anomalies } = parse('1.003358');
    const fees = p.methods.flatMap((m) => m.fees);
    expect(fees.map((f) => [f.amount, f.currency, f.amountVnd])).toContainEqual([145, 'USD', null]);
    // The in-person row, labelled "145 VNĐ" by the portal, is read as its description states it.
    expect(fees).toContainEqual(expect.objectContaining({ amount: 145, currency: 'USD', text: 'Thẻ tạm trú có thời hạn không quá 02 năm: 145 USD/thẻ.' }));
    expect(fees.some((f) => f.currency === 'VND' && f.amount !== null && f.amount > 0 && f.amount < 1000)).toBe(false);
    expect(kinds(anomalies)).toContain('fee-currency-usd');
  });

  it('2.002011: glued times resolved from the fee text and the sibling rows', () => {
    const { p, anomalies } = parse('2.002011');
    // "Trực tiếp125 VNĐ" alone could be 1 + 25 or 12 + 5: the other rows' time (1) settles it.
    // The publication fee's description states 100.000 đồng; the registration fee's (25) states none.
    expect(kinds(anomalies)).toEqual(['fee-amount-suspicious', 'fee-amount-thousands', 'time-unit-missing']);
    const [online, postal, direct] = p.methods;
    expect(online?.time?.value).toBe(1);
    expect(online?.fees[0]).toMatchObject({ kind: 'phi', amount: 100000, currency: 'VND' });
    expect(postal?.fees[0]?.amount).toBe(100000);
    expect(direct?.time).toEqual({ value: 1, unit: 'other', text: '1' });
    expect(direct?.fees[0]).toMatchObject({ kind: 'le_phi', amount: 25 });
    expect(direct?.fees[0]?.text).toMatch(/^25 VNĐ \(- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí/u);
    expect(p.cases.length).toBeGreaterThan(10);
    expect(p.cases[0]?.name).toMatch(/^\(\*\) Trường hợp đăng ký thay đổi chủ sở hữu công ty trách nhiệm hữu hạn/u);
    expect(p.cases.find((c) => c.name === '- Trường hợp đăng ký thay đổi thành viên hợp danh:')?.components).toHaveLength(2);
  });

  it('1.002755: several case tables, "--" for the unnamed case, form files, duplicated legal codes', () => {
    const { p, anomalies } = parse('1.002755');
    expect(anomalies).toEqual([]);
    expect(p.cases.map((c) => c.name)).toEqual([
      '* Gia hạn tạm trú theo danh sách, hồ sơ gồm:',
      '* Gia hạn tạm trú tại nơi đơn vị đóng quân trong Công an nhân dân, Quân đội nhân nhân (nơi đơn vị đóng quân, nhà ở công vụ) hồ sơ gồm:',
      '* Hồ sơ gia hạn tạm trú gồm:',
      '',
    ]);
    expect(p.cases.map((c) => c.components.length)).toEqual([2, 3, 1, 1]);
    const first = p.cases[0]?.components[0];
    expect(first?.name).toBe(
      'Tờ khai thay đổi thông tin cư trú (của từng người) (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA).',
    );
    expect(first?.forms).toEqual([{ name: '1.MuCT01banhnhkmtheoThngts53.doc', url: null }]);
    expect(p.cases[3]?.components[0]).toMatchObject({ originals: 1, copies: 1 });
    // Fees differ per method; the description (Mô tả) is kept apart from the fee text.
    expect(p.methods.map((m) => [m.method, m.fees[0]?.amount])).toEqual([
      ['online', 5000],
      ['direct', 10000],
    ]);
    expect(p.methods[1]?.description).toMatch(/^- Nộp hồ sơ trực tiếp tại Công an cấp xã\./u);
    expect(p.methods[1]?.fees[0]?.text).not.toContain('Nộp hồ sơ trực tiếp tại Công an cấp xã');
    // "Thông tư 55/2021/TT-BCA55/2021/TT-BCA": title and code glued, one entry.
    const codes = p.legalBasis.map((l) => l.code);
    expect(codes.filter((c) => c === '55/2021/TT-BCA')).toHaveLength(1);
    expect(p.legalBasis.find((l) => l.code === '55/2021/TT-BCA')?.title).toBe('Thông tư 55/2021/TT-BCA');
    expect(codes).toContain('68/2020/QH14');
    expect(p.levels).toEqual(['commune']);
    expect(p.issuingBody).toBe('Bộ Công an');
  });

  it('1.003878: several form files on one component; "Miễn phí (…)" with a note is not taken as free', () => {
    const { p } = parse('1.003878');
    expect(p.methods[0]?.time).toEqual({ value: 1, unit: 'hour', text: '1 Giờ' });
    expect(p.methods[0]?.fees[0]).toEqual({
      kind: 'le_phi',
      amount: null,
      currency: null,
      amountVnd: null,
      free: false,
      text: 'Miễn phí (Lệ phí vào, rời cảng biển)',
    });
    expect(p.methods[2]?.fees[0]?.kind).toBe('phi');
    expect(p.cases.map((c) => c.name)).toEqual([
      'Các giấy tờ phải nộp (bản chính) gồm:',
      'Các giấy tờ phải xuất trình (bản chính), bao gồm:',
    ]);
    expect(p.cases[0]?.components[0]?.forms.map((f) => f.name)).toEqual([
      'MauBankhainguoitrontrentau.docx',
      'MauBankhaivukhivavatlieuno.docx',
      'MauDanhsachhanhkhach.docx',
      'MauDanhsachthuyenvien.docx',
      'MauBankhaichung.docx',
    ]);
    expect(p.executingAgencies).toEqual(['Cảng vụ hàng hải', 'Văn phòng đại diện Cảng vụ Hàng hải', 'Cảng vụ Đường thủy nội địa']);
  });

  it('5.003803: "Không có thông tin" fees and an empty components section', () => {
    const { p, anomalies } = parse('5.003803');
    expect(anomalies).toEqual([]);
    expect(p.methods).toHaveLength(3);
    for (const m of p.methods) {
      expect(m.time).toEqual({ value: 5, unit: 'day', text: '5 Ngày' });
      expect(m.fees).toEqual([]);
    }
    expect(p.cases).toEqual([]);
    expect(p.executingAgencies).toEqual(['Bộ Xây dựng', 'Cục Hàng hải và Đường thủy Việt Nam']);
    expect(p.legalBasis.map((l) => l.code)).toEqual(['08/2021/NĐ-CP', '33/2013/NĐ-CP']);
  });

  it('1.001613: components recovered from raw_text when the scraper cut the field at "(Thành phần hồ sơ)"', () => {
    const { p, anomalies } = parse('1.001613');
    expect(anomalies.filter((a) => a.kind === 'field-resegmented').map((a) => a.detail.split(':')[0])).toEqual([
      'trinh_tu_thuc_hien',
      'thanh_phan_ho_so',
    ]);
    expect(p.cases.map((c) => c.name)).toEqual([
      '(Trường hợp không quy định là bản chính thì có thể nộp bản sao hợp lệ. Trường hợp nộp hồ sơ trực tuyến: thành phần hồ sơ quy định là bản sao nhưng NLĐ có thể nộp bản chính điện tử).',
      '1. Trường hợp hưởng BHXH một lần',
      '2. Đối với người lao động là công dân nước ngoài làm việc tại Việt Nam hưởng BHXH một lần',
    ]);
    expect(p.cases[0]?.components[0]).toMatchObject({ originals: 0, copies: 1 });
    expect(p.cases[1]?.components.map((c) => c.name)).toContain('a) Sổ BHXH');
    expect(p.cases[1]?.components.find((c) => c.name === 'b) Đơn đề nghị (Mẫu số 14-HSB)')).toMatchObject({
      originals: 1,
      copies: 0,
    });
    expect(p.steps).toHaveLength(3);
    expect(p.steps[0]).toContain('mục 9.3 (Thành phần hồ sơ) và nộp cho cơ quan BHXH');
    expect(p.methods[0]?.fees[0]).toEqual({
      kind: 'unspecified',
      amount: 0,
      currency: null,
      amountVnd: 0,
      free: true,
      text: 'Miễn phí',
    });
    expect(p.results).toEqual(['Tiền trợ cấp', 'Bản quá trình đóng BHXH', 'Quyết định về việc hưởng BHXH một lần']);
  });

  it('1.007689: a free-text time cell; a form named after the code in the component name', () => {
    const { p } = parse('1.007689');
    expect(p.methods[0]?.time).toEqual({
      value: null,
      unit: 'other',
      text: 'Không phải trả kết quả cho người nộp thuế',
    });
    expect(p.methods[0]?.description).toMatch(/^Bằng phương thức điện tử qua Cổng dịch vụ công Quốc gia/u);
    const components = p.cases[0]?.components ?? [];
    expect(components[0]).toMatchObject({ originals: 1, copies: 1 });
    expect(components[1]?.name).toBe('Phụ lục bảng kê chi tiết bất động sản (Mẫu số 01/BK-BĐS)');
    expect(components[1]?.forms).toEqual([{ name: '01 BK-BĐS.docx', url: null }]);
  });

  it('1.000811: codes with lower-case letters ("QĐ-TTg") and prose counts inside names', () => {
    const { p } = parse('1.000811');
    expect(p.legalBasis.map((l) => l.code)).toEqual(['25/2021/TT-BTC', '49/2019/QH14', '09/2023/QĐ-TTg']);
    expect(p.methods.map((m) => m.time?.unit)).toEqual(['day', 'working_day', 'day']);
    expect(p.methods[0]?.fees[0]).toMatchObject({ amount: 1200000, amountVnd: 1200000 });
    // "+ 01 bản chính văn bản …" is a name, not a count.
    const names = p.cases[0]?.components.map((c) => c.name) ?? [];
    expect(names).toHaveLength(5);
    expect(names[1]).toMatch(/^\+ 01 bản chính văn bản cho phép sử dụng thẻ của cấp có thẩm quyền được cấp trong vòng 06 tháng/u);
    expect(names[4]).toBe('* Số lượng hồ sơ: 01 (một) bộ.');
    expect(p.cases[0]?.components[0]?.forms).toEqual([
      { name: 'Tờ khai đề nghị cấp thẻ ABTC (mẫu TK06) (1).pdf', url: null },
    ]);
  });

  it('rejects a file that is not a scraped page', () => {
    expect(() => parseScrapedRecord({ ma_thu_tuc: 1008905 }, '2026-05-01', [])).toThrow(/not the expected shape/u);
    expect(() => parseScrapedRecord(null, '2026-05-01', [])).toThrow(/not the expected shape/u);
  });
});
