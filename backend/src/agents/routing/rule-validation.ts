import type { FieldError, RoutingCondition, RoutingRuleInput } from '@sdr/shared';

/**
 * What the schema cannot see in a rule set: pools of nobody the tenant has (or nobody active), conditions that can
 * never hold together, bands that overlap another rule's, and rules no lead can reach. Every problem is reported,
 * with where it is, so an admin fixes them in one pass; a set with problems is refused whole. Rules are tried in
 * order until one matches and yields an eligible SDR, so a later rule is unreachable only when it repeats an earlier one.
 */

/** A range of numbers; an open end excludes its bound (gt, lt). */
interface Interval {
  min: number;
  max: number;
  minOpen: boolean;
  maxOpen: boolean;
}

const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte', 'between', 'eq']);
const ALL: Interval = { min: -Infinity, max: Infinity, minOpen: false, maxOpen: false };

/** The range of numbers a condition allows, or null when it is not a numeric bound. */
function intervalOf(condition: RoutingCondition): Interval | null {
  const value = condition.value;
  if (condition.operator === 'between')
    return Array.isArray(value) ? { ...ALL, min: Number(value[0]), max: Number(value[1]) } : null;
  if (typeof value !== 'number') return null;
  switch (condition.operator) {
    case 'gt':
      return { ...ALL, min: value, minOpen: true };
    case 'gte':
      return { ...ALL, min: value };
    case 'lt':
      return { ...ALL, max: value, maxOpen: true };
    case 'lte':
      return { ...ALL, max: value };
    case 'eq':
      return { ...ALL, min: value, max: value };
    default:
      return null;
  }
}

function intersect(a: Interval, b: Interval): Interval {
  const low = a.min > b.min ? a : b.min > a.min ? b : { min: a.min, minOpen: a.minOpen || b.minOpen };
  const high = a.max < b.max ? a : b.max < a.max ? b : { max: a.max, maxOpen: a.maxOpen || b.maxOpen };
  return { min: low.min, minOpen: low.minOpen, max: high.max, maxOpen: high.maxOpen };
}

const isEmpty = (interval: Interval) =>
  interval.min > interval.max || (interval.min === interval.max && (interval.minOpen || interval.maxOpen));

/** Each field's allowed range in a rule (the intersection of its numeric conditions). */
function bandsOf(conditions: RoutingCondition[]): Map<string, Interval> {
  const bands = new Map<string, Interval>();
  for (const condition of conditions) {
    if (!NUMERIC.has(condition.operator)) continue;
    const interval = intervalOf(condition);
    if (!interval) continue;
    const known = bands.get(condition.field);
    bands.set(condition.field, known ? intersect(known, interval) : interval);
  }
  return bands;
}

const show = (interval: Interval) =>
  `${Number.isFinite(interval.min) ? interval.min : '−∞'}–${Number.isFinite(interval.max) ? interval.max : '∞'}`;

/** The conditions of a rule other than its numeric bands, as a comparable key. */
function otherConditions(conditions: RoutingCondition[]): string {
  return JSON.stringify(
    conditions
      .filter((condition) => !(NUMERIC.has(condition.operator) && intervalOf(condition)))
      .map((condition) => [condition.field, condition.operator, condition.value])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
  );
}

export function ruleSetProblems(
  rules: RoutingRuleInput[],
  users: { id: string; active: boolean; skills: string[] }[],
): FieldError[] {
  const problems: FieldError[] = [];
  const known = new Map(users.map((user) => [user.id, user.active]));
  const skillsOf = new Map(users.map((user) => [user.id, new Set(user.skills.map((skill) => skill.toLowerCase()))]));
  const at = (index: number, rest = '') => `body.rules.${index}${rest}`;
  const bands = rules.map((rule) => bandsOf(rule.conditions));
  // Computed once: rule sets run to hundreds of rules, each compared with every earlier one.
  const others = rules.map((rule) => otherConditions(rule.conditions));
  const keys = rules.map((rule, index) => JSON.stringify([others[index], [...bands[index]!], rule.target]));

  rules.forEach((rule, index) => {
    const target = rule.target;
    if (target.type === 'user') {
      if (!known.has(target.userId))
        problems.push({ field: at(index, '.target.userId'), message: 'no user with this id' });
      else if (!known.get(target.userId))
        problems.push({ field: at(index, '.target.userId'), message: 'this user is inactive' });
    }
    if (target.type === 'pool') {
      target.members.forEach((member, m) => {
        if (!known.has(member.userId))
          problems.push({ field: at(index, `.target.members.${m}.userId`), message: 'no user with this id' });
      });
      if (!target.members.some((member) => known.get(member.userId)))
        problems.push({ field: at(index, '.target.members'), message: 'the pool has no active member: empty pool' });
    }
    const named =
      target.type === 'user' ? [target.userId] : target.type === 'pool' ? target.members.map((m) => m.userId) : [];
    const skills = rule.skills ?? [];
    if (skills.length > 0 && named.length > 0) {
      const able = named.filter((id) => skills.every((skill) => skillsOf.get(id)?.has(skill.toLowerCase())));
      if (able.length === 0)
        problems.push({
          field: at(index, '.skills'),
          message: `nobody the rule names has all of ${skills.join(', ')}: the rule can never assign a lead`,
        });
    }
    for (const [field, interval] of bands[index]!)
      if (isEmpty(interval))
        problems.push({
          field: at(index, '.conditions'),
          message: `no value of ${field} meets all of this rule's conditions: the rule can never match`,
        });
    // A rule is tried only when every rule before it matched nothing or yielded nobody; one that asks the same as
    // an earlier rule and targets the same SDRs can never decide anything that one did not.
    const twin = keys.findIndex((key, e) => e < index && key === keys[index]);
    if (twin >= 0)
      problems.push({
        field: at(index),
        message: `unreachable: rule ${rules[twin]!.id} before it has the same conditions and target`,
      });
    // Bands of the same field in rules that otherwise ask the same: they must not overlap, or which rule a lead
    // on the boundary gets is down to order alone.
    for (let e = 0; e < index; e += 1) {
      if (others[e] !== others[index]) continue;
      const mine = bands[index]!;
      const theirs = bands[e]!;
      if (mine.size !== 1 || theirs.size !== 1) continue;
      const [field, a] = [...mine][0]!;
      const b = theirs.get(field);
      if (!b || isEmpty(a) || isEmpty(b)) continue;
      const overlap = intersect(a, b);
      const same = JSON.stringify(a) === JSON.stringify(b);
      if (!isEmpty(overlap) && !same)
        problems.push({
          field: at(index, '.conditions'),
          message: `${field} band ${show(a)} overlaps rule ${rules[e]!.id}'s ${show(b)} (${show(overlap)})`,
        });
    }
  });
  return problems;
}
