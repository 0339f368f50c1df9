// One error type for every refusal the API makes: HTTP status + machine code + Vietnamese message;
// and one for data the layers below the routes cannot serve, which errorResponse() maps to a 503.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
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

export function errorResponse(c: Context, err: Error): Response {
  if (err instanceof UnavailableError) {
    return c.json({ error: { code: 'catalog_unavailable', message: messages.errors.catalog_unavailable } } satisfies ErrorBody, 503);
  }
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException) {
    return c.json({ error: { code: 'http_error', message: err.message || messages.errors.internal } }, err.status);
  }
  console.error('unhandled error', err instanceof Error ? err.stack : String(err));
  return c.json({ error: { code: 'internal_error', message: messages.errors.internal } }, 500);
}
