import request from 'supertest';
import { startOfDay } from '../../src/agents/routing/working-hours.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe("the start of an SDR's own day", () => {
  it.each([
    ['Europe/London', '2026-11-24T10:30:00Z', '2026-11-24T00:00:00.000Z'],
    ['Pacific/Auckland', '2026-11-24T10:30:00Z', '2026-11-23T11:00:00.000Z'],
    ['Pacific/Auckland', '2026-11-24T11:30:00Z', '2026-11-24T11:00:00.000Z'],
    ['America/Los_Angeles', '2026-11-24T07:59:59Z', '2026-11-23T08:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-24T18:29:00Z', '2026-11-23T18:30:00.000Z'],
    // Daylight saving starts at 02:00 (to 03:00) that morning: midnight is still on standard time.
    ['America/New_York', '2026-03-08T15:00:00Z', '2026-03-08T05:00:00.000Z'],
    // And ends at 02:00 (back to 01:00): midnight was on daylight time.
    ['Europe/Berlin', '2026-10-25T20:00:00.123Z', '2026-10-24T22:00:00.000Z'],
  ])('in %s at %s began at %s', (zone, at, expected) => {
    expect(startOfDay(new Date(at), zone).toISOString()).toBe(expected);
  });
});

describe(`daily caps counted in each SDR's own day on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let now = new Date('2026-11-24T10:30:00Z');

  beforeAll(async () => {
    t = await testApp({ workers: false, clock: { now: () => now } });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '7171', name: 'Acme' });
    auth = { Authorization: `Bearer ${created.apiKey}` };
    // 10:30 UTC is 23:30 on Tuesday in Auckland and 10:30 on Tuesday in London.
    for (const [id, timeZone] of [
      ['kiri', 'Pacific/Auckland'],
      ['liam', 'Europe/London'],
    ])
      await t.db.prisma.user.create({
        data: { tenantId: created.tenantId, id: id!, email: `${id}@acme.example`, name: id!, timeZone, dailyCap: 1 },
      });
    await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        activate: true,
        rules: ['kiri', 'liam'].map((userId) => ({
          id: userId,
          name: `To ${userId}`,
          conditions: [{ field: 'lead.source', operator: 'eq', value: userId }],
          target: { type: 'user', userId },
          slaMinutes: null,
        })),
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const routeFor = async (crmId: string, source: string) => {
    const lead = await request(t.app).put('/v1/leads').set(auth).send({ crmId, lastName: crmId, source }).expect(200);
    return (await request(t.app).post('/v1/routing/route').set(auth).send({ leadId: lead.body.data[0].id }).expect(200))
      .body;
  };

  it('starts a new day at local midnight, not at midnight UTC', async () => {
    expect(await routeFor('k-1', 'kiri')).toMatchObject({ assigneeId: 'kiri' });
    expect(await routeFor('l-1', 'liam')).toMatchObject({ assigneeId: 'liam' });
    expect(await routeFor('k-2', 'kiri')).toMatchObject({ assigneeId: null, skipped: [{ reason: 'at_daily_cap' }] });
    // 11:30 UTC: Wednesday in Auckland, still Tuesday in London.
    now = new Date('2026-11-24T11:30:00Z');
    expect(await routeFor('k-3', 'kiri')).toMatchObject({
      assigneeId: 'kiri',
      candidates: [{ userId: 'kiri', assignedToday: 0 }],
    });
    expect(await routeFor('l-2', 'liam')).toMatchObject({ assigneeId: null, skipped: [{ reason: 'at_daily_cap' }] });
  });
});
