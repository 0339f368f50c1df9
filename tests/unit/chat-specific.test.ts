// Specific questions over the real catalog: the chat quotes the record's sentence that answers them
// (chat/passages.ts), read with what a citizen says for what the record says.
import { describe, expect, it } from 'vitest';
import { loadChat } from '../../scripts/lib/chat.ts';
import { newSession } from '../../worker/chat/engine.ts';
import { renderReply } from '../../worker/chat/render.ts';

const { chat } = loadChat();
const reply = async (q: string) => {
  const { answer } = await chat.respond(q, newSession());
  return { code: answer.procedure?.code, text: renderReply(answer.blocks).text };
};

describe('a specific question is answered by the sentence that says it', () => {
  it("reads a child's age as the record's minor", async () => {
    // 1.003677 "Khai báo tạm vắng": "… là người chưa thành niên thì người thực hiện khai báo là cha, mẹ hoặc người giám hộ".
    const { code, text } = await reply('con 15 tuổi đi học xa, khai báo tạm vắng cho cháu thì ai đứng ra khai');
    expect(code).toBe('1.003677');
    expect(text).toMatch(/người chưa thành niên thì người thực hiện khai báo là cha, mẹ/u);
    // …and "chưa đủ 18" without "tuổi".
    const under = await reply('con chua du 18 di hoc xa, khai bao tam vang thi ai khai');
    expect(under.code).toBe('1.003677');
    expect(under.text).toMatch(/người chưa thành niên thì người thực hiện khai báo là cha, mẹ/u);
  });

  it("reads how long a paper stays valid as the record's validity, not the time the procedure takes", async () => {
    // 2.000806: "… giấy xác nhận của tổ chức y tế có giá trị trong thời hạn 06 tháng, kể từ ngày cấp."
    const { code, text } = await reply('giấy khám sức khỏe để kết hôn với người nước ngoài có hạn dùng bao lâu');
    expect(code).toBe('2.000806');
    expect(text).toMatch(/có giá trị trong thời hạn 06 tháng/u);
  });

  it('answers whether a stated span must be reported with the rule\'s threshold', async () => {
    // 1.001570: "Trường hợp hộ kinh doanh tạm ngừng kinh doanh từ 15 ngày trở lên … thì thông báo …".
    const { code, text } = await reply('hộ kinh doanh nhà em nghỉ bán 3 tuần thì có phải đăng ký tạm ngừng kinh doanh không');
    expect(code).toBe('1.001570');
    expect(text).toMatch(/từ 15 ngày trở lên/u);
  });

  it('answers a deadline asked with the deadline, not a threshold, when the question also states a span', async () => {
    // 1.001193: "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con".
    const { code, text } = await reply('bé nhà em mới sinh được hơn 1 tháng, thời hạn phải đi làm giấy khai sinh là bao lâu');
    expect(code).toBe('1.001193');
    expect(text).toMatch(/Trong thời hạn 60 ngày kể từ ngày sinh con/u);
  });

  it('answers a span told of a situation ("sinh được 3 tháng rồi giờ mới …") with the deadline it may have passed', async () => {
    const { code, text } = await reply('bé nhà em sinh được 3 tháng rồi giờ mới đi làm giấy khai sinh có sao không');
    expect(code).toBe('1.001193');
    expect(text.split('Theo mục')[1]).toMatch(/Trong thời hạn 60 ngày kể từ ngày sinh con/u);
  });

  it("answers where a dossier goes with the sentence that says to whom it is submitted up ('trình UBND cấp tỉnh')", async () => {
    // 1.003695: "Uỷ ban nhân dân cấp xã lập hồ sơ đề nghị công nhận làng nghề … trình UBND cấp tỉnh xét công nhận".
    const { code, text } = await reply('xin công nhận làng nghề thì nộp hồ sơ ở đâu');
    expect(code).toBe('1.003695');
    expect(text).toMatch(/cấp xã lập hồ sơ đề nghị công nhận làng nghề/u);
  });

  it('gives beside the place block the sentence that speaks of what the question tells', async () => {
    // 1.013101: "Chứng nhận kiểm định khí thải cấp cho xe mô tô, xe gắn máy là bản điện tử được tích hợp dữ liệu …".
    const { code, text } = await reply('kiểm định khí thải xe máy xong thì được giấy hay bản điện tử, tra cứu ở đâu');
    expect(code).toBe('1.013101');
    expect(text).toMatch(/là bản điện tử được tích hợp dữ liệu/u);
  });

  it("gives beside another aspect's block the sentence that speaks of the story, even a weak one", async () => {
    // "gia" typed bare reads as a fee ("giá"); 2.001019: "Trường hợp người yêu cầu chứng thực không ký được thì phải điểm chỉ …".
    const { code, text } = await reply('ong noi e gia roi ko ky ten duoc, muon chung thuc di chuc o xa thi lam sao');
    expect(code).toBe('2.001019');
    expect(text).toMatch(/không ký được thì phải điểm chỉ/u);
  });

  it("quotes the record's own sentence on the time when it gives several and none is near the question", async () => {
    // 1.001939: methods "5 Ngày làm việc"; steps "Thời hạn giải quyết …: Không quá 05 ngày; riêng đối với người hưởng trợ cấp thất nghiệp không quá 02 ngày."
    const { code, text } = await reply('mua bảo hiểm y tế theo hộ gia đình thì mấy ngày có thẻ');
    expect(code).toBe('1.001939');
    expect(text).toMatch(/riêng đối với người hưởng trợ cấp thất nghiệp không quá 02 ngày/u);
  });

  it('quotes the rule and the sentence beside it when both answer', async () => {
    // 2.001016: "Người làm chứng do người yêu cầu chứng thực bố trí." / "Trường hợp người yêu cầu chứng thực không bố trí được thì … chỉ định người làm chứng."
    const { code, text } = await reply('mẹ tôi không biết chữ, đi chứng thực văn bản từ chối nhận di sản thì cần người làm chứng, nhà không tìm được ai làm chứng thì sao');
    expect(code).toBe('2.001016');
    expect(text).toMatch(/không bố trí được thì đề nghị cơ quan thực hiện chứng thực chỉ định người làm chứng/u);
    // …beside the rule that calls for witnesses: who arranges them, or (the mother who cannot read
    // read as the catalog's "điểm chỉ") who must have them.
    expect(text).toMatch(/Người làm chứng do người yêu cầu chứng thực bố trí|không đọc được, không nghe được, không ký, không điểm chỉ được thì phải có 02 \(hai\) người làm chứng/u);
  });

  it("does not put a sentence first for its 'không có' when the question's 'không có ai' is a situation", async () => {
    // 2.001016: "… nếu người đó không đọc được, không nghe được … thì phải có 02 (hai) người làm chứng", not
    // the document "… hoặc giấy tờ thay thế …" that states an absence and nothing of the question.
    const { text } = await reply('bo toi khong nghe khong doc duoc, lam giay tu choi nhan di san ma nha ko co ai lam chung duoc thi tinh sao');
    const first = text.split('Theo mục')[1] ?? '';
    expect(first).toMatch(/phải có 02 \(hai\) người làm chứng/u);
  });

  it("reads a notice 'in the paper' ('đăng báo') as the record's 'đăng tin' in the media", async () => {
    // 1.012786: "Đăng tin 03 lần trên phương tiện thông tin đại chúng ở địa phương …" (other records: "đăng báo hàng ngày").
    const { code, text } = await reply('mat so do lam lai co phai dang bao ko');
    expect(code).toBe('1.012786');
    expect(text).toMatch(/Đăng tin 03 lần trên phương tiện thông tin đại chúng/u);
  });

  it("reads a fee 'given back' ('trả lại') as the record's 'hoàn trả'", async () => {
    // 1.001612: "Lệ phí đăng ký hộ kinh doanh không được hoàn trả cho hộ kinh doanh trong trường hợp …".
    const { code, text } = await reply('nộp hồ sơ đăng ký hộ kinh doanh mà bị từ chối thì có được trả lại lệ phí không');
    expect(code).toBe('1.001612');
    expect(text).toMatch(/không được hoàn trả cho hộ kinh doanh/u);
    // …before the steps' sentence on paying it online, which shares only "lệ phí".
    expect(text.indexOf('không được hoàn trả')).toBeLessThan(text.indexOf('thanh toán lệ phí theo quy trình'));
  });

  it("answers a size asked with the sentence that states it, not the heading of the case's list", async () => {
    // 1.003650: "Ảnh màu (9 x 12 cm, chụp toàn tàu theo hướng 2 bên mạn tàu)", under "1) Hồ sơ đối với tàu đóng mới gồm:".
    const { code, text } = await reply('tàu cá mới đóng xong, đăng ký tàu thì nộp ảnh tàu kích thước bao nhiêu');
    expect(code).toBe('1.003650');
    expect(text).toMatch(/9 x 12 cm/u);
  });

  it("answers with a rule's item under its label on a line of its own ('3. Cấp lại, đổi thẻ BHYT:')", async () => {
    const { code, text } = await reply('thẻ bhyt bị sai ngày sinh, xin đổi lại thẻ thì mất mấy ngày');
    expect(code).toBe('1.002759');
    expect(text).toMatch(/Cấp lại, đổi thẻ BHYT: Trường hợp thay đổi thông tin: Không quá 03 ngày/u);
  });

  it("reads a photo's size asked without diacritics ('anh co nao', where 'co' alone is 'có')", async () => {
    const { code, text } = await reply('lam ho chieu thi anh co nao vay ad');
    expect(code).toBe('1.001456');
    expect(text).toMatch(/4cm x 6cm/u);
  });

  it("answers how many times with the sentence that counts them ('bao nhiêu lần': '1 lần')", async () => {
    // 1.013225: "… thông báo 1 lần bằng văn bản cho chủ đầu tư bổ sung, hoàn thiện hồ sơ nếu tài liệu còn thiếu …".
    const { code, text } = await reply('làm giấy phép xây dựng nhà riêng lẻ, hồ sơ chưa đủ thì cán bộ bắt bổ sung bao nhiêu lần');
    expect(code).toBe('1.013225');
    expect(text).toMatch(/thông báo 1 lần bằng văn bản/u);
  });

  it("answers how long a paper stays valid asked in days ('dùng được bao nhiêu ngày') with its validity", async () => {
    // 1.013086: "… Chứng nhận đăng ký xe tạm thời có giá trị sử dụng 15 ngày; được gia hạn một lần …".
    const { code, text } = await reply('chứng nhận đăng ký xe tạm thời dùng được bao nhiêu ngày');
    expect(code).toBe('1.013086');
    expect(text).toMatch(/có giá trị sử dụng 15 ngày/u);
  });

  it("answers how many sheets with the sentence that counts them ('bao nhiêu tờ khai': 'nộp 01 tờ khai')", async () => {
    // 1.001662, step 1: "Tổ chức, cá nhân nộp 01 tờ khai trực tiếp tại Trung tâm phục vụ hành chính công cấp xã …".
    const { code, text } = await reply('khoan giếng lấy nước dùng thì đăng ký nộp mấy tờ khai');
    expect(code).toBe('1.001662');
    expect(text).toMatch(/nộp 01 tờ khai/u);
  });

  it("reads 'mấy anh em' in a question typed with diacritics as brothers, not as 'mấy ảnh' (how many photos)", async () => {
    // 2.001406: "Các bên tham gia phân chia di sản phải ký trước mặt người thực hiện chứng thực …".
    const { code, text } = await reply('Bố mẹ mất, mấy anh em chia thừa kế nhà đất, chứng thực văn bản ở xã thì có phải đến ký đủ không?');
    expect(code).toBe('2.001406');
    expect(text).toMatch(/phải ký trước mặt người thực hiện chứng thực/u);
  });

  it('answers a yes/no question whose document is followed by a clause naming the procedure ("mang bản giấy đi khai sinh")', async () => {
    // 1.001193: "Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh … thì không phải nộp bản giấy Giấy chứng sinh".
    const { code, text } = await reply('có giấy chứng sinh điện tử rồi thì có phải mang bản giấy đi khai sinh nữa không');
    expect(code).toBe('1.001193');
    expect(text).toMatch(/không phải nộp bản giấy/u);
  });

  it('answers whether it is done the same day with the case that is ("trả trong ngày")', async () => {
    // 1.002759: "+ Trường hợp không thay đổi thông tin …: trả trong ngày khi nhận đủ hồ sơ theo quy định."
    const card = await reply('mất thẻ bảo hiểm y tế, xin cấp lại không đổi thông tin gì thì có nhận trong ngày được không');
    expect(card.code).toBe('1.002759');
    expect(card.text).toMatch(/trả trong ngày khi nhận đủ hồ sơ/u);
    // 1.011441: "Cơ quan đăng ký có trách nhiệm giải quyết hồ sơ đăng ký trong ngày làm việc nhận được hồ sơ hợp lệ; …".
    const mortgage = await reply('đăng ký thế chấp quyền sử dụng đất ở văn phòng đăng ký đất đai có xong trong ngày không');
    expect(mortgage.code).toBe('1.011441');
    expect(mortgage.text).toMatch(/trong ngày làm việc nhận được hồ sơ hợp lệ/u);
  });

  it('answers whether one may go alone with the rule on who must be present ("hai bên nam, nữ phải có mặt")', async () => {
    // 1.004746 (re-registering a marriage) and 1.000894 (registering one): "… hai bên nam, nữ phải có mặt …".
    for (const [q, code] of [
      ['đăng ký lại kết hôn mà chồng đi làm xa, vợ đi một mình có được không', '1.004746'],
      ['đi đăng ký kết hôn thì 1 người đi được không hay phải cả hai', '1.000894'],
    ] as const) {
      const { code: answered, text } = await reply(q);
      expect(answered).toBe(code);
      expect(text).toMatch(/hai bên nam, nữ phải có mặt/u);
    }
  });

  it('answers who acts in a long story that names the procedure in two words of many', async () => {
    // 1.000656 "Thủ tục đăng ký khai tử": "… trường hợp người chết không có người thân thích thì đại diện của cơ quan, tổ chức, cá nhân liên quan có trách nhiệm đi khai tử".
    const { code, text } = await reply('bà cụ trong xóm sống một mình, không con cháu gì cả, bà mất rồi thì ai đi khai tử cho bà');
    expect(code).toBe('1.000656');
    expect(text).toMatch(/người chết không có người thân thích thì đại diện của cơ quan/u);
  });

  it('answers who must act with the sentence that names them', async () => {
    // 1.003677: "… là người chưa thành niên thì người thực hiện khai báo là cha, mẹ hoặc người giám hộ".
    const { code, text } = await reply('thằng con chưa đủ 18 đi học xa nhà, ai là người khai báo tạm vắng');
    expect(code).toBe('1.003677');
    expect(text).toMatch(/người thực hiện khai báo là cha, mẹ hoặc người giám hộ/u);
  });

  it('answers whether something may be done with the rule that allows or forbids it', async () => {
    // 3.000333: "Cá nhân yêu cầu cấp Phiếu Lý lịch tư pháp số 2 không được ủy quyền cho người khác …".
    const { code, text } = await reply('minh o xa, bo me xin phieu lltp so 2 giup co duoc khong');
    expect(code).toBe('3.000333');
    expect(text).toMatch(/không được ủy quyền cho người khác/u);
  });

  it('says first whether the dossier may go by post when the question asks that', async () => {
    // 1.004327 lists "Dịch vụ bưu chính" among its ways of submitting; 1.004222 does not.
    const byPost = await reply('tố cáo cán bộ công an xã thì gửi đơn qua bưu điện được không');
    expect(byPost.code).toBe('1.004327');
    expect(byPost.text).toMatch(/Thủ tục này nhận hồ sơ gửi qua dịch vụ bưu chính/u);
    const notByPost = await reply('đăng ký thường trú gửi hồ sơ qua bưu điện được không');
    expect(notByPost.code).toBe('1.004222');
    expect(notByPost.text).toMatch(/Thủ tục này không nhận hồ sơ qua dịch vụ bưu chính/u);
  });

  it('answers a clock time the question states with the hour the record sets', async () => {
    // 1.001193: "… nếu tiếp nhận hồ sơ sau 15 giờ thì có Phiếu hẹn, trả kết quả … trong ngày làm việc tiếp theo".
    const { code, text } = await reply('4h chiều mới đi nộp hồ sơ khai sinh cho bé thì hôm đó có lấy được giấy luôn không');
    expect(code).toBe('1.001193');
    expect(text).toMatch(/sau 15 giờ/u);
  });

  it("lists the documents of the case the question names, not of one that repeats the procedure's own words", async () => {
    // 1.003650: case "1) Hồ sơ đối với tàu đóng mới gồm: …" (with "Giấy chứng nhận xuất xưởng"), not
    // "7) Đối với tàu phục vụ nuôi trồng thủy sản đang hoạt động …", whose words are the name's.
    const { code, text } = await reply('nhà em vừa đóng mới chiếc tàu cá, đăng ký tàu cần những giấy gì');
    expect(code).toBe('1.003650');
    expect(text).toMatch(/xuất xưởng/u);
  });

  it('reads a clock time at night ("11h30 đêm", "12h khuya") as a stated hour too', async () => {
    // 2.001159: "… trường hợp người đến lưu trú sau 23 giờ thì việc thông báo lưu trú được thực hiện trước 08 giờ ngày hôm sau".
    const { code, text } = await reply('khách tới nhà 11h30 đêm thì thông báo lưu trú khi nào');
    expect(code).toBe('2.001159');
    expect(text).toMatch(/trước 08 giờ ngày hôm sau/u);
  });

  it("reads one's share refused as the refusal of an inheritance ('từ chối nhận di sản')", async () => {
    const { code } = await reply('muốn từ chối phần thừa kế của mẹ để lại cho em gái, ra xã chứng thực thì cần giấy tờ gì');
    expect(code).toBe('2.001016');
  });

  it('reads treatment at home as the voluntary drug treatment registered at the commune', async () => {
    const { code } = await reply('thằng em nghiện, bố mẹ muốn cho nó cai tại nhà thì đăng ký cần giấy gì');
    expect(code).toBe('3.000527');
  });
});
