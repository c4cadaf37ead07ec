import { randomUUID } from 'node:crypto';
import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { ScoringJobs } from '../agents/scoring/jobs.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../logger.ts';
import type { CrmContext } from '../integrations/crm/crm-access.ts';
import type { CrmJobs } from '../integrations/crm/jobs.ts';
import { oauthCallbacks } from './oauth-callbacks.ts';
import { crmRoutes } from './routes/crm.ts';
import { fieldMappingRoutes } from './routes/field-mapping.ts';
import { hubspotWebhooks } from './webhooks/hubspot.ts';
import { requireTenant } from './auth.ts';
import { problemHandler, unknownRoute } from './problems.ts';
import { activityRoutes } from './routes/activities.ts';
import { companyRoutes } from './routes/companies.ts';
import { jobRoutes } from './routes/jobs.ts';
import { leadRoutes } from './routes/leads.ts';
import { modelRoutes } from './routes/models.ts';
import { tenantRoutes } from './routes/tenants.ts';
import { operationRoutes } from './routes/operations.ts';
import { scoreRoutes } from './routes/scores.ts';
import type { AssistantAgent } from '../agents/assistant/setup.ts';
import { battlecardRoutes } from './routes/battlecards.ts';
import { callRoutes } from './routes/calls.ts';
import { routingRoutes } from './routes/routing.ts';
import { userRoutes } from './routes/users.ts';
import { settingsRoutes } from './routes/settings.ts';
import { recordingRoutes } from './routes/recordings.ts';
import { callPlatformRoutes } from './routes/call-platforms.ts';
import { competitorRoutes } from './routes/competitors.ts';
import { callStream } from './call-stream.ts';
import { previewRoutes } from './preview.ts';
import { apiDocsRoutes } from './api-docs.ts';
import { researchRoutes } from './routes/research.ts';
import { opportunityRoutes } from './routes/opportunities.ts';
import { hubspotRequests } from './hubspot-requests.ts';
import type { ResearchJobs } from '../agents/research/jobs.ts';
import type { CompanyRegister } from '../agents/research/company-register.ts';
import type { CallPlatforms } from '../integrations/calls/platforms.ts';
import { zoomWebhooks } from '../integrations/calls/zoom/webhook.ts';

/** Everything the HTTP app depends on; tests pass their own (an in-memory database, a fixed clock, stand-in ports). */
export interface AppDependencies {
  config: Pick<Config, 'bodyLimit' | 'corsOrigins' | 'publicUrl' | 'hubspot'> &
    Partial<Pick<Config, 'registrationToken'>>;
  db: Database;
  jobs: JobQueue;
  /** The scoring agent's job definitions, enqueued by the routes (and worked wherever workers run). */
  scoring: ScoringJobs;
  /** The CRM integration: its context (sealing key, app registrations) and its jobs. */
  crm: { context: CrmContext; jobs: CrmJobs; writeBackSoon: (tenantId: string) => Promise<void> };
  /** The live-call assistant: battlecards, calls and their event fan-out. */
  assistant: AssistantAgent;
  /** The call platforms delivering into the assistant (Zoom, Teams). */
  platforms: CallPlatforms;
  /** The research agent's jobs and the company register it reads (null: none configured, CRM facts only). */
  research: { jobs: ResearchJobs; register: CompanyRegister | null };
  logger: Logger;
  clock: Clock;
  version: string;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function createApp(deps: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: deps.logger,
      // Keep a caller's request id when it is sane, so one id follows a request from the CRM to our logs.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(helmet());
  // Closed unless origins are configured: CRM components call through Apex and hubspot.fetch, not from browsers.
  app.use(cors({ origin: deps.config.corsOrigins.length > 0 ? deps.config.corsOrigins : false }));
  // Before the JSON parser: the signature covers the raw bytes.
  app.use(
    hubspotWebhooks({
      prisma: deps.db.prisma,
      jobs: deps.jobs,
      crm: deps.crm.jobs,
      clock: deps.clock,
      config: deps.config,
    }),
  );
  app.use(
    zoomWebhooks({
      secretToken: deps.platforms.zoom.secretToken,
      sink: deps.platforms.sink,
      accounts: deps.platforms.accounts,
      rtms: deps.platforms.zoom.rtms,
      clock: deps.clock,
      logger: deps.logger,
    }),
  );
  if (deps.platforms.teams) app.use(deps.platforms.teams.router);
  app.use(hubspotRequests({ prisma: deps.db.prisma, clock: deps.clock, config: deps.config }));
  app.use(express.json({ limit: deps.config.bodyLimit, type: ['application/json', 'application/*+json'] }));

  app.use(operationRoutes(deps.db, { version: deps.version, publicUrl: deps.config.publicUrl }));
  // The components' browser preview: public files; the page sends the API key itself on every call.
  app.use(previewRoutes());
  // The API reference: Swagger UI on /v1/openapi.json, public as the document is, with its own policy.
  app.use(apiDocsRoutes());
  app.use(tenantRoutes({ prisma: deps.db.prisma, registrationToken: deps.config.registrationToken }));
  app.use(
    oauthCallbacks({
      prisma: deps.db.prisma,
      jobs: deps.jobs,
      crm: deps.crm.jobs,
      context: deps.crm.context,
      clock: deps.clock,
      logger: deps.logger,
    }),
  );
  // Streams authenticate on their own (a call token, for EventSource), so they come before the API-key check.
  app.get('/v1/calls/:id/events', callStream({ prisma: deps.db.prisma, assistant: deps.assistant }));
  app.use('/v1', requireTenant(deps.db.prisma));
  const agents = { jobs: deps.jobs, scoring: deps.scoring, clock: deps.clock };
  app.use(leadRoutes(agents));
  app.use(activityRoutes(agents));
  app.use(companyRoutes(agents));
  app.use(opportunityRoutes());
  app.use(scoreRoutes(agents));
  app.use(modelRoutes(agents));
  app.use(jobRoutes(deps.jobs));
  app.use(crmRoutes({ jobs: deps.jobs, crm: deps.crm.jobs, context: deps.crm.context, clock: deps.clock }));
  app.use(fieldMappingRoutes({ context: deps.crm.context }));
  app.use(competitorRoutes({ cardIndexes: deps.assistant.cardIndexes }));
  app.use(battlecardRoutes({ clock: deps.clock, cardIndexes: deps.assistant.cardIndexes, llm: deps.assistant.llm }));
  app.use(settingsRoutes());
  app.use(userRoutes());
  app.use(routingRoutes({ clock: deps.clock, ownerQueued: deps.crm.writeBackSoon }));
  app.use(recordingRoutes({ platforms: deps.platforms }));
  app.use(callRoutes({ assistant: deps.assistant, publicUrl: deps.config.publicUrl }));
  app.use(
    researchRoutes({
      jobs: deps.jobs,
      research: deps.research.jobs,
      clock: deps.clock,
    }),
  );
  app.use(callPlatformRoutes({ publicUrl: deps.config.publicUrl, teams: deps.platforms.teams }));

  app.use(unknownRoute);
  app.use(problemHandler(deps.logger));
  return app;
}
