import { Button, ButtonRow, Flex, Heading, Input, Select, Text } from '@hubspot/ui-extensions';
import type { CrmObjectKind } from '@sdr/shared';
import type { CrmField } from './lib/useCrmFields.ts';
import { fieldError } from '../backend/useSave.ts';

export interface DraftFeature {
  crmField: string;
  feature: string;
  label: string;
}

/** Custom properties the scoring model may learn from, each under a feature name and a label reps read. */
export function FeatureFields({
  features,
  choices,
  errorAt,
  onChange,
}: {
  features: DraftFeature[];
  choices: Partial<Record<CrmObjectKind, CrmField[]>>;
  errorAt: (field: string) => string | undefined;
  onChange: (features: DraftFeature[]) => void;
}) {
  const custom = Object.values(choices)
    .flat()
    .filter((field) => field.custom);
  const options = [
    ...new Map(
      custom.map((field) => [field.name, { label: `${field.label} (${field.name})`, value: field.name }]),
    ).values(),
  ];
  const set = (index: number, change: Partial<DraftFeature>) =>
    onChange(features.map((feature, i) => (i === index ? { ...feature, ...change } : feature)));
  const at = (index: number, field: keyof DraftFeature) => fieldError(errorAt(`body.features.${index}.${field}`));

  return (
    <Flex direction="column" gap="sm">
      <Heading>Custom fields for scoring</Heading>
      {features.length === 0 ? <Text>None yet: scores use the standard fields only.</Text> : null}
      {features.map((feature, index) => (
        <Flex key={index} direction="row" gap="sm" align="end">
          <Select
            label="HubSpot property"
            name={`feature-field-${index}`}
            value={feature.crmField}
            options={
              options.some((option) => option.value === feature.crmField) || !feature.crmField
                ? options
                : [...options, { label: feature.crmField, value: feature.crmField }]
            }
            onChange={(crmField) => set(index, { crmField: String(crmField) })}
            {...at(index, 'crmField')}
          />
          <Input
            label="Feature"
            name={`feature-key-${index}`}
            placeholder="custom.fleet_size"
            value={feature.feature}
            onChange={(value) => set(index, { feature: value })}
            {...at(index, 'feature')}
          />
          <Input
            label="Label reps see"
            name={`feature-label-${index}`}
            value={feature.label}
            onChange={(label) => set(index, { label })}
            {...at(index, 'label')}
          />
          <Button size="sm" variant="transparent" onClick={() => onChange(features.filter((_, i) => i !== index))}>
            Remove
          </Button>
        </Flex>
      ))}
      <ButtonRow>
        <Button
          size="sm"
          testId="add-feature"
          onClick={() => onChange([...features, { crmField: '', feature: '', label: '' }])}
        >
          Add a custom field
        </Button>
      </ButtonRow>
    </Flex>
  );
}
