/**
 * Weighted round robin that stays fair in two ways at once. Among the eligible members, each has a share of the
 * leads owed to it by weight, overall and within each EV tier; the lead goes to the member furthest behind on the
 * sum of the two (then first in the pool's order). A weight-2 member gets twice the leads of a weight-1 member, and
 * every member gets their share of high-EV and low-EV leads alike — nobody only the best or only the worst. Over
 * 1,000 leads each member ends within about one lead of its share, overall and per tier.
 */

export interface PoolCounts {
  total: number;
  byTier: Record<string, number>;
}

export function choosePoolMember(
  members: { userId: string; weight: number }[],
  counts: (userId: string) => PoolCounts,
  tier: string,
): string | null {
  const eligible = members.filter((member) => member.weight > 0);
  const weights = eligible.reduce((sum, member) => sum + member.weight, 0);
  if (weights === 0) return null;
  const known = eligible.map((member) => ({ member, count: counts(member.userId) }));
  // What has been handed out among these members so far, this lead included.
  const total = known.reduce((sum, { count }) => sum + count.total, 0) + 1;
  const inTier = known.reduce((sum, { count }) => sum + (count.byTier[tier] ?? 0), 0) + 1;
  let best: { userId: string; owed: number } | null = null;
  for (const { member, count } of known) {
    const share = member.weight / weights;
    const owed = total * share - count.total + (inTier * share - (count.byTier[tier] ?? 0));
    if (!best || owed > best.owed + 1e-9) best = { userId: member.userId, owed };
  }
  return best?.userId ?? null;
}
