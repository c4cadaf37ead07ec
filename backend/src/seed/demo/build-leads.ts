import { randomUUID } from 'node:crypto';
import type { Prisma } from '../../db/generated/client.ts';
import type { SeededCompany } from './build-companies.ts';
import type { SeededUser } from './build-users.ts';
import { daysAgo } from './dates.ts';
import { markConversions, settleLead } from './lead-outcomes.ts';
import { leadEmail, personName, phoneNumber, pickTitle } from './lead-person.ts';
import type { SeedContext } from './random.ts';
import { CURRENT_PROVIDERS } from './reference-data/current-providers.ts';
import { SOURCES, TRADE_SHOWS, WEBINARS } from './reference-data/lead-sources.ts';
import type { Tier } from './reference-data/lead-titles.ts';
import { LANGUAGE } from './reference-data/places.ts';

export interface SeededLead {
  row: Prisma.LeadCreateManyInput & { id: string; createdAt: Date };
  company: SeededCompany;
  tier: Tier;
  freeMail: boolean;
  logit: number;
  fleet: number | null;
  converted: Date | null;
}

export function buildLeads(ctx: SeedContext, companies: SeededCompany[], users: SeededUser[]): SeededLead[] {
  const { faker } = ctx;
  const leads: SeededLead[] = [];
  for (let i = 0; i < 400; i++) {
    const company = faker.helpers.arrayElement(companies);
    const { firstName, lastName } = personName(ctx, company.country);
    const { tier, title, lift: titleLift } = pickTitle(ctx, company.country);
    const source = faker.helpers.weightedArrayElement(SOURCES.map((s) => ({ value: s, weight: s.weight })));
    const freeMail = faker.datatype.boolean(0.15);
    // Leads whose company was typed by hand and never matched to an account.
    const unmatched = faker.datatype.boolean(0.04);
    const fleet = faker.datatype.boolean(0.85)
      ? Math.max(1, Math.round(company.fleet * faker.number.float({ min: 0.8, max: 1.2 })))
      : null;
    const createdAt = daysAgo(ctx, faker.number.float({ min: 0.2, max: 300 }));
    const language = company.country === 'US' && faker.datatype.boolean(0.06) ? 'es' : LANGUAGE[company.country];

    const logit =
      -3 +
      titleLift +
      source.lift +
      company.industry.fit +
      (freeMail ? -1.2 : 0) +
      (fleet ? Math.max(-1, Math.min(1.2, 0.45 * Math.log(fleet / 40))) : -0.3) +
      faker.number.float({ min: -0.5, max: 0.5 });

    leads.push({
      company,
      tier,
      freeMail,
      logit,
      fleet,
      converted: null,
      row: {
        tenantId: ctx.tenantId,
        id: randomUUID(),
        crmId: '',
        crmType: faker.datatype.boolean(0.25) ? 'contact' : 'lead',
        // Web-to-lead forms leave the first name out now and then, and Salesforce fills a required last name.
        firstName: faker.datatype.boolean(0.02) ? null : firstName,
        lastName: faker.datatype.boolean(0.01) ? '[not provided]' : lastName,
        email: faker.datatype.boolean(0.02) ? null : leadEmail(ctx, firstName, lastName, company.row.domain, freeMail),
        phone: faker.datatype.boolean(0.03)
          ? '0000000000'
          : faker.datatype.boolean(0.1)
            ? null
            : phoneNumber(ctx, company.country),
        title,
        companyId: unmatched ? null : company.row.id,
        companyName: unmatched ? company.shortName : company.row.name,
        source: source.value,
        status: 'new',
        country: company.country,
        region: company.place.region,
        language,
        ownerId: null,
        customFields: leadCustomFields(ctx, source.value, fleet),
        createdAt,
      },
    });
  }
  for (const lead of leads) lead.row.crmId = ctx.sfId(lead.row.crmType === 'contact' ? '003' : '00Q');

  markConversions(ctx, leads);
  for (const lead of leads) settleLead(ctx, lead, users);
  return leads;
}

function leadCustomFields(ctx: SeedContext, source: string, fleet: number | null): Prisma.InputJsonObject {
  const { faker } = ctx;
  const detail =
    source === 'Webinar'
      ? `Webinar: ${faker.helpers.arrayElement(WEBINARS)}`
      : source === 'Trade Show'
        ? faker.helpers.arrayElement(TRADE_SHOWS)
        : null;
  return {
    Fleet_Size__c: fleet,
    Current_Provider__c:
      faker.helpers.maybe(() => faker.helpers.arrayElement(CURRENT_PROVIDERS), { probability: 0.6 }) ?? null,
    Lead_Source_Detail__c: detail,
  };
}
