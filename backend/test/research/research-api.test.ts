import request from 'supertest';
import type { ResearchReport } from '@sdr/shared';
import { llmFromConfig } from '../../src/integrations/llm/from-config.ts';
import { startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai/index.ts';
import { databaseLabel } from '../support/database.ts';
import { newTenant, testApp, type TestApp } from '../support/app.ts';
import { until } from '../support/waiting.ts';
import { FakeRegister, northwind } from './register-fixture.ts';

type Auth = { Authorization: string };

async function finished(t: TestApp, auth: Auth, id: string): Promise<ResearchReport> {
  return until(async () => {
    const res = await request(t.app).get(`/v1/research/${id}`).set(auth).expect(200);
    return ['completed', 'failed'].includes(res.body.status) ? (res.body as ResearchReport) : undefined;
  }, 30_000);
}

async function seedCompany(t: TestApp, auth: Auth, company: Record<string, unknown>) {
  const res = await request(t.app).put('/v1/companies').set(auth).send(company).expect(200);
  return res.body.data[0].id as string;
}

/** Every id the report cites is one of its facts, and every fact cites a source. */
function expectCitationsHold(report: ResearchReport) {
  const ids = new Set(report.facts.map((fact) => fact.id));
  const cited = [
    ...report.overviewFactIds,
    ...report.keyPeople.flatMap((p) => p.factIds),
    ...report.recentEvents.flatMap((e) => e.factIds),
    ...report.riskFlags.flatMap((f) => f.factIds),
    ...report.talkingPoints.flatMap((p) => p.factIds),
  ];
  for (const id of cited) expect(ids).toContain(id);
  for (const fact of report.facts) expect(fact.source.name).toMatch(/^(Companies House|CRM)$/);
}

describe(`research API on ${databaseLabel}`, () => {
  let t: TestApp;
  let register: FakeRegister;
  let auth: Auth;
  beforeAll(async () => {
    register = new FakeRegister();
    t = await testApp({ register });
    const tenant = await newTenant(t.db.prisma);
    auth = { Authorization: `Bearer ${tenant.apiKey}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it("researches a lead's company: register facts with their pages, CRM context, talking points, kept until it expires", async () => {
    const companyId = await seedCompany(t, auth, {
      crmId: 'co-northwind',
      name: 'Northwind Logistics Ltd',
      domain: 'northwindlogistics.co.uk',
      country: 'United Kingdom',
      postcode: 'IP11 3QW',
      employees: 140,
    });
    const lead = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: 'lead-1', lastName: 'Raman', firstName: 'Priya', title: 'VP Operations', companyId })
      .expect(200);
    const started = await request(t.app)
      .post('/v1/research')
      .set(auth)
      .send({ leadId: lead.body.data[0].id })
      .expect(202);
    expect(started.headers.location).toBe(`/v1/research/${started.body.id}`);
    const report = await finished(t, auth, started.body.id);

    expect(report).toMatchObject({ status: 'completed', companyId, writtenBy: 'templates', error: null });
    expect(report.registerMatch).toMatchObject({ status: 'matched', companyNumber: '08123456', missing: [] });
    expect(report.registerMatch!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(report.overview).toContain('NORTHWIND LOGISTICS LTD was incorporated on 14 June 2012.');
    expect(report.keyPeople).toEqual([
      expect.objectContaining({ name: 'Daniel Okafor', role: 'Director', since: '2026-09-01' }),
      expect.objectContaining({ name: 'Priya Raman', role: 'VP Operations' }),
    ]);
    expect(report.recentEvents[0]).toMatchObject({ date: '2026-09-01', title: 'Daniel Okafor appointed director' });
    expect(report.crmContext).toMatchObject({ leadCount: 1, openOpportunityCount: 0 });
    expect(report.talkingPoints.length).toBeGreaterThanOrEqual(3);
    expect(report.talkingPoints.length).toBeLessThanOrEqual(5);
    expect(report.sources).toEqual(
      expect.arrayContaining([
        { name: 'Companies House', url: northwind.links.profile },
        { name: 'Companies House', url: northwind.links.officers },
        { name: 'CRM', url: null },
      ]),
    );
    expectCitationsHold(report);
    expect(new Date(report.expiresAt!).getTime() - new Date(report.completedAt!).getTime()).toBe(30 * 86_400_000);

    // Asked again: the same report, no new register calls; a refresh writes a new one.
    const calls = register.calls;
    const again = await request(t.app).post('/v1/research').set(auth).send({ companyId }).expect(200);
    expect(again.body.id).toBe(report.id);
    expect(register.calls).toBe(calls);
    const refreshed = await request(t.app)
      .post('/v1/research')
      .set(auth)
      .send({ companyId, refresh: true })
      .expect(202);
    expect(refreshed.body.id).not.toBe(report.id);
    await finished(t, auth, refreshed.body.id);
  });

  it('lists ambiguous candidates, then keeps to the entry someone chooses', async () => {
    const companyId = await seedCompany(t, auth, { crmId: 'co-acme', name: 'Acme Ltd', country: 'GB' });
    register.candidates = [
      {
        companyNumber: '00000001',
        name: 'ACME LIMITED',
        status: 'active',
        incorporatedOn: null,
        postcode: 'E1 6AN',
        address: null,
      },
      {
        companyNumber: '00000002',
        name: 'ACME LTD',
        status: 'active',
        incorporatedOn: null,
        postcode: 'M1 1AA',
        address: null,
      },
    ];
    register.records.set('00000002', {
      ...northwind,
      companyNumber: '00000002',
      profile: { ...northwind.profile!, name: 'ACME LTD' },
    });
    const first = await request(t.app).post('/v1/research').set(auth).send({ companyId }).expect(202);
    const ambiguous = await finished(t, auth, first.body.id);
    expect(ambiguous.registerMatch).toMatchObject({ status: 'ambiguous', companyNumber: null });
    expect(ambiguous.registerMatch!.candidates.map((c) => c.companyNumber)).toEqual(['00000001', '00000002']);
    expect(ambiguous.facts.every((fact) => fact.source.name === 'CRM')).toBe(true);

    await request(t.app)
      .put(`/v1/companies/${companyId}/register-entry`)
      .set(auth)
      .send({ companyNumber: '2' })
      .expect(200, { companyNumber: '00000002' });
    const chosen = await finished(
      t,
      auth,
      (await request(t.app).post('/v1/research').set(auth).send({ companyId, refresh: true }).expect(202)).body.id,
    );
    expect(chosen.registerMatch).toMatchObject({ status: 'chosen', companyNumber: '00000002', confidence: 1 });
    expect(chosen.overview).toContain('ACME LTD');

    // A chosen number the register does not know is reported, not replaced by a guess.
    await request(t.app)
      .put(`/v1/companies/${companyId}/register-entry`)
      .set(auth)
      .send({ companyNumber: '09999999' })
      .expect(200);
    const unknown = await finished(
      t,
      auth,
      (await request(t.app).post('/v1/research').set(auth).send({ companyId, refresh: true }).expect(202)).body.id,
    );
    expect(unknown.registerMatch).toMatchObject({ status: 'not_found', companyNumber: '09999999' });
    expect(unknown.registerMatch!.message).toMatch(/no company number 09999999/);
    register.candidates = [];
  });

  it('keeps the CRM half and says so when the register is down, and expires the report within the hour', async () => {
    const companyId = await seedCompany(t, auth, { crmId: 'co-down', name: 'Downtime Ltd', employees: 12 });
    register.down = true;
    try {
      const started = await request(t.app).post('/v1/research').set(auth).send({ companyId }).expect(202);
      const report = await finished(t, auth, started.body.id);
      expect(report.status).toBe('completed');
      expect(report.registerMatch).toMatchObject({ status: 'unavailable' });
      expect(report.registerMatch!.message).toMatch(/could not be reached/);
      expect(report.facts.map((fact) => fact.statement)).toEqual(['The CRM records 12 employees.']);
      expect(new Date(report.expiresAt!).getTime() - new Date(report.completedAt!).getTime()).toBe(3_600_000);
    } finally {
      register.down = false;
    }
  });

  it('shares one report between requests racing for the same company', async () => {
    const companyId = await seedCompany(t, auth, { crmId: 'co-race', name: 'Racing Ltd' });
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request(t.app).post('/v1/research').set(auth).send({ companyId })),
    );
    expect(new Set(answers.map((res) => res.body.id)).size).toBe(1);
    expect(answers.filter((res) => res.status === 202)).toHaveLength(1);
  });

  it('refuses bad requests with the field that is wrong, and unknown records with 404', async () => {
    const both = await request(t.app).post('/v1/research').set(auth).send({ companyId: 'x', leadId: 'y' }).expect(400);
    expect(both.body.errors[0].field).toBe('body.companyId');
    await request(t.app)
      .post('/v1/research')
      .set(auth)
      .send({ companyId: '3f1d2c4b-0000-4000-8000-000000000000' })
      .expect(404);
    await request(t.app).get('/v1/research/3f1d2c4b-0000-4000-8000-000000000000').set(auth).expect(404);
    const orphan = await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: 'lead-orphan', lastName: 'Solo' })
      .expect(200);
    const noCompany = await request(t.app)
      .post('/v1/research')
      .set(auth)
      .send({ leadId: orphan.body.data[0].id })
      .expect(422);
    expect(noCompany.body.errors).toEqual([{ field: 'body.leadId', message: 'the lead has no company' }]);
    const badNumber = await request(t.app)
      .put('/v1/companies/3f1d2c4b-0000-4000-8000-000000000000/register-entry')
      .set(auth)
      .send({ companyNumber: 'not a number!' })
      .expect(400);
    expect(badNumber.body.errors[0].field).toBe('body.companyNumber');
    const companyId = await seedCompany(t, auth, { crmId: 'co-bad-number', name: 'Bad Number Ltd' });
    // Shaped like a number but not one the register could have: refused, and nothing is remembered.
    const notANumber = await request(t.app)
      .put(`/v1/companies/${companyId}/register-entry`)
      .set(auth)
      .send({ companyNumber: 'ABCDEFGH' })
      .expect(422);
    expect(notANumber.body.errors[0].field).toBe('body.companyNumber');
    const stored = await t.db.prisma.company.findFirstOrThrow({ where: { id: companyId } });
    expect(stored.registerNumber).toBeNull();
  });

  it('researches new leads’ companies by itself when the tenant turns auto-research on', async () => {
    await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ research: { autoResearch: true } })
      .expect(200);
    const companyId = await seedCompany(t, auth, { crmId: 'co-auto', name: 'Auto Researched Ltd' });
    await request(t.app)
      .put('/v1/leads')
      .set(auth)
      .send({ crmId: 'lead-auto', lastName: 'New', companyId })
      .expect(200);
    const report = await until(() =>
      t.db.prisma.researchReport.findFirst({ where: { companyId, status: 'completed' } }),
    );
    expect(report.companyId).toBe(companyId);
    await request(t.app)
      .patch('/v1/settings')
      .set(auth)
      .send({ research: { autoResearch: false } })
      .expect(200);
  });
});

describe(`research with a language model on ${databaseLabel}`, () => {
  let t: TestApp;
  let standIn: OpenAiStandIn;
  let auth: Auth;
  beforeAll(async () => {
    standIn = await startOpenAiStandIn();
    const llm = llmFromConfig({ apiKey: standIn.apiKey, baseUrl: standIn.url, model: 'gpt-4o-mini', timeoutMs: 8_000 });
    t = await testApp({ register: new FakeRegister(), llm });
    const tenant = await newTenant(t.db.prisma);
    auth = { Authorization: `Bearer ${tenant.apiKey}` };
  });
  afterAll(async () => {
    await t?.close();
    await standIn?.close();
  });

  it('keeps the sentences the facts bear out and drops the one that invents a fact, even when the model insists', async () => {
    // The facts arrive numbered in the request; the model's answer cites them as a model would.
    const idOf = (request: unknown, statementStart: string) =>
      new RegExp(`id\\\\?":\\\\?"(f\\d+)\\\\?",\\\\?"statement\\\\?":\\\\?"${statementStart}`).exec(
        JSON.stringify(request),
      )?.[1] ?? 'missing';
    let officerFact = '';
    standIn.reply((request) => {
      officerFact = idOf(request, 'Daniel Okafor has been director');
      return {
        overview: [
          {
            text: 'NORTHWIND LOGISTICS LTD is an active haulage firm incorporated on 14 June 2012.',
            factIds: ['f1', 'f2'],
          },
          { text: 'It was acquired by Globex in 2025 for £40 million.', factIds: ['f1'] },
          { text: 'Daniel Okafor joined the board on 1 September 2026.', factIds: ['f99'] },
        ],
        talkingPoints: [
          {
            text: 'Ask Daniel Okafor, director since 1 September 2026, what he wants to change.',
            factIds: [officerFact],
          },
          { text: 'Mention our Samsara migration offer.', factIds: ['f1'] },
        ],
      };
    });
    const companyId = await seedCompany(t, auth, {
      crmId: 'co-llm',
      name: 'Northwind Logistics Ltd',
      postcode: 'IP11 3QW',
      country: 'UK',
    });
    const started = await request(t.app).post('/v1/research').set(auth).send({ companyId }).expect(202);
    const report = await finished(t, auth, started.body.id);

    expect(report.writtenBy).toBe('llm');
    const everything = JSON.stringify(report);
    for (const invented of ['Globex', '£40 million', 'Samsara', '2025']) expect(everything).not.toContain(invented);
    expect(report.overview).toBe('NORTHWIND LOGISTICS LTD is an active haulage firm incorporated on 14 June 2012.');
    expect(report.talkingPoints[0]).toEqual({
      text: 'Ask Daniel Okafor, director since 1 September 2026, what he wants to change.',
      factIds: [officerFact],
    });
    expect(officerFact).toMatch(/^f\d+$/);
    expect(report.talkingPoints.length).toBeGreaterThanOrEqual(3);
    expectCitationsHold(report);
    // The facts reached the model as quoted data, never inside its instructions.
    const [system, data, instructions] = standIn
      .completionRequests()
      .at(-1)!
      .messages.map((m) => JSON.stringify(m));
    expect(data).toContain('NORTHWIND LOGISTICS LTD was incorporated on 14 June 2012.');
    for (const ours of [system, instructions]) expect(ours).not.toContain('NORTHWIND');
  });
});
