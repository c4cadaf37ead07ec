import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import type { CardIndexes } from '../../agents/assistant/battlecard-index.ts';
import { competitorView } from '../../agents/assistant/battlecards.ts';
import { notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function competitorRoutes(deps: { cardIndexes: CardIndexes }) {
  const router = Router();
  const changed = (tenantId: string) => deps.cardIndexes.forget(tenantId);

  tenantRoute(router, routes.listCompetitors, async ({ tenant }) => {
    const rows = await tenant.db.client.competitor.findMany({ orderBy: { name: 'asc' } });
    return { status: 200, body: { data: rows.map(competitorView) } };
  });

  tenantRoute(router, routes.createCompetitor, async ({ body, tenant }) => {
    const row = await tenant.db.write((tx) =>
      tx.competitor.create({
        data: {
          id: randomUUID(),
          name: body.name,
          aliases: body.aliases,
          products: body.products,
          website: body.website ?? null,
        } as Prisma.CompetitorUncheckedCreateInput,
      }),
    );
    changed(tenant.tenantId);
    return { status: 201, body: competitorView(row) };
  });

  tenantRoute(router, routes.getCompetitor, async ({ params, tenant }) => {
    const row = await tenant.db.client.competitor.findFirst({ where: { id: params.id } });
    if (!row) throw notFound('competitor');
    return { status: 200, body: competitorView(row) };
  });

  tenantRoute(router, routes.updateCompetitor, async ({ params, body, tenant }) => {
    const row = await tenant.db.write(async (tx) => {
      if (!(await tx.competitor.findFirst({ where: { id: params.id }, select: { id: true } }))) return null;
      return tx.competitor.update({
        where: { tenantId_id: { tenantId: tenant.tenantId, id: params.id } },
        data: {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.aliases !== undefined ? { aliases: body.aliases } : {}),
          ...(body.products !== undefined ? { products: body.products } : {}),
          ...(body.website !== undefined ? { website: body.website } : {}),
        },
      });
    });
    if (!row) throw notFound('competitor');
    changed(tenant.tenantId);
    return { status: 200, body: competitorView(row) };
  });

  tenantRoute(router, routes.deleteCompetitor, async ({ params, tenant }) => {
    const { count } = await tenant.db.write((tx) => tx.competitor.deleteMany({ where: { id: params.id } }));
    if (count === 0) throw notFound('competitor');
    changed(tenant.tenantId);
    return { status: 204, body: undefined };
  });

  return router;
}
