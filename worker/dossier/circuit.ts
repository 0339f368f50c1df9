// A circuit breaker per upstream and isolate: after THRESHOLD failed lookups in a row the upstream
// is not called for COOLDOWN_MS (citizens get the "busy" answer at once instead of waiting for
// timeouts, and a struggling system is not hammered); then one trial call decides whether it
// closes again or stays open for another cooldown.

export const THRESHOLD = 3;
export const COOLDOWN_MS = 30_000;

export class Circuit {
  private failures = 0;
  private openUntil = 0;
  private trialUnderway = false;

  constructor(
    private readonly threshold = THRESHOLD,
    private readonly cooldownMs = COOLDOWN_MS,
  ) {}

  /** Whether a call may go out now. While half-open, only one trial at a time. */
  allow(now = Date.now()): boolean {
    if (this.failures < this.threshold) return true;
    if (now < this.openUntil || this.trialUnderway) return false;
    this.trialUnderway = true;
    return true;
  }

  success(): void {
    this.failures = 0;
    this.openUntil = 0;
    this.trialUnderway = false;
  }

  failure(now = Date.now()): void {
    this.failures++;
    this.trialUnderway = false;
    if (this.failures >= this.threshold) this.openUntil = now + this.cooldownMs;
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.failures < this.threshold) return 'closed';
    return Date.now() < this.openUntil ? 'open' : 'half-open';
  }
}

const circuits = new Map<string, Circuit>();

/** The isolate's circuit for an upstream (by connector kind and base URL). */
export function circuitFor(key: string): Circuit {
  let c = circuits.get(key);
  if (!c) {
    if (circuits.size > 100) circuits.clear();
    c = new Circuit();
    circuits.set(key, c);
  }
  return c;
}
