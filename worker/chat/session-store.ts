// Conversation state in Workers KV, expiring after SESSION_TTL_SECONDS of silence. KV is a
// convenience, not a dependency: when it fails the conversation goes on without memory.
import { z } from 'zod';
import { logFailureOnce } from '../lib/log';
import type { SessionState } from './engine';

const aspect = z.string();
const sessionSchema = z.object({
  procedure: z.string().optional(),
  aspect: aspect.optional(),
  caseIndex: z.number().int().nonnegative().optional(),
  options: z
    .array(z.object({ label: z.string(), code: z.string(), caseIndex: z.number().int().nonnegative().optional() }))
    .max(10)
    .optional(),
  pendingAspect: aspect.optional(),
  turns: z.number().int().nonnegative(),
});

const KEY_PREFIX = 'session:';
export const DEFAULT_SESSION_TTL = 1800;

export async function loadSession(kv: KVNamespace | undefined, id: string): Promise<SessionState | null> {
  if (!kv) return null;
  try {
    const raw = await kv.get(KEY_PREFIX + id, 'json');
    if (raw === null) return null;
    const parsed = sessionSchema.safeParse(raw);
    return parsed.success ? (parsed.data as SessionState) : null;
  } catch (err) {
    logFailureOnce('kv.session.get', err);
    return null;
  }
}

export async function saveSession(kv: KVNamespace | undefined, id: string, state: SessionState, ttlSeconds: number): Promise<void> {
  if (!kv) return;
  try {
    // KV's minimum expiration is 60 seconds.
    await kv.put(KEY_PREFIX + id, JSON.stringify(state), { expirationTtl: Math.max(60, ttlSeconds) });
  } catch (err) {
    logFailureOnce('kv.session.put', err);
  }
}
