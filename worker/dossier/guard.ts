// Who may look up what, and what was looked up: D1's dossier_lookups (migrations/0002), shared by
// every isolate, so the limits hold across a deployment (unlike the per-isolate chat limits).
// - per client (channel user, web session) and per receipt code: DOSSIER_LOOKUPS_PER_HOUR lookups
//   an hour, counted over the last hour;
// - wrong digits: MAX_FAILURES for one client and code in LOCK_HOURS locks that code for that client;
//   MAX_CODE_FAILURES for one code from any clients locks it for everyone (a guesser changing
//   sessions), and the citizen is sent to the hotline. With 10 tries a day, guessing 4 digits
//   (against the ID number and the phone: 2 chances in 10,000 a try) takes years.
// Codes and clients are stored as keyed hashes only. When D1 cannot answer, nothing is looked up
// (fail closed: the limits are what keeps a guessable code from being a key).
import { pseudonym } from './secrets';

export type Outcome = 'found' | 'not_found' | 'verify_failed' | 'unverifiable' | 'upstream_down' | 'limited' | 'locked';
/** Outcomes of a call to the upstream: what the hourly limits count. */
const LOOKUPS = `('found', 'not_found', 'verify_failed', 'unverifiable', 'upstream_down')`;

export const MAX_FAILURES = 3;
export const MAX_CODE_FAILURES = 10;
export const LOCK_HOURS = 24;
const HOUR_MS = 3_600_000;

export type Verdict = { kind: 'ok'; failures: number } | { kind: 'locked' } | { kind: 'limited' };

interface Counts {
  client_hour: number | null;
  code_hour: number | null;
  pair_failures: number | null;
  code_failures: number | null;
}

export class Guard {
  constructor(
    private readonly db: D1Database,
    private readonly secret: string,
    private readonly lookupsPerHour: number,
    private readonly channel: string,
    /** channel:session — the client the limits and lock-outs apply to. */
    private readonly client: string,
  ) {}

  private async hashes(code: string): Promise<[string, string]> {
    return Promise.all([pseudonym(this.secret, 'client', this.client), pseudonym(this.secret, 'code', code)]);
  }

  /** Whether this client may look this code up now. Throws when D1 fails. */
  async check(code: string, now = Date.now()): Promise<Verdict> {
    const [client, codeHash] = await this.hashes(code);
    const row = await this.db
      .prepare(
        `SELECT
           SUM(CASE WHEN client_hash = ?1 AND created_at >= ?3 AND outcome IN ${LOOKUPS} THEN 1 ELSE 0 END) AS client_hour,
           SUM(CASE WHEN code_hash = ?2 AND created_at >= ?3 AND outcome IN ${LOOKUPS} THEN 1 ELSE 0 END) AS code_hour,
           SUM(CASE WHEN client_hash = ?1 AND code_hash = ?2 AND outcome = 'verify_failed' THEN 1 ELSE 0 END) AS pair_failures,
           SUM(CASE WHEN code_hash = ?2 AND outcome = 'verify_failed' THEN 1 ELSE 0 END) AS code_failures
         FROM dossier_lookups
         WHERE (client_hash = ?1 OR code_hash = ?2) AND created_at >= ?4`,
      )
      .bind(client, codeHash, new Date(now - HOUR_MS).toISOString(), new Date(now - LOCK_HOURS * HOUR_MS).toISOString())
      .first<Counts>();
    const failures = row?.pair_failures ?? 0;
    if (failures >= MAX_FAILURES || (row?.code_failures ?? 0) >= MAX_CODE_FAILURES) return { kind: 'locked' };
    const limit = this.lookupsPerHour;
    if (limit > 0 && ((row?.client_hour ?? 0) >= limit || (row?.code_hour ?? 0) >= limit)) return { kind: 'limited' };
    return { kind: 'ok', failures };
  }

  /** Records a lookup or a refusal. Throws when D1 fails. */
  async record(code: string, outcome: Outcome, now = Date.now()): Promise<void> {
    const [client, codeHash] = await this.hashes(code);
    await this.db
      .prepare('INSERT INTO dossier_lookups (created_at, channel, client_hash, code_hash, outcome) VALUES (?1, ?2, ?3, ?4, ?5)')
      .bind(new Date(now).toISOString(), this.channel, client, codeHash, outcome)
      .run();
  }
}
