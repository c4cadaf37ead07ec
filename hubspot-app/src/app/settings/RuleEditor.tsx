import { Button, ButtonRow, Flex, LoadingButton, Text } from '@hubspot/ui-extensions';
import type { RoutingRuleSet, RoutingSimulation, User } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { draftOf, inputOf, newRuleId, type DraftRule } from './lib/rules.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { useSave } from '../backend/useSave.ts';
import { RuleFields } from './RuleFields.tsx';
import { SimulationResult } from './SimulationResult.tsx';

/** The fields the editor shows, where the service's problems with them appear. */
function placedFields(rules: DraftRule[]): string[] {
  return rules.flatMap((rule, i) => [
    ...['name', 'target', 'slaMinutes'].map((field) => `body.rules.${i}.${field}`),
    ...rule.conditions.flatMap((_, c) =>
      ['field', 'operator', 'value'].map((field) => `body.rules.${i}.conditions.${c}.${field}`),
    ),
  ]);
}

/**
 * The next version of the rules, starting from the one that is on. Rules are tried in order, so they can be moved;
 * a dry run on recent leads shows who would get them before anything is saved.
 */
export function RuleEditor({
  base,
  users,
  onSaved,
}: {
  base: RoutingRuleSet | null;
  users: User[];
  onSaved: (set: RoutingRuleSet) => void;
}) {
  const [rules, setRules] = useState<DraftRule[]>(() => (base?.rules ?? []).map(draftOf));
  const [simulation, setSimulation] = useState<RoutingSimulation | null>(null);
  const save = useSave();

  const change = (index: number, rule: DraftRule) =>
    setRules((current) => current.map((one, i) => (i === index ? rule : one)));
  const remove = (index: number) => setRules((current) => current.filter((_, i) => i !== index));
  const move = (index: number, by: -1 | 1) =>
    setRules((current) => {
      const next = [...current];
      const [rule] = next.splice(index, 1);
      next.splice(index + by, 0, rule!);
      return next;
    });
  const add = () =>
    setRules((current) => [
      ...current,
      {
        id: newRuleId(current),
        name: '',
        conditions: [],
        target: { type: 'account_owner' },
        skills: [],
        slaMinutes: null,
      },
    ]);

  async function simulate() {
    setSimulation(null);
    const result = await save.run(
      () =>
        backend<RoutingSimulation>('/v1/routing/simulate', {
          method: 'POST',
          body: { rules: rules.map(inputOf), leads: 500 },
        }),
      'Dry run finished: nothing was assigned.',
    );
    if (result) setSimulation(result);
  }

  async function saveVersion(activate: boolean) {
    const saved = await save.run(
      () =>
        backend<RoutingRuleSet>('/v1/routing/rule-sets', {
          method: 'POST',
          body: { rules: rules.map(inputOf), activate },
        }),
      activate ? 'Saved and turned on: new leads are routed with these rules.' : 'Saved. Turn it on below when ready.',
    );
    if (saved) onSaved(saved);
  }

  return (
    <Flex direction="column" gap="md">
      <Text>{base ? `Editing a copy of version ${base.version}. Rules are tried from the top.` : 'No rules yet.'}</Text>
      {rules.map((rule, index) => (
        <RuleFields
          key={rule.id}
          rule={rule}
          index={index}
          count={rules.length}
          users={users}
          errorAt={(field) => save.errorAt(`body.rules.${index}.${field}`)}
          onChange={(next) => change(index, next)}
          onRemove={() => remove(index)}
          onMove={(by) => move(index, by)}
        />
      ))}
      <ButtonRow>
        <Button onClick={add} testId="add-rule">
          Add a rule
        </Button>
        <LoadingButton onClick={simulate} loading={save.saving} disabled={save.saving} testId="simulate">
          Try on recent leads
        </LoadingButton>
        <LoadingButton
          onClick={() => saveVersion(false)}
          loading={save.saving}
          disabled={save.saving}
          testId="save-rules"
        >
          Save as a new version
        </LoadingButton>
        <LoadingButton
          variant="primary"
          onClick={() => saveVersion(true)}
          loading={save.saving}
          disabled={save.saving}
          testId="save-and-activate"
        >
          Save and turn on
        </LoadingButton>
      </ButtonRow>
      <SaveFeedback save={save} placed={placedFields(rules)} testId="rules" />
      {simulation ? <SimulationResult simulation={simulation} /> : null}
    </Flex>
  );
}
