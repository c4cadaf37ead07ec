import { randomUUID } from 'node:crypto';
import type {
  MatchedAccount,
  RoutingCandidate,
  RoutingDecision,
  RoutingRule,
  RoutingSkip,
  WorkingHours,
} from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import { AgentProblem } from '../agent-problem.ts';
import type { Prisma } from '../../db/generated/client.ts';
import type { ScopedTransaction, TenantDb } from '../../db/tenant-db.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { evTier } from '../scoring/scorer-setup.ts';
import { AccountIndex } from './account-matching.ts';
import { skipReason, type LeadNeeds, type Sdr, type SdrLoad } from './eligibility.ts';
import { choosePoolMember, type PoolCounts } from './pool-choice.ts';
import { ruleMatches, type RoutingContext } from './rule-match.ts';

/**
 * Routes one lead: its account is matched first, then the active rule set's rules are tried in order until one
 * matches and yields an eligible SDR; nobody eligible anywhere goes to the tenant's fallback owner, or stays
 * unassigned. The choice and its bookkeeping happen in one transaction that first locks the candidates' rows, so
 * caps hold and pool shares stay exact however many leads are routed at once, on any number of replicas.
 */

type UserRow = Prisma.UserGetPayload<object>;
type DecisionRow = Prisma.RoutingDecisionGetPayload<object>;

const DAY_MS = 86_400_000;

function sdrOf(user: UserRow): Sdr {
  const periods = Array.isArray(user.outOfOffice) ? (user.outOfOffice as { start: string; end: string }[]) : [];
  return {
    id: user.id,
    active: user.active,
    timeZone: user.timeZone,
    workingHours: user.workingHours as WorkingHours[],
    languages: user.languages,
    skills: user.skills,
    capacity: user.capacity,
    dailyCap: user.dailyCap,
    weight: user.weight,
    outOfOffice: periods.map((period) => ({ start: new Date(period.start), end: new Date(period.end) })),
    pausedUntil: user.pausedUntil,
  };
}

export function decisionView(row: DecisionRow, ruleSetVersion: number | null): RoutingDecision {
  return {
    id: row.id,
    leadId: row.leadId,
    ruleSetId: row.ruleSetId,
    ruleSetVersion,
    ruleId: row.ruleId,
    assigneeId: row.assigneeId,
    matchedAccount: (row.matchedAccount as MatchedAccount | null) ?? null,
    candidates: row.candidates as RoutingCandidate[],
    skipped: row.skipped as RoutingSkip[],
    reason: row.reason,
    slaDueAt: row.slaDueAt?.toISOString() ?? null,
    firstTouchAt: row.firstTouchAt?.toISOString() ?? null,
    reassignedFrom: row.reassignedFrom,
    createdAt: row.createdAt.toISOString(),
  };
}

interface Plan {
  rule: RoutingRule | null;
  candidates: string[];
  pool: { userId: string; weight: number }[] | null;
}

export async function routeLead(
  tenant: TenantDb,
  leadId: string,
  deps: {
    clock: Clock;
    skillsOf?: (lead: RoutingContext) => string[];
    /** A new owner waits in the CRM outbox: the write-back drain should run. */
    ownerQueued?: (tenantId: string) => Promise<void>;
  },
): Promise<RoutingDecision> {
  const db = tenant.client;
  const lead = await db.lead.findFirst({ where: { id: leadId }, include: { company: true } });
  if (!lead) throw new AgentProblem(404, 'No lead with this id for your tenant');
  const [settings, ruleSet, score] = await Promise.all([
    readSettings(db),
    db.routingRuleSet.findFirst({ where: { active: true } }),
    db.score.findFirst({ where: { leadId }, orderBy: { scoredAt: 'desc' } }),
  ]);
  const tier = score ? evTier(score.ev, settings.scoring.evTiers) : 'cold';
  const context: RoutingContext = {
    lead: lead as unknown as RoutingContext['lead'],
    company: lead.company as unknown as RoutingContext['company'],
    score: score ? { ...score, evTier: tier, expectedValue: Number(score.expectedValue) } : null,
  };
  const matched = await matchAccount(tenant, lead);
  const accountOwner = matched ? await ownerOfAccount(tenant, matched.companyId) : null;
  const needs: LeadNeeds = { language: lead.language, skills: deps.skillsOf?.(context) ?? [] };
  const rules = ruleSet ? (ruleSet.rules as RoutingRule[]) : [];
  const plans: Plan[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, context)) continue;
    if (rule.target.type === 'user') plans.push({ rule, candidates: [rule.target.userId], pool: null });
    else if (rule.target.type === 'pool')
      plans.push({ rule, candidates: rule.target.members.map((m) => m.userId), pool: rule.target.members });
    else if (accountOwner) plans.push({ rule, candidates: [accountOwner], pool: null });
  }
  const now = deps.clock.now();
  const crmConnected = (await db.crmConnection.count()) > 0;
  let ownerQueued = false;

  const made = await tenant.write(async (tx) => {
    const everyone = [...new Set([...plans.flatMap((plan) => plan.candidates), settings.routing.fallbackUserId ?? ''])]
      .filter(Boolean)
      .sort();
    // Locked in one order, so concurrent routings wait for each other instead of deadlocking.
    const users = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "User" WHERE "tenantId" = ${tenant.tenantId} AND "id" = ANY(${everyone}::text[])
       ORDER BY "id" FOR UPDATE`;
    const rows = await tx.user.findMany({ where: { id: { in: users.map((u) => u.id) } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const loads = await loadsOf(
      tx,
      tenant.tenantId,
      users.map((u) => u.id),
      now,
    );
    const skipped: RoutingSkip[] = [];
    let chosen: { rule: RoutingRule | null; userId: string; candidates: RoutingCandidate[]; reason: string } | null =
      null;

    for (const plan of plans) {
      const eligible: RoutingCandidate[] = [];
      for (const userId of plan.candidates) {
        const user = byId.get(userId);
        const load = loads.get(userId) ?? { openLeads: 0, assignedToday: 0 };
        const why = user ? skipReason(sdrOf(user), needs, load, now) : 'inactive';
        if (why) skipped.push({ userId, reason: why });
        else eligible.push({ userId, weight: user!.weight, ...load });
      }
      if (eligible.length === 0) continue;
      let userId = eligible[0]!.userId;
      if (plan.pool) {
        const counts = await poolCountsOf(
          tx,
          tenant.tenantId,
          plan.rule!.id,
          eligible.map((c) => c.userId),
        );
        const members = plan.pool.filter((m) => eligible.some((c) => c.userId === m.userId));
        userId = choosePoolMember(members, (id) => counts.get(id) ?? { total: 0, byTier: {} }, tier)!;
        await bumpPoolCount(tx, tenant.tenantId, plan.rule!.id, userId, tier);
      }
      const name = plan.rule!.name;
      const how =
        plan.rule!.target.type === 'pool'
          ? `the ${tier} lead went to whoever was furthest behind their share of the pool`
          : plan.rule!.target.type === 'account_owner'
            ? `they own ${lead.companyName ?? 'the matched account'}`
            : 'the rule names them';
      chosen = { rule: plan.rule, userId, candidates: eligible, reason: `Rule "${name}" matched; ${how}.` };
      break;
    }
    const fallback = settings.routing.fallbackUserId;
    if (!chosen && fallback && byId.get(fallback)?.active)
      chosen = {
        rule: null,
        userId: fallback,
        candidates: [],
        reason: plans.length
          ? 'Nobody the matching rules name could take the lead; it went to the fallback owner.'
          : 'No rule matched; the lead went to the fallback owner.',
      };
    const slaMinutes = chosen?.rule?.slaMinutes ?? settings.routing.defaultSlaMinutes;
    const decision = await tx.routingDecision.create({
      data: {
        id: randomUUID(),
        leadId,
        ruleSetId: ruleSet?.id ?? null,
        ruleId: chosen?.rule?.id ?? null,
        assigneeId: chosen?.userId ?? null,
        matchedAccount: (matched ?? undefined) as Prisma.InputJsonValue | undefined,
        candidates: (chosen?.candidates ?? []) as unknown as Prisma.InputJsonValue,
        skipped: skipped as unknown as Prisma.InputJsonValue,
        reason:
          chosen?.reason ??
          (ruleSet
            ? plans.length
              ? 'Nobody the matching rules name could take the lead, and there is no fallback owner.'
              : 'No rule matched and there is no fallback owner.'
            : 'There is no active rule set.'),
        slaDueAt: chosen ? new Date(now.getTime() + slaMinutes * 60_000) : null,
        createdAt: now,
      } as Prisma.RoutingDecisionUncheckedCreateInput,
    });
    if (chosen && chosen.userId !== lead.ownerId) {
      await tx.lead.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: leadId } },
        data: { ownerId: chosen.userId },
      });
      // The CRM record gets its new owner through the outbox, with the lead's scores if they are waiting too.
      const ownerCrmId = byId.get(chosen.userId)?.crmUserId;
      if (crmConnected && ownerCrmId && lead.crmId) {
        await tx.$executeRaw`
          INSERT INTO "CrmWriteBack" ("tenantId", "id", "objectType", "crmId", "kind", "fields", "updatedAt")
          VALUES (${tenant.tenantId}, ${randomUUID()}, ${lead.crmType === 'contact' ? 'contact' : 'lead'}, ${lead.crmId},
                  'owner', ${JSON.stringify({ owner: ownerCrmId })}::jsonb, CURRENT_TIMESTAMP)
          ON CONFLICT ("tenantId", "kind", "objectType", "crmId") DO UPDATE
            SET "fields" = EXCLUDED."fields", "attempts" = 0, "lastError" = NULL, "updatedAt" = CURRENT_TIMESTAMP`;
        ownerQueued = true;
      }
    }
    return decisionView(decision, ruleSet?.version ?? null);
  });
  if (ownerQueued) await deps.ownerQueued?.(tenant.tenantId);
  return made;
}

/** Open leads and leads assigned since the start of the day (UTC) of each user, read under the users' locks. */
async function loadsOf(tx: ScopedTransaction, tenantId: string, userIds: string[], now: Date) {
  const loads = new Map<string, SdrLoad>();
  if (userIds.length === 0) return loads;
  const dayStart = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS).toISOString();
  const rows = await tx.$queryRaw<{ id: string; open: number; today: number }[]>`
    SELECT u."id",
           (SELECT count(*)::int FROM "Lead" l
             WHERE l."tenantId" = u."tenantId" AND l."ownerId" = u."id" AND l."convertedAt" IS NULL) AS open,
           (SELECT count(*)::int FROM "RoutingDecision" d
             WHERE d."tenantId" = u."tenantId" AND d."assigneeId" = u."id"
               AND d."createdAt" >= (${dayStart}::timestamptz AT TIME ZONE 'UTC')) AS today
      FROM "User" u WHERE u."tenantId" = ${tenantId} AND u."id" = ANY(${userIds}::text[])`;
  for (const row of rows) loads.set(row.id, { openLeads: row.open, assignedToday: row.today });
  return loads;
}

async function poolCountsOf(tx: ScopedTransaction, tenantId: string, ruleId: string, userIds: string[]) {
  const rows = await tx.routingPoolCount.findMany({ where: { ruleId, userId: { in: userIds } } });
  return new Map<string, PoolCounts>(
    rows.map((row) => [row.userId, { total: row.total, byTier: row.byTier as Record<string, number> }]),
  );
}

async function bumpPoolCount(tx: ScopedTransaction, tenantId: string, ruleId: string, userId: string, tier: string) {
  await tx.$executeRaw`
    INSERT INTO "RoutingPoolCount" ("tenantId", "ruleId", "userId", "total", "byTier")
    VALUES (${tenantId}, ${ruleId}, ${userId}, 1, jsonb_build_object(${tier}::text, 1))
    ON CONFLICT ("tenantId", "ruleId", "userId") DO UPDATE
      SET "total" = "RoutingPoolCount"."total" + 1,
          "byTier" = "RoutingPoolCount"."byTier"
                     || jsonb_build_object(${tier}::text, COALESCE(("RoutingPoolCount"."byTier" ->> ${tier})::int, 0) + 1)`;
}

/** Per tenant, the account index and what it was built from; rebuilt when the tenant's companies change. */
const accountIndexes = new Map<string, { stamp: string; index: AccountIndex }>();

/** The accounts a lead may belong to: the tenant's companies, not the stand-ins a CRM lead's own fields make. */
async function accountIndexOf(tenant: TenantDb): Promise<AccountIndex> {
  const [row] = await tenant.client.$queryRaw<{ stamp: string }[]>`
    SELECT count(*) || ':' || coalesce(max("updatedAt")::text, '') AS stamp FROM "Company" WHERE "tenantId" = ${tenant.tenantId}`;
  const stamp = row?.stamp ?? '';
  const cached = accountIndexes.get(tenant.tenantId);
  if (cached?.stamp === stamp) return cached.index;
  const accounts = await tenant.client.company.findMany({
    where: { NOT: { crmId: { startsWith: 'lead:' } } },
    select: { id: true, name: true, domain: true },
  });
  const index = new AccountIndex(accounts);
  accountIndexes.set(tenant.tenantId, { stamp, index });
  return index;
}

async function matchAccount(
  tenant: TenantDb,
  lead: {
    companyId: string | null;
    companyName: string | null;
    email: string | null;
    company: { website: string | null; crmId: string | null } | null;
  },
): Promise<MatchedAccount | null> {
  const companyId = lead.company?.crmId?.startsWith('lead:') ? null : lead.companyId;
  return (await accountIndexOf(tenant)).match({
    companyId,
    companyName: lead.companyName,
    email: lead.email,
    website: lead.company?.website ?? null,
  });
}

/**
 * Whoever works the account: the owner of most of its people and deals (CRM accounts carry no owner into the
 * suite yet, so it is read from what the account's records say).
 */
async function ownerOfAccount(tenant: TenantDb, companyId: string): Promise<string | null> {
  const [row] = await tenant.client.$queryRaw<{ ownerId: string }[]>`
    SELECT "ownerId" FROM (
      SELECT "ownerId" FROM "Lead" WHERE "tenantId" = ${tenant.tenantId} AND "companyId" = ${companyId} AND "ownerId" IS NOT NULL
      UNION ALL
      SELECT "ownerId" FROM "Opportunity"
       WHERE "tenantId" = ${tenant.tenantId} AND "companyId" = ${companyId} AND "ownerId" IS NOT NULL
    ) owners GROUP BY "ownerId" ORDER BY count(*) DESC, "ownerId" LIMIT 1`;
  return row?.ownerId ?? null;
}
