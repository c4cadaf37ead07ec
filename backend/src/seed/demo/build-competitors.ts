import type { BattlecardSection, BattlecardSectionKey } from '@sdr/shared';
import type { Prisma } from '../../db/generated/client.ts';
import { daysAgo } from './dates.ts';
import type { SeedContext } from './random.ts';
import {
  SECTION_TITLES,
  type CompetitorDef,
  type SectionText,
} from './reference-data/competitors/competitor-definition.ts';
import { VENDOR } from './tenant.ts';

/** A competitor from the reference data with the ids its competitor and battlecard rows are written under. */
export interface SeededCard {
  competitor: CompetitorDef;
  competitorId: string;
  battlecardId: string;
}

export function competitorRow(ctx: SeedContext, card: SeededCard): Prisma.CompetitorCreateManyInput {
  const { competitor } = card;
  return {
    tenantId: ctx.tenantId,
    id: card.competitorId,
    name: competitor.name,
    aliases: competitor.aliases,
    products: competitor.products,
    website: competitor.website,
    createdAt: daysAgo(ctx, 280),
  };
}

function battlecardSections(competitor: CompetitorDef): BattlecardSection[] {
  return (Object.entries(competitor.sections) as [BattlecardSectionKey, SectionText][]).map(([key, section]) => ({
    key,
    title: SECTION_TITLES[key] ?? key,
    body: section.body,
    items: section.items ?? [],
  }));
}

export function battlecardRow(ctx: SeedContext, card: SeededCard): Prisma.BattlecardCreateManyInput {
  const reviewedAt = daysAgo(ctx, card.competitor.reviewedDaysAgo);
  return {
    tenantId: ctx.tenantId,
    id: card.battlecardId,
    competitorId: card.competitorId,
    title: `${VENDOR} vs ${card.competitor.name}`,
    sections: battlecardSections(card.competitor),
    staleAfterDays: 90,
    reviewedAt,
    createdAt: daysAgo(ctx, 280),
    updatedAt: reviewedAt,
  };
}
