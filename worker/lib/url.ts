// The one check of a link the worker or the widget shows, follows or prints: an absolute http(s) URL.
// javascript:, data:, relative and malformed URLs are refused (catalog text and configuration
// are not trusted to be links).

/** This machine's own addresses (the Bot Framework Emulator, a developer's http://localhost). */
export function isLoopback(url: URL): boolean {
  return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** The URL, normalized, when it is an absolute http(s) URL; else null. */
export function httpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
