import type { IcpWeight } from '@sdr/shared';
import type { FeatureDefinition, FeatureValue } from './features.ts';
import type { LeadContext } from './lead-context.ts';

/**
 * The cold-start model: the admin's ideal customer profile as points per attribute value. Each 25 points double the
 * odds of converting relative to the tenant's base rate, so the weights read naturally ("+25: twice as likely")
 * and the result is a probability in the same units as a learnt model's.
 */
export const POINTS_PER_DOUBLING = 25;

export interface IcpMatch {
  feature: string;
  label: string;
  shown: string;
  weight: number;
}

function matches(rule: IcpWeight['value'], value: FeatureValue): boolean {
  if (value === null) return false;
  if (Array.isArray(rule)) {
    const n = typeof value === 'number' ? value : Number(value);
    const [min, max] = rule;
    return Number.isFinite(n) && (min === null || n >= min) && (max === null || n <= max);
  }
  if (typeof rule === 'boolean') return String(value).toLowerCase() === (rule ? 'yes' : 'no');
  if (typeof rule === 'number') return Number(value) === rule;
  return String(value).trim().toLowerCase() === rule.trim().toLowerCase();
}

export function icpMatches(
  weights: IcpWeight[],
  definitions: FeatureDefinition[],
  context: LeadContext,
  asOf: Date,
): IcpMatch[] {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const out: IcpMatch[] = [];
  for (const rule of weights) {
    const definition = byKey.get(rule.attribute);
    if (!definition) continue;
    const value = definition.value(context, asOf);
    if (matches(rule.value, value))
      out.push({
        feature: rule.attribute,
        label: definition.label,
        shown: definition.show(value),
        weight: rule.weight,
      });
  }
  return out;
}

/** Log-odds contributions of the matched rules, in the same units as a learnt model's contributions. */
export function icpLogOdds(match: IcpMatch): number {
  return (match.weight / POINTS_PER_DOUBLING) * Math.LN2;
}
