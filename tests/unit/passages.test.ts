// The sentence of a record that answers a specific question (worker/chat/passages.ts).
import { describe, expect, it } from 'vitest';
import { bestPassages, equivalentUnits, placeSentence, recordPassages, sentences, WAIVES, type Fact } from '../../worker/chat/passages';
import { wordsOfText } from '../../worker/search/text';
import { procedureRecord } from './procedure-record';

const item = (name: string) => ({ name, originals: 1, copies: 0, required: null, forms: [], title: name, detail: '', kind: 'submit' as const, condition: null, children: [] });

// Documents as the catalog lists them for "Đăng ký nhận cha, mẹ, con": the rule's other case
// comes before the document it qualifies, as in the portal's own record.
const acknowledgement = procedureRecord('1.001022', 'Đăng ký nhận cha, mẹ, con', {
  cases: [
    {
      name: '',
      headings: [],
      components: [
        item('Tờ khai đăng ký nhận cha, mẹ, con theo mẫu'),
        item('Trường hợp không có văn bản nêu trên thì phải có văn bản cam đoan của các bên nhận cha, mẹ, con về mối quan hệ cha, mẹ, con và có ít nhất hai người làm chứng.'),
        item('Văn bản của cơ quan y tế, cơ quan giám định xác nhận quan hệ cha con, quan hệ mẹ con (kết quả giám định ADN).'),
      ],
    },
  ],
  steps: ['Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch.'],
});

const rarity = (unit: string) => (['dang', 'ky', 'nhan', 'con', 'cha', 'me'].includes(unit) ? 0.3 : 1);
const ask = (question: string, cues: Fact[] = []) =>
  bestPassages(acknowledgement, { readings: [wordsOfText(question)], name: acknowledgement.name, cues, rarity }, 3).map((x) => x.passage.text);

describe('the sentence that answers a specific question', () => {
  it('is the one that shares most of what the question says besides the name', () => {
    expect(ask('giấy giám định ADN của cơ quan y tế')[0]).toMatch(/^Văn bản của cơ quan y tế/u);
  });

  it('states the fact the question asks for when it has one (a duration)', () => {
    expect(ask('nhận cha con mất mấy ngày làm việc', ['duration'])[0]).toMatch(/03 ngày làm việc/u);
  });

  it('is the rule’s other case when the question asks what to do without a document', () => {
    // Without the cue, the document's own sentence shares more of the question's words…
    expect(ask('không có giấy giám định ADN thì nhận con thế nào')[0]).toMatch(/^Văn bản của cơ quan y tế/u);
    // …but "không có … thì làm sao" asks for the other case: it comes first.
    expect(ask('không có giấy giám định ADN thì nhận con thế nào', ['absence'])[0]).toMatch(/hai người làm chứng/u);
  });

  it('reads a word as typed: one with diacritics is not another that folds the same', () => {
    const residence = procedureRecord('1.004222', 'Đăng ký thường trú', {
      cases: [
        {
          name: '',
          headings: [],
          components: [
            item('Lưu ý: Trường hợp công dân đăng ký thường trú vào chỗ ở thuộc quyền sở hữu của mình ở đô thị thì không cần ý kiến đồng ý của người đồng sở hữu.'),
            item('Hợp đồng cho thuê, cho mượn, cho ở nhờ được công chứng hoặc chứng thực theo quy định của pháp luật.'),
          ],
        },
      ],
    });
    const question = (q: string) => ({ readings: [wordsOfText(q)], name: residence.name, cues: [] as Fact[], rarity });
    // "đó thì" is no "đô thị", "muốn" no "mượn", "cần" is.
    expect(bestPassages(residence, question('mình muốn thuê nhà ở đó thì hợp đồng thuê có cần công chứng không'), 1)[0]?.passage.text).toMatch(/^Hợp đồng cho thuê/u);
    // Typed without diacritics, a word stands for any that folds the same.
    expect(bestPassages(residence, question('o do thi co can y kien dong so huu khong'), 1)[0]?.passage.text).toMatch(/^Lưu ý/u);
  });

  it('weighs a word only the record\'s steps have (no indexed field) as a rare word, not as nothing', () => {
    const card = procedureRecord('1.014062', 'Cấp thẻ căn cước cho người dưới 14 tuổi', {
      steps: [
        'Người đại diện hợp pháp đưa người dưới 14 tuổi đến địa điểm làm thủ tục cấp thẻ căn cước.',
        'Tiến hành thu nhận vân tay, chụp ảnh khuôn mặt của người từ đủ 06 tuổi đến dưới 14 tuổi.',
      ],
    });
    // As the search's rarity: "vân tay" is in no name, result or document, so the index does not know it.
    const indexed = (unit: string) => (/(^|_)(van|tay|thu|nhan|chup)(_|$)/u.test(unit) ? 0 : rarity(unit));
    const q = { readings: [wordsOfText('con 4 tuổi làm căn cước có phải lấy vân tay không')], name: card.name, cues: [] as Fact[], rarity: indexed };
    expect(bestPassages(card, q, 1)[0]?.passage.text).toMatch(/thu nhận vân tay/u);
  });

  it('names the post when the question asks whether the post may carry the result', () => {
    const licence = procedureRecord('3.000348', 'Cấp lại giấy phép lái xe', {
      steps: [
        'Trường hợp nộp hồ sơ trực tiếp cá nhân phải chụp ảnh trực tiếp tại cơ quan cấp giấy phép lái xe và nộp lệ phí khi được tiếp nhận hồ sơ.',
        'Việc trả giấy phép lái xe được thực hiện tại Phòng Cảnh sát giao thông hoặc thông qua dịch vụ bưu chính theo yêu cầu của cá nhân.',
      ],
    });
    const q = { readings: [wordsOfText('mất bằng lái có nhận bằng mới qua bưu điện được không hay phải lên cơ quan cấp lấy trực tiếp')], name: licence.name, cues: ['obligation'] as Fact[], rarity };
    expect(bestPassages(licence, q, 1)[0]?.passage.text).toMatch(/^Trường hợp nộp hồ sơ trực tiếp/u);
    expect(bestPassages(licence, { ...q, cues: ['obligation', 'postal'] }, 1)[0]?.passage.text).toMatch(/dịch vụ bưu chính/u);
  });

  it('states a duration with its number when the question asks for a deadline', () => {
    const support = procedureRecord('1.013997', 'Hỗ trợ cơ sở sản xuất bị thiệt hại do dịch bệnh động vật', {
      conditions: 'Cơ sở sản xuất có động vật buộc phải tiêu hủy do dịch bệnh động vật theo thời hạn công bố dịch thì được hỗ trợ.',
      steps: ['Trong thời hạn 30 ngày kể từ ngày kết thúc việc tiêu hủy động vật, cơ sở sản xuất nộp 01 bộ hồ sơ.'],
    });
    const q = { readings: [wordsOfText('lợn phải tiêu hủy do dịch bệnh thì trong bao lâu phải nộp hồ sơ hỗ trợ')], name: support.name, cues: ['duration', 'obligation'] as Fact[], rarity };
    expect(bestPassages(support, q, 1)[0]?.passage.text).toMatch(/^Cơ sở sản xuất/u);
    expect(bestPassages(support, { ...q, decisive: ['duration'] }, 1)[0]?.passage.text).toMatch(/30 ngày/u);
  });

  it('reads a duration whose number is also spelled out ("30 (ba mươi) ngày") as a stated one', () => {
    const renewal = procedureRecord('2.001064', 'Gia hạn Chứng chỉ hành nghề thú y', {
      conditions: 'Chứng chỉ hành nghề thú y sắp hết hạn thì người hành nghề phải nộp hồ sơ đề nghị gia hạn chứng chỉ hành nghề thú y.',
      steps: ['Trước 30 (ba mươi) ngày tính đến ngày hết hạn của Chứng chỉ hành nghề thú y, người đề nghị gia hạn nộp hồ sơ.'],
    });
    const q = { readings: [wordsOfText('chứng chỉ hành nghề thú y sắp hết hạn thì phải nộp hồ sơ gia hạn trước bao lâu')], name: renewal.name, cues: ['duration'] as Fact[], decisive: ['duration'] as Fact[], rarity };
    expect(bestPassages(renewal, q, 1)[0]?.passage.text).toMatch(/^Trước 30 \(ba mươi\) ngày/u);
  });

  it('states a deadline given as a day too', () => {
    const settlement = procedureRecord('2.002233', 'Khai quyết toán thuế thu nhập cá nhân trực tiếp với cơ quan thuế', {
      steps: [
        'Cá nhân tự quyết toán thuế thu nhập cá nhân thì nộp hồ sơ khai quyết toán thuế trực tiếp đến cơ quan thuế nơi cá nhân khai thuế.',
        'Thời hạn nộp hồ sơ khai quyết toán chậm nhất là ngày cuối cùng của tháng thứ 4 kể từ ngày kết thúc năm dương lịch.',
      ],
    });
    const q = { readings: [wordsOfText('tự quyết toán thuế thu nhập cá nhân với cơ quan thuế thì hạn chót là khi nào')], name: settlement.name, cues: ['duration'] as Fact[], rarity };
    expect(bestPassages(settlement, q, 1)[0]?.passage.text).toMatch(/^Cá nhân tự quyết toán/u);
    expect(bestPassages(settlement, { ...q, decisive: ['duration'] }, 1)[0]?.passage.text).toMatch(/ngày cuối cùng của tháng thứ 4/u);
  });

  it('states an age with its number when the question asks how old', () => {
    const adoption = procedureRecord('2.001263', 'Đăng ký việc nuôi con nuôi trong nước', {
      conditions: [
        'Văn bản xác nhận tình trạng hôn nhân: Trường hợp người nhận con nuôi là cặp vợ chồng nhận con nuôi: Giấy chứng nhận kết hôn.',
        'Hơn con nuôi từ 20 tuổi trở lên.',
      ].join('\n'),
    });
    const q = { readings: [wordsOfText('vợ chồng em muốn nhận con nuôi, người nhận phải hơn bé bao nhiêu tuổi')], name: adoption.name, cues: ['age'] as Fact[], rarity };
    expect(bestPassages(adoption, q, 1)[0]?.passage.text).toMatch(/^Văn bản xác nhận/u);
    expect(bestPassages(adoption, { ...q, decisive: ['age'] }, 1)[0]?.passage.text).toMatch(/20 tuổi/u);
  });

  it('answers a deadline with the sentence about it, not with a number that says little else', () => {
    const dependant = procedureRecord('1.008498', 'Đăng ký thuế lần đầu đối với người nộp thuế là cá nhân, người phụ thuộc', {
      steps: [
        'Bước 1: Trong thời hạn 10 ngày làm việc kể từ ngày bắt đầu hoạt động kinh doanh, người nộp thuế chuẩn bị hồ sơ.',
        'Thời hạn nộp hồ sơ đăng ký thuế cho người phụ thuộc để giảm trừ gia cảnh cùng với thời hạn thực hiện thủ tục đăng ký giảm trừ gia cảnh.',
      ],
    });
    const q = { readings: [wordsOfText('đăng ký mã số thuế cho người phụ thuộc thì hạn nộp hồ sơ là khi nào')], name: dependant.name, cues: ['duration'] as Fact[], decisive: ['duration'] as Fact[], rarity };
    expect(bestPassages(dependant, q, 1)[0]?.passage.text).toMatch(/cùng với thời hạn thực hiện thủ tục đăng ký giảm trừ gia cảnh/u);
  });

  it('carries the sentence that says what is required of the one before ("Văn bản ủy quyền này phải …")', () => {
    const household = procedureRecord('1.001612', 'Đăng ký thành lập hộ kinh doanh', {
      cases: [
        {
          name: '',
          headings: [],
          components: [
            item('Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh. Văn bản ủy quyền này phải được công chứng hoặc chứng thực theo quy định của pháp luật.'),
          ],
        },
      ],
    });
    const q = { readings: [wordsOfText('cả nhà cử ba em làm chủ hộ kinh doanh thì văn bản ủy quyền có cần công chứng không')], name: household.name, cues: [] as Fact[], rarity };
    const best = bestPassages(household, q, 1)[0]!.passage;
    expect(best.text).toMatch(/^Bản sao văn bản ủy quyền/u);
    expect(best.next?.text).toMatch(/phải được công chứng hoặc chứng thực/u);
  });

  it('quotes a label that ends its line with its first item, which the catalog gives as the next step', () => {
    const permit = procedureRecord('3.000353', 'Cấp giấy phép lái xe quốc tế', {
      steps: [
        'a) Nộp hồ sơ TTHC:',
        'Cá nhân gửi đề nghị trực tiếp tại Cục Cảnh sát giao thông hoặc qua hệ thống dịch vụ công trực tuyến.',
        '* Đối với người có giấy phép lái xe quốc gia do Việt Nam cấp bằng vật liệu PET còn giá trị sử dụng:',
        '- Trường hợp đề nghị trực tiếp, phải xuất trình bản chính giấy phép lái xe quốc gia do Việt Nam cấp.',
        '* Đối với người có giấy phép lái xe quốc gia do nước ngoài cấp còn giá trị sử dụng:',
      ],
      cases: [{ name: '', headings: [], components: [item('Đơn đề nghị cấp giấy phép lái xe quốc tế')] }],
    });
    const passages = recordPassages(permit);
    const label = passages.find((x) => x.text.startsWith('Đối với người có giấy phép'))!;
    expect(label.next?.text).toMatch(/^Trường hợp đề nghị trực tiếp/u);
    // A label's items are its own: the last step's label does not reach into the documents.
    expect(passages.find((x) => x.text.startsWith('Đối với người có giấy phép lái xe quốc gia do nước ngoài'))?.next).toBeUndefined();
    expect(passages.find((x) => x.text.startsWith('Trường hợp đề nghị trực tiếp'))?.next).toBeUndefined();
    // The conditions' lines likewise.
    const adoption = procedureRecord('2.001263', 'Đăng ký việc nuôi con nuôi trong nước', {
      conditions: 'Trẻ em được nhận làm con nuôi phải có đủ các điều kiện sau:\n+ Là trẻ em dưới 16 tuổi;\n+ Trẻ em bị bỏ rơi.',
    });
    expect(recordPassages(adoption).find((x) => x.text.startsWith('Trẻ em được nhận'))?.next?.text).toMatch(/^Là trẻ em dưới 16 tuổi/u);
  });

  it("weighs a name's syllable said on its own besides the name as the question's word ('đăng ký kết hôn … cùng ký')", () => {
    const marriage = procedureRecord('1.000894', 'Thủ tục đăng ký kết hôn', {
      steps: ['Hai bên nộp hồ sơ trực tiếp tại Ủy ban nhân dân cấp xã.', 'Khi nhận kết quả, hai bên nam, nữ ký tên vào Sổ hộ tịch.'],
    });
    const scored = (question: string) =>
      bestPassages(marriage, { readings: [wordsOfText(question)], name: marriage.name, cues: [], rarity: () => 1 }, 2).map((x) => [x.passage.text.slice(0, 8), x.specific] as const);
    const [signing, submitting] = [...scored('đăng ký kết hôn thì hai bên có phải cùng ký không')].sort((a, b) => (a[0] < b[0] ? 1 : -1));
    expect(signing![0]).toBe('Khi nhận');
    expect(signing![1]).toBeGreaterThan(submitting![1]);
    // Said only inside the name, it is the name's: no sentence speaks more of the question for it.
    const [a, b] = scored('đăng ký kết hôn thì hai bên có phải cùng đi không');
    expect(a![1]).toBe(b![1]);
  });

  it("quotes a case's name with its first document: alone it answers nothing", () => {
    const residence = procedureRecord('1.004222', 'Đăng ký thường trú', {
      cases: [
        {
          name: 'Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ',
          headings: [],
          components: [item('Hợp đồng, văn bản về việc cho thuê, cho mượn, cho ở nhờ được công chứng hoặc chứng thực theo quy định của pháp luật.'), item('Tờ khai thay đổi thông tin cư trú.')],
        },
      ],
    });
    const heading = recordPassages(residence).find((x) => x.text.startsWith('Đăng ký thường trú vào chỗ ở'))!;
    expect(heading.next?.text).toMatch(/được công chứng hoặc chứng thực/u);
    // A document is no case's name: the next one is not quoted with it.
    expect(recordPassages(residence).find((x) => x.text.startsWith('Hợp đồng'))?.next).toBeUndefined();
  });

  it('reads a word of the question in its equivalent in the record ("bên kia đồng ý": "thỏa thuận của các bên")', () => {
    const undo = procedureRecord('2.000913', 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ giao dịch', {
      steps: [
        'Việc sửa đổi, bổ sung, hủy bỏ giao dịch được thực hiện tại cơ quan đã chứng thực giao dịch.',
        'Việc hủy bỏ giao dịch đã được chứng thực chỉ được thực hiện khi có thỏa thuận bằng văn bản của các bên tham gia giao dịch.',
      ],
    });
    const q = { readings: [wordsOfText('hợp đồng đã chứng thực ở xã, giờ muốn sửa hay hủy thì có cần bên kia đồng ý không')], name: undo.name, cues: [] as Fact[], rarity };
    expect(bestPassages(undo, q, 1)[0]?.passage.text).toMatch(/^Việc sửa đổi/u);
    const equivalents = equivalentUnits([['đồng ý', 'thỏa thuận', 'chấp thuận']]);
    expect(bestPassages(undo, { ...q, equivalents }, 1)[0]?.passage.text).toMatch(/thỏa thuận bằng văn bản của các bên/u);
  });

  it('shares at least a word with the question', () => {
    expect(ask('lệ phí trước bạ xe máy')).toEqual([]);
  });
});

describe('the words that say what is asked', () => {
  // As the catalog writes "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT": the case by
  // its abbreviation, another sentence spelling the words out.
  const book = procedureRecord('1.002759', 'Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT', {
    cases: [
      {
        name: '',
        headings: [],
        components: [
          item('Các sổ BHXH đề nghị gộp (nếu có).'),
          item('Giấy xác nhận về thời gian đi hợp tác lao động để giải quyết chế độ bảo hiểm xã hội của Cục Quản lý lao động ngoài nước.'),
        ],
      },
    ],
  });
  const typed = wordsOfText('muốn gộp sổ bhxh thì cần gì');
  const rewritten = wordsOfText('muốn gộp sổ bảo hiểm xã hội thì cần gì');
  const best = (extra: object = {}) =>
    bestPassages(book, { readings: [typed, rewritten], name: book.name, cues: [], rarity: () => 1, ...extra }, 1)[0]?.passage.text;

  it('weigh the name’s words as little when the name abbreviates them ("sổ BHXH": "bảo hiểm xã hội")', () => {
    // Spelled out, "bảo hiểm xã hội" is more words than "BHXH": counted in full, they outweigh "gộp".
    expect(best()).toMatch(/^Giấy xác nhận/u);
    expect(best({ nameReadings: [wordsOfText('Cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế')] })).toMatch(/gộp/u);
  });

  it('weigh the words that frame a question ("muốn", "thì", "cần", "gì") as nothing', () => {
    const frame = new Set(['muon', 'thi', 'can', 'gi']);
    const withFrameWords = { ...book, cases: [{ ...book.cases[0]!, components: [...book.cases[0]!.components, item('Trường hợp cần thì nộp thêm giấy tờ khác.')] }] };
    const ask = (extra: object) => bestPassages(withFrameWords, { readings: [typed], name: book.name, cues: [], rarity: () => 1, ...extra }, 1)[0]!;
    // Besides the name, the question says "gộp": the sentence that has it answers…
    const framed = ask({ isQuestionWord: (f: string) => frame.has(f) });
    expect(framed.passage.text).toMatch(/gộp/u);
    expect(framed.specific).toBe(1);
    // …not the one that shares "thì cần" with it, as it would if they counted.
    expect(ask({}).passage.text).toMatch(/^Trường hợp cần thì/u);
  });

  it('leave the aspect asked out of what the question is specifically about', () => {
    const marriage = procedureRecord('1.000894', 'Thủ tục đăng ký kết hôn', {
      cases: [{ name: '', headings: [], components: [item('Người có yêu cầu đăng ký kết hôn thực hiện việc nộp các giấy tờ sau:')] }],
    });
    const q = { readings: [wordsOfText('đăng ký kết hôn cần giấy tờ gì')], name: marriage.name, cues: [], rarity: () => 1 };
    // "giấy tờ" is what the components block answers: with the terms known, the lead-in says nothing more.
    expect(bestPassages(marriage, q, 1)[0]!.specific).toBeGreaterThan(0.5);
    expect(bestPassages(marriage, { ...q, terms: [wordsOfText('đăng ký kết hôn')] }, 1)[0]!.specific).toBe(0);
  });

  it('take shares of the words the record uses: one it never uses answers nothing', () => {
    const long = wordsOfText('em làm hai công ty, mỗi nơi cho một sổ bhxh, giờ muốn gộp lại');
    const best = bestPassages(book, { readings: [long], name: book.name, cues: [], rarity: () => 1 }, 1)[0]!;
    expect(best.passage.text).toMatch(/gộp/u);
    // "công ty", "mỗi nơi", "giờ" are no words of the record; "gộp" and the name's are.
    expect(best.specific).toBe(1);
  });
});

describe('sentences of a record text', () => {
  it('cuts at line breaks and inline list markers, and drops headings', () => {
    expect(sentences('Giấy tờ phải nộp:\n- Bản sao giấy khai sinh của người con; + Giấy chứng sinh bản chính')).toEqual([
      'Bản sao giấy khai sinh của người con;',
      'Giấy chứng sinh bản chính',
    ]);
  });

  it('keeps a label with its sentence, and cuts before the list after a colon, each item carrying the label', () => {
    expect(sentences('- Thời hạn giải quyết: + Cấp đổi chứng nhận đăng ký xe: Không quá 02 ngày làm việc. + Cấp lại: Không quá 30 ngày.')).toEqual([
      'Thời hạn giải quyết: Cấp đổi chứng nhận đăng ký xe: Không quá 02 ngày làm việc.',
      'Thời hạn giải quyết: Cấp lại: Không quá 30 ngày.',
    ]);
  });

  it('reads a list’s own number as no sentence end, and says of each item which case it is for', () => {
    // As the catalog lists the documents of "Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT".
    expect(sentences('2. Trường hợp gộp sổ BHXH: - Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS); - Các sổ BHXH đề nghị gộp (nếu có).')).toEqual([
      'Trường hợp gộp sổ BHXH: Tờ khai tham gia, điều chỉnh thông tin BHXH, BHYT (mẫu TK1-TS);',
      'Trường hợp gộp sổ BHXH: Các sổ BHXH đề nghị gộp (nếu có).',
    ]);
    // A label carries no further than its line, and an inline numbered item starts a sentence.
    expect(sentences('Giấy tờ phải nộp:\nThời hạn giải quyết 1. Cấp lại sổ BHXH do mất, hỏng: không quá 10 ngày. 2. Điều chỉnh nội dung: không quá 5 ngày.')).toEqual([
      '1. Cấp lại sổ BHXH do mất, hỏng: không quá 10 ngày.',
      '2. Điều chỉnh nội dung: không quá 5 ngày.',
    ]);
    // A rule's label on a line of its own is carried into the item lines under it, and stays a sentence.
    const steps = '2. Điều chỉnh nội dung: không quá 5 ngày.\n3. Cấp lại, đổi thẻ BHYT:\n+ Trường hợp thay đổi thông tin: Không quá 03 ngày.\n+ Trường hợp không thay đổi thông tin: trả trong ngày.\nCơ quan BHXH trả kết quả.';
    expect(sentences(steps, true)).toEqual([
      '2. Điều chỉnh nội dung: không quá 5 ngày.',
      '3. Cấp lại, đổi thẻ BHYT:',
      'Cấp lại, đổi thẻ BHYT: Trường hợp thay đổi thông tin: Không quá 03 ngày.',
      'Cấp lại, đổi thẻ BHYT: Trường hợp không thay đổi thông tin: trả trong ngày.',
      'Cơ quan BHXH trả kết quả.',
    ]);
    // …not a document list's lines, which the catalog flattens.
    expect(sentences(steps)).toContain('Trường hợp thay đổi thông tin: Không quá 03 ngày.');
  });

  it('says of the lines under a step\'s heading which step they are', () => {
    expect(sentences('a) Bước 1: Nộp hồ sơ\nCá nhân nộp hồ sơ tại Ủy ban nhân dân cấp xã.\nb) Bước 2: Phê duyệt và trả kết quả\nTrong thời hạn 07 ngày làm việc, cơ quan ban hành quyết định.')).toEqual([
      'Nộp hồ sơ: Cá nhân nộp hồ sơ tại Ủy ban nhân dân cấp xã.',
      'Phê duyệt và trả kết quả: Trong thời hạn 07 ngày làm việc, cơ quan ban hành quyết định.',
    ]);
    // A step written as a sentence is one ("Bước 1. Người tham gia lập hồ sơ."), and heads nothing.
    expect(sentences('Bước 1. Người tham gia lập hồ sơ và nộp.\nCơ quan trả kết quả trong 05 ngày.')).toEqual(['Bước 1. Người tham gia lập hồ sơ và nộp.', 'Cơ quan trả kết quả trong 05 ngày.']);
  });

  it("cuts a rule's overlong sentence at its semicolons, so that its last clauses can be quoted; not a document's", () => {
    const first = `Đối với nơi chưa có bản đồ địa chính thì ${'kiểm tra, ký xác nhận mảnh trích đo bản đồ địa chính theo quy định, '.repeat(7)}trừ trường hợp đã ký duyệt;`;
    const last = 'đơn vị đo đạc có trách nhiệm thực hiện trích đo bản đồ địa chính trong thời gian không quá 05 ngày làm việc kể từ ngày nhận được đề nghị.';
    const rule = sentences(`${first} ${last}`, true);
    expect(rule).toEqual([first, last]);
    // A document's list stays one sentence, cut off at its end.
    const list = sentences(`${first} ${last}`);
    expect(list).toHaveLength(1);
    expect(list[0]).not.toContain('không quá 05 ngày');
  });

  it('keeps a dash inside a sentence ("tư pháp - hộ tịch") in the sentence', () => {
    expect(sentences('Trong 03 ngày, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch.')).toEqual(['Trong 03 ngày, công chức tư pháp - hộ tịch ghi vào Sổ hộ tịch.']);
  });
});

describe('where the record says a dossier goes', () => {
  it('is its submission method’s sentence, which says more than the agency', () => {
    const weapon = procedureRecord('1.013442', 'Khai báo vũ khí thô sơ là hiện vật trưng bày', {
      executingAgencies: ['Công an cấp Xã'],
      methods: [
        {
          method: 'direct',
          time: null,
          fees: [],
          description: 'Nộp hồ sơ trực tiếp tại Công an xã, phường, thị trấn nơi đặt trụ sở hoặc nơi cư trú. Trong thời hạn 03 ngày làm việc, Công an xã phải thông báo xác nhận.',
        },
      ],
    });
    expect(placeSentence(weapon)).toBe('Nộp hồ sơ trực tiếp tại Công an xã, phường, thị trấn nơi đặt trụ sở hoặc nơi cư trú.');
  });

  it('says which office of the level when a step says it and the method does not, an exception aside', () => {
    const rehab = procedureRecord('3.000527', 'Đăng ký cai nghiện ma túy tự nguyện', {
      methods: [{ method: 'direct', time: null, fees: [], description: 'Nộp hồ sơ trực tiếp tại địa điểm tiếp nhận đăng ký cai nghiện của Ủy ban nhân dân cấp xã.' }],
      steps: [
        'Nộp hồ sơ: Trường hợp người không có nơi cư trú ổn định thì đăng ký tại Ủy ban nhân dân cấp xã nơi người đó có hành vi vi phạm pháp luật.',
        'Nộp hồ sơ: Người nghiện ma túy nộp 01 bộ hồ sơ tại điểm tiếp nhận đăng ký cai nghiện của Ủy ban nhân dân cấp xã nơi cư trú.',
      ],
    });
    expect(placeSentence(rehab)).toMatch(/cấp xã nơi cư trú\.$/u);
  });

  it('is none when the record only names the agency', () => {
    expect(placeSentence(acknowledgement)).toBeNull();
  });
});

describe("a rule's other case", () => {
  it('is read with the case it follows or precedes, when it repeats its words', () => {
    // As 1.007674 "Khai thuế TNCN … chuyển nhượng bất động sản" words its deadline.
    const tax = procedureRecord('1.007674', 'Khai thuế thu nhập cá nhân đối với cá nhân có thu nhập từ chuyển nhượng bất động sản', {
      steps: [
        [
          '- Thời hạn nộp hồ sơ khai thuế:',
          '+ Trường hợp hợp đồng chuyển nhượng không có thỏa thuận bên mua là người nộp thuế thay cho bên bán thì nộp hồ sơ khai thuế chậm nhất là 10 (mười) ngày kể từ thời điểm hợp đồng có hiệu lực.',
          '+ Trường hợp hợp đồng chuyển nhượng có thỏa thuận bên mua là người nộp thuế thay cho bên bán thì nộp hồ sơ khai thuế chậm nhất là thời điểm làm thủ tục đăng ký quyền sở hữu.',
          '+ Trường hợp cá nhân nhận thừa kế thì nộp hồ sơ khai thuế cùng hồ sơ đăng ký quyền sở hữu.',
        ].join('\n'),
      ],
    });
    const cases = recordPassages(tax).filter((x) => /Trường hợp/u.test(x.text));
    const [without, agreed, heir] = cases;
    expect(agreed!.other?.text).toContain('chậm nhất là 10 (mười) ngày');
    expect(without!.other?.text).toContain('chậm nhất là thời điểm làm thủ tục');
    // A case about something else is no other case.
    expect(heir!.other).toBeUndefined();
  });
});

describe('patterns end a word at any letter, accented or not', () => {
  it('reads a waiver whose last word ends in an accented letter ("không phải có")', () => {
    expect(WAIVES.test('ông, bà thì không phải có văn bản ủy quyền của cha, mẹ trẻ em')).toBe(true);
    expect(WAIVES.test('không phải cóc')).toBe(false);
  });

  it('prefers the sentence that states a count or a duration written with an accented unit ("02 bộ", "24 giờ")', () => {
    const record = procedureRecord('1.000001', 'Thủ tục mẫu', {
      steps: ['Người yêu cầu nộp hồ sơ tại cơ quan tiếp nhận theo quy định hiện hành.', 'Người yêu cầu nộp 02 bộ hồ sơ tại cơ quan tiếp nhận.'],
    });
    const q = { readings: [wordsOfText('nộp hồ sơ tại cơ quan tiếp nhận')], name: record.name, cues: ['count'] as Fact[], rarity: () => 1 };
    expect(bestPassages(record, q, 1)[0]?.passage.text).toMatch(/02 bộ/u);
  });
});
