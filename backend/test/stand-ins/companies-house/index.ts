/**
 * A local Companies House Public Data API for tests: point `CompaniesHouseClient` at `standIn.url` with
 * `standIn.apiKey`.
 *
 * Served, from real register records in `fixtures/` (see fixtures/README.md) plus whatever a test adds:
 * `GET /search/companies?q=&items_per_page=&start_index=`, `GET /company/{number}` and its `/officers`,
 * `/persons-with-significant-control`, `/filing-history` (with `category`), `/charges` and `/insolvency`. Requests
 * need HTTP Basic authentication with the key as user name (401 otherwise); an unknown company or a resource the
 * company does not have answers 404 with the register's error body. Each key gets the register's limit, 600 per
 * five minutes unless set, with its `X-Ratelimit-*` headers, and 429 beyond it.
 *
 * Tests read every request in `requests`, and plan failures with `failNext` (429/5xx, slow or dropped answers,
 * bodies that are not what the API sends).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultPlan, type Fault } from './faults.ts';
import { loadFixtures, type CompanyRecord } from './fixtures.ts';
import { createHttpApp } from './http-app.ts';
import { RateWindow } from './rate-window.ts';
import type { RecordedRequest } from './request-log.ts';

export type { Fault } from './faults.ts';
export { FIXTURES_DIR, loadFixtures, RESOURCES, type CompanyRecord, type Resource } from './fixtures.ts';
export type { RecordedRequest } from './request-log.ts';

export interface CompaniesHouseStandInOptions {
  /** The key accepted; a fresh random one by default. */
  apiKey?: string;
  /** More keys accepted, each with a limit of its own. */
  otherKeys?: string[];
  /** The register's limit per key: 600 per 5 minutes by default. */
  rateLimit?: { limit: number; windowMs: number };
  /** False starts with no companies at all. */
  fixtures?: boolean;
  /** The time the rate limit counts by (epoch ms); tests on a simulated clock pass theirs. */
  now?: () => number;
}

export interface CompaniesHouseStandIn {
  readonly url: string;
  readonly apiKey: string;
  /** Every request received, in arrival order, failures included. */
  readonly requests: readonly RecordedRequest[];
  /** Requests whose path starts with `prefix`. */
  requestsTo(prefix: string): RecordedRequest[];
  /** Adds (or replaces) a company; resources left out answer 404. */
  addCompany(number: string, record: CompanyRecord): void;
  removeCompany(number: string): void;
  /** The answer to `GET /search/companies?q=<query>` (any case); otherwise search matches profile names. */
  addSearch(query: string, answer: unknown): void;
  /** Fails the next `times` requests with `status`, or plays a planned `Fault`. */
  failNext(fault: number | Fault, times?: number): void;
  /** Answers the next `times` requests normally, `ms` late. */
  delayNext(ms: number, times?: number): void;
  clearFaults(): void;
  clearRequests(): void;
  resetRateLimit(): void;
  close(): Promise<void>;
}

export const DEFAULT_RATE_LIMIT = { limit: 600, windowMs: 5 * 60_000 };

export async function startCompaniesHouseStandIn(
  options: CompaniesHouseStandInOptions = {},
): Promise<CompaniesHouseStandIn> {
  const apiKey = options.apiKey ?? `ch-standin-${randomBytes(12).toString('hex')}`;
  const { companies, searches } =
    options.fixtures === false ? { companies: new Map<string, CompanyRecord>(), searches: new Map() } : loadFixtures();
  const log: RecordedRequest[] = [];
  const faults = new FaultPlan();
  const rateWindow = new RateWindow({
    ...(options.rateLimit ?? DEFAULT_RATE_LIMIT),
    ...(options.now ? { now: options.now } : {}),
  });
  const server = createServer(
    createHttpApp({
      apiKeys: new Set([apiKey, ...(options.otherKeys ?? [])]),
      companies,
      searches,
      rateWindow,
      faults,
      log,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests: log,
    requestsTo: (prefix) => log.filter((request) => request.path.startsWith(prefix)),
    addCompany: (number, record) => {
      companies.set(number.toUpperCase(), record);
    },
    removeCompany: (number) => {
      companies.delete(number.toUpperCase());
    },
    addSearch: (query, answer) => {
      searches.set(query.toLowerCase(), answer);
    },
    failNext: (fault, times) => faults.add(typeof fault === 'number' ? { status: fault, times: times ?? 1 } : fault),
    delayNext: (ms, times) => faults.add({ delayMs: ms, times: times ?? 1 }),
    clearFaults: () => faults.clear(),
    clearRequests: () => {
      log.length = 0;
    },
    resetRateLimit: () => rateWindow.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
