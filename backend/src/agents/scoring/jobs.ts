import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { trainFromCrm } from './crm-training.ts';
import { loadScorer } from './scorer-setup.ts';
import { loadLeadContexts } from './lead-context.ts';
import { insertScores, scoreContexts, scoreStoredLeads } from './scoring-service.ts';

const ACTOR = 'scoring-agent';
const CHUNK = 1000;

/** The scoring agent's background work: rescoring changed leads, rescoring a whole tenant, and training. */
export function scoringJobs(deps: {
  prisma: PrismaClient;
  clock: Clock;
  /** Told after scores were stored, so they can travel on (to the CRM, to routing); a rescore of all names none. */
  onScoresStored?: (tenantId: string, leadIds: string[]) => Promise<void>;
}) {
  const rescoreLeads = {
    name: 'scoring.rescore-leads',
    payload: z.object({ leadIds: z.array(z.string()).min(1).max(CHUNK) }),
    order: 'parallel',
    concurrency: 2,
    retryLimit: 3,
    retryDelay: 1,
    handler: async ({ leadIds }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      const scored = await scoreStoredLeads(tenant, leadIds, { store: true, now: deps.clock.now() });
      await deps.onScoresStored?.(context.tenantId, leadIds);
      return { scored: scored.length };
    },
  } satisfies JobDefinition<z.ZodObject<{ leadIds: z.ZodArray<z.ZodString> }>>;

  const rescoreAll = {
    name: 'scoring.rescore-all',
    payload: z.object({}),
    order: 'ordered',
    expireInSeconds: 3600,
    handler: async (_payload, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      const now = deps.clock.now();
      const scorer = await loadScorer(tenant, now);
      const total = await tenant.client.lead.count();
      let done = 0;
      await context.reportProgress({ done, total, message: 'Rescoring leads' });
      const page = (after?: string) =>
        tenant.client.lead.findMany({
          select: { id: true },
          orderBy: { id: 'asc' },
          take: CHUNK,
          ...(after ? { where: { id: { gt: after } } } : {}),
        });
      // A pipeline: while one page is scored here, the database reads the next page and writes the previous scores.
      let nextPage = page();
      let writing: Promise<void> = Promise.resolve();
      for (;;) {
        const ids = (await nextPage).map((lead) => lead.id);
        if (ids.length === 0) break;
        const contexts = loadLeadContexts(tenant, ids);
        nextPage = page(ids[ids.length - 1]);
        const rows = scoreContexts(await contexts, scorer, now);
        await writing;
        writing = insertScores(tenant, rows, scorer.model?.id ?? null, now).then(() => undefined);
        done += ids.length;
        await context.reportProgress({ done, total, message: 'Rescoring leads' });
      }
      await writing;
      await deps.onScoresStored?.(context.tenantId, []);
      return { scored: done, modelVersion: scorer.model?.version ?? null };
    },
  } satisfies JobDefinition<z.ZodObject<Record<string, never>>>;

  const train = {
    name: 'scoring.train',
    payload: z.object({ windowDays: z.number().int().min(7).max(730).optional() }),
    order: 'ordered',
    expireInSeconds: 3600,
    retryLimit: 1,
    handler: async ({ windowDays }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      const result = await trainFromCrm(tenant, {
        now: deps.clock.now(),
        ...(windowDays !== undefined ? { windowDays } : {}),
        onProgress: (done, total, message) => context.reportProgress({ done, total, message }),
      });
      return {
        modelVersion: result.version?.version ?? null,
        promoted: result.promoted,
        message: result.message,
        labelled: result.labelled,
        positives: result.positives,
        rocAuc: result.metrics?.rocAuc ?? null,
      };
    },
  } satisfies JobDefinition<z.ZodObject<{ windowDays: z.ZodOptional<z.ZodNumber> }>>;

  return { rescoreLeads, rescoreAll, train };
}

export type ScoringJobs = ReturnType<typeof scoringJobs>;
