// Conversation state in Workers KV, expiring SESSION_TTL_SECONDS after it last changed. KV is a
// convenience, not a dependency: when it fails the conversation goes on without memory.
import { z } from 'zod';
import { dossierStateSchema } from '../dossier/flow';
import { logFailureOnce } from '../lib/log';
import { ASPECTS } from '../search/phrases';
import type { SessionState } from './engine';

const aspect = z.enum([...ASPECTS, 'overview']);
const sessionSchema = z.object({
  procedure: z.string().optional(),
  aspect: aspect.optional(),
  caseIndex: z.number().int().nonnegative().optional(),
  options: z
    .array(z.object({ label: z.string(), code: z.string(), caseIndex: z.number().int().nonnegative().optional() }))
    .max(10)
    .optional(),
  pendingAspect: aspect.optional(),
  dossier: dossierStateSchema.optional(),
});

/**
 * The state as stored: keys in a fixed order, unset ones left out, so that two equal states give
 * the same string and an unchanged conversation is not written again.
 */
export function serializeSession(state: SessionState): string {
  const { procedure, aspect, caseIndex, options, pendingAspect, dossier } = state;
  return JSON.stringify({ procedure, aspect, caseIndex, options: options?.length ? options : undefined, pendingAspect, dossier });
}

/** Nothing to remember: no procedure and no list offered. */
export function isEmptySession(state: SessionState): boolean {
  return serializeSession(state) === '{}';
}

/** Reads a stored or client-held state; anything malformed is no state at all. */
export function parseSession(raw: unknown): SessionState | null {
  const parsed = sessionSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const KEY_PREFIX = 'session:';
/** A KV call slower than this is given up on: the answer matters more than the memory. */
const KV_TIMEOUT_MS = 1000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${KV_TIMEOUT_MS} ms`)), KV_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function loadSession(kv: KVNamespace | undefined, id: string): Promise<SessionState | null> {
  if (!kv) return null;
  try {
    const raw = await withTimeout(kv.get(KEY_PREFIX + id, 'json'), 'KV get');
    if (raw === null) return null;
    return parseSession(raw);
  } catch (err) {
    logFailureOnce('kv.session.get', err);
    return null;
  }
}

export async function saveSession(kv: KVNamespace | undefined, id: string, state: SessionState, ttlSeconds: number): Promise<void> {
  if (!kv) return;
  try {
    // KV's minimum expiration is 60 seconds.
    await withTimeout(kv.put(KEY_PREFIX + id, serializeSession(state), { expirationTtl: Math.max(60, ttlSeconds) }), 'KV put');
  } catch (err) {
    logFailureOnce('kv.session.put', err);
  }
}
