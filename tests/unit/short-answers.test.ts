// The short form of answers (worker/chat/short.ts) as the channels send it: on every detailed
// procedure of the catalog, at most 2 Zalo messages with the link to the procedure's page, nothing
// stated that the full answer does not state; what it keeps, counts and drops, on hand-made answers;
// the web's collapsed "tùy trường hợp".
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadChat } from '../../scripts/lib/chat.ts';
import { longestProcedures, measure, PAGE_BASE, QUESTIONS, zaloMessages } from '../../scripts/lib/short-answers.ts';
import { renderChannelText } from '../../worker/channels/common.ts';
import type { Answer, Block } from '../../worker/chat/answer.ts';
import { newSession } from '../../worker/chat/engine.ts';
import { toHtml, toText } from '../../worker/chat/render.ts';
import { shortForm } from '../../worker/chat/short.ts';
import { splitText } from '../../worker/channels/common.ts';

const PAGE = `${PAGE_BASE}/thu-tuc/1.000001`;

function answer(blocks: Block[], extra: Partial<Answer> = {}): Answer {
  return {
    intent: 'procedure',
    aspect: 'components',
    procedure: { code: '1.000001', name: 'Thủ tục thử', url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x' },
    blocks,
    suggestions: [],
    sources: ['1.000001'],
    matched: true,
    ...extra,
  };
}

const header: Block[] = [{ type: 'heading', text: [{ bold: 'Thủ tục thử' }, ' (mã 1.000001)'] }];
const source: Block = { type: 'note', text: ['Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính. ', { link: { label: 'Xem trên Cổng Dịch vụ công quốc gia', url: 'https://dichvucong.gov.vn/thu-tuc-hanh-chinh/x' } }] };
const items = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ text: [`${prefix} ${i + 1} — 1 bản chính`], detail: [`chi tiết của ${prefix} ${i + 1}`] }));

/** Fits when the plain text is at most `max` characters. */
const within = (max: number) => (blocks: Block[]) => toText(blocks).length <= max;

describe('the short form on hand-made answers', () => {
  const documents: Block[] = [
    ...header,
    { type: 'checklist', title: 'Giấy tờ phải nộp', group: 'everyone', items: items('Giấy tờ', 3) },
    { type: 'checklist', title: 'Giấy tờ phải xuất trình', group: 'present', items: items('Xuất trình', 1) },
    { type: 'checklist', title: 'Tùy trường hợp', group: 'conditional', items: [{ text: ['Văn bản ủy quyền'], condition: 'Trường hợp ủy quyền' }, { text: ['Giấy khác'], condition: 'Nếu có' }] },
    { type: 'collapsible', summary: ['Lưu ý (3 mục)'], blocks: [{ type: 'list', ordered: false, items: [['a'], ['b'], ['c']] }] },
    { type: 'paragraph', text: [{ link: { label: 'Nộp hồ sơ trực tuyến', url: 'https://portal.example/nop' } }] },
    source,
  ];

  it('keeps the essential documents by title and counts, counts the rest, and links the page before the submission link', () => {
    const text = toText(shortForm(answer(documents, { submitUrl: 'https://portal.example/nop' }), { pageUrl: PAGE, fits: () => true }));
    expect(text).toContain('☐ Giấy tờ 1 — 1 bản chính\n☐ Giấy tờ 2 — 1 bản chính\n☐ Giấy tờ 3 — 1 bản chính');
    expect(text).toContain('☐ Xuất trình 1 — 1 bản chính');
    expect(text).not.toContain('chi tiết');
    expect(text).not.toContain('Văn bản ủy quyền');
    expect(text).toContain(`+ 2 giấy tờ tùy trường hợp, 3 lưu ý (xem đầy đủ theo đường dẫn bên dưới)\n\nXem đầy đủ: ${PAGE}\n\nNộp hồ sơ trực tuyến: https://portal.example/nop`);
    // The national portal's page is on the procedure's page: the source line no longer carries it.
    expect(text).toMatch(/Nguồn: Cơ sở dữ liệu quốc gia về thủ tục hành chính\.$/u);
  });

  it('lists the "tùy trường hợp" documents when a case has no other', () => {
    const onlyConditional: Block[] = [...header, documents[3]!, source];
    const text = toText(shortForm(answer(onlyConditional), { pageUrl: PAGE, fits: () => true }));
    expect(text).toContain('☐ Trường hợp ủy quyền: Văn bản ủy quyền');
    expect(text).toContain(`Xem đầy đủ: ${PAGE}`);
  });

  it('to fit, drops whole items from the end, counted: other lists first, then sub-items, then documents, every list keeping its first', () => {
    // Items as long as the catalog's (a count line costs less than the item it replaces).
    const long = ' của hồ sơ đề nghị, theo mẫu quy định tại Phụ lục kèm theo Nghị định';
    const blocks: Block[] = [
      ...header,
      {
        type: 'checklist',
        group: 'everyone',
        items: [{ text: ['Hồ sơ thiết kế'], children: [1, 2, 3].map((i) => ({ text: [`Bản vẽ ${i}${long}`] })) }, ...items(`Giấy tờ${long}`, 5)],
      },
      { type: 'list', ordered: true, items: ['một', 'hai', 'ba', 'bốn'].map((n) => [`Bước ${n}:${long}`]) },
      source,
    ];
    const full = toText(shortForm(answer(blocks), { pageUrl: PAGE, fits: () => true }));
    const steps: string[] = [];
    for (let max = full.length; max > 200; max -= 5) {
      const text = toText(shortForm(answer(blocks), { pageUrl: PAGE, fits: within(max) }));
      if (text.length <= max) steps.push(text);
    }
    // The steps go first (down to one)…
    const firstCut = steps.find((t) => !t.includes('Bước bốn'))!;
    expect(firstCut).toContain('Bản vẽ 3');
    expect(firstCut).toContain(`Giấy tờ${long} 5`);
    expect(firstCut).toMatch(/3\. Bước ba:.*\n+… và 1 mục khác \(xem đầy đủ theo đường dẫn bên dưới\)/u);
    // …then the drawings, counted after their document…
    const drawings = steps.find((t) => !t.includes('Bản vẽ 3'))!;
    expect(drawings).not.toContain('Bước hai');
    expect(drawings).toContain(`Giấy tờ${long} 5`);
    expect(drawings).toMatch(/☐ Hồ sơ thiết kế \(\+ 1 mục khác\)\n {3}☐ Bản vẽ 1.*\n {3}☐ Bản vẽ 2/u);
    // …then documents, counted; the first document always stays…
    const docs = steps.filter((t) => t.includes('1. Bước một:')).pop()!;
    expect(docs).toContain('☐ Hồ sơ thiết kế (+ 3 mục khác)');
    expect(docs).toMatch(/\+ 5 giấy tờ khác \(xem đầy đủ theo đường dẫn bên dưới\)/u);
    expect(docs).toContain(`Xem đầy đủ: ${PAGE}`);
    // …and last, the list's first item: counted, behind the link.
    const last = steps[steps.length - 1]!;
    expect(last).toContain('☐ Hồ sơ thiết kế (+ 3 mục khác)');
    expect(last).toContain('(4 mục: xem đầy đủ theo đường dẫn bên dưới)');
    expect(last).toContain(`Xem đầy đủ: ${PAGE}`);
  });

  it('drops whole cases from the end, then a list none of whose items fits', () => {
    const caseBlocks = (i: number): Block[] => [
      { type: 'paragraph', text: [{ bold: `Trường hợp ${i + 1}: ${'một trường hợp có tên rất dài '.repeat(3)}` }], case: i },
      { type: 'checklist', group: 'everyone', items: items(`Đơn ${i + 1}`, 1), case: i },
    ];
    const blocks: Block[] = [...header, ...[0, 1, 2, 3].flatMap(caseBlocks), { type: 'list', ordered: true, items: [['x'.repeat(600)]] }, source];
    const text = toText(shortForm(answer(blocks), { pageUrl: PAGE, fits: within(520) }));
    expect(text).toContain('Trường hợp 1:');
    expect(text).not.toContain('Trường hợp 4:');
    expect(text).toMatch(/\+ \d trường hợp khác \(xem đầy đủ theo đường dẫn bên dưới\)/u);
    expect(text).toContain('(1 mục: xem đầy đủ theo đường dẫn bên dưới)');
    expect(text).not.toContain('xxxx');
    expect(text.length).toBeLessThanOrEqual(520);
  });

  it('uses a list\'s brief items (a fee without the catalog\'s text about it)', () => {
    const blocks: Block[] = [...header, { type: 'list', ordered: false, items: [['Trực tiếp: 200.000 đồng — trường hợp cấp lại: 400.000 đồng']], brief: [['Trực tiếp: 200.000 đồng']] }, source];
    const text = toText(shortForm(answer(blocks), { pageUrl: PAGE, fits: () => true }));
    expect(text).toContain('• Trực tiếp: 200.000 đồng\n');
    expect(text).not.toContain('400.000');
  });
});

describe('the web: "tùy trường hợp" collapsed after the essential documents', () => {
  it('puts the conditional documents in a <details> under their count, only after essential ones', () => {
    const html = toHtml([
      { type: 'checklist', title: 'Giấy tờ phải nộp', group: 'everyone', items: items('Giấy tờ', 1) },
      { type: 'checklist', title: 'Tùy trường hợp', group: 'conditional', items: [{ text: ['Văn bản ủy quyền'], condition: 'Trường hợp ủy quyền' }] },
    ]);
    expect(html).toMatch(/<details><summary><strong>Tùy trường hợp \(1 giấy tờ\)<\/strong><\/summary>\s*<ul>\s*<li>☐ <em>Trường hợp ủy quyền:<\/em> Văn bản ủy quyền<\/li>/u);
    const alone = toHtml([{ type: 'checklist', title: 'Tùy trường hợp', group: 'conditional', items: [{ text: ['Văn bản ủy quyền'], condition: 'Trường hợp ủy quyền' }] }]);
    expect(alone).not.toContain('<details>');
    expect(alone).toContain('<p><strong>Tùy trường hợp</strong></p>');
  });
});

describe('the short form on the catalog', () => {
  let chat: ReturnType<typeof loadChat>['chat'];
  let catalog: ReturnType<typeof loadChat>['catalog'];
  beforeAll(() => {
    ({ chat, catalog } = loadChat());
  });

  it('tests/fixtures/longest-answers.json holds the catalog\'s longest answers (npm run short-answers -- --write)', () => {
    const fixture = JSON.parse(readFileSync(new URL('../fixtures/longest-answers.json', import.meta.url), 'utf8')) as { procedures: unknown[] };
    expect(fixture.procedures).toEqual(longestProcedures([...catalog.values()], fixture.procedures.length));
  });

  it('"dang ky ket hon can giay to gi" on Zalo: one message with the essentials and the link, where the full answer took two', async () => {
    const { answer: a } = await chat.respond('dang ky ket hon can giay to gi', newSession());
    const { full, short, pageUrl } = zaloMessages(a);
    expect(pageUrl).toBe(`${PAGE_BASE}/thu-tuc/1.000894`);
    expect(full.length).toBeGreaterThan(1);
    expect(short).toHaveLength(1);
    expect(short[0]).toContain(`Xem đầy đủ: ${pageUrl}`);
  });

  it('a fee answer keeps the amounts and leaves the catalog\'s text about them on the page', async () => {
    const { answer: a } = await chat.respond('lệ phí cấp hộ chiếu phổ thông ở trong nước cấp tỉnh', newSession());
    const { full, short } = zaloMessages(a);
    expect(full.join('\n')).toContain('400.000đ/hộ chiếu');
    expect(short.join('\n')).toMatch(/Trực tiếp: 200\.000 đồng\n/u);
    expect(short.join('\n')).not.toContain('400.000');
  });

  it('every detailed procedure: documents, fees, times and steps in at most 2 Zalo messages of 2,000 characters, linked, stating no number the full answer does not', async () => {
    const over: string[] = [];
    const invented: string[] = [];
    const numbers = (s: string) => s.replace(/https?:\/\/\S+/gu, '').match(/\d[\d.,/]*\d|\d/gu) ?? [];
    // Numbers the short form adds itself: what it counts ("+ 3 giấy tờ…", "… và 2 mục khác").
    const counted = /^(\+ \d+ .*|… và \d+ mục khác.*|\(\d+ mục: .*|.*\(\+ \d+ mục khác\))$/u;
    for (const p of catalog.values()) {
      if (!p.detail) continue;
      for (const aspect of Object.keys(QUESTIONS) as (keyof typeof QUESTIONS)[]) {
        const sent = await measure(chat, p.code, aspect);
        if (sent.short.length > 2 || sent.short.some((n) => n > 2000) || !sent.linked) over.push(`${p.code} ${aspect}: ${sent.short.join('+')}`);
        if (aspect === 'components' || aspect === 'fee') {
          const { answer: a } = await chat.respond(QUESTIONS[aspect](p.code), newSession());
          const fullText = toText(a.blocks) + a.suggestions.map((s) => s.label).join(' ');
          const known = new Set(numbers(fullText));
          const short = renderChannelText(a, { maxLength: 2000, submitLink: 'text', numberSuggestions: true, pageUrl: `${PAGE_BASE}/thu-tuc/${p.code}` }).join('\n');
          const lines = short.split('\n').map((l) => l.trim().replace(/^\d+\. /u, ''));
          for (const n of lines.filter((l) => !counted.test(l)).flatMap(numbers)) if (!known.has(n)) invented.push(`${p.code} ${aspect}: ${n}`);
        }
      }
    }
    expect(over).toEqual([]);
    expect(invented).toEqual([]);
  }, 120_000);
});

describe('splitText keeps the short form whole', () => {
  it('cuts only between lines of the short form', () => {
    const blocks: Block[] = [...header, { type: 'checklist', group: 'everyone', items: items('Giấy tờ có tên khá dài để lấp đầy tin nhắn', 60) }, source];
    const short = shortForm(answer(blocks), { pageUrl: PAGE, fits: (b) => splitText(toText(b), 2000).length <= 2 });
    const pieces = splitText(toText(short), 2000);
    expect(pieces.length).toBeLessThanOrEqual(2);
    for (const line of pieces.join('\n').split('\n')) if (line.startsWith('☐')) expect(line).toMatch(/^☐ Giấy tờ có tên khá dài để lấp đầy tin nhắn \d+ — 1 bản chính$/u);
  });
});
