import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import type { JobDefinition, JobQueue } from '../../jobs/queue.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { checkFirstTouch } from './first-touch-sla.ts';
import * as routing from './route-lead.ts';

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
      const decisions = await routing.routeLeads(
        tenant,
        waiting.map((lead) => lead.id),
        deps,
      );
      return { routed: decisions.length, assigned: decisions.filter((d) => d.assigneeId).length };
    },
  } satisfies JobDefinition<z.ZodObject<{ leadIds: z.ZodArray<z.ZodString> }>>;

  const checkSla = {
    name: 'routing.check-first-touch',
    payload: z.object({}),
    order: 'ordered',
    retryLimit: 2,
    retryDelay: 10,
    handler: async (_payload, context) =>
      checkFirstTouch(new TenantDb(deps.prisma, context.tenantId, 'routing-agent'), deps),
  } satisfies JobDefinition<z.ZodObject<Record<string, never>>>;

  return { routeLeads, checkSla };
}

export type RoutingJobs = ReturnType<typeof routingJobs>;

/** Leads just scored: the ones without an owner are routed, in chunks, when the tenant routes automatically. */
export async function routeSoon(queue: JobQueue, jobs: RoutingJobs, tenantId: string, leadIds: string[]) {
  for (let start = 0; start < leadIds.length; start += CHUNK)
    await queue.enqueue(jobs.routeLeads, tenantId, { leadIds: leadIds.slice(start, start + CHUNK) });
}

/**
 * Every tenant with a first-touch clock running gets its check, once per interval however many replicas ask (the
 * job's key is the interval's number). Only pending decisions are read, through their own partial index.
 */
export async function checkFirstTouchSoon(
  prisma: PrismaClient,
  queue: JobQueue,
  jobs: RoutingJobs,
  intervalMs: number,
  now: Date,
) {
  const tenants = await prisma.$queryRaw<{ tenantId: string }[]>`
    SELECT DISTINCT "tenantId" FROM "RoutingDecision" WHERE "slaState" = 'pending'`;
  for (const { tenantId } of tenants)
    await queue.enqueue(
      jobs.checkSla,
      tenantId,
      {},
      { idempotencyKey: `every-${Math.floor(now.getTime() / intervalMs)}` },
    );
}
