import { Router } from 'express';
import { routes, type LeadListQuery, type LeadSort, type LeadUpsert } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { ScopedTransaction } from '../../db/tenant-db.ts';
import { toJson } from '../json.ts';
import { decodeCursor, keyset, pageOf, type SortSpec } from '../pagination.ts';
import { notFound } from '../problems.ts';
import { assertReferencesExist, referencesOf } from '../references.ts';
import { tenantRoute } from '../route.ts';
import { rescoreSoon, type AgentDeps } from '../agents.ts';
import { assertUniqueCrmIds, upsertByCrmId } from '../upsert.ts';

type LeadRow = Prisma.LeadGetPayload<object>;

function sortSpec(sort: LeadSort): SortSpec<'updatedAt' | 'createdAt' | 'lastName'> {
  const field = sort.replace(/^-/, '') as 'updatedAt' | 'createdAt' | 'lastName';
  return { field, direction: sort.startsWith('-') ? 'desc' : 'asc', isDate: field !== 'lastName' };
}

function filters(query: LeadListQuery): Prisma.LeadWhereInput {
  const insensitive = (value: string) => ({ equals: value, mode: 'insensitive' as const });
  const contains = (value: string) => ({ contains: value, mode: 'insensitive' as const });
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.crmId ? { crmId: query.crmId } : {}),
    ...(query.ownerId ? { ownerId: query.ownerId } : {}),
    ...(query.companyId ? { companyId: query.companyId } : {}),
    ...(query.source ? { source: insensitive(query.source) } : {}),
    ...(query.country ? { country: insensitive(query.country) } : {}),
    ...(query.updatedSince ? { updatedAt: { gte: new Date(query.updatedSince) } } : {}),
    ...(query.q
      ? {
          OR: [
            { firstName: contains(query.q) },
            { lastName: contains(query.q) },
            { email: contains(query.q) },
            { companyName: contains(query.q) },
          ],
        }
      : {}),
  };
}

/**
 * Leads stored by CRM id, their company and owner checked to be the tenant's first; `at` is where the leads sit
 * in the request, for the problem's field names.
 */
export async function upsertLeads(
  tx: ScopedTransaction,
  tenantId: string,
  items: LeadUpsert[],
  single: boolean,
  at = 'body',
) {
  await assertReferencesExist(tx, 'company', referencesOf(items, single, 'companyId', at));
  await assertReferencesExist(tx, 'user', referencesOf(items, single, 'ownerId', at));
  return upsertByCrmId<LeadRow, LeadUpsert>(
    tx,
    { name: 'Lead', timestamps: ['convertedAt', 'crmUpdatedAt'] },
    tenantId,
    items,
  );
}

export function leadRoutes(deps: AgentDeps): Router {
  const router = Router();

  tenantRoute(router, routes.listLeads, async ({ query, tenant }) => {
    const spec = sortSpec(query.sort);
    const after = query.cursor ? decodeCursor(query.cursor, query.sort, spec.isDate) : undefined;
    const { where, orderBy } = keyset(spec, after);
    const rows = await tenant.db.client.lead.findMany({
      where: { AND: [filters(query), where] },
      orderBy,
      take: query.limit + 1,
    });
    const page = pageOf(rows, query.limit, query.sort, (row) => row[spec.field]);
    return { status: 200, body: { data: toJson(page.rows), nextCursor: page.nextCursor } };
  });

  tenantRoute(router, routes.getLead, async ({ params, tenant }) => {
    const lead = await tenant.db.client.lead.findFirst({ where: { id: params.id } });
    if (!lead) throw notFound('lead');
    return { status: 200, body: toJson(lead) };
  });

  tenantRoute(router, routes.upsertLeads, async ({ body, tenant }) => {
    const single = !Array.isArray(body);
    const items = Array.isArray(body) ? body : [body];
    assertUniqueCrmIds(items);
    const outcome = await tenant.db.write((tx) => upsertLeads(tx, tenant.tenantId, items, single));
    await rescoreSoon(
      deps,
      tenant.tenantId,
      outcome.rows.map((row) => row.id),
    );
    return {
      status: 200,
      body: { data: toJson(outcome.rows), created: outcome.created, updated: outcome.updated },
    };
  });

  tenantRoute(router, routes.patchLead, async ({ params, body, tenant }) => {
    const lead = await tenant.db.write(async (tx) => {
      const current = await tx.lead.findFirst({ where: { id: params.id }, select: { id: true } });
      if (!current) throw notFound('lead');
      await assertReferencesExist(tx, 'company', referencesOf([body], true, 'companyId'));
      await assertReferencesExist(tx, 'user', referencesOf([body], true, 'ownerId'));
      return tx.lead.update({ where: tenant.db.key(params.id), data: body });
    });
    await rescoreSoon(deps, tenant.tenantId, [lead.id]);
    return { status: 200, body: toJson(lead) };
  });

  return router;
}
