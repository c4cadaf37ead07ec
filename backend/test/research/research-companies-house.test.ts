import request from 'supertest';
import type { ResearchReport } from '@sdr/shared';
import { CompaniesHouseRegister } from '../../src/agents/research/companies-house-register.ts';
import { CompaniesHouseClient, RateLimiter } from '../../src/integrations/companies-house/index.ts';
import { startCompaniesHouseStandIn, type CompaniesHouseStandIn } from '../stand-ins/companies-house/index.ts';
import { databaseLabel } from '../support/database.ts';
import { newTenant, testApp, type TestApp } from '../support/app.ts';
import { until } from '../support/waiting.ts';

type Auth = { Authorization: string };

describe(`research against the Companies House stand-in on ${databaseLabel}`, () => {
  let t: TestApp;
  let standIn: CompaniesHouseStandIn;
  let auth: Auth;

  beforeAll(async () => {
    standIn = await startCompaniesHouseStandIn();
    // Quick retries and no cache, so each test sees the register as the stand-in plays it now.
    const client = new CompaniesHouseClient({
      apiKey: standIn.apiKey,
      baseUrl: standIn.url,
      retries: 1,
      retryBaseDelayMs: 1,
      retryMaxDelayMs: 5,
      cache: false,
      limiter: new RateLimiter({ limit: 600, windowMs: 300_000 }),
    });
    t = await testApp({ register: new CompaniesHouseRegister(client), clock: { now: () => new Date() } });
    auth = { Authorization: `Bearer ${(await newTenant(t.db.prisma)).apiKey}` };
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });
  afterEach(() => standIn.clearFaults());

  async function research(company: Record<string, unknown>): Promise<ResearchReport> {
    const saved = await request(t.app).put('/v1/companies').set(auth).send(company).expect(200);
    const companyId = saved.body.data[0].id as string;
    const started = await request(t.app).post('/v1/research').set(auth).send({ companyId, refresh: true });
    expect([200, 202]).toContain(started.status);
    return until(async () => {
      const res = await request(t.app).get(`/v1/research/${started.body.id}`).set(auth).expect(200);
      return ['completed', 'failed'].includes(res.body.status) ? (res.body as ResearchReport) : undefined;
    }, 30_000);
  }

  it('finds a real register entry by name and postcode and cites its public pages', async () => {
    const report = await research({
      crmId: 'acct-az',
      name: 'AstraZeneca PLC',
      country: 'United Kingdom',
      postcode: 'CB2 0AA',
    });
    expect(report.status).toBe('completed');
    expect(report.registerMatch).toMatchObject({ status: 'matched', companyNumber: '02723534', missing: [] });
    const statements = report.facts.map((fact) => fact.statement);
    expect(statements).toEqual(
      expect.arrayContaining([
        'ASTRAZENECA PLC is a public limited company, company number 02723534, and its status is active.',
        'ASTRAZENECA PLC was incorporated on 17 June 1992.',
        'Its registered office is 1 Francis Crick Avenue, Cambridge Biomedical Campus, Cambridge, CB2 0AA.',
        '1 charge is outstanding against the company.',
      ]),
    );
    const urls = new Set(report.facts.map((fact) => fact.source.url));
    expect(urls).toContain('https://find-and-update.company-information.service.gov.uk/company/02723534');
    expect(urls).toContain('https://find-and-update.company-information.service.gov.uk/company/02723534/charges');
    // The register was asked with the key, by HTTP Basic auth, as Companies House wants it.
    expect(standIn.requestsTo('/company/02723534').length).toBeGreaterThanOrEqual(6);
  });

  it('keeps what it could read when one part of the record is down, and names the part', async () => {
    standIn.failNext({ status: 503, times: 10, pathPrefix: '/company/02723534/charges' });
    const report = await research({ crmId: 'acct-az-2', name: 'AstraZeneca PLC', postcode: 'CB2 0AA' });
    expect(report.status).toBe('completed');
    expect(report.registerMatch).toMatchObject({ status: 'matched', missing: ['charges'] });
    expect(report.registerMatch!.message).toMatch(/Not available right now: the charges\./);
    expect(report.facts.some((fact) => fact.statement.includes('incorporated on 17 June 1992'))).toBe(true);
    expect(report.facts.some((fact) => /charge/.test(fact.statement))).toBe(false);
    expect(new Date(report.expiresAt!).getTime() - new Date(report.completedAt!).getTime()).toBe(3_600_000);
  });

  it('reports a register outage on the report and keeps the CRM facts', async () => {
    standIn.failNext({ status: 503, times: 100 });
    const report = await research({ crmId: 'acct-down', name: 'AstraZeneca PLC', employees: 80_000 });
    expect(report.status).toBe('completed');
    expect(report.registerMatch).toMatchObject({ status: 'unavailable' });
    expect(report.registerMatch!.message).toMatch(/Companies House could not be reached/);
    expect(report.facts.map((fact) => fact.statement)).toEqual(['The CRM records 80,000 employees.']);
  });

  it('says plainly when a chosen company number is not on the register, and when nothing matches', async () => {
    const saved = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: 'acct-unknown', name: 'Nowhere Trading Ltd' })
      .expect(200);
    const companyId = saved.body.data[0].id;
    await request(t.app)
      .put(`/v1/companies/${companyId}/register-entry`)
      .set(auth)
      .send({ companyNumber: '9999999' })
      .expect(200, { companyNumber: '09999999' });
    const chosen = await research({ crmId: 'acct-unknown', name: 'Nowhere Trading Ltd' });
    expect(chosen.registerMatch).toMatchObject({ status: 'not_found', companyNumber: '09999999' });

    const nothing = await research({ crmId: 'acct-nothing', name: 'Zzyzx Quantum Widgets' });
    expect(nothing.registerMatch).toMatchObject({ status: 'not_found', companyNumber: null, candidates: [] });
    expect(nothing.facts.every((fact) => fact.source.name === 'CRM')).toBe(true);
  });
});
