import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { z } from 'zod';
import { scoringJobs } from '../src/agents/scoring/jobs.ts';
import { createApp } from '../src/api/app.ts';
import { systemClock } from '../src/clock.ts';
import { migrate } from '../src/db/migrate.ts';
import { JobQueue, type JobDefinition } from '../src/jobs/queue.ts';
import { defineJobs } from '../src/jobs/registry.ts';
import { createTenant } from '../src/tenancy/tenants.ts';
import { emptyDatabase } from '../test/support/database.ts';
import { noCrmApps, testAssistant, testCrm } from '../test/support/app.ts';

/**
 * The service as benchmarks use it: a fresh database (in-memory PGlite, or a new database on BENCH_DATABASE_URL),
 * its queues declared (worked only when asked: most benchmarks time the work they run themselves), and one tenant.
 */
export async function benchService(options: { workers?: boolean } = {}) {
  const logger = pino({ level: 'silent' });
  const db = await emptyDatabase(process.env.BENCH_DATABASE_URL);
  await migrate(db.pool);
  const jobs = new JobQueue({ db, logger, poolSize: 2 });
  await jobs.start();
  const scoring = scoringJobs({ prisma: db.prisma, clock: systemClock });
  const crm = testCrm({ prisma: db.prisma, jobs, scoring, clock: systemClock });
  await defineJobs(
    jobs,
    [...Object.values(scoring), ...Object.values(crm.jobs)] as JobDefinition<z.ZodType>[],
    options.workers ?? false,
  );
  const { tenantId, apiKey } = await createTenant(db.prisma, {
    crm: 'hubspot',
    externalId: String(Date.now() % 1e9),
    name: 'Bench',
  });
  return {
    db,
    jobs,
    scoring,
    tenantId,
    headers: { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' },
    where: db.kind === 'pglite' ? 'embedded PGlite (in memory)' : 'PostgreSQL server',
    /** Serves the HTTP API on a free local port. */
    async serve(): Promise<{ base: string; stop: () => void }> {
      const app = createApp({
        config: { bodyLimit: '5mb', corsOrigins: [], ...noCrmApps },
        db,
        jobs,
        scoring,
        crm,
        assistant: testAssistant({ prisma: db.prisma, clock: systemClock }),
        logger,
        clock: systemClock,
        version: 'bench',
      });
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, stop: () => server.close() };
    },
    async close(): Promise<void> {
      await jobs.stop(2_000);
      await db.close();
    },
  };
}
