import type { Clock } from '../../clock.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { reassignMissed, type MissedDecision } from './route-lead.ts';

/**
 * First-touch SLA. Every decision that assigns a lead starts a clock (`slaDueAt`, from the rule or the tenant's
 * default). A touch of the lead (call, e-mail, meeting: any activity) after the decision stops it: met when in time;
 * when late, it is recorded as missed but the lead stays, since someone is working it. A deadline that passes with
 * no touch moves the lead once, to the next eligible SDR by the same rules; a decision that is itself such a move
 * is not moved again. A new decision, a new owner set in the CRM or a conversion closes the clock.
 */

const BATCH = 500;

export interface SlaCheck {
  met: number;
  late: number;
  closed: number;
  reassigned: number;
  /** Missed, but nobody else could take the lead, or it had been moved once already. */
  kept: number;
}

export async function checkFirstTouch(
  tenant: TenantDb,
  deps: {
    clock: Clock;
    ownerQueued?: (tenantId: string) => Promise<void>;
  },
): Promise<SlaCheck> {
  const now = deps.clock.now();
  const { tenantId } = tenant;
  const [touched, closed] = await tenant.write(async (tx) => {
    const touchedRows = await tx.$queryRaw<{ late: boolean }[]>`
      UPDATE "RoutingDecision" d
         SET "firstTouchAt" = t."first",
             "slaState" = CASE WHEN t."first" <= d."slaDueAt" THEN 'met' ELSE 'missed' END,
             "slaMissedAt" = CASE WHEN t."first" <= d."slaDueAt" THEN NULL ELSE d."slaDueAt" END
        FROM (SELECT p."id", min(a."occurredAt") AS "first"
                FROM "RoutingDecision" p
                JOIN "Activity" a ON a."tenantId" = p."tenantId" AND a."leadId" = p."leadId"
                                 AND a."occurredAt" >= p."createdAt"
               WHERE p."tenantId" = ${tenantId} AND p."slaState" = 'pending'
               GROUP BY p."id") t
       WHERE d."tenantId" = ${tenantId} AND d."id" = t."id"
      RETURNING d."slaState" = 'missed' AS late`;
    const closedCount = await tx.$executeRaw`
      UPDATE "RoutingDecision" d SET "slaState" = 'closed'
        FROM "Lead" l
       WHERE d."tenantId" = ${tenantId} AND d."slaState" = 'pending'
         AND l."tenantId" = d."tenantId" AND l."id" = d."leadId"
         AND (l."convertedAt" IS NOT NULL OR l."ownerId" IS DISTINCT FROM d."assigneeId")`;
    return [touchedRows, closedCount] as const;
  });
  const check: SlaCheck = {
    met: touched.filter((row) => !row.late).length,
    late: touched.filter((row) => row.late).length,
    closed,
    reassigned: 0,
    kept: 0,
  };
  const due = await tenant.client.routingDecision.findMany({
    where: { slaState: 'pending', slaDueAt: { lte: now }, assigneeId: { not: null } },
    orderBy: { slaDueAt: 'asc' },
    take: BATCH,
    select: { id: true, leadId: true, assigneeId: true, slaDueAt: true, reassignedFrom: true },
  });
  for (const decision of due) {
    const missed: MissedDecision = {
      id: decision.id,
      leadId: decision.leadId,
      assigneeId: decision.assigneeId!,
      slaDueAt: decision.slaDueAt!,
    };
    if (decision.reassignedFrom) {
      // Moved once already: the miss is recorded and the lead stays.
      const marked = await tenant.client.routingDecision.updateMany({
        where: { id: decision.id, slaState: 'pending' },
        data: { slaState: 'missed', slaMissedAt: decision.slaDueAt },
      });
      check.kept += marked.count;
      continue;
    }
    const moved = await reassignMissed(tenant, missed, deps);
    if (moved?.reassignedFrom) check.reassigned += 1;
    else if (moved) check.kept += 1;
  }
  return check;
}
