// The national public service portal's integration service (DVCQG), reached through the province's
// LGSP adapter: a session from POST <adapter><auth path> {username, password}, then
// POST <adapter><share path> {session, madonvi, service: "TraCuuHoSo", mahoso} →
// {error_code, result: [record…]}; dates yyyyMMddHHmmss in Vietnam time. Statuses map to the
// national list through knowledge/dossier/dvcqg-status.json.
import { z } from 'zod';
import dvcqgStatusJson from '../../knowledge/dossier/dvcqg-status.json';
import { logFailureOnce } from '../lib/log';
import { circuitFor } from './circuit';
import type { DvcqgConfig } from './config';
import { parseCompactDate, text, UpstreamUnavailable, type Dossier, type DossierConnector, type LookupResult } from './connector';
import { readJson, throughCircuit, tokenCache, upstreamFetch } from './http';
import { compileStatusTable, type StatusTable } from './status';

const str = z.union([z.string(), z.number()]).nullish();

const recordSchema = z.object({
  MaHoSo: z.string(),
  MaTTHC: str,
  TenTTHC: str,
  ChuHoSo: str,
  // The applicant's ID document number and phone, as the national dossier synchronisation names
  // them: the digits the citizen gives are compared with these. A province whose LGSP names them
  // otherwise maps them here.
  SoGiayToChuHoSo: str,
  SoDienThoai: str,
  NgayTiepNhan: str,
  NgayHenTra: str,
  NgayTra: str,
  TrangThaiHoSo: str,
  DonViXuLy: str,
  /** The current step, where the LGSP gives it. */
  BuocXuLy: str,
});
const shareSchema = z.object({ error_code: z.union([z.string(), z.number()]), result: z.array(z.unknown()).nullish() });
const sessionSchema = z.object({ error_code: z.union([z.string(), z.number()]).optional(), session: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

/** LGSP sessions carry no lifetime in most deployments: renewed after this, or when refused. */
const DEFAULT_SESSION_TTL_S = 600;

const ok = (code: string | number | undefined) => code === undefined || String(code).trim() === '0';

export function dvcqgDossier(raw: z.infer<typeof recordSchema>, table: StatusTable): Dossier {
  const rawStatus = text(raw.TrangThaiHoSo);
  const status = rawStatus ? table.map(rawStatus) : null;
  if (rawStatus && status === null) logFailureOnce(`dossier.dvcqg.unmapped_status.${rawStatus.slice(0, 40)}`, new Error(`status not in the table: ${rawStatus.slice(0, 60)}`));
  return {
    code: raw.MaHoSo,
    procedureName: text(raw.TenTTHC),
    procedureCode: text(raw.MaTTHC),
    applicantName: text(raw.ChuHoSo),
    idNumber: text(raw.SoGiayToChuHoSo),
    phone: text(raw.SoDienThoai),
    receivedAt: parseCompactDate(text(raw.NgayTiepNhan)),
    appointmentAt: parseCompactDate(text(raw.NgayHenTra)),
    completedAt: parseCompactDate(text(raw.NgayTra)),
    status,
    rawStatus,
    currentStep: text(raw.BuocXuLy),
    agency: text(raw.DonViXuLy),
    returnByPost: null,
  };
}

export class DvcqgConnector implements DossierConnector {
  readonly kind = 'dvcqg';
  private readonly table: StatusTable;
  private readonly sessionKey: string;

  constructor(private readonly config: DvcqgConfig) {
    this.table = compileStatusTable(dvcqgStatusJson, config.statusOverrides);
    this.sessionKey = `dvcqg\n${config.apiBase}${config.authPath}\n${config.username}`;
  }

  lookup(code: string): Promise<LookupResult> {
    return throughCircuit(circuitFor(`dvcqg\n${this.config.apiBase}`), async () => {
      let session = await this.session();
      let answer = await this.share(code, session);
      if (answer === 'refused') {
        // An expired or revoked session: one new session, one more try.
        tokenCache.invalidate(this.sessionKey, session);
        session = await this.session();
        answer = await this.share(code, session);
      }
      if (answer === 'refused') throw new UpstreamUnavailable('dvcqg share: refused with a new session');
      const wanted = code.toUpperCase();
      let unreadable = false;
      for (const item of answer) {
        const parsed = recordSchema.safeParse(item);
        if (!parsed.success) {
          unreadable = true;
          continue;
        }
        if (parsed.data.MaHoSo.trim().toUpperCase() === wanted) return { found: true, dossier: dvcqgDossier(parsed.data, this.table) };
      }
      if (unreadable) throw new UpstreamUnavailable('dvcqg share: unreadable record');
      return { found: false };
    });
  }

  /** The records, or 'refused' when the adapter does not accept the session. */
  private async share(code: string, session: string): Promise<unknown[] | 'refused'> {
    const res = await upstreamFetch(
      'dvcqg share',
      `${this.config.apiBase}${this.config.sharePath}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ session, madonvi: this.config.madonvi, service: 'TraCuuHoSo', mahoso: code }),
      },
      this.config,
    );
    if (res.status === 401 || res.status === 403) {
      await res.body?.cancel().catch(() => undefined);
      return 'refused';
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new UpstreamUnavailable(`dvcqg share: HTTP ${res.status}`);
    }
    const parsed = shareSchema.safeParse(await readJson('dvcqg share', res));
    if (!parsed.success) throw new UpstreamUnavailable('dvcqg share: unexpected answer shape');
    // A non-zero error_code is how the adapters refuse a session; with a fresh session it is a failure.
    if (!ok(parsed.data.error_code)) return 'refused';
    return parsed.data.result ?? [];
  }

  private session(): Promise<string> {
    return tokenCache.get(this.sessionKey, async () => {
      const res = await upstreamFetch(
        'dvcqg auth',
        `${this.config.apiBase}${this.config.authPath}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ username: this.config.username, password: this.config.password }),
        },
        this.config,
      );
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new UpstreamUnavailable(`dvcqg auth: HTTP ${res.status}`);
      }
      const parsed = sessionSchema.safeParse(await readJson('dvcqg auth', res));
      if (!parsed.success || !ok(parsed.data.error_code)) throw new UpstreamUnavailable('dvcqg auth: no session in the answer');
      return { value: parsed.data.session, ttlSeconds: parsed.data.expires_in ?? DEFAULT_SESSION_TTL_S };
    });
  }
}
