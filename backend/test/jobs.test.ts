import request from 'supertest';
import { z } from 'zod';
import type { JobDefinition } from '../src/jobs/queue.ts';
import { databaseLabel } from './support/database.ts';
import { newTenant, testApp, type TestApp } from './support/app.ts';
import { until } from './support/waiting.ts';

describe(`job queue on ${databaseLabel}`, () => {
  let t: TestApp;
  let tenant: { tenantId: string; apiKey: string };
  const runs: string[] = [];

  const flaky: JobDefinition<z.ZodObject<{ label: z.ZodString; failures: z.ZodNumber }>> = {
    name: 'test.flaky',
    payload: z.object({ label: z.string(), failures: z.number().int() }),
    order: 'parallel',
    retryLimit: 3,
    retryDelay: 1,
    handler: async (payload, context) => {
      runs.push(`${payload.label}#${context.attempt}`);
      if (context.attempt <= payload.failures) throw new Error(`attempt ${context.attempt} fails`);
      await context.reportProgress({ done: 3, total: 3, message: 'all done' });
      return { label: payload.label, attempt: context.attempt };
    },
  };

  const events: string[] = [];
  const ordered: JobDefinition<z.ZodObject<{ n: z.ZodNumber }>> = {
    name: 'test.ordered',
    payload: z.object({ n: z.number() }),
    order: 'ordered',
    concurrency: 3,
    handler: async (payload, context) => {
      events.push(`start ${context.tenantId.slice(0, 4)} ${payload.n}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
      events.push(`end ${context.tenantId.slice(0, 4)} ${payload.n}`);
      return null;
    },
  };

  beforeAll(async () => {
    t = await testApp();
    tenant = await newTenant(t.db.prisma);
    await t.jobs.define(flaky, { work: true });
    await t.jobs.define(ordered, { work: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const getJob = (id: string) => request(t.app).get(`/v1/jobs/${id}`).set('Authorization', `Bearer ${tenant.apiKey}`);

  it('retries a failing job with backoff until it succeeds, and reports progress and output', async () => {
    const id = await t.jobs.enqueue(flaky, tenant.tenantId, { label: 'retry', failures: 2 });
    const done = await until(async () => {
      const res = await getJob(id);
      return res.body.state === 'completed' ? res.body : undefined;
    });
    expect(runs.filter((r) => r.startsWith('retry'))).toEqual(['retry#1', 'retry#2', 'retry#3']);
    expect(done).toMatchObject({
      id,
      queue: 'test.flaky',
      attempts: 2,
      maxAttempts: 3,
      progress: { done: 3, total: 3, message: 'all done' },
      output: { label: 'retry', attempt: 3 },
    });
    expect(done.startedAt).toEqual(expect.any(String));
  });

  it('moves a job whose retries are spent to its dead-letter queue', async () => {
    const id = await t.jobs.enqueue(flaky, tenant.tenantId, { label: 'doomed', failures: 99 });
    await until(async () => (await getJob(id)).body.state === 'failed');
    expect(runs.filter((r) => r.startsWith('doomed'))).toHaveLength(4);
    const dead = await until(async () => {
      const found = await t.jobs.boss.findJobs('test.flaky.dead', { data: { tenantId: tenant.tenantId } });
      return found.find((job) => (job as { sourceId?: string | null }).sourceId === id);
    });
    expect(dead.data).toMatchObject({ tenantId: tenant.tenantId, payload: { label: 'doomed' } });
  });

  it('gives the same job for the same idempotency key, and runs it once', async () => {
    const first = await t.jobs.enqueue(
      flaky,
      tenant.tenantId,
      { label: 'once', failures: 0 },
      { idempotencyKey: 'sync-42' },
    );
    const second = await t.jobs.enqueue(
      flaky,
      tenant.tenantId,
      { label: 'once', failures: 0 },
      { idempotencyKey: 'sync-42' },
    );
    expect(second).toBe(first);
    await until(async () => (await getJob(first)).body.state === 'completed');
    const other = await newTenant(t.db.prisma);
    const theirs = await t.jobs.enqueue(
      flaky,
      other.tenantId,
      { label: 'once', failures: 0 },
      { idempotencyKey: 'sync-42' },
    );
    expect(theirs).not.toBe(first);
    await until(async () => runs.filter((r) => r === 'once#1').length === 2);
  });

  it("runs one tenant's ordered jobs one at a time, in order, while other tenants proceed", async () => {
    const other = await newTenant(t.db.prisma);
    const a = tenant.tenantId.slice(0, 4);
    const ids = [];
    for (const n of [1, 2, 3]) ids.push(await t.jobs.enqueue(ordered, tenant.tenantId, { n }));
    ids.push(await t.jobs.enqueue(ordered, other.tenantId, { n: 9 }));
    await until(async () => events.length === 8);
    const mine = events.filter((e) => e.includes(` ${a} `));
    expect(mine).toEqual([`start ${a} 1`, `end ${a} 1`, `start ${a} 2`, `end ${a} 2`, `start ${a} 3`, `end ${a} 3`]);
  });

  it('rejects a payload that does not match the job definition before queueing', async () => {
    await expect(
      t.jobs.enqueue(flaky, tenant.tenantId, { label: 'bad' } as unknown as { label: string; failures: number }),
    ).rejects.toThrow();
  });

  it('answers 404 for an unknown job id', async () => {
    expect((await getJob('0b6f6f1e-8f3c-4c1b-9d43-2a1f5e7c9a10')).status).toBe(404);
  });
});
