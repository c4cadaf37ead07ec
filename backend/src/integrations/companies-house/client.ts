/**
 * A client of the Companies House Public Data API (https://developer-specs.company-information.service.gov.uk):
 * company search, profile, officers, persons with significant control, filing history, charges and insolvency.
 *
 * - Authentication: HTTP Basic with the API key as the user name and no password.
 * - Every request goes through the key's shared `RateLimiter` (600 per rolling five minutes by default), so all
 *   clients in the process with one key stay within the key's limit together.
 * - Answers are cached per key and path (`ResponseCache`), for a time that depends on the resource; a cache hit
 *   sends nothing and costs nothing from the limit.
 * - 404 is an answer, not a failure: `{ found: false }`. 401/403 throw `CompaniesHouseConfigError`; 429, 5xx,
 *   dropped connections and timeouts are retried with backoff and then throw `RegisterUnavailableError`; anything
 *   else unusable throws `UnexpectedRegisterResponseError`.
 * - Each answer carries the public page that shows the same data (`sourceUrl`), for citing.
 */
import type { z } from 'zod';
import { systemClock, type Clock } from '../../clock.ts';
import type { Logger } from '../../logger.ts';
import { companyNumber } from './company-number.ts';
import {
  CompaniesHouseConfigError,
  RegisterUnavailableError,
  UnexpectedRegisterResponseError,
  type UnavailableReason,
} from './errors.ts';
import { publicPageUrl, publicSearchUrl, type RegisterResource } from './public-pages.ts';
import {
  keyFingerprint,
  realSleep,
  sharedRateLimiter,
  type Permit,
  type RateLimiter,
  type RateLimiterOptions,
  type Sleep,
} from './rate-limiter.ts';
import { sharedResponseCache, type ResponseCache } from './response-cache.ts';
import { backoffDelayMs, retryAfterMs, serverBudget } from './retry-timing.ts';
import {
  ChargeList,
  CompanyInsolvency,
  CompanyProfile,
  CompanySearchResult,
  FilingHistoryList,
  OfficerList,
  PscList,
  type FilingCategory,
} from './schemas.ts';

export const COMPANIES_HOUSE_API_URL = 'https://api.company-information.service.gov.uk';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
export const DEFAULT_RETRY_MAX_DELAY_MS = 30_000;

const HOUR = 3_600_000;

export type CachedResource = RegisterResource | 'search';

/**
 * How long answers are kept. The register changes slowly; filing history and insolvency are where news appears
 * first, so they are kept for less.
 */
export const DEFAULT_CACHE_TTL_MS: Record<CachedResource, number> = {
  search: 1 * HOUR,
  profile: 24 * HOUR,
  officers: 24 * HOUR,
  psc: 24 * HOUR,
  'filing-history': 6 * HOUR,
  charges: 24 * HOUR,
  insolvency: 6 * HOUR,
};
/** A 404 is kept briefly: a company just incorporated, or a charge just registered, shows up soon after. */
export const DEFAULT_NOT_FOUND_TTL_MS = 10 * 60_000;

export interface CompaniesHouseClientOptions {
  /** A REST API key of the Public Data API (COMPANIES_HOUSE_API_KEY). */
  apiKey: string;
  /** The API's root; Companies House's own by default, a stand-in's in tests. */
  baseUrl?: string;
  /** Each attempt's budget, body included. */
  timeoutMs?: number;
  /** Retries after the first attempt, for 429, 5xx, dropped connections and timeouts. */
  retries?: number;
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /**
   * The key's limiter. By default the process's shared one for this key (`sharedRateLimiter`), made with
   * `rateLimit`, `clock` and `sleep` if this client is the first to use the key.
   */
  limiter?: RateLimiter;
  rateLimit?: Pick<RateLimiterOptions, 'limit' | 'windowMs'>;
  /** The process's shared cache by default; `false` caches nothing. */
  cache?: ResponseCache | false;
  cacheTtlMs?: Partial<Record<CachedResource, number>>;
  notFoundTtlMs?: number;
  clock?: Clock;
  /** How retries wait; tests pass one that records the waits and returns at once. */
  sleep?: Sleep;
  random?: () => number;
  logger?: Logger;
}

/** An answer the register gave: the data, the public page showing it, and when the register said so. */
export interface RegisterFound<T> {
  found: true;
  data: T;
  /** The public page that shows this data, to cite. */
  sourceUrl: string;
  /** When the register gave this answer (earlier than now for a cached one). */
  retrievedAt: Date;
  fromCache: boolean;
}

/** The register holds no such resource (404): an unknown company, or no charges, insolvency or PSC record. */
export interface RegisterNotFound {
  found: false;
  sourceUrl: string;
  retrievedAt: Date;
  fromCache: boolean;
}

export type RegisterAnswer<T> = RegisterFound<T> | RegisterNotFound;

export interface CallOptions {
  /**
   * The caller giving up: the call rejects with the signal's reason at once. The request itself, which identical
   * calls may share, still completes and is cached.
   */
  signal?: AbortSignal;
}

export interface PageOptions extends CallOptions {
  /** Up to 100 for lists, the API's maximum. */
  itemsPerPage?: number;
  startIndex?: number;
}

export type SearchOptions = PageOptions;

export interface FilingHistoryOptions extends PageOptions {
  category?: FilingCategory | FilingCategory[];
}

type Stored<T> = Omit<RegisterFound<T>, 'fromCache'> | Omit<RegisterNotFound, 'fromCache'>;

const MAX_PAGE = 100;

function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise((resolve, reject) => {
    const abandon = () => reject(signal.reason);
    signal.addEventListener('abort', abandon, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', abandon);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abandon);
        reject(error);
      },
    );
  });
}

function pageQuery(options: PageOptions, defaultItems: number): URLSearchParams {
  const items = options.itemsPerPage ?? defaultItems;
  if (!Number.isInteger(items) || items < 1 || items > MAX_PAGE) {
    throw new RangeError(`itemsPerPage must be 1–${MAX_PAGE}`);
  }
  const start = options.startIndex ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new RangeError('startIndex must be a whole number ≥ 0');
  const query = new URLSearchParams({ items_per_page: String(items) });
  if (start > 0) query.set('start_index', String(start));
  return query;
}

// By name, not `instanceof`: fetch's errors may come from another realm (undici's TypeError, the DOMException of an
// aborted signal). The only signal fetch is given is the timeout, so an abort of the body read is the timeout too.
const errorName = (error: unknown) => (typeof error === 'object' && error !== null ? (error as Error).name : undefined);
const isTimeout = (error: unknown) => errorName(error) === 'TimeoutError' || errorName(error) === 'AbortError';
const isNetworkFailure = (error: unknown) => errorName(error) === 'TypeError';

export class CompaniesHouseClient {
  readonly baseUrl: string;
  readonly #authorization: string;
  readonly #keyId: string;
  readonly #timeoutMs: number;
  readonly #retries: number;
  readonly #backoff: { baseDelayMs: number; maxDelayMs: number; random: () => number };
  readonly #limiter: RateLimiter;
  readonly #cache: ResponseCache | null;
  readonly #ttl: Record<CachedResource, number>;
  readonly #notFoundTtl: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #logger: Logger | undefined;

  constructor(options: CompaniesHouseClientOptions) {
    const apiKey = options.apiKey.trim();
    if (!apiKey) throw new CompaniesHouseConfigError(401);
    this.baseUrl = (options.baseUrl ?? COMPANIES_HOUSE_API_URL).replace(/\/+$/, '');
    this.#authorization = `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
    this.#keyId = keyFingerprint(apiKey);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#retries = options.retries ?? DEFAULT_RETRIES;
    this.#backoff = {
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
      random: options.random ?? Math.random,
    };
    this.#clock = options.clock ?? systemClock;
    this.#sleep = options.sleep ?? realSleep;
    this.#limiter =
      options.limiter ??
      sharedRateLimiter(apiKey, {
        ...options.rateLimit,
        clock: this.#clock,
        ...(options.sleep ? { sleep: options.sleep } : {}),
      });
    this.#cache = options.cache === false ? null : (options.cache ?? sharedResponseCache);
    this.#ttl = { ...DEFAULT_CACHE_TTL_MS, ...options.cacheTtlMs };
    this.#notFoundTtl = options.notFoundTtlMs ?? DEFAULT_NOT_FOUND_TTL_MS;
    this.#logger = options.logger?.child({ integration: 'companies-house', key: this.#keyId });
  }

  /** The limiter this client draws on (shared with every client of the same key unless one was given). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** The public page of a company's resource, for citing; the number is normalised first. */
  sourceUrl(number: string, resource: RegisterResource = 'profile'): string {
    return publicPageUrl(companyNumber(number), resource);
  }

  /** Companies whose name (current or previous) matches `query`, best match first (20 per page by default). */
  async searchCompanies(query: string, options: SearchOptions = {}): Promise<RegisterFound<CompanySearchResult>> {
    const q = query.trim();
    if (!q) throw new RangeError('The search query is empty');
    const params = pageQuery(options, 20);
    params.set('q', q);
    const path = `/search/companies?${params}`;
    const answer = await this.#get('search', path, CompanySearchResult, publicSearchUrl(q), options.signal);
    if (!answer.found) {
      throw new UnexpectedRegisterResponseError('/search/companies', 404, 'search answered 404');
    }
    return answer;
  }

  /** The company's register entry: name, status, dates, type, SIC codes, office, accounts and statements due. */
  async profile(number: string, options: CallOptions = {}): Promise<RegisterAnswer<CompanyProfile>> {
    const n = companyNumber(number);
    return this.#get('profile', `/company/${n}`, CompanyProfile, publicPageUrl(n, 'profile'), options.signal);
  }

  /** Directors, secretaries and LLP members, current and resigned (35 per page by default). */
  async officers(number: string, options: PageOptions = {}): Promise<RegisterAnswer<OfficerList>> {
    const n = companyNumber(number);
    const query = pageQuery(options, 35);
    const path = `/company/${n}/officers?${query}`;
    return this.#get('officers', path, OfficerList, publicPageUrl(n, 'officers'), options.signal);
  }

  /** Persons with significant control. Not found for companies that never filed any (and for many old ones). */
  async psc(number: string, options: PageOptions = {}): Promise<RegisterAnswer<PscList>> {
    const n = companyNumber(number);
    const query = pageQuery(options, 25);
    const path = `/company/${n}/persons-with-significant-control?${query}`;
    return this.#get('psc', path, PscList, publicPageUrl(n, 'psc'), options.signal);
  }

  /** Filings, newest first (25 per page by default), optionally of some categories only. */
  async filingHistory(number: string, options: FilingHistoryOptions = {}): Promise<RegisterAnswer<FilingHistoryList>> {
    const n = companyNumber(number);
    const query = pageQuery(options, 25);
    if (options.category) {
      query.set('category', [options.category].flat().join(','));
    }
    const path = `/company/${n}/filing-history?${query}`;
    return this.#get('filing-history', path, FilingHistoryList, publicPageUrl(n, 'filing-history'), options.signal);
  }

  /** Charges (mortgages, debentures) registered against the company. Not found when it has none. */
  async charges(number: string, options: PageOptions = {}): Promise<RegisterAnswer<ChargeList>> {
    const n = companyNumber(number);
    const query = pageQuery(options, 25);
    const path = `/company/${n}/charges?${query}`;
    return this.#get('charges', path, ChargeList, publicPageUrl(n, 'charges'), options.signal);
  }

  /** Insolvency cases (liquidations, administrations, CVAs, receiverships). Not found when there never was one. */
  async insolvency(number: string, options: CallOptions = {}): Promise<RegisterAnswer<CompanyInsolvency>> {
    const n = companyNumber(number);
    const path = `/company/${n}/insolvency`;
    return this.#get('insolvency', path, CompanyInsolvency, publicPageUrl(n, 'insolvency'), options.signal);
  }

  async #get<T>(
    resource: CachedResource,
    path: string,
    schema: z.ZodType<T, unknown>,
    sourceUrl: string,
    signal: AbortSignal | undefined,
  ): Promise<RegisterAnswer<T>> {
    signal?.throwIfAborted();
    const load = () => this.#fetch(path, schema, sourceUrl);
    if (!this.#cache) return { ...(await untilAborted(load(), signal)), fromCache: false };
    const ttl = (stored: Stored<T>) => (stored.found ? this.#ttl[resource] : this.#notFoundTtl);
    const cached = this.#cache.getOrLoad(`${this.#keyId} ${this.baseUrl}${path}`, load, ttl);
    const { value, hit } = await untilAborted(cached, signal);
    return { ...value, fromCache: hit };
  }

  async #fetch<T>(path: string, schema: z.ZodType<T, unknown>, sourceUrl: string): Promise<Stored<T>> {
    const url = `${this.baseUrl}${path}`;
    const logPath = path.split('?')[0]!;
    for (let attempt = 1; ; attempt += 1) {
      const permit = await this.#limiter.acquire();
      let failure: { reason: UnavailableReason; status?: number; waitAtLeastMs?: number; cause?: unknown };
      try {
        const response = await fetch(url, {
          headers: { authorization: this.#authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(this.#timeoutMs),
        });
        const body = await response.text();
        this.#noteBudget(permit, response);
        const { status } = response;
        if (status === 200) {
          return {
            found: true,
            data: this.#parse(logPath, status, body, schema),
            sourceUrl,
            retrievedAt: this.#clock.now(),
          };
        }
        if (status === 404) return { found: false, sourceUrl, retrievedAt: this.#clock.now() };
        if (status === 401 || status === 403) throw new CompaniesHouseConfigError(status);
        if (status === 429) {
          failure = { reason: 'rate-limited', status, waitAtLeastMs: this.#rateLimitWait(response) };
        } else if (status >= 500 || status === 408) {
          failure = {
            reason: 'server',
            status,
            waitAtLeastMs: retryAfterMs(response.headers.get('retry-after'), this.#clock.now().getTime()),
          };
        } else {
          throw new UnexpectedRegisterResponseError(logPath, status, `HTTP ${status}`);
        }
      } catch (error) {
        if (!isNetworkFailure(error) && !isTimeout(error)) throw error;
        failure = { reason: isTimeout(error) ? 'timeout' : 'network', cause: error };
      }

      if (attempt > this.#retries) {
        this.#logger?.warn({ path: logPath, attempts: attempt, ...failure, cause: undefined }, 'register unavailable');
        throw new RegisterUnavailableError(logPath, failure.reason, attempt, failure.status, { cause: failure.cause });
      }
      const delay = Math.max(backoffDelayMs(attempt, this.#backoff), failure.waitAtLeastMs ?? 0);
      this.#logger?.debug(
        { path: logPath, attempt, reason: failure.reason, status: failure.status, delay },
        'retrying',
      );
      await this.#sleep(delay);
    }
  }

  #parse<T>(path: string, status: number, body: string, schema: z.ZodType<T, unknown>): T {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new UnexpectedRegisterResponseError(path, status, 'the body is not JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
        message: issue.message,
      }));
      throw new UnexpectedRegisterResponseError(path, status, 'the body does not have the documented shape', issues);
    }
    return parsed.data;
  }

  #noteBudget(permit: Permit, response: Response): void {
    const budget = serverBudget(response.headers);
    if (budget) this.#limiter.observe(permit, budget);
  }

  // After a 429 every caller of this key waits: until the register's window resets when it says when, for as long
  // as Retry-After says otherwise; this request's retry waits at least as long.
  #rateLimitWait(response: Response): number | undefined {
    const now = this.#clock.now().getTime();
    const retryAfter = retryAfterMs(response.headers.get('retry-after'), now);
    const reset = serverBudget(response.headers)?.resetAt;
    const until = retryAfter !== undefined ? now + retryAfter : reset;
    if (until === undefined || until <= now) return undefined;
    this.#limiter.pauseUntil(until);
    // A wait longer than the limiter's window is a clock disagreement; the limiter caps its pause the same way.
    return Math.min(until - now, this.#limiter.windowMs);
  }
}
