// One error type for every refusal the API makes: HTTP status + machine code + Vietnamese message;
// and one for data the layers below the routes cannot serve, which errorResponse() maps to a 503.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { logUnexpected } from './lib/log';
import { messages } from './messages';

/** The data a layer below the routes serves: the catalog's records and summary, the search index. */
export type DataSource = 'catalog' | 'search_index';

/**
 * The catalog or the search index cannot be served (asset missing, unreadable, corrupted, of
 * another format version). Those layers know nothing of HTTP: errorResponse() answers it with a
 * 503 and a Vietnamese message. The layer that found the fault logs why (it knows the details).
 */
export class UnavailableError extends Error {
  constructor(
    readonly source: DataSource,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${source} unavailable: ${reason}`, options);
    this.name = 'UnavailableError';
  }
}

export class AppError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * What a client is told of an error: status, machine code and Vietnamese message. The one mapping,
 * for the API (errorResponse) and for the messaging channels' replies alike; null for an error
 * nobody anticipated (answered as an internal error, and logged by the caller).
 */
export function publicError(err: unknown): { status: ContentfulStatusCode; body: ErrorBody } | null {
  if (err instanceof UnavailableError) {
    return { status: 503, body: { error: { code: 'catalog_unavailable', message: messages.errors.catalog_unavailable } } };
  }
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body };
  }
  if (err instanceof HTTPException) {
    return { status: err.status, body: { error: { code: 'http_error', message: err.message || messages.errors.internal } } };
  }
  return null;
}

export function errorResponse(c: Context, err: Error): Response {
  const known = publicError(err);
  if (known) return c.json(known.body, known.status);
  logUnexpected('api', err);
  return c.json({ error: { code: 'internal_error', message: messages.errors.internal } } satisfies ErrorBody, 500);
}
