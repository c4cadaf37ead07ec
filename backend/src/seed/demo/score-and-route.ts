import type { Clock } from '../../clock.ts';
import type { PrismaClient } from '../../db/generated/client.ts';
import { TenantDb } from '../../db/tenant-db.ts';
import { routeLeads } from '../../agents/routing/route-lead.ts';
import { scoreStoredLeads } from '../../agents/scoring/scoring-service.ts';

const ACTOR = 'seed';
/** How far back "just arrived" reaches: older leads nobody took are the CRM's backlog, left as they are. */
const RECENT_DAYS = 14;

/**
 * Scores every demo lead, so the queue, the preview and the API show scores and priorities from the first request
 * rather than only for the leads someone opened.
 */
export async function scoreAllLeads(prisma: PrismaClient, tenantId: string, clock: Clock): Promise<number> {
  const tenant = new TenantDb(prisma, tenantId, ACTOR);
  const leads = await tenant.client.lead.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
  const scored = await scoreStoredLeads(
    tenant,
    leads.map((lead) => lead.id),
    { store: true, now: clock.now() },
  );
  return scored.length;
}

/**
 * Routes the demo's recent open leads that nobody owns yet by the team's published rule set, as
 * `POST /v1/routing/route` would: each gets its decision with the reason, and an owner with a first-touch deadline
 * where someone can take it now (the rules pass over SDRs outside their working hours, so at night some stay
 * unassigned, saying why).
 */
export async function routeUnownedLeads(prisma: PrismaClient, tenantId: string, clock: Clock): Promise<number> {
  const tenant = new TenantDb(prisma, tenantId, ACTOR);
  const waiting = await tenant.client.lead.findMany({
    where: {
      ownerId: null,
      convertedAt: null,
      status: { in: ['new', 'working'] },
      createdAt: { gte: new Date(clock.now().getTime() - RECENT_DAYS * 86_400_000) },
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
  });
  if (waiting.length === 0) return 0;
  const decisions = await routeLeads(
    tenant,
    waiting.map((lead) => lead.id),
    { clock },
  );
  return decisions.filter((decision) => decision.assigneeId).length;
}
