import { randomUUID } from 'node:crypto';
import type {
  MatchedAccount,
  RoutingCandidate,
  RoutingDecision,
  RoutingRule,
  RoutingSkip,
  SlaState,
} from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import { AgentProblem } from '../agent-problem.ts';
import type { Prisma } from '../../db/generated/client.ts';
import { GroupedWrites } from '../../db/grouped-writes.ts';
import type { ScopedTransaction, TenantDb } from '../../db/tenant-db.ts';
import { readSettings } from '../../tenancy/settings.ts';
import { decide, usersInPlay } from './decide.ts';
import { planLeads } from './lead-plans.ts';
import type { Sdr, SdrLoad } from './eligibility.ts';
import { sdrOf } from './sdr-of.ts';
import type { PoolCounts } from './pool-choice.ts';
import { startOfDay } from './working-hours.ts';

/**
 * Routes leads: each lead's account is matched first, then the active rule set's rules are tried in order until one
 * matches and yields an eligible SDR; nobody eligible anywhere goes to the tenant's fallback owner, or stays
 * unassigned. A batch (automatic routing takes up to 1,000 leads at a time) is decided in one transaction that
 * first locks every candidate's row, then reads their loads and pool counts once, decides lead after lead in memory
 * (each choice counting towards the next) and writes everything in a handful of statements. Caps hold and pool
 * shares stay exact however many batches run at once, on any number of replicas.
 */

type UserRow = Prisma.UserGetPayload<object>;
type DecisionRow = Prisma.RoutingDecisionGetPayload<object>;

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
    slaState: row.slaState as SlaState | null,
    firstTouchAt: row.firstTouchAt?.toISOString() ?? null,
    slaMissedAt: row.slaMissedAt?.toISOString() ?? null,
    reassignedFrom: row.reassignedFrom,
    createdAt: row.createdAt.toISOString(),
  };
}

/** What the SLA check hands over: a decision whose first-touch deadline passed with the lead untouched. */
export interface MissedDecision {
  id: string;
  leadId: string;
  assigneeId: string;
  slaDueAt: Date;
}

type RouteDeps = {
  clock: Clock;
  /** A new owner waits in the CRM outbox: the write-back drain should run. */
  ownerQueued?: (tenantId: string) => Promise<void>;
};

export async function routeLead(tenant: TenantDb, leadId: string, deps: RouteDeps): Promise<RoutingDecision> {
  const [decision] = await routeTogether(tenant, [leadId], deps);
  if (!decision) throw new AgentProblem(404, 'No lead with this id for your tenant');
  return decision;
}

/** Routes leads in the order given; ids that name no lead of the tenant (deleted meanwhile) are passed over. */
export async function routeLeads(tenant: TenantDb, leadIds: string[], deps: RouteDeps): Promise<RoutingDecision[]> {
  return routeTogether(tenant, leadIds, deps);
}

/**
 * Concurrent routings of one tenant go together. Every routing locks the SDRs its rules name, so concurrent calls
 * over shared pools queued for each other one transaction at a time (127 single-lead calls a second from eight
 * clients). Calls arriving while one routing is in flight now wait for it and are then routed as one batch, in one
 * transaction, lead after lead in arrival order, which is exactly what the batch path guarantees for caps and shares.
 * Each caller gets its own leads' decisions. Grouped by tenant and actor, so the audit trail still names who routed.
 */
const routings = new GroupedWrites<{ tenant: TenantDb; leadIds: string[]; deps: RouteDeps }, RoutingDecision[]>(
  async (_, calls) => {
    const { tenant, deps } = calls[0]!;
    const decisions = await route(
      tenant,
      calls.flatMap((call) => call.leadIds),
      deps,
      null,
    );
    const byLead = new Map(decisions.map((decision) => [decision.leadId, decision]));
    return calls.map((call) => [...new Set(call.leadIds)].flatMap((id) => byLead.get(id) ?? []));
  },
);

function routeTogether(tenant: TenantDb, leadIds: string[], deps: RouteDeps): Promise<RoutingDecision[]> {
  return routings.write(`${tenant.tenantId}\u0000${tenant.actor}`, { tenant, leadIds, deps });
}

/**
 * The first-touch deadline passed and nobody touched the lead: it is taken from its assignee, once, and routed again
 * by the same rules with that assignee passed over. The miss is recorded on the old decision, the move as a new one
 * (`reassignedFrom`). Null when the lead was touched or the miss was handled meanwhile (another replica, a retry).
 */
export async function reassignMissed(
  tenant: TenantDb,
  missed: MissedDecision,
  deps: RouteDeps,
): Promise<RoutingDecision | null> {
  return (await route(tenant, [missed.leadId], deps, missed))[0] ?? null;
}

/** Rule sets are immutable versions: each is parsed once per process. */
const parsedRules = new Map<string, RoutingRule[]>();

async function activeRuleSet(tenant: TenantDb) {
  const active = await tenant.client.routingRuleSet.findFirst({
    where: { active: true },
    select: { id: true, version: true },
  });
  if (!active) return null;
  let rules = parsedRules.get(active.id);
  if (!rules) {
    const row = await tenant.client.routingRuleSet.findFirst({ where: { id: active.id }, select: { rules: true } });
    rules = (row?.rules ?? []) as RoutingRule[];
    if (parsedRules.size > 1000) parsedRules.clear();
    parsedRules.set(active.id, rules);
  }
  return { ...active, rules };
}

async function route(
  tenant: TenantDb,
  leadIds: string[],
  deps: RouteDeps,
  missed: MissedDecision | null,
): Promise<RoutingDecision[]> {
  const db = tenant.client;
  const found = await db.lead.findMany({ where: { id: { in: leadIds } }, include: { company: true } });
  if (found.length === 0) return [];
  const byId = new Map(found.map((lead) => [lead.id, lead]));
  const leads = [...new Set(leadIds)].flatMap((id) => byId.get(id) ?? []);
  const [settings, ruleSet, crmConnections] = await Promise.all([
    readSettings(db),
    activeRuleSet(tenant),
    db.crmConnection.count(),
  ]);
  const work = await planLeads(tenant, leads, ruleSet?.rules ?? [], settings.scoring.evTiers);
  const fallbackUserId = settings.routing.fallbackUserId;
  const now = deps.clock.now();
  let ownerQueued = false;

  const made = await tenant.write(async (tx) => {
    if (missed) {
      // Claimed in the same transaction as the move, and only while still untouched, so it happens once.
      const claimed = await tx.$executeRaw`
        UPDATE "RoutingDecision" d SET "slaState" = 'missed', "slaMissedAt" = ${missed.slaDueAt}
         WHERE d."tenantId" = ${tenant.tenantId} AND d."id" = ${missed.id} AND d."slaState" = 'pending'
           AND NOT EXISTS (SELECT 1 FROM "Activity" a WHERE a."tenantId" = d."tenantId" AND a."leadId" = d."leadId"
                            AND a."occurredAt" >= d."createdAt")`;
      if (claimed === 0) return [];
    }
    const inPlay = [...new Set(work.flatMap(({ plans }) => usersInPlay(plans, fallbackUserId)))].sort();
    // Locked in one order, so concurrent routings wait for each other instead of deadlocking.
    const rows = await tx.$queryRaw<UserRow[]>`
      SELECT * FROM "User" WHERE "tenantId" = ${tenant.tenantId} AND "id" = ANY(${inPlay}::text[])
       ORDER BY "id" FOR UPDATE`;
    const sdrs = new Map(rows.map((row) => [row.id, sdrOf(row)]));
    const loads = await loadsOf(tx, tenant.tenantId, [...sdrs.values()], now);
    const pools = await poolCountsOf(
      tx,
      tenant.tenantId,
      [...new Set(work.flatMap(({ plans }) => plans.filter((plan) => plan.pool).map((plan) => plan.rule.id)))],
      [...sdrs.keys()],
    );
    const poolKey = (ruleId: string, userId: string) => `${ruleId}\u0000${userId}`;
    const nameOf = (id: string) => rows.find((row) => row.id === id)?.name ?? 'The assignee';

    const decisions: Prisma.RoutingDecisionCreateManyInput[] = [];
    const bumps = new Map<string, { ruleId: string; userId: string; total: number; byTier: Record<string, number> }>();
    const newOwners: { leadId: string; userId: string }[] = [];
    const writeBacks: { objectType: string; crmId: string; owner: string }[] = [];
    for (const { lead, tier, matched, plans } of work) {
      const choice = decide(plans, {
        tier,
        language: lead.language,
        at: now,
        hasRuleSet: ruleSet !== null,
        fallbackUserId,
        accountName: lead.company?.name ?? lead.companyName,
        sdr: (id) => sdrs.get(id),
        load: (id) => loads.get(id) ?? { openLeads: 0, assignedToday: 0 },
        poolCounts: (ruleId, id) => pools.get(poolKey(ruleId, id)) ?? { total: 0, byTier: {} },
        passOver: missed?.assigneeId ?? null,
      });
      if (missed) {
        const late = `${nameOf(missed.assigneeId)} had not touched the lead by ${missed.slaDueAt.toISOString()}`;
        if (!choice.userId) {
          // Nobody else can take it: it stays where it is, and the decision says why.
          const kept = await tx.routingDecision.update({
            where: { tenantId_id: { tenantId: tenant.tenantId, id: missed.id } },
            data: { reason: `${late}; nobody else could take the lead, so it stays with them.` },
          });
          return [decisionView(kept, ruleSet?.version ?? null)];
        }
        choice.reason = `Reassigned: ${late}. ${choice.reason}`;
      }
      const slaMinutes = choice.rule?.slaMinutes ?? settings.routing.defaultSlaMinutes;
      decisions.push({
        tenantId: tenant.tenantId,
        id: randomUUID(),
        leadId: lead.id,
        ruleSetId: ruleSet?.id ?? null,
        ruleId: choice.rule?.id ?? null,
        assigneeId: choice.userId,
        matchedAccount: (matched ?? undefined) as Prisma.InputJsonValue | undefined,
        candidates: choice.candidates as unknown as Prisma.InputJsonValue,
        skipped: choice.skipped as unknown as Prisma.InputJsonValue,
        reason: choice.reason,
        slaDueAt: choice.userId ? new Date(now.getTime() + slaMinutes * 60_000) : null,
        slaState: choice.userId ? 'pending' : null,
        reassignedFrom: missed?.assigneeId ?? null,
        createdAt: now,
      });
      const userId = choice.userId;
      if (!userId) continue;
      // This choice counts towards the next lead's: the assignee's day and open leads, the pool's shares.
      const load = loads.get(userId) ?? { openLeads: 0, assignedToday: 0 };
      const moves = userId !== lead.ownerId;
      loads.set(userId, {
        assignedToday: load.assignedToday + 1,
        openLeads: load.openLeads + (moves && !lead.convertedAt ? 1 : 0),
      });
      const previous = lead.ownerId ? loads.get(lead.ownerId) : undefined;
      if (moves && previous && !lead.convertedAt)
        loads.set(lead.ownerId!, { ...previous, openLeads: Math.max(0, previous.openLeads - 1) });
      if (choice.rule?.target.type === 'pool') {
        const key = poolKey(choice.rule.id, userId);
        const counts = pools.get(key) ?? { total: 0, byTier: {} };
        pools.set(key, {
          total: counts.total + 1,
          byTier: { ...counts.byTier, [tier]: (counts.byTier[tier] ?? 0) + 1 },
        });
        const bump = bumps.get(key) ?? { ruleId: choice.rule.id, userId, total: 0, byTier: {} };
        bump.total += 1;
        bump.byTier[tier] = (bump.byTier[tier] ?? 0) + 1;
        bumps.set(key, bump);
      }
      if (!moves) continue;
      newOwners.push({ leadId: lead.id, userId });
      // The CRM record gets its new owner through the outbox, with the lead's scores if they are waiting too.
      const ownerCrmId = rows.find((row) => row.id === userId)?.crmUserId;
      if (crmConnections > 0 && ownerCrmId && lead.crmId)
        writeBacks.push({
          objectType: lead.crmType === 'contact' ? 'contact' : 'lead',
          crmId: lead.crmId,
          owner: ownerCrmId,
        });
    }
    const stored = await writeDecisions(tx, tenant.tenantId, now, {
      bumps: [...bumps.values()],
      newOwners,
      writeBacks,
      decisions,
    });
    ownerQueued = writeBacks.length > 0;
    const byDecision = new Map(stored.map((row) => [row.id, row]));
    return decisions.map((d) => decisionView(byDecision.get(d.id!)!, ruleSet?.version ?? null));
  });
  if (ownerQueued) await deps.ownerQueued?.(tenant.tenantId);
  return made;
}

/** A batch's bookkeeping in a few statements: pool counts, closed clocks, the decisions, new owners, the outbox. */
async function writeDecisions(
  tx: ScopedTransaction,
  tenantId: string,
  now: Date,
  batch: {
    bumps: { ruleId: string; userId: string; total: number; byTier: Record<string, number> }[];
    newOwners: { leadId: string; userId: string }[];
    writeBacks: { objectType: string; crmId: string; owner: string }[];
    decisions: Prisma.RoutingDecisionCreateManyInput[];
  },
): Promise<DecisionRow[]> {
  const { bumps, newOwners, writeBacks, decisions } = batch;
  if (bumps.length > 0)
    await tx.$executeRaw`
      INSERT INTO "RoutingPoolCount" AS c ("tenantId", "ruleId", "userId", "total", "byTier")
      SELECT ${tenantId}, b."ruleId", b."userId", b."total", b."byTier"::jsonb
        FROM unnest(${bumps.map((b) => b.ruleId)}::text[], ${bumps.map((b) => b.userId)}::text[],
                    ${bumps.map((b) => b.total)}::int[], ${bumps.map((b) => JSON.stringify(b.byTier))}::text[])
             AS b("ruleId", "userId", "total", "byTier")
      ON CONFLICT ("tenantId", "ruleId", "userId") DO UPDATE
        SET "total" = c."total" + EXCLUDED."total",
            "byTier" = (SELECT coalesce(jsonb_object_agg(k, coalesce((c."byTier" ->> k)::int, 0)
                                                           + coalesce((EXCLUDED."byTier" ->> k)::int, 0)), '{}'::jsonb)
                          FROM jsonb_object_keys(c."byTier" || EXCLUDED."byTier") AS k)`;
  const assigned = decisions.filter((d) => d.assigneeId).map((d) => d.leadId);
  if (assigned.length > 0)
    // A new assignment ends the first-touch clock of the lead's earlier ones.
    await tx.$executeRaw`
      UPDATE "RoutingDecision" SET "slaState" = 'closed'
       WHERE "tenantId" = ${tenantId} AND "leadId" = ANY(${assigned}::text[]) AND "slaState" = 'pending'`;
  const stored = await tx.routingDecision.createManyAndReturn({ data: decisions });
  if (newOwners.length > 0)
    await tx.$executeRaw`
      UPDATE "Lead" l SET "ownerId" = o."userId", "updatedAt" = ${now}
        FROM unnest(${newOwners.map((o) => o.leadId)}::text[], ${newOwners.map((o) => o.userId)}::text[])
             AS o("leadId", "userId")
       WHERE l."tenantId" = ${tenantId} AND l."id" = o."leadId"`;
  if (writeBacks.length > 0)
    await tx.$executeRaw`
      INSERT INTO "CrmWriteBack" ("tenantId", "id", "objectType", "crmId", "kind", "fields", "updatedAt")
      SELECT ${tenantId}, gen_random_uuid()::text, w."objectType", w."crmId", 'owner',
             jsonb_build_object('owner', w."owner"), CURRENT_TIMESTAMP
        FROM unnest(${writeBacks.map((w) => w.objectType)}::text[], ${writeBacks.map((w) => w.crmId)}::text[],
                    ${writeBacks.map((w) => w.owner)}::text[]) AS w("objectType", "crmId", "owner")
      ON CONFLICT ("tenantId", "kind", "objectType", "crmId") DO UPDATE
        SET "fields" = EXCLUDED."fields", "attempts" = 0, "lastError" = NULL, "updatedAt" = CURRENT_TIMESTAMP`;
  return stored;
}

/**
 * Open leads and leads assigned since the start of each user's own day (in their time zone), read under the users'
 * locks.
 */
async function loadsOf(tx: ScopedTransaction, tenantId: string, sdrs: Sdr[], now: Date) {
  const loads = new Map<string, SdrLoad>();
  if (sdrs.length === 0) return loads;
  const ids = sdrs.map((sdr) => sdr.id);
  const since = sdrs.map((sdr) => startOfDay(now, sdr.timeZone).toISOString());
  const rows = await tx.$queryRaw<{ id: string; open: number; today: number }[]>`
    SELECT s."id",
           (SELECT count(*)::int FROM "Lead" l
             WHERE l."tenantId" = ${tenantId} AND l."ownerId" = s."id" AND l."convertedAt" IS NULL) AS open,
           (SELECT count(*)::int FROM "RoutingDecision" d
             WHERE d."tenantId" = ${tenantId} AND d."assigneeId" = s."id"
               AND d."createdAt" >= (s."since" AT TIME ZONE 'UTC')) AS today
      FROM unnest(${ids}::text[], ${since}::timestamptz[]) AS s("id", "since")`;
  for (const row of rows) loads.set(row.id, { openLeads: row.open, assignedToday: row.today });
  return loads;
}

/** Pool counts of the given rules' members, keyed by rule and user. */
async function poolCountsOf(tx: ScopedTransaction, tenantId: string, ruleIds: string[], userIds: string[]) {
  const counts = new Map<string, PoolCounts>();
  if (ruleIds.length === 0 || userIds.length === 0) return counts;
  const rows = await tx.routingPoolCount.findMany({ where: { ruleId: { in: ruleIds }, userId: { in: userIds } } });
  for (const row of rows)
    counts.set(`${row.ruleId}\u0000${row.userId}`, { total: row.total, byTier: row.byTier as Record<string, number> });
  return counts;
}
