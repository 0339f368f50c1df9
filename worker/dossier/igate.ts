// VNPT iGate, the one-stop system of many provinces: OAuth2 client credentials on its Keycloak
// realm (POST <token url>, grant_type=client_credentials, HTTP Basic), then
// GET <api>/pa/dossier-search/dvc?page=0&size=10&spec=slice&code=<mã hồ sơ> with the Bearer token:
// { content: [dossier…] }. Statuses map to the national list through knowledge/dossier/igate-status.json.
import { z } from 'zod';
import igateStatusJson from '../../knowledge/dossier/igate-status.json';
import { logFailureOnce } from '../lib/log';
import { fold } from '../search/text';
import { circuitFor } from './circuit';
import type { IgateConfig } from './config';
import { parseIsoDate, text, UpstreamUnavailable, type Dossier, type DossierConnector, type LookupResult } from './connector';
import { readJson, throughCircuit, tokenCache, upstreamFetch } from './http';
import { compileStatusTable, type StatusTable } from './status';

/** A name as iGate writes it: a string, or translations [{ languageId, name }] (the first is Vietnamese). */
const name = z.union([z.string(), z.array(z.object({ name: z.string().nullish() })).transform((t) => t[0]?.name ?? null)]).nullish();

const dossierSchema = z.object({
  code: z.string(),
  nationCode: z.string().nullish(),
  procedure: z.object({ code: z.string().nullish(), translate: z.array(z.object({ name: z.string().nullish() })).nullish() }).nullish(),
  applicant: z.object({ data: z.object({ fullname: z.string().nullish(), identityNumber: z.string().nullish(), phoneNumber: z.string().nullish() }).nullish() }).nullish(),
  applyMethod: z.object({ name }).nullish(),
  appliedDate: z.string().nullish(),
  appointmentDate: z.string().nullish(),
  completedDate: z.string().nullish(),
  dossierStatus: z.object({ name }).nullish(),
  statusCurrentTask: z.string().nullish(),
  currentTask: z.array(z.object({ name })).nullish(),
  agency: z.object({ name }).nullish(),
  /** How the result is handed back ("Nhận qua dịch vụ bưu chính", …), when the deployment exposes it. */
  dossierReceivingKind: z.object({ name }).nullish(),
});
const pageSchema = z.object({ content: z.array(z.unknown()) });
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().optional() });

/** Keycloak's default access-token lifetime, for a token answer without expires_in. */
const DEFAULT_TOKEN_TTL_S = 300;

function basicAuth(id: string, secret: string): string {
  // RFC 6749 §2.3.1: both form-urlencoded, then Basic.
  const bytes = new TextEncoder().encode(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

export function igateDossier(raw: z.infer<typeof dossierSchema>, table: StatusTable): Dossier {
  const rawStatus = text(raw.dossierStatus?.name) ?? text(raw.statusCurrentTask);
  const step = text(raw.currentTask?.find((t) => text(t.name))?.name) ?? (raw.dossierStatus?.name ? text(raw.statusCurrentTask) : null);
  const receiving = text(raw.dossierReceivingKind?.name);
  const status = rawStatus ? table.map(rawStatus) : null;
  if (rawStatus && status === null) logFailureOnce(`dossier.igate.unmapped_status.${fold(rawStatus).slice(0, 40)}`, new Error(`status label not in the table: ${rawStatus.slice(0, 60)}`));
  return {
    code: raw.code,
    procedureName: text(raw.procedure?.translate?.[0]?.name),
    procedureCode: text(raw.procedure?.code),
    applicantName: text(raw.applicant?.data?.fullname),
    idNumber: text(raw.applicant?.data?.identityNumber),
    phone: text(raw.applicant?.data?.phoneNumber),
    receivedAt: parseIsoDate(raw.appliedDate),
    appointmentAt: parseIsoDate(raw.appointmentDate),
    completedAt: parseIsoDate(raw.completedDate),
    status,
    rawStatus,
    currentStep: step && step !== rawStatus ? step : null,
    agency: text(raw.agency?.name),
    returnByPost: receiving ? /buu (chinh|dien)/u.test(fold(receiving)) : null,
  };
}

export class IgateConnector implements DossierConnector {
  readonly kind = 'igate';
  private readonly table: StatusTable;
  private readonly tokenKey: string;

  constructor(private readonly config: IgateConfig) {
    this.table = compileStatusTable(igateStatusJson, config.statusOverrides);
    this.tokenKey = `igate\n${config.tokenUrl}\n${config.clientId}`;
  }

  lookup(code: string): Promise<LookupResult> {
    return throughCircuit(circuitFor(`igate\n${this.config.apiBase}`), async () => {
      let token = await this.token();
      let res = await this.search(code, token);
      if (res.status === 401) {
        // Revoked or expired early (a restarted Keycloak): one new token, one more try.
        await res.body?.cancel().catch(() => undefined);
        tokenCache.invalidate(this.tokenKey, token);
        token = await this.token();
        res = await this.search(code, token);
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new UpstreamUnavailable(`igate dossier-search: HTTP ${res.status}`);
      }
      const page = pageSchema.safeParse(await readJson('igate dossier-search', res));
      if (!page.success) throw new UpstreamUnavailable('igate dossier-search: unexpected answer shape');
      const wanted = code.toUpperCase();
      for (const item of page.data.content) {
        const parsed = dossierSchema.safeParse(item);
        if (!parsed.success) continue;
        const d = parsed.data;
        if (d.code.toUpperCase() === wanted || d.nationCode?.toUpperCase() === wanted) return { found: true, dossier: igateDossier(d, this.table) };
      }
      // Something came back, but nothing we could read matches: say so rather than "not found".
      if (page.data.content.some((item) => !dossierSchema.safeParse(item).success)) throw new UpstreamUnavailable('igate dossier-search: unreadable dossier');
      return { found: false };
    });
  }

  private search(code: string, token: string): Promise<Response> {
    const q = new URLSearchParams({ page: '0', size: '10', spec: 'slice', code });
    return upstreamFetch('igate dossier-search', `${this.config.apiBase}/pa/dossier-search/dvc?${q}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, this.config);
  }

  private token(): Promise<string> {
    return tokenCache.get(this.tokenKey, async () => {
      const res = await upstreamFetch(
        'igate token',
        this.config.tokenUrl,
        {
          method: 'POST',
          headers: { authorization: basicAuth(this.config.clientId, this.config.clientSecret), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: 'grant_type=client_credentials',
        },
        this.config,
      );
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new UpstreamUnavailable(`igate token: HTTP ${res.status}`);
      }
      const parsed = tokenSchema.safeParse(await readJson('igate token', res));
      if (!parsed.success) throw new UpstreamUnavailable('igate token: no access_token in the answer');
      return { value: parsed.data.access_token, ttlSeconds: parsed.data.expires_in ?? DEFAULT_TOKEN_TTL_S };
    });
  }
}
