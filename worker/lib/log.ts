// Logging that survives a failure storm: the same failure is written once per window, not once per
// request or retry. No request bodies or secrets are ever passed here, only what failed and why.

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
