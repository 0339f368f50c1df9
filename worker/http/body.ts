// Request bodies are read with a size limit before anything parses them, then validated by a zod
// schema. Every refusal is an AppError with a Vietnamese message and a machine code.
import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../errors';
import { messages } from '../messages';

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

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', messages.errors.invalid_json);
  }
}

// Letters only Vietnamese uses: a message with one of them is one of ours, not zod's English default.
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/u;

/** Validation messages of our schemas are Vietnamese; zod's own defaults are replaced by a generic one. */
function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return messages.errors.invalid_body;
  if (VIETNAMESE_LETTER.test(issue.message.toLowerCase())) return issue.message;
  const path = issue.path.join('.');
  return path ? messages.errors.invalid_field(path) : messages.errors.invalid_body;
}

export function validate<T extends z.ZodType>(schema: T, data: unknown): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError(400, 'invalid_body', firstIssue(parsed.error));
  return parsed.data;
}

/** A JSON request body: content type checked, size-limited, parsed and validated. */
export async function readJsonBody<T extends z.ZodType>(c: Context, schema: T, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<z.infer<T>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/iu.test(type)) throw new AppError(415, 'unsupported_media_type', messages.errors.unsupported_media_type);
  const bytes = await readRawBody(c, maxBytes);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(400, 'invalid_encoding', messages.errors.invalid_encoding);
  }
  return validate(schema, parseJsonText(text));
}
