// A stand-in for the province's one-stop system, speaking both upstream shapes the dossier lookup
// knows (worker/dossier/igate.ts, dvcqg.ts), with the recorded-style fixtures of
// tests/fixtures/dossier/. Used by `npm run dev:dossier-stub` (scripts/dossier-stub.ts) and by the
// worker and browser tests. Loopback only.
//
//   iGate  POST <prefix>/igate/sso/auth/realms/digo/protocol/openid-connect/token  (Basic, client credentials)
//          GET  <prefix>/igate/api/pa/dossier-search/dvc?page=0&size=10&spec=slice&code=…  (Bearer)
//   DVCQG  POST <prefix>/dvcqg/auth   {username, password} → {error_code: 0, session}
//          POST <prefix>/dvcqg/share  {session, madonvi, service: "TraCuuHoSo", mahoso} → {error_code, result}
// <prefix> is optional (/anything): tests give each scenario its own, so that each has its own
// circuit in the worker and its own scripted failures here.
//
// Control (not recorded): GET /__dossier/requests?prefix=, POST /__dossier/reset?prefix=,
// POST /__dossier/fail {prefix, status, times} (the next `times` requests answer `status`),
// POST /__dossier/delay {prefix, ms, times} (the next `times` requests wait `ms` first),
// POST /__dossier/revoke {prefix} (tokens and sessions issued so far are refused),
// POST /__dossier/ttl {prefix, seconds} (lifetime of the tokens and sessions issued from now on).
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './paths.ts';

export const STUB_CREDENTIALS = {
  clientId: 'tthc-assistant',
  clientSecret: 'local-dossier-client-secret',
  username: 'tthc-assistant',
  password: 'local-dossier-password',
  madonvi: '000.00.00.H12',
};

export const IGATE_TOKEN_PATH = '/igate/sso/auth/realms/digo/protocol/openid-connect/token';

export interface StubRequest {
  prefix: string;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface DossierStub {
  origin: string;
  close(): Promise<void>;
  /** The worker's configuration for a connector of this stub (with an optional scenario prefix). */
  vars(kind: 'igate' | 'dvcqg', prefix?: string): Record<string, string>;
}

export interface DossierStubOptions {
  port?: number;
  /** Lifetime of tokens and sessions, seconds (default 300). */
  ttlSeconds?: number;
  /** Called with a line per request (the dev script prints them). */
  log?: (line: string) => void;
}

interface Issued {
  prefix: string;
  expiresAt: number;
}

function fixtures(): { igate: Record<string, unknown>[]; dvcqg: Record<string, unknown>[] } {
  const dir = join(ROOT, 'tests', 'fixtures', 'dossier');
  const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as Record<string, unknown>;
  return { igate: read('igate.json').dossiers as Record<string, unknown>[], dvcqg: read('dvcqg.json').records as Record<string, unknown>[] };
}

export async function startDossierStub(opts: DossierStubOptions = {}): Promise<DossierStub> {
  const data = fixtures();
  const recorded: StubRequest[] = [];
  const failures: { prefix: string; status: number; times: number }[] = [];
  const delays: { prefix: string; ms: number; times: number }[] = [];
  const issued = new Map<string, Issued>();
  const defaultTtl = opts.ttlSeconds ?? 300;
  const ttls = new Map<string, number>();
  let counter = 0;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const issue = (prefix: string, kind: string) => {
    const value = `${kind}-${++counter}-${Math.random().toString(36).slice(2, 10)}`;
    issued.set(value, { prefix, expiresAt: Date.now() + ttlOf(prefix) * 1000 });
    return value;
  };
  const ttlOf = (prefix: string) => ttls.get(prefix) ?? defaultTtl;
  const valid = (value: string | undefined) => {
    const t = value ? issued.get(value) : undefined;
    return t !== undefined && t.expiresAt > Date.now();
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const m = /^(\/[\w-]+)?(\/(?:igate|dvcqg)\/.*)$/u.exec(url.pathname);
    if (!m) return json(res, 404, { error: 'not stubbed' });
    const prefix = m[1] ?? '';
    const path = m[2]!;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    recorded.push({ prefix, method: req.method ?? 'GET', path, query: url.search, headers, body });
    opts.log?.(`${req.method} ${prefix}${path}`);

    const delay = delays.find((d) => d.prefix === prefix && d.times > 0);
    if (delay) {
      delay.times--;
      await new Promise((r) => setTimeout(r, delay.ms));
    }
    const failure = failures.find((f) => f.prefix === prefix && f.times > 0);
    if (failure) {
      failure.times--;
      return json(res, failure.status, { error: 'scripted failure' });
    }

    if (path === IGATE_TOKEN_PATH && req.method === 'POST') {
      const expected = `Basic ${Buffer.from(`${STUB_CREDENTIALS.clientId}:${STUB_CREDENTIALS.clientSecret}`).toString('base64')}`;
      if (headers.authorization !== expected) return json(res, 401, { error: 'invalid_client', error_description: 'Invalid client credentials' });
      if (new URLSearchParams(body).get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
      return json(res, 200, { access_token: issue(prefix, 'igate'), expires_in: ttlOf(prefix), token_type: 'Bearer', scope: 'profile email' });
    }
    if (path === '/igate/api/pa/dossier-search/dvc' && req.method === 'GET') {
      const token = headers.authorization?.replace(/^Bearer /u, '');
      if (!valid(token)) return json(res, 401, { error: 'invalid_token' });
      const code = (url.searchParams.get('code') ?? '').trim().toUpperCase();
      const content = data.igate.filter((d) => String(d.code).toUpperCase() === code);
      return json(res, 200, { content, numberOfElements: content.length, size: 10, number: 0, last: true });
    }
    if (path === '/dvcqg/auth' && req.method === 'POST') {
      const b = safeJson(body);
      if (b?.username !== STUB_CREDENTIALS.username || b?.password !== STUB_CREDENTIALS.password) return json(res, 200, { error_code: -1, message: 'Sai tên đăng nhập hoặc mật khẩu' });
      return json(res, 200, { error_code: 0, session: issue(prefix, 'dvcqg'), message: 'Thành công' });
    }
    if (path === '/dvcqg/share' && req.method === 'POST') {
      const b = safeJson(body);
      if (!valid(typeof b?.session === 'string' ? b.session : undefined)) return json(res, 200, { error_code: -2, message: 'Phiên làm việc không hợp lệ hoặc đã hết hạn' });
      if (b?.service !== 'TraCuuHoSo' || b?.madonvi !== STUB_CREDENTIALS.madonvi) return json(res, 200, { error_code: -3, message: 'Dịch vụ hoặc mã đơn vị không đúng' });
      const code = String(b?.mahoso ?? '').trim().toUpperCase();
      return json(res, 200, { error_code: 0, message: 'Thành công', result: data.dvcqg.filter((r) => String(r.MaHoSo).toUpperCase() === code) });
    }
    return json(res, 404, { error: 'not stubbed' });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stub');
      const prefix = url.searchParams.get('prefix') ?? '';
      if (url.pathname === '/__dossier/requests') return json(res, 200, recorded.filter((r) => r.prefix === prefix));
      if (url.pathname === '/__dossier/reset') {
        for (const list of [recorded, failures, delays] as { prefix: string }[][]) for (let i = list.length - 1; i >= 0; i--) if (list[i]!.prefix === prefix) list.splice(i, 1);
        return json(res, 200, { ok: true });
      }
      const control = safeJson(body) ?? {};
      const p = typeof control.prefix === 'string' ? control.prefix : '';
      if (url.pathname === '/__dossier/fail') {
        failures.push({ prefix: p, status: Number(control.status), times: Number(control.times) });
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/__dossier/delay') {
        delays.push({ prefix: p, ms: Number(control.ms), times: Number(control.times) });
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/__dossier/revoke') {
        for (const [k, t] of issued) if (t.prefix === p) issued.delete(k);
        return json(res, 200, { ok: true });
      }
      if (url.pathname === '/__dossier/ttl') {
        ttls.set(p, Number(control.seconds) || defaultTtl);
        return json(res, 200, { ok: true });
      }
      route(req, res, url, body).catch((err: unknown) => json(res, 500, { error: String(err) }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    vars(kind, prefix = '') {
      const common = { DOSSIER_CONNECTOR: kind, DOSSIER_LOOKUPS_PER_HOUR: '10' };
      if (kind === 'igate') {
        return {
          ...common,
          DOSSIER_API_BASE: `${origin}${prefix}/igate/api`,
          DOSSIER_TOKEN_URL: `${origin}${prefix}${IGATE_TOKEN_PATH}`,
          DOSSIER_CLIENT_ID: STUB_CREDENTIALS.clientId,
          DOSSIER_CLIENT_SECRET: STUB_CREDENTIALS.clientSecret,
        };
      }
      return {
        ...common,
        DOSSIER_API_BASE: `${origin}${prefix}/dvcqg`,
        DOSSIER_AUTH_PATH: '/auth',
        DOSSIER_SHARE_PATH: '/share',
        DOSSIER_USERNAME: STUB_CREDENTIALS.username,
        DOSSIER_PASSWORD: STUB_CREDENTIALS.password,
        DOSSIER_MADONVI: STUB_CREDENTIALS.madonvi,
      };
    },
  };
}

function safeJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
