// The dossier lookup over signed Zalo and Messenger webhooks: the session (and its sealed code) in
// KV, the replies sent to the channels' stand-in (tests/worker/stub-server.ts).
import { describe, expect, it } from 'vitest';
import { callWorker, hmacHex, newUserId, recorded, sha256Hex, testEnv } from './channels-helpers';

const APP_ID = 'test-zalo-app';
const OA_SECRET = 'test-zalo-oa-secret';
const SEND_PATH = '/zalo/v3.0/oa/message/cs';
const CODE = '000.00.21.H12-261120-0105';

async function deliver(userId: string, text: string): Promise<Response> {
  const timestamp = String(Date.now());
  const raw = JSON.stringify({
    app_id: APP_ID,
    user_id_by_app: '552177279717587730',
    event_name: 'user_send_text',
    timestamp,
    sender: { id: userId },
    recipient: { id: '388613280878808645' },
    message: { text, msg_id: crypto.randomUUID().replaceAll('-', '') },
  });
  const mac = await sha256Hex(APP_ID + raw + timestamp + OA_SECRET);
  return callWorker(
    new Request('http://localhost/channels/zalo/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'X-ZEvent-Signature': `mac=${mac}` }, body: raw }),
    { DOSSIER_LOOKUPS_PER_HOUR: '1000' },
  );
}

async function repliesTo(userId: string): Promise<string[]> {
  return (await recorded(SEND_PATH))
    .map((r) => JSON.parse(r.body) as { recipient: { user_id: string }; message: { text: string } })
    .filter((m) => m.recipient.user_id === userId)
    .map((m) => m.message.text);
}

// No reset of the channel stand-in here: the channel test files share it and run alongside;
// replies are told apart by their (fresh) user ids.

describe('dossier lookup over Zalo', () => {
  it('asks for the digits, keeps the code sealed in KV, then sends the status', async () => {
    const user = newUserId();
    expect((await deliver(user, `tra cứu hồ sơ ${CODE}`)).status).toBe(200);
    const [ask] = await repliesTo(user);
    expect(ask).toContain('4 chữ số cuối');
    // Zalo has no quick replies: the cancel suggestion is numbered.
    expect(ask).toMatch(/1\. Hủy tra cứu/u);
    const session = await testEnv.SESSIONS.get(`session:zalo:${user}`);
    expect(session).toContain('"step":"digits"');
    expect(session).not.toContain('261120');
    const menu = await testEnv.SESSIONS.get(`zalo:menu:${user}`);
    expect(menu ?? '').not.toContain('261120');

    expect((await deliver(user, '9876')).status).toBe(200);
    expect((await repliesTo(user))[1]).toContain('Bạn còn 2 lần thử');
    await deliver(user, '1234');
    const status = (await repliesTo(user))[2]!;
    expect(status).toContain(`Hồ sơ ${CODE}`);
    expect(status).toContain('Tình trạng: Yêu cầu bổ sung giấy tờ');
    expect(status).toContain('Ngày hẹn trả kết quả: 25/11/2026 lúc 17:00');
    expect(status).toContain('Người nộp: Võ T. L.');
    expect(status).toMatch(/Bạn có thể trả lời bằng số thứ tự:\n1\. Giấy tờ của thủ tục\n2\. Tra cứu hồ sơ khác/u);
    // "1" picks the catalog's checklist of the procedure.
    await deliver(user, '1');
    expect((await repliesTo(user))[3]).toContain('Thủ tục đăng ký khai sinh (mã 1.001193)');
  });

  it('locks the code for a Zalo user after three wrong answers', async () => {
    const user = newUserId();
    await deliver(user, `tra cứu hồ sơ ${CODE}`);
    for (const d of ['1111', '2222', '3333']) await deliver(user, d);
    expect((await repliesTo(user))[3]).toContain('tạm khóa trong 24 giờ');
    await deliver(user, `${CODE} số cuối cccd 1234`);
    expect((await repliesTo(user))[4]).toContain('tạm khóa');
  });
});

describe('dossier lookup over Messenger', () => {
  const APP_SECRET = 'test-messenger-app-secret';
  async function deliverMessenger(userId: string, text: string): Promise<void> {
    const raw = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE_ID', time: Date.now(), messaging: [{ sender: { id: userId }, recipient: { id: 'PAGE_ID' }, timestamp: Date.now(), message: { mid: `m_${crypto.randomUUID()}`, text } }] }] });
    const res = await callWorker(
      new Request('http://localhost/channels/messenger/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Hub-Signature-256': `sha256=${await hmacHex(APP_SECRET, raw)}` }, body: raw }),
      { DOSSIER_LOOKUPS_PER_HOUR: '1000' },
    );
    expect(res.status).toBe(200);
  }

  it('asks for the digits with a quick reply to cancel, then sends the status', async () => {
    const user = newUserId();
    await deliverMessenger(user, 'tra cuu ho so 000.00.21.H12-261120-0109');
    await deliverMessenger(user, '5678');
    const sent = (await recorded('/messenger/me/messages'))
      .map((r) => JSON.parse(r.body) as { recipient: { id: string }; message: { text?: string; quick_replies?: { title: string }[] } })
      .filter((m) => m.recipient.id === user);
    expect(sent[0]!.message.text).toContain('4 chữ số cuối');
    expect(sent[0]!.message.quick_replies?.map((q) => q.title)).toEqual(['Hủy tra cứu']);
    expect(sent[1]!.message.text).toContain('Tình trạng: Đã xử lý xong');
    expect(sent[1]!.message.text).toContain('Mời bạn đến nhận kết quả tại UBND xã Hòa Phú');
  });
});
