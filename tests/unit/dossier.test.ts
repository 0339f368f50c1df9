import { describe, expect, it } from 'vitest';
import dvcqgTable from '../../knowledge/dossier/dvcqg-status.json';
import igateTable from '../../knowledge/dossier/igate-status.json';
import { Circuit } from '../../worker/dossier/circuit';
import { parseCompactDate, parseIsoDate } from '../../worker/dossier/connector';
import { dossierPhrases } from '../../worker/dossier/phrases';
import { findReceiptCode, parseReceiptCode } from '../../worker/dossier/receipt-code';
import { openCode, sealCode, SEAL_TTL_MS } from '../../worker/dossier/secrets';
import { compileStatusTable, parseStatusOverrides } from '../../worker/dossier/status';
import { maskName, readDigits } from '../../worker/dossier/verify';

const NOW = Date.parse('2026-12-02T05:00:00Z');

describe('receipt codes', () => {
  it('parses the province and ministry shapes, in any case and with spaces around the dashes', () => {
    expect(parseReceiptCode('000.00.21.H12-240101-0001', NOW)).toEqual({ ok: true, value: { code: '000.00.21.H12-240101-0001', agency: '000.00.21.H12', received: '2024-01-01' } });
    expect(parseReceiptCode('000.00.00.g09-250630-123456', NOW)).toMatchObject({ ok: true, value: { code: '000.00.00.G09-250630-123456' } });
    expect(parseReceiptCode('000.00.00.G09-250630-1234567', NOW).ok).toBe(true);
    expect(findReceiptCode('ma ho so 000.00.21.h12 - 240101 - 0001 nhe', NOW).code?.code).toBe('000.00.21.H12-240101-0001');
  });

  it('refuses impossible and future dates, and other shapes', () => {
    for (const c of ['000.00.21.H12-241301-0001', '000.00.21.H12-240132-0001', '000.00.21.H12-230229-0001', '000.00.21.H12-261203-0001']) {
      expect(parseReceiptCode(c, NOW), c).toEqual({ ok: false, problem: 'date' });
    }
    expect(parseReceiptCode('000.00.21.H12-240229-0001', NOW).ok).toBe(true); // leap day
    expect(parseReceiptCode('000.00.21.H12-261202-0001', NOW).ok).toBe(true); // today in Vietnam
    for (const c of ['000.00.21.H12-240101-00001', '000.00.21.H12-240101-001', '00.00.21.H12-240101-0001', '000.00.21.H12-24011-0001']) {
      expect(parseReceiptCode(c, NOW), c).toEqual({ ok: false, problem: 'shape' });
    }
  });

  it('tells a malformed code in a message from no code at all', () => {
    expect(findReceiptCode('tra cứu 000.00.21.H12-241301-0001', NOW)).toMatchObject({ malformed: 'date' });
    expect(findReceiptCode('hồ sơ 000.21.H12-240101-0001', NOW)).toMatchObject({ malformed: 'shape' });
    // Procedure codes, dates, amounts and plates are not receipt codes.
    for (const t of ['thủ tục 1.001193', 'ngày 01.01.2024', 'lệ phí 100.000 đồng', 'xe 29A-123.45']) expect(findReceiptCode(t, NOW), t).toEqual({ rest: t });
  });
});

describe('dates of both upstreams', () => {
  it('reads iGate ISO dates with or without a colon in the offset, and as Vietnam time without one', () => {
    const expected = '2024-01-05T10:00:00.000Z';
    expect(parseIsoDate('2024-01-05T17:00:00.000+0700')?.toISOString()).toBe(expected);
    expect(parseIsoDate('2024-01-05T17:00:00+07:00')?.toISOString()).toBe(expected);
    expect(parseIsoDate('2024-01-05T10:00:00Z')?.toISOString()).toBe(expected);
    expect(parseIsoDate('2024-01-05T17:00:00')?.toISOString()).toBe(expected);
    expect(parseIsoDate('2024-02-30T17:00:00+0700')).toBeNull();
    expect(parseIsoDate('05/01/2024')).toBeNull();
  });

  it('reads DVCQG dates yyyyMMddHHmmss in Vietnam time', () => {
    expect(parseCompactDate('20240105170000')?.toISOString()).toBe('2024-01-05T10:00:00.000Z');
    expect(parseCompactDate('20240105')?.toISOString()).toBe('2024-01-04T17:00:00.000Z');
    expect(parseCompactDate('20241305170000')).toBeNull();
    expect(parseCompactDate('2024-01-05')).toBeNull();
  });
});

describe('status tables', () => {
  const LABELS = ['Mới đăng ký', 'Được tiếp nhận', 'Không được tiếp nhận', 'Đang xử lý', 'Yêu cầu bổ sung giấy tờ', 'Yêu cầu thực hiện nghĩa vụ tài chính', 'Công dân yêu cầu rút hồ sơ', 'Dừng xử lý', 'Đã xử lý xong', 'Đã trả kết quả'];

  it('maps DVCQG codes 1-10 and the national labels, with or without diacritics', () => {
    const t = compileStatusTable(dvcqgTable);
    for (let n = 1; n <= 10; n++) {
      expect(t.map(n)).toBe(n);
      expect(t.map(String(n))).toBe(n);
      expect(t.map(LABELS[n - 1]!)).toBe(n);
    }
    expect(t.map('dang xu ly')).toBe(4);
    expect(t.map('11')).toBeNull();
  });

  it('maps iGate labels onto all 10 statuses, and takes a deployment override', () => {
    const t = compileStatusTable(igateTable);
    const reached = new Set(Object.keys(igateTable.labels).map((l) => t.map(l)));
    expect([...reached].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(t.map('  CHỜ BỔ SUNG ')).toBe(5);
    expect(t.map('Chờ ký số')).toBeNull();
    const { overrides, error } = parseStatusOverrides('{"Chờ ký số": 4}');
    expect(error).toBeNull();
    expect(compileStatusTable(igateTable, overrides).map('cho ky so')).toBe(4);
    expect(parseStatusOverrides('{"x": 11}').error).toMatch(/1-10/u);
    expect(parseStatusOverrides('not json').error).toMatch(/JSON/u);
  });
});

describe('verification digits and the masked name', () => {
  it('reads 4 digits, a whole ID or phone number, and tells a wrong length from no answer', () => {
    expect(readDigits('1234')).toEqual({ kind: 'digits', digits: '1234' });
    expect(readDigits('4 số cuối là 1234')).toEqual({ kind: 'digits', digits: '1234' });
    expect(readDigits('1 2 3 4')).toEqual({ kind: 'digits', digits: '1234' });
    expect(readDigits('CCCD của tôi 079203001234')).toEqual({ kind: 'digits', digits: '1234' });
    expect(readDigits('0912.345.678')).toEqual({ kind: 'digits', digits: '5678' });
    expect(readDigits('123')).toEqual({ kind: 'wrong_length' });
    expect(readDigits('12345')).toEqual({ kind: 'wrong_length' });
    expect(readDigits('lệ phí đăng ký kết hôn bao nhiêu')).toEqual({ kind: 'none' });
  });

  it('masks all but the family name', () => {
    expect(maskName('Nguyễn Văn An')).toBe('Nguyễn V. A.');
    expect(maskName('  trần thị   mai ')).toBe('trần T. M.');
    expect(maskName('Đặng Ánh')).toBe('Đặng Á.');
    expect(maskName('An')).toBe('A.');
  });
});

describe('phrases', () => {
  it('recognises status questions with or without diacritics, not procedure questions or other people', () => {
    const p = dossierPhrases();
    for (const q of ['hồ sơ của tôi đến đâu rồi', 'ho so cua toi den dau roi', 'Tra cứu hồ sơ', 'hồ sơ đã có kết quả chưa ạ', 'kiểm tra tình trạng hồ sơ']) expect(p.asksStatus(q), q).toBe(true);
    for (const q of ['hồ sơ đăng ký khai sinh gồm những gì', 'tra cứu hồ sơ của người khác', 'lệ phí cấp hộ chiếu']) expect(p.asksStatus(q), q).toBe(false);
    expect(p.cancels('Hủy tra cứu')).toBe(true);
    expect(p.cancels('huy')).toBe(true);
    expect(p.cancels('hủy đăng ký kinh doanh')).toBe(false);
  });
});

describe('the circuit', () => {
  it('opens after 3 failures in a row, lets one trial through after the cooldown, closes on success', () => {
    const c = new Circuit(3, 30_000);
    const t = 1_000_000;
    c.failure(t);
    c.success();
    c.failure(t);
    c.failure(t);
    expect(c.allow(t)).toBe(true);
    c.failure(t);
    expect(c.allow(t + 1)).toBe(false);
    expect(c.allow(t + 29_999)).toBe(false);
    expect(c.allow(t + 30_000)).toBe(true); // the trial
    expect(c.allow(t + 30_001)).toBe(false); // only one at a time
    c.failure(t + 30_002);
    expect(c.allow(t + 40_000)).toBe(false); // open again for a cooldown
    expect(c.allow(t + 60_002)).toBe(true);
    c.success();
    expect(c.allow(t + 60_003)).toBe(true);
    expect(c.allow(t + 60_003)).toBe(true);
  });
});

describe('the sealed code', () => {
  it('opens under the same secret before it expires, never when tampered with or under another secret', async () => {
    const secret = 'unit-test-secret-0123456789';
    const sealed = await sealCode(secret, '000.00.21.H12-240101-0001', NOW);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/u);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('240101');
    expect(await openCode(secret, sealed, NOW + 1000)).toBe('000.00.21.H12-240101-0001');
    expect(await openCode(secret, sealed, NOW + SEAL_TTL_MS + 1)).toBeNull();
    expect(await openCode('another-secret-0123456789', sealed, NOW)).toBeNull();
    const flipped = sealed.slice(0, 20) + (sealed[20] === 'A' ? 'B' : 'A') + sealed.slice(21);
    expect(await openCode(secret, flipped, NOW)).toBeNull();
    // Two seals of one code differ (random IV): the token says nothing about which code it holds.
    expect(await sealCode(secret, '000.00.21.H12-240101-0001', NOW)).not.toBe(sealed);
  });
});
