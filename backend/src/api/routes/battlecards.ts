import { Router } from 'express';
import { routes } from '@sdr/shared';
import type { Clock } from '../../clock.ts';
import type { CardIndexes } from '../../agents/assistant/battlecard-index.ts';
import { cardView, createCard, isStale, updateCard, versionView } from '../../agents/assistant/battlecards.ts';
import { cardsInPlay } from '../../agents/assistant/cards-in-play.ts';
import { draftBattlecard } from '../../agents/assistant/draft-battlecard.ts';
import type { LlmPort } from '../../integrations/llm/port.ts';
import { assertReferencesExist } from '../references.ts';
import { notFound } from '../problems.ts';
import { tenantRoute } from '../route.ts';

export function battlecardRoutes(deps: { clock: Clock; cardIndexes: CardIndexes; llm: LlmPort | null }) {
  const router = Router();
  const now = () => deps.clock.now();

  tenantRoute(router, routes.listBattlecards, async ({ query, tenant }) => {
    const rows = await tenant.db.client.battlecard.findMany({
      where: query.competitorId ? { competitorId: query.competitorId } : {},
      orderBy: { title: 'asc' },
    });
    const at = now();
    const cards = rows
      .filter((row) => query.stale === undefined || isStale(row.reviewedAt, row.staleAfterDays, at) === query.stale)
      .map((row) => cardView(row, at));
    return { status: 200, body: { data: cards } };
  });

  tenantRoute(router, routes.getBattlecardsInPlay, async ({ query, tenant }) => ({
    status: 200,
    body: await cardsInPlay(tenant.db, query, now()),
  }));

  tenantRoute(router, routes.searchBattlecards, async ({ query, tenant }) => {
    const index = await deps.cardIndexes.forTenant(tenant.tenantId);
    const hits = index.search(query.q, {
      limit: query.limit,
      ...(query.competitorId ? { competitorId: query.competitorId } : {}),
    });
    return { status: 200, body: { data: hits } };
  });

  tenantRoute(router, routes.draftBattlecard, async ({ body, tenant }) => {
    const competitor = await tenant.db.client.competitor.findFirst({ where: { id: body.competitorId } });
    if (!competitor)
      await assertReferencesExist(tenant.db.client, 'competitor', [
        { field: 'body.competitorId', id: body.competitorId },
      ]);
    const draft = await draftBattlecard(deps.llm, {
      competitorId: body.competitorId,
      competitorName: competitor!.name,
      notes: body.notes,
    });
    return { status: 200, body: draft };
  });

  tenantRoute(router, routes.createBattlecard, async ({ body, tenant }) => {
    await assertReferencesExist(tenant.db.client, 'competitor', [
      { field: 'body.competitorId', id: body.competitorId },
    ]);
    const row = await createCard(tenant.db, body, tenant.user?.name ?? null, now());
    deps.cardIndexes.forget(tenant.tenantId);
    return { status: 201, body: cardView(row, now()) };
  });

  tenantRoute(router, routes.getBattlecard, async ({ params, tenant }) => {
    const row = await tenant.db.client.battlecard.findFirst({ where: { id: params.id } });
    if (!row) throw notFound('battlecard');
    return { status: 200, body: cardView(row, now()) };
  });

  tenantRoute(router, routes.updateBattlecard, async ({ params, body, tenant }) => {
    if (body.competitorId)
      await assertReferencesExist(tenant.db.client, 'competitor', [
        { field: 'body.competitorId', id: body.competitorId },
      ]);
    const row = await updateCard(tenant.db, params.id, body, tenant.user?.name ?? null);
    if (!row) throw notFound('battlecard');
    deps.cardIndexes.forget(tenant.tenantId);
    return { status: 200, body: cardView(row, now()) };
  });

  tenantRoute(router, routes.deleteBattlecard, async ({ params, tenant }) => {
    const { count } = await tenant.db.write((tx) => tx.battlecard.deleteMany({ where: { id: params.id } }));
    if (count === 0) throw notFound('battlecard');
    deps.cardIndexes.forget(tenant.tenantId);
    return { status: 204, body: undefined };
  });

  tenantRoute(router, routes.listBattlecardVersions, async ({ params, tenant }) => {
    const card = await tenant.db.client.battlecard.findFirst({ where: { id: params.id }, select: { id: true } });
    if (!card) throw notFound('battlecard');
    const versions = await tenant.db.client.battlecardVersion.findMany({
      where: { battlecardId: params.id },
      orderBy: { version: 'desc' },
    });
    return {
      status: 200,
      body: {
        data: versions.map((version) => ({
          version: version.version,
          title: version.title,
          author: version.author,
          reviewedAt: version.reviewedAt.toISOString(),
          savedAt: version.createdAt.toISOString(),
        })),
      },
    };
  });

  tenantRoute(router, routes.getBattlecardVersion, async ({ params, tenant }) => {
    const card = await tenant.db.client.battlecard.findFirst({ where: { id: params.id } });
    if (!card) throw notFound('battlecard');
    const version = await tenant.db.client.battlecardVersion.findFirst({
      where: { battlecardId: params.id, version: params.version },
    });
    if (!version) throw notFound('battlecard version');
    return { status: 200, body: versionView(card, version, now()) };
  });

  return router;
}
