import type { Express } from 'express';
import { pino } from 'pino';
import { createApp } from '../../src/api/app.ts';
import type { Clock } from '../../src/clock.ts';
import type { Database } from '../../src/db/connect.ts';
import type { PrismaClient } from '../../src/db/generated/client.ts';
import type { z } from 'zod';
import { scoringJobs, type ScoringJobs } from '../../src/agents/scoring/jobs.ts';
import { JobQueue, type JobDefinition } from '../../src/jobs/queue.ts';
import { defineJobs } from '../../src/jobs/registry.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { migratedDatabase } from './database.ts';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export interface TestApp {
  app: Express;
  db: Database;
  jobs: JobQueue;
  scoring: ScoringJobs;
  close(): Promise<void>;
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** The HTTP app on a fresh migrated database, with a started job queue (no workers unless the test defines some). */
export async function testApp(
  options: { bodyLimit?: string; workers?: boolean; clock?: Clock } = {},
): Promise<TestApp> {
  const db = await migratedDatabase();
  const jobs = new JobQueue({ db, logger: silentLogger, poolSize: 2 });
  await jobs.start();
  const clock = options.clock ?? fixedClock('2026-11-24T09:00:00.000Z');
  const scoring = scoringJobs({ prisma: db.prisma, clock });
  await defineJobs(jobs, Object.values(scoring) as JobDefinition<z.ZodType>[], options.workers ?? true);
  const app = createApp({
    config: { bodyLimit: options.bodyLimit ?? '2mb', corsOrigins: [], publicUrl: undefined },
    db,
    jobs,
    scoring,
    logger: silentLogger,
    clock,
    version: 'test',
  });
  return {
    app,
    db,
    jobs,
    scoring,
    async close() {
      await jobs.stop(5_000);
      await db.close();
    },
  };
}

let counter = 0;

/** A new tenant with an API key; external ids are unique per test run. */
export async function newTenant(prisma: PrismaClient, crm: 'salesforce' | 'hubspot' = 'hubspot') {
  counter += 1;
  const externalId =
    crm === 'hubspot'
      ? String(Date.now() % 1_000_000_000) + String(counter).padStart(3, '0')
      : `00D${String(Date.now()).slice(-9)}${String(counter).padStart(3, '0')}`;
  return createTenant(prisma, { crm, externalId, name: `Tenant ${counter}` });
}
