import type { OpportunityRow } from './lead-context.ts';

/**
 * Expected deal value by company-size segment, learnt from the tenant's won deals: the median amount won in the
 * segment when it has at least three wins, else the median of all wins, else the tenant's default deal value.
 * Medians, because one outsized deal should not make every lead of a segment look rich.
 */
export const SIZE_SEGMENTS = [
  { name: '1–49 employees', max: 49 },
  { name: '50–249 employees', max: 249 },
  { name: '250–999 employees', max: 999 },
  { name: '1,000+ employees', max: Infinity },
] as const;

const MIN_WINS = 3;

export interface DealValues {
  overall: number;
  source: 'won deals' | 'default deal value';
  bySegment: Map<string, number>;
}

export function segmentOf(employees: number | null | undefined): string | null {
  if (employees === null || employees === undefined) return null;
  return SIZE_SEGMENTS.find((segment) => employees <= segment.max)?.name ?? null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function learnDealValues(
  won: (Pick<OpportunityRow, 'amount'> & { employees: number | null })[],
  defaultDealValue: number,
): DealValues {
  const amounts = won
    .map((w) => ({ amount: w.amount ? Number(w.amount) : NaN, segment: segmentOf(w.employees) }))
    .filter((w) => w.amount > 0);
  const overall = amounts.length >= MIN_WINS ? median(amounts.map((a) => a.amount)) : defaultDealValue;
  const bySegment = new Map<string, number>();
  for (const segment of SIZE_SEGMENTS) {
    const inSegment = amounts.filter((a) => a.segment === segment.name).map((a) => a.amount);
    if (inSegment.length >= MIN_WINS) bySegment.set(segment.name, median(inSegment));
  }
  return { overall, source: amounts.length >= MIN_WINS ? 'won deals' : 'default deal value', bySegment };
}

export function dealValueFor(
  values: DealValues,
  employees: number | null | undefined,
): { value: number; segment: string | null } {
  const segment = segmentOf(employees);
  const learnt = segment ? values.bySegment.get(segment) : undefined;
  return learnt !== undefined ? { value: learnt, segment } : { value: values.overall, segment: null };
}
