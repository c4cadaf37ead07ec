// Routing rules as the admin reads and types them, and back into the contract's RoutingRuleInput.

export const OPERATOR_OPTIONS = [
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

const isNumeric = (text) => text !== '' && Number.isFinite(Number(text));

function scalar(text) {
  const trimmed = text.trim();
  if (trimmed === 'true' || trimmed === 'false') {
    return trimmed === 'true';
  }
  return isNumeric(trimmed) ? Number(trimmed) : trimmed;
}

/** A condition's value as typed: lists comma-separated, ranges as 100..2000. */
export function conditionValueToText(operator, value) {
  if (operator === 'between' && Array.isArray(value)) {
    return `${value[0]}..${value[1]}`;
  }
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  return String(value);
}

/** The value the operator takes, from what was typed; the service says what is wrong with anything else. */
export function conditionValueFromText(operator, text) {
  const typed = String(text ?? '');
  switch (operator) {
    case 'in':
    case 'not_in': {
      const items = typed
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      return items.every(isNumeric) ? items.map(Number) : items;
    }
    case 'between': {
      const [low, high] = typed.split('..').map((end) => end.trim());
      return [isNumeric(low) ? Number(low) : low, isNumeric(high) ? Number(high) : high];
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return isNumeric(typed.trim()) ? Number(typed.trim()) : typed.trim();
    case 'exists':
      return !['false', 'no'].includes(typed.trim().toLowerCase());
    case 'contains':
    case 'starts_with':
      return typed.trim();
    default:
      return scalar(typed);
  }
}

/** Target choices for a rule: the account owner, any user, or (kept as it was) the rule's pool. */
export function targetKey(target) {
  if (target.type === 'user') {
    return `user:${target.userId}`;
  }
  return target.type;
}

export function targetInWords(target, namesById) {
  const name = (id) => namesById[id] || 'a user no longer on the roster';
  switch (target.type) {
    case 'user':
      return name(target.userId);
    case 'pool':
      return `Shared by ${target.members.map((member) => `${name(member.userId)} (${member.weight})`).join(', ')}`;
    default:
      return "The account's owner";
  }
}

/** A rule as the editor keeps it: conditions with their value as text, and the target as a choice key. */
export function toEditable(rule, index) {
  return {
    key: `${rule.id}-${index}`,
    id: rule.id,
    name: rule.name,
    slaMinutes: rule.slaMinutes === null ? '' : rule.slaMinutes,
    skills: rule.skills.join(', '),
    target: rule.target,
    conditions: rule.conditions.map((condition, position) => ({
      key: `c${position}`,
      field: condition.field,
      operator: condition.operator,
      value: conditionValueToText(condition.operator, condition.value),
    })),
  };
}

/** The editor's rule as RoutingRuleInput. */
export function fromEditable(rule) {
  const sla = String(rule.slaMinutes ?? '').trim();
  return {
    id: rule.id,
    name: rule.name.trim(),
    conditions: rule.conditions.map((condition) => ({
      field: condition.field.trim(),
      operator: condition.operator,
      value: conditionValueFromText(condition.operator, condition.value),
    })),
    target: rule.target,
    skills: rule.skills
      .split(',')
      .map((skill) => skill.trim())
      .filter((skill) => skill !== ''),
    slaMinutes: sla === '' ? null : Number(sla),
  };
}

/** An id no rule has: stable ids keep decisions comparable across versions, so new rules get fresh ones. */
export function newRuleId(rules) {
  const taken = new Set(rules.map((rule) => rule.id));
  let number = rules.length + 1;
  while (taken.has(`rule-${number}`)) {
    number += 1;
  }
  return `rule-${number}`;
}
