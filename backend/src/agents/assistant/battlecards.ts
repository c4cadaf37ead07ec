import { randomUUID } from 'node:crypto';
import type { Battlecard, BattlecardCreate, BattlecardSection, BattlecardUpdate, Competitor } from '@sdr/shared';
import type { TenantDb } from '../../db/tenant-db.ts';
import type { Prisma } from '../../db/generated/client.ts';

/**
 * Battlecards and their history. Every save is a new version: the card row holds the current one, and each version
 * is kept as it was saved, with its author, so an admin can see who changed what and go back to it.
 */

type CardRow = Prisma.BattlecardGetPayload<object>;
type VersionRow = Prisma.BattlecardVersionGetPayload<object>;

const DAY_MS = 86_400_000;

export function isStale(reviewedAt: Date, staleAfterDays: number, now: Date): boolean {
  return now.getTime() - reviewedAt.getTime() > staleAfterDays * DAY_MS;
}

type CompetitorRow = Prisma.CompetitorGetPayload<object>;

export function competitorView(row: CompetitorRow): Competitor {
  return {
    id: row.id,
    name: row.name,
    aliases: row.aliases,
    products: row.products,
    website: row.website,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Competitors: what the live-call assistant listens for. A change shows in the next segment's analysis. */
export function cardView(row: CardRow, now: Date): Battlecard {
  return {
    id: row.id,
    competitorId: row.competitorId,
    title: row.title,
    sections: row.sections as BattlecardSection[],
    staleAfterDays: row.staleAfterDays,
    reviewedAt: row.reviewedAt.toISOString(),
    stale: isStale(row.reviewedAt, row.staleAfterDays, now),
    version: row.version,
    author: row.author,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** A card as it was at one version: the version's own content, the card's identity. */
export function versionView(card: CardRow, version: VersionRow, now: Date): Battlecard {
  return {
    ...cardView(card, now),
    competitorId: version.competitorId,
    title: version.title,
    sections: version.sections as BattlecardSection[],
    staleAfterDays: version.staleAfterDays,
    reviewedAt: version.reviewedAt.toISOString(),
    stale: isStale(version.reviewedAt, version.staleAfterDays, now),
    version: version.version,
    author: version.author,
    updatedAt: version.createdAt.toISOString(),
  };
}

const versionOf = (row: CardRow) => ({
  battlecardId: row.id,
  version: row.version,
  competitorId: row.competitorId,
  title: row.title,
  sections: row.sections as Prisma.InputJsonValue,
  staleAfterDays: row.staleAfterDays,
  reviewedAt: row.reviewedAt,
  author: row.author,
});

export async function createCard(
  tenant: TenantDb,
  input: BattlecardCreate,
  author: string | null,
  now: Date,
): Promise<CardRow> {
  return tenant.write(async (tx) => {
    const row = await tx.battlecard.create({
      data: {
        id: randomUUID(),
        competitorId: input.competitorId,
        title: input.title,
        sections: input.sections as Prisma.InputJsonValue,
        staleAfterDays: input.staleAfterDays ?? 90,
        reviewedAt: input.reviewedAt ? new Date(input.reviewedAt) : now,
        author,
        version: 1,
      } as Prisma.BattlecardUncheckedCreateInput,
    });
    await tx.battlecardVersion.create({ data: versionOf(row) as Prisma.BattlecardVersionUncheckedCreateInput });
    return row;
  });
}

/** Saves the change as the next version; null when there is no such card. */
export async function updateCard(
  tenant: TenantDb,
  id: string,
  update: BattlecardUpdate,
  author: string | null,
): Promise<CardRow | null> {
  return tenant.write(async (tx) => {
    const found = await tx.battlecard.findFirst({ where: { id }, select: { id: true } });
    if (!found) return null;
    // The increment happens in the row's own update, so two saves at once get two versions, not one.
    const row = await tx.battlecard.update({
      where: { tenantId_id: { tenantId: tenant.tenantId, id } },
      data: {
        ...(update.competitorId ? { competitorId: update.competitorId } : {}),
        ...(update.title ? { title: update.title } : {}),
        ...(update.sections ? { sections: update.sections as Prisma.InputJsonValue } : {}),
        ...(update.staleAfterDays ? { staleAfterDays: update.staleAfterDays } : {}),
        ...(update.reviewedAt ? { reviewedAt: new Date(update.reviewedAt) } : {}),
        author,
        version: { increment: 1 },
      } as Prisma.BattlecardUncheckedUpdateInput,
    });
    await tx.battlecardVersion.create({ data: versionOf(row) as Prisma.BattlecardVersionUncheckedCreateInput });
    return row;
  });
}
