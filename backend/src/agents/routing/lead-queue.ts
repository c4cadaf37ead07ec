import {
  queuePriority,
  type EvTier,
  type LeadQueue,
  type LeadQueueQuery,
  type LeadStatus,
  type SlaState,
} from '@sdr/shared';
import { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { evTier } from '../scoring/scorer-setup.ts';
import { AgentProblem } from '../agent-problem.ts';

interface QueueRow {
  id: string;
  crmId: string;
  crmType: 'lead' | 'contact';
  firstName: string | null;
  lastName: string;
  title: string | null;
  companyName: string | null;
  email: string | null;
  phone: string | null;
  status: LeadStatus;
  ev: number | null;
  expectedValue: number | null;
  currency: string | null;
  risk: number | null;
  urgency: number | null;
  scoredAt: Date | null;
  slaDueAt: Date | null;
  slaState: SlaState | null;
  lastTouchAt: Date | null;
}

/**
 * "My leads now": a user's open leads in the order to work them — the highest priority first (the contract's
 * `queuePriority`: EV lifted by Urgency, so leads with no urgency still rank by value), then untouched leads nearest
 * their first-touch deadline. One query: each lead's latest score, the routing decision that gave it to this user,
 * and its last touch.
 */
export async function leadQueue(tenant: TenantDb, query: LeadQueueQuery): Promise<LeadQueue> {
  const user = await tenant.client.user.findFirst({
    where: query.userId ? { id: query.userId } : { crmUserId: query.crmUserId },
    select: { id: true, name: true },
  });
  if (!user) throw new AgentProblem(404, 'No user with this id for your tenant');
  const { scoring } = await readSettings(tenant.client);
  const tiers = scoring.evTiers;
  const tierFilter: Record<EvTier, Prisma.Sql> = {
    hot: Prisma.sql`AND s."ev" >= ${tiers.hot}`,
    warm: Prisma.sql`AND s."ev" >= ${tiers.warm} AND s."ev" < ${tiers.hot}`,
    cold: Prisma.sql`AND (s."ev" IS NULL OR s."ev" < ${tiers.warm})`,
  };
  const rows = await tenant.client.$queryRaw<QueueRow[]>`
    SELECT l."id", l."crmId", l."crmType", l."firstName", l."lastName", l."title", l."companyName", l."email",
           l."phone", l."status", s."ev", s."expectedValue"::float8 AS "expectedValue", s."currency", s."risk",
           s."urgency", s."scoredAt", d."slaDueAt", d."slaState", a."lastTouchAt"
      FROM "Lead" l
      LEFT JOIN LATERAL (
        SELECT "ev", "expectedValue", "currency", "risk", "urgency", "scoredAt" FROM "Score"
         WHERE "tenantId" = l."tenantId" AND "leadId" = l."id" ORDER BY "scoredAt" DESC LIMIT 1) s ON true
      LEFT JOIN LATERAL (
        SELECT "slaDueAt", "slaState" FROM "RoutingDecision"
         WHERE "tenantId" = l."tenantId" AND "leadId" = l."id" AND "assigneeId" = l."ownerId"
         ORDER BY "createdAt" DESC LIMIT 1) d ON true
      LEFT JOIN LATERAL (
        SELECT max("occurredAt") AS "lastTouchAt" FROM "Activity"
         WHERE "tenantId" = l."tenantId" AND "leadId" = l."id") a ON true
     WHERE l."tenantId" = ${tenant.tenantId} AND l."ownerId" = ${user.id} AND l."convertedAt" IS NULL
       ${query.status ? Prisma.sql`AND l."status" = ${query.status}` : Prisma.empty}
       ${query.tier ? tierFilter[query.tier] : Prisma.empty}
     -- queuePriority's order: EV × (100 + Urgency), before its scaling and rounding.
     ORDER BY (s."ev" * (100 + s."urgency")) DESC NULLS LAST,
              CASE WHEN d."slaState" = 'pending' THEN d."slaDueAt" END ASC NULLS LAST,
              l."createdAt" DESC, l."id"
     LIMIT ${query.limit}`;
  return {
    user,
    data: rows.map((row) => ({
      lead: {
        id: row.id,
        crmId: row.crmId,
        crmType: row.crmType,
        name: [row.firstName, row.lastName].filter(Boolean).join(' '),
        title: row.title,
        companyName: row.companyName,
        email: row.email,
        phone: row.phone,
        status: row.status,
      },
      score:
        row.ev === null
          ? null
          : {
              ev: row.ev,
              evTier: evTier(row.ev, tiers),
              expectedValue: { amount: row.expectedValue ?? 0, currency: row.currency ?? scoring.currency },
              risk: row.risk ?? 0,
              urgency: row.urgency ?? 0,
              scoredAt: row.scoredAt!.toISOString(),
            },
      priority: queuePriority(row.ev === null ? null : { ev: row.ev, urgency: row.urgency ?? 0 }),
      sla: row.slaDueAt && row.slaState ? { dueAt: row.slaDueAt.toISOString(), state: row.slaState } : null,
      lastTouchAt: row.lastTouchAt?.toISOString() ?? null,
    })),
  };
}
