/**
 * When to try again. Exponential backoff with jitter (half the step fixed, half random) keeps replicas that failed
 * together from retrying together; a wait the register asks for (`Retry-After`, or the `X-Ratelimit-Reset` of a 429)
 * is never cut short.
 */
import type { ServerBudget } from './rate-limiter.ts';

export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** 0 ≤ x < 1; `Math.random` unless a test fixes it. */
  random: () => number;
}

/** The wait before retry number `retry` (1 for the first retry). */
export function backoffDelayMs(retry: number, policy: BackoffPolicy): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(step / 2 + policy.random() * (step / 2));
}

/** `Retry-After` in milliseconds from `now`: delay-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The key's budget from an answer's `X-Ratelimit-Remain` and `X-Ratelimit-Reset` (Unix seconds). The document API
 * spells the first `X-Ratelimit-Remaining`, so both are read.
 */
export function serverBudget(headers: Headers): ServerBudget | undefined {
  const remainText = headers.get('x-ratelimit-remain') ?? headers.get('x-ratelimit-remaining');
  const resetText = headers.get('x-ratelimit-reset');
  if (remainText === null || resetText === null) return undefined;
  const remaining = Number(remainText);
  const resetSeconds = Number(resetText);
  if (!Number.isFinite(remaining) || !Number.isFinite(resetSeconds)) return undefined;
  return { remaining, resetAt: resetSeconds * 1000 };
}
