import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { routes, type RoutingRule, type RoutingRuleSet } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { Prisma } from '../../db/generated/client.ts';
import { decisionView, routeLead } from '../../agents/routing/route-lead.ts';
import { ruleSetProblems } from '../../agents/routing/rule-validation.ts';
import { HttpProblem, notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

type RuleSetRow = Prisma.RoutingRuleSetGetPayload<object>;

const ruleSetView = (row: RuleSetRow): RoutingRuleSet => ({
  id: row.id,
  version: row.version,
  active: row.active,
  rules: row.rules as RoutingRule[],
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

export function routingRoutes(deps: { clock: Clock; ownerQueued: (tenantId: string) => Promise<void> }) {
  const router = Router();

  tenantRoute(router, routes.routeLead, async ({ body, tenant }) => {
    return {
      status: 200,
      body: await routeLead(tenant.db, body.leadId, { clock: deps.clock, ownerQueued: deps.ownerQueued }),
    };
  });

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
    const users = await tenant.db.client.user.findMany({ select: { id: true, active: true } });
    const problems = ruleSetProblems(body.rules, users);
    if (problems.length > 0)
      throw new HttpProblem(400, `The rule set has ${problems.length} problem(s); nothing was saved`, problems);
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
