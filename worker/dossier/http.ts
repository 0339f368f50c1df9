// Calls to the one-stop system: a timeout per attempt, retries on 5xx answers only (a timeout or a
// network error is not retried: the citizen is waiting, and the circuit decides about the next
// call), tokens cached until they expire, and the circuit breaker around each lookup.
import { responseJson } from '../lib/json';
import type { Circuit } from './circuit';
import { UpstreamUnavailable } from './connector';

export const RETRIES_ON_5XX = 2;
const BACKOFF_MS = 200;

export interface UpstreamCall {
  timeoutMs: number;
  retries?: number;
  backoffMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One request, retried on 5xx. Throws UpstreamUnavailable (never with the URL: it may hold a receipt code). */
export async function upstreamFetch(what: string, url: string, init: RequestInit, call: UpstreamCall): Promise<Response> {
  const retries = call.retries ?? RETRIES_ON_5XX;
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(call.timeoutMs) });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new UpstreamUnavailable(`${what}: ${timedOut ? `no answer within ${call.timeoutMs} ms` : 'network error'}`);
    }
    if (res.status < 500) return res;
    await res.body?.cancel().catch(() => undefined);
    if (attempt >= retries) throw new UpstreamUnavailable(`${what}: HTTP ${res.status}`);
    const delay = (call.backoffMs ?? BACKOFF_MS) * 2 ** attempt;
    await sleep(delay + Math.random() * delay * 0.25);
  }
}

/** The JSON of an answer, or UpstreamUnavailable (what is logged says what failed, not what came back). */
export async function readJson(what: string, res: Response): Promise<unknown> {
  const json = await responseJson(res);
  if (json === undefined) throw new UpstreamUnavailable(`${what}: the answer is not JSON`);
  return json;
}

/** Runs a lookup through the circuit: refused at once while it is open; failures and successes counted. */
export async function throughCircuit<T>(circuit: Circuit, work: () => Promise<T>): Promise<T> {
  if (!circuit.allow()) throw new UpstreamUnavailable('circuit open: the upstream failed repeatedly, not called');
  try {
    const result = await work();
    circuit.success();
    return result;
  } catch (err) {
    circuit.failure();
    throw err instanceof UpstreamUnavailable ? err : new UpstreamUnavailable(err instanceof Error ? err.name : 'error');
  }
}

interface Cached {
  value: string;
  expiresAt: number;
}

/**
 * Access tokens (iGate) and sessions (DVCQG) per isolate, kept until shortly before they expire:
 * one token request serves every lookup of its lifetime. Concurrent misses share one request.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Cached>();
  private readonly pending = new Map<string, Promise<string>>();

  async get(key: string, fetchToken: () => Promise<{ value: string; ttlSeconds: number }>, now = Date.now()): Promise<string> {
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > now) return cached.value;
    let p = this.pending.get(key);
    if (!p) {
      p = fetchToken()
        .then(({ value, ttlSeconds }) => {
          // Renew ahead of expiry: 30 s early, or halfway for tokens shorter than a minute.
          const margin = Math.min(30, ttlSeconds / 2);
          this.tokens.set(key, { value, expiresAt: Date.now() + (ttlSeconds - margin) * 1000 });
          return value;
        })
        .finally(() => this.pending.delete(key));
      this.pending.set(key, p);
    }
    return p;
  }

  /** Forgets a token the upstream refused before its expiry. */
  invalidate(key: string, value: string): void {
    if (this.tokens.get(key)?.value === value) this.tokens.delete(key);
  }
}

export const tokenCache = new TokenCache();
