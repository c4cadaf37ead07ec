import { Router } from 'express';
import { routes, type Opportunity } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { decodeCursor, keyset, pageOf } from '../pagination.ts';
import { tenantRoute } from '../route.ts';

type OpportunityRow = Prisma.OpportunityGetPayload<object>;
const SORT = '-createdAt';

/** The stored row as the contract shows it: amount with its currency, the close date as a calendar day. */
export function opportunityView(row: OpportunityRow): Opportunity {
  return {
    id: row.id,
    crmId: row.crmId,
    name: row.name,
    leadId: row.leadId,
    companyId: row.companyId,
    ownerId: row.ownerId,
    stage: row.stage,
    amount: row.amount === null ? null : { amount: Number(row.amount), currency: row.currency },
    closeDate: row.closeDate ? row.closeDate.toISOString().slice(0, 10) : null,
    isClosed: row.isClosed,
    isWon: row.isWon,
    competitors: row.competitors,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function opportunityRoutes(): Router {
  const router = Router();

  tenantRoute(router, routes.listOpportunities, async ({ query, tenant }) => {
    const spec = { field: 'createdAt' as const, direction: 'desc' as const, isDate: true };
    const after = query.cursor ? decodeCursor(query.cursor, SORT, true) : undefined;
    const { where, orderBy } = keyset(spec, after);
    const rows = await tenant.db.client.opportunity.findMany({
      where: {
        AND: [
          query.crmId ? { crmId: query.crmId } : {},
          query.leadId ? { leadId: query.leadId } : {},
          query.companyId ? { companyId: query.companyId } : {},
          query.open === undefined ? {} : { isClosed: !query.open },
          where,
        ],
      },
      orderBy,
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, SORT, (row) => row.createdAt);
    return { status: 200, body: { data: page.rows.map(opportunityView), nextCursor: page.nextCursor } };
  });

  return router;
}
