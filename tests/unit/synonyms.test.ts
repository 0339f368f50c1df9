import { describe, it, expect } from 'vitest';
import data from '../../knowledge/synonyms.json';
import { expandQuery, loadSynonyms, rewriteQuery, rewriteWords } from '../../worker/search/synonyms';
import { wordsOfText, wordsText } from '../../worker/search/text';

const syn = loadSynonyms(data);
const rewritten = (q: string) => rewriteQuery(q, syn).rewritten;

describe('synonyms.json', () => {
  it('loads and covers the main abbreviations', () => {
    const variants = new Set(syn.data.groups.flatMap((g) => g.variants));
    for (const v of ['cccd', 'cmnd', 'gplx', 'bằng lái', 'sổ đỏ', 'sổ hồng', 'gcn qsdđ', 'đkkd', 'hkd', 'lltp', 'hộ khẩu',
      'giấy xác nhận độc thân', 'mở công ty', 'sang tên sổ đỏ', 'giấy khai sinh cho con', 'giấy kết hôn', 'passport', 'visa',
      'bhxh', 'bhyt', 'mst', 'gpxd', 'xnc', 'htx', 'dn', 'ubnd', 'tthc']) {
      expect(variants, v).toContain(v);
    }
  });
});

describe('synonyms.json sources', () => {
  it('says where every group and colloquial entry comes from', () => {
    const missing = [
      ...syn.data.groups.filter((g) => !g.source).map((g) => g.canonical),
      ...syn.data.colloquial.filter((c) => !c.source).map((c) => c.phrase),
    ];
    expect(missing).toEqual([]);
  });
});

describe('variants read so only in their context (onlyWith / notWith)', () => {
  it("reads 'chủ hộ' as a household business's owner beside 'kinh doanh', else as the head of a household", () => {
    expect(rewritten('hộ kinh doanh nhà em, bố là chủ hộ vừa mất thì sao')).toContain('đăng ký thay đổi nội dung đăng ký hộ kinh doanh');
    expect(rewritten('bố là chủ hộ vừa mất thì sao')).toBe('cha là chủ hộ vừa mất thì sao');
    expect(rewritten('nhà em muốn đổi chủ hộ')).toBe('nhà em muốn điều chỉnh thông tin về cư trú');
    expect(rewritten('hộ kinh doanh muốn đổi chủ hộ')).not.toContain('cư trú');
  });

  it('reads the shorter variant at a place where the longer one is out of its context', () => {
    const own = loadSynonyms({
      version: 1,
      groups: [
        { canonical: 'công ty', variants: ['cty'] },
        { canonical: 'doanh nghiệp', variants: ['cty tnhh'], onlyWith: ['giải thể'] },
      ],
    });
    expect(rewriteQuery('giải thể cty tnhh', own).rewritten).toBe('giải thể doanh nghiệp');
    expect(rewriteQuery('thành lập cty tnhh', own).rewritten).toBe('thành lập công ty tnhh');
  });

  it("reads a company's type as the doanh nghiệp the catalog names when it is suspended or dissolved", () => {
    expect(rewritten('cty tnhh muốn tạm ngừng kinh doanh')).toBe('doanh nghiệp muốn tạm ngừng kinh doanh');
    expect(rewritten('công ty trách nhiệm hữu hạn của em sắp giải thể')).toBe('doanh nghiệp của em sắp giải thể');
    expect(rewritten('chuyển đổi cty tnhh sang cổ phần')).toBe('chuyển đổi công ty trách nhiệm hữu hạn sang cổ phần');
  });

  it("reads a plot's change of purpose that needs no permission in the catalog's words", () => {
    const plot = rewritten('chuyển đất trồng cây hằng năm sang trồng cây lâu năm, loại không cần xin phép');
    expect(plot).toMatch(/^chuyển mục đích sử dụng đất trồng cây lâu năm/u);
    expect(plot).toMatch(/không phải .* cơ quan nhà nước có thẩm quyền$/u);
    expect(rewritten('không cần xin phép')).not.toMatch(/không phải/u);
  });

  it("reads 'đổi bằng' as the driving licence's exchange only beside the licence's name", () => {
    expect(rewritten('gplx hạng b2 sắp hết hạn, muốn đổi bằng')).toMatch(/muốn cấp đổi giấy phép lái xe$/u);
    expect(rewritten('bằng tốt nghiệp bị sai tên, muốn đổi bằng')).not.toMatch(/lái xe/u);
  });

  it('rejects a context that is not a list of phrases', () => {
    const bad = { version: 1, groups: [{ canonical: 'a b', variants: ['c d'], onlyWith: 'kinh doanh' }] };
    expect(() => loadSynonyms(bad)).toThrow(/Invalid synonyms JSON/u);
  });
});

describe('what citizens call a procedure by what they do', () => {
  it('reads registering one\'s vehicle, drawing a pension and "công chứng" of a paper as the catalog names them', () => {
    expect(rewritten('đăng ký xe máy')).toBe('đăng ký cấp biển số xe lần đầu');
    expect(rewritten('Đăng ký xe tạm thời')).toBeNull();
    expect(rewritten('lãnh lương hưu')).toBe('hưởng lương hưu');
    expect(rewritten('nơi nhận lương hưu')).toBeNull();
    // A phrase rewritten makes another: a lost land certificate, typed bare too.
    expect(rewritten('lam mat so hong roi xin cap lai')).toBe('cấp lại giấy chứng nhận do bị mất roi cấp lại');
    // The maternity claim named bare; the husband's keeps its own longer name.
    expect(rewritten('nộp thai sản cho em rồi')).toBe('nộp chế độ thai sản cho em rồi');
    expect(rewritten('chồng hưởng thai sản cần gì')).toBe('thai sản đối với lao động nam cần gì');
    // Claiming the survivor's allowance, typed bare too ("tuat" is no typo of "luật" here).
    expect(rewritten('nop ho so huong tuat cho bo')).toBe('nop ho so chế độ tử tuất cho bo');
    // Not taking one's share of what a parent left is refusing the inheritance.
    expect(rewritten('không muốn nhận phần đất mẹ để lại')).toBe('từ chối nhận di sản đất mẹ để lại');
    // Registering a household business, said alone, is its founding; "hkd" spelled out first.
    expect(rewritten('dang ky hkd bao lau thi co giay chung nhan')).toBe('đăng ký thành lập hộ kinh doanh bao lau thi co giay chung nhan');
    // Closing a shop for a while is a temporary suspension.
    expect(rewritten('quán muốn nghỉ tạm 3 tháng')).toBe('quán muốn tạm ngừng kinh doanh 3 tháng');
    // Collecting it for someone, typed without diacritics: "di linh" alone is the place Di Linh.
    expect(rewritten('em di linh thay cho bo')).toBe('em ủy quyền lĩnh thay cho bo');
    expect(rewritten('nhận trợ cấp thất nghiệp')).toBe('hưởng trợ cấp thất nghiệp');
    expect(rewritten('công chứng cccd')).toBe('chứng thực bản sao từ bản chính giấy tờ');
    expect(rewritten('xin xét hộ nghèo')).toBe('công nhận hộ nghèo hộ cận nghèo');
    expect(rewritten('đăng ký bản quyền bài hát')).toBe('đăng ký quyền tác giả bài hát');
    expect(rewritten('hàng xóm lấn đất')).toBe('tranh chấp đất đai');
    expect(rewritten('chồng nghỉ thai sản')).toBe('thai sản đối với lao động nam');
    expect(rewritten('rớt biển số')).toBe('cấp lại chứng nhận đăng ký xe');
    expect(rewritten('tiền đám ma')).toBe('mai táng phí');
    // Reporting a lost passport is its own procedure, not the re-issue "mất hộ chiếu" asks for.
    expect(rewritten('mất hộ chiếu')).toBe('cấp lại hộ chiếu');
    expect(rewritten('trình báo mất hộ chiếu')).toBeNull();
    expect(rewritten('khoan giếng')).toBe('đăng ký khai thác nước dưới đất');
    expect(rewritten('dựng rạp đám cưới')).toBe('sử dụng tạm thời lòng đường, vỉa hè');
    // Typed without diacritics, "thuê" (rent) spells "thuế" (tax): renting a room stays as typed.
    expect(rewritten('thuê nhà trọ')).toBeNull();
    // Situations: what happened, read as the procedure it calls for.
    expect(rewritten('bị mất việc')).toBe('thất nghiệp');
    expect(rewritten('xe đến hạn đăng kiểm')).toBe('xe kiểm định an toàn kỹ thuật và bảo vệ môi trường cho xe cơ giới');
    expect(rewritten('nhặt được đồ ai đánh rơi')).toBeNull();
    // Apps and everyday names of papers; a job ("việc làm") is no "việc cấp", an English level no licence class.
    expect(rewritten('nộp trên app vneid')).toBe('nộp trên ứng dụng định danh quốc gia');
    expect(rewritten('mua xe 50cc cho con')).toBe('mua xe gắn máy cho con');
    expect(rewritten('tìm việc làm')).toBeNull();
    expect(rewritten('bằng b1 tiếng anh')).toBeNull();
    expect(rewritten('bằng b1')).toBe('giấy phép lái xe hạng b 1');
  });

  it('reads the everyday names of inspections, resources, tools and diseases as the law names them', () => {
    expect(rewritten('đi đăng kiểm ô tô')).toBe('kiểm định an toàn kỹ thuật và bảo vệ môi trường cho xe cơ giới ô tô');
    expect(rewritten('cấp thẻ đăng kiểm viên')).toBeNull();
    expect(rewritten('khai thác nước ngầm')).toBe('khai thác nước dưới đất');
    expect(rewritten('khai báo dùi cui điện')).toBe('khai báo công cụ hỗ trợ');
    expect(rewritten('heo bị dịch tả châu phi')).toBe('lợn bị dịch bệnh động vật');
    expect(rewritten('tách ra thành hộ riêng')).toBe('tách ra tách hộ');
    expect(rewritten('lợn bị dịch tả lợn châu phi')).toBe('lợn bị dịch bệnh động vật');
    expect(rewritten('đăng ký xài hóa đơn điện tử')).toBe('đăng ký sử dụng hóa đơn điện tử');
    expect(rewritten('tháng lương cuối chưa kịp lĩnh')).toBe('tháng lương cuối chưa nhận');
    expect(rewritten('tự khai thuế cho thuê nhà')).toBe('tự khai thuế cho thuê bất động sản');
    expect(rewritten('tự trả tiền rồi giờ xin bảo hiểm thanh toán lại')).toContain('thanh toán trực tiếp chi phí');
    // "hc" is a passport after a verb or before the passport's words, not alone ("thủ tục hc": hành chính).
    expect(rewritten('lần đầu làm hc thì cần chuẩn bị những gì')).toContain('hộ chiếu');
    expect(rewritten('thủ tục hc ở trung tâm')).not.toContain('hộ chiếu');
  });
});

describe('everyday words that mean something else elsewhere', () => {
  it('reads a wrong name on a birth certificate as the civil status correction, on a land certificate as its correction', () => {
    expect(rewritten('khai sinh của con ghi sai tên')).toBe('thay đổi cải chính bổ sung thông tin hộ tịch tên');
    expect(rewritten('sổ đỏ ghi sai tên')).toBe('đính chính giấy chứng nhận tên');
  });

  it('does not rewrite catalog names that contain a citizen phrase meaning something else', () => {
    expect(rewritten('Đăng ký tàu biển tạm thời')).toBeNull();
    expect(rewritten('Tạm ngừng hoạt động công ty chứng khoán')).toBeNull();
    expect(rewritten('Thủ tục gia hạn hộ chiếu ngoại giao, hộ chiếu công vụ')).toBeNull();
    expect(rewritten('gộp sổ bảo hiểm xã hội')).toBe('điều chỉnh thông tin trên sổ bảo hiểm xã hội');
    expect(rewritten('gộp sổ đỏ')).toBe('hợp thửa đất');
  });

  it('keeps numbers and grades apart', () => {
    expect(rewritten('bằng B2')).toBe('giấy phép lái xe hạng b 2');
    expect(rewritten('bằng A1')).toBe('giấy phép lái xe hạng a 1');
    expect(rewritten('mất bằng cấp 3')).toBe('cấp lại văn bằng chứng chỉ');
    expect(rewritten('bằng cấp 2')).toBe('văn bằng tốt nghiệp trung học cơ sở');
  });

  it('leaves unaccented spellings of common words alone', () => {
    expect(rewritten('bien so dep')).toBeNull();
    expect(rewritten('doi tuong nao')).toBeNull();
    expect(rewritten('xe may chuyen dung')).toBeNull();
    expect(rewritten('du thuyền')).toBeNull();
  });
});

describe('an action and its object apart', () => {
  const apart = (q: string) => {
    const { words } = rewriteWords(wordsOfText(q), syn, { apart: true });
    return words ? wordsText(words) : null;
  };

  it('reads the paper named first and the action after it as the variant that says both', () => {
    expect(apart('giấy khai sinh của con bị ghi sai tên, muốn sửa lại')).toBe('thay đổi cải chính bổ sung thông tin hộ tịch của con bị ghi sai tên, muốn, lại');
    expect(apart('hợp đồng mua bán nhà dài 5 trang khi chứng thực ở xã')).toMatch(/^chứng thực giao dịch liên quan đến tài sản mua bán nhà/u);
    // In the listed order, with words between; without diacritics.
    expect(apart('sang ten luon so do')).toBe('đăng ký biến động quyền sử dụng đất chuyển nhượng luon');
    // The longest variant the parts make: "sang tên sổ đỏ cho con" is a gift.
    expect(apart('sang ten luon so do cho con')).toMatch(/^đăng ký biến động tặng cho quyền sử dụng đất/u);
    // The topic a long story begins with, the action at its end.
    expect(apart('giấy khai sinh của em bị ghi sai năm sinh, giờ muốn sửa lại cho đúng')).toMatch(/^thay đổi cải chính bổ sung thông tin hộ tịch/u);
    // A one-syllable object that begins the question is its topic.
    expect(apart('đất đang thế chấp ngân hàng mà muốn sang tên thì cần gì')).toMatch(/^đăng ký biến động quyền sử dụng đất chuyển nhượng đang thế chấp/u);
  });

  it('does not read a paper\'s state, a one-syllable object, a distant one or a question\'s other words as the action', () => {
    expect(apart('hợp đồng mua bán đã chứng thực ở xã, giờ muốn hủy')).toBeNull();
    expect(apart('xe bị tai nạn, tem đăng kiểm bị mất')).not.toMatch(/kiểm định an toàn kỹ thuật/u);
    // Inside a clause, a one-syllable word before the action is not its object ("lại" of "cải tạo lại").
    const truck = 'xe tải nhà em cải tạo lại thùng, mang ra đăng kiểm';
    expect(apart(truck) ?? truck).toContain('cải tạo lại thùng');
    expect(apart('giấy khai sinh của con em sinh năm 2015 ở bệnh viện huyện ghi sai, muốn sửa')).toBeNull();
    // An object inside a phrase kept as it is belongs to that phrase: "xe máy chuyên dùng" is no motorbike.
    expect(apart('xe máy chuyên dùng đi đăng kiểm')).not.toMatch(/khí thải|mô tô/u);
    expect(apart('xe máy cũ đi đăng kiểm')).toMatch(/khí thải xe mô tô/u);
    // Names and documents are read without it.
    expect(rewriteWords(wordsOfText('giấy khai sinh bản sao sửa'), syn).words).toBeNull();
  });
});

describe('expandQuery', () => {
  it('appends the canonical form on a new line, keeping the query', () => {
    expect(expandQuery('làm cccd ở đâu', syn)).toBe('làm cccd ở đâu\ncấp thẻ căn cước ở đâu');
  });

  it('returns the query unchanged when nothing matches', () => {
    const q = 'thủ tục đăng ký khai sinh';
    expect(expandQuery(q, syn)).toBe(q);
    expect(rewriteQuery(q, syn)).toEqual({ rewritten: null, replacements: [] });
  });

  it('matches with or without diacritics and in any case', () => {
    for (const q of ['sổ đỏ', 'so do', 'SỔ ĐỎ', 'sô đo', 'GCN QSDĐ', 'gcn qsdd']) {
      expect(rewritten(q), q).toBe('giấy chứng nhận quyền sử dụng đất');
    }
    for (const q of ['căn cước công dân', 'can cuoc cong dan', 'CCCD']) expect(rewritten(q), q).toBe('thẻ căn cước');
    expect(rewritten('doi bang lai xe')).toBe('cấp đổi giấy phép lái xe');
  });

  it('does not match when the query has different diacritics', () => {
    expect(rewritten('số đo')).toBeNull();
    expect(rewritten('đo đỏ')).toBeNull();
  });

  it('matches whole syllables only', () => {
    expect(rewritten('cccdx')).toBeNull();
    expect(rewritten('mstv')).toBeNull();
    expect(rewritten('mst')).toBe('mã số thuế');
    expect(rewritten('một số nhà đầu tư')).toBeNull();
  });

  it('keeps equivalents to one or two syllables, each with its source', () => {
    const base = JSON.parse(JSON.stringify(syn.data));
    expect(() => loadSynonyms({ ...base, equivalents: [{ words: ['hạn sử dụng', 'giá trị'], source: 'x' }] })).toThrow(/one or two syllables/u);
    expect(syn.data.equivalents.every((e) => e.source.length > 10 && e.words.length >= 2)).toBe(true);
  });

  it('reads a plate named by its colour as the number plate', () => {
    expect(rewritten('xe chạy dịch vụ biển vàng giờ muốn đổi sang biển trắng')).toMatch(/biển số xe giờ muốn cấp đổi sang biển số xe/u);
  });

  it('reads disbanding a business as the catalog\'s dissolution or end of activity', () => {
    expect(rewritten('hộ kinh doanh của nhóm bạn giờ giải tán thì làm gì')).toMatch(/giải thể chấm dứt hoạt động/u);
  });

  it('reads an abbreviation spelled out as part of a longer variant', () => {
    // "gks" is "giấy khai sinh"; "làm giấy khai sinh" is registering the birth.
    expect(rewritten('đi làm gks cho con thì cần gì')).toMatch(/đăng ký khai sinh/u);
  });

  it('prefers the longest variant and applies colloquial verbs after the groups', () => {
    expect(rewritten('mở cty tnhh 2 thành viên')).toBe('thành lập doanh nghiệp trách nhiệm hữu hạn hai thành viên trở lên');
    expect(rewritten('bị mất thẻ CCCD thì làm lại thế nào')).toBe('cấp lại thẻ căn cước thì cấp lại thế nào');
    expect(rewritten('làm sổ đỏ')).toBe('cấp giấy chứng nhận quyền sử dụng đất');
    expect(rewritten('xin giay phep xay dung')).toBe('cấp giay phep xay dung');
  });

  it('leaves kept phrases alone', () => {
    expect(rewritten('xin hỏi thủ tục')).toBeNull();
    expect(rewritten('công bố hợp quy')).toBeNull();
    expect(rewritten('thay đổi nội dung')).toBeNull();
    expect(rewritten('mất bao lâu')).toBeNull();
  });

  it('keeps punctuation so that bigrams stay within phrases', () => {
    expect(rewritten('Sổ đỏ, BHXH?')).toBe('giấy chứng nhận quyền sử dụng đất, bảo hiểm xã hội');
  });

  it('reports what was replaced', () => {
    expect(rewriteQuery('xin lltp', syn).replacements).toEqual([
      { kind: 'group', from: 'lltp', to: 'phiếu lý lịch tư pháp' },
      { kind: 'colloquial', from: 'xin', to: 'cấp' },
    ]);
  });

  it('is fast', () => {
    const q = 'Tôi muốn làm lại CCCD bị mất và sang tên sổ đỏ cho con, hồ sơ gồm những gì, nộp online được không? '.repeat(9);
    for (let i = 0; i < 200; i++) expandQuery(q, syn);
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) expandQuery(q, syn);
    expect((performance.now() - t0) / n).toBeLessThan(1);
  });
});

describe('loadSynonyms', () => {
  const valid = { version: 1, groups: [{ canonical: 'thẻ căn cước', variants: ['cccd'] }] };

  it('accepts a minimal file, with colloquial and keep defaulting to empty', () => {
    const s = loadSynonyms(valid);
    expect(s.data.colloquial).toEqual([]);
    expect(expandQuery('cccd', s)).toBe('cccd\nthẻ căn cước');
  });

  it.each([
    ['not an object', 'synonyms'],
    ['null', null],
    ['missing version', { groups: [] }],
    ['wrong version', { ...valid, version: 2 }],
    ['groups not an array', { version: 1, groups: {} }],
    ['no variants', { version: 1, groups: [{ canonical: 'thẻ căn cước', variants: [] }] }],
    ['empty variant', { version: 1, groups: [{ canonical: 'thẻ căn cước', variants: ['  '] }] }],
    ['misspelt key', { version: 1, groups: [{ canonical: 'thẻ căn cước', varaints: ['cccd'] }] }],
    ['unknown top-level key', { ...valid, group: [] }],
    ['colloquial without means', { ...valid, colloquial: [{ phrase: 'làm lại' }] }],
  ])('rejects %s', (_label, json) => {
    expect(() => loadSynonyms(json)).toThrow(/Invalid synonyms JSON/);
  });

  it('rejects a variant with two meanings', () => {
    const json = {
      version: 1,
      groups: [
        { canonical: 'thẻ căn cước', variants: ['cc'] },
        { canonical: 'chứng chỉ', variants: ['CC'] },
      ],
    };
    expect(() => loadSynonyms(json)).toThrow(/"CC" \(variant\) means both "thẻ căn cước" and "chứng chỉ"/);
  });

  it('rejects a phrase without letters or digits', () => {
    expect(() => loadSynonyms({ version: 1, groups: [{ canonical: 'x', variants: ['?!'] }] })).toThrow(/no letters or digits/);
  });
});
