import { Faker, base, de, en, en_GB, en_US, es, pt_PT, type LocaleDefinition } from '@faker-js/faker';
import type { Country } from './reference-data/places.ts';
import { salesforceIdAllocator } from './salesforce-ids.ts';

/**
 * Fixed so every install shows the same people, companies and history. Changing it, or the order in which the
 * builders draw from the fakers, changes every generated record.
 */
const SEED = 20261124;

/** Everything the generators share: the seeded fakers, the tenant, the clock and the CRM id allocator. */
export interface SeedContext {
  faker: Faker;
  local: Record<Country, Faker>;
  tenantId: string;
  now: Date;
  sfId: (prefix: string) => string;
}

export function createSeedContext(tenantId: string, now: Date): SeedContext {
  const seeded = (...locales: LocaleDefinition[]) => {
    const faker = new Faker({ locale: [...locales, en, base] });
    faker.seed(SEED);
    return faker;
  };
  const faker = seeded(en_GB);
  const sfId = salesforceIdAllocator(faker);
  return {
    faker,
    local: { GB: faker, US: seeded(en_US), DE: seeded(de), PT: seeded(pt_PT), ES: seeded(es) },
    tenantId,
    now,
    sfId,
  };
}

/** Sizes spread evenly across orders of magnitude, as company sizes are. */
export function logUniform(faker: Faker, min: number, max: number): number {
  return Math.round(Math.exp(faker.number.float({ min: Math.log(min), max: Math.log(max) })));
}
