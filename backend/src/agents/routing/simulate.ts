import type { RoutingRule, RoutingSimulation, RoutingSimulationRow } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { decide } from './decide.ts';
import { planLeads } from './lead-plans.ts';
import type { PoolCounts } from './pool-choice.ts';
import { sdrOf } from './sdr-of.ts';
import { startOfDay } from './working-hours.ts';

/**
 * A proposed rule set replayed over the latest leads, oldest first, each as at its arrival: working hours, leave and
 * pauses at that instant, daily caps and pool shares counted within the replay (starting from nothing). Open-lead
 * caps are not replayed: who would still hold which lead weeks later cannot be known. Nothing is written.
 */
export async function simulateRouting(
  tenant: TenantDb,
  proposal: { rules: RoutingRule[]; leads: number },
): Promise<RoutingSimulation> {
  const db = tenant.client;
  const [settings, users, newest] = await Promise.all([
    readSettings(db),
    db.user.findMany({ orderBy: { name: 'asc' } }),
    db.lead.findMany({
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: proposal.leads,
      include: { company: true },
    }),
  ]);
  const leads = newest.reverse();
  const work = await planLeads(tenant, leads, proposal.rules, settings.scoring.evTiers);
  const sdrs = new Map(users.map((user) => [user.id, sdrOf(user)]));
  const daily = new Map<string, number>();
  const dayKey = (userId: string, at: Date) => `${userId}\u0000${startOfDay(at, sdrs.get(userId)!.timeZone).getTime()}`;
  const pools = new Map<string, PoolCounts>();
  const poolKey = (ruleId: string, userId: string) => `${ruleId}\u0000${userId}`;

  const rows = new Map<string | null, RoutingSimulationRow>();
  const row = (userId: string | null) => {
    let found = rows.get(userId);
    if (!found) {
      const name = userId ? (users.find((user) => user.id === userId)?.name ?? 'Unknown user') : 'Nobody';
      found = { userId, name, current: 0, proposed: 0, proposedByTier: { hot: 0, warm: 0, cold: 0 } };
      rows.set(userId, found);
    }
    return found;
  };
  const byRule = new Map<string | null, number>();
  let moved = 0;

  for (const { lead, tier, plans } of work) {
    const choice = decide(plans, {
      tier,
      language: lead.language,
      at: lead.createdAt,
      hasRuleSet: true,
      fallbackUserId: settings.routing.fallbackUserId,
      accountName: lead.company?.name ?? lead.companyName,
      sdr: (id) => sdrs.get(id),
      load: (id) => ({ openLeads: 0, assignedToday: daily.get(dayKey(id, lead.createdAt)) ?? 0 }),
      poolCounts: (ruleId, id) => pools.get(poolKey(ruleId, id)) ?? { total: 0, byTier: {} },
    });
    if (choice.userId) {
      const key = dayKey(choice.userId, lead.createdAt);
      daily.set(key, (daily.get(key) ?? 0) + 1);
      if (choice.rule?.target.type === 'pool') {
        const counts = pools.get(poolKey(choice.rule.id, choice.userId)) ?? { total: 0, byTier: {} };
        counts.total += 1;
        counts.byTier[tier] = (counts.byTier[tier] ?? 0) + 1;
        pools.set(poolKey(choice.rule.id, choice.userId), counts);
      }
    }
    row(lead.ownerId).current += 1;
    const proposed = row(choice.userId);
    proposed.proposed += 1;
    proposed.proposedByTier[tier] += 1;
    if (choice.userId !== lead.ownerId) moved += 1;
    byRule.set(choice.rule?.id ?? null, (byRule.get(choice.rule?.id ?? null) ?? 0) + 1);
  }

  return {
    leads: leads.length,
    from: leads[0]?.createdAt.toISOString() ?? null,
    to: leads.at(-1)?.createdAt.toISOString() ?? null,
    moved,
    byRule: [
      ...proposal.rules
        .filter((rule) => byRule.has(rule.id))
        .map((rule) => ({ ruleId: rule.id, name: rule.name, leads: byRule.get(rule.id)! })),
      ...(byRule.has(null)
        ? [{ ruleId: null, name: 'No rule: the fallback owner, or nobody', leads: byRule.get(null)! }]
        : []),
    ],
    distribution: [...rows.values()].sort(
      (a, b) => b.proposed - a.proposed || b.current - a.current || a.name.localeCompare(b.name),
    ),
  };
}
