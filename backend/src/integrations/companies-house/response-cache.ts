/**
 * Register answers kept for a while: most of a company's register entry changes a few times a year, and one SDR's
 * research often looks at the same company as another's the same day. Bounded by entry count, least recently used
 * first out. Identical requests made while one is on its way share it, so a burst of research jobs on one company
 * costs one request per resource. Only what the loader returns is kept: a failure (thrown) is not.
 */
import { systemClock, type Clock } from '../../clock.ts';

export const DEFAULT_MAX_ENTRIES = 5_000;

export interface ResponseCacheOptions {
  maxEntries?: number;
  clock?: Clock;
}

interface Entry {
  value: unknown;
  expiresAt: number;
}

export class ResponseCache {
  readonly maxEntries: number;
  readonly #clock: Clock;
  // A Map iterates in insertion order: re-inserting on every hit keeps the least recently used first.
  readonly #entries = new Map<string, Entry>();
  readonly #inFlight = new Map<string, Promise<unknown>>();

  constructor(options: ResponseCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    if (!Number.isInteger(this.maxEntries) || this.maxEntries < 1) throw new RangeError('maxEntries must be >= 1');
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * The cached value for `key` while fresh; otherwise the one `load` gives, kept for `ttlMs(value)` (0 or less: not
   * kept). `hit` is true when no load was started for this call (a fresh entry, or a load already on its way).
   */
  async getOrLoad<T>(
    key: string,
    load: () => Promise<T>,
    ttlMs: (value: T) => number,
  ): Promise<{ value: T; hit: boolean }> {
    const entry = this.#entries.get(key);
    if (entry) {
      if (entry.expiresAt > this.#clock.now().getTime()) {
        this.#entries.delete(key);
        this.#entries.set(key, entry);
        return { value: entry.value as T, hit: true };
      }
      this.#entries.delete(key);
    }
    const pending = this.#inFlight.get(key);
    if (pending) return { value: (await pending) as T, hit: true };

    const loading = (async () => {
      try {
        const value = await load();
        const ttl = ttlMs(value);
        if (ttl > 0) this.#store(key, { value, expiresAt: this.#clock.now().getTime() + ttl });
        return value;
      } finally {
        this.#inFlight.delete(key);
      }
    })();
    this.#inFlight.set(key, loading);
    return { value: await loading, hit: false };
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #store(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }
}

/** The process's cache, shared by every client that is not given one of its own. Keys include the API key's
 * fingerprint and the base URL, so clients for different keys or servers never read each other's entries. */
export const sharedResponseCache = new ResponseCache();
