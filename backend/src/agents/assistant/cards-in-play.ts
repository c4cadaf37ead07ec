import type { BattlecardsInPlay, BattlecardsInPlayQuery, CompetitorInPlay } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import { AgentProblem } from '../agent-problem.ts';
import { cardView, competitorView } from './battlecards.ts';

/** The leads and deals a record stands for: itself, a deal's lead, or everyone and every deal at an account. */
async function recordScope(tenant: TenantDb, query: BattlecardsInPlayQuery) {
  const db = tenant.client;
  const asLead = async (leadId: string) => ({
    leadIds: [leadId],
    opportunityIds: (await db.opportunity.findMany({ where: { leadId }, select: { id: true } })).map((o) => o.id),
  });
  const asDeal = (deal: { id: string; leadId: string | null }) => ({
    leadIds: deal.leadId ? [deal.leadId] : [],
    opportunityIds: [deal.id],
  });
  if (query.leadId) {
    const lead = await db.lead.findFirst({ where: { id: query.leadId }, select: { id: true } });
    return lead ? asLead(lead.id) : null;
  }
  if (query.opportunityId) {
    const deal = await db.opportunity.findFirst({
      where: { id: query.opportunityId },
      select: { id: true, leadId: true },
    });
    return deal ? asDeal(deal) : null;
  }
  const crmId = query.crmId!;
  const lead = await db.lead.findFirst({ where: { crmId }, select: { id: true } });
  if (lead) return asLead(lead.id);
  const deal = await db.opportunity.findFirst({ where: { crmId }, select: { id: true, leadId: true } });
  if (deal) return asDeal(deal);
  const company = await db.company.findFirst({ where: { crmId }, select: { id: true } });
  if (!company) return null;
  const [people, deals] = await Promise.all([
    db.lead.findMany({ where: { companyId: company.id }, select: { id: true } }),
    db.opportunity.findMany({ where: { companyId: company.id }, select: { id: true } }),
  ]);
  return { leadIds: people.map((p) => p.id), opportunityIds: deals.map((d) => d.id) };
}

const normal = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The competitors in play on a record, for its battlecard panel: those named on its calls (the live assistant
 * records every competitor it hears as a suggestion) and those its deals list in their competitor field, each with
 * its cards. Most recently heard first; competitors only a deal lists come after, by name.
 */
export async function cardsInPlay(
  tenant: TenantDb,
  query: BattlecardsInPlayQuery,
  now: Date,
): Promise<BattlecardsInPlay> {
  const scope = await recordScope(tenant, query);
  if (!scope) throw new AgentProblem(404, 'No lead, contact, deal or account with this id for your tenant');
  const db = tenant.client;
  const [heard, deals, competitors] = await Promise.all([
    db.$queryRaw<{ competitorId: string; calls: number; lastAt: Date }[]>`
      SELECT s."signal" ->> 'competitorId' AS "competitorId", count(DISTINCT s."callId")::int AS "calls",
             max(s."createdAt") AS "lastAt"
        FROM "Suggestion" s
        JOIN "Call" c ON c."tenantId" = s."tenantId" AND c."id" = s."callId"
       WHERE s."tenantId" = ${tenant.tenantId} AND s."kind" = 'competitor'
         AND (c."leadId" = ANY(${scope.leadIds}::text[]) OR c."opportunityId" = ANY(${scope.opportunityIds}::text[]))
       GROUP BY 1`,
    db.opportunity.findMany({
      where: { id: { in: scope.opportunityIds }, NOT: { competitors: { isEmpty: true } } },
      select: { id: true, competitors: true },
    }),
    db.competitor.findMany({ orderBy: { name: 'asc' } }),
  ]);
  // A deal's competitor field is free text: matched to the tenant's competitors by name or alias.
  const byName = new Map<string, string>();
  for (const competitor of competitors)
    for (const name of [competitor.name, ...competitor.aliases]) byName.set(normal(name), competitor.id);
  const dealsOf = new Map<string, Set<string>>();
  for (const deal of deals)
    for (const name of deal.competitors) {
      const id = byName.get(normal(name));
      if (id) dealsOf.set(id, (dealsOf.get(id) ?? new Set()).add(deal.id));
    }
  const heardOf = new Map(heard.map((row) => [row.competitorId, row]));
  const inPlay = competitors.filter((c) => heardOf.has(c.id) || dealsOf.has(c.id));
  const cards = await db.battlecard.findMany({
    where: { competitorId: { in: inPlay.map((c) => c.id) } },
    orderBy: { title: 'asc' },
  });
  const data: CompetitorInPlay[] = inPlay.map((competitor) => {
    const calls = heardOf.get(competitor.id);
    return {
      competitor: competitorView(competitor),
      cards: cards.filter((card) => card.competitorId === competitor.id).map((card) => cardView(card, now)),
      mentions: {
        calls: calls?.calls ?? 0,
        deals: [...(dealsOf.get(competitor.id) ?? [])].sort(),
        lastAt: calls?.lastAt.toISOString() ?? null,
      },
    };
  });
  data.sort((a, b) => (b.mentions.lastAt ?? '').localeCompare(a.mentions.lastAt ?? ''));
  return { data };
}
