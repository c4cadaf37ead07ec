import { Button, ButtonRow, Flex, Input, NumberInput, Select, Text, Tile } from '@hubspot/ui-extensions';
import type { RoutingOperator, RoutingTarget, User } from '@sdr/shared';
import { OPERATORS, type DraftCondition, type DraftRule } from './lib/rules.ts';
import { fieldError } from '../backend/useSave.ts';

const KEEP_POOL = 'pool';

function targetKey(target: RoutingTarget): string {
  if (target.type === 'user') return `user:${target.userId}`;
  return target.type;
}

/** One rule: its name, conditions (all must hold), who gets the lead and how soon it must be touched. */
export function RuleFields({
  rule,
  index,
  count,
  users,
  errorAt,
  onChange,
  onRemove,
  onMove,
}: {
  rule: DraftRule;
  index: number;
  count: number;
  users: User[];
  errorAt: (field: string) => string | undefined;
  onChange: (rule: DraftRule) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const targets = [
    { label: "The matched account's owner", value: 'account_owner' },
    ...(rule.target.type === 'pool'
      ? [{ label: `A pool of ${rule.target.members.length} (kept as it is)`, value: KEEP_POOL }]
      : []),
    ...users.filter((user) => user.active).map((user) => ({ label: user.name, value: `user:${user.id}` })),
  ];
  const setTarget = (key: string | number | boolean) => {
    const value = String(key);
    if (value === 'account_owner') onChange({ ...rule, target: { type: 'account_owner' } });
    else if (value.startsWith('user:')) onChange({ ...rule, target: { type: 'user', userId: value.slice(5) } });
  };
  const setCondition = (at: number, change: Partial<DraftCondition>) =>
    onChange({ ...rule, conditions: rule.conditions.map((one, i) => (i === at ? { ...one, ...change } : one)) });

  return (
    <Tile testId={`rule-${rule.id}`}>
      <Flex direction="column" gap="sm">
        <Flex direction="row" gap="sm" wrap="wrap">
          <Input
            label={`Rule ${index + 1}`}
            name={`rule-name-${index}`}
            value={rule.name}
            onChange={(name) => onChange({ ...rule, name })}
            {...fieldError(errorAt('name'))}
          />
          <Select
            label="Goes to"
            name={`rule-target-${index}`}
            value={targetKey(rule.target)}
            options={targets}
            onChange={setTarget}
            {...fieldError(errorAt('target'))}
          />
          <NumberInput
            label="Minutes to first touch"
            name={`rule-sla-${index}`}
            description="Empty: the default"
            value={rule.slaMinutes ?? undefined}
            onChange={(minutes) => onChange({ ...rule, slaMinutes: Number.isFinite(minutes) ? minutes : null })}
            {...fieldError(errorAt('slaMinutes'))}
          />
        </Flex>
        {rule.conditions.length === 0 ? <Text variant="microcopy">No conditions: matches every lead.</Text> : null}
        {rule.conditions.map((condition, at) => (
          <Flex key={at} direction="row" gap="sm" align="end">
            <Input
              label="Field"
              name={`rule-${index}-field-${at}`}
              value={condition.field}
              placeholder="company.country"
              onChange={(field) => setCondition(at, { field })}
              {...fieldError(errorAt(`conditions.${at}.field`))}
            />
            <Select
              label="Test"
              name={`rule-${index}-operator-${at}`}
              value={condition.operator}
              options={OPERATORS}
              onChange={(operator) => setCondition(at, { operator: operator as RoutingOperator })}
              {...fieldError(errorAt(`conditions.${at}.operator`))}
            />
            <Input
              label="Value"
              name={`rule-${index}-value-${at}`}
              value={condition.value}
              description="Lists: GB, IE. Ranges: 100..2000"
              onChange={(value) => setCondition(at, { value })}
              {...fieldError(errorAt(`conditions.${at}.value`))}
            />
            <Button
              variant="transparent"
              size="sm"
              onClick={() => onChange({ ...rule, conditions: rule.conditions.filter((_, i) => i !== at) })}
            >
              Remove
            </Button>
          </Flex>
        ))}
        <ButtonRow>
          <Button
            size="sm"
            testId={`add-condition-${index}`}
            onClick={() =>
              onChange({ ...rule, conditions: [...rule.conditions, { field: '', operator: 'eq', value: '' }] })
            }
          >
            Add a condition
          </Button>
          <Button size="sm" disabled={index === 0} onClick={() => onMove(-1)}>
            Move up
          </Button>
          <Button size="sm" disabled={index === count - 1} onClick={() => onMove(1)}>
            Move down
          </Button>
          <Button size="sm" variant="destructive" onClick={onRemove} testId={`remove-rule-${index}`}>
            Remove the rule
          </Button>
        </ButtonRow>
      </Flex>
    </Tile>
  );
}
