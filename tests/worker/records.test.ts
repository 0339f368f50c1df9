/// <reference path="../../node_modules/@cloudflare/vitest-pool-workers/types/cloudflare-test.d.ts" />
// Runs in workerd against wrangler's local D1, migrated by tests/worker/setup.ts.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { hashSessionId, recordExchange, recordFeedback, type ExchangeRecord } from '../../worker/exchange-log/records';

const db = (env as unknown as { DB: D1Database }).DB;

interface ExchangeRow {
  id: string;
  session_id: string;
  channel: string;
  question: string;
  intent: string;
  aspect: string | null;
  procedure_code: string | null;
  matched: number;
  latency_ms: number;
  created_at: string;
}

interface FeedbackRow {
  id: number;
  message_id: string;
  session_id: string;
  rating: string;
  comment: string | null;
  created_at: string;
}

function exchange(overrides: Partial<ExchangeRecord> = {}): ExchangeRecord {
  return {
    messageId: crypto.randomUUID(),
    sessionId: crypto.randomUUID(),
    channel: 'web',
    question: 'Thủ tục 1.009122 cần giấy tờ gì?',
    intent: 'procedure_question',
    aspect: 'documents',
    procedureCode: '1.009122',
    matched: true,
    latencyMs: 42,
    ...overrides,
  };
}

const getExchange = (id: string) => db.prepare('SELECT * FROM exchanges WHERE id = ?1').bind(id).first<ExchangeRow>();
const getFeedback = async (messageId: string) =>
  (await db.prepare('SELECT * FROM feedback WHERE message_id = ?1').bind(messageId).all<FeedbackRow>()).results;

async function sha256Hex(s: string): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('schema (migrations/0001_init.sql)', () => {
  it('has the tables and the indexes on created_at, procedure_code and message_id', async () => {
    const { results } = await db
      .prepare("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
      .all<{ name: string; tbl_name: string }>();
    expect(results).toEqual([
      // migrations/0002_dossier_lookups.sql
      { name: 'dossier_lookups_client', tbl_name: 'dossier_lookups' },
      { name: 'dossier_lookups_code', tbl_name: 'dossier_lookups' },
      { name: 'dossier_lookups_created_at', tbl_name: 'dossier_lookups' },
      { name: 'exchanges_created_at', tbl_name: 'exchanges' },
      { name: 'exchanges_procedure_code', tbl_name: 'exchanges' },
      { name: 'feedback_created_at', tbl_name: 'feedback' },
      { name: 'feedback_message_id', tbl_name: 'feedback' },
    ]);
  });
});

describe('hashSessionId', () => {
  it('is 32 hex characters, stable, distinct per id, and salted', async () => {
    const h = await hashSessionId('session-1');
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(await hashSessionId('session-1')).toBe(h);
    expect(await hashSessionId('session-2')).not.toBe(h);
    expect((await sha256Hex('session-1')).slice(0, 32)).not.toBe(h);
  });
});

describe('recordExchange', () => {
  it('stores the redacted question and the hashed session id, never the raw values', async () => {
    const e = exchange({
      sessionId: 'sess-3f9a1c2e-raw-session-id',
      question: 'CCCD của tôi là 079203001234, sđt 0912 345 678, email nguyen.van.a@gmail.com, hỏi thủ tục 1.009122',
      at: new Date('2026-05-01T10:00:00.000Z'),
    });
    await recordExchange(db, e);
    const row = await getExchange(e.messageId);
    expect(row).toEqual({
      id: e.messageId,
      session_id: await hashSessionId('sess-3f9a1c2e-raw-session-id'),
      channel: 'web',
      question: 'CCCD của tôi là [số CCCD/CMND], sđt [số điện thoại], email [email], hỏi thủ tục 1.009122',
      intent: 'procedure_question',
      aspect: 'documents',
      procedure_code: '1.009122',
      matched: 1,
      latency_ms: 42,
      created_at: '2026-05-01T10:00:00.000Z',
    });
    const dump = JSON.stringify(await db.prepare('SELECT * FROM exchanges').all());
    for (const raw of ['079203001234', '0912 345 678', 'nguyen.van.a@gmail.com', 'sess-3f9a1c2e-raw-session-id']) {
      expect(dump).not.toContain(raw);
    }
  });

  it('stores NULL aspect/procedure, matched 0, a rounded latency and the current time by default', async () => {
    const before = Date.now();
    const e = exchange({ aspect: null, procedureCode: undefined, matched: false, latencyMs: 12.6, question: 'Xin chào' });
    await recordExchange(db, e);
    const row = await getExchange(e.messageId);
    expect(row).toMatchObject({ aspect: null, procedure_code: null, matched: 0, latency_ms: 13, question: 'Xin chào' });
    const at = Date.parse(row!.created_at);
    expect(row!.created_at).toBe(new Date(at).toISOString());
    expect(at).toBeGreaterThanOrEqual(before - 1000);
  });

  it('lets D1 errors propagate (a message id recorded twice)', async () => {
    const e = exchange();
    await recordExchange(db, e);
    await expect(recordExchange(db, e)).rejects.toThrow(/UNIQUE|constraint/i);
  });

  it('binds parameters: SQL in the question is stored as text', async () => {
    const e = exchange({ question: "'); DROP TABLE exchanges; --" });
    await recordExchange(db, e);
    expect((await getExchange(e.messageId))?.question).toBe("'); DROP TABLE exchanges; --");
  });
});

describe('recordFeedback', () => {
  it('records a rating of a message of the same session, with the redacted comment', async () => {
    const e = exchange();
    await recordExchange(db, e);
    const outcome = await recordFeedback(db, {
      messageId: e.messageId,
      sessionId: e.sessionId,
      rating: 'down',
      comment: 'Sai rồi, gọi lại cho tôi số 0987.654.321',
    });
    expect(outcome).toBe('recorded');
    const rows = await getFeedback(e.messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      message_id: e.messageId,
      session_id: await hashSessionId(e.sessionId),
      rating: 'down',
      comment: 'Sai rồi, gọi lại cho tôi số [số điện thoại]',
    });
    expect(JSON.stringify(rows)).not.toContain(e.sessionId);
  });

  it('refuses feedback for an unknown message', async () => {
    const messageId = crypto.randomUUID();
    expect(await recordFeedback(db, { messageId, sessionId: crypto.randomUUID(), rating: 'up' })).toBe('unknown_message');
    expect(await getFeedback(messageId)).toEqual([]);
  });

  it("refuses feedback for another session's message, and leaves its rating alone", async () => {
    const e = exchange();
    await recordExchange(db, e);
    expect(await recordFeedback(db, { messageId: e.messageId, sessionId: e.sessionId, rating: 'up' })).toBe('recorded');
    const foreign = await recordFeedback(db, { messageId: e.messageId, sessionId: crypto.randomUUID(), rating: 'down', comment: 'spam' });
    expect(foreign).toBe('unknown_message');
    const rows = await getFeedback(e.messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'up', comment: null });
  });

  it('a second rating for the same message replaces the first', async () => {
    const e = exchange();
    await recordExchange(db, e);
    await recordFeedback(db, { messageId: e.messageId, sessionId: e.sessionId, rating: 'up', comment: 'Hữu ích', at: new Date('2026-05-01T10:00:00.000Z') });
    const second = await recordFeedback(db, {
      messageId: e.messageId,
      sessionId: e.sessionId,
      rating: 'down',
      comment: 'Thiếu lệ phí',
      at: new Date('2026-05-01T10:05:00.000Z'),
    });
    expect(second).toBe('recorded');
    const rows = await getFeedback(e.messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rating: 'down', comment: 'Thiếu lệ phí', created_at: '2026-05-01T10:05:00.000Z' });
    // A third rating without a comment clears it.
    await recordFeedback(db, { messageId: e.messageId, sessionId: e.sessionId, rating: 'up', comment: '   ' });
    expect(await getFeedback(e.messageId)).toMatchObject([{ rating: 'up', comment: null }]);
  });

  it('lets D1 errors propagate (a rating outside up/down)', async () => {
    const e = exchange();
    await recordExchange(db, e);
    await expect(
      recordFeedback(db, { messageId: e.messageId, sessionId: e.sessionId, rating: 'meh' as unknown as 'up' }),
    ).rejects.toThrow(/CHECK|constraint/i);
  });
});
