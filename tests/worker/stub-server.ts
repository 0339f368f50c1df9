// globalSetup of the worker test project: one local HTTP server standing in for the channels'
// APIs (Zalo OA + Zalo OAuth, Messenger Graph API, Bot Framework OpenID metadata/JWKS, token
// endpoint and connector service). vitest.config.ts points the worker's base URLs at it.
//
// Every request is recorded; tests read them from workerd with GET /__requests?prefix=/zalo and
// clear them with POST /__reset?prefix=/zalo (each test file uses its own prefix, so files running
// in parallel do not see each other's requests). POST /__fail {prefix, status, times} makes the
// next `times` requests under `prefix` answer `status` (to test retries).
//
// Behaviour of the stand-ins:
// - Zalo send: access tokens starting with "expired" get {"error":-216} (HTTP 200, as Zalo does).
// - Zalo OAuth: each refresh token works once; a new pair access-N/refresh-N is issued.
// - Bot Framework: an RSA key pair is generated here; the public key is served as JWKS, the
//   private key is handed to tests (inject('channelStub').bfPrivateJwk) to sign their tokens.
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /messenger/me/messages?access_token=… */
  url: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ChannelStub {
  origin: string;
  bfKid: string;
  bfPrivateJwk: JsonWebKey;
}

declare module 'vitest' {
  export interface ProvidedContext {
    channelStub: ChannelStub;
  }
}

export const ZALO_APP_SECRET = 'test-zalo-app-secret';
export const BF_ISSUER = 'https://api.botframework.com';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const recorded: RecordedRequest[] = [];
  const failures: { prefix: string; status: number; times: number }[] = [];
  const usedRefreshTokens = new Set<string>();
  let counter = 0;

  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const bfKid = 'test-key-1';
  const publicJwk = { ...publicKey.export({ format: 'jwk' }), kid: bfKid, use: 'sig', alg: 'RS256' };
  const bfPrivateJwk = privateKey.export({ format: 'jwk' }) as JsonWebKey;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stub');
      const path = url.pathname;
      const origin = `http://${req.headers.host ?? '127.0.0.1'}`;

      // Control endpoints (not recorded).
      if (path === '/__requests') {
        const prefix = url.searchParams.get('prefix') ?? '';
        return json(res, 200, recorded.filter((r) => r.path.startsWith(prefix)));
      }
      if (path === '/__reset') {
        const prefix = url.searchParams.get('prefix') ?? '';
        for (let i = recorded.length - 1; i >= 0; i--) if (recorded[i]!.path.startsWith(prefix)) recorded.splice(i, 1);
        for (let i = failures.length - 1; i >= 0; i--) if (failures[i]!.prefix.startsWith(prefix)) failures.splice(i, 1);
        return json(res, 200, { ok: true });
      }
      if (path === '/__fail') {
        const f = JSON.parse(body) as { prefix: string; status: number; times: number };
        failures.push(f);
        return json(res, 200, { ok: true });
      }

      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      recorded.push({ method: req.method ?? 'GET', url: `${path}${url.search}`, path, headers, body });

      const failure = failures.find((f) => path.startsWith(f.prefix) && f.times > 0);
      if (failure) {
        failure.times--;
        return json(res, failure.status, { error: { message: 'scripted failure' } });
      }

      // Zalo OA: customer-service message.
      if (path === '/zalo/v3.0/oa/message/cs' && req.method === 'POST') {
        const token = headers['access_token'] ?? '';
        if (!token || token.startsWith('expired')) return json(res, 200, { error: -216, message: 'Access token is invalid' });
        return json(res, 200, { error: 0, message: 'Success', data: { message_id: `zmsg-${++counter}`, user_id: 'u' } });
      }
      // Zalo OAuth: refresh.
      if (path === '/zalo-oauth/v4/oa/access_token' && req.method === 'POST') {
        const form = new URLSearchParams(body);
        const refresh = form.get('refresh_token') ?? '';
        if (headers['secret_key'] !== ZALO_APP_SECRET) return json(res, 200, { error: -14002, error_name: 'Invalid secret key' });
        if (form.get('grant_type') !== 'refresh_token' || !refresh || usedRefreshTokens.has(refresh)) {
          return json(res, 200, { error: -14014, error_name: 'Invalid refresh token' });
        }
        usedRefreshTokens.add(refresh);
        const n = ++counter;
        return json(res, 200, { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: '90000' });
      }
      // Messenger Send API.
      if (path === '/messenger/me/messages' && req.method === 'POST') {
        if (!url.searchParams.get('access_token')) return json(res, 400, { error: { message: 'no token', code: 190 } });
        return json(res, 200, { recipient_id: 'r', message_id: `mid.${++counter}` });
      }
      // Bot Framework: OpenID metadata, keys, token endpoint, connector service.
      if (path === '/bf/openid') {
        return json(res, 200, { issuer: BF_ISSUER, jwks_uri: `${origin}/bf/jwks`, id_token_signing_alg_values_supported: ['RS256'] });
      }
      if (path === '/bf/jwks') return json(res, 200, { keys: [publicJwk] });
      if (path === '/bf/token' && req.method === 'POST') {
        return json(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: 'bf-bot-token' });
      }
      if (path.startsWith('/bf/service/v3/conversations/') && req.method === 'POST') {
        return json(res, 200, { id: `bf-activity-${++counter}` });
      }
      json(res, 404, { error: 'not stubbed' });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('channelStub', { origin: `http://127.0.0.1:${port}`, bfKid, bfPrivateJwk });

  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** The worker's configuration pointing every channel at the stub (miniflare bindings). */
export function channelBindings(origin: string): Record<string, string> {
  return {
    ZALO_APP_ID: 'test-zalo-app',
    ZALO_OA_SECRET_KEY: 'test-zalo-oa-secret',
    ZALO_APP_SECRET,
    ZALO_ACCESS_TOKEN: 'access-initial',
    ZALO_REFRESH_TOKEN: 'refresh-initial',
    ZALO_API_BASE: `${origin}/zalo`,
    ZALO_OAUTH_BASE: `${origin}/zalo-oauth`,
    MESSENGER_APP_SECRET: 'test-messenger-app-secret',
    MESSENGER_VERIFY_TOKEN: 'test-verify-token',
    MESSENGER_PAGE_TOKEN: 'test-page-token',
    MESSENGER_API_BASE: `${origin}/messenger`,
    MICROSOFT_APP_ID: 'test-bot-app-id',
    MICROSOFT_APP_PASSWORD: 'test-bot-password',
    MICROSOFT_APP_TENANT_ID: '',
    BOTFRAMEWORK_OPENID_METADATA_URL: `${origin}/bf/openid`,
    BOTFRAMEWORK_OAUTH_URL: `${origin}/bf/token`,
  };
}
