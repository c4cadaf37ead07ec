import type { RoutingCondition, RoutingField, RoutingRule } from '@sdr/shared';

/** The values routing conditions read: the lead, its company and its latest score, by field name. */
export interface RoutingContext {
  lead: Record<string, unknown> & { customFields?: Record<string, unknown> | null };
  company: (Record<string, unknown> & { customFields?: Record<string, unknown> | null }) | null;
  score: Record<string, unknown> | null;
}

export function fieldValue(context: RoutingContext, field: RoutingField): unknown {
  const [scope, name, custom] = field.split('.');
  const source = scope === 'lead' ? context.lead : scope === 'company' ? context.company : context.score;
  if (!source || !name) return null;
  if (name === 'customFields')
    return custom ? ((source.customFields as Record<string, unknown> | null | undefined)?.[custom] ?? null) : null;
  return (source as Record<string, unknown>)[name] ?? null;
}

const lower = (value: unknown) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
const numberOf = (value: unknown) => {
  if (typeof value === 'number') return value;
  // Decimals come from the database as objects that print as numbers.
  const parsed = typeof value === 'string' || typeof value === 'object' ? Number(String(value)) : Number.NaN;
  return Number.isFinite(parsed) ? parsed : null;
};

/** Whether a value passes a condition; a missing value fails every operator but `exists`. Text ignores case. */
export function conditionHolds(condition: RoutingCondition, value: unknown): boolean {
  const missing = value === null || value === undefined || value === '';
  if (condition.operator === 'exists') return condition.value === !missing;
  if (missing) return false;
  const expected = condition.value;
  switch (condition.operator) {
    case 'eq':
      return lower(value) === lower(expected) || numberOf(value) === expected;
    case 'neq':
      return !(lower(value) === lower(expected) || numberOf(value) === expected);
    case 'in':
      return (expected as (string | number)[]).some((item) => lower(item) === lower(value) || item === numberOf(value));
    case 'not_in':
      return !(expected as (string | number)[]).some(
        (item) => lower(item) === lower(value) || item === numberOf(value),
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const n = numberOf(value);
      if (n === null) return false;
      const limit = expected as number;
      return condition.operator === 'gt'
        ? n > limit
        : condition.operator === 'gte'
          ? n >= limit
          : condition.operator === 'lt'
            ? n < limit
            : n <= limit;
    }
    case 'between': {
      const n = numberOf(value);
      const [min, max] = expected as [number, number];
      return n !== null && n >= min && n <= max;
    }
    case 'contains':
      return String(lower(value)).includes(String(lower(expected)));
    case 'starts_with':
      return String(lower(value)).startsWith(String(lower(expected)));
  }
}

export function ruleMatches(rule: Pick<RoutingRule, 'conditions'>, context: RoutingContext): boolean {
  return rule.conditions.every((condition) => conditionHolds(condition, fieldValue(context, condition.field)));
}
