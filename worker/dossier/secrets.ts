// Keys derived from DOSSIER_SECRET (HKDF-SHA-256, one label per use):
// - an HMAC key for the pseudonyms of receipt codes and clients in D1 (guard.ts). A receipt code
//   is guessable (agency, date, a 4-digit sequence), so a plain hash could be reversed by trying
//   them all; a keyed hash cannot without the secret.
// - an AES-GCM key that seals the receipt code while the conversation waits for the digits. The
//   state travels in the widget's context token or sits in KV (channels): the code must be there
//   to look it up on the next message, and must not be readable there. GCM also authenticates it:
//   a token edited by hand does not open. The sealed state expires (SEAL_TTL_MS).
import { z } from 'zod';
import { decodeBase64Url, encodeBase64Url } from '../lib/base64url';
import { parseJson } from '../lib/json';

export const SEAL_TTL_MS = 15 * 60_000;
const sealedSchema = z.object({ c: z.string(), e: z.number() });
const AAD = new TextEncoder().encode('tthc-assistant/dossier-state/v1');

interface Keys {
  hmac: CryptoKey;
  seal: CryptoKey;
}

let cached: { secret: string; keys: Promise<Keys> } | null = null;

function keys(secret: string): Promise<Keys> {
  if (cached?.secret === secret) return cached.keys;
  const derive = async (): Promise<Keys> => {
    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, ['deriveKey']);
    const params = (label: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: new TextEncoder().encode(label) });
    const [hmac, seal] = await Promise.all([
      crypto.subtle.deriveKey(params('tthc-assistant/dossier/hmac/v1'), material, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']),
      crypto.subtle.deriveKey(params('tthc-assistant/dossier/seal/v1'), material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
    ]);
    return { hmac, seal };
  };
  cached = { secret, keys: derive() };
  return cached.keys;
}

/** Keyed hash (hex, 128 bits) of a value, for what D1 keeps instead of codes and client ids. */
export async function pseudonym(secret: string, kind: 'code' | 'client', value: string): Promise<string> {
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', (await keys(secret)).hmac, new TextEncoder().encode(`${kind}\u0000${value}`)));
  let hex = '';
  for (let i = 0; i < 16; i++) hex += mac[i]!.toString(16).padStart(2, '0');
  return hex;
}

/** The receipt code sealed for the conversation state: base64url(iv ‖ AES-GCM(code, expiry)). */
export async function sealCode(secret: string, code: string, now = Date.now()): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify({ c: code, e: now + SEAL_TTL_MS }));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: AAD }, (await keys(secret)).seal, plain));
  const out = new Uint8Array(iv.length + sealed.length);
  out.set(iv);
  out.set(sealed, iv.length);
  return encodeBase64Url(out);
}

/** The code of a sealed state; null when it was tampered with, sealed under another secret, or expired. */
export async function openCode(secret: string, sealed: string, now = Date.now()): Promise<string | null> {
  const bytes = decodeBase64Url(sealed);
  if (!bytes || bytes.length < 12 + 16 + 1) return null;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes.slice(0, 12), additionalData: AAD }, (await keys(secret)).seal, bytes.slice(12));
    const parsed = sealedSchema.safeParse(parseJson(new TextDecoder().decode(plain)));
    return parsed.success && parsed.data.e > now ? parsed.data.c : null;
  } catch {
    return null;
  }
}
