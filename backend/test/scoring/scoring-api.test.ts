import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { forgetScorer } from '../../src/agents/scoring/scorer-setup.ts';
import { pino } from 'pino';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { systemClock } from '../../src/clock.ts';
import { seedDemoTenant } from '../../src/seed/demo.ts';
import { databaseLabel } from '../support/database.ts';
import { newTenant, testApp, type TestApp } from '../support/app.ts';
import { until } from '../support/waiting.ts';

interface Reason {
  dimension: string;
  label: string;
  value: string;
  direction: '+' | '-';
  contribution: number;
}

describe(`scoring agent on ${databaseLabel}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await testApp({ clock: systemClock });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a new tenant (cold start on the ICP rules)', () => {
    let auth: { Authorization: string };
    let tenantId: string;

    beforeAll(async () => {
      const tenant = await newTenant(t.db.prisma);
      tenantId = tenant.tenantId;
      auth = { Authorization: `Bearer ${tenant.apiKey}` };
      await t.db.prisma.tenant.update({
        where: { id: tenantId },
        data: {
          settings: {
            scoring: {
              currency: 'GBP',
              defaultDealValue: 30000,
              icpWeights: [
                { attribute: 'company.industry', value: 'Logistics', weight: 25 },
                { attribute: 'company.employees', value: [200, null], weight: 15 },
                { attribute: 'lead.email_domain', value: 'free mail', weight: -20 },
              ],
            },
          },
        },
      });
    });

    it('scores a lead on the ICP rules with reasons, names what is missing, and records the rules as a model version', async () => {
      const company = await request(t.app).put('/v1/companies').set(auth).send({
        crmId: 'co-1',
        name: 'Northwind Ltd',
        domain: 'northwind.test',
        industry: 'Logistics',
        employees: 420,
      });
      const lead = await request(t.app).put('/v1/leads').set(auth).send({
        crmId: 'l-1',
        lastName: 'Raman',
        title: 'VP Operations',
        email: 'p@northwind.test',
        companyId: company.body.data[0].id,
      });
      const id = lead.body.data[0].id;
      const score = (await request(t.app).get(`/v1/leads/${id}/score`).set(auth).expect(200)).body;
      expect(score.modelVersion).toMatchObject({ kind: 'icp_rules' });
      expect(score.expectedValue.currency).toBe('GBP');
      // Two rules match: 40 points, odds × 2^(40/25) ≈ 3: well above an average lead.
      expect(score.ev).toBeGreaterThan(60);
      expect(score.evTier).not.toBe('cold');
      const ev = score.topReasons.filter((r: Reason) => r.dimension === 'ev');
      expect(ev.map((r: Reason) => [r.label, r.direction])).toEqual([
        ['Industry', '+'],
        ['Company size', '+'],
      ]);
      expect(ev[1].value).toBe('420 employees');
      // A lead never touched is urgent (first touch SLA) and at some risk of going cold.
      expect(score.topReasons.some((r: Reason) => r.dimension === 'urgency')).toBe(true);
      expect(score.missing).toEqual([]);

      const bare = await request(t.app)
        .put('/v1/leads')
        .set(auth)
        .send({ crmId: 'l-2', lastName: 'Nobody', title: 'Select' });
      const bareScore = (await request(t.app).get(`/v1/leads/${bare.body.data[0].id}/score`).set(auth).expect(200))
        .body;
      expect(bareScore.missing.sort()).toEqual(['Company size', 'E-mail address', 'Industry']);
      expect(bareScore.ev).toBe(50);

      const models = (await request(t.app).get('/v1/models').set(auth).expect(200)).body.data;
      expect(models).toHaveLength(1);
      expect(models[0]).toMatchObject({ kind: 'icp_rules', status: 'active' });
    });

    it('rescores a lead in the background after it changes', async () => {
      const [lead] = (await request(t.app).get('/v1/leads').query({ q: 'Raman' }).set(auth)).body.data;
      await request(t.app).patch(`/v1/leads/${lead.id}`).set(auth).send({ email: 'priya@gmail.com' }).expect(200);
      // The change makes the stored score stale until the background job has scored the lead again.
      const score = await until(async () => {
        const latest = (await request(t.app).get(`/v1/leads/${lead.id}/score`).set(auth).expect(200)).body;
        return latest.freshness === 'fresh' ? latest : undefined;
      });
      expect(score.topReasons).toContainEqual(
        expect.objectContaining({ label: 'E-mail address', value: 'free mail', direction: '-' }),
      );
    });

    it('scores batches by id and inline leads, in request order, storing only stored leads', async () => {
      const ids = (await request(t.app).get('/v1/leads').set(auth)).body.data.map((l: { id: string }) => l.id);
      const batch = await request(t.app).post('/v1/scores').set(auth).send({ leadIds: ids, store: false }).expect(200);
      expect(batch.body.data.map((s: { leadId: string }) => s.leadId)).toEqual(ids);
      expect(batch.body.data.every((s: { scoreId: string | null }) => s.scoreId === null)).toBe(true);
      const inline = await request(t.app)
        .post('/v1/scores')
        .set(auth)
        .send({
          leads: [
            {
              lead: { lastName: 'Inline', title: 'Head of Fleet' },
              company: { industry: 'Logistics', employees: 900 },
            },
            { lead: { lastName: 'Cold', email: 'x@yahoo.com' } },
          ],
        })
        .expect(200);
      const [hot, cold] = inline.body.data;
      expect(hot.leadId).toBeNull();
      expect(hot.ev).toBeGreaterThan(cold.ev);
      const count = await t.db.prisma.lead.count({ where: { tenantId } });
      expect(count).toBe(2);
    });

    it('refuses unknown lead ids and bad bodies, and changes nothing', async () => {
      // Let the background rescoring of earlier changes finish, so only these requests could add scores.
      await until(async () => {
        const jobs = await t.db.prisma.job.findMany({ where: { tenantId } });
        const states = await Promise.all(jobs.map((job) => t.jobs.get(tenantId, job.id)));
        return states.every((job) => !job || job.state === 'completed' || job.state === 'failed');
      });
      const scores = await t.db.prisma.score.count({ where: { tenantId } });
      const res = await request(t.app)
        .post('/v1/scores')
        .set(auth)
        .send({ leadIds: ['nope'] })
        .expect(400);
      expect(res.body.errors).toEqual([{ field: 'body.leadIds.0', message: 'no lead with this id' }]);
      await request(t.app).post('/v1/scores').set(auth).send({ leadIds: [] }).expect(400);
      await request(t.app)
        .post('/v1/scores')
        .set(auth)
        .send({ leads: [{ lead: {} }] })
        .expect(400);
      await request(t.app).post('/v1/models/train').set(auth).send({ windowDays: 1 }).expect(400);
      expect(await t.db.prisma.score.count({ where: { tenantId } })).toBe(scores);
    });

    it('does not learn from too few outcomes: the ICP rules stay', async () => {
      const started = await request(t.app).post('/v1/models/train').set(auth).send({}).expect(202);
      expect(started.headers.location).toBe(`/v1/jobs/${started.body.job.id}`);
      const job = await until(async () => {
        const res = await request(t.app).get(`/v1/jobs/${started.body.job.id}`).set(auth);
        return res.body.state === 'completed' ? res.body : undefined;
      });
      expect(job.output).toMatchObject({ modelVersion: null, promoted: false });
      expect(job.output.message).toMatch(/^Not enough outcomes yet/);
    });
  });

  describe('a tenant with history (the demo org)', () => {
    let auth: { Authorization: string };

    beforeAll(async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'sdr-scoring-'));
      const demo = await seedDemoTenant(t.db.prisma, pino({ level: 'silent' }), {
        keyFile: path.join(dir, 'key'),
        clock: systemClock,
      });
      auth = { Authorization: `Bearer ${demo.apiKey}` };
    });

    it('learns from its outcomes, switches from the ICP rules automatically, explains with TreeSHAP, and rolls back', async () => {
      const [lead] = (await request(t.app).get('/v1/leads').query({ limit: 1 }).set(auth)).body.data;
      const icp = (await request(t.app).get(`/v1/leads/${lead.id}/score`).set(auth).expect(200)).body;
      expect(icp.modelVersion.kind).toBe('icp_rules');

      const started = await request(t.app).post('/v1/models/train').set(auth).send({}).expect(202);
      const job = await until(async () => {
        const res = await request(t.app).get(`/v1/jobs/${started.body.job.id}`).set(auth);
        return ['completed', 'failed'].includes(res.body.state) ? res.body : undefined;
      });
      expect(job.state).toBe('completed');
      expect(job.progress).toMatchObject({ done: expect.any(Number) });
      expect(job.output.promoted).toBe(true);
      expect(job.output.message).toMatch(/replaces the ICP rules/);

      const models = (await request(t.app).get('/v1/models').set(auth)).body.data;
      const learnt = models.find((m: { kind: string }) => m.kind === 'gbm');
      expect(learnt).toMatchObject({
        status: 'active',
        target: { source: 'crm', outcome: 'lead_converted', windowDays: 90 },
      });
      expect(learnt.metrics.rocAuc).toBeGreaterThan(0.5);
      expect(learnt.training.features.length).toBeGreaterThan(5);
      expect(models.find((m: { kind: string }) => m.kind === 'icp_rules').status).toBe('retired');

      // The old score is stale now that another model is active; a new one comes from the learnt model.
      expect((await request(t.app).get(`/v1/leads/${lead.id}/score`).set(auth)).body.freshness).toBe('stale');
      const [fresh] = (
        await request(t.app)
          .post('/v1/scores')
          .set(auth)
          .send({ leadIds: [lead.id] })
          .expect(200)
      ).body.data;
      expect(fresh.modelVersion).toMatchObject({ version: learnt.version, kind: 'gbm' });
      const evReasons = fresh.reasons.filter((r: Reason) => r.dimension === 'ev');
      const signed = evReasons.reduce(
        (sum: number, r: Reason) => sum + (r.direction === '+' ? 1 : -1) * r.contribution,
        0,
      );
      // The reasons add up to the distance from an average lead (50), up to rounding and the smallest parts left out.
      expect(Math.abs(50 + signed - fresh.ev)).toBeLessThan(1.5);

      const rolledBack = await request(t.app)
        .post(`/v1/models/${models.find((m: { kind: string }) => m.kind === 'icp_rules').version}/promote`)
        .set(auth)
        .expect(200);
      expect(rolledBack.body).toMatchObject({ kind: 'icp_rules', status: 'active' });
      await request(t.app).post('/v1/models/1999-01-01.1/promote').set(auth).expect(404);
    });

    it('rescores the whole tenant as a job with progress', async () => {
      const started = await request(t.app).post('/v1/scores/rescore-all').set(auth).expect(202);
      const job = await until(async () => {
        const res = await request(t.app).get(`/v1/jobs/${started.body.job.id}`).set(auth);
        return res.body.state === 'completed' ? res.body : undefined;
      });
      expect(job.progress).toMatchObject({ done: 400, total: 400 });
      expect(job.output).toMatchObject({ scored: 400 });
    });

    it('rescores only the leads behind the CRM ids given, and names the ids it does not know', async () => {
      const tenant = await t.db.prisma.tenant.findFirstOrThrow({ where: { externalId: '00D000000000DEMO' } });
      const leads = await t.db.prisma.lead.findMany({
        where: { tenantId: tenant.id },
        select: { id: true, crmId: true },
        orderBy: { id: 'asc' },
        take: 3,
      });
      const other = await t.db.prisma.lead.findFirstOrThrow({
        where: { tenantId: tenant.id, id: { notIn: leads.map((lead) => lead.id) } },
      });
      const scoresOf = (leadId: string) => t.db.prisma.score.count({ where: { tenantId: tenant.id, leadId } });
      const before = await Promise.all([...leads.map((lead) => scoresOf(lead.id)), scoresOf(other.id)]);
      const crmIds = [...leads.map((lead) => lead.crmId), '00Q000000000NONE', leads[0]!.crmId];
      const started = await request(t.app).post('/v1/scores/rescore-all').set(auth).send({ crmIds }).expect(202);
      const job = await until(async () => {
        const res = await request(t.app).get(`/v1/jobs/${started.body.job.id}`).set(auth);
        return res.body.state === 'completed' ? res.body : undefined;
      });
      expect(job.progress).toMatchObject({ done: 3, total: 3 });
      expect(job.output).toEqual(
        expect.objectContaining({ scored: 3, notFoundCount: 1, notFound: ['00Q000000000NONE'] }),
      );
      const after = await Promise.all([...leads.map((lead) => scoresOf(lead.id)), scoresOf(other.id)]);
      expect(after).toEqual([...before.slice(0, 3).map((count) => count + 1), before[3]]);

      const refused = await request(t.app).post('/v1/scores/rescore-all').set(auth).send({ crmIds: [] }).expect(400);
      expect(refused.body.errors[0].field).toBe('body.crmIds');
    });

    it('rates open deals with a competitor, a pushed close date and no recent touch as risky, with reasons', async () => {
      const tenant = await t.db.prisma.tenant.findFirstOrThrow({ where: { externalId: '00D000000000DEMO' } });
      const opportunity = await t.db.prisma.opportunity.findFirstOrThrow({
        where: { tenantId: tenant.id, isClosed: false, leadId: { not: null } },
      });
      await t.db.prisma.opportunity.update({
        where: { tenantId_id: { tenantId: tenant.id, id: opportunity.id } },
        data: { competitors: ['Samsara'], closeDate: new Date(Date.now() + 40 * 86_400_000) },
      });
      // Ten other deals that each moved on after two days give the tenant a norm; this one has sat in its stage 30.
      const others = await t.db.prisma.opportunity.findMany({
        where: { tenantId: tenant.id, NOT: { id: opportunity.id } },
        take: 10,
      });
      const stageChange = (recordId: string, at: Date) =>
        t.db.prisma.auditLog.create({
          data: {
            tenantId: tenant.id,
            id: randomUUID(),
            actor: 'test',
            action: 'update',
            recordType: 'Opportunity',
            recordId,
            details: { changed: ['stage'] },
            at,
          },
        });
      for (const other of others) await stageChange(other.id, new Date(other.createdAt.getTime() + 2 * 86_400_000));
      await stageChange(opportunity.id, new Date(Date.now() - 30 * 86_400_000));
      forgetScorer(tenant.id);
      const [score] = (
        await request(t.app)
          .post('/v1/scores')
          .set(auth)
          .send({ leadIds: [opportunity.leadId] })
          .expect(200)
      ).body.data;
      const risk = score.reasons.filter((r: Reason) => r.dimension === 'risk');
      expect(risk).toContainEqual(
        expect.objectContaining({ label: 'Competitor in the deal', value: 'Samsara', direction: '+' }),
      );
      expect(risk).toContainEqual(expect.objectContaining({ label: 'Close date pushed out' }));
      expect(risk).toContainEqual(expect.objectContaining({ label: 'Stuck in its stage', direction: '+' }));
      const signed = risk.reduce((sum: number, r: Reason) => sum + r.contribution, 0);
      expect(Math.abs(signed - score.risk)).toBeLessThan(1);
    });
  });

  it('keeps tenants apart', async () => {
    const other = await newTenant(t.db.prisma);
    const res = await request(t.app).get('/v1/models').set('Authorization', `Bearer ${other.apiKey}`).expect(200);
    expect(res.body.data).toEqual([]);
  });
});
