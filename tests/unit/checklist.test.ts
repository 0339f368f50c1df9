// The document lists read as checklists at ingest (scripts/ingest/checklist.ts), on real records:
// portal API records (tests/fixtures/portal, as published) and scraped pages (tests/fixtures/scraped),
// read by the project's own readers first.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readItem } from '../../scripts/ingest/checklist-item.ts';
import { emptyStats, readHeading, structureCases } from '../../scripts/ingest/checklist.ts';
import { sourceFigures, structuredFigures } from '../../scripts/ingest/checklist-figures.ts';
import { byNumbering, hasListMarker, outOfOrder, readMarkers } from '../../scripts/ingest/markers.ts';
import { parsePortalDetail } from '../../scripts/ingest/portal.ts';
import { parseScrapedRecord } from '../../scripts/ingest/scraped.ts';
import { checklistGroups } from '../../worker/catalog/checklist.ts';
import { procedureSchema, type Anomaly, type Component, type Procedure, type SourceProcedure } from '../../worker/catalog/schema.ts';

const PORTAL = ['1.001193', '1.009122', '1.000894', '1.004222'];
const SCRAPED = ['1.001613', '1.002548', '1.001266', '2.000884', '1.004163', '1.000757', '2.002011', '1.000811', '1.008905'];

function source(code: string): SourceProcedure {
  const anomalies: Anomaly[] = [];
  if (PORTAL.includes(code)) {
    const raw: unknown = JSON.parse(readFileSync(new URL(`../fixtures/portal/${code}.json`, import.meta.url), 'utf8'));
    return parsePortalDetail(raw, '2026-07-18', [], anomalies);
  }
  const raw: unknown = JSON.parse(readFileSync(new URL(`../fixtures/scraped/${code}.json`, import.meta.url), 'utf8'));
  return parseScrapedRecord(raw, '2026', anomalies);
}

function structured(code: string): { p: Procedure; anomalies: Anomaly[]; src: SourceProcedure } {
  const src = source(code);
  const anomalies: Anomaly[] = [];
  const p = { ...src, cases: structureCases(src.cases, code, anomalies, emptyStats()) };
  return { p, anomalies, src };
}

const all = (items: Component[]): Component[] => items.flatMap((c) => [c, ...all(c.children)]);
const titles = (items: Component[]) => items.map((c) => c.title);

describe('list markers', () => {
  it.each([
    ['- Giấy chứng sinh;', 'dash', [], 'Giấy chứng sinh;'],
    ['+ Người tiếp nhận có trách nhiệm…', 'plus', [], 'Người tiếp nhận có trách nhiệm…'],
    ['3. Bản sao hoặc tệp tin…', 'num', [3], 'Bản sao hoặc tệp tin…'],
    ['đ) Giấy chứng nhận thu hồi…', 'letter', [4], 'Giấy chứng nhận thu hồi…'],
    ['(iv) Trường hợp ủy quyền…', 'roman', [4], 'Trường hợp ủy quyền…'],
    ['(1.2) Đối với công trình theo tuyến', 'numParen', [1, 2], 'Đối với công trình theo tuyến'],
    ['6.3.1.6. Khi thực hiện nộp hồ sơ…', 'num', [6, 3, 1, 6], 'Khi thực hiện nộp hồ sơ…'],
    ['* - 2. Bản sao…', 'star', [2], 'Bản sao…'],
  ])('%s', (text, scheme, key, body) => {
    const m = readMarkers(text);
    expect(m.marker?.scheme).toBe(scheme);
    expect(m.numbering?.key ?? []).toEqual(key);
    expect(m.body).toBe(body);
  });

  it('never takes a count or an amount for a number', () => {
    expect(readMarkers('01 bản sao Giấy khai sinh').marker).toBeNull();
    expect(readMarkers('1.000.000 đồng').marker).toBeNull();
    expect(hasListMarker('Giấy chứng sinh')).toBe(false);
  });

  it('the source numbering decides the order; unnumbered items keep their places', () => {
    const items = ['d)', 'b)', '- x', 'đ)', 'c)', 'e)', 'a)'].map((m) => readMarkers(`${m} …`));
    expect(outOfOrder(items.map((i) => i.numbering))).toBe(true);
    const sorted = byNumbering(items, (i) => i.numbering);
    expect(sorted.map((i) => (i.numbering ? 'abcdđe'[i.numbering.key[0]!] : '-'))).toEqual(['a', 'b', '-', 'c', 'd', 'đ', 'e']);
    expect(outOfOrder(sorted.map((i) => i.numbering))).toBe(false);
  });
});

describe('one item: title, detail, condition, kind', () => {
  const read = (name: string, counted = true, section: '' | 'present' | 'note' = '') => readItem(name, { section, counted });

  it('a condition first: the document after "thì phải có", the situation apart', () => {
    expect(read('- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập.')).toMatchObject({
      title: 'Biên bản về việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập',
      condition: 'Trường hợp trẻ em bị bỏ rơi',
      kind: 'submit',
      detail: '',
    });
    expect(read('* Tùy từng trường hợp phải bổ sung: Bản sao có chứng thực chứng chỉ hành nghề của chủ nhiệm, chủ trì thiết kế.')).toMatchObject({
      title: 'Bản sao có chứng thực chứng chỉ hành nghề của chủ nhiệm, chủ trì thiết kế',
      condition: 'Tùy từng trường hợp',
    });
  });

  it('a condition at the end moves out; one about the way of submitting stays in the detail', () => {
    expect(
      read('- Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh. Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.'),
    ).toEqual({
      title: 'Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật',
      condition: 'Trường hợp ủy quyền thực hiện việc đăng ký khai sinh',
      detail: 'Trường hợp người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột của người ủy quyền thì văn bản ủy quyền không phải chứng thực.',
      kind: 'submit',
      guessed: false,
      announces: false,
    });
    expect(read('- Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính);')).toMatchObject({
      title: 'Tờ khai đăng ký khai sinh theo mẫu',
      condition: null,
      detail: '(nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp hoặc gửi hồ sơ qua hệ thống bưu chính)',
    });
    expect(read('Giấy tờ chứng minh việc nuôi dưỡng (nếu có)')).toMatchObject({ title: 'Giấy tờ chứng minh việc nuôi dưỡng', condition: 'Nếu có' });
  });

  it('the first sentence is the title, the rest verbatim in the detail', () => {
    expect(read('- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh.')).toMatchObject({
      title: 'Giấy chứng sinh',
      detail: 'trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận về việc sinh; nếu không có người làm chứng thì phải có giấy cam đoan về việc sinh.',
      condition: null,
    });
  });

  it('a title over 120 characters is cut where the text allows, the rest kept', () => {
    const name =
      '- Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng';
    const r = read(name, true, 'present');
    expect(r.title).toBe('Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước');
    expect(r.title.length).toBeLessThanOrEqual(120);
    expect(r.detail).toBe('hoặc các giấy tờ khác có dán ảnh và thông tin cá nhân do cơ quan có thẩm quyền cấp, còn giá trị sử dụng');
    expect(r.kind).toBe('present');
  });

  it('notes for the clerk or the citizen are not documents, with or without a count', () => {
    for (const name of [
      '+ Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ đăng ký hộ tịch theo quy định của pháp luật hộ tịch, không được yêu cầu người đăng ký hộ tịch nộp thêm giấy tờ mà pháp luật hộ tịch không quy định phải nộp .',
      '+ Bản chụp các giấy tờ gửi kèm theo hồ sơ đăng ký kết hôn trực tuyến phải bảo đảm rõ nét, đầy đủ, toàn vẹn về nội dung.',
      'Trường hợp người yêu cầu đã nộp bản điện tử Giấy chứng sinh hoặc cơ quan đăng ký hộ tịch đã khai thác được dữ liệu điện tử có ký số của Giấy chứng sinh thì không phải nộp bản giấy.',
      '- Cá nhân có quyền lựa chọn thực hiện thủ tục hành chính về hộ tịch tại cơ quan đăng ký hộ tịch nơi cư trú.',
    ]) {
      expect(read(name, false)).toMatchObject({ kind: 'note', condition: null, guessed: false });
    }
    expect(read('Lưu ý: Trường hợp không khai thác được thông tin thì xuất trình giấy tờ', true)).toMatchObject({ kind: 'note' });
    // Everything in a "* Lưu ý" section is a note.
    expect(read('- Giấy tờ do cơ quan có thẩm quyền của nước ngoài cấp phải được hợp pháp hóa lãnh sự.', true, 'note').kind).toBe('note');
  });

  it('announcing sub-items', () => {
    expect(read('3. Bản sao hoặc tệp tin chứa bản chụp chính hai bộ bản vẽ thiết kế, mỗi bộ gồm:').announces).toBe(true);
    expect(read('- Giấy chứng sinh;').announces).toBe(false);
  });

  it('the kind decided by a count alone is reported as guessed', () => {
    expect(read('Tên, địa chỉ đối với cơ quan, tổ chức;', true)).toMatchObject({ kind: 'submit', guessed: true });
    expect(read('Tên, địa chỉ đối với cơ quan, tổ chức;', false)).toMatchObject({ kind: 'note', guessed: true });
  });
});

describe('case headings', () => {
  it.each([
    ['* Giấy tờ phải nộp', 'section'],
    ['* Giấy tờ phải xuất trình', 'section'],
    ['* Lưu ý', 'section'],
    ['', 'section'],
    ['Các giấy tờ phải nộp (bản chính), mỗi loại 01 bản, gồm:', 'section'],
    ['Trường hợp ủy quyền thực hiện thủ tục:', 'addition'],
    ['* Trường hợp ủy quyền thực hiện thủ tục thì hồ sơ phải kèm theo một trong những giấy tờ sau:', 'addition'],
    ['Trường hợp đăng ký trên môi trường điện tử:', 'addition'],
    ['Hồ sơ của người nhận con nuôi:', 'part'],
    ['1. Đơn đề nghị được miễn hoặc giảm phí thi hành án;', 'part'],
    ['Đối với nhà ở riêng lẻ tại đô thị', 'alternative'],
    ['1) Hồ sơ đối với tàu đóng mới gồm:', 'alternative'],
    ['- Thành phần hồ sơ đề nghị cấp GCNKNCM thủy thủ trực ca AB; thợ máy trực ca AB gồm:', 'alternative'],
    ['Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến', 'description'],
  ])('%s → %s', (heading, type) => {
    expect(readHeading(heading).type).toBe(type);
  });
});

describe('real records', () => {
  it.each([...PORTAL, ...SCRAPED])('%s: valid, nothing dropped, no marker in a title, titles ≤ 120, numbering in order', (code) => {
    const { p, src } = structured(code);
    const result = procedureSchema.safeParse(p);
    expect(result.success, result.success ? '' : result.error.message).toBe(true);
    // Every published component is in the checklist (a case heading may add an item of its own).
    const published = src.cases.flatMap((k) => k.components.map((c) => c.name));
    const kept = new Set(p.cases.flatMap((k) => all(k.components).map((c) => c.name)));
    for (const name of published) expect(kept.has(name), name).toBe(true);
    for (const k of p.cases) {
      for (const c of all(k.components)) {
        expect(hasListMarker(c.title), c.title).toBe(false);
        expect(c.title.length, c.title).toBeLessThanOrEqual(120);
        expect(c.title).not.toMatch(/;$/u);
      }
      const lists = [k.components, ...all(k.components).map((c) => c.children)];
      for (const list of lists) expect(outOfOrder(list.map((c) => readMarkers(c.name).numbering))).toBe(false);
    }
  });

  it('1.001193: the sections are one checklist; the declaration form first, the birth certificate among what everyone brings', () => {
    const { p } = structured('1.001193');
    expect(p.cases).toHaveLength(1);
    expect(p.cases[0]!.headings).toEqual(['* Giấy tờ phải nộp', '* Giấy tờ phải xuất trình', '* Lưu ý']);
    const g = checklistGroups(p.cases[0]!.components);
    expect(titles(g.everyone)).toEqual(['Tờ khai đăng ký khai sinh theo mẫu', 'Mẫu hộ tịch điện tử tương tác đăng ký khai sinh', 'Giấy chứng sinh']);
    expect(titles(g.present)).toEqual(['Hộ chiếu/Thẻ căn cước công dân/Thẻ căn cước/Căn cước điện tử/Giấy chứng nhận căn cước']);
    expect(g.conditional.map((c) => c.condition)).toEqual(
      expect.arrayContaining(['Trường hợp trẻ em bị bỏ rơi', 'Trường hợp ủy quyền thực hiện việc đăng ký khai sinh', 'Trường hợp khai sinh cho trẻ em sinh ra do mang thai hộ']),
    );
    expect(g.notes.length).toBeGreaterThanOrEqual(18);
    expect(g.notes.map((c) => c.name)).toContain('+ Bản chụp các giấy tờ gửi kèm theo hồ sơ đăng ký khai sinh trực tuyến phải bảo đảm rõ nét, đầy đủ, toàn vẹn về nội dung, là bản chụp bằng máy ảnh, điện thoại hoặc được chụp, được quét bằng thiết bị điện tử, từ giấy tờ được cấp hợp lệ, còn giá trị sử dụng.');
  });

  it('1.009122: the application first, the drawings as sub-items of "mỗi bộ gồm:", the conditional ones with their condition', () => {
    const { p } = structured('1.009122');
    expect(p.cases.map((k) => k.name)).toEqual(['Đối với nhà ở riêng lẻ tại đô thị', 'Đối với công trình', 'Đối với trường hợp sửa chữa, cải tạo']);
    const first = p.cases[0]!;
    expect(first.components[0]).toMatchObject({ name: '1. Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu;', title: 'Đơn đề nghị cấp giấy phép xây dựng có thời hạn theo mẫu', kind: 'submit', condition: null });
    const g = checklistGroups(first.components);
    expect(g.everyone.map((c) => readMarkers(c.name).numbering?.key[0])).toEqual([1, 2, 3]);
    expect(g.everyone[2]!.children.map((c) => c.title.slice(0, 30))).toEqual(['Bản vẽ mặt bằng công trình trê', 'Bản vẽ mặt bằng các tầng, các ', 'Bản vẽ mặt bằng móng tỷ lệ 1/5']);
    expect(g.conditional.map((c) => c.condition)).toEqual([
      'Trường hợp thiết kế xây dựng của công trình đã được cơ quan chuyên môn về xây dựng thẩm định',
      'Đối với công trình xây chen có tầng hầm',
      'Đối với công trình xây dựng có công trình liền kề',
      'Tùy từng trường hợp',
    ]);
  });

  it('1.000894: the marriage declaration first; the clerk\'s duties and the rules for copies are notes', () => {
    const { p } = structured('1.000894');
    const g = checklistGroups(p.cases[0]!.components);
    expect(g.everyone[0]!.title).toBe('Tờ khai đăng ký kết hôn theo mẫu, có đủ thông tin của hai bên nam, nữ');
    const notes = g.notes.map((c) => c.title);
    expect(notes).toContain('Người tiếp nhận có trách nhiệm tiếp nhận đúng, đủ hồ sơ đăng ký hộ tịch theo quy định của pháp luật hộ tịch');
    expect(notes.some((t) => t.startsWith('Bản chụp các giấy tờ gửi kèm theo hồ sơ đăng ký kết hôn trực tuyến phải bảo đảm rõ nét'))).toBe(true);
    expect(g.notes.every((c) => !c.originals && !c.copies)).toBe(true);
  });

  it('1.004222: real cases stay cases; a notes-only unnamed case is not one of them', () => {
    const { p } = structured('1.004222');
    expect(p.cases).toHaveLength(7);
    expect(p.cases.every((k) => k.components.some((c) => c.title.startsWith('Không yêu cầu xuất trình Giấy khai sinh') || c.name.startsWith('*Lưu ý')))).toBe(true);
  });

  it('1.001613 (scraped): "d) b) đ) c) e) a)" read in order', () => {
    const { p, src } = structured('1.001613');
    const before = src.cases[1]!.components.map((c) => readMarkers(c.name).numbering);
    expect(outOfOrder(before)).toBe(true);
    const k = p.cases.find((c) => c.name.startsWith('1. Trường hợp hưởng BHXH một lần'))!;
    const lettered = k.components.filter((c) => readMarkers(c.name).numbering?.scheme === 'letter');
    expect(lettered.map((c) => c.name.slice(0, 2))).toEqual(['a)', 'b)', 'c)', 'd)', 'đ)', 'e)']);
    // The remark the page published as a case, in brackets, is a note of each case.
    expect(k.components.at(-1)!.kind).toBe('note');
  });

  it('1.002548 (scraped): numbered items the page cut into cases read as one list, in their order', () => {
    const { p, src } = structured('1.002548');
    expect(src.cases).toHaveLength(5);
    expect(p.cases).toHaveLength(1);
    expect(titles(p.cases[0]!.components)).toEqual([
      'Đơn đề nghị được miễn hoặc giảm phí thi hành án',
      'Giấy ủy quyền hợp pháp và xuất trình tài khoản định danh điện tử theo quy định của pháp luật',
      'Một trong các tài liệu chứng minh đủ điều kiện để miễn phí thi hành án',
      'Một trong các tài liệu chứng minh đủ điều kiện để giảm phí thi hành án',
      'Hồ sơ: Quyết định thi hành án',
    ]);
    expect(p.cases[0]!.components[1]!.condition).toBe('Trường hợp ủy quyền');
  });

  it('1.001266 (scraped): "Trường hợp ủy quyền … một trong những giấy tờ sau:" is one conditional item with its sub-items in order', () => {
    const { p } = structured('1.001266');
    expect(p.cases).toHaveLength(1);
    const g = checklistGroups(p.cases[0]!.components);
    expect(g.everyone[0]!.title).toBe('Thông báo chấm dứt hoạt động hộ kinh doanh');
    const delegation = g.conditional.find((c) => c.children.length > 0)!;
    expect(delegation).toMatchObject({ condition: 'Trường hợp ủy quyền thực hiện thủ tục', title: 'Một trong những giấy tờ sau' });
    expect(delegation.children.map((c) => readMarkers(c.name).numbering?.key[0]).filter((n) => n !== undefined)).toEqual([1, 2, 3, 4, 5]);
    expect(delegation.children[0]).toMatchObject({ condition: 'Trường hợp ủy quyền cho cá nhân thực hiện thủ tục đăng ký hộ kinh doanh', title: expect.stringMatching(/^Văn bản ủy quyền cho cá nhân thực hiện thủ tục/u) });
  });

  it('1.000757 (scraped): descriptions the page put above their form are notes; the one conditional case is an addition', () => {
    const { p } = structured('1.000757');
    expect(p.cases).toHaveLength(1);
    const g = checklistGroups(p.cases[0]!.components);
    expect(titles(g.everyone)).toEqual(['Phiếu đề nghị giải quyết thủ tục về căn cước (Mẫu DC02 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)', 'Phiếu thu nhận thông tin căn cước (Mẫu CC01 ban hành kèm theo Thông tư số 17/2024/TT-BCA của Bộ Công an)']);
    expect(g.conditional[0]!.condition).toMatch(/^Trường hợp người đề nghị cấp, cấp đổi, cấp lại thẻ căn cước là người đại diện hợp pháp của người dưới 14 tuổi/u);
    expect(g.notes.map((c) => c.title)).toContain('Phiếu này là biểu mẫu điện tử, công dân kê khai đối với trường hợp nộp hồ sơ trực tuyến');
  });

  it('2.000884 (scraped): a single case keeps its heading as its name', () => {
    const { p } = structured('2.000884');
    expect(p.cases).toEqual([expect.objectContaining({ name: 'Người yêu cầu chứng thực phải xuất trình các giấy tờ sau:', headings: [] })]);
  });

  it('the figures before and after, on these records', () => {
    const codes = [...PORTAL, ...SCRAPED];
    const before = sourceFigures(codes.map(source));
    const after = structuredFigures(codes.map((c) => structured(c).p));
    expect(before.bullets).toBeGreaterThan(50);
    expect(after.bullets).toBe(0);
    expect(after.listMarkers).toBe(0);
    expect(before.listsOutOfOrder).toBeGreaterThan(0);
    expect(after.listsOutOfOrder).toBe(0);
    expect(after.overMaxTitle).toBe(0);
    expect(after.noCountNotes).toBeGreaterThan(before.noCount / 2);
  });
});
