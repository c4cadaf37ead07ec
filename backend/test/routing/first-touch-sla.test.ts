import request from 'supertest';
import { checkFirstTouch } from '../../src/agents/routing/first-touch-sla.ts';
import { checkFirstTouchSoon, routingJobs } from '../../src/agents/routing/jobs.ts';
import { TenantDb } from '../../src/db/tenant-db.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { testApp, type TestApp } from '../support/app.ts';
import { databaseLabel } from '../support/database.ts';

describe(`first-touch SLA on ${databaseLabel}`, () => {
  let t: TestApp;
  let auth: { Authorization: string };
  let tenantId: string;
  // Tuesday 24 November 2026, 10:00 UTC; moved on by the tests.
  let now = new Date('2026-11-24T10:00:00Z');
  const clock = { now: () => now };
  const minutes = (n: number) => {
    now = new Date(now.getTime() + n * 60_000);
  };
  const check = () => checkFirstTouch(new TenantDb(t.db.prisma, tenantId, 'test'), { clock });

  const lead = async (crmId: string) =>
    (
      await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send({ crmId, lastName: crmId, email: `${crmId}@example.org` })
        .expect(200)
    ).body.data[0].id as string;
  const route = async (leadId: string) =>
    (await request(t.app).post('/v1/routing/route').set(auth).send({ leadId }).expect(200)).body;
  const decisions = async (leadId: string) =>
    (await request(t.app).get(`/v1/leads/${leadId}/routing`).set(auth).expect(200)).body.data as {
      assigneeId: string | null;
      slaState: string | null;
      slaDueAt: string | null;
      slaMissedAt: string | null;
      firstTouchAt: string | null;
      reassignedFrom: string | null;
      reason: string;
      skipped: { userId: string; reason: string }[];
    }[];
  const touch = (leadId: string, at: Date) =>
    request(t.app)
      .post(`/v1/leads/${leadId}/activities`)
      .set(auth)
      .send({ type: 'call', direction: 'outbound', occurredAt: at.toISOString() })
      .expect(200);

  beforeAll(async () => {
    t = await testApp({ workers: false, clock });
    const created = await createTenant(t.db.prisma, { crm: 'hubspot', externalId: '9191', name: 'Acme' });
    tenantId = created.tenantId;
    auth = { Authorization: `Bearer ${created.apiKey}` };
    for (const id of ['ana', 'ben', 'cy'])
      await t.db.prisma.user.create({
        data: { tenantId, id, email: `${id}@acme.example`, name: id.toUpperCase(), dailyCap: 50, capacity: 50 },
      });
    await request(t.app)
      .post('/v1/routing/rule-sets')
      .set(auth)
      .send({
        activate: true,
        rules: [
          {
            id: 'team',
            name: 'The team',
            conditions: [],
            target: {
              type: 'pool',
              members: [
                { userId: 'ana', weight: 1 },
                { userId: 'ben', weight: 1 },
              ],
            },
            slaMinutes: 15,
          },
        ],
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records a touch in time as met, and leaves the lead where it is', async () => {
    const id = await lead('met-1');
    const first = await route(id);
    expect(first).toMatchObject({ slaState: 'pending', slaDueAt: '2026-11-24T10:15:00.000Z', firstTouchAt: null });
    minutes(5);
    await touch(id, now);
    minutes(20);
    expect(await check()).toMatchObject({ met: 1, reassigned: 0 });
    const [decision] = await decisions(id);
    expect(decision).toMatchObject({
      assigneeId: first.assigneeId,
      slaState: 'met',
      firstTouchAt: '2026-11-24T10:05:00.000Z',
      slaMissedAt: null,
    });
    expect(await check()).toMatchObject({ met: 0, late: 0, reassigned: 0, kept: 0 });
  });

  it('moves an untouched lead once, to the next eligible SDR, with both events on record', async () => {
    const id = await lead('missed-1');
    const first = await route(id);
    const other = first.assigneeId === 'ana' ? 'ben' : 'ana';
    minutes(14);
    expect(await check()).toMatchObject({ reassigned: 0 });
    expect((await decisions(id))[0]).toMatchObject({ slaState: 'pending' });
    minutes(2);
    expect(await check()).toMatchObject({ reassigned: 1 });
    const [moved, missed] = await decisions(id);
    expect(missed).toMatchObject({
      assigneeId: first.assigneeId,
      slaState: 'missed',
      slaMissedAt: first.slaDueAt,
      firstTouchAt: null,
    });
    expect(moved).toMatchObject({
      assigneeId: other,
      reassignedFrom: first.assigneeId,
      slaState: 'pending',
      skipped: [{ userId: first.assigneeId, reason: 'missed_sla' }],
    });
    expect(moved!.reason).toMatch(/^Reassigned: (ANA|BEN) had not touched the lead by 2026-11-24T10:\d\d:00\.000Z\./);
    expect((await request(t.app).get(`/v1/leads/${id}`).set(auth).expect(200)).body.ownerId).toBe(other);

    // The second assignee misses too: recorded, but the lead is not moved again.
    minutes(16);
    expect(await check()).toMatchObject({ reassigned: 0, kept: 1 });
    const after = await decisions(id);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ assigneeId: other, slaState: 'missed' });
    expect((await request(t.app).get(`/v1/leads/${id}`).set(auth).expect(200)).body.ownerId).toBe(other);
  });

  it('keeps a lead touched late with its owner, recording the miss', async () => {
    const id = await lead('late-1');
    const first = await route(id);
    minutes(20);
    await touch(id, now);
    expect(await check()).toMatchObject({ late: 1, reassigned: 0 });
    expect((await decisions(id))[0]).toMatchObject({
      assigneeId: first.assigneeId,
      slaState: 'missed',
      slaMissedAt: first.slaDueAt,
      firstTouchAt: now.toISOString(),
    });
  });

  it('leaves the lead with its owner when nobody else can take it, and says why', async () => {
    const id = await lead('alone-1');
    const first = await route(id);
    const other = first.assigneeId === 'ana' ? 'ben' : 'ana';
    await t.db.prisma.user.update({
      where: { tenantId_id: { tenantId, id: other } },
      data: { pausedUntil: new Date('2027-01-01T00:00:00Z') },
    });
    minutes(16);
    expect(await check()).toMatchObject({ reassigned: 0, kept: 1 });
    const all = await decisions(id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ assigneeId: first.assigneeId, slaState: 'missed' });
    expect(all[0]!.reason).toMatch(/nobody else could take the lead, so it stays with them\.$/);
    await t.db.prisma.user.update({ where: { tenantId_id: { tenantId, id: other } }, data: { pausedUntil: null } });
  });

  it('closes the clock when the lead gets another owner or is routed again', async () => {
    const byHand = await lead('hand-1');
    await route(byHand);
    await request(t.app).patch(`/v1/leads/${byHand}`).set(auth).send({ ownerId: 'cy' }).expect(200);
    const again = await lead('again-1');
    await route(again);
    minutes(1);
    await route(again);
    const result = await check();
    expect(result.closed).toBe(1);
    expect((await decisions(byHand))[0]).toMatchObject({ slaState: 'closed' });
    const [latest, earlier] = await decisions(again);
    expect(earlier).toMatchObject({ slaState: 'closed' });
    expect(latest).toMatchObject({ slaState: 'pending' });
  });

  it('checks each tenant once per interval however often it is asked, through the job queue', async () => {
    const jobs = routingJobs({ prisma: t.db.prisma, clock, ownerQueued: async () => {} });
    const id = await lead('queued-1');
    await route(id);
    await checkFirstTouchSoon(t.db.prisma, t.jobs, jobs, 60_000, now);
    await checkFirstTouchSoon(t.db.prisma, t.jobs, jobs, 60_000, now);
    const queued = await t.jobs.boss.findJobs(jobs.checkSla.name, { data: { tenantId } });
    expect(queued).toHaveLength(1);
    minutes(16);
    const outcome = await jobs.checkSla.handler(
      {},
      {
        tenantId,
        jobId: queued[0]!.id,
        attempt: 1,
        reportProgress: async () => {},
        signal: new AbortController().signal,
      },
    );
    // This lead, and the one routed twice by the test before.
    expect(outcome).toMatchObject({ reassigned: 2 });
  });
});
