import { SEARCH_LIMITER_OPTIONS } from '@hubspot/api-client';
import { jest } from '@jest/globals';
import { privateAppToken, startHubSpotStandIn, type HubSpotStandIn } from './index.ts';
import { expectServedBodiesConform } from './response-models.ts';
import { sdkClient } from './sdk-client.ts';
import { failureOf, signedIn } from './test-support.ts';

const TEN_SECONDLY_BODY = {
  status: 'error',
  message: 'You have reached your ten_secondly_rolling limit.',
  errorType: 'RATE_LIMIT',
  correlationId: expect.any(String),
  policyName: 'TEN_SECONDLY_ROLLING',
  requestId: expect.any(String),
};

// Settles a promise while the SDK sleeps on faked timers between retries, letting real I/O run in between.
async function settle<T>(promise: Promise<T>): Promise<T> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  while (!done) {
    await new Promise((resolve) => setImmediate(resolve));
    if (jest.getTimerCount() > 0) await jest.advanceTimersToNextTimerAsync();
  }
  return promise;
}

describe('HubSpot stand-in: rate-limit headers', () => {
  it('reports the ten-second window on every response of an OAuth app, without daily headers', async () => {
    const { standIn, client } = await signedIn({ tenSecondLimit: 100 });

    const info = await client.crm.contacts.basicApi.getPageWithHttpInfo();
    await failureOf(client.crm.contacts.basicApi.getById('1'));
    const notFound = standIn.calls.at(-1)!;

    expect(info.headers).toMatchObject({
      'x-hubspot-ratelimit-max': '100',
      'x-hubspot-ratelimit-remaining': '99',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
    });
    expect(info.headers).not.toHaveProperty('x-hubspot-ratelimit-daily');
    expect(notFound.status).toBe(404);
    expectServedBodiesConform(standIn.calls);
    await standIn.close();
  });

  it('adds the daily headers for private apps', async () => {
    const standIn = await startHubSpotStandIn({ dailyLimit: 500, privateAppTenSecondLimit: 190 });
    const token = privateAppToken();
    standIn.addAccessToken(token);

    const info = await sdkClient(standIn, { accessToken: token }).crm.deals.basicApi.getPageWithHttpInfo();

    expect(info.headers).toMatchObject({
      'x-hubspot-ratelimit-max': '190',
      'x-hubspot-ratelimit-remaining': '189',
      'x-hubspot-ratelimit-daily': '500',
      'x-hubspot-ratelimit-daily-remaining': '499',
    });
    await standIn.close();
  });
});

describe('HubSpot stand-in: the SDK’s limiter', () => {
  it('keeps concurrent searches paced by limiterOptions within the search limit', async () => {
    const { standIn, client } = await signedIn({ searchPerSecondLimit: 2 }, { limiterOptions: SEARCH_LIMITER_OPTIONS });

    const results = await Promise.all([1, 2, 3].map(() => client.crm.contacts.searchApi.doSearch({})));

    expect(results.map((r) => r.total)).toEqual([0, 0, 0]);
    expect(standIn.counts().rateLimited).toBe(0);
    expect(standIn.counts().searches).toBe(3);
    await standIn.close();
  });
});

describe('HubSpot stand-in: rate limits and the SDK’s retries', () => {
  let standIn: HubSpotStandIn | undefined;

  beforeEach(() => {
    // The SDK logs each retry it schedules.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.useRealTimers();
    jest.restoreAllMocks();
    if (standIn) expectServedBodiesConform(standIn.calls);
    await standIn?.close();
    standIn = undefined;
  });

  it('answers past the ten-second limit with 429 TEN_SECONDLY_ROLLING', async () => {
    const signed = await signedIn({ tenSecondLimit: 2 });
    standIn = signed.standIn;
    await signed.client.crm.contacts.basicApi.getPage();
    await signed.client.crm.contacts.basicApi.getPage();

    const failure = await failureOf(signed.client.crm.contacts.basicApi.getPage());

    expect(failure.code).toBe(429);
    expect(failure.body).toEqual(TEN_SECONDLY_BODY);
    expect(failure.headers['x-hubspot-ratelimit-remaining']).toBe('0');
  });

  it('lets the SDK, with numberOfApiCallRetries, wait out a ten-secondly 429 and succeed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const signed = await signedIn({ tenSecondLimit: 2 }, { numberOfApiCallRetries: 3 });
    standIn = signed.standIn;
    const { contacts } = signed.client.crm;
    standIn.create('contacts', { email: 'r@example.com' });
    await settle(contacts.basicApi.getPage());
    await settle(contacts.basicApi.getPage());

    const page = await settle(contacts.basicApi.getPage());

    expect(page.results).toHaveLength(1);
    expect(standIn.calls.filter((c) => c.path === '/crm/v3/objects/contacts').map((c) => c.status)).toEqual([
      200, 200, 429, 200,
    ]);
  });

  it('does not let the SDK retry a DAILY 429: the error surfaces with status 429 and HubSpot’s body', async () => {
    standIn = await startHubSpotStandIn({ dailyLimit: 1 });
    const token = privateAppToken();
    standIn.addAccessToken(token);
    const client = sdkClient(standIn, { accessToken: token, numberOfApiCallRetries: 3 });
    await client.crm.companies.basicApi.getPage();

    const failure = await failureOf(client.crm.companies.basicApi.getPage());

    expect(failure.code).toBe(429);
    expect(failure.body).toEqual({
      ...TEN_SECONDLY_BODY,
      message: 'You have reached your daily limit.',
      policyName: 'DAILY',
    });
    expect(failure.headers['x-hubspot-ratelimit-daily-remaining']).toBe('0');
    expect(standIn.count({ path: '/crm/v3/objects/companies', status: 429 })).toBe(1);
  });

  it('lets the SDK retry a secondly search 429 and succeed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const signed = await signedIn({ searchPerSecondLimit: 1 }, { numberOfApiCallRetries: 2 });
    standIn = signed.standIn;
    await settle(signed.client.crm.deals.searchApi.doSearch({}));

    const result = await settle(signed.client.crm.deals.searchApi.doSearch({}));

    expect(result.total).toBe(0);
    expect(standIn.calls.filter((c) => c.path.endsWith('/search')).map((c) => c.status)).toEqual([200, 429, 200]);
  });

  it('lets the SDK retry injected 5xx responses', async () => {
    const signed = await signedIn({}, { numberOfApiCallRetries: 3 });
    standIn = signed.standIn;
    standIn.failNext({ method: 'GET', path: /^\/crm\/v3\/objects\/deals$/ }, { status: 502, times: 2 });

    const page = await signed.client.crm.deals.basicApi.getPage();

    expect(page.results).toEqual([]);
    expect(standIn.calls.filter((c) => c.path === '/crm/v3/objects/deals').map((c) => c.status)).toEqual([
      502, 502, 200,
    ]);
  });

  it('surfaces a 5xx when retries run out, and non-JSON bodies as the SDK sees them', async () => {
    const signed = await signedIn();
    standIn = signed.standIn;
    standIn.failNext({ path: '/crm/v3/objects/contacts' }, { status: 503 });
    standIn.failNext(
      { path: '/crm/v3/objects/contacts' },
      { status: 504, body: '<html>Gateway Timeout</html>', headers: { 'Content-Type': 'text/html' } },
    );

    const unavailable = await failureOf(signed.client.crm.contacts.basicApi.getPage());
    const html = await failureOf(signed.client.crm.contacts.basicApi.getPage());

    expect(unavailable.code).toBe(503);
    expect(unavailable.body).toMatchObject({ status: 'error', correlationId: expect.any(String) });
    expect(html.code).toBe(504);
    expect(html.body).toBe('<html>Gateway Timeout</html>');
  });

  it('serves ad-hoc 429s with the headers given', async () => {
    const signed = await signedIn();
    standIn = signed.standIn;
    standIn.failNext({ method: 'POST', path: /\/batch\/update$/ }, { status: 429, headers: { 'Retry-After': '2' } });

    const failure = await failureOf(signed.client.crm.companies.batchApi.update({ inputs: [] }));

    expect(failure.code).toBe(429);
    expect(failure.body).toEqual(TEN_SECONDLY_BODY);
    expect(failure.headers['retry-after']).toBe('2');
  });
});
