import {
  Button,
  Divider,
  Flex,
  Heading,
  Input,
  LoadingButton,
  NumberInput,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { TenantSettings, TenantSettingsPatch } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { icpValueFromText, icpValueToText } from './lib/icp.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { fieldError, useSave } from '../backend/useSave.ts';
import { ModelsList } from './ModelsList.tsx';

type Scoring = TenantSettings['scoring'];
interface RuleRow {
  attribute: string;
  value: string;
  weight: number;
}

/** Scoring settings and the trained models, one above the other. */
export function ScoringArea() {
  return (
    <Flex direction="column" gap="lg">
      <ScoringSettings />
      <Divider />
      <ModelsList />
    </Flex>
  );
}

/** Hot and warm thresholds, the rules used before a model is trained, and what counts as a conversion. */
export function ScoringSettings() {
  const loaded = useBackend<TenantSettings>('/v1/settings');
  if (loaded.status === 'loading') return <Loading label="Loading the scoring settings" />;
  if (loaded.status === 'error')
    return (
      <Failure title="Could not load the scoring settings" message={loaded.error.message} onRetry={loaded.reload} />
    );
  return <ScoringForm initial={loaded.data.scoring} />;
}

const PLACED = [
  'body.scoring.evTiers',
  'body.scoring.conversionWindowDays',
  'body.scoring.defaultDealValue',
  'body.scoring.coldStartMinOutcomes',
  'body.scoring.icpWeights',
];

function ScoringForm({ initial }: { initial: Scoring }) {
  const [scoring, setScoring] = useState(initial);
  const [rules, setRules] = useState<RuleRow[]>(() =>
    initial.icpWeights.map((rule) => ({ ...rule, value: icpValueToText(rule.value) })),
  );
  const save = useSave();
  const at = (field: string) => fieldError(save.errorAt(`body.scoring.${field}`));
  const setNumber = (key: 'conversionWindowDays' | 'defaultDealValue' | 'coldStartMinOutcomes') => (value: number) =>
    setScoring((current) => ({ ...current, [key]: value }));
  const setTier = (tier: 'hot' | 'warm') => (value: number) =>
    setScoring((current) => ({ ...current, evTiers: { ...current.evTiers, [tier]: value } }));
  const setRule = (index: number, change: Partial<RuleRow>) =>
    setRules((current) => current.map((rule, i) => (i === index ? { ...rule, ...change } : rule)));

  async function submit() {
    const patch: TenantSettingsPatch = {
      scoring: {
        evTiers: scoring.evTiers,
        conversionWindowDays: scoring.conversionWindowDays,
        defaultDealValue: scoring.defaultDealValue,
        coldStartMinOutcomes: scoring.coldStartMinOutcomes,
        icpWeights: rules.map((rule) => ({
          attribute: rule.attribute.trim(),
          value: icpValueFromText(rule.value),
          weight: rule.weight,
        })),
      },
    };
    const saved = await save.run(
      () => backend<TenantSettings>('/v1/settings', { method: 'PATCH', body: patch }),
      'The scoring settings are saved. Leads are scored with them from now on.',
    );
    if (saved) setScoring(saved.scoring);
  }

  return (
    <Flex direction="column" gap="md">
      <Heading>Scoring</Heading>
      <Flex direction="row" gap="md" wrap="wrap">
        <NumberInput
          label="Hot from (EV)"
          name="hot"
          value={scoring.evTiers.hot}
          min={1}
          max={100}
          onChange={setTier('hot')}
          {...at('evTiers.hot')}
        />
        <NumberInput
          label="Warm from (EV)"
          name="warm"
          value={scoring.evTiers.warm}
          min={0}
          max={99}
          onChange={setTier('warm')}
          {...at('evTiers.warm')}
        />
        <NumberInput
          label="Conversion window (days)"
          name="conversionWindowDays"
          value={scoring.conversionWindowDays}
          onChange={setNumber('conversionWindowDays')}
          {...at('conversionWindowDays')}
        />
        <NumberInput
          label={`Deal value when unknown (${scoring.currency})`}
          name="defaultDealValue"
          value={scoring.defaultDealValue}
          onChange={setNumber('defaultDealValue')}
          {...at('defaultDealValue')}
        />
        <NumberInput
          label="Outcomes needed to train a model"
          name="coldStartMinOutcomes"
          value={scoring.coldStartMinOutcomes}
          onChange={setNumber('coldStartMinOutcomes')}
          {...at('coldStartMinOutcomes')}
        />
      </Flex>
      <Heading>Ideal customer profile</Heading>
      <Text variant="microcopy">
        Used until a model is trained. Values: a word (Logistics), a number, true or false, or a range such as 100..2000
        (50.. has no upper end).
      </Text>
      <Table bordered>
        <TableHead>
          <TableRow>
            <TableHeader>Field</TableHeader>
            <TableHeader>Value</TableHeader>
            <TableHeader>Points</TableHeader>
            <TableHeader> </TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {rules.map((rule, index) => (
            <TableRow key={index}>
              <TableCell>
                <Input
                  label="Field"
                  name={`icp-attribute-${index}`}
                  value={rule.attribute}
                  placeholder="company.industry"
                  onChange={(attribute) => setRule(index, { attribute })}
                  {...at(`icpWeights.${index}.attribute`)}
                />
              </TableCell>
              <TableCell>
                <Input
                  label="Value"
                  name={`icp-value-${index}`}
                  value={rule.value}
                  onChange={(value) => setRule(index, { value })}
                  {...at(`icpWeights.${index}.value`)}
                />
              </TableCell>
              <TableCell>
                <NumberInput
                  label="Points"
                  name={`icp-weight-${index}`}
                  value={rule.weight}
                  min={-100}
                  max={100}
                  onChange={(weight) => setRule(index, { weight })}
                  {...at(`icpWeights.${index}.weight`)}
                />
              </TableCell>
              <TableCell>
                <Button
                  variant="transparent"
                  testId={`remove-icp-${index}`}
                  onClick={() => setRules((current) => current.filter((_, i) => i !== index))}
                >
                  Remove
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Flex direction="row" gap="sm">
        <Button
          testId="add-icp"
          onClick={() => setRules((current) => [...current, { attribute: '', value: '', weight: 10 }])}
        >
          Add a rule
        </Button>
        <LoadingButton
          variant="primary"
          onClick={submit}
          loading={save.saving}
          disabled={save.saving}
          testId="save-scoring"
        >
          Save scoring
        </LoadingButton>
      </Flex>
      <SaveFeedback save={save} placed={PLACED} testId="scoring" />
    </Flex>
  );
}
