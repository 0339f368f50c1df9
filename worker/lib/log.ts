// The worker's logging, one line per event, in two kinds:
// - failures we expect and handle (an upstream down, a refused token, KV or D1 failing): written
//   once per window and key, not once per request or retry, so a failure storm stays readable;
// - errors nothing handled (a bug): always written, with their stack.
// No request bodies or secrets are ever passed here, only what failed and why.

const WINDOW_MS = 60_000;
const lastLogged = new Map<string, number>();

export function logFailureOnce(what: string, err: unknown, now = Date.now()): boolean {
  const last = lastLogged.get(what);
  if (last !== undefined && now - last < WINDOW_MS) return false;
  if (lastLogged.size > 1000) lastLogged.clear();
  lastLogged.set(what, now);
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  console.error(`[failure] ${what}: ${reason.slice(0, 300)}`);
  return true;
}

/** An error no one handled, with its stack: `where` says which error handler caught it. */
export function logUnexpected(where: string, err: unknown): void {
  console.error(`unhandled error (${where})`, err instanceof Error ? err.stack : String(err));
}
