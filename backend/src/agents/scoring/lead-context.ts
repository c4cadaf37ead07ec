import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';

export type LeadRow = Prisma.LeadGetPayload<object>;
export type CompanyRow = Prisma.CompanyGetPayload<object>;
export type ActivityRow = Prisma.ActivityGetPayload<object>;
export type OpportunityRow = Prisma.OpportunityGetPayload<object>;

/** Everything scoring knows about one lead: the record, its company, its touches and its deals. */
export interface LeadContext {
  lead: LeadRow;
  company: CompanyRow | null;
  activities: ActivityRow[];
  opportunities: OpportunityRow[];
  /** Times the close date of an open deal was moved later (from the audit trail). */
  closeDatePushes: number;
  /** When the longest-waiting open deal entered its current stage (its last stage change, else its creation). */
  stageEnteredAt: Date | null;
  /** Objections and competitor mentions heard on the lead's most recent call. */
  callSignals: { objections: number; competitors: number };
}

interface ContextRow {
  lead: Record<string, unknown>;
  company: Record<string, unknown> | null;
  activities: Record<string, unknown>[];
  opportunities: Record<string, unknown>[];
  pushes: number;
  stageEnteredAt: Date | null;
  objections: number;
  competitors: number;
}

// Timestamps come back from to_jsonb without an offset; they are stored in UTC.
const instant = (value: unknown) =>
  typeof value === 'string' ? new Date(/[Zz]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`) : null;

function withDates<T>(row: Record<string, unknown>, fields: string[]): T {
  const out: Record<string, unknown> = { ...row };
  for (const field of fields) out[field] = instant(row[field]);
  return out as T;
}

/**
 * Loads the contexts of the given leads in one query, whatever their count: the lead with its company, touches
 * (oldest first), deals, the close-date pushes of its open deals (from the audit trail) and the signals of its most
 * recent call. One round trip matters here: a single-lead score is mostly this read. Raw SQL is not scoped by the
 * client extension, so the tenant comes from the caller's scope, as it does there.
 */
export async function loadLeadContexts(tenant: TenantDb, leadIds: string[]): Promise<LeadContext[]> {
  if (leadIds.length === 0) return [];
  const rows = await tenant.client.$queryRaw<ContextRow[]>`
    SELECT to_jsonb(l) AS lead,
           to_jsonb(c) AS company,
           COALESCE((SELECT jsonb_agg(to_jsonb(a) ORDER BY a."occurredAt", a."id") FROM "Activity" a
                     WHERE a."tenantId" = l."tenantId" AND a."leadId" = l."id"), '[]'::jsonb) AS activities,
           COALESCE((SELECT jsonb_agg(to_jsonb(o)) FROM "Opportunity" o
                     WHERE o."tenantId" = l."tenantId" AND o."leadId" = l."id"), '[]'::jsonb) AS opportunities,
           (SELECT count(*)::int FROM "Opportunity" o
              JOIN "AuditLog" al ON al."tenantId" = o."tenantId" AND al."recordType" = 'Opportunity' AND al."recordId" = o."id"
             WHERE o."tenantId" = l."tenantId" AND o."leadId" = l."id" AND NOT o."isClosed"
               AND al."action" = 'update' AND al."details" -> 'changed' ? 'closeDate') AS pushes,
           (SELECT min(COALESCE(
                     (SELECT max(sc."at") FROM "AuditLog" sc
                       WHERE sc."tenantId" = o."tenantId" AND sc."recordType" = 'Opportunity' AND sc."recordId" = o."id"
                         AND sc."action" = 'update' AND sc."details" -> 'changed' ? 'stage'),
                     o."createdAt"))
              FROM "Opportunity" o
             WHERE o."tenantId" = l."tenantId" AND o."leadId" = l."id" AND NOT o."isClosed") AS "stageEnteredAt",
           COALESCE(last_call.objections, 0) AS objections,
           COALESCE(last_call.competitors, 0) AS competitors
      FROM "Lead" l
      LEFT JOIN "Company" c ON c."tenantId" = l."tenantId" AND c."id" = l."companyId"
      LEFT JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s."kind" = 'objection')::int AS objections,
               count(*) FILTER (WHERE s."kind" = 'competitor')::int AS competitors
          FROM "Suggestion" s
         WHERE s."tenantId" = l."tenantId"
           AND s."callId" = (SELECT k."id" FROM "Call" k WHERE k."tenantId" = l."tenantId" AND k."leadId" = l."id"
                              ORDER BY k."startedAt" DESC LIMIT 1)
      ) last_call ON true
     WHERE l."tenantId" = ${tenant.tenantId} AND l."id" = ANY(${leadIds}::text[])`;
  return rows.map((row) => ({
    lead: withDates<LeadRow>(row.lead, ['convertedAt', 'crmUpdatedAt', 'createdAt', 'updatedAt']),
    company: row.company ? withDates<CompanyRow>(row.company, ['createdAt', 'updatedAt']) : null,
    activities: row.activities.map((a) => withDates<ActivityRow>(a, ['occurredAt', 'createdAt'])),
    opportunities: row.opportunities.map((o) => withDates<OpportunityRow>(o, ['closeDate', 'createdAt', 'updatedAt'])),
    closeDatePushes: row.pushes,
    stageEnteredAt: row.stageEnteredAt ? new Date(row.stageEnteredAt) : null,
    callSignals: { objections: row.objections, competitors: row.competitors },
  }));
}
