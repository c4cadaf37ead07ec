import type { RoutingCondition, RoutingOperator, RoutingRule, RoutingRuleInput, RoutingTarget } from '@sdr/shared';
import { isNumeric, listFromText, textFromList } from './format.ts';

export const OPERATORS: { label: string; value: RoutingOperator }[] = [
  { label: 'is', value: 'eq' },
  { label: 'is not', value: 'neq' },
  { label: 'is one of', value: 'in' },
  { label: 'is none of', value: 'not_in' },
  { label: 'is more than', value: 'gt' },
  { label: 'is at least', value: 'gte' },
  { label: 'is less than', value: 'lt' },
  { label: 'is at most', value: 'lte' },
  { label: 'is between', value: 'between' },
  { label: 'contains', value: 'contains' },
  { label: 'starts with', value: 'starts_with' },
  { label: 'has a value', value: 'exists' },
];

/** A rule as edited: condition values kept as typed until the rules are sent. */
export interface DraftCondition {
  field: string;
  operator: RoutingOperator;
  value: string;
}
export interface DraftRule {
  id: string;
  name: string;
  conditions: DraftCondition[];
  target: RoutingTarget;
  skills: string[];
  slaMinutes: number | null;
}

/** Lists are typed comma-separated and ranges as 100..2000. */
export function conditionValueToText(value: RoutingCondition['value'], operator: RoutingOperator): string {
  if (operator === 'between' && Array.isArray(value)) return `${value[0]}..${value[1]}`;
  return Array.isArray(value) ? textFromList(value) : String(value);
}

export function conditionValueFromText(text: string, operator: RoutingOperator): RoutingCondition['value'] {
  const typed = text.trim();
  switch (operator) {
    case 'in':
    case 'not_in': {
      const items = listFromText(typed);
      return items.every(isNumeric) ? items.map(Number) : items;
    }
    case 'between': {
      const ends = typed.split('..').map((end) => end.trim());
      return ends.map((end) => (isNumeric(end) ? Number(end) : end));
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return isNumeric(typed) ? Number(typed) : typed;
    case 'exists':
      return !['false', 'no'].includes(typed.toLowerCase());
    case 'contains':
    case 'starts_with':
      return typed;
    default:
      if (typed === 'true' || typed === 'false') return typed === 'true';
      return isNumeric(typed) ? Number(typed) : typed;
  }
}

export function draftOf(rule: RoutingRule): DraftRule {
  return {
    id: rule.id,
    name: rule.name,
    conditions: rule.conditions.map((condition) => ({
      field: condition.field,
      operator: condition.operator,
      value: conditionValueToText(condition.value, condition.operator),
    })),
    target: rule.target,
    skills: rule.skills,
    slaMinutes: rule.slaMinutes,
  };
}

/** Exactly the keys the service accepts: it refuses unknown ones. */
export function inputOf(rule: DraftRule): RoutingRuleInput {
  return {
    id: rule.id,
    name: rule.name.trim(),
    conditions: rule.conditions.map((condition) => ({
      field: condition.field.trim(),
      operator: condition.operator,
      value: conditionValueFromText(condition.value, condition.operator),
    })) as RoutingRuleInput['conditions'],
    target: rule.target,
    skills: rule.skills,
    slaMinutes: rule.slaMinutes,
  };
}

/** A stable id for a new rule, unique within the set: decisions refer to rules by id across versions. */
export function newRuleId(rules: DraftRule[]): string {
  let n = rules.length + 1;
  while (rules.some((rule) => rule.id === `rule-${n}`)) n += 1;
  return `rule-${n}`;
}
