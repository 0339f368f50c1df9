// Conversation context held by the client. The web widget keeps it and sends it back with the next
// message, so its conversations cost no KV read or write (KV's free plan allows 1,000 writes a
// day; one per message would not last a morning). The token is opaque to clients: "v1." and the
// base64url of the state's JSON. It is not signed because it holds nothing authoritative: which
// procedure, aspect and case the conversation is on and the list last offered — the same things
// the citizen could say in words. Every code in it is looked up in the catalog again when used,
// and a malformed token is simply no context. The one exception is a dossier lookup waiting for its
// digits (worker/dossier/flow.ts): its receipt code is in the token only sealed (AES-GCM under
// DOSSIER_SECRET, so unreadable and tamper-evident), never in clear.
import { decodeBase64Url, encodeBase64Url } from '../lib/base64url';
import { parseJson } from '../lib/json';
import type { SessionState } from './engine';
import { isEmptySession, parseSession, serializeSession } from './session-store';

const PREFIX = 'v1.';
/** Five offered options with long names fit comfortably; anything larger is not ours. */
export const MAX_CONTEXT_LENGTH = 4000;

/** The token for a state, or null when there is nothing to remember. */
export function encodeContext(state: SessionState): string | null {
  if (isEmptySession(state)) return null;
  return PREFIX + encodeBase64Url(new TextEncoder().encode(serializeSession(state)));
}

/** The state in a token; null for an empty, foreign or malformed one. */
export function decodeContext(token: string | null | undefined): SessionState | null {
  if (!token || token.length > MAX_CONTEXT_LENGTH || !token.startsWith(PREFIX)) return null;
  const bytes = decodeBase64Url(token.slice(PREFIX.length));
  if (!bytes) return null;
  try {
    return parseSession(parseJson(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
  } catch {
    return null;
  }
}
