import type { Clock } from './clock.ts';
import { HubSpotError, rateLimitBody, type RateLimitPolicy } from './error-bodies.ts';
import type { CallerKind } from './oauth.ts';

export interface RateLimitSettings {
  // Burst limit of a public (OAuth) app per account, per rolling ten seconds.
  tenSecondLimit: number;
  // Burst limit shared by the account's private apps.
  privateAppTenSecondLimit: number;
  // Daily limit of the account's private apps; OAuth apps have none.
  dailyLimit: number;
  // CRM search endpoints, per rolling second.
  searchPerSecondLimit: number;
}

const TEN_SECONDS = 10_000;

class RollingWindow {
  readonly limit: number;
  readonly #intervalMs: number;
  #admitted: number[] = [];

  constructor(limit: number, intervalMs: number) {
    this.limit = limit;
    this.#intervalMs = intervalMs;
  }

  used(now: number): number {
    this.#admitted = this.#admitted.filter((t) => t > now - this.#intervalMs);
    return this.#admitted.length;
  }

  full(now: number): boolean {
    return this.used(now) >= this.limit;
  }

  take(now: number): void {
    this.#admitted.push(now);
  }
}

// Private-app daily usage resets at midnight; the stand-in uses UTC midnight.
class DailyCounter {
  readonly limit: number;
  #day = '';
  #used = 0;

  constructor(limit: number) {
    this.limit = limit;
  }

  used(now: number): number {
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.#day) {
      this.#day = day;
      this.#used = 0;
    }
    return this.#used;
  }

  take(now: number): void {
    this.used(now);
    this.#used += 1;
  }
}

export interface Admission {
  headers: Record<string, string>;
  rejection?: HubSpotError;
}

export class RateLimiter {
  readonly #clock: Clock;
  readonly #windows: Record<CallerKind, RollingWindow>;
  readonly #daily: DailyCounter;
  readonly #search: RollingWindow;

  constructor(settings: RateLimitSettings, clock: Clock) {
    this.#clock = clock;
    this.#windows = {
      oauth: new RollingWindow(settings.tenSecondLimit, TEN_SECONDS),
      'private-app': new RollingWindow(settings.privateAppTenSecondLimit, TEN_SECONDS),
    };
    this.#daily = new DailyCounter(settings.dailyLimit);
    this.#search = new RollingWindow(settings.searchPerSecondLimit, 1_000);
  }

  // The headers HubSpot puts on every response: daily ones only for private apps, which are the only ones with a
  // daily limit.
  headers(kind: CallerKind): Record<string, string> {
    const now = this.#clock.nowMs();
    const window = this.#windows[kind];
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(TEN_SECONDS),
      'X-HubSpot-RateLimit-Max': String(window.limit),
      'X-HubSpot-RateLimit-Remaining': String(Math.max(0, window.limit - window.used(now))),
    };
    if (kind === 'private-app') {
      headers['X-HubSpot-RateLimit-Daily'] = String(this.#daily.limit);
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(Math.max(0, this.#daily.limit - this.#daily.used(now)));
    }
    return headers;
  }

  admit(kind: CallerKind, isSearch: boolean): Admission {
    const now = this.#clock.nowMs();
    const reject = (policy: RateLimitPolicy): Admission => {
      const headers = this.headers(kind);
      return { headers, rejection: new HubSpotError(429, rateLimitBody(policy), headers) };
    };
    if (kind === 'private-app' && this.#daily.used(now) >= this.#daily.limit) return reject('DAILY');
    if (this.#windows[kind].full(now)) return reject('TEN_SECONDLY_ROLLING');
    if (isSearch && this.#search.full(now)) return reject('SECONDLY');
    this.#windows[kind].take(now);
    if (kind === 'private-app') this.#daily.take(now);
    if (isSearch) this.#search.take(now);
    return { headers: this.headers(kind) };
  }
}
