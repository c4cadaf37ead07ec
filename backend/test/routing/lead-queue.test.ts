import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe(`an SDR's lead queue on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  const now = new Date('2026-11-24T10:00:00Z');

  const score = (leadId: string, ev: number, urgency: number, minutesAgo = 5) =>
    t.db.prisma.score.create({
      data: {
        tenantId,
        id: `score-${leadId}-${minutesAgo}`,
        leadId,
        ev,
        pConvert: ev / 100,
        expectedValue: ev * 100,
        currency: 'GBP',
        risk: 20,
        urgency,
        scoredAt: new Date(now.getTime() - minutesAgo * 60_000),
      },
    });
  const lead = (id: string, over: Record<string, unknown> = {}) =>
    t.db.prisma.lead.create({
      data: { tenantId, id, crmId: `crm-${id}`, firstName: 'Lee', lastName: id, ownerId: 'hana', ...over },
    });
  const queue = (query: Record<string, string | number>) => request(t.app).get('/v1/queue').query(query).set(auth);

  beforeAll(async () => {
    t = await testApp({ workers: false, clock: { now: () => now } });
    const created = await createTenant(t.db.prisma, { crm: 'salesforce', externalId: '00D5g0000099QUE', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    await t.db.prisma.user.create({
      data: { tenantId, id: 'hana', email: 'hana@acme.example', name: 'Hana Ito', crmUserId: '0055g00000HcLrkAAF' },
    });
    await t.db.prisma.user.create({ data: { tenantId, id: 'other', email: 'o@acme.example', name: 'Other' } });
    // Priority is EV × (100 + Urgency) / 200: a 68, b 63, c 45, g 42.5 (no urgency), d unscored, e converted, f not
    // hers; h and i tie at 35, the one with the sooner deadline first.
    await lead('a');
    await lead('b');
    await lead('c', { status: 'working' });
    await lead('d');
    await lead('e', { convertedAt: now });
    await lead('f', { ownerId: 'other' });
    await lead('g');
    await lead('h');
    await lead('i');
    await score('a', 80, 70);
    await score('a', 10, 10, 60); // older: ignored
    await score('b', 70, 80);
    await score('c', 60, 50);
    await score('e', 99, 99);
    await score('f', 99, 99);
    await score('g', 85, 0);
    await score('h', 70, 0);
    await score('i', 35, 100);
    for (const [id, dueAt] of [
      ['a', '2026-11-24T11:00:00Z'],
      ['b', '2026-11-24T10:15:00Z'],
      ['h', '2026-11-24T10:50:00Z'],
      ['i', '2026-11-24T10:20:00Z'],
    ])
      await t.db.prisma.routingDecision.create({
        data: {
          tenantId,
          id: `decision-${id}`,
          leadId: id!,
          assigneeId: 'hana',
          reason: 'Rule "Team" matched.',
          slaDueAt: new Date(dueAt!),
          slaState: 'pending',
          createdAt: new Date('2026-11-24T09:45:00Z'),
        },
      });
    await t.db.prisma.activity.create({
      data: { tenantId, id: 'touch-c', leadId: 'c', type: 'call', occurredAt: new Date('2026-11-23T16:00:00Z') },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("lists the user's open leads by EV lifted by Urgency, then the nearest first-touch deadline", async () => {
    const body = (await queue({ userId: 'hana' }).expect(200)).body;
    expect(body.user).toEqual({ id: 'hana', name: 'Hana Ito' });
    expect(body.data.map((item: { lead: { id: string } }) => item.lead.id)).toEqual([
      'a',
      'b',
      'c',
      'g',
      'i',
      'h',
      'd',
    ]);
    expect(body.data.map((item: { priority: number }) => item.priority)).toEqual([68, 63, 45, 42.5, 35, 35, 0]);
    expect(body.data[1]).toEqual({
      lead: {
        id: 'b',
        crmId: 'crm-b',
        crmType: 'lead',
        name: 'Lee b',
        title: null,
        companyName: null,
        email: null,
        phone: null,
        status: 'new',
      },
      score: {
        ev: 70,
        evTier: 'hot',
        expectedValue: { amount: 7000, currency: 'GBP' },
        risk: 20,
        urgency: 80,
        scoredAt: '2026-11-24T09:55:00.000Z',
      },
      priority: 63,
      sla: { dueAt: '2026-11-24T10:15:00.000Z', state: 'pending' },
      lastTouchAt: null,
    });
    expect(body.data[2]).toMatchObject({ priority: 45, sla: null, lastTouchAt: '2026-11-23T16:00:00.000Z' });
    // With no urgency at all, a lead still ranks by its value.
    expect(body.data[3]).toMatchObject({ lead: { id: 'g' }, score: { ev: 85, urgency: 0 }, priority: 42.5 });
    expect(body.data.at(-1)).toMatchObject({ score: null, priority: 0 });
  });

  it('finds the user by their CRM user id, and filters by tier and status', async () => {
    const byCrm = (await queue({ crmUserId: '0055g00000HcLrkAAF', tier: 'hot' }).expect(200)).body;
    expect(byCrm.data.map((item: { lead: { id: string } }) => item.lead.id)).toEqual(['a', 'b', 'g', 'h']);
    const cold = (await queue({ userId: 'hana', tier: 'cold' }).expect(200)).body;
    expect(cold.data.map((item: { lead: { id: string } }) => item.lead.id)).toEqual(['i', 'd']);
    const working = (await queue({ userId: 'hana', status: 'working', limit: 1 }).expect(200)).body;
    expect(working.data.map((item: { lead: { id: string } }) => item.lead.id)).toEqual(['c']);
  });

  it('refuses a query naming nobody, or both ways, and an unknown user', async () => {
    expect((await queue({}).expect(400)).body.errors.map((e: { field: string }) => e.field)).toEqual(['query.userId']);
    await queue({ userId: 'hana', crmUserId: '0055g00000HcLrkAAF' }).expect(400);
    await queue({ userId: 'nobody' }).expect(404);
    await queue({ crmUserId: '005000000000000AAA' }).expect(404);
  });
});
