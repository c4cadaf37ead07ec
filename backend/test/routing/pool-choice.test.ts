import { choosePoolMember, type PoolCounts } from '../../src/agents/routing/pool-choice.ts';

/** Routes `n` leads of random tiers through a pool, as the database would count them. */
function simulate(members: { userId: string; weight: number }[], tiers: string[]) {
  const counts = new Map<string, PoolCounts>(members.map((m) => [m.userId, { total: 0, byTier: {} }]));
  for (const tier of tiers) {
    const chosen = choosePoolMember(members, (id) => counts.get(id)!, tier)!;
    const count = counts.get(chosen)!;
    count.total += 1;
    count.byTier[tier] = (count.byTier[tier] ?? 0) + 1;
  }
  return counts;
}

/** A seeded sequence, so the test is the same every run. */
function tiersOf(n: number, seed: number): string[] {
  let state = seed;
  return Array.from({ length: n }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const draw = state / 2 ** 31;
    return draw < 0.2 ? 'high' : draw < 0.6 ? 'medium' : 'low';
  });
}

describe('weighted, score-aware round robin', () => {
  it.each([[[1, 1, 1, 1]], [[1, 2, 3]], [[2, 1, 1, 5, 1]]])(
    'gives each member its weighted share within 1, of all leads and of each EV tier (weights %j)',
    (weights) => {
      const members = weights.map((weight, i) => ({ userId: `sdr-${i}`, weight }));
      const tiers = tiersOf(1000, weights.length);
      const counts = simulate(members, tiers);
      const totalWeight = weights.reduce((a, b) => a + b, 0);
      for (const member of members) {
        const count = counts.get(member.userId)!;
        expect(Math.abs(count.total - (1000 * member.weight) / totalWeight)).toBeLessThanOrEqual(1);
        for (const tier of ['high', 'medium', 'low']) {
          const inTier = tiers.filter((t) => t === tier).length;
          expect(Math.abs((count.byTier[tier] ?? 0) - (inTier * member.weight) / totalWeight)).toBeLessThanOrEqual(1);
        }
      }
    },
  );

  it('skips members without weight, and has nobody to offer from an empty pool', () => {
    expect(choosePoolMember([{ userId: 'a', weight: 0 }], () => ({ total: 0, byTier: {} }), 'high')).toBeNull();
    expect(choosePoolMember([], () => ({ total: 0, byTier: {} }), 'high')).toBeNull();
  });
});
