import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import type { LlmPort } from '../../integrations/llm/index.ts';
import { readSettings } from '../../tenancy/settings.ts';
import type { CompanyRegister } from './company-register.ts';
import { requestResearch, runResearch } from './research-service.ts';

const ACTOR = 'research-agent';
const CHUNK = 1000;

/** The research agent's background work: writing one report, and researching new leads' companies when asked to. */
export function researchJobs(deps: {
  prisma: PrismaClient;
  queue: JobQueue;
  clock: Clock;
  register: CompanyRegister | null;
  llm: LlmPort | null;
}) {
  const agent = { register: deps.register, llm: deps.llm, now: () => deps.clock.now() };

  const researchCompany = {
    name: 'research.company',
    payload: z.object({ reportId: z.string() }),
    order: 'parallel',
    concurrency: 4,
    // A failed report says so and can be asked for again; retrying here would only hide the failure for longer.
    retryLimit: 0,
    expireInSeconds: 300,
    handler: async ({ reportId }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      const report = await runResearch(tenant, reportId, agent, context.signal);
      return { reportId, status: report?.status ?? 'already taken' };
    },
  } satisfies JobDefinition<z.ZodObject<{ reportId: z.ZodString }>>;

  const researchLeads = {
    name: 'research.new-leads',
    payload: z.object({ leadIds: z.array(z.string()).min(1).max(CHUNK) }),
    order: 'parallel',
    concurrency: 1,
    retryLimit: 2,
    retryDelay: 30,
    handler: async ({ leadIds }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, ACTOR);
      if (!(await readSettings(tenant.client)).research.autoResearch)
        return { started: 0, skipped: 'auto-research is off' };
      const companies = await tenant.client.lead.findMany({
        where: { id: { in: leadIds }, companyId: { not: null } },
        select: { companyId: true },
        distinct: ['companyId'],
      });
      let started = 0;
      for (const { companyId } of companies) {
        const { report, created } = await requestResearch(
          tenant,
          { companyId: companyId!, refresh: false },
          deps.clock.now(),
        );
        if (!created) continue;
        await deps.queue.enqueue(researchCompany, context.tenantId, { reportId: report.id });
        started += 1;
      }
      return { started };
    },
  } satisfies JobDefinition<z.ZodObject<{ leadIds: z.ZodArray<z.ZodString> }>>;

  return { researchCompany, researchLeads };
}

export type ResearchJobs = ReturnType<typeof researchJobs>;

/** Leads just created or changed: their companies are researched when the tenant has auto-research on. */
export async function researchSoon(queue: JobQueue, jobs: ResearchJobs, tenantId: string, leadIds: string[]) {
  for (let start = 0; start < leadIds.length; start += CHUNK)
    await queue.enqueue(jobs.researchLeads, tenantId, { leadIds: leadIds.slice(start, start + CHUNK) });
}
