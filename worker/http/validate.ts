// Requests checked against their zod schemas, in one way: a value that fails is refused with a 400
// carrying a machine code and a Vietnamese message — the schema's own message when it has one (our
// schemas write them in Vietnamese), else a generic one naming the field (zod's defaults are
// English). JSON bodies come through readJsonBody (body.ts: size-limited before parsing), webhook
// payloads through the channels, query strings through hono's validator (queryValidator).
import type { Context, Env as HonoEnv } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { AppError } from '../errors';
import { messages } from '../messages';

/** What a refusal says: its machine code, and the message when the schema gives none of its own. */
export interface Refusal {
  code: string;
  /** `field`: the failing path ("message", "entry.0.messaging"), or '' for the whole value. */
  generic(field: string): string;
}

export const BODY_REFUSAL: Refusal = {
  code: 'invalid_body',
  generic: (field) => (field ? messages.errors.invalid_field(field) : messages.errors.invalid_body),
};

// Letters only Vietnamese uses: a message with one of them is one of ours, not zod's English default.
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/u;

function refusalMessage(error: z.ZodError, refusal: Refusal): string {
  const issue = error.issues[0];
  if (issue && VIETNAMESE_LETTER.test(issue.message.toLowerCase())) return issue.message;
  return refusal.generic(issue?.path.join('.') ?? '');
}

/** `data` as `schema` reads it, or an AppError(400) that says what is wrong. */
export function validate<T extends z.ZodType>(schema: T, data: unknown, refusal: Refusal = BODY_REFUSAL): z.infer<T> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new AppError(400, refusal.code, refusalMessage(parsed.error, refusal));
  return parsed.data;
}

/**
 * Hono's query validator over `schema`: the route reads the result with c.req.valid('query').
 * `read` picks the parameters (c.req.query(name) takes the first of repeated ones).
 */
export function queryValidator<T extends z.ZodType, E extends HonoEnv>(schema: T, read: (c: Context<E>) => unknown, refusal: Refusal) {
  return validator('query', (_value, c: Context<E>): z.infer<T> => validate(schema, read(c), refusal));
}
