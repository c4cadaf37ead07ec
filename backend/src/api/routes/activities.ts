import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { routes } from '@sdr/shared';
import { toJson } from '../json.ts';
import { decodeCursor, keyset, pageOf } from '../pagination.ts';
import { notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';
import { rescoreSoon, type AgentDeps } from '../agents.ts';

const SORT = '-occurredAt';

export function activityRoutes(deps: AgentDeps): Router {
  const router = Router();

  tenantRoute(router, routes.listLeadActivities, async ({ params, query, tenant }) => {
    const lead = await tenant.db.client.lead.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!lead) throw notFound('lead');
    const after = query.cursor ? decodeCursor(query.cursor, SORT, true) : undefined;
    const { where, orderBy } = keyset({ field: 'occurredAt', direction: 'desc', isDate: true }, after);
    const rows = await tenant.db.client.activity.findMany({
      where: { AND: [{ leadId: params.id }, query.type ? { type: query.type } : {}, where] },
      orderBy,
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, SORT, (row) => row.occurredAt);
    return { status: 200, body: { data: toJson(page.rows), nextCursor: page.nextCursor } };
  });

  tenantRoute(router, routes.createLeadActivities, async ({ params, body, tenant }) => {
    const items = Array.isArray(body) ? body : [body];
    const outcome = await tenant.db.write(async (tx) => {
      const lead = await tx.lead.findFirst({ where: { id: params.id }, select: { id: true } });
      if (!lead) throw notFound('lead');
      let created = 0;
      const rows = [];
      for (const item of items) {
        const data = { ...item, leadId: params.id };
        if (item.crmId) {
          const existing = await tx.activity.findFirst({ where: { crmId: item.crmId }, select: { id: true } });
          if (existing) {
            rows.push(await tx.activity.update({ where: tenant.db.key(existing.id), data }));
            continue;
          }
        }
        rows.push(await tx.activity.create({ data: { ...data, id: randomUUID(), tenantId: tenant.tenantId } }));
        created += 1;
      }
      return { rows, created };
    });
    await rescoreSoon(deps, tenant.tenantId, [params.id]);
    return {
      status: 200,
      body: { data: toJson(outcome.rows), created: outcome.created, updated: outcome.rows.length - outcome.created },
    };
  });

  return router;
}
