import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededLead } from './build-leads.ts';
import { DAY, between, minDate } from './dates.ts';
import type { SeedContext } from './random.ts';
import { COMPETITORS } from './reference-data/competitors.ts';
import { CURRENCY } from './reference-data/places.ts';

const OPEN_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];

export function buildOpportunities(ctx: SeedContext, lead: SeededLead): Prisma.OpportunityCreateManyInput[] {
  const converted = lead.converted;
  if (!converted) return [];
  const { faker } = ctx;
  const company = lead.company;
  const fleet = lead.fleet ?? company.fleet;
  const currency = CURRENCY[company.country];
  const convertedDaysAgo = (ctx.now.getTime() - converted.getTime()) / DAY;
  const deals = [
    {
      name: `${company.shortName} - Fleet Tracking (${fleet} vehicles)`,
      vehicles: fleet,
      perMonth: faker.number.int({ min: 22, max: 30 }),
      stage: opportunityStage(ctx, convertedDaysAgo),
    },
  ];
  // Some accounts open a second deal for cameras once tracking is agreed.
  if (faker.datatype.boolean(0.28))
    deals.push({
      name: `${company.shortName} - Dash Cams add-on`,
      vehicles: Math.max(5, Math.round(fleet * 0.5)),
      perMonth: 8,
      stage: faker.helpers.arrayElement(OPEN_STAGES.slice(0, 2)),
    });

  return deals.map((deal) => {
    const isClosed = deal.stage.startsWith('Closed');
    const rate = currency === 'USD' ? 1.27 : 1;
    const amount = Math.min(
      250_000,
      Math.max(5_000, Math.round((deal.vehicles * deal.perMonth * 12 * rate) / 500) * 500),
    );
    const lost = deal.stage === 'Closed Lost';
    const closeDate = isClosed
      ? between(
          ctx,
          new Date(converted.getTime() + 20 * DAY),
          minDate(ctx.now, new Date(converted.getTime() + 95 * DAY)),
        )
      : new Date(ctx.now.getTime() + faker.number.int({ min: 10, max: 120 }) * DAY);
    closeDate.setUTCHours(0, 0, 0, 0);
    const competitors = faker.datatype.boolean(lost ? 0.7 : 0.35)
      ? faker.helpers.arrayElements(
          COMPETITORS.map((c) => c.name),
          { min: 1, max: 2 },
        )
      : [];
    return {
      tenantId: ctx.tenantId,
      id: randomUUID(),
      crmId: ctx.sfId('006'),
      name: deal.name,
      leadId: lead.row.id,
      companyId: lead.row.companyId ?? null,
      ownerId: lead.row.ownerId ?? null,
      stage: deal.stage,
      amount,
      currency,
      closeDate,
      isClosed,
      isWon: deal.stage === 'Closed Won',
      competitors,
      createdAt: converted,
      updatedAt: minDate(ctx.now, isClosed ? closeDate : ctx.now),
    };
  });
}

function opportunityStage(ctx: SeedContext, convertedDaysAgo: number): string {
  const { faker } = ctx;
  if (convertedDaysAgo > 75)
    return faker.helpers.weightedArrayElement([
      { value: 'Closed Won', weight: 5 },
      { value: 'Closed Lost', weight: 4 },
      { value: 'Negotiation/Review', weight: 1 },
    ]);
  if (convertedDaysAgo > 30)
    return faker.helpers.weightedArrayElement([
      { value: 'Qualification', weight: 1 },
      { value: 'Needs Analysis', weight: 2 },
      { value: 'Proposal/Price Quote', weight: 3 },
      { value: 'Negotiation/Review', weight: 2 },
      { value: 'Closed Won', weight: 1 },
      { value: 'Closed Lost', weight: 1 },
    ]);
  return faker.helpers.arrayElement(OPEN_STAGES.slice(0, 3));
}
