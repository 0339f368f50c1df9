// How every renderer shows a checklist item (condition, detail, sub-items) and a collapsible block:
// the web collapses (<details>), Markdown and plain text cannot, and say where the rest is.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../worker/chat/answer.ts';
import { renderReply } from '../../worker/chat/render.ts';

const blocks: Block[] = [
  {
    type: 'checklist',
    title: 'Giấy tờ phải nộp',
    items: [
      { text: ['Tờ khai đăng ký khai sinh theo mẫu', ' — 1 bản chính'] },
      { text: ['Giấy chứng sinh', ' — 1 bản chính'], detail: ['trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng <b>xác nhận</b>'] },
      {
        text: ['Bản sao hoặc tệp tin chứa bản chụp chính hai bộ bản vẽ thiết kế, mỗi bộ gồm'],
        children: [{ text: ['Bản vẽ mặt bằng công trình trên lô đất tỷ lệ 1/50 - 1/500'] }, { text: ['Bản vẽ mặt bằng móng'] }],
      },
    ],
  },
  { type: 'checklist', title: 'Tùy trường hợp', items: [{ text: ['Biên bản về việc trẻ bị bỏ rơi'], condition: 'Trường hợp trẻ em bị bỏ rơi' }] },
  {
    type: 'collapsible',
    summary: ['Lưu ý (2 mục)'],
    blocks: [{ type: 'list', ordered: false, items: [['Người tiếp nhận có trách nhiệm kiểm tra.'], ['Bản chụp phải rõ nét.']] }],
  },
];

describe('checklist items and collapsible blocks in every rendering', () => {
  const r = renderReply(blocks);

  it('web: the detail collapsed under its item, sub-items listed, the notes collapsed, catalog text escaped', () => {
    expect(r.html).toContain('<li><details><summary>☐ Giấy chứng sinh — 1 bản chính</summary><p>trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng &lt;b&gt;xác nhận&lt;/b&gt;</p></details></li>');
    expect(r.html).toContain('<li>☐ Tờ khai đăng ký khai sinh theo mẫu — 1 bản chính</li>');
    expect(r.html).toMatch(/mỗi bộ gồm<ul><li>☐ Bản vẽ mặt bằng công trình trên lô đất tỷ lệ 1\/50 - 1\/500<\/li><li>☐ Bản vẽ mặt bằng móng<\/li><\/ul><\/li>/u);
    expect(r.html).toContain('<li>☐ <em>Trường hợp trẻ em bị bỏ rơi:</em> Biên bản về việc trẻ bị bỏ rơi</li>');
    expect(r.html).toMatch(/<details><summary>Lưu ý \(2 mục\)<\/summary>\s*<ul>\s*<li>Người tiếp nhận có trách nhiệm kiểm tra.<\/li>/u);
    expect(r.html).not.toContain('<b>');
  });

  it('plain text: everything an item says, the condition first, sub-items indented; the notes as a pointer to the procedure page', () => {
    expect(r.text).toContain('Giấy tờ phải nộp:\n☐ Tờ khai đăng ký khai sinh theo mẫu — 1 bản chính\n☐ Giấy chứng sinh — 1 bản chính\n   trường hợp không có Giấy chứng sinh');
    expect(r.text).toContain('mỗi bộ gồm\n   ☐ Bản vẽ mặt bằng công trình');
    expect(r.text).toContain('☐ Trường hợp trẻ em bị bỏ rơi: Biên bản về việc trẻ bị bỏ rơi');
    expect(r.text).toContain('Lưu ý (2 mục): xem đầy đủ trên trang thủ tục (đường dẫn ở cuối).');
    expect(r.text).not.toContain('Người tiếp nhận');
  });

  it('plain text shortens a long detail; the web keeps all of it', () => {
    const long = 'Giấy tờ pháp lý của cá nhân đối với thành viên là cá nhân, người đại diện theo pháp luật; '.repeat(8);
    const out = renderReply([{ type: 'checklist', items: [{ text: ['Bản sao các giấy tờ sau đây'], detail: [long] }] }]);
    const detail = out.text.split('\n')[1]!;
    expect(detail.length).toBeLessThanOrEqual(3 + 300 + 2);
    expect(detail.endsWith(' …')).toBe(true);
    expect(out.html).toContain(long.trim().slice(-60));
  });

  it('Markdown (Bot Framework): items with their condition and detail, sub-items nested, the notes as a pointer', () => {
    expect(r.markdown).toContain('- ☐ Giấy chứng sinh — 1 bản chính  \n  trường hợp không có Giấy chứng sinh');
    expect(r.markdown).toContain('  - ☐ Bản vẽ mặt bằng móng');
    expect(r.markdown).toContain('- ☐ _Trường hợp trẻ em bị bỏ rơi:_ Biên bản về việc trẻ bị bỏ rơi');
    expect(r.markdown).toContain('**Lưu ý (2 mục):** xem đầy đủ trên trang thủ tục');
    expect(r.markdown).toContain('\\<b\\>');
  });
});
