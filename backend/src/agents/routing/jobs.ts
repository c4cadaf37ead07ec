import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { routeLead } from './route-lead.ts';

const CHUNK = 1000;

/**
 * Routing without being asked, for tenants that turn it on (`routing.autoRoute`): new and changed leads that have no
 * owner are routed once their scores are stored (the EV tier is part of the choice). A lead that has an owner keeps
 * them: a changed field is no reason to move a lead someone is working.
 */
export function routingJobs(deps: {
  prisma: PrismaClient;
  clock: Clock;
  ownerQueued: (tenantId: string) => Promise<void>;
}) {
  const routeLeads = {
    name: 'routing.route-leads',
    payload: z.object({ leadIds: z.array(z.string()).min(1).max(CHUNK) }),
    order: 'ordered',
    retryLimit: 3,
    retryDelay: 5,
    handler: async ({ leadIds }, context) => {
      const tenant = new TenantDb(deps.prisma, context.tenantId, 'routing-agent');
      if (!(await readSettings(tenant.client)).routing.autoRoute) return { routed: 0, skipped: 'auto-routing is off' };
      const waiting = await tenant.client.lead.findMany({
        where: { id: { in: leadIds }, ownerId: null },
        select: { id: true },
        orderBy: { createdAt: 'asc' },
      });
      for (const lead of waiting) await routeLead(tenant, lead.id, deps);
      return { routed: waiting.length };
    },
  } satisfies JobDefinition<z.ZodObject<{ leadIds: z.ZodArray<z.ZodString> }>>;

  return { routeLeads };
}

export type RoutingJobs = ReturnType<typeof routingJobs>;

/** Leads just scored: the ones without an owner are routed, in chunks, when the tenant routes automatically. */
export async function routeSoon(queue: JobQueue, jobs: RoutingJobs, tenantId: string, leadIds: string[]) {
  for (let start = 0; start < leadIds.length; start += CHUNK)
    await queue.enqueue(jobs.routeLeads, tenantId, { leadIds: leadIds.slice(start, start + CHUNK) });
}
