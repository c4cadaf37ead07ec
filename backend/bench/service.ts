import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { z } from 'zod';
import { scoringJobs } from '../src/agents/scoring/jobs.ts';
import { createApp } from '../src/api/app.ts';
import { attachCallSockets } from '../src/api/call-socket.ts';
import type { EventBus } from '../src/fan-out/event-bus.ts';
import { systemClock } from '../src/clock.ts';
import { migrate } from '../src/db/migrate.ts';
import { JobQueue, type JobDefinition } from '../src/jobs/queue.ts';
import { defineJobs } from '../src/jobs/registry.ts';
import { createTenant } from '../src/tenancy/tenants.ts';
import { researchJobs } from '../src/agents/research/jobs.ts';
import { emptyDatabase } from '../test/support/database.ts';
import { recentCalibration } from './calibration.ts';
import { noCrmApps, testAssistant, testCrm, testPlatforms } from '../test/support/app.ts';

/** The database a benchmark ran on, in its figures' words. */
export const whereOf = (db: { kind: string }) =>
  db.kind === 'pglite' ? 'embedded PGlite (in memory)' : 'PostgreSQL server';

/**
 * The service as benchmarks use it: a fresh database (in-memory PGlite, or a new database on BENCH_DATABASE_URL),
 * its queues declared (worked only when asked: most benchmarks time the work they run themselves), and one tenant.
 */
export async function benchService(options: { workers?: boolean } = {}) {
  const logger = pino({ level: 'silent' });
  // The service's own default pool, as it would run.
  const db = await emptyDatabase(process.env.BENCH_DATABASE_URL, 10);
  await migrate(db.pool);
  const where = whereOf(db);
  const calibration = await recentCalibration(db.pool, where);
  console.log(`  ${calibration.line}`);
  const jobs = new JobQueue({ db, logger, poolSize: 2 });
  await jobs.start();
  const scoring = scoringJobs({ prisma: db.prisma, clock: systemClock });
  const crm = testCrm({ prisma: db.prisma, jobs, scoring, clock: systemClock });
  const research = researchJobs({ prisma: db.prisma, queue: jobs, clock: systemClock, register: null, llm: null });
  await defineJobs(
    jobs,
    [...Object.values(scoring), ...Object.values(crm.jobs), ...Object.values(research)] as JobDefinition<z.ZodType>[],
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
    where,
    calibration,
    /**
     * Write transactions so far (each one a commit that waits for the disk): read before and after a phase, the
     * difference is the commits the phase cost, whoever made them (this read itself takes one id).
     */
    async transactions(): Promise<number> {
      const { rows } = await db.pool.query<{ id: string }>('SELECT pg_current_xact_id()::text AS id');
      return Number(rows[0]!.id);
    },
    /** Serves the HTTP API (and the calls' WebSockets) on a free local port, with the event bus given. */
    async serve(options: { bus?: EventBus } = {}): Promise<{ base: string; stop: () => Promise<void> }> {
      const assistant = testAssistant(
        { prisma: db.prisma, clock: systemClock },
        options.bus ? { bus: options.bus } : {},
      );
      const app = createApp({
        config: { bodyLimit: '5mb', corsOrigins: [], ...noCrmApps },
        db,
        jobs,
        scoring,
        crm,
        assistant,
        platforms: testPlatforms({ prisma: db.prisma, assistant, clock: systemClock }),
        research: { jobs: research, register: null },
        logger,
        clock: systemClock,
        version: 'bench',
      });
      const server = app.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const sockets = attachCallSockets(server, { prisma: db.prisma, assistant, logger });
      return {
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        stop: async () => {
          await sockets.close();
          assistant.close();
          server.closeAllConnections();
          server.close();
        },
      };
    },
    async close(): Promise<void> {
      await jobs.stop(2_000);
      await db.close();
    },
  };
}
