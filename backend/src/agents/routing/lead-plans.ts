import type { MatchedAccount, RoutingRule } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { evTier } from '../scoring/scorer-setup.ts';
import { accountIndexOf, accountOwners, matchAccount } from './accounts.ts';
import { plansFor, type Plan } from './decide.ts';
import type { RoutingContext } from './rule-match.ts';

type LeadWithCompany = Prisma.LeadGetPayload<{ include: { company: true } }>;

export interface LeadPlan {
  lead: LeadWithCompany;
  tier: 'hot' | 'warm' | 'cold';
  matched: MatchedAccount | null;
  plans: Plan[];
}

/**
 * What routing reads of each lead before anyone is chosen: its latest score (and EV tier), the account it matches
 * and that account's owner, and the rules that match it. Read for a whole batch at once.
 */
export async function planLeads(
  tenant: TenantDb,
  leads: LeadWithCompany[],
  rules: RoutingRule[],
  tiers: { hot: number; warm: number },
): Promise<LeadPlan[]> {
  const [scores, index] = await Promise.all([
    tenant.client.$queryRaw<
      { leadId: string; ev: number; pConvert: number; expectedValue: number; risk: number; urgency: number }[]
    >`
      SELECT DISTINCT ON ("leadId") "leadId", "ev", "pConvert", "expectedValue"::float8 AS "expectedValue", "risk", "urgency"
        FROM "Score" WHERE "tenantId" = ${tenant.tenantId} AND "leadId" = ANY(${leads.map((lead) => lead.id)}::text[])
       ORDER BY "leadId", "scoredAt" DESC`,
    accountIndexOf(tenant),
  ]);
  const scoreOf = new Map(scores.map((score) => [score.leadId, score]));
  const matches = leads.map((lead) => matchAccount(index, lead));
  const owners = await accountOwners(
    tenant,
    matches.flatMap((match) => (match ? [match.companyId] : [])),
  );
  return leads.map((lead, position) => {
    const score = scoreOf.get(lead.id);
    const tier = score ? evTier(score.ev, tiers) : 'cold';
    const context: RoutingContext = {
      lead: lead as unknown as RoutingContext['lead'],
      company: lead.company as unknown as RoutingContext['company'],
      score: score ? { ...score, evTier: tier } : null,
    };
    const matched = matches[position] ?? null;
    return {
      lead,
      tier,
      matched,
      plans: plansFor(rules, context, matched ? (owners.get(matched.companyId) ?? null) : null),
    };
  });
}
