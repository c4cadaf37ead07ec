import { randomUUID } from 'node:crypto';
import { defaultTenantSettings } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { buildActivities } from './build-activities.ts';
import { buildCall } from './build-call.ts';
import { buildCompanies } from './build-companies.ts';
import { battlecardRow, competitorRow } from './build-competitors.ts';
import { buildLeads } from './build-leads.ts';
import { buildOpportunities } from './build-opportunities.ts';
import { routingRuleSet } from './build-routing-rules.ts';
import { buildUsers } from './build-users.ts';
import { createSeedContext } from './random.ts';
import { COMPETITORS } from './reference-data/competitors.ts';
import { DEMO_TENANT } from './tenant.ts';

/** Every row of the demo tenant, built in memory so it can be written in one transaction. */
export interface DemoData {
  tenant: Prisma.TenantCreateManyInput;
  users: Prisma.UserCreateManyInput[];
  companies: Prisma.CompanyCreateManyInput[];
  leads: Prisma.LeadCreateManyInput[];
  activities: Prisma.ActivityCreateManyInput[];
  opportunities: Prisma.OpportunityCreateManyInput[];
  competitors: Prisma.CompetitorCreateManyInput[];
  battlecards: Prisma.BattlecardCreateManyInput[];
  ruleSets: Prisma.RoutingRuleSetCreateManyInput[];
  calls: Prisma.CallCreateManyInput[];
  segments: Prisma.TranscriptSegmentCreateManyInput[];
  suggestions: Prisma.SuggestionCreateManyInput[];
}

/**
 * The builders draw from one seeded faker in a fixed order (users, companies, leads, activities, opportunities,
 * the call), so reordering these calls changes every record that follows.
 */
export function buildDemoData(tenantId: string, now: Date): DemoData {
  const ctx = createSeedContext(tenantId, now);
  const users = buildUsers(ctx);
  const companies = buildCompanies(ctx);
  const leads = buildLeads(ctx, companies, users);
  const activities = leads.flatMap((lead) => buildActivities(ctx, lead));
  const opportunities = leads.flatMap((lead) => buildOpportunities(ctx, lead));
  const cards = COMPETITORS.map((competitor) => ({
    competitor,
    competitorId: randomUUID(),
    battlecardId: randomUUID(),
  }));
  const call = buildCall(ctx, leads, users, cards);
  return {
    tenant: {
      id: tenantId,
      name: DEMO_TENANT.name,
      crm: DEMO_TENANT.crm,
      externalId: DEMO_TENANT.externalId,
      settings: defaultTenantSettings,
    },
    users: users.map((user) => user.row),
    companies: companies.map((company) => company.row),
    leads: leads.map((lead) => lead.row),
    activities,
    opportunities,
    competitors: cards.map((card) => competitorRow(ctx, card)),
    battlecards: cards.map((card) => battlecardRow(ctx, card)),
    ruleSets: [routingRuleSet(ctx, users)],
    calls: [call.call],
    segments: call.segments,
    suggestions: call.suggestions,
  };
}

/** How many rows of each kind the seed wrote, for the log. */
export function countsOf(data: DemoData) {
  return {
    users: data.users.length,
    companies: data.companies.length,
    leads: data.leads.length,
    converted: data.leads.filter((lead) => lead.convertedAt).length,
    activities: data.activities.length,
    opportunities: data.opportunities.length,
    competitors: data.competitors.length,
    battlecards: data.battlecards.length,
    routingRuleSets: data.ruleSets.length,
    calls: data.calls.length,
    transcriptSegments: data.segments.length,
    suggestions: data.suggestions.length,
  };
}
