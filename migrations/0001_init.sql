-- Migration number: 0001 	 Exchanges and feedback of the chat assistant.
-- Personal data is redacted (worker/privacy/redact.ts) BEFORE it reaches these tables, and session
-- ids are stored only as a salted SHA-256 prefix (worker/storage/records.ts: hashSessionId).

-- One row per answered message.
CREATE TABLE IF NOT EXISTS exchanges (
  id             TEXT PRIMARY KEY,                         -- messageId given to the client
  session_id     TEXT NOT NULL,                            -- hashed session id, never the raw one
  channel        TEXT NOT NULL,                            -- e.g. web, teams
  question       TEXT NOT NULL,                            -- redacted
  intent         TEXT NOT NULL,
  aspect         TEXT,                                     -- e.g. fees, documents (NULL if none)
  procedure_code TEXT,                                     -- e.g. 1.009122 (NULL if none)
  matched        INTEGER NOT NULL CHECK (matched IN (0, 1)),
  latency_ms     INTEGER NOT NULL CHECK (latency_ms >= 0),
  created_at     TEXT NOT NULL                             -- ISO 8601, UTC
);

CREATE INDEX IF NOT EXISTS exchanges_created_at ON exchanges (created_at);
CREATE INDEX IF NOT EXISTS exchanges_procedure_code ON exchanges (procedure_code);

-- One rating per message: a second rating for the same message replaces the first (UPSERT on message_id).
CREATE TABLE IF NOT EXISTS feedback (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id TEXT NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
  session_id TEXT NOT NULL,                                -- hashed, as in exchanges
  rating     TEXT NOT NULL CHECK (rating IN ('up', 'down')),
  comment    TEXT,                                         -- redacted (NULL if none)
  created_at TEXT NOT NULL                                 -- ISO 8601, UTC (of the latest rating)
);

CREATE UNIQUE INDEX IF NOT EXISTS feedback_message_id ON feedback (message_id);
CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at);
