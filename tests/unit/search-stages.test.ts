// The stages of the search, each on its own (worker/search/query.ts lists them): the phrase matcher
// they share, understanding a question, typo correction, synonym expansion over Words, the names'
// qualifiers the re-rank leaves aside. search.test.ts runs them together over the real index.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PhraseTrie } from '../../worker/search/phrase-trie';
import { compilePhrases } from '../../worker/search/phrases';
import { understand } from '../../worker/search/query';
import { baseName, fullyOnline, levelQualifier, withoutLevelQualifier } from '../../worker/search/rerank';
import { NearWords, oneEdit, TypoCorrector } from '../../worker/search/speller';
import { loadSynonyms, rewriteWords } from '../../worker/search/synonyms';
import { pickWords, wordsOfText, wordsText, wordTokens, tokenize } from '../../worker/search/text';

const read = (f: string) => JSON.parse(readFileSync(new URL(`../../knowledge/${f}`, import.meta.url), 'utf8'));
const phrases = compilePhrases(read('phrases.json'), read('provinces.json'));
const text = (w: { canon: string[]; joined: boolean[] } | null) => (w ? wordsText(w as Parameters<typeof wordsText>[0]) : null);

describe('Words', () => {
  it('give the same index tokens as the text they come from, bigrams only within a phrase', () => {
    for (const t of ['Đăng ký khai sinh, cho con', 'cấp lại GPLX hạng B2', 'thủ tục 1.001193']) {
      expect(wordTokens(wordsOfText(t))).toEqual(tokenize(t, { unique: false }));
    }
    // Picking words keeps a pair only where they were neighbours.
    const w = wordsOfText('đăng ký giúp tôi khai sinh');
    expect(text(pickWords(w, [0, 1, 4, 5]))).toBe('đăng ký, khai sinh');
  });
});

describe('the phrase matcher', () => {
  const trie = new PhraseTrie<string>();
  trie.add('sổ đỏ', 'land');
  trie.add('sổ', 'book');
  trie.add('xuất cảnh nhập cảnh', 'xnc');

  it('takes a syllable typed without a diacritic for the listed one, never one typed with another', () => {
    expect(trie.at(wordsOfText('so do'), 0).map((h) => [h.value, h.exact])).toEqual([['land', false], ['book', false]]);
    expect(trie.at(wordsOfText('sổ đỏ'), 0)[0]).toMatchObject({ value: 'land', exact: true });
    expect(trie.at(wordsOfText('số đo'), 0)).toEqual([]);
  });

  it('keeps a phrase within a clause unless told to run across punctuation', () => {
    expect(trie.scan(wordsOfText('xuất cảnh, nhập cảnh')).map((h) => h.value)).toEqual([]);
    const across = new PhraseTrie<string>({ acrossPunctuation: true });
    across.add('xuất cảnh nhập cảnh', 'xnc');
    expect(across.scan(wordsOfText('xuất cảnh, nhập cảnh')).map((h) => h.value)).toEqual(['xnc']);
  });

  it('reports a phrase listed twice, and keeps what the list decides', () => {
    const t = new PhraseTrie<number>();
    t.add('phí', 1);
    expect(t.add('phí', 2, (a, b) => Math.max(a, b)).existing).toBe(1);
    expect(t.at(wordsOfText('phí'), 0)[0]!.value).toBe(2);
    expect(t.add('?!', 3).keys).toEqual([]);
  });
});

describe('understanding a question', () => {
  const u = (q: string) => understand(wordsOfText(q), phrases);

  it('takes out what is asked and keeps what names the procedure', () => {
    const r = u('cho em hỏi đăng ký khai sinh cần giấy tờ gì, lệ phí bao nhiêu');
    expect(r.aspects.slice(0, r.asked)).toEqual(['components', 'fee']);
    expect(text(r.terms)).toBe('đăng ký khai sinh');
  });

  it('reads a report or a declaration ("báo cáo tài chính", "bản khai") asked about as a document of the list', () => {
    const r = u('công ty tạm ngừng kinh doanh thì có phải nộp báo cáo tài chính không');
    expect(r.aspects[0]).toBe('yesno');
    expect(r.isDocument).toBe(true);
    expect(text(r.document!)).toBe('báo cáo tài chính');
  });

  it('reads a draft ("dự thảo hợp đồng") asked about as a document of the list', () => {
    const r = u('chứng thực hợp đồng mua bán đất ở xã có cần mang dự thảo hợp đồng không');
    expect(r.aspects[0]).toBe('yesno');
    expect(text(r.document!)).toBe('dự thảo hợp đồng');
  });

  it('reads "bước tiếp theo là gì" as the steps asked, before the documents a story hints at', () => {
    const r = u('nộp đủ hồ sơ đăng ký tàu cá rồi thì bước tiếp theo là gì');
    expect(r.aspects.slice(0, r.asked)).toEqual(['steps']);
    expect(u('nộp đơn xong rồi sau đó làm gì').aspects[0]).toBe('steps');
  });

  it('reads "mất phí" without "có" as the fee asked outright, and leaves the rest searched', () => {
    const r = u('the bhyt bi rach xin doi the moi mat phi ko');
    expect(r.aspects.slice(0, r.asked)).toEqual(['fee']);
    const s = u('doi dia chi tru so cong ty sang quan khac thi mat phi bao nhieu');
    expect(s.aspects.slice(0, s.asked)).toEqual(['fee']);
    expect(text(s.terms)).not.toMatch(/bao nhieu|phi/);
  });

  it('reads "chuẩn bị hồ sơ gì" as the documents asked, not as the words that introduce a procedure', () => {
    const r = u('hai đứa em định đi đăng ký kết hôn thì chuẩn bị hồ sơ gì vậy ad');
    expect(r.aspects[0]).toBe('components');
    expect(text(r.terms)).not.toMatch(/hồ sơ/u);
    expect(u('lam ho so gi de xin cap ho chieu').aspects[0]).toBe('components');
  });

  it('reads where one goes, by the verb of going, the central dialect or the office\'s kind, as the place, and whether anything is paid as the fee', () => {
    expect(u('muốn đổi GPLX thì ra đâu làm, công an phường có nhận hồ sơ không').aspects[0]).toBe('place');
    expect(u('lam ho chieu thi len dau').aspects[0]).toBe('place');
    expect(u('đăng ký khai sinh nộp ở mô').aspects[0]).toBe('place');
    expect(u('xác định lại diện tích đất ở thì ai có thẩm quyền giải quyết').aspects[0]).toBe('place');
    // Whether anything is paid, and the catalog's appraisal fee asked with its amount.
    expect(u('xin giấy xác nhận cư trú có tốn đồng nào không').aspects[0]).toBe('fee');
    expect(u('giấy chứng nhận đủ điều kiện chăn nuôi thì phí thẩm định bao nhiêu').aspects[0]).toBe('fee');
    expect(u('chứng thực bản sao sổ đỏ ở uỷ ban tính tiền thế nào vậy').aspects[0]).toBe('fee');
    expect(u('dẹp tiệm luôn rồi, chấm dứt hộ kinh doanh thì nộp gì').aspects[0]).toBe('components');
    expect(u('bán đất xong khai thuế thì nộp hồ sơ ở cơ quan thuế nào').aspects[0]).toBe('place');
    expect(u('con 15 tuổi làm căn cước ở công an phường chỗ em ở được không hay phải về quê').aspects).toContain('place');
    expect(u('xin lý lịch tư pháp thì nộp ở sở tư pháp hay công an tỉnh').aspects[0]).toBe('place');
    // "quy mô" is a size, no place.
    expect(u('trang trại quy mô lớn cần giấy gì').aspects[0]).toBe('components');
  });

  it('reads whether something can be done with a document named as a specific question, not one for the documents', () => {
    expect(u('bằng tốt nghiệp bị rách nát thì có chứng thực bản sao được không').aspects[0]).toBe('detail');
    // Other hints say what is asked to be possible.
    expect(u('đăng ký tạm trú nộp online được không').aspects[0]).toBe('online');
  });

  it('reads how many photos and of which size as a specific question, and "during that time" as no time asked', () => {
    expect(u('xin giấy xác nhận có quốc tịch thì nộp kèm mấy tấm ảnh, cỡ ảnh bao nhiêu').aspects[0]).toBe('detail');
    expect(u('đem ngựa đi biểu diễn thì trong thời gian đó phải làm gì về vệ sinh').aspects).not.toContain('time');
  });

  it('reads how long with "thời gian" after "hết bao nhiêu" as the time, and a validity as a specific question', () => {
    expect(u('làm hộ chiếu hết bao nhiêu thời gian').aspects[0]).toBe('time');
    expect(u('làm lý lịch tư pháp kết quả khi nào').aspects[0]).toBe('time');
    expect(u('làm xong kết quả là giấy gì').aspects[0]).toBe('result');
    expect(u('giấy xác nhận tình trạng hôn nhân giá trị bao lâu').aspects[0]).toBe('detail');
  });

  it('reads the paper the office gives the one who asks as the result, a pronoun between', () => {
    expect(u('tam ngung hkd xong thi xa cap cho minh giay gi').aspects[0]).toBe('result');
    expect(u('khai tử xong thì xã trả cho em giấy tờ gì').aspects[0]).toBe('result');
    expect(u('làm hồ sơ công nhận liệt sĩ xong thì được cấp những gì').aspects[0]).toBe('result');
    // What to bring is the documents.
    expect(u('tạm ngừng hộ kinh doanh cần giấy gì').aspects[0]).toBe('components');
  });

  it('reads a time asked after what the citizen must do as a deadline, not as how long the procedure takes', () => {
    expect(u('tạm trú sắp hết hạn, phải đi gia hạn trước bao lâu').aspects[0]).toBe('detail');
    expect(u('mat ho chieu thi phai bao mat trong may ngay').aspects[0]).toBe('detail');
    expect(u('bán đất xong thì phải nộp tờ khai thuế TNCN trong mấy ngày').aspects[0]).toBe('detail');
    expect(u('tự quyết toán thuế thì hạn nộp hồ sơ đến khi nào').aspects[0]).toBe('detail');
    // Waiting is the procedure's time; so is a "phải" in another phrase.
    expect(u('làm hộ chiếu phải chờ bao lâu').aspects[0]).toBe('time');
    expect(u('làm hộ chiếu phải mất mấy ngày').aspects[0]).toBe('time');
    expect(u('hồ sơ phải đầy đủ, làm mất bao lâu').aspects[0]).toBe('time');
    // What need not be done ("không phải xin phép") names which procedure; it sets no deadline.
    expect(u('chuyển mục đích đất loại không phải xin phép thì mất mấy ngày').aspects[0]).toBe('time');
  });


  it('reads what a long question wants after its situation as its focus, unless it names a procedure after "thủ tục"', () => {
    const focus = (q: string) => text(u(q).focus);
    expect(focus('sổ đỏ nhà em còn ghi nợ tiền sử dụng đất, nay đã trả hết nên muốn xóa ghi nợ thì hồ sơ gồm gì')).toBe('muốn xóa ghi nợ');
    expect(focus('con đã đủ 14 tuổi, giờ muốn làm thủ tục cấp căn cước thì mang gì')).toBe('cấp căn cước');
    // "em muốn" opening a question is fluff: its terms are the whole question, no focus.
    expect(focus('em muốn đăng ký tạm trú cho con')).toBeNull();
    // "nốt" (the rest) is fluff: "lĩnh nốt tháng lương" names no procedure's word.
    expect(text(u('gia đình lĩnh nốt tháng lương hưu của bố thì cần giấy gì').terms)).not.toContain('nốt');
    // An act with no object after "nộp hồ sơ" is no name: the question's words all count.
    expect(focus('công ty mới ban hành nội quy lao động thì bao lâu phải nộp hồ sơ đăng ký')).toBeNull();
  });

  it('marks what a yes/no question asks is required, which no synonym reads as the action asked', () => {
    const synonyms = loadSynonyms(read('synonyms.json'));
    const r = u('thuê nhà đăng ký tạm trú thì hợp đồng thuê có bắt buộc công chứng không');
    expect(r.required.map((i) => r.terms.folds[i]).join(' ')).toBe('cong chung');
    expect(text(rewriteWords(r.terms, synonyms, { apart: true, required: r.required }).words) ?? '').not.toMatch(/chứng thực giao dịch/u);
    // Asked to do, it is the action: the contract named first, its certification after.
    const asked = u('hợp đồng thuê nhà muốn chứng thực thì cần gì');
    expect(asked.required).toEqual([]);
    expect(text(rewriteWords(asked.terms, synonyms, { apart: true, required: asked.required }).words)).toMatch(/^chứng thực giao dịch/u);
  });
  it('reads the age a question gives once, for the groups and the chat alike', () => {
    expect(u('làm căn cước cho con 15 tuổi').age).toBe(15);
    expect(u('em năm nay 30 tuổi chưa có giấy khai sinh')).toMatchObject({ age: 30, groups: [] });
    expect(u('làm căn cước gắn chip').age).toBeNull();
  });

  it('reads codes, provinces and the level or agency named as where, not what', () => {
    const r = u('thủ tục 1.001193 ở Đà Nẵng, nộp ở công an tỉnh');
    expect(r.codes).toEqual(['1.001193']);
    expect(r.provinces).toEqual(['Thành phố Đà Nẵng']);
    expect(r.levels).toEqual(['province']);
    expect(text(r.terms)).not.toMatch(/tỉnh|đà nẵng/u);
    // The police are who, as well as where: a complaint about the ward's police is the police's.
    const police = u('khiếu nại công an phường thì bao lâu giải quyết');
    expect(police.levels).toEqual(['commune']);
    expect(text(police.terms)).toMatch(/công an/u);
    expect(text(police.terms)).not.toMatch(/phường/u);
    // Typed with diacritics, "ở xa" is far away, not "ở xã"; typed without any, it may be either.
    expect(u('đang ở xa muốn xin trích lục kết hôn').levels).toEqual([]);
    expect(u('o xa xin trich luc ket hon').levels).toEqual(['commune']);
  });

  it('reads how long a paper stays valid as a detail, not the time the procedure takes', () => {
    expect(u('giấy khám sức khỏe để kết hôn có hạn dùng bao lâu').aspects[0]).toBe('detail');
    expect(u('đăng ký kết hôn mất bao lâu').aspects[0]).toBe('time');
    expect(u('đăng ký thế chấp sổ đỏ có làm xong trong ngày không').aspects[0]).toBe('time');
    // The deadline by which one must act is no processing time either.
    expect(u('thời hạn phải đi khai tử cho người nhà là bao lâu').aspects[0]).toBe('detail');
    expect(u('thời hạn giải quyết khai tử là bao lâu').aspects[0]).toBe('time');
  });

  it('reads which form to fill ("khai mẫu gì", "làm đơn mẫu gì") as the forms asked', () => {
    const asked = (q: string) => {
      const r = u(q);
      return r.aspects.slice(0, r.asked);
    };
    expect(asked('chuyển lương hưu sang nhận qua tài khoản ngân hàng thì khai mẫu gì')).toEqual(['forms']);
    expect(asked('quán bị đình chỉ vì vi phạm PCCC, giờ muốn hoạt động lại thì làm đơn mẫu gì')).toEqual(['forms']);
  });

  it('reads on what grounds an office decides ("dựa vào đâu") as a detail, not a place', () => {
    const r = u('xin đóng mới tàu cá thì cơ quan thủy sản dựa vào đâu để chấp thuận');
    expect(r.aspects.slice(0, r.asked)).toEqual(['detail']);
  });

  it('reads how it goes ("diễn ra thế nào", "theo trình tự nào", "làm thế nào") as the steps', () => {
    expect(u('làm dịch vụ phối giống bò muốn được hỗ trợ thì thủ tục diễn ra thế nào').aspects[0]).toBe('steps');
    expect(u('xin hỗ trợ tiền tinh đông lạnh thì làm theo trình tự nào').aspects[0]).toBe('steps');
    expect(u('nhà khó khăn muốn xin xét hộ cận nghèo giữa năm thì làm thế nào').aspects[0]).toBe('steps');
  });

  it('reads what a paper must say ("ghi gì") as a detail, not the form to download', () => {
    expect(u('khôi phục mã số thuế thì văn bản đề nghị phải ghi gì').aspects[0]).toBe('detail');
    expect(u('to hop tac cham dut hoat dong thi phuong an tra no ghi nhung gi').aspects[0]).toBe('detail');
    expect(u('mất giấy đăng ký tàu cá thì làm lại cần lưu ý gì').aspects[0]).toBe('detail');
  });

  it('reads "… được không" after a document as whether it can be done, whatever the story hinted before', () => {
    const r = u('đi viện tự trả tiền rồi xin bảo hiểm y tế thanh toán, có lấy lại bản chính hóa đơn được không');
    expect(r.aspects[0]).toBe('detail');
    // A hint that is no document still says what "được không" asks about.
    expect(u('nộp online được không').aspects[0]).toBe('online');
  });

  it('reads the one-syllable cues a question typed without diacritics hardly means otherwise', () => {
    expect(u('con 5 tuoi thi co phai lay van tay khong').cues).toEqual(expect.arrayContaining(['age', 'obligation']));
    expect(u('con đi học xa thì ai là người khai báo tạm vắng').cues).toContain('who');
    expect(u('hợp đồng đã chứng thực giờ muốn hủy có được không').cues).toContain('allowed');
    // "co" is "có" before it is "cỡ"; "nho" is "nhỏ" before it is "nhờ".
    expect(u('con nho co phai lam can cuoc khong').cues).not.toContain('size');
    expect(u('con nho co phai lam can cuoc khong').cues).not.toContain('proxy');
    // Typed with diacritics elsewhere, a syllable without them is not read as the cue.
    expect(u('làm căn cước cho con thi phai mang gì').cues).not.toContain('obligation');
  });

  it('reads what one receives as the result, after a form named first', () => {
    expect(u('nộp tờ khai thuế cho thuê nhà xong có nhận được kết quả gì không').aspects[0]).toBe('result');
  });

  it('reads the qualification a person must hold as a condition', () => {
    expect(u('mở cửa hàng thuốc thú y thì người bán cần bằng cấp gì').aspects[0]).toBe('conditions');
    expect(u('làm hướng dẫn viên du lịch cần trình độ gì').aspects[0]).toBe('conditions');
  });

  it('reads submitting "trên mạng" as online, and where one read something as no channel', () => {
    expect(u('đăng ký khai sinh cho con trên mạng được không hay phải ra phường').aspects[0]).toBe('online');
    expect(u('nop tren mang ho so xin giay phep xay dung').aspects).toContain('online');
    expect(u('em đọc trên mạng thấy làm sổ đỏ mất 30 ngày').aspects).not.toContain('online');
  });

  it('reads a yes/no question about a document, leaving the document out of the terms', () => {
    const r = u('xin con nuôi có phải nộp giấy khám sức khỏe không');
    expect(r.aspects[0]).toBe('yesno');
    expect(text(r.document)).toBe('giấy khám sức khỏe');
    expect(text(r.terms)).toBe('xin con nuôi');
    // Only the document: it stays the terms.
    expect(text(u('có cần giấy khám sức khỏe không').terms)).toContain('giấy khám sức khỏe');
    // Not a document: no yes/no question.
    expect(u('đăng ký tạm trú có cần chủ nhà đồng ý không').document).toBeNull();
    // What ends the verb after the document is not its name.
    expect(text(u('đổi bằng lái có phải mang bằng cũ theo không').document)).toBe('bằng cũ');
    // …nor a clause of its own after it, whose words are searched ("đi khai sinh": the procedure).
    const clause = u('có giấy chứng sinh điện tử rồi thì có phải mang bản giấy đi khai sinh nữa không');
    expect(text(clause.document)).toBe('bản giấy');
    expect(text(clause.terms)).toContain('khai sinh');
    expect(text(u('có cần nộp ảnh để làm hộ chiếu không').document)).toBe('ảnh');
    // The admin addressed after the closing word ("ko ad") still closes the question.
    expect(text(u('rut bhxh 1 lan co can nop quyet dinh nghi viec ko ad').document)).toBe('quyet dinh nghi viec');
    // …so do everyone addressed ("ko mn") and another choice after it ("… không hay chỉ cần sổ đỏ"),
    expect(text(u('đăng ký kết hôn ở xã có cần giấy khám sức khỏe ko mn').document)).toBe('giấy khám sức khỏe');
    expect(text(u('đăng ký kết hôn ở xã có cần giấy khám sức khỏe không mọi người').document)).toBe('giấy khám sức khỏe');
    expect(text(u('xin phép xây nhà có cần nộp bản vẽ thiết kế không hay chỉ cần sổ đỏ').document)).toBe('bản vẽ thiết kế');
    // …but not a choice that asks its own question.
    expect(u('nhập khẩu xong có được cấp sổ hộ khẩu không hay nhận cái gì').document).toBeNull();
  });

  it('reads a specific question and what kind of fact it asks for', () => {
    const r = u('bao nhiêu ngày phải đi khai tử');
    expect(r.aspects[0]).toBe('detail');
    // The deadline asked with what must be done after the time phrase; a wait is how long it takes.
    expect(u('sinh con xong bao lâu thì phải nộp hồ sơ thai sản').aspects[0]).toBe('detail');
    expect(u('nộp hồ sơ thai sản xong bao lâu thì phải chờ có tiền').aspects[0]).toBe('time');
    expect(r.cues).toContain('duration');
    expect(u('con mấy tuổi thì làm căn cước').cues).toContain('age');
    expect(u('có nhận kết quả qua bưu điện được không').cues).toContain('postal');
    // Through VNeID: the channel asked, not the identity account.
    const app = u('dang ky tam tru tren vneid duoc khong');
    expect(app.aspects).toContain('online');
    expect(text(app.terms)).toBe('dang ky tam tru');
    // By what hour: a deadline's time of day.
    const hour = u('có khách ở lại qua đêm thì phải báo lưu trú trước mấy giờ');
    expect(hour.aspects[0]).toBe('detail');
    expect(hour.cues).toContain('duration');
    // Whether something is required, not whether it is allowed.
    expect(u('giấy ủy quyền có cần công chứng không').cues).toContain('obligation');
    expect(u('đổi bằng lái mới rồi thì bằng cũ có được giữ lại không').cues).not.toContain('obligation');
  });

  it('takes a bare fluff word for fluff in a question typed without diacritics only where it pairs with no name word', () => {
    const names = new Set(['du_thi']);
    const inNames = (a: string, b: string) => names.has(`${a}_${b}`);
    expect(text(understand(wordsOfText('giai the cong ty thi lam gi'), phrases, inNames).terms)).not.toMatch(/\bthi\b/u);
    expect(text(understand(wordsOfText('dang ky du thi'), phrases, inNames).terms)).toBe('dang ky du thi');
    expect(text(understand(wordsOfText('thi bằng lái'), phrases, inNames).terms)).toBe('thi bằng lái');
  });

  it('reads "được không" as asking whether what the words before name can be done, else as a specific question', () => {
    expect(u('xe máy mới mua có đăng ký online toàn trình được không').aspects[0]).toBe('online');
    expect(u('xin giấy xác nhận cư trú trên app vneid được không hay phải lên công an').aspects.slice(0, 2)).toEqual(['online', 'place']);
    expect(u('ông bà đi làm khai sinh thay được không').aspects[0]).toBe('detail');
    expect(u('khai sinh làm ở xã hay lên huyện').aspects[0]).toBe('place');
  });

  it('spells out chat shorthand before reading the question ("ntn", "dc ko", "j", "dki")', () => {
    const spelled = (q: string) => text(phrases.spellOut!(wordsOfText(q)));
    expect(spelled('làm tạm trú ntn')).toBe('làm tạm trú như thế nào');
    // A question typed without diacritics stays so: its bare syllables keep their every reading.
    expect(spelled('dki tam tru co dc ko')).toBe('dang ky tam tru co duoc khong');
    expect(spelled('mik tu quyet toan thue')).toBe('minh tu quyet toan thue');
    expect(spelled('dki tạm trú có dc ko')).toBe('đăng ký tạm trú có được không');
    expect(phrases.cues!(phrases.spellOut!(wordsOfText('nhan nuoi chau lam con nuoi dc ko, gioi han tuoi the nao')))).toContain('age');
    expect(understand(phrases.spellOut!(wordsOfText('đăng ký tạm trú cần giấy tờ j')), phrases).aspects[0]).toBe('components');
    // An ambiguous shorthand stays as typed: "bn" is "bạn" or "bao nhiêu", "đk" "đăng ký" or "điều kiện".
    expect(spelled('bn ơi đủ đk chưa')).toBe('bn ơi đủ đk chưa');
  });

  it('takes a bare aspect word ("phi" for "phí") for a hint the same way, never where it pairs with a name word', () => {
    const names = new Set(['chau_phi']);
    const inNames = (a: string, b: string) => names.has(`${a}_${b}`);
    expect(understand(wordsOfText('phi kiem tra dieu kien co so la bao nhieu'), phrases, inNames).aspects[0]).toBe('fee');
    expect(understand(wordsOfText('dich ta lon chau phi ho tro the nao'), phrases, inNames).aspects).not.toContain('fee');
    // Typed with diacritics elsewhere, a bare syllable means itself: "phi" is not "phí".
    expect(understand(wordsOfText('phi công được cấp giấy gì'), phrases, inNames).aspects).not.toContain('fee');
  });
});

describe('typo correction', () => {
  it('finds the words one edit away', () => {
    expect(oneEdit('thuong', 'thong')).toBe(true);
    expect(oneEdit('khai', 'kahi')).toBe(true);
    expect(oneEdit('khai', 'khai')).toBe(false);
    expect(new NearWords(['thuong', 'truong', 'thong']).of('thuon').sort()).toEqual(['thuong']);
  });

  it('reads a word the catalog never uses as the name word that pairs with its neighbour', () => {
    const pairs = new Map([['dang_ki', 90], ['thuong_tru', 40], ['tam_tru', 30]]);
    const corrector = new TypoCorrector({
      nameFrequency: (t) => pairs.get(t) ?? (['dang', 'ki', 'thuong', 'tru', 'tam'].includes(t) ? 50 : 0),
      lexicon: new Set(['dang', 'ki', 'thuong', 'tru', 'tam']),
      chatWords: new Set(),
      candidates: () => ['dang', 'ki', 'thuong', 'tru', 'tam'],
    });
    expect([...corrector.corrections(wordsOfText('dang ky thuog tru'))]).toEqual([[2, 'thuong']]);
    expect(corrector.corrections(wordsOfText('dang ky thuong tru')).size).toBe(0);
  });

  it('reads a word as one no name has (a synonym\'s) only from four letters: three are one edit from too many', () => {
    const corrector = new TypoCorrector({
      nameFrequency: () => 0,
      lexicon: new Set(['heo', 'online']),
      chatWords: new Set(),
      candidates: () => ['heo', 'online'],
    });
    expect(corrector.corrections(wordsOfText('nuoi meo')).size).toBe(0);
    expect([...corrector.corrections(wordsOfText('nop onlien'))]).toEqual([[1, 'online']]);
  });
});

describe('synonyms over Words', () => {
  const syn = loadSynonyms(read('synonyms.json'));
  it('rewrite a reading without joining it back into a string', () => {
    const { words, replacements } = rewriteWords(wordsOfText('làm lại cccd, bị mất'), syn);
    expect(text(words)).toBe('cấp lại thẻ căn cước, cấp lại');
    expect(replacements.map((r) => r.from)).toEqual(['cccd', 'làm lại', 'bị mất']);
  });
});

describe('names as the re-rank reads them', () => {
  it('leave aside the level and the channel a record is published for', () => {
    expect(withoutLevelQualifier('Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)')).toBe('Cấp hộ chiếu phổ thông ở trong nước');
    expect(levelQualifier('Cấp đổi thẻ căn cước (thực hiện tại cấp trung ương)')).toBe('cấp trung ương');
    const channel = 'Cấp lại chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công trực tuyến toàn trình';
    expect(baseName(channel)).toBe('Cấp lại chứng nhận đăng ký xe, biển số xe');
    expect(fullyOnline(channel)).toBe(true);
    expect(baseName('Đổi chứng nhận đăng ký xe, biển số xe bằng dịch vụ công trực tuyến một phần hoặc trực tiếp thực hiện tại cấp trung ương, cấp tỉnh, cấp xã')).toBe(
      'Đổi chứng nhận đăng ký xe, biển số xe',
    );
    // A level written without parentheses, with a note after it, is a level too.
    expect(
      baseName('Giải quyết khiếu nại về quyết định hành chính … đối với lực lượng Công an nhân dân thực hiện tại cấp xã (phải là cán bộ thuộc biên chế của lực lượng Công an)'),
    ).toBe('Giải quyết khiếu nại về quyết định hành chính … đối với lực lượng Công an nhân dân');
  });
});
