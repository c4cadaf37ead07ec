import type { SeedContext } from './random.ts';

export const DAY = 86_400_000;

/** Every date is relative to the moment of seeding, so the demo history always runs up to today. */
export const daysAgo = (ctx: SeedContext, days: number) => new Date(ctx.now.getTime() - days * DAY);
export const between = (ctx: SeedContext, from: Date, to: Date) => ctx.faker.date.between({ from, to });
export const minDate = (a: Date, b: Date) => (a < b ? a : b);
