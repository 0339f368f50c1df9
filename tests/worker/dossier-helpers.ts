// Helpers of the dossier lookup tests (workerd): the chat API as the widget calls it, and the
// stand-in upstream's control endpoints (scripts/lib/dossier-stub.ts, started by
// tests/worker/dossier-stub-setup.ts).
import { inject } from 'vitest';
import { IGATE_TOKEN_PATH, STUB_CREDENTIALS, type StubRequest } from '../../scripts/lib/dossier-stub';
import type { Env } from '../../worker/env';
import { callWorker } from './channels-helpers';

export const stubOrigin = (): string => inject('dossierStub').origin;

async function control(path: string, body?: unknown): Promise<Response> {
  return fetch(`${stubOrigin()}${path}`, { method: 'POST', body: JSON.stringify(body ?? {}) });
}

/** Requests the stand-in received under a scenario prefix ('' = none). */
export async function upstreamRequests(prefix: string): Promise<StubRequest[]> {
  const res = await fetch(`${stubOrigin()}/__dossier/requests?prefix=${encodeURIComponent(prefix)}`);
  return (await res.json()) as StubRequest[];
}
export const resetUpstream = (prefix: string) => fetch(`${stubOrigin()}/__dossier/reset?prefix=${encodeURIComponent(prefix)}`, { method: 'POST' });
export const failUpstream = (prefix: string, status: number, times: number) => control('/__dossier/fail', { prefix, status, times });
export const delayUpstream = (prefix: string, ms: number, times: number) => control('/__dossier/delay', { prefix, ms, times });
export const revokeTokens = (prefix: string) => control('/__dossier/revoke', { prefix });
export const tokenLifetime = (prefix: string, seconds: number) => control('/__dossier/ttl', { prefix, seconds });

/** The worker configured for one upstream shape under its own scenario prefix (its own circuit). */
export function upstream(kind: 'igate' | 'dvcqg', prefix = ''): Partial<Env> {
  const o = stubOrigin();
  return kind === 'igate'
    ? { DOSSIER_CONNECTOR: 'igate', DOSSIER_API_BASE: `${o}${prefix}/igate/api`, DOSSIER_TOKEN_URL: `${o}${prefix}${IGATE_TOKEN_PATH}` }
    : {
        DOSSIER_CONNECTOR: 'dvcqg',
        DOSSIER_API_BASE: `${o}${prefix}/dvcqg`,
        DOSSIER_AUTH_PATH: '/auth',
        DOSSIER_SHARE_PATH: '/share',
        DOSSIER_USERNAME: STUB_CREDENTIALS.username,
        DOSSIER_PASSWORD: STUB_CREDENTIALS.password,
        DOSSIER_MADONVI: STUB_CREDENTIALS.madonvi,
      };
}

export interface ChatReply {
  status: number;
  intent: string;
  text: string;
  html: string;
  suggestions: { label: string; message: string }[];
  context: string | null;
}

/** A conversation as the widget holds it (context token), or in KV when `useKv`. */
export class Conversation {
  readonly sessionId = `dossier-${crypto.randomUUID()}`;
  context: string | null = null;

  constructor(
    private readonly env: Partial<Env> = {},
    private readonly useKv = false,
  ) {}

  async say(message: string): Promise<ChatReply> {
    const res = await callWorker(
      new Request('http://localhost/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sessionId: this.sessionId, message, ...(this.useKv ? {} : { context: this.context }) }),
      }),
      { RATE_LIMIT_IP_PER_MIN: '0', RATE_LIMIT_SESSION_PER_MIN: '0', DOSSIER_LOOKUPS_PER_HOUR: '1000', ...this.env },
    );
    const body = (await res.json()) as { intent: string; reply: { text: string; html: string }; suggestions: ChatReply['suggestions']; context?: string | null };
    this.context = body.context ?? null;
    return { status: res.status, intent: body.intent, text: body.reply.text, html: body.reply.html, suggestions: body.suggestions, context: this.context };
  }
}

const VN_DAY = (t: number) => Math.floor((t + 7 * 3_600_000) / 86_400_000);
/** Days from a Vietnam date (YYYY-MM-DD) to today in Vietnam. */
export const daysSince = (date: string): number => VN_DAY(Date.now()) - VN_DAY(Date.parse(`${date}T00:00:00+07:00`));
