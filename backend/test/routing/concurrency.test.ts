import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

const LEADS = 1000;
const CLIENTS = 20;
const WEIGHTS: Record<string, number> = { ana: 1, ben: 2, cleo: 1, dan: 1 };
const TOTAL_WEIGHT = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
const share = (id: string, of: number) => (of * WEIGHTS[id]!) / TOTAL_WEIGHT;

/**
 * 1,000 leads routed by 20 clients at once through one pool. Each SDR's daily cap is their share plus one: a
 * decision made on a stale count would push someone past it.
 */
describe(`routing under concurrency on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  const tierOf = new Map<string, string>();

  beforeAll(async () => {
    t = await testApp({ workers: false, clock: { now: () => new Date('2026-11-24T10:30:00Z') } });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '9191', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    for (const [id, weight] of Object.entries(WEIGHTS))
      await t.db.prisma.user.create({
        data: {
          tenantId,
          id,
          email: `${id}@acme.example`,
          name: id,
          weight,
          dailyCap: Math.floor(share(id, LEADS)) + 1,
          capacity: 10_000,
        },
      });
    await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        activate: true,
        rules: [
          {
            id: 'pool',
            name: 'Everyone',
            conditions: [],
            target: { type: 'pool', members: Object.entries(WEIGHTS).map(([userId, weight]) => ({ userId, weight })) },
            slaMinutes: null,
          },
        ],
      })
      .expect(201);
    const leads = Array.from({ length: LEADS }, (_, i) => ({ crmId: `lead-${i}`, lastName: `Lead ${i}` }));
    for (let start = 0; start < LEADS; start += 500)
      await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send(leads.slice(start, start + 500))
        .expect(200);
    // Scores in three bands: hot (EV ≥ 70), warm (≥ 40), cold.
    const stored = await t.db.prisma.lead.findMany({
      where: { tenantId },
      select: { id: true },
      orderBy: { crmId: 'asc' },
    });
    await t.db.prisma.score.createMany({
      data: stored.map((lead, i) => {
        const ev = [85, 55, 20, 20, 55][i % 5]!;
        tierOf.set(lead.id, ev >= 70 ? 'hot' : ev >= 40 ? 'warm' : 'cold');
        return {
          tenantId,
          id: randomUUID(),
          leadId: lead.id,
          ev,
          pConvert: ev / 100,
          expectedValue: ev * 100,
          risk: 10,
          urgency: 10,
        };
      }),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  // A thousand locked transactions on embedded PGlite: minutes on a loaded two-core machine, not seconds.
  it('keeps caps, weighted shares and EV tiers within one lead with 20 clients at once', async () => {
    const ids = [...tierOf.keys()];
    const queues = Array.from({ length: CLIENTS }, (_, client) => ids.filter((_, i) => i % CLIENTS === client));
    const decisions = (
      await Promise.all(
        queues.map(async (queue) => {
          const mine: { leadId: string; assigneeId: string | null }[] = [];
          for (const leadId of queue)
            mine.push((await request(t.app).post('/v1/routing/route').set(auth).send({ leadId }).expect(200)).body);
          return mine;
        }),
      )
    ).flat();
    expect(decisions).toHaveLength(LEADS);
    expect(decisions.filter((d) => d.assigneeId === null)).toEqual([]);

    const users = await t.db.prisma.user.findMany({ where: { tenantId } });
    for (const user of users) {
      const mine = decisions.filter((d) => d.assigneeId === user.id);
      expect({ user: user.id, atMostCap: mine.length <= user.dailyCap }).toEqual({ user: user.id, atMostCap: true });
      expect({ user: user.id, off: Math.abs(mine.length - share(user.id, LEADS)) <= 1 }).toEqual({
        user: user.id,
        off: true,
      });
      for (const tier of ['hot', 'warm', 'cold']) {
        const inTier = ids.filter((id) => tierOf.get(id) === tier).length;
        const got = mine.filter((d) => tierOf.get(d.leadId) === tier).length;
        expect({ user: user.id, tier, off: Math.abs(got - share(user.id, inTier)) <= 1 }).toEqual({
          user: user.id,
          tier,
          off: true,
        });
      }
    }
    // The database agrees with the answers: every lead owned once, by its decision's assignee.
    const owners = await t.db.prisma.lead.groupBy({ by: ['ownerId'], where: { tenantId }, _count: true });
    expect(Object.fromEntries(owners.map((o) => [o.ownerId, o._count]))).toEqual(
      Object.fromEntries(users.map((u) => [u.id, decisions.filter((d) => d.assigneeId === u.id).length])),
    );
  }, 240_000);
});
