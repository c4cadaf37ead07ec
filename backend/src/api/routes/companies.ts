import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { toJson } from '../json.ts';
import { decodeCursor, keyset, pageOf } from '../pagination.ts';
import { notFound } from '../problems.ts';
import { assertReferencesExist, referencesOf } from '../references.ts';
import { tenantRoute } from '../route.ts';
import { rescoreSoon, type AgentDeps } from '../agents.ts';
import { assertUniqueCrmIds, upsertByCrmId } from '../upsert.ts';

type CompanyRow = Prisma.CompanyGetPayload<object>;
const SORT = 'name';

export function companyRoutes(deps: AgentDeps): Router {
  const router = Router();

  tenantRoute(router, routes.listCompanies, async ({ query, tenant }) => {
    const after = query.cursor ? decodeCursor(query.cursor, SORT, false) : undefined;
    const { where, orderBy } = keyset({ field: 'name', direction: 'asc', isDate: false }, after);
    const contains = query.q ? { contains: query.q, mode: 'insensitive' as const } : undefined;
    const rows = await tenant.db.client.company.findMany({
      where: {
        AND: [
          query.domain ? { domain: query.domain } : {},
          query.crmId ? { crmId: query.crmId } : {},
          contains ? { OR: [{ name: contains }, { domain: contains }] } : {},
          where,
        ],
      },
      orderBy,
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, SORT, (row) => row.name);
    return { status: 200, body: { data: toJson(page.rows), nextCursor: page.nextCursor } };
  });

  tenantRoute(router, routes.getCompany, async ({ params, tenant }) => {
    const company = await tenant.db.client.company.findFirst({ where: { id: params.id } });
    if (!company) throw notFound('company');
    return { status: 200, body: toJson(company) };
  });

  tenantRoute(router, routes.upsertCompanies, async ({ body, tenant }) => {
    const single = !Array.isArray(body);
    const items = Array.isArray(body) ? body : [body];
    assertUniqueCrmIds(items);
    const outcome = await tenant.db.write(async (tx) => {
      await assertReferencesExist(tx, 'user', referencesOf(items, single, 'ownerId'));
      return upsertByCrmId<CompanyRow, (typeof items)[number]>(
        tx,
        { name: 'Company', timestamps: [] },
        tenant.tenantId,
        items,
      );
    });
    // A company's size or industry feeds its leads' scores.
    const leads = await tenant.db.client.lead.findMany({
      where: { companyId: { in: outcome.rows.map((row) => row.id) } },
      select: { id: true },
    });
    await rescoreSoon(
      deps,
      tenant.tenantId,
      leads.map((lead) => lead.id),
    );
    return {
      status: 200,
      body: { data: toJson(outcome.rows), created: outcome.created, updated: outcome.updated },
    };
  });

  return router;
}
