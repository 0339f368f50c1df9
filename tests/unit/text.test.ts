import { describe, it, expect } from 'vitest';
import { create, insertMultiple, load, save, search, type AnyOrama } from '@orama/orama';
import {
  BIGRAM_SEPARATOR,
  createVietnameseTokenizer,
  diacriticsAgree,
  fold,
  normalize,
  syllableForms,
  syllables,
  tokenize,
  wordsOfText,
} from '../../worker/search/text';

// Written out by hand (not derived from the module): each row is one vowel in the tone order
// none, huyền, sắc, hỏi, ngã, nặng, with the letter it must fold to.
const LOWER: [string, string][] = [
  ['aàáảãạ', 'a'],
  ['ăằắẳẵặ', 'a'],
  ['âầấẩẫậ', 'a'],
  ['eèéẻẽẹ', 'e'],
  ['êềếểễệ', 'e'],
  ['iìíỉĩị', 'i'],
  ['oòóỏõọ', 'o'],
  ['ôồốổỗộ', 'o'],
  ['ơờớởỡợ', 'o'],
  ['uùúủũụ', 'u'],
  ['ưừứửữự', 'u'],
  ['yỳýỷỹỵ', 'y'],
];
const UPPER: [string, string][] = [
  ['AÀÁẢÃẠ', 'a'],
  ['ĂẰẮẲẴẶ', 'a'],
  ['ÂẦẤẨẪẬ', 'a'],
  ['EÈÉẺẼẸ', 'e'],
  ['ÊỀẾỂỄỆ', 'e'],
  ['IÌÍỈĨỊ', 'i'],
  ['OÒÓỎÕỌ', 'o'],
  ['ÔỒỐỔỖỘ', 'o'],
  ['ƠỜỚỞỠỢ', 'o'],
  ['UÙÚỦŨỤ', 'u'],
  ['ƯỪỨỬỮỰ', 'u'],
  ['YỲÝỶỸỴ', 'y'],
];
const TONES = ['none', 'huyền', 'sắc', 'hỏi', 'ngã', 'nặng'];
const TABLE = [...LOWER, ...UPPER].flatMap(([forms, base]) =>
  [...forms].map((ch, tone) => ({ ch, base, tone: TONES[tone]! })),
);

describe('fold', () => {
  it('covers 12 vowels × 6 tones × 2 cases', () => {
    expect(TABLE).toHaveLength(144);
    expect(new Set(TABLE.map((r) => r.ch)).size).toBe(144);
  });

  it.each(TABLE)('$ch ($tone) → $base', ({ ch, base }) => {
    expect(fold(ch)).toBe(base);
    expect(fold(ch.normalize('NFD'))).toBe(base);
  });

  it('folds đ and Đ to d', () => {
    expect(fold('đ')).toBe('d');
    expect(fold('Đ')).toBe('d');
    expect(fold('Đăng ký ĐKKD')).toBe('dang ky dkkd');
  });

  it('reads a number with the leading zeros the catalog writes as citizens type it ("09 số": "9 số")', () => {
    const catalog = tokenize('chứng minh nhân dân 09 số');
    expect(catalog).toContain('9');
    expect(catalog).toContain(`9${BIGRAM_SEPARATOR}so`);
    expect(tokenize('cmnd 9 so').filter((t) => catalog.includes(t))).toEqual(expect.arrayContaining(['9', `9${BIGRAM_SEPARATOR}so`]));
    expect(wordsOfText('trong 05 ngày').folds).toEqual(['trong', '5', 'ngay']);
    // A code keeps its digits; a zero alone stays.
    expect(wordsOfText('thủ tục 1.001193').folds).toContain('1.001193');
    expect(wordsOfText('0 đồng').folds[0]).toBe('0');
  });

  it('folds whole Vietnamese text and keeps everything else', () => {
    expect(fold('Thủ tục Cấp lại Giấy phép lái xe (GPLX) 1.001193')).toBe(
      'thu tuc cap lai giay phep lai xe (gplx) 1.001193',
    );
    expect(fold('Người ĐỀ NGHỊ, café')).toBe('nguoi de nghi, cafe');
  });
});

describe('normalize', () => {
  it('unifies old and new tone placement on the form the catalog uses', () => {
    expect(normalize('hoà')).toBe('hòa');
    expect(normalize('hòa')).toBe('hòa');
    expect(normalize('thuỷ')).toBe('thủy');
    expect(normalize('khoẻ')).toBe('khỏe');
    expect(normalize('HOÀ')).toBe('hòa');
    expect(normalize('Hoà giải, tàu thuỷ, hoá đơn, uỷ ban, luỹ kế')).toBe('hòa giải, tàu thủy, hóa đơn, ủy ban, lũy kế');
  });

  it('moves misplaced tones to the main vowel and leaves correct ones alone', () => {
    expect(normalize('ngòai')).toBe('ngoài');
    expect(normalize('qủa')).toBe('quả');
    expect(normalize('khủyu')).toBe('khuỷu');
    for (const w of ['hoàng', 'thuyền', 'quý', 'quí', 'giữa', 'gìn', 'già', 'người', 'khuya', 'huỳnh', 'của', 'mía', 'hoặc', 'thuở']) {
      expect(normalize(w)).toBe(w);
    }
  });

  // A misplaced tone must land on the right vowel with the same tone, for every vowel and tone.
  const ROW = new Map(LOWER.map(([forms]) => [forms[0]!, forms]));
  const withTone = (word: string, at: number, tone: number) =>
    [...word].map((ch, i) => (i === at ? ROW.get(ch)![tone] : ch)).join('');
  const MOVES: [string, number, number][] = [
    ['hoan', 1, 2], // → a
    ['hoăc', 1, 2], // → ă
    ['tuân', 1, 2], // → â
    ['ngoeo', 2, 3], // → e
    ['thuê', 2, 3], // → ê
    ['mia', 2, 1], // → i
    ['hoa', 2, 1], // → o
    ['uông', 0, 1], // → ô
    ['thuơ', 2, 3], // → ơ
    ['thuy', 3, 2], // → u
    ['cưa', 2, 1], // → ư
    ['huynh', 1, 2], // → y
  ];
  const MOVE_CASES = MOVES.flatMap(([word, from, to]) =>
    [1, 2, 3, 4, 5].map((tone) => ({ input: withTone(word, from, tone), expected: withTone(word, to, tone), tone: TONES[tone] })),
  );
  it.each(MOVE_CASES)('$input → $expected ($tone)', ({ input, expected }) => {
    expect(normalize(input)).toBe(expected);
    expect(normalize(input.toUpperCase())).toBe(expected);
    expect(normalize(expected)).toBe(expected);
  });

  it('leaves words that are not Vietnamese syllables as typed', () => {
    expect(normalize('café')).toBe('café');
  });

  it('gives the same result for NFD and NFC input', () => {
    const text = 'Thủ tục hoà giải: Đăng ký khai sinh, thuỷ sản, NGƯỜI ĐỀ NGHỊ';
    const nfd = text.normalize('NFD');
    expect(nfd).not.toBe(text);
    expect(normalize(nfd)).toBe(normalize(text));
    expect(fold(nfd)).toBe(fold(text));
    expect(syllables(nfd)).toEqual(syllables(text));
    expect(tokenize(nfd)).toEqual(tokenize(text));
  });
});

describe('syllables', () => {
  it('keeps Vietnamese letters whole and splits on punctuation', () => {
    expect(syllables('Thủ tục: cấp lại (GPLX)/hộ-chiếu!')).toEqual(['thủ', 'tục', 'cấp', 'lại', 'gplx', 'hộ', 'chiếu']);
  });

  it('splits letters from digits', () => {
    expect(syllables('hạng A1, ảnh 3x4cm, QH15')).toEqual(['hạng', 'a', '1', 'ảnh', '3', 'x', '4', 'cm', 'qh', '15']);
  });

  it('keeps procedure codes and numbers whole', () => {
    expect(syllables('Mã 1.001193.')).toEqual(['mã', '1.001193']);
    expect(syllables('lệ phí 200.000 đồng, 1,5 triệu, ngày 31/12/2026')).toEqual([
      'lệ', 'phí', '200.000', 'đồng', '1,5', 'triệu', 'ngày', '31', '12', '2026',
    ]);
  });

  it('returns normalized syllables', () => {
    expect(syllables('HOÀ  Bình\u00a0thuỷ')).toEqual(['hòa', 'bình', 'thủy']);
  });
});

const common = (a: string[], b: string[]) => a.filter((t) => b.includes(t)).sort();

describe('tokenize', () => {
  it('gives each syllable its accented and folded form, once when they are equal', () => {
    expect(tokenize('bản', { bigrams: false })).toEqual(['bản', 'ban']);
    expect(tokenize('sao', { bigrams: false })).toEqual(['sao']);
  });

  it('makes bản and bán share only the folded token', () => {
    expect(common(tokenize('bản'), tokenize('bán'))).toEqual(['ban']);
  });

  it('matches an accented query on more tokens than a folded one', () => {
    const doc = tokenize('Cấp bản sao giấy khai sinh');
    const accented = common(tokenize('bản sao'), doc);
    const folded = common(tokenize('ban sao'), doc);
    expect(accented).toEqual(['ban', 'ban_sao', 'bản', 'bản_sao', 'sao'].sort());
    expect(folded).toEqual(['ban', 'ban_sao', 'sao']);
    expect(common(tokenize('bán sao'), doc)).toEqual(['ban', 'ban_sao', 'sao']);
  });

  it('adds syllable bigrams in both forms', () => {
    const t = tokenize('Đăng ký khai sinh, giấy phép lái xe, hộ khẩu');
    for (const b of ['khai_sinh', 'lái_xe', 'lai_xe', 'hộ_khẩu', 'ho_khau', 'đăng_kí', 'dang_ki']) expect(t).toContain(b);
    expect(BIGRAM_SEPARATOR).toBe('_');
    expect(syllables('a_b')).toEqual(['a', 'b']);
  });

  it('does not make bigrams across phrase punctuation', () => {
    const t = tokenize('khai sinh, kết hôn. Hộ tịch; (con nuôi)\nxe');
    expect(t).toContain('khai_sinh');
    expect(t).toContain('kết_hôn');
    for (const b of ['sinh_kết', 'sinh_ket', 'hôn_hộ', 'tịch_con', 'nuôi_xe']) expect(t).not.toContain(b);
    expect(tokenize('C/O mẫu')).toContain('c_o');
  });

  it('unifies tone placement and i/y spelling in tokens', () => {
    expect(tokenize('hoà giải')).toEqual(tokenize('hòa giải'));
    expect(tokenize('đăng kí')).toEqual(tokenize('đăng ký'));
    expect(tokenize('lí lịch')).toEqual(tokenize('lý lịch'));
    expect(syllableForms('Quý')).toEqual({ accented: 'quí', folded: 'qui' });
    // y inside a vowel group is a different syllable
    expect(syllableForms('thủy')).toEqual({ accented: 'thủy', folded: 'thuy' });
    expect(syllableForms('ý')).toEqual({ accented: 'ý', folded: 'y' });
  });

  it('keeps the code whole and drops nothing', () => {
    const t = tokenize('thủ tục 1.001193 của tôi là gì');
    expect(t).toContain('1.001193');
    for (const w of ['của', 'cua', 'tôi', 'là', 'gì']) expect(t).toContain(w);
  });

  it('is deterministic and de-duplicated', () => {
    const text = 'khai sinh khai sinh, đăng ký khai sinh';
    expect(tokenize(text)).toEqual(tokenize(text));
    expect(new Set(tokenize(text)).size).toBe(tokenize(text).length);
    expect(tokenize(text, { unique: false }).length).toBeGreaterThan(tokenize(text).length);
  });

  it('is fast enough for the query path', () => {
    const q = 'Tôi muốn hỏi về thủ tục đăng ký khai sinh cho con, hồ sơ gồm những giấy tờ gì? '.repeat(12).slice(0, 900);
    for (let i = 0; i < 200; i++) tokenize(q);
    const n = 500;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) tokenize(q);
    expect((performance.now() - t0) / n).toBeLessThan(0.5);
  });
});

describe('diacriticsAgree', () => {
  it('accepts missing diacritics, rejects different ones', () => {
    expect(diacriticsAgree('so', 'sổ')).toBe(true);
    expect(diacriticsAgree('sô', 'sổ')).toBe(true);
    expect(diacriticsAgree('dang', 'đăng')).toBe(true);
    expect(diacriticsAgree('đang', 'đăng')).toBe(true);
    expect(diacriticsAgree('sổ', 'sổ')).toBe(true);
    expect(diacriticsAgree('số', 'sổ')).toBe(false);
    expect(diacriticsAgree('của', 'cửa')).toBe(false);
    expect(diacriticsAgree('sa', 'sổ')).toBe(false);
  });
});

describe('createVietnameseTokenizer with Orama', () => {
  const schema = { code: 'string', name: 'string' } as const;
  const docs = [
    { code: '1.001193', name: 'Thủ tục đăng ký khai sinh' },
    { code: '1.000894', name: 'Thủ tục đăng ký kết hôn' },
    { code: '2.000001', name: 'Cấp bản sao Trích lục hộ tịch, bản sao Giấy khai sinh' },
    { code: '2.000002', name: 'Bán đấu giá tài sản' },
    { code: '2.000003', name: 'Thủ tục Hội đồng hoà giải' },
  ];
  const codes = async (db: AnyOrama, term: string) =>
    (await search(db, { term, limit: 10 })).hits.map((h) => h.document.code);

  it('finds documents with and without diacritics, and survives save/load', async () => {
    const db = create({ schema, components: { tokenizer: createVietnameseTokenizer() } });
    await insertMultiple(db, docs);

    expect((await codes(db, 'đăng ký khai sinh'))[0]).toBe('1.001193');
    expect((await codes(db, 'dang ky khai sinh'))[0]).toBe('1.001193');
    expect((await codes(db, 'DANG KI KET HON'))[0]).toBe('1.000894');
    expect((await codes(db, 'bản sao'))[0]).toBe('2.000001');
    expect((await codes(db, 'bán'))[0]).toBe('2.000002');
    expect(await codes(db, 'hòa giải')).toEqual(['2.000003']);
    expect(await codes(db, '1.001193')).toEqual(['1.001193']);
    // whole tokens: "hộ" does not prefix-match "hội"
    expect(await codes(db, 'hộ')).toEqual(['2.000001']);

    const queries = ['khai sinh', 'ban sao', 'bản sao', 'bán', 'ket hon', 'hoa giai', 'thủ tục'];
    const before = await Promise.all(queries.map((q) => search(db, { term: q, limit: 10 })));
    const raw = JSON.parse(JSON.stringify(save(db)));
    const db2 = create({ schema, components: { tokenizer: createVietnameseTokenizer() } });
    load(db2, raw);
    const after = await Promise.all(queries.map((q) => search(db2, { term: q, limit: 10 })));
    const strip = (rs: typeof before) => rs.map((r) => r.hits.map((h) => [h.document.code, h.score]));
    expect(strip(after)).toEqual(strip(before));
    expect(strip(before).every((hits) => hits.length > 0)).toBe(true);
  });

  it('exposes the Orama tokenizer interface', () => {
    const t = createVietnameseTokenizer();
    expect(t.language).toBe('vietnamese');
    expect(t.normalizationCache).toBeInstanceOf(Map);
    expect(t.tokenize('Khai sinh', undefined, 'name', false)).toEqual(['khai$', 'sinh$', 'khai_sinh$']);
    expect(createVietnameseTokenizer({ wholeTokens: false, bigrams: false }).tokenize('Khai sinh')).toEqual(['khai', 'sinh']);
  });
});
