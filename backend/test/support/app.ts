import type { Express } from 'express';
import { pino } from 'pino';
import { createApp } from '../../src/api/app.ts';
import type { Clock } from '../../src/clock.ts';
import type { Database } from '../../src/db/connect.ts';
import type { PrismaClient } from '../../src/db/generated/client.ts';
import type { z } from 'zod';
import { scoringJobs, type ScoringJobs } from '../../src/agents/scoring/jobs.ts';
import { JobQueue, type JobDefinition } from '../../src/jobs/queue.ts';
import { routeSoon, routingJobs } from '../../src/agents/routing/jobs.ts';
import { researchJobs, researchSoon } from '../../src/agents/research/jobs.ts';
import type { CompanyRegister } from '../../src/agents/research/company-register.ts';
import { defineJobs } from '../../src/jobs/registry.ts';
import { createTenant } from '../../src/tenancy/tenants.ts';
import { randomBytes } from 'node:crypto';
import type { Config } from '../../src/config.ts';
import { crmIntegration } from '../../src/integrations/crm/setup.ts';
import { SecretBox } from '../../src/security/secret-box.ts';
import { saveAuthorisation } from '../../src/integrations/crm/connections.ts';
import { TenantDb } from '../../src/db/tenant-db.ts';
import { migratedDatabase } from './database.ts';
import { assistantAgent, type AssistantAgent } from '../../src/agents/assistant/setup.ts';
import { assistantJobs } from '../../src/agents/assistant/jobs.ts';
import { callPlatforms, type CallPlatformConfig } from '../../src/integrations/calls/platforms.ts';
import { InProcessEventBus, type EventBus } from '../../src/fan-out/event-bus.ts';
import type { LlmPort } from '../../src/integrations/llm/port.ts';
import type { CrmContext } from '../../src/integrations/crm/crm-access.ts';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export type CrmConfig = Pick<Config, 'salesforce' | 'hubspot' | 'publicUrl'>;

/** CRM settings with no app registered (as on a fresh install); tests that connect a CRM pass stand-in URLs. */
export const noCrmApps: CrmConfig = {
  publicUrl: 'https://sdr.example.com',
  salesforce: {
    clientId: undefined,
    clientSecret: undefined,
    loginUrl: 'https://login.salesforce.com',
    apiVersion: '62.0',
    jwtKeyFile: undefined,
  },
  hubspot: {
    clientId: undefined,
    clientSecret: undefined,
    apiUrl: 'https://api.hubapi.com',
    authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
  },
};

export function testCrm(
  deps: { prisma: PrismaClient; jobs: JobQueue; scoring: ScoringJobs; clock: Clock },
  config: CrmConfig = noCrmApps,
  extra: { sleep?: (ms: number) => Promise<void>; bulkThreshold?: number; box?: SecretBox } = {},
) {
  return crmIntegration({
    ...deps,
    context: {
      box: extra.box ?? new SecretBox(randomBytes(32)),
      config,
      sleep: extra.sleep ?? (() => Promise.resolve()),
      ...(extra.bulkThreshold ? { bulkThreshold: extra.bulkThreshold } : {}),
    },
  });
}

/** The live-call assistant on the in-process bus (or the one given), with the LLM given (none by default). */
export function testAssistant(
  deps: { prisma: PrismaClient; clock: Clock },
  options: {
    llm?: LlmPort | null;
    bus?: EventBus;
    box?: SecretBox;
    crm?: CrmContext | null;
    callEnded?: (tenantId: string, callId: string) => Promise<void>;
  } = {},
) {
  return assistantAgent({
    prisma: deps.prisma,
    clock: deps.clock,
    logger: silentLogger,
    bus: options.bus ?? new InProcessEventBus(),
    llm: options.llm ?? null,
    box: options.box ?? new SecretBox(randomBytes(32)),
    crm: options.crm ?? null,
    ...(options.callEnded ? { callEnded: options.callEnded } : {}),
  });
}

/** The call platforms delivering into the assistant; Zoom unconfigured unless given. */
export function testPlatforms(
  deps: { prisma: PrismaClient; assistant: AssistantAgent; clock: Clock },
  config: Partial<CallPlatformConfig> = {},
) {
  // A local RTMS stand-in, never anything else.
  const local = (url: URL) => url.protocol === 'ws:' && url.hostname === '127.0.0.1';
  return callPlatforms({
    ...deps,
    config: {
      zoom: config.zoom ?? { webhookSecretToken: undefined, clientId: undefined, clientSecret: undefined },
      teams: config.teams ?? {
        clientId: undefined,
        clientSecret: undefined,
        graphBaseUrl: undefined,
        loginBaseUrl: undefined,
      },
      publicUrl: config.publicUrl,
      speech: config.speech ?? null,
    },
    logger: silentLogger,
    box: deps.assistant.box,
    rtmsServerPolicy: local,
  });
}

/** Connects a tenant to a HubSpot stand-in as an install would: a token the stand-in accepts, sealed and stored. */
export async function connectHubSpotStandIn(
  t: Pick<TestApp, 'db' | 'crm'>,
  tenantId: string,
  hs: { url: string; addAccessToken(token: string): void },
): Promise<void> {
  const token = `pat-na1-${randomBytes(8).toString('hex')}`;
  hs.addAccessToken(token);
  await saveAuthorisation(new TenantDb(t.db.prisma, tenantId, 'test'), t.crm.context.box, {
    provider: 'hubspot',
    authFlow: 'oauth',
    instanceUrl: hs.url,
    tokens: { accessToken: token, refreshToken: null, expiresAt: null },
  });
}

export interface TestApp {
  app: Express;
  db: Database;
  jobs: JobQueue;
  scoring: ScoringJobs;
  crm: ReturnType<typeof testCrm>;
  assistant: AssistantAgent;
  calls: ReturnType<typeof assistantJobs>;
  close(): Promise<void>;
}

export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) });

/** The HTTP app on a fresh migrated database, with a started job queue (no workers unless the test defines some). */
export async function testApp(
  options: {
    bodyLimit?: string;
    workers?: boolean;
    clock?: Clock;
    crm?: CrmConfig;
    bulkThreshold?: number;
    llm?: LlmPort | null;
    bus?: EventBus;
    publicUrl?: string;
    zoom?: CallPlatformConfig['zoom'];
    teams?: CallPlatformConfig['teams'];
    speech?: CallPlatformConfig['speech'];
    /** Opens POST /v1/tenants to callers with this token. */
    registrationToken?: string;
    /** The company register research reads (none by default: reports from the CRM only). */
    register?: CompanyRegister | null;
  } = {},
): Promise<TestApp> {
  const db = await migratedDatabase();
  const jobs = new JobQueue({ db, logger: silentLogger, poolSize: 2 });
  await jobs.start();
  const clock = options.clock ?? fixedClock('2026-11-24T09:00:00.000Z');
  let scoresStored = async (_tenantId: string, _leadIds: string[]) => {};
  const scoring = scoringJobs({
    prisma: db.prisma,
    clock,
    onScoresStored: (tenantId, leadIds) => scoresStored(tenantId, leadIds),
  });
  const crmConfig = options.crm ?? noCrmApps;
  const crm = testCrm({ prisma: db.prisma, jobs, scoring, clock }, crmConfig, {
    ...(options.bulkThreshold ? { bulkThreshold: options.bulkThreshold } : {}),
  });
  scoresStored = async (tenantId, leadIds) => {
    await crm.writeBackSoon(tenantId);
    if (leadIds.length > 0) await routeSoon(jobs, routing, tenantId, leadIds);
    if (leadIds.length > 0) await researchSoon(jobs, research, tenantId, leadIds);
  };
  const assistant = testAssistant(
    { prisma: db.prisma, clock },
    {
      llm: options.llm ?? null,
      ...(options.bus ? { bus: options.bus } : {}),
      box: crm.context.box,
      crm: crm.context,
      callEnded: async (tenantId, callId) => {
        await jobs.enqueue(calls.afterCall, tenantId, { callId }, { idempotencyKey: callId });
      },
    },
  );
  const calls = assistantJobs({ prisma: db.prisma, clock, crm: crm.context, leadsChanged: crm.leadsChanged });
  const routing = routingJobs({ prisma: db.prisma, clock: clock, ownerQueued: crm.writeBackSoon });
  const register = options.register ?? null;
  const research = researchJobs({ prisma: db.prisma, queue: jobs, clock, register, llm: options.llm ?? null });
  await defineJobs(
    jobs,
    [
      ...Object.values(scoring),
      ...Object.values(crm.jobs),
      ...Object.values(calls),
      ...Object.values(routing),
      ...Object.values(research),
    ] as JobDefinition<z.ZodType>[],
    options.workers ?? true,
  );
  const platforms = testPlatforms(
    { prisma: db.prisma, assistant, clock },
    {
      ...(options.zoom ? { zoom: options.zoom } : {}),
      ...(options.teams ? { teams: options.teams } : {}),
      ...(options.speech ? { speech: options.speech } : {}),
      publicUrl: options.publicUrl ?? crmConfig.publicUrl,
    },
  );
  const app = createApp({
    config: {
      bodyLimit: options.bodyLimit ?? '2mb',
      corsOrigins: [],
      ...crmConfig,
      ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
      registrationToken: options.registrationToken,
    },
    db,
    jobs,
    scoring,
    crm,
    assistant,
    platforms,
    research: { jobs: research, register },
    logger: silentLogger,
    clock,
    version: 'test',
  });
  return {
    app,
    db,
    jobs,
    scoring,
    crm,
    assistant,
    calls,
    async close() {
      await platforms.close();
      assistant.close();
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
