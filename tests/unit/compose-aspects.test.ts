// What an aspect's answer says from the record (worker/chat/compose.ts): the structured value, and
// the record's own words where they qualify it.
import { describe, expect, it } from 'vitest';
import type { Method } from '../../worker/catalog/schema';
import type { Block } from '../../worker/chat/answer';
import { aspectBody } from '../../worker/chat/compose';
import { procedureRecord } from './procedure-record';

const text = (blocks: Block[]) => JSON.stringify(blocks);
const method = (m: Partial<Method>): Method => ({ method: 'direct', time: null, fees: [], description: '', ...m });

describe('the time answer', () => {
  const fiveDays = { value: 5, unit: 'working_day' as const, text: '5 Ngày làm việc' };

  it('keeps what the record says about which duration applies when', () => {
    const roadUse = procedureRecord('1.013274', 'Cấp phép sử dụng tạm thời lòng đường, vỉa hè vào mục đích khác', {
      methods: [method({ time: fiveDays, description: '- 01 ngày đối với đám tang\n- 05 ngày làm việc đối với các trường hợp khác kể từ khi tiếp nhận hồ sơ' })],
    });
    const said = text(aspectBody(roadUse, 'time'));
    expect(said).toContain('5 ngày làm việc');
    expect(said).toContain('01 ngày đối với đám tang');
  });

  it('names the case of each time when the record labels it in a long description ("Cấp lại biển số định danh: Không quá 07 ngày")', () => {
    const long = '- Cách thức thực hiện: + Chủ xe kê khai Giấy khai đăng ký xe trên Cổng Dịch vụ công hoặc kê khai trực tiếp tại cơ quan đăng ký xe. Cơ quan đăng ký xe tiếp nhận hồ sơ trong giờ làm việc. - Thời hạn giải quyết: ';
    const plates = procedureRecord('1.013076', 'Đăng ký sang tên xe', {
      methods: [
        method({ time: { value: 2, unit: 'working_day', text: '2 Ngày làm việc' }, description: `${long}+ Cấp chứng nhận đăng ký xe: Không quá 02 ngày làm việc.` }),
        method({ time: { value: 7, unit: 'working_day', text: '7 Ngày làm việc' }, description: `${long}+ Cấp lại biển số định danh: Không quá 07 ngày làm việc.` }),
        // A label whose text states another time is not this row's.
        method({ time: { value: 1, unit: 'hour', text: '1 Giờ' }, description: `${long}+ Cấp biển số định danh lần đầu: Cấp ngay sau khi tiếp nhận hồ sơ.` }),
      ],
    });
    const said = text(aspectBody(plates, 'time'));
    expect(said).toContain('2 ngày làm việc (Cấp chứng nhận đăng ký xe)');
    expect(said).toContain('7 ngày làm việc (Cấp lại biển số định danh)');
    expect(said).not.toContain('(Cấp biển số định danh lần đầu)');
  });

  it('quotes the record\'s own sentence on the time when its methods give none', () => {
    const withdraw = procedureRecord('2.001680', 'Thủ tục rút yêu cầu trợ giúp pháp lý của người được trợ giúp pháp lý', {
      methods: [method({ description: 'Nộp trực tiếp tại tổ chức thực hiện trợ giúp pháp lý. Thời hạn giải quyết hồ sơ: Ngay sau khi nhận đủ hồ sơ theo quy định.' })],
    });
    expect(text(aspectBody(withdraw, 'time'))).toContain('Ngay sau khi nhận đủ hồ sơ');
    const silent = procedureRecord('2.001681', 'Thủ tục khác', { methods: [method({ description: 'Nộp trực tiếp.' })] });
    expect(text(aspectBody(silent, 'time'))).toContain('chưa có thông tin về thời hạn giải quyết');
  });

  it('quotes when the result is given when the record gives its time without a unit', () => {
    const bare = { value: 1, unit: 'other' as const, text: '1' };
    const birth = procedureRecord('1.001193', 'Thủ tục đăng ký khai sinh', {
      methods: [method({ time: bare }), method({ method: 'online', time: bare })],
      steps: [
        'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.',
        'Trường hợp hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, trả kết quả trong ngày làm việc tiếp theo.',
        '(i) Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ; nếu tiếp nhận hồ sơ sau 15 giờ thì có Phiếu hẹn, trả kết quả cho người yêu cầu trong ngày làm việc tiếp theo.',
      ],
    });
    const said = text(aspectBody(birth, 'time'));
    expect(said).toContain('không ghi đơn vị thời gian');
    expect(said).toContain('sau 15 giờ thì có Phiếu hẹn, trả kết quả');
    // Neither the parent's deadline nor an incomplete dossier's return is the time it takes.
    expect(said).not.toContain('60 ngày');
    expect(said).not.toContain('hướng dẫn bổ sung');
    // A time with its unit needs no sentence.
    const days = procedureRecord('1.001194', 'Thủ tục khác', { methods: [method({ time: fiveDays })], steps: birth.steps });
    expect(text(aspectBody(days, 'time'))).not.toContain('sau 15 giờ');
  });

  it('counts working hours and days as the row\'s own description does ("8 Giờ" → "8 giờ làm việc")', () => {
    // 1.013083: the structured field says "8 Giờ"; the row says "Trong thời hạn 08 giờ làm việc kể từ …".
    const long = '- Cách thức thực hiện: + Chủ xe thực hiện kê khai đăng ký xe trên cổng dịch vụ công. Cơ quan đăng ký xe tiếp nhận hồ sơ trong giờ làm việc. + Nhận kết quả xác thực và in chứng nhận đăng ký xe tạm thời trên cổng dịch vụ công. - Thời hạn giải quyết: + Cấp chứng nhận đăng ký xe tạm thời: Trong thời hạn 08 giờ làm việc kể từ kể khi nhận đủ hồ sơ hợp lệ trên cổng dịch vụ công. + Thời gian trả kết quả đăng ký xe theo quy định được tính từ ngày nhận đủ hồ sơ hợp lệ và hệ thống đăng ký, quản lý xe đã nhận được kết quả xác thực về việc hoàn thành nộp lệ phí đăng ký xe từ cổng dịch vụ công.';
    const temporary = procedureRecord('1.013083', 'Đăng ký xe tạm thời thực hiện bằng dịch vụ công trực tuyến toàn trình', {
      methods: [method({ method: 'online', time: { value: 8, unit: 'hour', text: '8 Giờ' }, description: long })],
    });
    expect(text(aspectBody(temporary, 'time'))).toContain('8 giờ làm việc');
    expect(text(aspectBody(temporary, 'overview'))).toContain('8 giờ làm việc');
    // A row that says another number in working hours keeps its own.
    const other = procedureRecord('1.000001', 'Thủ tục thử', {
      methods: [method({ time: { value: 8, unit: 'hour', text: '8 Giờ' }, description: long.replace('08 giờ làm việc', '16 giờ làm việc') })],
    });
    expect(text(aspectBody(other, 'time'))).not.toContain('8 giờ làm việc');
  });

  it('adds no description that states no duration', () => {
    const plain = procedureRecord('1.008004', 'Chuyển đổi cơ cấu cây trồng, vật nuôi trên đất trồng lúa', {
      methods: [method({ time: fiveDays, description: 'Nộp hồ sơ trực tiếp tại Ủy ban nhân dân cấp xã' })],
    });
    expect(text(aspectBody(plain, 'time'))).not.toContain('Ủy ban');
  });
});

describe('the fee answer', () => {
  it('keeps the unit an amount is counted by with it', () => {
    const fee = { kind: 'phi' as const, amount: 50000, currency: 'VND' as const, amountVnd: 50000, free: false, text: '50,000 Việt Nam Đồng/giao dịch' };
    const contract = procedureRecord('2.001035', 'Chứng thực giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở', {
      methods: [method({ fees: [fee] })],
    });
    const said = text(aspectBody(contract, 'fee'));
    expect(said).toContain('50.000 đồng/giao dịch');
    expect(said).not.toContain('— /');
  });

  it('says the tiers and the cap a fee row describes beside its amount', () => {
    // 2.000815 as published: two direct rows, the commune's described with its tiers.
    const perPage = { kind: 'unspecified' as const, amount: 2000, currency: 'VND' as const, amountVnd: 2000, free: false, text: '2,000 Việt Nam Đồng (/trang)' };
    const abroad = { kind: 'unspecified' as const, amount: 10, currency: 'USD' as const, amountVnd: null, free: false, text: '10 USD (/bản)' };
    const copies = procedureRecord('2.000815', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', {
      methods: [
        method({ fees: [perPage], description: 'Tại Ủy ban nhân dân cấp xã, Tổ chức hành nghề công chứng: 2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản. Trang là căn cứ để thu phí được tính theo trang của bản chính;' }),
        method({ fees: [abroad], description: 'Tại cơ quan đại diện: 10 USD/bản.' }),
      ],
    });
    const said = text(aspectBody(copies, 'fee'));
    expect(said).toContain('từ trang thứ 3 trở lên thu 1.000 đồng/trang, tối đa thu không quá 200.000 đồng/bản');
    expect(said).toContain('Tại cơ quan đại diện: 10 USD/bản');
  });

  it('says a fee the catalog states as a few đồng in its own words, with a caution, not as an amount', () => {
    // 2.002042 as the portal stores it: "25 VNĐ" for the 25.000 đồng registration fee, and a description that states none.
    const fee = { kind: 'le_phi' as const, amount: 25, currency: 'VND' as const, amountVnd: 25, free: false, text: '25 VNĐ (- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí)' };
    const partnership = procedureRecord('2.002042', 'Đăng ký thành lập công ty hợp danh', { methods: [method({ fees: [fee] })] });
    const said = text(aspectBody(partnership, 'fee'));
    expect(said).toContain('25 VNĐ (- Lệ phí đăng ký doanh nghiệp: Bằng 50% mức thu lệ phí)');
    expect(said).toContain('có thể là theo nghìn đồng; vui lòng hỏi bộ phận một cửa');
    expect(said).not.toContain('25 đồng');
  });
});

describe('the forms answer', () => {
  it('lists a form named in a sub-item, under the case it belongs to', () => {
    const component = (name: string, children: unknown[] = []) => ({ name, title: name, detail: '', originals: 1, copies: 0, required: true, kind: 'submit', condition: null, forms: [], children });
    const dependant = procedureRecord('1.008498', 'Đăng ký thuế lần đầu đối với người nộp thuế là cá nhân, người phụ thuộc', {
      cases: [
        {
          name: 'Đăng ký thuế cho người phụ thuộc',
          headings: [],
          components: [component('Đối với người phụ thuộc là người Việt Nam:', [component('Tờ khai đăng ký thuế mẫu số 20-ĐK-TCT')])],
        },
      ] as never,
    });
    expect(text(aspectBody(dependant, 'forms'))).toContain('mẫu số 20-ĐK-TCT');
  });
});

describe('the place answer', () => {
  it('quotes where the record says to submit, beside the agency', () => {
    const weapon = procedureRecord('1.013442', 'Khai báo vũ khí thô sơ', {
      executingAgencies: ['Công an cấp Xã'],
      methods: [method({ description: 'Nộp hồ sơ trực tiếp tại Công an xã, phường, thị trấn nơi đặt trụ sở hoặc nơi cư trú.' })],
    });
    const said = text(aspectBody(weapon, 'place'));
    expect(said).toContain('Công an cấp Xã');
    expect(said).toContain('nơi đặt trụ sở hoặc nơi cư trú');
  });
});

describe('the steps answer', () => {
  it("lists a long record's main steps, not the first lines of its first step's sub-cases", () => {
    // As 2.001263 "Đăng ký việc nuôi con nuôi trong nước" lists them: "- " steps, "+)" cases, paragraphs.
    const cases = Array.from({ length: 12 }, (_, i) => `+) Trường hợp ${i + 1}: trẻ em được tìm gia đình thay thế theo cách ${i + 1}.`);
    const adoption = procedureRecord('2.001263', 'Đăng ký việc nuôi con nuôi trong nước', {
      steps: [
        '- Tìm gia đình thay thế cho trẻ em:',
        ...cases,
        '- Người nhận con nuôi nộp hồ sơ tại Ủy ban nhân dân cấp xã.',
        'Khi kiểm tra hồ sơ, công chức cấp xã tìm hiểu nguyện vọng của những người liên quan.',
        '- Công chức cấp xã lấy ý kiến của những người liên quan',
        '- Ủy ban nhân dân cấp xã trao Giấy chứng nhận nuôi con nuôi trong nước.',
      ],
    });
    const said = text(aspectBody(adoption, 'steps'));
    expect(said).toContain('lấy ý kiến của những người liên quan');
    expect(said).toContain('Giấy chứng nhận nuôi con nuôi trong nước');
    expect(said).not.toContain('Trường hợp 1:');
    expect(said).toContain('các bước chính');
    // A short list is shown whole, sub-cases and all.
    const short = procedureRecord('2.001264', 'Thủ tục khác', { steps: ['- Nộp hồ sơ:', '+) Trường hợp nộp trực tiếp.', '- Nhận kết quả.'] });
    expect(text(aspectBody(short, 'steps'))).toContain('Trường hợp nộp trực tiếp');
  });
});
