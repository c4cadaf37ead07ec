import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe(`routing through the API on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;

  const user = (id: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.user.create({
      data: { tenantId, id, email: `${id}@acme.example`, name: id, dailyCap: 100, capacity: 100, ...over },
    });
  const lead = async (crmId: string, fields: Record<string, unknown> = {}) =>
    (
      await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send({ crmId, lastName: crmId, ...fields })
        .expect(200)
    ).body.data[0].id as string;
  const route = (leadId: string) => request(t.app).post('/v1/routing/route').set(auth).send({ leadId });

  beforeAll(async () => {
    // Tuesday 24 November 2026, 10:30 UTC.
    t = await testApp({ workers: false, clock: { now: () => new Date('2026-11-24T10:30:00Z') } });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '8181', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await user('ana', { languages: ['en'] });
    await user('ben', { languages: ['en', 'de'] });
    await user('cleo', {
      languages: ['de'],
      outOfOffice: [{ start: '2026-11-20T00:00:00Z', end: '2026-12-01T00:00:00Z' }],
    });
    await user('dan', {
      languages: ['en'],
      timeZone: 'Asia/Tokyo',
      workingHours: [{ day: 2, start: '09:00', end: '17:00' }],
    });
    await user('owner', {});
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a rule set with problems whole, listing every one, and keeps versions', async () => {
    const bad = await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        activate: true,
        rules: [
          {
            id: 'a',
            name: 'A',
            conditions: [{ field: 'lead.country', operator: 'in', value: 'GB' }],
            target: { type: 'user', userId: 'ana' },
            slaMinutes: null,
          },
          { id: 'b', name: 'B', conditions: [], target: { type: 'user', userId: 'ghost' }, slaMinutes: null },
        ],
      })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.rules.0.conditions.0.value']);
    const ghost = await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        rules: [{ id: 'b', name: 'B', conditions: [], target: { type: 'user', userId: 'ghost' }, slaMinutes: null }],
      })
      .expect(400);
    expect(ghost.body.errors).toEqual([{ field: 'body.rules.0.target.userId', message: 'no user with this id' }]);
    expect((await request(t.app).get('/v1/routing/rule-sets').set(auth).expect(200)).body.data).toEqual([]);

    const rules = [
      { id: 'accounts', name: 'Known accounts', conditions: [], target: { type: 'account_owner' }, slaMinutes: 15 },
      {
        id: 'german',
        name: 'German speakers',
        conditions: [{ field: 'lead.language', operator: 'starts_with', value: 'de' }],
        target: {
          type: 'pool',
          members: [
            { userId: 'cleo', weight: 1 },
            { userId: 'ben', weight: 1 },
          ],
        },
        slaMinutes: 30,
      },
      {
        id: 'everyone',
        name: 'Everyone else',
        conditions: [],
        target: {
          type: 'pool',
          members: [
            { userId: 'ana', weight: 1 },
            { userId: 'dan', weight: 1 },
          ],
        },
        slaMinutes: null,
      },
    ];
    const v1 = await request(t.app).post('/v1/routing/rule-sets').set(auth).send({ rules, activate: true }).expect(201);
    expect(v1.body).toMatchObject({ version: 1, active: true });
    const v2 = await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({ rules: rules.slice(1) })
      .expect(201);
    expect(v2.body).toMatchObject({ version: 2, active: false });
    await request(t.app).post('/v1/routing/rule-sets/7/activate').set(auth).expect(404);
    const listed = await request(t.app).get('/v1/routing/rule-sets').set(auth).expect(200);
    expect(listed.body.data.map((s: { version: number; active: boolean }) => [s.version, s.active])).toEqual([
      [2, false],
      [1, true],
    ]);
  });

  it('routes by language past someone on leave, and explains every skip', async () => {
    const id = await lead('de-1', { language: 'de-DE' });
    const decision = (await route(id).expect(200)).body;
    expect(decision).toMatchObject({
      ruleId: 'german',
      ruleSetVersion: 1,
      assigneeId: 'ben',
      skipped: [{ userId: 'cleo', reason: 'out_of_office' }],
      slaDueAt: '2026-11-24T11:00:00.000Z',
    });
    expect(decision.candidates).toEqual([{ userId: 'ben', weight: 1, openLeads: 0, assignedToday: 0 }]);
    expect((await t.db.prisma.lead.findFirstOrThrow({ where: { id } })).ownerId).toBe('ben');
    const history = await request(t.app).get(`/v1/leads/${id}/routing`).set(auth).expect(200);
    expect(history.body.data).toEqual([decision]);
  });

  it('sends a lead of a known account to whoever works it', async () => {
    const company = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: 'acct-1', name: 'Northern Fleet Services Ltd', domain: 'northernfleet.example' })
      .expect(200);
    await lead('nf-contact', { companyId: company.body.data[0].id, ownerId: 'owner' });
    const id = await lead('nf-new', { email: 'sam@northernfleet.example', companyName: 'Northern Fleet' });
    const decision = (await route(id).expect(200)).body;
    expect(decision).toMatchObject({
      ruleId: 'accounts',
      assigneeId: 'owner',
      matchedAccount: { companyId: company.body.data[0].id, method: 'domain', confidence: 0.95 },
    });
    expect(decision.reason).toMatch(/Known accounts/);
  });

  it('prefers the owner the CRM names for the account to whoever works its people', async () => {
    const company = await request(t.app)
      .put('/v1/companies')
      .set(auth)
      .send({ crmId: 'acct-2', name: 'Harbour Logistics GmbH', domain: 'harbour.example' })
      .expect(200);
    const companyId = company.body.data[0].id as string;
    await lead('hb-contact-1', { companyId, ownerId: 'ben' });
    await lead('hb-contact-2', { companyId, ownerId: 'ben' });
    await t.db.prisma.company.update({
      where: { tenantId_id: { tenantId, id: companyId } },
      data: { ownerId: 'owner' },
    });
    const id = await lead('hb-new', { email: 'lena@harbour.example' });
    expect((await route(id).expect(200)).body).toMatchObject({ ruleId: 'accounts', assigneeId: 'owner' });
  });

  it('stores, scores and routes a new lead given whole, and refuses a bad one with nothing stored', async () => {
    const decision = (
      await request(t.app)
        .post('/v1/routing/route')
        .set(auth)
        .send({ lead: { crmId: 'new-de-1', lastName: 'Vogel', language: 'de', email: 'jo@vogel-spedition.example' } })
        .expect(200)
    ).body;
    expect(decision).toMatchObject({ ruleId: 'german', assigneeId: 'ben' });
    const stored = await t.db.prisma.lead.findFirstOrThrow({ where: { tenantId, crmId: 'new-de-1' } });
    expect(stored).toMatchObject({ id: decision.leadId, ownerId: 'ben', lastName: 'Vogel' });
    expect(await t.db.prisma.score.count({ where: { tenantId, leadId: stored.id } })).toBe(1);

    const before = await t.db.prisma.routingDecision.count({ where: { tenantId } });
    const ghost = await request(t.app)
      .post('/v1/routing/route')
      .set(auth)
      .send({ lead: { crmId: 'new-ghost', lastName: 'Ghost', ownerId: 'nobody-here' } })
      .expect(400);
    expect(ghost.body.errors).toEqual([{ field: 'body.lead.ownerId', message: 'no user with this id' }]);
    const both = await request(t.app)
      .post('/v1/routing/route')
      .set(auth)
      .send({ leadId: stored.id, lead: { crmId: 'x', lastName: 'X' } })
      .expect(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.leadId']);
    expect(await t.db.prisma.lead.count({ where: { tenantId, crmId: { in: ['new-ghost', 'x'] } } })).toBe(0);
    expect(await t.db.prisma.routingDecision.count({ where: { tenantId } })).toBe(before);
  });

  it('skips an SDR outside their hours, and falls back when nobody can take the lead', async () => {
    const first = (await route(await lead('en-1', { language: 'en' })).expect(200)).body;
    expect(first).toMatchObject({
      ruleId: 'everyone',
      assigneeId: 'ana',
      skipped: [{ userId: 'dan', reason: 'outside_hours' }],
    });

    await t.db.prisma.user.update({
      where: { tenantId_id: { tenantId, id: 'ana' } },
      data: { pausedUntil: new Date('2026-12-01') },
    });
    const nobody = (await route(await lead('en-2')).expect(200)).body;
    expect(nobody).toMatchObject({
      ruleId: null,
      assigneeId: null,
      reason: expect.stringContaining('no fallback owner'),
    });
    expect(nobody.skipped).toEqual(
      expect.arrayContaining([
        { userId: 'ana', reason: 'paused' },
        { userId: 'dan', reason: 'outside_hours' },
      ]),
    );
    await t.db.prisma.tenant.update({
      where: { id: tenantId },
      data: { settings: { routing: { defaultSlaMinutes: 60, fallbackUserId: 'owner', autoRoute: false } } },
    });
    const fallback = (await route(await lead('en-3')).expect(200)).body;
    expect(fallback).toMatchObject({
      ruleId: null,
      assigneeId: 'owner',
      reason: expect.stringContaining('fallback owner'),
    });
  });

  it('refuses an unknown lead, writing nothing', async () => {
    const before = await t.db.prisma.routingDecision.count({ where: { tenantId } });
    await route('no-such-lead').expect(404);
    await request(t.app).get('/v1/leads/no-such-lead/routing').set(auth).expect(404);
    expect(await t.db.prisma.routingDecision.count({ where: { tenantId } })).toBe(before);
  });
});
