/**
 * Keeps one API key within the register's limit: at most `limit` requests in any rolling `windowMs` (600 per five
 * minutes by default, Companies House's published limit per key). Callers over the limit wait in a queue and are
 * served in arrival order, so a burst of research jobs slows down instead of collecting 429s, and no caller is
 * starved by later ones.
 *
 * The limiter also listens to the register: `observe` takes the `X-Ratelimit-Remain`/`X-Ratelimit-Reset` headers of
 * each answer, so when the key's budget is lower than ours thinks (another process or a colleague's script uses the
 * same key) it holds requests back until the register's window resets; `pauseUntil` does the same after a 429.
 *
 * The limiter is per process. Several replicas sharing one key must each get a share (`limit` divided by the replica
 * count) or count in one place instead: a Redis sorted set per key holding each grant's timestamp, trimmed with
 * ZREMRANGEBYSCORE to the window and added to with ZADD only while ZCARD is under the limit (one Lua script, so
 * check and add are atomic), with the wait computed from the oldest member's score. The register's own headers,
 * which every replica reads, keep either arrangement honest.
 */
import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.ts';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const DEFAULT_LIMIT = 600;
export const DEFAULT_WINDOW_MS = 5 * 60_000;

export interface RateLimiterOptions {
  /** Requests allowed in any rolling window. */
  limit?: number;
  windowMs?: number;
  clock?: Clock;
  /** How the queue waits; tests pass one that moves a simulated clock. */
  sleep?: Sleep;
}

/** A granted request; hand it back to `observe` with what the register said in answer. */
export interface Permit {
  /** Order of grants since the limiter was made, from 1. */
  readonly seq: number;
  readonly grantedAt: number;
}

/** What the register's `X-Ratelimit-*` headers said about the key's budget. */
export interface ServerBudget {
  remaining: number;
  /** Epoch ms when the register's window resets. */
  resetAt: number;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  // Grant times inside the current window, oldest first.
  readonly #grants: number[] = [];
  readonly #queue: ((permit: Permit) => void)[] = [];
  #pumping = false;
  #seq = 0;
  #server: ServerBudget | null = null;
  #pausedUntil = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.limit = options.limit ?? DEFAULT_LIMIT;
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    if (!Number.isInteger(this.limit) || this.limit < 1) throw new RangeError('limit must be a positive integer');
    if (!(this.windowMs > 0)) throw new RangeError('windowMs must be positive');
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the caller may send one request; callers are served in the order they asked. */
  acquire(): Promise<Permit> {
    return new Promise((resolve) => {
      this.#queue.push(resolve);
      void this.#pump();
    });
  }

  /**
   * Takes in the register's view of the budget, from the answer to `permit`'s request. Requests granted after that
   * one may not have reached the register when it counted, so they are taken off what it says remains.
   */
  observe(permit: Permit, budget: ServerBudget): void {
    const now = this.#now();
    if (budget.resetAt <= now) return;
    this.#server = {
      remaining: budget.remaining - (this.#seq - permit.seq),
      // A reset further off than one window is a clock disagreement, not a longer wait.
      resetAt: Math.min(budget.resetAt, now + this.windowMs),
    };
  }

  /** Holds every request back until `epochMs` (after a 429), at most one window from now. */
  pauseUntil(epochMs: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Math.min(epochMs, this.#now() + this.windowMs));
  }

  /** Callers waiting for a permit. */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Requests granted in the current window. */
  get inWindow(): number {
    this.#prune(this.#now());
    return this.#grants.length;
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  #prune(now: number): void {
    while (this.#grants.length > 0 && this.#grants[0]! + this.windowMs <= now) this.#grants.shift();
  }

  #waitMs(now: number): number {
    this.#prune(now);
    let wait = this.#pausedUntil - now;
    if (this.#grants.length >= this.limit) wait = Math.max(wait, this.#grants[0]! + this.windowMs - now);
    if (this.#server) {
      if (now >= this.#server.resetAt) this.#server = null;
      else if (this.#server.remaining <= 0) wait = Math.max(wait, this.#server.resetAt - now);
    }
    return wait;
  }

  // One loop serves the queue at a time, so grants leave in arrival order and only one caller sleeps on the clock.
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      while (this.#queue.length > 0) {
        const now = this.#now();
        const wait = this.#waitMs(now);
        if (wait > 0) {
          await this.#sleep(wait);
          continue;
        }
        this.#grants.push(now);
        this.#seq += 1;
        if (this.#server) this.#server.remaining -= 1;
        this.#queue.shift()!({ seq: this.#seq, grantedAt: now });
      }
    } finally {
      this.#pumping = false;
    }
  }
}

// One limiter per API key in the process, so every client made with the same key (per request, per job, per
// tenant) draws on the same budget. Keyed by a hash so the key itself is not kept around as a map key.
const sharedLimiters = new Map<string, RateLimiter>();

/** A short, stable fingerprint of an API key, safe to log and to use as a map or cache key. */
export function keyFingerprint(apiKey: string): string {
  return createHash('sha256').update(apiKey).digest('hex').slice(0, 16);
}

/**
 * The process's limiter for `apiKey`, made with `options` the first time the key is seen; later calls get the
 * same limiter whatever options they pass.
 */
export function sharedRateLimiter(apiKey: string, options: RateLimiterOptions = {}): RateLimiter {
  const id = keyFingerprint(apiKey);
  let limiter = sharedLimiters.get(id);
  if (!limiter) sharedLimiters.set(id, (limiter = new RateLimiter(options)));
  return limiter;
}

/** Forgets every shared limiter (tests; a process that rotates its key). */
export function forgetSharedRateLimiters(): void {
  sharedLimiters.clear();
}
