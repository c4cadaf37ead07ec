import type { Faker } from '@faker-js/faker';

/**
 * Salesforce ids: a 3-character key prefix (005 user, 001 account, 00Q lead, 003 contact, 006 opportunity,
 * 00T task, 00U event), the pod, and a 3-character case-safe suffix: 18 characters in all. Drawn from the seeded
 * faker, so the same records get the same ids on every install, and never repeated within one seed.
 */
export function salesforceIdAllocator(faker: Faker): (prefix: string) => string {
  const used = new Set<string>();
  return (prefix: string) => {
    for (;;) {
      const id = `${prefix}5g00000${faker.string.alphanumeric({ length: 5, casing: 'mixed' })}${faker.string.alpha({ length: 3, casing: 'upper' })}`;
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}
