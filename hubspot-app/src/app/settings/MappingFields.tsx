import { Flex, Heading, Select } from '@hubspot/ui-extensions';
import type { CrmField } from './lib/useCrmFields.ts';
import { fieldError } from '../backend/useSave.ts';

const NONE = '';

/** One object's fields, each with the HubSpot property that feeds it (or receives it, for scores). */
export function MappingFields({
  title,
  prefix,
  mapped,
  choices,
  empty,
  errorAt,
  onChange,
}: {
  title: string;
  prefix: string;
  mapped: Record<string, string | null>;
  choices: CrmField[];
  empty: string;
  errorAt: (field: string) => string | undefined;
  onChange: (field: string, crmField: string | null) => void;
}) {
  const optionsFor = (current: string | null) => {
    const options = [
      { label: empty, value: NONE },
      ...choices.map((field) => ({ label: `${field.label} (${field.name})`, value: field.name })),
    ];
    // A property the list lacks (deleted in HubSpot, or not readable) stays visible rather than silently cleared.
    if (current && !choices.some((field) => field.name === current))
      options.push({ label: `${current} (not found)`, value: current });
    return options;
  };
  return (
    <Flex direction="column" gap="xs">
      <Heading>{title}</Heading>
      <Flex direction="row" gap="sm" wrap="wrap">
        {Object.entries(mapped).map(([field, crmField]) => (
          <Select
            key={field}
            label={field}
            name={`${prefix}.${field}`}
            value={crmField ?? NONE}
            options={optionsFor(crmField)}
            onChange={(value) => onChange(field, value === NONE ? null : String(value))}
            {...fieldError(errorAt(`${prefix}.${field}`))}
          />
        ))}
      </Flex>
    </Flex>
  );
}
