// The manager's dashboard: aggregates of the D1 exchange log (migrations/0001_init.sql) over a
// period of days in Vietnam time (UTC+7, no daylight saving), both ends included.
//
// Definitions (also in the README, "Staff console"):
//  - question = one exchange row; conversation = one distinct (hashed) session id.
//  - answered = matched (a procedure was found and answered); not matched = intent "unmatched"
//    (no procedure found) or "out_of_scope"; other = greetings, help, thanks, clarifying questions.
//  - satisfaction = thumbs up / rated answers, over the period's answers that were rated.
//  - the unmatched list = the "not matched" questions, as stored (already redacted).
import { z } from 'zod';
import { getProcedure } from '../catalog/store';
import { AppError } from '../errors';
import { staffText } from '../messages';
import { dossierCounts, dossierCountsSchema, dossierStatement } from './dashboard-dossier';
import { logFailureOnce } from '../lib/log';

export const TZ_OFFSET_HOURS = 7;
export const TIMEZONE_LABEL = 'Asia/Ho_Chi_Minh (UTC+7)';
export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 366;
export const TOP_N = 10;
export const UNMATCHED_SHOWN = 100;
export const CSV_MAX_ROWS = 50_000;
const NOT_MATCHED_INTENTS = ['unmatched', 'out_of_scope'] as const;

export interface Period {
  /** YYYY-MM-DD, Vietnam time, inclusive. */
  from: string;
  to: string;
  /** ISO instants bounding created_at: [startIso, endIso). */
  startIso: string;
  endIso: string;
  days: string[];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const DAY_MS = 86_400_000;

function parseDate(s: string): number | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s ? t : null;
}

const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** Today's date in Vietnam. */
export function localToday(now = Date.now()): string {
  return ymd(now + TZ_OFFSET_HOURS * 3_600_000);
}

export function parsePeriod(from: string | undefined, to: string | undefined, now = Date.now()): Period {
  const t = staffText.dashboard;
  const toS = to?.trim() || localToday(now);
  const toT = parseDate(toS);
  if (toT === null) throw new AppError(400, 'invalid_period', t.dateInvalid('to'));
  const fromS = from?.trim() || ymd(toT - (DEFAULT_DAYS - 1) * DAY_MS);
  const fromT = parseDate(fromS);
  if (fromT === null) throw new AppError(400, 'invalid_period', t.dateInvalid('from'));
  if (fromT > toT) throw new AppError(400, 'invalid_period', t.periodReversed);
  const n = (toT - fromT) / DAY_MS + 1;
  if (n > MAX_DAYS) throw new AppError(400, 'invalid_period', t.periodTooLong(MAX_DAYS));
  const shift = TZ_OFFSET_HOURS * 3_600_000;
  return {
    from: fromS,
    to: toS,
    startIso: new Date(fromT - shift).toISOString(),
    endIso: new Date(toT + DAY_MS - shift).toISOString(),
    days: Array.from({ length: n }, (_, i) => ymd(fromT + i * DAY_MS)),
  };
}

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export const dashboardSchema = z.object({
  period: z.object({ from: z.string(), to: z.string(), timezone: z.string(), days: z.number().int() }),
  totals: z.object({
    questions: z.number().int(),
    conversations: z.number().int(),
    answered: z.number().int(),
    notMatched: z.number().int(),
    other: z.number().int(),
    /** Shares of all questions, 0–1 (4 decimals); null when there is no question. */
    answeredShare: z.number().nullable(),
    notMatchedShare: z.number().nullable(),
    otherShare: z.number().nullable(),
  }),
  perDay: z.array(
    z.object({ date: z.string(), questions: z.number().int(), conversations: z.number().int(), answered: z.number().int(), notMatched: z.number().int(), other: z.number().int() }),
  ),
  topProcedures: z.array(z.object({ code: z.string(), name: z.string().nullable(), count: z.number().int(), share: z.number().nullable() })),
  topAspects: z.array(z.object({ aspect: z.string(), label: z.string(), count: z.number().int(), share: z.number().nullable() })),
  satisfaction: z.object({ rated: z.number().int(), up: z.number().int(), down: z.number().int(), upShare: z.number().nullable() }),
  channels: z.array(z.object({ channel: z.string(), label: z.string(), questions: z.number().int(), conversations: z.number().int(), share: z.number().nullable() })),
  unmatched: z.object({
    total: z.number().int(),
    /** The latest UNMATCHED_SHOWN, newest first. */
    items: z.array(z.object({ id: z.string(), at: z.string(), channel: z.string(), intent: z.string(), question: z.string() })),
  }),
  /** Dossier status lookups per outcome and day (worker/staff/dashboard-dossier.ts). */
  dossier: dossierCountsSchema,
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export type UnmatchedItem = Dashboard['unmatched']['items'][number];

interface TotalsRow {
  questions: number;
  conversations: number;
  answered: number | null;
  not_matched: number | null;
}
interface DayRow {
  day: string;
  questions: number;
  conversations: number;
  answered: number | null;
  not_matched: number | null;
}

const NOT_MATCHED_SQL = `(matched = 0 AND intent IN (${NOT_MATCHED_INTENTS.map((i) => `'${i}'`).join(', ')}))`;
const IN_PERIOD = 'created_at >= ?1 AND created_at < ?2';
const LOCAL_DAY = `date(created_at, '+${TZ_OFFSET_HOURS} hours')`;

export function aspectLabel(aspect: string): string {
  return (staffText.aspects as Record<string, string>)[aspect] ?? aspect;
}

export function channelLabel(channel: string): string {
  return (staffText.channels as Record<string, string>)[channel] ?? channel;
}

/** Vietnam local time of an ISO instant: "2026-11-21 09:05". */
export function localTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  return new Date(t + TZ_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

function storageError(err: unknown): never {
  logFailureOnce('staff.dashboard.d1', err);
  throw new AppError(503, 'storage_unavailable', staffText.dashboard.storageUnavailable);
}

export async function buildDashboard(db: D1Database, assets: Fetcher, period: Period): Promise<Dashboard> {
  const b = (sql: string) => db.prepare(sql).bind(period.startIso, period.endIso);
  let results: D1Result[];
  try {
    results = await db.batch([
      b(`SELECT COUNT(*) AS questions, COUNT(DISTINCT session_id) AS conversations, SUM(matched) AS answered,
           SUM(CASE WHEN ${NOT_MATCHED_SQL} THEN 1 ELSE 0 END) AS not_matched
         FROM exchanges WHERE ${IN_PERIOD}`),
      b(`SELECT ${LOCAL_DAY} AS day, COUNT(*) AS questions, COUNT(DISTINCT session_id) AS conversations, SUM(matched) AS answered,
           SUM(CASE WHEN ${NOT_MATCHED_SQL} THEN 1 ELSE 0 END) AS not_matched
         FROM exchanges WHERE ${IN_PERIOD} GROUP BY day ORDER BY day`),
      b(`SELECT procedure_code AS code, COUNT(*) AS n FROM exchanges
         WHERE ${IN_PERIOD} AND procedure_code IS NOT NULL AND matched = 1
         GROUP BY procedure_code ORDER BY n DESC, code LIMIT ${TOP_N}`),
      b(`SELECT aspect, COUNT(*) AS n FROM exchanges
         WHERE ${IN_PERIOD} AND aspect IS NOT NULL AND matched = 1
         GROUP BY aspect ORDER BY n DESC, aspect LIMIT ${TOP_N}`),
      b(`SELECT COUNT(*) AS rated, COALESCE(SUM(CASE WHEN f.rating = 'up' THEN 1 ELSE 0 END), 0) AS up
         FROM feedback f JOIN exchanges e ON e.id = f.message_id
         WHERE e.created_at >= ?1 AND e.created_at < ?2`),
      b(`SELECT channel, COUNT(*) AS questions, COUNT(DISTINCT session_id) AS conversations FROM exchanges
         WHERE ${IN_PERIOD} GROUP BY channel ORDER BY questions DESC, channel`),
      b(`SELECT id, created_at AS at, channel, intent, question FROM exchanges
         WHERE ${IN_PERIOD} AND ${NOT_MATCHED_SQL} ORDER BY created_at DESC, id LIMIT ${UNMATCHED_SHOWN}`),
      dossierStatement(db, period.startIso, period.endIso, TZ_OFFSET_HOURS),
    ]);
  } catch (err) {
    storageError(err);
  }
  const rows = <T>(i: number) => (results[i]?.results ?? []) as T[];

  const totalsRow = rows<TotalsRow>(0)[0] ?? { questions: 0, conversations: 0, answered: 0, not_matched: 0 };
  const questions = totalsRow.questions ?? 0;
  const answered = totalsRow.answered ?? 0;
  const notMatched = totalsRow.not_matched ?? 0;
  const other = questions - answered - notMatched;

  const byDay = new Map(rows<DayRow>(1).map((r) => [r.day, r]));
  const perDay = period.days.map((date) => {
    const r = byDay.get(date);
    const q = r?.questions ?? 0;
    const a = r?.answered ?? 0;
    const nm = r?.not_matched ?? 0;
    return { date, questions: q, conversations: r?.conversations ?? 0, answered: a, notMatched: nm, other: q - a - nm };
  });

  const procRows = rows<{ code: string; n: number }>(2);
  const names = await Promise.all(procRows.map((r) => getProcedure(assets, r.code).then((p) => p?.name ?? null, () => null)));
  const topProcedures = procRows.map((r, i) => ({ code: r.code, name: names[i] ?? null, count: r.n, share: share(r.n, answered) }));

  const topAspects = rows<{ aspect: string; n: number }>(3).map((r) => ({ aspect: r.aspect, label: aspectLabel(r.aspect), count: r.n, share: share(r.n, answered) }));

  const sat = rows<{ rated: number; up: number }>(4)[0] ?? { rated: 0, up: 0 };
  const satisfaction = { rated: sat.rated, up: sat.up, down: sat.rated - sat.up, upShare: share(sat.up, sat.rated) };

  const channels = rows<{ channel: string; questions: number; conversations: number }>(5).map((r) => ({
    channel: r.channel,
    label: channelLabel(r.channel),
    questions: r.questions,
    conversations: r.conversations,
    share: share(r.questions, questions),
  }));

  return {
    period: { from: period.from, to: period.to, timezone: TIMEZONE_LABEL, days: period.days.length },
    totals: {
      questions,
      conversations: totalsRow.conversations ?? 0,
      answered,
      notMatched,
      other,
      answeredShare: share(answered, questions),
      notMatchedShare: share(notMatched, questions),
      otherShare: share(other, questions),
    },
    perDay,
    topProcedures,
    topAspects,
    satisfaction,
    channels,
    unmatched: { total: notMatched, items: rows<UnmatchedItem>(6) },
    dossier: dossierCounts(rows<{ day: string; outcome: string; n: number }>(7), period.days),
  };
}

/** Every not-matched question of the period, oldest first (at most CSV_MAX_ROWS). */
export async function unmatchedQuestions(db: D1Database, period: Period): Promise<UnmatchedItem[]> {
  try {
    const r = await db
      .prepare(
        `SELECT id, created_at AS at, channel, intent, question FROM exchanges
         WHERE ${IN_PERIOD} AND ${NOT_MATCHED_SQL} ORDER BY created_at, id LIMIT ${CSV_MAX_ROWS}`,
      )
      .bind(period.startIso, period.endIso)
      .all<UnmatchedItem>();
    return r.results ?? [];
  } catch (err) {
    storageError(err);
  }
}

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180, UTF-8 with BOM so Excel reads the Vietnamese correctly)

/**
 * One CSV field: quoted when it holds a comma, quote, semicolon or line break (quotes doubled).
 * A field starting with = + - @ or a tab/CR would be read by a spreadsheet as a formula: it is
 * prefixed with an apostrophe (OWASP "CSV injection").
 */
export function csvField(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/u.test(s)) s = `'${s}`;
  return /[",;\r\n]/u.test(s) ? `"${s.replace(/"/gu, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function unmatchedCsv(items: UnmatchedItem[]): string {
  const t = staffText.dashboard.csv;
  return toCsv(
    [t.at, t.channel, t.kind, t.question],
    items.map((i) => [localTime(i.at), channelLabel(i.channel), i.intent === 'out_of_scope' ? staffText.dashboard.kindOutOfScope : staffText.dashboard.kindUnmatched, i.question]),
  );
}
