import { ascii } from './ascii.ts';
import type { SeedContext } from './random.ts';
import { FREE_MAIL, PEOPLE, UK_FICTIONAL_PREFIXES, US_AREA_CODES } from './reference-data/lead-contact-details.ts';
import { TITLE_TIERS, type Tier } from './reference-data/lead-titles.ts';
import { LANGUAGE, type Country } from './reference-data/places.ts';

// Who a lead is: job title, name, phone number and e-mail address, each in the style of the lead's country.

export function pickTitle(ctx: SeedContext, country: Country): { tier: Tier; title: string | null; lift: number } {
  const { faker } = ctx;
  const tier = faker.helpers.weightedArrayElement(TITLE_TIERS.map((t) => ({ value: t, weight: t.weight })));
  const language = LANGUAGE[country];
  const local = language === 'de' || language === 'pt' || language === 'es' ? tier.local?.[language] : undefined;
  const titles = local && faker.datatype.boolean(0.4) ? local : tier.en;
  // A few leads have no title at all, which is not the same as a junk one.
  const title = tier.tier === 'junk' && faker.datatype.boolean(0.25) ? null : faker.helpers.arrayElement(titles);
  return { tier: tier.tier, title, lift: tier.lift };
}

export function personName(ctx: SeedContext, country: Country): { firstName: string; lastName: string } {
  if (country === 'GB' || country === 'US') {
    const people = PEOPLE[country];
    return {
      firstName: ctx.faker.helpers.arrayElement(people.first),
      lastName: ctx.faker.helpers.arrayElement(people.last),
    };
  }
  const local = ctx.local[country];
  return { firstName: local.person.firstName(), lastName: local.person.lastName() };
}

export function phoneNumber(ctx: SeedContext, country: Country): string {
  const { faker } = ctx;
  switch (country) {
    case 'GB':
      return `+44 ${faker.helpers.arrayElement(UK_FICTIONAL_PREFIXES)}${faker.string.numeric({ length: 3, allowLeadingZeros: true })}`;
    case 'US':
      return `+1 ${faker.helpers.arrayElement(US_AREA_CODES)}-555-01${faker.string.numeric({ length: 2, allowLeadingZeros: true })}`;
    default:
      return ctx.local[country].phone.number({ style: 'international' });
  }
}

export function leadEmail(ctx: SeedContext, first: string, last: string, domain: string, freeMail: boolean): string {
  const { faker } = ctx;
  const f = ascii(first) || 'info';
  const l = ascii(last) || 'contact';
  if (freeMail)
    return `${f}.${l}${faker.helpers.maybe(() => faker.number.int({ min: 1, max: 99 }), { probability: 0.5 }) ?? ''}@${faker.helpers.arrayElement(FREE_MAIL)}`;
  const local = faker.helpers.weightedArrayElement([
    { value: `${f}.${l}`, weight: 6 },
    { value: `${f[0]}${l}`, weight: 3 },
    { value: f, weight: 1 },
  ]);
  return `${local}@${domain}`;
}
