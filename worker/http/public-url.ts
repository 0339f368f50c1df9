// Where the public page of a procedure is (GET /thu-tuc/:code): PUBLIC_BASE_URL when it is set (a
// deployment behind its own domain, or a path under a portal), else the origin the request came
// to. Channels link to it from their short answers, the widget from its answers.
import type { Config } from '../config';

export const PROCEDURE_PAGE_PREFIX = '/thu-tuc';

/** "https://tthc.example.gov.vn" (no trailing slash): PUBLIC_BASE_URL (validated by config.ts), else the request's origin. */
export function publicBaseUrl(config: Pick<Config, 'publicBaseUrl'>, requestUrl: string): string {
  return config.publicBaseUrl ?? new URL(requestUrl).origin;
}

export function procedurePageUrl(base: string, code: string): string {
  return `${base}${PROCEDURE_PAGE_PREFIX}/${encodeURIComponent(code)}`;
}
