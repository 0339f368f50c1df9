// Where the public page of a procedure is (GET /thu-tuc/:code): PUBLIC_BASE_URL when it is set (a
// deployment behind its own domain, or a path under a portal), else the origin the request came
// to. Channels link to it from their short answers, the widget from its answers.
import type { Env } from '../env';
import { logFailureOnce } from '../lib/log';
import { httpUrl } from '../lib/url';

export const PROCEDURE_PAGE_PREFIX = '/thu-tuc';

/** "https://tthc.example.gov.vn" (no trailing slash): PUBLIC_BASE_URL when valid, else the request's origin. */
export function publicBaseUrl(env: Pick<Env, 'PUBLIC_BASE_URL'>, requestUrl: string): string {
  const configured = env.PUBLIC_BASE_URL?.trim();
  if (configured) {
    const url = httpUrl(configured);
    if (url && !new URL(url).search && !new URL(url).hash) return url.replace(/\/+$/u, '');
    logFailureOnce('config.public_base_url', new Error('PUBLIC_BASE_URL is not an http(s) URL without query or fragment: the request origin is used'));
  }
  return new URL(requestUrl).origin;
}

export function procedurePageUrl(base: string, code: string): string {
  return `${base}${PROCEDURE_PAGE_PREFIX}/${encodeURIComponent(code)}`;
}
