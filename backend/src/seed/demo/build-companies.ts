import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import type { Prisma } from '../../db/generated/client.ts';
import { ascii } from './ascii.ts';
import { daysAgo } from './dates.ts';
import { logUniform, type SeedContext } from './random.ts';
import { COMPANIES_PER_COUNTRY, INDUSTRIES, NAME_STEMS, type Industry } from './reference-data/companies.ts';
import { PLACES, TLD, type Country, type Place, type Territory } from './reference-data/places.ts';

export interface SeededCompany {
  row: Prisma.CompanyCreateManyInput & { id: string; name: string; domain: string };
  country: Country;
  place: Place;
  industry: Industry;
  fleet: number;
  shortName: string;
}

export function buildCompanies(ctx: SeedContext): SeededCompany[] {
  const { faker } = ctx;
  const names = new Set<string>();
  const companies: SeededCompany[] = [];
  for (const [country, count] of Object.entries(COMPANIES_PER_COUNTRY) as [Country, number][]) {
    const local = ctx.local[country];
    while (companies.filter((company) => company.country === country).length < count) {
      const industry = faker.helpers.arrayElement(INDUSTRIES);
      // English stems read naturally in the UK and US; elsewhere family names are how such firms are named.
      const stem =
        country === 'GB' || country === 'US' ? faker.helpers.arrayElement(NAME_STEMS) : local.person.lastName();
      const { name, shortName } = companyName(faker, country, industry, stem);
      // Local firms shorten long trade names in their domains: torres-servicios.es, not torres-serviciostecnicos.es.
      const trade = shortName.replace(stem, '').trim();
      const word = ascii(country === 'GB' || country === 'US' ? trade : (trade.split(' ')[0] ?? trade));
      const tld = country === 'GB' && faker.datatype.boolean(0.2) ? 'com' : TLD[country];
      const domain = `${ascii(stem)}${faker.helpers.arrayElement(['', '-'])}${word}.${tld}`;
      if (names.has(name) || names.has(domain)) continue;
      names.add(name).add(domain);

      const place = faker.helpers.arrayElement(PLACES[country]);
      const employees = logUniform(faker, 12, 5000);
      const fleet = Math.max(
        3,
        Math.round(employees * industry.fleetRatio * faker.number.float({ min: 0.6, max: 1.4 })),
      );
      const revenuePerHead =
        country === 'US'
          ? faker.number.int({ min: 110_000, max: 240_000 })
          : faker.number.int({ min: 80_000, max: 180_000 });
      companies.push({
        country,
        place,
        industry,
        fleet,
        shortName,
        row: {
          tenantId: ctx.tenantId,
          id: randomUUID(),
          crmId: ctx.sfId('001'),
          name,
          domain,
          website: `https://www.${domain}`,
          industry: industry.name,
          employees: faker.datatype.boolean(0.93) ? employees : null,
          annualRevenue: faker.datatype.boolean(0.85) ? Math.round((employees * revenuePerHead) / 1000) * 1000 : null,
          country,
          region: place.region,
          city: place.city,
          postcode: postcode(faker, country, place.postcodePrefix),
          // Companies House numbers: 8 digits for England and Wales, SC and 6 digits for Scotland.
          companyNumber:
            country === 'GB'
              ? place.region === 'Scotland'
                ? `SC${faker.string.numeric(6)}`
                : `${faker.helpers.arrayElement(['0', '1'])}${faker.string.numeric({ length: 7, allowLeadingZeros: true })}`
              : null,
          customFields: {
            Named_Account__c: fleet >= 400 && faker.datatype.boolean(0.6),
            Depots__c: Math.max(1, Math.round(fleet / 60)),
          },
          createdAt: daysAgo(ctx, faker.number.int({ min: 300, max: 900 })),
        },
      });
    }
  }
  return companies;
}

export function territoryOf(company: SeededCompany): Territory {
  return company.place.territory;
}

function postcode(faker: Faker, country: Country, prefix: string): string {
  const digits = (n: number) => faker.string.numeric({ length: n, allowLeadingZeros: true });
  switch (country) {
    case 'GB':
      return `${prefix}${faker.number.int({ min: 1, max: 20 })} ${faker.number.int({ min: 1, max: 9 })}${faker.string.fromCharacters('ABDEFGHJLNPQRSTUWXYZ', 2)}`;
    case 'US':
      return `${prefix}${digits(5 - prefix.length)}`;
    case 'PT':
      return `${prefix}${digits(4 - prefix.length)}-${digits(3)}`;
    default:
      return `${prefix}${digits(5 - prefix.length)}`;
  }
}

/** A name as the company registered it, and the short name people say on the phone. */
function companyName(
  faker: Faker,
  country: Country,
  industry: Industry,
  stem: string,
): { name: string; shortName: string } {
  switch (country) {
    case 'GB': {
      const shortName = `${stem} ${faker.helpers.arrayElement(industry.words.en)}`;
      return {
        name: `${shortName} ${faker.helpers.weightedArrayElement([
          { value: 'Ltd', weight: 3 },
          { value: 'Limited', weight: 2 },
          { value: 'Group plc', weight: 1 },
        ])}`,
        shortName,
      };
    }
    case 'US': {
      const shortName = `${stem} ${faker.helpers.arrayElement(industry.words.en)}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['Inc.', 'LLC', 'Inc', 'Corp.'])}`, shortName };
    }
    case 'DE': {
      const shortName = `${stem} ${industry.words.de}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['GmbH', 'GmbH & Co. KG', 'AG'])}`, shortName };
    }
    case 'PT': {
      const shortName = `${industry.words.pt} ${stem}`;
      return { name: `${shortName}, ${faker.helpers.arrayElement(['Lda.', 'S.A.'])}`, shortName };
    }
    case 'ES': {
      const shortName = `${industry.words.es} ${stem}`;
      return { name: `${shortName} ${faker.helpers.arrayElement(['S.L.', 'S.A.'])}`, shortName };
    }
  }
}
