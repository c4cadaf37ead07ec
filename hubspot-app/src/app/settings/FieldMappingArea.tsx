import { Flex, Heading, LoadingButton, Text } from '@hubspot/ui-extensions';
import type { CrmObjectKind, FieldMappingUpdate, FieldMappingView } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading } from '../components/PanelStates.tsx';
import { FeatureFields, type DraftFeature } from './FeatureFields.tsx';
import { MappingFields } from './MappingFields.tsx';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { useSave } from '../backend/useSave.ts';
import { useCrmFields, type CrmField } from './lib/useCrmFields.ts';

type Fields = Record<string, Record<string, string | null>>;

/** What changed from the mapping as loaded: only those go to the service, so defaults stay defaults. */
function changes(before: Fields, after: Fields): Fields {
  const result: Fields = {};
  for (const [object, fields] of Object.entries(after))
    for (const [field, crmField] of Object.entries(fields))
      if ((before[object]?.[field] ?? null) !== crmField) (result[object] ??= {})[field] = crmField;
  return result;
}

/** The fields the form shows, where the service's problems with them appear. */
function placedFields(fields: Fields, scores: Fields, features: DraftFeature[]): string[] {
  const of = (kind: string, map: Fields) =>
    Object.entries(map).flatMap(([object, mapped]) =>
      Object.keys(mapped).map((field) => `body.${kind}.${object}.${field}`),
    );
  return [
    ...of('fields', fields),
    ...of('scores', scores),
    ...features.flatMap((_, i) => ['crmField', 'feature', 'label'].map((field) => `body.features.${i}.${field}`)),
  ];
}

/** Which HubSpot property feeds each field the service reads, where scores are written, and custom features. */
export function FieldMappingArea() {
  const loaded = useBackend<FieldMappingView>('/v1/settings/field-mapping');
  const objects = loaded.status === 'ready' ? (Object.keys(loaded.data.objects) as CrmObjectKind[]) : null;
  const choices = useCrmFields(objects);
  if (loaded.status === 'loading') return <Loading label="Loading the field mapping" />;
  if (loaded.status === 'error')
    return <Failure title="Could not load the field mapping" message={loaded.error.message} onRetry={loaded.reload} />;
  if (choices.status === 'loading') return <Loading label="Reading the HubSpot properties" />;
  if (choices.status === 'error')
    return (
      <Failure title="Could not read the HubSpot properties" message={choices.error.message} onRetry={choices.reload} />
    );
  return <MappingForm view={loaded.data} choices={choices.data} />;
}

function MappingForm({
  view,
  choices,
}: {
  view: FieldMappingView;
  choices: Partial<Record<CrmObjectKind, CrmField[]>>;
}) {
  const initialFields = Object.fromEntries(
    Object.entries(view.objects).map(([object, { fields }]) => [object, fields]),
  );
  const [saved, setSaved] = useState({ fields: initialFields as Fields, scores: view.scores as Fields });
  const [fields, setFields] = useState<Fields>(saved.fields);
  const [scores, setScores] = useState<Fields>(saved.scores);
  const [features, setFeatures] = useState<DraftFeature[]>(view.features);
  const save = useSave();

  async function submit() {
    const fieldChanges = changes(saved.fields, fields);
    const scoreChanges = changes(saved.scores, scores);
    const body: FieldMappingUpdate = {
      ...(Object.keys(fieldChanges).length ? { fields: fieldChanges } : {}),
      ...(Object.keys(scoreChanges).length ? { scores: scoreChanges } : {}),
      features: features.map((feature) => ({
        crmField: feature.crmField.trim(),
        feature: feature.feature.trim(),
        label: feature.label.trim(),
      })),
    } as FieldMappingUpdate;
    const now = await save.run(
      () => backend<FieldMappingView>('/v1/settings/field-mapping', { method: 'PUT', body }),
      'The field mapping is saved. The next sync reads the fields as mapped now.',
    );
    if (now) {
      const nowFields = Object.fromEntries(Object.entries(now.objects).map(([object, { fields }]) => [object, fields]));
      setSaved({ fields: nowFields, scores: now.scores as Fields });
      setFields(nowFields);
      setScores(now.scores as Fields);
      setFeatures(now.features);
    }
  }

  return (
    <Flex direction="column" gap="md">
      <Text>
        Each field the SDR service reads comes from the HubSpot property chosen here; Not read leaves it empty.
      </Text>
      {Object.entries(fields).map(([object, mapped]) => (
        <MappingFields
          key={object}
          title={`${view.objects[object as CrmObjectKind]?.crmObject ?? object}: fields read`}
          prefix={`body.fields.${object}`}
          mapped={mapped}
          choices={choices[object as CrmObjectKind] ?? []}
          empty="Not read"
          errorAt={save.errorAt}
          onChange={(field, crmField) => setFields({ ...fields, [object]: { ...mapped, [field]: crmField } })}
        />
      ))}
      <Heading>Where scores are written</Heading>
      {Object.entries(scores).map(([object, mapped]) => (
        <MappingFields
          key={object}
          title={`${view.objects[object as CrmObjectKind]?.crmObject ?? object}: scores`}
          prefix={`body.scores.${object}`}
          mapped={mapped}
          choices={(choices[object as CrmObjectKind] ?? []).filter((field) => field.updateable)}
          empty="Not written"
          errorAt={save.errorAt}
          onChange={(field, crmField) => setScores({ ...scores, [object]: { ...mapped, [field]: crmField } })}
        />
      ))}
      <FeatureFields features={features} choices={choices} errorAt={save.errorAt} onChange={setFeatures} />
      <Flex direction="row" gap="sm">
        <LoadingButton
          variant="primary"
          onClick={submit}
          loading={save.saving}
          disabled={save.saving}
          testId="save-mapping"
        >
          Save the mapping
        </LoadingButton>
      </Flex>
      <SaveFeedback save={save} placed={placedFields(fields, scores, features)} testId="mapping" />
    </Flex>
  );
}
