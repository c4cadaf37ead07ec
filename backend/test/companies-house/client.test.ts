import {
  CompaniesHouseClient,
  CompaniesHouseConfigError,
  InvalidCompanyNumberError,
  RateLimiter,
  RegisterUnavailableError,
  ResponseCache,
  UnexpectedRegisterResponseError,
  type CompaniesHouseClientOptions,
} from '../../src/integrations/companies-house/index.ts';
import { startCompaniesHouseStandIn, type CompaniesHouseStandIn } from '../stand-ins/companies-house/index.ts';
import { rejectionOf, SimulatedTime } from './support.ts';

const PAGES = 'https://find-and-update.company-information.service.gov.uk';

let standIn: CompaniesHouseStandIn;
let time: SimulatedTime;

beforeEach(async () => {
  standIn = await startCompaniesHouseStandIn();
  // Starts at the real time, so the stand-in's X-Ratelimit-Reset (real Unix seconds) reads right on it.
  time = new SimulatedTime(Date.now());
});

afterEach(async () => {
  await standIn.close();
});

// A client of its own (limiter and cache too) on the simulated clock; retries wait on it and return at once.
function client(options: Partial<CompaniesHouseClientOptions> = {}): CompaniesHouseClient {
  return new CompaniesHouseClient({
    apiKey: standIn.apiKey,
    baseUrl: standIn.url,
    clock: time,
    sleep: time.sleep,
    random: () => 0,
    limiter: new RateLimiter({ clock: time, sleep: time.sleep }),
    cache: false,
    ...options,
  });
}

describe('CompaniesHouseClient: reading the register', () => {
  it('reads a profile with HTTP Basic auth (the key as user name, no password)', async () => {
    const answer = await client().profile('00002065');

    expect(answer.found).toBe(true);
    if (!answer.found) return;
    expect(answer.data.company_name).toBe('LLOYDS BANK PLC');
    expect(answer.sourceUrl).toBe(`${PAGES}/company/00002065`);
    expect(answer.retrievedAt).toEqual(time.now());
    expect(answer.fromCache).toBe(false);
    const [request] = standIn.requests;
    expect(request!.path).toBe('/company/00002065');
    expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`${standIn.apiKey}:`).toString('base64')}`);
    expect(request!.headers.accept).toBe('application/json');
  });

  it('normalises the company number before asking, and refuses what cannot be one without asking', async () => {
    const answer = await client().profile(' 2065');

    expect(answer.found && answer.data.company_number).toBe('00002065');
    expect(standIn.requests.map((r) => r.path)).toEqual(['/company/00002065']);
    await expect(client().profile('../search')).rejects.toThrow(InvalidCompanyNumberError);
    expect(standIn.requests).toHaveLength(1);
  });

  it('answers not-found for an unknown company and for resources a company does not have', async () => {
    const ch = client();

    const unknown = await ch.profile('99999999');
    const insolvency = await ch.insolvency('00002065');
    const charges = await ch.charges('00002065');

    expect(unknown).toEqual({
      found: false,
      sourceUrl: `${PAGES}/company/99999999`,
      retrievedAt: time.now(),
      fromCache: false,
    });
    expect(insolvency).toMatchObject({ found: false, sourceUrl: `${PAGES}/company/00002065/insolvency` });
    expect(charges).toMatchObject({ found: false, sourceUrl: `${PAGES}/company/00002065/charges` });
  });

  it('reads every resource with its public page', async () => {
    const ch = client();

    const officers = await ch.officers('13090621');
    const psc = await ch.psc('13090621');
    const filings = await ch.filingHistory('13090621');
    const charges = await ch.charges('02723534');
    const insolvency = await ch.insolvency('04271746');

    expect(officers.found && officers.data.items[0]!.name).toBe('FRAY, Shelley Ann');
    expect(officers.sourceUrl).toBe(`${PAGES}/company/13090621/officers`);
    expect(psc.found && psc.data.items[0]!.kind).toBe('individual-person-with-significant-control');
    expect(psc.sourceUrl).toBe(`${PAGES}/company/13090621/persons-with-significant-control`);
    expect(filings.found && filings.data.items).toHaveLength(3);
    expect(filings.sourceUrl).toBe(`${PAGES}/company/13090621/filing-history`);
    expect(charges.found && charges.data.items[0]!.status).toBe('outstanding');
    expect(insolvency.found && insolvency.data.cases).toHaveLength(2);
    expect(ch.sourceUrl('sc1234', 'officers')).toBe(`${PAGES}/company/SC001234/officers`);
  });

  it('sends paging and the filing categories asked for', async () => {
    const ch = client();

    const accounts = await ch.filingHistory('13090621', { category: ['accounts', 'address'], itemsPerPage: 10 });
    await ch.officers('13090621', { itemsPerPage: 100, startIndex: 35 });

    expect(accounts.found && accounts.data.items.map((item) => item.type)).toEqual(['AA', 'AD01']);
    expect(standIn.requests.map((r) => r.query)).toEqual([
      { items_per_page: '10', category: 'accounts,address' },
      { items_per_page: '100', start_index: '35' },
    ]);
    await expect(ch.officers('13090621', { itemsPerPage: 101 })).rejects.toThrow(RangeError);
  });

  it('searches by name, with the public search page as source', async () => {
    const ch = client();

    const shell = await ch.searchCompanies('Shell', { itemsPerPage: 5 });
    const lloyds = await ch.searchCompanies('lloyds tsb');

    expect(shell.data.items.map((item) => item.company_number)).toEqual(['04366849', '03323845']);
    expect(shell.sourceUrl).toBe(`${PAGES}/search/companies?q=Shell`);
    expect(lloyds.data.items.map((item) => item.title)).toEqual(['LLOYDS BANK PLC']);
    expect(standIn.requests[0]!.query).toEqual({ items_per_page: '5', q: 'Shell' });
    await expect(ch.searchCompanies('  ')).rejects.toThrow(RangeError);
  });
});

describe('CompaniesHouseClient: failures', () => {
  it('reports a refused key as a configuration error, without retrying', async () => {
    const wrongKey = client({ apiKey: 'not-the-key' });

    const error = await rejectionOf(wrongKey.profile('00002065'));

    expect(error).toBeInstanceOf(CompaniesHouseConfigError);
    expect((error as Error).message).toContain('COMPANIES_HOUSE_API_KEY');
    expect((error as Error).message).not.toContain('not-the-key');
    expect(standIn.requests.map((r) => r.status)).toEqual([401]);
    expect(() => new CompaniesHouseClient({ apiKey: ' ' })).toThrow(CompaniesHouseConfigError);
  });

  it('retries 5xx with growing, jittered waits and then answers', async () => {
    standIn.failNext(500, 1);
    standIn.failNext(503, 1);
    const ch = client({ random: () => 0.5 });

    const answer = await ch.profile('00002065');

    expect(answer.found).toBe(true);
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 503, 200]);
    // Base 500 ms doubling, each wait half fixed and half random (0.5 here): 375, then 750.
    expect(time.sleeps).toEqual([375, 750]);
  });

  it('gives up with RegisterUnavailableError after the retries', async () => {
    standIn.failNext(502, 10);

    const error = (await rejectionOf(client({ retries: 2 }).profile('00002065'))) as RegisterUnavailableError;

    expect(error).toBeInstanceOf(RegisterUnavailableError);
    expect(error).toMatchObject({ reason: 'server', status: 502, attempts: 3, path: '/company/00002065' });
    expect(standIn.requests).toHaveLength(3);
  });

  it('waits as long as a 429’s Retry-After says, and holds other callers of the key back too', async () => {
    standIn.failNext({ status: 429, retryAfterSeconds: 7 });
    const ch = client();

    const answer = await ch.profile('00002065');

    expect(answer.found).toBe(true);
    expect(standIn.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(Math.max(...time.sleeps)).toBeGreaterThanOrEqual(7_000);
  });

  it('waits for X-Ratelimit-Reset when the register says the budget is spent', async () => {
    await standIn.close();
    standIn = await startCompaniesHouseStandIn({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => time.ms });
    const ch = client();
    const started = time.ms;

    await ch.profile('00002065');
    await ch.charges('02723534');
    const third = await ch.officers('13090621');

    // The second answer said none remain: the third request waited for the reset instead of collecting a 429.
    expect(third.found).toBe(true);
    expect(standIn.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(time.ms - started).toBeGreaterThanOrEqual(59_000);
  });

  it('after a 429 with X-Ratelimit-Reset, retries once the register’s window has reset', async () => {
    await standIn.close();
    standIn = await startCompaniesHouseStandIn({ rateLimit: { limit: 2, windowMs: 60_000 }, now: () => time.ms });
    const ch = client();

    // Sent together, all three leave before any answer tells the limiter the budget is low.
    const answers = await Promise.all([ch.profile('00002065'), ch.charges('02723534'), ch.officers('13090621')]);

    expect(answers.every((answer) => answer.found)).toBe(true);
    expect(standIn.requests.map((r) => r.status)).toEqual([200, 200, 429, 200]);
    expect(Math.max(...time.sleeps)).toBeGreaterThanOrEqual(59_000);
  });

  it('retries a dropped connection, then reports it as a network failure', async () => {
    standIn.failNext({ dropConnection: true, times: 1 });
    expect((await client().profile('00002065')).found).toBe(true);

    standIn.failNext({ dropConnection: true, times: 5 });
    const error = await rejectionOf(client({ retries: 1 }).profile('00002065'));
    expect(error).toMatchObject({ name: 'RegisterUnavailableError', reason: 'network', attempts: 2 });
  });

  it('gives up on a slow answer after the timeout, and retries it', async () => {
    standIn.delayNext(1_000, 1);
    const answer = await client({ timeoutMs: 100 }).profile('00002065');
    expect(answer.found).toBe(true);

    standIn.delayNext(1_000, 2);
    const error = await rejectionOf(client({ timeoutMs: 100, retries: 1 }).profile('00002065'));
    expect(error).toMatchObject({ name: 'RegisterUnavailableError', reason: 'timeout', attempts: 2 });
  });

  it('refuses an answer that is not JSON, or not the documented shape, without retrying', async () => {
    standIn.failNext({ status: 200, body: '<html>Service unavailable</html>' });
    const notJson = (await rejectionOf(client().profile('00002065'))) as UnexpectedRegisterResponseError;
    expect(notJson).toBeInstanceOf(UnexpectedRegisterResponseError);
    expect(notJson.message).toContain('not JSON');

    standIn.failNext({ status: 200, body: { company_name: 'LLOYDS BANK PLC', company_status: 7 } });
    const wrongShape = (await rejectionOf(client().profile('00002065'))) as UnexpectedRegisterResponseError;
    expect(wrongShape.issues.map((issue) => issue.path[0])).toEqual(
      expect.arrayContaining(['company_number', 'company_status', 'type']),
    );
    expect(standIn.requests).toHaveLength(2);
  });

  it('refuses other 4xx answers as a request problem', async () => {
    standIn.failNext(400, 1);

    const error = await rejectionOf(client().profile('00002065'));

    expect(error).toMatchObject({ name: 'UnexpectedRegisterResponseError', status: 400 });
    expect(standIn.requests).toHaveLength(1);
  });
});

describe('CompaniesHouseClient: cache', () => {
  it('answers a repeated request from the cache, without using the limit', async () => {
    const cache = new ResponseCache({ clock: time });
    const ch = client({ cache });

    const first = await ch.profile('00002065');
    const second = await ch.profile('2065');

    expect(first.fromCache).toBe(false);
    expect(second).toEqual({ ...first, fromCache: true });
    expect(standIn.requests).toHaveLength(1);
    expect(ch.limiter.inWindow).toBe(1);
  });

  it('sends one request for identical requests made at once', async () => {
    const ch = client({ cache: new ResponseCache({ clock: time }) });

    const answers = await Promise.all(Array.from({ length: 5 }, () => ch.officers('13090621')));

    expect(standIn.requests).toHaveLength(1);
    expect(answers.filter((answer) => !answer.fromCache)).toHaveLength(1);
  });

  it('asks again when the entry expires, per resource', async () => {
    const ch = client({ cache: new ResponseCache({ clock: time }), cacheTtlMs: { 'filing-history': 60_000 } });

    await ch.filingHistory('13090621');
    await ch.profile('00002065');
    time.advance(60_000);
    await ch.filingHistory('13090621');
    await ch.profile('00002065');

    expect(standIn.requests.map((r) => r.path)).toEqual([
      '/company/13090621/filing-history',
      '/company/00002065',
      '/company/13090621/filing-history',
    ]);
  });

  it('keeps a 404 briefly and a failure not at all', async () => {
    const ch = client({ cache: new ResponseCache({ clock: time }), notFoundTtlMs: 1_000, retries: 0 });

    await ch.insolvency('00002065');
    await ch.insolvency('00002065');
    time.advance(1_000);
    await ch.insolvency('00002065');
    expect(standIn.requests).toHaveLength(2);

    standIn.clearRequests();
    standIn.failNext(500, 1);
    await expect(ch.profile('00002065')).rejects.toThrow(RegisterUnavailableError);
    expect((await ch.profile('00002065')).fromCache).toBe(false);
    expect(standIn.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it('keeps keys apart in a shared cache', async () => {
    await standIn.close();
    standIn = await startCompaniesHouseStandIn({ otherKeys: ['second-key'] });
    const cache = new ResponseCache({ clock: time });

    await client({ cache }).profile('00002065');
    await client({ cache, apiKey: 'second-key' }).profile('00002065');

    expect(standIn.requests).toHaveLength(2);
  });
});

describe('CompaniesHouseClient: callers giving up', () => {
  it('rejects with the signal’s reason when the caller gives up, and keeps the answer for others', async () => {
    standIn.delayNext(300, 1);
    const cache = new ResponseCache({ clock: time });
    const ch = client({ cache });
    const controller = new AbortController();

    const abandoned = ch.profile('00002065', { signal: controller.signal });
    const patient = ch.profile('00002065');
    controller.abort(new Error('user left'));

    await expect(abandoned).rejects.toThrow('user left');
    expect((await patient).found).toBe(true);
    expect(standIn.requests).toHaveLength(1);
    await expect(ch.officers('13090621', { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow(
      'already',
    );
  });
});
