// The dossier status lookup end to end in workerd: /api/chat as the widget calls it, against the
// stand-in one-stop system (both upstream shapes, recorded-style fixtures in tests/fixtures/dossier).
import { describe, expect, it } from 'vitest';
import igateFixture from '../fixtures/dossier/igate.json';
import { testEnv } from './channels-helpers';
import { Conversation, daysSince, delayUpstream, failUpstream, resetUpstream, revokeTokens, tokenLifetime, upstream, upstreamRequests } from './dossier-helpers';

const OVERDUE = '000.00.21.H12-240101-0001';
const IGATE = (n: number) => `000.00.21.H12-261120-${String(100 + n).padStart(4, '0')}`;
const DVCQG = (n: number) => `000.00.15.H12-261118-${String(200 + n).padStart(4, '0')}`;
const BUSY = 'Hệ thống tra cứu đang bận, vui lòng thử lại sau';
const HOTLINE = '1900 0000';
const LABELS = [
  'Mới đăng ký',
  'Được tiếp nhận',
  'Không được tiếp nhận',
  'Đang xử lý',
  'Yêu cầu bổ sung giấy tờ',
  'Yêu cầu thực hiện nghĩa vụ tài chính',
  'Công dân yêu cầu rút hồ sơ',
  'Dừng xử lý',
  'Đã xử lý xong',
  'Đã trả kết quả',
];

/** What the client holds, decoded: it must never show a code or digits. */
const contextText = (token: string | null) => (token ? atob(token.slice(3).replace(/-/gu, '+').replace(/_/gu, '/')) : '');

describe('the conversation (iGate)', () => {
  it('asks for the code, then the digits, then answers with the status and the appointment date', async () => {
    const c = new Conversation();
    const ask = await c.say('hồ sơ của tôi đến đâu rồi');
    expect(ask.status).toBe(200);
    expect(ask.intent).toBe('dossier_status');
    expect(ask.text).toContain('mã hồ sơ');
    const digits = await c.say(`tra cứu hồ sơ ${OVERDUE}`);
    expect(digits.text).toContain('4 chữ số cuối của số CCCD');
    // The code travels sealed: neither it nor its parts are readable in the client's token.
    expect(c.context).toMatch(/^v1\./u);
    expect(contextText(c.context)).not.toContain('240101');
    expect(contextText(c.context)).not.toContain('H12');
    const answer = await c.say('1234');
    expect(answer.text).toContain(`Hồ sơ ${OVERDUE}`);
    expect(answer.text).toContain('Thủ tục: Đăng ký khai sinh');
    expect(answer.text).toContain('Tình trạng: Đang xử lý');
    expect(answer.text).toContain('Bước đang xử lý: Công chức tư pháp - hộ tịch thẩm định');
    expect(answer.text).toContain('Ngày tiếp nhận: 01/01/2024 lúc 08:30');
    expect(answer.text).toContain(`Ngày hẹn trả kết quả: 05/01/2024 lúc 17:00 — quá hạn ${daysSince('2024-01-05')} ngày`);
    // The name masked; the ID and phone never shown.
    expect(answer.text).toContain('Người nộp: Nguyễn V. A.');
    expect(answer.text).not.toContain('Nguyễn Văn An');
    expect(answer.text).not.toContain('001090001234');
    expect(answer.html).toContain('<strong>Tình trạng:</strong>');
    expect(c.context).toBeNull();
  });

  it('reads a code typed without diacritics, in lower case, with spaces around the dashes, and the phone digits', async () => {
    const c = new Conversation();
    expect((await c.say(`tra cuu ho so ${IGATE(4).toLowerCase().replace(/-/gu, ' - ')}`)).text).toContain('4 chữ số cuối');
    const answer = await c.say('4 số cuối sđt là 5678');
    expect(answer.text).toContain('Tình trạng: Đang xử lý');
    expect(answer.text).not.toContain('quá hạn');
  });

  it('takes a code pasted alone, and the digits in the same message as the code', async () => {
    const alone = new Conversation();
    expect((await alone.say(IGATE(2))).text).toContain('4 chữ số cuối');
    const both = new Conversation();
    expect((await both.say(`${IGATE(2)}, 4 số cuối CCCD 1234`)).text).toContain('Tình trạng: Được tiếp nhận');
  });

  it('maps every status to the national list and says what to do next', async () => {
    for (let n = 1; n <= 10; n++) {
      const code = n === 4 ? IGATE(4) : IGATE(n);
      const a = await new Conversation().say(`tra cứu hồ sơ ${code} số cuối cccd 1234`);
      expect(a.text, code).toContain(`Tình trạng: ${LABELS[n - 1]}`);
    }
    const extra = await new Conversation().say(`tra cứu hồ sơ ${IGATE(5)} số cuối cccd 1234`);
    expect(extra.text).toMatch(/yêu cầu bổ sung giấy tờ/u);
    expect(extra.text).toContain('Danh mục giấy tờ của thủ tục: https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7');
    expect(extra.suggestions).toContainEqual({ label: 'Giấy tờ của thủ tục', message: 'Thủ tục 1.001193 cần giấy tờ gì?' });
    const fee = await new Conversation().say(`tra cứu hồ sơ ${IGATE(6)} số cuối cccd 1234`);
    expect(fee.text).toContain('nộp phí, lệ phí');
    expect(fee.suggestions).toContainEqual({ label: 'Lệ phí của thủ tục', message: 'Lệ phí thủ tục 1.001612 bao nhiêu?' });
    const collect = await new Conversation().say(`tra cứu hồ sơ ${IGATE(9)} số cuối cccd 1234`);
    expect(collect.text).toContain('Mời bạn đến nhận kết quả tại UBND xã Hòa Phú');
    const posted = await new Conversation().say(`tra cứu hồ sơ ${IGATE(10)} số cuối cccd 1234`);
    expect(posted.text).toContain('Kết quả đã được gửi qua dịch vụ bưu chính ngày 23/11/2026');
    // A suggested follow-up answers from the catalog.
    const docs = await new Conversation().say('Thủ tục 1.001193 cần giấy tờ gì?');
    expect(docs.intent).toBe('procedure');
    expect(docs.text).toContain('Hồ sơ cần chuẩn bị');
  });

  it('shows a status the table does not know as the upstream writes it, and suggests nothing with the code in it', async () => {
    const a = await new Conversation().say(`tra cứu hồ sơ ${IGATE(12)} số cuối cccd 1234`);
    expect(a.text).toContain('Tình trạng: Chờ ký số (theo hệ thống một cửa)');
    expect(a.text).toContain(HOTLINE);
    expect(JSON.stringify(a.suggestions)).not.toContain('261120');
  });

  it('says when a code is not found, and when the dossier records nothing to verify', async () => {
    const missing = await new Conversation().say('tra cứu hồ sơ 000.00.21.H12-261120-0999 số cuối cccd 1234');
    expect(missing.text).toContain('Không tìm thấy hồ sơ có mã 000.00.21.H12-261120-0999');
    const unverifiable = await new Conversation().say(`tra cứu hồ sơ ${IGATE(11)} số cuối cccd 1234`);
    expect(unverifiable.text).toContain('không ghi số CCCD hoặc số điện thoại');
    expect(unverifiable.text).not.toContain('Tình trạng');
  });

  it('refuses malformed codes before calling anything', async () => {
    const prefix = '/malformed';
    const env = upstream('igate', prefix);
    await resetUpstream(prefix);
    const c = new Conversation(env);
    expect((await c.say('tra cứu hồ sơ 000.00.21.H12-241301-0001')).text).toContain('không phải một ngày hợp lệ'); // month 13
    expect((await c.say('000.00.21.H12-230229-0001')).text).toContain('không phải một ngày hợp lệ'); // 2023 had no 29 February
    expect((await c.say('000.00.21.H12-991231-0001')).text).toContain('không phải một ngày hợp lệ'); // 2099: not yet
    expect((await c.say('000.00.21.H12-240101-00001')).text).toContain('chưa đúng định dạng'); // 5-digit sequence
    expect((await c.say('000.21.H12-240101-0001')).text).toContain('chưa đúng định dạng'); // agency part cut
    expect(await upstreamRequests(prefix)).toHaveLength(0);
    // A leap day is a real date.
    expect((await new Conversation(env).say('000.00.21.H12-240229-0001')).text).toContain('4 chữ số cuối');
  });

  it('asks again for 4 digits, lets the citizen cancel, and leaves other questions to the chat', async () => {
    const c = new Conversation();
    await c.say(`tra cứu hồ sơ ${IGATE(2)}`);
    expect((await c.say('123')).text).toContain('Vui lòng nhập đúng 4 chữ số cuối');
    expect((await c.say('Hủy tra cứu')).text).toContain('Đã hủy tra cứu hồ sơ');
    expect(c.context).toBeNull();
    await c.say(`tra cứu hồ sơ ${IGATE(2)}`);
    const other = await c.say('lệ phí đăng ký kết hôn bao nhiêu');
    expect(other.intent).toBe('procedure');
    expect(contextText(c.context)).not.toContain('dossier');
  });
});

describe('verification and lock-out', () => {
  it('refuses wrong digits, counts down, then locks that code for that client only', async () => {
    const c = new Conversation();
    await c.say(`tra cứu hồ sơ ${IGATE(7)}`);
    expect((await c.say('0000')).text).toContain('Bạn còn 2 lần thử');
    const second = await c.say('1111');
    expect(second.text).toContain('Bạn còn 1 lần thử');
    expect(second.text).not.toContain('Tình trạng');
    const third = await c.say('2222');
    expect(third.text).toContain('tạm khóa trong 24 giờ');
    expect(third.text).toContain(HOTLINE);
    // Locked even with the right digits, from the code step on.
    const again = await c.say(`tra cứu hồ sơ ${IGATE(7)}`);
    expect(again.text).toContain('tạm khóa');
    expect((await c.say(`tra cứu hồ sơ ${IGATE(7)} số cuối cccd 1234`)).text).toContain('tạm khóa');
    // Another client, with the right digits, is not locked out.
    expect((await new Conversation().say(`tra cứu hồ sơ ${IGATE(7)} số cuối cccd 1234`)).text).toContain('Tình trạng: Công dân yêu cầu rút hồ sơ');
  });

  it('limits lookups per client and hour (DOSSIER_LOOKUPS_PER_HOUR)', async () => {
    const c = new Conversation({ DOSSIER_LOOKUPS_PER_HOUR: '2' });
    expect((await c.say(`tra cứu hồ sơ ${IGATE(1)} số cuối cccd 1234`)).text).toContain('Tình trạng');
    expect((await c.say(`tra cứu hồ sơ ${IGATE(3)} số cuối cccd 1234`)).text).toContain('Tình trạng');
    expect((await c.say(`tra cứu hồ sơ ${IGATE(8)} số cuối cccd 1234`)).text).toContain('tối đa 2 lần');
  });

  it('limits lookups of one code per hour, whoever asks', async () => {
    const env = { DOSSIER_LOOKUPS_PER_HOUR: '3' };
    // Earlier tests of this file looked IGATE(9) up; a fresh code for this one.
    const code = '000.00.21.H12-261120-0998';
    for (let i = 0; i < 3; i++) expect((await new Conversation(env).say(`${code} số cuối cccd 1234`)).text).toContain('Không tìm thấy');
    expect((await new Conversation(env).say(`${code} số cuối cccd 1234`)).text).toContain('tối đa 3 lần');
  });
});

describe('privacy of what is kept', () => {
  it('keeps no receipt code or digits in D1, and no code in KV', async () => {
    const c = new Conversation({}, true);
    await c.say(`tra cứu hồ sơ ${IGATE(9)}`);
    const kv = await testEnv.SESSIONS.get(`session:web:${c.sessionId}`);
    expect(kv).toContain('"step":"digits"');
    expect(kv).not.toContain('261120');
    expect((await c.say('1234')).text).toContain('Đã xử lý xong');
    const { flushExchanges } = await import('../../worker/exchange-log/queue');
    await flushExchanges();
    const exchanges = await testEnv.DB.prepare('SELECT question FROM exchanges').all<{ question: string }>();
    const lookups = await testEnv.DB.prepare('SELECT * FROM dossier_lookups').all<Record<string, string>>();
    const stored = JSON.stringify([exchanges.results, lookups.results]);
    expect(stored).toContain('[mã hồ sơ]');
    expect(stored).toContain('[tin nhắn xác minh tra cứu hồ sơ đã ẩn]');
    for (const fixture of igateFixture.dossiers) expect(stored).not.toContain(fixture.code.slice(-11));
    expect(stored).not.toMatch(/"1234"|"question":"1234"/u);
    expect(lookups.results.length).toBeGreaterThan(0);
    for (const row of lookups.results) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{32}$/u);
      expect(row.client_hash).toMatch(/^[0-9a-f]{32}$/u);
    }
  });
});

describe('the upstream failing', () => {
  it('retries a 5xx twice, then answers politely with the hotline (HTTP 200)', async () => {
    const prefix = '/down500';
    await resetUpstream(prefix);
    await failUpstream(prefix, 503, 3);
    const a = await new Conversation(upstream('igate', prefix)).say(`tra cứu hồ sơ ${IGATE(2)} số cuối cccd 1234`);
    expect(a.status).toBe(200);
    expect(a.text).toContain(BUSY);
    expect(a.text).toContain(HOTLINE);
    expect(await upstreamRequests(prefix)).toHaveLength(3); // 1 + 2 retries
    // The next lookup works again, and keeps the sealed code for a retry with the digits only.
    expect((await new Conversation(upstream('igate', prefix)).say(`tra cứu hồ sơ ${IGATE(2)} số cuối cccd 1234`)).text).toContain('Tình trạng');
  });

  it('does not retry a 4xx or a timeout, and opens the circuit after repeated failures', async () => {
    const prefix = '/circuit';
    const env = upstream('igate', prefix);
    await resetUpstream(prefix);
    await failUpstream(prefix, 400, 1);
    expect((await new Conversation(env).say(`${IGATE(2)} số cuối cccd 1234`)).text).toContain(BUSY);
    expect(await upstreamRequests(prefix)).toHaveLength(1);
    await delayUpstream(prefix, 1500, 1); // the worker's timeout is 1 s (tests/worker/dossier-stub-setup.ts)
    const timedOut = new Conversation(env);
    await timedOut.say(`tra cứu hồ sơ ${IGATE(2)}`);
    expect((await timedOut.say('1234')).text).toContain(BUSY);
    expect(await upstreamRequests(prefix)).toHaveLength(2);
    // Still waiting for the digits: sending them again retries.
    expect(timedOut.context).not.toBeNull();
    await new Promise((r) => setTimeout(r, 700)); // the stand-in finishes the late answer first
    await failUpstream(prefix, 500, 3);
    expect((await new Conversation(env).say(`${IGATE(2)} số cuối cccd 1234`)).text).toContain(BUSY);
    expect(await upstreamRequests(prefix)).toHaveLength(5);
    // Three failed lookups in a row: the circuit is open, the healthy upstream is not called.
    await resetUpstream(prefix);
    const refused = await new Conversation(env).say(`${IGATE(2)} số cuối cccd 1234`);
    expect(refused.text).toContain(BUSY);
    expect(await upstreamRequests(prefix)).toHaveLength(0);
  });
});

describe('tokens', () => {
  it('caches the iGate token, gets a new one when it expires or is refused', async () => {
    const prefix = '/tokens';
    const env = upstream('igate', prefix);
    await resetUpstream(prefix);
    const tokenCalls = async () => (await upstreamRequests(prefix)).filter((r) => r.path.endsWith('/token')).length;
    await new Conversation(env).say(`${IGATE(1)} số cuối cccd 1234`);
    await new Conversation(env).say(`${IGATE(2)} số cuối cccd 1234`);
    expect(await tokenCalls()).toBe(1);
    const tokenRequest = (await upstreamRequests(prefix)).find((r) => r.path.endsWith('/token'))!;
    expect(tokenRequest.body).toBe('grant_type=client_credentials');
    expect(tokenRequest.headers.authorization).toMatch(/^Basic /u);
    // Revoked upstream before its expiry: refused (401), a new token, the same lookup again.
    await revokeTokens(prefix);
    expect((await new Conversation(env).say(`${IGATE(3)} số cuối cccd 1234`)).text).toContain('Tình trạng');
    expect(await tokenCalls()).toBe(2);
    // A 2-second token is renewed ahead of its expiry.
    await tokenLifetime(prefix, 2);
    await revokeTokens(prefix);
    await new Conversation(env).say(`${IGATE(1)} số cuối cccd 1234`);
    const before = await tokenCalls();
    await new Promise((r) => setTimeout(r, 1200));
    expect((await new Conversation(env).say(`${IGATE(1)} số cuối cccd 1234`)).text).toContain('Tình trạng');
    expect(await tokenCalls()).toBe(before + 1);
    await tokenLifetime(prefix, 300);
  });
});

describe('DVCQG / LGSP', () => {
  it('maps every status and reads its dates (yyyyMMddHHmmss, Vietnam time)', async () => {
    const env = upstream('dvcqg', '/dv');
    for (let n = 1; n <= 10; n++) {
      const a = await new Conversation(env).say(`tra cứu hồ sơ ${DVCQG(n)} số cuối cccd 1234`);
      expect(a.text, DVCQG(n)).toContain(`Tình trạng: ${LABELS[n - 1]}`);
    }
    const c = new Conversation(env);
    await c.say('tra cuu tinh trang ho so');
    await c.say('000.00.15.H12-240315-0001');
    const a = await c.say('5678');
    expect(a.text).toContain('Ngày tiếp nhận: 15/03/2024 lúc 08:30');
    expect(a.text).toContain(`Ngày hẹn trả kết quả: 20/03/2024 lúc 17:00 — quá hạn ${daysSince('2024-03-20')} ngày`);
    expect(a.text).toContain('Người nộp: Trịnh V. B.');
    expect(a.text).toContain('Bước đang xử lý: Thẩm định hồ sơ');
    expect(a.text).toContain('Cơ quan giải quyết: Sở Tư pháp');
    const returned = await new Conversation(env).say(`${DVCQG(10)} số cuối cccd 1234`);
    expect(returned.text).toContain('Kết quả đã được trả ngày 21/11/2026');
  });

  it('sends the session, madonvi and service, and opens a new session when the old one is refused', async () => {
    const prefix = '/dvsession';
    const env = upstream('dvcqg', prefix);
    await resetUpstream(prefix);
    expect((await new Conversation(env).say(`${DVCQG(4)} số cuối cccd 1234`)).text).toContain('Tình trạng: Đang xử lý');
    const share = (await upstreamRequests(prefix)).find((r) => r.path === '/dvcqg/share')!;
    expect(JSON.parse(share.body)).toMatchObject({ madonvi: '000.00.00.H12', service: 'TraCuuHoSo', mahoso: DVCQG(4) });
    await revokeTokens(prefix);
    expect((await new Conversation(env).say(`${DVCQG(4)} số cuối cccd 1234`)).text).toContain('Tình trạng: Đang xử lý');
    const paths = (await upstreamRequests(prefix)).map((r) => r.path);
    expect(paths).toEqual(['/dvcqg/auth', '/dvcqg/share', '/dvcqg/share', '/dvcqg/auth', '/dvcqg/share']);
  });

  it('answers not found and wrong digits the same way as iGate', async () => {
    const env = upstream('dvcqg', '/dv');
    expect((await new Conversation(env).say('000.00.15.H12-261118-0999 số cuối cccd 1234')).text).toContain('Không tìm thấy');
    expect((await new Conversation(env).say(`${DVCQG(3)} số cuối cccd 4321`)).text).toContain('Bạn còn 2 lần thử');
  });
});

describe('configuration', () => {
  it('says where to look a dossier up when the lookup is off or misconfigured', async () => {
    for (const env of [{ DOSSIER_CONNECTOR: '' }, { DOSSIER_SECRET: 'short' }, { DOSSIER_CONNECTOR: 'vnpt' }]) {
      const a = await new Conversation({ ...env, DOSSIER_LOOKUP_URL: 'https://dichvucong.example.gov.vn/tra-cuu' }).say(`tra cứu hồ sơ ${IGATE(2)}`);
      expect(a.intent).toBe('dossier_status');
      expect(a.text).toContain('chưa tra cứu được tình trạng hồ sơ');
      expect(a.text).toContain(HOTLINE);
      expect(a.text).toContain('https://dichvucong.example.gov.vn/tra-cuu');
    }
  });

  it('leaves procedure questions alone', async () => {
    const a = await new Conversation().say('đăng ký khai sinh cần giấy tờ gì');
    expect(a.intent).toBe('procedure');
    const other = await new Conversation().say('tra cứu hồ sơ của người khác');
    expect(other.intent).toBe('out_of_scope');
  });
});
