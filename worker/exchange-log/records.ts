// The exchange log, what the assistant keeps in D1 (migrations/0001_init.sql): one row per
// answered message and the citizens' ratings. Personal data never reaches the database: questions and comments are redacted
// HERE (whatever the caller did), and session ids are stored only as a salted hash.
// All SQL uses bound parameters. D1 errors propagate: the caller decides (e.g. log and answer anyway).
import { redact } from '../privacy/redact';

/**
 * Fixed application salt for session-id hashes. Session ids are random, so the hash only has to
 * unlink stored rows from live sessions (KV keys, cookies); the salt keeps the hashes specific to
 * this application. Changing it breaks the link between old and new rows of the same session.
 */
const SESSION_SALT = 'tthc-assistant/session-id/v1';

export type Rating = 'up' | 'down';

export interface ExchangeRecord {
  messageId: string;
  /** Raw session id: hashed before storage. */
  sessionId: string;
  channel: string;
  /** Raw question: redacted before storage. */
  question: string;
  intent: string;
  aspect?: string | null;
  procedureCode?: string | null;
  matched: boolean;
  latencyMs: number;
  /** Defaults to now. */
  at?: Date;
}

export interface FeedbackRecord {
  messageId: string;
  /** Raw session id of the citizen giving the rating: must be the session the message was answered in. */
  sessionId: string;
  rating: Rating;
  /** Raw comment: redacted before storage; empty = none. */
  comment?: string | null;
  /** Defaults to now. */
  at?: Date;
}

export type FeedbackOutcome = 'recorded' | 'unknown_message';

/** Salted SHA-256 of a session id, hex, first 32 characters (128 bits). */
export async function hashSessionId(id: string): Promise<string> {
  const data = new TextEncoder().encode(`${SESSION_SALT}\u0000${id}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += digest[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** The INSERT of one exchange, ready to run alone or in a batch. */
export async function exchangeStatement(db: D1Database, e: ExchangeRecord): Promise<D1PreparedStatement> {
  const sessionHash = await hashSessionId(e.sessionId);
  const latency = Number.isFinite(e.latencyMs) ? Math.max(0, Math.round(e.latencyMs)) : 0;
  return db
    .prepare(
      `INSERT INTO exchanges (id, session_id, channel, question, intent, aspect, procedure_code, matched, latency_ms, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(
      e.messageId,
      sessionHash,
      e.channel,
      redact(e.question).text,
      e.intent,
      e.aspect ?? null,
      e.procedureCode ?? null,
      e.matched ? 1 : 0,
      latency,
      (e.at ?? new Date()).toISOString(),
    );
}

export async function recordExchange(db: D1Database, e: ExchangeRecord): Promise<void> {
  await (await exchangeStatement(db, e)).run();
}

/** Several exchanges in one D1 call (one transaction: all or none). */
export async function recordExchanges(db: D1Database, records: ExchangeRecord[]): Promise<void> {
  if (records.length === 0) return;
  await db.batch(await Promise.all(records.map((r) => exchangeStatement(db, r))));
}

/**
 * Records (or replaces) the rating of a message. Only the session the message was answered in may
 * rate it: for an unknown message, or one of another session, nothing is written and the answer is
 * 'unknown_message'. One statement: the INSERT ... SELECT finds the exchange and the UPSERT replaces
 * an earlier rating of the same message.
 */
export async function recordFeedback(db: D1Database, f: FeedbackRecord): Promise<FeedbackOutcome> {
  const sessionHash = await hashSessionId(f.sessionId);
  const trimmed = f.comment?.trim();
  const comment = trimmed ? redact(trimmed).text : null;
  const result = await db
    .prepare(
      `INSERT INTO feedback (message_id, session_id, rating, comment, created_at)
       SELECT id, session_id, ?3, ?4, ?5 FROM exchanges WHERE id = ?1 AND session_id = ?2
       ON CONFLICT (message_id) DO UPDATE SET
         rating = excluded.rating, comment = excluded.comment, created_at = excluded.created_at`,
    )
    .bind(f.messageId, sessionHash, f.rating, comment, (f.at ?? new Date()).toISOString())
    .run();
  return result.meta.changes > 0 ? 'recorded' : 'unknown_message';
}
