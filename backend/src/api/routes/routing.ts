import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { routes, type LeadUpsert, type RoutingRule, type RoutingRuleInput, type RoutingRuleSet } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { Prisma } from '../../db/generated/client.ts';
import type { TenantDb } from '../../db/tenant-db.ts';
import { leadQueue } from '../../agents/routing/lead-queue.ts';
import { decisionView, routeLead } from '../../agents/routing/route-lead.ts';
import { ruleSetProblems } from '../../agents/routing/rule-validation.ts';
import { simulateRouting } from '../../agents/routing/simulate.ts';
import { scoreStoredLeads } from '../../agents/scoring/scoring-service.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';
import { upsertLeads } from './leads.ts';

type RuleSetRow = Prisma.RoutingRuleSetGetPayload<object>;

const ruleSetView = (row: RuleSetRow): RoutingRuleSet => ({
  id: row.id,
  version: row.version,
  active: row.active,
  // Rules saved before rules named skills have none.
  rules: (row.rules as RoutingRule[]).map((rule) => ({ ...rule, skills: rule.skills ?? [] })),
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/** A rule set is checked whole before it is saved or simulated: every problem is listed, nothing is kept. */
async function assertValidRules(tenant: TenantDb, rules: RoutingRuleInput[]): Promise<void> {
  const users = await tenant.client.user.findMany({ select: { id: true, active: true, skills: true } });
  const problems = ruleSetProblems(rules, users);
  if (problems.length > 0)
    throw new HttpProblem(400, `The rule set has ${problems.length} problem(s); nothing was saved`, problems);
}

/** A lead given whole to the route call: stored by its CRM id (as `PUT /v1/leads` would), then scored. */
async function storeNewLead(tenant: TenantDb, lead: LeadUpsert, now: Date): Promise<string> {
  const [row] = (await tenant.write((tx) => upsertLeads(tx, tenant.tenantId, [lead], true, 'body.lead'))).rows;
  // Its EV tier is part of the choice, so it is scored before it is routed.
  await scoreStoredLeads(tenant, [row!.id], { store: true, now });
  return row!.id;
}

export function routingRoutes(deps: { clock: Clock; ownerQueued: (tenantId: string) => Promise<void> }) {
  const router = Router();

  tenantRoute(router, routes.routeLead, async ({ body, tenant }) => {
    const leadId = body.leadId ?? (await storeNewLead(tenant.db, body.lead!, deps.clock.now()));
    const decision = await routeLead(tenant.db, leadId, { clock: deps.clock, ownerQueued: deps.ownerQueued });
    // A new lead's scores wait in the CRM outbox too.
    if (body.lead) await deps.ownerQueued(tenant.tenantId);
    return { status: 200, body: decision };
  });

  tenantRoute(router, routes.simulateRouting, async ({ body, tenant }) => {
    await assertValidRules(tenant.db, body.rules);
    return { status: 200, body: await simulateRouting(tenant.db, body) };
  });

  tenantRoute(router, routes.getLeadQueue, async ({ query, tenant }) => ({
    status: 200,
    body: await leadQueue(tenant.db, query),
  }));

  tenantRoute(router, routes.getLeadRouting, async ({ params, tenant }) => {
    const lead = await tenant.db.client.lead.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!lead) throw notFound('lead');
    const rows = await tenant.db.client.routingDecision.findMany({
      where: { leadId: params.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      include: { ruleSet: { select: { version: true } } },
    });
    return { status: 200, body: { data: rows.map((row) => decisionView(row, row.ruleSet?.version ?? null)) } };
  });

  tenantRoute(router, routes.listRuleSets, async ({ tenant }) => {
    const rows = await tenant.db.client.routingRuleSet.findMany({ orderBy: { version: 'desc' } });
    return { status: 200, body: { data: rows.map(ruleSetView) } };
  });

  tenantRoute(router, routes.createRuleSet, async ({ body, tenant }) => {
    await assertValidRules(tenant.db, body.rules);
    const row = await tenant.db.write(async (tx) => {
      const last = await tx.routingRuleSet.findFirst({ orderBy: { version: 'desc' }, select: { version: true } });
      if (body.activate) await tx.routingRuleSet.updateMany({ where: { active: true }, data: { active: false } });
      return tx.routingRuleSet.create({
        data: {
          id: randomUUID(),
          version: (last?.version ?? 0) + 1,
          active: body.activate,
          rules: body.rules as unknown as Prisma.InputJsonValue,
          createdBy: tenant.user?.name ?? null,
        } as Prisma.RoutingRuleSetUncheckedCreateInput,
      });
    });
    return { status: 201, body: ruleSetView(row) };
  });

  tenantRoute(router, routes.activateRuleSet, async ({ params, tenant }) => {
    const row = await tenant.db.write(async (tx) => {
      const found = await tx.routingRuleSet.findFirst({ where: { version: params.version } });
      if (!found) return null;
      await tx.routingRuleSet.updateMany({ where: { active: true }, data: { active: false } });
      return tx.routingRuleSet.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: found.id } },
        data: { active: true },
      });
    });
    if (!row) throw notFound('rule set version');
    return { status: 200, body: ruleSetView(row) };
  });

  return router;
}
