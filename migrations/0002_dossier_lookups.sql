-- Migration number: 0002 	 Dossier status lookups (worker/dossier/guard.ts).
-- One row per lookup the chat made or refused, for the rate limits, the lock-out after wrong
-- digits and the staff dashboard's counts. No receipt code, digit or session id is stored: codes
-- and clients are keyed hashes (HMAC-SHA-256 under DOSSIER_SECRET, worker/dossier/secrets.ts).
CREATE TABLE IF NOT EXISTS dossier_lookups (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at  TEXT NOT NULL,                               -- ISO 8601, UTC
  channel     TEXT NOT NULL,                               -- web, zalo, messenger, botframework
  client_hash TEXT NOT NULL,                               -- keyed hash of channel + session/user id
  code_hash   TEXT NOT NULL,                               -- keyed hash of the receipt code
  outcome     TEXT NOT NULL CHECK (outcome IN ('found', 'not_found', 'verify_failed', 'unverifiable', 'upstream_down', 'limited', 'locked'))
);

CREATE INDEX IF NOT EXISTS dossier_lookups_created_at ON dossier_lookups (created_at);
CREATE INDEX IF NOT EXISTS dossier_lookups_client ON dossier_lookups (client_hash, created_at);
CREATE INDEX IF NOT EXISTS dossier_lookups_code ON dossier_lookups (code_hash, created_at);
