import type { Prisma } from '../../db/generated/client.ts';
import type { ScopedClient } from '../../db/tenant-scope.ts';
import type { ScopedTransaction } from '../../db/tenant-db.ts';

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
  /** Objections and competitor mentions heard on the lead's most recent call. */
  callSignals: { objections: number; competitors: number };
}

type Reader = ScopedClient | ScopedTransaction;

/** Loads the contexts of the given leads in a fixed number of queries, whatever their count. */
export async function loadLeadContexts(db: Reader, leadIds: string[]): Promise<LeadContext[]> {
  if (leadIds.length === 0) return [];
  const leads = await db.lead.findMany({ where: { id: { in: leadIds } } });
  const companyIds = [...new Set(leads.map((l) => l.companyId).filter((id): id is string => id !== null))];
  const [companies, activities, opportunities, calls] = await Promise.all([
    companyIds.length ? db.company.findMany({ where: { id: { in: companyIds } } }) : [],
    db.activity.findMany({ where: { leadId: { in: leadIds } }, orderBy: { occurredAt: 'asc' } }),
    db.opportunity.findMany({ where: { leadId: { in: leadIds } } }),
    db.call.findMany({
      where: { leadId: { in: leadIds } },
      orderBy: { startedAt: 'desc' },
      select: { id: true, leadId: true, suggestions: { select: { kind: true } } },
    }),
  ]);
  const openIds = opportunities.filter((o) => !o.isClosed).map((o) => o.id);
  const pushes = openIds.length
    ? await db.auditLog.findMany({
        where: { recordType: 'Opportunity', recordId: { in: openIds }, action: 'update' },
        select: { recordId: true, details: true },
      })
    : [];
  const pushesByOpportunity = new Map<string, number>();
  for (const entry of pushes)
    if (((entry.details as { changed?: string[] }).changed ?? []).includes('closeDate'))
      pushesByOpportunity.set(entry.recordId, (pushesByOpportunity.get(entry.recordId) ?? 0) + 1);

  const companyById = new Map(companies.map((c) => [c.id, c]));
  const group = <T extends { leadId: string | null }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) if (row.leadId) map.set(row.leadId, [...(map.get(row.leadId) ?? []), row]);
    return map;
  };
  const activitiesByLead = group(activities);
  const opportunitiesByLead = group(opportunities);
  const lastCallByLead = new Map<string, (typeof calls)[number]>();
  for (const call of calls) if (call.leadId && !lastCallByLead.has(call.leadId)) lastCallByLead.set(call.leadId, call);

  return leads.map((lead) => {
    const deals = opportunitiesByLead.get(lead.id) ?? [];
    const lastCall = lastCallByLead.get(lead.id);
    return {
      lead,
      company: lead.companyId ? (companyById.get(lead.companyId) ?? null) : null,
      activities: activitiesByLead.get(lead.id) ?? [],
      opportunities: deals,
      closeDatePushes: deals.reduce((sum, d) => sum + (pushesByOpportunity.get(d.id) ?? 0), 0),
      callSignals: {
        objections: lastCall?.suggestions.filter((s) => s.kind === 'objection').length ?? 0,
        competitors: lastCall?.suggestions.filter((s) => s.kind === 'competitor').length ?? 0,
      },
    };
  });
}
