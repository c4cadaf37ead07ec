import type { Clock } from '../../src/clock.ts';
import type { Sleep } from '../../src/integrations/companies-house/index.ts';

/**
 * A clock that moves only when something sleeps on it. Waiting callers in these tests sleep one at a time (the
 * limiter's queue, or a retry), so moving the clock by each sleep is the same as letting that time pass.
 */
export class SimulatedTime implements Clock {
  #now: number;
  readonly sleeps: number[] = [];

  constructor(start = Date.parse('2026-11-24T09:00:00Z')) {
    this.#now = start;
  }

  now(): Date {
    return new Date(this.#now);
  }

  get ms(): number {
    return this.#now;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  readonly sleep: Sleep = async (ms) => {
    this.sleeps.push(ms);
    this.#now += Math.max(0, ms);
    await Promise.resolve();
  };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('The promise resolved');
}

let keys = 0;
/** A key no other test uses, so the process-wide limiter and cache start empty for it. */
export const freshKey = (label = 'key') =>
  `${label}-${process.pid}-${(keys += 1)}-${Math.random().toString(36).slice(2)}`;
