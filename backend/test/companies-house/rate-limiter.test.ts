import {
  CompaniesHouseClient,
  forgetSharedRateLimiters,
  keyFingerprint,
  RateLimiter,
  sharedRateLimiter,
  type Permit,
} from '../../src/integrations/companies-house/index.ts';
import { freshKey, SimulatedTime } from './support.ts';

/** The most grants found in any rolling window of `windowMs` (a window counts grants in [t, t + windowMs)). */
function busiestWindow(times: number[], windowMs: number): number {
  let busiest = 0;
  let first = 0;
  for (let last = 0; last < times.length; last += 1) {
    while (times[last]! - times[first]! >= windowMs) first += 1;
    busiest = Math.max(busiest, last - first + 1);
  }
  return busiest;
}

describe('RateLimiter', () => {
  it('never grants more than the limit in any rolling window, however many callers wait', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 600, windowMs: 300_000, clock: time, sleep: time.sleep });
    const start = time.ms;

    const permits = await Promise.all(Array.from({ length: 2_000 }, () => limiter.acquire()));

    const times = permits.map((permit) => permit.grantedAt);
    expect(busiestWindow(times, 300_000)).toBe(600);
    // 2,000 requests at 600 per window need three full windows before the last is sent, and no more.
    expect(time.ms - start).toBe(3 * 300_000);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps within the limit when requests arrive spread over time', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 5, windowMs: 1_000, clock: time, sleep: time.sleep });
    const granted: number[] = [];

    for (let round = 0; round < 20; round += 1) {
      const batch = Array.from({ length: round % 4 }, () => limiter.acquire());
      for (const permit of await Promise.all(batch)) granted.push(permit.grantedAt);
      time.advance(137);
    }

    expect(busiestWindow(granted, 1_000)).toBeLessThanOrEqual(5);
    expect(granted.length).toBe(30);
  });

  it('serves callers in the order they asked', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 2, windowMs: 1_000, clock: time, sleep: time.sleep });
    const order: number[] = [];

    await Promise.all(Array.from({ length: 9 }, (_, caller) => limiter.acquire().then(() => order.push(caller))));

    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('waits for the register’s reset when its headers say the budget is spent', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 600, windowMs: 300_000, clock: time, sleep: time.sleep });
    const first = await limiter.acquire();

    limiter.observe(first, { remaining: 0, resetAt: time.ms + 42_000 });
    const started = time.ms;
    await limiter.acquire();

    expect(time.ms - started).toBe(42_000);
  });

  it('counts requests sent after the observed one against what the register says remains', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 600, windowMs: 300_000, clock: time, sleep: time.sleep });
    const permits: Permit[] = [];
    for (let i = 0; i < 3; i += 1) permits.push(await limiter.acquire());

    // The register had seen only the first when it said two remain; the other two use them up.
    limiter.observe(permits[0]!, { remaining: 2, resetAt: time.ms + 10_000 });
    const started = time.ms;
    await limiter.acquire();

    expect(time.ms - started).toBe(10_000);
  });

  it('ignores a reset already past, and caps one further off than a window', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 10, windowMs: 60_000, clock: time, sleep: time.sleep });
    const permit = await limiter.acquire();

    limiter.observe(permit, { remaining: 0, resetAt: time.ms - 1 });
    let started = time.ms;
    await limiter.acquire();
    expect(time.ms - started).toBe(0);

    limiter.observe(permit, { remaining: 0, resetAt: time.ms + 3_600_000 });
    started = time.ms;
    await limiter.acquire();
    expect(time.ms - started).toBe(60_000);
  });

  it('holds everyone back after a pause (a 429)', async () => {
    const time = new SimulatedTime();
    const limiter = new RateLimiter({ limit: 10, windowMs: 60_000, clock: time, sleep: time.sleep });
    limiter.pauseUntil(time.ms + 5_000);
    const started = time.ms;

    await Promise.all([limiter.acquire(), limiter.acquire()]);

    expect(time.ms - started).toBe(5_000);
    expect(limiter.inWindow).toBe(2);
    expect(limiter.waiting).toBe(0);
  });

  it('refuses settings that cannot work', () => {
    expect(() => new RateLimiter({ limit: 0 })).toThrow(RangeError);
    expect(() => new RateLimiter({ windowMs: 0 })).toThrow(RangeError);
  });
});

describe('shared limiters', () => {
  afterEach(() => forgetSharedRateLimiters());

  it('gives every user of one key the same limiter, and each key its own', () => {
    const key = freshKey();
    expect(sharedRateLimiter(key)).toBe(sharedRateLimiter(key, { limit: 5 }));
    expect(sharedRateLimiter(key)).not.toBe(sharedRateLimiter(freshKey()));
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(key)).not.toContain(key);
  });

  it('shares one limiter between clients of the same key, not between keys', () => {
    const key = freshKey();
    const a = new CompaniesHouseClient({ apiKey: key });
    const b = new CompaniesHouseClient({ apiKey: key, rateLimit: { limit: 3 } });
    const other = new CompaniesHouseClient({ apiKey: freshKey() });

    expect(a.limiter).toBe(b.limiter);
    expect(a.limiter.limit).toBe(600);
    expect(other.limiter).not.toBe(a.limiter);
  });

  it('keeps two clients of one key within the key’s limit together', async () => {
    const time = new SimulatedTime();
    const key = freshKey();
    const limiter = sharedRateLimiter(key, { limit: 4, windowMs: 10_000, clock: time, sleep: time.sleep });
    const viaA = new CompaniesHouseClient({ apiKey: key }).limiter;
    const viaB = new CompaniesHouseClient({ apiKey: key }).limiter;

    const permits = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? viaA : viaB).acquire()));

    expect(viaA).toBe(limiter);
    expect(
      busiestWindow(
        permits.map((p) => p.grantedAt),
        10_000,
      ),
    ).toBe(4);
  });
});
