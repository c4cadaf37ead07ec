import { once } from 'node:events';
import path from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './api/app.ts';
import { systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/connect.ts';
import { migrate } from './db/migrate.ts';
import { JobQueue } from './jobs/queue.ts';
import { checkFirstTouchSoon, routeSoon, routingJobs } from './agents/routing/jobs.ts';
import { defineJobs } from './jobs/registry.ts';
import type { JobDefinition } from './jobs/queue.ts';
import { scoringJobs } from './agents/scoring/jobs.ts';
import type { z } from 'zod';
import type { Logger } from './logger.ts';
import { seedDemoTenant } from './seed/demo.ts';
import { crmIntegration, secretBox } from './integrations/crm/setup.ts';
import { ChangeCapture } from './integrations/crm/change-capture.ts';
import { assistantAgent } from './agents/assistant/setup.ts';
import { assistantJobs } from './agents/assistant/jobs.ts';
import { attachCallSockets } from './api/call-socket.ts';
import { InProcessEventBus, type EventBus } from './fan-out/event-bus.ts';
import { RedisEventBus } from './fan-out/redis-event-bus.ts';
import { llmFromConfig } from './integrations/llm/from-config.ts';
import { callPlatforms } from './integrations/calls/platforms.ts';
import { researchJobs, researchSoon } from './agents/research/jobs.ts';
import { companyRegisterFromConfig } from './agents/research/register-from-config.ts';

export const VERSION = '0.1.0';

export interface RunningService {
  url: string;
  db: Database;
  jobs: JobQueue;
  server: Server;
  demoApiKey: string | null;
  stop(): Promise<void>;
}

/** Opens the database, applies migrations, seeds the demo tenant on first run, starts the job queue and serves. */
export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  // How long each part of the start took, logged once the service listens (and read by `npm run bench -- start`).
  const started = performance.now();
  const took: Record<string, number> = {};
  let lap = started;
  const mark = (phase: string) => {
    const now = performance.now();
    took[phase] = Math.round(now - lap);
    lap = now;
  };
  const db = await openDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.databasePoolSize,
  });
  try {
    mark('database');
    const applied = await migrate(db.pool);
    if (applied.length > 0) logger.info({ applied }, 'migrations applied');
    mark('migrations');
    const jobs = new JobQueue({ db, logger });
    await jobs.start();
    // Scoring tells the CRM integration when scores are stored; the two are built in that order, so the hook is bound late.
    let scoresStored = async (_tenantId: string, _leadIds: string[]) => {};
    const scoring = scoringJobs({
      prisma: db.prisma,
      clock: systemClock,
      onScoresStored: (tenantId, leadIds) => scoresStored(tenantId, leadIds),
    });
    const crm = crmIntegration({
      prisma: db.prisma,
      jobs,
      scoring,
      clock: systemClock,
      context: { box: await secretBox(config, logger), config },
    });
    const calls = assistantJobs({
      prisma: db.prisma,
      clock: systemClock,
      crm: crm.context,
      leadsChanged: crm.leadsChanged,
    });
    const routing = routingJobs({ prisma: db.prisma, clock: systemClock, ownerQueued: crm.writeBackSoon });
    const llm = llmFromConfig(config.llm, { logger });
    if (llm) logger.info({ llm: llm.name }, 'LLM provider configured');
    const register = companyRegisterFromConfig(config, { logger });
    const research = researchJobs({ prisma: db.prisma, queue: jobs, clock: systemClock, register, llm });
    await defineJobs(
      jobs,
      [
        ...Object.values(scoring),
        ...Object.values(crm.jobs),
        ...Object.values(calls),
        ...Object.values(routing),
        ...Object.values(research),
      ] as JobDefinition<z.ZodType>[],
      config.jobWorkers,
    );
    scoresStored = async (tenantId, leadIds) => {
      await crm.writeBackSoon(tenantId);
      if (leadIds.length > 0) await routeSoon(jobs, routing, tenantId, leadIds);
      if (leadIds.length > 0) await researchSoon(jobs, research, tenantId, leadIds);
    };
    // Change events and the periodic sync are work like jobs: run where workers run.
    const changes = config.jobWorkers
      ? new ChangeCapture({ prisma: db.prisma, context: crm.context, logger, leadsChanged: crm.leadsChanged })
      : null;
    await changes?.start();
    const syncTimer = config.jobWorkers
      ? setInterval(() => {
          crm
            .syncAllSoon(config.crmSyncIntervalMs)
            .catch((error: unknown) => logger.warn({ err: error }, 'sync schedule'));
        }, config.crmSyncIntervalMs)
      : undefined;
    syncTimer?.unref();
    // First-touch deadlines are checked every minute where workers run.
    const slaTimer = config.jobWorkers
      ? setInterval(() => {
          checkFirstTouchSoon(db.prisma, jobs, routing, 60_000, systemClock.now()).catch((error: unknown) =>
            logger.warn({ err: error }, 'first-touch check schedule'),
          );
        }, 60_000)
      : undefined;
    slaTimer?.unref();
    mark('jobs');
    const demo = config.seedDemo
      ? await seedDemoTenant(db.prisma, logger, {
          keyFile: path.join(config.dataDir, 'demo-api-key'),
          clock: systemClock,
        })
      : null;

    mark('demo');
    const bus: EventBus = config.redisUrl ? new RedisEventBus(config.redisUrl) : new InProcessEventBus();
    if (bus instanceof RedisEventBus) await bus.ready();
    const assistant = assistantAgent({
      prisma: db.prisma,
      clock: systemClock,
      logger,
      bus,
      llm,
      box: crm.context.box,
      crm: crm.context,
      callEnded: async (tenantId, callId) => {
        await jobs.enqueue(calls.afterCall, tenantId, { callId }, { idempotencyKey: callId });
      },
    });
    const platforms = callPlatforms({
      prisma: db.prisma,
      assistant,
      config,
      clock: systemClock,
      logger,
      box: crm.context.box,
    });
    // Graph subscriptions to Teams transcripts last three days: renewed where workers run, hourly.
    const renewTimer =
      config.jobWorkers && platforms.teams
        ? setInterval(() => {
            platforms.teams
              ?.renewDue()
              .catch((error: unknown) => logger.warn({ err: error }, 'Teams subscriptions not renewed'));
          }, 3_600_000)
        : undefined;
    renewTimer?.unref();
    const app = createApp({
      config,
      db,
      jobs,
      scoring,
      crm,
      assistant,
      platforms,
      research: { jobs: research, register },
      logger,
      clock: systemClock,
      version: VERSION,
    });
    const server = app.listen(config.port, config.host);
    await once(server, 'listening');
    const sockets = attachCallSockets(server, { prisma: db.prisma, assistant, logger });
    mark('listen');
    logger.info({ ms: { ...took, total: Math.round(performance.now() - started) } }, 'service started');
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Stop accepting, let in-flight requests finish (closing idle keep-alive sockets), then the queue and database.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await sockets.close();
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
        await closed;
        clearTimeout(timer);
        clearInterval(syncTimer);
        clearInterval(slaTimer);
        await changes?.stop();
        clearInterval(renewTimer);
        await platforms.close();
        assistant.close();
        await bus.close();
        await jobs.stop(config.shutdownTimeoutMs);
        await db.close();
      })();
      return stopping;
    };
    return { url: `http://${host}:${port}`, db, jobs, server, demoApiKey: demo?.apiKey ?? null, stop };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}
