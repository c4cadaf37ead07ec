import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe(`routing simulation on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  const start = new Date('2026-11-23T09:00:00Z');

  const pool = (members: [string, number][]) => ({
    type: 'pool',
    members: members.map(([userId, weight]) => ({ userId, weight })),
  });
  const simulate = (body: object) => request(t.app).post('/v1/routing/simulate').set(auth).send(body);

  beforeAll(async () => {
    t = await testApp({ workers: false, clock: { now: () => new Date('2026-11-24T12:00:00Z') } });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '6161', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    for (const [id, name, extra] of [
      ['ana', 'Ana Silva', { languages: ['en'] }],
      ['ben', 'Ben Okafor', { languages: ['en', 'de'] }],
      [
        'cy',
        'Cy Laurent',
        { languages: ['en'], outOfOffice: [{ start: '2026-11-23T00:00:00Z', end: '2026-11-23T13:00:00Z' }] },
      ],
    ] as [string, string, object][])
      await t.db.prisma.user.create({
        data: { tenantId, id, email: `${id}@acme.example`, name, dailyCap: 100, capacity: 100, ...extra },
      });
    // 30 leads over the morning of Monday 23 November, a minute apart; today all owned by Ana.
    await t.db.prisma.lead.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        tenantId,
        id: `lead-${String(i).padStart(2, '0')}`,
        crmId: `crm-${i}`,
        lastName: `Lead ${i}`,
        language: i % 10 === 0 ? 'de' : 'en',
        ownerId: 'ana',
        createdAt: new Date(start.getTime() + i * 60_000),
      })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows who would get the latest leads beside who has them, assigning nothing', async () => {
    const decisionsBefore = await t.db.prisma.routingDecision.count({ where: { tenantId } });
    const body = (
      await simulate({
        leads: 20,
        rules: [
          {
            id: 'german',
            name: 'German speakers',
            conditions: [{ field: 'lead.language', operator: 'eq', value: 'de' }],
            target: pool([['ben', 1]]),
            slaMinutes: null,
          },
          {
            id: 'team',
            name: 'Everyone',
            conditions: [],
            target: pool([
              ['ana', 1],
              ['ben', 1],
              ['cy', 2],
            ]),
            slaMinutes: null,
          },
        ],
      }).expect(200)
    ).body;
    expect(body).toMatchObject({ leads: 20, from: '2026-11-23T09:10:00.000Z', to: '2026-11-23T09:29:00.000Z' });
    // Leads 10 and 20 speak German; Cy is on leave until 13:00, so Ana and Ben share the other 18.
    expect(body.byRule).toEqual([
      { ruleId: 'german', name: 'German speakers', leads: 2 },
      { ruleId: 'team', name: 'Everyone', leads: 18 },
    ]);
    const row = (userId: string | null) =>
      body.distribution.find((r: { userId: string | null }) => r.userId === userId);
    expect(row('ana')).toMatchObject({ name: 'Ana Silva', current: 20, proposed: 9 });
    expect(row('ben')).toMatchObject({ name: 'Ben Okafor', current: 0, proposed: 11 });
    expect(row('ben').proposedByTier).toEqual({ hot: 0, warm: 0, cold: 11 });
    expect(row('cy')).toBeUndefined();
    expect(body.moved).toBe(11);
    expect(body.distribution.map((r: { userId: string }) => r.userId)).toEqual(['ben', 'ana']);

    expect(await t.db.prisma.routingDecision.count({ where: { tenantId } })).toBe(decisionsBefore);
    expect(await t.db.prisma.lead.count({ where: { tenantId, ownerId: 'ana' } })).toBe(30);
    expect(await t.db.prisma.routingPoolCount.count({ where: { tenantId } })).toBe(0);
  });

  it('replays daily caps and the fallback owner, and counts what nobody would take', async () => {
    await t.db.prisma.user.update({ where: { tenantId_id: { tenantId, id: 'ben' } }, data: { dailyCap: 3 } });
    const body = (
      await simulate({
        leads: 10,
        rules: [{ id: 'ben-only', name: 'Ben', conditions: [], target: pool([['ben', 1]]), slaMinutes: null }],
      }).expect(200)
    ).body;
    expect(body.byRule).toEqual([
      { ruleId: 'ben-only', name: 'Ben', leads: 3 },
      { ruleId: null, name: 'No rule: the fallback owner, or nobody', leads: 7 },
    ]);
    expect(body.distribution).toEqual([
      { userId: null, name: 'Nobody', current: 0, proposed: 7, proposedByTier: { hot: 0, warm: 0, cold: 7 } },
      { userId: 'ben', name: 'Ben Okafor', current: 0, proposed: 3, proposedByTier: { hot: 0, warm: 0, cold: 3 } },
      { userId: 'ana', name: 'Ana Silva', current: 10, proposed: 0, proposedByTier: { hot: 0, warm: 0, cold: 0 } },
    ]);
  });

  it('refuses a proposed rule set with problems, listing each', async () => {
    const refused = await simulate({
      rules: [{ id: 'ghost', name: 'Ghost', conditions: [], target: pool([['nobody', 1]]), slaMinutes: null }],
    }).expect(400);
    expect(refused.body.errors).toEqual([
      { field: 'body.rules.0.target.members.0.userId', message: 'no user with this id' },
      { field: 'body.rules.0.target.members', message: 'the pool has no active member: empty pool' },
    ]);
    await simulate({ rules: [], leads: 0 }).expect(400);
  });
});
