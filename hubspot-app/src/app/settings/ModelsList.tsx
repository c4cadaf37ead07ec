import {
  Flex,
  Heading,
  LoadingButton,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { ModelVersion } from '@sdr/shared';
import { useState } from 'react';
import { backend } from '../backend/request.ts';
import { useBackend } from '../backend/useBackend.ts';
import { Failure, Loading, Notice } from '../components/PanelStates.tsx';
import { formatDateTime, formatNumber } from './lib/format.ts';
import { SaveFeedback } from './lib/SaveFeedback.tsx';
import { useSave } from '../backend/useSave.ts';

const KINDS: Record<ModelVersion['kind'], string> = {
  icp_rules: 'Profile rules',
  gbm: 'Boosted trees',
  logreg: 'Logistic regression',
};

/** Every model version with its held-out metrics; any version can be made the active one (or rolled back to). */
export function ModelsList() {
  const loaded = useBackend<{ data: ModelVersion[] }>('/v1/models');
  if (loaded.status === 'loading') return <Loading label="Loading the models" />;
  if (loaded.status === 'error')
    return <Failure title="Could not load the models" message={loaded.error.message} onRetry={loaded.reload} />;
  return <ModelsTable initial={loaded.data.data} />;
}

/** The promoted version comes back in the answer: the list is updated here, the success message stays. */
function ModelsTable({ initial }: { initial: ModelVersion[] }) {
  const [models, setModels] = useState(initial);
  const save = useSave();

  async function promote(model: ModelVersion) {
    const done = await save.run(
      () => backend<ModelVersion>(`/v1/models/${encodeURIComponent(model.version)}/promote`, { method: 'POST' }),
      `Version ${model.version} now scores every lead.`,
    );
    if (done)
      setModels((current) =>
        current.map((one) =>
          one.id === done.id ? done : one.status === 'active' ? { ...one, status: 'retired' as const } : one,
        ),
      );
  }

  return (
    <Flex direction="column" gap="md">
      <Heading>Models</Heading>
      {models.length === 0 ? (
        <Notice title="No model yet">Leads are scored with the profile rules above until a model is trained.</Notice>
      ) : (
        <Table bordered>
          <TableHead>
            <TableRow>
              <TableHeader>Version</TableHeader>
              <TableHeader>Kind</TableHeader>
              <TableHeader>ROC AUC</TableHeader>
              <TableHeader>PR AUC</TableHeader>
              <TableHeader>Brier</TableHeader>
              <TableHeader>Top-decile lift</TableHeader>
              <TableHeader>Trained</TableHeader>
              <TableHeader> </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {models.map((model) => (
              <TableRow key={model.id}>
                <TableCell>
                  <Text>{model.version}</Text>
                </TableCell>
                <TableCell>
                  <Text>{KINDS[model.kind]}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatNumber(model.metrics?.rocAuc, 3)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatNumber(model.metrics?.prAuc, 3)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatNumber(model.metrics?.brier, 3)}</Text>
                </TableCell>
                <TableCell>
                  <Text>
                    {model.metrics?.topDecileLift ? `${formatNumber(model.metrics.topDecileLift, 1)}×` : 'Not known'}
                  </Text>
                </TableCell>
                <TableCell>
                  <Text>{formatDateTime(model.trainedAt)}</Text>
                </TableCell>
                <TableCell>
                  {model.status === 'active' ? (
                    <StatusTag variant="success">Active</StatusTag>
                  ) : (
                    <LoadingButton
                      size="sm"
                      onClick={() => promote(model)}
                      disabled={save.saving}
                      loading={save.saving}
                      testId={`promote-${model.version}`}
                    >
                      Make active
                    </LoadingButton>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <SaveFeedback save={save} placed={[]} testId="models" />
    </Flex>
  );
}
