/**
 * The register's limit as the stand-in enforces it: per key, `limit` requests per window, counted from the first
 * request of the window (the register's `X-Ratelimit-Reset` names when it ends); beyond it, 429 until the reset.
 */
export interface RateWindowOptions {
  limit: number;
  windowMs: number;
  now?: () => number;
}

export interface RateState {
  limit: number;
  remaining: number;
  /** Unix seconds. */
  reset: number;
  allowed: boolean;
  window: string;
}

function windowLabel(ms: number): string {
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export class RateWindow {
  readonly #options: RateWindowOptions;
  readonly #windows = new Map<string, { startedAt: number; count: number }>();

  constructor(options: RateWindowOptions) {
    this.#options = options;
  }

  take(key: string): RateState {
    const now = (this.#options.now ?? Date.now)();
    const { limit, windowMs } = this.#options;
    let window = this.#windows.get(key);
    if (!window || now >= window.startedAt + windowMs) this.#windows.set(key, (window = { startedAt: now, count: 0 }));
    const allowed = window.count < limit;
    if (allowed) window.count += 1;
    return {
      limit,
      remaining: limit - window.count,
      reset: Math.ceil((window.startedAt + windowMs) / 1000),
      allowed,
      window: windowLabel(windowMs),
    };
  }

  reset(): void {
    this.#windows.clear();
  }
}
