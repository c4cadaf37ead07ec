import { z } from 'zod';
import { RescoreRequest } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import { idsByCrmId } from '../../integrations/crm/record-store.ts';
import type { JobDefinition } from '../../jobs/queue.ts';
import { trainFromCrm } from './crm-training.ts';
import { loadScorer } from './scorer-setup.ts';
import { loadLeadContexts } from './lead-context.ts';
import { insertScores, scoreContexts, scoreStoredLeads } from './scoring-service.ts';

const ACTOR = 'scoring-agent';
const CHUNK = 1000;
/** A job's output stays small: the count says how many CRM ids were unknown, the list shows the first of them. */
const NOT_FOUND_LISTED = 1000;

/** The stored leads behind CRM ids (in the order given, once each) and the ids no stored lead has. */
async function leadIdsOf(tenant: TenantDb, crmIds: string[]): Promise<{ leadIds: string[]; notFound: string[] }> {
  const unique = [...new Set(crmIds)];
  const byCrmId = await idsByCrmId(tenant.client, tenant.tenantId, 'Lead', unique);
  return {
    leadIds: unique.flatMap((crmId) => byCrmId.get(crmId) ?? []),
    notFound: unique.filter((crmId) => !byCrmId.has(crmId)),
  };
}

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
    payload: RescoreRequest,
    order: 'ordered',
    expireInSeconds: 3600,
    handler: async ({ crmIds }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      const now = deps.clock.now();
      const scorer = await loadScorer(tenant, now);
      const chosen = crmIds ? await leadIdsOf(tenant, crmIds) : null;
      const total = chosen ? chosen.leadIds.length : await tenant.client.lead.count();
      let done = 0;
      await context.reportProgress({ done, total, message: 'Rescoring leads' });
      let read = 0;
      const page = async (after?: string): Promise<string[]> => {
        if (chosen) {
          read += CHUNK;
          return chosen.leadIds.slice(read - CHUNK, read);
        }
        const leads = await tenant.client.lead.findMany({
          select: { id: true },
          orderBy: { id: 'asc' },
          take: CHUNK,
          ...(after ? { where: { id: { gt: after } } } : {}),
        });
        return leads.map((lead) => lead.id);
      };
      // A pipeline: while one page is scored here, the database reads the next page and writes the previous scores.
      let nextPage = page();
      let writing: Promise<void> = Promise.resolve();
      for (;;) {
        const ids = await nextPage;
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
      // Like a whole rescore, a chosen set only travels to the CRM: new scores alone never move leads between SDRs.
      await deps.onScoresStored?.(context.tenantId, []);
      return {
        scored: done,
        modelVersion: scorer.model?.version ?? null,
        ...(chosen
          ? { notFoundCount: chosen.notFound.length, notFound: chosen.notFound.slice(0, NOT_FOUND_LISTED) }
          : {}),
      };
    },
  } satisfies JobDefinition<typeof RescoreRequest>;

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
