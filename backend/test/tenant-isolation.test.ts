import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { routes, type ApiRoute } from '@sdr/shared';
import { z } from 'zod';
import { TenantDb } from '../src/db/tenant-db.ts';
import { TenantScopeError } from '../src/db/tenant-scope.ts';
import { databaseLabel } from './support/database.ts';
import { newTenant, testApp, type TestApp } from './support/app.ts';
import { runResearch } from '../src/agents/research/research-service.ts';

/**
 * Tenant B's key against tenant A's records, on every route of the contract: each must answer 404 (or an empty,
 * B-only view for lists) and leave A's data exactly as it was. A route added without a case here fails the suite.
 */
describe(`tenant isolation on ${databaseLabel}`, () => {
  let t: TestApp;
  let a: { tenantId: string; apiKey: string };
  let b: { tenantId: string; apiKey: string };
  const ids = { lead: '', company: '', job: '', competitor: '', card: '', call: '', report: '' };

  const snapshot = async () => {
    const p = t.db.prisma;
    const where = { tenantId: a.tenantId };
    return JSON.stringify([
      await p.lead.findMany({ where, orderBy: { id: 'asc' } }),
      await p.company.findMany({ where, orderBy: { id: 'asc' } }),
      await p.activity.findMany({ where, orderBy: { id: 'asc' } }),
      await p.job.findMany({ where, orderBy: { id: 'asc' } }),
      await p.modelVersion.findMany({ where, orderBy: { id: 'asc' } }),
      await p.score.count({ where }),
      await p.crmConnection.findMany({ where }),
      await p.crmWriteBack.findMany({ where, orderBy: { id: 'asc' } }),
      (await p.tenant.findUnique({ where: { id: a.tenantId } }))?.settings,
      await p.competitor.findMany({ where, orderBy: { id: 'asc' } }),
      await p.battlecard.findMany({ where, orderBy: { id: 'asc' } }),
      await p.battlecardVersion.count({ where }),
      await p.call.findMany({ where, orderBy: { id: 'asc' } }),
      await p.transcriptSegment.findMany({ where, orderBy: { segmentId: 'asc' } }),
      await p.suggestion.count({ where }),
      await p.routingRuleSet.findMany({ where, orderBy: { id: 'asc' } }),
      await p.user.findMany({ where, orderBy: { id: 'asc' } }),
      await p.routingDecision.findMany({ where, orderBy: { id: 'asc' } }),
      await p.researchReport.findMany({ where, orderBy: { id: 'asc' } }),
      await p.tenant.findUnique({ where: { id: a.tenantId }, select: { zoomAccountId: true, entraTenantId: true } }),
    ]);
  };

  beforeAll(async () => {
    // Background work stays queued, so nothing changes the first tenant's records while the routes are walked.
    t = await testApp({ workers: false });
    a = await newTenant(t.db.prisma);
    await t.db.prisma.user.create({
      data: {
        tenantId: a.tenantId,
        id: 'a-queue',
        email: 'queue@a.example',
        name: 'A',
        crmUserId: '005A00000000001AAA',
      },
    });
    b = await newTenant(t.db.prisma);
    const authA = { Authorization: `Bearer ${a.apiKey}` };
    const company = await request(t.app)
      .put('/v1/companies')
      .set(authA)
      .send({ crmId: 'shared-crm-id', name: 'A Corp' });
    ids.company = company.body.data[0].id;
    const lead = await request(t.app)
      .put('/v1/leads')
      .set(authA)
      .send({ crmId: 'shared-crm-id', lastName: 'Secret', companyId: ids.company });
    ids.lead = lead.body.data[0].id;
    await request(t.app)
      .post(`/v1/leads/${ids.lead}/activities`)
      .set(authA)
      .send({ crmId: 'act-1', type: 'call', occurredAt: '2026-11-20T10:00:00Z' });
    await request(t.app).get(`/v1/leads/${ids.lead}/score`).set(authA).expect(200);
    await t.db.prisma.modelVersion.create({
      data: {
        tenantId: a.tenantId,
        id: randomUUID(),
        version: '2026-01-01.7',
        kind: 'gbm',
        status: 'retired',
        target: { source: 'crm', outcome: 'lead_converted', windowDays: 90 },
      },
    });
    await t.db.prisma.crmConnection.create({
      data: {
        tenantId: a.tenantId,
        provider: 'hubspot',
        authFlow: 'oauth',
        credentials: t.crm.context.box.sealJson({ accessToken: 'a-secret', refreshToken: 'r', expiresAt: 0 }),
      },
    });
    await t.db.prisma.tenant.update({
      where: { id: a.tenantId },
      data: { settings: { crmMapping: { fields: { contact: { source: 'a_private_source' } }, scores: {} } } },
    });
    await t.jobs.define(
      { name: 'isolation.noop', payload: z.object({}), order: 'parallel', handler: async () => null },
      { work: false },
    );
    const competitor = await request(t.app)
      .post('/v1/competitors')
      .set(authA)
      .send({ name: 'Secret Rival', aliases: ['Rival'], products: [] })
      .expect(201);
    ids.competitor = competitor.body.id;
    const card = await request(t.app)
      .post('/v1/battlecards')
      .set(authA)
      .send({
        competitorId: ids.competitor,
        title: 'A private card',
        sections: [{ key: 'why_we_win', title: 'Why', body: 'A-only secret sauce', items: [] }],
      })
      .expect(201);
    ids.card = card.body.id;
    const call = await request(t.app)
      .post('/v1/calls')
      .set(authA)
      .send({ platform: 'zoom', externalId: 'a-mtg', leadId: ids.lead });
    ids.call = call.body.id;
    await t.db.prisma.opportunity.create({
      data: {
        tenantId: a.tenantId,
        id: randomUUID(),
        crmId: 'opp-a',
        name: 'A deal',
        stage: 'Discovery',
        companyId: ids.company,
      },
    });
    const research = await request(t.app).post('/v1/research').set(authA).send({ companyId: ids.company }).expect(202);
    ids.report = research.body.id;
    // Written before the cases run (no workers here), so B's cases meet a completed report.
    await runResearch(new TenantDb(t.db.prisma, a.tenantId, 'test'), ids.report, {
      register: null,
      llm: null,
      now: () => new Date(),
    });
    await request(t.app)
      .post(`/v1/calls/${ids.call}/segments`)
      .set(authA)
      .send({
        segments: [
          { segmentId: 's1', speaker: 'prospect', text: 'Rival is cheaper', startMs: 0, endMs: 900, final: true },
        ],
      })
      .expect(200);
    await request(t.app)
      .put('/v1/settings/call-platforms')
      .set(authA)
      .send({ zoomAccountId: 'zoom-acct-a' })
      .expect(200);
    ids.job = await t.jobs.enqueue(
      { name: 'isolation.noop', payload: z.object({}), order: 'parallel', handler: async () => null },
      a.tenantId,
      {},
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  type Case = (key: string) => Promise<void>;
  const asB = (method: ApiRoute['method'], path: string) =>
    request(t.app)[method](path).set('Authorization', `Bearer ${b.apiKey}`);

  const cases: Record<string, Case | 'public'> = {
    health: 'public',
    readiness: 'public',
    openApi: 'public',
    // Not a tenant's route: it takes the service's registration token, never a tenant key (tenant-registration.test.ts).
    registerTenant: 'public',
    listLeads: async () => {
      const res = await asB('get', '/v1/leads').query({ q: 'Secret' }).expect(200);
      expect(res.body.data).toEqual([]);
      await asB('get', '/v1/leads').query({ companyId: ids.company }).expect(200, { data: [], nextCursor: null });
    },
    getLead: async () => {
      await asB('get', `/v1/leads/${ids.lead}`).expect(404);
    },
    upsertLeads: async () => {
      // Same CRM id as A's lead: B gets its own record, A's is untouched.
      const res = await asB('put', '/v1/leads').send({ crmId: 'shared-crm-id', lastName: 'Overwrite' }).expect(200);
      expect(res.body).toMatchObject({ created: 1, updated: 0 });
      expect(res.body.data[0].id).not.toBe(ids.lead);
      // Pointing B's lead at A's company is an unknown company.
      await asB('put', '/v1/leads').send({ crmId: 'b-2', lastName: 'X', companyId: ids.company }).expect(400);
    },
    patchLead: async () => {
      await asB('patch', `/v1/leads/${ids.lead}`).send({ lastName: 'Hijacked' }).expect(404);
    },
    listLeadActivities: async () => {
      await asB('get', `/v1/leads/${ids.lead}/activities`).expect(404);
    },
    createLeadActivities: async () => {
      await asB('post', `/v1/leads/${ids.lead}/activities`)
        .send({ crmId: 'act-1', type: 'note', occurredAt: '2026-11-21T10:00:00Z' })
        .expect(404);
    },
    listCompanies: async () => {
      const res = await asB('get', '/v1/companies').expect(200);
      expect(res.body.data.map((c: { name: string }) => c.name)).not.toContain('A Corp');
    },
    getCompany: async () => {
      await asB('get', `/v1/companies/${ids.company}`).expect(404);
    },
    listOpportunities: async () => {
      const res = await asB('get', '/v1/opportunities').expect(200);
      expect(res.body.data).toEqual([]);
      await asB('get', '/v1/opportunities').query({ crmId: 'opp-a' }).expect(200, { data: [], nextCursor: null });
      await asB('get', '/v1/opportunities')
        .query({ companyId: ids.company })
        .expect(200, { data: [], nextCursor: null });
    },
    chooseRegisterEntry: async () => {
      await asB('put', `/v1/companies/${ids.company}/register-entry`).send({ companyNumber: '00445790' }).expect(404);
    },
    requestResearch: async () => {
      await asB('post', '/v1/research').send({ companyId: ids.company }).expect(404);
      await asB('post', '/v1/research').send({ leadId: ids.lead }).expect(404);
    },
    getResearch: async () => {
      await asB('get', `/v1/research/${ids.report}`).expect(404);
    },
    upsertCompanies: async () => {
      const res = await asB('put', '/v1/companies').send({ crmId: 'shared-crm-id', name: 'B Corp' }).expect(200);
      expect(res.body.data[0].id).not.toBe(ids.company);
    },
    scoreLeads: async () => {
      const res = await asB('post', '/v1/scores')
        .send({ leadIds: [ids.lead] })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.leadIds.0', message: 'no lead with this id' }]);
    },
    getLeadScore: async () => {
      await asB('get', `/v1/leads/${ids.lead}/score`).expect(404);
    },
    rescoreAll: async () => {
      const res = await asB('post', '/v1/scores/rescore-all').expect(202);
      await asB('get', `/v1/jobs/${res.body.job.id}`).expect(200);
      await request(t.app).get(`/v1/jobs/${res.body.job.id}`).set('Authorization', `Bearer ${a.apiKey}`).expect(404);
    },
    trainModel: async () => {
      const res = await asB('post', '/v1/models/train').send({}).expect(202);
      await request(t.app).get(`/v1/jobs/${res.body.job.id}`).set('Authorization', `Bearer ${a.apiKey}`).expect(404);
    },
    listModels: async () => {
      const mine = (await request(t.app).get('/v1/models').set('Authorization', `Bearer ${a.apiKey}`).expect(200)).body
        .data;
      const theirs = (await asB('get', '/v1/models').expect(200)).body.data;
      const ids = new Set(mine.map((m: { id: string }) => m.id));
      expect(theirs.filter((m: { id: string }) => ids.has(m.id))).toEqual([]);
    },
    promoteModel: async () => {
      await asB('post', '/v1/models/2026-01-01.7/promote').expect(404);
    },
    getCrmConnection: async () => {
      const res = await asB('get', '/v1/crm/connection').expect(200);
      expect(res.body).toMatchObject({ status: 'not_connected', authFlow: null });
    },
    authorizeCrm: async () => {
      await asB('post', '/v1/crm/authorize').expect(409);
    },
    connectSalesforceJwt: async () => {
      await asB('post', '/v1/crm/salesforce/jwt').send({ username: 'sdr@a.example' }).expect(409);
    },
    startCrmSync: async () => {
      const res = await asB('post', '/v1/crm/sync').expect(202);
      await request(t.app).get(`/v1/jobs/${res.body.job.id}`).set('Authorization', `Bearer ${a.apiKey}`).expect(404);
    },
    describeCrmFields: async () => {
      // A has a CRM connected; B has none, and must not reach A's.
      await asB('get', '/v1/crm/fields/contact').expect(409);
    },
    listCrmUsers: async () => {
      // B has no CRM of its own, and A's connection is never reached from B's key.
      await asB('get', '/v1/crm/users').expect(409);
    },
    getFieldMapping: async () => {
      const res = await asB('get', '/v1/settings/field-mapping').expect(200);
      expect(res.body.objects.contact.fields.source).toBe('hs_analytics_source');
    },
    updateFieldMapping: async () => {
      await asB('put', '/v1/settings/field-mapping')
        .send({ fields: { contact: { source: 'b_source' } } })
        .expect(200);
    },
    listCompetitors: async () => {
      expect((await asB('get', '/v1/competitors').expect(200)).body.data).toEqual([]);
    },
    createCompetitor: async () => {
      // The same name is free in another tenant.
      await asB('post', '/v1/competitors').send({ name: 'Secret Rival' }).expect(201);
    },
    getCompetitor: async () => {
      await asB('get', `/v1/competitors/${ids.competitor}`).expect(404);
    },
    updateCompetitor: async () => {
      await asB('patch', `/v1/competitors/${ids.competitor}`).send({ name: 'Hijacked' }).expect(404);
    },
    deleteCompetitor: async () => {
      await asB('delete', `/v1/competitors/${ids.competitor}`).expect(404);
    },
    listBattlecards: async () => {
      expect((await asB('get', '/v1/battlecards').expect(200)).body.data).toEqual([]);
    },
    getBattlecardsInPlay: async () => {
      await asB('get', `/v1/battlecards/in-play?leadId=${ids.lead}`).expect(404);
      // The same CRM id in B names nothing of A's: B has no record with it, or only its own.
      const res = await asB('get', '/v1/battlecards/in-play?crmId=shared-crm-id');
      expect([200, 404]).toContain(res.status);
      if (res.status === 200) expect(JSON.stringify(res.body)).not.toContain('Secret Rival');
      const own = await request(t.app)
        .get(`/v1/battlecards/in-play?leadId=${ids.lead}`)
        .set('Authorization', `Bearer ${a.apiKey}`)
        .expect(200);
      expect(own.body.data.map((row: { competitor: { name: string } }) => row.competitor.name)).toContain(
        'Secret Rival',
      );
    },
    searchBattlecards: async () => {
      expect((await asB('get', '/v1/battlecards/search').query({ q: 'secret sauce' }).expect(200)).body.data).toEqual(
        [],
      );
    },
    draftBattlecard: async () => {
      const res = await asB('post', '/v1/battlecards/draft')
        .send({ competitorId: ids.competitor, notes: 'They are cheaper but lack a driver app entirely.' })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.competitorId', message: 'no competitor with this id' }]);
    },
    createBattlecard: async () => {
      await asB('post', '/v1/battlecards')
        .send({ competitorId: ids.competitor, title: 'X', sections: [{ key: 'overview', title: 'O', body: 'b' }] })
        .expect(400);
    },
    getBattlecard: async () => {
      await asB('get', `/v1/battlecards/${ids.card}`).expect(404);
    },
    updateBattlecard: async () => {
      await asB('patch', `/v1/battlecards/${ids.card}`).send({ title: 'Hijacked' }).expect(404);
    },
    deleteBattlecard: async () => {
      await asB('delete', `/v1/battlecards/${ids.card}`).expect(404);
    },
    listBattlecardVersions: async () => {
      await asB('get', `/v1/battlecards/${ids.card}/versions`).expect(404);
    },
    getBattlecardVersion: async () => {
      await asB('get', `/v1/battlecards/${ids.card}/versions/1`).expect(404);
    },
    startCall: async () => {
      // The same platform meeting id starts B's own call; B cannot link A's lead.
      const res = await asB('post', '/v1/calls').send({ platform: 'zoom', externalId: 'a-mtg' }).expect(201);
      expect(res.body.id).not.toBe(ids.call);
      await asB('post', '/v1/calls').send({ platform: 'zoom', leadId: ids.lead }).expect(400);
    },
    listCalls: async () => {
      const res = await asB('get', '/v1/calls').expect(200);
      expect(res.body.data.map((c: { id: string }) => c.id)).not.toContain(ids.call);
    },
    getCall: async () => {
      await asB('get', `/v1/calls/${ids.call}`).expect(404);
    },
    endCall: async () => {
      await asB('post', `/v1/calls/${ids.call}/end`).send({}).expect(404);
    },
    addSegments: async () => {
      await asB('post', `/v1/calls/${ids.call}/segments`)
        .send({ segments: [{ segmentId: 's1', speaker: 'rep', text: 'overwrite', startMs: 0, endMs: 1, final: true }] })
        .expect(404);
    },
    getCallEvents: async () => {
      await asB('get', `/v1/calls/${ids.call}/events`).query({ waitSeconds: 0 }).expect(404);
      await asB('get', `/v1/calls/${ids.call}/events`).set('Accept', 'text/event-stream').expect(404);
    },
    createCallToken: async () => {
      await asB('post', `/v1/calls/${ids.call}/token`).expect(404);
    },
    getCallPlatforms: async () => {
      const res = await asB('get', '/v1/settings/call-platforms').expect(200);
      expect(res.body).toMatchObject({ zoomAccountId: null, entraTenantId: null });
    },
    updateCallPlatforms: async () => {
      // A's Zoom account cannot be taken over: its meetings stay A's.
      const res = await asB('put', '/v1/settings/call-platforms').send({ zoomAccountId: 'zoom-acct-a' }).expect(409);
      expect(res.body.errors).toEqual([{ field: 'body.zoomAccountId', message: 'registered elsewhere' }]);
    },
    getSettings: async () => {
      const res = await asB('get', '/v1/settings').expect(200);
      expect(JSON.stringify(res.body)).not.toContain('a_private_source');
    },
    updateSettings: async () => {
      // A's SDR is nobody in B's roster.
      const res = await asB('patch', '/v1/settings')
        .send({ routing: { fallbackUserId: 'a-sdr' } })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.routing.fallbackUserId', message: 'no user with this id' }]);
      await asB('patch', '/v1/settings')
        .send({ research: { autoResearch: true } })
        .expect(200);
    },
    listUsers: async () => {
      const res = await asB('get', '/v1/users').expect(200);
      expect(res.body.data.map((u: { id: string }) => u.id)).not.toContain('a-sdr');
    },
    getUser: async () => {
      await asB('get', '/v1/users/a-sdr').expect(404);
    },
    upsertUser: async () => {
      // The same e-mail in B is B's own user; A's is untouched.
      const res = await asB('put', '/v1/users').send({ email: 'sdr@a.example', name: 'B copy' }).expect(201);
      expect(res.body.id).not.toBe('a-sdr');
    },
    routeLead: async () => {
      await asB('post', '/v1/routing/route').send({ leadId: ids.lead }).expect(404);
      const res = await asB('post', '/v1/routing/route')
        .send({ lead: { crmId: 'b-new', lastName: 'New', ownerId: 'a-sdr' } })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.lead.ownerId', message: 'no user with this id' }]);
    },
    simulateRouting: async () => {
      const refused = await asB('post', '/v1/routing/simulate')
        .send({
          rules: [{ id: 'x', name: 'X', conditions: [], target: { type: 'user', userId: 'a-sdr' }, slaMinutes: null }],
        })
        .expect(400);
      expect(refused.body.errors).toEqual([{ field: 'body.rules.0.target.userId', message: 'no user with this id' }]);
      // B's replay reads B's leads and B's roster only.
      const res = await asB('post', '/v1/routing/simulate').send({ rules: [], leads: 10_000 }).expect(200);
      expect(res.body.leads).toBe(await t.db.prisma.lead.count({ where: { tenantId: b.tenantId } }));
      expect(res.body.distribution.map((row: { userId: string | null }) => row.userId)).not.toContain('a-sdr');
    },
    getLeadQueue: async () => {
      await asB('get', '/v1/queue?userId=a-queue').expect(404);
      await asB('get', '/v1/queue?crmUserId=005A00000000001AAA').expect(404);
      await request(t.app).get('/v1/queue?userId=a-queue').set('Authorization', `Bearer ${a.apiKey}`).expect(200);
    },
    getLeadRouting: async () => {
      await asB('get', `/v1/leads/${ids.lead}/routing`).expect(404);
    },
    listRuleSets: async () => {
      expect((await asB('get', '/v1/routing/rule-sets').expect(200)).body.data).toEqual([]);
    },
    createRuleSet: async () => {
      // A's SDR is nobody B knows.
      const res = await asB('post', '/v1/routing/rule-sets')
        .send({
          rules: [{ id: 'x', name: 'X', conditions: [], target: { type: 'user', userId: 'a-sdr' }, slaMinutes: null }],
        })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.rules.0.target.userId', message: 'no user with this id' }]);
    },
    activateRuleSet: async () => {
      await asB('post', '/v1/routing/rule-sets/1/activate').expect(404);
    },
    getJob: async () => {
      await asB('get', `/v1/jobs/${ids.job}`).expect(404);
      await request(t.app).get(`/v1/jobs/${ids.job}`).set('Authorization', `Bearer ${a.apiKey}`).expect(200);
    },
  };

  it('has a case for every route of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(routes).sort());
  });

  for (const [name, route] of Object.entries(routes) as [string, ApiRoute][]) {
    if (!route.auth) continue;
    it(`${route.method.toUpperCase()} ${route.path}: another tenant's records are not found and not changed`, async () => {
      const before = await snapshot();
      const run = cases[name];
      if (typeof run !== 'function') throw new Error(`no isolation case for ${name}`);
      await run(b.apiKey);
      expect(await snapshot()).toBe(before);
    });
  }

  describe('the scoped data layer itself', () => {
    it('adds the tenant to every query, whatever the caller writes', async () => {
      const scoped = new TenantDb(t.db.prisma, b.tenantId, 'test');
      expect(await scoped.client.lead.findFirst({ where: { id: ids.lead } })).toBeNull();
      expect(
        await scoped.client.lead.findUnique({ where: { tenantId_id: { tenantId: a.tenantId, id: ids.lead } } }),
      ).toBeNull();
      expect(await scoped.client.lead.count({ where: { tenantId: a.tenantId } })).toBe(
        await t.db.prisma.lead.count({ where: { tenantId: b.tenantId } }),
      );
      expect((await scoped.client.lead.updateMany({ where: { id: ids.lead }, data: { lastName: 'x' } })).count).toBe(0);
      expect((await scoped.client.lead.deleteMany({ where: { id: ids.lead } })).count).toBe(0);
      await expect(
        scoped.client.lead.update({
          where: { tenantId_id: { tenantId: a.tenantId, id: ids.lead } },
          data: { lastName: 'x' },
        }),
      ).rejects.toThrow();
      const made = await scoped.client.company.create({
        data: { tenantId: a.tenantId, id: randomUUID(), name: 'Sneaky' },
      });
      expect(made.tenantId).toBe(b.tenantId);
      const tenants = await scoped.client.tenant.findMany();
      expect(tenants.map((tenant) => tenant.id)).toEqual([b.tenantId]);
    });

    it('refuses to move a record to another tenant', async () => {
      const scoped = new TenantDb(t.db.prisma, b.tenantId, 'test');
      const [own] = await scoped.client.company.findMany({ take: 1 });
      await expect(
        scoped.client.company.update({ where: scoped.key(own!.id), data: { tenantId: a.tenantId } }),
      ).rejects.toThrow(TenantScopeError);
    });
  });
});
