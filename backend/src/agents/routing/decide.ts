import type { RoutingCandidate, RoutingRule, RoutingSkip } from '@sdr/shared';
import { skipReason, type Sdr, type SdrLoad } from './eligibility.ts';
import { choosePoolMember, type PoolCounts } from './pool-choice.ts';
import { ruleMatches, type RoutingContext } from './rule-match.ts';

/**
 * The routing decision itself, with no database in sight: the same function routes a live lead (inside the locked
 * transaction of `route-lead.ts`), replays recent leads for a simulation, and is what the benchmark times.
 */

/** A rule that matches the lead, with the SDRs it would give the lead to. */
export interface Plan {
  rule: RoutingRule;
  candidates: string[];
  pool: { userId: string; weight: number }[] | null;
}

/** The matching rules in order. An account-owner rule only counts when the lead matched an account with an owner. */
export function plansFor(rules: RoutingRule[], context: RoutingContext, accountOwner: string | null): Plan[] {
  const plans: Plan[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, context)) continue;
    if (rule.target.type === 'user') plans.push({ rule, candidates: [rule.target.userId], pool: null });
    else if (rule.target.type === 'pool')
      plans.push({ rule, candidates: rule.target.members.map((m) => m.userId), pool: rule.target.members });
    else if (accountOwner) plans.push({ rule, candidates: [accountOwner], pool: null });
  }
  return plans;
}

/** Every SDR the plans (and the fallback owner) could name: the rows the decision must read, and lock. */
export function usersInPlay(plans: Plan[], fallbackUserId: string | null): string[] {
  const ids = new Set(plans.flatMap((plan) => plan.candidates));
  if (fallbackUserId) ids.add(fallbackUserId);
  return [...ids].sort();
}

export interface Situation {
  /** The lead's EV tier: pools balance each tier on its own. */
  tier: string;
  /** The lead's language, when known; each rule adds the skills it asks for. */
  language: string | null;
  at: Date;
  hasRuleSet: boolean;
  fallbackUserId: string | null;
  accountName: string | null;
  sdr(userId: string): Sdr | undefined;
  load(userId: string): SdrLoad;
  poolCounts(ruleId: string, userId: string): PoolCounts;
  /** An assignee who let the first-touch deadline pass: the lead goes to someone else this time. */
  passOver?: string | null;
}

export interface Choice {
  rule: RoutingRule | null;
  userId: string | null;
  candidates: RoutingCandidate[];
  skipped: RoutingSkip[];
  reason: string;
}

const NO_LOAD: SdrLoad = { openLeads: 0, assignedToday: 0 };

export function decide(plans: Plan[], situation: Situation): Choice {
  const skipped: RoutingSkip[] = [];
  for (const plan of plans) {
    // Rule sets saved before rules named skills have none.
    const needs = { language: situation.language, skills: plan.rule.skills ?? [] };
    const eligible: RoutingCandidate[] = [];
    for (const userId of plan.candidates) {
      const sdr = situation.sdr(userId);
      const load = sdr ? situation.load(userId) : NO_LOAD;
      const why =
        userId === situation.passOver ? 'missed_sla' : sdr ? skipReason(sdr, needs, load, situation.at) : 'inactive';
      if (why) skipped.push({ userId, reason: why });
      else eligible.push({ userId, weight: sdr!.weight, ...load });
    }
    if (eligible.length === 0) continue;
    const rule = plan.rule;
    let userId = eligible[0]!.userId;
    if (plan.pool) {
      const members = plan.pool.filter((member) => eligible.some((candidate) => candidate.userId === member.userId));
      userId = choosePoolMember(members, (id) => situation.poolCounts(rule.id, id), situation.tier) ?? userId;
    }
    const how =
      rule.target.type === 'pool'
        ? `the ${situation.tier} lead went to whoever was furthest behind their share of the pool`
        : rule.target.type === 'account_owner'
          ? `they own ${situation.accountName ?? 'the matched account'}`
          : 'the rule names them';
    return { rule, userId, candidates: eligible, skipped, reason: `Rule "${rule.name}" matched; ${how}.` };
  }
  const fallback = situation.fallbackUserId;
  const fallbackSdr = fallback ? situation.sdr(fallback) : undefined;
  if (fallback && fallback !== situation.passOver && fallbackSdr?.active)
    return {
      rule: null,
      userId: fallback,
      candidates: [],
      skipped,
      reason: plans.length
        ? 'Nobody the matching rules name could take the lead; it went to the fallback owner.'
        : 'No rule matched; the lead went to the fallback owner.',
    };
  return {
    rule: null,
    userId: null,
    candidates: [],
    skipped,
    reason: !situation.hasRuleSet
      ? 'There is no active rule set.'
      : plans.length
        ? 'Nobody the matching rules name could take the lead, and there is no fallback owner.'
        : 'No rule matched and there is no fallback owner.',
  };
}
