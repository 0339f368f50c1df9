// The search engine on the real built index (build/assets/data/index.bin: `npm test` builds it
// first, in its pretest step; `npx tsx scripts/build.ts` does too). The index file itself is tested
// in binary-index.test.ts.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEngine } from '../../scripts/lib/engine';
import type { SearchEngine } from '../../worker/search/engine';
import { fold, wordsText } from '../../worker/search/text';

const INDEX = new URL('../../build/assets/data/index.bin', import.meta.url);

let engine: SearchEngine;
beforeAll(() => {
  if (!existsSync(INDEX)) throw new Error('build/assets/data/index.bin is missing: run `npx tsx scripts/build.ts` (npm test does)');
  engine = loadEngine();
});

const codes = (q: string, opts = {}) => engine.search(q, { limit: 5, ...opts }).hits.map((h) => h.code);
const top = (q: string, opts = {}) => engine.search(q, { limit: 5, ...opts }).hits[0];

describe('SearchEngine on the built index', () => {
  it('loads the whole catalog', () => {
    expect(engine.size).toBeGreaterThan(5000);
    expect(engine.has('1.001193')).toBe(true);
    expect(engine.has('9.999999')).toBe(false);
  });

  it('puts a procedure whose code is typed first, whatever the rest of the question says', () => {
    for (const q of ['thủ tục 1.009122 cần gì', 'mã TTHC 1.013228 cấp lại giấy phép xây dựng mất mấy ngày', '2.000821 đăng ký khai sinh']) {
      const code = q.match(/\d\.\d{6}/u)![0];
      const r = engine.search(q, { limit: 5 });
      expect(r.query.codes).toEqual([code]);
      expect(r.hits[0]?.code, q).toBe(code);
      expect(r.hits.filter((h) => h.code === code)).toHaveLength(1);
    }
    // A code alone: that procedure and nothing else to search.
    expect(engine.search('1.001193').hits.map((h) => h.code)).toEqual(['1.001193']);
  });

  it('finds a procedure from a question typed without diacritics', () => {
    expect(top('dang ky khai sinh')?.code).toBe('1.001193');
    expect(top('đăng ký khai sinh')?.code).toBe('1.001193');
    expect(top('DANG KY KHAI SINH cho con')?.code).toBe('1.001193');
  });

  it('does not match a name on what it excludes ("người dịch không phải là cộng tác viên")', () => {
    const collaborator = '2.000992'; // … mà người dịch là cộng tác viên dịch thuật …
    const other = '2.001008'; // … mà người dịch không phải là cộng tác viên dịch thuật …
    const agreement = (q: string, code: string) => engine.search(q, { limit: 10 }).hits.find((h) => h.code === code)?.match?.agreement ?? 0;
    const gap = (q: string) => agreement(q, collaborator) - agreement(q, other);
    // The names share every word but the negation: the agreement tells them apart by a clear margin.
    expect(gap('nhờ cộng tác viên dịch thuật của xã dịch giấy tờ, chứng thực chữ ký người dịch')).toBeGreaterThan(0.1);
    expect(gap('chứng thực chữ ký người dịch, người dịch không phải cộng tác viên của xã')).toBeLessThan(0);
  });

  it('keeps a bare syllable that is part of a phrase citizens say ("chu dat": chủ đất, not the pronoun "chú")', () => {
    const readings = engine.analyze('muon cap nhat thong tin chu dat tren so do').readings.map((r) => wordsText(r));
    expect(readings.some((r) => r.includes('người sử dụng đất'))).toBe(true);
  });

  it('understands abbreviations and colloquial names', () => {
    const cccd = ['1.014064', '2.001194', '1.000757']; // Cấp lại thẻ căn cước (xã / tỉnh / trung ương)
    expect(cccd).toContain(top('làm lại cccd bị mất')?.code);
    expect(cccd).toContain(top('lam lai can cuoc cong dan')?.code);
    expect(top('đổi gplx')?.code).toBe('3.000347'); // Đổi giấy phép lái xe
    expect(top('xin giay phep lai xe quoc te')?.code).toBe('3.000353');
    // sổ đỏ = Giấy chứng nhận quyền sử dụng đất
    expect(top('cấp lại sổ đỏ bị mất')?.name).toMatch(/^Cấp lại Giấy chứng nhận do bị mất/u);
    expect(codes('thành lập cty tnhh 1 thành viên')).toContain('2.001583');
    expect(top('xin giấy xác nhận độc thân')?.code).toBe('1.004873'); // Giấy xác nhận tình trạng hôn nhân
    // Abbreviations of business and customs papers.
    expect(top('thành lập vpđd của thương nhân nước ngoài')?.name).toMatch(/^Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân/u);
    expect(top('hàng hóa đưa vào knq')?.name).toMatch(/kho ngoại quan/u);
    // What was suspended "mở cửa lại": the catalog's "Phục hồi hoạt động", not the fire safety acceptance.
    expect(top('tiệm bị đình chỉ hoạt động do vi phạm phòng cháy, nay muốn mở cửa lại thì làm gì')?.code).toBe('3.000494');
  });

  it('reads a word with a typo as the word it was meant to be', () => {
    const r = engine.search('cấp thẻ thờng trú cho người nước ngoài', { limit: 5 });
    expect(r.query.corrections).toContainEqual(expect.objectContaining({ from: 'thờng', to: 'thường' }));
    expect(r.hits[0]?.name).toMatch(/^Cấp thẻ thường trú cho người nước ngoài/u);
    // A wrong tone completes a province's name.
    const place = engine.analyze('xin số nhà ở đà nẳng');
    expect(place.provinces).toEqual(['Thành phố Đà Nẵng']);
    // A slip that spells another word of the catalog, pairing with one neighbour but not the
    // other ("ký thông" as in "đăng ký thông báo", but no "thông trú").
    const slip = engine.search('dang ky thong tru bao lau thi xong', { limit: 5 });
    expect(slip.query.corrections).toContainEqual(expect.objectContaining({ from: 'thong', to: 'thuong' }));
    expect(slip.hits[0]?.name).toMatch(/^Đăng ký thường trú/u);
    // Words the catalog uses are left alone, and so are question words ("xong").
    expect(engine.analyze('đăng ký khai sinh cho con').corrections).toEqual([]);
    expect(engine.analyze('làm khai tử xong được cấp giấy gì').corrections).toEqual([]);
    expect(engine.analyze('dang ky tam tru cho nguoi thue tro').corrections).toEqual([]);
  });

  it('leaves out province-specific procedures of other provinces when a province is configured, unless named', () => {
    const q = 'cấp giấy chứng nhận số nhà';
    const national = engine.search(q, { limit: 20 }).hits;
    // The catalog has this as several provinces' own procedure: without a province, they are found.
    expect(national.filter((h) => h.province).length).toBeGreaterThan(1);

    const province = 'Thành phố Đà Nẵng';
    const hits = engine.search(q, { limit: 20, province }).hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect([null, province], h.name).toContain(h.province);
    expect(hits.some((h) => h.province === province)).toBe(true);

    // Another province named in the question is searched too, and ranks first.
    const named = engine.search('tách thửa đất ở tại Đồng Tháp', { limit: 20, province }).hits;
    expect(named[0]?.province).toBe('Tỉnh Đồng Tháp');
    for (const h of named) expect([null, province, 'Tỉnh Đồng Tháp'], h.name).toContain(h.province);
  });

  it('without a configured province, prefers the national procedure unless a province is named', () => {
    const national = top('tách thửa đất');
    expect(national?.province).toBeNull();
    expect(national?.name).toMatch(/^Tách thửa/u);
    expect(top('phí thẩm định hồ sơ tách thửa đất ở tại Đồng Tháp bao nhiêu')?.province).toBe('Tỉnh Đồng Tháp');
  });

  it('honours the level filter and the limit', () => {
    const hits = engine.search('cấp giấy phép xây dựng', { limit: 12, levels: ['commune'] }).hits;
    expect(hits.length).toBeGreaterThan(5);
    expect(hits.length).toBeLessThanOrEqual(12);
    for (const h of hits) expect(h.levels).toContain('commune');
    expect(engine.search('cấp giấy phép xây dựng').hits).toHaveLength(5);
  });

  it('prefers the procedure carried out at the level the question names', () => {
    // "Chứng thực giao dịch" (commune) would do at any level; the cancellation's certification is
    // the commune's, the state-asset payment that shares "việc hủy" is a ministry's or province's.
    const named = codes('chứng thực việc hủy hợp đồng ở xã');
    const unnamed = codes('chứng thực việc hủy hợp đồng');
    expect(named).not.toContain('1.005429');
    expect(unnamed).toContain('1.005429');
  });

  it("reads a citizen's 'đăng kiểm' as a car's inspection, a construction machine's only when named", () => {
    expect(top('xe tải nhà em đi đăng kiểm định kỳ cần mang giấy gì')?.code).toBe('1.005103');
    expect(top('xe máy chuyên dùng đi đăng kiểm')?.code).toBe('1.013205');
  });

  it('ranks a name typed with its diacritics above one that only shares the unaccented spelling', () => {
    // "bảo tàng" (museum) and "báo tăng" (notice of an increase) are both "bao tang" without diacritics.
    const museum = engine.search('bảo tàng', { limit: 5 }).hits;
    expect(museum[0]?.name).toMatch(/bảo tàng/iu);
    const museumIndex = museum.findIndex((h) => /bảo tàng/iu.test(h.name));
    const noticeIndex = museum.findIndex((h) => /báo tăng/iu.test(h.name));
    expect(noticeIndex === -1 || noticeIndex > museumIndex).toBe(true);
    expect(top('báo tăng vốn góp')?.name).toMatch(/^Thông báo tăng, giảm vốn góp/u);
    // "khoán nước" (chứng khoán nước ngoài) and "khoan nước" (drilling for water).
    expect(top('khoan nước')?.name).toMatch(/khoan nước/u);
    expect(top('khoán nước')?.name).not.toMatch(/khoan nước/u);
    // Typed without diacritics, both readings stay in the running.
    const both = codes('bao tang');
    expect(both).toContain('1.003793');
  });

  it('prefers the base procedure to its variants when the question names no variant', () => {
    expect(top('cấp giấy phép vận chuyển hàng hóa nguy hiểm trên đường bộ')?.name).toMatch(/^Cấp Giấy phép vận chuyển hàng hóa nguy hiểm/u);
    expect(top('cấp lại giấy phép vận chuyển hàng hóa nguy hiểm trên đường bộ')?.name).toMatch(/^Cấp lại Giấy phép vận chuyển/u);
    expect(top('dang ky tam tru')?.code).toBe('1.004194'); // Đăng ký tạm trú, not Gia hạn / Xóa đăng ký tạm trú
    expect(top('xóa đăng ký tạm trú')?.name).toMatch(/^Xóa đăng ký tạm trú/u);
  });

  it('prefers a procedure to its re-issue, amendment or withdrawal unless the question asks for one', () => {
    // The names differ by their first words only; the question names the thing, not the action.
    expect(top('chứng chỉ hành nghề luật sư')?.name).toMatch(/^Cấp Chứng chỉ hành nghề luật sư/u); // not "Thu hồi …"
    expect(top('giấy phép hoạt động khám bệnh chữa bệnh')?.name).toMatch(/^Cấp mới giấy phép hoạt động khám bệnh/u); // not "Cấp lại …"
    expect(top('giấy chứng nhận đăng ký tàu cá')?.name).toMatch(/^Cấp giấy chứng nhận đăng ký tàu cá/u);
    expect(top('thời hạn thẻ bảo hiểm y tế')?.name).toMatch(/^(Thủ tục )?[Cc]ấp thẻ bảo hiểm y tế/u); // not "Cấp đổi / Cấp lại thẻ …"
    // Asked for, in the catalog's words or colloquially, the follow-up comes first.
    expect(top('cấp lại giấy phép hoạt động khám bệnh chữa bệnh')?.name).toMatch(/^Cấp lại giấy phép hoạt động khám bệnh/u);
    expect(top('thu hồi chứng chỉ hành nghề luật sư')?.name).toMatch(/^Thu hồi chứng chỉ hành nghề luật sư/u);
    expect(top('bị mất giấy phép lái xe')?.name).toMatch(/^Cấp lại giấy phép lái xe/u);
    expect(top('gia hạn giấy phép lao động')?.name).toMatch(/^Gia hạn giấy phép lao động/u);
  });

  it('finds a procedure by its name when the name also lists the cases it covers', () => {
    // "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV (Công trình không theo tuyến/…/Dự án) và nhà ở riêng lẻ"
    expect(top('giấy phép xây dựng nhà ở riêng lẻ')?.code).toBe('1.013225');
    expect(top('xin giấy phép sửa chữa cải tạo nhà ở riêng lẻ')?.code).toBe('1.013229');
  });

  it('finds a procedure by the acts its name lists before the cases they are for', () => {
    // "Giao đất, cho thuê đất, chuyển mục đích sử dụng đất đối với trường hợp …; …" (600 characters).
    expect(codes('xin chuyển mục đích sử dụng đất')).toContain('1.013949');
    expect(codes('chuyển đất vườn lên đất ở')).toContain('1.013949');
    // "… lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài".
    expect(codes('đất ông bà để lại chưa có sổ đỏ, giờ xin cấp sổ lần đầu thì hồ sơ gồm gì')).toContain('1.013978');
  });

  it('reads each procedure a name lists with the same act as a name of its own', () => {
    // "Đăng ký thành lập tổ hợp tác; đăng ký tổ hợp tác trong trường hợp đã được thành lập trước …".
    expect(top('đăng ký thành lập tổ hợp tác cần giấy tờ gì')?.code).toBe('2.002637');
    // "…; cô, cậu, dì, chú, bác ruột nhận cháu làm con nuôi" goes on listing cases: no name of its own.
    expect(top('Ông, bà có được nhận cháu làm con nuôi hay không?')?.code).toBe('2.001263');
  });

  it('reads the procedure a long question names after "thủ tục"', () => {
    const q = 'Trẻ em dưới 14 tuổi khi làm thủ tục cấp hộ chiếu có cần phải trực tiếp đến cơ quan Quản lý xuất nhập cảnh để nộp hồ sơ không?';
    const r = engine.search(q, { limit: 5 });
    expect(r.query.focus && wordsText(r.query.focus)).toBe('cấp hộ chiếu');
    expect(r.hits[0]?.name).toMatch(/^Cấp hộ chiếu phổ thông/u);
  });

  it('reads what follows "làm hồ sơ", "nộp hồ sơ" as the procedure, as after "thủ tục"', () => {
    const r = engine.search('vợ sinh em bé, chồng đang đóng bhxh thì làm hồ sơ thai sản cần giấy gì của con', { limit: 5 });
    expect(r.query.focus && wordsText(r.query.focus)).toMatch(/^thai sản/u);
  });

  it('handles a 900-character question quickly and sensibly', () => {
    const q = (
      'Xin chào, tôi muốn hỏi về thủ tục đăng ký khai sinh cho con tôi. Chồng tôi là người nước ngoài, ' +
      'chúng tôi đã đăng ký kết hôn tại Việt Nam, con sinh ra tại bệnh viện ở Hà Nội và đã có giấy chứng sinh. ' +
      'Vậy khi đăng ký khai sinh có yếu tố nước ngoài thì cần những giấy tờ gì, nộp ở đâu, lệ phí bao nhiêu, ' +
      'và bao lâu thì có kết quả? '
    )
      .repeat(4)
      .slice(0, 900);
    expect(q.length).toBe(900);
    for (let i = 0; i < 3; i++) engine.search(q); // warm up
    const t0 = performance.now();
    const r = engine.search(q, { limit: 5 });
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(50); // ~2 ms in practice; generous for a busy machine
    expect(r.hits[0]?.code).toBe('2.000528'); // Thủ tục đăng ký khai sinh có yếu tố nước ngoài
    expect(r.query.aspects).toEqual(expect.arrayContaining(['components', 'place', 'fee', 'time']));
    expect(r.query.provinces).toContain('Thành phố Hà Nội');
  });

  it('returns nothing for an empty or content-free question, and no duplicates', () => {
    expect(engine.search('').hits).toEqual([]);
    expect(engine.search('cho tôi hỏi thủ tục như thế nào ạ').hits).toEqual([]);
    const hits = engine.search('đăng ký thường trú', { limit: 20 }).hits;
    expect(new Set(hits.map((h) => h.code)).size).toBe(hits.length);
    // Scores are ordered and the caller may keep the hit's arrays.
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    hits[0]!.levels.push('other');
    expect(engine.search('đăng ký thường trú', { limit: 1 }).hits[0]!.levels).not.toContain('other');
  });

  it('gives each hit the share of what the question says it wants that its name has', () => {
    const q = 'ruộng nhà em được giao từ năm 93, trên sổ ghi thời hạn đến năm nay là hết, muốn xin tiếp tục sử dụng thì làm đơn theo mẫu nào';
    const hit = engine.search(q, { limit: 10 }).hits.find((h) => h.code === '1.013947');
    // "tiếp tục sử dụng" is in "Xác nhận tiếp tục sử dụng đất nông nghiệp"; "muốn", which frames it, does not count.
    expect(hit?.match?.focus).toBeGreaterThan(0.8);
    expect(hit!.match!.recall).toBeLessThan(0.8);
    // Without a focus, none.
    expect(top('xác nhận tiếp tục sử dụng đất nông nghiệp')?.match?.focus).toBe(0);
  });

  it('reads a confirmation of a registered birth or marriage as the confirmation of civil-status information', () => {
    // 2.002516 "Thủ tục xác nhận thông tin hộ tịch": citizens name it by the event registered.
    expect(codes('xin giấy xác nhận đã đăng ký kết hôn ở xã')[0]).toBe('2.002516');
    expect(codes('giay xac nhan da dang ky khai sinh lam o dau')[0]).toBe('2.002516');
    // Registering the marriage itself stays the registration.
    expect(codes('đăng ký kết hôn cần giấy tờ gì')[0]).toBe('1.000894');
  });
});
