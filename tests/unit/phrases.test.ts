import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compilePhrases } from '../../worker/search/phrases';
import { wordsOfText } from '../../worker/search/text';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../knowledge/${f}`, import.meta.url), 'utf8'));
const phrasesJson = read('phrases.json') as { fluff: string[]; aspects: Record<string, { ask: string[]; hint: string[] }> };
const matcher = compilePhrases(phrasesJson, read('provinces.json'));
const names = readFileSync(new URL('../../knowledge/procedures.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => (JSON.parse(l) as { name: string }).name);

const kinds = (q: string) => matcher.match(wordsOfText(q)).map((m) => m.kind);

describe('question phrases', () => {
  it('detects aspects with and without diacritics', () => {
    expect(kinds('lệ phí bao nhiêu tiền')).toContainEqual({ type: 'aspect', aspect: 'fee', strength: 'ask' });
    expect(kinds('dang ky thuong tru bao lau thi xong')).toContainEqual({ type: 'aspect', aspect: 'time', strength: 'ask' });
    expect(kinds('nop o dau')).toContainEqual({ type: 'aspect', aspect: 'place', strength: 'ask' });
    expect(kinds('can giay to gi')).toContainEqual({ type: 'aspect', aspect: 'components', strength: 'ask' });
  });

  it('does not read a word of a procedure\'s subject as an aspect ("luật sư" is no question about the law)', () => {
    const aspects = (q: string) => kinds(q).filter((k) => k.type === 'aspect');
    expect(aspects('mất chứng chỉ hành nghề luật sư thì làm lại thế nào')).toEqual([]);
    expect(aspects('theo luật thì đăng ký tạm trú cần gì')).toContainEqual({ type: 'aspect', aspect: 'legal', strength: 'hint' });
    expect(aspects('thủ tục này căn cứ pháp lý là gì')).toContainEqual({ type: 'aspect', aspect: 'legal', strength: 'ask' });
  });

  it('recognises provinces by full and short name', () => {
    expect(kinds('thủ tục ở Đà Nẵng')).toContainEqual({ type: 'province', province: 'Thành phố Đà Nẵng' });
    expect(kinds('tinh gia lai')).toContainEqual({ type: 'province', province: 'Tỉnh Gia Lai' });
  });

  it('reads a province merged in 2025 by its old name as the province that took it in', () => {
    expect(kinds('con em chuyen vao Binh Duong hoc')).toContainEqual({ type: 'province', province: 'Thành phố Hồ Chí Minh' });
    expect(kinds('sổ đỏ ở Nam Định')).toContainEqual({ type: 'province', province: 'Tỉnh Ninh Bình' });
    // …not where its syllables are other words.
    expect(kinds('người Việt Nam định cư ở nước ngoài').some((k) => k.type === 'province')).toBe(false);
    expect(kinds('hiệp định xuyên Thái Bình Dương').some((k) => k.type === 'province')).toBe(false);
  });

  it('does not take a bare syllable without diacritics for a phrase ("ho" is not "hở")', () => {
    expect(kinds('dang ky ho kinh doanh')).toEqual([]);
    // "nha" is "nhà" typed without diacritics far more often than the particle "nha".
    expect(kinds('cap giay phep xay dung nha o rieng le')).toEqual([]);
  });

  it('takes the padding of long questions for fluff', () => {
    const w = wordsOfText('Xin cho biết tôi có thể nộp hồ sơ như vậy hay không?');
    const fluff = matcher.match(w).filter((m) => m.kind.type === 'fluff').map((m) => w.canon.slice(m.start, m.end).join(' '));
    expect(fluff).toEqual(expect.arrayContaining(['xin cho biết', 'tôi', 'có thể', 'như vậy', 'hay không']));
    // What the story did before, all done, says nothing of which procedure ("lo đám xong xuôi rồi").
    const done = wordsOfText('chồng mất đột ngột, gia đình lo đám xong xuôi rồi, giờ đi khai tử');
    expect(matcher.match(done).filter((m) => m.kind.type === 'fluff').map((m) => done.canon.slice(m.start, m.end).join(' '))).toEqual(expect.arrayContaining(['xong xuôi', 'đột ngột']));
    expect(kinds('công dân phải đổi thẻ trong những trường hợp nào')).toContainEqual({ type: 'aspect', aspect: 'conditions', strength: 'ask' });
    // A price per page or copy asks the fee; "bn" before a number and a unit is "bao nhiêu".
    expect(kinds('chứng thực bản sao ở xã bn 1 trang')).toContainEqual({ type: 'aspect', aspect: 'fee', strength: 'ask' });
  });

  it('reads which people a name is only for, and whether a question says it is about them', () => {
    expect(matcher.groupsNamed?.(wordsOfText('Cấp thẻ căn cước cho người dưới 14 tuổi'))).toEqual(['minors']);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'))).toEqual([]);
    expect(matcher.groupsNamed?.(wordsOfText('Giải thể công ty quản lý quỹ đầu tư chứng khoán'))).toEqual(['securities']);
    // A group's phrase holds another's word ("thủy sản" in the farm, forest and fishery food of 2.001827).
    expect(matcher.groupsNamed?.(wordsOfText('Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh thực phẩm nông, lâm, thủy sản'))).toEqual(['agriFood']);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp giấy chứng nhận kiểm dịch động vật, sản phẩm động vật thủy sản'))).toEqual(['aquatic']);
    expect(matcher.groupsAsked?.(wordsOfText('xưởng làm cá khô xin giấy chứng nhận an toàn thực phẩm'))).toContain('agriFood');
    // Voluntary social insurance is named; a worker's pension is the compulsory one's.
    expect(matcher.groupsNamed?.(wordsOfText('HƯỞNG LƯƠNG HƯU ĐỐI VỚI NGƯỜI THAM GIA BẢO HIỂM XÃ HỘI TỰ NGUYỆN'))).toEqual(['voluntaryInsurance']);
    expect(matcher.groupsAsked?.(wordsOfText('sắp đủ tuổi nghỉ hưu, nộp hồ sơ hưởng lương hưu ở đâu'))).not.toContain('voluntaryInsurance');
    expect(matcher.groupsAsked?.(wordsOfText('em làm tự do, tự đóng bhxh thì bao nhiêu tuổi được hưởng lương hưu'))).toContain('voluntaryInsurance');
    // The police's own health insurance: only its legal basis says whom it is for.
    const police = [wordsOfText('Hướng dẫn thực hiện bảo hiểm y tế đối với người lao động, học sinh, sinh viên và thân nhân sĩ quan, hạ sĩ quan, chiến sĩ trong Công an nhân dân')];
    expect(matcher.groupsNamed?.(wordsOfText('Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp tỉnh)'), [], police)).toEqual(['police']);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp lại thẻ bảo hiểm y tế (thực hiện tại cấp tỉnh)'))).toEqual([]);
    expect(matcher.groupsAsked?.(wordsOfText('chồng em là công an, thẻ bhyt thân nhân bị mất'))).toContain('police');
    expect(matcher.groupsAsked?.(wordsOfText('mất thẻ bhyt lên công an phường hay bhxh'))).not.toContain('police');
    expect(matcher.groupsAsked?.(wordsOfText('làm căn cước cho con 10 tuổi'))).toContain('minors');
    expect(matcher.groupsAsked?.(wordsOfText('làm căn cước gắn chip'))).toEqual([]);
    // An embassy is where people abroad are served; its "quán" is no shop.
    const embassy = matcher.groupsAsked?.(wordsOfText('xin giấy xác nhận độc thân ở đại sứ quán')) ?? [];
    expect(embassy).toContain('abroad');
    expect(embassy).not.toContain('business');
    // An adult's age is no minor's, whatever "tuổi" says (groups' untilAge).
    expect(matcher.groupsAsked?.(wordsOfText('em năm nay 30 tuổi mà chưa có giấy khai sinh'))).not.toContain('minors');
    expect(matcher.groupsAsked?.(wordsOfText('con 17 tuổi đi làm căn cước'))).toContain('minors');
    // Adoption is neither recognising one's own child ("nhận con") nor aquaculture ("nuoi trong" typed bare is "nuôi trồng").
    const adoption = matcher.groupsAsked?.(wordsOfText('nhan con nuoi trong nuoc thi le phi bao nhieu')) ?? [];
    expect(adoption).not.toContain('recognition');
    expect(adoption).not.toContain('aquatic');
    expect(matcher.groupsAsked?.(wordsOfText('chưa đăng ký kết hôn muốn làm giấy nhận con'))).toContain('recognition');
    // A country typed without diacritics, in two syllables; one bare syllable may be another word ("hạn").
    expect(matcher.groupsAsked?.(wordsOfText('ban gai em nguoi Han Quoc muon dang ky ket hon'))).toContain('foreigners');
    expect(matcher.groupsAsked?.(wordsOfText('giay phep lai xe het han'))).toEqual([]);
    expect(matcher.groupsAsked?.(wordsOfText('anh em tôi muốn tách hộ'))).toEqual([]);
    // A country's one syllable inside another word names no foreign party.
    expect(matcher.groupsAsked?.(wordsOfText('cập nhật thông tin ở sở tư pháp'))).toEqual([]);
    // Someone abroad is a group of its own, left when the question says the person is back.
    expect(matcher.groupsNamed?.(wordsOfText('Trở lại quốc tịch Việt Nam ở nước ngoài'))).toEqual(['abroad']);
    // …or whose every executing agency is a mission abroad, whatever the name says.
    const agencies = (...a: string[]) => a.map((x) => wordsOfText(x));
    expect(matcher.groupsNamed?.(wordsOfText('Thủ tục cấp bản sao trích lục giấy tờ hộ tịch'), agencies('Cơ quan đại diện Việt Nam ở nước ngoài'))).toEqual(['abroad']);
    expect(matcher.groupsNamed?.(wordsOfText('Thủ tục cấp bản sao trích lục giấy tờ hộ tịch'), agencies('Cơ quan đại diện ngoại giao', 'Sở Tư pháp'))).toEqual([]);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp bản sao trích lục hộ tịch'), agencies('Cục Lãnh sự - Bộ Ngoại giao'))).toEqual([]);
    expect(matcher.groupsAsked?.(wordsOfText('việt kiều mỹ muốn trở lại quốc tịch'))).toEqual(expect.arrayContaining(['foreigners', 'abroad']));
    expect(matcher.groupsAsked?.(wordsOfText('việt kiều mỹ giờ về nước sống muốn trở lại quốc tịch'))).toEqual(['foreigners']);
    expect(matcher.groupsAsked?.(wordsOfText('chồng nước ngoài xin nhập quốc tịch có cần ở VN đủ 5 năm không'))).toEqual(['foreigners']);
    // The agencies a question names as who it is about.
    expect(matcher.agenciesNamed?.(wordsOfText('khieu nai cong an phuong xu phat sai'))).toEqual(['công an']);
    expect(matcher.agenciesNamed?.(wordsOfText('khiếu nại về trợ giúp pháp lý'))).toEqual([]);
    // Those who train and test drivers are no one who takes the test.
    expect(matcher.groupsNamed?.(wordsOfText('Chấp thuận hoạt động của sân tập lái để sát hạch lái xe mô tô'))).toEqual(['drivingSchools']);
    expect(matcher.groupsAsked?.(wordsOfText('thi bằng lái xe máy thì phí sát hạch bao nhiêu'))).toEqual([]);
    expect(matcher.groupsAsked?.(wordsOfText('mở sân tập lái xe máy cần thủ tục gì'))).toContain('drivingSchools');
    expect(matcher.groupsNamed?.(wordsOfText('Quyết toán thuế thu nhập cá nhân đối với hộ kinh doanh, cá nhân kinh doanh'))).toEqual(['business']);
    expect(matcher.groupsAsked?.(wordsOfText('tự quyết toán thuế thu nhập cá nhân'))).toEqual([]);
    // A group a name lists beside everyone ("hộ gia đình, cá nhân") is one of those it serves, not the only one.
    expect(matcher.groupsNamed?.(wordsOfText('Đăng ký đất đai, cấp Giấy chứng nhận lần đầu đối với hộ gia đình, cá nhân, cộng đồng dân cư, người gốc Việt Nam định cư ở nước ngoài'))).toEqual([]);
    expect(matcher.groupsNamed?.(wordsOfText('Đăng ký đất đai, cấp Giấy chứng nhận lần đầu đối với tổ chức đang sử dụng đất'))).toEqual(['organisations']);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp phép khai thác cho tổ chức, cá nhân'))).toEqual([]);
    expect(matcher.groupsNamed?.(wordsOfText('Cấp Phiếu lý lịch tư pháp theo yêu cầu của cơ quan tiến hành tố tụng'))).toContain('organisations');
    expect(matcher.groupsNamed?.(wordsOfText('Cấp tài khoản định danh điện tử cho cơ quan, tổ chức'))).toEqual(['organisations']);
    expect(matcher.groupsAsked?.(wordsOfText('cty em muốn làm sổ đỏ cho đất đang dùng'))).toContain('organisations');
    expect(matcher.groupsAsked?.(wordsOfText('làm mã số thuế cá nhân có phải lên cơ quan thuế không'))).not.toContain('organisations');
    expect(matcher.groupsAsked?.(wordsOfText('mở quán tạp hóa thì quyết toán thuế thế nào'))).toContain('business');
    expect(matcher.groupsAsked?.(wordsOfText('cty em mở thêm cửa hàng bán lẻ thì thông báo thế nào'))).not.toContain('business');
    expect(matcher.groupsNamed?.(wordsOfText('Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con'))).toEqual(['recognition']);
    expect(matcher.groupsAsked?.(wordsOfText('cho con theo họ bố hay họ mẹ khi làm khai sinh'))).not.toContain('recognition');
    expect(matcher.groupsAsked?.(wordsOfText('con ngoài giá thú làm khai sinh thế nào'))).toContain('recognition');
    expect(matcher.groupsNamed?.(wordsOfText('Cấp giấy chứng nhận kiểm dịch động vật, sản phẩm động vật thủy sản vận chuyển ra khỏi địa bàn cấp tỉnh'))).toEqual(['aquatic']);
    expect(matcher.groupsAsked?.(wordsOfText('vận chuyển gà ra khỏi tỉnh thì kiểm dịch thế nào'))).not.toContain('aquatic');
    expect(matcher.groupsAsked?.(wordsOfText('chở cá giống ra tỉnh khác có phải kiểm dịch không'))).toContain('aquatic');
    // "cua" typed without diacritics is "của" before it is a crab.
    expect(matcher.groupsAsked?.(wordsOfText('dang ky bang so dien thoai cua ai'))).not.toContain('aquatic');
    expect(matcher.groupsAsked?.(wordsOfText('nuôi cua biển thì đăng ký ở đâu'))).toContain('aquatic');
    expect(matcher.namesFirstAct?.(wordsOfText('Thủ tục đăng ký nghĩa vụ quân sự lần đầu'))).toBe(true);
    expect(matcher.namesFirstAct?.(wordsOfText('Thủ tục Đăng ký nghĩa vụ quân sự bổ sung'))).toBe(false);
    expect(matcher.namesFirstAct?.(wordsOfText('Đăng ký thành lập hộ kinh doanh'))).toBe(true);
    expect(matcher.namesFirstAct?.(wordsOfText('Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh'))).toBe(false);
  });

  // Phrases removed from the search terms must never be part of what a procedure is called,
  // or a question naming that procedure would lose its words ("toàn trình", "bản sao").
  it('removes from searches only phrases that no procedure name contains', () => {
    // "thủ tục" opens a third of all names: too common to tell procedures apart, removed on purpose.
    // So is "nộp hồ sơ": every procedure is a dossier submitted; 4 names of 5,738 say it, and the
    // words beside it tell them apart ("Gia hạn nộp hồ sơ khai thuế"), while in a question it drew
    // "nộp hồ sơ thai sản" to "… để nộp hồ sơ đề nghị cấp giấy phép khai thác khoáng sản".
    const generic = new Set(['thủ tục', 'thủ tục hành chính', 'nộp hồ sơ']);
    const offenders = new Set<string>();
    for (const name of names) {
      const w = wordsOfText(name);
      for (const m of matcher.match(w)) {
        const k = m.kind;
        // Provinces and agencies are where, not what: taken out on purpose, and they choose the level's record.
        if (k.type === 'province' || k.type === 'level' || k.type === 'keep' || (k.type === 'aspect' && k.strength === 'hint')) continue;
        const text = w.canon.slice(m.start, m.end).join(' ');
        if (!generic.has(text)) offenders.add(`${text} (${name.slice(0, 60)})`);
      }
    }
    expect([...offenders].sort()).toEqual([]);
  });
});
