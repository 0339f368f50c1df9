// Request bodies are read with a size limit before anything parses them, then validated by a zod
// schema (validate.ts). Every refusal is an AppError with a Vietnamese message and a machine code.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';
import { parseJson } from '../lib/json';
import { messages } from '../messages';
import { validate } from './validate';

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

/** The raw body as bytes, refused (413) past maxBytes, whatever Content-Length claims. */
export async function readRawBody(c: Context, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw new AppError(413, 'body_too_large', messages.errors.body_too_large(maxBytes));
  const body = c.req.raw.body;
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError(413, 'body_too_large', messages.errors.body_too_large(maxBytes));
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Bytes as UTF-8 text, or null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A request body's text as JSON, or 400 invalid_json. */
export function parseJsonText(text: string): unknown {
  const json = parseJson(text);
  if (json === undefined) throw new AppError(400, 'invalid_json', messages.errors.invalid_json);
  return json;
}

/** A JSON request body: content type checked, size-limited, parsed and validated. */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/iu.test(type)) throw new AppError(415, 'unsupported_media_type', messages.errors.unsupported_media_type);
  const text = decodeUtf8(await readRawBody(c, maxBytes));
  if (text === null) throw new AppError(400, 'invalid_encoding', messages.errors.invalid_encoding);
  return validate(schema, parseJsonText(text));
}
