import { startCompaniesHouseStandIn, type CompaniesHouseStandIn } from '../stand-ins/companies-house/index.ts';

let standIn: CompaniesHouseStandIn;

afterEach(async () => {
  await standIn.close();
});

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
const get = (path: string, key = standIn.apiKey) =>
  fetch(`${standIn.url}${path}`, { headers: { authorization: basic(key) } });

describe('Companies House stand-in', () => {
  it('wants HTTP Basic auth with a known key', async () => {
    standIn = await startCompaniesHouseStandIn();

    const none = await fetch(`${standIn.url}/company/00002065`);
    const wrong = await get('/company/00002065', 'other');
    const right = await get('/company/00002065');

    expect([none.status, wrong.status, right.status]).toEqual([401, 401, 200]);
    expect(await wrong.json()).toEqual({ error: 'Invalid Authorization', type: 'ch:service' });
  });

  it('answers 404 with the register’s error body for unknown companies and absent resources', async () => {
    standIn = await startCompaniesHouseStandIn();

    const unknown = await get('/company/12345678');
    const noCharges = await get('/company/00002065/charges');

    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: [{ error: 'company-profile-not-found', type: 'ch:service' }] });
    expect(noCharges.status).toBe(404);
  });

  it('sends the rate-limit headers and refuses with 429 beyond the limit', async () => {
    let now = Date.parse('2026-11-24T09:00:00Z');
    standIn = await startCompaniesHouseStandIn({ rateLimit: { limit: 2, windowMs: 300_000 }, now: () => now });

    const answers = [await get('/company/00002065'), await get('/company/00002065'), await get('/company/00002065')];
    now += 300_000;
    const afterReset = await get('/company/00002065');

    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers.map((a) => a.headers.get('x-ratelimit-remain'))).toEqual(['1', '0', '0']);
    expect(answers[0]!.headers.get('x-ratelimit-limit')).toBe('2');
    expect(answers[0]!.headers.get('x-ratelimit-window')).toBe('5m');
    expect(answers[2]!.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-11-24T09:05:00Z') / 1000));
    expect(afterReset.status).toBe(200);
  });

  it('plays planned faults, then serves normally', async () => {
    standIn = await startCompaniesHouseStandIn();
    standIn.failNext(503, 2);
    standIn.failNext({ status: 429, retryAfterSeconds: 3, pathPrefix: '/search' });

    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await get('/company/00002065')).status);
    const limited = await get('/search/companies?q=shell');

    expect(statuses).toEqual([503, 503, 200]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(standIn.requestsTo('/company').map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it('pages lists, filters filings by category and serves added companies', async () => {
    standIn = await startCompaniesHouseStandIn({ fixtures: false });
    standIn.addCompany('sc000001', {
      profile: {
        company_name: 'EXAMPLE SCOTLAND LTD',
        company_number: 'SC000001',
        company_status: 'active',
        type: 'ltd',
      },
      'filing-history': {
        items: [
          { date: '2026-01-02', category: 'accounts', description: 'accounts-with-accounts-type-micro-entity' },
          { date: '2025-12-01', category: 'officers', description: 'appoint-person-director-company-with-name-date' },
        ],
      },
    });

    const page = await (await get('/company/SC000001/filing-history?items_per_page=1&start_index=1')).json();
    const accounts = await (await get('/company/SC000001/filing-history?category=accounts')).json();
    const search = await (await get('/search/companies?q=example')).json();

    expect(page).toMatchObject({ items: [{ category: 'officers' }], items_per_page: 1, start_index: 1 });
    expect(accounts).toMatchObject({ items: [{ category: 'accounts' }], total_count: 1 });
    expect(search).toMatchObject({ items: [{ company_number: 'SC000001', title: 'EXAMPLE SCOTLAND LTD' }] });
    expect((await get('/company/00002065')).status).toBe(404);
  });
});
