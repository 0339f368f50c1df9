// The chat's decisions (worker/chat/engine.ts), with a stand-in search whose candidates and name
// matches each test sets: which record answers, when it asks, when it declines. The tests over
// the real catalog (quality.test.ts, tests/worker/chat*.test.ts) cover the same engine end to end.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Procedure } from '../../worker/catalog/schema';
import { ChatEngine, newSession, type ChatSearch, type SessionState } from '../../worker/chat/engine';
import { renderReply } from '../../worker/chat/render';
import { compileSmalltalk } from '../../worker/chat/smalltalk';
import { ageOf } from '../../worker/search/ages';
import type { Aspect } from '../../worker/search/phrases';
import type { Query, SearchHit } from '../../worker/search/engine';
import { emptyQuery } from '../../worker/search/query';
import { segment, wordsOf, wordsOfText } from '../../worker/search/text';
import { procedureRecord } from './procedure-record';

const smalltalk = compileSmalltalk(JSON.parse(readFileSync(new URL('../../knowledge/smalltalk.json', import.meta.url), 'utf8')));

/** A passport-like record: one document, eight working days, carried out by the province police. */
function record(code: string, name: string, more: Partial<Procedure> = {}): Procedure {
  return procedureRecord(code, name, {
    executingAgencies: ['Công an cấp tỉnh'],
    targetGroups: ['Công dân Việt Nam'],
    cases: [
      {
        name: '',
        headings: [],
        components: [
          { name: 'Tờ khai đề nghị cấp hộ chiếu', title: 'Tờ khai đề nghị cấp hộ chiếu', detail: '', kind: 'submit', condition: null, children: [], originals: 1, copies: 0, required: true, forms: [] },
        ],
      },
    ],
    methods: [{ method: 'direct', time: { value: 8, unit: 'working_day', text: '8 ngày làm việc' }, fees: [], description: '' }],
    steps: ['Công dân nộp hồ sơ tại cơ quan Công an. Trong thời hạn 8 ngày làm việc, cơ quan Công an trả kết quả.'],
    conditions: 'Công dân Việt Nam đủ 14 tuổi trở lên.',
    results: ['Hộ chiếu phổ thông'],
    ...more,
  });
}

const hit = (p: Procedure, score: number, agreement: number, recall = agreement, precision = agreement, focus = 0): SearchHit => ({
  code: p.code,
  name: p.name,
  levels: p.levels,
  province: p.province,
  detail: p.detail,
  score,
  match: { agreement, recall, precision, focus },
});

interface Scene {
  hits: SearchHit[];
  aspects?: Aspect[];
  levels?: Query['levels'];
  groups?: string[];
  provinces?: string[];
  document?: string;
}

/** A chat whose search answers every message with the scene's candidates (by default every word as informative, a word pair rarer: none is one of the catalog's words). */
function chatWith(records: Procedure[], scene: (message: string) => Scene, rarity: (token: string) => number = (t) => (t.includes('_') ? 8 : 2)) {
  const catalog = new Map(records.map((p) => [p.code, p]));
  const search: ChatSearch = {
    analyze(message) {
      const seg = segment(message);
      const words = wordsOf(seg);
      const s = scene(message);
      return {
        ...emptyQuery(seg),
        words,
        terms: words,
        readings: [words],
        kept: words.keys.map((_, i) => i),
        aspects: s.aspects ?? [],
        asked: (s.aspects ?? []).length,
        levels: s.levels ?? [],
        groups: s.groups ?? [],
        provinces: s.provinces ?? [],
        age: ageOf(words),
        document: s.document ? wordsOfText(s.document) : null,
        isDocument: Boolean(s.document),
        documentReadings: s.document ? [wordsOfText(s.document)] : [],
      };
    },
    searchQuery: (_q, opts) => scene('').hits.slice(0, opts.limit ?? 5),
    rarity,
    isQuestionWord: () => false,
    readingsOf: (t) => [wordsOfText(t)],
    // As knowledge/phrases.json says it: "dưới 14 tuổi" names the minors group, "lần đầu" a first act.
    groupsNamed: (name) => (name.includes('dưới 14 tuổi') ? ['minors'] : []),
    namesFirstAct: (name) => name.includes('lần đầu'),
    // As synonyms.json `followUps` reads a name's head: "Đăng ký lại …" is asked by "lại".
    laterAct: (name) => (name.startsWith('Đăng ký lại') ? ['lai'] : null),
  };
  let current = '';
  const chat = new ChatEngine({
    search: { ...search, searchQuery: (q, opts) => scene(current).hits.slice(0, opts.limit ?? 5) },
    smalltalk,
    getProcedure: async (code) => catalog.get(code) ?? null,
    config: { centreName: 'Trung tâm', hotline: '1900 1234', address: 'Số 1', province: null },
  });
  return async (message: string, session: SessionState = newSession()) => {
    current = message;
    const { answer, session: next } = await chat.respond(message, session);
    return { answer, session: next, text: renderReply(answer.blocks).text };
  };
}

const province = record('1.001456', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)');
const central = record('1.001471', 'Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp trung ương)', {
  levels: ['ministry'],
  executingAgencies: ['Cục Quản lý xuất nhập cảnh - Bộ Công an'],
});

describe('the chat decides', () => {
  it('answers a procedure published for several levels with the level a citizen uses, naming the others', async () => {
    const ask = chatWith([province, central], () => ({ hits: [hit(central, 2, 0.9), hit(province, 1.9, 0.9)], aspects: ['time'] }));
    const { answer, text } = await ask('làm hộ chiếu mất mấy ngày');
    expect(answer.intent).toBe('procedure');
    expect(answer.procedure?.code).toBe('1.001456');
    expect(text).toContain('8 ngày làm việc');
    expect(text).toMatch(/cũng được thực hiện tại cấp bộ \(trung ương\) \(mã 1\.001471\)/u);
  });

  it('answers the level the question names, by its words or by an agency only that level has', async () => {
    const byLevel = chatWith([province, central], () => ({ hits: [hit(province, 2, 0.9), hit(central, 1.9, 0.9)], levels: ['ministry'] }));
    expect((await byLevel('làm hộ chiếu ở trung ương')).answer.procedure?.code).toBe('1.001471');
    const byAgency = chatWith([province, central], () => ({ hits: [hit(province, 2, 0.9), hit(central, 1.9, 0.9)] }));
    expect((await byAgency('làm hộ chiếu ở cục quản lý xuất nhập cảnh')).answer.procedure?.code).toBe('1.001471');
  });

  it('reads the level of a listed-only record from its agency: the commune\'s before the province\'s', async () => {
    // As the catalog lists "Thành lập hội": no levels, one record per agency, one name qualified.
    const listed = { detail: false, levels: [], cases: [], methods: [], steps: [], conditions: '', results: [] };
    const byProvince = record('1.012929', 'THỦ TỤC THÀNH LẬP HỘI (CẤP TỈNH).', { ...listed, executingAgencies: ['Sở Nội Vụ'] });
    const byCommune = record('1.013703', 'Thành lập hội', { ...listed, executingAgencies: ['Ủy ban nhân dân cấp xã'] });
    const byMinistry = record('1.012928', 'THỦ TỤC THÀNH LẬP HỘI', { ...listed, executingAgencies: ['Vụ Tổ chức phi chính phủ - Bộ Nội vụ'] });
    const ask = chatWith([byProvince, byCommune, byMinistry], () => ({ hits: [hit(byProvince, 2, 0.9), hit(byMinistry, 1.99, 0.9), hit(byCommune, 1.98, 0.9)] }));
    expect((await ask('thành lập hội nộp hồ sơ ở đâu')).answer.procedure?.code).toBe('1.013703');
    // A full record without levels too, and where else it is done says the level its agency has.
    const full = { levels: [] };
    const atCommune = record('2.000001', 'Đăng ký hoạt động tín ngưỡng', { ...full, executingAgencies: ['Ủy ban nhân dân cấp xã'] });
    const atProvince = record('2.000002', 'Đăng ký hoạt động tín ngưỡng', { ...full, executingAgencies: ['Sở Nội vụ'] });
    const both = chatWith([atCommune, atProvince], () => ({ hits: [hit(atProvince, 2, 0.9), hit(atCommune, 1.99, 0.9)] }));
    const { answer, text } = await both('đăng ký hoạt động tín ngưỡng ở đâu');
    expect(answer.procedure?.code).toBe('2.000001');
    expect(text).toMatch(/cũng được thực hiện tại cấp tỉnh \(mã 2\.000002\)/u);
  });

  it('does not ask the citizen to choose between records of one procedure that differ only in capitals or "Giải quyết"', async () => {
    const a = record('1.001613', 'Giải quyết hưởng bảo hiểm xã hội một lần');
    const b = record('1.014173', 'HƯỞNG BẢO HIỂM XÃ HỘI MỘT LẦN.');
    const ask = chatWith([a, b], () => ({ hits: [hit(b, 2, 0.8), hit(a, 1.995, 0.8)] }));
    const { answer } = await ask('rút bảo hiểm xã hội một lần');
    expect(answer.intent).toBe('procedure');
  });

  it('answers the national record, not another province\'s copy in its own words, when no province is named or served', async () => {
    // As the catalog publishes "Tách thửa": Hải Phòng's record, longer, in slightly other words.
    const national = record('1.012784', 'Tách thửa hoặc hợp thửa đất.');
    const copy = record('1.115614', 'Tách thửa đất, hợp thửa đất', { province: 'Thành phố Hải Phòng' });
    const ask = chatWith([national, copy], () => ({ hits: [hit(copy, 2, 0.9), hit(national, 1.9, 0.9)] }));
    expect((await ask('muốn tách thửa đất cho con')).answer.procedure?.code).toBe('1.012784');
    // A name with one more word is another procedure, whoever publishes it.
    const other = record('1.000004', 'Tách thửa đất nông nghiệp hoặc hợp thửa đất');
    const distinct = chatWith([other, copy], () => ({ hits: [hit(copy, 2, 0.9), hit(other, 1.2, 0.5)] }));
    expect((await distinct('muốn tách thửa đất cho con')).answer.procedure?.code).toBe('1.115614');
  });

  it('reads the national record first when other provinces\' copies fill the first candidates', async () => {
    // Land records: a score of provinces publish the first certificate in shorter words than the
    // national record's, and with no province served they all rank above it. The national record,
    // read, says more of what the question does (its cases: land a family inherited).
    const national = record('1.013978', 'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu đối với hộ gia đình, cá nhân', {
      conditions: 'Đất do ông bà để lại, được thừa kế mà chưa được cấp Giấy chứng nhận.',
    });
    const copies = ['Tỉnh Lạng Sơn', 'Tỉnh Gia Lai', 'Tỉnh Lào Cai', 'Tỉnh Lai Châu', 'Tỉnh Đồng Tháp', 'Tỉnh Thanh Hóa'].map((province, i) =>
      record(`1.11570${i}`, 'Cấp Giấy chứng nhận quyền sử dụng đất lần đầu (cấp xã)', { province }),
    );
    const question = 'đất ông bà để lại được thừa kế, làm giấy chứng nhận lần đầu cần giấy tờ gì';
    const ask = chatWith([national, ...copies], () => ({ hits: [...copies.map((c, i) => hit(c, 1.6 - i / 100, 0.9)), hit(national, 1.5, 0.7)], aspects: ['components'] }));
    expect((await ask(question)).answer.procedure?.code).toBe('1.013978');
  });

  it('offers a choice when several different procedures fit equally, and takes the number replied', async () => {
    const x = record('1.000001', 'Cấp giấy phép xây dựng công trình tín ngưỡng');
    const y = record('1.000002', 'Cấp giấy phép xây dựng nhà ở riêng lẻ');
    const z = record('1.000003', 'Cấp giấy phép xây dựng công trình quảng cáo');
    const ask = chatWith([x, y, z], () => ({ hits: [hit(x, 2, 0.5, 1, 0.3), hit(y, 1.99, 0.5, 1, 0.3), hit(z, 1.98, 0.5, 1, 0.3)] }));
    const list = await ask('xin giấy phép xây dựng');
    expect(list.answer.intent).toBe('clarify');
    expect(list.answer.sources).toEqual(['1.000001', '1.000002', '1.000003']);
    const chosen = await ask('cái thứ hai', list.session);
    expect(chosen.answer.procedure?.code).toBe('1.000002');
    // Those for some people only come after the general ones, when the question names none of them…
    const minors = record('1.000004', 'Cấp giấy phép xây dựng cho người dưới 14 tuổi');
    const mixed = chatWith([minors, x, y, z], () => ({ hits: [hit(minors, 2.5, 0.5, 1, 0.3), hit(x, 1.99, 0.5, 1, 0.3), hit(y, 1.98, 0.5, 1, 0.3), hit(z, 1.97, 0.5, 1, 0.3)] }));
    expect((await mixed('xin giấy phép xây dựng')).answer.sources).toEqual(['1.000001', '1.000002', '1.000003', '1.000004']);
    // …and do not count as a choice: with one for everyone left beside them, it is answered.
    const one = chatWith([minors, x], () => ({ hits: [hit(minors, 2.5, 0.5, 1, 0.3), hit(x, 1.99, 0.5, 1, 0.3), hit(record('1.000006', 'Cấp giấy phép xây dựng cho trẻ dưới 14 tuổi ở thành phố'), 1.9, 0.5, 1, 0.3)] }));
    expect((await one('xin giấy phép xây dựng')).answer.procedure?.code).toBe('1.000001');
    // One that stands out from the others is what the question is about, however many names share its words.
    const standing = chatWith([x, y, z], () => ({ hits: [hit(x, 3, 0.5, 1, 0.3), hit(y, 1.99, 0.5, 1, 0.3), hit(z, 1.98, 0.5, 1, 0.3)] }));
    expect((await standing('xin giấy phép xây dựng')).answer.procedure?.code).toBe('1.000001');
  });

  it('answers the procedure for everyone when the others sharing its words are for some people or later acts', async () => {
    const fee = (amountVnd: number) => [{ method: 'direct' as const, time: null, fees: [{ kind: 'le_phi' as const, amount: amountVnd, currency: 'VND' as const, amountVnd, free: false, text: `${amountVnd} đồng` }], description: '' }];
    const domestic = record('2.001263', 'Đăng ký việc nuôi con nuôi trong nước', { methods: fee(400000) });
    const again = record('2.001255', 'Đăng ký lại việc nuôi con nuôi trong nước', { methods: fee(0) });
    const minors = record('1.000005', 'Đăng ký việc nuôi con nuôi cho trẻ dưới 14 tuổi', { methods: fee(100000) });
    const hits = () => ({ hits: [hit(domestic, 2, 0.5, 1, 0.3), hit(again, 1.99, 0.5, 1, 0.3), hit(minors, 1.98, 0.5, 1, 0.3)], aspects: ['fee' as const] });
    const { answer, text } = await chatWith([domestic, again, minors], hits)('đăng ký việc nuôi con nuôi thì lệ phí bao nhiêu');
    expect(answer.intent).toBe('procedure');
    expect(answer.procedure?.code).toBe('2.001263');
    expect(text).toMatch(/Đăng ký lại việc nuôi con nuôi/u);
    // A question that names the later act, which the search then puts first, is answered with it.
    const asked = () => ({ hits: [hit(again, 2, 0.5, 1, 0.3), hit(domestic, 1.99, 0.5, 1, 0.3), hit(minors, 1.98, 0.5, 1, 0.3)], aspects: ['fee' as const] });
    const named = await chatWith([domestic, again, minors], asked)('đăng ký lại việc nuôi con nuôi thì lệ phí bao nhiêu');
    expect(named.answer.procedure?.code).toBe('2.001255');
    // Three for everyone are a choice (the test above); so are two and a later act the question names.
    const actual = record('2.001264', 'Đăng ký việc nuôi con nuôi thực tế', { methods: fee(200000) });
    const three = () => ({ hits: [hit(domestic, 2, 0.5, 1, 0.3), hit(again, 1.99, 0.5, 1, 0.3), hit(actual, 1.98, 0.5, 1, 0.3)], aspects: ['fee' as const] });
    expect((await chatWith([domestic, again, actual], three)('đăng ký lại việc nuôi con nuôi thì lệ phí bao nhiêu')).answer.intent).toBe('clarify');
  });

  it('answers a specific question without a choice when every procedure offered quotes the same rule', async () => {
    const rule = (text: string) => ({ steps: ['Người thành lập doanh nghiệp nộp hồ sơ tại Cơ quan đăng ký kinh doanh.', text] });
    const partnership = record('2.002042', 'Đăng ký thành lập công ty hợp danh', rule('Văn bản ủy quyền này không bắt buộc phải công chứng, chứng thực'));
    const shares = record('2.002043', 'Đăng ký thành lập công ty cổ phần', rule('Văn bản ủy quyền này không bắt buộc phải công chứng, chứng thực.'));
    const limited = record('2.001583', 'Đăng ký thành lập công ty TNHH một thành viên', rule('Văn bản ủy quyền này không bắt buộc phải công chứng, chứng thực.'));
    const hits = () => ({ hits: [hit(partnership, 2, 0.5, 1, 0.3), hit(shares, 1.99, 0.5, 1, 0.3), hit(limited, 1.98, 0.5, 1, 0.3)], aspects: ['detail' as const] });
    const question = 'thành lập công ty thì văn bản ủy quyền có cần công chứng không';
    const { answer, text } = await chatWith([partnership, shares, limited], hits)(question);
    expect(answer.intent).toBe('procedure');
    expect(text).toMatch(/không bắt buộc phải công chứng, chứng thực/u);
    expect(text).toMatch(/Đăng ký thành lập công ty TNHH một thành viên/u);
    // Where one record says otherwise, the citizen chooses.
    const stricter = record('2.001583', 'Đăng ký thành lập công ty TNHH một thành viên', rule('Văn bản ủy quyền này phải được công chứng hoặc chứng thực.'));
    const differing = () => ({ hits: [hit(partnership, 2, 0.5, 1, 0.3), hit(shares, 1.99, 0.5, 1, 0.3), hit(stricter, 1.98, 0.5, 1, 0.3)], aspects: ['detail' as const] });
    expect((await chatWith([partnership, shares, stricter], differing)(question)).answer.intent).toBe('clarify');
  });

  // 2.001016's steps on the witness: who brings one, and what if the citizen cannot.
  const witnessSteps = [
    'Người yêu cầu chứng thực nộp hồ sơ tại Ủy ban nhân dân cấp xã.',
    'Người làm chứng do người yêu cầu chứng thực bố trí.',
    'Trường hợp người yêu cầu chứng thực không bố trí được người làm chứng thì đề nghị cơ quan thực hiện chứng thực chỉ định người làm chứng.',
  ];

  it('quotes the two sentences that speak of a question naming no aspect, when the second is nearly as near', async () => {
    const witness = record('2.001016', 'Chứng thực văn bản từ chối nhận di sản', { steps: witnessSteps });
    const { answer, text } = await chatWith([witness], () => ({ hits: [hit(witness, 2, 0.6)] }))('người làm chứng không bố trí được thì sao');
    expect(answer.procedure?.code).toBe('2.001016');
    expect(text).toMatch(/Người làm chứng do người yêu cầu chứng thực bố trí/u);
    expect(text).toMatch(/chỉ định người làm chứng/u);
  });

  it('quotes a third sentence when it is nearly as near as the best', async () => {
    const witness = record('2.001016', 'Chứng thực văn bản từ chối nhận di sản', {
      steps: [...witnessSteps, 'Người làm chứng phải có đủ năng lực hành vi dân sự và không có quyền, lợi ích liên quan đến giao dịch.'],
    });
    for (const aspects of [['detail' as const], []]) {
      // A specific question, and one that names no aspect.
      const { text } = await chatWith([witness], () => ({ hits: [hit(witness, 2, 0.6)], aspects }))('người làm chứng phải bố trí thế nào');
      expect(text).toMatch(/Người làm chứng do người yêu cầu chứng thực bố trí/u);
      expect(text).toMatch(/chỉ định người làm chứng/u);
      expect(text, aspects.join()).toMatch(/Người làm chứng phải có đủ năng lực hành vi dân sự/u);
    }
  });

  it('quotes the nearest sentence to a question that tells a story of its own, however little of it the sentence has; not to one that only names the procedure', async () => {
    const birth = record('1.001193', 'Thủ tục đăng ký khai sinh', {
      steps: [
        'Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.',
        'Trường hợp cha, mẹ không thỏa thuận được về họ, dân tộc, quê quán của con khi đăng ký khai sinh thì họ của con được xác định theo tập quán.',
      ],
      results: ['Giấy khai sinh.'],
    });
    const ask = chatWith([birth], () => ({ hits: [hit(birth, 2, 0.9)] }));
    const told = await ask('hai vợ chồng em cãi nhau mãi không thống nhất cho con theo họ bố hay họ mẹ thì xã xử lý thế nào');
    expect(told.answer.procedure?.code).toBe('1.001193');
    expect(told.text).toMatch(/được xác định theo tập quán/u);
    // Only the name: the overview, no sentence quoted.
    const named = await ask('đăng ký khai sinh');
    expect(named.answer.procedure?.code).toBe('1.001193');
    expect(named.text).not.toMatch(/Theo mục/u);
  });

  it('answers the steps asked of a channel ("trên VNeID thì các bước thế nào") once, the channel after them', async () => {
    const record3 = record('3.000333', 'Cấp Phiếu Lý lịch tư pháp', {
      steps: [
        'Bước 1: Người yêu cầu đăng nhập bằng tài khoản định danh mức độ 2 trên Ứng dụng định danh quốc gia VNeID.',
        'Bước 2: Người yêu cầu kê khai tờ khai điện tử và nộp lệ phí trực tuyến.',
      ],
      methods: [{ method: 'online', time: { value: 10, unit: 'working_day', text: '10 ngày làm việc' }, fees: [], description: '' }],
    });
    const { answer, text } = await chatWith([record3], () => ({ hits: [hit(record3, 2, 0.9)], aspects: ['online', 'steps'] }))('làm lý lịch tư pháp trên vneid thì các bước thế nào');
    expect(answer.procedure?.code).toBe('3.000333');
    expect(text.indexOf('Trình tự thực hiện')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Trình tự thực hiện')).toBeLessThan(text.indexOf('Các cách nộp'));
    expect(text.split('Bước 1: Người yêu cầu đăng nhập').length - 1).toBe(1);
  });

  it('offers no choice between two records of one procedure, published by channel', async () => {
    // As the catalog publishes vehicle procedures: the fully online record and the in-person one.
    const online = record('1.013065', 'Thu hồi chứng nhận đăng ký xe, biển số xe thực hiện bằng dịch vụ công toàn trình');
    const inPerson = record('1.013123', 'Thu hồi giấy chứng nhận đăng ký, biển số xe thực hiện bằng dịch vụ công trực tuyến một phần hoặc trực tiếp');
    const minerals = record('1.014258', 'Xác nhận đăng ký thu hồi khoáng sản');
    const hits = [hit(online, 2, 0.5, 1, 0.3), hit(inPerson, 1.99, 0.5, 1, 0.3), hit(minerals, 1.98, 0.5, 1, 0.3)];
    const ask = chatWith([online, inPerson, minerals], () => ({ hits }));
    const { answer } = await ask('bán xe rồi thì bao lâu phải làm thủ tục thu hồi đăng ký');
    expect(answer.intent).toBe('procedure');
    expect(answer.procedure?.code).toBe('1.013065');
  });

  it('does not offer an organisation\'s procedure beside the citizen\'s that fits as well: it answers the citizen\'s', async () => {
    const joining = record('2.000596', 'Thủ tục đăng ký tham gia trợ giúp pháp lý', { targetGroups: ['Tổ chức (không bao gồm doanh nghiệp, HTX)'] });
    const asking = record('2.000829', 'Thủ tục yêu cầu trợ giúp pháp lý', { targetGroups: ['Công dân Việt Nam', 'Người nước ngoài'] });
    // The organisation's first by the search; the re-rank's citizen bonus leaves them this close.
    const ask = chatWith([joining, asking], () => ({ hits: [hit(joining, 2.21, 0.8), hit(asking, 2, 0.8)] }));
    expect((await ask('trợ giúp pháp lý mất tiền gì')).answer.procedure?.code).toBe('2.000829');
    // Two citizens' procedures as close are still offered.
    const other = record('2.000592', 'Thủ tục giải quyết khiếu nại về trợ giúp pháp lý', { targetGroups: ['Công dân Việt Nam', 'Người nước ngoài'] });
    const both = chatWith([asking, other], () => ({ hits: [hit(other, 2, 0.8), hit(asking, 1.995, 0.8)] }));
    expect((await both('trợ giúp pháp lý mất tiền gì')).answer.intent).toBe('clarify');
    // Unless the first one's name agrees with the question clearly more: it is answered.
    const clearer = chatWith([asking, other], () => ({ hits: [hit(other, 2, 0.8), hit(asking, 1.995, 0.65)] }));
    expect((await clearer('trợ giúp pháp lý mất tiền gì')).answer.procedure?.code).toBe('2.000592');
    // The first by score or not.
    const second = chatWith([asking, other], () => ({ hits: [hit(other, 2, 0.65), hit(asking, 1.995, 0.8)] }));
    expect((await second('trợ giúp pháp lý mất tiền gì')).answer.procedure?.code).toBe('2.000829');
  });

  it('declines with the nearest procedures as suggestions when the best candidate is not what the question is about', async () => {
    const company = record('1.009796', 'Đăng ký công ty đại chúng', { targetGroups: ['Doanh nghiệp'] });
    const ask = chatWith([company], () => ({ hits: [hit(company, 1, 0.12)] }));
    const { answer, text } = await ask('thủ tục xin nghỉ phép ở công ty');
    expect(answer.intent).not.toBe('procedure');
    expect(text).toContain('1900 1234');
  });

  it('answers with a record listed by name only when its name agrees, though the question says more than the name', async () => {
    const listed = procedureRecord('1.013133', 'Thủ tục đăng ký nghĩa vụ quân sự lần đầu', { detail: false, levels: ['commune'] });
    const question = 'con trai em năm nay vừa đủ 17 tuổi rồi, thằng bé đi đăng ký nghĩa vụ quân sự lần đầu ở đâu';
    expect((await chatWith([listed], () => ({ hits: [hit(listed, 1, 0.6)] }))(question)).answer.procedure?.code).toBe('1.013133');
    // The same record with its text would be asked to speak of the rest ("con trai", "17 tuổi").
    const full = { ...listed, detail: true };
    expect((await chatWith([full], () => ({ hits: [hit(full, 1, 0.6)] }))(question)).answer.intent).not.toBe('procedure');
    expect((await chatWith([listed], () => ({ hits: [hit(listed, 1, 0.3)] }))(question)).answer.intent).not.toBe('procedure');
  });

  it('answers a long story when the name has what the question says it wants', async () => {
    const land = record('1.013947', 'Xác nhận tiếp tục sử dụng đất nông nghiệp');
    // The story ("ruộng … giao từ năm 93", "trên sổ ghi") is little of the record's text.
    const question = 'ruộng nhà em được giao từ năm 93, trên sổ ghi hết hạn năm nay, muốn xin tiếp tục sử dụng';
    expect((await chatWith([land], () => ({ hits: [hit(land, 1, 0.45)] }))(question)).answer.intent).not.toBe('procedure');
    // The name has nearly all the focus ("tiếp tục sử dụng"): it is what the question is about.
    expect((await chatWith([land], () => ({ hits: [hit(land, 1, 0.45, 0.45, 0.45, 0.95)] }))(question)).answer.procedure?.code).toBe('1.013947');
  });

  it('answers a question that has the whole of a name, however little of the record speaks of the rest', async () => {
    const absence = record('1.003677', 'Khai báo tạm vắng', { levels: ['commune'] });
    const question = 'con mình 15 tuổi đi học xa nhà lâu ngày, khai báo tạm vắng cho cháu thì ai đứng ra khai';
    // The name is all in the question, and 0.45 of it: what the question is about.
    expect((await chatWith([absence], () => ({ hits: [hit(absence, 1, 0.45, 0.4, 1)] }))(question)).answer.procedure?.code).toBe('1.003677');
    // The same agreement from a name only partly in the question is not enough.
    expect((await chatWith([absence], () => ({ hits: [hit(absence, 1, 0.45, 0.45, 0.45)] }))(question)).answer.intent).not.toBe('procedure');
  });

  it('does not take a name that agrees well for a word the catalog never uses', async () => {
    const ship = record('1.002674', 'Đăng ký tàu biển có thời hạn');
    // "ielts" is no word of the catalog: a name agreeing 0.75 does not vouch for it, one agreeing 0.95 does.
    const rarity = (t: string) => (t === 'ielts' ? 0 : 2);
    const question = 'chứng chỉ ielts có thời hạn, đăng ký thi lại ở đâu';
    expect((await chatWith([ship], () => ({ hits: [hit(ship, 1, 0.75)] }), rarity)(question)).answer.intent).not.toBe('procedure');
    expect((await chatWith([ship], () => ({ hits: [hit(ship, 1, 0.95)] }), rarity)(question)).answer.intent).toBe('procedure');
    // Without the foreign word, 0.75 is a sure name.
    expect((await chatWith([ship], () => ({ hits: [hit(ship, 1, 0.75)] }), rarity)('tàu biển có thời hạn, đăng ký ở đâu')).answer.intent).toBe('procedure');
  });

  it('answers despite a Vietnamese word the catalog never uses when the record stands out from every other', async () => {
    const visa = record('2.000001', 'Gia hạn thị thực');
    // "quen" is no word of the catalog; the record has about half of the rest of the question.
    const rarity = (t: string) => (t === 'quen' ? 0 : 2);
    const question = 'làm hộ chiếu cho người quen ở công an tỉnh';
    const far = chatWith([province, visa], () => ({ hits: [hit(province, 2, 0.5), hit(visa, 1, 0.5)] }), rarity);
    expect((await far(question)).answer.procedure?.code).toBe('1.001456');
    // With another procedure nearly as good, the unfamiliar word may be what neither is about.
    const near = chatWith([province, visa], () => ({ hits: [hit(province, 2, 0.5), hit(visa, 1.9, 0.5)] }), rarity);
    expect((await near(question)).answer.intent).not.toBe('procedure');
  });

  it('declines when the record has the question’s syllables but none of its word pairs', async () => {
    const ask = chatWith([province], () => ({ hits: [hit(province, 1, 0.3)] }));
    // "quan", "công", "việc", "trong" are in the record ("cơ quan Công an", "ngày làm việc"), as half
    // the question's words; "quan hệ", "công việc", "công ty" are not.
    expect((await ask('quan hệ công việc với sếp trong công ty')).answer.intent).not.toBe('procedure');
    // The same name agreement, with the record's own pairs ("công dân", "cơ quan công an").
    expect((await ask('công dân làm việc với cơ quan công an')).answer.intent).toBe('procedure');
  });

  it('declines a question that asks nothing of a record that agrees little and covers only part of it', async () => {
    const scene = (aspects: Aspect[]) => () => ({ hits: [hit(province, 1, 0.18)], aspects });
    const question = 'công dân làm việc với cơ quan công an về lương thưởng trường tư';
    expect((await chatWith([province], scene([]))(question)).answer.intent).toBe('unmatched');
    // The same words asking something the record answers are about it.
    expect((await chatWith([province], scene(['time']))(question)).answer.intent).toBe('procedure');
  });

  it('declines what no procedure answers by topic, unless the message clearly names a procedure', async () => {
    const ask = chatWith([province], () => ({ hits: [hit(province, 1, 0.5)] }));
    expect((await ask('mở ví momo có cần căn cước không')).answer.intent).toBe('out_of_scope');
    expect((await ask('thời tiết hôm nay thế nào')).answer.intent).toBe('out_of_scope');
    // Another country's visa is its embassy's; a visa to Vietnam ("visa điện tử sang VN") is not such a topic.
    expect((await ask('xin visa du lich Han Quoc co can so do chung minh tai san khong')).answer.intent).toBe('out_of_scope');
    expect(smalltalk.match(wordsOfText('bạn trai người Úc xin visa điện tử sang Việt Nam nộp ở đâu')).kinds).not.toContain('outOfScope');
    // A divorce is the court's; recording one decided abroad is a procedure named with its words.
    expect((await ask('thủ tục ly hôn cần giấy tờ gì')).answer.intent).toBe('out_of_scope');
    expect(smalltalk.match(wordsOfText('ly hôn ở nước ngoài, về xã ghi chú thì cần gì')).kinds).not.toContain('outOfScope');
    // …wherever else in the question its words stand.
    expect(smalltalk.match(wordsOfText('ly hôn bên Hàn rồi, về VN ghi chú ly hôn xong thì nhận được giấy gì')).kinds).not.toContain('outOfScope');
    expect(smalltalk.match(wordsOfText('muốn ly hôn bên Hàn thì làm sao')).kinds).toContain('outOfScope');
    // A divorce already done is the asker's civil status, what the procedure asked about follows from it.
    // …and so does a divorce's document, which civil-status dossiers list.
    for (const q of ['em đã ly hôn, xin giấy xác nhận tình trạng hôn nhân cần gì', 'ly hon roi muon dang ky ket hon lai', 'xin giay xac nhan doc than co phai dua quyet dinh ly hon ko']) {
      expect(smalltalk.match(wordsOfText(q)).kinds, q).not.toContain('outOfScope');
    }
    // A topic's words across a word boundary are no topic: the neighbour's house, an electronic ID, filming.
    for (const q of ['chữa cháy giúp nhà hàng xóm bị bỏng', 'da khoa can cuoc dien tu vi tuong mat dien thoai', 'giấy phép dùng súng làm đạo cụ quay phim']) {
      expect(smalltalk.match(wordsOfText(q)).kinds, q).not.toContain('outOfScope');
    }
    expect(smalltalk.match(wordsOfText('tối nay rạp phim chiếu gì')).kinds).toContain('outOfScope');
    // A bank's interest rate is no procedure; the State's support of it on a loan is one.
    expect(smalltalk.match(wordsOfText('lãi suất vay mua nhà ngân hàng nào thấp')).kinds).toContain('outOfScope');
    expect(smalltalk.match(wordsOfText('vay vốn trồng rừng xin hỗ trợ lãi suất cần giấy gì')).kinds).not.toContain('outOfScope');
    // A restaurant to eat at is no procedure; one's own eatery is a household business.
    expect(smalltalk.match(wordsOfText('nhà hàng nào ngon gần đây')).kinds).toContain('outOfScope');
    for (const q of ['quán ăn nhà mình muốn nghỉ tạm 3 tháng thì báo cho xã trước mấy ngày', 'mở nhà hàng cần giấy chứng nhận gì']) {
      expect(smalltalk.match(wordsOfText(q)).kinds, q).not.toContain('outOfScope');
    }
  });

  it('does not read an out-of-scope topic that ends inside one of the catalog\'s words', async () => {
    // "làm văn" (an essay) in "làm văn bản chia thừa kế": "văn bản" is a pair in one procedure in twenty.
    const rarity = (t: string) => (t === 'van_ban' ? 1.5 : t.includes('_') ? 8 : 2);
    const ask = chatWith([province], () => ({ hits: [hit(province, 1, 0.3)] }), rarity);
    expect((await ask('mấy anh em muốn làm văn bản chia thừa kế')).answer.intent).not.toBe('out_of_scope');
    expect((await ask('nhờ làm văn nghị luận xã hội')).answer.intent).toBe('out_of_scope');
  });

  it('answers the procedure for everyone rather than one for a group the question does not name, and that one when it does', async () => {
    const adult = record('1.014061', 'Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên');
    const child = record('1.014062', 'Cấp thẻ căn cước cho người dưới 14 tuổi');
    const hits = [hit(child, 2, 0.8), hit(adult, 1.9, 0.8)];
    expect((await chatWith([adult, child], () => ({ hits }))('làm thẻ căn cước')).answer.procedure?.code).toBe('1.014061');
    expect((await chatWith([adult, child], () => ({ hits, groups: ['minors'] }))('làm thẻ căn cước cho con')).answer.procedure?.code).toBe('1.014062');
    // …even when the search put the general one first by a little.
    const generalFirst = [hit(adult, 2, 0.8), hit(child, 1.9, 0.8)];
    expect((await chatWith([adult, child], () => ({ hits: generalFirst, groups: ['minors'] }))('làm thẻ căn cước cho con')).answer.procedure?.code).toBe('1.014062');
    // An age given decides, whatever the words say of children.
    expect((await chatWith([adult, child], () => ({ hits, groups: ['minors'] }))('làm thẻ căn cước cho con 15 tuổi')).answer.procedure?.code).toBe('1.014061');
  });

  it('answers the act a family of procedures starts with when the question names no later one', async () => {
    const later = record('1.013136', 'Thủ tục Đăng ký nghĩa vụ quân sự bổ sung');
    const first = record('1.013133', 'Thủ tục đăng ký nghĩa vụ quân sự lần đầu');
    const ask = chatWith([later, first], () => ({ hits: [hit(later, 2, 0.8), hit(first, 1.97, 0.8)] }));
    expect((await ask('đăng ký nghĩa vụ quân sự')).answer.procedure?.code).toBe('1.013133');
  });

  it('keeps a follow-up on the procedure talked about', async () => {
    const ask = chatWith([province, central], (m) => (m.includes('lệ phí') ? { hits: [], aspects: ['fee'] } : { hits: [hit(province, 2, 0.9)] }));
    const first = await ask('cấp hộ chiếu phổ thông');
    const next = await ask('còn lệ phí thì sao', first.session);
    expect(next.answer.procedure?.code).toBe('1.001456');
    expect(next.answer.aspect).toBe('fee');
  });

  it('answers a yes/no question about a document from the checklist, and says so when the list does not have it', async () => {
    const ask = chatWith([province], (m) => ({ hits: [hit(province, 2, 0.9)], aspects: ['yesno'], document: m.includes('tờ khai') ? 'tờ khai' : 'giấy khám sức khỏe' }));
    const yes = await ask('làm hộ chiếu có cần tờ khai không');
    expect(yes.text).toMatch(/^Có\. /mu);
    expect(yes.text).toContain('Tờ khai đề nghị cấp hộ chiếu');
    const no = await ask('làm hộ chiếu có cần giấy khám sức khỏe không');
    expect(no.text).toContain('không thấy trong danh sách hồ sơ');
    expect(no.text).toContain('Tờ khai đề nghị cấp hộ chiếu');
  });

  it('answers "yes" with the item, and quotes where the record waives it for some people', async () => {
    const residence = record('1.004222', 'Đăng ký thường trú', {
      cases: [
        {
          name: '',
          headings: [],
          components: [
            { name: 'Giấy tờ chứng minh quan hệ nhân thân (giấy khai sinh, giấy chứng nhận kết hôn)', title: 'Giấy tờ chứng minh quan hệ nhân thân', detail: '(giấy khai sinh, giấy chứng nhận kết hôn)', kind: 'submit', condition: null, children: [], originals: 1, copies: 0, required: true, forms: [] },
            { name: 'Lưu ý: Không yêu cầu xuất trình Giấy khai sinh đối với trường hợp trẻ em mới sinh đăng ký thường trú lần đầu.', title: 'Lưu ý', detail: '', kind: 'note', condition: null, children: [], originals: 0, copies: 0, required: false, forms: [] },
          ],
        },
      ],
    });
    const ask = chatWith([residence], () => ({ hits: [hit(residence, 2, 0.9)], aspects: ['yesno'], document: 'giấy khai sinh' }));
    const { text } = await ask('nhập hộ khẩu cho con mới sinh có cần giấy khai sinh không');
    expect(text).toMatch(/^Có\. /mu);
    expect(text).toContain('Không yêu cầu xuất trình Giấy khai sinh đối với trường hợp trẻ em mới sinh');
  });

  it('answers a specific question with the sentence of the record that says it', async () => {
    const ask = chatWith([province], () => ({ hits: [hit(province, 2, 0.9)], aspects: ['detail'] }));
    const { text } = await ask('làm hộ chiếu phải đủ bao nhiêu tuổi');
    expect(text).toContain('Theo mục “Yêu cầu, điều kiện” của thủ tục: “Công dân Việt Nam đủ 14 tuổi trở lên.”');
  });

  it('quotes the case\'s duration when the steps give several and the method rows one', async () => {
    const book = record('1.002759', 'Cấp lại, đổi, điều chỉnh thông tin trên sổ BHXH, thẻ BHYT', {
      methods: [{ method: 'direct', time: { value: 45, unit: 'day', text: '45 ngày' }, fees: [], description: '' }],
      steps: [
        'Bước 1. Người tham gia lập hồ sơ.',
        'Thời hạn giải quyết 1. Cấp lại sổ BHXH do sổ BHXH mất, hỏng: không quá 10 ngày kể từ ngày nhận đủ hồ sơ. Trường hợp phải xác minh quá trình đóng BHXH ở tỉnh khác thì không quá 45 ngày.\n2. Điều chỉnh nội dung đã ghi trên sổ BHXH: không quá 5 ngày kể từ ngày nhận đủ hồ sơ.',
      ],
    });
    const ask = chatWith([book], () => ({ hits: [hit(book, 2, 0.9)], aspects: ['time'] }));
    const { text } = await ask('sổ bhxh bị mất xin cấp lại mất bao lâu');
    expect(text).toContain('45 ngày');
    expect(text).toContain('không quá 10 ngày');
  });

  it('quotes the next case\'s time too when it is nearly as near the question, each sentence under its step', async () => {
    // As the catalog writes "Phê duyệt Phương án khai thác gỗ …": the method row says 1 day, the step two times.
    const harvest = record('1.011471', 'Phê duyệt Phương án khai thác gỗ loài thông thường thuộc thẩm quyền của Ủy ban nhân dân cấp xã', {
      methods: [{ method: 'direct', time: { value: 1, unit: 'working_day', text: '1 ngày làm việc' }, fees: [], description: '' }],
      steps: [
        'c) Bước 3: Phê duyệt phương án khai thác và trả kết quả\nTrong thời hạn 07 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, cơ quan có thẩm quyền ban hành Quyết định phê duyệt.\nTrường hợp cần xác minh hồ sơ, trong thời hạn 03 ngày làm việc, cơ quan có thẩm quyền thông báo việc xác minh.',
      ],
    });
    const ask = chatWith([harvest], () => ({ hits: [hit(harvest, 2, 0.9)], aspects: ['time'] }));
    const { text } = await ask('nộp phương án khai thác gỗ lên xã bao lâu được phê duyệt');
    expect(text).toContain('“Phê duyệt phương án khai thác và trả kết quả: Trong thời hạn 07 ngày làm việc');
    expect(text).toContain('03 ngày làm việc');
  });

  it('greets, thanks and refuses requests for other people\'s data without searching', async () => {
    const ask = chatWith([province], () => ({ hits: [hit(province, 2, 0.9)] }));
    expect((await ask('xin chào')).answer.intent).toBe('greeting');
    expect((await ask('cảm ơn nhiều')).answer.intent).toBe('thanks');
    expect((await ask('số điện thoại của chủ tịch xã là gì')).answer.intent).toBe('out_of_scope');
    // One's own number, or the one a registration uses, is no one else's data.
    expect((await ask('làm định danh cho con thì đăng ký bằng số điện thoại của ai')).answer.intent).toBe('procedure');
    expect((await ask('con 10 tuổi làm định danh thì dùng số điện thoại của ai')).answer.intent).toBe('procedure');
    expect((await ask('muốn đổi số điện thoại của mình trên tài khoản')).answer.intent).toBe('procedure');
  });
});
