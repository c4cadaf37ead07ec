import { territoryOf } from './build-companies.ts';
import type { SeededLead } from './build-leads.ts';
import type { SeededUser } from './build-users.ts';
import { DAY, between, minDate } from './dates.ts';
import type { SeedContext } from './random.ts';
import type { Territory } from './reference-data/places.ts';

// What became of each lead: whether it converted, its status now, who owns it and when the CRM last changed it.

/**
 * About 12% of leads convert: the leads with the highest propensity plus Gumbel noise, so conversion follows the
 * features without being a deterministic rule. Leads too young to have converted are left out.
 */
export function markConversions(ctx: SeedContext, leads: SeededLead[]): void {
  const { faker } = ctx;
  const target = Math.round(leads.length * 0.12);
  const eligible = leads
    .filter((lead) => ctx.now.getTime() - lead.row.createdAt.getTime() > 14 * DAY)
    .map((lead) => ({ lead, key: lead.logit - Math.log(-Math.log(faker.number.float({ min: 1e-9, max: 1 - 1e-9 }))) }))
    .sort((a, b) => b.key - a.key);
  for (const { lead } of eligible.slice(0, target)) {
    const age = (ctx.now.getTime() - lead.row.createdAt.getTime()) / DAY;
    // Within the default 90-day conversion window, so the model's labels agree with the data.
    const lag = faker.number.float({ min: 6, max: Math.min(80, age - 3) });
    lead.converted = new Date(lead.row.createdAt.getTime() + lag * DAY);
  }
}

export function settleLead(ctx: SeedContext, lead: SeededLead, users: SeededUser[]): void {
  const { faker } = ctx;
  const row = lead.row;
  const age = (ctx.now.getTime() - row.createdAt.getTime()) / DAY;
  if (lead.converted) {
    row.status = 'converted';
    row.convertedAt = lead.converted;
  } else if (age < 10) {
    row.status = faker.helpers.weightedArrayElement([
      { value: 'new', weight: 7 },
      { value: 'working', weight: 3 },
    ]);
  } else {
    const promising = lead.logit > -2.5;
    row.status = faker.helpers.weightedArrayElement([
      { value: 'new', weight: 8 },
      { value: 'working', weight: 30 },
      { value: 'nurturing', weight: 25 },
      { value: 'qualified', weight: promising ? 14 : 4 },
      { value: 'unqualified', weight: promising ? 12 : 26 },
    ]);
  }
  const owned =
    lead.converted !== null || (row.status !== 'new' && faker.datatype.boolean(0.76)) || faker.datatype.boolean(0.15);
  row.ownerId = owned ? pickOwner(ctx, users, territoryOf(lead.company)) : null;
  const lastChange = lead.converted ?? row.createdAt;
  const crmUpdatedAt = between(ctx, lastChange, minDate(ctx.now, new Date(lastChange.getTime() + 45 * DAY)));
  row.crmUpdatedAt = crmUpdatedAt;
  row.updatedAt = crmUpdatedAt;
}

function pickOwner(ctx: SeedContext, users: SeededUser[], territory: Territory): string | null {
  const sdrs = users.filter((user) => user.member.role === 'sdr' && user.member.territories.includes(territory));
  if (sdrs.length === 0) return null;
  return ctx.faker.helpers.weightedArrayElement(
    sdrs.map((user) => ({ value: user.row.id, weight: Math.max(1, user.member.weight) })),
  );
}
